"""The summed sickness clock and every due date of the Poortwachter process.

Everything here is a pure function of a `Case` and the date `as_of`; the system clock is never
read (docs/development.md). The rules are those of docs/poortwachter.md, sections 1–3:

- D, the eerste ziektedag, is the first `from` of the current case; offset k on the summed clock is
  the (k+1)-th counted sick day (BW 7:629 lid 10, ZW art. 38 lid 1, WIA art. 23 lid 3).
- Sickness periods with fewer than 28 fit days between them are one case; leave days (WAZO) never
  count and are no fit days; `other_cause: true` right after a leave starts a new case.
- Beyond the last known sick day the clock runs on as if the employee stays sick, so that future
  due dates exist; known leave days are still skipped.

Bad data (unsorted or overlapping periods, `to` before `from`) never raises here: periods are
sorted and merged, and a period whose `to` lies before its `from` is read as the single day
`from`. The rules report such data; the clock only has to stay usable.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

# Every interval of the law is a named constant of the milestone table (milestones.py).
from wvp_cli.core.milestones import (
    CLOSING_GAP,
    DESKUNDIGENOORDEEL_ANSWER,
    OFFSET_E,
    OFFSET_WEEK_81_END,
    OFFSET_WIA,
    TABLE,
    TWEEDE_SPOOR_AFTER_EJE,
    WIA_BEFORE_E,
    After,
    BeforeEnd,
    Cadence,
    Due,
    EndOfWachttijd,
    Milestone,
    NextWorkingDay,
    Offset,
)
from wvp_cli.core.milestones import LOONSANCTIE_MAX as LOONSANCTIE_MAX
from wvp_cli.core.milestones import MILESTONE_INFO as MILESTONE_INFO
from wvp_cli.core.milestones import OFFSET_WEEK_88 as OFFSET_WEEK_88
from wvp_cli.core.milestones import PROSPECT_MAX as PROSPECT_MAX
from wvp_cli.core.milestones import VERLENGING_MIN as VERLENGING_MIN
from wvp_cli.core.milestones import MilestoneInfo as MilestoneInfo
from wvp_cli.core.model import (
    EVALUATION_MOMENTS,
    SPOOR_2_CONCLUSIONS,
    ArbeidsdeskundigOnderzoek,
    Bijstelling,
    Case,
    Eerstejaarsevaluatie,
    WiaAanvraag,
)

Status = Literal["done", "late", "open", "overdue", "waived", "paused", "not_applicable"]
State = Literal["sick", "recovered", "closed", "wachttijd_voorbij"]

_ONE = dt.timedelta(days=1)


#: The terms of Regeling procesgang art. 2 and 4 that art. 5 lets employer and employee depart
#: from, and by UWV practice the arbeidsdeskundig onderzoek and the tweede spoor. A deviation for
#: any other (statutory) term waives nothing (docs/poortwachter.md, section 4).
DEVIABLE: frozenset[str] = frozenset(
    {
        "ziekmelding_arbodienst",
        "probleemanalyse",
        "plan_van_aanpak",
        "evaluatie",
        "eerstejaarsevaluatie",
        "arbeidsdeskundig_onderzoek",
        "start_tweede_spoor",
    }
)
#: Milestones that stay with the employee and UWV after the employment has ended.
AFTER_UIT_DIENST: frozenset[str] = frozenset({"wia_aanvraag", "einde_wachttijd"})


# --- milestone metadata ----------------------------------------------------------------------


# What each milestone is, who owns it and its source: in milestones.py, re-exported here.


# --- calendar --------------------------------------------------------------------------------


def _add(day: dt.date, days: int) -> dt.date:
    """`day + days`, clamped to the calendar instead of raising at its ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def easter(year: int) -> dt.date:
    """Easter Sunday of `year` (Gregorian computus, the anonymous algorithm of Meeus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=256)
def holidays(year: int) -> frozenset[dt.date]:
    """The holidays of Algemene termijnenwet art. 3 in `year`.

    Lid 1: Nieuwjaarsdag, 2e Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
    Sunday; before 2014 Koninginnedag 30 April, or 29 April when the 30th is a Sunday), 5 mei,
    Hemelvaartsdag, 2e Pinksterdag, 1e en 2e Kerstdag; the Atw counts 5 mei every year.
    Lid 2 puts Goede Vrijdag on the same footing (docs/poortwachter.md, section 2).
    """
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return frozenset()
    pasen = easter(year)
    # Koningsdag since 2014, Koninginnedag before (Atw art. 3 lid 1, "verjaardag van de Koning").
    koningsdag = dt.date(year, 4, 27) if year >= 2014 else dt.date(year, 4, 30)
    if koningsdag.weekday() == 6:
        koningsdag -= _ONE
    return frozenset(
        {
            dt.date(year, 1, 1),
            pasen - dt.timedelta(days=2),  # Goede Vrijdag (Atw art. 3 lid 2)
            pasen + dt.timedelta(days=1),
            koningsdag,
            dt.date(year, 5, 5),
            pasen + dt.timedelta(days=39),
            pasen + dt.timedelta(days=50),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        }
    )


def is_working_day(day: dt.date) -> bool:
    """Not a Saturday, Sunday or Atw art. 3 holiday."""
    return day.weekday() < 5 and day not in holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it (Atw art. 1)."""
    while not is_working_day(day) and day < dt.date.max:
        day += _ONE
    return day


