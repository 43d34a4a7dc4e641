"""საერთო fixture-ები: საიტი ერთხელ იწყობა და ყველა საიტის ტესტი მას იყენებს."""

from __future__ import annotations

from pathlib import Path

import pytest

from tooling.build import build
from tooling.config import mkdocs_config, nav_files  # noqa: F401 (the tests' one reader)

ROOT = Path(__file__).resolve().parent.parent


def build_site(dest: Path, *, env: dict | None = None, config: Path | None = None):
    """`mkdocs build --strict` into `dest` (tooling.build); the CompletedProcess, never raises."""
    return build(dest, config=config, extra_env=env, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return dest
