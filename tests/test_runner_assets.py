"""tooling/runner_assets.py: the in-page runner's files, built apart from the site's pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading

from tests.conftest import ROOT
from tooling import runner_assets


def _pins(path) -> dict[str, str]:
    found = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", line.strip())
        if m:
            found[m[1].lower()] = m[2]
    return found


def test_pyodide_graphviz_wheel_is_the_constraints_version():
    """The browser's graphviz and the build's are one version: draw_dot makes the same DOT."""
    browser = _pins(ROOT / "requirements" / "pyodide.txt")
    build = _pins(ROOT / "requirements" / "constraints.txt")
    assert browser, "requirements/pyodide.txt pins nothing"
    for name, version in browser.items():
        assert build.get(name) == version, (
            f"{name}: pyodide.txt {version}, constraints {build.get(name)}"
        )
    assert "--hash=sha256:" in (ROOT / "requirements" / "pyodide.txt").read_text("utf-8")


def test_pyodide_files_come_from_its_npm_package():
    """Not a hand-kept list: the ES module, its WebAssembly, the standard library and lock file."""
    package = json.loads((runner_assets.PYODIDE / "package.json").read_text("utf-8"))
    files = runner_assets.pyodide_files()
    assert files[0] == package["exports"]["."]["import"].removeprefix("./") == "pyodide.mjs"
    assert {"pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"} <= set(
        files
    )
    assert "pyodide.js" not in files and "package.json" not in files  # CommonJS, metadata
    for name in files:
        assert (runner_assets.PYODIDE / name).is_file(), name


def test_two_builds_at_once_take_turns():
    """The lock: a second build waits while the first holds .cache/runner."""
    order = []

    def second():
        with runner_assets._locked():
            order.append("second")

    with runner_assets._locked():
        waiting = threading.Thread(target=second)
        waiting.start()
        waiting.join(timeout=1.0)
        assert waiting.is_alive(), "the second build did not wait for the lock"
        order.append("first")
    waiting.join(timeout=10)
    assert order == ["first", "second"]


def test_runnable_alone_and_installs_what_the_manifest_names(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "tooling.runner_assets", "--site", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    site = tmp_path / runner_assets.OUT
    manifest = json.loads((site / "manifest.json").read_text("utf-8"))
    assert manifest["files"] and all((site / name).is_file() for name in manifest["files"])
    assert [n for n in manifest["files"] if n.startswith("pyodide/")] == [
        f"pyodide/{n}" for n in runner_assets.pyodide_files()
    ]
    assert not list(runner_assets.CACHE.glob(".*-*")), "a temporary folder was left in the cache"
