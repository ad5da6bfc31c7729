"""Tweede spoor rules (WVP220-WVP226) and the tweede spoor phase of `wvp timeline`.

The case starts 2026-01-01; with an eerstejaarsevaluatie on 2026-12-01 the clock puts the start
of the tweede spoor on 2027-01-12 at the latest. Events are flow mappings, one per line from
line 10 (column 5) of MINIMAL.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import MINIMAL, run_cli
from wvp_cli import engine
from wvp_cli.core import clock
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.loader import load_text
from wvp_cli.core.tweede_spoor import phase


def findings(text: str, as_of: str, code: str) -> list[Finding]:
    loaded = load_text(text, "case.yaml")
    assert loaded.case is not None, loaded.findings
    result = engine.check([loaded], dt.date.fromisoformat(as_of))
    return [f for f in result.findings if f.rule == code]


def with_events(*events: str, text: str = MINIMAL) -> str:
    body = "".join(f"  - {e}\n" for e in events)
    return text.replace("events: []\n", "events:\n" + body)


def located(found: list[Finding]) -> list[tuple[str, int, int, Severity]]:
    return [(f.rule, f.location.line, f.location.column, f.severity) for f in found]


def with_deviation(reason: str, text: str = MINIMAL) -> str:
    """A deviation for start_tweede_spoor; its reason's value is at line 12, column 13."""
    deviation = (
        "deviations:\n"
        "  - milestone: start_tweede_spoor\n"
        "    date: 2026-12-01\n"
        f'    reason: "{reason}"\n'
        "    agreed_by_employee: true\n"
    )
    return text.replace("events:", deviation + "events:")


EJE = "{type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_2}"
START = "{type: start_tweede_spoor, date: 2027-01-05, provider: Bureau}"
STEP = "{what: Sollicitatietraining, who: werknemer, by: 2027-03-01}"
PLAN = (
    "{type: tweede_spoor_plan, date: 2027-01-26, agreed_by_employee: 2027-01-28, "
    f"goal: Administratief werk, situation: s, steps: [{STEP}], expected_duration: 6 maanden}}"
)
PROGRESS = "{type: tweede_spoor_voortgang, date: 2027-03-05}"


# --- WVP220 afwijking noemt perspectief op terugkeer binnen 3 maanden ----------------------


def test_a_deviation_naming_the_prospect_passes() -> None:
    for reason in (
        "Concreet perspectief op terugkeer in eigen organisatie binnen 3 maanden",
        "Hervatting in de eigen functie verwacht binnen drie maanden",
        "Structurele plaatsing intern over 10 weken",
    ):
        assert findings(with_deviation(reason), "2026-12-02", "WVP220") == [], reason


def test_a_deviation_without_prospect_or_period_warns_at_its_reason() -> None:
    (found,) = findings(with_deviation("Werknemer wil geen tweede spoor"), "2026-12-02", "WVP220")
    assert located([found]) == [("WVP220", 12, 13, Severity.WARNING)]
    assert "perspectief" in found.message
    assert "binnen 3 maanden" in found.message
    (found,) = findings(with_deviation("Terugkeer binnen 6 maanden"), "2026-12-02", "WVP220")
    assert "de termijn" in found.message
    assert "concrete perspectief" not in found.message


# --- WVP221 plan binnen 6 weken na de start ------------------------------------------------


def test_no_plan_six_weeks_after_the_start_warns_at_the_start() -> None:
    text = with_events(EJE, START)
    assert findings(text, "2027-02-16", "WVP221") == []  # start + 42 days
    (found,) = findings(text, "2027-02-17", "WVP221")
    assert located([found]) == [("WVP221", 11, 5, Severity.WARNING)]
    assert "16 februari 2027" in found.message
    assert findings(with_events(EJE, START, PLAN), "2027-02-17", "WVP221") == []


def test_a_late_plan_warns_at_the_plan() -> None:
    late = PLAN.replace(
        "date: 2027-01-26, agreed_by_employee: 2027-01-28",
        "date: 2027-03-01, agreed_by_employee: 2027-03-01",
    )
    (found,) = findings(with_events(EJE, START, late), "2027-03-02", "WVP221")
    assert located([found]) == [("WVP221", 12, 5, Severity.WARNING)]
    assert "13 dagen te laat" in found.message


