"""გაკვეთილების წესები (the lesson conventions of README.md), checked on the Markdown sources.

Every lesson has the same outline: "what you will learn", the body, a summary, exercises with
hidden (collapsible) solutions. Prose is written one sentence per source line, so that a diff
of a lesson shows the sentence that changed.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT, nav_files
from tooling import lessons

# not lessons: the glossary and the teachers' page (they follow the prose rules, not the outline)
NOT_LESSONS = {"glossary.md", "teachers.md"}
LESSONS = [p.removesuffix(".md") for p in nav_files() if p.endswith(".md") and p not in NOT_LESSONS]
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
    fenced = lessons.code_lines(text)
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if number in fenced or not stripped:
            continue
        if stripped.startswith(("|", "<", "*[", "!!!", "???", "--8<--")):
            continue
        prose = re.sub(r"^(\d+\.|[-*])\s+", "", stripped)  # list marker
        prose = re.sub(r"`[^`]*`|\$[^$]*\$|\*\*[^*]*\*\*|\]\([^)]*\)", "x", prose)
        for abbreviation in ABBREVIATIONS:
            prose = prose.replace(abbreviation, "x")
        yield number, prose


@pytest.mark.parametrize("name", [*LESSONS, "glossary", "teachers"])
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


# --- executed blocks and the lecture's order (issue 10) ---

CHAIN_RULE = re.compile(r"^#{1,6} .*ჯაჭვის წესი")
# ერთი წინადადების დასაბეჭდად შესრულებული ბლოკების ზღვარი მთელ საიტზე (PLAN-course.md)
PROSE_ONLY_BUDGET = 3


def _is_prose_only(fence: lessons.Fence) -> bool:
    """An executed python fence that shows no code and no figure: its output is Markdown."""
    return (
        fence.executed
        and lessons.is_python(fence)
        and "source" not in fence.attrs
        and lessons.output_mode(fence) != "html"
    )


def _prose_only_blocks(pages: dict[str, str]) -> list[str]:
    """`page:line` of the opening line of each prose-only block."""
    return [
        f"{name}:{fence.line - 1}"
        for name, text in pages.items()
        for fence in lessons.read_text(text)
        if _is_prose_only(fence)
    ]


def test_prose_only_blocks_within_budget():
    pages = {
        str(path.relative_to(ROOT)): path.read_text("utf-8")
        for path in sorted((ROOT / "docs").rglob("*.md"))
    }
    found = _prose_only_blocks(pages)
    assert len(found) <= PROSE_ONLY_BUDGET, (
        f"{len(found)} executed blocks only print prose (budget {PROSE_ONLY_BUDGET}): write the "
        "sentence in Markdown and pin its number with a ```pycon doctest:\n" + "\n".join(found)
    )


def test_prose_only_rule_counts_only_hidden_code():
    page = (
        '```python exec="on" session="s" id="a"\nprint("x")\n```\n'
        '!!! note\n\n    ```python exec="on" session="s" id="b"\n    print("y")\n    ```\n\n'
        '```python exec="on" session="s" source="above" id="c"\nprint(1)\n```\n'
        '```python exec="on" session="s" html="true" id="d"\nprint("<svg/>")\n```\n'
        '```python title="micrograd/engine.py"\n--8<-- "micrograd/engine.py:add"\n```\n'
    )
    assert _prose_only_blocks({"p.md": page}) == ["p.md:1", "p.md:6"]


def _shows_backward(fence: lessons.Fence) -> bool:
    """The fence's code, with `--8<--` snippet lines replaced by the text they include."""
    return "_backward" in lessons.expand_snippets(fence.body)


def _chain_rule_then_backward(pages: list[tuple[str, str]]):
    """(first chain-rule heading, first fence showing `_backward`) as (page index, line, name)."""
    heading = code = None
    for index, (name, text) in enumerate(pages):
        fenced = lessons.code_lines(text)
        for fence in lessons.read_text(text):
            if code is None and _shows_backward(fence):
                code = (index, fence.line - 1, name)
        for line, content in enumerate(text.splitlines(), 1):
            if heading is None and line not in fenced and CHAIN_RULE.match(content):
                heading = (index, line, name)
    return heading, code


def test_chain_rule_comes_before_backward_code():
    """The lecture's order: backprop by hand with the chain rule first, `_backward` after it."""
    pages = [
        (name, (ROOT / "docs" / name).read_text("utf-8"))
        for name in nav_files()
        if name.endswith(".md")
    ]
    heading, code = _chain_rule_then_backward(pages)
    assert heading is not None, "no heading names ჯაჭვის წესი (the chain rule)"
    assert code is None or heading < code, (
        f"docs/{code[2]}:{code[1]} shows `_backward` before the chain rule is taught "
        f"(docs/{heading[2]}:{heading[1]})"
    )


def test_chain_rule_order_rule_sees_snippets_and_wrong_order():
    early = ("a.md", '```python\n--8<-- "micrograd/engine.py:add"\n```\n')
    rule = ("b.md", "# x\n\n## ჯაჭვის წესი { #jachvis-tsesi }\n")
    late = (
        "c.md",
        '!!! note\n\n    ```python exec="on" source="above"\n    v._backward()\n    ```\n',
    )
    assert _chain_rule_then_backward([early, rule]) == ((1, 3, "b.md"), (0, 1, "a.md"))
    heading, code = _chain_rule_then_backward([rule, late])
    assert heading < code
