"""Rules on the course of a case (docs/poortwachter.md, sections 1, 4 and 7): plausibility, the
end of the wachttijd, deviations the law does not allow, a prospect of return. The early IVA
request, the WIA application, the employment ending during sickness, the employee's
cooperation and the deskundigenoordeel are in wia.py.

Dates on the sickness clock come from the timeline (`clock.compute`); the few intervals counted
from an event of its own (six weeks after a disagreement) are named constants here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from wvp_cli.core.clock import DEVIABLE, MILESTONE_INFO, PROSPECT_MAX
from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.model import (
    Case,
    Eerstejaarsevaluatie,
)
from wvp_cli.rules import Context, Problem, rule

#: Section 7: a case still open this many days after its last wage day should be closed.
CLOSE_AFTER_E = 28
#: Section 7: a case whose wachttijd ended more than a year ago and is still open is suspicious.
STALE_AFTER_E = 365
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
