"""What the pages show, made from the same functions as the commands: the werkvoorraad is
`wvp deadlines` (core/agenda over the scan), the portfolio `wvp cases` (app.run_cases), the
check `wvp check` (the scan and engine.finish), a case's milestones `wvp timeline` (the clock).
Every call reads the files again through the signed result cache, so a page follows an edit
or a `git pull` on its next load. No HTML here: the templates make that."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wvp_cli.core.agenda import Agenda
    from wvp_cli.core.agenda import Filters as AgendaFilters
    from wvp_cli.core.clock import MilestoneStatus, Timeline
    from wvp_cli.core.findings import Finding
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.core.portfolio import Filters, Portfolio, Sort
    from wvp_cli.engine import CheckResult
    from wvp_cli.repo.config import Config


class NotFound(Exception):
    """No case file of the repository has this name (Dutch message)."""


@dataclass(frozen=True)
class Repository:
    """The dossier repository the server shows: a folder, and its configuration file."""

    root: Path
    config_file: Path | None = None

    def config(self) -> Config:
        from wvp_cli.app import load_config

        return load_config([self.root], self.config_file)

    def case_files(self, conf: Config | None = None) -> dict[str, str]:
        """Every case file under the root (outside what the configuration excludes), by its
        name relative to the root: the only files a page may open."""
        from wvp_cli.app import find_paths

        conf = conf or self.config()
        found = find_paths(
            [self.root], conf.exclude, root=conf.root, gitignore=conf.respect_gitignore
        )
        return {self.relative(str(file)): str(file) for file, _ in found}

    def relative(self, file: str) -> str:
        return Path(os.path.relpath(file, self.root)).as_posix()

    def open(self, name: str) -> LoadedFile:
        """The case file `name` (relative to the root), read now. Only a file the repository
        holds: no path outside it, no other file."""
        from wvp_cli.core.loader import read_file

        conf = self.config()
        files = self.case_files(conf)
        file = files.get(name)
        if file is None:
            raise NotFound(f"geen case-bestand '{name}' in deze repository")
        real, base = os.path.realpath(file), os.path.realpath(self.root)
        if os.path.commonpath([real, base]) != base:
            raise NotFound(f"'{name}' ligt buiten de repository")
        return read_file(Path(file), file, max_bytes=conf.max_file_size)


# --- the werkvoorraad, the portfolio, the check --------------------------------------------


def werkvoorraad(
    repo: Repository, day: dt.date, days: int, filters: AgendaFilters
) -> tuple[Agenda, list[str]]:
    """`wvp deadlines --days N` with its filters, and the names of every case's people (for
    incognito mode)."""
    from wvp_cli.app import scan_paths
    from wvp_cli.core import agenda as core
    from wvp_cli.repo.scan import Task

    conf = repo.config()
    end = core.window_end(day, days=days)
    task = Task(day, findings=False, agenda=True, until=end, max_bytes=conf.max_file_size)
    files = scan_paths(
        [repo.root], task, conf.exclude, root=conf.root, gitignore=conf.respect_gitignore
    )
    names = [n for f in files if f.facts for n in (f.facts.employee, f.facts.casemanager) if n]
    return core.select(files, day, end, filters), names


def people(repo: Repository, day: dt.date) -> list[str]:
    """The names of every case's werknemer and casemanager (from the agenda's cached facts), for
    a page in incognito mode that may quote any case."""
    from wvp_cli.core.agenda import Filters as AgendaFilters

    _, names = werkvoorraad(repo, day, 0, AgendaFilters())
    return names


#: Portfolios already made, by what they were made of (see `portfolio`).
_PORTFOLIOS: dict[tuple[object, ...], Portfolio] = {}


def state_of_files(repo: Repository) -> tuple[object, ...]:
    """What the files of the repository are now: every case file's name, size and modification
    time (and inode: `git pull` writes a new file), and the configuration file's. Any edit,
    pull or new file changes it."""
    conf = repo.config()
    names = sorted(repo.case_files(conf).values())
    if conf.file:
        names.append(conf.file)
    found: list[tuple[str, int, int, int, int]] = []
    for name in names:
        try:
            stat = os.stat(name)
        except OSError:
            continue
        found.append((name, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    return tuple(found)


def portfolio(repo: Repository, day: dt.date, filters: Filters, sort: Sort) -> Portfolio:
    """`wvp cases` with its filters. `run_cases` reads every case file to build the rows (about
    4 ms a case); while no file changed, the page shows the portfolio it made last time."""
    from wvp_cli.app import run_cases

    key = (repo, day, filters, sort, state_of_files(repo))
    if key not in _PORTFOLIOS:
        result, _ = run_cases([repo.root], day, filters, sort, config_file=repo.config_file)
        if len(_PORTFOLIOS) >= 16:
            _PORTFOLIOS.pop(next(iter(_PORTFOLIOS)))
        _PORTFOLIOS[key] = result
    return _PORTFOLIOS[key]


def check(repo: Repository, day: dt.date) -> CheckResult:
    """`wvp check` of the whole repository, with its configuration."""
    from wvp_cli import engine
    from wvp_cli.app import scan_paths
    from wvp_cli.repo.scan import Task

    conf = repo.config()
    settings = conf.settings()
    task = Task(day, settings, max_bytes=conf.max_file_size)
    files = scan_paths(
        [repo.root], task, conf.exclude, root=conf.root, gitignore=conf.respect_gitignore
    )
    return engine.finish(files, day, settings)


# --- one case ------------------------------------------------------------------------------

#: How a status is shown: a word, a sign that reads without colour, and a CSS class.
STATUS_SIGNS = {
    "done": "✓",
    "late": "✓!",
    "open": "○",
    "overdue": "✗",
    "waived": "≈",
    "paused": "‖",
    "not_applicable": "–",
}


@dataclass(frozen=True)
class Marker:
    """A milestone on the 104-week bar."""

    code: str
    title: str
    week: int
    x: float
    status: str
    due: dt.date


@dataclass(frozen=True)
class Bar:
    """The 104-week bar: its length in weeks, where the case is, and its milestones."""

    weeks: int
    now: int
    now_x: float
    markers: tuple[Marker, ...]
    ticks: tuple[tuple[int, float], ...]

    WIDTH = 1000.0


def bar(timeline: Timeline) -> Bar:
    from wvp_cli.core.milestones import MILESTONE_INFO

    last = timeline.clock.week_of(timeline.last_wage_day)
    weeks = max(104, last)
    now = 0
    if timeline.as_of >= timeline.first_sick_day:
        now = min(timeline.clock.week_of(timeline.as_of), last)

    def x(week: int) -> float:
        return round(min(max(week, 0), weeks) / weeks * Bar.WIDTH, 1)

    markers = tuple(
        Marker(m.code, MILESTONE_INFO[m.code].short_title, m.week, x(m.week), m.status, m.due)
        for m in timeline.milestones
        if m.status != "not_applicable"
    )
    ticks = tuple((w, x(w)) for w in range(0, weeks + 1, 13))
    return Bar(weeks, now, x(now), markers, ticks)


@dataclass(frozen=True)
class EventView:
    index: int
    type: str
    title: str
    date: dt.date
    fields: tuple[tuple[str, str], ...]


def _shown(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dict):
        parts = [value.get("what"), value.get("who"), value.get("by")]
        if any(parts):
            return " | ".join(_shown(p) for p in parts if p is not None)
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(_shown(v) for v in value)
    return str(value)


def events(loaded: LoadedFile) -> list[EventView]:
    """The events of a case, newest first, each field with its Dutch label."""
    from wvp_cli.core import forms

    assert loaded.case is not None
    out = []
    for index, event in enumerate(loaded.case.events):
        data = event.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
        step = forms.FORMS.get(event.type)
        labels = {f.name: f.label for f in step.fields} if step else {}
        fields = tuple(
            (labels.get(key, key.replace("_", " ")), _shown(value))
            for key, value in data.items()
            if key not in ("type", "date")
        )
        title = step.title if step else event.type.replace("_", " ")
        out.append(EventView(index, event.type, title, event.date, fields))
    out.sort(key=lambda e: (e.date, e.index), reverse=True)
    return out


@dataclass(frozen=True)
class FindingView:
    finding: Finding
    line: int
    source: str


@dataclass(frozen=True)
class CaseView:
    name: str
    loaded: LoadedFile
    timeline: Timeline | None
    milestones: tuple[MilestoneStatus, ...]
    bar: Bar | None
    events: list[EventView]
    findings: list[FindingView]
    people: list[str] = field(default_factory=list)


def findings_of(loaded: LoadedFile, result: CheckResult) -> list[FindingView]:
    """The findings of `wvp check` on this file, each with the line it points at."""
    lines = loaded.text.splitlines()
    out = []
    for f in sorted(result.findings, key=lambda f: f.sort_key()):
        if f.location.file != loaded.file:
            continue
        line = f.location.line
        source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        out.append(FindingView(f, line, source))
    return out


def case_view(repo: Repository, name: str, day: dt.date) -> CaseView:
    from wvp_cli.core import clock
    from wvp_cli.web.masking import people_of

    loaded = repo.open(name)
    findings = findings_of(loaded, check(repo, day))
    if loaded.case is None:
        return CaseView(name, loaded, None, (), None, [], findings)
    timeline = clock.compute(loaded.case, day)
    return CaseView(
        name,
        loaded,
        timeline,
        timeline.milestones,
        bar(timeline),
        events(loaded),
        findings,
        people_of(loaded.case),
    )


def rules() -> Sequence[Any]:
    """The rule registry, as `wvp rules` lists it."""
    from wvp_cli.rules import all_rules

    return list(all_rules().values())
