"""The wvp benchmark: the targets of issue 23, as ratios taken in one run, on a repository that
looks like a neglected real one (benchmarks/generate.py --neglected: about five findings per
case).

    python benchmarks/run.py                  # 10,000 and 50,000 cases; 20-40 minutes on 2 cores
    python benchmarks/run.py --sizes 2000 10000 --runs 3
    python benchmarks/run.py --rerender       # results.md again from its own table

Every command runs as a whole process (start-up included) at a fixed `--as-of`, in a temporary
folder. Wall time moves with the machine's load (by a third from one day to the next on the
development machine, whose two cores are shared), so every target is a ratio of two commands
measured in pairs, one right after the other, and the median of the pairs' ratios is taken;
where a target is an absolute time (the warm runs), the CPU time (user + system, workers
included) stands beside it, which moves far less. Peak memory is the largest resident set of
any one process of the command (`getrusage(RUSAGE_CHILDREN).ru_maxrss` of a wrapper that runs
only that command). The floor is libyaml alone: `yaml.compose` with the C loader over the same
files, on as many processes as wvp uses. The table goes to stdout and to benchmarks/results.md,
with the command of every row.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

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

# The floor: libyaml's C loader composing every file, on N processes, and nothing else.
_FLOOR = """
import multiprocessing, os, sys, yaml
def compose(path):
    with open(path, encoding="utf-8") as handle:
        yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
files = [os.path.join(r, n) for r, _, ns in os.walk(sys.argv[1]) for n in ns if n.endswith(".yaml")]
with multiprocessing.Pool(int(sys.argv[2])) as pool:
    pool.map(compose, files, chunksize=64)
