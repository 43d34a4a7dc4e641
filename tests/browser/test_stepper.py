"""უკუგავლა ნაბიჯ-ნაბიჯ (hooks/stepper.py, docs/javascripts/stepper.js) ბრაუზერში.

As in test_runner.py, the browser opens the production address and every request is answered
from the built site (instant navigation is on, nothing reaches the network). The expected labels
come from the engine itself: `draw_svg` after `backward()` on the same graph, in this process.

`MG_SHOTS=/some/dir` also saves the phone and dark-mode screenshots there (for a human to look at).
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from micrograd.examples import lecture_L, lecture_neuron
from micrograd.viz import draw_svg
from tests.browser.conftest import PHONE_DEVICE, SITE_URL

pytestmark = pytest.mark.browser

STEPPER = "[data-backprop-stepper]"
LABELS = "s => [...s.querySelectorAll('svg text')].map(t => t.textContent)"
LOADING = 90_000  # ms: ▶ გაშვება loads Python the first time


def built_labels(root) -> list[str]:
    """The node labels of the graph the build draws after backward(), in drawing order."""
    root.backward()
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", draw_svg(root))]


def state(stepper) -> dict:
    return stepper.evaluate(
        f"""s => ({{labels: ({LABELS})(s), step: s.dataset.step,
            count: s.querySelector('[data-step-count]').textContent,
            text: s.querySelector('[data-step-text]').textContent,
            on: [...s.querySelectorAll('svg .mg-on')].map(g => g.getAttribute('class'))}})"""
    )


def shoot(page, name):
    folder = os.environ.get("MG_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name))


def test_step_to_the_end_and_back(published):
    page = published().page
    page.goto(SITE_URL + "backprop/")
    stepper = page.locator(STEPPER)
    assert stepper.count() == 1
    expected = built_labels(lecture_L().L)
    first = state(stepper)
    last = int(first["count"].split("/")[1])
    assert first["count"] == f"ნაბიჯი 0 / {last}" and first["step"] == "0"
    assert all(t == "data ?" for t in first["labels"] if t.startswith("data")), first["labels"]
    assert stepper.locator("[data-step-text]").get_attribute("aria-live") == "polite"

    nxt = stepper.get_by_role("button", name=re.compile("შემდეგი"))
    back = stepper.get_by_role("button", name=re.compile("წინა"))
    seen = [first]
    for _ in range(last):
        nxt.click()
        page.wait_for_function("([s, k]) => s.dataset.step === k",
                               arg=[stepper.element_handle(), str(len(seen))])  # fmt: skip
        seen.append(state(stepper))
    # the end: exactly the labels of the graph the build draws after backward(), and of the
    # page's own graph of L with its hand-computed grads (section #gamotvlebis-grafi)
    assert seen[-1]["labels"] == expected
    drawn = page.locator('[data-run-block="backprop-graph"] [data-run-output]').evaluate(LABELS)
    assert seen[-1]["labels"] == drawn
    assert seen[-1]["count"] == f"ნაბიჯი {last} / {last}"
    assert nxt.get_attribute("aria-disabled") == "true"

    # forward steps first, values appearing; the first backward step: only the root's grad is 1
    seed = next(k for k, s in enumerate(seen) if s["text"].startswith("L.grad = 1"))
    assert all("?" not in t for t in seen[seed]["labels"])
    grads = [t for t in seen[seed]["labels"] if t.startswith("grad")]
    assert grads.count("grad 0.0000") == len(grads) - 1 and "grad 1.0000" in grads, grads
    unknown = [s["labels"].count("data ?") for s in seen[:seed]]
    assert unknown == list(range(seed - 1, -1, -1)), unknown  # one value appears per step

    # the `*` nodes: the arithmetic names both factors, and the node and its edges light up
    times = [s for s in seen if s["text"].startswith("a.grad +=")]
    assert len(times) == 1, [s["text"] for s in seen]
    text = times[0]["text"]
    assert "b.data · e.grad = (−3.0) · (−2.0) = 6.0" in text and "a.data · e.grad" in text, text
    # node e (its record and its `*`), the `*` -> e edge and one edge from each factor
    on = times[0]["on"]
    assert sum("node" in c for c in on) == 2 and sum("edge" in c for c in on) == 3, on
    assert any("f.data · L.grad" in s["text"] and "d.data · L.grad" in s["text"] for s in seen)

    # back undoes, step by step
    for k in range(last - 1, -1, -1):
        back.click()
        page.wait_for_function("([s, k]) => s.dataset.step === k",
                               arg=[stepper.element_handle(), str(k)])  # fmt: skip
        assert state(stepper) == seen[k], k
    assert back.get_attribute("aria-disabled") == "true"


def test_keyboard_only_after_instant_navigation(published):
    page = published().page
    page.goto(SITE_URL + "neuron/")
    page.evaluate("window.__mgSameDocument = true")
    page.locator("a.md-footer__link--next").click()  # neuron -> manual-backprop, no reload
    page.wait_for_url(re.compile(r"/manual-backprop/$"))
    stepper = page.locator(STEPPER)
    stepper.wait_for()
    assert page.evaluate("window.__mgSameDocument === true")

    # Tab from the block's reset button into the stepper's buttons; Enter, then the arrow keys
    page.locator('[data-run-block="manual-backprop-stepper"] [data-run-action="reset"]').focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.stepGo === 'next'"):
            break
    assert page.evaluate("document.activeElement.dataset.stepGo") == "next"
    page.keyboard.press("Enter")
    page.wait_for_function("s => s.dataset.step === '1'", arg=stepper.element_handle())
    assert "x1 = 2.0" in stepper.locator("[data-step-text]").text_content()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("s => s.dataset.step === '3'", arg=stepper.element_handle())
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("s => s.dataset.step === '2'", arg=stepper.element_handle())
    page.keyboard.press("End")
    page.wait_for_function("s => s.dataset.step !== '2'", arg=stepper.element_handle())
    assert state(stepper)["labels"] == built_labels(lecture_neuron().o)
    page.keyboard.press("Home")
    page.wait_for_function("s => s.dataset.step === '0'", arg=stepper.element_handle())
    # focus never left the stepper (a disabled-looking button keeps it: aria-disabled)
    assert page.evaluate("!!document.activeElement.closest('[data-backprop-stepper]')")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_no_page_overflow(published, scheme):
    page = published(**PHONE_DEVICE, color_scheme=scheme).page
    page.goto(SITE_URL + "backprop/")
    stepper = page.locator(STEPPER)
    stepper.scroll_into_view_if_needed()
    for _ in range(13):  # to the step where e's `*` writes a.grad and b.grad
        stepper.get_by_role("button", name=re.compile("შემდეგი")).tap()
    page.wait_for_function("s => s.dataset.step === '13'", arg=stepper.element_handle())
    stepper.locator("[data-step-text]").scroll_into_view_if_needed()
    sizes = page.evaluate(
        """s => ({page: document.documentElement.scrollWidth, width: innerWidth,
                  box: [s.querySelector('.mg-figure').scrollWidth,
                        s.querySelector('.mg-figure').clientWidth],
                  bar: s.querySelector('.mg-stepper-bar').getBoundingClientRect().right,
                  text: s.querySelector('[data-step-text]').getBoundingClientRect().right})""",
        stepper.element_handle(),
    )
    assert sizes["page"] <= sizes["width"], sizes  # no horizontal page overflow
    assert sizes["box"][0] > sizes["box"][1], sizes  # the graph scrolls in its box
    assert sizes["bar"] <= sizes["width"] and sizes["text"] <= sizes["width"], sizes
    # the two nodes this step writes to (a, b) were scrolled into their box's view, and the
    # current node (e) at least partly: on a phone all three do not fit
    seen = stepper.evaluate(
        """s => [...s.querySelectorAll('svg .mg-to, svg .mg-on.node[class*=mg-n]')].map(n => {
            const b = n.closest('.mg-figure').getBoundingClientRect();
            const r = n.getBoundingClientRect();
            return r.left >= b.left && r.right <= b.right ? 'whole'
                 : r.right > b.left && r.left < b.right ? 'part' : 'out'; })"""
    )
    assert seen[:2] == ["whole", "whole"] and seen[2] in ("whole", "part"), seen
    # the highlight uses the theme's accent colour (set for light and dark alike)
    stroke = stepper.locator("svg .mg-on.node polygon").first.evaluate(
        "p => getComputedStyle(p).stroke"
    )
    accent = page.evaluate(
        "getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()"
    )
    assert stroke != "none" and accent, (stroke, accent)
    shoot(page, f"stepper-phone-{scheme}.png")
    # axe on the stepper mid-way (highlighted nodes, a disabled-looking button), light and dark
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context={"include": [[STEPPER]]},
                      options={"resultTypes": ["violations"]})  # fmt: skip
    bad = [v for v in found.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in bad]


def test_edited_graph_gets_a_new_trace(published):
    page = published().page
    page.goto(SITE_URL + "backprop/")
    block = page.locator('[data-run-block="backprop-stepper"]')
    source = block.locator("code[contenteditable]").text_content()
    assert "lecture_L()" in source
    block.locator("code[contenteditable]").click()
    block.locator(".cm-content").wait_for()
    block.locator(".cm-content").press("ControlOrMeta+a")
    page.keyboard.insert_text(source.replace("lecture_L()", "lecture_L(a=5.0)"))
    block.get_by_role("button", name="გაშვება").click()
    block.locator("[data-run-status]").filter(has_text=re.compile("მზადაა|შეცდომა")).wait_for(
        timeout=LOADING
    )
    assert "მზადაა" in block.locator("[data-run-status]").inner_text()
    stepper = block.locator(STEPPER)
    stepper.wait_for()
    assert state(stepper)["count"].startswith("ნაბიჯი 0 /")
    stepper.get_by_role("button", name="ბოლო").click()
    page.wait_for_function("s => s.dataset.step !== '0'", arg=stepper.element_handle())
    labels = state(stepper)["labels"]
    assert "data 5.0000" in labels and "grad -10.0000" in labels, labels
    assert labels == built_labels(lecture_L(a=5.0).L)
