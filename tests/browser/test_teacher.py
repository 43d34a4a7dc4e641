"""მასწავლებლისთვის, ბრაუზერში: ბეჭდვა, სამუშაო ფურცელი, პასუხები, მთელი კურსი, პროექტორი, PDF.

Print checks emulate `print` media in Debian's Chromium and ask which elements are displayed
(`checkVisibility`, `innerText`), after a `beforeprint` event: Material answers it by opening
every <details>, which is exactly what hid nothing before (issue 21). The PDF checks run
scripts/make_pdf.py on the built site (the course and one lesson's sheets) and read the PDFs with
pypdf: the text a reader could copy, and the fonts embedded in them.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.browser.conftest import DESKTOP, PHONE, SITE_URL
from tests.conftest import ROOT, nav_files
from tests.test_teacher import lessons
from tooling import lessons as lesson_reader

pytestmark = pytest.mark.browser

LESSONS = [name.removesuffix(".md") for name in lessons()]


def _print_view(visit, path: str):
    page = visit.page
    response = page.goto(path, wait_until="load")
    assert response is not None and response.ok, f"/{path}: HTTP {response and response.status}"
    if "?print=" in path:  # the sheet's bar: javascripts/teacher/sheet.js, imported after load
        page.locator(".mg-sheet-bar").wait_for(state="attached")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    return page


# what a print shows: the article's text, each exercise, each solution box
SHEET = """() => {
  const article = document.querySelector('.md-content__inner');
  const shown = e => e.checkVisibility();
  const heading = article.querySelector('#savarjishoebi');
  const after = [];
  for (let e = heading.nextElementSibling; e; e = e.nextElementSibling) after.push(e);
  const exercises = after.flatMap(e =>
    e.matches('ol') ? [...e.children] :
    e.matches('p') && /^\\d+\\.$/.test(e.querySelector(':scope > strong:first-child')?.textContent)
      ? [e] : []);
  const solutions = [...article.querySelectorAll('details.success')].map(d => ({
    open: d.open,
    inSection: !!(heading.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING),
    shown: [...d.children].filter(c => c.tagName !== 'SUMMARY').some(shown),
    text: [...d.querySelectorAll(':scope > p:not([class])')].map(p => p.innerText.trim())
      .filter(Boolean)[0] || '',
  }));
  return {
    text: article.innerText,
    before: [...article.children].filter(e => e === heading ||
      (e.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING))
      .filter(e => !e.matches('h1, .mg-lesson-meta, .mg-sheet-bar, #savarjishoebi'))
      .filter(shown).map(e => e.tagName + '.' + e.className),
    exercises: exercises.map(e =>
      ({shown: shown(e), text: [...e.innerText.trim()].slice(0, 30).join('')})),
    solutions,
    depth: [...article.querySelectorAll('details.info, .admonition.info')].filter(shown).length,
    mode: document.documentElement.dataset.mgSheet,
  };
}"""


def _exercise_count(name: str) -> int:
    return len(lesson_reader.exercise_numbers((ROOT / "docs" / f"{name}.md").read_text("utf-8")))


@pytest.mark.parametrize("name", LESSONS)
def test_worksheet_prints_exercises_without_solutions(open_site, name):
    page = _print_view(open_site(), f"{name}/?print=worksheet")
    sheet = page.evaluate(SHEET)
    assert sheet["mode"] == "worksheet"
    assert sheet["solutions"] and all(s["open"] for s in sheet["solutions"]), (
        "Material no longer opens <details> on beforeprint: this test would prove nothing"
    )
    assert not [s for s in sheet["solutions"] if s["shown"]], f"/{name}: a solution prints"
    for solution in sheet["solutions"]:
        if solution["text"]:
            assert solution["text"] not in sheet["text"], solution["text"]
    assert "გაშვება" not in sheet["text"]
    assert sheet["depth"] == 0, "a „ღრმად“ box prints on the worksheet"
    assert sheet["before"] == [], f"/{name}: the lesson itself prints: {sheet['before'][:3]}"
    assert len(sheet["exercises"]) == _exercise_count(name)
    assert all(e["shown"] for e in sheet["exercises"]), sheet["exercises"]
    for exercise in sheet["exercises"]:
        assert exercise["text"] in sheet["text"]
    assert "სახელი:" in sheet["text"]  # room for the student's name


@pytest.mark.parametrize("name", LESSONS)
def test_answer_key_prints_the_solutions(open_site, name):
    page = _print_view(open_site(), f"{name}/?print=key")
    sheet = page.evaluate(SHEET)
    assert sheet["mode"] == "key"
    # the exercises section's solutions; exercises.md has more, in its lesson part (not printed)
    solutions = [s for s in sheet["solutions"] if s["inSection"]]
    assert solutions and all(s["shown"] for s in solutions)
    for solution in solutions:
        assert solution["text"] in sheet["text"]
    assert all(e["shown"] for e in sheet["exercises"])
    assert len(sheet["exercises"]) == _exercise_count(name)
    assert "გაშვება" not in sheet["text"]
    assert sheet["before"] == []


def test_a_lesson_prints_for_the_classroom(open_site):
    """Any lesson printed from the browser: no navigation, run bars, search, footer or ¶ links
    (headings' and exercises'); glossary
    terms not underlined; graphs within the page; long code lines wrap; no break in a code box."""
    page = _print_view(open_site(), "backprop/")
    state = page.evaluate("""() => {
      const shown = s => [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).length;
      const article = document.querySelector('.md-content__inner');
      const width = article.getBoundingClientRect().width;
      const style = (s, p) => getComputedStyle(document.querySelector(s))[p];
      return {
        chrome: ['.md-header', '.md-sidebar', '.md-footer', '.md-search', '.mg-run-bar',
                 '.md-content__button', '.mg-lesson-meta .mg-sheets', '.headerlink']
          .filter(shown),
        text: article.innerText,
        buttons: [...article.querySelectorAll('button, [data-run-action]')]
          .filter(b => b.checkVisibility()).map(b => b.innerText),
        abbr: style('.md-typeset abbr', 'textDecorationLine'),
        wrap: style('.md-typeset pre > code', 'whiteSpace'),
        codeBreak: style('.md-typeset .highlight', 'breakInside'),
        figureBreak: style('.md-typeset .mg-figure', 'breakInside'),
        wide: [...document.querySelectorAll('svg.mg-graph, svg.mg-plot')]
          .filter(s => s.getBoundingClientRect().width > width + 1).length,
        solutions: [...article.querySelectorAll('details.success')].every(d => d.open),
      };
    }""")
    assert state["chrome"] == [], state["chrome"]
    # the prose may name the ▶ გაშვება button (how to run code); the button itself never prints
    assert state["buttons"] == [], state["buttons"]
    assert state["abbr"] == "none"
    assert state["wrap"] == "pre-wrap"
    assert state["codeBreak"] == state["figureBreak"] == "avoid"
    assert state["wide"] == 0
    # on an ordinary print Material shows the solutions: that page is the teacher's copy
    assert state["solutions"]


STEPPER_STATE = """() => {
  const s = document.querySelector('[data-backprop-stepper]');
  const svg = s.querySelector('svg[data-steps]');
  const width = document.querySelector('.md-content__inner').getBoundingClientRect().width;
  return {
    step: s.dataset.step,
    labels: [...svg.querySelectorAll('text')].map(t => t.textContent),
    marked: svg.querySelectorAll('.mg-on, .mg-to').length,
    graph: svg.checkVisibility(),
    fits: svg.getBoundingClientRect().width <= width + 1,
    controls: [...s.querySelectorAll('.mg-stepper-bar, [data-step-go], [data-step-count]')]
      .filter(e => e.checkVisibility()).length,
  };
}"""


def test_the_stepper_prints_its_start_state(open_site):
    """A reader stepped through the backward pass, then prints: the paper shows the graph as the
    build drew it (step 0, nothing highlighted), without the stepper's buttons; after printing
    the reader's step is back."""
    visit = open_site()
    page = visit.page
    page.goto("backprop/", wait_until="load")
    start = page.evaluate(STEPPER_STATE)
    assert start["step"] == "0" and start["marked"] == 0 and start["controls"] > 0, start
    for _ in range(4):
        page.locator('[data-backprop-stepper] [data-step-go="next"]').click()
    page.wait_for_function("document.querySelector('[data-backprop-stepper]').dataset.step === '4'")
    moved = page.evaluate(STEPPER_STATE)
    assert moved["labels"] != start["labels"] and moved["marked"] > 0, moved

    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = page.evaluate(STEPPER_STATE)
    assert printed["step"] == "0", printed
    assert printed["labels"] == start["labels"], "the printed graph is not the start state"
    assert printed["marked"] == 0 and printed["graph"] and printed["fits"], printed
    assert printed["controls"] == 0, "the stepper's buttons print"

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    after = page.evaluate(STEPPER_STATE)
    assert after["step"] == "4" and after["labels"] == moved["labels"], after
    assert visit.console_errors == []


