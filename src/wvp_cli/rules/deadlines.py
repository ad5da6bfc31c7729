"""Deadline rules: one rule per milestone of the rules page, all from one mechanism.

Every due date comes from the clock; these rules only read the milestone's status at `as_of`:
`overdue` -> the milestone's severity (the spec's "severity when missed"), `late` -> warning with
the number of days, `waived` -> info quoting the deviation's reason (Regeling procesgang art. 5:
departing from a deadline is reported, never silent).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from wvp_cli.core.clock import MILESTONE_INFO, MilestoneStatus
from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.model import Case
from wvp_cli.rules import REGISTRY, Context, rule

#: milestone -> (code, slug, what to do when it is missing). Codes are stable: never renumber.
_DEADLINES: dict[str, tuple[str, str, str]] = {
    "ziekmelding_arbodienst": (
        "WVP100",
        "ziekmelding-arbodienst-op-tijd",
        "meld de werknemer ziek bij de bedrijfsarts of arbodienst en leg de datum vast",
    ),
    "probleemanalyse": (
        "WVP101",
        "probleemanalyse-op-tijd",
        "vraag de bedrijfsarts om de probleemanalyse en leg die vast",
    ),
    "plan_van_aanpak": (
        "WVP102",
        "plan-van-aanpak-op-tijd",
        "stel samen met de werknemer het plan van aanpak op",
    ),
    "melding_42e_week": (
        "WVP104",
        "melding-42e-week-op-tijd",
        "meld de werknemer ziek bij UWV (42e-weeksmelding); te laat melden kost een boete",
    ),
    "arbeidsdeskundig_onderzoek": (
        "WVP105",
        "arbeidsdeskundig-onderzoek-voor-eerstejaarsevaluatie",
        "laat een arbeidsdeskundig onderzoek doen vóór de eerstejaarsevaluatie",
    ),
    "eerstejaarsevaluatie": (
        "WVP106",
        "eerstejaarsevaluatie-op-tijd",
        "houd de eerstejaarsevaluatie en leg resultaat, visies en conclusie vast",
    ),
    "start_tweede_spoor": (
        "WVP201",
        "tweede-spoor-op-tijd",
        "start het tweede spoor, of leg een gemotiveerde afwijking vast",
    ),
    "actueel_oordeel": (
        "WVP202",
        "actueel-oordeel-op-tijd",
        "vraag de bedrijfsarts om een actueel oordeel voor het re-integratieverslag",
    ),
    "eindevaluatie": (
        "WVP203",
        "eindevaluatie-op-tijd",
        "houd de eindevaluatie van het plan van aanpak",
    ),
    "re_integratieverslag": (
        "WVP204",
        "re-integratieverslag-op-tijd",
        "stel het re-integratieverslag op en geef het aan de werknemer voor de WIA-aanvraag",
    ),
    "wia_aanvraag": (
        "WVP205",
        "wia-aanvraag-op-tijd",
        "de werknemer vraagt de WIA-uitkering aan; te laat verlengt de loondoorbetaling",
    ),
}


#: What to do for the agenda items that have no rule of the table above.
_OTHER_TODO: dict[str, str] = {
    "evaluatie": "houd een voortgangsgesprek en leg het vast",
    "tweede_spoor_plan": "laat het re-integratiebureau het plan tweede spoor opstellen en leg "
    "het vast",
    "tweede_spoor_voortgang": "leg de voortgangsrapportage van het tweede spoor vast",
    "einde_wachttijd": "ter informatie: de laatste dag van de loondoorbetaling",
}


def todo(milestone: str) -> str:
    """What to do about a milestone (or tweede-spoor item) that is due: the rule's advice."""
    if milestone in _DEADLINES:
        return _DEADLINES[milestone][2]
    return _OTHER_TODO.get(milestone, "leg vast wat er gedaan is")


def _title(milestone: str) -> str:
    return str(MILESTONE_INFO[milestone].title)


def check_milestone(
    case: Case, ctx: Context, milestone: str, todo: str, code: str
) -> Iterator[Finding]:
    """The one mechanism behind every deadline rule."""
    this = REGISTRY[code]
    m: MilestoneStatus = ctx.timeline.milestone(milestone)
    title = _title(milestone)
    due = f"uiterlijk {long_date(m.due, weekday=True)} (week {m.week})"
    if m.status == "overdue":
        late = (ctx.as_of - m.due).days
        yield this.finding(
            f"{title} ontbreekt: moest {due}, nu {days(late)} te laat; {todo}",
            ctx.at(("events",), key=True),
            case=case.id,
            milestone=milestone,
        )
    elif m.status == "late" and m.days_late is not None:
        yield this.finding(
            f"{title} {days(m.days_late)} te laat: gedaan op {long_date(m.done or m.due)}, "
            f"moest {due}",
            ctx.at(ctx.event_path(m.event)),
            case=case.id,
            milestone=milestone,
            severity=Severity.WARNING,
        )
    elif m.status == "waived" and m.deviation is not None:
        reason = case.deviations[m.deviation].reason
        yield this.finding(
            f"{title} niet gedaan wegens gemotiveerde afwijking: {reason}",
            ctx.at(("deviations", m.deviation)),
            case=case.id,
            milestone=milestone,
            severity=Severity.INFO,
        )


