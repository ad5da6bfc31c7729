"""An agenda -> text (rich), json (docs/cli.md) or markdown (a digest); ics (RFC 5545) is
report/ics.py.

The JSON document is an API (schema_version 1, exactly the keys of cli.md); the text and the
markdown may change. Every format is a pure function of the agenda: no clock, no I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from wvp_cli import __version__
from wvp_cli.core.agenda import Agenda, Deadline
from wvp_cli.core.dutch import WEEKDAYS, long_date, short_date
from wvp_cli.core.milestones import short_titles
from wvp_cli.report.agenda_table import LAYOUTS as LAYOUTS
from wvp_cli.report.agenda_table import Layout as Layout
from wvp_cli.report.agenda_table import _lines as _lines
from wvp_cli.report.agenda_table import _plain_lines as _plain_lines
from wvp_cli.report.agenda_table import _table as _table
from wvp_cli.report.agenda_table import _Values as _Values
from wvp_cli.report.agenda_table import choose_layout as choose_layout
from wvp_cli.report.agenda_table import days_text as days_text
from wvp_cli.report.check import SCHEMA_VERSION, dumps, plain, plural, safe, write_plain, write_text

if TYPE_CHECKING:
    from rich.console import Console

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


# --- text (the table: report/agenda_table.py) ---------------------------------------------

_GROUPS = (("Te laat", "bold red"), ("Binnenkort", "bold"))


def print_text(agenda: Agenda, console: Console) -> None:
    """Two groups, "Te laat" and "Binnenkort", then the summary line."""
    from rich.text import Text

    if plain(console):
        _print_plain(agenda, console)
        return
    layout = choose_layout(agenda, console)
    console.print(Text("Termijnen Poortwachter", style="bold"))
    console.print(Text(window_text(agenda).capitalize()))
    if agenda.filters.active:
        console.print(Text(f"Filter: {filter_text(agenda)}", style="dim"))
    console.print()
    for (title, style), rows in zip(_GROUPS, (agenda.overdue, agenda.upcoming), strict=True):
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


def _print_plain(agenda: Agenda, console: Console) -> None:
    """`print_text` on a console without styles, written as strings (a test compares them)."""
    from rich.text import Text

    values = _Values(agenda.deadlines)
    layout = choose_layout(agenda, console, values)
    parts = ["Termijnen Poortwachter\n", Text(window_text(agenda).capitalize()).plain + "\n"]
    if agenda.filters.active:
        parts.append(Text(f"Filter: {filter_text(agenda)}").plain + "\n")
    parts.append("\n")
    for (title, _), rows in zip(_GROUPS, (agenda.overdue, agenda.upcoming), strict=True):
        until = f", t/m {short_date(agenda.until)}" if title == "Binnenkort" else ""
        parts.append(f"{title} ({len(rows)}){until}\n")
        lines = _plain_lines(rows, layout, console.width, values.part(rows)) if rows else None
        if lines is not None:
            parts.append(lines + "\n")
        elif rows:
            write_plain(console, "".join(parts))
            parts = []
            console.print(_table(rows, layout))
        else:
            parts.append("  geen\n")
        parts.append("\n")
    parts.append(summary(agenda) + "\n")
    if agenda.deadlines and not layout.casemanager:
        parts.append("Smal scherm: kolommen Wk en Casemanager weggelaten.\n")
    write_plain(console, "".join(parts))


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
