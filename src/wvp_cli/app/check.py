"""`wvp check`: the findings of every case file, as a report for one of the formats."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from wvp_cli.app.common import fail, scan_configured

if TYPE_CHECKING:
    from wvp_cli.core.results import FileResult
    from wvp_cli.repo.scan import Task
    from wvp_cli.report.registry import CheckReport


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
        files = scan_configured(
            paths, task, conf, exclude=options.exclude, follow_links=options.follow_links,
            cache=options.cache, jobs=options.jobs,
        )  # fmt: skip
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
