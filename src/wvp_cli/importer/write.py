"""Carrying out an import plan: a new case file is written whole (validated first), an existing
one is changed through the round-trip writer (`repo.edit`), which keeps its comments and
layout, checks the result and writes atomically. `dry_run` computes the same diffs and writes
nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wvp_cli.core.findings import Finding
from wvp_cli.core.model import Werkhervatting
from wvp_cli.core.placeholder import PLACEHOLDER
from wvp_cli.importer.mapping import Record
from wvp_cli.importer.plan import Period, Target, _show

_FILL_IN = "vul de naam van de werkgever in (niet in de export)"


@dataclass(frozen=True)
class FileResult:
    """What the import did (or would do) to one file."""

    file: str
    created: bool
    before: str
    after: str
    written: bool
    #: Rows of the export that went into this file.
    rows: tuple[int, ...]
    summary: str
    #: Why the file was not written (invalid result, a privacy finding, a write refused).
    refused: str = ""

    @property
    def diff(self) -> str:
        old = "/dev/null" if self.created else f"a/{self.file}"
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=old,
                tofile=f"b/{self.file}",
            )
        )


def existing_targets(into: Path, max_bytes: int) -> tuple[list[Target], list[str]]:
    """The case files under `into` that carry an employee number, and the files that could
    not be read as a case (they are left alone, and named)."""
    from wvp_cli.core.loader import read_file

    targets: list[Target] = []
    unreadable: list[str] = []
    if not into.exists():
        return targets, unreadable
    files = sorted(p for p in into.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in files:
        if any(part.startswith(".") for part in path.relative_to(into).parts):
            continue
        loaded = read_file(path, str(path), max_bytes=max_bytes)
        case = loaded.case
        if case is None:
            if loaded.is_case:
                unreadable.append(_show(path, into))
            continue
        if not case.employee.number:
            continue
        targets.append(
            Target(
                path=path,
                case_id=case.id,
                employee_number=case.employee.number,
                periods=[
                    Period(p.from_, p.to, p.source, index, p.other_cause)
                    for index, p in enumerate(case.sickness)
                ],
                leave=[(lv.from_, lv.to) for lv in case.leave],
                exists=True,
                case=case,
                returns={e.date: e.hours for e in case.events if isinstance(e, Werkhervatting)},
            )
        )
    return targets, unreadable


def _q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def new_text(target: Target, rules_name: str) -> str:
    """The text of a new case file for `target`, laid out as the format's examples."""
    record = target.first_record
    assert record is not None
    name = record.name or rules_name.format(employee_number=record.employee_number)
    lines = [
        "wvp: 1",
        f"id: {_q(target.case_id)}",
        "employee:",
        f"  name: {_q(name)}",
        f"  number: {_q(record.employee_number)}",
    ]
    if record.job:
        lines.append(f"  job: {_q(record.job)}")
    if record.hours_per_week is not None:
        lines.append(f"  hours_per_week: {record.hours_per_week:g}")
    # Without an employer in the export: the placeholder of `wvp new`, which `wvp check`
    # reports until it is filled in and no document prints as if it were a name.
    employer = _q(record.employer) if record.employer else f"{_q(PLACEHOLDER)}   # {_FILL_IN}"
    lines += ["employer:", f"  name: {employer}"]
    if record.casemanager:
        lines.append(f"  casemanager: {_q(record.casemanager)}")
    lines += ["", "sickness:"]
    for item, period in sorted(target.add, key=lambda a: a[1].first):
        lines.append(f"  - from: {period.first.isoformat()}")
        if period.last is not None:
            lines.append(f"    to: {period.last.isoformat()}")
        lines.append(f"    source: {_q(item.key)}")
    if target.add_leave:
        lines += ["", "leave:"]
        for item in sorted(target.add_leave, key=lambda r: r.first_sick_day):
            lines.append(f"  - from: {item.first_sick_day.isoformat()}")
            lines.append(f"    to: {item.last_sick_day.isoformat() if item.last_sick_day else ''}")
    if not target.add_events:
        lines += ["", "events: []", ""]
        return "\n".join(lines)
    lines += ["", "events:"]
    for _, event in sorted(target.add_events, key=lambda a: str(a[1]["date"])):
        day = event["date"]
        assert isinstance(day, dt.date)
        lines += ["  - type: werkhervatting", f"    date: {day.isoformat()}"]
        lines.append(f"    hours: {event['hours']:g}")
    lines.append("")
    return "\n".join(lines)


