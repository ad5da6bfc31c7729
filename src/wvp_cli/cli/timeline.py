"""`wvp timeline`: the computed timeline of one case (app/timeline.py), as text or JSON."""

from __future__ import annotations

from typing import Annotated

from wvp_cli.cli.common import (
    AsOf,
    CaseArg,
    ConfigFile,
    SearchIn,
    TimelineFormat,
    app,
    format_option,
    parse_date,
    write_report,
)
from wvp_cli.report.registry import TIMELINE, listed

_TEXT = TimelineFormat("text")


@app.command()
def timeline(
    case: CaseArg,
    as_of: AsOf = None,
    output_format: Annotated[
        TimelineFormat, format_option(f"Uitvoer: {listed(TIMELINE)}.")
    ] = _TEXT,
    search: SearchIn = None,
    config_file: ConfigFile = None,
) -> None:
    """De hele berekende tijdlijn van één case: elke mijlpaal, termijn, week en status."""
    from wvp_cli.app import run_timeline

    made = run_timeline(case, parse_date(as_of), search=search, config_file=config_file)
    write_report(TIMELINE[output_format.value], made)
