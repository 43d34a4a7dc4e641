"""გაკვეთილის წამკითხველი (the lesson reader): გვერდის კოდის ბლოკები (fences), ერთ ადგილას.

`read("docs/value.md")` returns every fence of a lesson in document order, including the ones
nested in admonitions (`!!!`, `???`), with the markdown-exec attributes of its first line
(`exec`, `session`, `id`, `result`, `html`, ...). It is built on markdown-it-py (CommonMark) with
mdit-py-plugins' `admon` plugin, so a fence is what a Markdown parser calls a fence, not what a
regular expression guesses.

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
    """The page's block tokens (markdown-it), for a reader that needs more than fences."""
    return parser().parse(text)


def fence(token: Token) -> Fence:
    """A markdown-it `fence` token -> Fence."""
    lang, attrs = parse_info(token.info)
    body = token.content if token.content.endswith("\n") else token.content + "\n"
    return Fence(lang, attrs, body, token.map[0] + 2)


def read_text(text: str) -> list[Fence]:
    """All fences of a Markdown text, in document order, nested ones too.

    A fence that Markdown reads as indented code instead (inside a `===` content tab, which
    this reader does not know, or indented by mistake) is an error, not a silently lost block.
    """
    found = []
    for token in tokens(text):
        if token.type == "fence":
            found.append(fence(token))
        elif token.type == "code_block" and token.content.lstrip().startswith(("```", "~~~")):
            raise ValueError(
                f"line {token.map[0] + 1}: a fence indented as code (in a `===` tab?): "
                "the lesson reader cannot see it; use an admonition or no indent"
            )
    return found


def read(path: Path | str) -> list[Fence]:
    """All fences of a lesson file (`docs/*.md`)."""
    return read_text(Path(path).read_text("utf-8"))
