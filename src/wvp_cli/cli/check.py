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
    pass

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
    is_utf8,
    out_console,
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
) -> None:
    """Controleer case-bestanden op het formaat en de Poortwachter-verplichtingen."""
    from wvp_cli import engine
    from wvp_cli.repo import config
    from wvp_cli.repo.scan import Task
    from wvp_cli.report import check as report

    day = parse_date(as_of)
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
    files = scan_paths(
        paths,
        Task(day, settings, max_bytes=conf.max_file_size),
        [*conf.exclude, *(exclude or [])],
        follow_links,
        root=conf.root,
        cache=not no_cache,
        jobs=jobs,
    )
    result = engine.finish(files, day, settings)
    if changed is not None:
        kept = {f.file for f in result.files if Path(os.path.realpath(f.file)) in changed}
        result = result.restricted_to(kept)
    if output_format in (CheckFormat.junit, CheckFormat.sarif):
        from wvp_cli.report import ci as ci_formats

        if output_format is CheckFormat.junit:
            failing = ci_formats.failing_levels(conf.fail_on)
            xml = ci_formats.junit(result, failing)
            if not is_utf8(sys.stdout):  # it says encoding="UTF-8": ASCII with references
                xml = xml.encode("ascii", "xmlcharrefreplace").decode("ascii")
            sys.stdout.write(xml)
        else:
            from wvp_cli.rules import all_rules

            sys.stdout.write(ci_formats.sarif(result, all_rules(), __version__, root=Path.cwd()))
    elif output_format is CheckFormat.json:
        sys.stdout.write(report.check_json(result))
    elif output_format is CheckFormat.github:
        sys.stdout.write(report.check_github(result))
    else:
        report.print_check_text(result, out_console())
    if not files:
        where = ", ".join(str(p) for p in paths) if paths else "."
        print(f"wvp: geen case-bestanden gevonden in {where}", file=sys.stderr)
    if any(f.unreadable for f in result.files):
        raise typer.Exit(EXIT_ERROR)
    worst = {f.severity for f in result.findings}
    if Severity.ERROR in worst or (conf.fail_on == "warning" and Severity.WARNING in worst):
        raise typer.Exit(EXIT_FINDINGS)
