"""Deadline rules: one rule per milestone of the rules page, all from one mechanism.

Every due date comes from the clock; these rules only read the milestone's status at `as_of`:
`overdue` (the default kind) -> the milestone's severity (the spec's "severity when missed"),
`late` -> warning with the number of days, `waived` -> info quoting the deviation's reason
(Regeling procesgang art. 5: departing from a deadline is reported, never silent). Each kind has
its own level in the configuration: `[severity] WVP101 = "warning"` changes `overdue` only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from wvp_cli.core.clock import MilestoneStatus
from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.milestones import EVALUATION_INTERVAL, MILESTONE_INFO, TABLE, Cadence, Milestone
from wvp_cli.core.model import Case
from wvp_cli.rules import Context, Problem, Rule, register, rule

#: The kinds of problem of a deadline rule besides a missed milestone, with their levels.
OVERDUE = "overdue"
DEADLINE_KINDS = {"late": Severity.WARNING, "waived": Severity.INFO}


#: What to do for the agenda items whose milestone has no rule in the table.
_OTHER_TODO: dict[str, str] = {
    "tweede_spoor_plan": "laat het re-integratiebureau het plan tweede spoor opstellen en leg "
    "het vast",
    "tweede_spoor_voortgang": "leg de voortgangsrapportage van het tweede spoor vast",
    "einde_wachttijd": "ter informatie: de laatste dag van de loondoorbetaling",
}


def todo(milestone: str) -> str:
    """What to do about a milestone (or tweede-spoor item) that is due: the rule's advice."""
    entry = MILESTONE_INFO.get(milestone)
    if entry is not None and entry.rule is not None:
        return entry.rule.todo
    return _OTHER_TODO.get(milestone, "leg vast wat er gedaan is")


def check_milestone(m_info: Milestone, case: Case, ctx: Context) -> Iterator[Problem]:
    """The one mechanism behind every deadline rule."""
    milestone = m_info.code
    todo = m_info.rule.todo if m_info.rule is not None else ""
    m: MilestoneStatus = ctx.timeline.milestone(milestone)
    title = m_info.title
    due = f"uiterlijk {long_date(m.due, weekday=True)} (week {m.week})"
    if m.status == "overdue":
        late = (ctx.as_of - m.due).days
        yield Problem(
            f"{title} ontbreekt: moest {due}, nu {days(late)} te laat; {todo}",
            ("events",),
            key=True,
            milestone=milestone,
        )
    elif m.status == "late" and m.days_late is not None:
        yield Problem(
            f"{title} {days(m.days_late)} te laat: gedaan op {long_date(m.done or m.due)}, "
            f"moest {due}",
            ctx.event_path(m.event),
            milestone=milestone,
            kind="late",
        )
    elif m.status == "waived" and m.deviation is not None:
        reason = case.deviations[m.deviation].reason
        yield Problem(
            f"{title} niet gedaan wegens gemotiveerde afwijking: {reason}",
            ("deviations", m.deviation),
            milestone=milestone,
            kind="waived",
        )


def deadline_doc(m: Milestone) -> str:
    """The documentation of a milestone's rule, written from its entry of the table."""
    todo = m.rule.todo if m.rule is not None else ""
    return f"""{m.title}: op tijd gedaan, of gemotiveerd afgeweken.

Checks that the event `{m.code}` is in the case file on or before its due date on the
summed sickness clock (docs/poortwachter.md, section 2; the due date comes from
wvp's clock and `wvp timeline` shows it). Who: {m.who}.

Missing after the due date: {m.severity}. Done after the due date: warning with the number
of days. Not done but covered by a deviation (`deviations:`, Regeling procesgang art. 5): info
quoting the reason.

Source: {m.source}
Why: UWV checks the dossier at the WIA application; a missed step can cost the employer up to
a year of extra wages (loonsanctie, WIA art. 25).
To do when missing: {todo}.

Passing example:
    events:
      - type: {m.code}
        date: <on or before the due date>
Failing example: no `{m.code}` event while its due date has passed.
"""


_SEVERITY_WORDS = {"error": "fout", "warning": "waarschuwing", "info": "info"}


