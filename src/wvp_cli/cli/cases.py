"""`wvp cases`: the portfolio (werkvoorraad) of a dossier repository, one line per case.

Exit codes (docs/cases.md): 0 the overview was made (errors in cases do not fail it: `wvp check`
is the gate); 1 a file was skipped because it is not a valid case; 2 wvp could not do its job
(a path that does not exist, an unreadable file, a bad option).
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from wvp_cli.cli.common import (
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    Force,
    Output,
    Paths,
    app,
    choose,
    chosen_reporter,
    exit_for_skipped,
    fail,
    format_option,
    parse_date,
    say_what_was_read,
    write_report,
)
from wvp_cli.report.registry import CASES, listed


@app.command()
def cases(
    paths: Paths = None,
    as_of: AsOf = None,
    casemanager: Annotated[
        list[str] | None,
        typer.Option(
            "--casemanager",
            metavar="NAAM",
            help="Alleen cases waarvan employer.casemanager NAAM bevat (herhaalbaar).",
        ),
    ] = None,
    employer: Annotated[
        list[str] | None,
        typer.Option(
            "--employer",
            metavar="NAAM",
            help="Alleen cases waarvan employer.name NAAM bevat (herhaalbaar).",
        ),
    ] = None,
    state: Annotated[
        list[str] | None,
        typer.Option(
            "--state",
            metavar="STAND",
            help="Alleen deze stand: ziek, gedeeltelijk_hersteld, hersteld, afgesloten, "
            "wachttijd_voorbij (herhaalbaar).",
        ),
    ] = None,
    track: Annotated[
        list[int] | None,
        typer.Option("--track", metavar="SPOOR", help="Alleen cases in spoor 1 of 2."),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option("--all", "-a", help="Ook herstelde en afgesloten cases."),
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="VOLGORDE",
            help="due (eerstvolgende termijn, standaard), week (langst ziek eerst) of id.",
        ),
    ] = "due",
    retention_years: Annotated[
        int,
        typer.Option(
            "--retention-years",
            metavar="JAREN",
            min=0,
            help="Bewaartermijn na het einde van een case (standaard 2; eigenrisicodrager: 5).",
        ),
    ] = 2,
    output_format: Annotated[
        str | None,
        format_option(
            f"Uitvoer: {listed(CASES)}. Standaard text, of naar de extensie van -o.",
            metavar="FORMAAT",
        ),
    ] = None,
    output: Output = None,
    force: Force = False,
    config_file: ConfigFile = None,
    exclude: Exclude = None,
    follow_links: FollowLinks = False,
) -> None:
    """Alle cases op een rij: stand, week, spoor, laatste en volgende stap, fouten, RIV."""
    from wvp_cli.app import run_cases
    from wvp_cli.core import portfolio as core
    from wvp_cli.report import cases as fmt

    day = parse_date(as_of)
    chosen_sort = choose(sort, core.SORTS, "--sort")
    states = frozenset(choose(s, core.STATES, "--state") for s in state or ())
    for number in track or ():
        if number not in (1, 2):
            fail(f"--track: spoor {number} bestaat niet; kies 1 of 2")
    reporter = chosen_reporter(CASES, output_format, output)
    filters = core.Filters(
        casemanager=frozenset(c.strip() for c in casemanager or () if c.strip()),
        employer=frozenset(e.strip() for e in employer or () if e.strip()),
        state=states,
        track=frozenset(track or ()),
        all=show_all,
    )
    result, found = run_cases(
        paths,
        day,
        filters,
        chosen_sort,  # type: ignore[arg-type]  # checked against SORTS above
        config_file=config_file,
        exclude=exclude,
        follow_links=follow_links,
        retention_years=retention_years,
    )
    write_report(reporter, result, output, force=force)
    if output is not None:
        print(f"wvp: {output} geschreven ({fmt.summary(result)})", file=sys.stderr)
    say_what_was_read(paths, found, result.skipped, errors=False)
    exit_for_skipped(result.skipped)
