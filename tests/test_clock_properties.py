"""Property tests for the summed clock (hypothesis): what must hold for every case file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wvp_cli.core.clock import Timeline, compute
from wvp_cli.core.milestones import MILESTONES
from wvp_cli.core.model import EVENT_TYPES, Case

RECENT = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
ANY_DATE = st.dates()
EXAMPLES = settings(max_examples=200, deadline=None)
FEWER = settings(max_examples=100, deadline=None)  # each example walks 1200 offsets or 800 days


#: The fields an event type cannot do without, beside its date.
EXTRA: dict[str, dict[str, Any]] = {
    "werkhervatting": {"hours": 16},
    "afsluiting": {"reason": "anders"},
}


def build(
    sickness: list[dict[str, Any]],
    leave: Sequence[tuple[dt.date, dt.date]] = (),
    events: Sequence[tuple[str, dt.date]] = (),
    extensions: Sequence[tuple[str, dt.date, dt.date]] = (),
    deviations: Sequence[tuple[str, dt.date]] = (),
) -> Case:
    return Case.model_validate(
        {
            "wvp": 1,
            "id": "p",
            "employee": {"name": "X"},
            "employer": {"name": "Y"},
            "sickness": sickness,
            "leave": [{"from": a, "to": b} for a, b in leave],
            "extensions": [{"type": t, "decided": d, "last_wage_day": e} for t, d, e in extensions],
            "deviations": [{"milestone": m, "date": d, "reason": "r"} for m, d in deviations],
            "events": [{"type": t, "date": d, **EXTRA.get(t, {})} for t, d in events],
        }
    )


def periods(dates: st.SearchStrategy[dt.date]) -> st.SearchStrategy[dict[str, Any]]:
    return st.builds(
        lambda start, end, other: {
            "from": start,
            **({} if end is None else {"to": end}),
            **({"other_cause": True} if other else {}),
        },
        dates,
        st.none() | dates,
        st.booleans(),
    )


@st.composite
def cases(draw: st.DrawFn, dates: st.SearchStrategy[dt.date] | None = None) -> Case:
    """Arbitrary valid Case objects: unsorted, overlapping and inverted data included.

    Without `dates`, the case is built around one anchor: a chain of sickness periods with gaps
    of 0–40 days, leave periods among them, and events near them, so that gaps, leave and
    extensions actually meet. A little raw noise (overlapping, inverted periods) is mixed in and
    the periods are shuffled.
    """
    if dates is None:
        anchor = draw(RECENT)
        dates = st.integers(-60, 1000).map(lambda n: anchor + dt.timedelta(days=n))
        sickness: list[dict[str, Any]] = []
        day = anchor
        for gap, length in draw(
            st.lists(st.tuples(st.integers(0, 40), st.integers(0, 150)), min_size=1, max_size=5)
        ):
            day += dt.timedelta(days=gap)
            sickness.append(
                {
                    "from": day,
                    "to": day + dt.timedelta(days=length),
                    "other_cause": draw(st.booleans()),
                }
            )
            day += dt.timedelta(days=length + 1)
        if draw(st.booleans()):
            del sickness[-1]["to"]
        sickness += draw(st.lists(periods(dates), max_size=1))
        sickness = draw(st.permutations(sickness))
        leave = draw(
            st.lists(
                st.tuples(dates, st.integers(-3, 150)).map(
                    lambda t: (t[0], t[0] + dt.timedelta(days=t[1]))
                ),
                max_size=3,
            )
        )
    else:
        sickness = draw(st.lists(periods(dates), min_size=1, max_size=5))
        leave = draw(st.lists(st.tuples(dates, dates), max_size=3))
    return build(
        sickness=sickness,
        leave=leave,
        events=draw(st.lists(st.tuples(st.sampled_from(EVENT_TYPES), dates), max_size=15)),
        extensions=draw(
            st.lists(
                st.tuples(st.sampled_from(["vrijwillige_verlenging", "loonsanctie"]), dates, dates),
                max_size=3,
            )
        ),
        deviations=draw(st.lists(st.tuples(st.sampled_from(MILESTONES), dates), max_size=3)),
    )


@st.composite
def cases_and_dates(draw: st.DrawFn) -> tuple[Case, dt.date]:
    """A case and an `as_of` near it."""
    case = draw(cases())
    first = min(p.from_ for p in case.sickness)
    return case, first + dt.timedelta(days=draw(st.integers(-30, 1000)))


def check_invariants(case: Case, timeline: Timeline) -> None:
    assert tuple(m.code for m in timeline.milestones) == MILESTONES
    for m in timeline.milestones:
        if m.status in ("done", "late") and m.code != "einde_wachttijd":
            assert m.done is not None and m.event is not None
            assert case.events[m.event].date == m.done
            assert timeline.first_sick_day <= m.done <= timeline.as_of
        if m.status == "late":
            assert m.done is not None and m.days_late == (m.done - m.due).days > 0
        else:
            assert m.days_late is None
        if m.status == "waived":
            assert m.deviation is not None
            assert case.deviations[m.deviation].milestone == m.code
        else:
            assert m.deviation is None
        assert (m.window_start is not None) == (m.code == "eerstejaarsevaluatie")
    assert timeline.last_wage_day >= timeline.milestone("einde_wachttijd").due
    if timeline.closed_on is not None:
        # an `afsluiting` closes the dossier whatever the sickness periods say
        assert timeline.state == "closed"
    elif timeline.state == "wachttijd_voorbij":
        # Section 7: the sickness reached the last wage day, and that day has passed.
        assert timeline.as_of > timeline.last_wage_day
        assert timeline.last_sick_day is None or timeline.last_sick_day >= timeline.last_wage_day
        assert all(
            m.status in ("done", "late", "overdue", "waived", "not_applicable")
            for m in timeline.milestones
        )
    else:
        assert (timeline.state == "sick") == (timeline.last_sick_day is None)
    assert sorted(timeline.periods) == sorted(set(timeline.periods))


@EXAMPLES
@given(cases(ANY_DATE), ANY_DATE)
def test_compute_never_raises_on_any_dates(case: Case, as_of: dt.date) -> None:
    check_invariants(case, compute(case, as_of))


@EXAMPLES
@given(cases_and_dates())
def test_compute_never_raises_and_is_consistent(drawn: tuple[Case, dt.date]) -> None:
    case, as_of = drawn
    check_invariants(case, compute(case, as_of))


@FEWER
@given(cases_and_dates())
def test_clock_is_strictly_increasing_skips_leave_and_inverts(drawn: tuple[Case, dt.date]) -> None:
    case, as_of = drawn
    clock = compute(case, as_of).clock
    leave = [(lv.from_, lv.to) for lv in case.leave]
    previous: dt.date | None = None
    for k in range(0, 1200):
        day = clock.date_at(k)
        assert not any(a <= day <= b for a, b in leave)
        assert previous is None or day > previous
        assert clock.offset_of(day) == k
        assert clock.week_of(day) == k // 7 + 1
        previous = day


@FEWER
@given(cases_and_dates())
def test_week_of_never_decreases(drawn: tuple[Case, dt.date]) -> None:
    case, as_of = drawn
    clock = compute(case, as_of).clock
    start = min(p.from_ for p in case.sickness) - dt.timedelta(days=30)
    weeks = [clock.week_of(start + dt.timedelta(days=n)) for n in range(0, 800, 3)]
    assert weeks == sorted(weeks)


@st.composite
def one_period_and_a_gap(draw: st.DrawFn) -> tuple[Case, Case, dt.date]:
    """A case with one open period, and the same case with fit days cut out of it (< 28)."""
    start = draw(RECENT)
    near = st.integers(-30, 1200).map(lambda n: start + dt.timedelta(days=n))
    split = start + dt.timedelta(days=draw(st.integers(0, 800)))
    gap = draw(st.integers(1, 27))
    leave = draw(
        st.lists(
            st.tuples(near, st.integers(0, 120)).map(
                lambda t: (t[0], t[0] + dt.timedelta(days=t[1]))
            ),
            max_size=2,
        )
    )
    events = draw(st.lists(st.tuples(st.sampled_from(EVENT_TYPES), near), max_size=12))
    extensions = draw(
        st.lists(
            st.tuples(st.sampled_from(["vrijwillige_verlenging", "loonsanctie"]), near, near),
            max_size=2,
        )
    )
    as_of = draw(near)
    whole = build([{"from": start}], leave, events, extensions)
    cut = build(
        [{"from": start, "to": split}, {"from": split + dt.timedelta(days=gap + 1)}],
        leave,
        events,
        extensions,
    )
    return whole, cut, as_of


@EXAMPLES
@given(one_period_and_a_gap())
def test_adding_a_gap_never_makes_a_due_date_earlier(cases: tuple[Case, Case, dt.date]) -> None:
    whole, cut, as_of = cases
    before, after = compute(whole, as_of), compute(cut, as_of)
    assert after.first_sick_day == before.first_sick_day
    for old, new in zip(before.milestones, after.milestones, strict=True):
        assert new.due >= old.due, old.code
    assert after.last_wage_day >= before.last_wage_day


def comparable(case: Case, timeline: Timeline) -> object:
    """A timeline with event and period indexes replaced by what they point at."""
    return (
        timeline.first_sick_day,
        timeline.last_sick_day,
        timeline.state,
        timeline.base_last_wage_day,
        timeline.last_wage_day,
        timeline.clock,
        sorted(
            (p.from_, p.to or dt.date.max, p.other_cause)
            for p in (case.sickness[i] for i in timeline.periods)
        ),
        [d for d, _ in timeline.evaluation_moments],
        [
            (
                m.code,
                m.due,
                m.window_start,
                m.week,
                m.done,
                m.status,
                m.days_late,
                None if m.event is None else case.events[m.event].date,
                m.deviation,
            )
            for m in timeline.milestones
        ],
    )


@EXAMPLES
@given(cases(), RECENT, st.randoms(use_true_random=False))
def test_order_of_events_and_periods_does_not_matter(case: Case, as_of: dt.date, rnd: Any) -> None:
    events, sickness = list(case.events), list(case.sickness)
    rnd.shuffle(events)
    rnd.shuffle(sickness)
    shuffled = case.model_copy(update={"events": events, "sickness": sickness})
    assert comparable(shuffled, compute(shuffled, as_of)) == comparable(case, compute(case, as_of))
