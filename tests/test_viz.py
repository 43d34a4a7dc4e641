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
