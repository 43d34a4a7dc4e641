"""MkDocs-ის ჰუკები (hooks): ის, რაც ქართულ საიტს სჭირდება და სტანდარტულ კონფიგურაციაში არ ეტევა.

1. `slugify` (tooling.slugify): ქართული სათაური -> წასაკითხი ASCII ბმული (ეროვნული
   ტრანსლიტერაციით), რომ მასწავლებლის გაზიარებული ბმული `#tsarmoebuli` იყოს.
2. markdown-exec-ის გაფრთხილებას (warning) ვუმატებთ ფაილის სახელს (მასში მხოლოდ ბლოკის `id` წერია).
3. ფორმულები (arithmatex) აწყობისას გადაიქცევა MathML-ად: ბრაუზერს JavaScript არ სჭირდება.
4. ლექსიკონი ერთი წყაროდან, `includes/glossary.yml` (tooling.glossary): მისგან abbr-ის
   `glossary` (ტერმინების მინიშნებები, tooltips) და ლექსიკონის გვერდის ცხრილები
   (`<!-- glossary: სექცია -->`). გვერდზე მხოლოდ ტერმინის პირველი შეხვედრა ტექსტში (რომელი
   ფორმითაც არ უნდა იყოს, ქართულად თუ ინგლისურად) რჩება მინიშნებად, სათაურებში არცერთი.
5. გრაფები და გრაფიკები (`micrograd.viz`-ის სუფთა SVG) საიტის ჩარჩოში ჯდება: კლასი, ზომა,
   გადახვევა კლავიატურით (tooling/figure.py: იგივე ფუნქცია ბრაუზერშიც ეშვება).
6. `mkdocs serve`-ში ყოველი აწყობა micrograd-ს თავიდან შემოიტანს (import).
7. ბლოკი, რომელსაც აწყობა სხვაგვარად წაიკითხავდა, ვიდრე pytest და notebook-ები (მაგალითად
   ```` ```py exec="on" ````), აწყობას აჩერებს ფაილისა და ბლოკის სახელით (tooling.lessons).
"""

from __future__ import annotations

import html
import json
import logging
import re
import sys
from pathlib import Path

import latex2mathml.converter
import markdown_exec
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from tooling import glossary, lessons
from tooling.figure import figure
from tooling.slugify import slugify


class _NameThePage(logging.LoggerAdapter):
    """markdown-exec-ის გაფრთხილებას უმატებს, რომელ ფაილშია ჩავარდნილი ბლოკი.

    markdown-exec's own adapter (its mkdocs plugin) prefixes `markdown_exec: `; this one also
    names the page being rendered. Installed with markdown-exec's `patch_loggers`, the API it
    offers for exactly this.
    """

    page: str | None = None

    def process(self, msg, kwargs):
        where = f"docs/{_NameThePage.page}: " if _NameThePage.page else ""
        return f"markdown_exec: {where}{msg}", kwargs


def _markdown_exec_logger(name: str) -> logging.LoggerAdapter:
    return _NameThePage(logging.getLogger(f"mkdocs.plugins.{name}"), {})


def on_config(config):
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    # ტერმინები abbr-ის glossary-ში და არა snippets-ის auto_append-ით: auto_append-ს
    # markdown-exec-იც მიჰყვება და ყოველი ბლოკის გამომავალ ტექსტს 142 სტრიქონს უმატებდა
    # (~70 ms ბლოკზე: აწყობის დროის ნახევარზე მეტი).
    _Glossary.terms = glossary.read(Path(config.config_file_path).parent / glossary.SOURCE)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.tooltips(_Glossary.terms)
    markdown_exec.patch_loggers(_markdown_exec_logger)
    return config


def on_pre_build(config):
    """Python-ი მოდულს ერთხელ შემოიტანს და ინახავს: `mkdocs serve`-ში ძრავის შეცვლილი კოდი
    გაკვეთილის შედეგებში მხოლოდ მაშინ გამოჩნდება, თუ ყოველ აწყობაზე თავიდან შემოვიტანთ."""
    for name in [n for n in sys.modules if n == "micrograd" or n.startswith("micrograd.")]:
        del sys.modules[name]


