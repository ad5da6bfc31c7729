"""Pre-flight of the re-integratieverslag (WVP307-WVP312): what UWV's administrative test would
refuse in the bundle that `wvp render riv` makes, said before the verslag is due.

UWV first tests the verslag for its form (Beleidsregels vorm- en herkenbaarheidsvereisten
reïntegratieverslagen, art. 2: every element separate and recognisable, with its date and the
name and function of its authors or signers; bijstellingen recognisable next to the original)
and for what the upload asks (the BSN on every document, signed documents). Missing items get
one week to repair, then an administrative loonsanctie. Completeness of items a-l is WVP305.

The pre-flight starts 13 weeks before the week in which the verslag is due (the clock's week of
the `re_integratieverslag` milestone: week 78 of a wachttijd without extension), or as soon as a
verslag is in the dossier, and ends with the wachttijd (the clock's last wage day).
"""

from __future__ import annotations

from collections.abc import Iterator

from wvp_cli.core.dutch import long_date
from wvp_cli.core.findings import Severity
from wvp_cli.core.model import (
    ActueelOordeel,
    ArbeidsdeskundigOnderzoek,
    Bijstelling,
    Case,
    Event,
    PlanVanAanpak,
    Probleemanalyse,
    TweedeSpoorPlan,
)
from wvp_cli.core.placeholder import PLACEHOLDER, is_placeholder
from wvp_cli.core.signatures import content_hash, missing_signers
from wvp_cli.rules import Context, Problem, rule
from wvp_cli.rules.content import filled, listing

#: Weeks before the verslag's week in which the pre-flight speaks.
PREFLIGHT_WEEKS = 13

_BELEIDSREGELS = "Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2"


def preflight(ctx: Context) -> bool:
    """Whether the pre-flight applies at `ctx.as_of` (dates and weeks from the clock)."""
    m = ctx.timeline.milestone("re_integratieverslag")
    if m.status in ("waived", "paused", "not_applicable"):
        return False
    timeline = ctx.timeline
    # Only while the wachttijd runs: once it is over, the verslag has gone to UWV.
    if (
        timeline.state != "sick"
        or not timeline.first_sick_day <= ctx.as_of <= timeline.last_wage_day
    ):
        return False
    if m.done is not None:
        return True
    return timeline.clock.week_of(ctx.as_of) >= m.week - PREFLIGHT_WEEKS


def _current(case: Case, ctx: Context) -> Iterator[tuple[int, Event]]:
    for index, event in enumerate(case.events):
        if ctx.timeline.first_sick_day <= event.date <= ctx.as_of:
            yield index, event


def _kind(event: Event) -> str:
    return event.type.replace("_", " ").replace("re integratie", "re-integratie")


@rule(
    "WVP307",
    "riv-bsn",
    "BSN van de werknemer voor het re-integratieverslag",
    Severity.WARNING,
    "UWV, uploaden re-integratieverslag (BSN op elk document); Regeling procesgang art. 6 lid 1 a",
)
def riv_bsn(case: Case, ctx: Context) -> Iterator[Problem]:
    """The case holds the employee's BSN (`employee.bsn`) once the re-integratieverslag comes
    near: UWV asks for it on every document of the verslag, and `wvp render riv` prints it on
    every page.

    Checked from 13 weeks before the verslag's week (see WVP305 for the items a-l).

    Source: UWV's upload of the re-integratieverslag (the BSN on every document); Regeling
    procesgang art. 6 lid 1 a (administrative data).
    Why: a document UWV cannot tie to the employee is not part of the verslag.

    Passing example: `employee: {name: "A. Jansen", bsn: "123456782"}`
    Failing example: `employee: {name: "A. Jansen"}` in week 80.
    """
    if case.employee.bsn or not preflight(ctx):
        return
    yield Problem(
        "het re-integratieverslag vraagt het BSN van de werknemer op elk document; vul "
        "'employee.bsn' in (wordt alleen op de documenten voor UWV gedrukt)",
        ("employee",),
        key=True,
        milestone="re_integratieverslag",
    )


