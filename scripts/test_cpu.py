"""რამდენ პროცესორის დროს (CPU time) ხარჯავს თითო ტესტი: სად მიდის `make test`-ის დრო.

Under `make test` (two pytest-xdist workers on a 2-core machine) the CPU is busy ~90% of the
time, so `--durations` misleads: a test's wall time grows with whatever the other worker runs.
This runs pytest in one process (`-n 0`) with a small plugin that reads the machine's busy CPU
time (/proc/stat: every process, so Chromium, the Jupyter kernels and the MkDocs builds a test
starts are counted too) before and after each test, and prints the CPU seconds and the wall
seconds per test file and for the top tests. The sum is what `make test` must fit into the
two cores: a change that saves CPU seconds here saves wall time there. Not a test; run it on
a quiet machine (anything else running is counted too). Linux only (/proc/stat).

    .venv/bin/python scripts/test_cpu.py                          # the whole suite (~10 min)
    .venv/bin/python scripts/test_cpu.py --top 20 tests/browser   # extra pytest arguments
    .venv/bin/python scripts/test_cpu.py --report /tmp/cpu.json   # the summary of a saved run
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def busy_seconds() -> float:
    """მანქანის ყველა ბირთვის დაკავებული დრო ჩართვიდან (/proc/stat, idle და iowait გარდა)."""
    with open("/proc/stat") as stat:
        ticks = [int(n) for n in stat.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


class CpuPerTest:
    """pytest-ის plugin-ი: {nodeid: [CPU წამები, wall წამები]}, setup-ითა და teardown-ით."""

    def __init__(self, out: Path):
        self.out, self.times = out, {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        cpu, wall = busy_seconds(), time.monotonic()
        yield
        self.times[item.nodeid] = [busy_seconds() - cpu, time.monotonic() - wall]

    def pytest_sessionfinish(self, session):
        self.out.write_text(json.dumps(self.times, indent=0), "utf-8")


def summary(times: dict[str, list[float]], top: int) -> str:
    files: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for nodeid, (cpu, wall) in times.items():
        row = files[nodeid.split("::")[0]]
        row[0], row[1], row[2] = row[0] + cpu, row[1] + wall, row[2] + 1
    cpu_all = sum(c for c, _ in times.values())
    wall_all = sum(w for _, w in times.values())
    lines = [f"{len(times)} tests: {cpu_all:.0f} CPU s, {wall_all:.0f} wall s (one process)", ""]
    lines.append(f"{'CPU s':>8} {'wall s':>8} {'tests':>6}  file")
    for name, (cpu, wall, n) in sorted(files.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"{cpu:8.1f} {wall:8.1f} {n:6d}  {name}")
    lines += ["", f"{'CPU s':>8} {'wall s':>8}  test (top {top})"]
    for nodeid, (cpu, wall) in sorted(times.items(), key=lambda kv: -kv[1][0])[:top]:
        lines.append(f"{cpu:8.1f} {wall:8.1f}  {nodeid}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / ".cache" / "test-cpu.json")
    parser.add_argument("--top", type=int, default=30, help="how many single tests to list")
    parser.add_argument("--report", type=Path, help="only print the summary of a saved run")
    args, pytest_args = parser.parse_known_args(argv)
    if args.report:
        print(summary(json.loads(args.report.read_text("utf-8")), args.top))
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    plugin = CpuPerTest(args.out)
    code = pytest.main(["-n", "0", "-q", *pytest_args], plugins=[plugin])
    print(summary(plugin.times, args.top))
    return int(code)


if __name__ == "__main__":
    if sys.platform != "linux":
        sys.exit("scripts/test_cpu.py reads /proc/stat: Linux only")
    os.chdir(ROOT)
    sys.exit(main())
