"""A checked file's result as the text of a cache entry, and back (repo/scan.py keeps the
entries in `.wvp_cache/`). JSON (orjson), never pickle: reading a cache must never run code. A
result that quotes what the output masks, or that speaks of another file, is never encoded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.core.results import AgendaItem, CaseFacts, FileResult

if TYPE_CHECKING:
    from wvp_cli.core.portfolio import Row, Step

#: Bump when the layout of an entry changes.
RESULT_FORMAT = 2

_SEVERITY = {s.value: s for s in Severity}

# --- the entry ------------------------------------------------------------------------------


def _sensitive_id(result: FileResult) -> bool:
    """Whether the case id holds what the privacy rules mask (with the default terms)."""
    from wvp_cli.privacy.matcher import redact

    if result.facts is not None and result.facts.id != result.case_id:
        return True  # the agenda masked it, with the options of the run
    return result.case_id is not None and redact(result.case_id, {}) != result.case_id


def encode(result: FileResult, options: Mapping[str, Any] | None = None) -> str | None:
    """A result as the text of an entry, without its file name (an entry serves the same bytes
    under any name); None when it speaks of another file, or quotes sensitive text (a finding
    with a private message, a portfolio row whose id or closing reason the output masks with
    the run's `options`), and so cannot be kept."""
    name = result.file
    if any(f.private_message is not None for f in result.findings):
        return None  # what the output masks never lands on disk
    if result.suppressed:
        return None  # a reason is free text of the file: such a (rare) file is checked anew
    places = [f.location for f in result.findings]
    if result.id_location is not None:
        places.append(result.id_location)
    if any(place.file != name for place in places):
        return None
    if any(f.private_message is not None for f in result.findings) or _sensitive_id(result):
        # It quotes what the file should not hold (a medical term, a BSN): the cache keeps no
        # such text, and a file that holds it is checked again next time.
        return None
    if result.row is not None:
        from wvp_cli.engine import masked_row

        if masked_row(result.row, options or {}) != result.row:
            return None  # its id or closing reason is masked in the output: not kept
    facts = result.facts
    entry = {
        "format": RESULT_FORMAT,
        "is_case": result.is_case,
        "case_id": result.case_id,
        "id": None
        if result.id_location is None
        else [result.id_location.line, result.id_location.column, list(result.id_location.path)],
        "findings": [
            [
                f.rule,
                f.severity.value,
                f.message,
                f.location.line,
                f.location.column,
                list(f.location.path),
                f.case,
                f.milestone,
                f.private_message,
            ]
            for f in result.findings
        ],
        "load_findings": result.load_findings,
        "unreadable": result.unreadable,
        "valid": result.valid,
        "facts": None
        if facts is None
        else [
            facts.id,
            facts.employee,
            facts.casemanager,
            [[i.code, i.due.isoformat(), i.status, i.week] for i in facts.items],
        ],
        "row": None if result.row is None else _row_out(result.row),
    }
    import orjson

    try:
        return orjson.dumps(entry).decode("utf-8")
    except TypeError:  # a text that is not UTF-8 (a lone surrogate): not kept
        return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _path(value: Any) -> tuple[str | int, ...]:
    if not isinstance(value, list) or not all(isinstance(p, str | int) for p in value):
        raise TypeError("expected a YAML path")
    return tuple(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a number")
    return value


def _items(rows: Any) -> tuple[AgendaItem, ...]:
    # The checks inline: a warm `wvp deadlines` decodes some ten items for every case.
    out = []
    for code, due, status, week in rows:
        if type(code) is not str or type(status) is not str or type(week) is not int:
            raise TypeError("expected an agenda item")
        out.append(AgendaItem(code, dt.date.fromisoformat(due), status, week))
    return tuple(out)


def decode(text: str, file: str) -> FileResult:
    """An entry back as the result it was made from, under the name `file`. Raises ValueError,
    TypeError or KeyError for an entry that does not fit. Every field's type is checked (an
    entry is signed by this installation, but a damaged or foreign one must be a miss, never a
    crash), inline: a warm run decodes some 100,000 findings."""
    import orjson

    entry = orjson.loads(text)
    if type(entry) is not dict or entry.get("format") != RESULT_FORMAT:
        raise ValueError("not an entry of this format")
    found = []
    for rule, severity, message, line, col, path, case, milestone, private in entry["findings"]:
        if (
            type(rule) is not str
            or type(message) is not str
            or type(line) is not int
            or type(col) is not int
            or type(path) is not list
            or not (case is None or type(case) is str)
            or not (milestone is None or type(milestone) is str)
            or not (private is None or type(private) is str)
        ):
            raise TypeError("not a finding")
        for part in path:
            if type(part) is not str and type(part) is not int:
                raise TypeError("expected a YAML path")
        location = Location(file, line, col, tuple(path))
        found.append(
            Finding(rule, _SEVERITY[severity], message, location, case, milestone, private)
        )
    findings = tuple(found)
    where = entry["id"]
    id_location = (
        None if where is None else Location(file, _int(where[0]), _int(where[1]), _path(where[2]))
    )
    raw_facts = entry["facts"]
    facts = None
    if raw_facts is not None:
        case_id, employee, casemanager, items = raw_facts
        facts = CaseFacts(
            _text(case_id),
            _text(employee),
            _optional_text(casemanager),
            _items(items),
        )
    raw_row = entry["row"]
    return FileResult(
        file=file,
        is_case=_bool(entry["is_case"]),
        case_id=_optional_text(entry["case_id"]),
        id_location=id_location,
        findings=findings,
        load_findings=_int(entry["load_findings"]),
        unreadable=_bool(entry["unreadable"]),
        valid=_bool(entry["valid"]),
        facts=facts,
        row=None if raw_row is None else _row_in(raw_row, file),
    )


# --- a portfolio row ------------------------------------------------------------------------


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _step_out(step: Step | None) -> list[Any] | None:
    if step is None:
        return None
    return [step.code, step.title, step.date.isoformat(), step.days_left, step.status, step.who]


def _row_out(row: Row) -> list[Any]:
    """A row as a list in the order of its fields (its file name is left out)."""
    partial = row.partial
    return [
        row.case,
        row.employee,
        row.employer,
        row.casemanager,
        row.first_sick_day.isoformat(),
        row.last_wage_day.isoformat(),
        row.week,
        row.state,
        row.clock_state,
        None
        if partial is None
        else [
            partial.since.isoformat(),
            partial.hours,
            partial.contract_hours,
            partial.therapeutic,
            partial.work,
        ],
        list(row.track),
        _step_out(row.last_step),
        _step_out(row.next_step),
        row.errors,
        row.warnings,
        row.riv_present,
        row.riv_required,
        list(row.riv_missing),
        _day(row.closed_on),
        row.closing_reason,
        _day(row.keep_until),
        row.remove,
    ]


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        raise TypeError("expected a date")
    return dt.date.fromisoformat(value)


def _optional_date(value: Any) -> dt.date | None:
    return None if value is None else _date(value)


def _step_in(value: Any) -> Step | None:
    from wvp_cli.core.portfolio import Step

    if value is None:
        return None
    code, title, date, days_left, status, who = value
    return Step(
        _text(code),
        _text(title),
        _date(date),
        None if days_left is None else _int(days_left),
        _optional_text(status),
        _optional_text(who),
    )


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expected a number")
    return value


def _row_in(value: Any, file: str) -> Row:
    """A row back from `_row_out`, under the name `file`; every field's type is checked."""
    from wvp_cli.core.portfolio import Partial, Row

    (
        case, employee, employer, casemanager, first_sick_day, last_wage_day, week, state,
        clock_state, partial, track, last_step, next_step, errors, warnings, riv_present,
        riv_required, riv_missing, closed_on, closing_reason, keep_until, remove,
    ) = value  # fmt: skip
    if type(track) is not list or type(riv_missing) is not list:
        raise TypeError("expected lists")
    return Row(
        case=_text(case),
        file=file,
        employee=_text(employee),
        employer=_text(employer),
        casemanager=_optional_text(casemanager),
        first_sick_day=_date(first_sick_day),
        last_wage_day=_date(last_wage_day),
        week=_int(week),
        state=_text(state),
        clock_state=_text(clock_state),
        partial=None
        if partial is None
        else Partial(
            _date(partial[0]),
            _number(partial[1]),
            None if partial[2] is None else _number(partial[2]),
            _bool(partial[3]),
            _optional_text(partial[4]),
        ),
        track=tuple(_int(t) for t in track),
        last_step=_step_in(last_step),
        next_step=_step_in(next_step),
        errors=_int(errors),
        warnings=_int(warnings),
        riv_present=_int(riv_present),
        riv_required=_int(riv_required),
        riv_missing=tuple(_text(m) for m in riv_missing),
        closed_on=_optional_date(closed_on),
        closing_reason=_optional_text(closing_reason),
        keep_until=_optional_date(keep_until),
        remove=_bool(remove),
    )