EXERCISE_IN_VIEW = """id => {
  const e = document.getElementById(id), r = e.getBoundingClientRect();
  const link = e.querySelector(':scope > .headerlink');
  return {top: r.top, header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          inner: innerHeight, scrollY, text: e.innerText.trim().slice(0, 3),
          link: link && link.hash, shown: link && getComputedStyle(link).opacity};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_exercise_link_lands_on_the_exercise(open_site, viewport):
    """A teacher sends /backprop/#savarjisho-2: the page opens scrolled to exercise 2, below the
    header, and its ¶ shows (it is the target), while the blocks around it are drawn."""
    visit = open_site(viewport=viewport)
    page = visit.page
    response = page.goto("backprop/#savarjisho-2", wait_until="load")
    assert response is not None and response.ok
    for wait in (300, 1200):
        page.wait_for_timeout(wait)
        where = page.evaluate(EXERCISE_IN_VIEW, "savarjisho-2")
        assert where["scrollY"] > 0, where
        assert where["header"] - 1 <= where["top"] <= where["inner"] / 2, where
    assert where["text"].startswith("2.") and where["link"] == "#savarjisho-2", where
    assert where["shown"] == "1", where
    assert visit.console_errors == []


def test_the_worksheet_link_opens_the_worksheet(open_site):
    visit = open_site()
    page = visit.page
    page.goto("backprop/", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.mgSheet") is None
    page.get_by_role("link", name="სამუშაო ფურცელი").click()
    page.wait_for_url("**/backprop/?print=worksheet")
    page.wait_for_function("document.documentElement.dataset.mgSheet === 'worksheet'")
    assert page.get_by_role("button", name="ბეჭდვა").is_visible()
    assert not page.locator("#chveni-magaliti").is_visible()  # the lesson's first section
    page.get_by_role("link", name="← გაკვეთილი").click()
    page.wait_for_function("location.search === ''")
    page.wait_for_function("document.documentElement.dataset.mgSheet === undefined")
    assert page.locator("#chveni-magaliti").is_visible()
    assert visit.console_errors == []


def _h1_title(name: str) -> str:
    line = re.search(r"^# (.+)$", (ROOT / "docs" / name).read_text("utf-8"), re.M)[1]
    return re.sub(r"\s*\{[^}]*\}\s*$", "", line).replace("`", "").replace("$", "").strip()


def test_course_page_has_every_lesson_in_nav_order(open_site):
    page = _print_view(open_site(), "print_page/")
    found = page.evaluate("""() => [...document.querySelectorAll(
        '#print-site-page section.print-page[id]:not(.md-section)')].map(s => {
          const h1 = s.querySelector(':scope > h1');
          return {id: s.id, h1: h1 && h1.checkVisibility() ? h1.innerText.trim() : null};
        })""")
    pages = [p for p in nav_files() if p.endswith(".md")]
    assert [f["id"] for f in found] == [p.removesuffix(".md") for p in pages]
    for f, name in zip(found, pages, strict=True):
        assert f["h1"] and _h1_title(name) in f["h1"], (name, f["h1"])
    text = page.evaluate("document.querySelector('#print-site-page').innerText")
    buttons = page.evaluate("""() => [...document.querySelectorAll(
        '#print-site-page :is(button, [data-run-action])')].filter(b => b.checkVisibility())
        .map(b => b.innerText)""")
    assert buttons == [], buttons  # the prose may name „▶ გაშვება“; no run button prints
    assert "Notebook-ები" not in text  # the notebooks are left out, and their part's title too
    assert page.locator("#print-site-page math").count() > 100  # MathML survived


def test_projector_view_at_1280x720(open_site):
    visit = open_site(viewport={"width": 1280, "height": 720})
    page = visit.page
    page.goto("derivative/", wait_until="load")
    measure = """() => ({
      text: parseFloat(getComputedStyle(document.querySelector('.md-typeset > p')).fontSize),
      sidebars: [...document.querySelectorAll('.md-sidebar')].filter(e => e.checkVisibility())
        .length,
      code: document.querySelector('.md-typeset .highlight').getBoundingClientRect().width,
      button: document.querySelector('.mg-run-bar .md-button').getBoundingClientRect().height,
      graph: document.querySelector('svg.mg-plot, svg.mg-graph').getBoundingClientRect().width,
      on: document.documentElement.hasAttribute('data-mg-projector'),
    })"""
    plain = page.evaluate(measure)
    assert not plain["on"] and plain["sidebars"] > 0 and plain["text"] < 24

    page.goto("derivative/?projector=1", wait_until="load")
    big = page.evaluate(measure)
    assert big["on"]
    assert big["text"] >= 24, big
    assert big["sidebars"] == 0
    assert big["code"] >= 0.85 * 1280, big  # code spans the screen
    assert big["button"] >= 44, big  # a run button you can hit from the back row
    assert big["graph"] > plain["graph"] * 1.2, (plain, big)

    # remembered for the visit, and the header button turns it off
    page.goto("backprop/", wait_until="load")
    assert page.evaluate(measure)["on"]
    toggle = page.get_by_role("button", name="პროექტორის ხედი (დიდი ტექსტი)")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert not page.evaluate(measure)["on"]
    page.goto("derivative/", wait_until="load")
    assert not page.evaluate(measure)["on"]
    assert visit.console_errors == []


def test_projector_without_storage(open_site):
    """A browser that blocks sessionStorage: the URL parameter still works, nothing throws."""
    visit = open_site(viewport={"width": 1280, "height": 720})
    visit.page.add_init_script(
        "Object.defineProperty(window, 'sessionStorage', {get() {"
        " throw new DOMException('blocked', 'SecurityError'); }})"
    )
    visit.page.goto("derivative/?projector=1", wait_until="load")
    assert visit.page.evaluate("document.documentElement.hasAttribute('data-mg-projector')")
    visit.page.get_by_role("button", name="პროექტორის ხედი (დიდი ტექსტი)").click()
    assert not visit.page.evaluate("document.documentElement.hasAttribute('data-mg-projector')")
    assert visit.console_errors == []


def _squash(text: str) -> str:
    """PDF text has spaces where the layout put them: compare without any."""
    return re.sub(r"\s+", "", text)


def _fonts(reader) -> set[str]:
    """Names of the fonts embedded in a PDF; Chromium embeds variable web fonts as Type 3, named
    only in their FontDescriptor (so `pdffonts` shows `[none]`)."""
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) or (
                    font.get("/Subtype") == "/Type3" and "/CharProcs" in font
                ):
                    names.add(str(descriptor["/FontName"]).split("+")[-1])
    return names


@pytest.fixture(scope="module")
def pdfs(site_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    cmd = [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site", str(site_dir)]
    result = subprocess.run(
        [*cmd, "--out", str(out), "--lessons", "backprop"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_worksheet_pdf_has_the_exercise_not_the_solution(pdfs):
    from pypdf import PdfReader

    worksheet = _squash(
        "".join(p.extract_text() for p in PdfReader(pdfs / "backprop-worksheet.pdf").pages)
    )
    key = _squash("".join(p.extract_text() for p in PdfReader(pdfs / "backprop-key.pdf").pages))
    exercise = "გამოთვალე პირდაპირი გავლა და ყველა გრადიენტი"  # docs/backprop.md, exercise 1
    solution = "უკან, ბოლოდან:"  # the first line of its solution
    assert _squash(exercise) in worksheet and _squash(exercise) in key
    assert _squash(solution) not in worksheet
    assert _squash(solution) in key
    assert "გაშვება" not in worksheet
    for name in ("backprop-worksheet.pdf", "backprop-key.pdf", "course.pdf"):
        pages = PdfReader(pdfs / name).pages
        blank = [i + 1 for i, p in enumerate(pages) if len(p.extract_text().strip()) < 5]
        assert not blank, f"{name}: blank sheets {blank}"  # only a page number on them


def test_pdfs_embed_the_georgian_font(pdfs):
    from pypdf import PdfReader

    for name in ("course.pdf", "backprop-worksheet.pdf", "backprop-key.pdf"):
        reader = PdfReader(pdfs / name)
        assert any(f.startswith("NotoSansGeorgian") for f in _fonts(reader)), (name, _fonts(reader))
    course = PdfReader(pdfs / "course.pdf")
    assert len(course.pages) > 50
    text = course.pages[1].extract_text() + course.pages[2].extract_text()
    assert re.search("[ა-ჰ]{4}", text), "no Georgian text in the course PDF"


def test_worksheet_and_back_through_instant_navigation(published):
    """On the published address Material swaps pages without a reload (instant navigation): the
    worksheet mode must still switch on with the link and off again on the way back."""
    visit = published()  # გამოქვეყნებული მისამართი: იხ. tests/browser/test_instant.py
    page = visit.page
    page.goto(SITE_URL + "backprop/")
    page.wait_for_function("() => window.document$ !== undefined")
    page.wait_for_timeout(500)
    page.evaluate("window.__mgSameDocument = true")
    page.locator(".mg-sheets a", has_text="სამუშაო ფურცელი").click()
    page.wait_for_function("() => document.documentElement.dataset.mgSheet === 'worksheet'")
    assert page.url == SITE_URL + "backprop/?print=worksheet"
    assert page.evaluate("window.__mgSameDocument === true"), "not instant: a full reload"
    page.locator(".mg-sheet-bar").wait_for(state="attached")  # its module, imported on first use
    assert page.locator(".mg-sheet-bar").count() == 1
    assert not page.locator("#chveni-magaliti").is_visible()
    page.locator(".mg-sheet-bar a", has_text="გაკვეთილი").click()
    page.wait_for_function("() => document.documentElement.dataset.mgSheet === undefined")
    assert page.url == SITE_URL + "backprop/"
    assert page.locator("#chveni-magaliti").is_visible()
    page.locator(".mg-projector").first.wait_for()  # a full load (target=_self): teacher.js again
    assert page.locator(".mg-projector").count() == 1  # the header button is added once
    assert visit.console_errors == []


def test_only_the_course_page_loads_the_print_plugins_script(site_dir):
    """mkdocs-print-site-plugin adds its script and two stylesheets to every page; ours keeps the
    script for the course page (it builds the table of contents) and the few rules in extra.css."""
    lesson = (site_dir / "backprop" / "index.html").read_text("utf-8")
    course = (site_dir / "print_page" / "index.html").read_text("utf-8")
    assert "print-site" not in lesson
    assert course.count('<script src="../js/print-site.js">') == 1
    assert (site_dir / "js" / "print-site.js").is_file()
    assert "css/print-site" not in course
