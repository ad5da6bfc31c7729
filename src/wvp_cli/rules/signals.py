"""Signals for UWV's substantive test (WVP240-WVP249; docs/poortwachter.md, section 7).

At the WIA application UWV judges whether the re-integration efforts were sufficient, with the
Beoordelingskader poortwachter (BWBR0014375, binding for UWV). These rules do not say that a
step is missing; they point at what UWV is known to ask about. They are warnings, never errors,
and every message says plainly that it is a signal. Where the case file does not record the data
a signal needs (partial return to work, for instance), the signal says nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from wvp_cli.core.dutch import long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.model import Case, Werkhervatting
from wvp_cli.rules import Context, Problem, rule

#: Beoordelingskader poortwachter: a new advice is worked into the plan within six weeks.
ADVICE_TO_BIJSTELLING = 42
SIGNAL = "signaal voor de inhoudelijke toets van UWV: "
#: Beoordelingskader poortwachter: therapeutic work (no wage value) is a phase, not a result;
#: more than six months of it asks for a step towards work with wage value.
THERAPEUTIC_MAX = 182
#: The end of week 87 (offset 608): the moment UWV looks back at from the WIA application.
OFFSET_WEEK_87_END = 608
#: WIA: earning 65% or more of the old wage means no WIA benefit; a return below it is partial.
LOW_RETURN = 0.65


def _returns(case: Case, ctx: Context) -> list[tuple[dt.date, int, Werkhervatting]]:
    """The partial returns to work of the current case up to `--as-of`, oldest first."""
    first = ctx.timeline.first_sick_day
    return sorted(
        (
            (event.date, index, event)
            for index, event in enumerate(case.events)
            if isinstance(event, Werkhervatting) and first <= event.date <= ctx.as_of
        ),
        key=lambda item: item[:2],
    )


@rule(
    "WVP240",
    "signaal-advies-zonder-bijstelling",
    "Signaal: nieuw advies van de bedrijfsarts zonder bijstelling binnen 6 weken",
    Severity.WARNING,
    "Beoordelingskader poortwachter (BWBR0014375) §4; Regeling procesgang art. 4 lid 2",
)
def advice_without_bijstelling(case: Case, ctx: Context) -> Iterator[Problem]:
    """A new advice of the bedrijfsarts (every `probleemanalyse` after the first: a bijgestelde
    probleemanalyse) is followed within 6 weeks (42 days) by a `bijstelling` of the plan van
    aanpak.

    Reported at the advice once 42 days have passed without a bijstelling on or after it. A
    signal, not a missed deadline: the plan may still fit the new advice, and then the
    evaluation should say so.

    Source: Beoordelingskader poortwachter (BWBR0014375) §4 (the plan follows the bedrijfsarts'
    advice); Regeling procesgang art. 4 lid 2 (bijstelling); Werkwijzer Poortwachter.
    Why: UWV compares each advice with the plan that follows it; a plan that ignores a changed
    advice is a common reason for a loonsanctie.

    Passing example:
        - {type: probleemanalyse, date: 2026-06-01, advice: "..."}      # a new advice
        - {type: bijstelling, date: 2026-06-20, ...}
    Failing example: the same advice and no bijstelling by 2026-07-13.
    """
    first = ctx.timeline.first_sick_day
    advices = sorted(
        (event.date, index)
        for index, event in enumerate(case.events)
        if event.type == "probleemanalyse" and first <= event.date <= ctx.as_of
    )
    bijstellingen = [e.date for e in case.events if e.type == "bijstelling"]
    for day, index in advices[1:]:
        limit = day + dt.timedelta(days=ADVICE_TO_BIJSTELLING)
        if ctx.as_of <= limit or any(day <= b <= limit for b in bijstellingen):
            continue
        yield Problem(
            f"{SIGNAL}nieuw advies van de bedrijfsarts op {long_date(day)} en geen bijstelling "
            f"van het plan van aanpak binnen 6 weken (uiterlijk {long_date(limit)}); stel het "
            "plan bij, of leg in een evaluatie vast waarom het plan bij het advies past",
            ctx.event_path(index),
            milestone="plan_van_aanpak",
        )


@rule(
    "WVP243",
    "signaal-geen-arbeidsdeskundig-onderzoek-bij-eerstejaarsevaluatie",
    "Signaal: eerstejaarsevaluatie zonder arbeidsdeskundig onderzoek ervoor",
    Severity.WARNING,
    "Beoordelingskader poortwachter (BWBR0014375) §4; Werkwijzer Poortwachter",
)
def eje_without_arbeidsdeskundig_onderzoek(case: Case, ctx: Context) -> Iterator[Problem]:
    """The eerstejaarsevaluatie has an arbeidsdeskundig onderzoek on or before its date to build
    on.

    Reported at the eerstejaarsevaluatie when no `arbeidsdeskundig_onderzoek` of the case lies
    on or before it. WVP105 reports a missing onderzoek at its own due date (week 52); this
    signal says that the evaluation itself had none to build on.

    Source: Beoordelingskader poortwachter (BWBR0014375) §4 (the conclusion for the second year
    rests on an assessment of the possibilities); Werkwijzer Poortwachter (arbeidsdeskundig
    onderzoek before the eerstejaarsevaluatie).
    Why: without it the conclusion (eigen werk, spoor 1, spoor 2) is a guess, and UWV asks on
    what it was based.

    Passing example:
        - {type: arbeidsdeskundig_onderzoek, date: 2026-11-10, conclusion: spoor_1}
        - {type: eerstejaarsevaluatie, date: 2026-12-01, conclusion: spoor_1, ...}
    Failing example: the same evaluation without the onderzoek before it.
    """
    eje = ctx.timeline.milestone("eerstejaarsevaluatie")
    if eje.event is None or eje.done is None:
        return
    first = ctx.timeline.first_sick_day
    if any(
        e.type == "arbeidsdeskundig_onderzoek" and first <= e.date <= eje.done for e in case.events
    ):
        return
    yield Problem(
        f"{SIGNAL}de eerstejaarsevaluatie van {long_date(eje.done)} heeft geen arbeidsdeskundig "
        "onderzoek ervoor; laat het onderzoek doen en leg vast hoe de conclusie voor het tweede "
        "jaar erop steunt",
        ctx.event_path(eje.event),
        milestone="eerstejaarsevaluatie",
    )


@rule(
    "WVP241",
    "signaal-lang-arbeidstherapeutisch",
    "Signaal: langer dan 6 maanden arbeidstherapeutisch werk",
    Severity.WARNING,
    "Beoordelingskader poortwachter (BWBR0014375) §4; BW 7:658a lid 1",
)
def long_therapeutic_work(case: Case, ctx: Context) -> Iterator[Problem]:
    """Work on a therapeutic basis (no wage value) does not last more than 6 months (182 days)
    without a step towards work with wage value.

    Read from the `werkhervatting` events: a stretch starts at one with `therapeutic: true` and
    hours above 0, and lasts while the next ones are therapeutic too, until one that is not (or
    0 hours), the end of the sickness, or `--as-of`. A stretch longer than 182 days: signal at
    its start. Without `werkhervatting` events this rule says nothing.

    Source: Beoordelingskader poortwachter (BWBR0014375) §4 (re-integration aims at work with
    wage value); BW 7:658a lid 1.
    Why: UWV asks why someone worked for months without wage value; a therapeutic phase that
    never ends looks like re-integration that stalled.

    Passing example:
        - {type: werkhervatting, date: 2026-03-02, hours: 8, therapeutic: true}
        - {type: werkhervatting, date: 2026-06-01, hours: 12, work: eigen_werk}
    Failing example: only the first, checked on 2026-10-01 (213 days).
    """
    tl = ctx.timeline
    end_of_sickness = tl.last_sick_day or ctx.as_of
    start: tuple[dt.date, int] | None = None
    stretches: list[tuple[dt.date, int, dt.date]] = []
    for day, index, event in _returns(case, ctx):
        therapeutic = event.therapeutic and event.hours > 0
        if therapeutic and start is None:
            start = (day, index)
        elif not therapeutic and start is not None:
            stretches.append((start[0], start[1], day))
            start = None
    if start is not None:
        stretches.append((start[0], start[1], min(ctx.as_of, end_of_sickness)))
    for begin, index, end in stretches:
        length = (end - begin).days
        if length > THERAPEUTIC_MAX:
            yield Problem(
                f"{SIGNAL}arbeidstherapeutisch werk (zonder loonwaarde) sinds "
                f"{long_date(begin)}, {length} dagen, langer dan 6 maanden; leg vast welke stap "
                "naar werk met loonwaarde volgt, of waarom die er nog niet is",
                ctx.event_path(index),
            )


@rule(
    "WVP242",
    "signaal-lage-hervatting-zonder-tweede-spoor",
    "Signaal: in week 87 onder 65% hervat en geen tweede spoor",
    Severity.WARNING,
    "Beoordelingskader poortwachter (BWBR0014375) §4; BW 7:658a lid 1",
)
def low_return_without_tweede_spoor(case: Case, ctx: Context) -> Iterator[Problem]:
    """A return to work that at the end of week 87 stays below 65% (of the contract hours) goes
    together with a tweede spoor.

    At the end of week 87 (offset 608 on the summed clock), the `werkhervatting` in force then
    (the latest on or before that day) is read: therapeutic, or hours below 65% of the contract
    hours (`contract_hours`, else `employee.hours_per_week`). If so and no tweede spoor started
    on or before that day: signal. Hours stand in for wage here, and the signal says so. Without
    a `werkhervatting` on or before week 87, or without contract hours, this rule says nothing.

    Source: Beoordelingskader poortwachter (BWBR0014375) §4; BW 7:658a lid 1 (tweede spoor when
    the own organisation offers no adequate return); WIA (65% of the old wage).
    Why: a partial return that stays low is, for UWV, no reason to leave out the tweede spoor;
    it is where UWV most often finds the efforts insufficient.

    Passing example: a `werkhervatting` with 28 of 32 hours in week 80, or a
    `start_tweede_spoor` before week 87.
    Failing example: `- {type: werkhervatting, date: 2027-05-03, hours: 12}` with 32 contract
    hours and no tweede spoor (D = 2026-01-01).
    """
    tl = ctx.timeline
    moment = tl.clock.date_at(OFFSET_WEEK_87_END)
    if ctx.as_of < moment or tl.state in ("closed", "recovered"):
        return
    before = [item for item in _returns(case, ctx) if item[0] <= moment]
    if not before:
        return
    _, index, event = before[-1]
    contract = event.contract_hours or case.employee.hours_per_week
    if not contract:
        return
    share = 0.0 if event.therapeutic else event.hours / contract
    if share >= LOW_RETURN:
        return
    if any(
        e.type == "start_tweede_spoor" and tl.first_sick_day <= e.date <= moment
        for e in case.events
    ):
        return
    what = (
        "op arbeidstherapeutische basis"
        if event.therapeutic
        else (f"{event.hours:g} van {contract:g} uur ({share:.0%})")
    )
    yield Problem(
        f"{SIGNAL}aan het eind van week 87 ({long_date(moment)}) werkt de werknemer {what}, "
        "onder 65% (in uren gemeten, als benadering van het loon), en er is geen tweede spoor; "
        "leg vast waarom de eigen organisatie genoeg perspectief biedt, of start het tweede spoor",
        ctx.event_path(index),
        milestone="start_tweede_spoor",
    )
