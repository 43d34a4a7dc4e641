"""ბმულები, რომლებიც არასოდეს წყდება (links that never break).

`tests/links.txt` lists every published page URL and section anchor of the site, one a line,
relative to the site's root (`./` is the home page, `derivative/`, `derivative/#tsarmoebuli`).
Teachers share these links, so `tests/test_links.py` fails when one of them stops working,
unless a redirect (mkdocs-redirects' `redirect_maps` in mkdocs.yml) or an alias (an element
with the old id left on the page) keeps it working.

    .venv/bin/python scripts/links.py --check     # build the site, report dead and new links
    .venv/bin/python scripts/links.py --update    # build, then ADD new links to tests/links.txt
    .venv/bin/python scripts/links.py --update --site site/   # use an existing build

`--update` only adds: a link that disappeared stays in the list and keeps failing the test until
it is redirected or aliased. Dropping a link on purpose is a hand edit of tests/links.txt.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import tooling.build
from tooling.pages import parse

ROOT = Path(__file__).resolve().parent.parent
LINKS_TXT = ROOT / "tests" / "links.txt"
HEADER = """\
# ყველა გამოქვეყნებული ბმული: გვერდები და სექციები (every published page and section link).
# tests/test_links.py fails when one stops working; keep it alive with a redirect
# (mkdocs.yml: redirects -> redirect_maps) or an alias (an element with the old id).
# New links are added by: .venv/bin/python scripts/links.py --update
"""
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', re.I)


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def _redirect(html: str) -> str | None:
    m = _REFRESH.search(html)
    return m.group(1) if m and "Redirecting" in html[:400] else None


# the whole course on one page (mkdocs-print-site-plugin): its anchors are the lessons' own,
# prefixed with the page's name, so only the page itself is a link to keep
COMBINED = {"print_page/"}


def site_links(site: Path) -> list[str]:
    """Every page URL and anchor of a built site: headings and other permalinked ids such as
    exercises (`#savarjisho-2`); redirect stubs and 404 excluded."""
    links = []
    pages = {page.parent.relative_to(site).as_posix(): page for page in site.rglob("index.html")}
    for url, page in sorted(pages.items(), key=lambda item: "" if item[0] == "." else item[0]):
        html = page.read_text("utf-8")
        if _redirect(html):
            continue
        url = "./" if url == "." else url + "/"  # the home page is `./`, its sections `./#id`
        links.append(url)
        if url in COMBINED:
            continue
        links += [f"{url}#{hid}" for hid in dict.fromkeys(parse(html).anchors)]
    return links


def why_dead(site: Path, link: str) -> str | None:
    """None when `link` works on the built site (directly, by alias or by redirect), else why."""
    url, _, anchor = link.partition("#")
    url = "" if url in ("./", ".", "/") else url.lstrip("/")
    for _hop in range(5):  # follow at most a few redirects
        page = _page_file(site, url)
        if not page.is_file():
            return f"page /{url} is gone (add a redirect in mkdocs.yml: redirect_maps)"
        html = page.read_text("utf-8")
        target = _redirect(html)
        if target is None:
            break
        resolved = urlsplit(urljoin(f"http://site/{url}", target))
        if resolved.fragment and anchor:
            return f"/{url} redirects to a section ({target}): the anchor #{anchor} is lost"
        url, anchor = resolved.path.lstrip("/"), anchor or resolved.fragment
    else:
        return f"/{link}: redirect loop"
    if anchor and anchor not in _anchors(page, page.stat().st_mtime_ns):
        return (f"/{url} has no element with id {anchor!r} (keep the heading id, or leave "
                f'an alias on the page: <a id="{anchor}"></a>)')  # fmt: skip
    return None


@functools.lru_cache(maxsize=32)
def _anchors(page: Path, mtime_ns: int) -> frozenset[str]:
    """გვერდის id-ები და name-ები, ერთხელ წაკითხული მისი ყველა ბმულისთვის (გვერდს ათობით აქვს)."""
    parsed = parse(page.read_text("utf-8"))
    return frozenset({*parsed.ids, *parsed.names} - {""})


def read_list(path: Path = LINKS_TXT) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text("utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def write_list(links: list[str], path: Path = LINKS_TXT) -> None:
    path.write_text(HEADER + "".join(f"{link}\n" for link in links), "utf-8")


def merge(listed: list[str], current: list[str]) -> list[str]:
    """The committed list plus new links, in site order; nothing is ever dropped."""
    seen = set(listed)
    out = list(listed)
    for link in current:
        if link not in seen:
            out.append(link)
            seen.add(link)
    order = {link: i for i, link in enumerate(current)}
    end = len(order)

    def key(link):  # pages in site order, each page's anchors under it in page order
        page, _, anchor = link.partition("#")
        return (order.get(page, end), bool(anchor), order.get(link, end))

    return sorted(out, key=key)


def build(dest: Path) -> None:
    result = tooling.build.build(dest)
    if result.returncode:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--update", action="store_true", help="add new links to tests/links.txt")
    ap.add_argument("--check", action="store_true", help="report dead and unlisted links (default)")
    ap.add_argument("--site", type=Path, help="an existing build (default: build into a temp dir)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        current = site_links(site)
        listed = read_list()
        dead = [(link, why) for link in listed if (why := why_dead(site, link))]
        new = [link for link in current if link not in set(listed)]

    for link, why in dead:
        print(f"DEAD  {link}: {why}")
    if args.update:
        if new:
            write_list(merge(listed, current))
        print(f"{LINKS_TXT.relative_to(ROOT)}: {len(new)} new link(s) added, "
              f"{len(listed) + len(new)} listed")  # fmt: skip
    else:
        for link in new:
            print(f"NEW   {link}")
        print(f"{len(dead)} dead, {len(new)} not yet listed (add them with --update)")
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