def deadline_doc_nl(m: Milestone) -> str:
    """The Dutch documentation of a milestone's rule, written from its entry of the table."""
    todo = m.rule.todo if m.rule is not None else ""
    severity = str(getattr(m.severity, "value", m.severity))
    return f"""{m.title}: op tijd gedaan, of gemotiveerd afgeweken.

Controleert dat het event `{m.code}` in het case-bestand staat, op of vóór de uiterste datum
op de samengetelde ziekteklok (docs/poortwachter.md, paragraaf 2; de datum komt van de klok
van wvp en `wvp timeline` toont hem). Wie: {m.who}.

Ontbreekt het na de uiterste datum: {_SEVERITY_WORDS.get(severity, severity)}.
Gedaan na de uiterste datum: waarschuwing met het aantal dagen.
Niet gedaan maar gedekt door een afwijking (`deviations:`, Regeling procesgang art. 5): info
met de reden.

Bron: {m.source}
Waarom: UWV toetst het dossier bij de WIA-aanvraag; een gemiste stap kan de werkgever tot een
jaar extra loon kosten (loonsanctie, WIA art. 25).
Te doen als het ontbreekt: {todo}.

Goed voorbeeld:
    events:
      - type: {m.code}
        date: <op of vóór de uiterste datum>
Fout voorbeeld: geen event `{m.code}` terwijl de uiterste datum voorbij is.
"""


def deadline_rule(m: Milestone) -> Rule:
    """The rule of a milestone of the table that has a generic one (`DeadlineRule.generic`)."""
    assert m.rule is not None

    def check(case: Case, ctx: Context) -> Iterator[Problem]:
        return check_milestone(m, case, ctx)

    check.__name__ = f"{m.code}_op_tijd"
    check.__qualname__ = check.__name__
    check.__doc__ = deadline_doc(m)
    return Rule(
        m.rule.code,
        m.rule.slug,
        f"{m.title} op tijd",
        Severity(m.severity),
        m.source,
        "case",
        check,
        OVERDUE,
        DEADLINE_KINDS,
        doc_nl=deadline_doc_nl(m),
    )


def deadline_rules(table: tuple[Milestone, ...] = TABLE) -> list[Rule]:
    """The generic deadline rules of every milestone of `table`."""
    return [deadline_rule(m) for m in table if m.rule is not None and m.rule.generic]


for _rule in deadline_rules():
    register(_rule)


_CADENCE = next(m for m in TABLE if isinstance(m.due, Cadence))
assert _CADENCE.rule is not None
_CADENCE_RULE = _CADENCE.rule


@rule(
    _CADENCE_RULE.code,
    _CADENCE_RULE.slug,
    "Voortgang elke zes weken geëvalueerd",
    Severity.ERROR,
    "Regeling procesgang art. 4 lid 2b; "
    "Beoordelingskader poortwachter; Werkwijzer Poortwachter (6 weken)",
    kind=OVERDUE,
    kinds={"late": Severity.WARNING},
)
def evaluatie_cadence(case: Case, ctx: Context) -> Iterator[Problem]:
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
    moments = ctx.timeline.evaluation_moments
    for (before, _), (after, index) in itertools.pairwise(moments):
        gap = ctx.timeline.active_days(before, after)
        if gap > EVALUATION_INTERVAL:
            yield Problem(
                f"{days(gap)} tussen twee evaluatiemomenten ({long_date(before)} en "
                f"{long_date(after)}); evalueer minstens elke 6 weken",
                ctx.event_path(index),
                milestone="evaluatie",
                kind="late",
            )
    m = ctx.timeline.milestone("evaluatie")
    if m.status == "overdue" and moments:
        late = (ctx.as_of - m.due).days
        yield Problem(
            f"volgende evaluatie was uiterlijk {long_date(m.due, weekday=True)} "
            f"(6 weken na {long_date(moments[-1][0])}), nu {days(late)} te laat; "
            f"{_CADENCE_RULE.todo}",
            ctx.event_path(moments[-1][1]),
            milestone="evaluatie",
        )