# --- intervals -------------------------------------------------------------------------------

# A closed interval of days; `None` as end means "open ended".
_Span = tuple[dt.date, dt.date | None]


def _merge(spans: Iterable[_Span]) -> list[_Span]:
    """Sort and merge overlapping or adjacent spans."""
    merged: list[_Span] = []
    for start, end in sorted(spans, key=lambda s: (s[0], s[1] or dt.date.max)):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                continue
            if start <= _add(last_end, 1):
                new_end = None if end is None else max(end, last_end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


def _days_in(lo: dt.date, hi: dt.date, spans: Sequence[tuple[dt.date, dt.date]]) -> int:
    """How many days of `lo` … `hi` (inclusive) lie in the disjoint `spans`."""
    total = 0
    for start, end in spans:
        a, b = max(lo, start), min(hi, end)
        if a <= b:
            total += (b - a).days + 1
    return total


def _add_active(day: dt.date, days: int, leave: Sequence[tuple[dt.date, dt.date]]) -> dt.date:
    """`day + days` where leave days do not count. WAZO leave pauses the sickness clock
    (spec section 1); re-integration, and so its six-weekly evaluation, rests with it."""
    result = day
    for start, end in leave:
        if end <= result:
            continue
        target = _add(result, days)
        if start > target:
            break
        days -= max(0, (start - result).days - 1)
        result = end
    return _add(result, days)


def _fit_days(after: dt.date, before: dt.date, leave: Sequence[tuple[dt.date, dt.date]]) -> int:
    """Fit days strictly between two sick days: calendar days that are no leave days."""
    if before <= _add(after, 1):
        return 0
    lo, hi = _add(after, 1), _add(before, -1)
    return (hi - lo).days + 1 - _days_in(lo, hi, leave)


def _subtract(span: _Span, leave: Sequence[tuple[dt.date, dt.date]]) -> list[_Span]:
    """The parts of `span` that are no leave days."""
    start: dt.date | None = span[0]
    end = span[1]
    parts: list[_Span] = []
    for l_start, l_end in leave:
        if start is None:
            break
        if end is not None and l_start > end:
            break
        if l_end < start:
            continue
        if l_start > start:
            parts.append((start, _add(l_start, -1)))
        start = None if l_end >= dt.date.max else _add(l_end, 1)
        if start is not None and end is not None and start > end:
            start = None
    if start is not None:
        parts.append((start, end))
    return parts


# --- the summed clock ------------------------------------------------------------------------


class SummedClock:
    """Counted sick days of one case, as segments of consecutive calendar days.

    Offset k is the (k+1)-th counted day (BW 7:629 lid 10). The last segment is normally open
    ended: the clock runs on after the last known sick day, skipping known leave days.
    """

    __slots__ = ("_anchor", "_ends", "_offsets", "_starts")

    def __init__(self, sick: Sequence[_Span], leave: Sequence[tuple[dt.date, dt.date]] = ()):
        """`sick`: the case's sickness spans; the last is extended to open ended."""
        spans = _merge(sick)
        self._anchor = spans[0][0] if spans else dt.date.min
        if spans and spans[-1][1] is not None:
            spans.append((spans[-1][0], None))
            spans = _merge(spans)
        leave_spans = [(s, e) for s, e in _merge(leave) if e is not None]
        starts: list[dt.date] = []
        ends: list[dt.date | None] = []
        offsets: list[int] = []
        offset = 0
        for span in spans:
            for start, end in _subtract(span, leave_spans):
                starts.append(start)
                ends.append(end)
                offsets.append(offset)
                if end is not None:
                    offset += (end - start).days + 1
        self._starts = tuple(starts)
        self._ends = tuple(ends)
        self._offsets = tuple(offsets)

    def _key(self) -> tuple[object, ...]:
        return (self._anchor, self._starts, self._ends)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SummedClock) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        segments = ", ".join(
            f"{s}…{e or ''}" for s, e in zip(self._starts, self._ends, strict=True)
        )
        return f"SummedClock({segments})"

    def date_at(self, offset: int) -> dt.date:
        """Calendar date of the (offset+1)-th counted sick day.

        Negative offsets count calendar days back from offset 0. Should every day after the
        counted ones be leave up to the end of the calendar, the answer is clamped to date.max.
        """
        if not self._starts:
            return _add(self._anchor, offset)
        if offset < 0:
            return _add(self._starts[0], offset)
        i = bisect_right(self._offsets, offset) - 1
        day = _add(self._starts[i], offset - self._offsets[i])
        end = self._ends[i]
        return day if end is None or day <= end else dt.date.max

    def offset_of(self, day: dt.date) -> int | None:
        """The offset of `day` on the summed clock; None when `day` is no counted day."""
        i = bisect_right(self._starts, day) - 1
        if i < 0:
            return None
        end = self._ends[i]
        if end is not None and day > end:
            return None
        return self._offsets[i] + (day - self._starts[i]).days

    def week_of(self, day: dt.date) -> int:
        """Summed-clock week (1-based) that `day` falls in.

        A day the clock does not count (fit or leave) belongs to the week of the last counted day
        before it: the clock stands still. Days before the first counted day get week 0, -1, …
        counted back in calendar weeks.
        """
        if not self._starts:
            return (day - self._anchor).days // 7 + 1
        i = bisect_right(self._starts, day) - 1
        if i < 0:
            return (day - self._starts[0]).days // 7 + 1
        end = self._ends[i]
        last = day if end is None or day <= end else end
        return (self._offsets[i] + (last - self._starts[i]).days) // 7 + 1


