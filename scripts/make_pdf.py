"""`make pdf`: მთელი კურსი, ყოველი გაკვეთილის სამუშაო ფურცელი და პასუხები PDF-ად, `site/pdf/`-ში.

აწყობილ საიტს (`site/`) ადგილობრივ სერვერზე ხსნის და Debian-ის Chromium-ით (Playwright-ის
`page.pdf`) ბეჭდავს, ზუსტად ისე, როგორც მასწავლებლის ბრაუზერი ბეჭდავს:

- `site/pdf/course.pdf` — `print_page/` (mkdocs-print-site-plugin: ყველა გვერდი nav-ის რიგით);
- `site/pdf/<გაკვეთილი>-worksheet.pdf` — `<გაკვეთილი>/?print=worksheet` (ამოხსნის გარეშე);
- `site/pdf/<გაკვეთილი>-key.pdf` — `<გაკვეთილი>/?print=key` (ამოხსნით).

გაკვეთილები nav-ის 1–6 ნაწილების გვერდებია (hooks/teacher.py-ის წესით). შრიფტები საიტისაა
(`font-display: optional`): ჯერ ერთი გვერდი „ათბობს“ ბრაუზერის ქეშს, რომ ყოველ შემდეგ გვერდზე
ქართული შრიფტი პირველივე ხატვისთვის იყოს და PDF-ში ჩაჯდეს (tests/test_pdf.py ამოწმებს).

Usage: python scripts/make_pdf.py [--site site] [--out dir] [--only course|sheets] [--lessons a b]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from tooling.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tooling.config import ROOT, mkdocs_config

LESSON_PART = re.compile(r"^[1-6]\.")
# ფურცლის ზომა, მინდვრები და გვერდის ნომერი extra.css-ის `@page`-შია, როგორც ბრაუზერიდან ბეჭდვისას
PDF = {"prefer_css_page_size": True, "print_background": True}


def lessons() -> list[str]:
    """nav-ის 1–6 ნაწილების გაკვეთილები: `["derivative", "derivative-many-inputs", ...]`."""
    found = []
    for part in mkdocs_config()["nav"]:
        for title, pages in part.items() if isinstance(part, dict) else ():
            if LESSON_PART.match(title) and isinstance(pages, list):
                found += [p.removesuffix(".md") for p in pages if isinstance(p, str)]
    return found


def print_page(page, url: str, dest: Path) -> None:
    page.goto(url, wait_until="load")
    if "?print=" in url:  # ზოლი და ამოხსნები: javascripts/teacher/sheet.js, ჩატვირთვის შემდეგ
        page.locator(".mg-sheet-bar").wait_for(state="attached")
    page.evaluate("document.fonts.ready")
    page.emulate_media(media="print")
    page.pdf(path=str(dest), **PDF)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, help="where the PDFs go (default: SITE/pdf)")
    parser.add_argument("--only", choices=["course", "sheets"])
    parser.add_argument("--lessons", nargs="+", help="only these lessons' sheets (e.g. backprop)")
    args = parser.parse_args(argv)
    if not (args.site / "print_page" / "index.html").is_file():
        print(
            f"{args.site}: no built site with print_page/; run `make build` first", file=sys.stderr
        )
        return 1
    out = args.out or args.site / "pdf"
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    jobs = []
    if args.only != "sheets":
        jobs.append(("print_page/", out / "course.pdf"))
    if args.only != "course":
        for name in args.lessons or lessons():
            jobs.append((f"{name}/?print=worksheet", out / f"{name}-worksheet.pdf"))
            jobs.append((f"{name}/?print=key", out / f"{name}-key.pdf"))
    with serve(args.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(url, wait_until="load")  # შრიფტები ქეშში (font-display: optional)
        page.evaluate("document.fonts.ready")
        for path, dest in jobs:
            print_page(page, url + path, dest)
            print(f"{dest.name}: {dest.stat().st_size / 1024:.0f} KB")
        browser.close()
    print(f"{len(jobs)} PDFs in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
