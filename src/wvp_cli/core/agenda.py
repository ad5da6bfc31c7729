"""The agenda of a dossier repository: which milestones are overdue or due soon, across all cases.

Pure: the results of the files (their `engine.CaseFacts`), the date `as_of`, a window and filters
in; sorted rows out. Due dates and statuses come from `clock.compute` only
(docs/poortwachter.md, section 2); this module selects and orders them, it never computes
a date of its own.

What is listed (docs/cli.md, `wvp deadlines`):
- every milestone with status `overdue`, whatever the window ("te laat");
- every milestone with status `open` whose due date lies in `as_of … until`, both ends included
  ("binnenkort"); a milestone due on `as_of` itself is upcoming with 0 days left;
- `evaluatie` once, with the due date of the next evaluation (that is how the clock reports it);
- `einde_wachttijd` as information when it is open inside the window, with who "—"; it is never
  listed as overdue (it is a date, not a task);
- never `done`, `late`, `waived`, `paused` or `not_applicable`: a recovered (paused) or closed case
  therefore shows nothing upcoming.
Files that could not be read as a case are reported as skipped, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from wvp_cli.core.milestones import ITEM_INFO, ITEMS_AFTER, TABLE, Item, Milestone

if TYPE_CHECKING:
    from wvp_cli.core.results import FileResult

#: The window when the user names none: two weeks ahead (README, `wvp deadlines`).
DEFAULT_DAYS = 14

#: The parties `--who` accepts, matched as words against `MILESTONE_INFO[code].who`.
PARTIES: tuple[str, ...] = ("werkgever", "werknemer", "bedrijfsarts", "uwv")

#: Information only: listed when inside the window, never as overdue.
INFORMATION = "einde_wachttijd"

Group = Literal["overdue", "open"]


def agenda_items(table: tuple[Milestone, ...] = TABLE) -> dict[str, Milestone | Item]:
    """Everything the agenda can list: the milestones of the `table`, with the items of a running
    tweede spoor after its start."""
    items: dict[str, Milestone | Item] = {}
    for m in table:
        items[m.code] = m
        if m.code == ITEMS_AFTER:
            items.update(ITEM_INFO)
    return items


#: Everything the agenda of the milestone table can list, in order.
ITEMS = agenda_items()


@dataclass(frozen=True)
class Filters:
    """Which rows to keep. Each filter is a set of alternatives (OR); filters combine with AND.

    An empty set means "no filter". `casemanager` holds lower-cased substrings of
    `employer.casemanager`; `who` holds parties of `PARTIES`.
    """

    who: frozenset[str] = frozenset()
    casemanager: frozenset[str] = frozenset()
    case: frozenset[str] = frozenset()
    milestone: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.who or self.casemanager or self.case or self.milestone)

    def keeps_case(self, case_id: str, casemanager: str | None) -> bool:
        if self.case and case_id not in self.case:
            return False
        if self.casemanager:
            name = (casemanager or "").casefold()
            if not any(part.casefold() in name for part in self.casemanager):
                return False
        return True

    def keeps_milestone(self, code: str, items: dict[str, Milestone | Item] = ITEMS) -> bool:
        if self.milestone and code not in self.milestone:
            return False
        return not self.who or bool(self.who & parties_of(code, items))


def parties_of(code: str, items: dict[str, Milestone | Item] = ITEMS) -> frozenset[str]:
    """The parties named in a milestone's `who` ("werkgever + werknemer" names two)."""
    return frozenset(re.findall(r"[a-z]+", items[code].who.lower())) & frozenset(PARTIES)


@dataclass(frozen=True)
class Deadline:
    """One row of the agenda: a milestone of one case that is overdue or due in the window."""

    case: str
    file: str
    employee: str
    casemanager: str | None
    milestone: str
    due: dt.date
    status: Group
    days_left: int
    week: int
    #: The milestone's entry of the table (or the tweede spoor item), and its place there.
    info: Milestone | Item = field(compare=False, repr=False)
    order: int = field(default=0, compare=False, repr=False)

    @property
    def who(self) -> str:
        return self.info.who

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def short_title(self) -> str:
        return self.info.short_title

    @property
    def source(self) -> str:
        return self.info.source

    def sort_key(self) -> tuple[int, dt.date, str, int, str]:
        """Overdue first, then soonest first; ties by case id, milestone order, file."""
        return (
            0 if self.status == "overdue" else 1,
            self.due,
            self.case,
            self.order,
            self.file,
        )


