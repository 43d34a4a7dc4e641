"""გვერდზე გაშვების ფაილები (the in-page runner's assets): აწყობა, საიტის აწყობისგან ცალკე.

What the first click downloads, built into `.cache/runner/` and copied to `assets/runner/`:

- Pyodide's runtime, viz.js, CodeMirror and DOMPurify from npm (`runner/package-lock.json`,
  `npm ci`), with `app.js` and `worker.js` bundled by esbuild;
- the wheels: micrograd from this repository (`pip wheel`) and graphviz from PyPI
  (`requirements/pyodide.txt`, with its hash);
- `manifest.json`: the files' names and sizes (for the first click's message).

Which Pyodide files are needed is read from its npm package (`package.json`'s `exports`: the
ES module entry and the files it loads), not kept by hand.

    python -m tooling.runner_assets                 # build .cache/runner (make runner)
    python -m tooling.runner_assets --site site     # and install it into site/assets/runner

Two builds at once (two `mkdocs build`s, a test and `make serve`) take turns on a lock file, so
neither sees the other's half-written cache. hooks/runner.py calls `build()` in a thread while
MkDocs renders the pages, and `install()` after.
"""

from __future__ import annotations

import argparse
import fcntl
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tooling.config import ROOT

OUT = "assets/runner"  # in the site


@dataclass(frozen=True)
class Project:
    """Where a project's runner sources and cache are (the folder of its mkdocs.yml)."""

    root: Path = ROOT

    @property
    def runner(self) -> Path:
        return self.root / "runner"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "runner"

    @property
    def pyodide(self) -> Path:
        return self.runner / "node_modules" / "pyodide"

    @property
    def pins(self) -> Path:
        return self.root / "requirements" / "pyodide.txt"


HERE = Project()
CACHE, PYODIDE = HERE.cache, HERE.pyodide


class AssetError(RuntimeError):
    """A step of the build failed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Assets:
    files: dict[str, Path]  # path under assets/runner -> the built file
    gzipped: dict[str, int]  # the same paths -> bytes over the wire (gzip)


def _run(args: list[str], cwd: Path) -> None:
    # SOURCE_DATE_EPOCH: the wheel's zip dates are fixed, so the same code gives the same bytes
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    try:
        subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as err:
        raise AssetError(
            f"runner: `{args[0]}` not found. Node.js and npm build the in-page runner: "
            "`make system-deps` (apt-get install nodejs npm)."
        ) from err
    except subprocess.CalledProcessError as err:
        raise AssetError(f"runner: {' '.join(args)} failed:\n{err.stdout}\n{err.stderr}") from err


def _newer(target: Path, *sources: Path) -> bool:
    """True when `target` is missing or older than any of `sources` (files or folders)."""
    if not target.exists():
        return True
    stamp = target.stat().st_mtime
    files = [f for s in sources for f in ([s] if s.is_file() else s.rglob("*"))]
    return any(f.stat().st_mtime > stamp for f in files if f.is_file())


@contextmanager
def _locked(project: Project = HERE):
    """One build of the cache at a time (an flock: released even if the process dies)."""
    project.cache.mkdir(parents=True, exist_ok=True)
    with open(project.cache / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _fresh_dir(final: Path) -> Path:
    """A temporary folder next to `final`, renamed into place when complete (atomic)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=final.parent))


