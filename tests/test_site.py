"""საიტის აწყობა: strict build, ბმულები (anchors), ძიების კონფიგურაცია, შრიფტები."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site, mkdocs_config, nav_files, small_site
from tooling.pages import Page, parse


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _parse(page: Path) -> Page:
    return parse(page.read_text("utf-8"))


def test_every_lesson_page_is_built(built_site):
    nav_pages = [p.removesuffix(".md") for p in nav_files() if p.endswith(".md")]
    assert len(nav_pages) >= 10, nav_pages
    for name in nav_pages:
        page = built_site / ("index.html" if name == "index" else f"{name}/index.html")
        assert page.exists(), f"{name}.md is in nav but was not built"


def test_headings_have_readable_unique_ids(built_site):
    """Teachers share section links: ids must be ASCII words, not `_1`, empty or repeated."""
    problems = []
    for page in _pages(built_site):
        parsed = _parse(page)
        content_headings = [(t, i) for t, i in parsed.headings if t != "h1" or i]
        for tag, hid in content_headings:
            if hid is None:
                continue
            readable = re.fullmatch(r"[a-z0-9][a-z0-9-]*", hid)
            if not hid or re.fullmatch(r"_?\d+", hid) or not readable:
                problems.append(f"{page.relative_to(built_site)}: <{tag} id={hid!r}>")
        article = page.read_text("utf-8").split('<article class="md-content__inner', 1)
        if len(article) == 2:
            missing = re.findall(r"<h[2-6](?![^>]*\bid=)[^>]*>", article[1])
            problems += [f"{page.relative_to(built_site)}: heading without id" for _ in missing]
        dupes = {i for i in parsed.ids if parsed.ids.count(i) > 1}
        if dupes:
            problems.append(f"{page.relative_to(built_site)}: duplicate ids {sorted(dupes)}")
    assert not problems, "\n".join(problems)


def test_page_urls_are_ascii(built_site):
    for page in _pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        assert re.fullmatch(r"[a-z0-9/_.-]+", rel), rel


def test_no_third_party_requests_in_html(built_site):
    """Fonts, scripts and styles come from the site itself: no Google Fonts, no CDN."""
    offenders = []
    for page in _pages(built_site):
        html = page.read_text("utf-8")
        for tag in re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", html):
            if re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # a link for search engines, not a request the page makes
            m = re.search(r'(?:href|src)="(?:https?:)?//([^"/]+)', tag)
            if m:
                offenders.append(f"{page.relative_to(built_site)}: {m.group(1)}")
    assert not offenders, offenders


def test_fonts_are_self_hosted(built_site):
    css = (built_site / "stylesheets/extra.css").read_text("utf-8")
    for url in re.findall(r'url\("([^"]+)"\)', css):
        assert (built_site / "stylesheets" / url).resolve().exists(), url
    assert "Noto Sans Georgian" in css
    assert "fonts.googleapis" not in (built_site / "index.html").read_text("utf-8")


def test_search_config_keeps_georgian_words(built_site):
    """lunr's trimmer deletes Georgian words: the pipeline must not contain it."""
    config = json.loads((built_site / "search/search_index.json").read_text("utf-8"))["config"]
    assert "trimmer" not in config["pipeline"]
    separator = re.compile(config["separator"])
    assert separator.split("a.grad") == ["a", "grad"]
    assert separator.split("წარმოებული,")[0] == "წარმოებული"


def test_search_index_has_georgian_words(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text("utf-8"))
    text = " ".join(doc["text"] + doc["title"] for doc in index["docs"])
    assert "წარმოებული" in text
    assert "backward" in text
    assert all(doc["location"].isascii() for doc in index["docs"])


def test_math_is_rendered_to_mathml(built_site):
    html = "".join(p.read_text("utf-8") for p in _pages(built_site))
    assert "<math" in html
    assert 'class="arithmatex"' not in html, "a formula was left unrendered"


def test_glossary_terms_are_tooltips_on_every_lesson(built_site):
    from tooling import glossary as terms

    glossary = terms.tooltips(terms.read())
    assert len(glossary) > 50
    titles = {html.escape(title) for title in glossary.values()}
    for page in _pages(built_site):
        if "notebooks" in page.parts:
            continue
        text = page.read_text("utf-8")
        assert "*[" not in text, f"{page}: an abbreviation definition leaked into the page"
        found = set(re.findall(r'<abbr title="([^"]*)">', text))
        assert found, f"{page.relative_to(built_site)}: no glossary tooltips"
        assert found <= titles, found - titles


