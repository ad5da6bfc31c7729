"""The standard absence figures over a period: verzuimpercentage, meldingsfrequentie,
gemiddelde verzuimduur, duration classes, cases per phase and the Poortwachter discipline
(docs/stats.md gives every formula with its source).

The definitions are those of the 1996 national standard (Projectgroep Uniformering
Verzuimgrootheden) as Vernet applies them today:

- verzuimpercentage = Σ sick calendar days × part-time factor × incapacity factor
  / Σ calendar days in employment × part-time factor × 100%. The part-time factor is the
  contract hours (the full-time week cancels out of the fraction); the incapacity factor is 1
  while fully sick and (contract − worked hours) / contract during a partial return
  (`werkhervatting`; therapeutic hours do not count as work). With and without pregnancy and
  childbirth leave (WAZO), which is no sickness;
- meldingsfrequentie = sickness reports that start in the period / average number of
  employees in the period (persons, not FTE); also per year (× 365 / days of the period);
- gemiddelde verzuimduur = Σ calendar days from the first sick day to the last of every
  sickness report that ended in the period (days before the period included, leave days not)
  / the number of those reports;
- duration classes: every report with a sick day in the period, by its length from the first
  sick day to its end or the end of the period, at most 730: 1–14, 15–91, 92–365, 366–730.

Everything is a pure function of the cases, the roster, the period and `as_of`: no I/O, no
clock of the machine. Groups smaller than `min_group` are suppressed, never shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from wvp_cli.core.clock import Timeline, compute
from wvp_cli.core.milestones import MILESTONES
from wvp_cli.core.model import Case, Werkhervatting

ONE_DAY = dt.timedelta(days=1)
#: The duration classes of Vernet (days from the first sick day), and their Dutch names.
CLASSES: tuple[tuple[str, int, int], ...] = (
    ("1-14", 1, 14),
    ("15-91", 15, 91),
    ("92-365", 92, 365),
    ("366-730", 366, 730),
)
PHASES: tuple[str, ...] = ("spoor_1", "spoor_2", "wia")


@dataclass(frozen=True)
class RosterEntry:
    """One employment (or one stretch of it with the same hours) of the roster."""

    number: str
    hours: float
    start: dt.date
    end: dt.date | None = None
    employer: str | None = None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class Figures:
    """The figures of one group (or of all)."""

    group: str
    #: Distinct employees in the group: from the roster when there is one, else with a case.
    size: int
    cases: int = 0
    new_reports: int = 0
    ended_reports: int = 0
    mean_duration: float | None = None
    classes: dict[str, int] = field(default_factory=lambda: {c[0]: 0 for c in CLASSES})
    phases: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHASES, 0))
    #: milestone -> (done on time, due in the period)
    discipline: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: With a roster only.
    absence_percentage: float | None = None
    absence_percentage_with_leave: float | None = None
    report_frequency: float | None = None
    report_frequency_per_year: float | None = None
    average_employees: float | None = None
    #: Verzuimpercentage per calendar month of the period (with a roster): ("2026-01", 4.2).
    monthly: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    period: Period
    as_of: dt.date
    group_by: str | None
    min_group: int
    groups: tuple[Figures, ...]
    #: Groups left out because they are smaller than `min_group`.
    suppressed: int
    #: Cases whose employee is not on the roster (not in the percentage and frequency).
    not_on_roster: int
    roster: bool


@dataclass(frozen=True)
class _Report:
    """One sickness report (a period of a case file) as the figures see it."""

    first: dt.date
    last: dt.date | None


def _overlap(a: dt.date, b: dt.date | None, period: Period) -> bool:
    return a <= period.end and (b is None or b >= period.start)


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += ONE_DAY


def _leave_days(case: Case) -> set[dt.date]:
    days: set[dt.date] = set()
    for leave in case.leave:
        days.update(_days(leave.from_, leave.to))
    return days


def _worked(case: Case, day: dt.date) -> tuple[float, float | None, bool] | None:
    """The latest partial return on or before `day`: (hours, contract hours, therapeutic)."""
    latest: Werkhervatting | None = None
    for event in case.events:
        if (
            isinstance(event, Werkhervatting)
            and event.date <= day
            and (latest is None or event.date >= latest.date)
        ):
            latest = event
    if latest is None:
        return None
    return latest.hours, latest.contract_hours, latest.therapeutic


def incapacity(case: Case, day: dt.date, contract: float | None) -> float:
    """The incapacity factor on a sick day: 1, or the share of the contract not worked."""
    worked = _worked(case, day)
    if worked is None:
        return 1.0
    hours, own_contract, therapeutic = worked
    contract = own_contract or contract or case.employee.hours_per_week
    if therapeutic or not contract:
        return 1.0
    return max(0.0, min(1.0, (contract - hours) / contract))


def _sick_days(case: Case, period: Period, as_of: dt.date) -> Iterable[dt.date]:
    """The calendar days of the period on which the case's employee was sick (known up to
    `as_of`), leave days included (the caller tells them apart)."""
    end = min(period.end, as_of)
    seen: set[dt.date] = set()
    for p in case.sickness:
        last = p.to if p.to is not None else end
        for day in _days(max(p.from_, period.start), min(last, end)):
            if day not in seen:
                seen.add(day)
                yield day


def _reports(case: Case) -> list[_Report]:
    return [_Report(p.from_, p.to) for p in case.sickness]


def _length(report: _Report, leave: set[dt.date], end: dt.date) -> int:
    last = report.last if report.last is not None else end
    return sum(1 for day in _days(report.first, min(last, end)) if day not in leave)


def _phase(case: Case, timeline: Timeline) -> str | None:
    """The phase at the timeline's peildatum of a case that is sick then (and started)."""
    if timeline.state != "sick" or timeline.closed_on is not None:
        return None
    if timeline.first_sick_day > timeline.as_of:
        return None
    if timeline.milestone("wia_aanvraag").done is not None:
        return "wia"
    if timeline.milestone("start_tweede_spoor").done is not None:
        return "spoor_2"
    return "spoor_1"


