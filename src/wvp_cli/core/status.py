"""What the clock computes (`Timeline`, one `MilestoneStatus` per milestone) and how the status
of a milestone that is not done, and the state of a case, are decided (docs/poortwachter.md,
section 2, statuses). `clock.compute` makes the values; the types are importable from
`wvp_cli.core.clock` too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from wvp_cli.core.calendar import add_days
from wvp_cli.core.milestones import CLOSING_GAP
from wvp_cli.core.summed import Span, SummedClock, days_in, fit_days

Status = Literal["done", "late", "open", "overdue", "waived", "paused", "not_applicable"]
State = Literal["sick", "recovered", "closed", "wachttijd_voorbij"]


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
        return (end - start).days - days_in(add_days(start, 1), end, self.leave)

    def milestone(self, code: str) -> MilestoneStatus:
        for item in self.milestones:
            if item.code == code:
                return item
        raise KeyError(code)


def state_of(
    spans: Sequence[Span], as_of: dt.date, leave: Sequence[tuple[dt.date, dt.date]]
) -> tuple[State, dt.date | None]:
    """The state of a case at `as_of` by its sickness alone (the wachttijd's end and the
    closing of the dossier come later), and its last sick day (None while sick)."""
    to = spans[-1][1]
    if to is None or to >= as_of:
        return "sick", None
    # A relapse on as_of would still be summed while fewer than 28 fit days lie in between.
    if fit_days(to, as_of, leave) < CLOSING_GAP:
        return "recovered", to
    return "closed", to


def closed(milestones: Sequence[MilestoneStatus], day: dt.date) -> tuple[MilestoneStatus, ...]:
    """The milestones of a case closed on `day` (an `afsluiting` event): what falls due after
    the closing no longer applies; what was overdue by then stays overdue (conservative: closing
    a dossier does not undo a missed obligation)."""
    kept = []
    for m in milestones:
        if m.status in ("open", "overdue", "paused") and m.due > day:
            m = replace(m, status="not_applicable", deviation=None)
        kept.append(m)
    return tuple(kept)


def pending(
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