# --- the timeline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneStatus:
    """One milestone of one case at `as_of`.

    Two rows read differently. `evaluatie` is the cadence: `done` is the latest evaluation moment
    after the plan van aanpak, `due` the next one (that moment + 42 days), and `status` is about
    that next one (open, overdue, waived, paused, not_applicable), never done or late.
    `einde_wachttijd` has no event: it is "done" on the day after the last wage day.
    """

    code: str
    due: dt.date
    window_start: dt.date | None
    week: int
    done: dt.date | None
    status: Status
    event: int | None
    deviation: int | None
    days_late: int | None


@dataclass(frozen=True)
class Timeline:
    """The computed timeline of the current case of a case file at `as_of`."""

    as_of: dt.date
    first_sick_day: dt.date
    last_sick_day: dt.date | None
    state: State
    base_last_wage_day: dt.date
    last_wage_day: dt.date
    periods: tuple[int, ...]
    milestones: tuple[MilestoneStatus, ...]
    evaluation_moments: tuple[tuple[dt.date, int], ...]
    clock: SummedClock
    leave: tuple[tuple[dt.date, dt.date], ...] = ()
    #: The date of the `afsluiting` event that closed the dossier (state `closed` even while
    #: the employee is still sick, e.g. after leaving employment), and its index in the events.
    closed_on: dt.date | None = None
    closing_event: int | None = None
    #: The date UWV granted an early IVA benefit (WIA art. 23 lid 6), if it did.
    iva_granted: dt.date | None = None
    #: The last day of employment when it ended during sickness (`uit_dienst`), unless the
    #: employer is eigenrisicodrager for the Ziektewet.
    employment_ended: dt.date | None = None
    #: The day the tweede spoor is due again after a prospect of return that failed, if any.
    prospect_until: dt.date | None = None

    def active_days(self, start: dt.date, end: dt.date) -> int:
        """Days from `start` to `end` that are no leave days (the evaluation cadence rests
        during pregnancy and childbirth leave, like the clock itself)."""
        if end <= start:
            return (end - start).days
        return (end - start).days - _days_in(_add(start, 1), end, self.leave)

    def milestone(self, code: str) -> MilestoneStatus:
        for item in self.milestones:
            if item.code == code:
                return item
        raise KeyError(code)


