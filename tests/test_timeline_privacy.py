"""The timeline prints one free text of a case, the reason the tweede spoor stopped: masked."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli
from wvp_cli.privacy.terms import TERMS

CASE = """\
wvp: 1
id: "ts-1"
employee:
  name: "A. Jansen"
employer:
  name: "Voorbeeld BV"
sickness:
  - from: 2025-01-06
events:
  - type: start_tweede_spoor
    date: 2026-01-12
    provider: "Bureau Voorbeeld"
    stopped: 2026-03-02
    stop_reason: "gestopt wegens {word}"
"""


def test_the_stop_reason_of_the_tweede_spoor_is_masked(tmp_path: Path) -> None:
    word = "diagnose"
    assert word in TERMS
    case = tmp_path / "ts.yaml"
    case.write_text(CASE.format(word=word))
    run = run_cli("timeline", str(case), "--as-of", "2026-04-01")
    assert "Gestopt: " in run.out, run.out + run.err
    assert word.lower() not in run.out.lower()
    assert "gestopt wegens" in run.out
