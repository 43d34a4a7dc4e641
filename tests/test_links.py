"""ბმულები არ წყდება და აწყობა განმეორებადია (links never break; builds are reproducible).

`tests/links.txt` is the committed list of every published page and section link; the logic
lives in `scripts/links.py` (`--update` adds new links, never drops one).
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from scripts import links
from tests.conftest import build_site

UPDATE = ".venv/bin/python scripts/links.py --update"


def test_every_listed_link_still_works(built_site):
    """A shared link that disappears fails, unless a redirect or an alias keeps it working."""
    listed = links.read_list()
    assert listed, f"tests/links.txt is empty or missing: run `{UPDATE}`"
    dead = [f"{link}: {why}" for link in listed if (why := links.why_dead(built_site, link))]
    assert not dead, "links that no longer work:\n" + "\n".join(dead)


def test_every_link_is_listed(built_site):
    """New pages and sections go into tests/links.txt, so that they are protected from then on."""
    listed = set(links.read_list())
    new = [link for link in links.site_links(built_site) if link not in listed]
    assert not new, f"not yet in tests/links.txt (run `{UPDATE}`):\n" + "\n".join(new)


# --- the checker itself, on a tiny hand-made site: it must be able to fail --------------------


def _page(site: Path, url: str, body: str) -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")


def _stub(site: Path, url: str, target: str) -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(links_stub(target), "utf-8")


def links_stub(target: str) -> str:
    from mkdocs_redirects.plugin import HTML_TEMPLATE

    return HTML_TEMPLATE.format(url=target)


def test_checker_follows_redirects_and_aliases(tmp_path):
    site = tmp_path
    _page(site, "", '<h1 id="home">x</h1>')
    _page(site, "derivative", '<h2 id="tsarmoebuli">x</h2><a id="dzveli-saxeli"></a>')
    _stub(site, "old-derivative", "../derivative/")
    _stub(site, "to-section", "../derivative/#tsarmoebuli")

    assert links.site_links(site) == ["./", "./#home", "derivative/", "derivative/#tsarmoebuli"]
    assert links.why_dead(site, "./#home") is None
    assert links.why_dead(site, "derivative/#tsarmoebuli") is None
    assert links.why_dead(site, "derivative/#dzveli-saxeli") is None  # alias
    assert links.why_dead(site, "old-derivative/") is None  # redirect
    assert links.why_dead(site, "old-derivative/#tsarmoebuli") is None  # redirect keeps the anchor
    assert links.why_dead(site, "to-section/") is None
    assert "gone" in links.why_dead(site, "value/")
    assert "no element with id 'gaqra'" in links.why_dead(site, "derivative/#gaqra")
    assert "lost" in links.why_dead(site, "to-section/#tsarmoebuli")


def test_update_adds_and_never_drops():
    listed = ["./", "derivative/", "derivative/#gone-section", "removed-page/"]
    current = ["./", "derivative/", "derivative/#new-section", "value/"]
    merged = links.merge(listed, current)
    assert set(merged) == set(listed) | set(current)
    assert merged.index("derivative/#new-section") < merged.index("value/")


# --- reproducible builds -----------------------------------------------------------------------


def _differences(a: Path, b: Path) -> list[str]:
    skip = {"sitemap.xml", "sitemap.xml.gz"}  # they carry the build date
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file() and p.name not in skip}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file() and p.name not in skip}
    out = [f"only in one build: {p}" for p in sorted(files_a ^ files_b)]
    for rel in sorted(files_a & files_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            old = (a / rel).read_bytes().splitlines()
            new = (b / rel).read_bytes().splitlines()
            pairs = enumerate(zip(old, new, strict=False))
            line = next((i for i, (x, y) in pairs if x != y), min(len(old), len(new)))
            sample = old[line][:160] if line < len(old) else b"<end of file>"
            out.append(f"{rel}: differs from line {line + 1}: {sample!r}")
    return out


@pytest.mark.build
def test_two_clean_builds_are_identical(request, tmp_path):
    """The same sources give byte-identical files (sitemap dates aside): nothing random leaks.

    მეორე აწყობა სესიისაა (`built_site`) და ტესტი მას საკუთარი აწყობის შემდეგ ითხოვს:
    pytest-xdist-ით (`make test`) ორი აწყობა ერთდროულად მიდის, ორ worker-ში."""
    result = build_site(tmp_path / "again")
    assert result.returncode == 0, result.stdout + result.stderr
    built_site = request.getfixturevalue("built_site")
    differences = _differences(built_site, tmp_path / "again")
    assert not differences, "\n".join(differences[:20])
