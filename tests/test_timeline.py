"""`wvp timeline`: the JSON document of cli.md and the text a casemanager reads."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import MINIMAL, SAMPLES, run_cli

WORKED = {  # the worked example of the spec, D = 2026-01-01, with nothing done yet
    "probleemanalyse": "2026-02-11",
    "plan_van_aanpak": "2026-02-25",
    "melding_42e_week": "2026-10-22",
    "eerstejaarsevaluatie": "2026-12-30",
    "start_tweede_spoor": "2027-02-10",
    "re_integratieverslag": "2027-09-29",
    "wia_aanvraag": "2027-10-13",
    "einde_wachttijd": "2027-12-29",
}


def test_timeline_json_follows_cli_md(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL)
    result = run_cli("timeline", str(case), "--as-of", "2026-02-20", "--format", "json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert list(doc) == [
        "schema_version",
        "as_of",
        "case",
        "file",
        "first_sick_day",
        "last_wage_day",
        "state",
        "milestones",
    ]
    assert (doc["case"], doc["first_sick_day"], doc["last_wage_day"], doc["state"]) == (
        "t-1",
        "2026-01-01",
        "2027-12-29",
        "sick",
    )
    rows = {m["milestone"]: m for m in doc["milestones"]}
    assert len(doc["milestones"]) == 13
    assert {code: rows[code]["due"] for code in WORKED} == WORKED
    assert rows["probleemanalyse"] == {
        "milestone": "probleemanalyse",
        "due": "2026-02-11",
        "window_start": None,
        "done": None,
        "status": "overdue",
        "week": 6,
    }
    assert rows["eerstejaarsevaluatie"]["window_start"] == "2026-11-12"
    assert rows["plan_van_aanpak"]["status"] == "open"


def test_timeline_by_case_id_shows_the_summed_periods() -> None:
    result = run_cli("timeline", "2026-002", "--in", str(SAMPLES), "--as-of", "2026-11-24")
    assert result.code == 0, result.err
    assert "Ziekteperiodes (samengeteld): 5 januari 2026 – 13 maart 2026; 31 maart 2026 – nu" in (
        result.out
    )
    assert "week 44 van de wachttijd" in result.out
    assert "42e-weeksmelding aan UWV" in result.out


def test_timeline_of_an_invalid_file_shows_why_and_exits_1(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL.replace("2026-01-01", "2026-02-30"))
    result = run_cli("timeline", str(case), "--as-of", "2026-02-20")
    assert result.code == 1
    assert "WVP013" in result.err
