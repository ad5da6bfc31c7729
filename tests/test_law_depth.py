"""The law, deeper (docs/poortwachter.md, sections 2, 4 and 7): where the clock was right but the
rules stopped short. Each test runs the commands on a small case with a real calendar and reads
their JSON, so that `check`, `timeline` and `deadlines` are held to one truth.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from wvp_cli.core import clock


def case_text(
    *events: str,
    sickness: str = "  - from: 2026-01-01\n",
    leave: str = "",
    extensions: str = "",
    deviations: str = "",
    employer: str = "",
) -> str:
    """A case file: `events` are flow mappings, one per line."""
    text = (
        'wvp: 1\nid: "law-1"\nemployee:\n  name: "A. Jansen"\n  hours_per_week: 32\n'
        f'employer:\n  name: "Voorbeeld BV"\n{employer}sickness:\n{sickness}'
    )
    if leave:
        text += f"leave:\n{leave}"
    if extensions:
        text += f"extensions:\n{extensions}"
    if deviations:
        text += f"deviations:\n{deviations}"
    if events:
        text += "events:\n" + "".join(f"  - {e}\n" for e in events)
    else:
        text += "events: []\n"
    return text


class Case:
    """One case file in a folder, and the commands' JSON about it."""

    def __init__(self, tmp_path: Path, text: str) -> None:
        self.path = tmp_path / "law-1.yaml"
        self.path.write_text(text, encoding="utf-8")

    def check(self, as_of: str) -> tuple[int, list[dict[str, Any]]]:
        result = run_cli("check", str(self.path), "--as-of", as_of, "--format", "json")
        assert result.code in (0, 1), result.err
        return result.code, json.loads(result.out)["findings"]

    def codes(self, as_of: str) -> set[str]:
        return {f["rule"] for f in self.check(as_of)[1]}

    def timeline(self, as_of: str) -> dict[str, Any]:
        result = run_cli("timeline", str(self.path), "--as-of", as_of, "--format", "json")
        assert result.code == 0, result.err
        doc: dict[str, Any] = json.loads(result.out)
        return doc

    def milestone(self, as_of: str, code: str) -> dict[str, Any]:
        rows = {m["milestone"]: m for m in self.timeline(as_of)["milestones"]}
        return rows[code]

    def timeline_text(self, as_of: str) -> str:
        result = run_cli("timeline", str(self.path), "--as-of", as_of)
        assert result.code == 0, result.err
        return result.out

    def deadlines(self, as_of: str, days: int = 14) -> list[dict[str, Any]]:
        result = run_cli(
            "deadlines", str(self.path), "--as-of", as_of, "--days", str(days), "--format", "json"
        )
        assert result.code == 0, result.err
        rows: list[dict[str, Any]] = json.loads(result.out)["deadlines"]
        return rows


def findings_of(found: list[dict[str, Any]], code: str) -> list[dict[str, Any]]:
    return [f for f in found if f["rule"] == code]


# --- after the wachttijd -------------------------------------------------------------------

# D = 2024-06-03; E = offset 727 = 2026-05-31. A tweede spoor runs until E.
LONG = (
    "{type: probleemanalyse, date: 2024-07-08}",
    "{type: plan_van_aanpak, date: 2024-07-15, agreed_by_employee: 2024-07-15}",
    "{type: eerstejaarsevaluatie, date: 2025-05-20, conclusion: spoor_2}",
    "{type: start_tweede_spoor, date: 2025-06-10, provider: Bureau}",
    "{type: tweede_spoor_plan, date: 2025-07-01, agreed_by_employee: 2025-07-02}",
    "{type: tweede_spoor_voortgang, date: 2026-05-01}",
)


def test_after_the_last_wage_day_nothing_falls_due(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(*LONG, sickness="  - from: 2024-06-03\n"))
    assert case.timeline("2026-08-20")["last_wage_day"] == "2026-05-31"
    rows = case.deadlines("2026-08-20", days=60)
    assert [r for r in rows if r["milestone"] == "tweede_spoor_voortgang"] == []
    assert all(r["due"] <= "2026-05-31" for r in rows)
    doc = case.timeline("2026-08-20")
    assert doc["state"] == "wachttijd_voorbij"
    assert {m["milestone"]: m["status"] for m in doc["milestones"]}["einde_wachttijd"] == "done"


