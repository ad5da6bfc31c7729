"""Document content rules (WVP3xx): what the plan van aanpak, every bijstelling, the
eerstejaarsevaluatie and the re-integratieverslag must hold (docs/poortwachter.md,
section 4; Regeling procesgang art. 4 and 6).

One rule per concern, one finding per document: the finding sits at the event and names every
missing item, so a casemanager fixes a document in one go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from wvp_cli.core.dutch import days, long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.milestones import ACTUEEL_OORDEEL_MAX_AGE, VISIE_REQUIRED_FROM
from wvp_cli.core.model import (
    Activity,
    ActueelOordeel,
    Bijstelling,
    Case,
    Eerstejaarsevaluatie,
    PlanVanAanpak,
    ReIntegratieverslag,
)
from wvp_cli.core.riv_items import items as riv_items
from wvp_cli.core.settings import Option
from wvp_cli.rules import Context, Problem, rule

#: Default of the option `actueel_oordeel_max_age_days` (spec section 7: "recent", 3 months).
ACTUEEL_OORDEEL_MAX_AGE_DAYS = ACTUEEL_OORDEEL_MAX_AGE
MAX_AGE = Option(
    "actueel_oordeel_max_age_days",
    int,
    ACTUEEL_OORDEEL_MAX_AGE,
    "hoe oud (in dagen) het actueel oordeel hoogstens mag zijn bij het re-integratieverslag",
    min=1,
    max=3650,
)


def filled(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def listing(items: Sequence[str]) -> str:
    """`a`, `a en b`, `a, b en c`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def _kind(event: PlanVanAanpak | Bijstelling) -> str:
    return "plan van aanpak" if isinstance(event, PlanVanAanpak) else "bijstelling"


def _plans(case: Case) -> Iterator[tuple[int, PlanVanAanpak | Bijstelling]]:
    for index, event in enumerate(case.events):
        if isinstance(event, PlanVanAanpak | Bijstelling):
            yield index, event


def activity_gaps(activities: Sequence[Activity], noun: str, plural: str, key: str) -> list[str]:
    """What the activities (or steps) lack: none at all, or one without what, who or when."""
    if not activities:
        return [f"{plural} (wie doet wat wanneer, '{key}')"]
    gaps: list[str] = []
    for number, activity in enumerate(activities, start=1):
        lacking = [
            word
            for word, ok in (
                ("wat", filled(activity.what)),
                ("wie", filled(activity.who)),
                ("wanneer ('by')", activity.by is not None),
            )
            if not ok
        ]
        if lacking:
            gaps.append(f"{noun} {number} zonder {listing(lacking)}")
    return gaps


@rule(
    "WVP301",
    "plan-van-aanpak-compleet",
    "Plan van aanpak en bijstellingen compleet",
    Severity.ERROR,
    "Regeling procesgang art. 4 lid 2 en 3",
)
def plan_complete(case: Case, ctx: Context) -> Iterator[Problem]:
    """The plan van aanpak and every bijstelling hold a goal, activities (who does what by
    when), the evaluation moments and the casemanager.

    Checked on every `plan_van_aanpak` and `bijstelling` event, whatever its date: `goal`,
    `activities` (at least one, each with `what`, `who` and `by`), `evaluations` and the
    casemanager. The casemanager may stand on the plan (`casemanager:`) or, for the whole
    dossier, on the employer (`employer.casemanager`); the plan then names the dossier's
    casemanager, which is what the Regeling asks. A bijstelling has the same fields as the plan
    and must be complete on its own: it replaces the plan that UWV reads. The re-integratievisies
    are WVP302, the employee's agreement WVP303.

    Source: Regeling procesgang art. 4 lid 2 (inhoud plan van aanpak) and lid 3 (bijstelling).
    Why: UWV reads the plan at the WIA application; a plan without activities or casemanager
    counts as no plan, and the employer risks a loonsanctie.

    Passing example:
        - type: plan_van_aanpak
          date: 2026-02-20
          casemanager: "S. Visser"
          goal: "Terugkeer in eigen functie"
          activities: [{what: "Opbouw naar 16 uur", who: werknemer, by: 2026-03-20}]
          evaluations: "Elke zes weken; eerstejaarsevaluatie in week 50"
    Failing example:
        - {type: plan_van_aanpak, date: 2026-02-20, goal: "Terugkeer"}   # no activities, ...
    """
    for index, plan in _plans(case):
        missing: list[str] = []
        if not filled(plan.goal):
            missing.append("het doel ('goal')")
        missing.extend(activity_gaps(plan.activities, "activiteit", "activiteiten", "activities"))
        if not filled(plan.evaluations):
            missing.append("de evaluatiemomenten ('evaluations')")
        if not (filled(plan.casemanager) or filled(case.employer.casemanager)):
            missing.append("de casemanager ('casemanager' hier of bij 'employer')")
        if missing:
            yield Problem(
                f"{_kind(plan)} van {long_date(plan.date)} is onvolledig; ontbreekt: "
                f"{listing(missing)}; vul dit aan in het {_kind(plan)}",
                ctx.event_path(index),
                milestone="plan_van_aanpak",
            )


