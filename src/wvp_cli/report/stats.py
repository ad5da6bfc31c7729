"""`wvp stats`: the absence figures as text, JSON, CSV and a chart (SVG or PNG).

Only aggregates: no employee's name or number appears; groups under the minimum size were
left out by `core.stats` and are only counted here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.core.milestones import MILESTONES
from wvp_cli.core.stats import CLASSES, PHASES, Figures, Report

if TYPE_CHECKING:
    from rich.console import Console

_GROUP_WORD = {None: "alle cases", "employer": "per werkgever", "casemanager": "per casemanager"}


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _group(fig: Figures) -> dict[str, Any]:
    return {
        "group": fig.group,
        "employees": fig.size,
        "cases": fig.cases,
        "new_reports": fig.new_reports,
        "ended_reports": fig.ended_reports,
        "mean_duration_days": _round(fig.mean_duration, 1),
        "duration_classes": dict(fig.classes),
        "phases": dict(fig.phases),
        "discipline": {
            code: {"on_time": a, "due": b, "share": _round(a / b if b else None, 3)}
            for code, (a, b) in sorted(fig.discipline.items(), key=lambda i: _order(i[0]))
        },
        "absence_percentage": _round(fig.absence_percentage),
        "absence_percentage_with_leave": _round(fig.absence_percentage_with_leave),
        "report_frequency": _round(fig.report_frequency, 3),
        "report_frequency_per_year": _round(fig.report_frequency_per_year, 3),
        "average_employees": _round(fig.average_employees, 2),
        "monthly": [{"month": m, "absence_percentage": _round(v)} for m, v in fig.monthly],
    }


def _order(code: str) -> int:
    return MILESTONES.index(code) if code in MILESTONES else len(MILESTONES)


def as_json(report: Report) -> dict[str, Any]:
    """The JSON document of `wvp stats --format json` (docs/stats.md)."""
    return {
        "schema_version": 1,
        "as_of": report.as_of.isoformat(),
        "from": report.period.start.isoformat(),
        "to": report.period.end.isoformat(),
        "group_by": report.group_by,
        "min_group": report.min_group,
        "roster": report.roster,
        "suppressed_groups": report.suppressed,
        "cases_not_on_roster": report.not_on_roster,
        "groups": [_group(g) for g in report.groups],
    }


CSV_COLUMNS = (
    "group",
    "employees",
    "cases",
    "new_reports",
    "ended_reports",
    "mean_duration_days",
    *(f"duration_{c[0]}" for c in CLASSES),
    *(f"phase_{p}" for p in PHASES),
    "absence_percentage",
    "absence_percentage_with_leave",
    "report_frequency",
    "report_frequency_per_year",
    "average_employees",
)


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # A text that a spreadsheet would run as a formula is written as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def as_csv(report: Report) -> str:
    """One row per group; the columns of `CSV_COLUMNS` (docs/stats.md)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fig in report.groups:
        doc = _group(fig)
        row = [
            doc["group"],
            doc["employees"],
            doc["cases"],
            doc["new_reports"],
            doc["ended_reports"],
            doc["mean_duration_days"],
            *(fig.classes[c[0]] for c in CLASSES),
            *(fig.phases[p] for p in PHASES),
            doc["absence_percentage"],
            doc["absence_percentage_with_leave"],
            doc["report_frequency"],
            doc["report_frequency_per_year"],
            doc["average_employees"],
        ]
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def print_text(report: Report, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    from wvp_cli.report.check import safe

    period = f"{report.period.start.isoformat()} t/m {report.period.end.isoformat()}"
    console.print(Text(f"Verzuimcijfers {period}, {_GROUP_WORD[report.group_by]}", style="bold"))
    for fig in report.groups:
        table = Table(title=safe(fig.group), title_justify="left", show_header=False)
        table.add_column("", style="bold")
        table.add_column("", justify="right")
        for label, value in rows(fig):
            table.add_row(label, value)
        console.print(table)
    for line in _footnotes(report):
        console.print(line)


def rows(fig: Figures) -> list[tuple[str, str]]:
    """The figures of one group as (label, value) lines, in Dutch."""
    out = [
        ("Werknemers", str(fig.size)),
        ("Cases met ziektedagen in de periode", str(fig.cases)),
        ("Nieuwe ziekmeldingen", str(fig.new_reports)),
        ("Verzuimpercentage (zonder zwangerschapsverlof)", _pct(fig.absence_percentage)),
        ("Verzuimpercentage (met zwangerschapsverlof)", _pct(fig.absence_percentage_with_leave)),
        ("Meldingsfrequentie (per jaar)", _num(fig.report_frequency_per_year)),
        (
            f"Gemiddelde verzuimduur ({fig.ended_reports} beëindigd)",
            "—" if fig.mean_duration is None else f"{_num(fig.mean_duration, 1)} dagen",
        ),
    ]
    out += [(f"Duur {c[0]} dagen", str(fig.classes[c[0]])) for c in CLASSES]
    out += [(f"Nu in {p.replace('_', ' ')}", str(fig.phases[p])) for p in PHASES]
    for code, (a, b) in sorted(fig.discipline.items(), key=lambda i: _order(i[0])):
        out.append((f"Op tijd: {code.replace('_', ' ')}", f"{a} van {b}"))
    return out


def _footnotes(report: Report) -> list[str]:
    out = []
    if report.suppressed:
        out.append(
            f"{report.suppressed} groep(en) met minder dan {report.min_group} werknemers niet "
            "getoond (anonimiteit; --min-group)."
        )
    if not report.roster:
        out.append(
            "Zonder personeelsbestand (--roster) geen verzuimpercentage en meldingsfrequentie."
        )
    elif report.not_on_roster:
        out.append(
            f"{report.not_on_roster} case(s) van werknemers die niet in het personeelsbestand "
            "staan: niet meegeteld in verzuimpercentage en meldingsfrequentie."
        )
    return out


def write_chart(report: Report, path: Path) -> None:
    """The chart as SVG or PNG (by the suffix of `path`), written atomically."""
    from wvp_cli.atomic import write_atomic

    write_atomic(path, chart(report, path.suffix.lower().lstrip(".")), force=True)


def chart(report: Report, kind: str) -> bytes:
    """Verzuimpercentage per month and the duration classes, per group, as `svg` or `png`.
    Needs matplotlib (the `chart` extra)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    width = 0.8 / max(1, len(report.groups))
    for n, fig in enumerate(report.groups):
        months = [m for m, _ in fig.monthly]
        left.plot(months, [v for _, v in fig.monthly], marker="o", label=fig.group)
        right.bar(
            [i + n * width for i in range(len(CLASSES))],
            [fig.classes[c[0]] for c in CLASSES],
            width=width,
            label=fig.group,
        )
    left.set_title("Verzuimpercentage per maand (zonder zwangerschapsverlof)")
    if any(fig.monthly for fig in report.groups):
        left.set_ylabel("%")
        left.tick_params(axis="x", labelrotation=45)
    else:
        left.set_axis_off()
        left.text(
            0.5,
            0.5,
            "alleen met een personeelsbestand\n(wvp stats --roster)",
            ha="center",
            va="center",
            transform=left.transAxes,
        )
    right.set_title("Ziekmeldingen naar duur (dagen)")
    right.yaxis.set_major_locator(MaxNLocator(integer=True))
    right.set_xticks([i + width * (len(report.groups) - 1) / 2 for i in range(len(CLASSES))])
    right.set_xticklabels([c[0] for c in CLASSES])
    if len(report.groups) > 1:
        left.legend(fontsize="small")
    start, end = report.period.start.isoformat(), report.period.end.isoformat()
    figure.suptitle(f"Verzuim {start} t/m {end}")
    metadata: dict[str, Any] = {"Date": None} if kind == "svg" else {}
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "wvp"}):
        figure.savefig(buffer, format=kind, metadata=metadata)
    plt.close(figure)
    return buffer.getvalue()


def as_html(report: Report) -> str:
    """A page of its own: the figures of every group and, with matplotlib, the chart inline
    (its texts drawn as paths). Everything from the cases is escaped."""
    from html import escape

    try:
        svg = chart(report, "svg").decode("utf-8")
        figure = svg[svg.index("<svg") :]
    except ImportError:
        figure = "<p>Geen grafiek: installeer matplotlib (de extra <code>chart</code>).</p>"
    period = f"{report.period.start.isoformat()} t/m {report.period.end.isoformat()}"
    title = f"Verzuimcijfers {period}, {_GROUP_WORD[report.group_by]}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>{escape(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;"
        "margin-bottom:1.5em}td{padding:.2em .8em;border-bottom:1px solid #ddd}"
        "td+td{text-align:right}svg{max-width:100%;height:auto}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
    ]
    for fig in report.groups:
        parts.append(f"<h2>{escape(fig.group)}</h2><table>")
        parts += [
            f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>"
            for label, value in rows(fig)
        ]
        parts.append("</table>")
    if report.groups:
        parts.append(f"<figure>{figure}</figure>")
    parts += [f"<p>{escape(line)}</p>" for line in _footnotes(report)]
    parts.append("</body></html>\n")
    return "\n".join(parts)
