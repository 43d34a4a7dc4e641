"""გაკვეთილები -> Jupyter notebook-ები (lessons -> notebooks), გაშვებული, შედეგებით.

ერთი წყარო: `docs/<გაკვეთილი>.md`. ეს სკრიპტი მისგან ქმნის ორ notebook-ს: მასწავლებლისას,
ამოხსნებით (`docs/notebooks/<გაკვეთილი>.ipynb`), და მოსწავლისას, ამოხსნების გარეშე
(`docs/notebooks/student/<გაკვეთილი>.ipynb`); უშვებს მათ ახალ kernel-ში (nbclient) და ინახავს
შედეგებით (outputs); საიტი (mkdocs-jupyter) მათ ხელახლა აღარ უშვებს. ხელით notebook-ს ნუ შეცვლი:
შეცვალე გაკვეთილი და გაუშვი `make notebooks`.

    python scripts/make_notebooks.py              # ყველა გაკვეთილი (every lesson)
    python scripts/make_notebooks.py derivative   # მხოლოდ ეს (only these)
    python scripts/make_notebooks.py --check      # 1, თუ შენახული notebook მოძველდა (stale)

Which pages: every `docs/*.md` with at least one executed python fence, except `glossary.md`.

The conversion (Markdown -> cells) is tooling/notebook.py, a pure module; this script runs the
cells in a kernel, compares them with the committed notebooks and writes them.

Conversion rules (Markdown -> cells), in the order the page is read (by tooling.lessons):

- Prose -> Markdown cells; a new cell starts at every heading. Math `$...$` / `$$...$$` stays.
- `# Title { #id }` -> `# Title <a id="id"></a>`: the stable id survives as an explicit anchor
  (Jupyter and Colab jump to it; the site's hook turns it into the heading's id).
- Relative links `page.md#x` -> the page on the site (`site_url` in mkdocs.yml), because a
  notebook opened in Colab has no `page.md` next to it.
- `*[term]: ...` abbreviations are dropped (they are the site's tooltips).
- `!!! kind "title"` admonition -> a quote: `> **title**` and the body; executed code inside it
  becomes code cells that interrupt the quote.
- `??? kind "title"` (collapsible, e.g. a solution) -> a heading one level below the current
  section (JupyterLab and Colab can collapse it) with an explicit id, then its body and code.
- Executed python fence (`exec="on"`, markdown-exec) -> a code cell with the same source, all in
  one kernel (markdown-exec's session semantics: one page = one session). Its `id` is the cell id.
  - `result="..."`: printed text, as on the page.
  - no `result`, no `html` (the page renders the printed text as Markdown): the cell starts
    with `%%as_markdown`, a small cell magic defined in the helper cell, which shows what the
    code prints as Markdown (sentences, tables, formulas), exactly like the page does.
  - `html="true"` graph/plot blocks: `print(draw_svg(X))` -> `draw_dot(X)` (or
    `display(draw_dot(X))` when it is not the last line): a graphviz Digraph displays itself;
    `print(graph_svg(g))` -> `g` (or `display(g)`): any other Graphviz graph, shown the same way;
    `print(plot_svg(fig))` -> `display(fig)`: the figure itself (the inline backend's PNG).
    Any other html block is an error here, so that nothing is silently shown as raw HTML text.
- ```` ```pycon ```` console example -> code cells with `>>>`/`...` removed; a cell ends after
  every example that has expected output, so each result is shown, as in the console.
- A fence that only holds `--8<-- "micrograd/engine.py:add"` snippet lines -> a Markdown cell
  with that section as a python code block, expanded by pymdownx.snippets with mkdocs.yml's
  settings (tooling.lessons), so it reads exactly as on the site.
- An exercise's hidden ```` ```python check="ID" ```` -> a code cell after its starting code,
  tagged `raises-exception` (it fails until the student solves the cell above, and nbclient
  records that failure instead of stopping); an ```` ```python answers="ID" ```` fence (the
  page's answer fields) -> nothing: the solution box already shows the numbers.
- Any other fence (bash, a python fence that is not executed) -> shown as code in Markdown.

The student's notebook (`build_notebook(..., student=True)`) is the same conversion without
every `??? success` box (a solution, a „სცადე“ box's explanation: prose, code and doctests in it)
and any `solution="ID"` fence: left out, not hidden. Everything else stays: the exercises'
starting code and their check cells (which fail on the starting code: tagged), „სცადე“ prompts,
depth boxes (`??? info "ღრმად: …"`). Its cells keep the teacher's ids. It is executed like the
teacher's, and then must show, cell by cell, the same outputs: a cell that fails or shows
something else without the left-out blocks (a name or value a solution set, a random number it
drew) stops `make notebooks` with a message naming the lesson, the cell and the left-out blocks,
and nothing is written: move what later code needs out of the box. Not rendered as pages (the
teacher's page is the same lesson with the solutions); mkdocs copies the files for download.

Before the lesson's first code: a setup cell that installs micrograd where it is missing
(Colab, a fresh Jupyter): `try: import micrograd / except ImportError: %pip install ...` from
the repository in mkdocs.yml `repo_url` (and numpy/matplotlib, if the lesson imports them);
then, if needed, a helper cell (`draw_dot`, `%%as_markdown`).

Outputs are deterministic (a memory address in a repr is replaced), so regenerating an
unchanged lesson writes the same bytes. `--check` compares text exactly, a Graphviz SVG by its
text (coordinates differ between Graphviz versions) and a PNG by its size.
"""

