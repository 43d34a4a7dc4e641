"""გაკვეთილების წესები (the lesson conventions of README.md), checked on the Markdown sources.

Every lesson has the same outline: "what you will learn", the body, a summary, exercises with
hidden (collapsible) solutions. Prose is written one sentence per source line, so that a diff
of a lesson shows the sentence that changed.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, nav_files

LESSONS = [p.removesuffix(".md") for p in nav_files() if p.endswith(".md") and p != "glossary.md"]
LEARN = '!!! abstract "რას ისწავლი"'
SUMMARY, EXERCISES = "შეჯამება", "სავარჯიშოები"
# შემოკლებები, რომელთა წერტილი წინადადებას არ ამთავრებს (abbreviations, not sentence ends)
ABBREVIATIONS = ("იხ.", "მაგ.", "ე.ი.", "დაახლ.", "e.g.", "i.e.")


def _h2(text: str) -> list[tuple[int, str]]:
    """(line number, title) of every `## ` heading, without its `{ #id }`."""
    return [
        (number, re.sub(r"\s*\{[^}]*\}\s*$", "", line[3:]).strip())
        for number, line in enumerate(text.splitlines(), 1)
        if line.startswith("## ")
    ]


def test_lessons_found():
    assert len(LESSONS) >= 10, LESSONS


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_outline(name):
    text = (ROOT / "docs" / f"{name}.md").read_text("utf-8")
    lines = text.splitlines()
    headings = _h2(text)
    assert len(headings) >= 3, f"docs/{name}.md: too few sections"
    first_h2 = headings[0][0]
    assert any(line.startswith(LEARN) for line in lines[: first_h2 - 1]), (
        f"docs/{name}.md: no `{LEARN}` box before the first section"
    )
    titles = [title for _, title in headings]
    assert titles[-2:] == [SUMMARY, EXERCISES], (
        f"docs/{name}.md: the last sections must be `## {SUMMARY}` and `## {EXERCISES}`, "
        f"got {titles[-2:]}"
    )
    exercises = "\n".join(lines[headings[-1][0] :])
    assert re.search(r"^\s*\?\?\?\+? \w+", exercises, re.M), (
        f'docs/{name}.md: exercises without a hidden solution (`??? success "ამოხსნა"`)'
    )


def _prose_lines(text: str):
    """(line number, prose) outside code fences, tables, HTML, glossary and admonition titles."""
    fence = None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if marker:
            if fence is None:
                fence = marker[1]
            elif stripped.startswith(fence) and not stripped[len(fence) :].strip():
                fence = None
            continue
        if fence or not stripped or stripped.startswith(("|", "<", "*[", "!!!", "???", "--8<--")):
            continue
        prose = re.sub(r"^(\d+\.|[-*])\s+", "", stripped)  # list marker
        prose = re.sub(r"`[^`]*`|\$[^$]*\$|\*\*[^*]*\*\*|\]\([^)]*\)", "x", prose)
        for abbreviation in ABBREVIATIONS:
            prose = prose.replace(abbreviation, "x")
        yield number, prose


@pytest.mark.parametrize("name", [*LESSONS, "glossary"])
def test_one_sentence_per_line(name):
    text = (ROOT / "docs" / f"{name}.md").read_text("utf-8")
    two = [
        f"docs/{name}.md:{number}: {prose[:80]}"
        for number, prose in _prose_lines(text)
        if re.search(r"[.!?…]\s+\S", prose)
    ]
    assert not two, "two sentences on one line (one sentence per line):\n" + "\n".join(two)


def test_one_sentence_rule_catches_two_sentences():
    text = "პირველი წინადადება. მეორე წინადადება.\n```python\nx = 1. + 2.  # code. not prose\n```\n"
    numbers = [n for n, prose in _prose_lines(text) if re.search(r"[.!?…]\s+\S", prose)]
    assert numbers == [1]
