"""Shared helpers: tiny inline cases, running the CLI in-process."""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from wvp_cli.cli import main

# Property tests measure behaviour, never speed: no per-example deadline (a loaded CI machine
# must not fail them). In CI the examples are derived from a fixed seed, so a submission's run
# is reproducible; at a developer's machine they are random, to keep finding new cases.
settings.register_profile("wvp", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "wvp")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_cases"

MINIMAL = """\
wvp: 1
id: "t-1"
employee:
  name: "A. Jansen"
employer:
  name: "Voorbeeld BV"
sickness:
  - from: 2026-01-01
events: []
"""


def yaml_text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> Iterator[type[Run]]:
    yield Run


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(scope="module")
def pdf_tools() -> None:
    """Skip, saying why, where the PDF tests cannot run: WeasyPrint without Pango, or no
    pdftotext (poppler-utils) to read the PDFs back."""
    import shutil

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint without Pango on the system
        pytest.skip(f"WeasyPrint is not usable here: {exc}")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
