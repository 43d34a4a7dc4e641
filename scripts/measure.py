"""საიტის ბიუჯეტები: აწყობის დრო, ცოცხალი განახლება, გვერდის წონა, Lighthouse.

Measures the site's speed and size budgets and prints one table (for the README). Not a test:
timings depend on the machine. Targets (2-core machine): cold build <= 30 s, edit-to-reload
<= 2 s, lesson page <= 500 KB, Lighthouse (mobile) performance >= 95 and accessibility 100.

    .venv/bin/python scripts/measure.py                  # everything (about 10 minutes)
    .venv/bin/python scripts/measure.py --only build,weight --page backward/

Measurements:
- build: cold `mkdocs build --strict` (fresh site dir, `.cache/` removed) with code execution,
  in a temporary copy of the project, and the same site with execution off: `MG_EXEC=false`
  switches the markdown-exec plugin off through MkDocs' `enabled: !ENV [MG_EXEC, true]` in
  mkdocs.yml (not strict: the fences then render as plain code).
- serve: `mkdocs serve` on a free port, run in a temporary copy of the project; a marker sentence
  is appended to one lesson there (and removed again); time from the write until the server logs
  "Reloading browsers" and until the served page contains the marker. Two modes: `--strict`
  (every edit rebuilds the whole site) and `make serve`'s `--dirty --no-strict` (only the edited
  page; `--dirty` cannot be strict: it logs a warning on every build).
- weight: a fresh Chromium load of the page, every response body summed (HTML, CSS, JS, fonts,
  search index, images), raw and gzip-compressed. The target applies to the download: GitHub
  Pages serves text gzipped (fonts are woff2, already compressed); Lighthouse's "total byte
  weight" counts the same transferred bytes.
- lighthouse: npm lighthouse 12.2.3 from scripts/lighthouse (`npm ci` there on first use),
  Debian's chromium, mobile profile, the site served with gzip like GitHub Pages. In the same
  run, interleaved with it, a bare Material page (the site's theme and features, 17 small code
  blocks, nothing else; built here) is measured too: the ratio of the medians of Total Blocking
  Time says what this site's pages add to Material's fixed cost, which on a busy machine is
  steadier than either absolute score (target: lesson TBT <= 2.5x the bare page's).
  The score comes from Lighthouse's default (simulated) throttling. The ratio comes from runs
  with `--throttling-method=devtools` (the CPU really slowed 4x, the network throttled), because
  the simulation times the bare page's one long task before its first paint, so its TBT is
  0-180 ms from run to run and a ratio to it is noise; the simulated ratio is printed too.
- runner: the in-page runner (hooks/runner.py) in Chromium: the first click on „გაშვება“ until
  the output is replaced (download and start Python), a later run that redraws a graph, a first
  click after a reload (files cached), when each of the worker's start-up steps was done; the
  page script's and the first-click payload's size.
- lighthouse-without (not in the default set): the site also built without the features named
  by `--without` (default `runner`; e.g. `--without offline,exercises`): their hooks and page
  scripts left out of mkdocs.yml. Lighthouse on both, runs interleaved, median of each: the
  performance score and the devtools-throttled TBT, and their ratio. This says what a feature
  costs a page load, measured in one run. (`lighthouse-runner` is `--without runner`.)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import yaml

import tooling.build
from tooling.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tooling.config import mkdocs_config

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = tooling.build.env(PYTHONUNBUFFERED="1")
LIGHTHOUSE_DIR = ROOT / "scripts" / "lighthouse"
TARGETS = {
    "cold build": 30.0,
    "reload": 2.0,
    "weight": 500.0,
    "performance": 95,
    "accessibility": 100,
    "TBT ratio": 2.5,
}

rows: list[tuple[str, str, str, str]] = []  # (what, value, target, verdict)


def row(what: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "OVER")
    rows.append((what, value, target, verdict))
    print(
        f"  {what}: {value} {('(target ' + target + ') ' + verdict) if target else ''}", flush=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------------------------
# build
# ----------------------------------------------------------------------------------------------


def project(work: Path) -> Path:
    """A copy of the project (no .git, .venv, build output) in `work`: the serve edits and the
    no-execution config live there, never in the work tree, where others may be regenerating
    notebooks from the lessons at the same time."""
    dest = work / "project"
    if not dest.exists():
        skip = (".git", ".venv", "site", ".*cache", "node_modules", "*.egg-info")
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*skip))
    return dest


def timed_build(dest: Path, config: Path | None = None, execute: bool = True) -> float:
    """A cold build; without `execute`, markdown-exec is off (`MG_EXEC=false`, not strict)."""
    cwd = config.parent if config else ROOT
    shutil.rmtree(cwd / ".cache", ignore_errors=True)
    shutil.rmtree(dest, ignore_errors=True)
    # not strict without execution: plain fences break anchors
    cmd = tooling.build.command(dest, config=config, strict=execute)
    extra = {"PYTHONUNBUFFERED": "1"} if execute else {"PYTHONUNBUFFERED": "1", "MG_EXEC": "false"}
    start = time.perf_counter()
    result = tooling.build.build(
        dest, config=config, strict=execute, extra_env=extra, cwd=cwd, timeout=None
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"measure: {' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr[-4000:]}")
    return elapsed


def measure_build(work: Path) -> Path:
    print("build:", flush=True)
    site = work / "site"
    with_exec = timed_build(site, project(work) / "mkdocs.yml")  # the copy: .cache/ removed there
    without = timed_build(work / "site-noexec", project(work) / "mkdocs.yml", execute=False)
    row("cold `make build` (strict, code executed)", f"{with_exec:.1f} s", "<= 30 s",
        with_exec <= TARGETS["cold build"])  # fmt: skip
    row("same site, execution off (no markdown-exec)", f"{without:.1f} s")
    row("what execution costs", f"{with_exec / without:.1f}x ({with_exec - without:.1f} s)")
    return site


# ----------------------------------------------------------------------------------------------
# mkdocs serve: edit -> reload
# ----------------------------------------------------------------------------------------------


class Server:
    """`mkdocs serve` in the background; its log lines with arrival times."""

    def __init__(self, *extra: str, cwd: Path = ROOT):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"  # until "Serving on <url>" says more
        cmd = [PY, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", *extra]
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env=ENV, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.lines: list[tuple[float, str]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_for(self, pattern: str, after: float, timeout: float) -> float | None:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for t, line in list(self.lines):
                if t >= after and pattern in line:
                    m = re.search(r"Serving on (http://\S+)", line)
                    if m:  # mkdocs serves under site_url's path (/micrograd-ka/)
                        self.base = m.group(1).rstrip("/") + "/"
                    return t
            if self.proc.poll() is not None:
                return None
            time.sleep(0.02)
        return None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _page_has(url: str, marker: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return marker in r.read().decode("utf-8", "replace")
    except OSError:
        return False


def one_reload(server: Server, lesson: Path, page: str, n: int) -> tuple[float, float]:
    marker = f"measure-{os.getpid()}-{n}-{time.time_ns()}"
    suffix = f"\n\n{marker}\n"
    original = lesson.read_bytes()
    url = server.base + page
    try:
        start = time.perf_counter()
        lesson.write_bytes(original + suffix.encode())
        logged = server.wait_for("Reloading browsers", after=start, timeout=120)
        while not _page_has(url, marker) and time.perf_counter() - start < 120:
            time.sleep(0.02)
        shown = time.perf_counter()
    finally:
        # ჩვენი წინადადება მხოლოდ ამოვშალოთ: თუ ვინმემ ამასობაში ფაილი შეცვალა, მისი ცვლილება რჩება
        current = lesson.read_bytes()
        lesson.write_bytes(current.replace(suffix.encode(), b"", 1))
    server.wait_for("Reloading browsers", after=time.perf_counter(), timeout=60)  # the revert
    time.sleep(0.3)
    return ((logged or float("nan")) - start, shown - start)


def measure_serve(lesson_name: str, repeat: int, work: Path) -> None:
    copy = project(work)
    lesson = copy / "docs" / f"{lesson_name}.md"
    page = f"{lesson_name}/"
    print(f"serve (edit a copy of docs/{lesson.name}, {repeat}x each):", flush=True)
    # `--dirty` logs a warning on every build, so it cannot be combined with `--strict`
    for label, extra, is_make_serve in (
        ("`mkdocs serve --strict` (whole site rebuilt)", ("--strict",), False),
        ("`mkdocs serve --dirty --no-strict` (make serve)", ("--dirty", "--no-strict"), True),
    ):
        server = Server(*extra, cwd=copy)
        try:
            started = time.perf_counter()
            ready = server.wait_for("Serving on", after=0, timeout=300)
            if ready is None:
                sys.exit(
                    "measure: mkdocs serve did not start:\n"
                    + "\n".join(line for _, line in server.lines[-30:])
                )
            row(f"{label}: first build until serving", f"{ready - started:.1f} s")
            times = [one_reload(server, lesson, page, n) for n in range(repeat)]
        finally:
            server.stop()
        log = statistics.median(t[0] for t in times)
        shown = statistics.median(t[1] for t in times)
        row(f'{label}: prose edit -> "Reloading browsers"', f"{log:.2f} s (median of {repeat})")
        target = ("<= 2 s", shown <= TARGETS["reload"]) if is_make_serve else ()
        row(f"{label}: prose edit -> served page shows it", f"{shown:.2f} s", *target)


# ----------------------------------------------------------------------------------------------
# page weight
# ----------------------------------------------------------------------------------------------


def _kind(url: str, ctype: str) -> str:
    path = url.split("?")[0]
    if "font" in ctype or path.endswith((".woff2", ".woff", ".ttf")):
        return "fonts"
    if "css" in ctype or path.endswith(".css"):
        return "CSS"
    if "javascript" in ctype or path.endswith(".js"):
        return "JS"
    if path.endswith("search_index.json"):
        return "search index"
    if "image" in ctype or path.endswith((".png", ".svg", ".ico", ".jpg")):
        return "images"
    if "html" in ctype or path.endswith("/"):
        return "HTML"
    return "other"


def measure_weight(site: Path, page: str) -> None:
    from playwright.sync_api import sync_playwright

    print(f"weight (/{page}, first load):", flush=True)
    sizes: dict[str, list[int]] = {}
    with serve(site) as url:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(service_workers="block")
            responses = []
            context.on("response", lambda r: responses.append(r))
            pg = context.new_page()
            pg.goto(url + page, wait_until="load")
            pg.wait_for_load_state("networkidle")
            pg.wait_for_timeout(500)
            for r in responses:
                try:
                    body = r.body()
                except Exception:  # redirects, aborted requests
                    continue
                kind = _kind(r.url, r.headers.get("content-type", ""))
                raw, zipped = sizes.setdefault(kind, [0, 0])[:2]
                sizes[kind] = [raw + len(body), zipped + len(gzip.compress(body, 6))]
            browser.close()
    total_raw = sum(v[0] for v in sizes.values()) / 1024
    total_gz = sum(v[1] for v in sizes.values()) / 1024
    index_raw, index_gz = (v / 1024 for v in sizes.get("search index", [0, 0]))
    for kind, (raw, gz) in sorted(sizes.items(), key=lambda kv: -kv[1][0]):
        row(f"  {kind}", f"{raw / 1024:.0f} KB ({gz / 1024:.0f} KB gzip)")
    # the target is what a phone downloads: GitHub Pages serves HTML, CSS, JS and JSON gzipped
    row(f"lesson page /{page}: downloaded (gzip, as GitHub Pages serves it)", f"{total_gz:.0f} KB",
        "<= 500 KB", total_gz <= TARGETS["weight"])  # fmt: skip
    row(f"lesson page /{page}: uncompressed (in the browser's memory)", f"{total_raw:.0f} KB")
    row(f"lesson page /{page}: without the search index", f"{total_raw - index_raw:.0f} KB "
        f"({total_gz - index_gz:.0f} KB gzip)")  # fmt: skip


# ----------------------------------------------------------------------------------------------
# Lighthouse
# ----------------------------------------------------------------------------------------------


def lighthouse_bin() -> Path:
    exe = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not exe.exists():
        npm = shutil.which("npm")
        if not npm:
            sys.exit("measure: Lighthouse needs Node.js and npm (apt-get install nodejs npm)")
        print("  npm ci (scripts/lighthouse) ...", flush=True)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)
    return exe


def _lighthouse_once(exe: Path, url: str, report: Path, throttling="simulate") -> dict | str:
    cmd = [
        str(exe), url, "--quiet", "--output=json", f"--output-path={report}",
        "--only-categories=performance,accessibility", "--form-factor=mobile",
        f"--throttling-method={throttling}", "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    report.unlink(missing_ok=True)
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode or not report.exists():
        return f"failed: {result.stderr.strip()[-500:]}"
    return json.loads(report.read_text("utf-8"))


BARE_PAGE = "# Material\n\n" + "".join(
    f"Paragraph {n}.\n\n```python\nx{n} = Value({n}.0)\nprint(x{n} * 2)\n```\n\n" for n in range(17)
)


def bare_site(work: Path) -> Path:
    """A bare Material page: the site's theme (features, palette, language), search, 17 small code
    blocks; no hooks, glossary, math, figures or extra CSS."""
    theme = {k: v for k, v in mkdocs_config()["theme"].items() if k != "custom_dir"}
    config = {
        "site_name": "bare",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ["pymdownx.highlight", "pymdownx.superfences"],
    }
    root = work / "bare"
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text(BARE_PAGE, "utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    site = root / "site"
    result = tooling.build.build(site, cwd=root, timeout=None)
    if result.returncode:
        sys.exit(f"measure: the bare page did not build:\n{result.stdout}\n{result.stderr}")
    return site


THROTTLINGS = ("simulate", "devtools")  # Lighthouse's --throttling-method


def _score(data: dict) -> int:
    return round(data["categories"]["performance"]["score"] * 100)


def _tbt(data: dict) -> float:
    return data["audits"]["total-blocking-time"]["numericValue"]


def measure_lighthouse(site: Path, page: str, work: Path, runs: int, keep: Path | None) -> None:
    print(f"lighthouse (/{page} and a bare Material page, mobile, {runs} runs each, interleaved,"
          " simulated and devtools throttling):", flush=True)  # fmt: skip
    exe = lighthouse_bin()
    bare = bare_site(work)
    kinds = [(k, t) for t in ("simulate", "devtools") for k in ("lesson", "bare")]
    results: dict[tuple, list] = {kind: [] for kind in kinds}
    with serve(site, use_gzip=True) as url, serve(bare, use_gzip=True) as bare_url:
        for n in range(runs):
            for kind, throttling in kinds:
                target = url + page if kind == "lesson" else bare_url
                report = work / f"lighthouse-{kind}-{throttling}-{n}.json"
                data = _lighthouse_once(exe, target, report, throttling)
                results[kind, throttling].append(data)
    good = {kind: [r for r in rs if isinstance(r, dict)] for kind, rs in results.items()}
    if not good["lesson", "simulate"]:
        row("Lighthouse", str(results["lesson", "simulate"][0]))
        return
    lesson = sorted(good["lesson", "simulate"], key=_score)
    data = lesson[len(lesson) // 2]  # the median run
    cats, audits = data["categories"], data["audits"]
    perf = _score(data)
    spread = f" (runs: {', '.join(str(_score(d)) for d in lesson)})" if len(lesson) > 1 else ""
    row("Lighthouse performance (mobile), median", f"{perf}{spread}", ">= 95",
        perf >= TARGETS["performance"])  # fmt: skip
    lesson_all = good["lesson", "simulate"] + good["lesson", "devtools"]
    a11y_all = [round(d["categories"]["accessibility"]["score"] * 100) for d in lesson_all]
    row("Lighthouse accessibility (every run)", ", ".join(map(str, a11y_all)), "100",
        min(a11y_all) >= TARGETS["accessibility"])  # fmt: skip
    for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index"):  # fmt: skip
        if key in audits:
            row(f"  {audits[key]['title']}", audits[key].get("displayValue", ""))
    cls = max(d["audits"]["cumulative-layout-shift"]["numericValue"] for d in lesson)
    row("  Cumulative Layout Shift, worst run", f"{cls:.3f}")
    failed = [a["id"] for a in (audits[r["id"]] for r in cats["accessibility"]["auditRefs"])
              if a.get("score") is not None and a["score"] < 1]  # fmt: skip
    if failed:
        row("  accessibility audits failed", ", ".join(failed))
    if good["bare", "simulate"]:
        scores = ", ".join(str(_score(d)) for d in good["bare", "simulate"])
        row("bare Material page: performance (runs)", scores)
    for throttling in ("simulate", "devtools"):
        lesson_runs, bare_runs = good["lesson", throttling], good["bare", throttling]
        if not (lesson_runs and bare_runs):
            continue
        tbt_lesson = statistics.median(_tbt(d) for d in lesson_runs)
        tbt_bare = statistics.median(_tbt(d) for d in bare_runs)
        for name, runs_of in (("lesson", lesson_runs), ("bare page", bare_runs)):
            tbts = ", ".join(f"{_tbt(d):.0f}" for d in runs_of)
            row(f"  TBT per run, {throttling}, {name}", f"{tbts} ms")
        ratio = tbt_lesson / max(tbt_bare, 1.0)
        medians = f"medians {tbt_lesson:.0f} / {tbt_bare:.0f} ms"
        what = f"TBT ratio /{page} : bare page, {throttling} ({medians})"
        if throttling == "devtools":
            row(what, f"{ratio:.1f}x", "<= 2.5x", ratio <= TARGETS["TBT ratio"])
        else:
            row(what, f"{ratio:.1f}x", "(noise: see above)")
    if keep:
        keep.write_text(json.dumps(data), "utf-8")


# ----------------------------------------------------------------------------------------------
# the in-page runner (hooks/runner.py)
# ----------------------------------------------------------------------------------------------


def without_config(copy: Path, features: list[str]) -> Path:
    """`copy`'s mkdocs.yml without these features' hooks and page scripts (e.g. `runner`:
    hooks/runner.py and javascripts/runner.js; `exercises.js`: only the page script, for a hook
    the lessons need): the site before them. MkDocs' `INHERIT` reads
    mkdocs.yml and lets these two lists replace its own."""
    config = mkdocs_config()
    hooks, scripts = list(config["hooks"]), [str(s) for s in config["extra_javascript"]]
    for feature in features:  # `offline`: its hook and script; `offline.js`: the script alone
        hook = [h for h in hooks if Path(h).stem == feature]
        script = [s for s in scripts if feature in (Path(s).stem, Path(s).name)]
        if not (hook or script):
            sys.exit(f"measure: mkdocs.yml has no hook or page script named {feature!r}")
        hooks = [h for h in hooks if h not in hook]
        scripts = [s for s in scripts if s not in script]
    path = copy / f"mkdocs-without-{'-'.join(features)}.yml"
    child = {"INHERIT": "mkdocs.yml", "hooks": hooks, "extra_javascript": scripts}
    path.write_text(yaml.safe_dump(child, allow_unicode=True), "utf-8")
    return path


def measure_runner(site: Path) -> None:
    """First click (download and start Python) and a later run, in Chromium, served gzipped."""
    from playwright.sync_api import sync_playwright

    page_path, first, later = "backprop/", "backprop-build", "backprop-graph"
    print(f"runner (/{page_path}, first click, later run):", flush=True)
    manifest = json.loads((site / "assets/runner/manifest.json").read_text("utf-8"))
    script = (site / "javascripts/runner.js").read_bytes()

    def run(pg, block: str) -> float:
        b = pg.locator(f'[data-run-block="{block}"]')
        start = time.perf_counter()
        b.get_by_role("button", name="გაშვება").click()
        b.locator("[data-run-status]").filter(has_text="მზადაა").wait_for(timeout=180_000)
        return time.perf_counter() - start

    with serve(site, use_gzip=True) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(service_workers="block")
        pg = context.new_page()
        steps: list[str] = []  # worker.js: ms since it started, when each step was done
        pg.on("console", lambda m: m.text.startswith("runner: ready") and steps.append(m.text))
        pg.goto(url + page_path, wait_until="load")
        cold = run(pg, first)
        warm = [run(pg, later) for _ in range(3)]
        pg.reload(wait_until="load")  # a new visit, files from the browser's cache
        cached = run(pg, first)
        # a repeat visit served by the service worker (hooks/offline.py): the first visit's run
        # put the runner's files in its cache; the browser's HTTP cache is emptied before each
        # later visit, so the files come from the service worker's cache alone
        pg = browser.new_context(service_workers="allow").new_page()
        pg.goto(url + page_path, wait_until="load")
        pg.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
        run(pg, first)
        from_sw = []
        for rest in (0, 1000):  # click at once / the pointer rests on ▶ for a second first
            cdp = pg.context.new_cdp_session(pg)
            cdp.send("Network.clearBrowserCache")
            pg.reload(wait_until="load")
            if rest:
                button = pg.locator(f'[data-run-block="{first}"]').get_by_role("button")
                button.filter(has_text="გაშვება").hover()
                pg.wait_for_timeout(rest)
            from_sw.append(run(pg, first))
        browser.close()
    row("runner: page-load script javascripts/runner.js", f"{len(gzip.compress(script, 9))} B gzip "
        f"({len(script)} B raw)", "<= 5 KB", len(gzip.compress(script, 9)) <= 5 * 1024)  # fmt: skip
    row("runner: first click -> output (download + start Python)", f"{cold:.1f} s", "<= 5 s",
        cold <= 5)  # fmt: skip
    later = statistics.median(warm)
    row("runner: later run (graph redrawn)", f"{later:.2f} s (median of 3)", "<= 0.3 s",
        later <= 0.3)  # fmt: skip
    row("runner: first click of a new visit (files cached)", f"{cached:.1f} s")
    row("runner: first click of a repeat visit (service worker cache)", f"{from_sw[0]:.1f} s",
        "<= 3 s", from_sw[0] <= 3)  # fmt: skip
    row("runner: the same, pointer resting on ▶ 1 s before the click", f"{from_sw[1]:.1f} s")
    for n, line in enumerate(steps):
        done = json.loads(line.split(" ", 2)[2])
        row(f"  worker steps, {('first', 'cached')[min(n, 1)]} visit (ms from start)",
            ", ".join(f"{k} {v}" for k, v in done.items()))  # fmt: skip
    raw = sum(v[0] for v in manifest["files"].values())
    zipped = sum(v[1] for v in manifest["files"].values())
    row("runner: first-click payload", f"{zipped / 1e6:.1f} MB gzip ({raw / 1e6:.1f} MB raw)")
    for name, (size, gz) in sorted(manifest["files"].items(), key=lambda kv: -kv[1][0]):
        row(f"  {name}", f"{size / 1024:.0f} KB ({gz / 1024:.0f} KB gzip)")


def measure_stepper(site: Path) -> None:
    """The stepper (hooks/stepper.py): every page-load script together, its lazy module, and the
    trace each page embeds (`data-steps`, bytes as in the HTML and gzipped)."""
    print("stepper (page-load scripts, traces):", flush=True)
    scripts = {s: (site / s).read_bytes() for s in mkdocs_config()["extra_javascript"]}
    total = sum(len(gzip.compress(b, 9)) for b in scripts.values())
    row("page-load scripts, all (" + ", ".join(scripts) + ")", f"{total} B gzip",
        "<= 5 KB", total <= 5 * 1024)  # fmt: skip
    for module in sorted((site / "javascripts").glob("*/*.js")):  # imported on first use
        lazy = module.read_bytes()
        row(f"  on first use: {module.relative_to(site)}",
            f"{len(gzip.compress(lazy, 9))} B gzip ({len(lazy)} B)")  # fmt: skip
    for page in sorted(site.glob("*/index.html")):
        for attr in re.findall(r"data-steps='([^']*)'", page.read_text("utf-8")):
            size, zipped = len(attr.encode()), len(gzip.compress(attr.encode(), 9))
            budget = page.parent.name == "backprop"  # the lecture's L: <= 3 KB
            row(f"stepper: trace on /{page.parent.name}/", f"{size} B ({zipped} B gzip)",
                "<= 3 KB" if budget else "", size <= 3 * 1024 if budget else None)  # fmt: skip


def measure_lighthouse_without(
    site: Path, work: Path, page: str, runs: int, features: list[str], throttlings: list[str]
) -> None:
    """Lighthouse on the site with and without some features (their hooks and page scripts),
    runs interleaved (the same noise for both): the performance score (simulated throttling) and
    Total Blocking Time with devtools throttling (the CPU really slowed 4x), median of each."""
    name = " and ".join(features)
    print(f"lighthouse with and without {name} (/{page}, {runs} runs each, interleaved):",
          flush=True)  # fmt: skip
    before = work / f"site-without-{'-'.join(features)}"
    timed_build(before, without_config(project(work), features))
    exe = lighthouse_bin()
    kinds = [(k, t) for t in throttlings for k in ("with", "without")]
    found: dict[tuple, list[dict]] = {(k, t): [] for k in ("with", "without") for t in THROTTLINGS}
    with serve(site, use_gzip=True) as with_url, serve(before, use_gzip=True) as without_url:
        for n in range(runs):
            for kind, throttling in kinds:
                url = with_url if kind == "with" else without_url
                report = work / f"lh-{kind}-{throttling}-{n}.json"
                data = _lighthouse_once(exe, url + page, report, throttling)
                if isinstance(data, dict):
                    found[kind, throttling].append(data)
    for kind in ("with", "without"):
        scores = [_score(d) for d in found[kind, "simulate"]]
        tbts = [_tbt(d) for d in found[kind, "devtools"]]
        if scores:
            row(f"Lighthouse performance (mobile) {kind} {name}, median",
                f"{statistics.median(scores)} (runs: {', '.join(map(str, scores))})")  # fmt: skip
        if not tbts:
            continue
        each = ", ".join(f"{t:.0f}" for t in tbts)
        row(f"  TBT, devtools throttling, {kind} {name}, median",
            f"{statistics.median(tbts):.0f} ms (runs: {each})")  # fmt: skip
    if found["with", "devtools"] and found["without", "devtools"]:
        ratio = statistics.median(_tbt(d) for d in found["with", "devtools"]) / max(
            statistics.median(_tbt(d) for d in found["without", "devtools"]), 1.0
        )
        row(f"  TBT ratio with : without {name}", f"{ratio:.2f}x")


# ----------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", default="build,serve,weight,lighthouse,runner,stepper",
                    help="comma-separated subset of: build,serve,weight,lighthouse,runner,stepper,"
                    "lighthouse-without (with and without --without's features)")  # fmt: skip
    ap.add_argument("--without", default="runner",
                    help="features left out for lighthouse-without (hook/script names, e.g. "
                    "offline,exercises; default runner)")  # fmt: skip
    ap.add_argument("--throttling", default=",".join(THROTTLINGS),
                    help="for lighthouse-without: simulate, devtools or both")  # fmt: skip
    ap.add_argument("--page", default="backward/", help="lesson page to weigh (default backward/)")
    ap.add_argument("--lesson", default=None, help="lesson to edit under serve (default: --page)")
    ap.add_argument("--repeat", type=int, default=2, help="edits per serve mode (default 2)")
    ap.add_argument("--site", type=Path, help="weigh/lighthouse an existing build, skip building")
    ap.add_argument("--lighthouse-runs", type=int, default=5, help="median of N runs (default 5)")
    ap.add_argument("--lighthouse-report", type=Path, help="keep Lighthouse's JSON report here")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    lesson = args.lesson or args.page.strip("/")

    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mg-measure-") as tmp:
        work = Path(tmp)
        site = args.site
        if "build" in only:
            site = measure_build(work)
        if "serve" in only:
            measure_serve(lesson, args.repeat, work)
        if (
            {"weight", "lighthouse", "runner", "lighthouse-runner", "lighthouse-without", "stepper"}
            & only
        ) and (site is None):
            site = work / "site"
            timed_build(site)
        if "weight" in only:
            measure_weight(site, args.page)
        if "lighthouse" in only:
            measure_lighthouse(site, args.page, work, args.lighthouse_runs, args.lighthouse_report)
        if "lighthouse-runner" in only:  # the older name
            only.add("lighthouse-without")
            args.without = "runner"
        if "lighthouse-without" in only:
            features = args.without.split(",")
            throttlings = args.throttling.split(",")
            measure_lighthouse_without(
                site, work, args.page, args.lighthouse_runs, features, throttlings
            )
        if "runner" in only:
            measure_runner(site)
        if "stepper" in only:
            measure_stepper(site)

    width = max(len(r[0]) for r in rows)
    print("\n| measurement | value | target | |\n|---|---|---|---|")
    for what, value, target, verdict in rows:
        print(f"| {what.strip():<{width}} | {value} | {target} | {verdict} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
