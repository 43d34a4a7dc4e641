"""გაკვეთილის წამკითხველი (the lesson reader): გვერდის კოდის ბლოკები (fences), ერთ ადგილას.

`read("docs/value.md")` returns every fence of a lesson in document order, including the ones
nested in admonitions (`!!!`, `???`), with the markdown-exec attributes of its first line
(`exec`, `session`, `id`, `result`, `html`, ...). `blocks(text)` gives the page as a tree:
prose (`Text`), `Fence` and `Admonition` with its own blocks (what the notebook generator walks).
It is built on markdown-it-py (CommonMark) with mdit-py-plugins' `admon` plugin, so a fence is
what a Markdown parser calls a fence, not what a regular expression guesses.

    >>> [(f.lang, f.name, f.executed, f.line) for f in read_text('''
    ... # სათაური
    ...
    ... ```python exec="on" session="a" id="first"
    ... x = 1
    ... ```
    ...
    ... ??? success "ამოხსნა"
    ...
    ...     ```pycon
    ...     >>> x
    ...     1
    ...     ```
    ... ''')]
    [('python', 'first', True, 5), ('pycon', 'line-11', False, 11)]
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin

from tooling.config import ROOT, mkdocs_config

# markdown-exec's own reading of `exec="..."` and `html="..."`: anything but these is true
FALSE = {"", "no", "off", "false", "0"}


def flag(value: str | None) -> bool:
    """An attribute as markdown-exec reads it: absent or one of FALSE is false."""
    return value is not None and value.lower() not in FALSE


@dataclass(frozen=True)
class Fence:
    """ერთი კოდის ბლოკი (one fenced code block)."""

    lang: str  # "python", "pycon", ... lowercased
    attrs: dict[str, str]  # markdown-exec attributes: exec, session, id, source, result, html, ...
    body: str  # the code, dedented, ending with "\n"
    line: int  # 1-based line in the .md file of the first code line

    @property
    def executed(self) -> bool:
        return flag(self.attrs.get("exec"))

    @property
    def name(self) -> str:
        return self.attrs.get("id") or f"line-{self.line}"

    @property
    def session(self) -> str | None:
        return self.attrs.get("session") or None

    @property
    def role(self) -> str | None:
        """Its part in an exercise (tooling.lessons.exercises): "start", "check", "solution",
        "answers"; or None."""
        for role in ("exercise", "check", "solution", "answers"):
            if role in self.attrs:
                return "start" if role == "exercise" else role
        return None

    @property
    def exercise(self) -> str | None:
        """The id of the exercise this fence belongs to (`exercise=`, `check=`, ... its value)."""
        role = self.role
        return self.attrs["exercise" if role == "start" else role] if role else None

    @property
    def torch(self) -> bool:
        """```` ```pycon title="PyTorch" ````: what torch prints, run only by `make test-torch`."""
        return self.lang == "pycon" and self.attrs.get("title") == "PyTorch"


def parse_info(info: str) -> tuple[str, dict[str, str]]:
    """```python exec="on" id="x"``` -> ("python", {"exec": "on", "id": "x"})."""
    info = info.strip().strip("{}").strip()
    lang, attrs = "", {}
    for word in shlex.split(info) if info else []:
        if "=" in word:
            key, value = word.split("=", 1)
            attrs[key] = value
        elif not lang:
            lang = word.lstrip(".")
        else:
            attrs[word] = ""
    return lang.lower(), attrs


@cache
def parser() -> MarkdownIt:
    """CommonMark with `!!!`/`???` admonitions (tables etc. do not matter for fences)."""
    return MarkdownIt("commonmark").use(admon_plugin)


def tokens(text: str) -> list[Token]:
    """The page's block tokens (markdown-it).

    A fence that Markdown reads as indented code instead (inside a `===` content tab, which
    this reader does not know, or indented by mistake) is an error, not a silently lost block.
    """
    found = parser().parse(text)
    for token in found:
        if token.type == "code_block" and token.content.lstrip().startswith(("```", "~~~")):
            raise ValueError(
                f"line {token.map[0] + 1}: a fence indented as code (in a `===` tab?): "
                "the lesson reader cannot see it; use an admonition or no indent"
            )
    return found


