"""The absence figures (core/stats.py) against values computed by hand on a small roster: a
case that crosses the start of the period, a partial return counted by its hours, a pregnancy
leave, an employee who starts during the period; and the minimum group size."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wvp_cli.core.model import Case
from wvp_cli.core.stats import Period, RosterEntry, figures

D = dt.date
PERIOD = Period(D(2026, 1, 1), D(2026, 3, 31))  # 31 + 28 + 31 = 90 days
AS_OF = D(2026, 4, 15)


def case(number: str, sickness: list[dict[str, Any]], **extra: Any) -> Case:
    data: dict[str, Any] = {
        "wvp": 1,
        "id": f"c-{number}",
        "employee": {"name": f"Werknemer {number}", "number": number},
        "employer": {"name": "Bakkerij Noord BV", "casemanager": "S. Visser"},
        "sickness": sickness,
        "events": extra.pop("events", []),
        **extra,
    }
    return Case.model_validate(data)


ROSTER = [
    RosterEntry("1", 40, D(2020, 1, 1)),
    RosterEntry("2", 20, D(2020, 1, 1)),
    RosterEntry("3", 32, D(2020, 1, 1)),
    RosterEntry("4", 40, D(2026, 2, 1)),  # starts during the period: 59 days
    RosterEntry("5", 24, D(2020, 1, 1), D(2027, 1, 1)),
]
CASES = [
    # Crosses the start: sick 20 Dec .. 9 Jan; 9 days in the period, 21 days long.
    case("1", [{"from": D(2025, 12, 20), "to": D(2026, 1, 9)}]),
    # Sick from 1 Feb, works 10 of 20 hours from 1 Mar: March counts half.
    case(
        "2",
        [{"from": D(2026, 2, 1)}],
        events=[{"type": "werkhervatting", "date": D(2026, 3, 1), "hours": 10}],
    ),
    # Sick 5..18 Jan (14 days), then pregnancy leave 2 Feb .. 31 Mar (58 days).
    case(
        "3",
        [{"from": D(2026, 1, 5), "to": D(2026, 1, 18)}],
        leave=[{"from": D(2026, 2, 2), "to": D(2026, 3, 31)}],
    ),
]


def test_the_figures_match_the_hand_computed_values() -> None:
    report = figures(CASES, PERIOD, AS_OF, roster=ROSTER)
    (all_,) = report.groups
    # capacity: 90×40 + 90×20 + 90×32 + 59×40 + 90×24 = 12800 hours
    # lost: 9×40 + (28×20 + 31×20×0.5) + 14×32 = 360 + 870 + 448 = 1678
    assert all_.absence_percentage == pytest.approx(100 * 1678 / 12800)
    # with the leave: + 58×32 = 1856
    assert all_.absence_percentage_with_leave == pytest.approx(100 * (1678 + 1856) / 12800)
    # reports starting in the period: 1 Feb and 5 Jan; average staff 419 / 90
    assert all_.average_employees == pytest.approx(419 / 90)
    assert all_.report_frequency == pytest.approx(2 / (419 / 90))
    assert all_.report_frequency_per_year == pytest.approx(2 / (419 / 90) * 365 / 90)
    # ended in the period: 21 days (from 20 Dec: days before the period count) and 14 days
    assert all_.ended_reports == 2
    assert all_.mean_duration == pytest.approx(17.5)
    # lengths at the end of the period: 21, 59, 14
    assert all_.classes == {"1-14": 1, "15-91": 2, "92-365": 0, "366-730": 0}
    assert all_.cases == 3
    assert all_.new_reports == 2
    assert all_.size == 5
    # January: lost 360 + 448 of 31×(40+20+32+24) = 3596
    assert all_.monthly[0] == ("2026-01", pytest.approx(100 * 808 / 3596))
    assert [m for m, _ in all_.monthly] == ["2026-01", "2026-02", "2026-03"]
    assert all_.phases == {"spoor_1": 1, "spoor_2": 0, "wia": 0}
    assert report.suppressed == 0 and report.not_on_roster == 0


def test_a_therapeutic_return_does_not_lower_the_percentage() -> None:
    therapeutic = [
        CASES[0],
        case(
            "2",
            [{"from": D(2026, 2, 1)}],
            events=[
                {"type": "werkhervatting", "date": D(2026, 3, 1), "hours": 10, "therapeutic": True}
            ],
        ),
        CASES[2],
    ]
    report = figures(therapeutic, PERIOD, AS_OF, roster=ROSTER)
    assert report.groups[0].absence_percentage == pytest.approx(100 * (1678 + 310) / 12800)


def test_groups_smaller_than_the_minimum_are_suppressed() -> None:
    report = figures(CASES, PERIOD, AS_OF, roster=ROSTER, min_group=6)
    assert report.groups == ()
    assert report.suppressed == 1
    by_manager = figures(CASES, PERIOD, AS_OF, group_by="casemanager")
    # Without a roster the group size is the number of employees with a case: 3 < 5.
    assert by_manager.groups == () and by_manager.suppressed == 1
    shown = figures(CASES, PERIOD, AS_OF, group_by="casemanager", min_group=3)
    assert [g.group for g in shown.groups] == ["S. Visser"]
    assert shown.groups[0].absence_percentage is None  # no roster, no percentage


def test_without_a_roster_there_is_no_percentage_and_cases_off_the_roster_are_counted() -> None:
    report = figures(CASES, PERIOD, AS_OF, min_group=1)
    assert report.groups[0].absence_percentage is None
    assert report.groups[0].report_frequency is None
    off = figures(CASES, PERIOD, AS_OF, roster=ROSTER[1:], min_group=1)
    assert off.not_on_roster == 1


def test_the_discipline_counts_milestones_done_on_time() -> None:
    # Sick from 5 Jan: the probleemanalyse is due in week 6 (the clock says when).
    on_time = case(
        "7",
        [{"from": D(2026, 1, 5)}],
        events=[{"type": "probleemanalyse", "date": D(2026, 2, 2)}],
    )
    missing = case("8", [{"from": D(2026, 1, 5)}])
    report = figures([on_time, missing], PERIOD, AS_OF, min_group=1)
    assert report.groups[0].discipline["probleemanalyse"] == (1, 2)


def test_a_later_case_in_the_same_file_is_in_no_phase_at_the_end_of_the_period() -> None:
    # Recovered on 10 Jan; sick again from 1 June (a new case in the same file, after the
    # period): at 31 March the employee is in no phase.
    two = case("9", [{"from": D(2026, 1, 5), "to": D(2026, 1, 10)}, {"from": D(2026, 6, 1)}])
    report = figures([two], PERIOD, AS_OF, min_group=1)
    assert report.groups[0].phases == {"spoor_1": 0, "spoor_2": 0, "wia": 0}
    assert report.groups[0].cases == 1
