"""The portfolio (werkvoorraad): every case of a dossier repository on one line, with its state,
week, track, last step, next step, errors and how complete the re-integratieverslag would be.

Pure: the loaded cases, their findings and the date `as_of` in, rows out; the web dashboard uses
the same rows. States, weeks and due dates come from the clock (`clock.compute`) and the agenda's
items (`engine.case_facts`); this module only reads and orders them, it computes no date of its
own beyond the retention period (a setting, see docs/cases.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from wvp_cli.core.clock import Timeline
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.milestones import ITEM_INFO, MILESTONE_INFO
from wvp_cli.core.model import Case, ReIntegratieverslag, Werkhervatting

if TYPE_CHECKING:
    from wvp_cli.core.results import FileResult

#: What `wvp cases` calls the state of a case (docs/cases.md), in the order of the rules page.
STATES: tuple[str, ...] = (
    "ziek",
    "gedeeltelijk_hersteld",
    "hersteld",
    "afgesloten",
    "wachttijd_voorbij",
)
#: States shown without `--all`: the cases that still ask for work.
ACTIVE: frozenset[str] = frozenset({"ziek", "gedeeltelijk_hersteld", "wachttijd_voorbij"})

STATE_WORDS: dict[str, str] = {
    "ziek": "ziek",
    "gedeeltelijk_hersteld": "gedeeltelijk hersteld",
    "hersteld": "hersteld",
    "afgesloten": "afgesloten",
    "wachttijd_voorbij": "wachttijd voorbij",
}

#: AP-beleidsregels De zieke werknemer and common practice: the employer keeps a verzuimdossier
#: no longer than needed, in practice two years after the case ended (five for an
#: eigenrisicodrager, whose decisions UWV can review for five years). A setting: --retention-years.
RETENTION_YEARS = 2

Sort = Literal["due", "week", "id"]
SORTS: tuple[str, ...] = ("due", "week", "id")

#: Information only, never the next step while a real step is open (docs/poortwachter.md).
_INFORMATION = "einde_wachttijd"


@dataclass(frozen=True)
class Partial:
    """The partial return to work in force at `as_of` (the latest `werkhervatting`)."""

    since: dt.date
    hours: float
    contract_hours: float | None
    therapeutic: bool
    work: str | None

    @property
    def words(self) -> str:
        """`16/32 uur`, `8/32 uur therapeutisch`."""
        hours = f"{self.hours:g}"
        of = f"/{self.contract_hours:g}" if self.contract_hours is not None else ""
        kind = " therapeutisch" if self.therapeutic else ""
        return f"{hours}{of} uur{kind}"


@dataclass(frozen=True)
class Step:
    """A step: done (`last_step`) or to do (`next_step`)."""

    code: str
    title: str
    date: dt.date
    #: Next step only: days from `as_of` to its due date (negative: overdue), its status and who.
    days_left: int | None = None
    status: str | None = None
    who: str | None = None


@dataclass(frozen=True)
class Row:
    """One case of the portfolio."""

    case: str
    file: str
    employee: str
    employer: str
    casemanager: str | None
    first_sick_day: dt.date
    last_wage_day: dt.date
    week: int
    state: str
    clock_state: str
    partial: Partial | None
    track: tuple[int, ...]
    last_step: Step | None
    next_step: Step | None
    errors: int
    warnings: int
    riv_present: int
    riv_required: int
    riv_missing: tuple[str, ...]
    closed_on: dt.date | None
    closing_reason: str | None
    #: The last day the dossier is kept (retention period after the end of the case); None
    #: while the case runs.
    keep_until: dt.date | None
    #: The retention period has passed: the dossier should be removed (AVG art. 5 lid 1 e).
    remove: bool

    @property
    def active(self) -> bool:
        return self.state in ACTIVE

    @property
    def state_words(self) -> str:
        words = STATE_WORDS.get(self.state, self.state.replace("_", " "))
        if self.state == "gedeeltelijk_hersteld" and self.partial is not None:
            return f"{words} {self.partial.words}"
        return words


@dataclass(frozen=True)
class Filters:
    """Which rows to keep. Each filter is a set of alternatives (OR); filters combine (AND).
    Names match as case-insensitive substrings."""

    casemanager: frozenset[str] = frozenset()
    employer: frozenset[str] = frozenset()
    state: frozenset[str] = frozenset()
    track: frozenset[int] = frozenset()
    #: Show recovered and closed cases too.
    all: bool = False

    def keeps(self, row: Row) -> bool:
        if not self.all and not self.state and not row.active and not row.remove:
            return False
        if self.state and row.state not in self.state:
            return False
        if self.track and not self.track & set(row.track):
            return False
        for wanted, value in ((self.casemanager, row.casemanager), (self.employer, row.employer)):
            if wanted:
                name = (value or "").casefold()
                if not any(part.casefold() in name for part in wanted):
                    return False
        return True


@dataclass(frozen=True)
class Skipped:
    file: str
    findings: int
    unreadable: bool


@dataclass(frozen=True)
class Portfolio:
    as_of: dt.date
    rows: tuple[Row, ...]
    skipped: tuple[Skipped, ...] = ()
    #: Valid cases left out by the filters (recovered and closed ones without --all).
    hidden: int = 0
    filters: Filters = field(default_factory=Filters)


def _title(code: str) -> str:
    info = MILESTONE_INFO.get(code) or ITEM_INFO.get(code)
    return info.title if info else code.replace("_", " ")


def _who(code: str) -> str | None:
    info = MILESTONE_INFO.get(code) or ITEM_INFO.get(code)
    return info.who if info else None


def partial_return(case: Case, timeline: Timeline) -> Partial | None:
    """The `werkhervatting` in force at `as_of` in the current case, when it has hours; None
    when the employee works no hours (fully sick) or there is none."""
    found = [
        (event.date, index, event)
        for index, event in enumerate(case.events)
        if isinstance(event, Werkhervatting)
        and timeline.first_sick_day <= event.date <= timeline.as_of
    ]
    if not found:
        return None
    _, _, latest = max(found, key=lambda item: (item[0], item[1]))
    if latest.hours <= 0:
        return None
    contract = latest.contract_hours
    if contract is None:
        contract = case.employee.hours_per_week
    return Partial(latest.date, latest.hours, contract, latest.therapeutic, latest.work)


def track_of(case: Case, timeline: Timeline) -> tuple[int, ...]:
    """The tracks the case is on: the latest plan or bijstelling's `track`, with spoor 2 while a
    tweede spoor runs (started and not stopped)."""
    from wvp_cli.core.tweede_spoor import phase

    tracks: set[int] = set()
    plans = [
        (event.date, index, event)
        for index, event in enumerate(case.events)
        if event.type in ("plan_van_aanpak", "bijstelling")
        and timeline.first_sick_day <= event.date <= timeline.as_of
        and getattr(event, "track", None) is not None
    ]
    if plans:
        track = getattr(max(plans, key=lambda item: (item[0], item[1]))[2], "track", None)
        if isinstance(track, list):
            tracks.update(track)
        elif isinstance(track, int):
            tracks.add(track)
    ts = phase(case, timeline)
    if ts.started and (ts.stopped is None or ts.stopped > timeline.as_of):
        tracks.add(2)
    return tuple(sorted(tracks))


def _state(case: Case, timeline: Timeline, partial: Partial | None) -> str:
    clock_state = str(timeline.state)
    if clock_state == "closed":
        return "afgesloten"
    if clock_state == "recovered":
        return "hersteld"
    if clock_state == "wachttijd_voorbij" or timeline.as_of > timeline.last_wage_day:
        return "wachttijd_voorbij"
    if clock_state == "sick":
        return "gedeeltelijk_hersteld" if partial is not None else "ziek"
    return clock_state


def _week(timeline: Timeline) -> int:
    """The week of the wachttijd at `as_of`: the clock stands still after the last sick day and
    the closing, and the wachttijd has no week beyond its last wage day."""
    day = min(timeline.as_of, timeline.last_wage_day)
    if timeline.last_sick_day is not None:
        day = min(day, timeline.last_sick_day)
    if timeline.closed_on is not None:
        day = min(day, timeline.closed_on)
    return max(1, timeline.clock.week_of(max(day, timeline.first_sick_day)))


def _last_step(case: Case, timeline: Timeline) -> Step | None:
    done = [
        (event.date, index, event.type)
        for index, event in enumerate(case.events)
        if timeline.first_sick_day <= event.date <= timeline.as_of
    ]
    if not done:
        return None
    day, _, code = max(done)
    return Step(code, _title(code), day)


def _next_step(case: Case, timeline: Timeline) -> Step | None:
    """The soonest of what `wvp deadlines` can list for the case (engine.case_facts): every
    milestone the clock has overdue or open, and what else the case owes (`owed_items`: the
    items of a running tweede spoor, the answer to a request for a deskundigenoordeel)."""
    from wvp_cli.core.tweede_spoor import owed_items

    as_of = timeline.as_of
    items = [
        (m.due, m.code, m.status) for m in timeline.milestones if m.status in ("open", "overdue")
    ]
    owed = owed_items(case, timeline)
    items.extend((due, code, "overdue" if due < as_of else "open") for code, due in owed)
    steps = [i for i in items if i[1] != _INFORMATION] or items
    if not steps:
        return None
    due, code, status = min(steps)
    return Step(
        code, _title(code), due, days_left=(due - as_of).days, status=status, who=_who(code)
    )


def _riv(case: Case, timeline: Timeline) -> tuple[int, int, tuple[str, ...]]:
    from wvp_cli.core.riv_items import items

    verslag = None
    m = timeline.milestone("re_integratieverslag")
    if m.event is not None:
        event = case.events[m.event]
        verslag = event if isinstance(event, ReIntegratieverslag) else None
    until = verslag.date if verslag is not None else timeline.as_of
    found = items(case, timeline.first_sick_day, until, verslag)
    missing = tuple(i.letter for i in found if not i.present)
    return len(found) - len(missing), len(found), missing


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def row(
    case: Case,
    file: str,
    timeline: Timeline,
    findings: Iterable[Finding] = (),
    *,
    retention_years: int = RETENTION_YEARS,
) -> Row:
    """The portfolio line of one valid case at `timeline.as_of`."""
    errors, warnings = _counts(findings)
    partial = partial_return(case, timeline)
    state = _state(case, timeline, partial)
    closing_reason = None
    if timeline.closing_event is not None:
        closing_reason = getattr(case.events[timeline.closing_event], "reason", None)
    ended: dt.date | None = None
    if state == "afgesloten":
        ended = timeline.closed_on or timeline.last_sick_day
    keep_until = _add_years(ended, retention_years) if ended is not None else None
    present, required, missing = _riv(case, timeline)
    return Row(
        case=case.id,
        file=file,
        employee=case.employee.name,
        employer=case.employer.name,
        casemanager=case.employer.casemanager,
        first_sick_day=timeline.first_sick_day,
        last_wage_day=timeline.last_wage_day,
        week=_week(timeline),
        state=state,
        clock_state=str(timeline.state),
        partial=partial,
        track=track_of(case, timeline),
        last_step=_last_step(case, timeline),
        next_step=_next_step(case, timeline) if state in ACTIVE else None,
        errors=errors,
        warnings=warnings,
        riv_present=present,
        riv_required=required,
        riv_missing=missing,
        closed_on=timeline.closed_on,
        closing_reason=closing_reason,
        keep_until=keep_until,
        remove=keep_until is not None and keep_until < timeline.as_of,
    )


def _sort_key(sort: Sort) -> object:
    far = dt.date.max

    def by_due(r: Row) -> tuple[object, ...]:
        due = r.next_step.date if r.next_step is not None else far
        return (not r.active, due, r.case, r.file)

    def by_week(r: Row) -> tuple[object, ...]:
        return (not r.active, -r.week, r.case, r.file)

    def by_id(r: Row) -> tuple[object, ...]:
        return (r.case, r.file)

    return {"due": by_due, "week": by_week, "id": by_id}[sort]


def select(
    rows: Sequence[Row],
    as_of: dt.date,
    filters: Filters | None = None,
    sort: Sort = "due",
    skipped: Sequence[Skipped] = (),
) -> Portfolio:
    """The rows the filters keep, sorted: by next due date (active cases first, then the rest),
    by week (longest first) or by id."""
    filters = filters or Filters()
    kept = [r for r in rows if filters.keeps(r)]
    kept.sort(key=_sort_key(sort))  # type: ignore[arg-type]
    return Portfolio(as_of, tuple(kept), tuple(skipped), len(rows) - len(kept), filters)


def counted(made: Row, findings: Iterable[Finding]) -> Row:
    """`made` with the errors and warnings among `findings` (those of its file, repository-wide
    rules included): a row kept with its file's result is counted again in every run."""
    errors, warnings = _counts(findings)
    return replace(made, errors=errors, warnings=warnings)


def _counts(findings: Iterable[Finding]) -> tuple[int, int]:
    found = [f.severity for f in findings]
    return found.count(Severity.ERROR), found.count(Severity.WARNING)


def from_results(
    results: Iterable[FileResult], findings: Iterable[Finding]
) -> tuple[list[Row], list[Skipped]]:
    """The rows of the valid cases among `results` (each made with its file's result, see
    `engine.file_result`), with the error counts of `findings` (those of `wvp check` at the
    same date, repository-wide rules included), and the files that are no valid case."""
    per_file: dict[str, list[Finding]] = {}
    for finding in findings:
        per_file.setdefault(finding.location.file, []).append(finding)
    rows: list[Row] = []
    skipped: list[Skipped] = []
    for result in results:
        if not result.is_case:
            continue
        if not result.valid:
            skipped.append(Skipped(result.file, result.load_findings, result.unreadable))
            continue
        assert result.row is not None, "the results of a portfolio hold every valid case's row"
        rows.append(counted(result.row, per_file.get(result.file, ())))
    return rows, skipped