def test_the_timeline_never_shows_a_week_beyond_the_wachttijd(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(*LONG, sickness="  - from: 2024-06-03\n"))
    text = case.timeline_text("2026-08-20")
    assert "week 113" not in text
    assert "wachttijd afgelopen" in text


def test_before_the_last_wage_day_the_state_is_sick(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(*LONG, sickness="  - from: 2024-06-03\n"))
    assert case.timeline("2026-05-31")["state"] == "sick"
    assert case.timeline("2026-06-01")["state"] == "wachttijd_voorbij"


# --- start tweede spoor after a spoor-1 conclusion -----------------------------------------

EJE_SPOOR_1 = (
    "{type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_1, "
    "prospect_until: 2027-02-15}"
)


def test_spoor_1_with_a_prospect_is_not_due_while_the_return_is_near(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(EJE_SPOOR_1))
    # Six weeks after the evaluation (2027-01-12) the tweede spoor is not due yet.
    assert "WVP201" not in case.codes("2027-01-20")
    row = case.milestone("2027-01-20", "start_tweede_spoor")
    assert (row["due"], row["status"]) == ("2027-02-15", "open")


def test_spoor_1_whose_prospect_failed_is_due_on_that_date(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(EJE_SPOOR_1))
    row = case.milestone("2027-02-20", "start_tweede_spoor")
    assert (row["due"], row["status"]) == ("2027-02-15", "overdue")
    found = findings_of(case.check("2027-02-20")[1], "WVP201")
    assert [f["severity"] for f in found] == ["error"]


def test_spoor_1_with_full_return_by_the_prospect_needs_no_tweede_spoor(tmp_path: Path) -> None:
    sickness = "  - from: 2026-01-01\n    to: 2027-02-01\n"
    case = Case(tmp_path, case_text(EJE_SPOOR_1, sickness=sickness))
    assert case.milestone("2027-03-20", "start_tweede_spoor")["status"] == "not_applicable"
    assert "WVP201" not in case.codes("2027-03-20")


def test_spoor_1_without_a_prospect_is_due_as_for_spoor_2(tmp_path: Path) -> None:
    eje = "{type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_1}"
    case = Case(tmp_path, case_text(eje))
    assert case.milestone("2027-01-20", "start_tweede_spoor")["due"] == "2027-01-12"


def test_a_prospect_beyond_three_months_counts_for_three_months_only(tmp_path: Path) -> None:
    eje = (
        "{type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: eigen_werk, "
        "prospect_until: 2027-06-01}"
    )
    case = Case(tmp_path, case_text(eje))
    assert case.milestone("2027-01-20", "start_tweede_spoor")["due"] == "2027-03-02"
    found = findings_of(case.check("2027-01-20")[1], "WVP227")
    assert len(found) == 1 and found[0]["severity"] == "error"


def test_an_arbeidsdeskundig_finding_of_spoor_2_brings_the_start_forward(tmp_path: Path) -> None:
    ad = "{type: arbeidsdeskundig_onderzoek, date: 2026-09-01, conclusion: spoor_2}"
    case = Case(tmp_path, case_text(ad))
    assert case.milestone("2026-09-02", "start_tweede_spoor")["due"] == "2026-10-13"
    # Free text in the conclusion establishes nothing: the date stays that of the clock.
    text = "{type: arbeidsdeskundig_onderzoek, date: 2026-09-01, conclusion: Passend werk elders}"
    other = Case(tmp_path, case_text(text))
    assert other.milestone("2026-09-02", "start_tweede_spoor")["due"] == "2027-02-10"


# --- deviations (Regeling procesgang art. 5) ----------------------------------------------


def deviation(milestone: str, *, agreed: bool = True, extra: str = "") -> str:
    return (
        f"  - milestone: {milestone}\n    date: 2026-02-01\n"
        '    reason: "Concreet perspectief op terugkeer in eigen functie binnen 3 maanden"\n'
        f"    agreed_by_employee: {'true' if agreed else 'false'}\n{extra}"
    )


