"""`wvp check`."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wvp_cli import __version__
from wvp_cli.core.findings import Severity

if TYPE_CHECKING:
    from wvp_cli.engine import FileResult
    from wvp_cli.repo.scan import Task

from wvp_cli.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    Jobs,
    NoCache,
    Paths,
    app,
    fail,
    parse_date,
    scan_paths,
)


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"


@app.command()
def check(
    paths: Paths = None,
    as_of: AsOf = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="Uitvoer: text, json, github, junit of sarif."),
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Ook waarschuwingen geven exitcode 1.")
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exitcode 1 bij: error (standaard) of warning (als --strict)."
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="CODES", help="Alleen deze regels (codes of WVP1...)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", help="Sla deze regels over (codes of WVP1...)."),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Meld alleen bevindingen in case-bestanden die sinds deze git-ref zijn gewijzigd.",
        ),
    ] = None,
    config_file: ConfigFile = None,
    exclude: Exclude = None,
    follow_links: FollowLinks = False,
    no_cache: NoCache = False,
    jobs: Jobs = None,
    hook: Annotated[
        bool,
        typer.Option(
            "--hook",
            help="Voor pre-commit: meld alleen de genoemde case-bestanden (andere YAML wordt "
            "overgeslagen), met de regels over alle cases samen over de hele repository.",
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="BESTAND", help="Schrijf de uitvoer naar dit bestand."
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="NAAM",
            help="Met PAD '-': de naam waaronder de invoer van stdin gemeld wordt.",
        ),
    ] = None,
    statistics: Annotated[
        bool,
        typer.Option("--statistics", help="Toon alleen het aantal bevindingen per regel."),
    ] = False,
) -> None:
    """Controleer case-bestanden op het formaat en de Poortwachter-verplichtingen."""
    from wvp_cli import engine
    from wvp_cli.repo import config
    from wvp_cli.repo.paths import rebased, repo_root
    from wvp_cli.repo.scan import Task
    from wvp_cli.report import check as report
    from wvp_cli.report import output as out

    day = parse_date(as_of)
    from_stdin = paths is not None and [str(p) for p in paths] == ["-"]
    if stdin_filename is not None and not from_stdin:
        fail("--stdin-filename hoort bij PAD '-' (de invoer van stdin)")
    if from_stdin and (hook or changed_since is not None):
        fail("PAD '-' (stdin) gaat niet samen met --hook of --changed-since")
    if paths and len(paths) > 1 and any(str(p) == "-" for p in paths):
        fail("PAD '-' (stdin) gaat niet samen met andere paden")
    try:
        conf = config.load(paths[0] if paths else None, config_file).with_options(
            select=select,
            ignore=ignore,
            fail_on="warning" if strict else (fail_on.value if fail_on else None),
        )
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    changed: set[Path] | None = None
    if changed_since is not None:
        from wvp_cli.repo.vcs import GitProblem, changed_files

        try:
            changed = changed_files(changed_since, paths[0] if paths else Path("."))
        except GitProblem as exc:
            fail(str(exc))
    settings = conf.settings()
    task = Task(day, settings, max_bytes=conf.max_file_size)
    excluded = [*conf.exclude, *(exclude or [])]
    if from_stdin:
        files = [_stdin_result(stdin_filename or "-", task)]
        result = engine.finish(files, day, settings)
    elif hook:
        from wvp_cli.repo.hook import hook_check

        root = conf.root if conf.root is not None else repo_root()
        result = hook_check(
            paths or [], task, excluded, root, follow_links=follow_links,
            cache=not no_cache, jobs=jobs,
        )  # fmt: skip
        files = list(result.files)
    else:
        files = scan_paths(
            paths,
            task,
            conf.exclude,
            follow_links,
            root=conf.root,
            cache=not no_cache,
            jobs=jobs,
            cli_exclude=exclude or (),
            gitignore=conf.respect_gitignore,
        )
        result = engine.finish(files, day, settings)
    if changed is not None:
        kept = {f.file for f in result.files if Path(os.path.realpath(f.file)) in changed}
        result = result.restricted_to(kept)
    if output_format is not CheckFormat.text or statistics:
        # Machine output names files relative to the repository root, from any folder.
        result = rebased(result, repo_root())
    if statistics:
        from wvp_cli.report import statistics as stats

        if output_format is CheckFormat.json:
            out.emit_machine(stats.statistics_json(result), output)
        elif output_format is CheckFormat.text:
            out.emit_text(lambda console: stats.print_statistics(result, console), output)
        else:
            fail("--statistics kent alleen --format text en json")
    elif output_format is CheckFormat.junit:
        from wvp_cli.report import junit

        out.emit_machine(junit.junit(result, junit.failing_levels(conf.fail_on)), output)
    elif output_format is CheckFormat.sarif:
        from wvp_cli.report import sarif
        from wvp_cli.rules import all_rules

        out.emit_machine(sarif.sarif(result, all_rules(), __version__, root=repo_root()), output)
    elif output_format is CheckFormat.json:
        out.emit_machine(report.check_json(result), output)
    elif output_format is CheckFormat.github:
        out.emit_machine(report.check_github(result), output)
    else:
        out.emit_text(lambda console: report.print_check_text(result, console), output)
    if not files and not hook:
        where = ", ".join(str(p) for p in paths) if paths else "."
        print(f"wvp: geen case-bestanden gevonden in {where}", file=sys.stderr)
    if any(f.unreadable for f in result.files):
        raise typer.Exit(EXIT_ERROR)
    worst = {f.severity for f in result.findings}
    if Severity.ERROR in worst or (conf.fail_on == "warning" and Severity.WARNING in worst):
        raise typer.Exit(EXIT_FINDINGS)


def _stdin_result(name: str, task: Task) -> FileResult:
    """The result of the case file on standard input, shown under `name`."""
    from wvp_cli import engine
    from wvp_cli.core import loader

    raw = sys.stdin.buffer.read(task.max_bytes + 1)
    if len(raw) > task.max_bytes:
        loaded = loader.too_large(name, task.max_bytes)
    else:
        loaded = loader.load_bytes(raw, name, require_case=True)
    return engine.file_result(loaded, task.as_of, task.settings)