def _replace(tmp: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def pyodide_files(project: Project = HERE) -> list[str]:
    """Pyodide's runtime files, from its npm package: the ES module and what it loads."""
    package = json.loads((project.pyodide / "package.json").read_text("utf-8"))
    exports = package["exports"]
    entry = exports["."]
    skip = {entry.get("require"), "./package.json"}
    files = [entry["import"]]
    for key, target in exports.items():
        if key != "." and isinstance(target, str) and target not in skip:
            files.append(target)
    return [f.removeprefix("./") for f in dict.fromkeys(files)]


def _npm(project: Project) -> Path:
    runner = project.runner
    modules = runner / "node_modules"
    if _newer(modules / ".package-lock.json", runner / "package-lock.json"):
        _run(["npm", "ci", "--no-audit", "--no-fund"], runner)
    dist = project.cache / "dist"
    bundled = (
        runner / "src",
        runner / "package-lock.json",
        project.root / "tooling" / "figure.py",
        project.root / "tooling" / "check.py",
    )
    if _newer(dist / "worker.js", *bundled):
        tmp = _fresh_dir(dist)
        _run(
            [
                str(modules / ".bin" / "esbuild"),
                "src/app.js",
                "src/worker.js",
                "--bundle",
                "--format=esm",
                "--minify",
                "--target=es2022",
                "--loader:.py=text",
                "--legal-comments=none",
                f"--outdir={tmp}",
            ],
            runner,
        )
        _replace(tmp, dist)
    return dist


def _wheels(project: Project) -> list[Path]:
    """micrograd-ის ბორბალი (კოდის ჰეშით ქეშში) და graphviz-ის, PyPI-დან ჰეშით."""
    root, cache = project.root, project.cache
    wheels = cache / "wheels"
    if not list(wheels.glob("graphviz-*.whl")):
        tmp = _fresh_dir(wheels)
        _run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary", ":all:", "--require-hashes", "-r", str(project.pins), "-d", str(tmp)],
            root,
        )  # fmt: skip
        _replace(tmp, wheels)
    sources = sorted((root / "micrograd").glob("*.py")) + [root / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    own = cache / "micrograd" / digest
    if not list(own.glob("*.whl")):
        shutil.rmtree(cache / "micrograd", ignore_errors=True)
        tmp = _fresh_dir(own)
        try:
            _run(
                [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp), "."],
                root,
            )
        finally:
            shutil.rmtree(root / "build", ignore_errors=True)  # setuptools' leftovers
        _replace(tmp, own)
    return sorted(wheels.glob("graphviz-*.whl")) + sorted(own.glob("*.whl"))


_gzipped: dict[tuple[Path, int, float], int] = {}


def gzip_size(path: Path) -> int:
    """Bytes over the wire when served gzipped (GitHub Pages), remembered per file version."""
    key = (path, path.stat().st_size, path.stat().st_mtime)
    if key not in _gzipped:
        _gzipped[key] = len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))
    return _gzipped[key]


def build(project: Project = HERE) -> Assets:
    """npm ci, esbuild, the wheels and their gzip sizes (each step only when its input changed)."""
    with _locked(project):
        dist, wheels = _npm(project), _wheels(project)
        files = {name: dist / name for name in ("app.js", "worker.js")}
        for name in pyodide_files(project):
            files[f"pyodide/{name}"] = project.pyodide / name
        for wheel in wheels:
            files[f"wheels/{wheel.name}"] = wheel
        return Assets(files, {name: gzip_size(path) for name, path in files.items()})


def _copy(source: Path, target: Path) -> None:
    if target.exists() and target.stat().st_size == source.stat().st_size:
        if target.stat().st_mtime >= source.stat().st_mtime:
            return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def install(assets: Assets, site_dir: Path) -> None:
    """The files into `site_dir/assets/runner/`, with manifest.json."""
    site = Path(site_dir) / OUT
    for name, source in assets.files.items():
        _copy(source, site / name)
    # Pyodide fetch()-ით იღებს ამ ფაილებს (პროგრესისთვის); .mjs-ებს import() ტვირთავს
    fetched = [p for n, p in assets.files.items() if n.startswith(("pyodide/", "wheels/"))]
    manifest = {
        "pyodide": "pyodide/",
        "wheels": [n for n in assets.files if n.startswith("wheels/")],
        "fetched_bytes": sum(p.stat().st_size for p in fetched if p.suffix != ".mjs"),
        "download_bytes": sum(assets.gzipped.values()),
        "files": {n: [p.stat().st_size, assets.gzipped[n]] for n, p in assets.files.items()},
    }
    (site / "manifest.json").write_text(json.dumps(manifest, indent=1), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="also install into SITE/assets/runner")
    args = parser.parse_args(argv)
    try:
        assets = build()
    except AssetError as err:
        print(err, file=sys.stderr)
        return 1
    if args.site:
        install(assets, args.site)
    total = sum(assets.gzipped.values())
    print(f"{CACHE.relative_to(ROOT)}: {len(assets.files)} files, {total / 1e6:.1f} MB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
