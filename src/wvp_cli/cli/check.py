"""`wvp check`."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from wvp_cli.cli.common import (
    AsOf,
    CheckFormat,
    ConfigFile,
    Exclude,
    FollowLinks,
    Jobs,
    NoCache,
    Paths,
    app,
    fail,
    format_option,
    output_option,
    parse_date,
    say_what_was_read,
    write_report,
)
from wvp_cli.report.registry import CHECK, listed

_TEXT = CheckFormat("text")


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"


@app.command()
def check(
    paths: Paths = None,
    as_of: AsOf = None,
    output_format: Annotated[
        CheckFormat,
        format_option(f"Uitvoer: {listed(CHECK)}."),
    ] = _TEXT,
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
    output: Annotated[Path | None, output_option("Schrijf de uitvoer naar dit bestand.")] = None,
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
    show_suppressed: Annotated[
        bool,
        typer.Option(
            "--show-suppressed",
            help="Toon ook wat in de bestanden met een reden genegeerd is (# wvp: negeer ...).",
        ),
    ] = False,
) -> None:
    """Controleer case-bestanden op het formaat en de Poortwachter-verplichtingen."""
    from wvp_cli.app import CheckOptions, run_check

    reporter = CHECK[output_format.value]
    if statistics and not reporter.statistics:
        fail("--statistics kent alleen --format text en json")
    options = CheckOptions(
        paths=paths,
        as_of=parse_date(as_of),
        select=select,
        ignore=ignore,
        fail_on="warning" if strict else (fail_on.value if fail_on else None),
        changed_since=changed_since,
        config_file=config_file,
        exclude=exclude,
        follow_links=follow_links,
        cache=not no_cache,
        jobs=jobs,
        hook=hook,
        stdin_filename=stdin_filename,
        machine=reporter.machine,
        statistics=statistics,
        show_suppressed=show_suppressed,
    )
    outcome = run_check(options)
    write_report(reporter, outcome.report, output)
    if not hook:
        say_what_was_read(paths, outcome.files_found, ())
    if outcome.exit_code:
        raise typer.Exit(outcome.exit_code)