class _Glossary:
    terms: list[glossary.Term] = []


def on_page_markdown(markdown, page, **kwargs):
    """A block that the build would treat otherwise than pytest and the notebooks fails here;
    the glossary's tables are put in (`<!-- glossary: section -->`)."""
    _NameThePage.page = page.file.src_uri
    where = f"docs/{page.file.src_uri}"
    if page.file.src_uri.endswith(".md"):
        try:
            lessons.check(lessons.read_text(markdown), where)
            markdown = glossary.fill(markdown, _Glossary.terms, where)
        except ValueError as err:  # LessonError too
            raise PluginError(str(err)) from err
    return markdown


_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)
_ABBR = re.compile(r'<abbr title="([^"]*)">(.*?)</abbr>', re.S)
# micrograd.viz's figure: an <svg> with a size and no class yet (icons have one). Printed by a
# block without `source=`, Markdown puts it in a <p>, where a <div> may not stand: it goes.
_SVG = r'<svg (?![^>]*\bclass=)[^>]*\bwidth="[\d.]+(?:pt|px)?".*?</svg>'
_FIGURE = re.compile(rf"<p>(?P<alone>{_SVG})(?P<space>\s*)</p>|(?P<svg>{_SVG})", re.S)


def _mathml(latex: str, display: str) -> str:
    return latex2mathml.converter.convert(html.unescape(latex).strip(), display=display)


_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.S)


def first_terms_only(content: str) -> str:
    """ტერმინის მინიშნება მხოლოდ პირველ შეხვედრაზე ტექსტში: შემდეგ ის უკვე ნაცნობია (და გვერდი
    მსუბუქია: Material-ი ყოველ <abbr>-ს თავის tooltip-ს უქმნის). სათაურებში (h1–h6) მინიშნება არ
    არის: სათაური ბმულია და სარჩევშიც ჩანს, ტერმინი კი პირველად ტექსტში აიხსნება.

    ტერმინს მისი მნიშვნელობით ვცნობთ, ანუ განმარტებით ` — `-ის შემდეგ: `კვანძი`, `კვანძის` და
    `node` ერთი ტერმინია, ამიტომ „კვანძი (node)“ ერთხელ აღინიშნება.
    """
    content = _HEADING.sub(lambda m: _ABBR.sub(r"\2", m[0]), content)
    seen: set[str] = set()

    def keep_first(m: re.Match) -> str:
        meaning = m[1].partition(" — ")[2] or m[1]
        if meaning in seen:
            return m[2]
        seen.add(meaning)
        return m[0]

    return _ABBR.sub(keep_first, content)


_CODE_BOX = re.compile(r'<div class="language-[\w-]+ highlight"(?=>)')


@event_priority(-50)  # after hooks/notebooks.py has put the notebooks' graphs inline
def on_page_content(content, page, **kwargs):
    _NameThePage.page = None
    content = _BLOCK.sub(lambda m: _mathml(m.group(1), "block"), content)
    content = _INLINE.sub(lambda m: _mathml(m.group(1), "inline"), content)
    content = first_terms_only(content)
    # content.lazy: Material sets a code block up (and makes it focusable, if it scrolls
    # sideways) only when it comes into view; until then a keyboard could not reach it (axe:
    # scrollable-region-focusable). Focusable from the start; Material drops it where not needed.
    content = content.replace("<pre><span></span><code>", '<pre><span></span><code tabindex="0">')
    # search indexes the prose (with its inline `code`), not the code boxes, their printed output
    # or the figures' labels: those were 40 % of the index that every page downloads
    content = _CODE_BOX.sub(r"\g<0> data-search-exclude", content)
    return _FIGURE.sub(
        lambda m: figure(m["svg"]) if m["svg"] else figure(m["alone"]) + m["space"], content
    )


def on_post_build(config, **kwargs):
    """ძიების ინდექსი UTF-8-ად: Material-ი ქართულ ასოს `\\u10d0`-ად წერს (6 ბაიტი 3-ის ნაცვლად)."""
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text("utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
