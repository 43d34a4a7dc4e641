"""PyTorch gives the numbers micrograd gives (docs/pytorch.md's listings, run for real).

torch is an optional extra (`pip install -e ".[torch]"`, CPU build): `make test-torch` installs
it and runs this file, and `.ci/run` runs that target. Without torch, the skip below names where
the check lives, so `make test` never skips it silently.

The page shows torch's output in ```` ```pycon title="PyTorch" ```` blocks, which the lessons'
collector (conftest.py) leaves to this file: they run here as doctests, in document order, in
one namespace where each `examples/` listing shown above them has run (the page reads as one
PyTorch session).
"""

import contextlib
import doctest
import io
import math
import re
import runpy
import struct

import pytest

from micrograd.engine import Value
from micrograd.nn import MLP
from tests.conftest import ROOT
from tooling import lessons

torch = pytest.importorskip(
    "torch", reason="torch is not installed: `make test-torch` installs it and runs this check"
)

EXAMPLES = ROOT / "examples"


def run(name):
    """Run examples/<name> as a script: (its globals, what it printed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        globs = runpy.run_path(str(EXAMPLES / name), run_name="__main__")
    return globs, out.getvalue()


def micrograd_neuron(b=6.8813735870195432):
    x1, x2, w1, w2 = Value(2.0), Value(0.0), Value(-3.0), Value(1.0)
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    return {"o": o.data, "x1": x1.grad, "w1": w1.grad, "x2": x2.grad, "w2": w2.grad}


PAGE = ROOT / "docs" / "pytorch.md"
LISTING = re.compile(r'--8<-- "examples/(?P<file>[\w.]+):')


def test_page_shows_what_torch_prints():
    """Every `pycon title="PyTorch"` block of docs/pytorch.md, after the listings above it."""
    globs: dict = {"__name__": "__main__"}
    ran = []
    for fence in lessons.read(PAGE):
        listing = LISTING.search(fence.body) if fence.lang == "python" else None
        if listing:
            globs.update(run(listing["file"])[0])
        elif fence.torch:
            test = doctest.DocTestParser().get_doctest(
                fence.body, globs, f"pytorch.md:{fence.line}", str(PAGE), fence.line - 1
            )
            report: list[str] = []
            flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
            runner = doctest.DocTestRunner(optionflags=flags)
            result = runner.run(test, out=report.append, clear_globs=False)
            assert not result.failed, "".join(report)
            ran.append(fence.line)
    assert len(ran) >= 4, ran  # the neuron, float32, the training, the second backward()


def test_torch_runs_in_double_precision():
    globs, _ = run("pytorch_neuron.py")
    assert globs["o"].dtype == torch.float64
    assert torch.get_default_dtype() == torch.float32  # the listing asks for float64 itself


def test_neuron_gradients_equal_micrograd():
    globs, _ = run("pytorch_neuron.py")
    ours = micrograd_neuron()
    theirs = {"o": globs["o"].item()}
    theirs |= {name: globs[name].grad.item() for name in ("x1", "w1", "x2", "w2")}
    for name, value in ours.items():
        assert math.isclose(theirs[name], value, rel_tol=1e-12, abs_tol=1e-15), name
    assert globs["w2"].grad.item() == 0.0


def test_float32_would_differ_in_the_last_digits():
    """docs/pytorch.md: the lecture's torch.Tensor([...]) is float32 before .double()."""
    b32 = struct.unpack("f", struct.pack("f", 6.8813735870195432))[0]
    lecture = torch.tanh(
        torch.Tensor([2.0]).double() * -3.0 + torch.Tensor([6.8813735870195432]).double()
    )
    assert lecture.item() == pytest.approx(micrograd_neuron(b32)["o"], rel=1e-15)
    assert abs(lecture.item() - micrograd_neuron()["o"]) > 1e-8


def test_torch_nn_training_equals_micrograd_training():
    globs, _ = run("pytorch_mlp.py")
    assert sum(p.numel() for p in globs["net"].parameters()) == 41
    xs, ys = globs["xs"], globs["ys"]
    model = MLP(3, [4, 4, 1], seed=42)
    ours = []
    for _ in range(20):
        loss = sum((model(x) - y) ** 2 for x, y in zip(xs, ys, strict=True))
        model.zero_grad()
        loss.backward()
        for p in model.parameters():
            p.data += -0.1 * p.grad
        ours.append(loss.data)
    assert len(globs["losses"]) == 20
    for k, (theirs, mine) in enumerate(zip(globs["losses"], ours, strict=True)):
        assert math.isclose(theirs, mine, rel_tol=1e-12), (
            f"step {k}: torch {theirs}, micrograd {mine}"
        )
