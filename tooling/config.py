"""mkdocs.yml როგორც მონაცემები (the site's config as data), ერთი წამკითხველით."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as data (`!ENV`, `!!python/name:` and other tags read as None)."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(path.read_text("utf-8"), Loader=Loader)


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
