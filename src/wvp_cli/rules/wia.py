"""Rules on the road to the WIA (docs/poortwachter.md, section 7): an early IVA request, the
timing of the WIA application, the employment ending during sickness, the employee's
cooperation (a wage stop after a warning) and the deskundigenoordeel after a disagreement.

Dates on the sickness clock come from the timeline (`clock.compute`); the few intervals counted
from an event of its own (six weeks after a disagreement) are named constants here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from wvp_cli.core.clock import OFFSET_WEEK_88
from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.model import (
    Bijstelling,
    Case,
    Evaluatie,
    Loonstop,
    PlanVanAanpak,
    UitDienst,
    VervroegdeIvaToekenning,
)
from wvp_cli.rules import Context, Problem, rule

#: WIA art. 23 lid 6: the early IVA request at the latest in week 68 (offset 475).
OFFSET_IVA_LATEST = 475
#: Section 7: a disagreement is followed by a deskundigenoordeel within six weeks.
DISAGREEMENT_TO_DESKUNDIGENOORDEEL = 42


# --- early IVA (WIA art. 23 lid 6) ---------------------------------------------------------


@rule(
    "WVP207",
    "vervroegde-iva-aanvraag",
    "Vervroegde IVA: één aanvraag, uiterlijk in week 68",
    Severity.ERROR,
    "WIA art. 23 lid 6; WIA art. 64",
    kind="default",
    kinds={"second_request": Severity.WARNING, "granted_without_request": Severity.WARNING},
)
def early_iva(case: Case, ctx: Context) -> Iterator[Problem]:
    """The early IVA request (`vervroegde_iva_aanvraag`) is made once, at the latest in week 68
    (offset 475 on the summed clock); a grant (`vervroegde_iva_toekenning`) names the last wage
    day UWV set, and follows a request.

    A request after week 68: error. A second request: warning. A grant without
    `last_wage_day`: error (the wachttijd's end is unknown, and wvp keeps the old one). A grant
    without a request before it: warning.

    Source: WIA art. 23 lid 6 (verkorte wachttijd); WIA art. 64; ZW art. 38 lid 8 (the request
    counts as the 42e-weeksmelding when it comes first).
    Why: UWV refuses a late request; a grant moves the end of the wachttijd, and with it every
    later milestone.

    Passing example:
        - {type: vervroegde_iva_aanvraag, date: 2027-02-01}
        - {type: vervroegde_iva_toekenning, date: 2027-03-15, last_wage_day: 2027-03-31}
    Failing example: the request dated in week 70, or a grant without `last_wage_day`.
    """
    tl = ctx.timeline
    latest = tl.clock.date_at(OFFSET_IVA_LATEST)
    requests = sorted(
        (event.date, index)
        for index, event in enumerate(case.events)
        if event.type == "vervroegde_iva_aanvraag" and event.date >= tl.first_sick_day
    )
    for number, (day, index) in enumerate(requests):
        if number > 0:
            yield Problem(
                f"tweede aanvraag vervroegde IVA op {long_date(day)}; de werknemer kan die maar "
                "één keer aanvragen",
                ctx.event_path(index),
                kind="second_request",
            )
        elif day > latest:
            yield Problem(
                f"aanvraag vervroegde IVA op {long_date(day)} is te laat: uiterlijk in week 68 "
                f"({long_date(latest)}); UWV neemt haar niet in behandeling",
                ctx.event_path(index),
            )
    for index, event in enumerate(case.events):
        if not isinstance(event, VervroegdeIvaToekenning):
            continue
        if event.last_wage_day is None:
            yield Problem(
                f"toekenning vervroegde IVA op {long_date(event.date)} zonder 'last_wage_day'; "
                "leg de laatste loondag vast die UWV noemt (daar eindigt de wachttijd)",
                ctx.event_path(index),
                milestone="einde_wachttijd",
            )
        if not any(day <= event.date for day, _ in requests):
            yield Problem(
                f"toekenning vervroegde IVA op {long_date(event.date)} zonder aanvraag ervoor; "
                "leg de aanvraag van de werknemer vast (vervroegde_iva_aanvraag)",
                ctx.event_path(index),
                kind="granted_without_request",
            )


@rule(
    "WVP208",
    "wia-aanvraag-niet-voor-week-88",
    "WIA-aanvraag niet vóór week 88 (behalve vervroegde IVA)",
    Severity.WARNING,
    "WIA art. 64; UWV (brief na 88 weken ziekte)",
)
def wia_not_before_week_88(case: Case, ctx: Context) -> Iterator[Problem]:
    """A WIA application (`wia_aanvraag`) is not made before week 88 of the sickness (offset
    609 on the summed clock), unless it is an early IVA request (`vervroegde_iva_aanvraag`).

    UWV writes to the employee after 88 weeks of sickness, and from then on the employee can
    apply (uwv.nl, "Wanneer vraag ik een WIA-uitkering aan?"). An application dated before
    that, in a case without an early IVA request: warning. A late application counts as on time
    when UWV's letter was late or missing (`uwv_letter_late: true`, WIA art. 64 lid 6), unless
    the 42e-weeksmelding came after week 81; the clock then neither reports it late nor extends
    the wage payment.

    Source: WIA art. 64 (lid 3 the term, lid 6 UWV's letter); UWV's own wording (letter after
    88 weeks); WIA art. 23 lid 6 (early IVA).
    Why: an application before week 88 is either an early IVA request recorded as something
    else, or a wrong date; both mislead the clock about the end of the wachttijd.

    Passing example (D = 2026-01-01): `- {type: wia_aanvraag, date: 2027-09-20}` (week 90).
    Failing example: `- {type: wia_aanvraag, date: 2027-06-01}` (week 74), no IVA request.
    """
    if any(event.type == "vervroegde_iva_aanvraag" for event in case.events):
        return
    tl = ctx.timeline
    start = tl.clock.date_at(OFFSET_WEEK_88)
    for index, event in enumerate(case.events):
        if event.type == "wia_aanvraag" and tl.first_sick_day <= event.date < start:
            yield Problem(
                f"WIA-aanvraag op {long_date(event.date)} ligt vóór week 88 "
                f"({long_date(start)}); UWV schrijft de werknemer na 88 weken ziekte, en vanaf "
                "dan kan de aanvraag; ging het om een vervroegde IVA, leg die dan vast als "
                "vervroegde_iva_aanvraag",
                ctx.event_path(index),
                milestone="wia_aanvraag",
            )


# --- employment ends during sickness (ZW art. 38 lid 2) ------------------------------------


@rule(
    "WVP231",
    "uit-dienst-ziekmelding-uwv",
    "Bij uit dienst: ziekmelding bij UWV uiterlijk op de laatste werkdag",
    Severity.ERROR,
    "ZW art. 38 lid 2",
    kind="default",
    kinds={"reported_late": Severity.WARNING},
)
def uit_dienst_reported(case: Case, ctx: Context) -> Iterator[Problem]:
    """When the employment ends during sickness (`uit_dienst`, dated the last day of
    employment), the employer reports the employee sick to UWV at the latest on that day
    (`reported_to_uwv`).

    No `reported_to_uwv`: error. Reported after the last day: warning with the number of days.
    After `uit_dienst` the employer's later milestones do not apply (UWV takes over; the
    employer hands over the re-integratieverslag when UWV asks), unless the employer is
    eigenrisicodrager for the Ziektewet (`employer.eigenrisicodrager_zw: true`).

    Source: ZW art. 38 lid 2; docs/poortwachter.md section 7.
    Why: without the report UWV does not know the employee is sick and the Ziektewet benefit
    starts late; UWV can recover the costs from the employer.

    Passing example: `- {type: uit_dienst, date: 2026-07-31, reported_to_uwv: 2026-07-28}`.
    Failing example: `- {type: uit_dienst, date: 2026-07-31}`.
    """
    for index, event in enumerate(case.events):
        if not isinstance(event, UitDienst):
            continue
        if event.reported_to_uwv is None:
            yield Problem(
                f"uit dienst op {long_date(event.date)} zonder ziekmelding bij UWV; meld de "
                "werknemer uiterlijk op de laatste werkdag ziek bij UWV en leg de datum vast in "
                "'reported_to_uwv'",
                ctx.event_path(index),
            )
        elif event.reported_to_uwv > event.date:
            late = (event.reported_to_uwv - event.date).days
            yield Problem(
                f"ziekmelding bij UWV op {long_date(event.reported_to_uwv)} is {days(late)} te "
                f"laat: uiterlijk op de laatste werkdag ({long_date(event.date)})",
                ("events", index, "reported_to_uwv"),
                kind="reported_late",
            )


# --- cooperation of the employee (BW 7:660a, 7:629) ----------------------------------------


@rule(
    "WVP230",
    "loonstop-na-schriftelijke-waarschuwing",
    "Loonstop pas na schriftelijke waarschuwing",
    Severity.ERROR,
    "BW 7:629 lid 3 en lid 6; BW 7:660a",
    kind="default",
    kinds={"without_refusal": Severity.WARNING},
)
def wage_stop_after_warning(case: Case, ctx: Context) -> Iterator[Problem]:
    """A wage stop (`loonstop`) follows a written warning or notice to the employee
    (`schriftelijke_waarschuwing` on or before the stop's date).

    A wage stop without one: error. A wage stop without a recorded refusal to cooperate
    (`weigering_medewerking`) before it: warning (on what ground was the wage stopped?).

    Source: BW 7:629 lid 3 (grounds to stop the wage) and lid 6 (the employer tells the employee
    without delay and in writing); BW 7:660a (the employee's duty to cooperate).
    Why: a wage stop without prior written notice does not hold up before the court, and the
    employer pays the wage after all.

    Passing example:
        - {type: weigering_medewerking, date: 2026-05-04, what: "Niet verschenen bij de
           bedrijfsarts"}
        - {type: schriftelijke_waarschuwing, date: 2026-05-06}
        - {type: loonstop, date: 2026-05-20}
    Failing example: the same without the warning.
    """
    warnings = [e.date for e in case.events if e.type == "schriftelijke_waarschuwing"]
    refusals = [e.date for e in case.events if e.type == "weigering_medewerking"]
    for index, event in enumerate(case.events):
        if not isinstance(event, Loonstop):
            continue
        if not any(day <= event.date for day in warnings):
            yield Problem(
                f"loonstop per {long_date(event.date)} zonder schriftelijke waarschuwing aan de "
                "werknemer ervoor; waarschuw eerst schriftelijk (schriftelijke_waarschuwing) en "
                "leg dat vast",
                ctx.event_path(index),
            )
        if not any(day <= event.date for day in refusals):
            yield Problem(
                f"loonstop per {long_date(event.date)} zonder vastgelegde weigering om mee te "
                "werken (weigering_medewerking); leg de grond van de loonstop vast",
                ctx.event_path(index),
                kind="without_refusal",
            )


# --- deskundigenoordeel (ZW art. 30 lid 1 e; WIA art. 32) ----------------------------------


@rule(
    "WVP232",
    "deskundigenoordeel-bij-onenigheid",
    "Deskundigenoordeel binnen 6 weken na onenigheid",
    Severity.WARNING,
    "ZW art. 30 lid 1 e; WIA art. 32; BW 7:660a",
)
def deskundigenoordeel_after_disagreement(case: Case, ctx: Context) -> Iterator[Problem]:
    """A plan van aanpak, bijstelling or evaluatie where the employee records disagreement
    (`employee_agrees: false`) is followed within 6 weeks (42 days) by a request for a
    deskundigenoordeel (`deskundigenoordeel`) from either party.

    Reported at the disagreeing event once 42 days have passed without a request on or after
    it. `employee_agrees` left out means "not recorded" and is never reported.

    Source: ZW art. 30 lid 1 e; WIA art. 32 (deskundigenoordeel); BW 7:660a;
    docs/poortwachter.md section 7.
    Why: a disagreement that nobody puts before UWV stalls the re-integration; UWV later asks
    why neither party asked for a deskundigenoordeel.

    Passing example:
        - {type: evaluatie, date: 2026-05-01, employee_agrees: false}
        - {type: deskundigenoordeel, date: 2026-05-20, requested_by: werknemer}
    Failing example: the same evaluatie and no deskundigenoordeel by 2026-06-12.
    """
    requests = [e.date for e in case.events if e.type == "deskundigenoordeel"]
    for index, event in enumerate(case.events):
        if not isinstance(event, PlanVanAanpak | Bijstelling | Evaluatie):
            continue
        if event.employee_agrees is not False or event.date < ctx.timeline.first_sick_day:
            continue
        limit = event.date + dt.timedelta(days=DISAGREEMENT_TO_DESKUNDIGENOORDEEL)
        if ctx.as_of <= limit or any(event.date <= day <= limit for day in requests):
            continue
        yield Problem(
            f"de werknemer is het niet eens met {event.type.replace('_', ' ')} van "
            f"{long_date(event.date)}, en er is binnen 6 weken (uiterlijk {long_date(limit)}) "
            "geen deskundigenoordeel aangevraagd; vraag het aan bij UWV of leg vast hoe de "
            "onenigheid is opgelost",
            ctx.event_path(index),
        )
