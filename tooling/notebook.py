"""გაკვეთილი -> notebook-ის უჯრები (a lesson -> notebook cells): გარდაქმნა, გაშვების გარეშე.

Pure: Markdown in, an unexecuted nbformat notebook out; nothing is run and no file is written
(scripts/make_notebooks.py runs the cells in a kernel, compares and writes). The rules are listed
in that script's docstring, which is the contributor's reference.

Two audiences read a lesson, and only where they need different output does the conversion
change the text, each undone on the site by hooks/notebooks.py:

- a heading's `{ #id }` -> `<a id="id"></a>`: Jupyter and Colab know no attribute lists but jump
  to an anchor; the site's notebook page gives the heading that id back (mkdocs-jupyter would
  give a Georgian heading `id=""`);
- a relative link `page.md#x` -> the page on the site (`site_url`): a notebook opened in Colab
  has no `page.md` beside it; on the site the hook makes the link relative again, so a local or
  offline copy of the site stays on itself.
"""

from __future__ import annotations

import copy
import doctest
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from tooling import lessons
from tooling.config import mkdocs_config
from tooling.lessons import Admonition, Fence
from tooling.slugify import slugify

KERNEL = "python3"
NB_METADATA = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": KERNEL},
    "language_info": {"name": "python"},
}

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)(?:\s*\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
_ABBR = re.compile(r"^\*\[[^\]]+\]:")
_LINK = re.compile(r"(\]\()(?P<target>[^)\s]+)(?P<rest>(?:\s+\"[^\"]*\")?\))")
_GRAPH = re.compile(
    r"^(?P<indent>\s*)print\((?P<func>draw_svg|graph_svg|plot_svg|draw_steps)"
    r"\((?P<args>.*)\)\)\s*(?:#.*)?$"
)


# --------------------------------------------------------------------------
# Reading the page
# --------------------------------------------------------------------------


def install_url(config: dict) -> str:
    """pip-ის მისამართი: `micrograd-ka @ git+https://github.com/<owner>/<repo>`."""
    return f"micrograd-ka @ git+{config['repo_url'].rstrip('/')}"


def page_url(config: dict, md_path: str) -> str:
    """`backprop.md#x` -> `https://.../backprop/#x` (use_directory_urls)."""
    path, _, anchor = md_path.partition("#")
    path = path.removeprefix("./")
    if path.endswith("index.md"):
        path = path[: -len("index.md")]
    elif path.endswith(".md"):
        path = path[: -len(".md")] + "/"
    url = config["site_url"].rstrip("/") + "/" + path
    return url + (f"#{anchor}" if anchor else "")


def snippet_source(spec: str) -> str:
    """`micrograd/engine.py:add` -> that section, expanded by pymdownx.snippets as on the site."""
    return lessons.expand_snippets(f'--8<-- "{spec}"').strip("\n")


# --------------------------------------------------------------------------
# Markdown -> cells
# --------------------------------------------------------------------------


@dataclass
class Cell:
    kind: str  # "markdown" | "code"
    source: str
    id: str = ""
    tags: tuple[str, ...] = ()  # cell metadata tags (nbclient: "raises-exception")


RAISES = ("raises-exception",)  # nbclient lets a cell with this tag raise (it is expected to)

# მოსწავლის notebook-ს აკლია ყოველი `??? success` ყუთი (ამოხსნა, „სცადე“-ს ახსნა) და
# `solution=` ბლოკი: არა დამალული, არამედ ამოღებული (the student's notebook leaves them out)
ANSWER_KIND = "success"


@dataclass
class Removed:
    """A block the student's notebook leaves out: where it was and the code cells it had."""

    line: int  # სტრიქონი გაკვეთილში (1-დან)
    title: str
    cells: list[str] = field(default_factory=list)  # მისი კოდის ბლოკების id-ები

    def __str__(self) -> str:
        cells = f" (code: {', '.join(self.cells)})" if self.cells else ""
        return f'line {self.line} "{self.title}"{cells}'


@dataclass
class Lesson:
    """ერთი გვერდის გარდაქმნის მდგომარეობა (the state of converting one page)."""

    name: str
    config: dict
    cells: list[Cell] = field(default_factory=list)
    md: list[str] = field(default_factory=list)
    level: int = 1  # the last heading's level
    section: str = ""  # the last heading's id
    ids: set[str] = field(default_factory=set)  # cell ids
    anchors: set[str] = field(default_factory=set)  # heading ids
    needs_graph: bool = False
    needs_steps: bool = False
    needs_markdown: bool = False
    student: bool = False  # მოსწავლის notebook: ამოხსნის ყუთები ამოღებულია
    removed: list[Removed] = field(default_factory=list)  # რა ამოიღო მოსწავლის notebook-მა

    # ---- output ----
    def unique(self, base: str, taken: set[str] | None = None) -> str:
        taken = self.ids if taken is None else taken
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-")[:56] or "cell"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        return candidate

    def flush(self):
        text = "\n".join(self.md)
        text = re.sub(r"\n(?:[ \t>]*\n){2,}", "\n\n", text).strip("\n")
        self.md = []
        if text.strip(" >\n"):
            self.cells.append(Cell("markdown", text, self.unique(self.section or "text")))

    def code(self, source: str, cell_id: str, tags: tuple[str, ...] = ()):
        self.flush()
        self.cells.append(Cell("code", source.rstrip("\n"), self.unique(cell_id), tags))


def _rewrite_links(line: str, lesson: Lesson) -> str:
    def fix(m):
        target = m["target"]
        if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", target):
            return m.group(0)
        if target.split("#")[0].endswith(".md"):
            return m[1] + page_url(lesson.config, target) + m["rest"]
        # a file next to the pages (an image): its address on the site
        return m[1] + lesson.config["site_url"].rstrip("/") + "/" + target + m["rest"]

    return _LINK.sub(fix, line)


def _heading(line: str, lesson: Lesson) -> bool:
    """`## text { #id }` -> a new cell that starts with `## text <a id="id"></a>`."""
    m = _HEADING.match(line)
    if not m:
        return False
    lesson.flush()
    text, attrs = m["text"].strip(), m["attrs"] or ""
    ids = re.findall(r"#([\w-]+)", attrs)
    hid = ids[0] if ids else lesson.unique(slugify(text), lesson.anchors)
    lesson.anchors.add(hid)
    lesson.level, lesson.section = len(m["hashes"]), hid
    lesson.md.append(f'{m["hashes"]} {_rewrite_links(text, lesson)} <a id="{hid}"></a>')
    return True


def convert(page: list, lesson: Lesson):
    """The page's blocks (tooling.lessons) -> lesson.cells / lesson.md."""
    for block in page:
        if isinstance(block, Fence):
            _fence(block, lesson)
        elif isinstance(block, Admonition):
            _admonition(block, lesson)
        else:
            for line in block.lines:
                if not _ABBR.match(line) and not _heading(line, lesson):
                    lesson.md.append(_rewrite_links(line, lesson))


def _admonition(block: Admonition, lesson: Lesson):
    """!!! -> a quote; ??? -> a collapsible heading one level below the section.

    In the student's notebook a `success` box (a solution, a „სცადე“ box's explanation) is left
    out, with everything in it."""
    if lesson.student and block.kind == ANSWER_KIND:
        lesson.removed.append(Removed(block.line, block.title or block.kind, _code_ids(block)))
        # მასწავლებლისთვის გარდაიქმნება და იყრება: ასე იგივე id-ებს იკავებს და ყოველ დარჩენილ
        # უჯრას მასწავლებლის id რჩება (scripts/make_notebooks.py უჯრებს id-ით ადარებს)
        lesson.flush()
        dropped = Lesson(lesson.name, lesson.config, level=lesson.level, section=lesson.section)
        dropped.ids, dropped.anchors = lesson.ids, lesson.anchors
        _admonition(block, dropped)
        return
    if block.mark == "!!!":
        # the body becomes a quote; code cells inside it interrupt the quote
        sub = Lesson(
            lesson.name, lesson.config, level=lesson.level, section=lesson.section,
            student=lesson.student, removed=lesson.removed,
        )  # fmt: skip
        sub.ids, sub.anchors = lesson.ids, lesson.anchors  # one page: ids stay unique
        convert(block.blocks, sub)
        sub.flush()
        pending = [f"**{block.title}**"] if block.title else []
        for cell in sub.cells:
            if cell.kind == "code":
                if pending:
                    lesson.md += [f"> {ln}" for ln in pending] + [""]
                    pending = []
                lesson.flush()
                lesson.cells.append(cell)
                continue
            lines = pending + ([""] if pending else []) + cell.source.split("\n")
            pending = []
            lesson.md += [""] + [f"> {ln}" if ln.strip() else ">" for ln in lines] + [""]
        if pending:
            lesson.md += [f"> {ln}" for ln in pending] + [""]
        lesson.needs_graph |= sub.needs_graph
        lesson.needs_steps |= sub.needs_steps
        lesson.needs_markdown |= sub.needs_markdown
        return
    lesson.flush()
    level = min(lesson.level + 1, 6)
    title = block.title or block.kind
    hid = lesson.unique(slugify(title), lesson.anchors)
    lesson.md.append(f'{"#" * level} {title} <a id="{hid}"></a>')
    lesson.md.append("")
    convert(block.blocks, lesson)
    lesson.flush()


def _code_ids(block: Admonition) -> list[str]:
    """The ids of the code an admonition holds (what a notebook would run), nested ones too."""
    ids = []
    for inner in block.blocks:
        if isinstance(inner, Admonition):
            ids += _code_ids(inner)
        elif isinstance(inner, Fence) and inner.role == "solution":
            ids.append(f"solution={inner.exercise}")
        elif isinstance(inner, Fence) and lessons.is_python(inner) and inner.executed:
            ids.append(inner.name)
        elif isinstance(inner, Fence) and lessons.is_pycon(inner) and not inner.torch:
            ids.append(f"pycon at line {inner.line}")
    return ids


def _fence(fence: Fence, lesson: Lesson):
    lang, attrs = fence.lang, fence.attrs
    if lesson.student and fence.role == "solution":  # ამოხსნა ამოხსნის ყუთის გარეთ
        lesson.removed.append(Removed(fence.line, f"solution={fence.exercise}", [fence.name]))
        if lessons.is_python(fence) and fence.executed:  # მის id-ს იკავებს, როგორც ზემოთ
            lesson.unique(fence.attrs.get("id") or f"{lesson.name}-code")
        return
    source = fence.body.strip("\n")
    if lessons.is_python(fence) and lessons.snippet_only(fence):
        code = lessons.expand_snippets(fence.body).strip("\n")
        if attrs.get("title"):
            lesson.md += [f"`{attrs['title']}`:", ""]
        lesson.md += ["```python", code, "```", ""]
        return
    if fence.torch:  # PyTorch's output, shown as on the page (torch is not a dependency)
        lesson.md += ["```pycon", source, "```", ""]
        return
    if lessons.is_pycon(fence):
        _pycon(source, lesson)
        return
    if fence.role == "answers":
        return  # the numbers to type: the page's answer fields; the notebook has the solution
    if fence.role == "check":
        # the exercise's check as an `assert` cell; it fails until the cell above is solved
        head = f"# შემოწმება ({fence.exercise}): ზემოთა უჯრა შეცვალე, გაუშვი, მერე ეს უჯრაც"
        lesson.code(head + "\n" + source, f"{fence.exercise}-check", RAISES)
        return
    if lessons.is_python(fence) and fence.executed:
        block_id = attrs.get("id") or f"{lesson.name}-code"
        source = lessons.expand_snippets(fence.body).strip("\n")  # as markdown-exec runs it
        mode = lessons.output_mode(fence)
        if mode == "html":
            source = _graph_source(source, block_id, lesson)
        elif mode == "markdown":
            source = "%%as_markdown\n" + source
            lesson.needs_markdown = True
        lesson.code(source, block_id)
        return
    # shown as code, not run (as on the page)
    mark = "````" if "```" in source else "```"
    lesson.md += [f"{mark}{lang}", source, mark, ""]


def _graph_source(source: str, block_id: str, lesson: Lesson) -> str:
    """`print(draw_svg(X))` -> `draw_dot(X)`; `print(plot_svg(fig))` -> `display(fig)`."""
    lines = source.split("\n")
    code_lines = [k for k, ln in enumerate(lines) if ln.strip() and not ln.strip().startswith("#")]
    changed = 0
    for k, line in enumerate(lines):
        m = _GRAPH.match(line)
        if not m:
            continue
        changed += 1
        if m["func"] == "draw_steps":  # ღილაკები notebook-ში არ არის: ნაბიჯები ტექსტად
            lines[k] = f"{m['indent']}print_steps({m['args']})"
            lesson.needs_steps = True
        elif m["func"] in ("draw_svg", "graph_svg"):
            last = k == code_lines[-1] and not m["indent"]
            call = m["args"]
            if m["func"] == "draw_svg":
                lesson.needs_graph = True
                call = f"draw_dot({call})"
            lines[k] = m["indent"] + (call if last else f"display({call})")
        else:
            lines[k] = f"{m['indent']}display({m['args']})"
    if not changed or re.search(r"\b(draw_svg|graph_svg|plot_svg|svg)\(", "\n".join(lines)):
        raise ValueError(
            f'{lesson.name}.md, block {block_id!r}: an html="true" block must print '
            "draw_svg(...) or plot_svg(...) on one line; no rule converts this block "
            "(see scripts/make_notebooks.py)"
        )
    return "\n".join(lines)


def _pycon(source: str, lesson: Lesson):
    """`>>>` examples -> code cells; a cell ends after an example with expected output."""
    examples = doctest.DocTestParser().get_examples(source)
    if not examples:
        lesson.md += ["```pycon", source, "```", ""]
        return
    group: list[str] = []
    cell_id = f"{lesson.section or lesson.name}-pycon"
    for example in examples:
        if example.exc_msg is not None:
            # შეცდომას ველით: ცალკე უჯრა, რომელსაც Jupyter-ი შეცდომის უფლებას აძლევს
            if group:
                lesson.code("\n".join(group), cell_id)
                group = []
            lesson.code(example.source.rstrip("\n"), cell_id, RAISES)
            continue
        group.append(example.source.rstrip("\n"))
        if example.want.strip():
            lesson.code("\n".join(group), f"{lesson.section or lesson.name}-pycon")
            group = []
    if group:
        lesson.code("\n".join(group), f"{lesson.section or lesson.name}-pycon")


# packages a lesson may import besides micrograd (Colab has them; a fresh Jupyter may not)
EXTRA_PACKAGES = {"numpy": "numpy", "matplotlib": "matplotlib"}


def setup_source(config: dict, code: str = "") -> str:
    """The first code cell: installs micrograd (and numpy/matplotlib, if used) when missing."""
    source = (
        "# micrograd-ის დაყენება, თუ ის ჯერ არ გაქვს (მაგალითად, Colab-ში)\n"
        "try:\n"
        "    import micrograd\n"
        "except ImportError:\n"
        f'    %pip install -q "{install_url(config)}"'
    )
    used = [
        module
        for module in EXTRA_PACKAGES
        if re.search(rf"^\s*(?:import|from)\s+{module}\b", code, re.M)
    ]
    if used:
        source += (
            f"\ntry:\n    import {', '.join(used)}\nexcept ImportError:\n"
            f"    %pip install -q {' '.join(EXTRA_PACKAGES[m] for m in used)}"
        )
    return source


HELPER_GRAPH = """\
# draw_dot(x) ხატავს x-ის გამოთვლების გრაფს (Graphviz)
from micrograd.viz import draw_dot"""

HELPER_STEPS = """\
# print_steps(x): x.backward()-ის ნაბიჯები ტექსტად (საიტზე ისინი გრაფზე, ღილაკებით გადის)
from micrograd.viz import print_steps"""

HELPER_MARKDOWN = """\
# %%as_markdown: უჯრის კოდი ეშვება, print()-ით დაბეჭდილი კი Markdown-ად ჩანს
# (წინადადება რიცხვით, ცხრილი, ფორმულა), როგორც გაკვეთილის გვერდზე.
from IPython.core.magic import register_cell_magic
from IPython.display import Markdown, display
from IPython.utils.capture import capture_output


@register_cell_magic
def as_markdown(line, cell):
    with capture_output(stderr=False, display=False) as printed:
        exec(cell, get_ipython().user_ns)
    display(Markdown(printed.stdout))"""


def build_notebook(
    md_path: Path, config: dict | None = None, student: bool = False
) -> nbformat.NotebookNode:
    """One lesson -> an unexecuted notebook (cells only).

    `student=True`: the student's notebook, without the `??? success` boxes and `solution=`
    fences (what it left out: `notebook.metadata["micrograd_ka"]["removed"]`, a list of
    "line N "title" (code: ids)" strings, for the messages of scripts/make_notebooks.py).
    """
    config = config or mkdocs_config()
    lesson = Lesson(md_path.stem, config, student=student)
    text = md_path.read_text("utf-8")
    lessons.check(lessons.read_text(text), f"docs/{md_path.name}")  # as the build and pytest do
    convert(lessons.blocks(text), lesson)
    lesson.flush()
    cells = lesson.cells
    if not cells or cells[0].kind != "markdown" or not cells[0].source.startswith("# "):
        raise ValueError(f"{md_path.name}: a lesson starts with its `# Title {{ #id }}`")
    title_line, _, rest = cells[0].source.partition("\n")
    title = re.sub(r"\s*<a id=\"[^\"]*\"></a>$", "", title_line[2:])
    url = page_url(config, md_path.name)
    if student:
        about = (
            f"> ეს მოსწავლის notebook-ია: გაკვეთილის [„{title}“]({url}) ასლი, იგივე ტექსტი და "
            "იგივე კოდი, ოღონდ ამოხსნების გარეშე.\n"
            "> სავარჯიშოები თავად ამოხსენი; კოდის სავარჯიშოს ქვემოთ შემოწმების უჯრაა "
            "(`# შემოწმება`): ის გეტყვის, რა არის ჯერ არასწორი.\n"
        )
    else:
        about = (
            f"> ეს მასწავლებლის notebook-ია (ამოხსნებით): გაკვეთილის [„{title}“]({url}) ასლი, "
            "იგივე ტექსტი და იგივე კოდი, სავარჯიშოების ამოხსნებითაც.\n"
            "> მოსწავლეებს მიეცი მოსწავლის notebook-ი, ამოხსნების გარეშე: მისი ბმული "
            "გაკვეთილის თავშია.\n"
        )
    intro = (
        f"{title_line}\n\n{about}"
        "> შეცვალე რიცხვი, გაუშვი უჯრა (Shift+Enter) და ნახე, როგორ შეიცვლება შედეგი.\n"
        "> თავიდან გაუშვი პირველი კოდის უჯრა: ის micrograd-ს დააყენებს, თუ ჯერ არ გაქვს."
    )
    code = "\n".join(c.source for c in cells if c.kind == "code")
    setup = Cell("code", setup_source(config, code), "setup")
    head = [Cell("markdown", intro, "title"), setup]
    helpers = [HELPER_GRAPH] * lesson.needs_graph + [HELPER_STEPS] * lesson.needs_steps
    helpers += [HELPER_MARKDOWN] * lesson.needs_markdown
    if helpers:
        head.append(Cell("code", "\n\n".join(helpers), "helpers"))
    rest = rest.strip("\n")
    body = ([Cell("markdown", rest, "lead")] if rest else []) + cells[1:]
    taken = {c.id for c in body}
    for cell in head:
        while cell.id in taken:  # a heading may be called "setup" too
            cell.id += "-nb"
    nb = nbformat.v4.new_notebook(metadata=copy.deepcopy(NB_METADATA))
    for cell in head + body:
        cid = cell.id
        new = (
            nbformat.v4.new_markdown_cell if cell.kind == "markdown" else nbformat.v4.new_code_cell
        )
        nb.cells.append(new(cell.source, id=cid))
        if cell.tags:
            nb.cells[-1].metadata["tags"] = list(cell.tags)
    nb.metadata["micrograd_ka"] = {"lesson": md_path.name}
    if student:
        nb.metadata["micrograd_ka"].update(student=True, removed=[str(r) for r in lesson.removed])
    return nb
