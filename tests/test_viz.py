"""draw_dot, svg() და plot_svg(): სტრუქტურა, სისუფთავე და ერთნაირი გამოსავალი ყოველ გაშვებაზე.

The site's frame around these figures (classes, tabindex, min-width) is tested in test_site.py.
"""

import os
import re
import subprocess
import sys
import textwrap

import pytest

from micrograd.engine import Value
from micrograd.viz import draw_dot, draw_svg, svg, trace

LECTURE = """
from micrograd import Value
a = Value(2.0, label="a"); b = Value(-3.0, label="b"); c = Value(10.0, label="c")
e = a * b; e.label = "e"; d = e + c; d.label = "d"
f = Value(-2.0, label="f"); L = d * f; L.label = "L"
L.backward()
"""


def lecture_graph():
    scope = {}
    exec(LECTURE, scope)
    return scope["L"]


def run_twice(code):
    """The same script in two fresh processes with different hash seeds; returns both stdouts."""
    outs = []
    for hashseed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hashseed}
        result = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            env=env,
            capture_output=True,
            check=True,
        )
        outs.append(result.stdout)
    assert len(outs[0]) > 500
    return outs


def test_trace_is_topological_and_ordered():
    a, b = Value(1.0), Value(2.0)
    c = a * b
    d = c + a
    nodes, edges = trace(d)
    assert nodes == [a, b, c, d]
    assert edges == [(a, c), (b, c), (c, d), (a, d)]
    nodes, edges = trace(a * a)
    assert len(nodes) == 2 and len(edges) == 1


def test_draw_dot_structure():
    L = lecture_graph()
    dot = draw_dot(L)
    src = dot.source
    assert "rankdir=LR" in src
    assert dot.format == "svg"
    assert src.count("shape=record") == 7
    assert "{ a | data 2.0000 | grad 6.0000 }" in src
    assert "{ L | data -8.0000 | grad 1.0000 }" in src
    assert src.count('[label="*"]') == 2 and src.count('[label="+"]') == 1
    assert str(id(L)) not in src
    assert draw_dot(L, rankdir="TB").source.count("rankdir=TB") == 1


def test_draw_dot_same_source_for_equal_graphs():
    assert draw_dot(lecture_graph()).source == draw_dot(lecture_graph()).source


def test_record_label_is_escaped():
    v = Value(1.0, label="a|b{c}")
    src = draw_dot(v).source
    assert r"a\|b\{c\}" in src
    out = draw_svg(v)
    assert ">a|b{c}</text>" in out
    assert out.count("<polyline") == 2  # three fields: label | data | grad


def test_svg_is_clean_inline_svg():
    """Graphviz's SVG text -> one bare <svg>: no site classes or wrapper (the site adds those)."""
    text = draw_dot(lecture_graph()).pipe(format="svg", encoding="utf-8")
    out = svg(text)
    assert out == draw_svg(lecture_graph())
    assert out.startswith("<svg ") and out.endswith("</svg>\n") and out.count("<svg") == 1
    for bad in ("<?xml", "<!DOCTYPE", "<!--", "<title>", 'stroke="black"', 'fill="black"'):
        assert bad not in out
    assert 'fill="white"' not in out and not re.search(r' id="(graph|node|edge)\d+"', out)
    assert 'stroke="currentColor"' in out and '<text fill="currentColor"' in out
    assert "viewBox=" in out and re.search(r'<svg width="\d+pt"', out)
    for site in ("mg-figure", "mg-graph", "tabindex", "max-width"):
        assert site not in out, f"{site}: the site's frame, not the package's"


def test_arrows_go_from_inputs_to_the_operation_to_the_result():
    """c = a * b: a -> *, b -> *, * -> c; never from the result back to its operation."""
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    c.label = "c"
    src = draw_dot(c).source
    node = {label: name for name, label in re.findall(r'^\s*(\S+) \[label="\{ (\w+) \|', src, re.M)}
    (op,) = re.findall(r'^\s*(\S+) \[label="\*"\]', src, re.M)
    edges = set(re.findall(r"^\s*(\S+) -> (\S+)", src, re.M))
    assert edges == {(node["a"], op), (node["b"], op), (op, node["c"])}


