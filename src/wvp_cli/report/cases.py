"""A portfolio -> text (rich, width-aware), json (docs/cases.md), markdown or csv.

The JSON document is an API (schema_version 1, the keys of docs/cases.md); the text and the
markdown may change. Pure functions of the portfolio: no clock, no I/O here.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from wvp_cli.core.dutch import long_date
from wvp_cli.core.portfolio import STATE_WORDS, Portfolio, Row, Step
from wvp_cli.report.agenda import SHORT_TITLES, md
from wvp_cli.report.check import SCHEMA_VERSION, dumps, plural, safe

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.report.output import Out


def _step_json(step: Step | None, *, next_step: bool) -> dict[str, Any] | None:
    if step is None:
        return None
    if not next_step:
        return {"type": step.code, "date": step.date.isoformat()}
    return {
        "milestone": step.code,
        "title": step.title,
        "who": step.who,
        "due": step.date.isoformat(),
        "days_left": step.days_left,
        "status": step.status,
    }


def row_json(r: Row) -> dict[str, Any]:
    partial = None
    if r.partial is not None:
        partial = {
            "since": r.partial.since.isoformat(),
            "hours": r.partial.hours,
            "contract_hours": r.partial.contract_hours,
            "therapeutic": r.partial.therapeutic,
            "work": r.partial.work,
        }
    return {
        "case": r.case,
        "file": r.file,
        "employee": r.employee,
        "employer": r.employer,
        "casemanager": r.casemanager,
        "first_sick_day": r.first_sick_day.isoformat(),
        "last_wage_day": r.last_wage_day.isoformat(),
        "week": r.week,
        "state": r.state,
        "clock_state": r.clock_state,
        "partial": partial,
        "track": list(r.track),
        "last_step": _step_json(r.last_step, next_step=False),
        "next_step": _step_json(r.next_step, next_step=True),
        "errors": r.errors,
        "warnings": r.warnings,
        "riv": {
            "present": r.riv_present,
            "required": r.riv_required,
            "missing": list(r.riv_missing),
        },
        "closed_on": r.closed_on.isoformat() if r.closed_on else None,
        "closing_reason": r.closing_reason,
        "keep_until": r.keep_until.isoformat() if r.keep_until else None,
        "remove": r.remove,
    }


def to_json(portfolio: Portfolio) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "as_of": portfolio.as_of.isoformat(),
            "cases": [row_json(r) for r in portfolio.rows],
            "hidden": portfolio.hidden,
            "skipped": [{"file": s.file, "findings": s.findings} for s in portfolio.skipped],
        }
    )


# --- words --------------------------------------------------------------------------------


def track_text(r: Row) -> str:
    return "+".join(str(t) for t in r.track) if r.track else "—"


def days_text(days_left: int) -> str:
    if days_left < 0:
        return f"{-days_left} d te laat"
    if days_left == 0:
        return "vandaag"
    return f"over {days_left} d"


def next_text(r: Row, *, short: bool = True) -> str:
    step = r.next_step
    if step is None:
        return "—"
    title = SHORT_TITLES.get(step.code, step.title) if short else step.title
    return f"{title} {step.date:%d-%m-%Y} ({days_text(step.days_left or 0)})"


def last_text(r: Row) -> str:
    step = r.last_step
    if step is None:
        return "—"
    return f"{SHORT_TITLES.get(step.code, step.title)} {step.date:%d-%m-%Y}"


_SHORT_STATES = {"wachttijd_voorbij": "na wachttijd", "afgesloten": "afgesloten"}


def state_text(r: Row, *, short: bool = False) -> str:
    if r.state == "gedeeltelijk_hersteld" and r.partial is not None:
        words = "deels " if short else "gedeeltelijk "
        return words + r.partial.words
    text = (_SHORT_STATES if short else STATE_WORDS).get(r.state) or STATE_WORDS.get(
        r.state, r.state
    )
    if r.remove:
        text += " (weg)" if short else " (verwijderen)"
    return text


def riv_text(r: Row) -> str:
    return f"{r.riv_present}/{r.riv_required}"


# --- text -----------------------------------------------------------------------------------


def print_text(portfolio: Portfolio, console: Console) -> None:
    """A header, one line per case, a summary. An 80-column console gets the essentials; a
    wider one the casemanager and longer words, and a wide one the employer and the last step."""
    from rich.table import Table
    from rich.text import Text

    wide = console.width >= 150
    medium = console.width >= 110
    console.print(Text(f"Cases op {long_date(portfolio.as_of)}", style="bold"))
    table = Table(
        header_style="bold", pad_edge=False, box=None, show_edge=False, padding=(0, 1, 0, 0)
    )

    def column(name: str, max_width: int | None = None, *, right: bool = False) -> None:
        table.add_column(
            name,
            no_wrap=True,
            overflow="ellipsis",
            max_width=max_width,
            min_width=len(name),
            justify="right" if right else "left",
        )

    column("Case", 14 if medium else 8)
    column("Werknemer", 20 if medium else 12)
    if wide:
        column("Werkgever", 22)
    if medium:
        column("Casemanager", 16)
    column("Wk", right=True)
    column("Stand", 24 if medium else 12)
    column("Sp")
    if wide:
        column("Laatste stap", 32)
    column("Volgende stap", 30 if medium else 14)
    column("Uiterlijk")
    column("Nog", right=True)
    column("F", right=True)
    column("RIV", right=True)
    for r in portfolio.rows:
        cells = [safe(r.case), safe(r.employee)]
        if wide:
            cells.append(safe(r.employer))
        if medium:
            cells.append(safe(r.casemanager or "—"))
        cells += [str(r.week), state_text(r, short=not medium), track_text(r)]
        if wide:
            cells.append(last_text(r))
        step = r.next_step
        if step is None:
            cells += ["—", "", ""]
        else:
            cells += [
                SHORT_TITLES.get(step.code, step.title),
                f"{step.date:%d-%m-%Y}" if medium else f"{step.date:%d-%m-%y}",
                str(step.days_left),
            ]
        cells += [str(r.errors), riv_text(r)]
        style = ""
        if step is not None and (step.days_left or 0) < 0:
            style = "red"
        elif not r.active:
            style = "dim"
        table.add_row(*cells, style=style)
    if portfolio.rows:
        console.print(table)
    else:
        console.print(Text("  geen cases", style="dim"))
    console.print(Text(summary(portfolio)))
    if portfolio.rows:
        console.print(
            Text("Nog = dagen tot de termijn (min: te laat); F = fouten (wvp check);", style="dim")
        )
        console.print(
            Text("RIV = onderdelen a–l van het re-integratieverslag aanwezig.", style="dim")
        )


def summary(portfolio: Portfolio) -> str:
    rows = portfolio.rows
    overdue = sum(1 for r in rows if r.next_step is not None and (r.next_step.days_left or 0) < 0)
    text = f"{plural(len(rows), 'case', 'cases')}, {overdue} met een stap te laat"
    remove = sum(1 for r in rows if r.remove)
    if remove:
        text += f", {remove} voorbij de bewaartermijn (verwijderen)"
    if portfolio.hidden:
        text += (
            f"; {portfolio.hidden} niet getoond (hersteld, afgesloten of gefilterd; --all toont ze)"
        )
    if portfolio.skipped:
        text += f"; {plural(len(portfolio.skipped), 'bestand', 'bestanden')} overgeslagen"
    return text


# --- markdown and csv -----------------------------------------------------------------------

CSV_COLUMNS: tuple[str, ...] = (
    "case",
    "file",
    "employee",
    "employer",
    "casemanager",
    "first_sick_day",
    "week",
    "state",
    "hours",
    "contract_hours",
    "therapeutic",
    "track",
    "last_step",
    "last_step_date",
    "next_step",
    "next_due",
    "days_left",
    "next_status",
    "errors",
    "warnings",
    "riv_present",
    "riv_required",
    "closed_on",
    "closing_reason",
    "keep_until",
    "remove",
)


def _csv_row(r: Row) -> list[str]:
    p, last, nxt = r.partial, r.last_step, r.next_step
    values: list[object] = [
        r.case,
        r.file,
        r.employee,
        r.employer,
        r.casemanager or "",
        r.first_sick_day.isoformat(),
        r.week,
        r.state,
        f"{p.hours:g}" if p else "",
        f"{p.contract_hours:g}" if p and p.contract_hours is not None else "",
        ("ja" if p.therapeutic else "nee") if p else "",
        "+".join(str(t) for t in r.track),
        last.code if last else "",
        last.date.isoformat() if last else "",
        nxt.code if nxt else "",
        nxt.date.isoformat() if nxt else "",
        nxt.days_left if nxt else "",
        nxt.status if nxt else "",
        r.errors,
        r.warnings,
        r.riv_present,
        r.riv_required,
        r.closed_on.isoformat() if r.closed_on else "",
        r.closing_reason or "",
        r.keep_until.isoformat() if r.keep_until else "",
        "ja" if r.remove else "nee",
    ]
    return [_csv_safe(str(v)) for v in values]


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = safe(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(portfolio: Portfolio) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in portfolio.rows:
        writer.writerow(_csv_row(r))
    return out.getvalue()


def to_markdown(portfolio: Portfolio) -> str:
    lines = [
        f"# Cases op {long_date(portfolio.as_of)}",
        "",
        "| Case | Werknemer | Werkgever | Casemanager | Week | Stand | Spoor | Laatste stap "
        "| Volgende stap | Fouten | RIV |",
        "|---|---|---|---|---:|---|---|---|---|---:|---:|",
    ]
    for r in portfolio.rows:
        cells = [
            r.case,
            r.employee,
            r.employer,
            r.casemanager or "—",
            str(r.week),
            state_text(r),
            track_text(r),
            last_text(r),
            next_text(r, short=False),
            str(r.errors),
            riv_text(r),
        ]
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    lines += ["", summary(portfolio), ""]
    return "\n".join(lines)


def to_text(portfolio: Portfolio, width: int = 120) -> str:
    """The text output without colour, for `-o FILE`."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )
    print_text(portfolio, console)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


# --- the reporters of report/registry.py ----------------------------------------------------


def report_text(portfolio: Portfolio, out: Out) -> None:
    """Rich text on the screen; in a file (`-o`) the plain text of `to_text`."""
    if out.to_file:
        out.write(to_text(portfolio))
    else:
        print_text(portfolio, out.console)


def report_json(portfolio: Portfolio, out: Out) -> None:
    out.write(to_json(portfolio))


def report_markdown(portfolio: Portfolio, out: Out) -> None:
    out.write(to_markdown(portfolio))


def report_csv(portfolio: Portfolio, out: Out) -> None:
    out.write(to_csv(portfolio))
