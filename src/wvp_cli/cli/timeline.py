"""`wvp timeline`."""

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
    require_valid,
    resolve_case,
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
    from wvp_cli.core import clock
    from wvp_cli.privacy.matcher import redact
    from wvp_cli.report import check as report

    day = parse_date(as_of)
    loaded = resolve_case(case, search, config_file)
    require_valid(loaded)
    assert loaded.case is not None
    tl = clock.compute(loaded.case, day)
    # The case id masked as in every finding: one that names a diagnosis or holds a BSN.
    shown = redact(loaded.case.id, {})
    if output_format is TextOrJson.json:
        sys.stdout.write(report.timeline_json(shown, loaded.file, tl))
    else:
        seen = (
            loaded.case if shown == loaded.case.id else loaded.case.model_copy(update={"id": shown})
        )
        report.print_timeline_text(seen, loaded.file, tl, out_console())
