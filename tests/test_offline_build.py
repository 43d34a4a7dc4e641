"""hooks/offline.py აწყობისას: sw.js, offline.json, ქეშების სახელები და zip-ასლი."""

from __future__ import annotations

import json
import re
import zipfile

from hooks.offline import README, zip_site
from tests.conftest import ROOT


def test_service_worker_and_its_lists(built_site):
    sw = (built_site / "sw.js").read_text("utf-8")
    info = json.loads((built_site / "offline.json").read_text("utf-8"))
    assert re.fullmatch(r"[0-9a-f]{12}", info["version"])
    assert re.fullmatch(r"mg-runner-[0-9a-f]{12}", info["runner_cache"])
    # Workbox's runtime is inside sw.js (nothing from a CDN); the only import is our cleanup
    assert "googleapis" not in sw and "cdn" not in sw.lower()
    # the cleanup's file carries the version: a stale copy from the HTTP cache would delete the
    # new precache (importScripts consults the HTTP cache by default)
    extra_name = f"sw-extra-{info['version']}.js"
    assert re.findall(r"importScripts\(([^)]*)\)", sw) == [f'"{extra_name}"']
    assert [p.name for p in built_site.glob("sw-extra*.js")] == [extra_name]
    assert f"mg-{info['version']}" in sw and info["runner_cache"] in sw
    extra = (built_site / extra_name).read_text("utf-8")
    assert info["version"] in extra and info["runner_cache"] in extra
    precached = set(re.findall(r'url:"([^"]+)"', sw))
    for needed in ["index.html", "backprop/index.html", "search/search_index.json",
                   "assets/runner/pages/backprop.json", "javascripts/runner.js"]:  # fmt: skip
        assert needed in precached, needed
    assert any(u.startswith("assets/fonts/") for u in precached)
    # the page-load scripts and the modules they import on first use (stepper/steps.js, …)
    scripts = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.js")}
    assert any("/" in s.removeprefix("javascripts/") for s in scripts), scripts
    assert scripts <= precached, scripts - precached
    assert any(u.startswith("assets/javascripts/bundle.") for u in precached)
    # the runner's big files are cached on first use (or by the offline button), not on install
    runner = {path for path, _ in info["runner"]}
    assert "assets/runner/pyodide/pyodide.asm.wasm" in runner
    assert not runner & precached
    for path, size in info["runner"]:
        assert (built_site / path).stat().st_size == size


def test_zip_has_the_site_and_a_readme(built_site, tmp_path):
    dest = tmp_path / "micrograd-ka.zip"
    zip_site(built_site, dest)
    with zipfile.ZipFile(dest) as z:
        names = set(z.namelist())
        assert z.read("micrograd-ka/README.txt").decode() == README
    assert "micrograd-ka/index.html" in names
    assert "micrograd-ka/assets/runner/pyodide/python_stdlib.zip" in names
    assert "http.server" in README
