"""`wvp import FILE`: absence records from a verzuim system's export into case files.

Exit codes (docs/import.md): 0 every row was imported or was already there; 1 some rows were
not understood, conflict with a case file, or a file was refused (the rest is written and
everything is listed); 2 wvp could not do its job (an unreadable export or rules file, a
column missing, a medical column not mapped to nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wvp_cli.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    AsOf,
    ConfigFile,
    ImportFormat,
    app,
    fail,
    format_option,
    load_config,
    parse_date,
    write_report,
)
from wvp_cli.report.registry import IMPORT, listed

_TEXT = ImportFormat("text")


@app.command(name="import")
def import_(
    source: Annotated[
        Path, typer.Argument(metavar="BESTAND", help="De export (CSV of XLSX).", show_default=False)
    ],
    rules: Annotated[
        str,
        typer.Option(
            "--rules",
            metavar="REGELS",
            help="Regelbestand (.toml) of de naam van een preset (generic, visma-verzuim).",
        ),
    ] = "generic",
    into: Annotated[
        Path, typer.Option("--into", metavar="MAP", help="De map met case-bestanden.")
    ] = Path("cases"),
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Toon per bestand de diff; schrijf niets.")
    ] = False,
    output_format: Annotated[ImportFormat, format_option(f"Uitvoer: {listed(IMPORT)}.")] = _TEXT,
    as_of: AsOf = None,
    config_file: ConfigFile = None,
) -> None:
    """Lees ziekteperiodes uit een export van een verzuimsysteem in case-bestanden.

    Verwijdert nooit iets en past niets aan wat iemand heeft vastgelegd; twee keer dezelfde
    export inlezen verandert niets. Conflicten en regels die wvp niet begrijpt worden met hun
    regelnummer gemeld.
    """
    from wvp_cli.importer import ImportProblem, run_import
    from wvp_cli.importer.rules import RulesProblem, load

    day = parse_date(as_of)
    conf = load_config([into] if into.exists() else None, config_file)
    try:
        chosen = load(rules)
    except RulesProblem as exc:
        fail(str(exc))
    try:
        result = run_import(
            source,
            chosen,
            into,
            as_of=day,
            dry_run=dry_run,
            options=conf.settings().options,
            max_bytes=conf.max_file_size,
        )
    except ImportProblem as exc:
        fail(str(exc))
    write_report(IMPORT[output_format.value], result)
    raise typer.Exit(EXIT_OK if result.complete else EXIT_FINDINGS)
