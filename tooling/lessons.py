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

TRUE = {"on", "true", "1", "yes"}


@dataclass(frozen=True)
class Fence:
    """ერთი კოდის ბლოკი (one fenced code block)."""

    lang: str  # "python", "pycon", ... lowercased
    attrs: dict[str, str]  # markdown-exec attributes: exec, session, id, source, result, html, ...
    body: str  # the code, dedented, ending with "\n"
    line: int  # 1-based line in the .md file of the first code line

    @property
    def executed(self) -> bool:
        return self.attrs.get("exec", "").lower() in TRUE

    @property
    def name(self) -> str:
        return self.attrs.get("id") or f"line-{self.line}"

    @property
    def session(self) -> str | None:
        return self.attrs.get("session") or None

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
    return _blocks(tokens(text), lines, 0, len(lines), 0)


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
