"""პირველი გაშვება: Python-ი იწყება, როცა მკითხველი გაშვებას აპირებს, არა გვერდის ჩატვირთვისას.

docs/javascripts/runner.js starts Python (app.js, the worker, Pyodide) on intent: focus or a click
in a block's code, or the pointer resting on „გაშვება“; never on page load, and never early when
the reader asked the browser to save data (`navigator.connection.saveData`).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import SITE_URL, answer_from, poll
from tests.browser.test_runner import block, run

pytestmark = pytest.mark.browser

SAVE_DATA = "Object.defineProperty(navigator.connection, 'saveData', {get: () => true})"


@pytest.fixture
def reader(browser, site_dir):
    contexts = []

    def _open(save_data=False):
        requests: list[str] = []
        context = browser.new_context(service_workers="block")
        contexts.append(context)
        context.route("**/*", answer_from(site_dir, requests))
        if save_data:
            context.add_init_script(SAVE_DATA)
        page = context.new_page()
        page.goto(SITE_URL + "backprop/")
        page.wait_for_function("() => window.document$ !== undefined")
        return page, requests

    yield _open
    for context in contexts:
        context.close()


def python_requested(requests) -> bool:
    return any(u.endswith("pyodide.asm.wasm") for u in requests)


def python_requested_within(page, requests, ms: int) -> bool:
    """Python-ის მოთხოვნას `ms` მილიწამამდე ელოდება, მაგრამ ჩერდება, როგორც კი ის გამოჩნდება
    (მოთხოვნებს route-ის handler-ი იწერს ლოდინის დროს)."""
    return poll(page, lambda: python_requested(requests), ms)


@pytest.mark.parametrize("how", ["focus", "hover"])
def test_python_starts_on_intent(reader, how):
    page, requests = reader()
    page.wait_for_timeout(1500)
    assert not python_requested(requests), "Python was loaded on page load"
    b = block(page, "backprop-build")
    if how == "focus":
        b.locator("code[contenteditable]").focus()
    else:
        b.get_by_role("button", name="გაშვება").hover()
    assert python_requested_within(page, requests, 3000), f"{how} on the block did not start Python"


def test_save_data_waits_for_the_click(reader):
    page, requests = reader(save_data=True)
    b = block(page, "backprop-build")
    b.locator("code[contenteditable]").focus()
    b.get_by_role("button", name="გაშვება").hover()
    page.wait_for_timeout(3000)
    assert not python_requested(requests), "Python started early although the reader saves data"
    assert "მზადაა" in run(page, "backprop-build")
