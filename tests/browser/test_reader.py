"""რას ხედავს მკითხველი: ყოველი გვერდი ნამდვილ ბრაუზერში (Debian's Chromium).

What a reader sees, checked in a real browser against the built site: the Georgian web font
really loads, nothing goes wrong in the console, nothing is fetched from another origin, graphs
are drawn, a phone never scrolls sideways, dark mode stays readable, search finds Georgian and
code words, section links land on their section, and axe-core finds nothing serious.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.conftest import DESKTOP, PHONE, PHONE_DEVICE, nav_pages, new_visit

pytestmark = pytest.mark.browser

PAGES = nav_pages()


def _ids(pages):
    return [p.strip("/") or "index" for p in pages]


def _load(visit, path):
    response = visit.page.goto(path, wait_until="load")
    assert response is not None and response.ok, f"/{path}: HTTP {response and response.status}"
    visit.page.evaluate("document.fonts.ready.then(() => true)")
    return visit.page


# ქართული ფონტი ჩამოტვირთულია და ნამდვილად გამოიყენება (და არა სისტემის სათადარიგო შრიფტი).
FONT_STATE = """() => {
  const georgian = f => f.family.replace(/"/g, '') === 'Noto Sans Georgian';
  return {
    faces: [...document.fonts].filter(georgian).map(f => f.status),
    check: document.fonts.check('16px "Noto Sans Georgian"', 'ა'),
    used: getComputedStyle(document.querySelector('.md-typeset')).fontFamily,
  };
}"""

FIGURES = ".md-content svg.mg-graph, .md-content svg.mg-plot"
SVG_BOXES = f"""() => [...document.querySelectorAll('{FIGURES}')].map(s => {{
  const r = s.getBoundingClientRect();
  return {{cls: s.getAttribute('class'), w: r.width, h: r.height}};
}})"""


WIDE_ELEMENTS = """() => { const w = window.innerWidth;
  return [...document.querySelectorAll('.md-content *')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.right > w + 1 && r.width > 0; })
    .filter(e => { // inside a box that scrolls sideways itself (code, table wrapper): fine
       for (let p = e.parentElement; p; p = p.parentElement) {
         const o = getComputedStyle(p).overflowX;
         if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.clientWidth <= w) return false;
       } return true; })
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                           + [...e.classList].map(c => '.' + c).join('')); }"""


# extra.css: ეკრანიდან შორს მყოფი ბლოკები არ იხატება (`content-visibility: auto`), სანამ მკითხველი
# მათთან არ ჩამოსქროლავს. შემოწმება, რომელიც ყოველ ელემენტს ზომავს (გრაფები, სიგანე, კონტრასტი),
# ჯერ ყველაფერს ხატავს, როგორც ბოლომდე ჩამოსქროლვა.
# A constructed stylesheet, not a <style> element: the site's policy (hooks/csp.py) refuses those.
RENDER_ALL = """() => { if (window.__mgRenderAll) return;
  const s = window.__mgRenderAll = new CSSStyleSheet();
  s.replaceSync('.md-content * { content-visibility: visible !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, s]; }"""

# ფერები დამშვიდდა: არც ერთი CSS გადასვლა (transition) აღარ მიმდინარეობს. Material-ის კოდის ფონი
# 125 ms-ში გადადის ერთი ფერიდან მეორეზე (`transition: background-color`). ბნელ რეჟიმში ბლოკი,
# რომლის სტილი ჯერ ღია სქემით დაითვალა, RENDER_ALL-ის შემდეგ ღია ფონიდან იწყებს; დატვირთულ
# მანქანაზე axe მას ზუსტად ამ დროს ზომავდა (ბნელი ტექსტი ღია ფონზე). getBoundingClientRect
# სტილსა და განლაგებას ახლავე ითვლის, რომ ყველა გადასვლა უკვე დაწყებული იყოს.
SETTLED = """() => { document.documentElement.getBoundingClientRect();
  return !document.getAnimations().some(a => a instanceof CSSTransition
                                           && a.playState === 'running'); }"""


# axe-core takes 2-4 s a page: every Markdown lesson, and one notebook page (the notebook pages
# share one template and stylesheet; their cells differ only in content).
AXE_PAGES = [p for p in PAGES if not p.startswith("notebooks/")] + [
    p for p in PAGES if p.startswith("notebooks/")
][:1]


def _richest_lesson(site_dir):
    """The lesson with the most code and figures: the dark-mode axe pass and the desktop contrast
    pass run on it."""
    lessons = [p for p in AXE_PAGES if not p.startswith("notebooks/")]
    html = {p: _html(site_dir, p) for p in lessons}
    return max(lessons, key=lambda p: html[p].count('class="highlight') + 5 * html[p].count("<svg"))


@pytest.fixture(scope="module")
def seen(browser, site_url, site_dir):
    """`seen(path)`: one visit per page, shared by the checks below (desktop, then a phone)."""
    cache = {}
    contrast = _richest_lesson(site_dir)

    def _seen(path):
        if path not in cache:
            visit = new_visit(browser, site_url, viewport=DESKTOP)
            try:
                cache[path] = _visit_report(visit, path, contrast=path == contrast)
            finally:
                visit.page.context.close()
        return cache[path]

    return _seen


def _visit_report(visit, path, contrast=False):
    page = visit.page
    response = page.goto(path, wait_until="load")
    report = {"path": path, "status": response.status if response else None}
    if not (response and response.ok):
        return report
    report["fonts"] = _georgian_font_state(page, ".md-content__inner > p")
    # axe: the page as loaded (as Lighthouse sees it), without the contrast rule (color-contrast,
    # ~3/4 of axe's time). კონტრასტს ყოველ გვერდზე ამოწმებს test_accessibility_axe_on_a_phone,
    # ყველა ბლოკზე (RENDER_ALL-ის შემდეგ). ფერები და შრიფტის ზომა 390 და 1280 px სიგანეზე ერთია
    # (extra.css-ის @media წესები ფერს არ ცვლის; Material ტექსტს მხოლოდ 1600 px-ის ზემოთ
    # ადიდებს), ამიტომ კომპიუტერის სიგანეზე კონტრასტი ერთ გაკვეთილზე მოწმდება (`contrast`):
    # მხოლოდ აქ ჩანს გვერდითი მენიუ და სარჩევი (sidebars), ყველა გვერდზე ერთნაირი.
    first = {"color-contrast": {"enabled": False}}
    report["axe"] = _axe_problems(page, path, rules=first) if path in AXE_PAGES else None
    page.evaluate(RENDER_ALL)
    if contrast:
        report["axe"] += _axe_problems(page, path, only=["color-contrast"])
    report["figures"] = page.evaluate(SVG_BOXES)
    page.set_viewport_size(PHONE)
    page.wait_for_function(f"() => window.innerWidth === {PHONE['width']}")
    page.wait_for_timeout(100)  # Material re-lays out the sidebars on resize
    report["width"] = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    report["wide"] = page.evaluate(WIDE_ELEMENTS)
    report["console"] = list(visit.console_errors)
    report["offsite"] = visit.offsite()
    return report


def _georgian_font_state(page, selector, timeout=20.0):
    """Waits for the condition itself: the Georgian face is loaded *and* the layout draws the
    text with it. `document.fonts.ready` alone is not enough: on a busy machine it can resolve
    before the face has even been requested.

    extra.css sets `font-display: optional` (no layout shift): a face that arrives after the
    first ~100 ms is not swapped in on that page, only from the next page on, when the browser
    has it. A reader sees it from their second page; so does this check: when the face is
    loaded but the first layout went without it, the page is loaded once more. Gives up after
    `timeout` s; the test then fails with what it saw."""
    start, reloaded = time.monotonic(), False
    while True:
        # two animation frames: the layout has run since the last check
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        state = page.evaluate(FONT_STATE)
        state["rendered"] = _rendered_fonts(page, selector)
        state["waited"], state["reloaded"] = round(time.monotonic() - start, 1), reloaded
        loaded = "loaded" in state["faces"]
        if (loaded and "Noto Sans Georgian" in state["rendered"]) or state["waited"] > timeout:
            return state
        if loaded and not reloaded:
            page.reload(wait_until="load")
            reloaded = True
        else:
            page.wait_for_timeout(100)


def _rendered_fonts(page, selector):
    """The fonts Chromium really drew the first `selector` element's text with (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            return []
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        return [f["familyName"] for f in fonts if f["glyphCount"]]
    finally:
        cdp.detach()


def _found(report):
    assert report["status"] == 200, f"/{report['path']}: HTTP {report['status']}"
    return report


page_param = pytest.mark.parametrize("path", PAGES, ids=_ids(PAGES))


@page_param
def test_georgian_font_is_loaded_and_used(seen, path):
    fonts = _found(seen(path))["fonts"]
    assert "loaded" in fonts["faces"] and fonts["check"], f"Noto Sans Georgian not loaded: {fonts}"
    assert "Noto Sans Georgian" in fonts["used"], f"text is set in {fonts['used']}"
    assert "Noto Sans Georgian" in fonts["rendered"], f"text was drawn with: {fonts}"


@page_param
def test_no_console_errors(seen, path):
    report = _found(seen(path))
    assert not report["console"], "\n".join(report["console"])


@page_param
def test_no_request_leaves_the_site(seen, path):
    """Fonts, scripts, search index, icons: everything comes from the site's own origin."""
    report = _found(seen(path))
    assert not report["offsite"], "\n".join(report["offsite"])


@page_param
def test_figures_are_drawn(seen, path):
    """Every graph and plot (inline SVG) has a nonzero box on the page."""
    invisible = [b for b in _found(seen(path))["figures"] if b["w"] < 1 or b["h"] < 1]
    assert not invisible, invisible


@page_param
def test_no_sideways_scroll_on_a_phone(seen, path):
    """At 390 px wide the page itself never scrolls sideways (a wide graph scrolls in its box)."""
    report = _found(seen(path))
    width = report["width"]
    assert width["scroll"] <= width["inner"], (
        f"/{path} scrolls sideways at {PHONE['width']} px: {width}; too wide: {report['wide']}"
    )


@pytest.mark.parametrize("path", AXE_PAGES, ids=_ids(AXE_PAGES))
def test_accessibility_axe(seen, path):
    """axe-core (bundled with axe-playwright-python) finds no serious or critical violation."""
    report = _found(seen(path))
    assert not report["axe"], "\n".join(report["axe"])


# ---------------------------------------------------------------------------------------------
# ბნელი რეჟიმი (dark mode)
# ---------------------------------------------------------------------------------------------

# ტექსტის ფერი (fill) და მის უკან ფონის ფერი: ფონი SVG-დან ზემოთ, წინაპრების ფერების შერევით.
FIGURE_TEXT_CONTRAST = """() => {
  const parse = c => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]));
  const lum = c => {
    const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = el => {  // the figure's own background and its ancestors', composited
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (const l of layers.reverse()) bg = over(l, bg);
    return bg;
  };
  const out = [];
  for (const svg of document.querySelectorAll('FIGURES')) {
    const bg = background(svg);
    const marks = svg.querySelectorAll('text, g[id^="text_"] use, g[id^="text_"] path');
    for (const t of [...marks].slice(0, 40)) {
      const fill = parse(getComputedStyle(t).fill);
      if (!fill) continue;
      const name = t.textContent || t.getAttribute('href') || t.getAttribute('xlink:href') || '';
      out.push({figure: svg.getAttribute('class'), text: name.slice(0, 30), fill, bg,
                ratio: ratio(over(fill, bg), bg)});
    }
  }
  return out;
}""".replace("FIGURES", FIGURES)


def _pages_with_figures(site_dir):
    """Lesson pages that draw graphs or plots (notebook pages share their CSS: not repeated)."""
    return [
        p
        for p in AXE_PAGES
        if not p.startswith("notebooks/")
        and ("mg-graph" in _html(site_dir, p) or "mg-plot" in _html(site_dir, p))
    ]


def _html(site_dir, path):
    page = site_dir / path / "index.html"
    return page.read_text("utf-8") if page.exists() else ""


def test_dark_mode_is_readable(open_site, site_dir):
    """With the reader's system in dark mode the site turns dark, and graph text stays readable."""
    pages = _pages_with_figures(site_dir) or [""]
    visit = open_site(viewport=DESKTOP, color_scheme="dark")
    problems, checked = [], 0
    for path in pages:
        page = _load(visit, path)
        page.evaluate(RENDER_ALL)
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if scheme != "slate":
            problems.append(f"/{path}: prefers-color-scheme dark gave palette {scheme!r}")
            continue
        page.wait_for_function(SETTLED)
        for mark in page.evaluate(FIGURE_TEXT_CONTRAST):
            checked += 1
            if mark["ratio"] < 4.5:
                problems.append(
                    f"/{path}: {mark['figure']} text {mark['text']!r}: contrast {mark['ratio']:.2f}"
                    f" (fill {mark['fill']}, background {mark['bg']})"
                )
    assert not problems, "\n".join(problems[:20])
    if _pages_with_figures(site_dir):
        assert checked, "no figure text found to check: did the graphs lose their <text>?"


# ---------------------------------------------------------------------------------------------
# ძიება (search), ბმულები სექციაზე (permalinks)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lesson"),
    [("წარმოებული", "derivative/"), ("backward", "backward/")],
    ids=["georgian-word", "code-word"],
)
def test_search_lists_the_lesson(open_site, query, lesson):
    """Typing into Material's search box lists the lesson among the results."""
    visit = open_site(viewport=DESKTOP)
    page = _load(visit, "")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    # Material searches on `keyup`; Playwright inserts Georgian letters without key events
    # (a person's Georgian keyboard does send them), so release one key that changes nothing.
    box.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    links = page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link",
        "as => as.map(a => new URL(a.href).pathname)",
    )
    assert any(link.strip("/") == lesson.strip("/") or link.startswith("/" + lesson)
               for link in links), f"search {query!r} did not list /{lesson}: {links}"  # fmt: skip
    # a notebook repeats its lesson's text: it is not in the index (hooks/notebooks.py, exclude)
    notebooks = [link for link in links if link.startswith("/notebooks/")]
    assert not notebooks, f"search {query!r} lists notebook copies: {links}"


