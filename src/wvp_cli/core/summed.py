"""The summed sickness clock: which sickness periods are one case (BW 7:629 lid 10) and the
counted sick days of that case, leave days (WAZO) left out (docs/poortwachter.md, section 1).

Pure and total: bad data (unsorted or overlapping periods, `to` before `from`) never raises.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wvp_cli.core.calendar import add_days
from wvp_cli.core.milestones import CLOSING_GAP

if TYPE_CHECKING:
    from wvp_cli.core.model import Case

# A closed interval of days; `None` as end means "open ended".
Span = tuple[dt.date, dt.date | None]


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sort and merge overlapping or adjacent spans."""
    merged: list[Span] = []
    for start, end in sorted(spans, key=lambda s: (s[0], s[1] or dt.date.max)):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None:
                continue
            if start <= add_days(last_end, 1):
                new_end = None if end is None else max(end, last_end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


def days_in(lo: dt.date, hi: dt.date, spans: Sequence[tuple[dt.date, dt.date]]) -> int:
    """How many days of `lo` … `hi` (inclusive) lie in the disjoint `spans`."""
    total = 0
    for start, end in spans:
        a, b = max(lo, start), min(hi, end)
        if a <= b:
            total += (b - a).days + 1
    return total


def add_active(day: dt.date, days: int, leave: Sequence[tuple[dt.date, dt.date]]) -> dt.date:
    """`day + days` where leave days do not count. WAZO leave pauses the sickness clock
    (spec section 1); re-integration, and so its six-weekly evaluation, rests with it."""
    result = day
    for start, end in leave:
        if end <= result:
            continue
        target = add_days(result, days)
        if start > target:
            break
        days -= max(0, (start - result).days - 1)
        result = end
    return add_days(result, days)


def fit_days(after: dt.date, before: dt.date, leave: Sequence[tuple[dt.date, dt.date]]) -> int:
    """Fit days strictly between two sick days: calendar days that are no leave days."""
    if before <= add_days(after, 1):
        return 0
    lo, hi = add_days(after, 1), add_days(before, -1)
    return (hi - lo).days + 1 - days_in(lo, hi, leave)


def subtract_leave(span: Span, leave: Sequence[tuple[dt.date, dt.date]]) -> list[Span]:
    """The parts of `span` that are no leave days."""
    start: dt.date | None = span[0]
    end = span[1]
    parts: list[Span] = []
    for l_start, l_end in leave:
        if start is None:
            break
        if end is not None and l_start > end:
            break
        if l_end < start:
            continue
        if l_start > start:
            parts.append((start, add_days(l_start, -1)))
        start = None if l_end >= dt.date.max else add_days(l_end, 1)
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

    def __init__(self, sick: Sequence[Span], leave: Sequence[tuple[dt.date, dt.date]] = ()):
        """`sick`: the case's sickness spans; the last is extended to open ended."""
        spans = merge_spans(sick)
        self._anchor = spans[0][0] if spans else dt.date.min
        if spans and spans[-1][1] is not None:
            spans.append((spans[-1][0], None))
            spans = merge_spans(spans)
        leave_spans = [(s, e) for s, e in merge_spans(leave) if e is not None]
        starts: list[dt.date] = []
        ends: list[dt.date | None] = []
        offsets: list[int] = []
        offset = 0
        for span in spans:
            for start, end in subtract_leave(span, leave_spans):
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
            return add_days(self._anchor, offset)
        if offset < 0:
            return add_days(self._starts[0], offset)
        i = bisect_right(self._offsets, offset) - 1
        day = add_days(self._starts[i], offset - self._offsets[i])
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


@dataclass(frozen=True)
class CurrentCase:
    first_sick_day: dt.date
    spans: tuple[Span, ...]
    periods: tuple[int, ...]


def current_case(case: Case, leave: Sequence[tuple[dt.date, dt.date]]) -> CurrentCase:
    """Split the sickness periods into cases (BW 7:629 lid 10) and return the last one."""
    periods = [
        (p.from_, None if p.to is None else max(p.to, p.from_), p.other_cause, index)
        for index, p in enumerate(case.sickness)
    ]
    # Content first, file position last, so that the order in the file never changes a result.
    periods.sort(key=lambda item: (item[0], item[1] or dt.date.max, item[2], item[3]))
    start, end, _, first = periods[0]
    spans: list[Span] = [(start, end)]
    indexes = [first]
    d = start
    for p_from, p_to, other_cause, index in periods[1:]:
        last_start, last_end = spans[-1]
        if last_end is None or p_from <= add_days(last_end, 1):
            # Overlapping or adjacent: one stretch of sickness, whatever the flags say.
            spans[-1] = (
                last_start,
                None if last_end is None or p_to is None else max(p_to, last_end),
            )
            indexes.append(index)
            continue
        if fit_days(last_end, p_from, leave) >= CLOSING_GAP or (
            other_cause and _right_after_leave(spans, p_from, leave)
        ):
            spans, indexes, d = [], [], p_from
        spans.append((p_from, p_to))
        indexes.append(index)
    return CurrentCase(d, tuple(spans), tuple(indexes))


def _right_after_leave(
    spans: Sequence[Span], day: dt.date, leave: Sequence[tuple[dt.date, dt.date]]
) -> bool:
    """True when the last non-fit day before `day` is a leave day (WAZO; spec section 1)."""
    last_leave: dt.date | None = None
    for l_start, l_end in leave:
        if l_start < day:
            last_leave = min(l_end, add_days(day, -1))
    if last_leave is None or last_leave < spans[0][0]:
        return False
    counted = [part for span in spans for part in subtract_leave(span, leave)]
    last_sick = counted[-1][1] if counted else None
    return last_sick is None or last_leave > last_sick
