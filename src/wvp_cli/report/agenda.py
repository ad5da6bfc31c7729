"""An agenda -> text (rich), json (docs/cli.md) or markdown (a digest); ics (RFC 5545) is
report/ics.py.

The JSON document is an API (schema_version 1, exactly the keys of cli.md); the text and the
markdown may change. Every format is a pure function of the agenda: no clock, no I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wvp_cli import __version__
from wvp_cli.core.agenda import Agenda, Deadline
from wvp_cli.core.dutch import WEEKDAYS, long_date, short_date
from wvp_cli.core.milestones import short_titles
from wvp_cli.report.check import SCHEMA_VERSION, dumps, plural, safe, write_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import AgendaReport

#: Short Dutch names of every milestone and tweede spoor item (from the milestone table).
SHORT_TITLES: dict[str, str] = short_titles()

#: Days ahead that count as "deze week" in the digest: what `--week` shows.
THIS_WEEK = 7


def summary(agenda: Agenda) -> str:
    """`3 te laat, 5 binnenkort in 12 dossiers`."""
    text = (
        f"{len(agenda.overdue)} te laat, {len(agenda.upcoming)} binnenkort "
        f"in {plural(agenda.cases, 'dossier', 'dossiers')}"
    )
    if agenda.skipped:
        text += f" ({plural(len(agenda.skipped), 'bestand', 'bestanden')} overgeslagen)"
    return text


def window_text(agenda: Agenda) -> str:
    return f"peildatum {long_date(agenda.as_of, weekday=True)}, t/m {long_date(agenda.until)}"


def filter_text(agenda: Agenda) -> str:
    """The active filters in words, or '' without filters."""
    f = agenda.filters
    parts = []
    if f.case:
        parts.append("case " + " of ".join(sorted(f.case)))
    if f.casemanager:
        parts.append("casemanager bevat " + " of ".join(f"'{c}'" for c in sorted(f.casemanager)))
    if f.who:
        parts.append("wie " + " of ".join(sorted(f.who)))
    if f.milestone:
        parts.append("mijlpaal " + " of ".join(sorted(f.milestone)))
    return "; ".join(parts)


def days_text(days_left: int, *, short: bool = False) -> str:
    if days_left == 0:
        return "vandaag"
    if days_left == 1:
        return "morgen"
    if days_left > 0:
        return f"{days_left} d" if short else f"{days_left} dagen"
    late = -days_left
    if short:
        return f"{late} d te laat"
    return f"{late} {'dag' if late == 1 else 'dagen'} te laat"


# --- json -----------------------------------------------------------------------------------


def deadline_json(d: Deadline) -> dict[str, Any]:
    return {
        "case": d.case,
        "file": d.file,
        "milestone": d.milestone,
        "due": d.due.isoformat(),
        "status": d.status,
        "days_left": d.days_left,
        "who": d.who,
    }


def to_json(agenda: Agenda) -> str:
    """Exactly the `wvp deadlines --format json` document of docs/cli.md."""
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "as_of": agenda.as_of.isoformat(),
            "deadlines": [deadline_json(d) for d in agenda.deadlines],
        }
    )


# --- text -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Which columns a table shows, and how long its words are."""

    long_titles: bool  # "Evaluatie plan van aanpak (voortgangsgesprek)" instead of "Evaluatie"
    long_dates: bool  # "donderdag 03-12-2026", "9 dagen" instead of "do 03-12-2026", "9 d"
    week: bool
    casemanager: bool
    who: bool


#: Tried in this order; the first that fits the console is used (the last always is).
LAYOUTS: tuple[Layout, ...] = (
    Layout(long_titles=True, long_dates=True, week=True, casemanager=True, who=True),
    Layout(long_titles=False, long_dates=True, week=True, casemanager=True, who=True),
    Layout(long_titles=False, long_dates=True, week=True, casemanager=True, who=False),
    Layout(long_titles=False, long_dates=False, week=True, casemanager=True, who=False),
    Layout(long_titles=False, long_dates=False, week=False, casemanager=True, who=False),
    Layout(long_titles=False, long_dates=False, week=False, casemanager=False, who=False),
)


@dataclass(frozen=True)
class _Column:
    header: str
    max_width: int | None = None
    right: bool = False


def _columns(layout: Layout) -> list[_Column]:
    long = layout.long_dates
    columns = [
        _Column("Case", 14),
        _Column("Werknemer", 24 if long else 18),
        _Column("Mijlpaal"),
        _Column("Uiterlijk"),
        _Column("Nog", right=True),
    ]
    if layout.week:
        columns.append(_Column("Ziekteweek" if long else "Wk", right=True))
    if layout.casemanager:
        columns.append(_Column("Casemanager", 20))
    if layout.who:
        columns.append(_Column("Wie"))
    return columns