@rule(
    "WVP308",
    "riv-opsteller",
    "Elk stuk van het re-integratieverslag noemt wie het opstelde, met functie",
    Severity.WARNING,
    _BELEIDSREGELS,
)
def riv_author(case: Case, ctx: Context) -> Iterator[Problem]:
    """Every element of the re-integratieverslag names who drew it up; the function follows
    from the element (bedrijfsarts, arbeidsdeskundige, re-integratieadviseur, casemanager).

    Checked from 13 weeks before the verslag's week: a `probleemanalyse` or `actueel_oordeel`
    without `by` (and no `employer.bedrijfsarts`), an `arbeidsdeskundig_onderzoek` without `by`,
    a `tweede_spoor_plan` without `adviser`, and evaluations (eerstejaarsevaluatie,
    eindevaluatie, evaluatie) while the dossier names no casemanager (`employer.casemanager`).
    Plans and bijstellingen are WVP301.

    Source: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2
    (each element with the name and function of its authors or signers).
    Why: an element UWV cannot attribute is not recognisable, and the verslag goes back.

    Passing example: `- {type: probleemanalyse, date: 2026-02-10, by: "drs. B. Arts"}`
    Failing example: `- {type: probleemanalyse, date: 2026-02-10}` without employer.bedrijfsarts.
    """
    if not preflight(ctx):
        return
    doctor = filled(case.employer.bedrijfsarts)
    manager = filled(case.employer.casemanager)
    for index, event in _current(case, ctx):
        lacking: str | None = None
        if isinstance(event, Probleemanalyse | ActueelOordeel) and not (filled(event.by) or doctor):
            lacking = "de bedrijfsarts ('by' of 'employer.bedrijfsarts')"
        elif isinstance(event, ArbeidsdeskundigOnderzoek) and not filled(event.by):
            lacking = "de arbeidsdeskundige ('by')"
        elif isinstance(event, TweedeSpoorPlan) and not filled(event.adviser):
            lacking = "de re-integratieadviseur ('adviser')"
        elif event.type in ("eerstejaarsevaluatie", "eindevaluatie", "evaluatie") and not manager:
            lacking = "de casemanager ('employer.casemanager')"
        if lacking:
            yield Problem(
                f"{_kind(event)} van {long_date(event.date)} noemt niet wie het opstelde: "
                f"{lacking}; UWV wil bij elk stuk naam en functie",
                ctx.event_path(index),
                milestone="re_integratieverslag",
            )


_PLAN_FIELDS = (
    "goal",
    "track",
    "activities",
    "evaluations",
    "casemanager",
    "employer_view",
    "employee_view",
)


@rule(
    "WVP309",
    "bijstelling-herkenbaar",
    "Bijstelling herkenbaar naast het oorspronkelijke plan",
    Severity.WARNING,
    f"{_BELEIDSREGELS}; Regeling procesgang art. 4 lid 3",
)
def bijstelling_recognisable(case: Case, ctx: Context) -> Iterator[Problem]:
    """A bijstelling says why the plan changed (`reason`) and changes something in the version
    before it (goal, track, activities, evaluations, casemanager or a visie).

    Checked from 13 weeks before the verslag's week, on every bijstelling of the current case.
    `wvp render riv` shows each bijstelling as its own document with what was and what becomes;
    a bijstelling without a reason or without a change shows nothing UWV can recognise.

    Source: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2
    (bijstellingen recognisable next to the original); Regeling procesgang art. 4 lid 3.
    Why: UWV reads the plan and every bijstelling side by side; an unexplained or empty
    bijstelling looks like a gap in the re-integration.

    Passing example: `- {type: bijstelling, date: ..., reason: "Uitkomst EJE", goal: "Ander werk"}`
    Failing example: `- {type: bijstelling, date: ...}` with the plan's own fields unchanged.
    """
    if not preflight(ctx):
        return
    previous: PlanVanAanpak | Bijstelling | None = None
    for index, event in _current(case, ctx):
        if not isinstance(event, PlanVanAanpak | Bijstelling):
            continue
        if isinstance(event, Bijstelling):
            problems = []
            if not filled(event.reason):
                problems.append("zegt niet waarom ('reason')")
            if previous is not None and all(
                getattr(event, f) == getattr(previous, f) for f in _PLAN_FIELDS
            ):
                problems.append(f"verandert niets aan de versie van {long_date(previous.date)}")
            if problems:
                yield Problem(
                    f"bijstelling van {long_date(event.date)} {listing(problems)}; UWV moet de "
                    "bijstelling naast het oorspronkelijke plan herkennen",
                    ctx.event_path(index),
                    milestone="re_integratieverslag",
                )
        previous = event


