"""სავარჯიშოების შემოწმება აწყობისას და pytest-ში (exercises verified at build and under pytest).

A code exercise is honest when its reference solution passes its check and its starting code
fails it: a check that the untouched starting code passes is vacuous. An answer exercise's
numbers are computed here, from its hidden code, never typed. Both the build (hooks/exercises.py)
and pytest (conftest.py) call `verify`, which raises ExerciseError naming the file and the exercise.
"""

from __future__ import annotations

import io
import math
from contextlib import redirect_stderr, redirect_stdout
from numbers import Real

from tooling import lessons
from tooling.check import verdict
from tooling.lessons import Exercise


class ExerciseError(lessons.LessonError):
    """A broken exercise; the message names the file and the exercise."""


def _run(code: str, name: str) -> dict:
    globs = {"__name__": "__main__"}
    sink = io.StringIO()
    with redirect_stdout(sink), redirect_stderr(sink):
        exec(compile(lessons.expand_snippets(code), name, "exec"), globs)
    return globs


def outcome(exercise: Exercise, code: str) -> tuple[bool, str]:
    """`code` (the starting code or a solution) then the check: (passed, message)."""
    try:
        globs = _run(code, exercise.id)
    except Exception as exc:  # noqa: BLE001
        return False, f"კოდი შეცდომით დასრულდა: {type(exc).__name__}: {exc}"
    with redirect_stdout(io.StringIO()):
        return verdict(exercise.check.body, globs)


def answers(exercise: Exercise, where: str = "") -> dict:
    """{"answers": {label: float}, "hints": {label: text}, "tolerance": float} from its code."""
    at = f"{where}: exercise {exercise.id}"
    try:
        globs = _run(exercise.answers.body, exercise.id)
    except Exception as exc:  # noqa: BLE001
        raise ExerciseError(f"{at}: its answers code failed: {type(exc).__name__}: {exc}") from exc
    found = globs.get("answers")
    if not isinstance(found, dict) or not found:
        raise ExerciseError(f"{at}: its answers code must set answers = {{label: number, ...}}")
    values = {}
    for label, value in found.items():
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise ExerciseError(f"{at}: answer {label!r} is {value!r}, not a finite number")
        values[str(label)] = float(value)
    hints = {str(k): str(v) for k, v in (globs.get("hints") or {}).items()}
    unknown = set(hints) - set(values)
    if unknown:
        raise ExerciseError(f"{at}: hints for unknown answers {sorted(unknown)}")
    tolerance = float(globs.get("tolerance", 1e-6))
    return {"answers": values, "hints": hints, "tolerance": tolerance}


def verify(exercise: Exercise, where: str) -> dict | None:
    """Raises ExerciseError unless the solution passes and the starting code fails the check.

    Returns an answer exercise's numbers (`answers`), None for a code exercise.
    """
    if exercise.answers:
        return answers(exercise, where)
    at = f"{where}: exercise {exercise.id}"
    passed, message = outcome(exercise, exercise.solution.body)
    if not passed:
        raise ExerciseError(f"{at}: the reference solution fails its check: {message}")
    passed, _ = outcome(exercise, exercise.start.body)
    if passed:
        raise ExerciseError(
            f"{at}: the starting code passes its check: the check proves nothing (make it fail "
            "on the starting code)"
        )
    return None