def test_each_glossary_term_is_marked_once_per_page(built_site):
    """The first occurrence explains the term; later ones are plain text (fewer tooltips for
    Material's script to set up, less noise for the reader). A term is its meaning: its forms
    (`კვანძი`, `კვანძის`) and its English name (`node`) share the definition after " — "."""
    for page in _pages(built_site):
        titles = re.findall(r'<abbr title="([^"]*)">', page.read_text("utf-8"))
        meanings = [title.partition(" — ")[2] for title in titles]
        assert all(meanings), f"{page.relative_to(built_site)}: a title without ' — '"
        repeated = sorted({m[:40] for m in meanings if meanings.count(m) > 1})
        assert not repeated, f"{page.relative_to(built_site)}: marked more than once: {repeated}"


def test_first_terms_only_keeps_the_first_of_each_term():
    from hooks.site import first_terms_only

    node = "გრაფის ერთი ელემენტი"
    a, b = (
        '<abbr title="A — გრადიენტი">გრადიენტი</abbr>',
        f'<abbr title="node — {node}">კვანძი</abbr>',
    )
    forms = (
        f'<abbr title="node — {node}">კვანძის</abbr> (<abbr title="კვანძი — {node}">node</abbr>)'
    )
    html_in = f"<p>{a} და {b}</p><h2>{a}</h2><p>{forms}, {a}</p>"
    assert (
        first_terms_only(html_in)
        == f"<p>{a} და {b}</p><h2>გრადიენტი</h2><p>კვანძის (node), გრადიენტი</p>"
    )


def test_no_glossary_mark_in_a_heading_the_first_in_body_text_is_marked():
    from hooks.site import first_terms_only

    a = '<abbr title="gradient — სიჩქარე">გრადიენტი</abbr>'
    html_in = (
        f'<h1 id="x">{a}</h1><h3>ა {a} ბ<a class="headerlink" href="#x">¶</a></h3><p>{a}, {a}</p>'
    )
    assert first_terms_only(html_in) == (
        '<h1 id="x">გრადიენტი</h1><h3>ა გრადიენტი ბ<a class="headerlink" href="#x">¶</a></h3>'
        f"<p>{a}, გრადიენტი</p>"
    )


def test_no_glossary_mark_in_any_heading_of_the_site(built_site):
    heading = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
    marked = [
        f"{page.relative_to(built_site)}: {m[2][:60]}"
        for page in _pages(built_site)
        for m in heading.finditer(page.read_text("utf-8"))
        if "<abbr" in m[2]
    ]
    assert not marked, marked


def test_figures_get_the_sites_frame():
    """micrograd.viz gives bare SVG; the site frames it: a box that scrolls sideways with the
    keyboard, the drawing shrinks on a phone but not below half its width."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from hooks.site import on_page_content
    from micrograd import Value
    from micrograd.viz import draw_svg, plot_svg

    graph = draw_svg(Value(2.0, label="a") * Value(3.0, label="b"))
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    plot = plot_svg(fig)
    plt.close(fig)
    icon = '<svg class="clipboard-copy-icon" width="16" height="16"><path d="M0"/></svg>'
    out = on_page_content(f"{graph}\n<p>{plot}\n\n</p>\n{icon}", page=None)
    frames = re.findall(
        r'<div class="mg-figure" tabindex="0" data-search-exclude>\n'
        r'<svg class="(mg-\w+)" style="([^"]*)"',
        out,
    )
    width = float(re.search(r'<svg width="([\d.]+)pt"', graph)[1])
    assert [kind for kind, _ in frames] == ["mg-graph", "mg-plot"]
    assert frames[0][1] == f"max-width: 100%; min-width: {width / 2:.0f}pt; height: auto"
    assert frames[1][1] == "max-width: 100%; min-width: 144pt; height: auto"
    assert "<p><div" not in out and out.count("</svg>\n</div>") == 2  # no <div> inside a <p>
    # matplotlib's `*{...}` style stays inside its own figure
    assert ".mg-plot *{" in out and not re.search(r"[;>\s]\*\{", out.replace(".mg-plot *{", ""))
    assert out.endswith(icon), "an icon is not a figure"


@pytest.mark.parametrize(("value", "runs"), [(None, True), ("false", False)])
def test_mg_exec_switches_code_execution(monkeypatch, value, runs):
    """scripts/measure.py builds once with `MG_EXEC=false`: MkDocs' own `enabled` option."""
    from mkdocs.config import load_config

    if value is None:
        monkeypatch.delenv("MG_EXEC", raising=False)
    else:
        monkeypatch.setenv("MG_EXEC", value)
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert ("markdown-exec" in config.plugins) is runs


