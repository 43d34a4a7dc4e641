"""საიტი ინტერნეტის გარეშე (offline): service worker-ი, „ოფლაინისთვის შენახვა“ და zip-ასლი.

აწყობის ბოლოს (on_post_build, hooks/csp.py-ის შემდეგ, რომ გვერდები უკვე საბოლოო იყოს):

1. `offline.json`: აწყობის ვერსია (version, საიტის ფაილების ჰეში), runner-ის ქეშის სახელი და
   runner-ის დიდი ფაილების სია ზომებით. ამას კითხულობს ღილაკი „ოფლაინისთვის შენახვა“
   (`docs/javascripts/offline.js`, ჩამოტვირთვა: `offline/save.js`, პირველ დაჭერაზე), რომელიც
   ყველაფერს ჩამოტვირთავს და MB-ებში აჩვენებს.
2. `sw-extra-<version>.js`: ძველი ვერსიების ქეშების წაშლა (ქეშის სახელში ვერსიაა). ვერსია ფაილის
   სახელშიცაა: ბრაუზერი `importScripts`-ის ფაილს HTTP ქეშიდან იღებს (updateViaCache-ის
   ნაგულისხმევი `imports`; GitHub Pages-ზე max-age=600), და ძველი ვერსიის ფაილი ახალ ქეშს წაშლიდა.
3. `sw.js`: workbox-build-ის generateSW (`offline/`, `npm ci`, package-lock-ით დაფიქსირებული).
   ის წინასწარ ინახავს (precache) გვერდებს, CSS-ს, JS-ს, შრიფტებს, ძიების ინდექსს და გვერდების
   კოდს (`assets/runner/pages/`), runner-ის დიდ ფაილებს (Pyodide, ბორბლები, app.js, worker.js)
   კი პირველი გამოყენებისას (CacheFirst). Workbox-ის კოდი sw.js-შივეა: არაფერი CDN-იდან.
4. `MG_OFFLINE_ZIP_NAME=micrograd-ka.zip` (Pages-ის workflow): მთელი საიტის zip საიტშივე,
   ქართული README-ით; ბმული გვერდის ძირშია (overrides/partials/copyright.html).

Cache names: the precache is `mg-<version>-precache-…`, where version hashes every precached
file, so an unchanged rebuild keeps it and a changed one replaces it; the runner's cache is
`mg-runner-<hash of its files>`, so a new lesson does not make students download Python again.
"""

from __future__ import annotations

import fcntl
import fnmatch
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "offline"
# runner-ის დიდი ფაილები: პირველი გამოყენებისას ან ღილაკით (runtime cache)
RUNNER = r"/assets/runner/(?:app\.js|worker\.js|pyodide/|wheels/)"
RUNNER_GLOBS = [
    "assets/runner/app.js",
    "assets/runner/worker.js",
    "assets/runner/pyodide/*",
    "assets/runner/wheels/*",
]
PRECACHED = ["html", "css", "js", "woff2", "json", "svg", "png", "ico", "xml", "txt"]
# not precached: the service worker's own files, the runner's big files (RUNNER_GLOBS), source
# maps, lunr's other languages (search is `lang: en`), the zip
IGNORED = [
    "sw.js",
    "sw-extra-*.js",
    "offline.json",
    "**/*.map",
    "assets/javascripts/lunr/**",
    *RUNNER_GLOBS,
]

EXTRA = """// ძველი ვერსიების ქეშები იშლება (hooks/offline.py წერს ამ ფაილს ყოველ აწყობაზე)
const MG_VERSION = %(version)s;
const MG_RUNNER_CACHE = %(runner)s;
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(
        names
          .filter((n) => n.startsWith("mg-"))
          .filter((n) => !n.startsWith(`mg-${MG_VERSION}-`) && n !== MG_RUNNER_CACHE)
          .map((n) => caches.delete(n)),
      ),
    ),
  );
});
"""

README = """მიკროგრადი ქართულად — საიტის ასლი ინტერნეტის გარეშე
=====================================================

ეს საქაღალდე მთელი საიტია: გაკვეთილები, ძიება და კოდის გაშვება (Python ბრაუზერში).
ფაილის პირდაპირ გახსნა (file://) არ იმუშავებს: საჭიროა პატარა ვებსერვერი (web server).

მასწავლებლის კომპიუტერზე (Python 3 უკვე აყენია Linux-სა და macOS-ზე):

    cd micrograd-ka
    python3 -m http.server 8000

შემდეგ ბრაუზერში: http://localhost:8000/
კლასის სხვა კომპიუტერებიდან: http://<მასწავლებლის-კომპიუტერის-IP>:8000/
(IP-ს გაიგებ ბრძანებით `hostname -I` Linux-ზე ან `ipconfig` Windows-ზე).

Windows-ზე: `py -m http.server 8000` იმავე საქაღალდეში.

რეპოზიტორიიდან: `make classroom` იგივეს აკეთებს და მისამართს თავად გეტყვის.
"""


