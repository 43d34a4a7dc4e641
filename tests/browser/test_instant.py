"""მყისიერი გადასვლა (instant navigation), როგორც GitHub Pages-ზე.

Material's instant navigation only takes over links that are in the sitemap, and it compares them
by protocol, host name and path, not port: on `127.0.0.1:PORT` every click is a full page load, so
the other browser tests never see it. Here the browser opens the production address (`site_url`
from mkdocs.yml) and Playwright answers every request from the built site, so clicks go through
instant navigation exactly as for a student on the published site. Nothing reaches the network.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE_DEVICE, SITE_URL

pytestmark = pytest.mark.browser


def _same_document(page) -> bool:
    """True while no full page load happened since `_mark(page)`."""
    return page.evaluate("window.__mgSameDocument === true")


def _mark(page):
    page.evaluate("window.__mgSameDocument = true")


def _follow(page, link):
    before = page.url
    link.click()
    page.wait_for_function("u => location.href !== u", arg=before)
    page.wait_for_load_state()
    page.locator("article h1").first.wait_for()


def test_instant_navigation_keeps_lessons_and_notebooks_whole(published):
    visit = published(**PHONE_DEVICE)  # ტელეფონის ზომის გვერდი გამოქვეყნებულ მისამართზე
    page, errors, requests = visit.page, visit.console_errors, visit.requests
    page.goto(SITE_URL + "derivative/")
    page.wait_for_function("() => window.document$ !== undefined")  # Material's JS is running
    page.wait_for_timeout(500)  # as a reader would: it has set up its scroll and link handlers
    _mark(page)

    # the footer's "next" link: the next lesson arrives without a page load
    _follow(page, page.locator("a.md-footer__link--next"))
    assert _same_document(page), "the footer link reloaded the page: instant navigation is off"
    # exactly the page: with `navigation.tracking` the old page's section (#savarjishoebi, the
    # last section of every lesson) stuck to the new URL a moment later, and a copied link (or a
    # reload) opened the exercises. Give such a late rewrite time to happen.
    page.wait_for_timeout(1500)
    assert page.url == SITE_URL + "derivative-many-inputs/", page.url
    assert page.locator("article math").count() > 0, "formulas lost after instant navigation"

    # to the lesson's notebook page: its JupyterLab stylesheet must arrive with it
    _follow(page, page.locator(".mg-notebook a", has_text="notebook საიტზე"))
    assert _same_document(page)
    assert "/notebooks/" in page.url, page.url
    notebook_rules = """() => [...document.styleSheets]
        .filter(s => (s.href || '').endsWith('/notebooks.css')).map(s => s.cssRules.length)"""
    try:  # the stylesheet arrives after the page's content: wait for it to load
        page.wait_for_function(f"() => ({notebook_rules})().some(n => n > 100)", timeout=5_000)
    except Exception:
        rules = page.evaluate(notebook_rules)
        pytest.fail(f"notebooks.css not applied after instant navigation: {rules}")

    # back to the lesson, then on to one with a graph (the Python lesson has none; Value has):
    # figures are drawn and have a size
    _follow(page, page.locator(".mg-notebook a", has_text="გაკვეთილი"))
    _follow(page, page.locator("a.md-footer__link--next"))
    _follow(page, page.locator("a.md-footer__link--next"))
    assert _same_document(page)
    assert page.url == SITE_URL + "value/", page.url
    boxes = page.eval_on_selector_all(
        "article svg.mg-graph, article svg.mg-plot",
        "svgs => svgs.map(s => s.getBoundingClientRect().width)",
    )
    assert boxes and min(boxes) > 50, f"{page.url}: figures missing or empty: {boxes}"

    assert not errors, errors
    offsite = [u for u in requests if not u.startswith(SITE_URL)]
    assert not offsite, f"requests that left the site: {offsite}"
