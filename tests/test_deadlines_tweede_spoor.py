"""`wvp deadlines` lists what a running tweede spoor owes: its re-integratieplan (six weeks after
the start) and its next progress report (six weeks after the last one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli

START = "{type: start_tweede_spoor, date: 2027-01-05}"
PLAN = "{type: tweede_spoor_plan, date: 2027-01-26, agreed_by_employee: 2027-01-27}"
REPORT = "{type: tweede_spoor_voortgang, date: 2027-03-01}"


def rows(tmp_path: Path, *events: str, as_of: str, days: int = 60) -> list[tuple[str, str, str]]:
    body = "".join(f"  - {e}\n" for e in events)
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL.replace("events: []\n", "events:\n" + body))
    result = run_cli(
        "deadlines", str(case), "--as-of", as_of, "--days", str(days), "--format", "json"
    )
    assert result.code == 0, result.err
    return [
        (d["milestone"], d["due"], d["status"])
        for d in json.loads(result.out)["deadlines"]
        if d["milestone"].startswith("tweede_spoor")
    ]


def test_the_plan_is_due_six_weeks_after_the_start(tmp_path: Path) -> None:
    assert rows(tmp_path, START, as_of="2027-01-10") == [
        ("tweede_spoor_plan", "2027-02-16", "open")
    ]
    assert rows(tmp_path, START, as_of="2027-02-17") == [
        ("tweede_spoor_plan", "2027-02-16", "overdue")
    ]


def test_after_the_plan_the_next_progress_report_is_listed(tmp_path: Path) -> None:
    assert rows(tmp_path, START, PLAN, as_of="2027-02-01") == [
        ("tweede_spoor_voortgang", "2027-03-09", "open")
    ]
    assert rows(tmp_path, START, PLAN, REPORT, as_of="2027-03-02") == [
        ("tweede_spoor_voortgang", "2027-04-12", "open")
    ]


@pytest.mark.parametrize(
    "start",
    [
        "{type: start_tweede_spoor, date: 2027-01-05, stopped: 2027-02-01, stop_reason: werk}",
    ],
)
def test_a_stopped_tweede_spoor_owes_nothing(tmp_path: Path, start: str) -> None:
    assert rows(tmp_path, start, as_of="2027-02-10") == []


def test_milestone_filter_knows_the_tweede_spoor_items(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL.replace("events: []\n", f"events:\n  - {START}\n"))
    result = run_cli(
        "deadlines",
        str(case),
        "--as-of",
        "2027-01-10",
        "--milestone",
        "tweede_spoor_plan",
        "--days",
        "60",
        "--format",
        "json",
    )
    assert result.code == 0, result.err
    assert [d["milestone"] for d in json.loads(result.out)["deadlines"]] == ["tweede_spoor_plan"]
    typo = run_cli("deadlines", str(case), "--milestone", "tweede_spoor_pln")
    assert typo.code == 2
    assert "tweede_spoor_plan" in typo.err
