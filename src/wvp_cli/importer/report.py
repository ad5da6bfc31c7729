"""What `wvp import` reports (report/registry.py IMPORT names this module): per file its
diff, then what was skipped, the conflicts and the rows not understood, each with its row
numbers; or the JSON document of docs/import.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.importer import ImportResult
    from wvp_cli.report.output import Out


def report_text(result: ImportResult, out: Out) -> None:
    print_text(result, out.console)


def report_json(result: ImportResult, out: Out) -> None:
    from wvp_cli.report.check import dumps

    out.write(dumps(as_json(result)))


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