def test_tapping_a_term_on_a_phone_shows_its_explanation(open_site):
    """A phone has no hover: a glossary term's `title` alone never shows. Material's tooltips
    (`content.tooltips`) open on a tap."""
    visit = open_site(**PHONE_DEVICE)
    page = _load(visit, "derivative/")
    # a handle, not a locator: Material moves `title` off the element while its tooltip shows
    term = page.locator("article p abbr[title]").first.element_handle()
    title = term.get_attribute("title")
    assert title, "no glossary term in the lesson's prose"
    term.evaluate("e => e.scrollIntoView({block: 'center'})")
    term.tap()
    tip = page.locator(".md-tooltip2", has_text=title)
    tip.wait_for(state="visible", timeout=5_000)
    box, word = tip.bounding_box(), term.bounding_box()
    assert box and word and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box


def test_wide_tables_scroll_with_the_keyboard(open_site):
    """docs/javascripts/tables.js: on a phone the glossary's tables are wider than the screen and
    scroll sideways. Their scroll box takes the keyboard focus and the arrow keys scroll it (axe:
    scrollable-region-focusable), on a direct load, after instant navigation and after the
    screen turns narrow (a phone turned upright). A table that fits gets no extra tab stop."""
    visit = open_site(viewport=PHONE)
    page = _load(visit, "glossary/")
    wrap = ".md-typeset__scrollwrap"
    wide = wrap + ":not([tabindex])"
    state = """s => [...document.querySelectorAll(s)]
      .filter(w => w.scrollWidth > w.clientWidth).length"""
    focusable = f"() => !({state})('{wide}')"
    assert page.evaluate(state, wrap), "no glossary table is wider than a phone"
    page.wait_for_function(focusable, timeout=5_000)  # "a table scrolls sideways, no focus"
    assert not _axe_problems(page, "glossary/", only=["scrollable-region-focusable"])
    box = page.locator(wrap + "[tabindex='0']").first
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("w => w.scrollLeft > 0", arg=box.element_handle(), timeout=5_000)
    # instant navigation: away and back through the site's own links
    page.locator('.md-content a[href$="/derivative/"]').first.click()
    page.wait_for_url("**/derivative/")
    page.go_back()
    page.wait_for_url("**/glossary/")
    page.locator(wrap).first.wait_for()
    page.wait_for_function(focusable, timeout=5_000)  # after instant navigation
    # a desktop: no tab stops; the window made narrow: the tables that now scroll take the focus
    desktop = _load(open_site(viewport=DESKTOP), "glossary/")
    tab_stops = f"() => document.querySelectorAll('{wrap}[tabindex]').length"
    assert not desktop.evaluate(tab_stops), "a table that fits is a tab stop"
    desktop.set_viewport_size(PHONE)
    desktop.wait_for_function(f"() => ({state})('{wrap}') && ({focusable})()", timeout=5_000)
    desktop.set_viewport_size(DESKTOP)
    desktop.wait_for_function(f"() => !({tab_stops})()", timeout=5_000)


