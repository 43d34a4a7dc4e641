"""GitHub Actions-ის ფაილები სწორია (validated against the workflow JSON schema) და უსაფრთხოა
(zizmor, offline)."""

import shutil
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
    """One list of checks: GitHub CI runs .ci/run, which runs `make test` and `make test-torch`
    (PyTorch's CPU-only build, so the job does not download the CUDA one)."""
    ci = yaml.safe_load(WORKFLOWS[0].parent.joinpath("ci.yml").read_text())
    steps = ci["jobs"]["test"]["steps"]
    (step,) = [step for step in steps if step.get("run") == ".ci/run"]
    commands = (WORKFLOWS[0].parents[2] / ".ci" / "run").read_text().splitlines()
    assert "make test" in commands and "make test-torch" in commands
    assert step["env"]["TORCH_INDEX"].endswith("/whl/cpu")
    # Debian's chromium and graphviz: the job runs in a Debian container (not Ubuntu's snap)
    assert "bookworm" in ci["jobs"]["test"]["container"]
    pages = yaml.safe_load(WORKFLOWS[0].parent.joinpath("pages.yml").read_text())
    assert any("deploy-pages" in step.get("uses", "") for step in pages["jobs"]["deploy"]["steps"])


def zizmor(*paths) -> subprocess.CompletedProcess:
    exe = shutil.which("zizmor", path=str(Path(sys.executable).parent)) or "zizmor"
    cmd = [exe, "--offline", "--no-progress", "--format", "plain", *map(str, paths)]
    return subprocess.run(cmd, capture_output=True, text=True)


def test_workflows_pass_the_zizmor_audit():
    """Actions pinned to commit hashes, no token left in .git, Pages permissions only on the
    job that deploys: zizmor (offline) finds nothing."""
    result = zizmor(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_zizmor_would_catch_a_tag_and_a_kept_token(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - uses: actions/checkout@v4\n",
        "utf-8",
    )
    out = zizmor(bad)
    assert out.returncode != 0
    assert "unpinned-uses" in out.stdout and "artipacked" in out.stdout, out.stdout
