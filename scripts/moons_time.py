"""ნახევარმთვარეების სწავლება გვერდზე, ▶-ით (the moons training, timed in the page).

Opens /moons/ of a built site in Debian's Chromium (the site served with gzip, as GitHub Pages
serves it), starts Python with one cheap block, then clicks ▶ on the training block
(`moons-train`) a few times: once with the page's network, `MLP(2, [16, 16, 1])`, and once after
typing `MLP(2, [8, 1])` into the network's block (`moons-model`), as the page's „სცადე“ asks.
A run re-runs every block above it (data, network, loss), as a reader's click does. Prints each
run's time as the runner's own status shows it („მზადაა (N წმ)“) and the median. Not a test:
timings depend on the machine.

    make build && .venv/bin/python scripts/moons_time.py --site site [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

from tooling.browser import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent

DEFAULT = "[16, 16, 1]"
SMALL = "[8, 1]"
DONE = re.compile(r"მზადაა \(([\d.]+) წმ\)|შეცდომა|ვერ გაეშვა")


def run(page, block_id: str) -> float:
    """Click ▶ on a block, wait for its end; the seconds the runner's status reports."""
    block = page.locator(f'[data-run-block="{block_id}"]')
    status = block.locator("[data-run-status]")
    status.evaluate("e => { e.textContent = '' }")  # so that an earlier „მზადაა“ does not count
    block.get_by_role("button", name="გაშვება").click()
    status.filter(has_text=DONE).wait_for(timeout=300_000)
    text = status.inner_text()
    found = DONE.search(text)
    if not found or found[1] is None:
        output = block.locator("[data-run-output]").inner_text()
        raise SystemExit(f"{block_id}: {text}\n{output}")
    return float(found[1])


def set_network(page, code: str, sizes: str) -> None:
    """Type the network block's code (`moons-model`) with `sizes`, as a reader would."""
    block = page.locator('[data-run-block="moons-model"]')
    new = code.replace(DEFAULT, sizes)
    assert DEFAULT in code, code
    block.locator("code[contenteditable], .cm-content").first.click()
    block.locator(".cm-content").wait_for()
    block.locator(".cm-content").press("ControlOrMeta+a")
    page.keyboard.insert_text(new)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with serve(args.site, use_gzip=True) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(service_workers="block").new_page()
        page.goto(url + "moons/", wait_until="load")
        model = page.locator('[data-run-block="moons-model"] code').first
        code = model.evaluate("e => e.textContent")  # the page's code, before any edit
        start = run(page, "moons-relu")
        print(f"first click (download and start Python, data, ReLU): {start:.1f} s", flush=True)
        results = {}
        for sizes in (DEFAULT, SMALL):
            if sizes != DEFAULT:
                set_network(page, code, sizes)
            times = [run(page, "moons-train") for _ in range(args.runs)]
            results[sizes] = times
            shown = ", ".join(f"{t:.1f}" for t in times)
            print(f"MLP(2, {sizes}), ▶ on moons-train: {shown} s; median "
                  f"{statistics.median(times):.1f} s", flush=True)  # fmt: skip
        set_network(page, code, DEFAULT)
        both = run(page, "moons-l2")
        print(f"MLP(2, {DEFAULT}), ▶ on moons-l2 (two trainings): {both:.1f} s", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