def test_svg_keeps_georgian_labels():
    x = Value(0.5, label="შემავალი")
    out = draw_svg(x.tanh())
    assert ">შემავალი</text>" in out  # the letters themselves, readable and searchable
    assert "&#" not in out, "Georgian letters became character references"


def test_svg_missing_dot_gives_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="apt-get install graphviz") as info:
        draw_svg(Value(1.0))
    assert "make system-deps" in str(info.value) and "Graphviz-ის" in str(info.value)


def test_graphviz_measures_text_with_liberation_serif():
    """dot sizes the boxes by its font's metrics; the committed notebooks were drawn with
    Liberation Serif (Times' metrics). Another font gives other SVG and stale-looking notebooks."""
    try:
        found = subprocess.run(["fc-match", "Times"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        found = "fc-match not installed"
    assert "Liberation Serif" in found, (
        f"Times resolves to {found.strip()!r}: run `make system-deps` "
        "(apt-get install fonts-liberation)"
    )


def test_draw_svg_identical_across_processes():
    first, second = run_twice(LECTURE + "from micrograd.viz import draw_svg\nprint(draw_svg(L))")
    assert first == second
    assert b"grad 6.0000" in first


def test_trace_deep_graph():
    x = Value(1.0)
    y = x
    for _ in range(100_000):
        y = y + 1.0
    nodes, edges = trace(y)
    assert len(nodes) == 200_001 and len(edges) == 200_000
    assert nodes[0] is x and nodes[-1] is y


PLOT = """
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from micrograd.viz import plot_svg
fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([-3, 0, 3], [-1, 0, 1], label="tanh")
ax.set_title("ჰიპერბოლური ტანგენსი")
ax.legend()
print(plot_svg(fig))
"""


def test_plot_svg_clean():
    scope = {}
    exec(PLOT.replace("print(plot_svg(fig))", "out = plot_svg(fig); plt.close(fig)"), scope)
    out = scope["out"]
    assert out.startswith("<svg ") and out.endswith("</svg>\n") and out.count("<svg") == 1
    for bad in ("<?xml", "<!DOCTYPE", "<!--", "<metadata>", "#000000", "#ffffff", "mg-"):
        assert bad not in out
    assert "currentColor" in out and "viewBox=" in out and "font-family: inherit" in out


def test_plot_svg_identical_across_processes():
    first, second = run_twice(PLOT)
    assert first == second


def test_import_micrograd_is_light():
    code = "import sys, micrograd, micrograd.nn, micrograd.viz; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_two_plots_on_one_page_share_no_ids():
    """ერთ გვერდზე ორი გრაფიკი: ყველა id უნიკალურია და ყველა მიმართვა თავის ნახატს ეძებს."""
    import re

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from micrograd.viz import plot_svg

    pages = []
    for k in (1, 2):
        fig, ax = plt.subplots()
        ax.plot([0, 1, 2], [0, k, 4 * k], marker="o")
        pages.append(plot_svg(fig))
        plt.close(fig)
    html = "".join(pages)
    ids = re.findall(r' id="([^"]+)"', html)
    assert ids, "markers and clip paths need ids"
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for page in pages:
        own = set(re.findall(r' id="([^"]+)"', page))
        refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', page))
        assert refs <= own


def test_graph_svg_draws_any_graphviz_graph():
    """neuron.md's schematic is a hand-made Digraph: graph_svg gives it the same clean SVG."""
    import graphviz

    from micrograd.viz import graph_svg

    g = graphviz.Digraph()
    g.edge("x1", "sum", label="× w1")
    out = graph_svg(g)
    assert out.startswith("<svg") and "<?xml" not in out
    assert ">× w1</text>" in out and 'class="edge"' in out


# ---------------------------------------------------------------- backward_steps, draw_steps


def random_graph(seed, size=25):
    """A random graph with every kind of node the engine makes, shared nodes and diamonds;
    the same seed gives the same graph (fresh Value objects each call)."""
    import random

    rng = random.Random(seed)
    made = [Value(rng.uniform(-2, 2), label=f"v{i}") for i in range(4)]
    for i in range(4, size):
        x, y = rng.choice(made), rng.choice(made[-5:])  # reuse: one node, many parents
        kind = rng.randrange(9)
        if kind == 0:
            v = x + y
        elif kind == 1:
            v = x * y
        elif kind == 2:
            v = x ** rng.choice([2, 3, -1]) if abs(x.data) > 0.1 else x * 1.5
        elif kind == 3:
            v = x.tanh()
        elif kind == 4:
            v = x.exp() if x.data < 5 else x.tanh()
        elif kind == 5:
            v = x.relu()
        elif kind == 6:
            v = x - y
        elif kind == 7:
            v = x * x  # the same child twice
        else:
            v = x + 2.0  # a constant leaf
        v.label = f"v{i}"
        made.append(v)
    root = sum(made[-6:], made[-7])  # several roots joined: more than one path to a node
    root.label = "root"
    return root


def engine_order(root):
    """The order in which the real backward() calls each node's _backward (observed by the test)."""
    nodes, _ = trace(root)
    called = []
    original = {v: v._backward for v in nodes}

    def recording(v):
        return lambda: (called.append(v), original[v]())

    for v in nodes:
        v._backward = recording(v)
    root.backward()
    for v in nodes:
        v._backward = original[v]
    return [nodes.index(v) for v in called], [v.grad for v in nodes]


@pytest.mark.parametrize("seed", range(30))
def test_backward_steps_follow_the_engine(seed):
    from micrograd.viz import backward_steps

    order, grads = engine_order(random_graph(seed))
    root = random_graph(seed)
    nodes, _ = trace(root)
    closures = [v._backward for v in nodes]
    steps = backward_steps(root)
    kinds = [s.kind for s in steps]
    n = len(nodes)
    assert kinds == ["forward"] * n + ["seed"] + ["backward"] * n
    index = {v: i for i, v in enumerate(nodes)}
    # the engine's order: _backward calls as backward() made them; forward is its reverse
    assert [index[s.node] for s in steps[n + 1 :]] == order
    assert [index[s.node] for s in steps[:n]] == order[::-1]
    # replaying the trace's writes from the grads before backward() ends at backward()'s grads
    replay = [0.0] * n
    for s in steps:
        for v, (before, after) in s.grads.items():
            assert replay[index[v]] == before, (s.text, v.label)
            replay[index[v]] = after
    assert replay == grads
    assert [v.grad for v in nodes] == grads  # it was the real backward()
    assert [v._backward for v in nodes] == closures  # and every node has its own closure back
    # each step's arithmetic adds up to what the engine wrote
    for s in steps[n + 1 :]:
        added = {}
        for part in filter(None, s.text.split("; ")):
            if ".grad +=" not in part:
                continue
            name = part.split(".grad +=")[0]
            name = name[1:-1] if name.startswith("(") else name
            number = float(part.rsplit("=", 1)[1].replace("−", "-"))
            added[name] = added.get(name, 0.0) + number
        changed = {
            v.label or f"#{index[v]}": after - before for v, (before, after) in s.grads.items()
        }
        assert added.keys() == changed.keys(), s.text
        for name, value in added.items():
            assert value == pytest.approx(changed[name], rel=1e-3, abs=1e-3), s.text


def test_every_engine_operation_has_step_text():
    """Each method of Value that makes a node is called; each operation in the result must have
    its Georgian text (an operation without one makes backward_steps fail)."""
    import inspect

    from micrograd.viz import backward_steps

    ops = set()
    for name, method in vars(Value).items():
        if not callable(method) or name in {"__init__", "__repr__", "backward"}:
            continue
        params = len(inspect.signature(method).parameters)
        x = Value(0.5, label="x")
        args = [] if params == 1 else [2 if name in {"__pow__"} else Value(2.0, label="y")]
        out = method(x, *args)
        assert isinstance(out, Value), name
        out.label = out.label or "out"
        ops |= {v._op for v in trace(out)[0]}
        steps = backward_steps(out)  # raises for an operation without text
        assert all(s.text for s in steps), name
    assert {"", "+", "*", "**2", "**-1", "tanh", "exp", "ReLU"} <= ops, ops


def test_an_operation_without_text_fails():
    from micrograd.viz import backward_steps

    x = Value(1.0, label="x")
    y = Value(0.84, (x,), "sin", label="y")
    with pytest.raises(ValueError, match="sin"):
        backward_steps(y)


def test_step_texts_of_the_lecture():
    from micrograd.examples import lecture_L, lecture_neuron
    from micrograd.viz import backward_steps

    texts = [s.text for s in backward_steps(lecture_L().L)]
    assert texts[2] == "e = a · b = 2.0 · (−3.0) = −6.0"
    assert texts[10] == "e.grad += d.grad · 1 = −2.0; c.grad += d.grad · 1 = −2.0"
    assert texts[11].startswith("c ფოთოლია")
    assert texts[12] == ("a.grad += b.data · e.grad = (−3.0) · (−2.0) = 6.0; "
                         "b.grad += a.data · e.grad = 2.0 · (−2.0) = −4.0")  # fmt: skip
    texts = [s.text for s in backward_steps(lecture_neuron().o)]
    assert "n.grad += (1 − o.data²) · o.grad = (1 − 0.7071²) · 1.0 = 0.5" in texts


def labels_at(svg_text, step):
    """Python's replay of the page script: the labels of a draw_steps SVG at `step`."""
    import html
    import json

    data = json.loads(html.unescape(re.search(r"data-steps='([^']*)'", svg_text)[1]))
    known, grads = {}, dict(enumerate(data["g0"]))
    for _, _, writes in data["s"][1 : step + 1]:
        for node, kind, value in writes:
            (known if kind == "d" else grads)[node] = value
    out = []
    for m in re.finditer(r'<g class="node (mg-[no])(\d+)">(.*?)</g>', svg_text, re.S):
        for text in re.findall(r"<text[^>]*>([^<]*)</text>", m[3]):
            text = html.unescape(text)
            if m[1] == "mg-n" and text.startswith("data "):
                text = f"data {known.get(int(m[2]), '?')}"
            elif m[1] == "mg-n" and text.startswith("grad "):
                text = f"grad {grads[int(m[2])]}"
            out.append(text)
    return out, len(data["s"]) - 1


def test_draw_steps_starts_empty_and_ends_as_drawn_after_backward():
    from micrograd.examples import lecture_L
    from micrograd.viz import draw_steps

    out = draw_steps(lecture_L().L)
    L = lecture_L().L
    L.backward()
    drawn = re.findall(r"<text[^>]*>([^<]*)</text>", draw_svg(L))
    start = [t.replace("&#45;", "-") for t in re.findall(r"<text[^>]*>([^<]*)</text>", out)]
    assert [t for t in start if t.startswith("data")] == ["data ?"] * 7
    assert {t for t in start if t.startswith("grad")} == {"grad 0.0000"}
    end, last = labels_at(out, 10**6)
    assert last == 15
    assert end == [t.replace("&#45;", "-") for t in drawn]
    assert labels_at(out, 0)[0] == start
    # every value node, op node and edge knows its node; ids and titles are gone
    assert len(re.findall(r'class="node mg-n\d+"', out)) == 7
    assert len(re.findall(r'class="node mg-o\d+"', out)) == 3
    assert len(re.findall(r'class="edge mg-e\d+"', out)) == 9
    assert "<title>" not in out and ' id="' not in out


def test_trace_of_the_lecture_fits_its_budget():
    """The lecture's L: its embedded trace (the data-steps attribute, as in the page) <= 3 KB."""
    from micrograd.examples import lecture_L
    from micrograd.viz import draw_steps

    attr = re.search(r"data-steps='([^']*)'", draw_steps(lecture_L().L))[1]
    assert len(attr.encode()) <= 3 * 1024, len(attr.encode())
