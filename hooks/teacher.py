"""მასწავლებლის ჰუკი (hook): გაკვეთილის დრო, წინა გაკვეთილები და ბეჭდვის ბმულები.

1. გაკვეთილს (nav-ის 1–6 ნაწილები) თავში, front matter-ში, აქვს `time:` (წუთები: კითხვა და
   სავარჯიშოები) და `prereq:` (წინა გაკვეთილები, რომლებიც ჯერ უნდა წაიკითხო). სათაურის ქვემოთ
   ჩანს „⏱ 30 წთ · წინა: …“, ბმულებით, და ორი ბმული ბეჭდვისთვის: „სამუშაო ფურცელი“ (სავარჯიშოები
   ამოხსნის გარეშე) და „პასუხები“ (სავარჯიშოები ამოხსნით). ორივე იმავე გვერდს ხსნის
   `?print=worksheet` / `?print=key` პარამეტრით; დანარჩენს `javascripts/teacher.js` და extra.css
   აკეთებს.
2. არასწორი `time` (არა დადებითი მთელი რიცხვი) ან `prereq`, რომელიც არარსებულ ან უფრო გვიან
   გაკვეთილს ასახელებს, აწყობას აჩერებს და ფაილს ასახელებს. თუ გაკვეთილს ისინი საერთოდ არ აქვს,
   აწყობა გაფრთხილებას (warning) წერს, რაც `strict` რეჟიმში ასევე აჩერებს აწყობას.

3. მასწავლებლის გვერდი (`docs/teachers.md`): გაკვეთილების ცხრილი აწყობისას იქმნება nav-იდან და
   გაკვეთილების front matter-იდან (`time:`, `summary:` — ერთი სტრიქონი, `exercise:` — მთავარი
   სავარჯიშოს id), ამიტომ დრო გვერდზე ვერასოდეს გასცდება გაკვეთილისას. ორკვირიანი გეგმა
   teachers.md-ის front matter-შია (`unit:`): თითო გაკვეთილზე (კლასში) ფაილები და წუთები.
   აწყობა ჩერდება, თუ გეგმაში გაკვეთილის წუთების ჯამი მის `time`-ს არ უდრის, თუ გაკვეთილი
   გამოტოვებულია, ან თუ კლასის წუთები აღემატება `class_minutes`-ს.

Lessons are the pages of the nav sections whose title starts with 1–6 (`lesson_pages`);
tests/test_teacher.py reads the same nav, so a new lesson is covered once it is in mkdocs.yml.
The teachers' page has three placeholders: `<!-- mg:lessons -->` and `<!-- mg:unit -->` become
Markdown tables at build (`lessons_table`, `unit_table`), `<!-- mg:zip -->` the zip's link when
the build makes one (`zip_line`).
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from tooling.lessons import exercise_numbers

log = logging.getLogger("mkdocs.hooks.teacher")

# nav-ის ნაწილები "1. წარმოებული" ... "6. PyTorch და სრული მაგალითი"
LESSON_PART = re.compile(r"^[1-6]\.")
_H1 = re.compile(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", re.M)
_H1_HTML = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)

_lessons: list[str] = []  # გაკვეთილების src_uri nav-ის რიგით
_titles: dict[str, str] = {}
_urls: dict[str, str] = {}
_meta: dict[str, dict] = {}  # გაკვეთილის front matter (მასწავლებლის გვერდისთვის)
_sources: dict[str, str] = {}  # გაკვეთილის Markdown, front matter-ის გარეშე

TEACHERS = "teachers.md"
LESSONS_MARK = "<!-- mg:lessons -->"
UNIT_MARK = "<!-- mg:unit -->"
ZIP_MARK = "<!-- mg:zip -->"
NBSP = "\u00a0"  # რიცხვი და „წთ“ ერთ სტრიქონზე


def lesson_pages(nav_items) -> list:
    """nav-ის 1–6 ნაწილების გვერდები, რიგით (`items` MkDocs-ის Navigation-იდან)."""
    found = []
    for item in nav_items:
        if isinstance(item, Section) and LESSON_PART.match(item.title or ""):
            found += [p for p in item.children if isinstance(p, Page)]
    return found


def title_of(markdown: str) -> str:
    """გაკვეთილის სათაური: პირველი `# ...` სტრიქონი, `{ #id }`-ისა და ნიშნების გარეშე."""
    match = _H1.search(markdown)
    return re.sub(r"[`*$]", "", match[1]).strip() if match else ""


def check_meta(where: str, meta: dict, known: list[str]) -> tuple[int, list[str]]:
    """`time`-ისა და `prereq`-ის შემოწმება; შეცდომა ფაილს ასახელებს (PluginError აჩერებს აწყობას).

    `known`: ამ გაკვეთილამდე მოსული გაკვეთილები (nav-ის რიგით).

    >>> check_meta("docs/x.md", {"time": 20, "prereq": ["a.md"]}, ["a.md"])
    (20, ['a.md'])
    >>> check_meta("docs/x.md", {"time": 0, "prereq": []}, [])
    Traceback (most recent call last):
    mkdocs.exceptions.PluginError: docs/x.md: `time` must be a positive integer (minutes), got 0
    """
    minutes = meta.get("time")
    if type(minutes) is not int or minutes <= 0:
        raise PluginError(f"{where}: `time` must be a positive integer (minutes), got {minutes!r}")
    prereq = meta.get("prereq")
    if isinstance(prereq, str):
        prereq = [prereq]
    if not isinstance(prereq, list):
        raise PluginError(f"{where}: `prereq` must be a list of lesson files, got {prereq!r}")
    for name in prereq:
        if name not in known:
            raise PluginError(
                f"{where}: `prereq` names {name}, which is not an earlier lesson in the nav"
            )
    return minutes, prereq


PRINT_SITE_JS = "js/print-site.js"


# mkdocs-print-site-plugin-ის on_config-ის შემდეგ: ის სკრიპტს ყველა გვერდს უმატებს
@event_priority(-100)
def on_config(config):
    """print-site.js მხოლოდ მთელი კურსის გვერდს სჭირდება (სარჩევს აწყობს): სხვა გვერდებზე არა
    (ერთი მოთხოვნა ნაკლები ყოველ გვერდზე); print_page/-ს მას `course_page` უმატებს."""
    config.extra_javascript[:] = [s for s in config.extra_javascript if str(s) != PRINT_SITE_JS]
    return config


def on_nav(nav, config, files):
    _lessons[:] = [page.file.src_uri for page in lesson_pages(nav.items)]
    _titles.clear()
    for uri in _lessons:
        file = files.get_file_from_path(uri)
        _sources[uri], _meta[uri] = get_data(file.content_string)
        _titles[uri], _urls[uri] = title_of(_sources[uri]), file.url
    return nav


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    if uri == TEACHERS:
        zip_name = config.extra.get("offline_zip")  # MG_OFFLINE_ZIP_NAME (mkdocs.yml's extra)
        return teachers_page(markdown, page.meta, f"docs/{uri}", zip_name, page.url)
    if uri not in _lessons:
        return markdown
    where = f"docs/{uri}"
    if "time" not in page.meta or "prereq" not in page.meta:
        log.warning(f"{where}: a lesson needs `time:` and `prereq:` in its front matter")
        return markdown
    # prereq ადრინდელი გაკვეთილი უნდა იყოს; უცნობი ან უფრო გვიანდელი გვერდი შეცდომაა
    earlier = _lessons[: _lessons.index(uri)]
    page.meta["mg_teacher"] = check_meta(where, page.meta, earlier)
    return markdown


# ---------------------------------------------------------------------------------------------
# მასწავლებლის გვერდი (docs/teachers.md)
# ---------------------------------------------------------------------------------------------


def exercise_label(where: str, source: str, anchor) -> str:
    """მთავარი სავარჯიშოს (`exercise:`) წარწერა: „სავარჯიშო 2“ (`savarjisho-2`, აბზაცი `**2.**`
    სავარჯიშოების ნაწილში) ან სათაურის ტექსტი (სათაური `{ #anchor }`-ით).

    >>> text = "## სავარჯიშოები { #savarjishoebi }" + chr(10) * 2 + "**1.** ა"
    >>> exercise_label("docs/x.md", text, "savarjisho-1")
    'სავარჯიშო 1'
    >>> exercise_label("docs/x.md", text, "savarjisho-2")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    mkdocs.exceptions.PluginError: docs/x.md: `exercise: savarjisho-2` names no exercise of the ...
    """
    if not isinstance(anchor, str) or not anchor:
        raise PluginError(
            f"{where}: the teachers' page needs `exercise:` in the front matter, the id of the "
            f"lesson's key exercise (e.g. savarjisho-2), got {anchor!r}"
        )
    numbers = exercise_numbers(source)
    number = re.fullmatch(r"savarjisho-(\d+)", anchor)
    if number and int(number[1]) in numbers:
        return f"სავარჯიშო {number[1]}"
    heading = re.search(rf"^#+ (.+?)\s*\{{ *#{re.escape(anchor)} *\}}\s*$", source, re.M)
    if heading:
        return re.sub(r"[`*]", "", heading[1]).strip()
    span = f"**{min(numbers)}.** to **{max(numbers)}.**" if numbers else "no numbered exercise"
    raise PluginError(
        f"{where}: `exercise: {anchor}` names no exercise of the lesson (it has {span} and no "
        "heading with that id)"
    )


def lessons_table(lessons: list[str], meta: dict, sources: dict, titles: dict) -> str:
    """გაკვეთილების ცხრილი (Markdown): რას ასწავლის, დრო, მთავარი სავარჯიშო; ბოლოს ჯამი."""
    rows = [
        "| # | გაკვეთილი | რას ასწავლის | დრო | მთავარი სავარჯიშო |",
        "|---|---|---|---|---|",
    ]
    for number, uri in enumerate(lessons, 1):
        where, data = f"docs/{uri}", meta[uri]
        summary = data.get("summary")
        if not isinstance(summary, str) or not summary.strip() or "\n" in summary.strip():
            raise PluginError(
                f"{where}: the teachers' page needs `summary:` in the front matter, one line "
                f"saying what the lesson teaches, got {summary!r}"
            )
        anchor = data.get("exercise")
        label = exercise_label(where, sources[uri], anchor)
        rows.append(
            f"| {number} | [{titles[uri]}]({uri}) | {summary.strip()} | {data['time']}{NBSP}წთ "
            f"| [{label}]({uri}#{anchor}) |"
        )
    total = sum(meta[uri]["time"] for uri in lessons)
    rows.append(f"| | **სულ** | | **{total}{NBSP}წთ** | |")
    return "\n".join(rows)


def check_unit(where: str, unit, times: dict[str, int], class_minutes) -> list[dict[str, int]]:
    """ორკვირიანი გეგმის შემოწმება: გაკვეთილის წუთების ჯამი = მისი `time`, ყველა გაკვეთილი
    გეგმაშია, კლასი `class_minutes`-ზე გრძელი არაა. შეცდომა ასახელებს ფაილს, გაკვეთილს და
    რიცხვებს.

    >>> times = {"a.md": 15, "b.md": 20}
    >>> check_unit("docs/t.md", [{"a.md": 10}, {"a.md": 5, "b.md": 20}], times, 45)
    [{'a.md': 10}, {'a.md': 5, 'b.md': 20}]
    >>> check_unit("docs/t.md", [{"a.md": 10}, {"b.md": 20}], times, 45)
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    mkdocs.exceptions.PluginError: docs/t.md: the unit plan gives a.md 10 min (class 1: 10), but ...
    """
    if type(class_minutes) is not int or class_minutes <= 0:
        raise PluginError(
            f"{where}: `class_minutes` must be a positive integer, got {class_minutes!r}"
        )
    if not isinstance(unit, list) or not unit:
        raise PluginError(f"{where}: `unit:` must be a list of classes (lesson file: minutes)")
    planned: dict[str, list[tuple[int, int]]] = {}
    sessions = []
    for number, session in enumerate(unit, 1):
        if not isinstance(session, dict) or not session:
            raise PluginError(f"{where}: unit class {number} must map lesson files to minutes")
        lessons = class_lessons(session)
        for name, minutes in lessons.items():
            if name not in times:
                raise PluginError(
                    f"{where}: unit class {number} names {name}, which is not a lesson of parts 1–6"
                )
            if type(minutes) is not int or minutes <= 0:
                raise PluginError(
                    f"{where}: unit class {number}: {name} needs a positive whole number of "
                    f"minutes, got {minutes!r}"
                )
            planned.setdefault(name, []).append((number, minutes))
        used = sum(lessons.values())
        if used > class_minutes:
            raise PluginError(
                f"{where}: unit class {number} plans {used} min of lessons, more than a class "
                f"({class_minutes} min)"
            )
        sessions.append(lessons)
    for name, minutes in times.items():
        parts = planned.get(name, [])
        if sum(m for _, m in parts) != minutes:
            split = ", ".join(f"class {n}: {m}" for n, m in parts) or "in no class"
            raise PluginError(
                f"{where}: the unit plan gives {name} {sum(m for _, m in parts)} min ({split}), "
                f"but its `time:` is {minutes} min (docs/{name})"
            )
    return sessions


def class_lessons(session: dict) -> dict:
    """ერთი კლასის გაკვეთილები წუთებით: `note` (მასწავლებლის შენიშვნა) გაკვეთილი არაა.

    >>> class_lessons({"value.md": 30, "note": "დაფაზე: a, b, c"})
    {'value.md': 30}
    """
    return {k: v for k, v in session.items() if k != "note"}


def unit_table(unit: list, titles: dict, class_minutes: int) -> str:
    """ორკვირიანი გეგმის ცხრილი (Markdown): კლასი, გაკვეთილები წუთებით, დარჩენილი დრო."""
    rows = [
        "| კლასი | გაკვეთილები (წუთები) | დარჩენილი დრო |",
        "|---|---|---|",
    ]
    for number, session in enumerate(unit, 1):
        lessons = class_lessons(session)
        parts = " · ".join(
            f"[{titles[name]}]({name}) {minutes}{NBSP}წთ" for name, minutes in lessons.items()
        )
        rest = class_minutes - sum(lessons.values())
        note = str(session.get("note", "")).strip()
        left = ": ".join(filter(None, [f"{rest}{NBSP}წთ" if rest else "", note])) or "—"
        rows.append(f"| {number} | {parts} | {left} |")
    return "\n".join(rows)


def zip_line(zip_name, page_url: str) -> str:
    """საიტის zip-ასლის ბმული (HTML): ის მხოლოდ მაშინ არსებობს, როცა აწყობა მას ქმნის
    (`MG_OFFLINE_ZIP_NAME`, Pages-ის workflow; hooks/offline.py), თორემ მხოლოდ სიტყვებით."""
    if not zip_name:
        return (
            "გამოქვეყნებულ საიტს აქვს თავისი zip-ასლი: ბმული „საიტის ასლი (zip) "
            "მასწავლებლისთვის“ ყოველი გვერდის ძირშია (ამ აწყობაში zip არ შექმნილა)."
        )
    href = html.escape(get_relative_url(zip_name, page_url))
    name = html.escape(zip_name)
    return f'მთელი საიტი ერთ ფაილად: <a href="{href}" download>{name}</a>.'


def teachers_page(markdown: str, meta: dict, where: str, zip_name=None, url="teachers/") -> str:
    """docs/teachers.md: ჩანაცვლებები (`<!-- mg:lessons -->`, `<!-- mg:unit -->` ცხრილებით,
    `<!-- mg:zip -->` zip-ასლის ბმულით)."""
    for mark in (LESSONS_MARK, UNIT_MARK):
        if markdown.count(mark) != 1:
            raise PluginError(f"{where}: needs the line {mark} exactly once")
    times = {
        uri: check_meta(f"docs/{uri}", _meta[uri], _lessons[:i])[0]
        for i, uri in enumerate(_lessons)
    }
    class_minutes = meta.get("class_minutes")
    unit = meta.get("unit")
    check_unit(where, unit, times, class_minutes)
    markdown = markdown.replace(LESSONS_MARK, lessons_table(_lessons, _meta, _sources, _titles))
    markdown = markdown.replace(ZIP_MARK, zip_line(zip_name, url))
    return markdown.replace(UNIT_MARK, unit_table(unit, _titles, class_minutes))


def _icon(name: str) -> str:
    """Material-ის ხატულა (SVG) ტექსტში: ⏱ და 🖨 emoji-ს შრიფტი ყველგან არაა (Debian-ის
    Chromium-ის PDF-ში ცარიელი ოთხკუთხედი იყო)."""
    from material import templates

    svg = (Path(templates.__file__).parent / ".icons" / "material" / f"{name}.svg").read_text()
    svg = svg.replace("<svg ", '<svg aria-hidden="true" ', 1)
    return f'<span class="twemoji">{svg}</span>'


def meta_line(page) -> str:
    """„⏱ 30 წთ · წინა: …“ და ბეჭდვის ბმულები (HTML), სათაურის ქვემოთ ჩასასმელი."""
    minutes, prereq = page.meta["mg_teacher"]
    parts = [f'<span class="mg-time">{_icon("clock-outline")} {minutes} წთ</span>']
    if prereq:
        links = ", ".join(
            f'<a href="{get_relative_url(_urls[name], page.url)}">{html.escape(_titles[name])}</a>'
            for name in prereq
        )
        parts.append(f"წინა: {links}")
    sheets = (
        f'<span class="mg-sheets"> · <a href="?print=worksheet">{_icon("printer-outline")}'
        ' სამუშაო ფურცელი</a> · <a href="?print=key">პასუხები</a></span>'
    )
    return f'<p class="mg-lesson-meta" data-search-exclude>{" · ".join(parts)}{sheets}</p>'


@event_priority(-100)  # ყველა ჰუკის შემდეგ (site.py: -50): გვერდის საბოლოო HTML
def on_page_content(content, page, config, files):
    if "mg_teacher" in page.meta:
        heading = _H1_HTML.search(content)
        if not heading:
            raise PluginError(f"docs/{page.file.src_uri}: a lesson needs a `# title`")
        content = content[: heading.end()] + "\n" + meta_line(page) + content[heading.end() :]
    # mkdocs-print-site-plugin-ი გვერდის HTML-ს `page.html`-ად თავის on_page_content-ში ინახავს,
    # ანუ ჩვენს ჰუკებამდე (MathML-მდე, გრაფებამდე): მთელი კურსის გვერდს საბოლოო HTML სჭირდება
    page.html = print_copy(content, page.file.src_uri, page.url)
    return content


_BOX_ID = re.compile(r'(<div [^>]*\bdata-(?:run-block|exercise)="[^"]*") id="[^"]*"')


_EXERCISE_ID = re.compile(r'(<p class="mg-exercise-no" id=")([^"]+)"')


def print_copy(content: str, src_uri: str, url: str = "") -> str:
    """გვერდის ასლი მთელი კურსის გვერდისთვის, სადაც ყველა გაკვეთილი ერთადაა და id არ უნდა
    განმეორდეს: ბლოკებისა და სავარჯიშოების id-ები (`python-add`) იქ სათაურის id-ებს
    ემთხვეოდა (პლაგინი მათ გვერდის სახელს უმატებს), ამიტომ ბეჭდვისას ისინი არ გვჭირდება;
    matplotlib-ის ნახატის შიდა id-ებს (`mgp…-`) გვერდის სახელს ვუმატებთ, რადგან ერთი ნახატი
    ორ გვერდზეა (შესავალი და moons). სავარჯიშოს id-ს (`savarjisho-2`) პლაგინის წესით გვერდის
    სახელს ვუმატებთ (`backprop-savarjisho-2`), როგორც ის სათაურებს უმატებს: ბმული მასზე მთელი
    კურსის გვერდზეც მუშაობს."""
    from mkdocs_print_site_plugin.urls import get_page_key

    content = _BOX_ID.sub(r"\1", content)
    key = get_page_key(url)
    content = _EXERCISE_ID.sub(rf'\1{key}-\2"', content)
    slug = re.sub(r"[^a-z0-9]+", "-", src_uri.removesuffix(".md").lower())
    return re.sub(r"\b(mgp[0-9a-f]{8})-", rf"\1{slug}-", content)


# nav-ის ნაწილის სათაურის ფურცელი; ცარიელია, თუ მას მაშინვე შემდეგი ნაწილი ან გვერდის ბოლო მოსდევს
_PART = (
    r"<section class='print-page md-section' id='(section-\d+)'[^>]*>"
    r"\s*<h1>[^<]*<a [^>]*></a>\s*</h1>\s*</section>"
)
_EMPTY_PART = re.compile(_PART + r"(?=\s*(?:<section class='print-page md-section'|</div>))")


def course_page(text: str, first_terms_only=lambda text: text) -> str:
    """mkdocs-print-site-plugin-ის გვერდის (print_page/) გასწორება:

    - nav-ის ნაწილი, რომლის გვერდებიც გამოვრიცხეთ (Notebook-ები), ცარიელი სათაურის ფურცლად და
      სარჩევში არ დარჩეს;
    - ტერმინის მინიშნება მთელ კურსში ერთხელ, პირველ შეხვედრაზე, როგორც ერთ გვერდზე
      (`first_terms_only`: hooks/site.py-ისა);
    - სათაურის ბმულის წარწერა ქართულად;
    - პლაგინის სკრიპტი (სარჩევი) მხოლოდ აქ (`on_config`).
    """
    for part in _EMPTY_PART.findall(text):
        link = r"[^<]*(?:<span[^>]*>[^<]*</span>[^<]*)?</a>"
        toc = rf'<li class="md-nav__item">\s*<a href="#{part}"[^>]*>{link}\s*</li>'
        text = re.sub(toc, "", text)
    text = _EMPTY_PART.sub("", text)
    text = text.replace("title='Permanent link'", "title='ბმული ამ ნაწილზე'")
    if PRINT_SITE_JS not in text:
        text = text.replace("</body>", f'<script src="../{PRINT_SITE_JS}"></script>\n</body>', 1)
    return first_terms_only(text)


@event_priority(-100)  # mkdocs-print-site-plugin-ის on_post_build-ის შემდეგ: ის წერს print_page/-ს
def on_post_build(config, **kwargs):
    plugin = config.plugins.get("print-site")
    if plugin is None:
        return
    path = Path(plugin.print_page.file.abs_dest_path)
    # MkDocs ჰუკს მოდულად ინახავს პლაგინებს შორის, mkdocs.yml-ის სახელით
    site = config.plugins.get("hooks/site.py")
    terms = site.first_terms_only if site else (lambda text: text)
    path.write_text(course_page(path.read_text("utf-8"), terms), "utf-8")