def test_a_deviation_without_the_employees_agreement_waives_nothing(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(deviations=deviation("probleemanalyse", agreed=False)))
    assert case.milestone("2026-03-01", "probleemanalyse")["status"] == "overdue"
    code, found = case.check("2026-03-01")
    assert code == 1
    assert [f["severity"] for f in findings_of(found, "WVP101")] == ["error"]
    assert "WVP111" in {f["rule"] for f in found}


@pytest.mark.parametrize(
    ("milestone", "rule", "as_of"),
    [
        ("melding_42e_week", "WVP104", "2026-11-01"),
        ("wia_aanvraag", "WVP205", "2027-11-01"),
        ("re_integratieverslag", "WVP204", "2027-11-01"),
    ],
)
def test_a_deviation_for_a_statutory_term_is_an_error_and_waives_nothing(
    tmp_path: Path, milestone: str, rule: str, as_of: str
) -> None:
    case = Case(tmp_path, case_text(deviations=deviation(milestone)))
    assert case.milestone(as_of, milestone)["status"] == "overdue"
    code, found = case.check(as_of)
    assert code == 1
    assert [f["severity"] for f in findings_of(found, rule)] == ["error"]
    statutory = findings_of(found, "WVP112")
    assert [(f["severity"], f["milestone"]) for f in statutory] == [("error", milestone)]


def test_a_tweede_spoor_left_out_without_a_prospect_date_is_not_waived(tmp_path: Path) -> None:
    dev = (
        "  - milestone: start_tweede_spoor\n    date: 2026-12-01\n"
        '    reason: "Werknemer wil geen tweede spoor"\n    agreed_by_employee: true\n'
    )
    case = Case(tmp_path, case_text(deviations=dev))
    assert case.milestone("2027-03-01", "start_tweede_spoor")["status"] == "overdue"
    code, found = case.check("2027-03-01")
    assert code == 1
    assert [f["severity"] for f in findings_of(found, "WVP201")] == ["error"]
    assert [f["severity"] for f in findings_of(found, "WVP227")] == ["error"]


def test_a_tweede_spoor_deviation_holds_until_its_prospect_date(tmp_path: Path) -> None:
    dev = (
        "  - milestone: start_tweede_spoor\n    date: 2027-01-05\n"
        '    reason: "Concreet perspectief op terugkeer in eigen functie binnen 3 maanden"\n'
        "    agreed_by_employee: true\n    prospect_until: 2027-03-31\n"
    )
    case = Case(tmp_path, case_text(deviations=dev))
    assert case.milestone("2027-03-01", "start_tweede_spoor")["status"] == "waived"
    found = findings_of(case.check("2027-03-01")[1], "WVP201")
    assert [f["severity"] for f in found] == ["info"]
    row = case.milestone("2027-04-02", "start_tweede_spoor")
    assert (row["due"], row["status"]) == ("2027-03-31", "overdue")
    assert [f["severity"] for f in findings_of(case.check("2027-04-02")[1], "WVP201")] == ["error"]


# --- evaluations ---------------------------------------------------------------------------


def test_a_tweede_spoor_progress_report_is_no_evaluation(tmp_path: Path) -> None:
    case = Case(
        tmp_path,
        case_text(
            "{type: plan_van_aanpak, date: 2026-02-20, agreed_by_employee: 2026-02-20}",
            "{type: tweede_spoor_voortgang, date: 2026-03-20}",
        ),
    )
    row = case.milestone("2026-04-10", "evaluatie")
    assert (row["due"], row["status"]) == ("2026-04-03", "overdue")
    assert "WVP103" in case.codes("2026-04-10")


def test_without_a_plan_no_evaluation_shows_overdue_anywhere(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text())
    assert case.milestone("2026-06-01", "evaluatie")["status"] == "not_applicable"
    assert [r for r in case.deadlines("2026-06-01") if r["milestone"] == "evaluatie"] == []
    codes = case.codes("2026-06-01")
    assert "WVP103" not in codes and "WVP102" in codes


# --- the 42e-weeksmelding and Goede Vrijdag ------------------------------------------------


