"""The application layer: what every command (and the editor server, the web pages, the
notifier) does with options, as functions that return values. No printing, no exit codes: a
problem the user must fix is a `Problem` (the command line turns it into exit code 2)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn

from wvp_cli.app.render import run_bundle as run_bundle
from wvp_cli.app.render import run_render as run_render
from wvp_cli.app.timeline import run_timeline as run_timeline

if TYPE_CHECKING:
    from wvp_cli.core.agenda import Agenda
    from wvp_cli.core.agenda import Filters as AgendaFilters
    from wvp_cli.core.findings import Finding
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.core.model import Case
    from wvp_cli.core.portfolio import Filters, Portfolio, Row, Sort
    from wvp_cli.core.results import FileResult
    from wvp_cli.repo.config import Config
    from wvp_cli.repo.scan import Task
    from wvp_cli.report.registry import CheckReport


class Problem(Exception):
    """Something the user typed or pointed at that wvp cannot work with (exit code 2)."""


def fail(message: str) -> NoReturn:
    raise Problem(message)


class InvalidCase(Exception):
    """The file named is not a valid case; its findings say why (the command line shows them:
    exit code 1, or 2 for a file that cannot be read)."""

    def __init__(self, loaded: LoadedFile) -> None:
        super().__init__(loaded.file)
        self.loaded = loaded


def find_paths(
    paths: Sequence[Path] | None,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    *,
    root: Path | None = None,
    cli_exclude: Sequence[str] = (),
    gitignore: bool = True,
) -> list[tuple[Path, bool]]:
    """Every (file, named) under `paths` (exit 2 for a path that does not exist).

    `exclude` patterns (the configuration's) have the semantics of .gitignore relative to
    `root` (the folder of wvp.toml; the working folder without one), `cli_exclude` (`--exclude`)
    relative to the working folder; with `gitignore` the .gitignore files count too. An
    excluded folder is not walked. A file named on the command line is left out only by the
    `exclude` patterns, never by .gitignore.
    """
    from wvp_cli.repo.files import Exclusions, discover

    targets = list(paths) if paths else [Path(".")]
    cwd = Path(".")
    patterns = [(root or cwd, list(exclude or [])), (cwd, list(cli_exclude))]
    exclusions = Exclusions(patterns, gitignore=gitignore)
    named_rules = Exclusions(patterns, gitignore=False)
    try:
        found = list(discover(targets, follow_links=follow_links, exclusions=exclusions))
    except FileNotFoundError as exc:
        fail(f"pad bestaat niet: {exc.args[0]}")
    return [
        (file, named)
        for file, named in found
        if not (named and named_rules and named_rules.excluded(file, False))
    ]


def excluded(file: Path, patterns: Sequence[str], base: Path | None) -> bool:
    """Whether an `exclude` pattern (.gitignore semantics, relative to `base`, the folder of
    wvp.toml, or the working folder) leaves `file` out."""
    from wvp_cli.repo.files import Exclusions

    rules = Exclusions([(base or Path("."), patterns)], gitignore=False)
    return bool(patterns) and rules.excluded(file, False)


def scan_paths(
    paths: Sequence[Path] | None,
    task: Task,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    *,
    root: Path | None = None,
    cache: bool = True,
    jobs: int | None = None,
    cli_exclude: Sequence[str] = (),
    gitignore: bool = True,
) -> list[FileResult]:
    """The result of every case file under `paths` (see `find_paths`), through the cache."""
    from wvp_cli.repo.scan import scan
    from wvp_cli.repo.store import CACHE_DIR

    found = find_paths(
        paths, exclude, follow_links, root=root, cli_exclude=cli_exclude, gitignore=gitignore
    )
    results = scan(found, task, cache_dir=CACHE_DIR if cache else None, jobs=jobs)
    return [result for result in results if result.is_case]


def load_config(paths: Sequence[Path] | None, explicit: Path | None = None) -> Config:
    """The configuration for a command over `paths` (wvp.toml or [tool.wvp] found from the first
    path, or `explicit`): every command reads the same one."""
    from wvp_cli.repo import config

    try:
        return config.load(paths[0] if paths else None, explicit)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")


def resolve_case(
    arg: str, search: Sequence[Path] | None, config_file: Path | None = None
) -> LoadedFile:
    """A case named by its file, or by its id among the case files under `search`, read with
    the configuration (wvp.toml found from the file or `search`, or `config_file`): its
    `max_file_size`, and its `exclude` and .gitignore for the search by id."""
    from wvp_cli.core.loader import read_file

    path = Path(arg)
    named = path.is_file() or (path.suffix in (".yaml", ".yml") and os.path.lexists(path))
    conf = load_config([path] if named else search, config_file)
    if named:
        return read_file(path, arg, max_bytes=conf.max_file_size)
    matches = files_of_case(arg, search, conf)
    if not matches:
        where = ", ".join(str(p) for p in search) if search else "."
        fail(f"geen case-bestand '{arg}' en geen case met id '{arg}' in {where}")
    if len(matches) > 1:
        fail(f"case-id '{arg}' staat in meer bestanden: {', '.join(matches)}")
    return read_file(Path(matches[0]), matches[0], max_bytes=conf.max_file_size)


def open_case(
    arg: str, search: Sequence[Path] | None, config_file: Path | None = None
) -> tuple[LoadedFile, Case]:
    """`resolve_case`, for a command that needs a valid case (else `InvalidCase`)."""
    loaded = resolve_case(arg, search, config_file)
    if loaded.case is None:
        raise InvalidCase(loaded)
    return loaded, loaded.case


def files_of_case(
    case_id: str, search: Sequence[Path] | None, conf: Config | None = None
) -> list[str]:
    """The case files under `search` whose id is `case_id` (outside what the configuration
    excludes)."""
    from wvp_cli.repo.scan import Task

    conf = conf if conf is not None else load_config(search)
    # Only the ids are needed: no rules, no agenda, and no peildatum (any date gives the same).
    task = Task(dt.date.min, findings=False, max_bytes=conf.max_file_size)
    found = scan_paths(search, task, conf.exclude, root=conf.root, gitignore=conf.respect_gitignore)
    return [f.file for f in found if f.case_id == case_id]


def run_cases(
    paths: Sequence[Path] | None,
    as_of: dt.date,
    filters: Filters | None = None,
    sort: Sort = "due",
    *,
    config_file: Path | None = None,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    retention_years: int = 2,
) -> tuple[Portfolio, int]:
    """`wvp cases`: the portfolio of the case files under `paths` at `as_of`, and how many case
    files were found. Error counts are those of `wvp check` (same settings, through the cache)."""
    from wvp_cli import engine
    from wvp_cli.core import portfolio
    from wvp_cli.core.loader import read_file
    from wvp_cli.repo import config
    from wvp_cli.repo.scan import Task

    try:
        conf = config.load(paths[0] if paths else None, config_file)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    settings = conf.settings()
    results = scan_paths(
        paths,
        Task(as_of, settings, max_bytes=conf.max_file_size),
        conf.exclude,
        follow_links,
        root=conf.root,
        cli_exclude=exclude or (),
        gitignore=conf.respect_gitignore,
    )
    checked = engine.finish(results, as_of, settings)
    loaded = [read_file(Path(r.file), r.file, max_bytes=conf.max_file_size) for r in checked.files]
    rows, skipped = portfolio.build(
        loaded, checked.findings, as_of, retention_years=retention_years
    )
    rows = [_masked_row(row, settings.options) for row in rows]
    return portfolio.select(rows, as_of, filters, sort, skipped), len(loaded)


def _masked_row(row: Row, options: Mapping[str, Any]) -> Row:
    """A portfolio row with its case id and closing reason masked as a finding's message is:
    an id or a reason that names a diagnosis or holds a BSN must not spread through a list."""
    from dataclasses import replace

    from wvp_cli.privacy.matcher import redact

    case = redact(row.case, options)
    reason = redact(row.closing_reason, options) if row.closing_reason else row.closing_reason
    if case == row.case and reason == row.closing_reason:
        return row
    return replace(row, case=case, closing_reason=reason)


#: The privacy rules whose findings keep a case's text out of a document.
PRIVACY_GATE = frozenset({"WVP400", "WVP401", "WVP402", "WVP404"})


def privacy_findings(loaded: LoadedFile, as_of: dt.date) -> list[Finding]:
    """The findings of the privacy rules on one case (messages masked), with the options of
    the configuration that applies to its folder. A document prints the case's text, so a
    case with medical data or a BSN outside employee.bsn must not become one."""
    from wvp_cli import engine
    from wvp_cli.repo import config
    from wvp_cli.rules import all_rules

    try:
        options = dict(config.load(Path(loaded.file).parent).settings().options)
    except config.ConfigError:
        options = {}
    settings = engine.Settings(select=PRIVACY_GATE, options=options)
    rules = tuple(r for code, r in all_rules().items() if code in PRIVACY_GATE)
    found = engine.case_findings(loaded, as_of, rules, settings)
    return sorted(
        (f for f in engine.settled(found, settings) if f.rule in PRIVACY_GATE),
        key=lambda f: f.sort_key(),
    )


# --- wvp check ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckOptions:
    """What `wvp check` is asked (docs/check.md). `paths` `['-']` reads one case from `stdin`,
    shown as `stdin_filename`."""

    paths: Sequence[Path] | None
    as_of: dt.date
    select: Sequence[str] | None = None
    ignore: Sequence[str] | None = None
    #: `error` or `warning` (`--strict`); None: the configuration's.
    fail_on: str | None = None
    changed_since: str | None = None
    config_file: Path | None = None
    exclude: Sequence[str] | None = None
    follow_links: bool = False
    cache: bool = True
    jobs: int | None = None
    hook: bool = False
    stdin_filename: str | None = None
    #: Names relative to the repository's root (every machine format, and `--statistics`).
    machine: bool = False
    statistics: bool = False
    show_suppressed: bool = False


@dataclass(frozen=True)
class CheckOutcome:
    report: CheckReport
    #: How many case files were found (none: the command says so, except with --hook).
    files_found: int

    @property
    def exit_code(self) -> int:
        """2 when a file could not be read, 1 when a finding fails the run, else 0."""
        from wvp_cli.core.findings import Severity

        result = self.report.result
        if any(f.unreadable for f in result.files):
            return 2
        worst = {f.severity for f in result.findings}
        failing = Severity.ERROR in worst or (
            self.report.fail_on == "warning" and Severity.WARNING in worst
        )
        return 1 if failing else 0


def run_check(options: CheckOptions, stdin: BinaryIO | None = None) -> CheckOutcome:
    """`wvp check`: every case file under the paths (or the one on `stdin`) checked at
    `as_of` with the configuration and the options, the rules that span the repository
    included, through the cache."""
    from wvp_cli import engine
    from wvp_cli.repo import config
    from wvp_cli.repo.paths import rebased, repo_root
    from wvp_cli.repo.scan import Task
    from wvp_cli.report.registry import CheckReport

    paths = options.paths
    from_stdin = paths is not None and [str(p) for p in paths] == ["-"]
    if options.stdin_filename is not None and not from_stdin:
        fail("--stdin-filename hoort bij PAD '-' (de invoer van stdin)")
    if from_stdin and (options.hook or options.changed_since is not None):
        fail("PAD '-' (stdin) gaat niet samen met --hook of --changed-since")
    if paths and len(paths) > 1 and any(str(p) == "-" for p in paths):
        fail("PAD '-' (stdin) gaat niet samen met andere paden")
    try:
        conf = config.load(paths[0] if paths else None, options.config_file).with_options(
            select=list(options.select) if options.select is not None else None,
            ignore=list(options.ignore) if options.ignore is not None else None,
            fail_on=options.fail_on,
        )
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    changed: set[Path] | None = None
    if options.changed_since is not None:
        from wvp_cli.repo.vcs import GitProblem, changed_files

        try:
            changed = changed_files(options.changed_since, paths[0] if paths else Path("."))
        except GitProblem as exc:
            fail(str(exc))
    day = options.as_of
    settings = conf.settings()
    task = Task(day, settings, max_bytes=conf.max_file_size)
    if from_stdin:
        files = [_stdin_result(options.stdin_filename or "-", task, stdin)]
        result = engine.finish(files, day, settings)
    elif options.hook:
        from wvp_cli.app.hook import hook_check

        top = conf.root if conf.root is not None else repo_root()
        excluded = [*conf.exclude, *(options.exclude or [])]
        result = hook_check(
            paths or [], task, excluded, top, follow_links=options.follow_links,
            cache=options.cache, jobs=options.jobs,
        )  # fmt: skip
        files = list(result.files)
    else:
        files = scan_paths(
            paths,
            task,
            conf.exclude,
            options.follow_links,
            root=conf.root,
            cache=options.cache,
            jobs=options.jobs,
            cli_exclude=options.exclude or (),
            gitignore=conf.respect_gitignore,
        )
        result = engine.finish(files, day, settings)
    if changed is not None:
        kept = {f.file for f in result.files if Path(os.path.realpath(f.file)) in changed}
        result = result.restricted_to(kept)
    root: Path | None = None
    if options.machine or options.statistics:
        root = repo_root()
        result = rebased(result, root)
    report = CheckReport(result, conf.fail_on, root, options.statistics, options.show_suppressed)
    return CheckOutcome(report, len(files))


def _stdin_result(name: str, task: Task, stdin: BinaryIO | None) -> FileResult:
    """The result of the case file on standard input, shown under `name`."""
    import sys

    from wvp_cli import engine
    from wvp_cli.core import loader

    stream = stdin if stdin is not None else sys.stdin.buffer
    raw = stream.read(task.max_bytes + 1)
    if len(raw) > task.max_bytes:
        loaded = loader.too_large(name, task.max_bytes)
    else:
        loaded = loader.load_bytes(raw, name, require_case=True)
    return engine.file_result(loaded, task.as_of, task.settings)


# --- wvp deadlines --------------------------------------------------------------------------


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
    files = scan_paths(
        options.paths,
        task,
        conf.exclude,
        options.follow_links,
        root=conf.root,
        cache=options.cache,
        jobs=options.jobs,
        cli_exclude=options.exclude or (),
        gitignore=conf.respect_gitignore,
    )
    filters = options.filters
    agenda = core.select(files, day, end, filters)
    known = set(agenda.case_ids) | {f.case_id for f in files if f.case_id}
    for wanted in sorted(filters.case - known):
        close = nearest(wanted, sorted(known))
        hint = f"; bedoelde je {close}?" if close else ""
        fail(f"--case: geen case met id '{wanted}'{hint}")
    return DeadlinesOutcome(agenda, files)
