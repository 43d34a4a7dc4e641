"""საიტი ინტერნეტის გარეშე (hooks/offline.py, docs/javascripts/offline.js): service worker-ი.

The site is served from `http://127.0.0.1:<port>/` (not `site_url`, as from a teacher's laptop)
by a server these tests can stop: "the network is off" means the server is gone and the context
is offline, so nothing can come from anywhere but the service worker's caches. Service workers
are allowed here (the other browser tests block them).
"""

from __future__ import annotations

import json
import re
import shutil
from types import SimpleNamespace

import pytest

from hooks import offline
from tests.browser.conftest import poll
from tests.browser.test_runner import LOADING, block, printed, run
from tooling.browser import serve

pytestmark = pytest.mark.browser

SAVE = re.compile("ოფლაინ")


@pytest.fixture
def visit(browser):
    """`visit(url)` -> (page, console errors): a context that lets service workers run."""
    contexts = []

    def _visit(url):
        context = browser.new_context(base_url=url, service_workers="allow")
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page, errors

    yield _visit
    for context in contexts:
        context.close()


def until(page, script: str, timeout: int) -> None:
    """ელოდება, სანამ `script` (შეიძლება async იყოს) true-ს არ დააბრუნებს, `timeout` ms-მდე."""
    done = poll(page, lambda: page.evaluate(script), timeout)
    assert done, f"not true after {timeout} ms: {script}"


def status(page) -> str:
    return page.locator("[data-offline-status]").inner_text()


def save(page, until="მზადაა", timeout=LOADING):
    page.get_by_role("button", name=SAVE).click()
    page.locator("[data-offline-status]").filter(has_text=until).wait_for(timeout=timeout)
    return status(page)


def search(page, query):
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item a", timeout=15_000)
    return page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link", "as => as.map(a => a.href)"
    )


def test_saved_site_works_with_the_network_off(visit, site_dir):
    with serve(site_dir) as url:
        page, errors = visit(url)
        page.goto(url + "backprop/")
        build_text = printed(page, "backprop-build")
        seen = []
        page.on("console", lambda m: seen.append(m.text))
        done = save(page)
        assert "MB" in done, done
        assert page.evaluate("navigator.serviceWorker.controller !== null")
        names = page.evaluate("caches.keys()")
        assert any(n.startswith("mg-runner-") for n in names), names
        assert any(re.match(r"mg-[0-9a-f]{12}-precache", n) for n in names), names
    # the server is gone, and the browser is offline too
    page.context.set_offline(True)

    for path, heading in [("neuron/", "ნეირონი"), ("backprop/", "")]:
        page.goto(url + path)
        page.locator("article h1").first.wait_for()
        assert heading in page.locator("article h1").first.inner_text()
    # the modules the page-load scripts import on first use come from the cache as well
    page.goto(url + "backprop/?print=key")  # the answer key: its bar (teacher/sheet.js)
    page.locator(".mg-sheet-bar").wait_for(state="attached")
    page.goto(url + "glossary/")  # wide tables (tables/scroll.js)
    page.locator(".md-typeset__scrollwrap").first.wait_for()
    page.goto(url + "backprop/")
    page.locator("[data-step-go=next]").click()  # the stepper (stepper/steps.js)
    page.locator("[data-backprop-stepper][data-step='1']").wait_for()
    links = search(page, "გრადიენტი")
    assert links, "search found nothing offline"
    page.keyboard.press("Escape")
    assert "მზადაა" in run(page, "backprop-build")
    assert printed(page, "backprop-build") == build_text
    assert not errors, errors


def new_version(site, page, attribute):
    """`site`-ის ახალი ვერსია სრული აწყობის გარეშე: `page`-ში `attribute` აღარ არის (მისი ბლოკი
    აღარ ეშვება), შემდეგ hooks/offline.py-ის `on_post_build` ისე, როგორც აწყობის ბოლოს:
    offline.json, sw-extra-<version>.js და sw.js ახალი ვერსიით (ფაილების ჰეში)."""
    html = site / page
    text = html.read_text("utf-8")
    assert attribute in text, f"{page} has no {attribute}"
    html.write_text(text.replace(attribute, "data-was-" + attribute.removeprefix("data-")), "utf-8")
    before = json.loads((site / "offline.json").read_text("utf-8"))["version"]
    offline.on_post_build(SimpleNamespace(site_dir=str(site), extra={}))
    after = json.loads((site / "offline.json").read_text("utf-8"))["version"]
    assert after != before, "the changed page did not change the site's version"