def _table(rows: tuple[Deadline, ...], layout: Layout) -> Table:
    from rich.table import Table

    table = Table(header_style="bold", pad_edge=False, box=None, show_edge=False)
    for column in _columns(layout):
        table.add_column(
            column.header,
            no_wrap=True,
            max_width=column.max_width,
            overflow="ellipsis",
            justify="right" if column.right else "left",
        )
    for d in rows:
        table.add_row(*_styled(_cells(d, layout), d))
    return table


def _grid(rows: tuple[Deadline, ...], layout: Layout) -> tuple[list[list[str]], list[int]]:
    """The cells of every row, and the width of every column: its widest cell or its header,
    up to its maximum (what rich's table gives a table that is not squeezed)."""
    from rich.cells import cell_len

    columns = _columns(layout)
    grid = [_cells(d, layout) for d in rows]
    widths = []
    for index, column in enumerate(columns):
        natural = max([cell_len(column.header), *(cell_len(line[index]) for line in grid)])
        widths.append(natural if column.max_width is None else min(natural, column.max_width))
    return grid, widths


def _natural_width(widths: list[int]) -> int:
    return sum(widths) + 2 * (len(widths) - 1)  # two spaces between columns, none at the edges


def _lines(rows: tuple[Deadline, ...], layout: Layout, width: int) -> Text | None:
    """The table of `_table` as lines of text, laid out here as rich lays out such a table, at a
    fraction of its cost for thousands of rows: every column as wide as its widest cell up to
    its maximum, a space of padding on each side inside the table, and when that is wider than
    `width` every column made narrower by an even share (rich's last resort, `ratio_reduce`,
    for columns that do not wrap), their cells cut with an ellipsis. None when a column would
    vanish; then rich lays the table out."""
    from rich.text import Text

    grid, widths = _grid(rows, layout)
    last = len(widths) - 1
    pads = [(0 if i == 0 else 1) + (0 if i == last else 1) for i in range(len(widths))]
    padded = [w + p for w, p in zip(widths, pads, strict=True)]
    if sum(padded) > width:
        try:  # the function rich's table squeezes with; private, so it may move
            from rich._ratio import ratio_reduce
        except ImportError:
            return None
        padded = ratio_reduce(sum(padded) - width, [1] * len(padded), padded, padded)
        widths = [w - p for w, p in zip(padded, pads, strict=True)]
        if min(widths) < 1:
            return None
    columns = _columns(layout)
    right = [c.right for c in columns]
    out = Text()
    lines = [[Text(c.header, style="bold") for c in columns]]
    lines += [_styled(cells, d) for cells, d in zip(grid, rows, strict=True)]
    for number, line in enumerate(lines):
        if number:
            out.append("\n")
        for index, cell in enumerate(line):
            if index:
                out.append("  ")
            cell.truncate(widths[index], overflow="ellipsis")
            cell.align("right" if right[index] else "left", widths[index])
            out.append_text(cell)
    return out


def _cells(d: Deadline, layout: Layout) -> list[str]:
    long = layout.long_dates
    due = f"{WEEKDAYS[d.due.weekday()]} {d.due:%d-%m-%Y}" if long else short_date(d.due)
    cells = [
        safe(d.case),
        safe(d.employee),
        d.title if layout.long_titles else d.short_title,
        due,
        days_text(d.days_left, short=not long),
    ]
    if layout.week:
        cells.append(str(d.week))
    if layout.casemanager:
        cells.append(safe(d.casemanager or "—"))
    if layout.who:
        cells.append(d.who)
    return cells


#: The column of the days left: red when overdue, bold when two days or fewer are left.
_DAYS_COLUMN = 4


def _styled(cells: list[str], d: Deadline) -> list[Text]:
    from rich.text import Text

    style = "bold red" if d.status == "overdue" else ("bold" if d.days_left <= 2 else "")
    return [
        Text(cell, style=style if index == _DAYS_COLUMN else "") for index, cell in enumerate(cells)
    ]


def choose_layout(agenda: Agenda, console: Console) -> Layout:
    """The richest layout whose table fits the console's width."""
    for layout in LAYOUTS:
        if _natural_width(_grid(agenda.deadlines, layout)[1]) <= console.width:
            return layout
    return LAYOUTS[-1]


