"""MkDocs-ის გაშვება ერთ ადგილას (one place that runs MkDocs): გარემო და აწყობის ბრძანება.

`make build`, `make serve`, the tests (tests/conftest.py), scripts/links.py and
scripts/measure.py all run MkDocs through here, so its environment and the build command are
written once.

    python -m tooling.build build --strict          # = mkdocs build --strict, with ENV
    python -m tooling.build serve --dirty ...       # any mkdocs command
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tooling.config import ROOT

# Material prints a banner about MkDocs 2.0 on every build; we pin MkDocs 1.6 (README)
ENV = {"NO_MKDOCS_2_WARNING": "1"}


def env(**extra: str) -> dict[str, str]:
    """The environment MkDocs runs in: this process's, with ENV and `extra` on top."""
    return {**os.environ, **ENV, **extra}


def command(dest: Path, *, config: Path | None = None, strict: bool = True) -> list[str]:
    """`mkdocs build` into `dest` (strict: a warning fails it, as in CI)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(dest)]
    cmd += ["--strict"] if strict else ["--no-strict"]
    return cmd + (["--config-file", str(config)] if config is not None else [])


def build(
    dest: Path,
    *,
    config: Path | None = None,
    strict: bool = True,
    extra_env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = 900,
) -> subprocess.CompletedProcess:
    """Runs the build; returns the CompletedProcess (never raises on a failed build)."""
    return subprocess.run(
        command(dest, config=config, strict=strict),
        cwd=cwd or ROOT,
        env=env(**(extra_env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return subprocess.call([sys.executable, "-m", "mkdocs", *args], env=env())


if __name__ == "__main__":
    sys.exit(main())