def _add_case(fig: Figures, case: Case, period: Period, as_of: dt.date) -> None:
    reports = _reports(case)
    if not any(_overlap(r.first, r.last, period) for r in reports):
        return
    fig.cases += 1
    leave = _leave_days(case)
    end = min(period.end, as_of)
    durations = []
    for r in reports:
        if period.start <= r.first <= period.end:
            fig.new_reports += 1
        if r.last is not None and period.start <= r.last <= period.end:
            durations.append(_length(r, leave, r.last))
        if _overlap(r.first, r.last, period) and r.first <= end:
            length = min(_length(r, leave, end), 730)
            for name, low, high in CLASSES:
                if low <= length <= high:
                    fig.classes[name] += 1
    if durations:
        total = (fig.mean_duration or 0.0) * fig.ended_reports + sum(durations)
        fig.ended_reports += len(durations)
        fig.mean_duration = total / fig.ended_reports
    timeline = compute(case, end)
    phase = _phase(case, timeline)
    if phase is not None:
        fig.phases[phase] += 1
    for item in timeline.milestones:
        if item.code not in MILESTONES or not period.start <= item.due <= end:
            continue
        if item.status not in ("done", "late", "overdue"):
            continue
        on_time, total = fig.discipline.get(item.code, (0, 0))
        fig.discipline[item.code] = (on_time + (item.status == "done"), total + 1)


def _hours_on(entries: Sequence[RosterEntry], day: dt.date) -> float | None:
    for entry in entries:
        if entry.start <= day and (entry.end is None or day <= entry.end):
            return entry.hours
    return None


def _months(period: Period) -> list[tuple[str, dt.date, dt.date]]:
    out = []
    day = period.start
    while day <= period.end:
        nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        out.append((f"{day.year:04d}-{day.month:02d}", day, min(nxt - ONE_DAY, period.end)))
        day = nxt
    return out


