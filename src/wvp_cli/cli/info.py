"""`wvp schema` and `wvp rules`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from wvp_cli.core.findings import Severity

from wvp_cli.cli.common import TextOrJsonName, app, fail, out_console, text_or_json


def _word(severity: Severity, *, api: bool = False) -> str:
    """A severity in Dutch; with `api`, also the name that wvp.toml and JSON use."""
    words = {"error": "fout", "warning": "waarschuwing", "info": "info"}
    value = str(severity.value)
    word = words.get(value, value)
    return f"{word} ({value})" if api and word != value else word


@app.command()
def schema() -> None:
    """Toon het JSON-schema van het case-bestand (voor editors en andere tools)."""
    from wvp_cli.core.model import Case

    document = Case.model_json_schema(by_alias=True)
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="Een regelcode, bijvoorbeeld WVP102.")] = None,
    output_format: TextOrJsonName = "text",
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            metavar="TAAL",
            help="Taal van de documentatie: nl (standaard) of en.",
            envvar="WVP_LANG",
            show_envvar=False,
        ),
    ] = "nl",
) -> None:
    """Toon alle regels, of de documentatie van één regel."""
    from rich.table import Table
    from rich.text import Text

    from wvp_cli.rules import all_rules

    registry = all_rules()
    text_or_json(output_format)
    if lang not in ("nl", "en"):
        fail(f"onbekende taal '{lang}'; kies nl of en")
    english = lang == "en"
    if code is not None:
        wanted = code.upper()
        found = registry.get(wanted) or next(
            (r for r in registry.values() if r.slug == code.lower()), None
        )
        if found is None:
            from wvp_cli.core.dutch import nearest

            close = nearest(wanted, registry)
            hint = f"; bedoelde je {close}?" if close else ""
            fail(f"onbekende regel '{code}'{hint} (zie 'wvp rules')")
        selected = [found]
    else:
        selected = list(registry.values())
    if output_format == "json":
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
                    **({"doc": r.doc_en if english else r.doc} if code else {}),
                }
                for r in selected
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    console = out_console()
    if code is not None:
        r = selected[0]
        console.print(Text(f"{r.code}  {r.slug}", style="bold"))
        console.print(f"{r.title}")
        console.print(Text(f"Ernst: {_word(r.severity, api=True)}   Bron: {r.source}"))
        if r.kinds:
            kinds = ", ".join(f"{kind} ({_word(level)})" for kind, level in r.levels.items())
            console.print(Text(f"Soorten melding (ernst per soort: {r.code}.soort): {kinds}"))
        for o in r.options.values():
            console.print(
                Text(f"Optie [rules.{r.code}] {o.name} = {o.default!r} (standaard): {o.doc}")
            )
        console.print()
        console.print(Text(r.doc_en if english else r.doc))
        return
    table = Table(show_lines=False, header_style="bold")
    for name in ("Code", "Ernst", "Regel", "Bron"):
        table.add_column(name, overflow="fold")
    for r in selected:
        table.add_row(r.code, _word(r.severity), r.title, r.source)
    console.print(table)
