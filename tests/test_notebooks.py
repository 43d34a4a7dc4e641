"""notebook-ები: გაკვეთილებიდან იქმნება, ეშვება, ახალია და საიტზე სწორად ჩანს.

`docs/notebooks/*.ipynb` are generated from the lessons by `scripts/make_notebooks.py` and
committed with their outputs; mkdocs-jupyter renders them without running them. These tests:

- every lesson with code has its notebook, listed in the nav, and a student's notebook
  (`docs/notebooks/student/`, without solutions: no cell holds a solution's text);
- every notebook, the students' too, validates (nbformat) and runs top to bottom in a fresh
  kernel without an error; a student's shows what the teacher's shows, minus the solutions;
- the committed notebooks equal freshly generated and executed ones (a lesson or micrograd
  changed without `make notebooks` fails here);
- the first code cell installs micrograd where it is missing;
- the conversion rules (ids, admonitions, solutions, snippets, pycon, graphs) do what they say;
- on the built site: no `id=""`, Georgian words of notebook pages in Material's search index,
  formulas as MathML, no third-party script, working download / Colab / lesson links.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import nbformat
import pytest

from scripts import make_notebooks as mk
from tests.conftest import ROOT
from tooling import lessons
from tooling.lessons import Admonition, Fence
from tooling.pages import Page, parse

CONFIG = mk.mkdocs_config()
LESSONS = mk.lesson_pages()
NAMES = [p.stem for p in LESSONS]
# every notebook: (lesson, student?); the student's is tested as the teacher's is
BOTH = [(p, student) for p in LESSONS for student in (False, True)]
BOTH_IDS = [f"{p.stem}-student" if student else p.stem for p, student in BOTH]


def _committed(page: Path, student: bool = False):
    return nbformat.read(mk.notebook_path(page, student), as_version=4)


def _nb_pages(site: Path) -> list[Path]:
    return sorted((site / "notebooks").glob("*/index.html"))


@pytest.fixture(scope="module")
def fresh():
    """Every notebook, generated and executed now, the teacher's and the student's, in one pool
    of two kernels: {(lesson, student?): notebook or exception}."""

    def one(job):
        page, student = job
        try:
            return (page.stem, student), mk.generate(page, CONFIG, run=True, student=student)
        except Exception as err:  # noqa: BLE001 - reported by the test of that notebook
            return (page.stem, student), err

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, BOTH))


# --------------------------------------------------------------------------
# The committed notebooks
# --------------------------------------------------------------------------


def test_every_lesson_with_code_has_a_notebook_in_the_nav():
    assert len(LESSONS) >= 2, "no lessons with executed code found"
    assert "glossary" not in NAMES
    committed = {p.name for p in mk.OUT.glob("*.ipynb")}
    expected = {mk.notebook_path(p).name for p in LESSONS}
    assert committed == expected, "run `make notebooks`"
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    missing = [n for n in sorted(expected) if f"notebooks/{n}" not in nav]
    assert not missing, f"add to mkdocs.yml nav (Notebook-ები): {missing}"
    # the students' notebooks: files to download, beside the teacher's; no pages, not in the nav
    students = {p.name for p in (mk.OUT / mk.STUDENT).glob("*.ipynb")}
    assert students == expected, "run `make notebooks`"
    assert "notebooks/student/" not in nav


@pytest.mark.parametrize(("page", "student"), BOTH, ids=BOTH_IDS)
def test_committed_notebook_validates(page, student):
    nb = _committed(page, student)
    nbformat.validate(nb)
    assert nb.metadata["micrograd_ka"]["lesson"] == page.name
    assert nb.metadata["micrograd_ka"].get("student", False) is student
    assert nb.metadata["kernelspec"]["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code), "committed without outputs"


@pytest.mark.parametrize(("page", "student"), BOTH, ids=BOTH_IDS)
def test_notebook_runs_without_error_in_a_fresh_kernel(fresh, page, student):
    """nbclient, a new python3 kernel, cwd a temporary directory, allow_errors=False."""
    result = fresh[page.stem, student]
    if isinstance(result, Exception):
        where = mk.notebook_path(page, student).relative_to(ROOT)
        pytest.fail(f"{where}: {result}", pytrace=False)
    nbformat.validate(result)
    expected = [c for c in result.cells if "raises-exception" in c.metadata.get("tags", [])]
    unexpected = [c for c in result.cells if c not in expected]
    errors = [o for c in unexpected for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    for cell in expected:  # a doctest that expects an error must still raise it
        assert [o.output_type for o in cell.outputs] == ["error"], cell.id
    stderr = [
        o.text for c in result.cells for o in c.get("outputs", []) if o.get("name") == "stderr"
    ]
    assert not stderr, f"warnings while running: {stderr}"
    for cell in result.cells:  # a figure left open would be shown twice (inline backend)
        data = [o.get("data", {}) for o in cell.get("outputs", [])]
        images = [json.dumps(d) for d in data if {"image/png", "image/svg+xml"} & set(d)]
        twice = len(images) != len(set(images))
        assert not twice, f"{cell.id}: the same figure is shown twice: close it (plt.close)"


@pytest.mark.parametrize(("page", "student"), BOTH, ids=BOTH_IDS)
def test_committed_notebook_is_fresh(fresh, page, student):
    """A lesson or micrograd changed, the notebook not regenerated: `make notebooks`."""
    result = fresh[page.stem, student]
    if isinstance(result, Exception):
        pytest.skip("does not run: see test_notebook_runs_without_error_in_a_fresh_kernel")
    name = mk.notebook_path(page, student).relative_to(mk.OUT).as_posix()
    diff = mk.diff(_committed(page, student), result, name)
    lines = diff.splitlines()
    shown = "\n".join(lines[:80]) + (
        f"\n... ({len(lines) - 80} more lines)" if len(lines) > 80 else ""
    )
    assert not diff, f"docs/notebooks/{name} is stale: run `make notebooks`\n{shown}"


def test_generating_twice_gives_the_same_file(fresh):
    """Outputs are deterministic (no memory address, no timestamp): same lesson, same bytes."""
    page = min(LESSONS, key=lambda p: p.stat().st_size)
    first = fresh[page.stem, False]
    if isinstance(first, Exception):
        pytest.skip("does not run")
    assert mk.dumps(mk.generate(page, CONFIG, run=True)) == mk.dumps(first)


# --------------------------------------------------------------------------
# The students' notebooks: the teacher's minus the solutions
# --------------------------------------------------------------------------


def _texts(blocks, answer: list[str], other: list[str], in_answer: bool = False):
    """The lesson's lines, read by the lesson reader (tooling.lessons), in two heaps: the
    answers (a `??? success` box's text and code, a `solution=` or `answers=` fence) and
    the rest."""
    for block in blocks:
        if isinstance(block, Admonition):
            inside = in_answer or block.kind == "success"
            (answer if inside else other).append(block.title)
            _texts(block.blocks, answer, other, inside)
        elif isinstance(block, Fence):
            inside = in_answer or block.role in ("solution", "answers")
            body = block.body.splitlines()
            if block.lang == "pycon":  # a notebook cell has the console's code without `>>> `
                body = [re.sub(r"^(>>>|\.\.\.) ?", "", line) for line in body]
            (answer if inside else other).extend(body)
        else:
            (answer if in_answer else other).extend(block.lines)


def _plain(text: str) -> str:
    """Links without their targets (the notebook rewrites `page.md` into the site's address)."""
    return re.sub(r"\]\([^)]*\)", "]", text)


def solution_lines(page: Path) -> set[str]:
    """Lines of the lesson's answers that appear nowhere else in it (12 characters or more:
    shorter ones, like `print(L)`, say nothing by themselves)."""
    answer: list[str] = []
    other: list[str] = []
    _texts(lessons.blocks(page.read_text("utf-8")), answer, other)
    rest = {_plain(line).strip() for line in other}
    return {
        _plain(line).strip()
        for line in answer
        if len(line.strip()) >= 12 and _plain(line).strip() not in rest
    }


def _cell_lines(nb) -> set[str]:
    """The lines written in the cells. Outputs are left aside: a student's cell shows what the
    teacher's same cell shows (test below), and a kept block may print what an explanation
    repeats (python.md prints `{'w': 5.0, 'h': 2.5}`, which a „სცადე“ answer quotes)."""
    return {_plain(line).strip() for cell in nb.cells for line in cell.source.splitlines()}


@pytest.mark.parametrize("page", LESSONS, ids=NAMES)
def test_student_notebook_holds_no_solution_text(page):
    """No cell of the student's notebook has a line of a solution box, a
    „სცადე“ box's explanation, a `solution=` or an `answers=` fence; the teacher's has them."""
    lines = solution_lines(page)
    assert lines, f"docs/{page.name}: no solution text found (every lesson has exercises)"
    leaked = sorted(lines & _cell_lines(_committed(page, student=True)))
    assert not leaked, f"{mk.notebook_path(page, True).relative_to(ROOT)}: {leaked[:5]}"
    # the test can fail: the teacher's notebook has the solutions (answers= fences excepted)
    assert lines & _cell_lines(_committed(page)), f"{page.name}: solutions not found anywhere"


@pytest.mark.parametrize("page", LESSONS, ids=NAMES)
def test_student_notebook_is_the_teachers_without_solutions(fresh, page):
    """Every code cell of the student's notebook is the teacher's, showing the same output (a
    cell that needs a left-out block would show another); every exercise keeps its starting
    code and its check, which fails on the starting code."""
    teacher, student = fresh[page.stem, False], fresh[page.stem, True]
    if isinstance(teacher, Exception) or isinstance(student, Exception):
        pytest.skip("does not run: see test_notebook_runs_without_error_in_a_fresh_kernel")
    assert mk.student_differences(teacher, student, page) == []
    cells = {c.id: c for c in student.cells}
    for exercise in lessons.exercises(lessons.read(page), f"docs/{page.name}"):
        if exercise.start is None:  # an answer exercise: its solution box is gone
            continue
        assert exercise.start.name in cells, f"{page.name}: {exercise.id}: no starting code"
        check = cells.get(f"{exercise.id}-check")
        assert check is not None, f"{page.name}: {exercise.id}: no check cell"
        assert [o.output_type for o in check.outputs] == ["error"], exercise.id
    headings = [c.source for c in student.cells if c.cell_type == "markdown"]
    assert not [h for h in headings if re.search(r"^#+ ამოხსნა\b", h, re.M)], page.name
    assert len(student.cells) < len(teacher.cells)


STUDENT_SAMPLE = """\
# სათაური { #satauri }

```python exec="on" session="s" source="above" result="text" id="s-a"
from micrograd import Value
a = Value(2.0)
print(a)
```

!!! example "სცადე: a = 3"

    შეცვალე და გაუშვი.

    ??? success "რა მოხდა და რატომ"

        ახსნა, რომელიც მოსწავლემ თავად უნდა იპოვოს.

??? info "ღრმად: რაღაც"

    სიღრმე რჩება.

## სავარჯიშოები { #savarjishoebi }

**1.** გაამრავლე.

```python exec="on" session="s-ex" source="above" result="text" id="s-ex" exercise="s-ex"
from micrograd import Value
b = Value(1.0)
print(b)
```

```python check="s-ex"
assert b.data == 6.0, f"b.data უნდა იყოს 6.0, შენთან არის {b.data}"
```

??? success "ამოხსნა"

    ამოხსნის ტექსტი.

    ```python solution="s-ex"
    from micrograd import Value
    b = Value(2.0) * 3
    print(b)
    ```

    ```python exec="on" session="s" source="above" result="text" id="s-sol"
    y = a * 3
    print(y)
    ```

```python exec="on" session="s" source="above" result="text" id="s-after"
print(a.data)
```
"""


def _sample(tmp_path, text: str) -> Path:
    path = tmp_path / "sample.md"
    path.write_text(text, "utf-8")
    return path


def test_student_conversion_leaves_out_solutions_keeps_the_rest(tmp_path):
    path = _sample(tmp_path, STUDENT_SAMPLE)
    teacher, student = mk.build_notebook(path, CONFIG), mk.build_notebook(path, CONFIG, True)
    text = "\n".join(c.source for c in student.cells)
    for gone in ("რა მოხდა და რატომ", "ახსნა, რომელიც", "ამოხსნა", "Value(2.0) * 3", "y = a * 3"):
        assert gone not in text, gone
        assert gone in "\n".join(c.source for c in teacher.cells), gone
    for kept in ("> **სცადე: a = 3**", "> შეცვალე და გაუშვი.", "ღრმად: რაღაც", "სიღრმე რჩება."):
        assert kept in text, kept
    assert [c.id for c in student.cells if c.cell_type == "code"] == [
        "setup", "s-a", "s-ex", "s-ex-check", "s-after"
    ]  # fmt: skip
    assert _cell(student, "s-ex-check").metadata["tags"] == ["raises-exception"]
    assert "მოსწავლის notebook" in student.cells[0].source
    assert "მასწავლებლის notebook" in teacher.cells[0].source
    # the cells keep the teacher's ids, so the two notebooks compare cell by cell
    ids = {c.id for c in teacher.cells}
    assert all(c.id in ids for c in student.cells)
    removed = student.metadata["micrograd_ka"]["removed"]
    assert removed == [
        'line 13 "რა მოხდა და რატომ"',
        'line 35 "ამოხსნა" (code: solution=s-ex, s-sol)',
    ]


def test_student_conversion_leaves_out_a_solution_fence_outside_a_box(tmp_path):
    text = (
        "# ს { #s }\n\n"
        '```python exec="on" session="s" source="above" result="text" id="s-ex" exercise="s-ex"\n'
        "b = 1\nprint(b)\n```\n\n"
        '```python check="s-ex"\nassert b == 2\n```\n\n'
        '```python exec="on" session="t" source="above" result="text" id="s-sol" solution="s-ex"\n'
        "b = 2\nprint(b)\n```\n\n"
        "```pycon\n>>> 1 + 1\n2\n```\n"
    )
    path = _sample(tmp_path, text)
    teacher, student = mk.build_notebook(path, CONFIG), mk.build_notebook(path, CONFIG, True)
    assert [c.id for c in teacher.cells] == [
        "title",
        "setup",
        "s-ex",
        "s-ex-check",
        "s-sol",
        "s-pycon",
    ]
    assert [c.id for c in student.cells] == ["title", "setup", "s-ex", "s-ex-check", "s-pycon"]
    assert student.metadata["micrograd_ka"]["removed"] == ['line 13 "solution=s-ex" (code: s-sol)']


def test_student_notebook_needing_a_solutions_name_fails_naming_the_block(tmp_path):
    """A later cell uses a name only the solution box defines: a clear error, not a traceback."""
    path = _sample(tmp_path, STUDENT_SAMPLE.replace("print(a.data)", "print(y.data)"))
    with pytest.raises(mk.StudentNotebookError) as err:
        mk.generate(path, CONFIG, student=True)
    message = str(err.value)
    assert "docs/sample.md" in message and "'s-after'" in message and "NameError" in message
    assert 'line 35 "ამოხსნა" (code: solution=s-ex, s-sol)' in message
    assert "\x1b" not in message  # the kernel's colours are not in a terminal's message


def test_student_notebook_needing_a_solutions_value_fails_naming_the_block(tmp_path, monkeypatch):
    """The solution box changes a value a later cell prints: the student would see another
    number than the lesson; `make notebooks` says which cell and writes nothing."""
    bad = STUDENT_SAMPLE.replace("y = a * 3", "a.data = 5.0\n    y = a * 3")
    path = _sample(tmp_path, bad)
    teacher = mk.generate(path, CONFIG)
    student = mk.generate(path, CONFIG, student=True)
    problems = mk.student_differences(teacher, student, path)
    assert len(problems) == 1 and "'s-after' shows another output" in problems[0], problems
    assert "(code: solution=s-ex, s-sol)" in problems[0]
    monkeypatch.setattr(mk, "lesson_pages", lambda: [path])
    monkeypatch.setattr(mk, "OUT", tmp_path / "out")
    assert mk.main(["-j", "2"]) == 1
    assert not (tmp_path / "out").exists(), "wrote a notebook although the lesson must change"


# --------------------------------------------------------------------------
# The first code cell installs micrograd
# --------------------------------------------------------------------------


def _run_setup_cell(source: str, monkeypatch, *, missing: str | None) -> list[str]:
    """Run the cell as IPython would (its `%pip` lines transformed), with a recording `%pip`,
    where the module `missing` cannot be imported (as in a fresh Colab or Jupyter)."""
    from IPython.core.inputtransformer2 import TransformerManager

    calls: list[str] = []

    class Shell:
        def run_line_magic(self, name, line, *args):
            calls.append(f"%{name} {line}")

    python = TransformerManager().transform_cell(source)
    if missing:  # `import missing` raises ImportError
        monkeypatch.setitem(sys.modules, missing, None)
    exec(compile(python, "<setup cell>", "exec"), {"get_ipython": lambda: Shell()})
    return calls


@pytest.mark.parametrize(("page", "student"), BOTH, ids=BOTH_IDS)
def test_first_code_cell_installs_micrograd_when_missing(page, student, monkeypatch):
    cells = _committed(page, student).cells
    first = next(i for i, c in enumerate(cells) if c.cell_type == "code")
    assert all(c.cell_type == "markdown" for c in cells[:first]) and first <= 1
    source = cells[first].source
    calls = _run_setup_cell(source, monkeypatch, missing="micrograd")
    repo = CONFIG["repo_url"].rstrip("/")
    assert len(calls) == 1 and calls[0].startswith("%pip install"), calls
    assert f"micrograd-ka @ git+{repo}" in calls[0], calls
    monkeypatch.undo()
    assert _run_setup_cell(source, monkeypatch, missing=None) == [], "installs when present"
    monkeypatch.undo()
    code = "\n".join(c.source for c in cells if c.cell_type == "code")
    for module in ("numpy", "matplotlib"):  # a lesson that uses them installs them too
        if re.search(rf"^\s*(import|from) {module}\b", code, re.M):
            calls = _run_setup_cell(source, monkeypatch, missing=module)
            assert len(calls) == 1 and module in calls[0] and "git+" not in calls[0], calls
            monkeypatch.undo()


# --------------------------------------------------------------------------
# The conversion rules, on a small lesson written here
# --------------------------------------------------------------------------

SAMPLE = """\
# სათაური { #satauri }

შესავალი: $f(x) = x^2$, იხ. [უკუგავრცელება](backprop.md#jachvis-tsesi).

!!! note "შენიშვნა"

    ტექსტი შენიშვნაში.

    ```python exec="on" session="s" result="text" id="s-in-note"
    print(2)
    ```

## ნაწილი { #natsili }

```python exec="on" session="s" source="above" result="text" id="s-build"
from micrograd import Value
a = Value(2.0, label="a")
b = a * a
b.backward()
print(b)
```

```python exec="on" session="s" id="s-sentence"
print(f"`a.grad` = **{a.grad}**")
```

```python exec="on" session="s" html="true" source="above" id="s-graph"
from micrograd.viz import draw_svg
print(draw_svg(b))
```

```pycon
>>> x = a.grad
>>> x
4.0
>>> b.data
4.0
```

```python title="micrograd/engine.py"
--8<-- "micrograd/engine.py:add"
```

1. სავარჯიშო.

    ??? success "ამოხსნა"

        ```python exec="on" session="s" result="text" id="s-solution"
        print(a.data)
        ```

*[გრადიენტი]: tooltip
"""


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "sample.md"
    path.write_text(SAMPLE, "utf-8")
    return mk.build_notebook(path, CONFIG)


def _cell(nb, cid):
    return next(c for c in nb.cells if c.id == cid)


def test_conversion_headings_links_admonitions(sample):
    text = "\n".join(c.source for c in sample.cells if c.cell_type == "markdown")
    assert sample.cells[0].source.startswith('# სათაური <a id="satauri"></a>')
    assert '## ნაწილი <a id="natsili"></a>' in text
    assert "{ #" not in text and "*[" not in text and "!!!" not in text and "???" not in text
    assert "$f(x) = x^2$" in text  # math stays for Jupyter
    site = CONFIG["site_url"].rstrip("/")
    assert f"]({site}/backprop/#jachvis-tsesi)" in text
    assert "> **შენიშვნა**" in text and "> ტექსტი შენიშვნაში." in text
    assert re.search(r'^### ამოხსნა <a id="amokhsna"></a>$', text, re.M), text


def test_conversion_code_cells(sample):
    assert _cell(sample, "s-in-note").source == "print(2)"
    assert _cell(sample, "s-build").source.startswith("from micrograd import Value")
    assert _cell(sample, "s-sentence").source.startswith("%%as_markdown\n")
    graph = _cell(sample, "s-graph").source.splitlines()
    assert graph[-1] == "draw_dot(b)"
    helpers = _cell(sample, "helpers").source
    assert "from micrograd.viz import draw_dot" in helpers and "def as_markdown" in helpers
    assert _cell(sample, "s-solution").source == "print(a.data)"
    pycon = [c.source for c in sample.cells if "pycon" in c.id]
    assert pycon == ["x = a.grad\nx", "b.data"]  # a cell ends where the console shows a result
    order = [c.id for c in sample.cells if c.cell_type == "code"]
    assert order[:2] == ["setup", "helpers"]
    assert order.index("s-in-note") < order.index("s-build") < order.index("s-solution")


def test_conversion_snippet_is_the_real_source(sample):
    text = "\n".join(c.source for c in sample.cells if c.cell_type == "markdown")
    assert "--8<--" not in text
    assert mk.snippet_source("micrograd/engine.py:add") in text
    assert "def __add__(self, other):" in text


def test_conversion_runs_and_shows_markdown_and_graph(sample):
    nb = mk.execute(sample)
    sentence = _cell(nb, "s-sentence").outputs
    assert sentence[0]["data"]["text/markdown"].strip() == "`a.grad` = **4.0**"
    graph = _cell(nb, "s-graph").outputs[0]["data"]
    assert "image/svg+xml" in graph and "grad 4.0000" in graph["image/svg+xml"]


def test_unconvertible_html_block_is_an_error(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text(
        '# x { #x }\n\n```python exec="on" session="s" html="true" id="s-raw"\n'
        'print("<b>hi</b>")\n```\n',
        "utf-8",
    )
    with pytest.raises(ValueError, match="s-raw"):
        mk.build_notebook(path, CONFIG)


# --------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------


@functools.cache  # a built page does not change during the session; links name a page often
def _parse(path: Path) -> Page:
    # mkdocs-jupyter repeats each cell's code as text for its copy button: that is code too
    html = re.sub(
        r'<div[^>]*class="clipboard-copy-txt"[^>]*>.*?</div>',
        "",
        path.read_text("utf-8"),
        flags=re.S,
    )
    return parse(html)


def test_notebook_pages_are_built(built_site):
    built = {p.parent.name for p in _nb_pages(built_site)}
    assert built == {mk.notebook_path(p).stem for p in LESSONS}


def test_notebook_headings_have_the_lessons_ids_and_none_is_empty(built_site):
    """mkdocs-jupyter alone gives a Georgian heading `id=""`, which breaks search site-wide."""
    problems = []
    for page in LESSONS:
        html_path = built_site / "notebooks" / mk.notebook_path(page).stem / "index.html"
        html = html_path.read_text("utf-8")
        if 'id=""' in html:
            problems.append(f'{html_path.parent.name}: id=""')
        parsed = _parse(html_path)
        headings = [hid for _, hid in parsed.headings]
        if not headings or not all(headings):
            problems.append(f"{html_path.parent.name}: a heading without id: {headings}")
        lesson_ids = re.findall(r"^#{1,6} .*\{ *#([\w-]+)", page.read_text("utf-8"), re.M)
        missing = [i for i in lesson_ids if i not in headings]
        if missing:
            problems.append(f"{html_path.parent.name}: lesson ids missing {missing}")
        dupes = sorted({i for i in parsed.ids if parsed.ids.count(i) > 1})
        if dupes:
            problems.append(f"{html_path.parent.name}: duplicate ids {dupes}")
    assert not problems, "\n".join(problems)


def test_notebook_pages_are_not_in_the_search_index(built_site):
    """A notebook repeats its lesson: search lists the lesson only (which links its notebook),
    and the index that every page downloads stays small."""
    path = built_site / "search/search_index.json"
    index = json.loads(path.read_text("utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert not [loc for loc in locations if loc.startswith("notebooks/")]
    lessons = {"" if p.stem == "index" else f"{p.stem}/" for p in LESSONS}
    assert lessons <= {loc.split("#")[0] for loc in locations}
    # code boxes, printed output and figures stay out (hooks/site.py); inline `code` stays in
    texts = [d["text"] for d in index["docs"]]
    assert not [t for t in texts if "<pre>" in t or "data 2.0000" in t]
    assert any("<code>backward()</code>" in t for t in texts)
    # 2026-12-02: 331 KB (61 KB gzip) with 18 pages, after the Python and operations lessons
    # (21 + 12 KB) and the „სცადე“ boxes; 260 KB before them
    assert path.stat().st_size <= 380 * 1024, f"search index {path.stat().st_size} bytes"


def test_notebook_pages_load_nothing_from_other_hosts(built_site):
    """No MathJax, requirejs or mermaid from a CDN: the site makes no third-party request."""
    problems = []
    for path in _nb_pages(built_site):
        html = path.read_text("utf-8")
        for url in _parse(path).loads:
            if re.match(r"(https?:)?//", url):
                problems.append(f"{path.parent.name}: {url}")
        for script in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
            if re.search(r"https?://", script) or "mathjax" in script.lower():
                problems.append(f"{path.parent.name}: script mentions {script[:120]!r}")
    assert not problems, "\n".join(problems)


def test_notebook_math_is_mathml(built_site):
    problems = []
    for path in _nb_pages(built_site):
        html = path.read_text("utf-8")
        text = "".join(_parse(path).text)
        if "<math" not in html:
            problems.append(f"{path.parent.name}: no MathML")
        if "$" in text:
            i = text.index("$")
            problems.append(f"{path.parent.name}: unrendered formula {text[i - 40 : i + 40]!r}")
    assert not problems, "\n".join(problems)


def test_notebook_graphs_are_inline_svg_like_the_lessons(built_site):
    pages = [p for p in _nb_pages(built_site) if "draw_dot" in p.read_text("utf-8")]
    assert pages, "no notebook page draws a graph"
    for path in pages:
        html = path.read_text("utf-8")
        assert 'class="mg-graph"' in html, path.parent.name
        assert "data:image/svg+xml" not in html and "<?xml" not in html, path.parent.name


def _resolve(site: Path, page: Path, href: str) -> Path:
    page_url = "/" + page.relative_to(site).as_posix()
    path = urlsplit(urljoin(page_url, href)).path.lstrip("/")
    target = site / path
    return target / "index.html" if path.endswith("/") or not path else target


def test_lessons_and_notebooks_link_each_other(built_site):
    """Download, Colab and lesson <-> notebook links on every lesson and notebook page."""
    repo = urlsplit(CONFIG["repo_url"]).path.strip("/")
    problems = []
    for page in LESSONS:
        nb_name = mk.notebook_path(page).name
        lesson_html = built_site / (
            "index.html" if page.stem == "index" else f"{page.stem}/index.html"
        )
        nb_html = built_site / "notebooks" / Path(nb_name).stem / "index.html"
        colab = (
            f"https://colab.research.google.com/github/{repo}/blob/main/docs/notebooks/{nb_name}"
        )
        for html_path, other in ((lesson_html, nb_html), (nb_html, lesson_html)):
            links = _parse(html_path).links
            hrefs = [h for h, _ in links]
            name = html_path.relative_to(built_site).as_posix()
            if colab not in hrefs:
                problems.append(f"{name}: no Colab link {colab}")
            downloads = [h for h, a in links if "download" in a]
            if not downloads or not _resolve(built_site, html_path, downloads[0]).is_file():
                problems.append(f"{name}: download link {downloads} does not resolve")
            elif json.loads(_resolve(built_site, html_path, downloads[0]).read_text("utf-8"))[
                "metadata"]["micrograd_ka"]["lesson"] != page.name:  # fmt: skip
                problems.append(f"{name}: downloads another lesson's notebook")
            if not any(_resolve(built_site, html_path, h) == other for h in hrefs):
                problems.append(f"{name}: no link to {other.relative_to(built_site)}")
            problems += _student_links(built_site, html_path, page, links, repo)
    assert (ROOT / "docs/notebooks").is_dir()
    glossary = built_site / "glossary/index.html"
    if glossary.exists():
        assert "colab.research.google.com" not in glossary.read_text("utf-8")
    assert not problems, "\n".join(problems)


def _student_links(site: Path, html_path: Path, page: Path, links, repo: str) -> list[str]:
    """Both notebooks, named for a teacher: the student's (download, Colab) and the teacher's."""
    name = html_path.relative_to(site).as_posix()
    text = " ".join(" ".join(_parse(html_path).text).split())
    labels = ("მოსწავლის notebook (ამოხსნების გარეშე)", "მასწავლებლის notebook (ამოხსნებით)")
    problems = [f"{name}: no {label!r}" for label in labels if label not in text]
    nb_name = mk.notebook_path(page, student=True).name
    colab = f"https://colab.research.google.com/github/{repo}/blob/main/docs/notebooks/student/"
    if colab + nb_name not in [h for h, _ in links]:
        problems.append(f"{name}: no Colab link to the student's {nb_name}")
    saved = {a.get("download"): h for h, a in links if "download" in a}
    student = saved.get(f"{Path(nb_name).stem}-student.ipynb")
    teacher = saved.get(f"{Path(nb_name).stem}-teacher.ipynb")
    if not student or not teacher:
        return [*problems, f"{name}: downloads named {sorted(saved)}"]
    meta = json.loads(_resolve(site, html_path, student).read_text("utf-8"))["metadata"]
    if meta["micrograd_ka"] != {"lesson": page.name, "student": True}:
        problems.append(f"{name}: the student's download is {meta['micrograd_ka']}")
    meta = json.loads(_resolve(site, html_path, teacher).read_text("utf-8"))["metadata"]
    if meta["micrograd_ka"] != {"lesson": page.name}:
        problems.append(f"{name}: the teacher's download is {meta['micrograd_ka']}")
    return problems


def test_student_notebooks_are_files_not_pages(built_site):
    """Copied as they are, for download and Colab; no page (the teacher's page shows the same
    lesson with the solutions), so nothing of them in the nav, the search or tests/links.txt."""
    for page in LESSONS:
        path = mk.notebook_path(page, student=True)
        copied = built_site / path.relative_to(ROOT / "docs")
        assert copied.read_bytes() == path.read_bytes(), copied
    assert not (built_site / "notebooks/student/index.html").exists()
    assert not list((built_site / "notebooks/student").glob("*/index.html"))


def test_links_on_notebook_pages_resolve(built_site):
    """Links between lessons, rewritten from `page.md#x`, land on a page and its section."""
    problems = []
    for path in _nb_pages(built_site):
        for href, _ in _parse(path).links:
            if re.match(r"[a-z]+:|//", href) or href.startswith("#") and len(href) == 1:
                continue
            target = _resolve(built_site, path, href)
            anchor = urlsplit(href).fragment
            if not target.exists():
                problems.append(f"{path.parent.name}: {href} -> missing {target}")
            elif anchor and target.suffix == ".html" and anchor not in _parse(target).ids:
                problems.append(f"{path.parent.name}: {href}: no #{anchor}")
    assert not problems, "\n".join(problems)


def test_mkdocs_jupyter_settings():
    """Rendered, never executed at build; an error cell must not pass silently; no CDN."""
    plugins = [p for p in CONFIG["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p]
    assert plugins, "mkdocs-jupyter is not configured"
    settings = plugins[0]["mkdocs-jupyter"]
    assert settings["execute"] is False
    assert settings["allow_errors"] is False
    assert settings["include_requirejs"] is False
    assert settings["include_source"] is True
    assert "hooks/notebooks.py" in CONFIG["hooks"]


def test_committed_notebooks_have_no_error_outputs():
    """A notebook committed with a failing cell (and allow_errors) would show a traceback."""
    for page, student in BOTH:
        for cell in _committed(page, student).cells:
            outputs = cell.get("outputs", [])
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                # a doctest that expects an error (`>>> p * q` / `TypeError: ...`): it must raise
                assert [o.output_type for o in outputs] == ["error"], f"{page.name}: {cell.id}"
                continue
            for out in outputs:
                assert out.output_type != "error", f"{page.name}: {cell.id}"
                assert "Traceback" not in json.dumps(out), f"{page.name}: {cell.id}"


def test_diff_sees_a_changed_cell_but_not_the_graphviz_version():
    page = next((p for p in LESSONS if "draw_dot" in mk.notebook_path(p).read_text("utf-8")), None)
    assert page, "no notebook with a graph"
    committed = _committed(page)
    assert mk.diff(committed, committed, "x") == ""
    edited = nbformat.from_dict(json.loads(json.dumps(committed)))
    edited.cells[-1].source += "\n# edited by hand"
    assert "edited by hand" in mk.diff(committed, edited, "x")
    # another Graphviz draws the same graph with other coordinates: not a difference
    relaid = nbformat.from_dict(json.loads(json.dumps(committed)))
    svgs = [
        o
        for c in relaid.cells
        for o in c.get("outputs", [])
        if "image/svg+xml" in o.get("data", {})
    ]
    assert svgs
    for out in svgs:
        out["data"]["image/svg+xml"] = re.sub(
            r'points="[^"]*"', 'points="0,0"', out["data"]["image/svg+xml"]
        )
    assert mk.diff(committed, relaid, "x") == ""
    # ... but a changed number in the graph is
    out = svgs[0]
    out["data"]["image/svg+xml"] = out["data"]["image/svg+xml"].replace("grad ", "grad 9", 1)
    assert mk.diff(committed, relaid, "x") != ""


def test_make_notebooks_check_exit_status(fresh, tmp_path, monkeypatch):
    """`make_notebooks.py --check`: 0 for an up-to-date notebook, 1 for an edited one."""
    page = min(LESSONS, key=lambda p: p.stat().st_size)
    if any(isinstance(fresh[page.stem, student], Exception) for student in (False, True)):
        pytest.skip("does not run: see test_notebook_runs_without_error_in_a_fresh_kernel")
    # გაშვებული notebook-ები `fresh`-იდანაა (იგივე mk.generate, უკვე გაშვებული): აქ მოწმდება
    # --check-ის შედარება და გამოსვლის კოდი, kernel-ის ექვსი ახალი გაშვების გარეშე
    generate = mk.generate

    def already_run(md_path, config=None, run=True, student=False):
        if not run or md_path != page:
            return generate(md_path, config, run=run, student=student)
        return copy.deepcopy(fresh[page.stem, student])

    monkeypatch.setattr(mk, "generate", already_run)
    committed = {student: mk.notebook_path(page, student) for student in (False, True)}
    monkeypatch.setattr(mk, "OUT", tmp_path)
    targets = {student: mk.notebook_path(page, student) for student in (False, True)}
    for student, target in targets.items():
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(committed[student].read_bytes())
    assert mk.main(["--check", page.stem]) == 0
    for student in (False, True):  # the student's notebook is checked too
        good = targets[student].read_text("utf-8")
        stale = nbformat.reads(good, as_version=4)
        stale.cells[-1].source += "\n# edited by hand"
        targets[student].write_text(mk.dumps(stale), "utf-8")
        assert mk.main(["--check", page.stem]) == 1, f"student={student}"
        targets[student].write_text(good, "utf-8")


def test_conversion_is_a_pure_module_in_tooling(tmp_path):
    """tooling/notebook.py turns a lesson into cells: no kernel, no file written, same result."""
    from tooling import notebook

    lesson = tmp_path / "l.md"
    lesson.write_text(
        "# გაკვეთილი { #gakvetili }\n\nიხ. [Value](value.md#value-is-agebuleba).\n\n"
        '```python exec="on" session="s" source="above" result="text" id="l-a"\nprint(1)\n```\n',
        "utf-8",
    )
    before = sorted(tmp_path.iterdir())
    first, second = notebook.build_notebook(lesson), notebook.build_notebook(lesson)
    assert first == second and sorted(tmp_path.iterdir()) == before
    code = [c for c in first.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert code[-1].source == "print(1)" and code[-1].id == "l-a"
    text = "\n".join(c.source for c in first.cells if c.cell_type == "markdown")
    assert '# გაკვეთილი <a id="gakvetili"></a>' in text  # for Jupyter and Colab
    assert f"({CONFIG['site_url'].rstrip('/')}/value/#value-is-agebuleba)" in text  # for Colab
    assert mk.build_notebook is notebook.build_notebook


def test_a_doctest_that_expects_an_error_is_a_cell_allowed_to_raise(tmp_path):
    """`>>> 1 / 0` + `Traceback ...` -> its own cell tagged raises-exception; the rest untagged."""
    from tooling import notebook

    lesson = tmp_path / "l.md"
    lesson.write_text(
        "# გაკვეთილი { #gakvetili }\n\n"
        '```python exec="on" session="s" source="above" result="text" id="l-a"\nx = 2\n```\n\n'
        "```pycon\n>>> x + 1\n3\n>>> x / 0\nTraceback (most recent call last):\n  ...\n"
        "ZeroDivisionError: division by zero\n>>> x\n2\n```\n",
        "utf-8",
    )
    code = [c for c in notebook.build_notebook(lesson).cells if c.cell_type == "code"]
    tagged = [c.source for c in code if "raises-exception" in c.metadata.get("tags", [])]
    assert tagged == ["x / 0"]
    assert [c.source for c in code][-3:] == ["x + 1", "x / 0", "x"]