def test_goede_vrijdag_is_a_holiday_of_the_algemene_termijnenwet() -> None:
    assert dt.date(2027, 3, 26) in clock.holidays(2027)
    assert dt.date(2026, 4, 3) in clock.holidays(2026)
    assert not clock.is_working_day(dt.date(2027, 3, 26))


def test_melding_42e_week_due_on_goede_vrijdag_moves_past_easter(tmp_path: Path) -> None:
    # D = 2026-06-05: offset 294 is Goede Vrijdag 2027-03-26; Saturday, Sunday and 2e Paasdag
    # follow, so the first working day is Tuesday 2027-03-30.
    case = Case(tmp_path, case_text(sickness="  - from: 2026-06-05\n"))
    row = case.milestone("2027-03-01", "melding_42e_week")
    assert row["due"] == "2027-03-30"
    reported = case_text(
        "{type: melding_42e_week, date: 2027-03-29}", sickness="  - from: 2026-06-05\n"
    )
    assert Case(tmp_path, reported).milestone("2027-04-01", "melding_42e_week")["status"] == "done"


# --- other_cause ---------------------------------------------------------------------------


def test_other_cause_without_a_leave_before_it_is_a_warning(tmp_path: Path) -> None:
    sickness = (
        "  - from: 2026-01-01\n    to: 2026-02-01\n  - from: 2026-02-10\n    other_cause: true\n"
    )
    case = Case(tmp_path, case_text(sickness=sickness))
    # The flag changes nothing: the periods are summed.
    assert case.timeline("2026-03-01")["first_sick_day"] == "2026-01-01"
    found = findings_of(case.check("2026-03-01")[1], "WVP027")
    assert [f["severity"] for f in found] == ["warning"]


def test_other_cause_right_after_leave_starts_a_new_case_without_a_warning(
    tmp_path: Path,
) -> None:
    sickness = (
        "  - from: 2026-01-01\n    to: 2026-02-28\n  - from: 2026-06-22\n    other_cause: true\n"
    )
    leave = "  - from: 2026-03-01\n    to: 2026-06-21\n"
    case = Case(tmp_path, case_text(sickness=sickness, leave=leave))
    assert case.timeline("2026-07-01")["first_sick_day"] == "2026-06-22"
    assert "WVP027" not in case.codes("2026-07-01")


# --- plausibility --------------------------------------------------------------------------


def test_a_first_sick_day_after_the_peildatum_is_an_error(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(sickness="  - from: 2031-01-01\n"))
    code, found = case.check("2026-11-24")
    assert code == 1
    assert [f["severity"] for f in findings_of(found, "WVP025")] == ["error"]


def test_an_open_case_whose_wachttijd_ended_long_ago_is_a_warning(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(sickness="  - from: 2021-01-04\n"))
    found = findings_of(case.check("2026-11-24")[1], "WVP026")
    assert [f["severity"] for f in found] == ["warning"]
    assert "WVP026" not in Case(tmp_path, case_text()).codes("2026-11-24")


# --- cooperation, not consent (BW 7:660a) --------------------------------------------------


def test_a_tweede_spoor_plan_carried_out_without_a_signature_is_a_warning(
    tmp_path: Path,
) -> None:
    case = Case(
        tmp_path,
        case_text(
            "{type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_2}",
            "{type: start_tweede_spoor, date: 2027-01-05, provider: Bureau}",
            "{type: tweede_spoor_plan, date: 2027-01-26}",
            "{type: tweede_spoor_voortgang, date: 2027-03-01}",
        ),
    )
    found = findings_of(case.check("2027-03-02")[1], "WVP223")
    assert [f["severity"] for f in found] == ["warning"]


# --- the end of the wachttijd: close the case (WVP206) -------------------------------------


def test_an_open_case_28_days_after_the_wachttijd_is_a_warning(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(*LONG, sickness="  - from: 2024-06-03\n"))
    assert "WVP206" not in case.codes("2026-06-20")
    found = findings_of(case.check("2026-08-20")[1], "WVP206")
    assert [(f["severity"], f["milestone"]) for f in found] == [("warning", "einde_wachttijd")]


