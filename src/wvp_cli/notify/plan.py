"""Who gets what: one digest per address, each holding only the cases it may see.

A case belongs to the address of its casemanager (`employer.casemanager`, compared without
regard to case and spacing) in `[notify.recipients]`; a case without a casemanager, or whose
casemanager has no address, goes to the fallback address. Without a fallback those cases reach
nobody, and the run says so (exit code 1). Two casemanagers with the same address (a team inbox)
share one digest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wvp_cli.core.agenda import Agenda, Skipped, by_casemanager, normal_name, select
from wvp_cli.engine import FileResult


@dataclass(frozen=True)
class Digest:
    """What one address gets: the agenda of its cases."""

    address: str
    #: The casemanagers whose cases these are, as written in the cases ("" for none).
    casemanagers: tuple[str, ...]
    #: True for the fallback address (it gets cases of casemanagers that are not its own).
    fallback: bool
    agenda: Agenda


@dataclass(frozen=True)
class Unaddressed:
    """Cases whose casemanager has no address while there is no fallback."""

    casemanager: str | None
    cases: int
    agenda: Agenda


@dataclass(frozen=True)
class Plan:
    as_of: dt.date
    until: dt.date
    digests: tuple[Digest, ...]
    unaddressed: tuple[Unaddressed, ...]
    #: Files that are not valid cases: they cannot be on anyone's agenda.
    skipped: tuple[Skipped, ...]
    cases: int


def make_plan(
    results: Iterable[FileResult],
    as_of: dt.date,
    until: dt.date,
    recipients: Mapping[str, str],
    fallback: str | None,
) -> Plan:
    """The digests of a run over the results of the files (`agenda=True`)."""
    results = list(results)
    lookup = {normal_name(name): address for name, address in recipients.items()}
    by_address: dict[str, tuple[list[FileResult], list[str], bool]] = {}
    unaddressed: list[Unaddressed] = []
    for name, group in by_casemanager(results).items():
        address = lookup.get(normal_name(name)) if name is not None else None
        is_fallback = address is None
        if address is None:
            address = fallback
        if address is None:
            unaddressed.append(Unaddressed(name, len(group), select(group, as_of, until)))
            continue
        files, names, was_fallback = by_address.setdefault(address, ([], [], False))
        files.extend(group)
        names.append(name or "")
        by_address[address] = (files, names, was_fallback or is_fallback)
    digests = tuple(
        Digest(address, tuple(names), is_fallback, select(files, as_of, until))
        for address, (files, names, is_fallback) in sorted(by_address.items())
    )
    everything = select(results, as_of, until)
    return Plan(as_of, until, digests, tuple(unaddressed), everything.skipped, everything.cases)
