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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return dest