HEADING_IN_VIEW = """id => { const h = document.getElementById(id).getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect();
  return {top: h.top, bottom: h.bottom, header: header.bottom, inner: window.innerHeight,
          scrollY: window.scrollY}; }"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_section_permalink_lands_on_its_section(open_site, site_dir, viewport):
    """`/lesson/#section-id` opens the page scrolled so that the section heading is in view, and
    it stays there while the blocks around it are drawn (content-visibility in extra.css)."""
    import re

    target = None
    for path in PAGES[1:]:
        ids = re.findall(r'<h2 id="([a-z0-9-]+)"', _html(site_dir, path))
        if len(ids) >= 3:
            target = (path, ids[-1])
            break
    assert target, "no lesson with three or more sections to link to"
    path, anchor = target
    visit = open_site(viewport=viewport)
    page = _load(visit, f"{path}#{anchor}")
    for wait in (300, 1200):  # Material may still adjust the scroll after load; then blocks draw
        page.wait_for_timeout(wait)
        where = page.evaluate(HEADING_IN_VIEW, anchor)
        assert where["scrollY"] > 0, f"/{path}#{anchor} did not scroll: {where}"
        assert where["header"] - 1 <= where["top"] and where["bottom"] <= where["inner"], (
            f"/{path}#{anchor}: heading not in view below the header after {wait} ms: {where}"
        )


BLOCK_TOPS = """() => [...document.querySelectorAll('.md-content__inner > *')].map(e => {
  const r = e.getBoundingClientRect();
  const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
  return [name, Math.round(r.top + scrollY), Math.round(r.height)];
})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["backward/", "manual-backprop/"])
def test_offscreen_blocks_are_skipped_and_move_nothing(open_site, path, viewport):
    """extra.css: at load, code boxes far below the screen are not drawn (`content-visibility:
    auto`, which cuts the style work Material's script repeats at load). Scrolling down as a finger
    does, every code box is already drawn when it reaches the screen (never an empty box). Drawing
    them changes no position: after scrolling through, every block has the same top and height as
    with the rule switched off (a code box's edge margins sit on its wrapper, not inside it).
    manual-backprop has a run block whose output is empty: its run bar is the last thing in it."""
    visit = open_site(viewport=viewport)
    page = _load(visit, path)
    # scroll to y, then: [code boxes not drawn, all code boxes, those of them on the screen]
    boxes = """(y) => { window.scrollTo(0, y);
      const code = [...document.querySelectorAll('.md-content__inner pre > code')]
        .filter(c => !c.closest('details'));  // a closed <details> is never drawn
      const skipped = code.filter(c => !c.checkVisibility({contentVisibilityAuto: true}));
      const seen = skipped.filter(c => { const r = c.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight; });
      return [skipped.length, code.length, seen.map(c => c.textContent.slice(0, 40))]; }"""
    skipped, total, _ = page.evaluate(boxes, 0)
    assert skipped > total / 2, f"code boxes skipped at load: {skipped} of {total}"
    for y in range(0, page.evaluate("document.documentElement.scrollHeight") + 1, 100):
        assert not page.evaluate(boxes, y)[2], f"empty code box on the screen at scrollY={y}"
        page.evaluate("() => new Promise(requestAnimationFrame)")
    page.wait_for_timeout(200)
    drawn = page.evaluate(BLOCK_TOPS)
    page.evaluate(RENDER_ALL)
    page.wait_for_timeout(200)
    plain = page.evaluate(BLOCK_TOPS)
    assert len(drawn) == len(plain)
    moved = [(a, b) for a, b in zip(drawn, plain, strict=True) if a != b]
    assert not moved, f"blocks moved: {moved[:5]}"


