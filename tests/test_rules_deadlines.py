"""Deadline and consistency rules: each passes and fails on tiny inline cases, asserting the
rule code, line and column of the finding. The case starts 2026-01-01 (worked example of the
spec: probleemanalyse 2026-02-11, plan van aanpak 2026-02-25, melding 42e week 2026-10-22)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MINIMAL
from wvp_cli import engine
from wvp_cli.core.clock import compute
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.loader import load_text


def findings(text: str, as_of: str, code: str | None = None) -> list[Finding]:
    loaded = load_text(text, "case.yaml")
    assert loaded.case is not None, loaded.findings
    result = engine.check([loaded], dt.date.fromisoformat(as_of))
    return [f for f in result.findings if code is None or f.rule == code]


def with_events(*events: str, extra: str = "") -> str:
    """MINIMAL with these events (one flow mapping per line, starting at line 10)."""
    body = "".join(f"  - {e}\n" for e in events)
    text = MINIMAL.replace("events: []\n", "events:\n" + body if events else "events: []\n")
    return text + extra


def located(found: list[Finding]) -> list[tuple[str, int, int, Severity]]:
    return [(f.rule, f.location.line, f.location.column, f.severity) for f in found]


# --- one rule per milestone ----------------------------------------------------------------

PA = "{type: probleemanalyse, date: 2026-02-10}"
PVA = "{type: plan_van_aanpak, date: 2026-02-20}"


@pytest.mark.parametrize(
    ("code", "milestone", "as_of", "severity"),
    [
        ("WVP100", "ziekmelding_arbodienst", "2026-01-08", Severity.WARNING),
        ("WVP101", "probleemanalyse", "2026-02-12", Severity.ERROR),
        ("WVP102", "plan_van_aanpak", "2026-02-26", Severity.ERROR),
        ("WVP104", "melding_42e_week", "2026-10-23", Severity.ERROR),
        ("WVP105", "arbeidsdeskundig_onderzoek", "2026-12-31", Severity.WARNING),
        ("WVP106", "eerstejaarsevaluatie", "2026-12-31", Severity.ERROR),
        ("WVP201", "start_tweede_spoor", "2027-02-11", Severity.ERROR),
        ("WVP202", "actueel_oordeel", "2027-09-30", Severity.ERROR),
        ("WVP203", "eindevaluatie", "2027-09-30", Severity.ERROR),
        ("WVP204", "re_integratieverslag", "2027-09-30", Severity.ERROR),
        ("WVP205", "wia_aanvraag", "2027-10-14", Severity.ERROR),
    ],
)
def test_missing_milestone_the_day_after_its_due_date(
    code: str, milestone: str, as_of: str, severity: Severity
) -> None:
    day_before = (dt.date.fromisoformat(as_of) - dt.timedelta(days=1)).isoformat()
    assert findings(MINIMAL, day_before, code) == []
    (found,) = findings(MINIMAL, as_of, code)
    # a missing milestone points at the `events:` key
    assert located([found]) == [(code, 9, 1, severity)]
    assert found.milestone == milestone
    assert "ontbreekt" in found.message
    assert "1 dag te laat" in found.message


def test_done_on_the_due_date_passes_and_a_day_later_is_late() -> None:
    on_time = with_events("{type: probleemanalyse, date: 2026-02-11}")
    assert findings(on_time, "2026-02-20", "WVP101") == []
    late = with_events("{type: probleemanalyse, date: 2026-02-14}")
    (found,) = findings(late, "2026-02-20", "WVP101")
    assert located([found]) == [("WVP101", 10, 5, Severity.WARNING)]
    assert "3 dagen te laat" in found.message


def test_plan_van_aanpak_is_due_two_weeks_after_the_probleemanalyse() -> None:
    text = with_events(PA, "{type: plan_van_aanpak, date: 2026-02-25}")
    (found,) = findings(text, "2026-03-01", "WVP102")
    assert located([found]) == [("WVP102", 11, 5, Severity.WARNING)]
    assert "uiterlijk dinsdag 24 februari 2026 (week 8)" in found.message


def test_waived_milestone_is_reported_as_info_with_its_reason() -> None:
    extra = (
        "deviations:\n"
        "  - milestone: probleemanalyse\n"
        "    date: 2026-02-01\n"
        '    reason: "Werknemer onbereikbaar in het buitenland, in overleg uitgesteld"\n'
        "    agreed_by_employee: true\n"
    )
    (found,) = findings(MINIMAL + extra, "2026-02-20", "WVP101")
    assert located([found]) == [("WVP101", 11, 5, Severity.INFO)]
    assert "onbereikbaar in het buitenland" in found.message


# --- evaluation cadence ----------------------------------------------------------------------


def test_evaluations_every_six_weeks_pass() -> None:
    text = with_events(PA, PVA, "{type: evaluatie, date: 2026-04-03}")
    assert findings(text, "2026-05-15", "WVP103") == []


def test_gap_between_evaluations_is_a_warning_at_the_later_one() -> None:
    text = with_events(PA, PVA, "{type: evaluatie, date: 2026-04-04}")
    (found,) = findings(text, "2026-04-10", "WVP103")
    assert located([found]) == [("WVP103", 12, 5, Severity.WARNING)]
    assert "43 dagen tussen twee evaluatiemomenten" in found.message


def test_overdue_next_evaluation_is_an_error() -> None:
    text = with_events(PA, PVA)
    assert findings(text, "2026-04-03", "WVP103") == []
    (found,) = findings(text, "2026-04-04", "WVP103")
    assert located([found]) == [("WVP103", 11, 5, Severity.ERROR)]
    assert "uiterlijk vrijdag 3 april 2026" in found.message


# --- consistency ---------------------------------------------------------------------------


def test_event_before_first_sick_day() -> None:
    text = with_events("{type: ziekmelding_arbodienst, date: 2025-12-31}")
    assert located(findings(text, "2026-01-05", "WVP023")) == [("WVP023", 10, 42, Severity.ERROR)]
    assert (
        findings(
            with_events("{type: ziekmelding_arbodienst, date: 2026-01-01}"), "2026-01-05", "WVP023"
        )
        == []
    )


def test_event_after_as_of() -> None:
    text = with_events("{type: ziekmelding_arbodienst, date: 2026-01-06}")
    assert located(findings(text, "2026-01-05", "WVP024")) == [("WVP024", 10, 42, Severity.ERROR)]
    assert findings(text, "2026-01-06", "WVP024") == []


@pytest.mark.parametrize(
    ("sickness", "expected"),
    [
        ("  - from: 2026-01-01\n    to: 2026-01-10\n  - from: 2026-01-20\n", []),
        ("  - from: 2026-01-20\n  - from: 2026-01-01\n    to: 2026-01-10\n", [("WVP021", 9, 11)]),
        ("  - from: 2026-01-01\n  - from: 2026-01-20\n", [("WVP021", 9, 11)]),
        ("  - from: 2026-01-01\n    to: 2026-01-10\n  - from: 2026-01-10\n", [("WVP021", 10, 11)]),
    ],
)
def test_sickness_periods_in_order(sickness: str, expected: list[tuple[str, int, int]]) -> None:
    text = MINIMAL.replace("  - from: 2026-01-01\n", sickness)
    found = [
        (f.rule, f.location.line, f.location.column)
        for f in findings(text, "2026-01-25")
        if f.rule == "WVP021"
    ]
    assert found == expected


def test_end_before_start() -> None:
    text = MINIMAL.replace("  - from: 2026-01-01\n", "  - from: 2026-01-05\n    to: 2026-01-02\n")
    assert located(findings(text, "2026-01-25", "WVP022")) == [("WVP022", 9, 9, Severity.ERROR)]


def test_eerstejaarsevaluatie_before_week_46_is_too_early() -> None:
    early = with_events("{type: eerstejaarsevaluatie, date: 2026-11-11}")
    assert located(findings(early, "2026-11-20", "WVP107")) == [("WVP107", 10, 5, Severity.WARNING)]
    in_window = with_events("{type: eerstejaarsevaluatie, date: 2026-11-12}")
    assert findings(in_window, "2026-11-20", "WVP107") == []


def test_plan_before_probleemanalyse_is_suspicious() -> None:
    text = with_events("{type: plan_van_aanpak, date: 2026-02-01}", PA)
    assert located(findings(text, "2026-02-20", "WVP110")) == [("WVP110", 10, 5, Severity.WARNING)]
    assert findings(with_events(PA, PVA), "2026-02-20", "WVP110") == []


@pytest.mark.parametrize(
    ("reason", "agreed", "expected"),
    [
        ('"Concreet perspectief op terugkeer binnen 3 maanden"', "true", []),
        ('"Concreet perspectief op terugkeer binnen 3 maanden"', "false", [("WVP111", 11, 5)]),
        ('"  "', "true", [("WVP111", 13, 13)]),
    ],
)
def test_deviation_needs_reason_and_agreement(
    reason: str, agreed: str, expected: list[tuple[str, int, int]]
) -> None:
    extra = (
        "deviations:\n"
        "  - milestone: start_tweede_spoor\n"
        "    date: 2026-12-01\n"
        f"    reason: {reason}\n"
        f"    agreed_by_employee: {agreed}\n"
    )
    found = findings(MINIMAL + extra, "2026-03-01", "WVP111")
    assert [(f.rule, f.location.line, f.location.column) for f in found] == expected


def _extension(kind: str, last_wage_day: str) -> str:
    return (
        "extensions:\n"
        f"  - type: {kind}\n"
        "    decided: 2027-09-01\n"
        f"    last_wage_day: {last_wage_day}\n"
    )


def test_loonsanctie_at_most_52_weeks() -> None:
    # E = 2027-12-29 for a case from 2026-01-01; E + 364 = 2028-12-27
    ok = MINIMAL + _extension("loonsanctie", "2028-12-27")
    assert findings(ok, "2027-09-02", "WVP210") == []
    too_long = MINIMAL + _extension("loonsanctie", "2028-12-28")
    assert located(findings(too_long, "2027-09-02", "WVP210")) == [
        ("WVP210", 13, 20, Severity.ERROR)
    ]


def test_verlenging_at_least_13_weeks() -> None:
    ok = MINIMAL + _extension("vrijwillige_verlenging", "2028-03-29")
    assert findings(ok, "2027-09-02", "WVP211") == []
    short = MINIMAL + _extension("vrijwillige_verlenging", "2028-03-28")
    (found,) = findings(short, "2027-09-02", "WVP211")
    assert located([found]) == [("WVP211", 13, 20, Severity.ERROR)]
    assert "90 dagen" in found.message


def test_results_do_not_depend_on_event_order() -> None:
    events = [PA, PVA, "{type: evaluatie, date: 2026-05-01}"]
    a = with_events(*events[:3])
    b = with_events(events[2], events[0], events[1])
    fa = {(f.rule, f.message) for f in findings(a, "2026-07-01")}
    fb = {(f.rule, f.message) for f in findings(b, "2026-07-01")}
    assert fa == fb
    assert any(rule == "WVP103" for rule, _ in fa)


def test_evaluation_cadence_rests_during_pregnancy_leave() -> None:
    # 2026-02-20 + 42 days would be 2026-04-03; 30 days of leave in between move it to 05-03.
    leave = "leave:\n  - from: 2026-03-01\n    to: 2026-03-30\n"
    text = with_events(PA, PVA, "{type: evaluatie, date: 2026-05-03}") + leave
    assert findings(text, "2026-05-10", "WVP103") == []
    late = with_events(PA, PVA, "{type: evaluatie, date: 2026-05-04}") + leave
    (found,) = findings(late, "2026-05-10", "WVP103")
    assert "43 dagen tussen twee evaluatiemomenten" in found.message
    loaded = load_text(with_events(PA, PVA) + leave, "c.yaml")
    assert loaded.case is not None
    assert compute(loaded.case, dt.date(2026, 4, 1)).milestone("evaluatie").due == dt.date(
        2026, 5, 3
    )
