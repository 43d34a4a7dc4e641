"""კოდის გაშვება გვერდზე (hooks/runner.py): Pyodide Web Worker-ში, ისე როგორც მკითხველი ხედავს.

As in test_instant.py, the browser opens the production address (`site_url`) and every request is
answered from the built site, so Material's instant navigation is on and nothing reaches the
network. Two tests, because each first click loads Python (several seconds): the first follows a
reader who runs, edits and navigates; the second one who writes bad code.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SITE_URL

pytestmark = pytest.mark.browser

RUNTIME = re.compile(r"/assets/runner/(?!.*\.json$)|\.wasm$|pyodide", re.I)
LOADING = 90_000  # ms: the first click downloads and starts Python (≈ 7 MB)


def block(page, block_id):
    return page.locator(f'[data-run-block="{block_id}"]')


def output(page, block_id) -> str:
    """The output area's text, as the build wrote it or as the last run replaced it."""
    return block(page, block_id).locator("[data-run-output]").evaluate("e => e.textContent")


def printed(page, block_id) -> str:
    """The text of the output's code boxes (`<pre>`), exactly."""
    return (
        block(page, block_id)
        .locator("[data-run-output]")
        .evaluate("e => [...e.querySelectorAll('pre')].map(p => p.textContent).join('')")
    )


def run(page, block_id, timeout=LOADING):
    """Click „გაშვება“ and wait for the run to end (the status says ready or error)."""
    b = block(page, block_id)
    b.get_by_role("button", name="გაშვება").click()
    return finish(page, block_id, timeout)


def finish(page, block_id, timeout=LOADING):
    status = block(page, block_id).locator("[data-run-status]")
    status.filter(has_text=re.compile("მზადაა|შეცდომა|ვერ გაეშვა")).wait_for(timeout=timeout)
    return status.inner_text()


def replace_code(page, block_id, code):
    """Click into the code (the editor, CodeMirror, replaces it), select all, type `code`."""
    b = block(page, block_id)
    b.locator("code[contenteditable], .cm-content").first.click()
    b.locator(".cm-content").wait_for()
    b.locator(".cm-content").press("ControlOrMeta+a")
    page.keyboard.insert_text(code)


# the figure's frame without its size: the box's attributes, the drawing's class and style
FRAME = """e => {
  const box = e.querySelector('.mg-figure'), svg = box.querySelector('svg');
  const least = /min-width: ([\\d.]+)(pt|px);/.exec(svg.getAttribute('style'));
  const width = parseFloat(svg.getAttribute('width'));
  return [box.getAttributeNames().sort().map((n) => n + '=' + box.getAttribute(n)),
          svg.getAttribute('class'), svg.getAttribute('style').replace(least[0], ''),
          Math.abs(Number(least[1]) - width * 0.5) <= 0.5];
}"""