def test_code_blocks_are_focusable_before_material_sets_them_up(built_site):
    """With content.lazy, Material makes a code block focusable only once it scrolled into view:
    the build makes every one focusable (a keyboard can scroll a wide block sideways)."""
    for page in _pages(built_site):
        text = page.read_text("utf-8")
        assert "<pre><span></span><code>" not in text, page.relative_to(built_site)


def test_material_implements_content_lazy():
    """`content.lazy` is not in Material's documentation, only in its 9.8 source
    (src/templates/assets/javascripts/components/content/code/_/index.ts: a code block is set up
    when it becomes visible). If an upgrade drops it, the feature silently does nothing."""
    import material

    assert "content.lazy" in mkdocs_config()["theme"]["features"]
    bundle = Path(material.__file__).parent / "templates/assets/javascripts"
    (js,) = bundle.glob("bundle.*.min.js")
    assert '"content.lazy"' in js.read_text("utf-8")


def test_bad_glossary_line_is_named(tmp_path):
    from tooling.glossary import read

    bad = tmp_path / "glossary.yml"
    entry = "- {section: s, ka: ფუნქცია, en: function, forms: [ფუნქცია], definition: წესი}\n"
    bad.write_text(entry + "- {section: s, ka: გრადიენტი, en: gradient}\n", "utf-8")
    with pytest.raises(ValueError, match=r"glossary.yml: entry 2: expected"):
        read(bad)
    bad.write_text(entry + entry.replace("ka: ფუნქცია", "ka: სხვა"), "utf-8")
    with pytest.raises(ValueError, match=r"entry 2: the form 'ფუნქცია' is already 'ფუნქცია'"):
        read(bad)


def test_glossary_tooltips_are_plain_text_of_the_one_definition():
    from tooling import glossary

    terms = glossary.read()
    titles = glossary.tooltips(terms)
    for term in terms:
        for form in term.forms:
            assert titles[form].endswith(glossary.plain(term.definition).rstrip("."))
    assert not [t for t in titles.values() if "$" in t or "`" in t or "\\" in t]
    assert titles["ReLU"] == (
        "ReLU — max(0, x): დადებით რიცხვს უცვლელად ატარებს, უარყოფითს ნულად აქცევს"
    )


def test_glossary_uses_the_terms_of_terms_md():
    """/work/shared/TERMS.md: margin is მარაგი (ზღვარი is limit)."""
    from tooling import glossary

    titles = glossary.tooltips(glossary.read())
    assert titles["მარაგის დანაკარგი"].startswith("max-margin (hinge) loss — ")
    assert not [form for form in titles if "ზღვრის" in form]