def _change(target: Target) -> Any:
    """The round-trip change that adds the target's periods, recoveries and leave."""
    from wvp_cli.repo.edit import append_item, move_trailer_key, node

    def change(document: Any, text: str) -> tuple[str, bool]:
        said: list[str] = []
        blank = False
        periods = document.get("sickness")
        for index, last, _ in target.ends:
            item = periods[index]
            keys = list(item.keys())
            position = keys.index("from") + 1 if "from" in keys else len(keys)
            item.insert(position, "to", last)
            if position == len(keys):
                move_trailer_key(item, keys[-1], "to")
            said.append(f"laatste ziektedag {last.isoformat()}")
        for (section, key), value in target.add_fields.items():
            mapping = document.get(section)
            keys = list(mapping.keys())
            mapping[key] = node(key, value)
            if keys:
                move_trailer_key(mapping, keys[-1], key)
            said.append(f"{section}.{key} gezet")
        for record, period in sorted(target.add, key=lambda a: a[1].first):
            values: dict[str, Any] = {"from": period.first}
            if period.last is not None:
                values["to"] = period.last
            values["source"] = record.key
            later = [
                i
                for i, p in enumerate(periods)
                if isinstance(p.get("from"), dt.date) and p["from"] > period.first
            ]
            if later:
                periods.insert(later[0], node(None, values))
            else:
                _, blank = _as_pair(append_item("sickness", values, "")(document, text))
            said.append(f"ziekteperiode vanaf {period.first.isoformat()}")
        for _, event in sorted(target.add_events, key=lambda a: str(a[1]["date"])):
            append_item("events", event, "")(document, text)
            said.append(f"werkhervatting vanaf {event['date']}")
        for record in target.add_leave:
            assert record.last_sick_day is not None
            values = {"from": record.first_sick_day, "to": record.last_sick_day}
            append_item("leave", values, "")(document, text)
            said.append(f"verlof vanaf {record.first_sick_day.isoformat()}")
        return ("; ".join(said), blank)

    return change


def _as_pair(said: str | tuple[str, bool]) -> tuple[str, bool]:
    return said if isinstance(said, tuple) else (said, False)


def _privacy(text: str, file: str, as_of: dt.date, options: dict[str, Any]) -> list[Finding]:
    """The privacy rules' findings on a text about to be written."""
    from wvp_cli import engine
    from wvp_cli.core.loader import load_text
    from wvp_cli.rules import all_rules

    gate = frozenset({"WVP400", "WVP401", "WVP402", "WVP404"})
    settings = engine.Settings(select=gate, options=options)
    loaded = load_text(text, file)
    rules = tuple(r for code, r in all_rules().items() if code in gate)
    found = engine.case_findings(loaded, as_of, rules, settings)
    return [f for f in engine.settled(found, settings) if f.rule in gate]


def _new_privacy(
    before: str, after: str, file: str, as_of: dt.date, options: dict[str, Any]
) -> list[Finding]:
    """Privacy findings the import would add to a file (not those it already had)."""
    old = {(f.rule, f.message) for f in _privacy(before.lstrip("\ufeff"), file, as_of, options)}
    return [
        f
        for f in _privacy(after.lstrip("\ufeff"), file, as_of, options)
        if (f.rule, f.message) not in old
    ]


def _rows(target: Target) -> tuple[int, ...]:
    rows: list[int] = []
    items: list[Record] = [r for r, _ in target.add] + [r for _, _, r in target.ends]
    items += target.add_leave
    items += [r for r, _ in target.add_events]
    if target.add_fields and target.seen:
        items.append(max(target.seen, key=lambda r: (r.first_sick_day, r.row)))
    for record in items:
        rows.extend(record.rows)
    return tuple(sorted(set(rows)))


def carry_out(
    targets: Sequence[Target],
    into: Path,
    *,
    as_of: dt.date,
    dry_run: bool,
    default_name: str,
    options: dict[str, Any] | None = None,
) -> list[FileResult]:
    """Write (or, with `dry_run`, only show) every target that changes."""
    from wvp_cli.core.loader import load_text
    from wvp_cli.repo.edit import EditProblem, edit
    from wvp_cli.repo.files import WriteRefused, write_atomic

    options = options or {}
    results: list[FileResult] = []
    for target in targets:
        shown = _show(target.path, into)
        rows = _rows(target)
        if not target.exists:
            text = new_text(target, default_name)
            loaded = load_text(text, shown)
            refused = ""
            if loaded.case is None:
                first = loaded.findings[0].message if loaded.findings else "ongeldig"
                refused = f"geen geldige case: {first}"
            elif found := _privacy(text, shown, as_of, options):
                refused = f"privacy ({found[0].rule}): {found[0].message}"
            written = False
            if not refused and not dry_run:
                try:
                    target.path.parent.mkdir(parents=True, exist_ok=True)
                    write_atomic(target.path, text)
                    written = True
                except (WriteRefused, OSError) as exc:
                    refused = str(exc)
            summary = f"nieuw case-bestand, {len(target.add)} ziekteperiode(s)"
            results.append(FileResult(shown, True, "", text, written, rows, summary, refused))
            continue
        try:
            outcome = edit(
                target.path, _change(target), as_of=as_of, dry_run=True, force=True, display=shown
            )
        except EditProblem as exc:
            results.append(FileResult(shown, False, "", "", False, rows, "", str(exc)))
            continue
        refused = ""
        if outcome.invalid:
            first = outcome.problems[0].message if outcome.problems else "ongeldig"
            refused = f"het resultaat is geen geldige case: {first}"
        elif found := _new_privacy(outcome.before, outcome.after, shown, as_of, options):
            refused = f"privacy ({found[0].rule}): {found[0].message}"
        written = False
        if not refused and not dry_run and outcome.changed:
            try:
                write_atomic(target.path, outcome.after, force=True)
                written = True
            except WriteRefused as exc:
                refused = str(exc)
        results.append(
            FileResult(
                shown, False, outcome.before, outcome.after, written, rows, outcome.summary, refused
            )
        )
    return results
