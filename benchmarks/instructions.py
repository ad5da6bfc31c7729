"""Instructions per file, counted by valgrind's callgrind: figures that do not move with the
machine's load. The wall times of run.py do (by a third from one day to the next on the
development machine); these counts stay the same to a fraction of a percent, so they show what
a change to wvp costs or saves.

    python benchmarks/instructions.py       # about five minutes; needs valgrind

A per-file row runs one short Python program twice under callgrind, over the first A and the
first B files of a generated tree (benchmarks/generate.py, fixed seed); (count(B) - count(A)) /
(B - A) is what one more file costs, start-up left out. The start-up rows count whole processes
on one case. Python's hash seed is fixed. The table goes to stdout and to
benchmarks/instructions.md.

The work of a row is what the row's name says, in one process: "libyaml compose" is the floor of
run.py (read the file, `yaml.compose` with the C loader), "wvp check" is what a worker does for
a file of a cold `wvp check` (read, load, clock, every rule, the cache key and entry), "warm" is
what `wvp check` does for a file whose result is in the cache.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import AS_OF, generate  # the generator lives next to this script

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent

# Each program gets the tree and the number of files; it does the row's work for those files.
_PRELUDE = """
import datetime as dt, pathlib, sys
tree, count = pathlib.Path(sys.argv[1]), int(sys.argv[2])
paths = sorted(tree.rglob("*.yaml"))[:count]
as_of = dt.date.fromisoformat(sys.argv[3])
"""

PROGRAMS = {
    "libyaml compose (the floor)": """
import yaml
for path in paths:
    with open(path, encoding="utf-8") as handle:
        yaml.compose(handle.read(), Loader=yaml.CSafeLoader)
""",
    "wvp load (read, parse, walk, validate)": """
from wvp_cli.core import loader
from wvp_cli.repo import store
for path in paths:
    loader.load_bytes(store.read_bytes(path, loader.MAX_FILE_BYTES), str(path))
""",
    "wvp check, cold (load, clock, rules, cache entry)": """
from wvp_cli.repo import scan
task = scan.Task(as_of)
scan._make([(str(p), False, None) for p in paths], task, scan._key_prefix(task))
""",
    "wvp deadlines --week, cold": """
from wvp_cli.repo import scan
task = scan.Task(as_of, findings=False, agenda=True, until=as_of + dt.timedelta(days=7))
scan._make([(str(p), False, None) for p in paths], task, scan._key_prefix(task))
""",
    "wvp check, warm (read, hash, look up, decode)": """
from wvp_cli.repo import scan
scan.scan([(p, False) for p in paths], scan.Task(as_of), cache_dir=tree / ".wvp_cache", jobs=1)
""",
}

_COLLECTED = re.compile(r"Collected : (\d+)")


def count(cmd: list[str], cwd: Path) -> int:
    """The instructions callgrind counts for `cmd`, every process it starts included."""
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--trace-children=yes",
            "--callgrind-out-file=/dev/null",
            *cmd,
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    found = [int(n) for n in _COLLECTED.findall(run.stderr)]
    if not found:
        raise SystemExit(f"valgrind counted nothing for {cmd}:\n{run.stderr[-2000:]}")
    return sum(found)


def prime(cmd: list[str], cwd: Path) -> None:
    """Run `cmd` once, not counted: a warm row finds every entry in the cache, and every row
    finds the files in the page cache and the bytecode compiled."""
    subprocess.run(cmd, cwd=cwd, capture_output=True, check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs=2, default=(20, 220), metavar=("A", "B"))
    args = parser.parse_args()
    low, high = args.files
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (Debian: apt-get install valgrind)", file=sys.stderr)
        return 2
    wvp = str(BIN / "wvp")
    yamllint = shutil.which("yamllint", path=str(BIN)) or shutil.which("yamllint")
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="wvp-instructions-") as tmp:
        work = Path(tmp)
        tree = work / "cases"
        files = generate(high, tree)
        per_file: dict[str, float] = {}
        for label, body in PROGRAMS.items():
            program = _PRELUDE + body

            def counted(n: int, program: str = program) -> int:
                cmd = [sys.executable, "-c", program, str(tree), str(n), AS_OF.isoformat()]
                return count(cmd, tree)

            prime([sys.executable, "-c", program, str(tree), str(high), AS_OF.isoformat()], tree)

            per_file[label] = (counted(high) - counted(low)) / (high - low)
            rows.append((label, f"{per_file[label] / 1e6:.2f} M per file"))
            print(f"  {label}: {rows[-1][1]}", file=sys.stderr, flush=True)

        one = str(files[0])
        starts = {
            "wvp check one.yaml, cold": [
                wvp,
                "check",
                one,
                "--as-of",
                AS_OF.isoformat(),
                "--no-cache",
            ],
            "wvp check one.yaml, warm": [wvp, "check", one, "--as-of", AS_OF.isoformat()],
        }
        if yamllint is not None:
            starts["yamllint one.yaml"] = [yamllint, one]
        whole: dict[str, int] = {}
        for label, cmd in starts.items():
            prime(cmd, tree)
            whole[label] = count(cmd, tree)
            rows.append((label, f"{whole[label] / 1e6:.0f} M (whole process)"))
            print(f"  {label}: {rows[-1][1]}", file=sys.stderr, flush=True)

    floor = per_file["libyaml compose (the floor)"]
    cold = per_file["wvp check, cold (load, clock, rules, cache entry)"]
    ratios = [f"- wvp check, cold, per file / libyaml compose per file = {cold / floor:.2f}x"]
    if "yamllint one.yaml" in whole:
        ratios += [
            f"- {label} / yamllint one.yaml = {whole[label] / whole['yamllint one.yaml']:.2f}x"
            for label in ("wvp check one.yaml, cold", "wvp check one.yaml, warm")
        ]
    text = "\n".join(
        [
            "# wvp instruction counts",
            "",
            f"Generated by `python benchmarks/instructions.py` (valgrind callgrind, files "
            f"{low} and {high} of the tree): CPython {platform.python_version()}, "
            f"{platform.machine()}. Instructions do not depend on the machine's load; see "
            "the script for what each row does.",
            "",
            "| work | instructions |",
            "|---|---:|",
            *(f"| {label} | {value} |" for label, value in rows),
            "",
            "## Ratios",
            "",
            *ratios,
            "",
        ]
    )
    (HERE / "instructions.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
