"""tooling.lessons: the one lesson reader (conftest.py, scripts/make_notebooks.py and the in-page
runner read fences through it)."""

import re
from pathlib import Path

import pytest

from tooling.lessons import Fence, read, read_text

DOCS = Path(__file__).parent.parent / "docs"

PAGE = """\
# სათაური

```python exec="on" session="s" id="top" result="text"
x = 1
print(x)
```

!!! note "შენიშვნა"

    ტექსტი.

    ```python exec="1" session="s" id="in-note"
    y = x + 1
    ```

??? success "ამოხსნა"

    ````pycon
    >>> y
    2
    ```
    not the end
    ````

    !!! tip

        ~~~bash
        make test
        ~~~

```
plain
```
"""


def test_every_fence_in_order_with_its_first_code_line():
    fences = read_text(PAGE)
    assert [(f.lang, f.line) for f in fences] == [
        ("python", 4),
        ("python", 13),
        ("pycon", 19),
        ("bash", 28),
        ("", 32),
    ]
    lines = PAGE.splitlines()
    for f in fences:  # the line is the body's first line, in the file
        assert lines[f.line - 1].strip() == f.body.splitlines()[0].strip()


def test_nested_bodies_are_dedented_and_attrs_parsed():
    top, note, pycon, bash, plain = read_text(PAGE)
    assert top == Fence(
        "python",
        {"exec": "on", "session": "s", "id": "top", "result": "text"},
        "x = 1\nprint(x)\n",
        4,
    )
    assert note.body == "y = x + 1\n" and note.executed and note.session == "s"
    assert pycon.body == ">>> y\n2\n```\nnot the end\n"  # a longer fence holds a shorter one
    assert (pycon.executed, pycon.session, pycon.name) == (False, None, "line-19")
    assert bash.body == "make test\n"
    assert plain.lang == "" and plain.body == "plain\n"


@pytest.mark.parametrize("value", ["on", "true", "1", "yes", "ON"])
def test_executed_values(value):
    (f,) = read_text(f'```python exec="{value}"\npass\n```\n')
    assert f.executed


def test_a_fence_markdown_reads_as_indented_code_is_an_error():
    tab = '=== "ჩანართი"\n\n    ```python exec="on" id="x"\n    x = 1\n    ```\n'
    with pytest.raises(ValueError, match="line 3"):
        read_text(tab)


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda p: p.name)
def test_every_executed_fence_of_a_lesson_is_read(page):
    """Cross-check with the plain text: each line that opens an executed fence is found."""
    text = page.read_text("utf-8")
    opening = re.compile(r"^[ \t]*(`{3,}|~{3,})\s*\{?\.?\w+[^\n]*\bexec=\"?(on|true|1|yes)", re.M)
    expected = [text.count("\n", 0, m.start()) + 2 for m in opening.finditer(text)]
    assert [f.line for f in read(page) if f.executed] == expected


def test_blocks_is_the_page_as_a_tree():
    from tooling.lessons import Admonition, Text, blocks

    page = blocks(PAGE)
    kinds = [type(b).__name__ for b in page]
    assert kinds == ["Text", "Fence", "Text", "Admonition", "Admonition", "Fence"]
    note, solution = page[3], page[4]
    assert (note.mark, note.kind, note.title, note.line) == ("!!!", "note", "შენიშვნა", 8)
    assert [type(b) for b in note.blocks] == [Text, Fence, Text]
    assert note.blocks[0].lines == ("", "ტექსტი.", "")  # dedented to the admonition's body
    assert note.blocks[1] == read_text(PAGE)[1]
    assert (solution.mark, solution.title) == ("???", "ამოხსნა")
    inner = solution.blocks[-1]
    assert isinstance(inner, Admonition) and (inner.kind, inner.title) == ("tip", "")
    assert [b.body for b in inner.blocks if isinstance(b, Fence)] == ["make test\n"]
    assert page[0].lines == ("# სათაური", "") and page[2].line == 7
