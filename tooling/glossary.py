"""ლექსიკონი ერთი წყაროდან (the glossary, one source): `includes/glossary.yml`.

From that one file the build makes both:

- the tooltips: every spelling in a term's `forms` -> `<abbr title="...">` (Python-Markdown's
  abbr `glossary`, set by hooks/site.py), titled `English — definition` for a Georgian form and
  `ქართული — definition` for an English one;
- the glossary page's tables: a line `<!-- glossary: section -->` in a page becomes that
  section's table (ქართული | English | ახსნა).

A term has one definition, written once in Markdown; the tooltip shows it as plain text.

    >>> plain("წარმოებულის მიახლოება: $(f(x + h) - f(x)) / h$, `grad`")
    'წარმოებულის მიახლოება: (f(x + h) − f(x)) / h, grad'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from tooling.config import ROOT

SOURCE = "includes/glossary.yml"  # next to mkdocs.yml
GLOSSARY = ROOT / SOURCE
FIELDS = ("section", "ka", "en", "forms", "definition")
HEADER = "| ქართული | English | ახსნა |\n|---|---|---|"
PLACEHOLDER = re.compile(r"^<!-- glossary: ([\w-]+) -->[ \t]*$", re.M)
_GEORGIAN = re.compile("[\u10a0-\u10ff]")


@dataclass(frozen=True)
class Term:
    section: str  # the glossary page's section (its heading id)
    ka: str  # Georgian name, as the table shows it
    en: str  # English name (Markdown)
    forms: tuple[str, ...]  # the spellings marked in the lessons (Georgian or English)
    definition: str  # Markdown


def read(path: Path = GLOSSARY) -> list[Term]:
    """The terms in file order; a malformed entry or a form given twice is named."""
    entries = yaml.safe_load(path.read_text("utf-8")) or []
    terms, owner = [], {}
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}: entry {number}"
        if not isinstance(entry, dict) or set(entry) != set(FIELDS):
            raise ValueError(f"{where}: expected the fields {', '.join(FIELDS)}, got {entry!r}")
        forms = entry["forms"] or []
        if not all(isinstance(v, str) and v.strip() for k, v in entry.items() if k != "forms"):
            raise ValueError(f"{where} ({entry.get('ka')}): an empty field")
        for form in forms:
            if form in owner:
                raise ValueError(f"{where}: the form {form!r} is already {owner[form]!r}'s")
            owner[form] = entry["ka"]
        terms.append(
            Term(entry["section"], entry["ka"], entry["en"], tuple(forms), entry["definition"])
        )
    return terms


_MATH = [
    (re.compile(r"\\mathrm\{(\w+)\}"), r"\1"),
    (re.compile(r"\\(tanh|max|exp|log)\b"), r"\1"),
    (re.compile(r"\s*\\cdot\s*"), "·"),
    (re.compile(r"\\pm\s*"), "±"),
    (re.compile(r"\\,"), "\u2009"),
    (re.compile(r"-"), "−"),
    (re.compile(r"\^2"), "²"),
    (re.compile(r"_(\d)"), lambda m: "₀₁₂₃₄₅₆₇₈₉"[int(m[1])]),
]


def _math(latex: str) -> str:
    for pattern, replacement in _MATH:
        latex = pattern.sub(replacement, latex)
    if "\\" in latex or "{" in latex:
        raise ValueError(
            f"glossary: no plain-text form for the formula ${latex}$ (tooling/glossary.py)"
        )
    return latex


def plain(markdown: str) -> str:
    """A definition as a tooltip shows it: no Markdown, formulas as text."""
    text = re.sub(r"\$([^$]+)\$", lambda m: _math(m[1]), markdown)
    return text.replace("`", "")


def tooltips(terms: list[Term]) -> dict[str, str]:
    """{form: title} for Python-Markdown's abbr `glossary`."""
    titles = {}
    for term in terms:
        meaning = plain(term.definition).rstrip(".")
        for form in term.forms:
            name = term.en if _GEORGIAN.search(form) else term.ka
            titles[form] = f"{plain(name)} — {meaning}"
    return titles


def table(terms: list[Term], section: str) -> str:
    rows = [f"| {t.ka} | {t.en} | {t.definition} |" for t in terms if t.section == section]
    if not rows:
        raise ValueError(f"glossary: no term in section {section!r} ({GLOSSARY.name})")
    return HEADER + "\n" + "\n".join(rows)


def fill(markdown: str, terms: list[Term], where: str = "") -> str:
    """Each `<!-- glossary: section -->` line -> that section's table.

    A page with placeholders must place every section of the data file, so that no term is
    left out of the glossary page.
    """
    placed = PLACEHOLDER.findall(markdown)
    if not placed:
        return markdown
    missing = sorted({t.section for t in terms} - set(placed))
    if missing:
        raise ValueError(f"{where}: no `<!-- glossary: {missing[0]} -->` for {missing}")
    return PLACEHOLDER.sub(lambda m: table(terms, m[1]), markdown)
