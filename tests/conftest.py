"""საერთო fixture-ები: საიტი ერთხელ იწყობა და ყველა საიტის ტესტი მას იყენებს."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]


@functools.cache
def mkdocs_config() -> dict:
    """mkdocs.yml as data (`!ENV`, `!!python/name:` and other tags read as None)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)


def nav_files() -> list[str]:
    """Every file in mkdocs.yml's nav, in order, once: `index.md`, …, `notebooks/x.ipynb`."""

    def walk(item):
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from walk(value)
        elif isinstance(item, list):
            for value in item:
                yield from walk(value)

    pages = [p for p in walk(mkdocs_config().get("nav", [])) if p.endswith((".md", ".ipynb"))]
    return list(dict.fromkeys(pages))


def build_site(dest: Path, *, env: dict | None = None, config: Path | None = None):
    """`mkdocs build --strict` into `dest`; returns the CompletedProcess (never raises)."""
    cmd = [*MKDOCS, "build", "--strict", "--site-dir", str(dest)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return dest