def _visie_gaps(employer_view: str | None, employee_view: str | None) -> list[str]:
    return [
        what
        for what, text in (
            ("de visie van de werkgever ('employer_view')", employer_view),
            ("de visie van de werknemer ('employee_view')", employee_view),
        )
        if not filled(text)
    ]


@rule(
    "WVP302",
    "re-integratievisies",
    "Re-integratievisie van werkgever en werknemer",
    Severity.ERROR,
    "Regeling procesgang art. 4 lid 2 en art. 6; Stcrt. 2023, 13931",
)
def reintegratievisies(case: Case, ctx: Context) -> Iterator[Problem]:
    """The plan van aanpak, every bijstelling and the eerstejaarsevaluatie dated on or after
    1 July 2023 hold the re-integratievisie of the employer and that of the employee.

    Before 1 July 2023 the visies were not required; documents dated earlier pass without them.

    Source: Regeling procesgang art. 4 lid 2 and the eerstejaarsevaluatie, as amended by
    Stcrt. 2023, 13931 (in force 1 July 2023).
    Why: UWV asks for both views to judge whether employer and employee worked towards the
    same goal; a missing view of the employee is a common reason to send the dossier back.

    Passing example:
        - {type: plan_van_aanpak, date: 2026-02-20, employer_view: "...", employee_view: "..."}
    Failing example:
        - {type: plan_van_aanpak, date: 2026-02-20, employer_view: "..."}   # no employee_view
    """
    for index, event in enumerate(case.events):
        if not isinstance(event, PlanVanAanpak | Bijstelling | Eerstejaarsevaluatie):
            continue
        if event.date < VISIE_REQUIRED_FROM:
            continue
        missing = _visie_gaps(event.employer_view, event.employee_view)
        if not missing:
            continue
        kind = "eerstejaarsevaluatie" if isinstance(event, Eerstejaarsevaluatie) else _kind(event)
        yield Problem(
            f"{kind} van {long_date(event.date)} mist {listing(missing)}; sinds 1 juli 2023 "
            "hoort de re-integratievisie van werkgever én werknemer erin",
            ctx.event_path(index),
            milestone=event.type if isinstance(event, Eerstejaarsevaluatie) else "plan_van_aanpak",
        )


@rule(
    "WVP303",
    "instemming-werknemer-plan",
    "Werknemer heeft ingestemd met plan van aanpak en bijstellingen",
    Severity.WARNING,
    "Regeling procesgang art. 4 lid 1 en 3; BW 7:660a",
    kind="not_agreed",
    kinds={"agreed_before_plan": Severity.WARNING},
)
def plan_agreed(case: Case, ctx: Context) -> Iterator[Problem]:
    """The employee's agreement to the plan van aanpak and to every bijstelling is recorded,
    with a date.

    `agreed_by_employee` missing: warning. The agreement is asked and recorded, but the law
    requires the employee's cooperation (BW 7:660a), not consent: a missing signature is never
    an error (docs/poortwachter.md, section 7). A disagreement is recorded with
    `employee_agrees: false` and leads to a deskundigenoordeel (WVP232). A date before the
    plan's own date: warning (the employee cannot agree to a plan that did not exist yet;
    usually a typing error).

    Source: Regeling procesgang art. 4 lid 1 ("in overleg met de werknemer") and lid 3;
    BW 7:660a.
    Why: a recorded agreement shows UWV a joint plan and holds the employee to it; without one,
    UWV asks whether the plan was made together.

    Passing example:
        - {type: plan_van_aanpak, date: 2026-02-20, agreed_by_employee: 2026-02-21, ...}
    Failing example:
        - {type: plan_van_aanpak, date: 2026-02-20, ...}      # no agreed_by_employee
    """
    for index, plan in _plans(case):
        kind = _kind(plan)
        if plan.agreed_by_employee is None:
            yield Problem(
                f"{kind} van {long_date(plan.date)} zonder instemming van de werknemer; "
                "leg de datum vast in 'agreed_by_employee' zodra de werknemer akkoord is",
                ctx.event_path(index),
                milestone="plan_van_aanpak",
            )
        elif plan.agreed_by_employee < plan.date:
            yield Problem(
                f"instemming van de werknemer ({long_date(plan.agreed_by_employee)}) ligt vóór "
                f"het {kind} zelf ({long_date(plan.date)}); klopt de datum?",
                ("events", index, "agreed_by_employee"),
                milestone="plan_van_aanpak",
                kind="agreed_before_plan",
            )


