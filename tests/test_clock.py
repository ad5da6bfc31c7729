"""Table tests for the summed clock and every due date (docs/poortwachter.md, sections 1–3).

Expected dates are written out as literals, worked out from the spec by hand and by plain date
arithmetic, never by the code under test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wvp_cli.core.clock import (
    SummedClock,
    Timeline,
    compute,
    easter,
    holidays,
    is_working_day,
    next_working_day,
)
from wvp_cli.core.milestones import MILESTONE_INFO, MILESTONES
from wvp_cli.core.model import Case

D = dt.date


def make_case(
    sickness: list[tuple[dt.date, dt.date | None] | dict[str, Any]],
    events: list[tuple[str, dt.date]] | None = None,
    *,
    leave: list[tuple[dt.date, dt.date]] | None = None,
    extensions: list[tuple[str, dt.date, dt.date]] | None = None,
    deviations: list[tuple[str, dt.date]] | None = None,
) -> Case:
    periods = [
        p if isinstance(p, dict) else {"from": p[0], **({"to": p[1]} if p[1] else {})}
        for p in sickness
    ]
    return Case.model_validate(
        {
            "wvp": 1,
            "id": "t",
            "employee": {"name": "M. de Boer"},
            "employer": {"name": "Zorggroep Noord BV"},
            "sickness": periods,
            "leave": [{"from": a, "to": b} for a, b in leave or []],
            "extensions": [
                {"type": t, "decided": d, "last_wage_day": e} for t, d, e in extensions or []
            ],
            # Agreed by the employee (else they waive nothing); leaving out the tweede spoor
            # holds for the longest prospect of return the law allows (91 days).
            "deviations": [
                {
                    "milestone": m,
                    "date": d,
                    "reason": "Schriftelijk gemotiveerd (art. 5)",
                    "agreed_by_employee": True,
                    **(
                        {"prospect_until": d + dt.timedelta(days=91)}
                        if m == "start_tweede_spoor"
                        else {}
                    ),
                }
                for m, d in deviations or []
            ],
            "events": [{"type": t, "date": d} for t, d in events or []],
        }
    )


def dues(timeline: Timeline) -> dict[str, dt.date]:
    return {m.code: m.due for m in timeline.milestones}


# --- the spec's worked examples ---------------------------------------------------------------

WORKED_EXAMPLE = {
    "ziekmelding_arbodienst": (D(2026, 1, 7), 1),
    "probleemanalyse": (D(2026, 2, 11), 6),
    "plan_van_aanpak": (D(2026, 2, 25), 8),
    "melding_42e_week": (D(2026, 10, 22), 43),
    "arbeidsdeskundig_onderzoek": (D(2026, 12, 30), 52),
    "eerstejaarsevaluatie": (D(2026, 12, 30), 52),
    "start_tweede_spoor": (D(2027, 2, 10), 58),
    "actueel_oordeel": (D(2027, 9, 29), 91),
    "eindevaluatie": (D(2027, 9, 29), 91),
    "re_integratieverslag": (D(2027, 9, 29), 91),
    "wia_aanvraag": (D(2027, 10, 13), 93),
    "einde_wachttijd": (D(2027, 12, 29), 104),
}


@pytest.mark.parametrize(("code", "expected"), WORKED_EXAMPLE.items())
def test_worked_example_2026(code: str, expected: tuple[dt.date, int]) -> None:
    """D = 2026-01-01, no gaps, no extensions, probleemanalyse on its last day."""
    timeline = compute(
        make_case([(D(2026, 1, 1), None)], [("probleemanalyse", D(2026, 2, 11))]), D(2026, 3, 1)
    )
    milestone = timeline.milestone(code)
    assert (milestone.due, milestone.week) == expected


def test_worked_example_2026_window_and_wage_days() -> None:
    timeline = compute(make_case([(D(2026, 1, 1), None)]), D(2026, 3, 1))
    eje = timeline.milestone("eerstejaarsevaluatie")
    assert (eje.window_start, eje.due) == (D(2026, 11, 12), D(2026, 12, 30))
    assert timeline.first_sick_day == D(2026, 1, 1)
    assert timeline.base_last_wage_day == timeline.last_wage_day == D(2027, 12, 29)
    # Without a probleemanalyse the plan falls on offset 55, the same day here.
    assert timeline.milestone("plan_van_aanpak").due == D(2026, 2, 25)
    assert [m.window_start is None for m in timeline.milestones].count(False) == 1


def test_summation_example_rviregister() -> None:
    """Sick 2022-01-03 … 07-03, fit 07-04 … 07-24 (21 days), sick again from 07-25."""
    case = make_case([(D(2022, 1, 3), D(2022, 7, 3)), (D(2022, 7, 25), None)])
    timeline = compute(case, D(2022, 9, 1))
    assert timeline.first_sick_day == D(2022, 1, 3)
    assert timeline.periods == (0, 1)
    assert timeline.milestone("melding_42e_week").due == D(2022, 11, 14)
    assert timeline.last_wage_day == D(2024, 1, 21)
    assert timeline.milestone("einde_wachttijd").due == D(2024, 1, 21)
    clock = timeline.clock
    assert clock.date_at(181) == D(2022, 7, 3)
    assert clock.date_at(182) == D(2022, 7, 25)
    assert clock.offset_of(D(2022, 7, 10)) is None
    assert clock.offset_of(D(2022, 7, 25)) == 182
    # The clock stands still in the gap: week of the last counted day (offset 181 → week 26).
    assert clock.week_of(D(2022, 7, 10)) == 26
    assert clock.week_of(D(2022, 7, 25)) == 27


# --- calendars: year ends and leap years -----------------------------------------------------


@pytest.mark.parametrize(
    ("first_day", "code", "due"),
    [
        # Year end: the first week straddles 1 January.
        (D(2025, 12, 29), "ziekmelding_arbodienst", D(2026, 1, 4)),
        (D(2025, 12, 29), "probleemanalyse", D(2026, 2, 8)),
        (D(2025, 12, 29), "melding_42e_week", D(2026, 10, 19)),
        (D(2025, 12, 29), "einde_wachttijd", D(2027, 12, 26)),
        (D(2025, 12, 26), "ziekmelding_arbodienst", D(2026, 1, 1)),
        # Leap years: 29 February 2024 and 2028 are sick days like any other.
        (D(2024, 1, 19), "probleemanalyse", D(2024, 2, 29)),
        (D(2028, 1, 1), "plan_van_aanpak", D(2028, 2, 25)),
        (D(2028, 1, 1), "eerstejaarsevaluatie", D(2028, 12, 29)),
        (D(2028, 1, 1), "einde_wachttijd", D(2029, 12, 28)),
        # 2028-01-01 + 294 = Saturday 2028-10-21, so the melding moves to Monday.
        (D(2028, 1, 1), "melding_42e_week", D(2028, 10, 23)),
        # Across 29 February 2024 into the second year.
        (D(2023, 3, 1), "einde_wachttijd", D(2025, 2, 25)),
    ],
)
def test_calendar_edges(first_day: dt.date, code: str, due: dt.date) -> None:
    timeline = compute(make_case([(first_day, None)]), first_day)
    assert timeline.milestone(code).due == due


def test_leap_day_is_counted() -> None:
    clock = compute(make_case([(D(2028, 1, 1), None)]), D(2028, 1, 1)).clock
    assert clock.date_at(59) == D(2028, 2, 29)
    assert clock.date_at(60) == D(2028, 3, 1)
    assert clock.offset_of(D(2028, 2, 29)) == 59


def test_plan_due_follows_probleemanalyse_on_leap_day() -> None:
    case = make_case([(D(2024, 1, 19), None)], [("probleemanalyse", D(2024, 2, 29))])
    timeline = compute(case, D(2024, 3, 1))
    assert timeline.milestone("plan_van_aanpak").due == D(2024, 3, 14)


# --- summation: gaps, leave, other cause ------------------------------------------------------


def test_gap_of_27_fit_days_is_summed() -> None:
    # Fit 2026-02-02 … 02-28: 27 days.
    case = make_case([(D(2026, 1, 5), D(2026, 2, 1)), (D(2026, 3, 1), None)])
    timeline = compute(case, D(2026, 3, 10))
    assert timeline.first_sick_day == D(2026, 1, 5)
    assert timeline.periods == (0, 1)
    assert timeline.clock.date_at(27) == D(2026, 2, 1)
    assert timeline.clock.date_at(28) == D(2026, 3, 1)
    assert timeline.milestone("probleemanalyse").due == D(2026, 3, 14)


def test_gap_of_28_fit_days_starts_a_new_case() -> None:
    # Fit 2026-02-02 … 03-01: 28 days.
    case = make_case(
        [(D(2026, 1, 5), D(2026, 2, 1)), (D(2026, 3, 2), None)],
        [("probleemanalyse", D(2026, 1, 20))],
    )
    timeline = compute(case, D(2026, 3, 10))
    assert timeline.first_sick_day == D(2026, 3, 2)
    assert timeline.periods == (1,)
    assert timeline.milestone("probleemanalyse").due == D(2026, 4, 12)
    # The probleemanalyse of the old case does not count for the new one.
    assert timeline.milestone("probleemanalyse").done is None


def test_leave_days_are_not_fit_days_when_counting_the_gap() -> None:
    # 39 calendar days between the periods, 20 of them leave: 19 fit days, so one case.
    case = make_case(
        [(D(2026, 1, 5), D(2026, 2, 1)), (D(2026, 3, 13), None)],
        leave=[(D(2026, 2, 10), D(2026, 3, 1))],
    )
    timeline = compute(case, D(2026, 3, 20))
    assert timeline.first_sick_day == D(2026, 1, 5)
    assert timeline.clock.date_at(28) == D(2026, 3, 13)


PREGNANCY_LEAVE = (D(2026, 3, 2), D(2026, 6, 21))  # 112 days of WAZO leave


def test_pregnancy_leave_bridges_sickness() -> None:
    """Sick before and after the leave: summed however long the leave is; leave days never count."""
    case = make_case(
        [(D(2026, 1, 5), D(2026, 3, 1)), (D(2026, 6, 22), None)], leave=[PREGNANCY_LEAVE]
    )
    timeline = compute(case, D(2026, 7, 1))
    assert timeline.first_sick_day == D(2026, 1, 5)
    assert timeline.periods == (0, 1)
    assert timeline.clock.date_at(55) == D(2026, 3, 1)
    assert timeline.clock.date_at(56) == D(2026, 6, 22)
    assert timeline.milestone("probleemanalyse").due == D(2026, 2, 15)
    assert timeline.milestone("melding_42e_week").due == D(2027, 2, 15)
    assert timeline.last_wage_day == D(2028, 4, 23)


def test_leave_inside_an_open_sickness_period_pauses_the_clock() -> None:
    case = make_case([(D(2026, 1, 5), None)], leave=[PREGNANCY_LEAVE])
    timeline = compute(case, D(2026, 7, 1))
    assert timeline.clock.offset_of(D(2026, 4, 1)) is None
    assert timeline.clock.date_at(56) == D(2026, 6, 22)
    assert timeline.milestone("melding_42e_week").due == D(2027, 2, 15)


def test_other_cause_after_leave_starts_a_new_case() -> None:
    case = make_case(
        [
            (D(2026, 1, 5), D(2026, 3, 1)),
            {"from": D(2026, 6, 22), "other_cause": True},
        ],
        leave=[PREGNANCY_LEAVE],
    )
    timeline = compute(case, D(2026, 7, 1))
    assert timeline.first_sick_day == D(2026, 6, 22)
    assert timeline.periods == (1,)
    assert timeline.milestone("probleemanalyse").due == D(2026, 8, 2)
    assert timeline.last_wage_day == D(2028, 6, 18)


def test_other_cause_after_leave_and_some_fit_days_starts_a_new_case() -> None:
    """The leave is the last non-fit stretch before the period: still "right after the leave"."""
    case = make_case(
        [(D(2026, 1, 5), D(2026, 3, 1)), {"from": D(2026, 7, 1), "other_cause": True}],
        leave=[PREGNANCY_LEAVE],
    )
    assert compute(case, D(2026, 7, 10)).first_sick_day == D(2026, 7, 1)


def test_other_cause_after_leave_that_covers_the_end_of_the_sickness() -> None:
    case = make_case(
        [(D(2026, 1, 5), D(2026, 3, 10)), {"from": D(2026, 6, 22), "other_cause": True}],
        leave=[PREGNANCY_LEAVE],
    )
    timeline = compute(case, D(2026, 7, 10))
    assert (timeline.first_sick_day, timeline.periods) == (D(2026, 6, 22), (1,))


def test_other_cause_without_a_leave_before_it_is_summed() -> None:
    """Samentelling holds "whatever the cause"; the flag only matters right after a leave."""
    case = make_case(
        [(D(2026, 1, 5), D(2026, 2, 1)), {"from": D(2026, 2, 10), "other_cause": True}],
        leave=[(D(2025, 6, 1), D(2025, 9, 1))],
    )
    timeline = compute(case, D(2026, 3, 1))
    assert timeline.first_sick_day == D(2026, 1, 5)
    assert timeline.periods == (0, 1)


def test_future_leave_is_skipped_when_extrapolating() -> None:
    case = make_case([(D(2026, 1, 1), None)], leave=[(D(2026, 10, 1), D(2026, 10, 14))])
    timeline = compute(case, D(2026, 3, 1))
    # Offset 294 was 2026-10-22; 14 leave days before it push it to 2026-11-05.
    assert timeline.milestone("melding_42e_week").due == D(2026, 11, 5)
    assert timeline.milestone("probleemanalyse").due == D(2026, 2, 11)


def test_the_last_case_in_the_file_is_the_current_one() -> None:
    case = make_case(
        [
            (D(2023, 1, 2), D(2023, 2, 1)),
            (D(2024, 5, 1), D(2024, 5, 10)),
            (D(2024, 5, 20), None),
        ]
    )
    timeline = compute(case, D(2024, 6, 1))
    assert timeline.first_sick_day == D(2024, 5, 1)
    assert timeline.periods == (1, 2)
    assert timeline.clock.date_at(10) == D(2024, 5, 20)


# --- extensions (section 3) -------------------------------------------------------------------


def test_vrijwillige_verlenging_moves_riv_and_wia_only() -> None:
    case = make_case(
        [(D(2026, 1, 1), None)],
        extensions=[("vrijwillige_verlenging", D(2027, 6, 1), D(2028, 6, 28))],
    )
    timeline = compute(case, D(2027, 7, 1))
    got = dues(timeline)
    assert got["actueel_oordeel"] == got["eindevaluatie"] == got["re_integratieverslag"]
    assert got["re_integratieverslag"] == D(2028, 3, 29)
    assert got["wia_aanvraag"] == D(2028, 4, 12)
    assert timeline.base_last_wage_day == D(2027, 12, 29)
    assert timeline.last_wage_day == got["einde_wachttijd"] == D(2028, 6, 28)
    assert got["melding_42e_week"] == D(2026, 10, 22)
    assert got["start_tweede_spoor"] == D(2027, 2, 10)


def test_latest_decided_verlenging_wins() -> None:
    case = make_case(
        [(D(2026, 1, 1), None)],
        extensions=[
            ("vrijwillige_verlenging", D(2027, 9, 1), D(2028, 9, 27)),
            ("vrijwillige_verlenging", D(2027, 6, 1), D(2028, 6, 28)),
        ],
    )
    timeline = compute(case, D(2027, 10, 1))
    assert timeline.last_wage_day == D(2028, 9, 27)
    assert timeline.milestone("wia_aanvraag").due == D(2028, 7, 12)


def test_loonsanctie_extends_e_but_not_riv_or_wia() -> None:
    case = make_case(
        [(D(2026, 1, 1), None)],
        [("wia_aanvraag", D(2027, 10, 1))],
        extensions=[("loonsanctie", D(2027, 11, 1), D(2028, 12, 27))],
    )
    timeline = compute(case, D(2027, 12, 1))
    assert timeline.milestone("re_integratieverslag").due == D(2027, 9, 29)
    assert timeline.milestone("wia_aanvraag").due == D(2027, 10, 13)
    assert timeline.last_wage_day == D(2028, 12, 27)
    assert timeline.milestone("einde_wachttijd").due == D(2028, 12, 27)


def test_late_wia_application_extends_e_by_the_days_late() -> None:
    case = make_case([(D(2026, 1, 1), None)], [("wia_aanvraag", D(2027, 10, 23))])
    timeline = compute(case, D(2027, 11, 1))
    wia = timeline.milestone("wia_aanvraag")
    assert (wia.status, wia.days_late) == ("late", 10)
    assert timeline.base_last_wage_day == D(2027, 12, 29)
    assert timeline.last_wage_day == D(2028, 1, 8)
    # Earlier milestones never move.
    assert timeline.milestone("re_integratieverslag").due == D(2027, 9, 29)


def test_late_wia_application_after_verlenging() -> None:
    case = make_case(
        [(D(2026, 1, 1), None)],
        [("wia_aanvraag", D(2028, 4, 15))],
        extensions=[("vrijwillige_verlenging", D(2027, 6, 1), D(2028, 6, 28))],
    )
    assert compute(case, D(2028, 5, 1)).last_wage_day == D(2028, 7, 1)


def test_loonsanctie_shorter_than_late_wia_extension_does_not_shorten_e() -> None:
    case = make_case(
        [(D(2026, 1, 1), None)],
        [("wia_aanvraag", D(2027, 10, 23))],
        extensions=[("loonsanctie", D(2027, 11, 1), D(2028, 1, 1))],
    )
    assert compute(case, D(2027, 12, 1)).last_wage_day == D(2028, 1, 8)


def test_extension_decided_after_as_of_is_not_yet_known() -> None:
    case = make_case(
        [(D(2026, 1, 1), None)],
        extensions=[("vrijwillige_verlenging", D(2027, 6, 1), D(2028, 6, 28))],
    )
    timeline = compute(case, D(2027, 5, 1))
    assert timeline.last_wage_day == D(2027, 12, 29)
    assert timeline.milestone("wia_aanvraag").due == D(2027, 10, 13)


def test_late_42e_weeksmelding_does_not_move_e() -> None:
    case = make_case([(D(2026, 1, 1), None)], [("melding_42e_week", D(2026, 12, 1))])
    timeline = compute(case, D(2026, 12, 2))
    assert timeline.milestone("melding_42e_week").status == "late"
    assert timeline.last_wage_day == D(2027, 12, 29)


# --- the 42nd-week report and the Algemene termijnenwet ---------------------------------------


@pytest.mark.parametrize(
    ("first_day", "offset_294", "due"),
    [
        (D(2026, 1, 1), D(2026, 10, 22), D(2026, 10, 22)),  # Thursday: no shift
        (D(2026, 1, 3), D(2026, 10, 24), D(2026, 10, 26)),  # Saturday → Monday
        (D(2026, 1, 4), D(2026, 10, 25), D(2026, 10, 26)),  # Sunday → Monday
        (D(2025, 7, 7), D(2026, 4, 27), D(2026, 4, 28)),  # Koningsdag (Monday)
        (D(2026, 3, 6), D(2026, 12, 25), D(2026, 12, 28)),  # 1e Kerstdag, 2e, weekend
        (D(2026, 3, 7), D(2026, 12, 26), D(2026, 12, 28)),  # 2e Kerstdag (Saturday)
        (D(2026, 3, 13), D(2027, 1, 1), D(2027, 1, 4)),  # Nieuwjaarsdag (Friday)
        (D(2025, 6, 16), D(2026, 4, 6), D(2026, 4, 7)),  # 2e Paasdag
        (D(2025, 7, 15), D(2026, 5, 5), D(2026, 5, 6)),  # 5 mei (Tuesday)
        (D(2025, 7, 24), D(2026, 5, 14), D(2026, 5, 15)),  # Hemelvaartsdag
        (D(2025, 8, 4), D(2026, 5, 25), D(2026, 5, 26)),  # 2e Pinksterdag
        (D(2012, 7, 10), D(2013, 4, 30), D(2013, 5, 1)),  # Koninginnedag before 2014
    ],
)
def test_melding_42e_week_moves_to_the_next_working_day(
    first_day: dt.date, offset_294: dt.date, due: dt.date
) -> None:
    timeline = compute(make_case([(first_day, None)]), first_day)
    assert timeline.clock.date_at(294) == offset_294
    melding = timeline.milestone("melding_42e_week")
    assert melding.due == due
    # The other milestones are not moved by the Atw.
    assert timeline.milestone("eerstejaarsevaluatie").due == timeline.clock.date_at(363)


def test_only_the_melding_is_moved_by_the_atw() -> None:
    # D = 2026-01-04 (Sunday): offset 41 is a Saturday and stays one.
    timeline = compute(make_case([(D(2026, 1, 4), None)]), D(2026, 1, 4))
    assert timeline.milestone("probleemanalyse").due == D(2026, 2, 14)
    assert timeline.milestone("probleemanalyse").due.weekday() == 5


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (
            2024,
            {
                D(2024, 1, 1),
                D(2024, 3, 29),  # Goede Vrijdag (Atw art. 3 lid 2)
                D(2024, 4, 1),
                D(2024, 4, 27),
                D(2024, 5, 5),
                D(2024, 5, 9),
                D(2024, 5, 20),
                D(2024, 12, 25),
                D(2024, 12, 26),
            },
        ),
        (
            2025,  # 27 April is a Sunday: Koningsdag on Saturday the 26th
            {
                D(2025, 1, 1),
                D(2025, 4, 18),  # Goede Vrijdag (Atw art. 3 lid 2)
                D(2025, 4, 21),
                D(2025, 4, 26),
                D(2025, 5, 5),
                D(2025, 5, 29),
                D(2025, 6, 9),
                D(2025, 12, 25),
                D(2025, 12, 26),
            },
        ),
        (
            2026,
            {
                D(2026, 1, 1),
                D(2026, 4, 3),  # Goede Vrijdag (Atw art. 3 lid 2)
                D(2026, 4, 6),
                D(2026, 4, 27),
                D(2026, 5, 5),
                D(2026, 5, 14),
                D(2026, 5, 25),
                D(2026, 12, 25),
                D(2026, 12, 26),
            },
        ),
        (
            2006,  # 30 April a Sunday: Koninginnedag on the 29th
            {
                D(2006, 1, 1),
                D(2006, 4, 14),  # Goede Vrijdag (Atw art. 3 lid 2)
                D(2006, 4, 17),
                D(2006, 4, 29),
                D(2006, 5, 5),
                D(2006, 5, 25),
                D(2006, 6, 5),
                D(2006, 12, 25),
                D(2006, 12, 26),
            },
        ),
    ],
)
def test_holidays(year: int, expected: set[dt.date]) -> None:
    assert holidays(year) == expected


@pytest.mark.parametrize(
    "sunday",
    [
        D(2000, 4, 23),
        D(2019, 4, 21),
        D(2024, 3, 31),
        D(2025, 4, 20),
        D(2026, 4, 5),
        D(2038, 4, 25),
        D(2285, 3, 22),
    ],
)
def test_easter(sunday: dt.date) -> None:
    assert easter(sunday.year) == sunday


def test_working_days() -> None:
    assert is_working_day(D(2026, 10, 22))
    assert not is_working_day(D(2026, 10, 24))
    assert not is_working_day(D(2026, 4, 27))
    assert next_working_day(D(2026, 10, 22)) == D(2026, 10, 22)
    assert next_working_day(D(2025, 12, 25)) == D(2025, 12, 29)  # Thu, Fri, weekend
    assert next_working_day(D(2024, 12, 31)) == D(2024, 12, 31)


# --- statuses --------------------------------------------------------------------------------

FIRST = D(2026, 1, 1)


def status_at(
    as_of: dt.date,
    code: str,
    events: list[tuple[str, dt.date]] | None = None,
    *,
    sickness: list[tuple[dt.date, dt.date | None] | dict[str, Any]] | None = None,
    deviations: list[tuple[str, dt.date]] | None = None,
) -> tuple[str, dt.date | None, int | None]:
    case = make_case(sickness or [(FIRST, None)], events, deviations=deviations)
    milestone = compute(case, as_of).milestone(code)
    return milestone.status, milestone.done, milestone.days_late


def test_status_done_on_the_due_date() -> None:
    events = [("probleemanalyse", D(2026, 2, 11))]
    assert status_at(D(2026, 3, 1), "probleemanalyse", events) == ("done", D(2026, 2, 11), None)


def test_status_late() -> None:
    events = [("probleemanalyse", D(2026, 2, 14))]
    assert status_at(D(2026, 3, 1), "probleemanalyse", events) == ("late", D(2026, 2, 14), 3)


def test_status_open_on_the_due_date_and_overdue_the_day_after() -> None:
    assert status_at(D(2026, 2, 11), "probleemanalyse")[0] == "open"
    assert status_at(D(2026, 2, 12), "probleemanalyse")[0] == "overdue"


def test_status_waived_records_the_deviation() -> None:
    case = make_case(
        [(FIRST, None)],
        deviations=[("probleemanalyse", D(2025, 12, 1)), ("start_tweede_spoor", D(2026, 12, 1))],
    )
    timeline = compute(case, D(2027, 3, 1))
    spoor = timeline.milestone("start_tweede_spoor")
    assert (spoor.status, spoor.deviation) == ("waived", 1)
    # A deviation dated before the case belongs to an earlier case.
    assert timeline.milestone("probleemanalyse").status == "overdue"
    assert timeline.milestone("probleemanalyse").deviation is None


def test_deviation_dated_after_as_of_does_not_waive_yet() -> None:
    deviations = [("start_tweede_spoor", D(2027, 3, 1))]
    assert status_at(D(2027, 2, 20), "start_tweede_spoor", deviations=deviations)[0] == "overdue"


def test_a_done_milestone_is_not_waived() -> None:
    status = status_at(
        D(2026, 3, 1),
        "probleemanalyse",
        [("probleemanalyse", D(2026, 2, 1))],
        deviations=[("probleemanalyse", D(2026, 2, 1))],
    )
    assert status[0] == "done"


RECOVERED = [(FIRST, D(2026, 3, 31))]


def test_recovery_pauses_later_milestones_and_keeps_missed_ones() -> None:
    case = make_case(RECOVERED, [("ziekmelding_arbodienst", D(2026, 1, 2))])
    timeline = compute(case, D(2026, 4, 10))
    assert timeline.state == "recovered"
    assert timeline.last_sick_day == D(2026, 3, 31)
    statuses = {m.code: m.status for m in timeline.milestones}
    assert statuses["ziekmelding_arbodienst"] == "done"
    assert statuses["probleemanalyse"] == "overdue"
    assert statuses["melding_42e_week"] == "paused"
    assert statuses["einde_wachttijd"] == "paused"


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (D(2026, 3, 31), "sick"),  # `to` is today: still sick
        (D(2026, 4, 1), "recovered"),
        (D(2026, 4, 28), "recovered"),  # 27 fit days in between
        (D(2026, 4, 29), "closed"),  # 28 fit days in between
    ],
)
def test_state(as_of: dt.date, state: str) -> None:
    timeline = compute(make_case(RECOVERED), as_of)
    assert timeline.state == state
    assert timeline.last_sick_day == (None if state == "sick" else D(2026, 3, 31))


def test_leave_after_recovery_does_not_close_the_case() -> None:
    case = make_case(RECOVERED, leave=[(D(2026, 4, 10), D(2026, 7, 30))])
    assert compute(case, D(2026, 8, 5)).state == "recovered"


def test_closed_case_milestones_not_applicable() -> None:
    case = make_case(RECOVERED, [("ziekmelding_arbodienst", D(2026, 1, 2))])
    timeline = compute(case, D(2026, 6, 1))
    assert timeline.state == "closed"
    statuses = {m.code: m.status for m in timeline.milestones}
    assert statuses.pop("ziekmelding_arbodienst") == "done"
    assert set(statuses.values()) == {"not_applicable"}


def test_first_event_of_a_type_fulfils_and_later_events_are_ignored() -> None:
    case = make_case(
        [(FIRST, None)],
        [
            ("probleemanalyse", D(2026, 2, 20)),  # index 0, late
            ("probleemanalyse", D(2026, 2, 5)),  # index 1, the first one: on time
            ("probleemanalyse", D(2026, 3, 5)),  # index 2, after as_of: not yet in the dossier
            ("probleemanalyse", D(2025, 12, 1)),  # index 3, before D: not this case
        ],
    )
    milestone = compute(case, D(2026, 3, 1)).milestone("probleemanalyse")
    assert (milestone.status, milestone.done, milestone.event) == ("done", D(2026, 2, 5), 1)


def test_event_after_as_of_is_ignored() -> None:
    events = [("probleemanalyse", D(2026, 3, 5))]
    assert status_at(D(2026, 3, 1), "probleemanalyse", events)[0] == "overdue"


def test_plan_due_follows_a_late_probleemanalyse() -> None:
    case = make_case([(FIRST, None)], [("probleemanalyse", D(2026, 2, 20))])
    assert compute(case, D(2026, 3, 1)).milestone("plan_van_aanpak").due == D(2026, 3, 6)


def test_eerstejaarsevaluatie_before_the_window_is_done_and_sets_tweede_spoor() -> None:
    case = make_case([(FIRST, None)], [("eerstejaarsevaluatie", D(2026, 10, 1))])
    timeline = compute(case, D(2026, 10, 2))
    eje = timeline.milestone("eerstejaarsevaluatie")
    assert (eje.status, eje.window_start, eje.due) == ("done", D(2026, 11, 12), D(2026, 12, 30))
    assert timeline.milestone("start_tweede_spoor").due == D(2026, 11, 12)


def test_einde_wachttijd_done_after_the_last_wage_day() -> None:
    case = make_case([(FIRST, None)])
    assert compute(case, D(2027, 12, 29)).milestone("einde_wachttijd").status == "open"
    after = compute(case, D(2027, 12, 30)).milestone("einde_wachttijd")
    assert (after.status, after.done) == ("done", D(2027, 12, 29))


# --- evaluation cadence -----------------------------------------------------------------------


def test_evaluation_moments_and_the_next_evaluation() -> None:
    case = make_case(
        [(FIRST, None)],
        [
            ("bijstelling", D(2026, 5, 1)),  # 0
            ("evaluatie", D(2026, 2, 10)),  # 1: before the plan, not a moment
            ("plan_van_aanpak", D(2026, 2, 20)),  # 2
            ("evaluatie", D(2026, 3, 30)),  # 3
            ("evaluatie", D(2026, 7, 1)),  # 4: after as_of
        ],
    )
    timeline = compute(case, D(2026, 6, 1))
    assert timeline.evaluation_moments == (
        (D(2026, 2, 20), 2),
        (D(2026, 3, 30), 3),
        (D(2026, 5, 1), 0),
    )
    evaluatie = timeline.milestone("evaluatie")
    assert (evaluatie.due, evaluatie.done, evaluatie.event) == (D(2026, 6, 12), D(2026, 5, 1), 0)
    assert evaluatie.status == "open"
    assert compute(case, D(2026, 6, 13)).milestone("evaluatie").status == "overdue"


def test_evaluation_after_the_plan_only() -> None:
    case = make_case([(FIRST, None)], [("plan_van_aanpak", D(2026, 2, 20))])
    evaluatie = compute(case, D(2026, 3, 1)).milestone("evaluatie")
    assert (evaluatie.due, evaluatie.done, evaluatie.status) == (D(2026, 4, 3), None, "open")


def test_evaluation_before_any_plan() -> None:
    timeline = compute(make_case([(FIRST, None)]), D(2026, 1, 10))
    assert timeline.evaluation_moments == ()
    assert timeline.milestone("evaluatie").due == D(2026, 4, 8)  # plan due 02-25 + 42


def test_evaluation_not_applicable_after_the_last_wage_day() -> None:
    case = make_case(
        [(FIRST, None)],
        [("plan_van_aanpak", D(2026, 2, 20)), ("eindevaluatie", D(2027, 11, 20))],
    )
    evaluatie = compute(case, D(2027, 12, 1)).milestone("evaluatie")
    assert evaluatie.due == D(2028, 1, 1)
    assert evaluatie.status == "not_applicable"


def test_evaluation_waived_only_by_a_deviation_after_the_last_moment() -> None:
    events = [("plan_van_aanpak", D(2026, 2, 20)), ("evaluatie", D(2026, 3, 30))]
    old = status_at(D(2026, 6, 1), "evaluatie", events, deviations=[("evaluatie", D(2026, 3, 1))])
    new = status_at(D(2026, 6, 1), "evaluatie", events, deviations=[("evaluatie", D(2026, 5, 1))])
    assert (old[0], new[0]) == ("overdue", "waived")


# --- the clock itself -------------------------------------------------------------------------


def test_summed_clock_directly() -> None:
    clock = SummedClock(
        [(D(2026, 1, 1), D(2026, 1, 10)), (D(2026, 1, 20), None)],
        [(D(2026, 1, 5), D(2026, 1, 6))],
    )
    assert [clock.date_at(k) for k in (0, 3, 4, 7, 8, 9)] == [
        D(2026, 1, 1),
        D(2026, 1, 4),
        D(2026, 1, 7),
        D(2026, 1, 10),
        D(2026, 1, 20),
        D(2026, 1, 21),
    ]
    assert clock.offset_of(D(2026, 1, 5)) is None
    assert clock.offset_of(D(2026, 1, 15)) is None
    assert clock.offset_of(D(2025, 12, 31)) is None
    assert clock.week_of(D(2026, 1, 1)) == 1
    assert clock.week_of(D(2026, 1, 21)) == 2
    assert clock.week_of(D(2025, 12, 31)) == 0
    assert clock.date_at(1000) == D(2026, 1, 20) + dt.timedelta(days=1000 - 8)


def test_week_numbers() -> None:
    clock = compute(make_case([(FIRST, None)]), FIRST).clock
    assert clock.week_of(clock.date_at(41)) == 6
    assert clock.week_of(clock.date_at(42)) == 7
    assert clock.week_of(clock.date_at(294)) == 43
    assert clock.week_of(clock.date_at(727)) == 104


# --- bad data never raises -------------------------------------------------------------------


def test_unsorted_periods_are_sorted() -> None:
    ordered = make_case([(D(2022, 1, 3), D(2022, 7, 3)), (D(2022, 7, 25), None)])
    shuffled = make_case([(D(2022, 7, 25), None), (D(2022, 1, 3), D(2022, 7, 3))])
    a, b = compute(ordered, D(2022, 9, 1)), compute(shuffled, D(2022, 9, 1))
    assert dues(a) == dues(b)
    assert b.periods == (1, 0)


def test_overlapping_periods_are_merged() -> None:
    case = make_case([(D(2026, 1, 1), D(2026, 2, 1)), (D(2026, 1, 15), None)])
    timeline = compute(case, D(2026, 3, 1))
    assert dues(timeline) == {code: due for code, (due, _) in WORKED_EXAMPLE.items()} | {
        "evaluatie": D(2026, 4, 8)
    }


def test_period_ending_before_it_starts_is_one_day() -> None:
    case = make_case([(D(2026, 1, 1), D(2025, 12, 1)), (D(2026, 1, 2), None)])
    timeline = compute(case, D(2026, 3, 1))
    assert timeline.first_sick_day == D(2026, 1, 1)
    assert timeline.milestone("probleemanalyse").due == D(2026, 2, 11)


def test_leave_ending_before_it_starts_is_ignored() -> None:
    case = make_case([(FIRST, None)], leave=[(D(2026, 3, 1), D(2026, 2, 1))])
    assert compute(case, D(2026, 3, 1)).milestone("melding_42e_week").due == D(2026, 10, 22)


def test_dates_at_the_end_of_the_calendar_do_not_raise() -> None:
    timeline = compute(make_case([(D(9999, 6, 1), None)]), D(9999, 12, 31))
    assert timeline.last_wage_day == dt.date.max


# --- metadata --------------------------------------------------------------------------------


def test_milestone_info_covers_every_milestone_in_order() -> None:
    assert tuple(MILESTONE_INFO) == MILESTONES
    assert MILESTONE_INFO["melding_42e_week"].title == "42e-weeksmelding aan UWV"
    assert MILESTONE_INFO["probleemanalyse"].source == "Regeling procesgang art. 2"
    for code, info in MILESTONE_INFO.items():
        assert info.code == code
        assert info.severity in {"error", "warning", "info"}
        assert info.title and info.who and info.source


def test_timeline_lists_every_milestone_in_order() -> None:
    timeline = compute(make_case([(FIRST, None)]), FIRST)
    assert tuple(m.code for m in timeline.milestones) == MILESTONES
    with pytest.raises(KeyError):
        timeline.milestone("bestaat_niet")
