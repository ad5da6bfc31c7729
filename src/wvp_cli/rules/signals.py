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
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.model import Case
from wvp_cli.rules import REGISTRY, Context, rule

#: Beoordelingskader poortwachter: a new advice is worked into the plan within six weeks.
ADVICE_TO_BIJSTELLING = 42
SIGNAL = "signaal voor de inhoudelijke toets van UWV: "


@rule(
    "WVP240",
    "signaal-advies-zonder-bijstelling",
    "Signaal: nieuw advies van de bedrijfsarts zonder bijstelling binnen 6 weken",
    Severity.WARNING,
    "Beoordelingskader poortwachter (BWBR0014375) §4; Regeling procesgang art. 4 lid 2",
)
def advice_without_bijstelling(case: Case, ctx: Context) -> Iterator[Finding]:
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
    this = REGISTRY["WVP240"]
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
        yield this.finding(
            f"{SIGNAL}nieuw advies van de bedrijfsarts op {long_date(day)} en geen bijstelling "
            f"van het plan van aanpak binnen 6 weken (uiterlijk {long_date(limit)}); stel het "
            "plan bij, of leg in een evaluatie vast waarom het plan bij het advies past",
            ctx.at(ctx.event_path(index)),
            case=case.id,
            milestone="plan_van_aanpak",
        )


@rule(
    "WVP243",
    "signaal-geen-arbeidsdeskundig-onderzoek-bij-eerstejaarsevaluatie",
    "Signaal: eerstejaarsevaluatie zonder arbeidsdeskundig onderzoek ervoor",
    Severity.WARNING,
    "Beoordelingskader poortwachter (BWBR0014375) §4; Werkwijzer Poortwachter",
)
def eje_without_arbeidsdeskundig_onderzoek(case: Case, ctx: Context) -> Iterator[Finding]:
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
    this = REGISTRY["WVP243"]
    eje = ctx.timeline.milestone("eerstejaarsevaluatie")
    if eje.event is None or eje.done is None:
        return
    first = ctx.timeline.first_sick_day
    if any(
        e.type == "arbeidsdeskundig_onderzoek" and first <= e.date <= eje.done for e in case.events
    ):
        return
    yield this.finding(
        f"{SIGNAL}de eerstejaarsevaluatie van {long_date(eje.done)} heeft geen arbeidsdeskundig "
        "onderzoek ervoor; laat het onderzoek doen en leg vast hoe de conclusie voor het tweede "
        "jaar erop steunt",
        ctx.at(ctx.event_path(eje.event)),
        case=case.id,
        milestone="eerstejaarsevaluatie",
    )
