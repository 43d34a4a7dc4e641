"""საერთო fixture-ები: საიტი ერთხელ იწყობა და ყველა საიტის ტესტი მას იყენებს."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from filelock import FileLock

from tooling.build import build
from tooling.config import mkdocs_config, nav_files  # noqa: F401 (the tests' one reader)

ROOT = Path(__file__).resolve().parent.parent


def build_site(dest: Path, *, env: dict | None = None, config: Path | None = None):
    """`mkdocs build --strict` into `dest` (tooling.build); the CompletedProcess, never raises."""
    return build(dest, config=config, extra_env=env, timeout=600)


def small_site(
    root: Path, pages: dict[str, str], *, includes: Path | None = None, extra: str = ""
) -> Path:
    """A site of a few pages with mkdocs.yml's settings (MkDocs' INHERIT) and hooks/site.py, in
    `root`; returns its config for build_site. Seconds instead of the whole site's build."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, "utf-8")
    (root / "includes").symlink_to(includes or ROOT / "includes")
    for folder in ("overrides", "micrograd"):
        (root / folder).symlink_to(ROOT / folder)
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nnav: [{', '.join(pages)}]\n"
        f"hooks: [{ROOT / 'hooks' / 'site.py'}]\nextra_javascript: []\n{extra}",
        "utf-8",
    )
    return config


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` once per `pytest` run, even when pytest-xdist runs the tests in several
    processes (workers, `make test`): the first worker to get here makes `folder`, under a file
    lock; the others wait for it and use the same folder. `make` returns None, or an error
    message, which then fails the test in every worker that asks (without making it again)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's temp folder, shared by its workers
    folder, outcome = root / name, root / f"{name}.outcome"
    with FileLock(root / f"{name}.lock"):
        if not outcome.exists():
            outcome.write_text(make(folder) or "", "utf-8")
    error = outcome.read_text("utf-8")
    if error:
        pytest.fail(error, pytrace=False)
    return folder


def _build_into(dest: Path) -> str | None:
    result = build_site(dest)
    if result.returncode != 0:
        return f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return None


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test run (for all its workers) with `mkdocs build --strict`."""
    return once_per_run(tmp_path_factory, "site", _build_into)


# --- spreading the tests over two processes (pytest-xdist, `make test`) -------------------------
# pyproject.toml's `--dist loadgroup`: tests of one xdist_group run in one worker, the others go to
# whichever worker is free. A module-scoped fixture is made once per worker that uses it, so the
# tests that share one (test_notebooks' executed notebooks, test_teacher's PDFs …) form a group:
# it is still made once. The tests that run a whole build of their own go first, so that their
# build overlaps the session's build in the other worker instead of following it.


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        if info is None or item.get_closest_marker("xdist_group"):
            continue
        scopes = {defs[-1].scope for defs in info.name2fixturedefs.values() if defs}
        if scopes & {"module", "class"}:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    items.sort(key=lambda item: item.get_closest_marker("build") is None)  # stable sort