"""


@dataclass
class Measure:
    wall: float
    cpu: float
    rss_mb: float
    code: int


@dataclass
class Row:
    label: str
    cases: int
    command: str
    m: Measure


def once(cmd: list[str], cwd: Path, before: list[str] | None = None) -> Measure:
    if before is not None:
        subprocess.run(before, cwd=cwd, check=True, capture_output=True)
    out = subprocess.run(
        [sys.executable, "-c", _WRAP, *cmd], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.split()
    return Measure(float(out[0]), float(out[1]), int(out[2]) / 1024, int(out[3]))


def median(results: list[Measure]) -> Measure:
    return Measure(
        statistics.median(r.wall for r in results),
        statistics.median(r.cpu for r in results),
        max(r.rss_mb for r in results),
        results[-1].code,
    )


def shown(cmd: list[str]) -> str:
    """The command as a reader would type it (the tree and the interpreter by name)."""
    words = []
    for word in cmd:
        if word == sys.executable:
            word = "python"
        elif word.startswith(str(BIN)) or word.startswith(tempfile.gettempdir()):
            word = Path(word).name
        elif "\n" in word:
            word = "<floor program>"
        words.append(word)
    return " ".join(words)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="pairs per ratio (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10000, 50000])
    parser.add_argument("--rerender", action="store_true", help="results.md from its table")
    args = parser.parse_args()
    if args.rerender:
        return rerender()
    wvp = str(BIN / "wvp")
    yamllint = shutil.which("yamllint", path=str(BIN)) or shutil.which("yamllint")
    cores = len(os.sched_getaffinity(0))
    rows: list[Row] = []
    ratios: dict[str, float] = {}
    notes: list[str] = []

    def keep(label: str, n: int, cmd: list[str], m: Measure) -> None:
        rows.append(Row(label, n, shown(cmd), m))
        print(
            f"  {label} ({n:,}): {m.wall:.2f} s wall, {m.cpu:.2f} s CPU, {m.rss_mb:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
        (HERE / "results.md").write_text(render(rows, ratios, notes), encoding="utf-8")

    def paired(
        name: str,
        n: int,
        a: tuple[str, list[str], list[str] | None],
        b: tuple[str, list[str], list[str] | None],
        work: Path,
        runs: int,
    ) -> tuple[Measure, Measure]:
        """`a` and `b` one after the other, `runs` times; the median of wall(a) / wall(b)."""
        first: list[Measure] = []
        second: list[Measure] = []
        for _ in range(runs):
            first.append(once(a[1], work, a[2]))
            second.append(once(b[1], work, b[2]))
        ratios[f"{name} ({n:,})"] = statistics.median(
            x.wall / y.wall for x, y in zip(first, second, strict=True)
        )
        # CPU time moves far less with the machine's load (but says nothing of parallelism).
        ratios[f"{name}, CPU time ({n:,})"] = statistics.median(
            x.cpu / y.cpu for x, y in zip(first, second, strict=True)
        )
        ma, mb = median(first), median(second)
        keep(a[0], n, a[1], ma)
        keep(b[0], n, b[1], mb)
        return ma, mb

    clear = [sys.executable, "-c", "import shutil; shutil.rmtree('.wvp_cache', True)"]
    with tempfile.TemporaryDirectory(prefix="wvp-bench-") as tmp:
        work = Path(tmp)
        for n in args.sizes:
            tree = work / f"cases-{n}"
            files = generate(n, tree, neglected=True)
            print(f"# {n:,} cases ...", file=sys.stderr, flush=True)
            target = tree.name
            check = [wvp, "check", target, "--as-of", AS_OF_ARG, "--format", "json"]
            floor = [sys.executable, "-c", _FLOOR, target, str(cores)]
            cold_runs = 1 if n > 20000 else max(1, args.runs - 1)
            paired(
                "cold check json / libyaml floor",
                n,
                ("wvp check --format json, cold (empty cache)", check, clear),
                (f"libyaml floor (compose only, {cores} processes)", floor, None),
                work,
                cold_runs,
            )
            warm = once(check, work)  # the cache is full after the cold run
            warm_runs = [once(check, work) for _ in range(args.runs)]
            keep("wvp check --format json, warm", n, check, median([warm, *warm_runs][1:]))
            text = [wvp, "check", target, "--as-of", AS_OF_ARG]
            keep("wvp check (text), warm", n, text, median([once(text, work) for _ in range(3)]))
            week = [wvp, "deadlines", target, "--week", "--as-of", AS_OF_ARG]
            keep("wvp deadlines --week, cold", n, week, once(week, work, clear))
            keep(
                "wvp deadlines --week, warm",
                n,
                week,
                median([once(week, work) for _ in range(args.runs)]),
            )
            if n <= 20000:
                one_job = [*check, "--no-cache", "--jobs", "1"]
                two_jobs = [*check, "--no-cache", "--jobs", str(cores)]
                paired(
                    f"--jobs 1 / --jobs {cores}",
                    n,
                    ("wvp check --no-cache --jobs 1", one_job, None),
                    (f"wvp check --no-cache --jobs {cores}", two_jobs, None),
                    work,
                    cold_runs,
                )
            if n == max(args.sizes) and n != min(args.sizes):
                small = min(args.sizes)
                for label in (
                    "wvp check --format json, cold (empty cache)",
                    "wvp check --format json, warm",
                ):
                    a = next(r.m for r in rows if r.label == label and r.cases == n)
                    b = next(r.m for r in rows if r.label == label and r.cases == small)
                    ratios[f"{label}: {n:,} / {small:,} cases"] = a.wall / b.wall
            if n == min(args.sizes):
                one = str(files[len(files) // 2].relative_to(work))
                single = [wvp, "check", one, "--as-of", AS_OF_ARG]
                once(single, work)  # its entry in the cache
                if yamllint is not None:
                    paired(
                        "warm check one.yaml / yamllint one.yaml",
                        1,
                        ("wvp check one.yaml, warm", single, None),
                        ("yamllint one.yaml", [yamllint, one], None),
                        work,
                        max(5, args.runs),
                    )
                else:
                    notes.append("yamllint is not installed (`pip install -e '.[bench]'`).")
    notes.append(
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{cores} cores, load average {os.getloadavg()[0]:.1f} at the end of the run."
    )
    report = render(rows, ratios, notes)
    sys.stdout.write(report)
    (HERE / "results.md").write_text(report, encoding="utf-8")
    return 0


def render(rows: list[Row], ratios: dict[str, float], notes: list[str]) -> str:
    lines = [
        "# wvp benchmark results",
        "",
        f"Generated by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')} (see its "
        "docstring for how each figure is taken). Cases from `benchmarks/generate.py "
        f"--neglected` (seed fixed, about five findings per case), `--as-of {AS_OF_ARG}`. The "
        "commands run in the folder that holds the tree.",
        "",
        "| command | cases | wall (s) | CPU (s) | peak MB | exit | run as |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        m = r.m
        lines.append(
            f"| {r.label} | {r.cases:,} | {m.wall:.2f} | {m.cpu:.2f} | {m.rss_mb:.0f} | "
            f"{m.code} | `{r.command}` |"
        )
    lines += ["", "## Ratios (medians of pairs run one after the other)", ""]
    lines += [f"- {name}: {value:.2f}x" for name, value in ratios.items()]
    lines += ["", "## Targets (issue 23)", ""]
    lines += [f"- {verdict}" for verdict in targets(rows, ratios)]
    lines += ["", "## Notes", "", *(f"- {n}" for n in notes), ""]
    return "\n".join(lines)


def targets(rows: list[Row], ratios: dict[str, float]) -> list[str]:
    """Each target of issue 23, met or not, from the table and the ratios."""
    out: list[str] = []

    def say(ok: bool, text: str) -> None:
        out.append(f"{'met' if ok else 'NOT met'}: {text}")

    def cell(label: str, n: int) -> Measure | None:
        return next((r.m for r in rows if r.label == label and r.cases == n), None)

    sizes = sorted({r.cases for r in rows if r.cases > 1})
    if not sizes:
        return out
    base = 10000 if 10000 in sizes else sizes[0]
    for label, limit in (
        ("wvp check --format json, warm", 1.0),
        ("wvp check (text), warm", 1.0),
        ("wvp deadlines --week, warm", 0.7),
    ):
        m = cell(label, base)
        if m is not None:
            say(
                m.wall <= limit,
                f"{label} at most {limit:.1f} s at {base:,} cases: {m.wall:.2f} s wall "
                f"({m.cpu:.2f} s CPU)",
            )
    for name, value in ratios.items():
        if "CPU time" in name:
            continue  # beside the verdict, not one
        if name.startswith("cold check json / libyaml floor") and f"({base:,})" in name:
            say(value <= 2.5, f"cold check at most 2.5x the libyaml floor: {value:.2f}x")
        elif name.startswith("--jobs 1 /"):
            say(value >= 1.8, f"two workers at least 1.8x as fast as one: {value:.2f}x")
        elif " / " in name and "cases" in name:
            say(value <= 5.3, f"{name} at most 5.3x: {value:.2f}x")
        elif name.startswith("warm check one.yaml"):
            say(value <= 1.3, f"warm check of one file at most 1.3x yamllint: {value:.2f}x")
    top = max(sizes)
    worst = max((r.m.rss_mb for r in rows if r.cases == top), default=None)
    if worst is not None:
        say(worst < 300, f"peak memory under 300 MB at {top:,} cases: {worst:.0f} MB at most")
    return out


def rerender() -> int:
    """results.md again from its own table and ratios (after a change to `render`)."""
    path = HERE / "results.md"
    rows: list[Row] = []
    ratios: dict[str, float] = {}
    notes: list[str] = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 7 and cells[1].replace(",", "").isdigit():
            m = Measure(float(cells[2]), float(cells[3]), float(cells[4]), int(cells[5]))
            rows.append(Row(cells[0], int(cells[1].replace(",", "")), cells[6].strip("`"), m))
        elif section.startswith("## Ratios") and line.startswith("- "):
            name, _, value = line[2:].rpartition(": ")
            try:
                ratios[name] = float(value.rstrip("x"))
            except ValueError:  # a line written by hand
                continue
        elif section == "## Notes" and line.startswith("- "):
            notes.append(line[2:])
    path.write_text(render(rows, ratios, notes), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
