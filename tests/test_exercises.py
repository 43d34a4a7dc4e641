"""სავარჯიშოები პატიოსანია (exercises are honest): ამოხსნა შემოწმებას გადის, საწყისი კოდი — ვერა.

A broken exercise fails the build and pytest, naming the file and the exercise; both are tried
on a temporary lesson (tests.conftest.small_site with hooks/exercises.py). The notebooks get the
starting code and the check as an `assert` cell.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT, build_site, small_site
from tooling import exercises, lessons
from tooling.check import verdict
from tooling.notebook import build_notebook

# სავარჯიშოს კოდი: საწყისი კოდი და ამოხსნა მხოლოდ `a.grad`-ის მნიშვნელობით განსხვავდება
CODE = """from micrograd import Value
a = Value(-3.0)
b = a * a
b.grad = 1.0
a.grad = {value}
print(a.grad)
"""
START = (
    '```python exec="on" session="ex" source="above" result="text" id="ex-grad" '
    'exercise="ex-grad"\n' + CODE + "```\n"
)  # fmt: skip
CHECK = """```python check="ex-grad"
assert a.grad == -6.0, f"`a.grad` უნდა იყოს -6.0, შენთან არის {a.grad}"
```
"""
# ამოხსნა დაკეცილ შენიშვნაშია (`???`), ამიტომ მისი ბლოკი შეწეულია
SOLUTION = '??? success "ამოხსნა"\n\n' + textwrap.indent(
    '```python solution="ex-grad"\n' + CODE + "```\n", "    "
)


def lesson(start="0.0", solution="2 * a.data * b.grad") -> str:
    return (
        "# გაკვეთილი { #gakvetili }\n\n## სავარჯიშოები { #savarjishoebi }\n\n**1.** `a.grad`.\n\n"
        + START.format(value=start) + "\n" + CHECK + "\n" + SOLUTION.format(value=solution)
    )  # fmt: skip


# გატეხილი სავარჯიშო და რას ამბობენ მასზე აწყობა და pytest
BROKEN = pytest.mark.parametrize(
    ("start", "solution", "says"),
    [
        ("0.0", "0.0", "the reference solution fails its check"),
        ("2 * a.data * b.grad", "2 * a.data * b.grad", "the starting code passes its check"),
    ],
)


def only(text: str) -> lessons.Exercise:
    (found,) = lessons.exercises(lessons.read_text(text), "lesson.md")
    return found


def test_a_typical_wrong_answer_says_what_is_wrong():
    ex = only(lesson())
    assert exercises.verify(ex, "lesson.md") is None
    wrong = (False, "`a.grad` უნდა იყოს -6.0, შენთან არის 0.0")
    assert exercises.outcome(ex, ex.start.body) == wrong
    assert exercises.outcome(ex, ex.solution.body)[0]


def test_a_check_without_message_or_that_raises_is_a_fail_not_a_crash():
    assert verdict("x = 1\nassert x == 2", {}) == (False, "ეს პირობა არ სრულდება: assert x == 2")
    passed, message = verdict("assert undefined_name > 0", {})
    assert not passed and message.startswith("შემოწმებისას შეცდომა მოხდა: NameError")


@BROKEN
def test_a_broken_exercise_fails_pytest_and_names_it(tmp_path, start, solution, says):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "lesson.md").write_text(lesson(start, solution), "utf-8")
    (tmp_path / "conftest.py").write_text((ROOT / "conftest.py").read_text("utf-8"), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "docs/lesson.md"],
        cwd=tmp_path, capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-2000:]
    assert f"docs/lesson.md: exercise ex-grad: {says}" in result.stdout, result.stdout[-2000:]


@BROKEN
def test_a_broken_exercise_fails_the_build_and_names_it(tmp_path, start, solution, says):
    hooks = f"hooks: [{ROOT / 'hooks' / 'site.py'}, {ROOT / 'hooks' / 'exercises.py'}]\n"
    config = small_site(tmp_path / "proj", {"lesson.md": lesson(start, solution)}, extra=hooks)
    result = build_site(tmp_path / "site", config=config)
    assert result.returncode != 0
    assert f"docs/lesson.md: exercise ex-grad: {says}" in result.stderr, result.stderr[-3000:]


def test_a_good_exercise_builds_with_its_frame_and_hides_its_check(tmp_path):
    hooks = f"hooks: [{ROOT / 'hooks' / 'site.py'}, {ROOT / 'hooks' / 'exercises.py'}]\n"
    config = small_site(tmp_path / "proj", {"lesson.md": lesson()}, extra=hooks)
    result = build_site(tmp_path / "site", config=config)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "lesson" / "index.html").read_text("utf-8")
    assert 'data-exercise="ex-grad" id="ex-grad"' in page
    assert "შემოწმება" in page and "data-exercise-result" in page
    assert "უნდა იყოს -6.0" not in page  # the check is not on the page
    assert 'solution="' not in page and ' exercise="ex-grad"' not in page  # plain fences


def test_answers_come_from_the_code_and_must_be_numbers():
    text = (
        '```python answers="ex-n"\nfrom micrograd import Value\nx = Value(2.0)\ny = x * x\n'
        'y.backward()\nanswers = {"x.grad": x.grad}\n'
        'hints = {"x.grad": "გადაამოწმე y = x · x"}\n```\n'
    )
    data = exercises.verify(only(text), "lesson.md")
    assert data == {"answers": {"x.grad": 4.0}, "hints": {"x.grad": "გადაამოწმე y = x · x"},
                    "tolerance": 1e-6}  # fmt: skip
    with pytest.raises(exercises.ExerciseError, match="lesson.md: exercise ex-n: answer 'x'"):
        exercises.verify(only('```python answers="ex-n"\nanswers = {"x": "4"}\n```\n'), "lesson.md")


def test_a_missing_part_or_a_bad_id_is_named():
    with pytest.raises(lessons.LessonError, match="exercise ex-grad: no check fence"):
        only(lesson().replace(CHECK, ""))
    with pytest.raises(lessons.LessonError, match="exercise id 'Ex_1'"):
        only('```python check="Ex_1"\nassert True\n```\n')


def test_the_notebook_gets_the_starting_code_and_the_check_as_an_assert_cell(tmp_path):
    path = tmp_path / "lesson.md"
    path.write_text(lesson(), "utf-8")
    cells = build_notebook(path).cells
    index = next(i for i, c in enumerate(cells) if "a.grad = 0.0" in c.source)
    check = cells[index + 1]
    assert check.cell_type == "code" and "assert a.grad == -6.0" in check.source
    assert check.metadata["tags"] == ["raises-exception"]  # it fails until the student solves it


def test_every_site_exercise_is_listed_with_enough_of_them():
    found = {
        path.name: [e.id for e in lessons.exercises(lessons.read(path), path.name)]
        for path in sorted((ROOT / "docs").glob("*.md"))
    }
    assert sum(map(len, found.values())) >= 10, found
    ids = [i for ids in found.values() for i in ids]
    assert len(ids) == len(set(ids)), "exercise ids are unique site-wide (progress keys)"


def test_page_load_scripts_stay_within_5_kb_gzip():
    """runner.js plus the answer/progress script, each gzipped as a server would send it."""
    names = ("runner.js", "exercises.js")
    sizes = {
        n: len(gzip.compress((ROOT / "docs" / "javascripts" / n).read_bytes(), compresslevel=9))
        for n in names
    }
    assert sum(sizes.values()) <= 5 * 1024, f"{sizes}: the budget is 5 KB together"