@dataclass(frozen=True)
class _CurrentCase:
    first_sick_day: dt.date
    spans: tuple[_Span, ...]
    periods: tuple[int, ...]


def _current_case(case: Case, leave: Sequence[tuple[dt.date, dt.date]]) -> _CurrentCase:
    """Split the sickness periods into cases (BW 7:629 lid 10) and return the last one."""
    periods = [
        (p.from_, None if p.to is None else max(p.to, p.from_), p.other_cause, index)
        for index, p in enumerate(case.sickness)
    ]
    # Content first, file position last, so that the order in the file never changes a result.
    periods.sort(key=lambda item: (item[0], item[1] or dt.date.max, item[2], item[3]))
    start, end, _, first = periods[0]
    spans: list[_Span] = [(start, end)]
    indexes = [first]
    d = start
    for p_from, p_to, other_cause, index in periods[1:]:
        last_start, last_end = spans[-1]
        if last_end is None or p_from <= _add(last_end, 1):
            # Overlapping or adjacent: one stretch of sickness, whatever the flags say.
            spans[-1] = (
                last_start,
                None if last_end is None or p_to is None else max(p_to, last_end),
            )
            indexes.append(index)
            continue
        if _fit_days(last_end, p_from, leave) >= CLOSING_GAP or (
            other_cause and _right_after_leave(spans, p_from, leave)
        ):
            spans, indexes, d = [], [], p_from
        spans.append((p_from, p_to))
        indexes.append(index)
    return _CurrentCase(d, tuple(spans), tuple(indexes))


def _right_after_leave(
    spans: Sequence[_Span], day: dt.date, leave: Sequence[tuple[dt.date, dt.date]]
) -> bool:
    """True when the last non-fit day before `day` is a leave day (WAZO; spec section 1)."""
    last_leave: dt.date | None = None
    for l_start, l_end in leave:
        if l_start < day:
            last_leave = min(l_end, _add(day, -1))
    if last_leave is None or last_leave < spans[0][0]:
        return False
    counted = [part for span in spans for part in _subtract(span, leave)]
    last_sick = counted[-1][1] if counted else None
    return last_sick is None or last_leave > last_sick


def _state(
    spans: Sequence[_Span], as_of: dt.date, leave: Sequence[tuple[dt.date, dt.date]]
) -> tuple[State, dt.date | None]:
    to = spans[-1][1]
    if to is None or to >= as_of:
        return "sick", None
    # A relapse on as_of would still be summed while fewer than 28 fit days lie in between.
    if _fit_days(to, as_of, leave) < CLOSING_GAP:
        return "recovered", to
    return "closed", to