# --- early IVA (WVP207): a request in week 60 and its grant --------------------------------

# D = 2026-01-01: week 60 runs 2027-02-18 … 2027-02-24; week 68 ends 2027-04-21 (offset 475).
IVA_REQUEST = "{type: vervroegde_iva_aanvraag, date: 2027-02-18}"
IVA_GRANT = "{type: vervroegde_iva_toekenning, date: 2027-03-25, last_wage_day: 2027-04-30}"


def test_an_early_iva_granted_in_week_60_ends_the_wachttijd(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(IVA_REQUEST, IVA_GRANT))
    doc = case.timeline("2027-06-01")
    assert (doc["last_wage_day"], doc["state"]) == ("2027-04-30", "wachttijd_voorbij")
    rows = {m["milestone"]: m for m in doc["milestones"]}
    for code in ("actueel_oordeel", "eindevaluatie", "re_integratieverslag", "wia_aanvraag"):
        assert rows[code]["status"] == "not_applicable", code
    # What was overdue before the grant stays overdue.
    assert rows["start_tweede_spoor"]["status"] == "overdue"
    assert rows["einde_wachttijd"] == {
        "milestone": "einde_wachttijd",
        "due": "2027-04-30",
        "window_start": None,
        "done": "2027-04-30",
        "status": "done",
        "week": 70,
    }
    assert "WVP207" not in case.codes("2027-06-01")
    assert [r for r in case.deadlines("2027-06-01", days=400) if r["status"] == "open"] == []


def test_an_early_iva_request_before_week_42_counts_as_the_42e_weeksmelding(
    tmp_path: Path,
) -> None:
    case = Case(tmp_path, case_text("{type: vervroegde_iva_aanvraag, date: 2026-09-01}"))
    row = case.milestone("2026-11-01", "melding_42e_week")
    assert (row["done"], row["status"]) == ("2026-09-01", "done")
    assert "WVP104" not in case.codes("2026-11-01")


def test_early_iva_request_after_week_68_twice_or_a_grant_without_a_date(tmp_path: Path) -> None:
    late = Case(tmp_path, case_text("{type: vervroegde_iva_aanvraag, date: 2027-04-22}"))
    found = findings_of(late.check("2027-05-01")[1], "WVP207")
    assert [f["severity"] for f in found] == ["error"]
    twice = Case(
        tmp_path, case_text(IVA_REQUEST, "{type: vervroegde_iva_aanvraag, date: 2027-03-01}")
    )
    assert [f["severity"] for f in findings_of(twice.check("2027-03-02")[1], "WVP207")] == [
        "warning"
    ]
    undated = Case(
        tmp_path, case_text(IVA_REQUEST, "{type: vervroegde_iva_toekenning, date: 2027-03-25}")
    )
    assert [f["severity"] for f in findings_of(undated.check("2027-04-01")[1], "WVP207")] == [
        "error"
    ]


# --- employment ends in week 30 (WVP231) ----------------------------------------------------

# D = 2026-01-01: week 30 runs 2026-07-23 … 2026-07-29.
UIT_DIENST = "{type: uit_dienst, date: 2026-07-24, reported_to_uwv: 2026-07-20}"


def test_uit_dienst_in_week_30_ends_the_employers_later_milestones(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(UIT_DIENST))
    rows = {m["milestone"]: m for m in case.timeline("2026-12-01")["milestones"]}
    for code in ("melding_42e_week", "eerstejaarsevaluatie", "arbeidsdeskundig_onderzoek"):
        assert rows[code]["status"] == "not_applicable", code
    # Before it: still missed. The employee's WIA application stays.
    assert rows["probleemanalyse"]["status"] == "overdue"
    assert rows["wia_aanvraag"]["status"] == "open"
    assert "WVP231" not in case.codes("2026-12-01")
    # An eigenrisicodrager for the Ziektewet keeps the milestones.
    own = Case(tmp_path, case_text(UIT_DIENST, employer="  eigenrisicodrager_zw: true\n"))
    assert own.milestone("2026-12-01", "melding_42e_week")["status"] == "overdue"


