"""The rules -> text (rich) or JSON (docs/cli.md, schema_version 1): `wvp rules`.

JSON documents and exit codes are an API (docs/cli.md); the human text may change.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wvp_cli.core.findings import Severity
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import RulesReport


def word(severity: Severity, *, api: bool = False) -> str:
    """A severity in Dutch; with `api`, also the name that wvp.toml and JSON use."""
    words = {"error": "fout", "warning": "waarschuwing", "info": "info"}
    value = str(severity.value)
    said = words.get(value, value)
    return f"{said} ({value})" if api and said != value else said


def report_json(report: RulesReport, out: Out) -> None:
    doc = {
        "schema_version": 1,
        "rules": [
            {
                "code": r.code,
                "slug": r.slug,
                "title": r.title,
                "severity": r.severity.value,
                "source": r.source,
                "levels": {kind: level.value for kind, level in r.levels.items()},
                "options": {
                    o.name: {"type": o.type.__name__, "default": o.default, "doc": o.doc}
                    for o in r.options.values()
                },
                **({"doc": r.doc_en if report.english else r.doc} if report.single else {}),
            }
            for r in report.rules
        ],
    }
    out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def report_text(report: RulesReport, out: Out) -> None:
    from rich.table import Table
    from rich.text import Text

    console = out.console
    if report.single:
        r = report.rules[0]
        console.print(Text(f"{r.code}  {r.slug}", style="bold"))
        console.print(f"{r.title}")
        console.print(Text(f"Ernst: {word(r.severity, api=True)}   Bron: {r.source}"))
        if r.kinds:
            kinds = ", ".join(f"{kind} ({word(level)})" for kind, level in r.levels.items())
            console.print(Text(f"Soorten melding (ernst per soort: {r.code}.soort): {kinds}"))
        for o in r.options.values():
            console.print(
                Text(f"Optie [rules.{r.code}] {o.name} = {o.default!r} (standaard): {o.doc}")
            )
        console.print()
        console.print(Text(r.doc_en if report.english else r.doc))
        return
    table = Table(show_lines=False, header_style="bold")
    for name in ("Code", "Ernst", "Regel", "Bron"):
        table.add_column(name, overflow="fold")
    for r in report.rules:
        table.add_row(r.code, word(r.severity), r.title, r.source)
    console.print(table)
