"""სავარჯიშოები ბრაუზერში (hooks/exercises.py, javascripts/exercises.js, the runner's app.js).

As test_runner.py: Debian's Chromium, the production address answered from the built site
(Material's instant navigation on, nothing from the network). The answer fields and progress
need no Python; one test loads Python once for a code exercise (its ✗, its ✓, a check that
raises, ■ on an endless loop, the autosaved code); one follows a shared link into a fresh context.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import SITE_URL, answer_from
from tests.browser.test_runner import LOADING, block, replace_code
from tests.conftest import ROOT
from tooling import lessons

pytestmark = pytest.mark.browser

BLOCKED = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""


@pytest.fixture
def contexts(browser, site_dir):
    """`new(blocked=False)` -> (page, errors): a fresh context answered from the built site."""
    made = []

    def new(blocked=False):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", answer_from(site_dir, []))
        if blocked:
            context.add_init_script(BLOCKED)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(f"{m.text} {m.location}"))
        page.on("pageerror", lambda e: errors.append(f"{e} {e.stack}"))
        made.append((context, [] if blocked else errors))
        return page, errors

    yield new
    for context, errors in made:
        context.close()
        assert not errors, errors


def lesson(page, path="backprop/"):
    """Open a page and wait until the page script has painted the progress."""
    page.goto(SITE_URL + path)
    page.locator("[data-exercise-progress]").first.filter(has_text="ამოხსნილია").wait_for()


def exercise(page, name):
    return page.locator(f'[data-exercise="{name}"]')


def check(page, name, timeout=5_000) -> tuple[str, str]:
    box = exercise(page, name)
    box.get_by_role("button", name="შემოწმება").click()
    result = box.locator("[data-exercise-result][data-state]")
    result.wait_for(timeout=timeout)
    return result.get_attribute("data-state"), result.text_content()


def answer(page, values: dict[str, str]):
    box = exercise(page, "backprop-paper")
    for label, value in values.items():
        box.locator(f'input[aria-label="{label}"]').fill(value)
    return check(page, "backprop-paper")


RIGHT = {"q": "-3", "x.grad": "−2.0", "y.grad": "-2", "z.grad": "4", "w.grad": "1.0"}


def test_answers_and_progress_survive_reload_and_instant_navigation(contexts):
    page, _ = contexts()
    lesson(page)
    progress = page.locator("p[data-exercise-progress]")
    assert progress.text_content().startswith("ამოხსნილია 0/2")

    state, text = answer(page, {**RIGHT, "z.grad": "-4"})
    assert state == "fail" and text.startswith("✗ z.grad არასწორია."), text
    assert "გამრავლების ნაბიჯი" in text  # the hint names the step to recheck
    state, text = answer(page, RIGHT)  # −2.0 and -2 are both accepted
    assert (state, text) == ("pass", "✓ ყველა პასუხი სწორია!")
    assert progress.text_content().startswith("ამოხსნილია 1/2")
    assert exercise(page, "backprop-paper").get_attribute("data-solved") is not None
    title = page.locator('[data-exercise-title="backprop-paper"]')  # **1.**, ✓ by CSS
    assert title.text_content() == "1." and title.get_attribute("data-solved") is not None
    assert page.locator("#backprop-paper").count() == 1  # the anchor

    page.reload()
    page.locator("p[data-exercise-progress]").filter(has_text="ამოხსნილია 1/2").wait_for()
    assert exercise(page, "backprop-paper").get_attribute("data-solved") is not None

    page.evaluate("window.__mgSameDocument = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(r"/neuron/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"/backprop/$"))
    exercise(page, "backprop-paper").and_(page.locator("[data-solved]")).wait_for()
    assert page.evaluate("window.__mgSameDocument === true"), "navigation reloaded the page"

    lesson(page, "")
    badge = page.locator('[data-exercise-progress="backprop"]')
    assert badge.text_content() == "ამოხსნილია 1/2"
    lesson(page)
    page.get_by_role("button", name="პროგრესის წაშლა").click()
    assert page.locator("p[data-exercise-progress]").text_content() == "ამოხსნილია 0/2"
    assert exercise(page, "backprop-paper").get_attribute("data-solved") is None


def test_blocked_storage_still_checks_without_memory(contexts):
    page, errors = contexts(blocked=True)
    lesson(page)
    assert answer(page, RIGHT)[0] == "pass"
    assert page.locator("p[data-exercise-progress]").text_content().startswith("ამოხსნილია 0/2")
    page.reload()
    page.locator("p[data-exercise-progress]").filter(has_text="ამოხსნილია 0/2").wait_for()
    assert exercise(page, "backprop-paper").get_attribute("data-solved") is None
    # Material's own inline scripts read localStorage unguarded and report it; ours never do
    assert not [e for e in errors if "javascripts/" in e or "assets/runner" in e], errors


def _solution(name: str) -> str:
    found = lessons.exercises(lessons.read(ROOT / "docs" / "backprop.md"))
    return next(e for e in found if e.id == name).solution.body


def test_code_exercise_fails_then_passes_and_keeps_the_code(contexts):
    page, _ = contexts()
    lesson(page)
    name = "backprop-paper-code"
    state, text = check(page, name, timeout=LOADING)
    assert (state, text) == ("fail", "✗ `t.grad` უნდა იყოს 1.0, შენთან არის 0.0")

    replace_code(page, name, _solution(name))
    assert check(page, name, timeout=30_000) == ("pass", "✓ სწორია!")
    assert page.locator("p[data-exercise-progress]").text_content().startswith("ამოხსნილია 1/2")

    # a check that raises is a ✗ with the error, not a crash
    replace_code(page, name, _solution(name) + "t = None\n")
    state, text = check(page, name, timeout=30_000)
    assert state == "fail" and "AttributeError" in text, text

    # an endless loop: ■ stops it, the result is cleared
    replace_code(page, name, "while True:\n    pass\n")
    box = exercise(page, name)
    box.get_by_role("button", name="შემოწმება").click()
    stop = box.get_by_role("button", name="შეჩერება")
    stop.wait_for(state="visible")
    page.wait_for_timeout(500)
    stop.click()
    stop.wait_for(state="hidden")
    assert box.locator("[data-exercise-result]").text_content() == ""

    # the edit was saved: a reload shows it, marked, and ↺ brings the lesson's code back
    page.reload()
    page.locator("[data-run-block][data-edited]").wait_for()
    b = block(page, name)
    assert b.get_attribute("data-edited") is not None
    assert "while True" in b.locator("code[contenteditable]").text_content()
    b.get_by_role("button", name="საწყისი კოდი").click()
    b.locator(".cm-content").filter(has_text="q.grad = 1.0").wait_for()
    assert b.get_attribute("data-edited") is None
    lesson(page)
    assert "while True" not in block(page, name).locator("code[contenteditable]").text_content()


def test_a_shared_link_round_trips_and_bad_links_say_so(contexts):
    page, _ = contexts()
    lesson(page)
    name = "backprop-paper-code"
    code = 'print("<img src=x onerror=alert(1)>", "გამარჯობა")'
    replace_code(page, name, code)
    b = block(page, name)
    b.get_by_role("button", name="ბმული").click()
    url = b.locator("[data-share-url]").input_value()
    assert url.startswith(SITE_URL + "backprop/#share=" + name + ".")

    fresh, _ = contexts()
    fresh.goto(url)
    shared = block(fresh, name)
    shared.locator(".cm-content").filter(has_text="გამარჯობა").wait_for()
    assert shared.get_attribute("data-shared") is not None
    assert shared.locator(".cm-content").text_content() == code
    assert shared.locator("img").count() == 0  # text, never HTML

    broken, _ = contexts()
    broken.goto(url[:-12])
    status = block(broken, name).locator("[data-run-status]")
    status.filter(has_text="დაზიანებულია").wait_for()
    assert "q.grad = 1.0" in block(broken, name).locator("code[contenteditable]").text_content()

    replace_code(page, name, "#" * 21_000)
    b.get_by_role("button", name="ბმული").click()
    assert "20 KB" in b.locator("[data-run-status]").text_content()