def test_run_edit_and_navigate(published):
    visit = published()
    page, requests = visit.page, visit.requests
    page.goto(SITE_URL + "backprop/")
    page.wait_for_function("() => window.document$ !== undefined")
    build_text = printed(page, "backprop-build")
    build_graph = block(page, "backprop-graph").locator("svg").inner_html()
    build_frame = block(page, "backprop-graph").locator("[data-run-output]").evaluate(FRAME)
    assert not [u for u in requests if RUNTIME.search(u) and "runner.js" not in u], (
        "Pyodide, wasm or the editor was requested before the first click"
    )

    # keyboard only: from the code, Tab reaches „გაშვება“; Ctrl+Enter in the code runs the block
    code = block(page, "backprop-build").locator("code[contenteditable]")
    code.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "გაშვება" in focused, focused
    code.focus()
    page.keyboard.press("Control+Enter")
    assert "მზადაა" in finish(page, "backprop-build")
    # an unchanged block prints exactly what the build printed
    assert printed(page, "backprop-build") == build_text

    # a number changed upstream reaches a later block's graph
    source = block(page, "backprop-build").locator("code[contenteditable]").text_content()
    assert "lecture_L()" in source
    edited = source.replace("lecture_L()", "lecture_L(a=5.0)")
    replace_code(page, "backprop-build", edited)
    assert "მზადაა" in run(page, "backprop-graph", timeout=30_000)
    graph = block(page, "backprop-graph").locator("[data-run-output] svg.mg-graph")
    assert "data 5.0000" in graph.text_content()
    assert graph.inner_html() != build_graph
    # one figure frame: the worker frames with the build's function (tooling/figure.py)
    run_frame = block(page, "backprop-graph").locator("[data-run-output]").evaluate(FRAME)
    assert run_frame == build_frame and run_frame[-1] is True, (run_frame, build_frame)

    # instant navigation to the next lesson: its blocks run in the same worker
    page.evaluate("window.__mgSameDocument = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(r"/neuron/$"))
    block(page, "neuron-build").wait_for()
    assert page.evaluate("window.__mgSameDocument === true"), "the footer link reloaded the page"
    build_text = printed(page, "neuron-build")
    assert "მზადაა" in run(page, "neuron-build", timeout=30_000)
    assert printed(page, "neuron-build") == build_text
    wasm = [u for u in requests if u.endswith(".wasm")]
    assert len(wasm) == 1, f"Python was loaded again after instant navigation: {wasm}"


def test_stop_errors_and_untrusted_output(published):
    page = published().page
    page.goto(SITE_URL + "backprop/")
    b = block(page, "backprop-graph")
    stop = b.get_by_role("button", name="შეჩერება")
    assert stop.is_hidden()

    # an endless loop: the page stays responsive, „შეჩერება“ ends it, the next run works
    replace_code(page, "backprop-graph", "while True:\n    pass\n")
    b.get_by_role("button", name="გაშვება").click()
    stop.wait_for(state="visible")
    b.locator("[data-run-status]").filter(has_text="მუშაობს").wait_for(timeout=LOADING)
    page.wait_for_timeout(500)
    assert page.evaluate("1 + 1") == 2  # the page itself is not frozen
    stop.click()
    stop.wait_for(state="hidden")
    assert "შეჩერებულია" in output(page, "backprop-graph")

    # the traceback counts the lines of the block as the reader sees it
    replace_code(page, "backprop-graph", "x = 1\n\nprint(draw_svg(L)) / 0\n")
    assert "შეცდომა" in run(page, "backprop-graph")
    text = output(page, "backprop-graph")
    assert 'File "backprop-graph", line 3' in text, text
    assert "TypeError" in text and "mg_run" not in text, text
    replace_code(page, "backprop-graph", "print(1\n")
    assert "შეცდომა" in run(page, "backprop-graph", timeout=30_000)
    assert "SyntaxError" in output(page, "backprop-graph")

    # reader input never becomes HTML; only draw_svg's figure does (html="true" block)
    replace_code(page, "backprop-graph", 'print("<img src=x onerror=alert(1)><b>bold</b>")\n')
    assert "მზადაა" in run(page, "backprop-graph", timeout=30_000)
    assert b.locator("[data-run-output] img, [data-run-output] b").count() == 0
    assert "<img src=x" in output(page, "backprop-graph")

    # megabytes of output are cut, with a note
    replace_code(page, "backprop-graph", 'for i in range(100_000):\n    print("x" * 100)\n')
    assert "მზადაა" in run(page, "backprop-graph", timeout=30_000)
    text = output(page, "backprop-graph")
    assert len(text) < 200_000 and "ძალიან გრძელია" in text, len(text)

    # reset: the original code and the build's output come back
    b.get_by_role("button", name="საწყისი კოდი").click()
    page.wait_for_function(
        "() => document.querySelector('[data-run-block=\"backprop-graph\"] [data-run-output] svg')"
    )
    assert b.locator(".cm-content").text_content() == "print(draw_svg(L))"
