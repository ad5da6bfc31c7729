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
from collections.abc import Callable, Sequence
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
    #: `other_cause: true` in the file (a new case right after a leave): the clock needs it.
    other_cause: bool = False


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
    #: Hours worked from a date on (the `werkhervatting` events the file has or gets).
    returns: dict[dt.date, float] = field(default_factory=dict)
    add_events: list[tuple[Record, dict[str, object]]] = field(default_factory=list)
    #: Fields the file does not have and the export gives: (section, key) -> value.
    add_fields: dict[tuple[str, str], object] = field(default_factory=dict)
    #: Every record placed in this file (the latest one's fields are compared).
    seen: list[Record] = field(default_factory=list)
    #: The loaded case (for an existing file), for the clock.
    case: Case | None = None

    @property
    def changed(self) -> bool:
        return bool(self.add or self.ends or self.add_leave or self.add_events or self.add_fields)


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
            {
                "from": p.first,
                **({"to": p.last} if p.last is not None else {}),
                **({"other_cause": True} if p.other_cause else {}),
            }
            for p in periods
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


class _Planner:
    """The state of one planning run: the targets found and made, what was decided."""

    def __init__(self, existing: Sequence[Target], into: Path, case_id: str, system: str) -> None:
        self.targets = list(existing)
        self.by_employee: dict[str, list[Target]] = {}
        for target in self.targets:
            self.by_employee.setdefault(target.employee_number, []).append(target)
        self.into, self.case_id, self.system = into, case_id, system
        self.skipped: list[Skip] = []
        self.conflicts: list[Conflict] = []

    def shown(self, target: Target) -> str:
        return _show(target.path, self.into)

    def skip(self, record: Record, target: Target, reason: str) -> None:
        self.skipped.append(Skip(record.rows, self.shown(target), reason))

    def conflict(self, record: Record, where: str, message: str) -> None:
        self.conflicts.append(Conflict(record.rows, where, message))

    def place(self, record: Record) -> Target | None:
        """The file the record's period is in or goes into; None after a conflict."""
        new = Period(record.first_sick_day, record.last_sick_day, record.key)
        mine = self.by_employee.setdefault(record.employee_number, [])
        for target in mine:
            for period in target.periods:
                if period.source == record.key:
                    return target if self.same_key(record, target, period) else None
        for target in mine:
            for period in target.periods:
                if not _overlap(period, new):
                    continue
                if period.first == new.first and period.last == new.last:
                    self.skip(record, target, f"periode {_days(new)} staat er al")
                    return target
                if period.first == new.first and period.last is None and new.last is not None:
                    if period.index is not None:
                        target.ends.append((period.index, new.last, record))
                    period.last = new.last
                    return target
                self.conflict(
                    record,
                    self.shown(target),
                    f"de export zegt ziek {_days(new)}, het bestand heeft {_days(period)}; wvp "
                    "past niets aan — kijk het na",
                )
                return None
        home = next((t for t in reversed(mine) if joins(t, new)), None)
        if home is not None:
            home.add.append((record, new))
            home.periods.append(new)
            return home
        identifier = self.case_id.format(
            employee_number=record.employee_number,
            first_sick_day=record.first_sick_day.isoformat(),
            key=record.key.partition(":")[2],
            system=self.system,
        )
        path = self.into / file_name(identifier)
        if path.exists() or any(t.path == path for t in self.targets):
            self.conflict(
                record,
                _show(path, self.into),
                "een nieuw case-bestand zou hier komen, maar dat bestand bestaat al (en is niet "
                "van deze werknemer); kies een andere defaults.case_id",
            )
            return None
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
        self.targets.append(target)
        mine.append(target)
        return target

    def same_key(self, record: Record, target: Target, period: Period) -> bool:
        """A period imported before: nothing, a recovery added, or a conflict (False)."""
        where = self.shown(target)
        if period.first != record.first_sick_day:
            self.conflict(
                record,
                where,
                f"{record.key}: de export zegt eerste ziektedag "
                f"{record.first_sick_day.isoformat()}, het bestand {period.first.isoformat()}",
            )
            return False
        if record.last_sick_day is None or period.last == record.last_sick_day:
            more = "" if period.last == record.last_sick_day else " (het bestand weet meer)"
            self.skip(record, target, f"{record.key}: al geïmporteerd{more}")
            return True
        if period.last is None:
            if period.index is not None:
                target.ends.append((period.index, record.last_sick_day, record))
            period.last = record.last_sick_day
            return True
        self.conflict(
            record,
            where,
            f"{record.key}: de export zegt laatste ziektedag "
            f"{record.last_sick_day.isoformat()}, het bestand {period.last.isoformat()}",
        )
        return False

    def fields(self, record: Record, target: Target) -> None:
        """Fields the file lacks are added from the latest record; a field the file has
        otherwise is a conflict (the file keeps its value)."""
        assert target.case is not None
        for section, key, attribute in FIELDS:
            value = getattr(record, attribute)
            if value is None:
                continue
            have = getattr(getattr(target.case, section), key)
            if have is None:
                target.add_fields[(section, key)] = value
            elif have != value:
                self.conflict(
                    record,
                    self.shown(target),
                    f"{section}.{key}: de export zegt {value!r}, het bestand {have!r}; wvp past "
                    "het niet aan",
                )

    def partials(self, record: Record, target: Target) -> None:
        """The partial returns of the record as `werkhervatting` events of the target."""
        for day, percentage, worked in record.partials:
            contract = record.hours_per_week
            if contract is None and target.case is not None:
                contract = target.case.employee.hours_per_week
            if worked is None:
                if contract is None or percentage is None:
                    self.conflict(
                        record,
                        self.shown(target),
                        f"gedeeltelijk herstel op {day.isoformat()}: een percentage zonder uren "
                        "per week; noem 'hours_per_week' in [columns] of zet de uren in het "
                        "case-bestand",
                    )
                    continue
                worked = round(contract * (100 - percentage) / 100, 2)
            known = target.returns.get(day)
            if known is not None:
                if abs(known - worked) < 0.005:
                    self.skip(record, target, f"werkhervatting {day.isoformat()} staat er al")
                else:
                    self.conflict(
                        record,
                        self.shown(target),
                        f"de export zegt {worked:g} uur gewerkt vanaf {day.isoformat()}, het "
                        f"bestand {known:g} uur",
                    )
                continue
            event: dict[str, object] = {"type": "werkhervatting", "date": day, "hours": worked}
            own = target.case.employee.hours_per_week if target.case is not None else None
            if record.hours_per_week is not None and target.exists and own != contract:
                event["contract_hours"] = record.hours_per_week
            target.returns[day] = worked
            target.add_events.append((record, event))


#: The fields of a case file the export can fill: (section, key, the record's attribute).
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("employee", "job", "job"),
    ("employee", "hours_per_week", "hours_per_week"),
    ("employer", "casemanager", "casemanager"),
)


def plan(
    records: Sequence[Record],
    existing: Sequence[Target],
    into: Path,
    case_id: str,
    system: str,
) -> Plan:
    """What to do with every record, given the case files found (`existing`)."""
    planner = _Planner(existing, into, case_id, system)
    for record in records:
        if record.kind == "verlof":
            mine = planner.by_employee.setdefault(record.employee_number, [])
            _leave(record, mine, planner.skipped, planner.conflicts, planner.shown)
            continue
        target = planner.place(record)
        if target is not None:
            planner.partials(record, target)
            target.seen.append(record)
    for target in planner.targets:
        if target.exists and target.case is not None and target.seen:
            planner.fields(max(target.seen, key=lambda r: (r.first_sick_day, r.row)), target)
    changed = [t for t in planner.targets if t.changed]
    return Plan(changed, planner.skipped, planner.conflicts)


def _leave(
    record: Record,
    mine: list[Target],
    skipped: list[Skip],
    conflicts: list[Conflict],
    show: Callable[[Target], str],
) -> None:
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
