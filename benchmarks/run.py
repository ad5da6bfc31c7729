"""The wvp benchmark: whole processes on generated trees of 1, 1,000 and 10,000 cases.

    pip install -e ".[bench]"        # yamllint and check-jsonschema, the yardsticks
    python benchmarks/run.py         # about 10 minutes on two cores; --quick for 1 and 1,000

Every command runs as a whole process (start-up included) at a fixed `--as-of`, in a temporary
folder; the figure is the median wall time of several runs (a single run when one takes over 60 s)
and, beside it, the CPU time (user + system, workers included). Peak memory is the largest
resident set of any one process of the command (`getrusage(RUSAGE_CHILDREN).ru_maxrss` of a
wrapper that runs only that command). The floor is libyaml alone: `yaml.compose` with the C loader
over the same files, split over the cores with multiprocessing. The table goes to stdout and to
benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import AS_OF, generate  # the generator lives next to this script

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
AS_OF_ARG = AS_OF.isoformat()

# Runs one command and prints its wall time, CPU time and the peak RSS of its processes.
_WRAP = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, use.ru_utime + use.ru_stime, use.ru_maxrss, code)
"""

# The floor: libyaml's C loader composing every file, over the cores, and nothing else.
_FLOOR = """
import multiprocessing, os, sys, yaml
def compose(path):
    with open(path, encoding="utf-8") as handle:
        yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
files = [os.path.join(r, n) for r, _, ns in os.walk(sys.argv[1]) for n in ns if n.endswith(".yaml")]
with multiprocessing.Pool(len(os.sched_getaffinity(0))) as pool:
    pool.map(compose, files, chunksize=64)
"""


FLOOR = "libyaml floor (compose only, all cores)"
COLD = "wvp check, cold (empty cache)"
WARM = "wvp check, warm (cache)"


class Measure:
    def __init__(self, wall: float, cpu: float, rss_mb: float, code: int) -> None:
        self.wall, self.cpu, self.rss_mb, self.code = wall, cpu, rss_mb, code


def measure(cmd: list[str], cwd: Path, runs: int, *, before: list[str] | None = None) -> Measure:
    """The median of `runs` runs (one when a run takes over a minute). `before` runs first,
    untimed, before every run (to empty the cache for a cold run)."""
    results: list[Measure] = []
    for _ in range(runs):
        if before is not None:
            subprocess.run(before, cwd=cwd, check=True)
        out = subprocess.run(
            [sys.executable, "-c", _WRAP, *cmd], cwd=cwd, capture_output=True, text=True, check=True
        ).stdout.split()
        results.append(Measure(float(out[0]), float(out[1]), int(out[2]) / 1024, int(out[3])))
        if results[-1].wall > 60:
            break
    return Measure(
        statistics.median(r.wall for r in results),
        statistics.median(r.cpu for r in results),
        max(r.rss_mb for r in results),
        results[-1].code,
    )


