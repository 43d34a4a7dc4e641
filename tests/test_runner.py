"""გვერდზე გაშვების აწყობის ნაწილი (hooks/runner.py), ბრაუზერის გარეშე.

Which blocks get a „გაშვება“ button: the browser's Python has micrograd and graphviz but no numpy
or matplotlib, so a block that needs them, directly or through a name that such a block made,
gets a note instead, and is skipped when a later block's session runs. (The browser side:
tests/browser/test_runner.py; the page-load budget, runner.js included: tests/test_stepper.py.)
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hooks.runner import blocks_of

ROOT = Path(__file__).resolve().parent.parent

LESSON = """
```python exec="on" session="s" source="above" result="text" id="setup"
from micrograd import Value
a = Value(2.0)
```

```python exec="on" session="s" html="true" source="above" id="plot"
import matplotlib.pyplot as plt
xs = [1, 2]
fig, ax = plt.subplots()
```

```python exec="on" session="s" source="above" result="text" id="uses-plot"
print(len(xs))
```

```python exec="on" session="s" source="above" result="text" id="rebinds"
xs = [a.data]
print(xs)
```

??? success "ამოხსნა"

    ```python exec="on" session="s" source="above" result="text" id="nested"
    print(a.data + xs[0])
    ```

```python exec="on" session="s" id="hidden"
from micrograd.viz import plot_svg
print(plot_svg)
```

```python exec="on" source="above" result="text" id="alone"
import numpy as np
```
"""


def test_blocks_that_need_numpy_or_matplotlib_get_no_button():
    blocks = {b.id: b for b in blocks_of(LESSON)}
    assert list(blocks) == ["setup", "plot", "uses-plot", "rebinds", "nested", "hidden", "alone"]
    clean = {name: b.clean for name, b in blocks.items()}
    assert clean == {
        "setup": True,
        "plot": False,  # imports matplotlib
        "uses-plot": False,  # reads xs, which the plot block made
        "rebinds": True,  # makes its own xs first
        "nested": True,  # inside an admonition, same session
        "hidden": False,  # plot_svg needs matplotlib
        "alone": False,
    }
    assert blocks["plot"].needs == "matplotlib" and blocks["alone"].needs == "numpy"
    assert [b.mode for b in blocks.values()][:3] == ["text", "html", "text"]
    assert blocks["hidden"].mode == "markdown" and not blocks["hidden"].shown
    assert blocks["nested"].code == "print(a.data + xs[0])\n"


def test_every_shown_block_runs_or_says_why(built_site):
    """In the built pages: a button for each runnable block, a note for each other shown one."""
    from tests.conftest import nav_files

    problems = []
    for name in nav_files():
        if not name.endswith(".md"):
            continue
        blocks = blocks_of((ROOT / "docs" / name).read_text("utf-8"))
        page = name.removesuffix(".md")
        html_path = built_site / ("index.html" if page == "index" else f"{page}/index.html")
        text = html_path.read_text("utf-8")
        runnable = [b.id for b in blocks if b.shown and b.clean]
        wrapped = re.findall(r'data-run-block="([^"]+)"', text)
        if wrapped != runnable:
            problems.append(f"{name}: buttons on {wrapped}, runnable {runnable}")
        editable = text.count('contenteditable="plaintext-only"')
        if editable != len(runnable):
            problems.append(f"{name}: {editable} editable code blocks for {len(runnable)}")
        notes = text.count('class="mg-run-note"')
        if notes != sum(b.shown and not b.clean for b in blocks):
            problems.append(f"{name}: {notes} notes")
        if runnable and not (built_site / f"assets/runner/pages/{page}.json").is_file():
            problems.append(f"{name}: no assets/runner/pages/{page}.json")
    assert not problems, problems
    manifest = json.loads((built_site / "assets/runner/manifest.json").read_text("utf-8"))
    for path in manifest["files"]:
        assert (built_site / "assets/runner" / path).is_file(), path


@pytest.mark.parametrize(
    ("code", "reads"),
    [
        # a for loop binds its name, and what its body assigns, before the body reads it
        ("for lr in rates:\n    history = train(lr)\n    print(history[-1])\n", {"rates", "train"}),
        ("for x in xs:\n    total = x\nprint(total)\n", {"xs"}),
        # a with statement binds `as` before its body
        ("with open_it() as f:\n    print(f)\n", {"open_it"}),
        # a comprehension's loop name is its own, also in its condition and nested loops
        ("ys = [x * 2 for x in xs if x]\n", {"xs"}),
        ("zs = {k: v for k, v in pairs}\nprint(zs)\n", {"pairs"}),
        ("print(sum(a - b for a, b in zip(history, history[1:])))\n", {"history"}),
        # an assignment's value is read before its target is bound
        ("x = x + 1\n", {"x"}),
        ("x += 1\n", {"x"}),
        ("(n := len(xs))\nprint(n)\n", {"xs"}),
        # a function's body reads, when it runs, what it does not make itself
        ("def f(a):\n    h = []\n    h.append(a + w)\n    return h\nprint(f(1))\n", {"w"}),
        ("g = lambda v: v * k\n", {"k"}),
        ("try:\n    pass\nexcept ValueError as err:\n    print(err)\n", set()),
    ],
)
def test_names_a_block_binds_before_reading_are_its_own(code, reads):
    from hooks.runner import _names

    assert _names(code)[1] == reads


def test_names_bound_only_inside_a_comprehension_or_function_are_not_the_blocks():
    from hooks.runner import _names

    binds, _, _ = _names("ys = [x for x in range(3)]\ndef f(a):\n    local = a\n    return local\n")
    assert binds == {"ys", "f"}


def test_a_loop_that_binds_a_plot_blocks_name_gets_a_button():
    """training.md's learning-rate exercise: `history` is the loop's, not the plot block's."""
    page = (
        '```python exec="on" session="t" html="true" source="above" id="plot"\n'
        "import matplotlib.pyplot as plt\nfor lr, history in runs.items():\n    plt.plot(history)\n"
        "```\n\n"
        '```python exec="on" session="t" source="above" result="text" id="lr"\n'
        "for lr in (0.05, 0.2):\n    history = train(lr)\n    print(history[-1])\n```\n"
    )
    clean = {b.id: b.clean for b in blocks_of(page)}
    assert clean == {"plot": False, "lr": True}