_CONCLUSIONS = "eigen_werk, spoor_1, spoor_2 of spoor_1_en_2"


@rule(
    "WVP304",
    "eerstejaarsevaluatie-compleet",
    "Eerstejaarsevaluatie met resultaat en conclusie",
    Severity.ERROR,
    "Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter",
)
def eerstejaarsevaluatie_complete(case: Case, ctx: Context) -> Iterator[Problem]:
    """The eerstejaarsevaluatie holds the result of the first year (`result`) and the conclusion
    for the second year (`conclusion`: eigen_werk, spoor_1, spoor_2 or spoor_1_en_2).

    Both re-integratievisies are checked by WVP302 (required from 1 July 2023).

    Source: Regeling procesgang art. 4 lid 2b; Werkwijzer Poortwachter (eerstejaarsevaluatie:
    resultaat, visies, conclusie voor het tweede jaar).
    Why: the conclusion decides whether a tweede spoor must start within six weeks (BW 7:658a);
    without it UWV cannot see why the second year went as it did.

    Passing example:
        - {type: eerstejaarsevaluatie, date: 2026-12-10, result: "...", conclusion: spoor_2, ...}
    Failing example:
        - {type: eerstejaarsevaluatie, date: 2026-12-10}
    """
    for index, event in enumerate(case.events):
        if not isinstance(event, Eerstejaarsevaluatie):
            continue
        missing = []
        if not filled(event.result):
            missing.append("het resultaat van het eerste jaar ('result')")
        if event.conclusion is None:
            missing.append(f"de conclusie voor het tweede jaar ('conclusion': {_CONCLUSIONS})")
        if missing:
            yield Problem(
                f"eerstejaarsevaluatie van {long_date(event.date)} is onvolledig; ontbreekt: "
                f"{listing(missing)}",
                ctx.event_path(index),
                milestone="eerstejaarsevaluatie",
            )


def _latest(case: Case, kind: type, until: dt.date, since: dt.date) -> tuple[dt.date, int] | None:
    found = [
        (event.date, index)
        for index, event in enumerate(case.events)
        if isinstance(event, kind) and since <= event.date <= until
    ]
    return max(found) if found else None


def _has(case: Case, event_type: str, until: dt.date, since: dt.date) -> bool:
    return any(e.type == event_type and since <= e.date <= until for e in case.events)


