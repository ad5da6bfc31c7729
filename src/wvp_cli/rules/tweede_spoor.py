"""Tweede spoor rules (WVP220-WVP229): re-integration with another employer in the second sick
year, as BW 7:658a and the Werkwijzer Poortwachter describe it (docs/poortwachter.md,
section 4, "tweede spoor in practice").

That the tweede spoor starts on time is WVP201 (a deadline on the clock). These rules look at
what follows: the re-integratieplan, the employee's agreement, the progress, a stop, and the
conclusion of the eerstejaarsevaluatie. Dates relative to the start of the tweede spoor are
computed in `wvp_cli.core.tweede_spoor`; dates on the sickness clock come from the timeline.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.milestones import TWEEDE_SPOOR_PROGRESS_INTERVAL
from wvp_cli.core.model import Case, Eerstejaarsevaluatie, StartTweedeSpoor, TweedeSpoorPlan
from wvp_cli.rules import Context, Problem, rule
from wvp_cli.rules.content import activity_gaps, filled, listing

_PROSPECT = re.compile(
    r"perspectief|terugkeer|terug\s+te\s+keren|terugkomen|hervat\w*|plaatsing", re.IGNORECASE
)
_NUMBERS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "dertien": 13,
}
_PERIOD = re.compile(
    r"\b(\d{1,3}|" + "|".join(_NUMBERS) + r")\s*(maanden|maand|mnd|weken|week|wk)\b",
    re.IGNORECASE,
)


def _within_three_months(text: str) -> bool:
    """True when `text` names a period of at most 3 months (13 weeks)."""
    for match in _PERIOD.finditer(text):
        word, unit = match.group(1).lower(), match.group(2).lower()
        amount = int(word) if word.isdigit() else _NUMBERS[word]
        limit = 3 if unit.startswith("m") else 13
        if 0 < amount <= limit:
            return True
    return False


@rule(
    "WVP220",
    "afwijking-tweede-spoor-perspectief",
    "Afwijking tweede spoor noemt concreet perspectief op terugkeer binnen 3 maanden",
    Severity.WARNING,
    "BW 7:658a lid 1; Regeling procesgang art. 5; "
    "Beoordelingskader poortwachter §4; Werkwijzer Poortwachter",
)
def deviation_names_prospect(case: Case, ctx: Context) -> Iterator[Problem]:
    """A deviation that leaves out the tweede spoor names the concrete prospect of structural
    return in the own organisation within 3 months.

    The reason of a deviation for `start_tweede_spoor` must mention the prospect (a word such as
    "perspectief", "terugkeer", "hervatting" or "plaatsing") and a period of at most 3 months or
    13 weeks ("binnen 3 maanden", "drie maanden", "10 weken"). A reason without them: warning.

    Source: BW 7:658a lid 1; Regeling procesgang art. 5; Werkwijzer Poortwachter (the tweede
    spoor may be left out only with a concrete prospect of return within 3 months).
    Why: UWV accepts no tweede spoor only for that reason; any other reason is a missed tweede
    spoor, and the loonsanctie that follows lasts up to a year.

    Passing example:
        deviations:
          - milestone: start_tweede_spoor
            reason: "Concreet perspectief op terugkeer in eigen functie binnen 3 maanden"
    Failing example: the same with reason "Werknemer wil geen tweede spoor".
    """
    for index, dev in enumerate(case.deviations):
        if dev.milestone != "start_tweede_spoor":
            continue
        missing = []
        if not _PROSPECT.search(dev.reason):
            missing.append("het concrete perspectief op terugkeer in de eigen organisatie")
        if not _within_three_months(dev.reason):
            missing.append("de termijn (binnen 3 maanden)")
        if missing:
            yield Problem(
                f"afwijking van het tweede spoor noemt niet {listing(missing)}; het tweede "
                "spoor mag alleen achterwege blijven bij concreet perspectief op structurele "
                "terugkeer binnen 3 maanden",
                ("deviations", index, "reason"),
                milestone="start_tweede_spoor",
            )


@rule(
    "WVP221",
    "tweede-spoor-plan-binnen-zes-weken",
    "Re-integratieplan tweede spoor binnen 6 weken na de start",
    Severity.WARNING,
    "BW 7:658a lid 1; Beoordelingskader poortwachter; Werkwijzer Poortwachter",
)
def plan_within_six_weeks(case: Case, ctx: Context) -> Iterator[Problem]:
    """Once the tweede spoor has started, a `tweede_spoor_plan` follows within 6 weeks (42 days)
    of the start (the intake).

    No plan 42 days after the start: warning at the start (unless the tweede spoor stopped
    before then). A first plan dated later than that: warning at the plan. A plan dated before
    the start does not count: the plan follows the intake.

    Source: BW 7:658a lid 1; Werkwijzer Poortwachter (after the intake a written
    re-integratieplan).
    Why: without a plan the tweede spoor has no agreed goal or steps, and the employee cannot
    be held to the efforts (BW 7:660a); UWV reads the plan at the WIA application.

    Passing example:
        - {type: start_tweede_spoor, date: 2027-01-05}
        - {type: tweede_spoor_plan, date: 2027-01-26, ...}
    Failing example: the same plan dated 2027-03-01 (55 days after the start), or no plan.
    """
    ts = ctx.tweede_spoor
    due = ts.plan_due
    if ts.start is None or ts.start_event is None or due is None:
        return
    if ts.first_plan is None:
        if ctx.as_of > due and (ts.stopped is None or ts.stopped > due):
            yield Problem(
                f"tweede spoor gestart op {long_date(ts.start)}, maar er is geen "
                f"re-integratieplan (tweede_spoor_plan); dat moest uiterlijk {long_date(due)} "
                f"(6 weken na de start), nu {days((ctx.as_of - due).days)} te laat; laat het "
                "re-integratiebureau het plan opstellen en leg het vast",
                ctx.event_path(ts.start_event),
                milestone="start_tweede_spoor",
            )
    elif ts.first_plan[0] > due:
        late = (ts.first_plan[0] - due).days
        yield Problem(
            f"re-integratieplan tweede spoor van {long_date(ts.first_plan[0])} is "
            f"{days(late)} te laat: uiterlijk {long_date(due)} (6 weken na de start op "
            f"{long_date(ts.start)})",
            ctx.event_path(ts.first_plan[1]),
            milestone="start_tweede_spoor",
        )


@rule(
    "WVP222",
    "tweede-spoor-plan-compleet",
    "Re-integratieplan tweede spoor compleet",
    Severity.ERROR,
    "BW 7:658a lid 1; Beoordelingskader poortwachter; Werkwijzer Poortwachter",
)
def plan_complete(case: Case, ctx: Context) -> Iterator[Problem]:
    """The re-integratieplan of the tweede spoor holds a goal, the current situation, the steps
    (who does what by when) and the expected duration.

    Checked on every `tweede_spoor_plan`: `goal` (labour-market-relevant and realistic),
    `situation`, `steps` (at least one, each with `what`, `who` and `by`) and
    `expected_duration`. One finding at the plan lists every missing item.

    Source: BW 7:658a lid 1; Werkwijzer Poortwachter (the re-integratieplan tweede spoor).
    Why: UWV judges whether the tweede spoor was serious; a plan without a goal, steps or
    duration is hard to defend and easy to let slide.

    Passing example:
        - type: tweede_spoor_plan
          date: 2027-01-26
          goal: "Administratief medewerker, 24 uur"
          situation: "..."
          steps: [{what: "Sollicitatietraining", who: werknemer, by: 2027-03-01}]
          expected_duration: "6 maanden"
    Failing example: `- {type: tweede_spoor_plan, date: 2027-01-26, goal: "..."}`.
    """
    for index, event in enumerate(case.events):
        if not isinstance(event, TweedeSpoorPlan):
            continue
        missing: list[str] = []
        if not filled(event.goal):
            missing.append("het doel ('goal')")
        if not filled(event.situation):
            missing.append("de huidige situatie ('situation')")
        missing.extend(activity_gaps(event.steps, "stap", "stappen", "steps"))
        if not filled(event.expected_duration):
            missing.append("de verwachte duur ('expected_duration')")
        if missing:
            yield Problem(
                f"re-integratieplan tweede spoor van {long_date(event.date)} is onvolledig: "
                f"ontbreekt: {listing(missing)}; vul het plan aan met het re-integratiebureau",
                ctx.event_path(index),
                milestone="start_tweede_spoor",
            )


@rule(
    "WVP223",
    "tweede-spoor-plan-instemming",
    "Werknemer heeft ingestemd met het re-integratieplan tweede spoor",
    Severity.WARNING,
    "BW 7:658a lid 1; BW 7:660a; Beoordelingskader poortwachter; Werkwijzer Poortwachter",
    kind="carried_out_without_agreement",
    kinds={"awaiting_agreement": Severity.WARNING, "agreed_before_plan": Severity.WARNING},
)
def plan_agreed(case: Case, ctx: Context) -> Iterator[Problem]:
    """The employee's agreement to the re-integratieplan of the tweede spoor is recorded
    (`agreed_by_employee`).

    No agreement yet: warning. No agreement while the plan is already being carried out (a
    `tweede_spoor_voortgang` on or after the plan, before a next plan): warning too, saying so.
    An agreement dated before the plan: warning (a typing error, most likely). The law asks the
    employee's cooperation (BW 7:660a), not consent: a missing signature is never an error.

    Source: BW 7:658a lid 1; BW 7:660a (the employee's duty to cooperate); Werkwijzer
    Poortwachter ("only then can the employee be held to the agreed efforts").
    Why: without a recorded agreement the employee is harder to hold to the plan, and UWV cannot
    tell whether a stalled tweede spoor is the employer's or the employee's doing.

    Passing example:
        - {type: tweede_spoor_plan, date: 2027-01-26, agreed_by_employee: 2027-01-28, ...}
    Failing example:
        - {type: tweede_spoor_plan, date: 2027-01-26, ...}
        - {type: tweede_spoor_voortgang, date: 2027-03-01}      # warning: no agreement
    """
    plans = sorted(
        (
            (event.date, index, event)
            for index, event in enumerate(case.events)
            if isinstance(event, TweedeSpoorPlan)
        ),
        key=lambda item: item[:2],
    )
    reports = sorted(
        (event.date, index)
        for index, event in enumerate(case.events)
        if event.type == "tweede_spoor_voortgang" and event.date <= ctx.as_of
    )
    for (day, index, plan), after in itertools.zip_longest(plans, plans[1:]):
        until = dt.date.max if after is None else after[0]
        if plan.agreed_by_employee is None:
            carried_out = [d for d, _ in reports if day <= d < until]
            if carried_out:
                yield Problem(
                    f"re-integratieplan tweede spoor van {long_date(day)} wordt uitgevoerd "
                    f"(voortgang op {long_date(carried_out[0])}) zonder instemming van de "
                    "werknemer; leg de instemming vast in 'agreed_by_employee', of vraag bij "
                    "weigering een deskundigenoordeel aan bij UWV",
                    ctx.event_path(index),
                    milestone="start_tweede_spoor",
                )
            else:
                yield Problem(
                    f"re-integratieplan tweede spoor van {long_date(day)} heeft nog geen "
                    "instemming van de werknemer; leg de datum vast in 'agreed_by_employee'",
                    ctx.event_path(index),
                    milestone="start_tweede_spoor",
                    kind="awaiting_agreement",
                )
        elif plan.agreed_by_employee < day:
            yield Problem(
                f"instemming van de werknemer ({long_date(plan.agreed_by_employee)}) ligt vóór "
                f"het re-integratieplan zelf ({long_date(day)}); klopt de datum?",
                ("events", index, "agreed_by_employee"),
                milestone="start_tweede_spoor",
                kind="agreed_before_plan",
            )


@rule(
    "WVP224",
    "tweede-spoor-voortgang-elke-zes-weken",
    "Voortgang tweede spoor minstens elke 6 weken",
    Severity.WARNING,
    "BW 7:658a lid 1; Beoordelingskader poortwachter; Werkwijzer Poortwachter (6 weken)",
)
def progress_every_six_weeks(case: Case, ctx: Context) -> Iterator[Problem]:
    """The progress of the tweede spoor is reported at least every 6 weeks, from its plan on.

    The moments are the latest `tweede_spoor_plan` and every `tweede_spoor_voortgang` after
    it. A gap of more than 42 days between two of them: warning at the later one. No report
    within 42 days of the latest moment at `--as-of`, while the tweede spoor runs (not stopped,
    the employee sick, the wachttijd not over): warning at the latest moment.

    WVP103 counts every evaluation moment of the whole plan van aanpak, spoor 1 included; this
    rule adds that the tweede spoor itself is not left without news for six weeks.

    Source: BW 7:658a lid 1; Werkwijzer Poortwachter (progress at least every 6 weeks).
    Why: a tweede spoor that goes quiet is the most common reason UWV finds the efforts
    insufficient.

    Passing example:
        - {type: tweede_spoor_plan, date: 2027-01-26, ...}
        - {type: tweede_spoor_voortgang, date: 2027-03-05}
    Failing example: the same report dated 2027-03-20 (53 days after the plan).
    """
    ts = ctx.tweede_spoor
    moments = ts.moments
    for (before, _), (after, index) in itertools.pairwise(moments):
        gap = (after - before).days
        if gap > TWEEDE_SPOOR_PROGRESS_INTERVAL:
            yield Problem(
                f"{days(gap)} tussen twee voortgangsmomenten van het tweede spoor "
                f"({long_date(before)} en {long_date(after)}); bespreek de voortgang minstens "
                "elke 6 weken",
                ctx.event_path(index),
                milestone="start_tweede_spoor",
            )
    due = ts.next_progress_due
    tl = ctx.timeline
    running = ts.active_at(ctx.as_of) and tl.state == "sick" and ctx.as_of <= tl.last_wage_day
    if due is not None and moments and running and due < ctx.as_of:
        last_day, last_index = moments[-1]
        yield Problem(
            f"geen voortgang van het tweede spoor sinds {long_date(last_day)}: de volgende "
            f"moest uiterlijk {long_date(due)}, nu {days((ctx.as_of - due).days)} te laat; "
            "leg de voortgangsrapportage vast (tweede_spoor_voortgang)",
            ctx.event_path(last_index),
            milestone="start_tweede_spoor",
        )


_SPOOR_2 = {"spoor_2": "spoor 2", "spoor_1_en_2": "spoor 1 en 2"}


@rule(
    "WVP225",
    "eerstejaarsevaluatie-conclusie-tweede-spoor",
    "Conclusie spoor 2 van de eerstejaarsevaluatie uitgevoerd",
    Severity.ERROR,
    "BW 7:658a lid 1; Regeling procesgang art. 4 lid 2b; "
    "Beoordelingskader poortwachter; Werkwijzer Poortwachter",
)
def conclusion_followed(case: Case, ctx: Context) -> Iterator[Problem]:
    """An eerstejaarsevaluatie that concludes `spoor_2` or `spoor_1_en_2` is followed by the
    start of the tweede spoor within 6 weeks (42 days).

    Reported at the (first) eerstejaarsevaluatie once the start of the tweede spoor, which the
    clock puts 42 days after it, has passed without a `start_tweede_spoor` on or before that day
    (a start before the evaluation counts too), and there is no deviation for
    `start_tweede_spoor`. Not while the milestone is paused or does not apply
    (the employee recovered, the case closed). The deadline itself is WVP201 (overdue: error,
    late: warning); this rule says that the employer did not do what the evaluation concluded.

    Source: BW 7:658a lid 1; Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter (tweede
    spoor uiterlijk 6 weken na de eerstejaarsevaluatie).
    Why: UWV reads the conclusion; a dossier that concludes spoor 2 and then waits shows the
    delay in the employer's own words.

    Passing example:
        - {type: eerstejaarsevaluatie, date: 2026-12-10, conclusion: spoor_2, ...}
        - {type: start_tweede_spoor, date: 2027-01-12}
    Failing example: the same start on 2027-02-01 (53 days later), or none.
    """
    tl = ctx.timeline
    eje = tl.milestone("eerstejaarsevaluatie")
    start = tl.milestone("start_tweede_spoor")
    if eje.event is None or start.status in ("waived", "paused", "not_applicable"):
        return
    event = case.events[eje.event]
    if not isinstance(event, Eerstejaarsevaluatie) or event.conclusion not in _SPOOR_2:
        return
    if any(dev.milestone == "start_tweede_spoor" for dev in case.deviations):
        return
    # With an eerstejaarsevaluatie the clock puts the start of the tweede spoor 42 days after it.
    due = start.due
    if start.status == "done" or ctx.as_of <= due:
        return
    what = (
        f"is pas op {long_date(start.done)} gestart"
        if start.done is not None
        else f"is {days((ctx.as_of - due).days)} na die termijn nog niet gestart"
    )
    yield Problem(
        f"de eerstejaarsevaluatie van {long_date(event.date)} concludeert "
        f"'{_SPOOR_2[event.conclusion]}', maar het tweede spoor {what} (uiterlijk "
        f"{long_date(due)}, 6 weken na de evaluatie); voer de eigen conclusie uit of leg "
        "gemotiveerd vast waarom ervan wordt afgeweken",
        ctx.event_path(eje.event),
        milestone="start_tweede_spoor",
    )


@rule(
    "WVP226",
    "tweede-spoor-stop-gemotiveerd",
    "Gestopt tweede spoor met reden",
    Severity.ERROR,
    "BW 7:658a lid 1; Regeling procesgang art. 5",
)
def stop_has_reason(case: Case, ctx: Context) -> Iterator[Problem]:
    """A tweede spoor that was stopped (`stopped` on `start_tweede_spoor`) says why
    (`stop_reason`).

    Source: BW 7:658a lid 1 (the employer's duty lasts the whole wachttijd); Regeling procesgang
    art. 5 (departing from the process only with a written reason).
    Why: UWV asks why the tweede spoor ended; a good reason (passend werk gevonden, concrete
    terugkeer in eigen organisatie) protects against a loonsanctie, silence does not.

    Passing example:
        - {type: start_tweede_spoor, date: 2027-01-05, stopped: 2027-05-01,
           stop_reason: "Passend werk gevonden bij Voorbeeld BV"}
    Failing example: the same without `stop_reason`.
    """
    for index, event in enumerate(case.events):
        if not isinstance(event, StartTweedeSpoor) or event.stopped is None:
            continue
        if not filled(event.stop_reason):
            yield Problem(
                f"tweede spoor gestopt op {long_date(event.stopped)} zonder reden; leg in "
                "'stop_reason' vast waarom (bijvoorbeeld passend werk gevonden)",
                ("events", index, "stopped"),
                key=True,
                milestone="start_tweede_spoor",
            )
