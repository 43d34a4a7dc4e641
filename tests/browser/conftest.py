"""ბრაუზერის ტესტები: აწყობილი საიტი Debian-ის Chromium-ში, ისე როგორც მკითხველი ხედავს.

The site built once by `built_site` (tests/conftest.py) is served on 127.0.0.1 by a static file
server in a thread; one Chromium (Debian's `/usr/bin/chromium`, never a downloaded build) runs for
the whole session, and every test gets a fresh context (cookies, storage, viewport of its own).

`MG_SITE_DIR=/path/to/site` runs the browser tests against an existing build instead of building.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tooling.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tooling.config import mkdocs_config, nav_files

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# a phone as a browser context sees it: its width, a touch screen, the mobile viewport rules
PHONE_DEVICE = {"viewport": PHONE, "is_mobile": True, "has_touch": True}


def nav_pages() -> list[str]:
    """Every page in mkdocs.yml's nav as a site path: `""` for index.md, `"derivative/"` …"""
    urls = [re.sub(r"\.(md|ipynb)$", "/", p) for p in nav_files()]
    return [re.sub(r"(^|/)index/$", r"\1", u) for u in urls]


def poll(page, check, timeout_ms: int) -> bool:
    """`check()`-ს ყოველ 100 ms-ში ამოწმებს, სანამ true არ დააბრუნებს ან `timeout_ms` არ გავა;
    აბრუნებს ბოლო პასუხს. ლოდინი `page`-ით: მის დროს გვერდის მოვლენები (route, console) მუშავდება.
    (Playwright-ის wait_for_function async ფუნქციას არ ელოდება: Promise-ი თავისთავად true-ა.)"""
    deadline = time.monotonic() + timeout_ms / 1000
    while not check():
        if time.monotonic() >= deadline:
            return bool(check())
        page.wait_for_timeout(100)
    return True


@pytest.fixture(scope="session")
def site_dir(request) -> Path:
    override = os.environ.get("MG_SITE_DIR")
    if override:
        return Path(override).resolve()
    return request.getfixturevalue("built_site")


@pytest.fixture(scope="session")
def site_url(site_dir):
    """`http://127.0.0.1:PORT/`: the built site served on a free port for the session."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
        CHROMIUM
    ):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: the browser tests need Debian's chromium. "
            "Run `make system-deps` (apt-get install chromium), or set CHROMIUM=/path/to/chromium.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """What one browser context saw: console errors, page errors and every request URL."""

    page: object
    origin: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def offsite(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.origin) and not
                u.startswith(("data:", "blob:", "about:"))]  # fmt: skip


def _watch(visit: Visit) -> Visit:
    """გვერდის console-ის შეცდომები და დაუჭერელი გამონაკლისები (uncaught exceptions) იწერება
    `visit.console_errors`-ში."""
    visit.page.on(
        "console",
        lambda m: m.type == "error" and visit.console_errors.append(f"{m.text} {m.location}"),
    )
    visit.page.on("pageerror", lambda e: visit.console_errors.append(f"uncaught: {e}"))
    return visit


def new_visit(browser, site_url, viewport=DESKTOP, color_scheme="light", **kw) -> Visit:
    """A fresh browser context and page that records console errors and every request."""
    context = browser.new_context(
        base_url=site_url, viewport=viewport, color_scheme=color_scheme,
        service_workers="block", **kw,
    )  # fmt: skip
    visit = Visit(page=context.new_page(), origin=site_url.rstrip("/"))
    context.on("request", lambda r: visit.requests.append(r.url))
    return _watch(visit)


@pytest.fixture
def open_site(browser, site_url):
    """`open_site(viewport=..., color_scheme=...)` -> Visit; its context closes after the test."""
    visits = []

    def _open(**kw) -> Visit:
        visits.append(new_visit(browser, site_url, **kw))
        return visits[-1]

    yield _open
    for visit in visits:
        visit.page.context.close()


# the published address (mkdocs.yml's site_url): Material's instant navigation only works there
SITE_URL = mkdocs_config()["site_url"].rstrip("/") + "/"
# types Python's mimetypes may not know: the runner's modules, Pyodide and the wheels
TYPES = {".mjs": "text/javascript", ".wasm": "application/wasm", ".whl": "application/zip"}


def answer_from(site_dir: Path, requests: list[str]):
    """A Playwright route handler: `SITE_URL` is answered from the built site, every other address
    is aborted; each requested URL is appended to `requests`."""

    def answer(route):
        url = route.request.url
        requests.append(url)
        if not url.startswith(SITE_URL):
            return route.abort()
        path = site_dir / url[len(SITE_URL) :].split("#")[0].split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return route.fulfill(status=404, path=site_dir / "404.html")
        kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
        return route.fulfill(status=200, path=path, content_type=kind or "application/octet-stream")

    return answer


@pytest.fixture
def published(browser, site_dir):
    """`published(**context-ის პარამეტრები)` -> Visit: ახალი context გამოქვეყნებულ მისამართზე
    (`SITE_URL`), რომლის ყოველ მოთხოვნას აწყობილი საიტი პასუხობს (`answer_from`): Material-ის
    მყისიერი გადასვლა (instant navigation) ჩართულია, როგორც GitHub Pages-ზე, და ქსელამდე
    არაფერი აღწევს. ტესტის შემდეგ არც ერთ ასეთ გვერდზე არ უნდა ყოფილიყო console-ის შეცდომა და
    საიტის გარეთ გასული მოთხოვნა (handler-ი უარყოფილ მოთხოვნებსაც იწერს)."""
    visits: list[Visit] = []

    def _open(viewport=DESKTOP, **kw) -> Visit:
        context = browser.new_context(viewport=viewport, **kw)
        visit = Visit(page=context.new_page(), origin=SITE_URL)
        context.route("**/*", answer_from(site_dir, visit.requests))
        visits.append(_watch(visit))
        return visit

    yield _open
    for visit in visits:
        visit.page.context.close()
    for visit in visits:
        assert not visit.console_errors, visit.console_errors
        assert not visit.offsite(), f"requests left the site: {visit.offsite()}"