def print_text(agenda: Agenda, console: Console) -> None:
    """Two groups, "Te laat" and "Binnenkort", then the summary line."""
    from rich.text import Text

    layout = choose_layout(agenda, console)
    console.print(Text("Termijnen Poortwachter", style="bold"))
    console.print(Text(window_text(agenda).capitalize()))
    if agenda.filters.active:
        console.print(Text(f"Filter: {filter_text(agenda)}", style="dim"))
    console.print()
    groups = (
        ("Te laat", agenda.overdue, "bold red"),
        ("Binnenkort", agenda.upcoming, "bold"),
    )
    for title, rows, style in groups:
        line = Text(f"{title} ({len(rows)})", style=style)
        if title == "Binnenkort":
            line.append(f", t/m {short_date(agenda.until)}", style="")
        console.print(line)
        lines = _lines(rows, layout, console.width) if rows else None
        if lines is not None:
            write_text(console, lines)
        elif rows:
            console.print(_table(rows, layout))
        else:
            console.print(Text("  geen", style="dim"))
        console.print()
    style = "bold red" if agenda.overdue else "bold green"
    console.print(Text(summary(agenda), style=style))
    if agenda.deadlines and not layout.casemanager:
        console.print(Text("Smal scherm: kolommen Wk en Casemanager weggelaten.", style="dim"))


def to_text(agenda: Agenda, width: int = 120) -> str:
    """The text output without colour, for `-o FILE`."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )
    print_text(agenda, console)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


# --- markdown -------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no HTML, no line breaks."""
    return _MD_SPECIAL.sub(r"\\\1", safe(text).replace("\n", " ").replace("\r", " "))


def _md_table(rows: tuple[Deadline, ...]) -> list[str]:
    if not rows:
        return ["_Geen._", ""]
    out = [
        "| Uiterlijk | Nog | Case | Werknemer | Mijlpaal | Wie | Casemanager |",
        "|---|---:|---|---|---|---|---|",
    ]
    for d in rows:
        out.append(
            f"| {WEEKDAYS[d.due.weekday()]} {d.due.isoformat()} | {days_text(d.days_left)} "
            f"| {md(d.case)} | {md(d.employee)} | {md(d.title)} | {md(d.who)} "
            f"| {md(d.casemanager or '—')} |"
        )
    out.append("")
    return out


def to_markdown(agenda: Agenda) -> str:
    """A digest to post as an issue or e-mail: Te laat, Deze week, Binnenkort, how it was made."""
    this_week = tuple(d for d in agenda.upcoming if d.days_left <= THIS_WEEK)
    later = tuple(d for d in agenda.upcoming if d.days_left > THIS_WEEK)
    lines = [
        f"# Termijnen Poortwachter — {long_date(agenda.as_of, weekday=True)}",
        "",
        f"**{summary(agenda)}**; binnenkort is t/m {long_date(agenda.until, weekday=True)}.",
        "",
    ]
    if agenda.filters.active:
        lines += [f"Filter: {md(filter_text(agenda))}.", ""]
    lines += [f"## Te laat ({len(agenda.overdue)})", "", *_md_table(agenda.overdue)]
    lines += [
        f"## Deze week ({len(this_week)})",
        "",
        f"Uiterlijk t/m {long_date(agenda.as_of + dt.timedelta(days=THIS_WEEK), weekday=True)}.",
        "",
        *_md_table(this_week),
    ]
    lines += [f"## Binnenkort ({len(later)})", "", *_md_table(later)]
    if agenda.skipped:
        lines += [f"## Overgeslagen bestanden ({len(agenda.skipped)})", ""]
        lines += [
            f"- `{md(s.file)}`: {plural(s.findings, 'fout', 'fouten')}; "
            f"zie `wvp check {md(s.file)}`"
            for s in agenda.skipped
        ]
        lines.append("")
    lines += [
        "---",
        "",
        f"_Gemaakt met wvp {__version__} (`wvp deadlines --format markdown`) op peildatum "
        f"{agenda.as_of.isoformat()}, uit de case-bestanden van deze repository. De termijnen "
        "volgen de Wet verbetering poortwachter; geen juridisch advies._",
        "",
    ]
    return "\n".join(lines)


# --- the reporters of report/registry.py ----------------------------------------------------


def report_text(report: AgendaReport, out: Out) -> None:
    """On the console with colour; in a file (`-o`) as plain text 120 wide."""
    if out.to_file:
        out.write(to_text(report.agenda))
    else:
        print_text(report.agenda, out.console)


def report_json(report: AgendaReport, out: Out) -> None:
    out.write(to_json(report.agenda))


def report_markdown(report: AgendaReport, out: Out) -> None:
    out.write(to_markdown(report.agenda))