def test_uit_dienst_without_or_after_the_report_to_uwv(tmp_path: Path) -> None:
    missing = Case(tmp_path, case_text("{type: uit_dienst, date: 2026-07-24}"))
    assert [f["severity"] for f in findings_of(missing.check("2026-08-01")[1], "WVP231")] == [
        "error"
    ]
    late = Case(
        tmp_path, case_text("{type: uit_dienst, date: 2026-07-24, reported_to_uwv: 2026-07-27}")
    )
    found = findings_of(late.check("2026-08-01")[1], "WVP231")
    assert [f["severity"] for f in found] == ["warning"] and "3 dagen te laat" in found[0][
        "message"
    ]


# --- cooperation: refusal, written warning, wage stop (WVP230) -----------------------------


def test_a_wage_stop_needs_a_written_warning_before_it(tmp_path: Path) -> None:
    refusal = "{type: weigering_medewerking, date: 2026-05-04, what: Niet verschenen}"
    warning = "{type: schriftelijke_waarschuwing, date: 2026-05-06}"
    stop = "{type: loonstop, date: 2026-05-20}"
    ok = Case(tmp_path, case_text(refusal, warning, stop))
    assert "WVP230" not in ok.codes("2026-06-01")
    bare = Case(tmp_path, case_text(refusal, stop))
    assert [f["severity"] for f in findings_of(bare.check("2026-06-01")[1], "WVP230")] == ["error"]
    groundless = Case(tmp_path, case_text(warning, stop))
    found = findings_of(groundless.check("2026-06-01")[1], "WVP230")
    assert [f["severity"] for f in found] == ["warning"]


# --- disagreement and the deskundigenoordeel (WVP232) --------------------------------------


def test_a_disagreement_without_a_deskundigenoordeel_within_six_weeks(tmp_path: Path) -> None:
    plan = "{type: plan_van_aanpak, date: 2026-02-20, agreed_by_employee: 2026-02-20}"
    disagree = "{type: evaluatie, date: 2026-03-20, employee_agrees: false}"
    case = Case(tmp_path, case_text(plan, disagree))
    assert "WVP232" not in case.codes("2026-05-01")  # 2026-05-01 is the last day of the six weeks
    found = findings_of(case.check("2026-05-02")[1], "WVP232")
    assert [f["severity"] for f in found] == ["warning"]
    asked = "{type: deskundigenoordeel, date: 2026-04-10, requested_by: werknemer}"
    assert "WVP232" not in Case(tmp_path, case_text(plan, disagree, asked)).codes("2026-05-02")


# --- loonsanctie: leave inside it, decided too late, ended early (WVP210, WVP212) -----------

# D = 2026-01-01: E = 2027-12-29, E + 364 = 2028-12-27. Leave of 71 days inside the sanction.
SANCTION_LEAVE = "  - from: 2028-03-01\n    to: 2028-05-10\n"


def sanction(decided: str, last: str, ends: str = "") -> str:
    text = f"  - type: loonsanctie\n    decided: {decided}\n    last_wage_day: {last}\n"
    return text + (f"    ends: {ends}\n" if ends else "")


def test_leave_inside_a_loonsanctie_lengthens_it(tmp_path: Path) -> None:
    with_leave = Case(
        tmp_path,
        case_text(leave=SANCTION_LEAVE, extensions=sanction("2027-11-10", "2029-03-08")),
    )
    assert "WVP210" not in with_leave.codes("2028-01-05")
    assert with_leave.timeline("2028-01-05")["last_wage_day"] == "2029-03-08"
    one_more = Case(
        tmp_path,
        case_text(leave=SANCTION_LEAVE, extensions=sanction("2027-11-10", "2029-03-09")),
    )
    assert [f["severity"] for f in findings_of(one_more.check("2028-01-05")[1], "WVP210")] == [
        "error"
    ]
    no_leave = Case(tmp_path, case_text(extensions=sanction("2027-11-10", "2029-03-08")))
    assert "WVP210" in no_leave.codes("2028-01-05")


def test_a_loonsanctie_decided_after_the_wachttijd_has_no_effect(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(extensions=sanction("2028-01-15", "2028-12-20")))
    assert case.timeline("2028-02-01")["last_wage_day"] == "2027-12-29"
    found = findings_of(case.check("2028-02-01")[1], "WVP212")
    assert [f["severity"] for f in found] == ["error"]


