"""Rows of an export as absence records, by the rules: every row becomes a `Record` or a
`RowProblem` with its row number; none is dropped silently.

Rows with the same key (the source system's, or employee number and first sick day) are one
period: an export that has one row for the sickness report and another for the recovery (as
Visma Verzuim's import sheet has, one row per verzuimverloopregel) gives one record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from wvp_cli.importer.read import Cell, Table, column_index
from wvp_cli.importer.rules import Rules, fold

#: Header words that say a column holds medical data (a diagnosis, a complaint, a cause):
#: such a column is refused unless the rules map it to nothing (`[ignore] columns`).
MEDICAL_HEADERS: tuple[str, ...] = (
    "diagnose",
    "diagnosis",
    "klacht",
    "medisch",
    "medische",
    "aandoening",
    "ziektebeeld",
    "ziekteoorzaak",
    "verzuimoorzaak",
    "oorzaak",
    "icd",
    "cas-code",
    "cascode",
    "behandeling",
    "medicatie",
)
#: Something written as a date (that may not exist, such as 31-02-2026).
_DATE_SHAPE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
#: The columns every rules file names.
REQUIRED: tuple[str, ...] = ("employee_number", "first_sick_day")
#: The text fields a record writes into a case file.
TEXT_FIELDS: tuple[str, ...] = ("key", "name", "employer", "casemanager", "job")


class MappingProblem(Exception):
    """The export does not fit the rules as a whole (a column missing, a medical column)."""


@dataclass(frozen=True)
class Record:
    """One absence period of one employee, as the export says it."""

    rows: tuple[int, ...]
    key: str
    employee_number: str
    first_sick_day: dt.date
    last_sick_day: dt.date | None = None
    kind: str = "ziekte"
    name: str | None = None
    employer: str | None = None
    casemanager: str | None = None
    hours_per_week: float | None = None
    job: str | None = None
    #: Partial returns: (from this date, % arbeidsongeschikt or None, hours worked or None).
    partials: tuple[tuple[dt.date, float | None, float | None], ...] = ()

    @property
    def row(self) -> int:
        return self.rows[0]


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str


def medical_columns(header: Sequence[str], rules: Rules) -> list[str]:
    """Columns whose header names medical data and that the rules do not map to nothing."""
    ignored = {fold(c) for c in rules.ignore}
    found = []
    for title in header:
        words = fold(title).replace("_", " ").replace("/", " ").split()
        if fold(title) in ignored:
            continue
        if any(w.startswith(m) or w.endswith(m) for w in words for m in MEDICAL_HEADERS):
            found.append(title)
    return found


def _positions(table: Table, rules: Rules, notes: list[str]) -> dict[str, int]:
    """Where each column of the rules is. A required one missing (or, in a rules file of
    one's own, any) stops the import; a preset's optional column missing is noted."""
    where: dict[str, int] = {}
    missing = []
    for name, title in rules.columns.items():
        index = column_index(table.header, title)
        if index is not None:
            where[name] = index
        elif rules.origin.startswith("preset ") and name not in REQUIRED:
            notes.append(f"kolom '{title}' ({name}) staat niet in de export; niet gelezen")
        else:
            missing.append(f"'{title}' ({name})")
    if missing:
        shown = ", ".join(f"'{h}'" for h in table.header if h)
        raise MappingProblem(
            f"kolom {', '.join(missing)} staat niet in de export; de kolommen zijn: {shown}"
        )
    return where


def _date(value: Cell, formats: Sequence[str], column: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float):
        raise ValueError(f"{column}: {value!r} is geen datum (een getal; zet de cel op datum)")
    text = str(value).strip()
    for form in formats:
        try:
            day = dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
        if not 1900 <= day.year <= 2200:
            raise ValueError(f"{column}: {text} ligt buiten 1900–2200")
        return day
    if _DATE_SHAPE.fullmatch(text):
        raise ValueError(f"{column}: {_short(text)} bestaat niet als datum")
    raise ValueError(f"{column}: '{_short(text)}' is geen datum in de vorm {' of '.join(formats)}")


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


def _text(value: Cell, column: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    if not text or text in ("-", "--", "—"):
        return None
    # A spreadsheet formula ("=HYPERLINK(...)") is not a value; it would run in the next
    # spreadsheet that opens an export of wvp.
    if text[0] in "=+@" or (text[0] == "-" and not text[1:].replace(".", "").isdigit()):
        raise ValueError(f"{column}: '{_short(text)}' is een formule, geen waarde")
    if any(ord(c) < 32 for c in text):
        raise ValueError(f"{column}: bevat stuurtekens")
    return text


def _hours(value: Cell, column: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise ValueError(f"{column}: '{_short(str(value))}' is geen aantal uren") from None
    if not 0 <= number <= 80:
        raise ValueError(f"{column}: {number:g} uur per week ligt niet tussen 0 en 80")
    return number


def _percentage(value: Cell, column: str) -> float | None:
    if value is None or value == "":
        return None
    text = str(value).strip().rstrip("%").strip().replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"{column}: '{_short(str(value))}' is geen percentage") from None
    if not 0 <= number <= 100:
        raise ValueError(f"{column}: {number:g}% ligt niet tussen 0 en 100")
    return number


def _one(row: int, cells: Sequence[Cell], where: Mapping[str, int], rules: Rules) -> Record:
    def cell(name: str) -> Cell:
        index = where.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def title(name: str) -> str:
        return f"kolom '{rules.columns[name]}'"

    values: dict[str, Any] = {}
    for name in ("employee_number", "name", "employer", "casemanager", "job", "key"):
        if name in where:
            values[name] = _text(cell(name), title(name))
    number = values.get("employee_number")
    if not number:
        raise ValueError(f"{title('employee_number')} is leeg")
    first = _date(cell("first_sick_day"), rules.date_formats, title("first_sick_day"))
    if first is None:
        raise ValueError(f"{title('first_sick_day')} is leeg")
    last = None
    if "recovered" in where:
        recovered = _date(cell("recovered"), rules.date_formats, title("recovered"))
        if recovered is not None:
            if recovered <= first:
                raise ValueError(
                    f"{title('recovered')}: hersteld op {recovered.isoformat()} ligt niet na de "
                    f"eerste ziektedag {first.isoformat()}"
                )
            last = recovered - dt.timedelta(days=1)
    elif "last_sick_day" in where:
        last = _date(cell("last_sick_day"), rules.date_formats, title("last_sick_day"))
        if last is not None and last < first:
            raise ValueError(
                f"{title('last_sick_day')}: {last.isoformat()} ligt vóór de eerste ziektedag "
                f"{first.isoformat()}"
            )
    kind = "ziekte"
    if "kind" in where:
        word = _text(cell("kind"), title("kind"))
        if word:
            if fold(word) not in rules.kinds:
                known = ", ".join(sorted(rules.kinds)) or "geen"
                raise ValueError(
                    f"{title('kind')}: '{_short(word)}' staat niet in [values.kind] "
                    f"(bekend: {known})"
                )
            kind = rules.kinds[fold(word)]
    hours = (
        _hours(cell("hours_per_week"), title("hours_per_week"))
        if "hours_per_week" in where
        else None
    )
    partials: tuple[tuple[dt.date, float | None, float | None], ...] = ()
    if "change_date" in where:
        change = _date(cell("change_date"), rules.date_formats, title("change_date"))
        percentage = worked = None
        if "percentage" in where:
            percentage = _percentage(cell("percentage"), title("percentage"))
        if "worked_hours" in where:
            worked = _hours(cell("worked_hours"), title("worked_hours"))
        if change is not None and (percentage is not None or worked is not None):
            if change < first:
                raise ValueError(
                    f"{title('change_date')}: {change.isoformat()} ligt vóór de eerste "
                    f"ziektedag {first.isoformat()}"
                )
            partials = ((change, percentage, worked),)
    own_key = values.get("key")
    key = f"{rules.system}:{own_key}" if own_key else f"{rules.system}:{number}/{first.isoformat()}"
    return Record(
        rows=(row,),
        key=key,
        employee_number=number,
        first_sick_day=first,
        last_sick_day=last,
        kind=kind,
        name=values.get("name"),
        employer=values.get("employer") or rules.employer or None,
        casemanager=values.get("casemanager"),
        hours_per_week=hours,
        job=values.get("job"),
        partials=partials,
    )


def _combine(a: Record, b: Record) -> Record | str:
    """Two rows of one period (same key): the later fills what the earlier left open."""
    if a.first_sick_day != b.first_sick_day:
        return (
            f"eerste ziektedag {b.first_sick_day.isoformat()} wijkt af van regel {a.row} "
            f"({a.first_sick_day.isoformat()}) met dezelfde sleutel"
        )
    if a.last_sick_day and b.last_sick_day and a.last_sick_day != b.last_sick_day:
        return (
            f"laatste ziektedag {b.last_sick_day.isoformat()} wijkt af van regel {a.row} "
            f"({a.last_sick_day.isoformat()}) met dezelfde sleutel"
        )
    if a.kind != b.kind:
        return f"soort '{b.kind}' wijkt af van regel {a.row} ('{a.kind}') met dezelfde sleutel"
    merged: dict[str, Any] = {}
    for name in ("last_sick_day", "name", "employer", "casemanager", "hours_per_week", "job"):
        merged[name] = getattr(b, name) if getattr(b, name) is not None else getattr(a, name)
    return replace(a, rows=(*a.rows, *b.rows), partials=(*a.partials, *b.partials), **merged)


def _private(record: Record, options: Mapping[str, Any]) -> str | None:
    """Why a record's texts may not go into a case file (the privacy rules' terms), or None."""
    from wvp_cli.privacy.matcher import bsn_numbers, matchers

    medical, _ = matchers(options)
    for name in TEXT_FIELDS:
        value = getattr(record, name)
        if not value:
            continue
        if next(iter(medical.find(value)), None) is not None:
            return f"{name}: bevat een medische term; wvp neemt dat niet over"
        if name != "key" and any(True for _ in bsn_numbers(value)):
            return f"{name}: bevat een nummer dat een BSN kan zijn; wvp neemt dat niet over"
    return None


def records(
    table: Table,
    rules: Rules,
    options: Mapping[str, Any] | None = None,
    notes: list[str] | None = None,
) -> tuple[list[Record], list[RowProblem]]:
    """The records of the export, one per period, and every row that was not understood.

    Raises MappingProblem when the export as a whole does not fit (a column the rules name
    is missing; a column with medical data that the rules do not map to nothing)."""
    medical = medical_columns(table.header, rules)
    if medical:
        shown = ", ".join(f"'{c}'" for c in medical)
        raise MappingProblem(
            f"de export heeft een kolom met medische gegevens ({shown}); wvp neemt die nooit "
            "over. Zet de kolom in het regelbestand onder [ignore] columns om hem over te slaan"
        )
    where = _positions(table, rules, notes if notes is not None else [])
    problems: list[RowProblem] = []
    by_key: dict[str, Record] = {}
    for row, cells in table.rows:
        try:
            record = _one(row, cells, where, rules)
        except ValueError as exc:
            problems.append(RowProblem(row, str(exc)))
            continue
        private = _private(record, options or {})
        if private is not None:
            problems.append(RowProblem(row, private))
            continue
        if record.kind == "overslaan":
            problems.append(RowProblem(row, "overgeslagen: [values.kind] zegt 'overslaan'"))
            continue
        known = by_key.get(record.key)
        if known is None:
            by_key[record.key] = record
            continue
        if known.employee_number != record.employee_number:
            problems.append(
                RowProblem(
                    row, f"sleutel {record.key} hoort in regel {known.row} bij een andere werknemer"
                )
            )
            continue
        combined = _combine(known, record)
        if isinstance(combined, str):
            problems.append(RowProblem(row, combined))
        else:
            by_key[record.key] = combined
    found = sorted(by_key.values(), key=lambda r: (r.employee_number, r.first_sick_day, r.row))
    return found, problems
