"""What is kept of one checked file: small values that thousands of files can hold at once, that
worker processes return and the cache stores (`engine.file_result` makes them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding, Location

if TYPE_CHECKING:
    from wvp_cli.core.portfolio import Row


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One milestone (or tweede-spoor item) of a case as the agenda needs it."""

    code: str
    due: dt.date
    status: str
    week: int


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """What the agenda needs of one valid case: who it is about, and what it can list."""

    id: str
    employee: str
    casemanager: str | None
    items: tuple[AgendaItem, ...]


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding silenced in its file by a comment with a reason (`# wvp: negeer CODE -- reden`,
    rules/suppress.py): counted and listed, never hidden."""

    finding: Finding
    reason: str
    #: The line of the comment that silenced it.
    line: int


@dataclass(frozen=True, slots=True)
class FileResult:
    """What is kept of one checked file."""

    file: str
    is_case: bool = True
    #: The case id, also of an invalid file when its `id` is a text (for WVP020 and `--case`).
    case_id: str | None = None
    #: Where `id` stands (for WVP020).
    id_location: Location | None = None
    #: The loader's findings and those of the enabled rules, settings applied, unsorted.
    findings: tuple[Finding, ...] = ()
    #: How many findings the loader made, and whether the file could not be read at all.
    load_findings: int = 0
    unreadable: bool = False
    #: True when the file is a valid case.
    valid: bool = False
    #: The agenda of a valid case, when it was asked for.
    facts: CaseFacts | None = None
    #: The findings its comments silence, with their reasons (masked as findings are).
    suppressed: tuple[Suppressed, ...] = ()
    #: The portfolio's row of a valid case, when it was asked for (`wvp cases`; its error
    #: counts are filled in across the repository).
    row: Row | None = None