def test_a_loonsanctie_ended_early_ends_the_wage_payment_then(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(extensions=sanction("2027-11-10", "2028-12-20", "2028-06-30")))
    assert case.timeline("2028-02-01")["last_wage_day"] == "2028-06-30"
    assert "WVP212" not in case.codes("2028-02-01")
    wrong = Case(tmp_path, case_text(extensions=sanction("2027-11-10", "2028-12-20", "2029-01-31")))
    assert [f["severity"] for f in findings_of(wrong.check("2028-02-01")[1], "WVP212")] == ["error"]


# --- signals for UWV's substantive test (WVP240, WVP243) ----------------------------------


def test_a_new_advice_without_a_bijstelling_within_six_weeks_is_a_signal(tmp_path: Path) -> None:
    pa = "{type: probleemanalyse, date: 2026-02-01}"
    plan = "{type: plan_van_aanpak, date: 2026-02-10, agreed_by_employee: 2026-02-10}"
    advice = "{type: probleemanalyse, date: 2026-06-01, advice: Opbouw naar 6 uur}"
    case = Case(tmp_path, case_text(pa, plan, advice))
    assert "WVP240" not in case.codes("2026-07-13")  # the last day of the six weeks
    found = findings_of(case.check("2026-07-14")[1], "WVP240")
    assert [f["severity"] for f in found] == ["warning"]
    assert found[0]["message"].startswith("signaal voor de inhoudelijke toets van UWV")
    bijgesteld = case_text(pa, plan, advice, "{type: bijstelling, date: 2026-06-20}")
    assert "WVP240" not in Case(tmp_path, bijgesteld).codes("2026-07-14")


def test_an_eerstejaarsevaluatie_without_an_arbeidsdeskundig_onderzoek_is_a_signal(
    tmp_path: Path,
) -> None:
    eje = "{type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_2}"
    case = Case(tmp_path, case_text(eje))
    found = findings_of(case.check("2026-12-02")[1], "WVP243")
    assert [(f["severity"], f["milestone"]) for f in found] == [("warning", "eerstejaarsevaluatie")]
    ad = "{type: arbeidsdeskundig_onderzoek, date: 2026-11-10, conclusion: spoor_2}"
    assert "WVP243" not in Case(tmp_path, case_text(ad, eje)).codes("2026-12-02")


# --- WIA application timing (WVP208, WIA art. 64 lid 6) -----------------------------------


def test_a_wia_application_before_week_88_is_a_warning(tmp_path: Path) -> None:
    early = Case(tmp_path, case_text("{type: wia_aanvraag, date: 2027-06-01}"))
    found = findings_of(early.check("2027-06-02")[1], "WVP208")
    assert [(f["severity"], f["milestone"]) for f in found] == [("warning", "wia_aanvraag")]
    iva = case_text(IVA_REQUEST, "{type: wia_aanvraag, date: 2027-06-01}")
    assert "WVP208" not in Case(tmp_path, iva).codes("2027-06-02")
    on_time = Case(tmp_path, case_text("{type: wia_aanvraag, date: 2027-09-20}"))
    assert "WVP208" not in on_time.codes("2027-09-21")


def test_a_late_application_after_a_late_letter_of_uwv_counts_as_on_time(tmp_path: Path) -> None:
    # D = 2026-01-01: the application is due 2027-10-13, E = 2027-12-29.
    melding = "{type: melding_42e_week, date: 2026-10-20}"
    late = "{type: wia_aanvraag, date: 2027-10-20}"
    excused = "{type: wia_aanvraag, date: 2027-10-20, uwv_letter_late: true}"
    plain = Case(tmp_path, case_text(melding, late))
    assert plain.milestone("2027-11-01", "wia_aanvraag")["status"] == "late"
    assert plain.timeline("2027-11-01")["last_wage_day"] == "2028-01-05"
    case = Case(tmp_path, case_text(melding, excused))
    assert case.milestone("2027-11-01", "wia_aanvraag")["status"] == "done"
    assert case.timeline("2027-11-01")["last_wage_day"] == "2027-12-29"
    assert "WVP205" not in case.codes("2027-11-01")
    # A 42e-weeksmelding after week 81 (2027-07-29) excuses nothing.
    after_81 = case_text("{type: melding_42e_week, date: 2027-08-02}", excused)
    assert Case(tmp_path, after_81).milestone("2027-11-01", "wia_aanvraag")["status"] == "late"


