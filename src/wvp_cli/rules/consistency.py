"""Consistency rules: the facts in a case file fit together (spec section 6, section 3)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.milestones import LOONSANCTIE_MAX, MILESTONE_INFO, VERLENGING_MIN
from wvp_cli.core.model import Case
from wvp_cli.rules import Context, Problem, rule


@rule(
    "WVP021",
    "ziekteperiodes-op-volgorde",
    "Ziekteperiodes op volgorde en zonder overlap",
    Severity.ERROR,
    "wvp case-format 1 (sickness: oldest first); BW 7:629 lid 10",
)
def sickness_in_order(case: Case, ctx: Context) -> Iterator[Problem]:
    """Sickness periods are listed oldest first, do not overlap, and only the last one may be
    open (without `to`).

    Source: wvp case-format 1; the summed clock (BW 7:629 lid 10) needs the periods in order.
    Why: an open period followed by another, or two overlapping periods, make the summed clock
    ambiguous, and every due date depends on it.

    Failing example:
        sickness:
          - from: 2026-03-01
          - from: 2026-01-05
            to: 2026-02-10
    """
    periods = case.sickness
    for index in range(1, len(periods)):
        before, this_period = periods[index - 1], periods[index]
        if this_period.from_ < before.from_:
            msg = (
                f"ziekteperiode begint op {long_date(this_period.from_)}, vóór de vorige "
                f"({long_date(before.from_)}); zet de periodes op volgorde, oudste eerst"
            )
        elif before.to is None:
            msg = (
                "de vorige ziekteperiode heeft geen einddatum ('to'); alleen de laatste "
                "periode mag open zijn"
            )
        elif this_period.from_ <= before.to:
            msg = (
                f"ziekteperiode overlapt met de vorige (die loopt tot {long_date(before.to)}); "
                "voeg ze samen of corrigeer de datums"
            )
        else:
            continue
        yield Problem(msg, ("sickness", index, "from"))


@rule(
    "WVP022",
    "einddatum-na-begindatum",
    "Einddatum niet vóór begindatum",
    Severity.ERROR,
    "wvp case-format 1",
)
def end_after_start(case: Case, ctx: Context) -> Iterator[Problem]:
    """A sickness period or leave does not end (`to`) before it starts (`from`).

    Source: wvp case-format 1.
    Failing example:
        sickness:
          - from: 2026-03-01
            to: 2026-02-01
    """
    spans: list[tuple[str, int, dt.date, dt.date | None]] = [
        *(("sickness", i, p.from_, p.to) for i, p in enumerate(case.sickness)),
        *(("leave", i, p.from_, p.to) for i, p in enumerate(case.leave)),
    ]
    for key, index, start, end in spans:
        if end is not None and end < start:
            yield Problem(
                f"'to' ({long_date(end)}) ligt vóór 'from' ({long_date(start)})",
                (key, index, "to"),
            )


@rule(
    "WVP023",
    "gebeurtenis-na-eerste-ziektedag",
    "Geen gebeurtenis vóór de eerste ziektedag",
    Severity.ERROR,
    "Regeling procesgang art. 2; BW 7:629 lid 10",
)
def events_after_first_sick_day(case: Case, ctx: Context) -> Iterator[Problem]:
    """No event lies before the first sick day of the case.

    The first sick day is that of the current case on the summed clock: after 28 or more fit
    days a relapse is a new case with a new first sick day, and events of the old case do not
    count for it.

    Source: BW 7:629 lid 10 (samentelling); docs/poortwachter.md section 6.
    Failing example: first sick day 2026-03-02, a probleemanalyse dated 2026-02-20.
    """
    first = ctx.timeline.first_sick_day
    for index, event in enumerate(case.events):
        if event.date < first:
            yield Problem(
                f"{event.type} op {long_date(event.date)} ligt vóór de eerste ziektedag "
                f"({long_date(first)}); hoort deze bij een eerder ziektegeval of is de datum fout?",
                ("events", index, "date"),
            )


@rule(
    "WVP024",
    "geen-datum-in-de-toekomst",
    "Geen gebeurtenis na de peildatum",
    Severity.ERROR,
    "docs/poortwachter.md section 6",
)
def events_not_in_future(case: Case, ctx: Context) -> Iterator[Problem]:
    """No event lies after the date the dossier is checked at (`--as-of`, default today).

    A dossier records what happened; plans for the future belong in the plan van aanpak's
    activities. Events after `--as-of` do not count for any milestone.

    Source: docs/poortwachter.md section 6 ("no event lies after --as-of").
    Why: a date in the future is almost always a typing error (2062 for 2026), and a dossier
    that claims a step before it happened misleads UWV.
    Failing example (checked at 2026-11-24): `- {type: evaluatie, date: 2026-12-01}`.
    """
    for index, event in enumerate(case.events):
        if event.date > ctx.as_of:
            yield Problem(
                f"{event.type} op {long_date(event.date)} ligt na de peildatum "
                f"{long_date(ctx.as_of)}; leg alleen vast wat gebeurd is",
                ("events", index, "date"),
            )


@rule(
    "WVP107",
    "eerstejaarsevaluatie-niet-te-vroeg",
    "Eerstejaarsevaluatie niet vóór week 46",
    Severity.WARNING,
    "Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter",
)
def eerstejaarsevaluatie_not_early(case: Case, ctx: Context) -> Iterator[Problem]:
    """The eerstejaarsevaluatie lies in weeks 46-52 of the sickness (offsets 315-363).

    Source: Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter.
    Why: held before week 46 it cannot look back on the first year, and UWV may not accept it
    as the first-year evaluation.
    Failing example: first sick day 2026-01-01, eerstejaarsevaluatie on 2026-09-01 (week 35).
    """
    m = ctx.timeline.milestone("eerstejaarsevaluatie")
    if m.done is not None and m.window_start is not None and m.done < m.window_start:
        yield Problem(
            f"eerstejaarsevaluatie op {long_date(m.done)} is te vroeg: het venster loopt van "
            f"{long_date(m.window_start)} (week 46) tot {long_date(m.due)} (week 52)",
            ctx.event_path(m.event),
            milestone="eerstejaarsevaluatie",
        )


_ORDER: tuple[tuple[str, str], ...] = (
    ("probleemanalyse", "plan_van_aanpak"),
    ("plan_van_aanpak", "eerstejaarsevaluatie"),
    ("plan_van_aanpak", "start_tweede_spoor"),
)


@rule(
    "WVP110",
    "logische-volgorde",
    "Stappen in een logische volgorde",
    Severity.WARNING,
    "Regeling procesgang art. 2 en 4; BW 7:658a",
)
def logical_order(case: Case, ctx: Context) -> Iterator[Problem]:
    """Steps that build on each other are in that order: the plan van aanpak after the
    probleemanalyse (it is based on it), the eerstejaarsevaluatie and the start of the tweede
    spoor after the plan van aanpak.

    Source: Regeling procesgang art. 2 and 4; BW 7:658a.
    Why: a plan van aanpak dated before the probleemanalyse suggests a wrong date, or a plan that
    UWV will not accept as based on the bedrijfsarts' advice.
    Failing example: probleemanalyse 2026-02-10, plan_van_aanpak 2026-02-01.
    """
    tl = ctx.timeline
    for first, then in _ORDER:
        a, b = tl.milestone(first), tl.milestone(then)
        if a.done is not None and b.done is not None and b.done < a.done:
            yield Problem(
                f"{MILESTONE_INFO[then].title} ({long_date(b.done)}) ligt vóór "
                f"{MILESTONE_INFO[first].title.lower()} ({long_date(a.done)}); klopt de datum?",
                ctx.event_path(b.event),
                milestone=then,
            )


@rule(
    "WVP111",
    "afwijking-gemotiveerd-en-akkoord",
    "Afwijking gemotiveerd en met instemming van de werknemer",
    Severity.ERROR,
    "Regeling procesgang art. 5",
)
def deviation_agreed(case: Case, ctx: Context) -> Iterator[Problem]:
    """A deviation from a deadline states its reason and has the employee's agreement.

    Source: Regeling procesgang art. 5 (gemotiveerd afwijken, in overleg met de werknemer).
    Why: a deviation without a reason or without the employee's agreement does not hold up
    before UWV; the milestone then counts as missed.

    Passing example:
        deviations:
          - milestone: start_tweede_spoor
            date: 2026-12-01
            reason: "Concreet perspectief op terugkeer binnen 3 maanden (AD-rapport)"
            agreed_by_employee: true
    Failing example: the same without `agreed_by_employee: true`, or with an empty reason.
    """
    for index, dev in enumerate(case.deviations):
        if not dev.reason.strip():
            yield Problem(
                "afwijking zonder motivering; schrijf op waarom van de termijn wordt afgeweken",
                ("deviations", index, "reason"),
                milestone=dev.milestone,
            )
        if not dev.agreed_by_employee:
            yield Problem(
                "afwijking zonder instemming van de werknemer; leg 'agreed_by_employee: true' "
                "vast zodra de werknemer akkoord is",
                ("deviations", index),
                milestone=dev.milestone,
            )


def _leave_days_after(case: Case, end: dt.date) -> int:
    """Days of leave inside a sanction that starts after `end`. Each day of leave lengthens the
    sanction by a day, and so pushes its limit: counted until the limit stops moving."""
    limit = end + dt.timedelta(days=LOONSANCTIE_MAX)
    counted = -1
    total = 0
    while total != counted:
        counted = total
        total = sum(
            max(0, (min(lv.to, limit) - max(lv.from_, end + dt.timedelta(days=1))).days + 1)
            for lv in case.leave
        )
        limit = end + dt.timedelta(days=LOONSANCTIE_MAX + total)
    return total


def _previous_end(case: Case, ctx: Context, before: dt.date) -> dt.date:
    """The last wage day in force before a decision of `before`: E, or an earlier verlenging."""
    earlier = [
        e.last_wage_day
        for e in case.extensions
        if e.type == "vrijwillige_verlenging" and e.decided < before
    ]
    end: dt.date = max([ctx.timeline.base_last_wage_day, *earlier])
    return end


@rule(
    "WVP210",
    "loonsanctie-maximaal-52-weken",
    "Loonsanctie niet langer dan 52 weken",
    Severity.ERROR,
    "WIA art. 25 lid 9",
)
def loonsanctie_max(case: Case, ctx: Context) -> Iterator[Problem]:
    """A loonsanctie extends wage payment by at most 52 weeks: `last_wage_day <= E + 364`,
    plus the days of pregnancy and childbirth leave that fall inside the sanction (they
    lengthen it, WIA art. 25 lid 9).

    Source: WIA art. 25 lid 9.
    Why: a later date is a typing error; every second-year date would be computed from it.
    Passing example: E = 2027-12-29, a loonsanctie until 2028-12-26; or until 2029-03-06 with
    leave 2028-03-01 … 2028-05-10 (71 days) inside it.
    Failing example: E = 2027-12-29, a loonsanctie with last_wage_day 2029-01-15 and no leave.
    """
    for index, ext in enumerate(case.extensions):
        if ext.type != "loonsanctie":
            continue
        end = _previous_end(case, ctx, ext.decided)
        leave = _leave_days_after(case, end)
        limit = end + dt.timedelta(days=LOONSANCTIE_MAX + leave)
        if ext.last_wage_day > limit:
            extra = f", met {days(leave)} verlof erin" if leave else ""
            yield Problem(
                f"loonsanctie tot {long_date(ext.last_wage_day)} is langer dan 52 weken na het "
                f"einde van de wachttijd ({long_date(end)}{extra}); uiterlijk {long_date(limit)}",
                ("extensions", index, "last_wage_day"),
                milestone="einde_wachttijd",
            )
        elif ext.last_wage_day <= end:
            yield Problem(
                f"loonsanctie tot {long_date(ext.last_wage_day)} ligt niet na het einde van de "
                f"wachttijd ({long_date(end)}); klopt de datum?",
                ("extensions", index, "last_wage_day"),
                milestone="einde_wachttijd",
            )


@rule(
    "WVP212",
    "loonsanctie-voor-einde-wachttijd",
    "Loonsanctie opgelegd vóór het einde van de wachttijd",
    Severity.ERROR,
    "WIA art. 25 lid 9 en lid 14",
)
def loonsanctie_in_time(case: Case, ctx: Context) -> Iterator[Problem]:
    """A loonsanctie is decided before the wachttijd ends, and an early end (`ends`, WIA art. 25
    lid 14: UWV ends the sanction once the shortcoming is repaired) lies inside it.

    - `decided` after the last wage day in force then (E, or E' of a vrijwillige verlenging):
      error; the sanction has no effect, and wvp leaves it out of the clock.
    - `ends` not after that last wage day, or after the sanction's own `last_wage_day`: error.

    Source: WIA art. 25 lid 9 (the sanction extends the wachttijd) and lid 14 (early end).
    Why: a sanction decided too late, or an end date outside it, is a typing error that moves
    the end of the wachttijd and every date counted from it.

    Passing example: E = 2027-12-29; `{type: loonsanctie, decided: 2027-11-10,
    last_wage_day: 2028-12-26, ends: 2028-06-30}`.
    Failing example: the same decided on 2028-01-15.
    """
    for index, ext in enumerate(case.extensions):
        if ext.type != "loonsanctie":
            continue
        end = _previous_end(case, ctx, ext.decided)
        if ext.decided > end:
            yield Problem(
                f"loonsanctie besloten op {long_date(ext.decided)}, na het einde van de wachttijd "
                f"({long_date(end)}); zo'n sanctie heeft geen gevolg: klopt de datum?",
                ("extensions", index, "decided"),
                milestone="einde_wachttijd",
            )
        if ext.ends is not None and not end < ext.ends <= ext.last_wage_day:
            yield Problem(
                f"vervroegd einde van de loonsanctie ({long_date(ext.ends)}) ligt niet binnen de "
                f"sanctie ({long_date(end)} tot {long_date(ext.last_wage_day)})",
                ("extensions", index, "ends"),
                milestone="einde_wachttijd",
            )


@rule(
    "WVP211",
    "verlenging-minstens-13-weken",
    "Vrijwillige verlenging minstens 13 weken",
    Severity.ERROR,
    "WIA art. 24",
)
def verlenging_min(case: Case, ctx: Context) -> Iterator[Problem]:
    """A vrijwillige verlenging (uitstel van de WIA-aanvraag) moves the last wage day at least
    13 weeks (91 days) later.

    Source: WIA art. 24.
    Why: UWV sets the new date; a shorter extension is a typing error and would move the
    re-integratieverslag and WIA deadlines wrongly.
    Failing example: E = 2027-12-29, verlenging with last_wage_day 2028-02-01 (34 days).
    """
    for index, ext in enumerate(case.extensions):
        if ext.type != "vrijwillige_verlenging":
            continue
        end = _previous_end(case, ctx, ext.decided)
        added = (ext.last_wage_day - end).days
        if added < VERLENGING_MIN:
            yield Problem(
                f"vrijwillige verlenging van {days(added)} na {long_date(end)}; UWV verlengt "
                "met minstens 13 weken (91 dagen)",
                ("extensions", index, "last_wage_day"),
                milestone="einde_wachttijd",
            )