def test_a_tweede_spoor_stopped_before_the_plan_was_due_needs_no_plan() -> None:
    stopped = START.replace("}", ", stopped: 2027-02-01, stop_reason: Passend werk gevonden}")
    assert findings(with_events(EJE, stopped), "2027-03-01", "WVP221") == []


# --- WVP222 plan compleet ------------------------------------------------------------------


def test_an_incomplete_plan_lists_what_is_missing() -> None:
    assert findings(with_events(EJE, START, PLAN), "2027-02-01", "WVP222") == []
    bare = "{type: tweede_spoor_plan, date: 2027-01-26, goal: Administratief werk}"
    (found,) = findings(with_events(EJE, START, bare), "2027-02-01", "WVP222")
    assert located([found]) == [("WVP222", 12, 5, Severity.ERROR)]
    for item in ("'situation'", "'steps'", "'expected_duration'"):
        assert item in found.message
    assert "'goal'" not in found.message


# --- WVP223 instemming werknemer -----------------------------------------------------------


def test_a_plan_without_agreement_warns_also_once_carried_out() -> None:
    # BW 7:660a asks cooperation, not consent: a missing signature is a warning.
    unagreed = PLAN.replace("agreed_by_employee: 2027-01-28, ", "")
    assert findings(with_events(EJE, START, PLAN, PROGRESS), "2027-03-06", "WVP223") == []
    (found,) = findings(with_events(EJE, START, unagreed), "2027-02-01", "WVP223")
    assert located([found]) == [("WVP223", 12, 5, Severity.WARNING)]
    (found,) = findings(with_events(EJE, START, unagreed, PROGRESS), "2027-03-06", "WVP223")
    assert located([found]) == [("WVP223", 12, 5, Severity.WARNING)]
    assert "5 maart 2027" in found.message


def test_an_agreement_before_the_plan_is_suspicious() -> None:
    early = PLAN.replace("agreed_by_employee: 2027-01-28", "agreed_by_employee: 2027-01-20")
    text = with_events(EJE, START, early)
    (found,) = findings(text, "2027-02-01", "WVP223")
    col = text.splitlines()[11].index("2027-01-20") + 1
    assert located([found]) == [("WVP223", 12, col, Severity.WARNING)]


# --- WVP224 voortgang elke 6 weken ---------------------------------------------------------


def test_progress_within_six_weeks_passes_and_a_longer_gap_warns() -> None:
    assert findings(with_events(EJE, START, PLAN, PROGRESS), "2027-03-06", "WVP224") == []
    late = PROGRESS.replace("2027-03-05", "2027-03-20")  # 53 days after the plan
    (found,) = findings(with_events(EJE, START, PLAN, late), "2027-03-21", "WVP224")
    assert located([found]) == [("WVP224", 13, 5, Severity.WARNING)]
    assert "53 dagen" in found.message


def test_no_progress_six_weeks_after_the_plan_warns_at_the_plan() -> None:
    text = with_events(EJE, START, PLAN)
    assert findings(text, "2027-03-09", "WVP224") == []  # plan + 42 days
    (found,) = findings(text, "2027-03-10", "WVP224")
    assert located([found]) == [("WVP224", 12, 5, Severity.WARNING)]
    assert "9 maart 2027" in found.message


def test_a_stopped_tweede_spoor_needs_no_more_progress() -> None:
    stopped = START.replace("}", ", stopped: 2027-02-20, stop_reason: Passend werk gevonden}")
    assert findings(with_events(EJE, stopped, PLAN), "2027-04-01", "WVP224") == []


# --- WVP225 conclusie spoor 2 uitgevoerd ---------------------------------------------------


def test_a_conclusion_spoor_2_without_a_start_is_an_error_at_the_evaluation() -> None:
    text = with_events(EJE)
    assert findings(text, "2027-01-12", "WVP225") == []
    (found,) = findings(text, "2027-01-13", "WVP225")
    assert located([found]) == [("WVP225", 10, 5, Severity.ERROR)]
    assert "concludeert 'spoor 2'" in found.message
    # WVP201 reports the deadline itself, at the `events:` key, in its own words
    (deadline,) = findings(text, "2027-01-13", "WVP201")
    assert (deadline.location.line, deadline.location.column) == (9, 1)
    assert deadline.message != found.message


