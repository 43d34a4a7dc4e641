"""უკუგავლა ნაბიჯ-ნაბიჯ: აწყობის ნაწილი (hooks/stepper.py) და ბიუჯეტები, ბრაუზერის გარეშე.

The engine's side (backward_steps, draw_steps) is tested in test_viz.py; the page's side in
tests/browser/test_stepper.py.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path

from hooks.site import figure
from hooks.stepper import on_page_content
from micrograd.engine import Value
from micrograd.viz import draw_steps
from tooling.config import mkdocs_config

ROOT = Path(__file__).resolve().parent.parent
STEPPERS = {"backprop": "lecture_L", "manual-backprop": "neuron", "backward": "neuron"}


def test_frame_around_the_figure():
    x = Value(-1.0, label="x")
    y = (x * 2).relu()  # ReLU's text has `>`: it must stay inside the attribute
    y.label = "y"
    page = on_page_content("<p>before</p>\n" + figure(draw_steps(y)) + "\n<p>after</p>", page=None)
    assert page.startswith("<p>before</p>\n") and page.endswith("\n<p>after</p>")
    frame = page.removeprefix("<p>before</p>\n").removesuffix("\n<p>after</p>")
    assert frame.startswith('<div class="mg-stepper" data-backprop-stepper data-step="0"')
    assert frame.count("<svg") == 3 and 'class="mg-graph"' in frame  # the graph and two icons
    assert re.findall(r'data-step-go="(\w+)"', frame) == ["first", "prev", "next", "last"]
    assert ">◀ წინა<" in frame and ">შემდეგი ▶<" in frame
    steps = json.loads(html.unescape(re.search(r"data-steps='([^']*)'", frame)[1]))["s"]
    assert f"ნაბიჯი 0 / {len(steps) - 1}<" in frame
    assert any("(y.data > 0)" in text for _, text, _ in steps)
    assert f'aria-live="polite">{html.escape(steps[0][1])}</p>' in frame


def test_page_load_scripts_fit_the_budget():
    """The one page-load budget (issues 20, 22, 24): every script mkdocs.yml's extra_javascript
    puts on every page, gzipped (-9), <= 5 KB together. Everything else is a module the small
    scripts import on first use (`javascripts/<name>/`), never in extra_javascript."""
    scripts = [str(s) for s in mkdocs_config()["extra_javascript"]]
    for needed in ["runner", "teacher", "tables", "stepper", "offline"]:
        assert f"javascripts/{needed}.js" in scripts, needed
    assert not [s for s in scripts if s.count("/") > 1], "a lazy module loads with the page"
    sizes = {s: len(gzip.compress((ROOT / "docs" / s).read_bytes(), 9)) for s in scripts}
    assert sum(sizes.values()) <= 5 * 1024, sizes
    lazy = (ROOT / "docs/javascripts/stepper/steps.js").read_bytes()
    assert len(gzip.compress(lazy, 9)) <= 2 * 1024


def test_page_load_scripts_import_their_modules_from_the_site():
    """Each `javascripts/<name>/<module>.js` a page-load script names exists, is a module (it
    exports what the script calls) and is same-origin (a relative URL, CSP `script-src 'self'`)."""
    docs = ROOT / "docs" / "javascripts"
    named = {}
    for script in sorted(docs.glob("*.js")):
        for path in re.findall(r'new URL\("(\w+/\w+\.js)"', script.read_text("utf-8")):
            named[path] = script.name
    for path in [
        "stepper/steps.js",
        "offline/save.js",
        "teacher/sheet.js",
        "tables/scroll.js",
        "exercises/check.js",
    ]:
        assert path in named, path
    for path, script in named.items():
        module = (docs / path).read_text("utf-8")
        calls = set(re.findall(r"\(m\) => m\.(\w+)\(", (docs / script).read_text("utf-8")))
        exported = set(re.findall(r"^export (?:async )?function (\w+)", module, re.M))
        assert calls <= exported, (script, path, calls - exported)


def test_built_pages_embed_their_traces(built_site):
    for page in STEPPERS:
        text = (built_site / page / "index.html").read_text("utf-8")
        assert text.count("data-backprop-stepper") == 1, page
        attr = re.search(r"data-steps='([^']*)'", text)[1]
        json.loads(html.unescape(attr))
        if STEPPERS[page] == "lecture_L":
            assert len(attr.encode()) <= 3 * 1024, len(attr.encode())
