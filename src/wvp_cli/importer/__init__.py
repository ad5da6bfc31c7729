"""`wvp import`: absence records from the export of a verzuim system into case files
(docs/import.md).

The pipeline: the rules file (`rules.py`) says which column holds what; the export is read
(`read.py`: CSV or XLSX) and mapped to records, one per sickness period (`mapping.py`); the
plan decides per record what happens to which case file (`plan.py`, the clock deciding the
samentelling); `write.py` carries it out through the round-trip writer. An import never
deletes and never rewrites what a person recorded, and a second run of the same export
changes no byte.

    result = run_import(Path("export.csv"), load("generic"), Path("cases"), as_of=day)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wvp_cli.importer.mapping import MappingProblem, RowProblem, records
from wvp_cli.importer.plan import Conflict, Skip, plan
from wvp_cli.importer.read import ReadProblem, Table, read
from wvp_cli.importer.rules import Rules, RulesProblem, load
from wvp_cli.importer.write import FileResult, carry_out, existing_targets

__all__ = [
    "Conflict",
    "FileResult",
    "ImportProblem",
    "ImportResult",
    "RowProblem",
    "Rules",
    "Skip",
    "load",
    "run_import",
]


class ImportProblem(Exception):
    """The import cannot be done at all (exit code 2); the message is Dutch."""


@dataclass(frozen=True)
class ImportResult:
    source: str
    into: str
    dry_run: bool
    rows: int
    files: tuple[FileResult, ...]
    skipped: tuple[Skip, ...]
    conflicts: tuple[Conflict, ...]
    not_understood: tuple[RowProblem, ...]
    #: Case files under `into` that could not be read (left alone).
    unreadable: tuple[str, ...]
    table: Table
    #: What the import noticed and did not need to stop for (a preset's column not there).
    notes: tuple[str, ...] = ()

    @property
    def refused(self) -> tuple[FileResult, ...]:
        return tuple(f for f in self.files if f.refused)

    @property
    def complete(self) -> bool:
        """Every row was imported or recognised as already there."""
        return not (self.conflicts or self.not_understood or self.refused)


def run_import(
    source: Path,
    rules: Rules,
    into: Path,
    *,
    as_of: dt.date,
    dry_run: bool = False,
    options: Mapping[str, Any] | None = None,
    max_bytes: int = 1024 * 1024,
) -> ImportResult:
    """Import the export at `source` into the case files under `into`."""
    try:
        table = read(source, rules)
        notes: list[str] = []
        found, problems = records(table, rules, options, notes)
    except (ReadProblem, MappingProblem, RulesProblem) as exc:
        raise ImportProblem(str(exc)) from None
    if into.exists() and not into.is_dir():
        raise ImportProblem(f"--into {into} is geen map")
    existing, unreadable = existing_targets(into, max_bytes)
    decided = plan(found, existing, into, rules.case_id, rules.system)
    files = carry_out(
        decided.targets,
        into,
        as_of=as_of,
        dry_run=dry_run,
        default_name=rules.name,
        options=dict(options or {}),
    )
    return ImportResult(
        source=str(source),
        into=str(into),
        dry_run=dry_run,
        rows=len(table.rows),
        files=tuple(files),
        skipped=tuple(decided.skipped),
        conflicts=tuple(decided.conflicts),
        not_understood=tuple(sorted(problems, key=lambda p: p.row)),
        unreadable=tuple(unreadable),
        table=table,
        notes=tuple(notes),
    )
