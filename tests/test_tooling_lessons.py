"""tooling.lessons: the one lesson reader (conftest.py, scripts/make_notebooks.py and the in-page
runner read fences through it)."""

import re
from pathlib import Path

import pytest

from tests.conftest import build_site, small_site
from tooling import lessons
from tooling.config import mkdocs_config
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


@pytest.mark.parametrize("value", ["on", "true", "1", "yes", "ON", "y", "True"])
def test_executed_values(value):
    (f,) = read_text(f'```python exec="{value}"\npass\n```\n')
    assert f.executed


@pytest.mark.parametrize("value", ["off", "no", "false", "0", "", "OFF"])
def test_not_executed_values_as_markdown_exec_reads_them(value):
    (f,) = read_text(f'```python exec="{value}" html="{value}"\npass\n```\n')
    assert not f.executed and lessons.output_mode(f) == "markdown"


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


# --- the code-block rules (tooling.lessons): every path reads a fence the same way ---

ROOT = DOCS.parent

# a Python fence the build would not run: spelled `py`, with and without exec; exec on bash
NOT_RUN_BY_THE_BUILD = {
    "py-exec": '```py exec="on" session="s" result="text" id="py-exec"\nprint(1)\n```',
    "py-shown": '```py id="py-shown"\nprint(1)\n```',
    "bash-exec": '```bash exec="on" id="bash-exec"\necho 1\n```',
}


def _lesson(name: str, fence: str) -> str:
    return f"# {name} {{ #{name} }}\n\nტექსტი.\n\n{fence}\n"


def test_python_fences_are_mkdocs_yml_markdown_exec_languages():
    plugin = next(p for p in mkdocs_config()["plugins"] if "markdown-exec" in str(p))
    assert lessons.exec_languages() == set(plugin["markdown-exec"]["languages"]) == {"python"}
    (py, python) = read_text("```py\nx = 1\n```\n```python\nx = 1\n```\n")
    assert not lessons.is_python(py) and lessons.is_python(python)
    assert "write it as python" in lessons.problem(py)


def test_output_mode_snippets_and_sessions():
    page = (
        '```python exec="on" session="s" html="true" id="a"\nprint(1)\n```\n'
        '```python exec="on" result="text" id="b"\nprint(1)\n```\n'
        "```pycon\n>>> 1\n1\n```\n"
        '```python exec="on" session="s" id="c"\nprint(1)\n```\n'
        '```python title="x"\n--8<-- "micrograd/engine.py:add"\n```\n'
        "```python\nx = 1\n```\n"
        "```bash\nls\n```\n"
    )
    fences = read_text(page)
    assert [lessons.output_mode(f) for f in fences[:4:3]] == ["html", "markdown"]
    assert lessons.output_mode(fences[1]) == "text"
    assert [lessons.snippet_only(f) for f in fences] == [False] * 4 + [True, False, False]
    alone_b, alone_x = lessons.alone(1), lessons.alone(5)
    assert lessons.sessions(fences) == ["s", alone_b, alone_b, "s", None, alone_x, None]


def test_snippets_are_expanded_as_the_site_shows_them():
    """pymdownx.snippets with mkdocs.yml's `dedent_subsections`: a method comes out dedented."""
    code = lessons.expand_snippets('--8<-- "micrograd/engine.py:value_init"\n')
    assert code.startswith("def __init__(self") and "--8<--" not in code
    source = (ROOT / "micrograd" / "engine.py").read_text("utf-8")
    assert "    def __init__(self" in source  # indented in the file, dedented on the page


def test_notebook_engine_snippets_equal_the_sites(built_site):
    import html as html_lib
    import re as re_lib

    from scripts.make_notebooks import build_notebook

    nb = build_notebook(DOCS / "value.md")
    (cell,) = [c for c in nb.cells if c.cell_type == "markdown" and "def __init__(self" in c.source]
    code = cell.source.split("```python\n", 1)[1].split("\n```", 1)[0]
    page = (built_site / "value" / "index.html").read_text("utf-8")
    block = next(
        b
        for b in re_lib.findall(r"<code[^>]*>(.*?)</code></pre>", page, re_lib.S)
        if "__init__" in b
    )
    shown = html_lib.unescape(re_lib.sub(r"<[^>]+>", "", block)).strip("\n")
    assert code == shown


def test_a_fence_the_build_would_not_run_is_rejected_by_every_path(tmp_path):
    """The build, pytest and the notebooks all stop with the file, the line and the block."""
    import subprocess
    import sys

    from hooks.runner import blocks_of
    from scripts.make_notebooks import build_notebook

    texts = {f"{name}.md": _lesson(name, fence) for name, fence in NOT_RUN_BY_THE_BUILD.items()}
    for number, (page, text) in enumerate(texts.items()):
        name, where = page.removesuffix(".md"), f"docs/{page}:6: block {page.removesuffix('.md')}"
        # the build: a one-page site from mkdocs.yml (INHERIT), with the site's hooks
        child = small_site(tmp_path / f"site-{number}", {page: text})
        built = build_site(tmp_path / f"out-{number}", config=child)
        assert built.returncode != 0 and where in built.stdout + built.stderr, built.stderr[-2000:]
        # the notebooks
        with pytest.raises(lessons.LessonError, match=where):
            build_notebook(child.parent / "docs" / page)
        # the in-page runner: no block to run
        assert blocks_of(text) == [], name

    # pytest: each lesson's item fails with the same message
    docs = tmp_path / "docs"
    docs.mkdir()
    for page, text in texts.items():
        (docs / page).write_text(text, "utf-8")
    (tmp_path / "conftest.py").write_bytes((ROOT / "conftest.py").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(tmp_path),
         "-o", "addopts=", str(docs)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    out = " ".join(result.stdout.split())
    assert f"{len(texts)} failed" in out and "passed" not in out, result.stdout
    for page, text in texts.items():
        assert f"{page.removesuffix('.md')}[line:6]" in out
        assert f"docs/{page}:6: {lessons.problem(read_text(text)[0])}" in out


def test_a_python_fence_runs_on_every_path(tmp_path):
    """The control: the same block spelled `python` is run by pytest, the notebook and runner."""
    from hooks.runner import blocks_of
    from scripts.make_notebooks import build_notebook

    fence = '```python exec="on" session="s" source="above" result="text" id="ok"\nprint(1)\n```'
    text = _lesson("ok", fence)
    (tmp_path / "ok.md").write_text(text, "utf-8")
    lessons.check(read_text(text), "ok.md")
    assert [c.source for c in build_notebook(tmp_path / "ok.md").cells][-1] == "print(1)"
    assert [b.id for b in blocks_of(text)] == ["ok"]
    assert lessons.sessions(read_text(text)) == ["s"]
