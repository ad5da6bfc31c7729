"""Rules on the course of a case (docs/poortwachter.md, sections 1, 4 and 7): plausibility, the
end of the wachttijd, deviations the law does not allow, a prospect of return, an early IVA
request, the employment ending during sickness, the employee's cooperation and the
deskundigenoordeel.

Dates on the sickness clock come from the timeline (`clock.compute`); the few intervals counted
from an event of its own (six weeks after a disagreement) are named constants here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from wvp_cli.core.clock import DEVIABLE, MILESTONE_INFO, OFFSET_WEEK_88, PROSPECT_MAX
from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.model import (
    Bijstelling,
    Case,
    Eerstejaarsevaluatie,
    Evaluatie,
    Loonstop,
    PlanVanAanpak,
    UitDienst,
    VervroegdeIvaToekenning,
)
from wvp_cli.rules import Context, Problem, rule

#: Section 7: a case still open this many days after its last wage day should be closed.
CLOSE_AFTER_E = 28
#: Section 7: a case whose wachttijd ended more than a year ago and is still open is suspicious.
STALE_AFTER_E = 365
#: WIA art. 23 lid 6: the early IVA request at the latest in week 68 (offset 475).
OFFSET_IVA_LATEST = 475
#: Section 7: a disagreement is followed by a deskundigenoordeel within six weeks.
DISAGREEMENT_TO_DESKUNDIGENOORDEEL = 42
#: Event types that close a case or decide on the WIA benefit (section 7, "close it").
CLOSING_EVENTS = frozenset({"afsluiting", "vervroegde_iva_toekenning"})


def _types(case: Case) -> set[str]:
    return {str(event.type) for event in case.events}


# --- plausibility (section 7) --------------------------------------------------------------


@rule(
    "WVP025",
    "eerste-ziektedag-niet-na-peildatum",
    "Eerste ziektedag niet na de peildatum",
    Severity.ERROR,
    "docs/poortwachter.md section 7 (plausibility)",
)
def first_sick_day_not_in_future(case: Case, ctx: Context) -> Iterator[Problem]:
    """The first sick day of the case does not lie after the date the dossier is checked at.

    Source: docs/poortwachter.md section 7 (plausibility); BW 7:629 lid 1 (wage continuation
    starts with the sickness).
    Why: a first sick day in the future is a typing error (2062 for 2026); every due date of
    the case is counted from it, so every one would be wrong.

    Passing example (checked at 2026-11-24): `sickness: [{from: 2026-01-05}]`.
    Failing example (checked at 2026-11-24): `sickness: [{from: 2031-01-05}]`.
    """
    first = ctx.timeline.first_sick_day
    if first > ctx.as_of:
        index = next(
            (i for i, p in enumerate(case.sickness) if p.from_ == first), len(case.sickness) - 1
        )
        yield Problem(
            f"eerste ziektedag {long_date(first)} ligt na de peildatum {long_date(ctx.as_of)}; "
            "klopt het jaartal?",
            ("sickness", index, "from"),
        )


@rule(
    "WVP026",
    "wachttijd-lang-voorbij",
    "Open dossier van een wachttijd die lang voorbij is",
    Severity.WARNING,
    "docs/poortwachter.md section 7 (plausibility); WIA art. 23",
)
def wachttijd_long_over(case: Case, ctx: Context) -> Iterator[Problem]:
    """A case whose last wage day lies more than a year before the peildatum is closed.

    Reported when the case is not closed (no 28 fit days after the last sick day, no
    `afsluiting`, no early IVA grant) and its last wage day (E, or E' after an extension) lies
    more than 365 days before `--as-of`.

    Source: docs/poortwachter.md section 7 (plausibility); WIA art. 23 (the wachttijd ends).
    Why: an open dossier years after the wachttijd is either a forgotten closing or a wrong
    first sick day; both make the agenda and the figures lie.

    Passing example: the same case with an `afsluiting` event.
    Failing example (checked at 2026-11-24): `sickness: [{from: 2021-01-04}]`, no closing.
    """
    tl = ctx.timeline
    if tl.state == "closed" or _types(case) & CLOSING_EVENTS:
        return
    if (ctx.as_of - tl.last_wage_day).days > STALE_AFTER_E:
        yield Problem(
            f"de wachttijd eindigde op {long_date(tl.last_wage_day)}, meer dan een jaar voor de "
            "peildatum, en het dossier is niet afgesloten; sluit het af met de uitkomst, of "
            "controleer de eerste ziektedag",
            ("sickness", 0, "from"),
            milestone="einde_wachttijd",
        )


@rule(
    "WVP027",
    "andere-oorzaak-alleen-na-verlof",
    "Andere oorzaak (other_cause) alleen direct na zwangerschapsverlof",
    Severity.WARNING,
    "BW 7:629 lid 10; WIA art. 23 lid 3",
)
def other_cause_after_leave(case: Case, ctx: Context) -> Iterator[Problem]:
    """`other_cause: true` applies only to a sickness period that directly follows pregnancy or
    childbirth leave; on any other period it changes nothing, and this rule says so.

    The clock starts a new case at such a period only when the leave lies between it and the
    sickness before it (the leave limb of BW 7:629 lid 10 and WIA art. 23 lid 3). Elsewhere the
    periods are summed as usual (fewer than 28 fit days: one case, whatever the cause).

    Source: BW 7:629 lid 10; WIA art. 23 lid 3; docs/poortwachter.md section 1.
    Why: a flag that silently does nothing misleads: the user believes a new wachttijd started.

    Passing example: sickness until 2026-02-28, leave 2026-03-01 … 2026-06-21, sickness from
    2026-06-22 with `other_cause: true`.
    Failing example: sickness until 2026-02-01, sickness from 2026-02-10 with
    `other_cause: true` and no leave between them.
    """
    for index, period in enumerate(case.sickness):
        if not period.other_cause or _follows_leave(case, period.from_):
            continue
        yield Problem(
            f"'other_cause: true' bij de ziekteperiode vanaf {long_date(period.from_)} is niet "
            "toegepast: het geldt alleen voor ziekte direct na zwangerschaps- of "
            "bevallingsverlof; de periodes worden samengeteld",
            ("sickness", index, "other_cause"),
        )


def _follows_leave(case: Case, day: dt.date) -> bool:
    """True when a leave ends before `day` and no sickness period starts between them."""
    before = [lv.to for lv in case.leave if lv.to < day and lv.from_ <= lv.to]
    if not before:
        return False
    end = max(before)
    return not any(end < p.from_ < day for p in case.sickness)


# --- deviations and prospects (section 4) --------------------------------------------------


@rule(
    "WVP112",
    "afwijking-alleen-van-regeling-termijnen",
    "Afwijking alleen van termijnen van de Regeling procesgang",
    Severity.ERROR,
    "Regeling procesgang art. 5; ZW art. 38; WIA art. 25 en 64",
)
def deviation_only_from_regeling_terms(case: Case, ctx: Context) -> Iterator[Problem]:
    """A deviation (`deviations:`) names a term that Regeling procesgang art. 5 lets employer and
    employee depart from: `ziekmelding_arbodienst`, `probleemanalyse`, `plan_van_aanpak`,
    `evaluatie`, `eerstejaarsevaluatie`, and by UWV practice `arbeidsdeskundig_onderzoek` and
    `start_tweede_spoor`.

    A deviation for a statutory term (`melding_42e_week`, `actueel_oordeel`, `eindevaluatie`,
    `re_integratieverslag`, `wia_aanvraag`, `einde_wachttijd`) is an error and waives nothing:
    the milestone keeps its status.

    Source: Regeling procesgang art. 5 (only the terms of art. 2 and 4); ZW art. 38 (42e-week);
    WIA art. 25 lid 3 and art. 64 (re-integratieverslag, WIA application); Beleidsregels vorm- en
    herkenbaarheidsvereisten reïntegratieverslagen (BWBR0015184).
    Why: no agreement between employer and employee can move a term of the law; a dossier that
    claims so is missing the step.

    Passing example: `- {milestone: probleemanalyse, date: 2026-02-01, reason: "...",
    agreed_by_employee: true}`.
    Failing example: the same for `melding_42e_week`.
    """
    for index, dev in enumerate(case.deviations):
        if dev.milestone in DEVIABLE:
            continue
        yield Problem(
            f"van de termijn '{MILESTONE_INFO[dev.milestone].title}' kan niet worden afgeweken: "
            "het is een wettelijke termijn, geen termijn van de Regeling procesgang; de afwijking "
            "telt niet en de mijlpaal blijft verschuldigd",
            ("deviations", index, "milestone"),
            milestone=dev.milestone,
        )


@rule(
    "WVP227",
    "perspectief-op-terugkeer-met-datum",
    "Perspectief op terugkeer met een datum binnen 3 maanden",
    Severity.ERROR,
    "BW 7:658a lid 1; Regeling procesgang art. 5; Beoordelingskader poortwachter",
)
def prospect_has_a_date(case: Case, ctx: Context) -> Iterator[Problem]:
    """Leaving out the tweede spoor needs a concrete prospect of structural return in the own
    organisation within 3 months, with its date (`prospect_until`).

    - A deviation for `start_tweede_spoor` without `prospect_until`: error (it waives nothing).
    - `prospect_until` more than 91 days after the deviation or the eerstejaarsevaluatie that
      records it: error (the clock counts 91 days only).
    - `prospect_until` before the date that records it: error.
    After `prospect_until` without full return the tweede spoor is due again (WVP201).

    Source: BW 7:658a lid 1 ("zodra vaststaat"); Regeling procesgang art. 5; Beoordelingskader
    poortwachter (BWBR0014375) §4; Werkwijzer Poortwachter (3 months).
    Why: a prospect without a date never ends, and a tweede spoor left out on it is the most
    common reason for a loonsanctie.

    Passing example:
        deviations:
          - {milestone: start_tweede_spoor, date: 2027-01-05, reason: "...",
             agreed_by_employee: true, prospect_until: 2027-03-31}
    Failing example: the same without `prospect_until`, or with `prospect_until: 2027-06-01`.
    """
    for index, dev in enumerate(case.deviations):
        if dev.milestone != "start_tweede_spoor":
            continue
        if dev.prospect_until is None:
            yield Problem(
                "afwijking van het tweede spoor zonder 'prospect_until': leg vast wanneer de "
                "terugkeer in de eigen organisatie rond is (uiterlijk 3 maanden na de "
                "afwijking); zonder die datum telt de afwijking niet",
                ("deviations", index),
                milestone="start_tweede_spoor",
            )
        else:
            yield from _prospect_range(
                case, ctx, dev.date, dev.prospect_until, ("deviations", index, "prospect_until")
            )
    for index, event in enumerate(case.events):
        if isinstance(event, Eerstejaarsevaluatie) and event.prospect_until is not None:
            yield from _prospect_range(
                case, ctx, event.date, event.prospect_until, ("events", index, "prospect_until")
            )


def _prospect_range(
    case: Case, ctx: Context, day: dt.date, until: dt.date, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    limit = day + dt.timedelta(days=PROSPECT_MAX)
    if until > limit:
        yield Problem(
            f"'prospect_until' {long_date(until)} ligt meer dan 3 maanden na "
            f"{long_date(day)}; een concreet perspectief reikt tot uiterlijk {long_date(limit)}, "
            "en wvp rekent met die datum",
            path,
            milestone="start_tweede_spoor",
        )
    elif until < day:
        yield Problem(
            f"'prospect_until' {long_date(until)} ligt vóór {long_date(day)}; klopt de datum?",
            path,
            milestone="start_tweede_spoor",
        )


# --- the end of the wachttijd (section 7) --------------------------------------------------


@rule(
    "WVP206",
    "na-wachttijd-afsluiten",
    "Dossier afgesloten na het einde van de wachttijd",
    Severity.WARNING,
    "WIA art. 23; docs/poortwachter.md section 7",
)
def close_after_wachttijd(case: Case, ctx: Context) -> Iterator[Problem]:
    """A case still open 28 days after its last wage day records the outcome and is closed.

    Reported when the wachttijd is over (state `wachttijd_voorbij`), `--as-of` lies more than
    28 days after the last wage day, and there is no `afsluiting` or early IVA grant. (A case
    more than a year past its wachttijd gets WVP026 instead.)

    Source: WIA art. 23 (the wachttijd ends; UWV decides on the WIA benefit);
    docs/poortwachter.md section 7.
    Why: after the wachttijd nothing falls due any more; an open case hides in the agenda and in
    the figures as if it still ran.

    Passing example: an `afsluiting` event with reason `wia_beslissing` after the last wage day.
    Failing example: first sick day 2024-06-03 (last wage day 2026-05-31), checked at
    2026-08-20, no closing.
    """
    tl = ctx.timeline
    if tl.state != "wachttijd_voorbij" or _types(case) & CLOSING_EVENTS:
        return
    since = (ctx.as_of - tl.last_wage_day).days
    if CLOSE_AFTER_E < since <= STALE_AFTER_E:
        yield Problem(
            f"de wachttijd is voorbij sinds {long_date(tl.last_wage_day)} ({days(since)}); leg "
            "de WIA-beslissing of de uitkomst vast en sluit het dossier af",
            ("events",),
            key=True,
            milestone="einde_wachttijd",
        )


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
    if "vervroegde_iva_aanvraag" in _types(case):
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