from __future__ import annotations

import argparse
import base64
import copy
import difflib
import json
import os
import re
import struct
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from tooling import lessons
from tooling.config import mkdocs_config
from tooling.notebook import (  # noqa: F401 (the conversion, used by the tests through here)
    KERNEL,
    NB_METADATA,
    build_notebook,
    page_url,
    setup_source,
    snippet_source,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
OUT = DOCS / "notebooks"
SKIP = {"glossary.md"}  # ლექსიკონი: კოდი არ აქვს (no code to run)
# index.md-ის notebook `notebooks/index.ipynb` რომ იყოს, ის Notebook-ების განყოფილების
# მთავარი გვერდი (`notebooks/`) გახდებოდა: ამიტომ მას ნავიგაციის სახელი ჰქვია.
NAMES = {"index": "shesavali"}


STUDENT = "student"  # docs/notebooks/student/: მოსწავლის notebook-ები, ამოხსნების გარეშე


def notebook_path(md_path: Path, student: bool = False) -> Path:
    """docs/derivative.md -> docs/notebooks/derivative.ipynb (index.md -> shesavali.ipynb);
    the student's: docs/notebooks/student/derivative.ipynb."""
    return (OUT / STUDENT if student else OUT) / f"{NAMES.get(md_path.stem, md_path.stem)}.ipynb"


def lesson_pages() -> list[Path]:
    """docs/*.md with executed python code, glossary excepted."""
    pages = []
    for path in sorted(DOCS.glob("*.md")):
        if path.name in SKIP:
            continue
        if any(f.executed for f in lessons.read(path)):
            pages.append(path)
    return pages


# --------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------


def kernel_env() -> dict:
    """The kernel's environment: Jupyter's own matplotlib backend (inline), not a test's Agg."""
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PYTHONHASHSEED"] = "0"
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    return env


def execute(nb: nbformat.NotebookNode, cwd: str | None = None, timeout: int = 300):
    """Run every cell top to bottom in a fresh kernel; an error in any cell raises."""
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    with tempfile.TemporaryDirectory(prefix="mg-nb-") as tmp:
        # local sockets (ipc) in the temporary directory: no TCP port, no ipykernel warning
        km = KernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(tmp, "kernel"))
        client = NotebookClient(
            nb,
            km=km,
            timeout=timeout,
            kernel_name=KERNEL,
            allow_errors=False,
            record_timing=False,
            coalesce_streams=True,
            resources={"metadata": {"path": cwd or tmp}},
        )
        try:
            client.execute(env=kernel_env())
        finally:  # nbclient leaves a kernel it did not create running
            if km.has_kernel:
                km.shutdown_kernel(now=True)
    nb.metadata = {**copy.deepcopy(NB_METADATA), "micrograd_ka": nb.metadata["micrograd_ka"]}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = _ADDRESS.sub(" at 0x…", out["text"])
            if "text/plain" in out.get("data", {}):
                out["data"]["text/plain"] = _ADDRESS.sub(" at 0x…", out["data"]["text/plain"])
    return nb