def _matches(path: str, patterns: list[str]) -> bool:
    return any(
        fnmatch.fnmatch(path, p) or (p.startswith("**/") and fnmatch.fnmatch(path, p[3:]))
        for p in patterns
    )


def _digest(files: list[Path], site: Path) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(site).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()[:12]


def _run(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True)
    except FileNotFoundError as err:
        raise PluginError(f"offline: `{args[0]}` not found (`make system-deps`)") from err
    except subprocess.CalledProcessError as err:
        raise PluginError(f"offline: {' '.join(args)} failed:\n{err.stdout}\n{err.stderr}") from err
    return done.stdout


def _workbox() -> None:
    """workbox-build-ის დაყენება (`npm ci`), როცა package-lock.json შეიცვალა. ორი ერთდროული
    აწყობა (მაგ. `make test`-ის ორი worker-ი ახალ clone-ში) რიგრიგობით იღებს საკეტს (flock):
    ერთის `npm ci` მეორის node_modules-ს შუა გზაზე არ წაშლის."""
    stamp = TOOL / "node_modules" / ".package-lock.json"
    lock = TOOL / "package-lock.json"
    (ROOT / ".cache").mkdir(exist_ok=True)
    with open(ROOT / ".cache" / "offline-npm.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # პროცესის დასრულებაც ხსნის საკეტს
        if not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime:
            _run(["npm", "ci", "--no-audit", "--no-fund"], TOOL)


def zip_site(site: Path, dest: Path, leave_out: tuple[str, ...] = ()) -> None:
    """The whole site under `micrograd-ka/` in `dest`, with README.txt beside index.html; files
    named in `leave_out` (the zip itself) are not in it."""
    files = sorted(f for f in site.rglob("*") if f.is_file() and f.name not in leave_out)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("micrograd-ka/README.txt", README)
        for f in files:
            z.write(f, "micrograd-ka/" + f.relative_to(site).as_posix())


# `mkdocs serve`: no offline copy (it would serve yesterday's pages to the author); this worker
# removes one a browser may still have from a build served at the same address
UNREGISTER = """self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(
  caches.keys()
    .then((names) => names.filter((n) => n.startsWith("mg-")))
    .then((names) => Promise.all(names.map((n) => caches.delete(n))))
    .then(() => self.registration.unregister())));
"""
_serving = False


def on_startup(command, dirty, **kwargs):
    global _serving
    _serving = command == "serve"


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    if _serving:
        (site / "sw.js").write_text(UNREGISTER, "utf-8")
        return
    files = sorted(f for f in site.rglob("*") if f.is_file())
    rel = {f: f.relative_to(site).as_posix() for f in files}
    runner = [f for f in files if _matches(rel[f], RUNNER_GLOBS)]
    precached = [
        f for f in files if f.suffix.lstrip(".") in PRECACHED and not _matches(rel[f], IGNORED)
    ]
    version = _digest(precached + runner, site)
    runner_cache = f"mg-runner-{_digest(runner, site)}"
    offline = {
        "version": version,
        "runner_cache": runner_cache,
        "precache_bytes": sum(f.stat().st_size for f in precached),
        "runner": [[rel[f], f.stat().st_size] for f in runner],
    }
    (site / "offline.json").write_text(json.dumps(offline, indent=1), "utf-8")
    extra = EXTRA % {"version": json.dumps(version), "runner": json.dumps(runner_cache)}
    for stale in site.glob("sw-extra-*.js"):  # წინა აწყობისა, თუ საქაღალდე იგივეა
        stale.unlink()
    extra_name = f"sw-extra-{version}.js"
    (site / extra_name).write_text(extra, "utf-8")

    _workbox()
    options = {
        "site": str(site),
        "version": version,
        "runner": RUNNER,
        "runner_cache": runner_cache,
        "extra": extra_name,
        "ignore": IGNORED,
    }
    _run(["node", "build-sw.mjs", json.dumps(options)], TOOL)

    name = config.extra.get("offline_zip")  # MG_OFFLINE_ZIP_NAME (mkdocs.yml's extra)
    if name:
        dest = site / name
        tmp = dest.with_name(dest.name + ".part.zip")
        zip_site(site, tmp, leave_out=(dest.name, tmp.name))
        shutil.move(tmp, dest)
