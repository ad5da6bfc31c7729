"""The configuration in force -> text (rich) or JSON (docs/cli.md, schema_version 1):
`wvp config`.

JSON documents and exit codes are an API (docs/cli.md); the human text may change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import ConfigReport


def report_json(report: ConfigReport, out: Out) -> None:
    doc = {
        "schema_version": 1,
        "file": report.file,
        "settings": [{"key": k, "value": v, "origin": o} for k, v, o in report.settings],
    }
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def report_text(report: ConfigReport, out: Out) -> None:
    from rich.table import Table

    console = out.console
    if report.file:
        console.print(f"Configuratie uit {report.file}", highlight=False, markup=False)
    else:
        console.print(
            "Geen wvp.toml of [tool.wvp] gevonden: de standaardwaarden gelden.",
            highlight=False,
            markup=False,
        )
    table = Table(header_style="bold")
    for column in ("Sleutel", "Waarde", "Herkomst"):
        table.add_column(column, overflow="fold")
    for key, value, origin in report.settings:
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        table.add_row(key, shown, origin)
    console.print(table)