# `<graphviz.graphs.Digraph at 0x7f…>`: a memory address changes on every run; it is replaced,
# so that a notebook regenerated from the same lesson is byte for byte the same file.
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


class StudentNotebookError(ValueError):
    """The student's notebook does not work without what it left out: the lesson must change."""


def generate(md_path: Path, config: dict | None = None, run: bool = True, student: bool = False):
    nb = build_notebook(md_path, config, student=student)
    removed = nb.metadata["micrograd_ka"].pop("removed", [])
    if run:
        try:
            execute(nb)
        except Exception as err:
            if not student:
                raise
            failed = next(
                (c.id for c in nb.cells if _errors(c) and "raises-exception" not in _tags(c)),
                "?",
            )
            raise StudentNotebookError(
                _needs_removed(md_path, failed, removed, f"it fails: {_first_line(err)}")
            ) from err
    nbformat.validate(nb)
    return nb


def _tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def _errors(cell) -> list:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def _first_line(err: Exception) -> str:
    """The error's own line (`NameError: name 'y' is not defined`), without the kernel's colours."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
    lines = [ln for ln in text.splitlines() if re.match(r"^\w*(Error|Exception)\b", ln)]
    return lines[-1] if lines else text.strip().splitlines()[-1]


def _needs_removed(md_path: Path, cell: str, removed: list[str], what: str) -> str:
    return (
        f"docs/{md_path.name}: the student's notebook (without solutions): cell {cell!r} "
        f"{what}. It needs something a left-out block does (a `??? success` box or a "
        "`solution=` fence): move what later code needs out of the box, or give that code "
        f"its own values. Left out: {'; '.join(removed) or 'nothing'}"
    )


def _outputs(cell) -> list:
    """What a cell showed, for comparing two runs (as `normalized` compares them; an error by
    its name and message: the traceback names the cell's execution count)."""
    shown = []
    for out in json.loads(json.dumps(cell.get("outputs", []))):
        _normalize_output(out)
        out.pop("execution_count", None)
        if out["output_type"] == "error":
            out = {"output_type": "error", "ename": out["ename"], "evalue": out["evalue"]}
        shown.append(out)
    return shown


def student_differences(teacher, student, md_path: Path) -> list[str]:
    """What makes the student's notebook not the teacher's minus the left-out blocks.

    Every code cell of the student's notebook is the teacher's cell of the same id (the
    conversion keeps ids), in the same order, and shows the same output. A cell whose output
    changed depends on a left-out block (a name it defined, a value it set, a random number it
    drew): the student would see numbers the lesson does not talk about. Messages name the file.
    """
    theirs = {c.id: c for c in teacher.cells if c.cell_type == "code"}
    order = [c.id for c in teacher.cells if c.cell_type == "code"]
    mine = [c for c in student.cells if c.cell_type == "code"]
    problems, changed = [], []
    for cell in mine:
        other = theirs.get(cell.id)
        if other is None:
            problems.append(f"docs/{md_path.name}: student cell {cell.id!r} is not the teacher's")
        elif cell.source != other.source and cell.id not in ("setup", "helpers"):
            problems.append(f"docs/{md_path.name}: student cell {cell.id!r} has other code")
        elif _outputs(cell) != _outputs(other):
            changed.append(cell.id)
    ids = [c.id for c in mine if c.id in theirs]
    if ids != [i for i in order if i in set(ids)]:
        problems.append(f"docs/{md_path.name}: the student's cells are in another order")
    if changed:
        removed = build_notebook(md_path, student=True).metadata["micrograd_ka"]["removed"]
        problems.append(
            _needs_removed(md_path, changed[0], removed, "shows another output than the teacher's")
            + (f" (also: {', '.join(changed[1:])})" if changed[1:] else "")
        )
    return problems


def dumps(nb) -> str:
    return nbformat.writes(nb) + "\n"


# --------------------------------------------------------------------------
# Comparing (what `--check` and the tests call "the same notebook")
# --------------------------------------------------------------------------


def _svg_texts(svg: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    ]


def _png_size(data: str) -> str:
    raw = base64.b64decode(data)
    width, height = struct.unpack(">II", raw[16:24])
    return f"<png {width}x{height}>"


def normalized(nb) -> dict:
    """The notebook without what legitimately differs between machines.

    Text outputs stay exact. A graph's SVG depends on the Graphviz version (CI and a laptop
    differ), so it is compared by its text (labels, data, grad); a PNG by its size.
    """
    nb = json.loads(nbformat.writes(nb))
    for cell in nb["cells"]:
        cell.get("metadata", {}).pop("execution", None)
        for out in cell.get("outputs", []):
            _normalize_output(out)
    return nb


def _normalize_output(out: dict):
    data = out.get("data", {})
    if "image/svg+xml" in data:
        svg = data["image/svg+xml"]
        svg = "".join(svg) if isinstance(svg, list) else svg
        data["image/svg+xml"] = _svg_texts(svg)
    if "image/png" in data:
        data["image/png"] = _png_size(data["image/png"])
    out.get("metadata", {}).pop("image/png", None)


def diff(old, new, name: str) -> str:
    a = json.dumps(normalized(old), indent=1, ensure_ascii=False, sort_keys=True).splitlines()
    b = json.dumps(normalized(new), indent=1, ensure_ascii=False, sort_keys=True).splitlines()
    return "\n".join(
        difflib.unified_diff(a, b, f"{name} (committed)", f"{name} (fresh)", lineterm="")
    )


# --------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson names (default: all)")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--no-execute", action="store_true", help="cells only, no outputs")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)

    config = mkdocs_config()
    pages = lesson_pages()
    if args.lessons:
        wanted = {Path(name).stem for name in args.lessons}
        pages = [p for p in pages if p.stem in wanted or notebook_path(p).stem in wanted]
        missing = wanted - {p.stem for p in pages} - {notebook_path(p).stem for p in pages}
        if missing:
            parser.error(f"no such lesson with code: {sorted(missing)}")

    def one(job):
        page, student = job
        try:
            return job, generate(page, config, run=not args.no_execute, student=student)
        except StudentNotebookError as err:
            return job, err

    jobs = [(page, student) for page in pages for student in (False, True)]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = dict(pool.map(one, jobs))

    # მოსწავლისა მასწავლებლისაა ამოღებული ბლოკების გარეშე: დარჩენილი უჯრები იგივეს აჩვენებს
    broken = [str(nb) for nb in results.values() if isinstance(nb, StudentNotebookError)]
    for page in pages:
        teacher, student = results[page, False], results[page, True]
        if not args.no_execute and not isinstance(student, Exception):
            broken += student_differences(teacher, student, page)
    if broken:
        print("\n".join(broken), file=sys.stderr)
        print("\nstudent notebooks: fix the lessons named above (nothing written)", file=sys.stderr)
        return 1

    stale = []
    for (page, student), nb in results.items():
        target = notebook_path(page, student)
        if args.check:
            if not target.exists():
                stale.append(f"{target.relative_to(ROOT)}: missing")
            else:
                old_nb = nbformat.reads(target.read_text("utf-8"), as_version=4)
                d = diff(old_nb, nb, target.relative_to(OUT).as_posix())
                if d:
                    stale.append(d)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(nb), "utf-8")
        print(f"{target.relative_to(ROOT)}: {len(nb.cells)} cells, {target.stat().st_size} bytes")
    if not args.check and not args.lessons:
        known = {notebook_path(p, s) for p, s in jobs}
        for old in [*OUT.glob("*.ipynb"), *(OUT / STUDENT).glob("*.ipynb")]:
            if old not in known:
                old.unlink()
                print(f"{old.relative_to(ROOT)}: removed (no such lesson)")
    if stale:
        print("\n\n".join(stale), file=sys.stderr)
        print("\nnotebooks are stale: run `make notebooks`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
