"""The events that change the course of a case (docs/poortwachter.md, section 7): an early IVA
benefit, the end of the employment, a prospect of return, a finding that only work elsewhere is
possible; and when a late WIA application still counts as on time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from wvp_cli.core.calendar import add_days
from wvp_cli.core.milestones import OFFSET_WEEK_81_END, PROSPECT_MAX
from wvp_cli.core.model import (
    SPOOR_2_CONCLUSIONS,
    ArbeidsdeskundigOnderzoek,
    Bijstelling,
    Case,
    Eerstejaarsevaluatie,
    WiaAanvraag,
)
from wvp_cli.core.summed import SummedClock

#: Milestones that stay with the employee and UWV after the employment has ended.
AFTER_UIT_DIENST: frozenset[str] = frozenset({"wia_aanvraag", "einde_wachttijd"})


@dataclass(frozen=True)
class Course:
    """Events of the current case that change its course (docs/poortwachter.md, section 7)."""

    iva_granted: dt.date | None
    iva_last_wage_day: dt.date | None
    uit_dienst: dt.date | None
    #: Due date of the tweede spoor after an eerstejaarsevaluatie that foresees a return.
    eje_prospect: dt.date | None
    #: The first recorded finding that only work elsewhere is possible.
    spoor_2_found: dt.date | None


def wia_application_excused(
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


def prospect_end(day: dt.date, until: dt.date | None) -> dt.date | None:
    """The end of a prospect of return recorded on `day`: at most 91 days later."""
    return None if until is None else min(until, add_days(day, PROSPECT_MAX))


def course_of(case: Case, in_case: Callable[[dt.date], bool]) -> Course:
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
        prospect = prospect_end(eje.date, eje.prospect_until)
    return Course(
        iva_granted=None if iva is None else iva[0],
        iva_last_wage_day=None if iva is None else iva[1],
        uit_dienst=None if case.employer.eigenrisicodrager_zw else uit_dienst,
        eje_prospect=prospect,
        spoor_2_found=found,
    )


def cut_off(code: str, due: dt.date, course: Course, case: Case) -> bool:
    """True when a milestone due on `due` can no longer arise: an early IVA benefit was granted
    before it, or the employment ended before it (the employer's milestones; section 7)."""
    if code == "einde_wachttijd":
        return False
    if course.iva_granted is not None and due > course.iva_granted:
        return True
    return (
        course.uit_dienst is not None and due > course.uit_dienst and code not in (AFTER_UIT_DIENST)
    )
