"""`wvp render riv --vastleggen`: the content code of every signed document is recorded with its
signatures in the case file (validated, atomic, comments kept), and `wvp check` then reports a
later change to what a signed document shows (WVP312). End to end: the real bundle (WeasyPrint),
the PDFs read back with pdftotext, the case file as written."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import run_cli

CASES = Path(__file__).resolve().parent / "cases"
AS_OF = "2027-03-10"
COMMENT = "# een opmerking van de casemanager, die blijft staan\n"


#: The real bundle needs WeasyPrint and pdftotext (conftest.pdf_tools skips without them).
pytestmark = pytest.mark.usefixtures("pdf_tools")


def _case(tmp_path: Path) -> Path:
    text = (CASES / "render-volledig.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("sickness:\n", COMMENT + "sickness:\n", 1), encoding="utf-8")
    return case


def _findings(case: Path, rule: str) -> list[dict[str, Any]]:
    result = run_cli("check", str(case), "--as-of", AS_OF, "--format", "json", "--no-cache")
    return [f for f in json.loads(result.out)["findings"] if f["rule"] == rule]


def _signatures(case: Path) -> list[tuple[int, dict[str, Any]]]:
    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    return [(i, s) for i, e in enumerate(data["events"]) for s in e.get("signatures", [])]


def test_vastleggen_records_the_codes_and_check_sees_a_later_change(tmp_path: Path) -> None:
    case = _case(tmp_path)
    before = case.read_text(encoding="utf-8")
    assert all("content_hash" not in s for _, s in _signatures(case))

    result = run_cli(
        "render", "riv", str(case), "--as-of", AS_OF, "-o", str(tmp_path / "b"), "--vastleggen"
    )
    assert result.code == 0, result.err
    signed = _signatures(case)
    assert "inhoudscode vastgelegd bij" in result.err
    assert f"bij {len(signed)} handtekeningen" in result.err
    after = case.read_text(encoding="utf-8")
    assert COMMENT in after  # the file's comments and layout are kept
    # Only the signatures changed: every line that differs gained a content_hash.
    assert len(after.splitlines()) == len(before.splitlines())
    lines = zip(before.splitlines(), after.splitlines(), strict=True)
    changed = [(old, new) for old, new in lines if old != new]
    assert changed and all(
        "content_hash" in new and "content_hash" not in old for old, new in changed
    )
    # The code recorded is the one the document prints under its signatures.
    plan = next(s for i, s in signed if i == 2)
    pdf = next((tmp_path / "b").glob("*plan-van-aanpak*.pdf"))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert f"Inhoudscode van dit stuk: {plan['content_hash']}" in " ".join(text.split())
    assert _findings(case, "WVP312") == []

    # A later edit of what the signed plan shows is a finding at its signatures.
    edited = after.replace(
        'goal: "Terugkeer in de eigen functie van drukker, 38 uur per week"',
        'goal: "Terugkeer in de eigen functie van drukker, 30 uur per week"',
        1,
    )
    assert edited != after
    case.write_text(edited, encoding="utf-8")
    (finding,) = _findings(case, "WVP312")
    assert finding["severity"] == "error"
    assert "gewijzigd" in finding["message"] or "veranderd" in finding["message"]

    # Asking again records nothing over a code that no longer matches: the change stays seen.
    again = run_cli(
        "render", "riv", str(case), "--as-of", AS_OF, "-o", str(tmp_path / "c"), "--vastleggen"
    )
    assert again.code == 0, again.err
    assert "niets vastgelegd" in again.err
    assert case.read_text(encoding="utf-8") == edited
    assert len(_findings(case, "WVP312")) == 1


def test_without_the_flag_the_case_file_is_not_touched(tmp_path: Path) -> None:
    case = _case(tmp_path)
    before = case.read_bytes()
    result = run_cli("render", "riv", str(case), "--as-of", AS_OF, "-o", str(tmp_path / "b"))
    assert result.code == 0, result.err
    assert case.read_bytes() == before


def test_vastleggen_belongs_to_the_bundle(tmp_path: Path) -> None:
    case = _case(tmp_path)
    result = run_cli("render", "plan", str(case), "--as-of", AS_OF, "--vastleggen")
    assert result.code == 2
    assert "--vastleggen hoort bij de bundel" in result.err
    assert "Traceback" not in result.err


def test_with_strict_and_gaps_nothing_is_recorded(tmp_path: Path) -> None:
    case = _case(tmp_path)
    text = case.read_text(encoding="utf-8")
    # The plan without the employee's visie: a gap, so --strict writes nothing at all.
    case.write_text(text.replace("    employee_view:", "    note:", 1), encoding="utf-8")
    before = case.read_bytes()
    target = tmp_path / "b"
    result = run_cli(
        "render", "riv", str(case), "--as-of", AS_OF, "-o", str(target), "--strict", "--vastleggen"
    )
    assert result.code == 1, result.err
    assert case.read_bytes() == before
    assert not target.exists() or not any(target.iterdir())
