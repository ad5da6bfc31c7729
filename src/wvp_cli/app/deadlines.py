"""`wvp deadlines`: the agenda across a dossier repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.app.common import fail, load_config, scan_configured

if TYPE_CHECKING:
    from wvp_cli.core.agenda import Agenda
    from wvp_cli.core.agenda import Filters as AgendaFilters
    from wvp_cli.core.results import FileResult


@dataclass(frozen=True)
class DeadlinesOptions:
    """What `wvp deadlines` is asked (docs/deadlines.md): the window is `--week`, `--days`
    or `--until` (at most one; default 14 days)."""

    paths: Sequence[Path] | None
    as_of: dt.date
    filters: AgendaFilters
    week: bool = False
    days: int | None = None
    until: dt.date | None = None
    config_file: Path | None = None
    exclude: Sequence[str] | None = None
    follow_links: bool = False
    cache: bool = True
    jobs: int | None = None


@dataclass(frozen=True)
class DeadlinesOutcome:
    agenda: Agenda
    #: The result of every case file (to split the agenda per casemanager).
    files: list[FileResult]

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, 1 when one was skipped as no valid case, else 0."""
        if any(s.unreadable for s in self.agenda.skipped):
            return 2
        return 1 if self.agenda.skipped else 0


def run_deadlines(options: DeadlinesOptions) -> DeadlinesOutcome:
    """`wvp deadlines`: what is overdue and what is due in the window, across the case files
    under the paths, through the cache."""
    from wvp_cli.core import agenda as core
    from wvp_cli.core.dutch import nearest
    from wvp_cli.repo.scan import Task

    day = options.as_of
    if sum((options.week, options.days is not None, options.until is not None)) > 1:
        fail("kies één van --week, --days en --until")
    if options.days is not None and options.days < 0:
        fail(f"--days verwacht 0 of meer dagen, niet {options.days}")
    if options.until is not None and options.until < day:
        fail(f"--until {options.until.isoformat()} ligt voor de peildatum {day.isoformat()}")
    end = core.window_end(day, days=7 if options.week else options.days, until=options.until)
    conf = load_config(options.paths, options.config_file)
    task = Task(day, findings=False, agenda=True, until=end, max_bytes=conf.max_file_size)
    files = scan_configured(
        options.paths, task, conf, exclude=options.exclude, follow_links=options.follow_links,
        cache=options.cache, jobs=options.jobs,
    )  # fmt: skip
    filters = options.filters
    agenda = core.select(files, day, end, filters)
    known = set(agenda.case_ids) | {f.case_id for f in files if f.case_id}
    for wanted in sorted(filters.case - known):
        close = nearest(wanted, sorted(known))
        hint = f"; bedoelde je {close}?" if close else ""
        fail(f"--case: geen case met id '{wanted}'{hint}")
    return DeadlinesOutcome(agenda, files)