def compute(case: Case, as_of: dt.date, table: tuple[Milestone, ...] = TABLE) -> Timeline:
    """The summed clock, every milestone's due date and its status at `as_of`."""
    leave = [(s, e) for s, e in _merge((lv.from_, lv.to) for lv in case.leave if lv.to >= lv.from_)]
    leave_closed: list[tuple[dt.date, dt.date]] = [(s, e) for s, e in leave if e is not None]
    current = _current_case(case, leave_closed)
    d = current.first_sick_day
    clock = SummedClock(current.spans, leave_closed)
    state, last_sick_day = _state(current.spans, as_of, leave_closed)

    def in_case(day: dt.date) -> bool:
        return d <= day <= as_of

    # The first event of a type on or after D fulfils its milestone (case-format.md); events after
    # as_of are not yet part of the dossier.
    first: dict[str, tuple[dt.date, int]] = {}
    for index, event in enumerate(case.events):
        if in_case(event.date):
            known = first.get(event.type)
            if known is None or (event.date, index) < known:
                first[event.type] = (event.date, index)

    def done_of(code: str) -> dt.date | None:
        hit = first.get(code)
        return None if hit is None else hit[0]

    deviations: dict[str, list[tuple[dt.date, int]]] = {}
    for index, deviation in enumerate(case.deviations):
        if in_case(deviation.date):
            deviations.setdefault(deviation.milestone, []).append((deviation.date, index))

    def latest_extension(kind: str) -> dt.date | None:
        found = [
            (ext.decided, index, ext.last_wage_day)
            for index, ext in enumerate(case.extensions)
            if ext.type == kind and in_case(ext.decided)
        ]
        return max(found)[2] if found else None

    # --- E and the dates counted back from it (WIA art. 23–25, 64; BW 7:629 lid 11) ---
    base_e = clock.date_at(OFFSET_E)
    verlenging = latest_extension("vrijwillige_verlenging")
    e = verlenging if verlenging is not None else base_e
    wia_due = (
        _add(verlenging, -WIA_BEFORE_E) if verlenging is not None else clock.date_at(OFFSET_WIA)
    )
    wia_done = done_of("wia_aanvraag")
    wia_excused = _wia_excused(case, first, wia_due, clock)
    if wia_done is not None and wia_done > wia_due and not wia_excused:
        # BW 7:629 lid 11a: wage payment runs on for as many days as the application was late.
        e = _add(e, (wia_done - wia_due).days)
    # WIA art. 25: a loonsanctie decided after the wachttijd ended has no effect (WVP212); UWV
    # can end one early (lid 14: `ends`, the last wage day of the sanction).
    sanctions = [
        (ext.decided, index, ext.last_wage_day if ext.ends is None else ext.ends)
        for index, ext in enumerate(case.extensions)
        if ext.type == "loonsanctie"
        and in_case(ext.decided)
        and ext.decided <= (base_e if verlenging is None else verlenging)
    ]
    if sanctions:
        e = max(e, max(sanctions)[2])
    course = _course(case, in_case)
    if course.iva_last_wage_day is not None:
        # WIA art. 23 lid 6: with an early IVA benefit the wachttijd ends on the date UWV sets.
        e = course.iva_last_wage_day
    if as_of > e and (state == "sick" or (last_sick_day is not None and last_sick_day >= e)):
        # Section 7: after the last wage day the wachttijd is over; nothing falls due after it.
        state = "wachttijd_voorbij"

    # --- due dates (the milestone table) ---
    def before_end(days: int) -> dt.date:
        if verlenging is not None:
            return _add(verlenging, -days)
        return clock.date_at(OFFSET_E - days)

    def resolve(rule: Due) -> dt.date:
        """The due date that a table entry's `due` names (the cadence and E come later)."""
        if isinstance(rule, Offset):
            return clock.date_at(rule.days)
        if isinstance(rule, After):
            done = done_of(rule.event)
            return _add(done, rule.days) if done is not None else resolve(rule.otherwise)
        if isinstance(rule, BeforeEnd):
            return before_end(rule.days)
        if isinstance(rule, NextWorkingDay):
            return next_working_day(resolve(rule.of))
        raise ValueError(f"{rule!r} is resolved by compute itself")

    due: dict[str, dt.date] = {
        m.code: e if isinstance(m.due, EndOfWachttijd) else resolve(m.due)
        for m in table
        if not isinstance(m.due, Cadence)
    }

    # ZW art. 38 lid 8: an early IVA request made before the 42e-weeksmelding counts as it.
    iva_request = first.get("vervroegde_iva_aanvraag")
    if iva_request is not None and iva_request[0] <= due["melding_42e_week"]:
        known = first.get("melding_42e_week")
        if known is None or iva_request < known:
            first["melding_42e_week"] = iva_request

    # --- start tweede spoor: a prospect of return, a finding of spoor 2 (BW 7:658a lid 1) ---
    if course.eje_prospect is not None:
        due["start_tweede_spoor"] = course.eje_prospect
    if course.spoor_2_found is not None:
        due["start_tweede_spoor"] = min(
            due["start_tweede_spoor"], _add(course.spoor_2_found, TWEEDE_SPOOR_AFTER_EJE)
        )

    # Art. 5 deviations that waive their milestone: agreed by the employee, for a term of the
    # Regeling; for the tweede spoor only with a prospect date, and only until that date.
    prospect_failed: dt.date | None = None
    for code in list(deviations):
        kept = [
            (day, index)
            for day, index in deviations[code]
            if code in DEVIABLE and case.deviations[index].agreed_by_employee
        ]
        if code == "start_tweede_spoor":
            valid = []
            for day, index in kept:
                until = _prospect(day, case.deviations[index].prospect_until)
                if until is None:
                    continue
                if as_of <= until:
                    valid.append((day, index))
                else:
                    prospect_failed = max(prospect_failed or until, until)
            kept = valid
            if not kept and prospect_failed is not None:
                due[code] = max(due[code], prospect_failed)
        deviations[code] = kept

    # --- evaluation moments (Regeling procesgang art. 4 lid 2b; Werkwijzer: every 6 weeks) ---
    plan = first.get("plan_van_aanpak")
    moments: list[tuple[dt.date, int]] = []
    if plan is not None:
        later = sorted(
            (event.date, index)
            for index, event in enumerate(case.events)
            if event.type in EVALUATION_MOMENTS
            and index != plan[1]
            and plan[0] <= event.date <= as_of
        )
        moments = [plan, *later]
    last_moment = moments[-1] if moments else None
    evaluation_done = last_moment if len(moments) > 1 else None
    due["evaluatie"] = _add_active(
        last_moment[0] if last_moment is not None else due["plan_van_aanpak"],
        next(m.due.days for m in table if isinstance(m.due, Cadence)),
        leave_closed,
    )

    def status_of(code: str) -> MilestoneStatus:
        due_date = due[code]
        window = windows.get(code)
        hit = first.get(code)
        done: dt.date | None = None
        event: int | None = None
        deviation: int | None = None
        days_late: int | None = None
        status: Status
        if code == "evaluatie":
            # One row for the cadence: `done` is the last evaluation, `due` the next one, and
            # the status says whether that next one is still to come.
            if evaluation_done is not None:
                done, event = evaluation_done
            relevant = [
                dv
                for dv in deviations.get(code, [])
                if last_moment is None or dv[0] >= last_moment[0]
            ]
            deviation = min(relevant)[1] if relevant else None
            if due_date > e or plan is None or _cut_off(code, due_date, course, case):
                # Before there is a plan van aanpak no separate evaluation is due (WVP102).
                status, deviation = "not_applicable", None
            else:
                status = _pending(due_date, as_of, state, last_sick_day, deviation is not None)
                if status != "waived":
                    deviation = None
        elif code == "einde_wachttijd":
            if state in ("sick", "wachttijd_voorbij") or (
                last_sick_day is not None and last_sick_day >= due_date
            ):
                if as_of > due_date:
                    status, done = "done", due_date
                else:
                    status = "open"
            else:
                status = _pending(due_date, as_of, state, last_sick_day, False)
        elif hit is not None:
            done, event = hit
            if done <= due_date or (code == "wia_aanvraag" and wia_excused):
                status = "done"
            else:
                status, days_late = "late", (done - due_date).days
        else:
            own = deviations.get(code, [])
            deviation = min(own)[1] if own else None
            status = _pending(due_date, as_of, state, last_sick_day, deviation is not None)
            if status != "waived" and (due_date > e or _cut_off(code, due_date, course, case)):
                # Section 7: nothing falls due after the wachttijd, after an early IVA grant,
                # or (for the employer) after the employment ended.
                status, deviation = "not_applicable", None
        return MilestoneStatus(
            code=code,
            due=due_date,
            window_start=window,
            week=clock.week_of(due_date),
            done=done,
            status=status,
            event=event,
            deviation=deviation,
            days_late=days_late,
        )

    windows = {
        m.code: clock.date_at(m.window_start.days) for m in table if m.window_start is not None
    }
    milestones = tuple(status_of(m.code) for m in table)
    closing = first.get("afsluiting")
    if closing is not None:
        state, milestones = "closed", _closed(milestones, closing[0])
    return Timeline(
        as_of=as_of,
        first_sick_day=d,
        last_sick_day=last_sick_day,
        state=state,
        base_last_wage_day=base_e,
        last_wage_day=e,
        periods=current.periods,
        milestones=milestones,
        evaluation_moments=tuple(moments),
        clock=clock,
        leave=tuple(leave_closed),
        closed_on=None if closing is None else closing[0],
        closing_event=None if closing is None else closing[1],
        iva_granted=course.iva_granted,
        employment_ended=None if case.employer.eigenrisicodrager_zw else course.uit_dienst,
        prospect_until=prospect_failed,
    )


