"""The roster for `wvp stats` (docs/stats.md): one row per employee, or per stretch of an
employment with the same hours, read from CSV or XLSX like an export.

Columns (names compared without case and spacing): `Personeelsnummer`, `Uren per week`,
`In dienst` and optionally `Uit dienst` and `Werkgever`. Every problem is a `ReadProblem`
naming the row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wvp_cli.core.stats import RosterEntry
from wvp_cli.importer.read import Cell, ReadProblem, column_index, read
from wvp_cli.importer.rules import DEFAULT_DATE_FORMATS, Rules

COLUMNS = {
    "number": "Personeelsnummer",
    "hours": "Uren per week",
    "start": "In dienst",
    "end": "Uit dienst",
    "employer": "Werkgever",
}
REQUIRED = ("number", "hours", "start")


def _date(value: Cell, row: int, column: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for form in DEFAULT_DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ReadProblem(f"personeelsbestand regel {row}: {column} '{text[:40]}' is geen datum")


def read_roster(path: Path) -> list[RosterEntry]:
    """The roster in `path` (exit code 2 for any problem, with the row)."""
    table = read(path, Rules(columns={}, origin="personeelsbestand"))
    where: dict[str, int] = {}
    for name, title in COLUMNS.items():
        index = column_index(table.header, title)
        if index is not None:
            where[name] = index
        elif name in REQUIRED:
            raise ReadProblem(
                f"het personeelsbestand {path} heeft geen kolom '{title}'; nodig zijn "
                + ", ".join(f"'{COLUMNS[n]}'" for n in REQUIRED)
            )
    entries = []
    for row, cells in table.rows:

        def cell(name: str, cells: tuple[Cell, ...] = cells) -> Cell:
            index = where.get(name)
            return cells[index] if index is not None and index < len(cells) else None

        number = str(cell("number") or "").strip()
        if number.endswith(".0") and number[:-2].isdigit():
            number = number[:-2]
        if not number:
            raise ReadProblem(f"personeelsbestand regel {row}: geen personeelsnummer")
        try:
            hours = float(str(cell("hours")).replace(",", "."))
        except ValueError:
            raise ReadProblem(f"personeelsbestand regel {row}: uren per week ontbreken") from None
        if not 0 < hours <= 80:
            raise ReadProblem(f"personeelsbestand regel {row}: {hours:g} uur per week")
        start = _date(cell("start"), row, COLUMNS["start"])
        if start is None:
            raise ReadProblem(f"personeelsbestand regel {row}: geen datum in dienst")
        end = _date(cell("end"), row, COLUMNS["end"])
        if end is not None and end < start:
            raise ReadProblem(f"personeelsbestand regel {row}: uit dienst vóór in dienst")
        employer = cell("employer")
        entries.append(
            RosterEntry(number, hours, start, end, str(employer).strip() if employer else None)
        )
    return entries