# --- signals from the partial return to work (WVP241, WVP242) ------------------------------


def test_therapeutic_work_for_more_than_six_months_is_a_signal(tmp_path: Path) -> None:
    therapeutic = "{type: werkhervatting, date: 2026-03-02, hours: 8, therapeutic: true}"
    case = Case(tmp_path, case_text(therapeutic))
    assert "WVP241" not in case.codes("2026-08-31")  # 182 days
    found = findings_of(case.check("2026-09-01")[1], "WVP241")
    assert [f["severity"] for f in found] == ["warning"]
    assert found[0]["message"].startswith("signaal voor de inhoudelijke toets van UWV")
    with_value = "{type: werkhervatting, date: 2026-06-01, hours: 12, work: eigen_werk}"
    assert "WVP241" not in Case(tmp_path, case_text(therapeutic, with_value)).codes("2026-10-01")
    # Nothing recorded, nothing said.
    assert "WVP241" not in Case(tmp_path, case_text()).codes("2026-10-01")


def test_a_low_return_at_week_87_without_a_tweede_spoor_is_a_signal(tmp_path: Path) -> None:
    # D = 2026-01-01: week 87 ends 2027-09-01; 12 of 32 contract hours is 38%.
    low = "{type: werkhervatting, date: 2027-05-03, hours: 12}"
    case = Case(tmp_path, case_text(low))
    assert "WVP242" not in case.codes("2027-08-31")
    found = findings_of(case.check("2027-09-02")[1], "WVP242")
    assert [(f["severity"], f["milestone"]) for f in found] == [("warning", "start_tweede_spoor")]
    assert "12 van 32 uur" in found[0]["message"]
    high = "{type: werkhervatting, date: 2027-05-03, hours: 24}"
    assert "WVP242" not in Case(tmp_path, case_text(high)).codes("2027-09-02")
    started = "{type: start_tweede_spoor, date: 2027-02-01, provider: Bureau}"
    assert "WVP242" not in Case(tmp_path, case_text(low, started)).codes("2027-09-02")
    assert "WVP242" not in Case(tmp_path, case_text()).codes("2027-09-02")


# --- the deskundigenoordeel's expected answer on the agenda --------------------------------


def test_the_expected_answer_of_a_deskundigenoordeel_is_on_the_agenda(tmp_path: Path) -> None:
    request = "{type: deskundigenoordeel, date: 2026-05-04, requested_by: werkgever}"
    case = Case(tmp_path, case_text(request))
    rows = [
        r for r in case.deadlines("2026-05-20") if r["milestone"] == "deskundigenoordeel_antwoord"
    ]
    assert rows == [
        {
            "case": "law-1",
            "file": str(case.path),
            "milestone": "deskundigenoordeel_antwoord",
            "due": "2026-06-01",
            "status": "open",
            "days_left": 12,
            "who": "uwv",
        }
    ]
    late = case.deadlines("2026-06-05")
    assert [r["status"] for r in late if r["milestone"] == "deskundigenoordeel_antwoord"] == [
        "overdue"
    ]
    answered = case_text(request, "{type: deskundigenoordeel_antwoord, date: 2026-05-28}")
    rows = Case(tmp_path, answered).deadlines("2026-06-05")
    assert [r for r in rows if r["milestone"] == "deskundigenoordeel_antwoord"] == []


def test_the_timeline_asks_no_next_progress_report_after_the_wachttijd(tmp_path: Path) -> None:
    case = Case(tmp_path, case_text(*LONG, sickness="  - from: 2024-06-03\n"))
    assert "Volgende voortgang uiterlijk" in case.timeline_text("2026-05-20")
    assert "Volgende voortgang uiterlijk" not in case.timeline_text("2026-08-20")