def fence(token: Token) -> Fence:
    """A markdown-it `fence` token -> Fence."""
    lang, attrs = parse_info(token.info)
    body = token.content if token.content.endswith("\n") else token.content + "\n"
    return Fence(lang, attrs, body, token.map[0] + 2)


def read_text(text: str) -> list[Fence]:
    """All fences of a Markdown text, in document order, nested ones too."""
    return [fence(t) for t in tokens(text) if t.type == "fence"]


def read(path: Path | str) -> list[Fence]:
    """All fences of a lesson file (`docs/*.md`)."""
    return read_text(Path(path).read_text("utf-8"))


# --------------------------------------------------------------------------
# The page as a tree: prose, fences, admonitions
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Prose lines between fences and admonitions, dedented to their container."""

    lines: tuple[str, ...]
    line: int  # 1-based line of the first one


@dataclass(frozen=True)
class Admonition:
    """`!!! kind "title"` or a collapsible `??? kind "title"` (`???+`: open) with its body."""

    mark: str  # "!!!", "???" or "???+"
    kind: str  # "note", "success", ...
    title: str  # as written between the quotes; "" when there are none
    line: int  # 1-based line of the `!!!` line
    blocks: tuple[Text | Fence | Admonition, ...]


_TITLE = re.compile(r'\s*\S+(?:\s+"(?P<title>[^"]*)")?')


def blocks(text: str) -> list[Text | Fence | Admonition]:
    """The page in document order; an admonition holds its own blocks."""
    lines = text.splitlines()
    start = front_matter_end(lines)
    found = [t for t in tokens(text) if t.map is None or t.map[0] >= start]
    return _blocks(found, lines, start, len(lines), 0)


def front_matter_end(lines: list[str]) -> int:
    """გვერდის თავში `---` ... `---` (front matter: `time:`, `prereq:`) მეტამონაცემებია, არა ტექსტი:
    the index of the first line after it (0 when the page has none)."""
    if lines and lines[0].strip() == "---":
        for k in range(1, len(lines)):
            if lines[k].strip() == "---":
                return k + 1
    return 0


def _blocks(found: list[Token], lines: list[str], start: int, end: int, indent: int) -> list:
    out: list = []
    cursor = start

    def prose(upto: int):
        if upto > cursor:
            text = [
                ln[indent:] if not ln[:indent].strip() else ln.lstrip() for ln in lines[cursor:upto]
            ]
            out.append(Text(tuple(text), cursor + 1))

    i = 0
    while i < len(found):
        token = found[i]
        if token.type == "fence":
            prose(token.map[0])
            out.append(fence(token))
            cursor = token.map[1]
        elif token.type == "admonition_open":
            close = next(
                k
                for k in range(i + 1, len(found))
                if found[k].type == "admonition_close" and found[k].level == token.level
            )
            first, last = token.map
            prose(first)
            opening = lines[first]
            inner = _blocks(found[i + 1 : close], lines, first + 1, last, _width(opening) + 4)
            title = _TITLE.match(token.info)["title"] or ""
            out.append(Admonition(token.markup, token.meta["tag"], title, first + 1, tuple(inner)))
            cursor, i = last, close
        i += 1
    prose(end)
    return out


def _width(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# --------------------------------------------------------------------------
# The code-block rules, one place: the build (hooks/site.py, hooks/runner.py), pytest
# (conftest.py), the notebooks (scripts/make_notebooks.py) and tests/test_lessons.py ask here
# --------------------------------------------------------------------------


class LessonError(ValueError):
    """A block that no path would treat the same way; the message names the file and the block."""


def _plugin_config(name: str) -> dict | None:
    for entry in mkdocs_config().get("plugins", []):
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


@cache
def exec_languages() -> frozenset[str]:
    """The fences markdown-exec runs at build: its `languages` in mkdocs.yml (default: all)."""
    config = _plugin_config("markdown-exec")
    if config is None:
        return frozenset()
    if config.get("languages") is None:
        from markdown_exec import formatters

        return frozenset(formatters)
    return frozenset(lang.lower() for lang in config["languages"])


@cache
def _python_names() -> frozenset[str]:
    """Every name a fence can give Python (`python`, `py`, `python3`, ...): Pygments' aliases."""
    from pygments.lexers import get_lexer_by_name

    return frozenset(get_lexer_by_name("python").aliases)


