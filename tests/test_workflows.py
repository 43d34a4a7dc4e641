"""GitHub Actions-ის ფაილები სწორია (validated against the workflow JSON schema)."""

import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOWS = sorted((Path(__file__).parent.parent / ".github" / "workflows").glob("*.yml"))


def test_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml"}


def test_workflows_match_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_same_make_test():
    ci = yaml.safe_load(WORKFLOWS[0].parent.joinpath("ci.yml").read_text())
    steps = ci["jobs"]["test"]["steps"]
    assert any(step.get("run") == "make test" for step in steps)
    # Debian's chromium and graphviz: the job runs in a Debian container (not Ubuntu's snap)
    assert "bookworm" in ci["jobs"]["test"]["container"]
    pages = yaml.safe_load(WORKFLOWS[0].parent.joinpath("pages.yml").read_text())
    assert any("deploy-pages" in step.get("uses", "") for step in pages["jobs"]["deploy"]["steps"])
