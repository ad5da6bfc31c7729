"""`wvp schema` and `wvp rules`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from wvp_cli.cli.common import RulesFormat, app, fail, format_option, write_report
from wvp_cli.report.registry import RULES, listed

if TYPE_CHECKING:
    from wvp_cli.rules import Rule

_TEXT = RulesFormat("text")


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
    output_format: Annotated[RulesFormat, format_option(f"Uitvoer: {listed(RULES)}.")] = _TEXT,
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
    from wvp_cli.report.registry import RulesReport
    from wvp_cli.rules import all_rules

    registry = all_rules()
    if lang not in ("nl", "en"):
        fail(f"onbekende taal '{lang}'; kies nl of en")
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
        selected: tuple[Rule, ...] = (found,)
    else:
        selected = tuple(registry.values())
    report = RulesReport(selected, single=code is not None, english=lang == "en")
    write_report(RULES[output_format.value], report)
