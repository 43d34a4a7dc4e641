"""უსაფრთხოების წესი (Content-Security-Policy, hooks/csp.py) ბრაუზერში.

As in test_instant.py and test_runner.py, the browser opens the production address (`site_url`)
and every request is answered from the built site, so instant navigation is on. An init script
records every `securitypolicyviolation` event of each document; console errors are collected too.
The first test walks a reader through load, search, instant navigation, a run that redraws a
graph and a notebook page: not one violation. The second runs a reader's code that tries to reach
another host from the runner's worker: the policy blocks it before any request leaves (the route
handler of the `published` fixture never sees it), and the reader sees the error as text.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SITE_URL
from tests.browser.test_runner import LOADING, block, output, replace_code, run

pytestmark = pytest.mark.browser

RECORD = """
window.__mgViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__mgViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}`));
"""


def recording(published):
    """გვერდი გამოქვეყნებულ მისამართზე (`published` fixture), რომელიც დარღვევებს იწერს."""
    visit = published()
    visit.page.add_init_script(RECORD)
    return visit


def violations(page) -> list[str]:
    return page.evaluate("window.__mgViolations")


def test_every_page_carries_the_policy(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text("utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert meta, f"{path} has no policy"
        csp = meta[1]
        assert "'unsafe-eval'" not in csp and "'wasm-unsafe-eval'" in csp
        script_src = re.search(r"script-src ([^;]+)", csp)[1]
        assert "'unsafe-inline'" not in script_src and "http" not in csp
        assert "object-src 'none'" in csp and "base-uri 'self'" in csp
        # the policy comes before every script and stylesheet of the page
        assert text.index(meta[0]) < min(text.index("<script"), text.index("<link"))


def test_no_violation_while_reading(published):
    visit = recording(published)
    page, requests = visit.page, visit.requests
    page.goto(SITE_URL + "backprop/")
    page.wait_for_function("() => window.document$ !== undefined")
    page.wait_for_timeout(300)

    # search (Material's search worker)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("გრადიენტი")
    box.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    page.keyboard.press("Escape")

    # a run that redraws a graph (the runner's worker, Pyodide, viz.js, DOMPurify)
    assert "მზადაა" in run(page, "backprop-graph")
    assert block(page, "backprop-graph").locator("[data-run-output] svg.mg-graph").count() == 1

    # instant navigation to the next lesson, and from there to a notebook page
    page.evaluate("window.__mgSameDocument = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(r"/neuron/$"))
    block(page, "neuron-build").wait_for()
    assert page.evaluate("window.__mgSameDocument === true"), "instant navigation is off"
    page.locator("p.mg-notebook a", has_text="notebook საიტზე").click()
    page.wait_for_url(re.compile(r"/notebooks/neuron/$"))
    page.locator(".jupyter-wrapper").first.wait_for(state="attached")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__mgSameDocument === true"), "instant navigation is off"
    assert not violations(page), violations(page)

    # a notebook page loaded on its own (its inline scripts, MathML, JupyterLab's styles)
    page.goto(SITE_URL + "notebooks/backprop/")
    page.locator(".jupyter-wrapper").first.wait_for(state="attached")
    page.wait_for_timeout(500)
    assert not violations(page), violations(page)
    assert not visit.console_errors, visit.console_errors
    assert all(u.startswith(SITE_URL) for u in requests)


REACH_OUT = {
    "js-fetch": 'from js import fetch\nr = await fetch("https://example.org/")\nprint(r.status)\n',
    "pyfetch": (
        "import pyodide.http\n"
        'r = await pyodide.http.pyfetch("https://example.org/")\n'
        "print(await r.string())\n"
    ),
}


def test_a_reader_cannot_reach_another_host(published):
    visit = recording(published)
    page, requests = visit.page, visit.requests
    page.goto(SITE_URL + "backprop/")
    for name, code in REACH_OUT.items():
        replace_code(page, "backprop-build", code)
        status = run(page, "backprop-build", timeout=LOADING)
        text = output(page, "backprop-build")
        assert "შეცდომა" in status, (name, status, text)
        # the reader sees why, as text: the browser refused the request
        assert "Failed to fetch" in text or "NetworkError" in text, (name, text)
    # the policy stopped it inside the browser: no request to example.org was ever made
    assert not [u for u in requests if "example.org" in u], requests
    # CodeMirror's own style, added when the code was edited, is allowed
    assert not visit.console_errors, visit.console_errors

    # the same block with the lesson's own code still runs
    block(page, "backprop-build").get_by_role("button", name="საწყისი კოდი").click()
    assert "მზადაა" in run(page, "backprop-build", timeout=30_000)