# run.py in this Python: viz.js's render is the system's `dot`, as in the build
_RUN_IN_PYTHON = """
import asyncio, json, runpy, subprocess, sys, types

def render(source, engine, fmt):
    dot = subprocess.run([engine, "-T" + fmt], input=source, capture_output=True, text=True)
    return dot.stdout

sys.modules["mg_viz"] = types.SimpleNamespace(render=render)
import tooling.figure
sys.modules["mg_figure"] = tooling.figure  # worker.js writes tooling/figure.py as mg_figure
run = runpy.run_path("runner/src/run.py", run_name="mg_run")["run"]
print(json.dumps(asyncio.run(run(json.loads(sys.stdin.read())))))  # run() is async (await)
"""


def test_the_runner_frames_a_graph_with_the_builds_function(built_site):
    """One figure frame: a graph block run as the page's worker runs it (run.py, framed by
    tooling/figure.py) gives the same frame, byte for byte, as the built page."""
    import subprocess
    import sys

    blocks = blocks_of((ROOT / "docs" / "backprop.md").read_text("utf-8"))
    target = next(b for b in blocks if b.id == "backprop-graph")
    chain = [[b.id, b.code] for b in blocks if b.session == target.session and b.clean]
    chain = chain[: [name for name, _ in chain].index(target.id) + 1]
    result = subprocess.run(
        [sys.executable, "-c", _RUN_IN_PYTHON],
        input=json.dumps(chain), cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ran = json.loads(result.stdout)
    assert not ran["error"], ran["error"]
    ((svg, framed),) = ran["figures"]
    assert svg in ran["out"]  # app.js finds the drawing in the printed text by it
    page = (built_site / "backprop" / "index.html").read_text("utf-8")
    region = page[page.index('data-run-block="backprop-graph"') :]
    built = re.search(r'<div class="mg-figure".*?</svg>\n</div>', region, re.S)[0]
    assert framed == built
