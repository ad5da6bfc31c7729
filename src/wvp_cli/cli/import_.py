"""`wvp import FILE`: absence records from a verzuim system's export into case files.

Exit codes (docs/import.md): 0 every row was imported or was already there; 1 some rows were
not understood, conflict with a case file, or a file was refused (the rest is written and
everything is listed); 2 wvp could not do its job (an unreadable export or rules file, a
column missing, a medical column not mapped to nothing).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wvp_cli.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    AsOf,
    ConfigFile,
    TextJsonFormat,
    TextOrJson,
    app,
    fail,
    load_config,
    out_console,
    parse_date,
)

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.importer import ImportResult


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
    output_format: TextJsonFormat = TextOrJson.text,
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
    if output_format is TextOrJson.json:
        from wvp_cli.report.check import dumps

        typer.echo(dumps(as_json(result)), nl=False)
    else:
        print_text(result, out_console())
    raise typer.Exit(EXIT_OK if result.complete else EXIT_FINDINGS)


def as_json(result: ImportResult) -> dict[str, Any]:
    """The JSON document of `wvp import --format json` (docs/import.md)."""
    return {
        "schema_version": 1,
        "source": result.source,
        "into": result.into,
        "dry_run": result.dry_run,
        "rows": result.rows,
        "files": [
            {
                "file": f.file,
                "action": "create" if f.created else "update",
                "written": f.written,
                "rows": list(f.rows),
                "summary": f.summary,
                "refused": f.refused or None,
                "diff": f.diff,
            }
            for f in result.files
        ],
        "skipped": [
            {"rows": list(s.rows), "file": s.file, "reason": s.reason} for s in result.skipped
        ],
        "conflicts": [
            {"rows": list(c.rows), "file": c.file or None, "message": c.message}
            for c in result.conflicts
        ],
        "not_understood": [{"row": p.row, "message": p.message} for p in result.not_understood],
        "unreadable_case_files": list(result.unreadable),
        "notes": list(result.notes),
    }


def _rows(rows: tuple[int, ...]) -> str:
    return ("regel " if len(rows) == 1 else "regels ") + ", ".join(str(r) for r in rows)


def print_text(result: ImportResult, console: Console) -> None:
    """The human report: every file's diff, then what was skipped, conflicts and rows not
    understood, each with its row numbers."""
    from rich.text import Text

    from wvp_cli.report.check import safe

    verb = "zou schrijven" if result.dry_run else "geschreven"
    for f in result.files:
        what = "nieuw" if f.created else "bijgewerkt"
        state = (
            f"geweigerd: {safe(f.refused)}"
            if f.refused
            else (verb if f.written or result.dry_run else "ongewijzigd")
        )
        console.print(Text(f"{safe(f.file)} ({what}, {_rows(f.rows)}): {state}", style="bold"))
        for line in f.diff.splitlines():
            style = "green" if line.startswith("+") else "red" if line.startswith("-") else ""
            console.print(Text(safe(line), style=style))
    if result.skipped:
        console.print(Text("Overgeslagen:", style="bold"))
        for s in result.skipped:
            where = f" ({safe(s.file)})" if s.file else ""
            console.print(Text(f"  {_rows(s.rows)}{where}: {safe(s.reason)}"))
    if result.conflicts:
        console.print(Text("Conflicten (niets aangepast):", style="bold yellow"))
        for c in result.conflicts:
            where = f" ({safe(c.file)})" if c.file else ""
            console.print(Text(f"  {_rows(c.rows)}{where}: {safe(c.message)}"))
    if result.not_understood:
        console.print(Text("Niet begrepen:", style="bold red"))
        for p in result.not_understood:
            console.print(Text(f"  regel {p.row}: {safe(p.message)}"))
    for note in result.notes:
        console.print(Text(f"Let op: {safe(note)}."))
    for name in result.unreadable:
        console.print(Text(f"Let op: {safe(name)} is geen geldige case en is niet bekeken."))
    created = sum(1 for f in result.files if f.created and not f.refused)
    updated = sum(1 for f in result.files if not f.created and not f.refused)
    console.print(
        f"{result.rows} regels gelezen: {created} nieuwe en {updated} bijgewerkte bestanden"
        f"{' (proef: niets geschreven)' if result.dry_run else ''}, "
        f"{len(result.skipped)} overgeslagen, {len(result.conflicts)} conflicten, "
        f"{len(result.not_understood)} niet begrepen."
    )