def _percentages(
    fig: Figures,
    cases: Sequence[Case],
    roster: dict[str, list[RosterEntry]],
    period: Period,
    as_of: dt.date,
) -> None:
    """Verzuimpercentage (with and without leave), meldingsfrequentie, per month too."""
    months = _months(period)
    capacity = dict.fromkeys((m[0] for m in months), 0.0)
    lost = dict.fromkeys(capacity, 0.0)
    lost_leave = 0.0
    employee_days = 0
    for employed in roster.values():
        for day in _days(period.start, period.end):
            hours = _hours_on(employed, day)
            if hours is None:
                continue
            employee_days += 1
            capacity[f"{day.year:04d}-{day.month:02d}"] += hours
    reports = 0
    for case in cases:
        entries = roster.get(case.employee.number or "") or []
        if not entries:
            continue
        leave = _leave_days(case)
        for day in _sick_days(case, period, as_of):
            hours = _hours_on(entries, day)
            if hours is not None and day not in leave:
                lost[f"{day.year:04d}-{day.month:02d}"] += hours * incapacity(case, day, hours)
        # WAZO leave is no sickness; the variant "with leave" counts its days as absence.
        for day in leave:
            hours = _hours_on(entries, day)
            if hours is not None and period.start <= day <= min(period.end, as_of):
                lost_leave += hours
        reports += sum(1 for p in case.sickness if period.start <= p.from_ <= period.end)
    total = sum(capacity.values())
    if total:
        fig.absence_percentage = 100 * sum(lost.values()) / total
        fig.absence_percentage_with_leave = 100 * (sum(lost.values()) + lost_leave) / total
        fig.monthly = [(m, 100 * lost[m] / capacity[m]) for m, _, _ in months if capacity[m]]
    if employee_days:
        fig.average_employees = employee_days / period.days
        fig.report_frequency = reports / fig.average_employees
        fig.report_frequency_per_year = fig.report_frequency * 365 / period.days


def figures(
    cases: Sequence[Case],
    period: Period,
    as_of: dt.date,
    *,
    roster: Sequence[RosterEntry] | None = None,
    group_by: str | None = None,
    min_group: int = 5,
) -> Report:
    """The figures of `cases` over `period`, for all or per `employer` or `casemanager`."""
    people: dict[str, list[RosterEntry]] = {}
    for entry in roster or ():
        people.setdefault(entry.number, []).append(entry)
    on_roster = set(people)
    not_on_roster = sum(
        1 for c in cases if roster is not None and c.employee.number not in on_roster
    )

    def key(case: Case) -> str:
        if group_by == "employer":
            return case.employer.name
        if group_by == "casemanager":
            return case.employer.casemanager or "(geen casemanager)"
        return "alle"

    grouped: dict[str, list[Case]] = {}
    for case in cases:
        grouped.setdefault(key(case), []).append(case)
    staff: dict[str, dict[str, list[RosterEntry]]] = {}
    if roster is not None and group_by in (None, "employer"):
        for number, entries in people.items():
            name = "alle" if group_by is None else (entries[0].employer or "")
            staff.setdefault(name, {})[number] = entries
    if group_by is None:
        grouped.setdefault("alle", [])
    groups: list[Figures] = []
    suppressed = 0
    for name in sorted(set(grouped) | set(staff)):
        members = grouped.get(name, [])
        size = (
            len(staff.get(name, {}))
            if name in staff
            else len({c.employee.number or c.id for c in members})
        )
        if size < min_group:
            suppressed += 1
            continue
        fig = Figures(name, size)
        for case in members:
            _add_case(fig, case, period, as_of)
        if name in staff:
            _percentages(fig, members, staff[name], period, as_of)
        groups.append(fig)
    return Report(
        period,
        as_of,
        group_by,
        min_group,
        tuple(groups),
        suppressed,
        not_on_roster,
        roster is not None,
    )
