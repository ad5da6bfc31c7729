"""The summed sickness clock and every due date of the Poortwachter process.

Everything here is a pure function of a `Case` and the date `as_of`; the system clock is never
read (README, "Development"). The rules are those of docs/poortwachter.md, sections 1–3:

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

# The calendar, the summed clock and the course of a case are modules of their own; their
# public names are importable from here too.
from wvp_cli.core.calendar import add_days
from wvp_cli.core.calendar import easter as easter
from wvp_cli.core.calendar import holidays as holidays
from wvp_cli.core.calendar import is_working_day as is_working_day
from wvp_cli.core.calendar import next_working_day as next_working_day
from wvp_cli.core.course import AFTER_UIT_DIENST as AFTER_UIT_DIENST
from wvp_cli.core.course import course_of, cut_off, prospect_end, wia_application_excused

# Every interval of the law is a named constant of the milestone table (milestones.py).
from wvp_cli.core.milestones import (
    DESKUNDIGENOORDEEL_ANSWER,
    OFFSET_E,
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
from wvp_cli.core.model import EVALUATION_MOMENTS, Case

# What the clock computes and the rules of a status are a module of their own (status.py);
# its types are importable from here too.
from wvp_cli.core.status import MilestoneStatus as MilestoneStatus
from wvp_cli.core.status import State as State
from wvp_cli.core.status import Status as Status
from wvp_cli.core.status import Timeline as Timeline
from wvp_cli.core.status import closed, pending, state_of
from wvp_cli.core.summed import SummedClock as SummedClock
from wvp_cli.core.summed import add_active, current_case, merge_spans

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


def compute(case: Case, as_of: dt.date, table: tuple[Milestone, ...] = TABLE) -> Timeline:
    """The summed clock, every milestone's due date and its status at `as_of`."""
    leave = [
        (s, e) for s, e in merge_spans((lv.from_, lv.to) for lv in case.leave if lv.to >= lv.from_)
    ]
    leave_closed: list[tuple[dt.date, dt.date]] = [(s, e) for s, e in leave if e is not None]
    current = current_case(case, leave_closed)
    d = current.first_sick_day
    clock = SummedClock(current.spans, leave_closed)
    state, last_sick_day = state_of(current.spans, as_of, leave_closed)

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
        add_days(verlenging, -WIA_BEFORE_E) if verlenging is not None else clock.date_at(OFFSET_WIA)
    )
    wia_done = done_of("wia_aanvraag")
    wia_excused = wia_application_excused(case, first, wia_due, clock)
    if wia_done is not None and wia_done > wia_due and not wia_excused:
        # BW 7:629 lid 11a: wage payment runs on for as many days as the application was late.
        e = add_days(e, (wia_done - wia_due).days)
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
    course = course_of(case, in_case)
    if course.iva_last_wage_day is not None:
        # WIA art. 23 lid 6: with an early IVA benefit the wachttijd ends on the date UWV sets.
        e = course.iva_last_wage_day
    if as_of > e and (state == "sick" or (last_sick_day is not None and last_sick_day >= e)):
        # Section 7: after the last wage day the wachttijd is over; nothing falls due after it.
        state = "wachttijd_voorbij"

    # --- due dates (the milestone table) ---
    def before_end(days: int) -> dt.date:
        if verlenging is not None:
            return add_days(verlenging, -days)
        return clock.date_at(OFFSET_E - days)

    def resolve(rule: Due) -> dt.date:
        """The due date that a table entry's `due` names (the cadence and E come later)."""
        if isinstance(rule, Offset):
            return clock.date_at(rule.days)
        if isinstance(rule, After):
            done = done_of(rule.event)
            return add_days(done, rule.days) if done is not None else resolve(rule.otherwise)
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
            due["start_tweede_spoor"], add_days(course.spoor_2_found, TWEEDE_SPOOR_AFTER_EJE)
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
                until = prospect_end(day, case.deviations[index].prospect_until)
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
    due["evaluatie"] = add_active(
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
            if due_date > e or plan is None or cut_off(code, due_date, course, case):
                # Before there is a plan van aanpak no separate evaluation is due (WVP102).
                status, deviation = "not_applicable", None
            else:
                status = pending(due_date, as_of, state, last_sick_day, deviation is not None)
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
                status = pending(due_date, as_of, state, last_sick_day, False)
        elif hit is not None:
            done, event = hit
            if done <= due_date or (code == "wia_aanvraag" and wia_excused):
                status = "done"
            else:
                status, days_late = "late", (done - due_date).days
        else:
            own = deviations.get(code, [])
            deviation = min(own)[1] if own else None
            status = pending(due_date, as_of, state, last_sick_day, deviation is not None)
            if status != "waived" and (due_date > e or cut_off(code, due_date, course, case)):
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
        state, milestones = "closed", closed(milestones, closing[0])
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
    return tuple((add_days(day, DESKUNDIGENOORDEEL_ANSWER), index) for day, index in open_requests)
