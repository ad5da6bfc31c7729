"""Deciding, record by record, what an import does to the case files: nothing (already there),
a period added to a file, a recovery date added to a period, a new case file, or a conflict
that is reported and left alone.

The rules of the merge (docs/import.md):

- a period is recognised by its source key (`source` in the case file); the same key with the
  same dates changes nothing, so a second import of the same export changes no byte;
- a period a person recorded (no key) with the same dates is left as it is;
- what the export says differently from the file (another first sick day, another recovery,
  an overlap) is a conflict: reported, never resolved, the file stays as it is;
- whether a new period belongs to an existing case (the samentelling: fewer than four weeks
  between periods) is decided by the clock (`core.clock.compute`), never here; a period that
  joins a case goes into that case's file, any other starts a new file.

Nothing here writes; `write.py` carries the plan out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wvp_cli.core.model import Case
from wvp_cli.importer.mapping import Record


@dataclass
class Period:
    first: dt.date
    last: dt.date | None
    source: str | None
    #: The index of the period in the file's `sickness` list; None for a period to be added.
    index: int | None = None


@dataclass
class Target:
    """One case file as the import sees it: what it holds, and what the import adds."""

    path: Path
    case_id: str
    employee_number: str
    periods: list[Period]
    leave: list[tuple[dt.date, dt.date]]
    exists: bool
    #: For a new file: the record whose employee and employer fields it takes.
    first_record: Record | None = None
    add: list[tuple[Record, Period]] = field(default_factory=list)
    #: (index in `sickness`, last sick day, record): a recovery the file did not have yet.
    ends: list[tuple[int, dt.date, Record]] = field(default_factory=list)
    add_leave: list[Record] = field(default_factory=list)
    #: The loaded case (for an existing file), for the clock.
    case: Case | None = None

    @property
    def changed(self) -> bool:
        return bool(self.add or self.ends or self.add_leave)


@dataclass(frozen=True)
class Skip:
    rows: tuple[int, ...]
    file: str
    reason: str


@dataclass(frozen=True)
class Conflict:
    rows: tuple[int, ...]
    file: str
    message: str


@dataclass
class Plan:
    targets: list[Target]
    skipped: list[Skip]
    conflicts: list[Conflict]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_name(case_id: str) -> str:
    """The file name of a new case: the id with anything but letters, digits, `.`, `-`, `_`
    replaced, so that an id from an export can never name a path elsewhere."""
    name = _UNSAFE.sub("-", case_id).strip(".-") or "case"
    return f"{name[:120]}.yaml"


def _clock_case(target: Target, extra: Period) -> tuple[Case, int]:
    """A case with the target's periods and leave and `extra` last, for the clock."""
    periods = [*target.periods, extra]
    data = {
        "wvp": 1,
        "id": "import",
        "employee": {"name": "import"},
        "employer": {"name": "import"},
        "sickness": [
            {"from": p.first, **({"to": p.last} if p.last is not None else {})} for p in periods
        ],
        "leave": [{"from": a, "to": b} for a, b in target.leave],
        "events": [],
    }
    return Case.model_validate(data), len(periods) - 1


def joins(target: Target, period: Period) -> bool:
    """Whether the clock sums `period` with a period of the target's current case."""
    from wvp_cli.core.clock import compute

    case, index = _clock_case(target, period)
    last_day = max([p.to or p.from_ for p in case.sickness] + [period.first])
    timeline = compute(case, last_day + dt.timedelta(days=1))
    return index in timeline.periods and len(timeline.periods) > 1


def _overlap(a: Period, b: Period) -> bool:
    a_end = a.last or dt.date.max
    b_end = b.last or dt.date.max
    return a.first <= b_end and b.first <= a_end


def _days(period: Period) -> str:
    end = period.last.isoformat() if period.last else "nog ziek"
    return f"{period.first.isoformat()} t/m {end}"


