"""Checking many files: one process and many give the same output; and `wvp check` does not
import the modules only other commands need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES, run_cli


def test_one_job_and_many_jobs_give_the_same_check(tmp_path: Path) -> None:
    import shutil

    for n in range(30):
        shutil.copytree(SAMPLES, tmp_path / f"c{n:02d}")
    args = ("check", str(tmp_path), "--as-of", "2026-11-24", "--format", "json", "--no-cache")
    one = run_cli(*args, "--jobs", "1")
    many = run_cli(*args, "--jobs", "2")
    assert one.out == many.out
    assert json.loads(one.out)["files_checked"] == 30 * len(list(SAMPLES.glob("*.yaml")))


def test_jobs_must_be_positive() -> None:
    assert run_cli("check", str(SAMPLES), "--jobs", "0").code == 2


def test_check_does_not_import_the_heavy_modules(tmp_path: Path) -> None:
    heavy = ("jinja2", "markdown_it", "weasyprint", "icalendar")
    code = (
        "import sys\n"
        "from wvp_cli.cli import main\n"
        f"main(['check', {str(SAMPLES)!r}, '--as-of', '2026-11-24', '--no-cache'])\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