def test_a_late_start_after_a_conclusion_spoor_2_is_an_error_too() -> None:
    late = START.replace("2027-01-05", "2027-01-20")
    (found,) = findings(with_events(EJE, late), "2027-02-01", "WVP225")
    assert located([found]) == [("WVP225", 10, 5, Severity.ERROR)]
    assert "pas op 20 januari 2027" in found.message


def test_no_finding_for_a_timely_start_another_conclusion_or_a_deviation() -> None:
    on_time = START.replace("2027-01-05", "2027-01-12")
    assert findings(with_events(EJE, on_time), "2027-02-01", "WVP225") == []
    spoor_1 = EJE.replace("spoor_2", "spoor_1")
    assert findings(with_events(spoor_1), "2027-02-01", "WVP225") == []
    deviated = with_deviation("Perspectief op terugkeer binnen 3 maanden")
    assert findings(with_events(EJE, text=deviated), "2027-02-01", "WVP225") == []


# --- WVP226 stop met reden -----------------------------------------------------------------


def test_a_stopped_tweede_spoor_states_why() -> None:
    reason = START.replace("}", ", stopped: 2027-02-20, stop_reason: Passend werk gevonden}")
    assert findings(with_events(EJE, reason), "2027-03-01", "WVP226") == []
    text = with_events(EJE, START.replace("}", ", stopped: 2027-02-20}"))
    (found,) = findings(text, "2027-03-01", "WVP226")
    col = text.splitlines()[10].index("stopped") + 1
    assert located([found]) == [("WVP226", 11, col, Severity.ERROR)]


# --- the phase and `wvp timeline` ----------------------------------------------------------


def test_the_phase_follows_the_events() -> None:
    loaded = load_text(with_events(EJE, START, PLAN, PROGRESS), "case.yaml")
    assert loaded.case is not None
    tl = clock.compute(loaded.case, dt.date(2027, 3, 6))
    ts = phase(loaded.case, tl)
    assert ts.start == dt.date(2027, 1, 5)
    assert ts.plan == dt.date(2027, 1, 26)
    assert ts.plan_agreed == dt.date(2027, 1, 28)
    assert ts.latest_progress == (dt.date(2027, 3, 5), 3)
    assert ts.next_progress_due == dt.date(2027, 4, 16)
    # events after as_of are not yet part of the dossier
    before = phase(loaded.case, clock.compute(loaded.case, dt.date(2027, 1, 10)))
    assert before.start == dt.date(2027, 1, 5)
    assert before.plan is None
    assert before.next_progress_due is None


def test_timeline_text_shows_the_tweede_spoor_and_json_is_unchanged(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(with_events(EJE, START, PLAN, PROGRESS), encoding="utf-8")
    run = run_cli("timeline", str(case), "--as-of", "2027-03-06")
    assert run.code == 0, run.err
    section = run.out[run.out.index("Tweede spoor\n") :]
    assert "Start: di 05-01-2027 (Bureau)" in section
    assert "Re-integratieplan: di 26-01-2027, instemming werknemer do 28-01-2027" in section
    assert "Laatste voortgang: vr 05-03-2027" in section
    assert "Volgende voortgang uiterlijk: vr 16-04-2027" in section
    as_json = run_cli("timeline", str(case), "--as-of", "2027-03-06", "--format", "json")
    document = json.loads(as_json.out)
    assert set(document) == {
        "schema_version",
        "as_of",
        "case",
        "file",
        "first_sick_day",
        "last_wage_day",
        "state",
        "milestones",
    }


def test_timeline_text_has_no_tweede_spoor_section_early_in_the_case(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL, encoding="utf-8")
    run = run_cli("timeline", str(case), "--as-of", "2026-02-01")
    assert run.code == 0, run.err
    assert "Tweede spoor\n" not in run.out


def test_phase_answers_for_the_timeline_it_is_given() -> None:
    """`phase` is a plain function of the case and the timeline it is given (the rules ask it
    once through their context); a clock at another date is another question."""
    sample = Path(__file__).parent.parent / "sample_cases" / "tweede-jaar-tweede-spoor.yaml"
    case = load_text(sample.read_text(), "s.yaml").case
    assert case is not None
    before = clock.compute(case, dt.date(2026, 8, 1))
    after = clock.compute(case, dt.date(2026, 8, 20))
    assert phase(case, before).start is None
    assert phase(case, after).start == dt.date(2026, 8, 10)
    assert phase(case, before).start is None
    assert phase(case, clock.compute(case, dt.date(2026, 8, 20))) == phase(case, after)