def test_update_replaces_the_cache_and_offers_a_reload(visit, site_dir, tmp_path):
    served = tmp_path / "served"
    shutil.copytree(site_dir, served)
    with serve(served) as url:
        page, errors = visit(url)
        page.goto(url + "backprop/")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        first = page.evaluate("caches.keys()")
        assert block(page, "backprop-build").count() == 1

        # საიტის ახალი ვერსია იმავე მისამართზე: ერთი გვერდი შეიცვალა (მისმა ბლოკმა ღილაკები
        # დაკარგა) და აწყობის ბოლო ნაბიჯი, hooks/offline.py, ხელახლა წერს sw.js-ს
        new_version(served, "backprop/index.html", 'data-run-block="backprop-build"')

        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
        notice = page.locator(".mg-update")
        notice.wait_for(timeout=LOADING)
        assert "ახალი ვერსია" in notice.inner_text()
        with page.expect_navigation():
            notice.get_by_role("button", name="განახლება").click()
        page.locator("article h1").first.wait_for()
        assert block(page, "backprop-build").count() == 0, "still the old page"
        # ახალი ვერსიის ქეში არსებობს (საიტი ისევ ოფლაინში მუშაობს), ძველისა კი წაიშალა
        version = json.loads((served / "offline.json").read_text("utf-8"))["version"]
        old = [n for n in first if n.startswith("mg-") and "precache" in n]
        fresh = f"mg-{version}-precache"
        script = f"""async () => {{ const k = await caches.keys();
            return k.some(n => n.startsWith({fresh!r})) && !k.some(n => {old!r}.includes(n)); }}"""
        try:
            until(page, script, timeout=10_000)
        finally:
            now = page.evaluate("caches.keys()")
        assert old and not set(old) & set(now), (first, now)
        assert any(n.startswith(fresh) for n in now), (fresh, now)
        assert not errors, errors


def test_interrupted_download_leaves_the_site_working_online(visit, site_dir):
    with serve(site_dir) as url:
        page, errors = visit(url)
        killed = {"on": False, "armed": True}

        def network(route):
            # the network dies when the download reaches Python's big file
            if killed["armed"] and "pyodide.asm.wasm" in route.request.url:
                killed["on"] = True
            return route.abort() if killed["on"] else route.continue_()

        page.context.route("**/*", network)
        page.goto(url + "neuron/")
        text = save(page, until="შეწყდა")
        assert "ინტერნეტით ისევ მუშაობს" in text, text
        assert killed["on"]

        # the network is back: pages, search and ▶ work as before
        killed.update(on=False, armed=False)
        page.goto(url + "backprop/")
        page.locator("article h1").first.wait_for()
        assert search(page, "გრადიენტი")
        page.keyboard.press("Escape")
        assert "მზადაა" in run(page, "backprop-graph")
        errors = [e for e in errors if "ERR_FAILED" not in e and "Failed to fetch" not in e]
        assert not errors, errors


# service worker-ის რეგისტრაცია ჯერ გამოჩნდა და მერე გაქრა (პირველი დაყენება ჩავარდა)
REGISTERED_AND_GONE = """async () => {
  const reg = await navigator.serviceWorker.getRegistration();
  if (reg) window.__mgRegistered = true;
  return Boolean(window.__mgRegistered && !reg);
}"""


def test_a_service_worker_that_fails_to_install_breaks_nothing(visit, site_dir):
    with serve(site_dir) as url:
        page, errors = visit(url)

        missing = {"on": True}

        def network(route):
            # one file the service worker keeps (and this page never asks for) is missing:
            # its installation fails
            bad = missing["on"] and "pages/neuron.json" in route.request.url
            return route.abort() if bad else route.continue_()

        page.context.route("**/*", network)
        page.goto(url + "backprop/")
        # it is registered a second after load, and fails: its registration appears, then goes
        until(page, REGISTERED_AND_GONE, timeout=30_000)
        assert page.evaluate("navigator.serviceWorker.controller") is None
        text = save(page, until="შეწყდა")
        assert "ინტერნეტით ისევ მუშაობს" in text, text
        missing["on"] = False
        page.goto(url + "neuron/")
        page.locator("article h1").first.wait_for()
        assert "მზადაა" in run(page, "neuron-build")
        assert not errors, errors


def test_storage_full_says_so(visit, site_dir):
    with serve(site_dir) as url:
        page, errors = visit(url)
        # the browser refuses to store more (as when the device's storage quota is used up)
        page.add_init_script(
            "Cache.prototype.put = () => Promise.reject("
            "new DOMException('quota', 'QuotaExceededError'))"
        )
        page.goto(url + "backprop/")
        text = save(page, until="ადგილი არ კმარა")
        assert "ინტერნეტით ისევ მუშაობს" in text, text
        page.goto(url + "neuron/")
        page.locator("article h1").first.wait_for()
        assert not errors, errors


def test_classroom_address_works_without_a_service_worker(browser, site_dir):
    """`make classroom` (scripts/classroom.py) on a LAN address over plain http: the browser allows
    no service worker there; pages, search and ▶ work, and the offline button says why it cannot."""
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from scripts.classroom import Handler, addresses

    lan = addresses()
    if not lan:
        pytest.skip("this machine has no address besides 127.0.0.1")
    handler = functools.partial(Handler, directory=str(site_dir))
    server = ThreadingHTTPServer(("0.0.0.0", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://{lan[0]}:{server.server_address[1]}/"
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "derivative/")
        assert page.evaluate("() => window.isSecureContext") is False
        page.locator("a.md-footer__link--next").click()  # a full page load here
        page.wait_for_url("**/derivative-many-inputs/")
        page.goto(url + "backprop/")
        assert search(page, "გრადიენტი")
        page.keyboard.press("Escape")
        assert "მზადაა" in run(page, "backprop-graph")
        text = save(page, until="ვერ ხერხდება")
        assert "ინტერნეტით მუშაობს" in text or "https" in text, text
        assert not errors, errors
    finally:
        context.close()
        server.shutdown()
        server.server_close()