@rule(
    "WVP305",
    "re-integratieverslag-compleet",
    "Re-integratieverslag bevat alle onderdelen a–l",
    Severity.ERROR,
    "Regeling procesgang art. 6 lid 1; WIA art. 25 lid 3; Beleidsregels vorm- en "
    "herkenbaarheidsvereisten reïntegratieverslagen (BWBR0015184)",
)
def reintegratieverslag_complete(case: Case, ctx: Context) -> Iterator[Problem]:
    """The re-integratieverslag holds every item of Regeling procesgang art. 6 lid 1 a–l.

    Checked once the re-integratieverslag is due (13 weeks before the wachttijd ends, from the
    clock) or done. What counts is the dossier up to the verslag's date (or `--as-of` while it
    is missing):
    a. administrative data: employee and employer name, and the bedrijfsarts or arbodienst
       (`employer.bedrijfsarts` / `employer.arbodienst`); b. `employer.business`;
    c. `employee.job`; d. `employee.skills`; e. the first sick day (always known);
    f. a `probleemanalyse`; g. a `plan_van_aanpak` (its bijstellingen come with it);
    h. the `eerstejaarsevaluatie` and the `eindevaluatie`; i. `employment_relationship` on the
    verslag; j. an `actueel_oordeel`; k. `suitable_work` and l. `employee_view` on the verslag.
    While the verslag itself is missing (WVP204 reports that), i, k and l are not checked.

    Source: Regeling procesgang art. 6 lid 1 a–l; WIA art. 25 lid 3.
    Why: the verslag is what UWV reads for the WIA application; a missing item makes UWV
    return the application, and the wachttijd runs on at the employer's cost (BW 7:629 lid 11).

    Passing example: a dossier with all of the above and
        - {type: re_integratieverslag, date: 2027-09-20, employment_relationship: "...",
           suitable_work: "...", employee_view: "..."}
    Failing example: `- {type: re_integratieverslag, date: 2027-09-20}` (no i, k, l).
    """
    m = ctx.timeline.milestone("re_integratieverslag")
    if m.status in ("waived", "paused", "not_applicable"):
        return
    if m.done is None and m.due > ctx.as_of:
        return
    since = ctx.timeline.first_sick_day
    verslag: ReIntegratieverslag | None = None
    if m.event is not None:
        event = case.events[m.event]
        verslag = event if isinstance(event, ReIntegratieverslag) else None
    until = verslag.date if verslag is not None else ctx.as_of
    # i, k and l stand on the verslag itself; while it is missing WVP204 says so.
    found = riv_items(case, since, until, verslag)
    items = [(i.letter, i.missing) for i in found if verslag is not None or not i.on_verslag]
    missing = [f"{letter} ({what})" for letter, what in items if what is not None]
    if not missing:
        return
    if verslag is not None:
        where = ctx.at(ctx.event_path(m.event))
        head = f"re-integratieverslag van {long_date(verslag.date)} mist"
    else:
        where = ctx.at(("events",), key=True)
        head = (
            f"het re-integratieverslag (uiterlijk {long_date(m.due)}) kan niet compleet zijn; "
            "in het dossier ontbreekt"
        )
    yield Problem(
        f"{head} onderdeel {'; '.join(missing)} (Regeling procesgang art. 6 lid 1); vul het "
        "dossier aan",
        where,
        milestone="re_integratieverslag",
    )


@rule(
    "WVP306",
    "actueel-oordeel-recent",
    "Actueel oordeel recent bij het re-integratieverslag",
    Severity.WARNING,
    "Regeling procesgang art. 6 lid 1 j; docs/poortwachter.md section 7",
    options=[MAX_AGE],
)
def actueel_oordeel_recent(case: Case, ctx: Context) -> Iterator[Problem]:
    """The bedrijfsarts' actueel oordeel is at most 3 months old on the date of the
    re-integratieverslag.

    The law sets no maximum age; practice asks for a recent judgment, and this rule warns when
    the latest `actueel_oordeel` on or before the verslag is older than 91 days (option
    `actueel_oordeel_max_age_days`). No actueel oordeel at all is WVP202 and WVP305 (j).

    Source: Regeling procesgang art. 6 lid 1 j ("actueel oordeel"); spec section 7 (not settled,
    hence a warning behind a setting).
    Why: UWV asks for a new judgment when the one in the verslag no longer describes the
    employee's current possibilities, which delays the WIA application.

    Passing example: actueel_oordeel 2027-08-01, re_integratieverslag 2027-09-20.
    Failing example: actueel_oordeel 2027-03-01, re_integratieverslag 2027-09-20.
    """
    max_age = MAX_AGE.read(ctx.options)
    m = ctx.timeline.milestone("re_integratieverslag")
    if m.done is None or m.event is None:
        return
    oordeel = _latest(case, ActueelOordeel, m.done, ctx.timeline.first_sick_day)
    if oordeel is None:
        return
    age = (m.done - oordeel[0]).days
    if age > max_age:
        yield Problem(
            f"actueel oordeel van {long_date(oordeel[0])} is {days(age)} oud bij het "
            f"re-integratieverslag van {long_date(m.done)} (meer dan {days(max_age)}); vraag de "
            "bedrijfsarts om een nieuw oordeel",
            ctx.event_path(oordeel[1]),
            milestone="actueel_oordeel",
        )
