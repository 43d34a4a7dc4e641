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

Lessons are the pages of the nav sections whose title starts with 1–6 (`lesson_pages`);
tests/test_teacher.py reads the same nav, so a new lesson is covered once it is in mkdocs.yml.
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

log = logging.getLogger("mkdocs.hooks.teacher")

# nav-ის ნაწილები "1. წარმოებული" ... "6. PyTorch და სრული მაგალითი"
LESSON_PART = re.compile(r"^[1-6]\.")
_H1 = re.compile(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", re.M)
_H1_HTML = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)

_lessons: list[str] = []  # გაკვეთილების src_uri nav-ის რიგით
_titles: dict[str, str] = {}
_urls: dict[str, str] = {}


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
        _titles[uri], _urls[uri] = title_of(file.content_string), file.url
    return nav


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
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
    page.html = print_copy(content, page.file.src_uri)
    return content


_BOX_ID = re.compile(r'(<div [^>]*\bdata-(?:run-block|exercise)="[^"]*") id="[^"]*"')


def print_copy(content: str, src_uri: str) -> str:
    """გვერდის ასლი მთელი კურსის გვერდისთვის, სადაც ყველა გაკვეთილი ერთადაა და id არ უნდა
    განმეორდეს: ბლოკებისა და სავარჯიშოების id-ები (`python-add`) იქ სათაურის id-ებს
    ემთხვეოდა (პლაგინი მათ გვერდის სახელს უმატებს), ამიტომ ბეჭდვისას ისინი არ გვჭირდება;
    matplotlib-ის ნახატის შიდა id-ებს (`mgp…-`) გვერდის სახელს ვუმატებთ, რადგან ერთი ნახატი
    ორ გვერდზეა (შესავალი და moons)."""
    content = _BOX_ID.sub(r"\1", content)
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