@dataclass(frozen=True)
class _Course:
    """Events of the current case that change its course (docs/poortwachter.md, section 7)."""

    iva_granted: dt.date | None
    iva_last_wage_day: dt.date | None
    uit_dienst: dt.date | None
    #: Due date of the tweede spoor after an eerstejaarsevaluatie that foresees a return.
    eje_prospect: dt.date | None
    #: The first recorded finding that only work elsewhere is possible.
    spoor_2_found: dt.date | None


def expected_answers(case: Case, timeline: Timeline) -> tuple[tuple[dt.date, int], ...]:
    """The day each open request for a deskundigenoordeel of the current case expects its
    answer (the request + 28 days), with the request's event index: requests on or before
    `as_of` with no `deskundigenoordeel_antwoord` on or after them (an answer answers the
    oldest open request)."""
    first, as_of = timeline.first_sick_day, timeline.as_of
    requests = sorted(
        (event.date, index)
        for index, event in enumerate(case.events)
        if event.type == "deskundigenoordeel" and first <= event.date <= as_of
    )
    answers = sorted(
        event.date
        for event in case.events
        if event.type == "deskundigenoordeel_antwoord" and first <= event.date <= as_of
    )
    open_requests: list[tuple[dt.date, int]] = []
    for request in requests:
        open_requests.append(request)
    for answer in answers:
        for position, (day, _) in enumerate(open_requests):
            if day <= answer:
                del open_requests[position]
                break
    return tuple((_add(day, DESKUNDIGENOORDEEL_ANSWER), index) for day, index in open_requests)


