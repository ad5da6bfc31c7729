"""`wvp timeline`: the computed timeline of one case (app/timeline.py), as text or JSON."""

from __future__ import annotations

import sys

from wvp_cli.cli.common import (
    AsOf,
    CaseArg,
    ConfigFile,
    SearchIn,
    TextJsonFormat,
    TextOrJson,
    app,
    out_console,
    parse_date,
)


@app.command()
def timeline(
    case: CaseArg,
    as_of: AsOf = None,
    output_format: TextJsonFormat = TextOrJson.text,
    search: SearchIn = None,
    config_file: ConfigFile = None,
) -> None:
    """De hele berekende tijdlijn van één case: elke mijlpaal, termijn, week en status."""
    from wvp_cli.app import run_timeline
    from wvp_cli.report import timeline as report

    made = run_timeline(case, parse_date(as_of), search=search, config_file=config_file)
    if output_format is TextOrJson.json:
        sys.stdout.write(report.timeline_json(made.case.id, made.file, made.timeline))
    else:
        report.print_timeline_text(made.case, made.file, made.timeline, out_console())
