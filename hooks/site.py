"""MkDocs-ის ჰუკები (hooks): ის, რაც ქართულ საიტს სჭირდება და სტანდარტულ კონფიგურაციაში არ ეტევა.

1. `slugify`: ქართული სათაური -> წასაკითხი ASCII ბმული (ეროვნული ტრანსლიტერაციით),
   რომ მასწავლებლის გაზიარებული ბმული `#tsarmoebuli` იყოს და არა `#_1` ან `%E1%83...`.
2. markdown-exec-ის შეცდომის შეტყობინებას ვუმატებთ ფაილის სახელს (მის გაფრთხილებაში მხოლოდ
   ბლოკის `id` წერია).
3. ფორმულები (arithmatex) აწყობისას გადაიქცევა MathML-ად: ბრაუზერს JavaScript არ სჭირდება.
4. ტერმინების მინიშნებები (tooltips): `includes/abbreviations.md` ეძლევა abbr-ის `glossary`-ს.
5. `mkdocs serve`-ში ყოველი აწყობა micrograd-ს თავიდან შემოიტანს (import).
"""

from __future__ import annotations

import html
import logging
import re
import sys
import unicodedata
from pathlib import Path

import latex2mathml.converter

# ეროვნული რომანიზაცია (2002), ბმულისთვის აპოსტროფის გარეშე.
GEORGIAN_TO_LATIN = {
    "ა": "a", "ბ": "b", "გ": "g", "დ": "d", "ე": "e", "ვ": "v", "ზ": "z", "თ": "t",
    "ი": "i", "კ": "k", "ლ": "l", "მ": "m", "ნ": "n", "ო": "o", "პ": "p", "ჟ": "zh",
    "რ": "r", "ს": "s", "ტ": "t", "უ": "u", "ფ": "p", "ქ": "k", "ღ": "gh", "ყ": "q",
    "შ": "sh", "ჩ": "ch", "ც": "ts", "ძ": "dz", "წ": "ts", "ჭ": "ch", "ხ": "kh", "ჯ": "j",
    "ჰ": "h",
}  # fmt: skip


def transliterate(text: str) -> str:
    """ქართული ასოები -> ლათინური: `transliterate("წარმოებული") == "tsarmoebuli"`."""
    return "".join(GEORGIAN_TO_LATIN.get(ch, ch) for ch in text)


def slugify(value: str, separator: str = "-") -> str:
    """სათაურიდან ბმულის id: მხოლოდ a-z, 0-9 და `separator`."""
    value = transliterate(value.lower())
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", " ", value).strip().lower()
    return re.sub(rf"[\s_{re.escape(separator)}-]+", separator, value).strip(separator)


class _NameThePage(logging.Filter):
    """markdown-exec-ის გაფრთხილებას (warning) უმატებს, რომელ ფაილშია ჩავარდნილი ბლოკი."""

    page: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.page and record.levelno >= logging.WARNING:
            record.msg = f"docs/{self.page}: {record.msg}"
        return True


_filter = _NameThePage()


ABBREVIATIONS = "includes/abbreviations.md"
_ABBR_LINE = re.compile(r"^\*\[(.+?)\]:[ \t]*(.*)$")


def read_glossary(path) -> dict[str, str]:
    """`*[ტერმინი]: განმარტება` სტრიქონები -> {ტერმინი: განმარტება} (abbr-ის ფორმატი)."""
    glossary = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = _ABBR_LINE.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: expected `*[term]: title`, got {line!r}")
        glossary[match[1]] = match[2]
    return glossary


def on_config(config):
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify
    # ტერმინები abbr-ის glossary-ში და არა snippets-ის auto_append-ით: auto_append-ს
    # markdown-exec-იც მიჰყვება და ყოველი ბლოკის გამომავალ ტექსტს 142 სტრიქონს უმატებდა
    # (~70 ms ბლოკზე: აწყობის დროის ნახევარზე მეტი).
    glossary = read_glossary(Path(config.config_file_path).parent / ABBREVIATIONS)
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    for name in ("mkdocs.plugins.markdown_exec", "markdown_exec"):
        logger = logging.getLogger(name)
        if _filter not in logger.filters:
            logger.addFilter(_filter)
    # markdown-exec-ის ლოგერები ქვე-ლოგერებია: ფილტრი მათ ჰენდლერამდე უნდა მივიდეს.
    for name in list(logging.root.manager.loggerDict):
        if "markdown_exec" in name:
            logger = logging.getLogger(name)
            if _filter not in logger.filters:
                logger.addFilter(_filter)
    return config


def on_pre_build(config):
    """Python-ი მოდულს ერთხელ შემოიტანს და ინახავს: `mkdocs serve`-ში ძრავის შეცვლილი კოდი
    გაკვეთილის შედეგებში მხოლოდ მაშინ გამოჩნდება, თუ ყოველ აწყობაზე თავიდან შემოვიტანთ."""
    for name in [n for n in sys.modules if n == "micrograd" or n.startswith("micrograd.")]:
        del sys.modules[name]


def on_page_markdown(markdown, page, **kwargs):
    _filter.page = page.file.src_uri
    return markdown


_INLINE = re.compile(r'<span class="arithmatex">\\\((.+?)\\\)</span>', re.S)
_BLOCK = re.compile(r'<div class="arithmatex">\\\[(.+?)\\\]</div>', re.S)


def _mathml(latex: str, display: str) -> str:
    return latex2mathml.converter.convert(html.unescape(latex).strip(), display=display)


def on_page_content(content, page, **kwargs):
    _filter.page = None
    content = _BLOCK.sub(lambda m: _mathml(m.group(1), "block"), content)
    return _INLINE.sub(lambda m: _mathml(m.group(1), "inline"), content)


def on_post_build(config, **kwargs):
    """ძიების ინდექსი UTF-8-ად: Material-ი ქართულ ასოს `\\u10d0`-ად წერს (6 ბაიტი 3-ის ნაცვლად)."""
    import json

    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text("utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