def _wia_excused(
    case: Case, first: dict[str, tuple[dt.date, int]], due: dt.date, clock: SummedClock
) -> bool:
    """WIA art. 64 lid 6: a late application counts as on time when UWV's letter about it was
    late or missing, unless the 42e-weeksmelding (or an early IVA request) came after week 81."""
    hit = first.get("wia_aanvraag")
    if hit is None or hit[0] <= due:
        return False
    event = case.events[hit[1]]
    if not isinstance(event, WiaAanvraag) or not event.uwv_letter_late:
        return False
    reported = [
        d for d in (first.get("melding_42e_week"), first.get("vervroegde_iva_aanvraag")) if d
    ]
    return bool(reported) and min(reported)[0] <= clock.date_at(OFFSET_WEEK_81_END)


def _prospect(day: dt.date, until: dt.date | None) -> dt.date | None:
    """The end of a prospect of return recorded on `day`: at most 91 days later."""
    return None if until is None else min(until, _add(day, PROSPECT_MAX))


def _course(case: Case, in_case: Callable[[dt.date], bool]) -> _Course:
    iva: tuple[dt.date, dt.date | None] | None = None
    uit_dienst: dt.date | None = None
    eje: Eerstejaarsevaluatie | None = None
    found: dt.date | None = None
    for event in case.events:
        if not in_case(event.date):
            continue
        if event.type == "vervroegde_iva_toekenning":
            if iva is None or event.date < iva[0]:
                iva = (event.date, event.last_wage_day)
        elif event.type == "uit_dienst":
            uit_dienst = event.date if uit_dienst is None else min(uit_dienst, event.date)
        elif isinstance(event, Eerstejaarsevaluatie):
            if eje is None or event.date < eje.date:
                eje = event
        elif (
            isinstance(event, ArbeidsdeskundigOnderzoek | Bijstelling)
            and event.conclusion in SPOOR_2_CONCLUSIONS
        ):
            found = event.date if found is None else min(found, event.date)
    prospect = None
    if eje is not None and eje.conclusion in ("eigen_werk", "spoor_1"):
        prospect = _prospect(eje.date, eje.prospect_until)
    return _Course(
        iva_granted=None if iva is None else iva[0],
        iva_last_wage_day=None if iva is None else iva[1],
        uit_dienst=None if case.employer.eigenrisicodrager_zw else uit_dienst,
        eje_prospect=prospect,
        spoor_2_found=found,
    )


