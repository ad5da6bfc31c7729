"""Which documents the re-integratieverslag bundle holds: the UWV elements of a case at `as_of`
(Regeling procesgang art. 6 lid 1 a-l), each with its date, authors and signers, and what a
bijstelling changed. Part of `riv` (see its docstring).

Pure: no I/O, no system clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from wvp_cli.core.clock import Timeline
from wvp_cli.core.dutch import long_date
from wvp_cli.core.model import (
    ActueelOordeel,
    ArbeidsdeskundigOnderzoek,
    Bijstelling,
    Case,
    Eerstejaarsevaluatie,
    Eindevaluatie,
    Evaluatie,
    PlanVanAanpak,
    Probleemanalyse,
    ReIntegratieverslag,
    Signature,
    StartTweedeSpoor,
    TweedeSpoorPlan,
    TweedeSpoorVoortgang,
)
from wvp_cli.core.signatures import METHOD_WORDS as METHOD_WORDS
from wvp_cli.core.signatures import REQUIRED, content_hash
from wvp_cli.documents.text import plain

#: Regeling procesgang eerste en tweede ziektejaar, art. 6 lid 1, onder a tot en met l.
ITEMS: tuple[tuple[str, str], ...] = (
    ("a", "Administratieve gegevens van werknemer, werkgever en bedrijfsarts of arbodienst"),
    ("b", "Aard van het bedrijf"),
    ("c", "Functie van de werknemer"),
    ("d", "Opleiding en vaardigheden van de werknemer"),
    ("e", "Eerste ziektedag"),
    ("f", "Probleemanalyse en advies van de bedrijfsarts"),
    ("g", "Plan van aanpak met alle bijstellingen, evaluaties en het tweede spoor"),
    ("h", "Eerstejaarsevaluatie en eindevaluatie"),
    ("i", "Visie van de werkgever op de arbeidsverhouding"),
    ("j", "Actueel oordeel van de bedrijfsarts"),
    ("k", "Visie op passende arbeid bij de werkgever"),
    ("l", "Visie van de werknemer"),
)
ITEM_TITLES = dict(ITEMS)


#: The fields of a plan version that a bijstelling may change, with the words for them.
PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal", "Doel"),
    ("track", "Spoor"),
    ("activities", "Activiteiten"),
    ("evaluations", "Evaluatiemomenten"),
    ("casemanager", "Casemanager"),
    ("employer_view", "Re-integratievisie van de werkgever"),
    ("employee_view", "Re-integratievisie van de werknemer"),
)


@dataclass(frozen=True)
class Person:
    """An author or signer of an element: name (None when the dossier lacks it) and function."""

    name: str | None
    function: str
    key: str
    #: The role in which this person signs (core/signatures.py), None for one who does not.
    role: str | None = None


@dataclass(frozen=True)
class Element:
    """One UWV document of the bundle, before rendering."""

    slug: str
    title: str
    items: tuple[str, ...]
    template: str
    date: dt.date | None
    date_key: str
    authors: tuple[Person, ...]
    signers: tuple[Person, ...]
    event_index: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The signatures the case records for this document, and the roles that must sign it.
    signatures: tuple[Signature, ...] = ()
    required: tuple[str, ...] = ()
    #: The code of the event's content, for a signature to record (WVP312).
    content_hash: str | None = None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _current_events(case: Case, timeline: Timeline, as_of: dt.date) -> list[tuple[int, Any]]:
    """The events the clock counts, oldest first (as render._context has them)."""
    return [
        (index, event)
        for index, event in sorted(enumerate(case.events), key=lambda p: (p[1].date, p[0]))
        if timeline.first_sick_day <= event.date <= as_of
    ]


def plan_elements(case: Case, timeline: Timeline, as_of: dt.date) -> list[Element]:
    """The UWV documents of this case at `as_of`, in the order of art. 6 lid 1."""
    events = _current_events(case, timeline, as_of)
    employee = Person(case.employee.name, "werknemer", "employee.name", "werknemer")
    casemanager = Person(
        case.employer.casemanager,
        "casemanager, namens de werkgever",
        "employer.casemanager",
        "werkgever",
    )
    riv = next((p for p in reversed(events) if isinstance(p[1], ReIntegratieverslag)), None)
    riv_date = riv[1].date if riv else None
    riv_key = f"events[{riv[0]}].date" if riv else "events: type re_integratieverslag"
    elements = [
        Element(
            "verslag",
            "Re-integratieverslag van de werkgever",
            ("a", "b", "c", "d", "e", "i", "k"),
            "riv-verslag.md.j2",
            riv_date,
            riv_key,
            (casemanager,),
            (casemanager,),
            riv[0] if riv else None,
            signatures=tuple(riv[1].signatures) if riv else (),
            required=("werkgever",),
            content_hash=content_hash(riv[1]) if riv else None,
        )
    ]

    def bedrijfsarts(by: str | None, index: int) -> Person:
        return Person(
            by or case.employer.bedrijfsarts, "bedrijfsarts", f"events[{index}].by", "bedrijfsarts"
        )

    previous: tuple[int, Any] | None = None
    bijstelling_number = 0
    adviser: Person | None = None
    for index, event in events:
        key = f"events[{index}].date"
        if isinstance(event, Probleemanalyse):
            doctor = bedrijfsarts(event.by, index)
            elements.append(
                Element(
                    f"probleemanalyse-{event.date}",
                    "Probleemanalyse",
                    ("f",),
                    "riv-probleemanalyse.md.j2",
                    event.date,
                    key,
                    (doctor,),
                    (doctor,),
                    index,
                )
            )
        elif isinstance(event, PlanVanAanpak | Bijstelling):
            manager = Person(
                event.casemanager or case.employer.casemanager,
                "casemanager, namens de werkgever",
                f"events[{index}].casemanager",
                "werkgever",
            )
            extra: dict[str, Any] = {}
            if isinstance(event, Bijstelling):
                bijstelling_number += 1
                title = f"Bijstelling {bijstelling_number} van het plan van aanpak"
                slug = f"bijstelling-{bijstelling_number}-{event.date}"
                extra["number"] = bijstelling_number
                if previous is not None:
                    extra["previous_index"] = previous[0]
                    extra["changes"] = _changes(previous[1], event)
            else:
                title, slug = "Plan van aanpak", f"plan-van-aanpak-{event.date}"
            elements.append(
                Element(
                    slug,
                    title,
                    ("g",),
                    "riv-plan.md.j2",
                    event.date,
                    key,
                    (manager, employee),
                    (manager, employee),
                    index,
                    extra,
                )
            )
            previous = (index, event)
        elif isinstance(event, ArbeidsdeskundigOnderzoek):
            expert = Person(
                event.by, "arbeidsdeskundige", f"events[{index}].by", "arbeidsdeskundige"
            )
            elements.append(
                Element(
                    f"arbeidsdeskundig-{event.date}",
                    "Rapport arbeidsdeskundig onderzoek",
                    ("g",),
                    "riv-arbeidsdeskundig-onderzoek.md.j2",
                    event.date,
                    key,
                    (expert,),
                    (expert,),
                    index,
                )
            )
        elif isinstance(event, StartTweedeSpoor) and adviser is None and event.provider:
            adviser = Person(event.provider, "re-integratiebureau", f"events[{index}].provider")
        elif isinstance(event, TweedeSpoorPlan):
            function = "re-integratieadviseur" + (
                f" bij {event.provider}" if event.provider else ""
            )
            adviser = Person(
                event.adviser, function, f"events[{index}].adviser", "re-integratieadviseur"
            )
            elements.append(
                Element(
                    f"tweede-spoor-plan-{event.date}",
                    "Re-integratieplan tweede spoor",
                    ("g",),
                    "riv-tweede-spoor-plan.md.j2",
                    event.date,
                    key,
                    (adviser,),
                    (adviser, employee, casemanager),
                    index,
                )
            )
        elif isinstance(event, TweedeSpoorVoortgang):
            author = adviser or Person(None, "re-integratieadviseur", "events: tweede_spoor_plan")
            elements.append(
                Element(
                    f"voortgang-tweede-spoor-{event.date}",
                    "Voortgangsrapportage tweede spoor",
                    ("g",),
                    "riv-tweede-spoor-voortgang.md.j2",
                    event.date,
                    key,
                    (author,),
                    (author,),
                    index,
                )
            )
        elif isinstance(event, Eerstejaarsevaluatie):
            elements.append(
                Element(
                    f"eerstejaarsevaluatie-{event.date}",
                    "Eerstejaarsevaluatie",
                    ("h",),
                    "riv-eerstejaarsevaluatie.md.j2",
                    event.date,
                    key,
                    (casemanager, employee),
                    (casemanager, employee),
                    index,
                )
            )
        elif isinstance(event, Eindevaluatie):
            elements.append(
                Element(
                    f"eindevaluatie-{event.date}",
                    "Eindevaluatie",
                    ("h",),
                    "riv-eindevaluatie.md.j2",
                    event.date,
                    key,
                    (casemanager, employee),
                    (casemanager, employee),
                    index,
                )
            )
        elif isinstance(event, ActueelOordeel):
            doctor = bedrijfsarts(event.by, index)
            elements.append(
                Element(
                    f"actueel-oordeel-{event.date}",
                    "Actueel oordeel van de bedrijfsarts",
                    ("j",),
                    "riv-actueel-oordeel.md.j2",
                    event.date,
                    key,
                    (doctor,),
                    (doctor,),
                    index,
                )
            )
    evaluations = [(i, e) for i, e in events if isinstance(e, Evaluatie)]
    if evaluations:
        elements.append(
            Element(
                "evaluaties",
                "Evaluaties van het plan van aanpak",
                ("g",),
                "riv-evaluaties.md.j2",
                evaluations[-1][1].date,
                f"events[{evaluations[-1][0]}].date",
                (casemanager, employee),
                (casemanager, employee),
                None,
                {"indexes": [i for i, _ in evaluations]},
            )
        )
    elements.append(
        Element(
            "visie-werknemer",
            "Visie van de werknemer op het re-integratieverslag",
            ("l",),
            "riv-visie-werknemer.md.j2",
            riv_date,
            riv_key,
            (employee,),
            (employee,),
            riv[0] if riv else None,
            signatures=tuple(riv[1].signatures) if riv else (),
            required=("werknemer",),
            content_hash=content_hash(riv[1]) if riv else None,
        )
    )
    by_index = dict(events)
    elements = [
        _signed(e, by_index[e.event_index])
        if e.event_index is not None and e.slug not in ("verslag", "visie-werknemer")
        else e
        for e in elements
    ]
    order = {letter: n for n, (letter, _) in enumerate(ITEMS)}
    # By the first item each covers (stable: within an item, the dossier's order).
    return sorted(elements, key=lambda e: order[e.items[0]])


def _signed(element: Element, event: Any) -> Element:
    """`element` with its event's signatures and the roles that must sign its document."""
    return dataclasses.replace(
        element,
        signatures=tuple(event.signatures),
        required=REQUIRED.get(event.type, ()),
        content_hash=content_hash(event),
    )


def _shown(value: object) -> str:
    """A plan field as one line of text, to compare two versions."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(
            f"{plain(a.what)} ({plain(a.who)}"
            + (f", uiterlijk {long_date(a.by)})" if a.by else ")")
            if hasattr(a, "what")
            else plain(a)
            for a in value
        )
    return plain(value)


def _changes(before: Any, after: Any) -> list[dict[str, str]]:
    """What a bijstelling changes in the version before it: field, was, becomes."""
    changes = []
    for name, label in PLAN_FIELDS:
        old, new = _shown(getattr(before, name)), _shown(getattr(after, name))
        if old != new:
            changes.append({"field": label, "before": old, "after": new})
    return changes
