"""`make demo` runs every step at any peildatum (the README's own examples)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.mark.parametrize("as_of", ["2026-11-24", "2027-01-15", "2026-03-01"])
def test_the_demo_shows_check_deadlines_and_a_timeline(as_of: str) -> None:
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "wvp").exists(), "wvp is installed beside the test's Python"
    run = subprocess.run(
        ["make", "-s", "--no-print-directory", "demo-run", f"BIN={bin_dir}", f"AS_OF={as_of}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for step in ("== wvp check", "== wvp deadlines", "== wvp timeline", "== Zo zien fouten"):
        assert step in out
    # Each step printed its own output, not only its heading.
    assert "sample_cases/invalid-format.yaml:" in out
    assert "Tijdlijn" in out or "week" in out
    assert "Traceback" not in out + run.stderr


def test_the_demo_installs_only_what_wvp_needs() -> None:
    makefile = (ROOT / "Makefile").read_text()
    runtime = makefile.split("$(VENV)/.wvp-runtime: pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert "-e ." in runtime and "dev" not in runtime
    assert "demo: install demo-run" in makefile