def _cut_off(code: str, due: dt.date, course: _Course, case: Case) -> bool:
    """True when a milestone due on `due` can no longer arise: an early IVA benefit was granted
    before it, or the employment ended before it (the employer's milestones; section 7)."""
    if code == "einde_wachttijd":
        return False
    if course.iva_granted is not None and due > course.iva_granted:
        return True
    return (
        course.uit_dienst is not None and due > course.uit_dienst and code not in (AFTER_UIT_DIENST)
    )


def _closed(milestones: Sequence[MilestoneStatus], day: dt.date) -> tuple[MilestoneStatus, ...]:
    """The milestones of a case closed on `day` (an `afsluiting` event): what falls due after
    the closing no longer applies; what was overdue by then stays overdue (conservative: closing
    a dossier does not undo a missed obligation)."""
    kept = []
    for m in milestones:
        if m.status in ("open", "overdue", "paused") and m.due > day:
            m = replace(m, status="not_applicable", deviation=None)
        kept.append(m)
    return tuple(kept)


def _pending(
    due: dt.date, as_of: dt.date, state: State, last_sick_day: dt.date | None, waived: bool
) -> Status:
    """Status of a milestone that is not done (poortwachter.md section 2, statuses)."""
    if waived:
        # Regeling procesgang art. 5: a deviation with a reason covers the milestone.
        return "waived"
    if state == "closed":
        return "not_applicable"
    if state == "recovered" and last_sick_day is not None and due > last_sick_day:
        return "paused"
    return "open" if due >= as_of else "overdue"
