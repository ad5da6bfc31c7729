"""What of the re-integratieverslag (Regeling procesgang art. 6 lid 1 a–l) the dossier holds.

Pure: a function of the case, the first sick day of the current case and a date. WVP305 reports
the gaps once the verslag is due; `wvp cases` shows how complete it would be today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wvp_cli.core.model import Case, ReIntegratieverslag

#: The items of Regeling procesgang art. 6 lid 1, a to l.
LETTERS: tuple[str, ...] = tuple("abcdefghijkl")


@dataclass(frozen=True)
class Item:
    """One item: its letter and, when it is missing, what is missing (Dutch)."""

    letter: str
    missing: str | None
    #: Stands on the verslag itself (i, k, l): cannot be present before there is one.
    on_verslag: bool = False

    @property
    def present(self) -> bool:
        return self.missing is None


def _filled(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _has(case: Case, event_type: str, since: dt.date, until: dt.date) -> bool:
    return any(e.type == event_type and since <= e.date <= until for e in case.events)


def items(
    case: Case, since: dt.date, until: dt.date, verslag: ReIntegratieverslag | None
) -> tuple[Item, ...]:
    """Every item a–l: present, or what is missing. `since` is the first sick day of the case,
    `until` the date of the verslag (or the peildatum while there is none); `verslag` the
    re-integratieverslag event, whose own fields are items i, k and l."""
    employer, employee = case.employer, case.employee

    def events(*types: str) -> str | None:
        lacking = [t for t in types if not _has(case, t, since, until)]
        return ", ".join(lacking) if lacking else None

    def text(value: str | None, what: str) -> str | None:
        return None if _filled(value) else what

    def on_verslag(field: str, what: str) -> str | None:
        value = getattr(verslag, field) if verslag is not None else None
        return text(value if isinstance(value, str) else None, f"{what}, '{field}'")

    return (
        Item(
            "a",
            None
            if _filled(employer.bedrijfsarts) or _filled(employer.arbodienst)
            else "bedrijfsarts of arbodienst, 'employer.bedrijfsarts'",
        ),
        Item("b", text(employer.business, "aard van het bedrijf, 'employer.business'")),
        Item("c", text(employee.job, "functie, 'employee.job'")),
        Item("d", text(employee.skills, "opleiding en vaardigheden, 'employee.skills'")),
        Item("e", None),  # the first sick day is always known
        Item("f", events("probleemanalyse")),
        Item("g", events("plan_van_aanpak")),
        Item("h", events("eerstejaarsevaluatie", "eindevaluatie")),
        Item(
            "i",
            on_verslag("employment_relationship", "visie op de arbeidsverhouding"),
            on_verslag=True,
        ),
        Item("j", events("actueel_oordeel")),
        Item(
            "k",
            on_verslag("suitable_work", "visie op passende arbeid bij de werkgever"),
            on_verslag=True,
        ),
        Item("l", on_verslag("employee_view", "visie van de werknemer"), on_verslag=True),
    )