def _make(milestone: str, code: str, slug: str, todo: str) -> None:
    info = MILESTONE_INFO[milestone]

    def check(case: Case, ctx: Context) -> Iterator[Finding]:
        return check_milestone(case, ctx, milestone, todo, code)

    check.__name__ = f"{milestone}_op_tijd"
    check.__doc__ = f"""{info.title}: op tijd gedaan, of gemotiveerd afgeweken.

    Checks that the event `{milestone}` is in the case file on or before its due date on the
    summed sickness clock (docs/poortwachter.md, section 2; the due date comes from
    wvp's clock and `wvp timeline` shows it). Who: {info.who}.

    Missing after the due date: {info.severity}. Done after the due date: warning with the number
    of days. Not done but covered by a deviation (`deviations:`, Regeling procesgang art. 5): info
    quoting the reason.

    Source: {info.source}
    Why: UWV checks the dossier at the WIA application; a missed step can cost the employer up to
    a year of extra wages (loonsanctie, WIA art. 25).
    To do when missing: {todo}.

    Passing example:
        events:
          - type: {milestone}
            date: <on or before the due date>
    Failing example: no `{milestone}` event while its due date has passed.
    """
    severity = Severity(info.severity)
    rule(code, slug, f"{info.title} op tijd", severity, info.source)(check)


for _milestone, (_code, _slug, _todo) in _DEADLINES.items():
    _make(_milestone, _code, _slug, _todo)


EVALUATION_GAP = 42


@rule(
    "WVP103",
    "evaluatie-elke-zes-weken",
    "Voortgang elke zes weken geëvalueerd",
    Severity.ERROR,
    "Regeling procesgang art. 4 lid 2b; "
    "Beoordelingskader poortwachter; Werkwijzer Poortwachter (6 weken)",
)
def evaluatie_cadence(case: Case, ctx: Context) -> Iterator[Finding]:
    """The plan van aanpak is evaluated at least every six weeks.

    Every evaluation moment counts: the plan van aanpak itself, `evaluatie`, `bijstelling`,
    `eerstejaarsevaluatie`, `eindevaluatie` and `tweede_spoor_voortgang`. A gap of more than 42
    days between two moments is a warning at the later one (it was late); no moment within 42
    days of the latest one at `--as-of` is an error (the next evaluation is overdue). Days of
    pregnancy and childbirth leave do not count: the clock, and re-integration, rest then.

    Source: Regeling procesgang art. 4 lid 2b ("periodiek"); Werkwijzer Poortwachter (6 weeks).
    Why: UWV expects regular, documented progress discussions; long silences are a common reason
    for a loonsanctie.

    Passing example:
        - {type: plan_van_aanpak, date: 2026-02-20, ...}
        - {type: evaluatie, date: 2026-04-01}
    Failing example:
        - {type: plan_van_aanpak, date: 2026-02-20, ...}
        - {type: evaluatie, date: 2026-05-01}     # 70 days later
    """
    this = REGISTRY["WVP103"]
    moments = ctx.timeline.evaluation_moments
    for (before, _), (after, index) in itertools.pairwise(moments):
        gap = ctx.timeline.active_days(before, after)
        if gap > EVALUATION_GAP:
            yield this.finding(
                f"{days(gap)} tussen twee evaluatiemomenten ({long_date(before)} en "
                f"{long_date(after)}); evalueer minstens elke 6 weken",
                ctx.at(ctx.event_path(index)),
                case=case.id,
                milestone="evaluatie",
                severity=Severity.WARNING,
            )
    m = ctx.timeline.milestone("evaluatie")
    if m.status == "overdue" and moments:
        late = (ctx.as_of - m.due).days
        yield this.finding(
            f"volgende evaluatie was uiterlijk {long_date(m.due, weekday=True)} "
            f"(6 weken na {long_date(moments[-1][0])}), nu {days(late)} te laat; "
            "houd een voortgangsgesprek en leg het vast",
            ctx.at(ctx.event_path(moments[-1][1])),
            case=case.id,
            milestone="evaluatie",
        )