def _show(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def plan(
    records: Sequence[Record],
    existing: Sequence[Target],
    into: Path,
    case_id: str,
    system: str,
) -> Plan:
    """What to do with every record, given the case files found (`existing`)."""
    targets = list(existing)
    by_employee: dict[str, list[Target]] = {}
    for target in targets:
        by_employee.setdefault(target.employee_number, []).append(target)
    skipped: list[Skip] = []
    conflicts: list[Conflict] = []

    def shown(target: Target) -> str:
        return _show(target.path, into)

    for record in records:
        new = Period(record.first_sick_day, record.last_sick_day, record.key)
        mine = by_employee.setdefault(record.employee_number, [])
        if record.kind == "verlof":
            _leave(record, mine, skipped, conflicts, shown)
            continue
        done = False
        for target in mine:
            for period in target.periods:
                if period.source == record.key:
                    _same_key(record, target, period, skipped, conflicts, shown)
                    done = True
                    break
            if done:
                break
        if done:
            continue
        for target in mine:
            for period in target.periods:
                if not _overlap(period, new):
                    continue
                done = True
                if period.first == new.first and period.last == new.last:
                    skipped.append(
                        Skip(record.rows, shown(target), f"periode {_days(new)} staat er al")
                    )
                elif (
                    period.first == new.first
                    and period.last is None
                    and new.last is not None
                    and period.index is not None
                ):
                    target.ends.append((period.index, new.last, record))
                    period.last = new.last
                else:
                    conflicts.append(
                        Conflict(
                            record.rows,
                            shown(target),
                            f"de export zegt ziek {_days(new)}, het bestand heeft "
                            f"{_days(period)}; wvp past niets aan — kijk het na",
                        )
                    )
                break
            if done:
                break
        if done:
            continue
        home = next((t for t in reversed(mine) if joins(t, new)), None)
        if home is not None:
            home.add.append((record, new))
            home.periods.append(new)
            continue
        identifier = case_id.format(
            employee_number=record.employee_number,
            first_sick_day=record.first_sick_day.isoformat(),
            key=record.key.partition(":")[2],
            system=system,
        )
        path = into / file_name(identifier)
        if path.exists() or any(t.path == path for t in targets):
            conflicts.append(
                Conflict(
                    record.rows,
                    _show(path, into),
                    "een nieuw case-bestand zou hier komen, maar dat bestand bestaat al (en is "
                    "niet van deze werknemer); kies een andere defaults.case_id",
                )
            )
            continue
        target = Target(
            path=path,
            case_id=identifier,
            employee_number=record.employee_number,
            periods=[new],
            leave=[],
            exists=False,
            first_record=record,
        )
        target.add.append((record, new))
        targets.append(target)
        mine.append(target)
    return Plan([t for t in targets if t.changed], skipped, conflicts)


def _same_key(
    record: Record,
    target: Target,
    period: Period,
    skipped: list[Skip],
    conflicts: list[Conflict],
    shown: object,
) -> None:
    where = shown(target) if callable(shown) else str(target.path)
    if period.first != record.first_sick_day:
        conflicts.append(
            Conflict(
                record.rows,
                where,
                f"{record.key}: de export zegt eerste ziektedag "
                f"{record.first_sick_day.isoformat()}, het bestand {period.first.isoformat()}",
            )
        )
    elif period.last == record.last_sick_day or record.last_sick_day is None:
        reason = (
            "al geïmporteerd"
            if period.last == record.last_sick_day
            else ("al geïmporteerd (het bestand weet meer: een laatste ziektedag)")
        )
        skipped.append(Skip(record.rows, where, f"{record.key}: {reason}"))
    elif period.last is None and period.index is not None:
        target.ends.append((period.index, record.last_sick_day, record))
        period.last = record.last_sick_day
    elif period.last is None:
        period.last = record.last_sick_day  # a period added in this run: it ends now
    else:
        conflicts.append(
            Conflict(
                record.rows,
                where,
                f"{record.key}: de export zegt laatste ziektedag "
                f"{record.last_sick_day.isoformat()}, het bestand {period.last.isoformat()}",
            )
        )


def _leave(
    record: Record,
    mine: list[Target],
    skipped: list[Skip],
    conflicts: list[Conflict],
    shown: object,
) -> None:
    show = shown if callable(shown) else str
    if record.last_sick_day is None:
        conflicts.append(
            Conflict(
                record.rows, "", "verlof zonder einddatum; wvp legt verlof vast met begin en eind"
            )
        )
        return
    span = (record.first_sick_day, record.last_sick_day)
    home = None
    for target in mine:
        if any(p.first <= span[0] for p in target.periods):
            home = target
    if home is None:
        conflicts.append(
            Conflict(
                record.rows,
                "",
                "verlof van een werknemer zonder ziekteperiode ervoor; wvp legt verlof alleen "
                "vast in een case",
            )
        )
        return
    for a, b in home.leave:
        if (a, b) == span:
            skipped.append(Skip(record.rows, show(home), f"verlof {a} t/m {b} staat er al"))
            return
        if a <= span[1] and span[0] <= b:
            conflicts.append(
                Conflict(
                    record.rows,
                    show(home),
                    f"de export zegt verlof {span[0]} t/m {span[1]}, het bestand {a} t/m {b}",
                )
            )
            return
    home.leave.append(span)
    home.add_leave.append(record)