def is_python(fence: Fence) -> bool:
    """A Python fence: a language markdown-exec runs at build (mkdocs.yml), not an alias of it."""
    return fence.lang in exec_languages() and fence.lang in _python_names()


def is_pycon(fence: Fence) -> bool:
    """A `>>>` console example: shown as written, checked as a doctest by pytest."""
    return fence.lang == "pycon"


_SNIPPET_LINE = re.compile(r'^\s*(?:--8<--.*|"[^"]*"|\'[^\']*\')?\s*$')


def snippet_only(fence: Fence) -> bool:
    """A fence that holds nothing but `--8<--` lines: the package's own source, shown."""
    body = fence.body
    return "--8<--" in body and all(_SNIPPET_LINE.match(ln) for ln in body.splitlines())


def output_mode(fence: Fence) -> str:
    """How the build shows what an executed block prints: "html", "text" or "markdown"."""
    if flag(fence.attrs.get("html")):
        return "html"
    if fence.attrs.get("result"):
        return "text"
    return "markdown"


def shown(fence: Fence) -> bool:
    """The block's code is on the page (markdown-exec's `source="above"`)."""
    return fence.attrs.get("source") == "above"


def alone(index: int) -> str:
    """The session of an executed block without `session=`: its own, by its place on the page."""
    return f"\0alone-{index}"


def problem(fence: Fence) -> str | None:
    """Why a fence would be treated differently by the build, pytest and the notebooks; or None.

    The build runs only mkdocs.yml's markdown-exec languages; a Python fence spelled another way
    (```` ```py ````) would be highlighted as Python but run, or not, depending on who reads it.
    """
    if fence.executed and fence.lang not in exec_languages():
        runs = ", ".join(sorted(exec_languages())) or "nothing"
        return (
            f'exec="on" on a {fence.lang!r} fence: the build runs only {runs} '
            "(mkdocs.yml, markdown-exec's languages)"
        )
    if fence.lang in _python_names() and fence.lang not in exec_languages():
        spelled = " or ".join(sorted(exec_languages() & _python_names())) or "python"
        return (
            f"a {fence.lang!r} fence: write it as {spelled}, the one spelling the build, "
            "pytest and the notebooks all read as Python"
        )
    if fence.executed and "id" not in fence.attrs:
        return 'an executed fence needs id="..." so that a failing build names the block'
    return None


def check(fences: list[Fence], where: str) -> None:
    """Raises LessonError naming `where` (the file) and each bad block."""
    bad = [
        f"{where}:{f.line}: block {f.name}: {message}" for f in fences if (message := problem(f))
    ]
    if bad:
        raise LessonError("\n".join(bad))


def sessions(fences: list[Fence]) -> list[str | None]:
    """Each fence's markdown-exec session, as pytest and the in-page runner run them.

    An executed block runs in its `session=` (or alone); a `pycon` example in the session of the
    executed block above it; any other Python fence alone; every other fence in none (None).
    """
    keys: list[str | None] = []
    last = None
    for index, fence in enumerate(fences):
        if fence.role in ("check", "answers"):
            key = None  # an exercise's hidden code: run by tooling.exercises, not by itself
        elif fence.executed and is_python(fence):
            last = key = fence.session or alone(index)
        elif is_pycon(fence):
            key = last or alone(index)
        elif is_python(fence) and not snippet_only(fence):
            key = alone(index)
        else:
            key = None
        keys.append(key)
    return keys


# --------------------------------------------------------------------------
# Exercises: starting code, a hidden check, a reference solution; or numbers to type
# --------------------------------------------------------------------------

EXERCISE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Exercise:
    """სავარჯიშო (an exercise), as a lesson writes it (README: "როგორ დავწეროთ სავარჯიშო").

    A code exercise: ```` ```python exec="on" session="ID" source="above" result="text" id="ID"
    exercise="ID" ```` (the starting code, runnable in the page), ```` ```python check="ID" ````
    (hidden; plain `assert`s whose messages say what is wrong) and ```` ```python solution="ID"
    ```` (in the `??? success "ამოხსნა"` box). An answer exercise: ```` ```python answers="ID"
    ```` (hidden), which sets `answers = {"label": number, ...}` and optionally `hints` (label ->
    the step to recheck) and `tolerance`; the page gets one input per label.
    """

    id: str
    start: Fence | None = None
    check: Fence | None = None
    solution: Fence | None = None
    answers: Fence | None = None

    @property
    def kind(self) -> str:
        return "answer" if self.answers else "code"