@pytest.mark.build
def test_a_term_added_to_the_glossary_data_is_a_tooltip_and_a_table_row(tmp_path):
    """One source: a new entry in includes/glossary.yml shows in a lesson and on the glossary."""
    import yaml

    (tmp_path / "includes").mkdir()
    data = yaml.safe_load((ROOT / "includes" / "glossary.yml").read_text("utf-8"))
    new = {
        "section": "tsarmoebuli",
        "ka": "ახალი ტერმინი",
        "en": "new term",
        "forms": ["ახალი ტერმინი", "new term"],
        "definition": "ტერმინი, რომელიც მხოლოდ ამ ტესტში არსებობს, $x^2$-ით.",
    }
    text = yaml.safe_dump([*data, new], allow_unicode=True)
    (tmp_path / "includes" / "glossary.yml").write_text(text, "utf-8")
    pages = {
        "lesson.md": "# გაკვეთილი { #x }\n\nაი ახალი ტერმინი აქ.\n",
        "glossary.md": (ROOT / "docs" / "glossary.md").read_text("utf-8"),
    }
    links = "validation: {links: {not_found: info, anchors: info}}\n"
    child = small_site(tmp_path / "proj", pages, includes=tmp_path / "includes", extra=links)
    site = tmp_path / "site"
    result = build_site(site, config=child)
    assert result.returncode == 0, result.stderr[-3000:]
    lesson = (site / "lesson" / "index.html").read_text("utf-8")
    title = "new term — ტერმინი, რომელიც მხოლოდ ამ ტესტში არსებობს, x²-ით"
    assert f'<abbr title="{title}">ახალი ტერმინი</abbr>' in lesson
    page = (site / "glossary" / "index.html").read_text("utf-8")
    page = re.sub(r"</?abbr[^>]*>", "", page)  # the glossary marks its own terms too
    row = re.search(
        r"<tr>\s*<td>ახალი ტერმინი</td>\s*<td>new term</td>\s*<td>(.*?)</td>", page, re.S
    )
    assert row and "<math" in row[1], "the new term's row is not in the glossary's table"
    assert "glossary:" not in page  # every placeholder was filled


def test_serve_reimports_micrograd_on_every_build():
    """`make serve-full`: an edit to micrograd/ must reach the executed lesson code."""
    code = (
        "import sys, micrograd.engine, micrograd.viz\n"
        "from hooks.site import on_pre_build\n"
        "on_pre_build(None)\n"
        "assert not [n for n in sys.modules if n.split('.')[0] == 'micrograd'], sys.modules\n"
        "import micrograd.engine\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {"micrograd", "includes"} <= set(mkdocs_config()["watch"])


def test_mkdocs_yml_is_standard_and_strict():
    config = mkdocs_config()
    assert config["strict"] is True
    assert config["theme"]["language"] == "ka"
    assert config["theme"]["font"] is False


@pytest.mark.build
def test_failing_example_fails_build_naming_file_and_block(tmp_path):
    """A broken lesson must fail `mkdocs build` with the file and the block named."""
    lesson = (ROOT / "docs" / "derivative.md").read_text("utf-8")
    broken = (
        '\n```python exec="on" session="broken" id="broken-block"\n'
        "raise ValueError('გატეხილი მაგალითი')\n```\n"
    )
    links = "validation: {links: {not_found: info, anchors: info}}\n"
    config = small_site(tmp_path / "proj", {"derivative.md": lesson + broken}, extra=links)
    result = build_site(tmp_path / "out", config=config)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    # the warning itself names the page (hooks/site.py), not only the block's id
    named = r"WARNING .*docs/derivative\.md: Execution of python code block 'broken-block'"
    assert re.search(named, log), log[-2000:]


def test_failing_example_fails_pytest_naming_file_and_block(tmp_path):
    """The same broken block under pytest: the report names the file, the block id and line."""
    import subprocess
    import sys

    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bad.md").write_text(
        "# გატეხილი\n\n"
        '```python exec="on" session="bad" id="bad-first"\nx = 1\n```\n\n'
        '!!! note\n\n    ```python exec="on" session="bad" id="bad-inside-note"\n'
        "    assert x == 2, 'x უნდა იყოს 2'\n    ```\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "-o", "addopts=", str(tmp_path / "docs" / "bad.md")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out = result.stdout
    assert result.returncode == 1, out
    assert "1 failed, 1 passed" in out, out
    assert "bad.md::bad-inside-note[line:10]" in out, out
    assert "x უნდა იყოს 2" in out, out


def test_executed_fence_without_id_is_rejected(tmp_path):
    import subprocess
    import sys

    shutil.copy(ROOT / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "noid.md").write_text(
        '# x\n\n```python exec="on"\nprint(1)\n```\n\n```pycon\n>>> 1 + 1\n3\n```\n', "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "-o", "addopts=", str(tmp_path / "docs" / "noid.md")],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert "2 failed" in result.stdout, result.stdout
    assert 'needs id="..."' in result.stdout
    assert "Expected:\n    3\nGot:\n    2" in result.stdout