@rule(
    "WVP310",
    "riv-ondertekend",
    "Stukken van het re-integratieverslag ondertekend",
    Severity.WARNING,
    f"{_BELEIDSREGELS}; UWV, uploaden re-integratieverslag (ondertekende documenten)",
)
def riv_signed(case: Case, ctx: Context) -> Iterator[Problem]:
    """Every document of the re-integratieverslag is signed by those who must sign it, and the
    case records it (`signatures:` on the event: name, role, date, method).

    Checked from 13 weeks before the verslag's week, in a case that records signatures at all
    (one `signatures:` entry anywhere): a dossier that keeps its signatures on paper only is
    not asked to copy them into the case file. Who signs what: the plan van aanpak, every
    bijstelling, the eerstejaarsevaluatie and the eindevaluatie: werkgever and werknemer; the
    probleemanalyse and the actueel oordeel: bedrijfsarts; the arbeidsdeskundig onderzoek:
    arbeidsdeskundige; the tweede spoor plan: werknemer and re-integratieadviseur; the
    re-integratieverslag: werkgever (the verslag) and werknemer (the own view). Evaluations and
    progress reports need no signature here. Until every signature is recorded, `wvp render riv`
    marks the document "concept".

    Source: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2
    (the name and function of signers); UWV's upload (signed documents).
    Why: an unsigned plan or verslag is a draft to UWV; the employer gets a week to repair it.

    Passing example:
        - type: plan_van_aanpak
          signatures:
            - {role: werkgever, name: "S. Visser", date: 2026-02-20, method: natte_handtekening}
            - {role: werknemer, name: "A. Jansen", date: 2026-02-20, method: natte_handtekening}
    Failing example: the same plan without `signatures`.
    """
    if not preflight(ctx) or not any(e.signatures for e in case.events):
        return
    for index, event in _current(case, ctx):
        lacking = missing_signers(event)
        if lacking:
            yield Problem(
                f"{_kind(event)} van {long_date(event.date)} is nog niet ondertekend door "
                f"{listing(lacking)}; leg de handtekening vast onder 'signatures'",
                ctx.event_path(index),
                milestone="re_integratieverslag",
            )


def _placeholders(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    if is_placeholder(value):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, (*path, index))


@rule(
    "WVP311",
    "nog-invullen",
    "Geen plaatshouder 'NOG INVULLEN' in het dossier",
    Severity.ERROR,
    "Regeling procesgang art. 6 lid 1 a; Beleidsregels vorm- en herkenbaarheidsvereisten "
    "reïntegratieverslagen art. 2",
)
def placeholder_left(case: Case, ctx: Context) -> Iterator[Problem]:
    """No value of the case is still the placeholder that `wvp new` writes ("NOG INVULLEN").

    Checked always, at every value (the employer's name, a plan's goal, ...). Documents never
    print the placeholder as if it were data: they show the gap (*— nog in te vullen —*).

    Source: Regeling procesgang art. 6 lid 1 a (the administrative data of the verslag);
    Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2.
    Why: a document for UWV with "NOG INVULLEN" as the employer's name is not recognisable.

    Passing example: `employer: {name: "Voorbeeld BV"}`
    Failing example: `employer: {name: "NOG INVULLEN"}`
    """
    if ctx.text is not None and "\\" not in ctx.text and "nog" not in ctx.text.lower():
        # A value holds the letters YAML shows, but for escapes (each with a backslash), and no
        # character but n, o and g is N, O or G in capitals: without them the file holds no
        # placeholder, and the case need not be written out and walked (most files).
        return
    for path in _placeholders(case.model_dump(by_alias=True), ()):
        shown = ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
        yield Problem(
            f"{shown} is nog de plaatshouder '{PLACEHOLDER}' van wvp new; vul het echte gegeven in",
            path,
        )


@rule(
    "WVP312",
    "gewijzigd-na-ondertekening",
    "Een ondertekend stuk is niet stil gewijzigd",
    Severity.ERROR,
    f"{_BELEIDSREGELS}; Regeling procesgang art. 4 lid 3",
)
def changed_after_signing(case: Case, ctx: Context) -> Iterator[Problem]:
    """What a signed document shows has not changed since it was signed: the `content_hash` a
    signature records (the "inhoudscode" that `wvp render riv` prints under the signatures)
    still matches the event.

    Checked always, for every signature with a `content_hash`. A signed plan is changed by a
    bijstelling (a new event, signed again), not by editing the signed one.

    Source: Beleidsregels vorm- en herkenbaarheidsvereisten reïntegratieverslagen art. 2
    (bijstellingen recognisable next to the original); Regeling procesgang art. 4 lid 3.
    Why: UWV must be able to trust that a signed document says what its signers signed.

    Passing example: a plan whose signature records the code that wvp render riv printed.
    Failing example: the same plan with its goal edited afterwards.
    """
    for index, event in enumerate(case.events):
        recorded = {s.content_hash for s in event.signatures if s.content_hash}
        if not recorded:
            continue
        now = content_hash(event)
        if recorded != {now}:
            yield Problem(
                f"{_kind(event)} van {long_date(event.date)} is gewijzigd nadat het werd "
                f"ondertekend (inhoudscode nu {now}, ondertekend: {', '.join(sorted(recorded))}); "
                "zet de oude inhoud terug en leg de wijziging vast als bijstelling",
                ctx.event_path(index),
            )