def exercises(fences: list[Fence], where: str = "") -> list[Exercise]:
    """The page's exercises in order of their first fence; LessonError names what is missing."""
    parts: dict[str, dict[str, Fence]] = {}
    bad: list[str] = []
    for fence in fences:
        role, name = fence.role, fence.exercise
        if role is None:
            continue
        if not name or not EXERCISE_ID.match(name):
            bad.append(f"{where}:{fence.line}: exercise id {name!r}: use lowercase ASCII, 0-9, -")
            continue
        mine = parts.setdefault(name, {})
        if role in mine:
            bad.append(f"{where}:{fence.line}: exercise {name}: a second {role} fence")
        mine[role] = fence
    found = []
    for name, mine in parts.items():
        ex = Exercise(name, **mine)
        if ex.answers and (ex.start or ex.check or ex.solution):
            bad.append(f"{where}: exercise {name}: answers= stands alone (no code parts)")
        elif not ex.answers:
            missing = [r for r in ("start", "check", "solution") if r not in mine]
            if missing:
                bad.append(f"{where}: exercise {name}: no {', '.join(missing)} fence")
            elif not (ex.start.executed and ex.start.attrs.get("id") == name and shown(ex.start)):
                bad.append(
                    f'{where}:{ex.start.line}: exercise {name}: its starting code needs exec="on", '
                    f'source="above" and id="{name}" (the page runs it; the id is its anchor)'
                )
        found.append(ex)
    if bad:
        raise LessonError("\n".join(bad))
    return found


def code_lines(text: str) -> set[int]:
    """1-based numbers of the lines inside fences, their opening and closing lines too."""
    return {
        number
        for token in tokens(text)
        if token.type == "fence"
        for number in range(token.map[0] + 1, token.map[1] + 1)
    }


# --------------------------------------------------------------------------
# Snippets: expanded by pymdown-extensions itself, with mkdocs.yml's settings
# --------------------------------------------------------------------------


def _snippets_config() -> dict:
    for entry in mkdocs_config().get("markdown_extensions", []):
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            config = dict(entry["pymdownx.snippets"] or {})
            break
        if entry == "pymdownx.snippets":
            config = {}
            break
    else:
        raise LessonError("mkdocs.yml: pymdownx.snippets is not configured")
    # mkdocs builds from the folder of mkdocs.yml; pymdownx resolves base_path from the cwd
    base = config.get("base_path", ["."])
    config["base_path"] = [str(ROOT / b) for b in ([base] if isinstance(base, str) else base)]
    return config


@cache
def _snippet_preprocessor():
    import markdown

    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": _snippets_config()},
    )
    return md.preprocessors["snippet"]


def expand_snippets(text: str) -> str:
    """`--8<-- "micrograd/engine.py:add"` lines -> the text the site shows in their place."""
    if "--8<--" not in text:
        return text
    processor = _snippet_preprocessor()
    lines = processor.run(text.splitlines())
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


# --- the exercises of a lesson -------------------------------------------------------------------

EXERCISES_SECTION = "{ #savarjishoebi }"  # `## სავარჯიშოები { #savarjishoebi }`
_EXERCISE_NUMBER = re.compile(r"^\*\*(\d+)\.\*\*", re.M)


def exercise_numbers(markdown: str) -> list[int]:
    """The numbers of a lesson's exercises: the paragraphs `**N.** …` after its exercises
    heading, in page order (hooks/exercises.py gives each the id `savarjisho-N`).

    >>> nl = chr(10)
    >>> exercise_numbers(nl.join(["# ა", "**9.** no", "## სავარჯიშოები { #savarjishoebi }",
    ...                           "**1.** ა", "", "**2.** ბ"]))
    [1, 2]
    >>> exercise_numbers("# no exercises")
    []
    """
    if EXERCISES_SECTION not in markdown:
        return []
    section = markdown.split(EXERCISES_SECTION, 1)[1]
    return [int(n) for n in _EXERCISE_NUMBER.findall(section)]
