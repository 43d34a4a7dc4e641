"""tooling/: the site's shared tooling is importable everywhere, and not part of micrograd."""

from __future__ import annotations

import zipfile

from tests.conftest import ROOT


def test_the_micrograd_wheel_holds_only_the_engine():
    """Colab and Pyodide users install micrograd alone: no hooks, tooling or site styling.

    The wheel is the one the in-page runner ships (tooling/runner_assets.py: `pip wheel .`,
    cached by the sources' hash, so after a build this costs nothing)."""
    from tooling import runner_assets

    (wheel,) = [w for w in runner_assets.build().files.values() if w.name.startswith("micrograd")]
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"micrograd", wheel.name.split("-py")[0] + ".dist-info"}, tops


def test_tooling_is_imported_as_a_package_not_by_file_path():
    """One way to share code: `import tooling...`; no spec_from_file_location or sys.path edits."""
    files = [*ROOT.glob("hooks/*.py"), *ROOT.glob("scripts/*.py"), *ROOT.glob("tests/**/*.py")]
    files += [*ROOT.glob("tooling/*.py"), ROOT / "conftest.py"]
    this = __file__
    bad = [
        f"{path.relative_to(ROOT)}: {pattern}"
        for path in files
        if str(path) != this
        for pattern in ("spec_from_file_location", "sys.path.insert", "sys.path.append")
        if pattern in path.read_text("utf-8")
    ]
    assert not bad, bad


def test_slugify_transliterates_georgian():
    from tooling.slugify import slugify

    assert slugify("წარმოებული") == "tsarmoebuli"
    assert slugify("ჯაჭვის წესი (chain rule)") == "jachvis-tsesi-chain-rule"
    assert slugify("  ——  ") == ""