def has_command(name: str) -> bool:
    wvp = str(BIN / "wvp")
    result = subprocess.run([wvp, name, "--help"], capture_output=True, text=True)
    return result.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="only 1 and 1,000 cases")
    parser.add_argument("--sizes", type=int, nargs="*", help="tree sizes (default 1 1000 10000)")
    parser.add_argument(
        "--rerender", action="store_true", help="rewrite results.md from its own table, no runs"
    )
    args = parser.parse_args()
    if args.rerender:
        return rerender()
    sizes = args.sizes or ([1, 1000] if args.quick else [1, 1000, 10000])

    wvp = str(BIN / "wvp")
    yamllint = shutil.which("yamllint", path=str(BIN)) or shutil.which("yamllint")
    cjs = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which("check-jsonschema")
    notes: list[str] = []
    if yamllint is None or cjs is None:
        notes.append(
            "yamllint or check-jsonschema is not installed: `pip install -e '.[bench]'` "
            "installs them; their rows are left out."
        )
    deadlines = has_command("deadlines")
    if not deadlines:
        notes.append("`wvp deadlines` does not exist in this version; its rows are left out.")

    rows: list[tuple[str, int, Measure, str]] = []
    with tempfile.TemporaryDirectory(prefix="wvp-bench-") as tmp:
        work = Path(tmp)
        schema = work / "case.schema.json"
        schema.write_text(subprocess.run([wvp, "schema"], capture_output=True, text=True).stdout)
        clear = [sys.executable, "-c", "import shutil; shutil.rmtree('.wvp_cache', True)"]
        for n in sizes:
            tree = work / f"cases-{n}"
            files = generate(n, tree)
            target = str(files[0]) if n == 1 else str(tree)
            one = str(files[len(files) // 2])
            print(f"# {n} cases ...", file=sys.stderr, flush=True)

            def add(
                label: str, cmd: list[str], note: str = "", size: int = n, **kw: list[str]
            ) -> Measure:
                result = measure(cmd, work, args.runs, **kw)
                rows.append((label, size, result, note))
                print(
                    f"  {label}: {result.wall:.2f} s wall, {result.cpu:.2f} s CPU, "
                    f"{result.rss_mb:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
                # Written after every measurement, so that an interrupted run keeps its figures.
                (HERE / "results.md").write_text(render(rows, sizes, notes), encoding="utf-8")
                return result

            check = [wvp, "check", target, "--as-of", AS_OF_ARG, "--format", "json"]
            add(
                "libyaml floor (compose only, all cores)", [sys.executable, "-c", _FLOOR, str(tree)]
            )
            add("wvp check, cold (empty cache)", check, before=clear)
            add("wvp check, warm (cache)", check)
            # The first run of a new day: the cache holds yesterday's results only.
            yesterday = [
                sys.executable,
                "-c",
                "import shutil, subprocess, sys; shutil.rmtree('.wvp_cache', True); "
                "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)",
                *check[:3],
                "--as-of",
                (AS_OF - dt.timedelta(days=1)).isoformat(),
                "--format",
                "json",
            ]
            add("wvp check, next day (cache of the day before)", check, before=yesterday)
            add("wvp check --no-cache", [*check, "--no-cache"])
            add("wvp check --no-cache --jobs 1", [*check, "--no-cache", "--jobs", "1"])
            if deadlines:
                week = [wvp, "deadlines", target, "--week", "--as-of", AS_OF_ARG]
                add("wvp deadlines --week, cold", week, before=clear)
                add("wvp deadlines --week, warm", week)
            add("wvp timeline (one case file)", [wvp, "timeline", one, "--as-of", AS_OF_ARG])
            if yamllint is not None:
                add("yamllint", [yamllint, target])
            if cjs is not None:
                cjs_files = [str(f) for f in files]
                add("check-jsonschema --schemafile", [cjs, "--schemafile", str(schema), *cjs_files])

    report = render(rows, sizes, notes)
    sys.stdout.write(report)
    (HERE / "results.md").write_text(report, encoding="utf-8")
    return 0


def render(rows: list[tuple[str, int, Measure, str]], sizes: list[int], notes: list[str]) -> str:
    def cell(label: str, n: int) -> Measure | None:
        return next((m for lab, size, m, _ in rows if lab == label and size == n), None)

    cpus = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    lines = [
        "# wvp benchmark results",
        "",
        f"Generated by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')}: "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {cpus} cores, load average {load:.1f} at the end of the run. "
        f"Cases from `benchmarks/generate.py` (seed fixed), `--as-of {AS_OF_ARG}`.",
        "",
        "Wall time is the median of the runs, CPU is user + system of every process of the "
        "command, memory the peak resident set of its largest process.",
        "",
        "| command | cases | wall (s) | CPU (s) | peak MB | exit |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, n, m, _ in rows:
        lines.append(
            f"| {label} | {n:,} | {m.wall:.2f} | {m.cpu:.2f} | {m.rss_mb:.0f} | {m.code} |"
        )
    lines += ["", "## Ratios", ""]
    for n in sizes:
        floor = cell("libyaml floor (compose only, all cores)", n)
        cold = cell("wvp check, cold (empty cache)", n)
        warm = cell("wvp check, warm (cache)", n)
        lint = cell("yamllint", n)
        cjs = cell("check-jsonschema --schemafile", n)
        parts = []
        if floor and cold:
            parts.append(f"cold check / libyaml floor = {cold.wall / floor.wall:.2f}x")
        if lint and cold:
            parts.append(f"yamllint / cold check = {lint.wall / cold.wall:.1f}x")
        if lint and warm:
            parts.append(f"yamllint / warm check = {lint.wall / warm.wall:.1f}x")
        if cjs and cold:
            parts.append(f"check-jsonschema / cold check = {cjs.wall / cold.wall:.1f}x")
        lines.append(f"- {n:,} cases: " + "; ".join(parts))
    if 1000 in sizes and 10000 in sizes:
        for label in ("wvp check, cold (empty cache)", "wvp check, warm (cache)"):
            small, big = cell(label, 1000), cell(label, 10000)
            if small and big:
                lines.append(
                    f"- growth 1,000 -> 10,000, {label}: {big.wall / small.wall:.1f}x wall, "
                    f"{big.cpu / small.cpu:.1f}x CPU (linear is 10x)"
                )
    lines += ["", "## Targets (issue 8)", ""]
    lines += [f"- {verdict}" for verdict in targets(cell, sizes)]
    if notes:
        lines += ["", "## Notes", "", *(f"- {n}" for n in notes)]
    lines.append("")
    return "\n".join(lines)


def rerender() -> int:
    """Render results.md again from the figures in its table (after a change to `render`)."""
    path = HERE / "results.md"
    rows: list[tuple[str, int, Measure, str]] = []
    notes: list[str] = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 6 and cells[1].replace(",", "").isdigit():
            m = Measure(float(cells[2]), float(cells[3]), float(cells[4]), int(cells[5]))
            rows.append((cells[0], int(cells[1].replace(",", "")), m, ""))
        elif section == "## Notes" and line.startswith("- "):
            notes.append(line[2:])
    sizes = sorted({n for _, n, _, _ in rows})
    old = path.read_text(encoding="utf-8").splitlines()
    header = next((line for line in old if line.startswith("Generated by")), None)
    new = render(rows, sizes, notes).splitlines()
    if header is not None:  # the machine and its load are those of the run, not of now
        new = [header if line.startswith("Generated by") else line for line in new]
    path.write_text("\n".join(new) + "\n", encoding="utf-8")
    return 0


def targets(cell: Any, sizes: list[int]) -> list[str]:
    """Each target of the issue, met or not, from the figures in the table."""
    out: list[str] = []

    def say(ok: bool, text: str) -> None:
        out.append(f"{'met' if ok else 'NOT met'}: {text}")

    big = max(sizes)
    floor, cold = cell(FLOOR, big), cell(COLD, big)
    warm, lint = cell(WARM, big), cell("yamllint", big)
    if floor and cold:
        ratio = cold.wall / floor.wall
        say(ratio <= 1.5, f"cold check within 1.5x of the libyaml floor ({ratio:.2f}x, {big:,})")
    if warm:
        say(warm.wall <= 1.5, f"warm check at most 1.5 s ({warm.wall:.2f} s, {big:,} cases)")
    week_warm = cell("wvp deadlines --week, warm", big)
    if week_warm:
        say(
            week_warm.wall <= 1.5,
            f"warm deadlines --week at most 1.5 s ({week_warm.wall:.2f} s, {big:,} cases)",
        )
    for label in (COLD, WARM, "wvp deadlines --week, cold", "wvp deadlines --week, warm"):
        m = cell(label, big)
        if m:
            say(m.rss_mb < 400, f"{label}: peak memory under 400 MB ({m.rss_mb:.0f} MB)")
    one, one_warm, one_lint = cell(COLD, 1), cell(WARM, 1), cell("yamllint", 1)
    if one and one_lint:
        say(
            one.wall <= one_lint.wall,
            f"one case: check {one.wall:.2f} s cold"
            + (f", {one_warm.wall:.2f} s warm" if one_warm else "")
            + f", yamllint {one_lint.wall:.2f} s",
        )
    if lint and cold:
        ratio = lint.wall / cold.wall
        say(ratio >= 10, f"at least 10x faster than yamllint at {big:,} ({ratio:.1f}x cold)")
    small = cell(COLD, 1000)
    if small and cold and big == 10000:
        growth = cold.wall / small.wall
        say(growth <= 11, f"linear growth 1,000 -> 10,000 ({growth:.1f}x for 10x the cases)")
    return out


if __name__ == "__main__":
    sys.exit(main())