def test_phone_menu_is_skipped_while_closed_and_works_when_open(open_site):
    """extra.css: on a phone the closed navigation drawer is not drawn (`content-visibility:
    hidden`), so its links cannot take the keyboard focus while hidden; the ☰ button opens it and a
    link in it leads to its lesson."""
    visit = open_site(viewport=PHONE)
    page = _load(visit, "backward/")
    lesson = '.md-sidebar--primary a.md-nav__link[href$="/{}/"]:not([href*="/notebooks/"])'
    link = page.locator(lesson.format("exercises"))
    assert not link.is_visible()
    assert not link.evaluate("a => { a.focus(); return document.activeElement === a; }")
    page.locator('label.md-header__button[for="__drawer"]').click()
    link.wait_for(state="visible", timeout=5_000)
    link.click()
    page.wait_for_url("**/exercises/")
    page.locator("h1").wait_for(state="visible")
    page.wait_for_timeout(500)  # the drawer closes with a 0.25 s slide
    again = page.locator(lesson.format("backward"))
    assert not again.is_visible(), "the drawer's links stay drawn after it closed"


# ---------------------------------------------------------------------------------------------
# ხელმისაწვდომობა (accessibility): axe-core
# ---------------------------------------------------------------------------------------------


def _axe_problems(page, path, only=None, rules=None):
    """axe-ის სერიოზული დარღვევები; `only`: მხოლოდ ეს წესები, `rules`: axe-ის `rules` პარამეტრი
    (მაგ. ერთი წესის გამორთვა)."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_function(SETTLED)  # ფერები საბოლოოა
    options = {"resultTypes": ["violations"]}
    if only:
        options["runOnly"] = {"type": "rule", "values": only}
    if rules:
        options["rules"] = rules
    results = Axe().run(page, options=options)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    return [
        f"/{path}: {v['id']} ({v['impact']}): {v['help']}; e.g. "
        + "; ".join(
            " ".join(map(str, n["target"])) + " " + n.get("failureSummary", "")[:160]
            for n in v["nodes"][:3]
        )
        for v in bad
    ]


@pytest.mark.parametrize("path", AXE_PAGES, ids=_ids(AXE_PAGES))
def test_accessibility_axe_on_a_phone(open_site, path):
    """The same on a phone, the page loaded there as a student opens it. What fits a desktop can
    scroll sideways on a phone: the glossary's tables did, and their scroll box could not take the
    keyboard focus (axe: scrollable-region-focusable), which the desktop pass never saw."""
    visit = open_site(**PHONE_DEVICE)
    page = _load(visit, path)
    page.evaluate(RENDER_ALL)
    problems = _axe_problems(page, path)
    assert not problems, "\n".join(problems)


def test_accessibility_axe_dark(open_site, site_dir):
    """The same in dark mode, on the lesson with the most code and figures."""
    path = _richest_lesson(site_dir)
    visit = open_site(viewport=DESKTOP, color_scheme="dark")
    page = _load(visit, path)
    page.evaluate(RENDER_ALL)
    problems = _axe_problems(page, path)
    assert not problems, "\n".join(problems)


def test_code_blocks_are_set_up_when_scrolled_into_view(open_site):
    """`content.lazy`: Material mounts a code block (its copy button, size watcher) only when it
    comes into view, so a long lesson does not block the page while it loads. Copy still works."""
    visit = open_site(viewport=PHONE)
    page = _load(visit, "backward/")
    code = page.locator(".md-content pre > code")
    copy = "button.md-code__button[data-md-type='copy']"
    blocks = code.count()
    code.first.scroll_into_view_if_needed()
    page.wait_for_selector(f".md-content {copy}", state="attached", timeout=10_000)
    first = page.locator(f".md-content {copy}").count()
    # without content.lazy, every block gets its button in the same pass as the first one
    assert first < blocks, f"all {blocks} code blocks were set up before scrolling"
    last = page.locator(".md-content pre:visible").last  # not one in a closed solution
    last.scroll_into_view_if_needed()
    page.wait_for_function(
        f"() => document.querySelectorAll(`.md-content {copy}`).length > {first}"
    )
    assert last.locator(copy).count() == 1
