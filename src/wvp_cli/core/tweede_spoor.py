"""The tweede spoor phase of one case at `as_of`: start, plan, progress, next progress, stop.

Pure: a function of the case and its computed timeline (`clock.compute`), never of the system
time. The only dates computed here are relative to events of the tweede spoor itself (the plan
within six weeks of the start, progress at least every six weeks: Werkwijzer Poortwachter);
everything on the sickness clock comes from the timeline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wvp_cli.core.clock import Timeline
from wvp_cli.core.milestones import TWEEDE_SPOOR_PLAN_AFTER_START, TWEEDE_SPOOR_PROGRESS_INTERVAL
from wvp_cli.core.model import Case, StartTweedeSpoor, TweedeSpoorPlan, TweedeSpoorVoortgang


@dataclass(frozen=True)
class TweedeSpoorPhase:
    """Where the tweede spoor of a case stands. Event indexes point into `case.events`."""

    as_of: dt.date
    start: dt.date | None
    start_event: int | None
    provider: str | None
    stopped: dt.date | None
    stop_reason: str | None
    plan: dt.date | None
    plan_event: int | None
    plan_agreed: dt.date | None
    #: The first re-integratieplan on or after the start (date, event index): was it on time?
    first_plan: tuple[dt.date, int] | None
    #: Progress reports (date, event index) on or after the plan, oldest first.
    progress: tuple[tuple[dt.date, int], ...]
    #: The day by which the next progress report is due; None while there is no plan or once
    #: the tweede spoor has stopped.
    next_progress_due: dt.date | None

    @property
    def started(self) -> bool:
        return self.start is not None

    @property
    def plan_due(self) -> dt.date | None:
        """Six weeks after the start: the latest day for the re-integratieplan."""
        return (
            None
            if self.start is None
            else self.start + dt.timedelta(days=TWEEDE_SPOOR_PLAN_AFTER_START)
        )

    @property
    def latest_progress(self) -> tuple[dt.date, int] | None:
        return self.progress[-1] if self.progress else None

    @property
    def moments(self) -> tuple[tuple[dt.date, int], ...]:
        """The plan and every progress report after it: the moments of the six-week cadence."""
        if self.plan is None or self.plan_event is None:
            return ()
        return ((self.plan, self.plan_event), *self.progress)

    def active_at(self, day: dt.date) -> bool:
        """Started on or before `day` and not stopped by then."""
        return (
            self.start is not None
            and self.start <= day
            and (self.stopped is None or self.stopped > day)
        )


def phase(case: Case, timeline: Timeline) -> TweedeSpoorPhase:
    """The tweede spoor of the current case at `timeline.as_of`.

    Only events of the current case count (on or after the first sick day, not after `as_of`).
    With several starts (a tweede spoor stopped and begun again) the latest start is the phase;
    the plan is the latest re-integratieplan on or after that start.
    """
    as_of = timeline.as_of

    def current(day: dt.date) -> bool:
        return timeline.first_sick_day <= day <= as_of

    starts: list[tuple[dt.date, int, StartTweedeSpoor]] = []
    plans: list[tuple[dt.date, int, TweedeSpoorPlan]] = []
    reports: list[tuple[dt.date, int, TweedeSpoorVoortgang]] = []
    for index, event in enumerate(case.events):
        if not current(event.date):
            continue
        if isinstance(event, StartTweedeSpoor):
            starts.append((event.date, index, event))
        elif isinstance(event, TweedeSpoorPlan):
            plans.append((event.date, index, event))
        elif isinstance(event, TweedeSpoorVoortgang):
            reports.append((event.date, index, event))
    starts.sort(key=lambda item: item[:2])
    plans.sort(key=lambda item: item[:2])
    reports.sort(key=lambda item: item[:2])

    start = starts[-1] if starts else None
    since = start[0] if start is not None else timeline.first_sick_day
    later_plans = [p for p in plans if p[0] >= since]
    plan = later_plans[-1] if later_plans else None
    progress: tuple[tuple[dt.date, int], ...] = ()
    if plan is not None:
        progress = tuple((day, index) for day, index, _ in reports if day >= plan[0])
    stopped = start[2].stopped if start is not None else None
    if stopped is not None and stopped > as_of:
        stopped_now: dt.date | None = None
    else:
        stopped_now = stopped
    next_due: dt.date | None = None
    if plan is not None and stopped_now is None:
        last = progress[-1][0] if progress else plan[0]
        next_due = last + dt.timedelta(days=TWEEDE_SPOOR_PROGRESS_INTERVAL)
    return TweedeSpoorPhase(
        as_of=as_of,
        start=start[0] if start is not None else None,
        start_event=start[1] if start is not None else None,
        provider=start[2].provider if start is not None else None,
        stopped=stopped_now,
        stop_reason=start[2].stop_reason if start is not None else None,
        plan=plan[0] if plan is not None else None,
        plan_event=plan[1] if plan is not None else None,
        plan_agreed=plan[2].agreed_by_employee if plan is not None else None,
        first_plan=later_plans[0][:2] if later_plans else None,
        progress=progress,
        next_progress_due=next_due,
    )


def owed_items(case: Case, timeline: Timeline) -> tuple[tuple[str, dt.date], ...]:
    """What a case owes next besides its milestones, with the due dates: while the case is sick
    the items of a running tweede spoor, and while it is sick or recovered the answer UWV owes
    to a request for a deskundigenoordeel (never after the wachttijd). One list for `wvp
    deadlines` (engine.case_facts) and `wvp cases` (portfolio): they cannot disagree."""
    from wvp_cli.core.clock import expected_answers

    items: list[tuple[str, dt.date]] = []
    if timeline.state == "sick":
        items.extend(due_items(phase(case, timeline)))
    if timeline.state in ("sick", "recovered"):
        items.extend(
            ("deskundigenoordeel_antwoord", due)
            for due, _ in expected_answers(case, timeline)
            if due <= timeline.last_wage_day
        )
    return tuple(items)


def due_items(tweede_spoor: TweedeSpoorPhase) -> tuple[tuple[str, dt.date], ...]:
    """What a running tweede spoor owes next, with its due date: the re-integratieplan while
    there is none, then the next progress report. Nothing once it has stopped."""
    if tweede_spoor.start is None or tweede_spoor.stopped is not None:
        return ()
    items: list[tuple[str, dt.date]] = []
    if tweede_spoor.first_plan is None and tweede_spoor.plan_due is not None:
        items.append(("tweede_spoor_plan", tweede_spoor.plan_due))
    if tweede_spoor.next_progress_due is not None:
        items.append(("tweede_spoor_voortgang", tweede_spoor.next_progress_due))
    return tuple(items)
