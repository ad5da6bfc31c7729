"""`wvp cases`: the portfolio (werkvoorraad) of a dossier repository, one line per case.

Exit codes (docs/cases.md): 0 the overview was made (errors in cases do not fail it: `wvp check`
is the gate); 1 a file was skipped because it is not a valid case; 2 wvp could not do its job
(a path that does not exist, an unreadable file, a bad option).
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from wvp_cli.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    Paths,
    app,
    fail,
    out_console,
    parse_date,
)
from wvp_cli.core.dutch import nearest


class CasesFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"


_SUFFIX_FORMAT = {
    ".json": CasesFormat.json,
    ".md": CasesFormat.markdown,
    ".markdown": CasesFormat.markdown,
    ".csv": CasesFormat.csv,
    ".txt": CasesFormat.text,
}


def _choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        close = nearest(value, choices)
        hint = f"; bedoelde je {close}?" if close else ""
        fail(f"{option}: onbekende waarde '{value}'{hint} (kies uit: {', '.join(choices)})")
    return value


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
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAAT",
            help="Uitvoer: text, json, markdown of csv. Standaard text, of naar de extensie "
            "van -o.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="BESTAND", help="Schrijf naar BESTAND."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Vervang een bestaand BESTAND van -o.")
    ] = False,
    config_file: ConfigFile = None,
    exclude: Exclude = None,
    follow_links: FollowLinks = False,
) -> None:
    """Alle cases op een rij: stand, week, spoor, laatste en volgende stap, fouten, RIV."""
    from wvp_cli.app import run_cases
    from wvp_cli.core import portfolio as core
    from wvp_cli.report import cases as fmt

    day = parse_date(as_of)
    chosen_sort = _choice(sort, core.SORTS, "--sort")
    states = frozenset(_choice(s, core.STATES, "--state") for s in state or ())
    for number in track or ():
        if number not in (1, 2):
            fail(f"--track: spoor {number} bestaat niet; kies 1 of 2")
    formats = tuple(f.value for f in CasesFormat)
    if output_format is not None:
        chosen = CasesFormat(_choice(output_format, formats, "--format"))
    elif output is not None:
        chosen = _SUFFIX_FORMAT.get(output.suffix.lower(), CasesFormat.text)
    else:
        chosen = CasesFormat.text
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
    if chosen is CasesFormat.json:
        data = fmt.to_json(result)
    elif chosen is CasesFormat.markdown:
        data = fmt.to_markdown(result)
    elif chosen is CasesFormat.csv:
        data = fmt.to_csv(result)
    elif output is not None:
        data = fmt.to_text(result)
    else:
        data = ""
        fmt.print_text(result, out_console())
    if output is not None:
        from wvp_cli.repo.files import WriteRefused, write_atomic

        try:
            write_atomic(output, data, force=force)
        except WriteRefused as exc:
            fail(str(exc))
        print(f"wvp: {output} geschreven ({fmt.summary(result)})", file=sys.stderr)
    elif data:
        sys.stdout.write(data)
    if not found:
        where = ", ".join(str(p) for p in paths) if paths else "."
        print(f"wvp: geen case-bestanden gevonden in {where}", file=sys.stderr)
    for skipped in result.skipped:
        print(
            f"wvp: overgeslagen: {skipped.file} is geen geldige case; "
            f"zie 'wvp check {skipped.file}'",
            file=sys.stderr,
        )
    if any(s.unreadable for s in result.skipped):
        raise typer.Exit(EXIT_ERROR)
    if result.skipped:
        raise typer.Exit(EXIT_FINDINGS)
