"""გაკვეთილები თავად ამოწმებენ თავს (lessons test themselves).

`docs/`-ის ყოველი Python-ბლოკი (fence) pytest-ში ეშვება ისევე, როგორც საიტის აწყობისას
markdown-exec-ში: ერთი გვერდის ერთი `session="..."`-ის ბლოკები საერთო ცვლადებს იყენებენ და
თანმიმდევრობით ეშვება. ბლოკებს კითხულობს `tooling.lessons` (იგივე, რაც notebook-ებს ქმნის):
შენიშვნებში (admonition, `!!!`/`???`) ჩასმული ბლოკებიც ჩანს.

Rules, so that no block is silently untested:
- every ```python fence runs: with `exec="on"` in its markdown-exec session (or alone without one);
  without `exec` it runs alone. Only a fence that holds nothing but `--8<--` snippet lines (the
  package's own source, tested by tests/) is not run.
- every ```pycon fence is a doctest: its `>>>` lines run and the output written under them must
  match. A plain (not executed) pycon fence is shown as written and runs in the session of the
  executed block above it, on a copy of its variables (the build does not run it, so nothing it
  defines may reach later blocks), so a lesson can pin a number it states: `>>> a.grad` / `6.0`.
- every executed fence needs an `id="..."`, so that a failure at build names the block.
- a ```` ```pycon title="PyTorch" ```` fence (`Fence.torch`) is what torch prints: it is not
  collected here but by tests/test_torch.py, which `make test-torch` runs with torch installed.
- `exec="on"` on any other language fails, and so does a Python fence spelled otherwise than
  mkdocs.yml's markdown-exec `languages` (```` ```py ````): the build would not run it.

Which fence is Python, its session and what is snippet-only are tooling.lessons' rules, the same
the build, the notebooks and the in-page runner use.

pytest-markdown-docs does the running and the error report (its item and runner); this file only
collects the fences (read by tooling.lessons) and supplies markdown-exec's session semantics,
which that plugin lacks.
"""

from __future__ import annotations

import doctest
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_markdown_docs.definitions import FenceTestDefinition
from pytest_markdown_docs.plugin import MarkdownInlinePythonItem

from tooling import lessons
from tooling.lessons import Fence

os.environ.setdefault("MPLBACKEND", "Agg")

DOCS = Path(__file__).parent / "docs"


@dataclass
class Session:
    """ერთი გვერდის ერთი markdown-exec სესია: საერთო ცვლადები და რიგი."""

    globs: dict = field(default_factory=lambda: {"__name__": "__main__"})
    done: int = 0
    failed: str | None = None


class LessonBlock(MarkdownInlinePythonItem):
    """ერთი ბლოკი; სესიის წინა ბლოკებს (თუ ჯერ არ გაშვებულა) ჯერ ის უშვებს."""

    def __init__(self, *, fence: Fence, lesson_session: Session, order: int, chain: list, **kw):
        super().__init__(**kw)
        self.fence, self.lesson_session = fence, lesson_session
        self.order, self.chain = order, chain

    def runtest(self):
        s = self.lesson_session
        if s.failed is not None:
            pytest.fail(f"an earlier block of this session failed: {s.failed}", pytrace=False)
        while s.done <= self.order:
            item = self.chain[s.done]
            try:
                item._run_one()
            except BaseException:
                s.failed = item.fence.name
                raise
            s.done += 1

    def _run_one(self):
        if self.fence.lang == "pycon":
            return self._run_doctest()
        self.runner.runtest(self.test_definition, self.lesson_session.globs)

    def _run_doctest(self):
        parser = doctest.DocTestParser()
        globs, name = self.lesson_session.globs, self.fence.name
        test = parser.get_doctest(self.fence.body, globs, name, str(self.path), self.fence.line - 1)
        if not test.examples:
            pytest.fail(f"pycon block {self.fence.name} has no >>> examples", pytrace=False)
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        report: list[str] = []
        runner = doctest.DocTestRunner(optionflags=flags)
        result = runner.run(test, out=report.append, clear_globs=False)
        if result.failed:
            pytest.fail("".join(report), pytrace=False)


class BadBlock(pytest.Item):
    def __init__(self, *, message: str, **kw):
        super().__init__(**kw)
        self.message = message

    def runtest(self):
        pytest.fail(self.message, pytrace=False)

    def reportinfo(self):
        return self.path, None, self.name


class ExerciseItem(pytest.Item):
    """A lesson's exercise: its solution passes its check, its starting code fails it
    (tooling.exercises.verify, as at build); an answer exercise's code gives numbers."""

    def __init__(self, *, exercise: lessons.Exercise, where: str, **kw):
        super().__init__(**kw)
        self.exercise, self.where = exercise, where

    def runtest(self):
        from tooling.exercises import ExerciseError, verify

        try:
            verify(self.exercise, self.where)
        except ExerciseError as err:
            pytest.fail(str(err), pytrace=False)

    def reportinfo(self):
        return self.path, None, self.name


class LessonFile(pytest.File):
    def collect(self):
        fences = lessons.read(self.path)
        rel = self.path.relative_to(DOCS.parent)
        try:
            for exercise in lessons.exercises(fences, str(rel)):
                yield ExerciseItem.from_parent(
                    self, name=f"exercise:{exercise.id}", exercise=exercise, where=str(rel)
                )
        except lessons.LessonError as err:
            yield BadBlock.from_parent(self, name="exercises", message=str(err))
        sessions: dict[str, tuple[Session, list]] = {}
        for fence, key in zip(fences, lessons.sessions(fences), strict=True):
            label = f"{fence.name}[line:{fence.line}]"
            message = lessons.problem(fence)
            if message:
                yield BadBlock.from_parent(
                    self, name=label, message=f"{rel}:{fence.line}: {message}"
                )
                continue
            if key is None:
                continue  # not Python (bash, ...) or the package's own source, tested by tests/
            if fence.torch:
                continue  # PyTorch's output: tests/test_torch.py (`make test-torch`) runs it
            session, chain = sessions.setdefault(key, (Session(), []))
            source = "\n" * (fence.line - 1) + lessons.expand_snippets(fence.body)
            definition = FenceTestDefinition(
                source, (), fence.line - 1, source_path=self.path, runner_name=None
            )
            item = LessonBlock.from_parent(
                self,
                name=label,
                test_definition=definition,
                fence=fence,
                lesson_session=session,
                order=len(chain),
                chain=chain,
            )
            chain.append(item)
            yield item


def pytest_collect_file(file_path: Path, parent):
    if file_path.suffix == ".md" and DOCS in file_path.parents:
        return LessonFile.from_parent(parent, path=file_path)
    return None