@dataclass(frozen=True)
class Skipped:
    """A file that is not a valid case: it cannot be on the agenda, and the user must know."""

    file: str
    findings: int
    unreadable: bool


@dataclass(frozen=True)
class Agenda:
    as_of: dt.date
    until: dt.date
    filters: Filters
    deadlines: tuple[Deadline, ...]
    skipped: tuple[Skipped, ...]
    #: Valid cases that passed the case filters (`--case`, `--casemanager`).
    cases: int
    #: Case ids of every valid case read, before filtering (for "did you mean").
    case_ids: tuple[str, ...]

    # Made once per agenda (the text output asks for them some times, over 10,000s of rows).
    @functools.cached_property
    def overdue(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.status == "overdue")

    @functools.cached_property
    def upcoming(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.status == "open")

    @property
    def days(self) -> int:
        return (self.until - self.as_of).days


def window_end(as_of: dt.date, *, days: int | None = None, until: dt.date | None = None) -> dt.date:
    """The last day of the window (inclusive): `as_of + days`, `until`, or the default."""
    if until is not None:
        return until
    return as_of + dt.timedelta(days=DEFAULT_DAYS if days is None else days)


def select(
    results: Iterable[FileResult],
    as_of: dt.date,
    until: dt.date,
    filters: Filters | None = None,
    table: tuple[Milestone, ...] = TABLE,
) -> Agenda:
    """The agenda from the results of the files (`engine.file_result` with `agenda=True`), of
    the milestones of `table`."""
    filters = filters or Filters()
    items = ITEMS if table is TABLE else agenda_items(table)
    order = {code: index for index, code in enumerate(items)}
    rows: list[Deadline] = []
    skipped: list[Skipped] = []
    ids: list[str] = []
    cases = 0
    for result in results:
        facts = result.facts
        if facts is None:
            skipped.append(Skipped(result.file, result.load_findings, result.unreadable))
            continue
        ids.append(facts.id)
        if not filters.keeps_case(facts.id, facts.casemanager):
            continue
        cases += 1
        for item in facts.items:
            code, due = item.code, item.due
            if item.status == "overdue" and code != INFORMATION:
                group: Group = "overdue"
            elif item.status == "open" and as_of <= due <= until:
                group = "open"
            else:
                continue
            if not filters.keeps_milestone(code, items):
                continue
            rows.append(  # by position: some 20,000 rows for a large repository
                Deadline(
                    facts.id,
                    result.file,
                    facts.employee,
                    facts.casemanager,
                    code,
                    due,
                    group,
                    (due - as_of).days,
                    item.week,
                    items[code],
                    order[code],
                )
            )
    rows.sort(key=Deadline.sort_key)
    return Agenda(as_of, until, filters, tuple(rows), tuple(skipped), cases, tuple(ids))


def normal_name(name: str) -> str:
    """How casemanagers' names are compared: spaces collapsed, case ignored."""
    return " ".join(name.split()).casefold()


def by_casemanager(results: Iterable[FileResult]) -> dict[str | None, list[FileResult]]:
    """The valid cases' results per casemanager (`employer.casemanager`, compared by
    `normal_name`, keyed by the name as first written; None for cases without one), in the
    order first seen. Files that are not valid cases are left out: `select` reports them."""
    groups: dict[str | None, list[FileResult]] = {}
    names: dict[str, str] = {}
    for result in results:
        if result.facts is None:
            continue
        name = result.facts.casemanager
        key = (
            None if name is None or not name.strip() else names.setdefault(normal_name(name), name)
        )
        groups.setdefault(key, []).append(result)
    return groups
