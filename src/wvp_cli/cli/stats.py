"""`wvp stats [PAD ...]`: the standard absence figures over a period, anonymised.

Exit codes (docs/stats.md): 0 the figures were made; 1 some case files were not valid and were
left out (they are named on stderr); 2 wvp could not do its job (a bad date or option, an
unreadable roster, no matplotlib for --chart).
"""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Annotated

import typer

from wvp_cli.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    AsOf,
    ConfigFile,
    Exclude,
    Paths,
    app,
    choose,
    chosen_format,
    fail,
    find_paths,
    format_option,
    load_config,
    out_console,
    parse_date,
)


class StatsFormat(enum.StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


GROUPS = ("alle", "employer", "casemanager")


@app.command()
def stats(
    paths: Paths = None,
    start: Annotated[
        str | None,
        typer.Option("--from", metavar="DATUM", help="Begin van de periode. Standaard: een jaar."),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATUM", help="Einde van de periode. Standaard: --as-of."),
    ] = None,
    by: Annotated[
        str, typer.Option("--by", metavar="GROEP", help="alle, employer of casemanager.")
    ] = "alle",
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            metavar="BESTAND",
            help="Personeelsbestand (CSV/XLSX): nodig voor verzuimpercentage en "
            "meldingsfrequentie.",
        ),
    ] = None,
    min_group: Annotated[
        int,
        typer.Option("--min-group", min=1, metavar="N", help="Kleinere groepen niet tonen."),
    ] = 5,
    output_format: Annotated[
        str | None, format_option("Uitvoer: text, json, csv of html.", metavar="FORMAAT")
    ] = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", metavar="BESTAND", help="Grafiek als .svg of .png."),
    ] = None,
    as_of: AsOf = None,
    exclude: Exclude = None,
    config_file: ConfigFile = None,
) -> None:
    """Verzuimcijfers over een periode: verzuimpercentage, meldingsfrequentie, gemiddelde
    verzuimduur, duurklassen, fasen en Poortwachter-discipline. Alleen totalen; groepen
    kleiner dan --min-group worden niet getoond."""
    from wvp_cli.core.loader import read_file
    from wvp_cli.core.stats import Period, figures
    from wvp_cli.report import stats as report

    chosen = chosen_format(output_format, None, StatsFormat, {}, StatsFormat.text)
    choose(by, GROUPS, "--by")
    day = parse_date(as_of)
    last = parse_date(end, "--to") if end else day
    first = parse_date(start, "--from") if start else _year_before(last)
    if first > last:
        fail(f"--from {first.isoformat()} ligt na --to {last.isoformat()}")
    if (last - first).days > 3660:
        fail("de periode is langer dan tien jaar; kies --from en --to dichterbij")
    if chart is not None and chart.suffix.lower() not in (".svg", ".png"):
        fail(f"--chart {chart}: kies een bestand dat eindigt op .svg of .png")
    entries = None
    if roster is not None:
        from wvp_cli.importer.read import ReadProblem
        from wvp_cli.importer.roster import read_roster

        try:
            entries = read_roster(roster)
        except ReadProblem as exc:
            fail(str(exc))
    conf = load_config(paths, config_file)
    found = find_paths(paths, conf.exclude, root=conf.root, cli_exclude=exclude or ())
    cases, invalid = [], []
    for path, _ in found:
        loaded = read_file(path, str(path), max_bytes=conf.max_file_size)
        if loaded.case is not None:
            cases.append(loaded.case)
        elif loaded.is_case:
            invalid.append(loaded.file)
    result = figures(
        cases,
        Period(first, last),
        day,
        roster=entries,
        group_by=None if by == "alle" else by,
        min_group=min_group,
    )
    if chosen is StatsFormat.json:
        from wvp_cli.report.check import dumps

        typer.echo(dumps(report.as_json(result)), nl=False)
    elif chosen is StatsFormat.csv:
        typer.echo(report.as_csv(result), nl=False)
    elif chosen is StatsFormat.html:
        typer.echo(report.as_html(result), nl=False)
    else:
        report.print_text(result, out_console())
    if chart is not None:
        try:
            report.write_chart(result, chart)
        except ImportError:
            fail("--chart vraagt matplotlib: pip install 'wvp-poortwachter[chart]'")
        except OSError as exc:
            fail(f"kan {chart} niet schrijven: {exc}")
    err = out_console(stderr=True)
    for name in invalid:
        err.print(f"wvp: {name} is geen geldige case en is niet meegeteld (zie 'wvp check')")
    raise typer.Exit(EXIT_FINDINGS if invalid else EXIT_OK)


def _year_before(day: dt.date) -> dt.date:
    """The first day of the twelve months that end on `day`."""
    try:
        return day.replace(year=day.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return dt.date(day.year - 1, 3, 1)
