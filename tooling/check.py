"""სავარჯიშოს შემოწმება (an exercise's check): ერთი ფუნქცია აწყობისთვის, pytest-ისა და გვერდისთვის.

`verdict(check, globs)` runs an exercise's hidden check in the variables the student's code
made and says ✓ or ✗ with the reason: the message of the `assert` that failed (it says *what*
is wrong, e.g. „`a.grad` უნდა იყოს -6.0, შენთან არის 6.0“), the assert's own line when it has
no message, or the error a check raised. Standard library only: the in-page runner loads this
very file into Pyodide (runner/src/worker.js), as it does tooling/figure.py.
"""

from __future__ import annotations

import linecache

NAME = "შემოწმება"  # the check's file name in a traceback


def verdict(check: str, globs: dict) -> tuple[bool, str]:
    """(გაიარა თუ არა, შეტყობინება ქართულად)."""
    linecache.cache[NAME] = (len(check), None, check.splitlines(True), NAME)
    try:
        exec(compile(check, NAME, "exec"), globs)
    except AssertionError as exc:
        if str(exc):
            return False, str(exc)
        return False, f"ეს პირობა არ სრულდება: {_line(exc)}"
    except Exception as exc:  # noqa: BLE001 — a check that raises is a ✗, not a crash
        return False, f"შემოწმებისას შეცდომა მოხდა: {type(exc).__name__}: {exc}"
    return True, "სწორია!"


def _line(exc: BaseException) -> str:
    tb, line = exc.__traceback__, ""
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == NAME:
            line = linecache.getline(NAME, tb.tb_lineno).strip()
        tb = tb.tb_next
    return line or "assert"
