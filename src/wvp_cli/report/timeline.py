"""A case's timeline -> text (rich) or JSON (docs/cli.md, schema_version 1): `wvp timeline`.

JSON documents and exit codes are an API (docs/cli.md); the human text may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wvp_cli.core.dutch import STATE_WORDS, STATUS_WORDS, long_date, short_date
from wvp_cli.report.check import SCHEMA_VERSION, dumps, safe

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.model import Case
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import TimelineReport


_STATUS_STYLE = {
    "done": "green",
    "late": "yellow",
    "open": "",
    "overdue": "bold red",
    "waived": "cyan",
    "paused": "dim",
    "not_applicable": "dim",
}


def report_json(report: TimelineReport, out: Out) -> None:
    out.write(timeline_json(report.case.id, report.file, report.timeline))


def report_text(report: TimelineReport, out: Out) -> None:
    print_timeline_text(report.case, report.file, report.timeline, out.console)


def timeline_json(case_id: str, file: str, tl: Timeline) -> str:
    return dumps(
        {
            "schema_version": SCHEMA_VERSION,
            "as_of": tl.as_of.isoformat(),
            "case": case_id,
            "file": file,
            "first_sick_day": tl.first_sick_day.isoformat(),
            "last_wage_day": tl.last_wage_day.isoformat(),
            "state": tl.state,
            "milestones": [
                {
                    "milestone": m.code,
                    "due": m.due.isoformat(),
                    "window_start": m.window_start.isoformat() if m.window_start else None,
                    "done": m.done.isoformat() if m.done else None,
                    "status": m.status,
                    "week": m.week,
                }
                for m in tl.milestones
            ],
        }
    )


def print_timeline_text(case: Case, file: str, tl: Timeline, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    from wvp_cli.core.milestones import MILESTONE_INFO

    # Never a week beyond the wachttijd's own length (docs/poortwachter.md, section 7).
    last_week = tl.clock.week_of(tl.last_wage_day)
    week_now = min(tl.clock.week_of(tl.as_of), last_week) if tl.as_of >= tl.first_sick_day else 0
    head = Text()
    head.append(f"{safe(case.id)}  {safe(case.employee.name)}", style="bold")
    head.append(f"  ({safe(case.employer.name)})\n")
    head.append(f"Eerste ziektedag: {long_date(tl.first_sick_day)}\n")
    if len(tl.periods) > 1 or case.leave:
        spans = [
            f"{long_date(p.from_)} – {long_date(p.to) if p.to else 'nu'}"
            for p in (case.sickness[i] for i in tl.periods)
        ]
        head.append(f"Ziekteperiodes (samengeteld): {'; '.join(spans)}\n")
        for leave in case.leave:
            span = f"{long_date(leave.from_)} – {long_date(leave.to)}"
            head.append(f"Zwangerschaps- en bevallingsverlof (telt niet mee): {span}\n")
    head.append(f"Stand op {long_date(tl.as_of)}: {STATE_WORDS[tl.state]}")
    if tl.state == "sick":
        head.append(f", week {week_now} van de wachttijd")
    elif tl.last_sick_day is not None:
        head.append(f", laatste ziektedag {long_date(tl.last_sick_day)}")
    head.append(f"\nEinde wachttijd (laatste loondag): {long_date(tl.last_wage_day)}")
    if tl.iva_granted is not None and tl.last_wage_day != tl.base_last_wage_day:
        head.append(
            f" (vervroegde IVA toegekend op {long_date(tl.iva_granted)}; anders "
            f"{long_date(tl.base_last_wage_day)})"
        )
    elif tl.last_wage_day != tl.base_last_wage_day:
        head.append(f" (zonder verlenging {long_date(tl.base_last_wage_day)})")
    if tl.employment_ended is not None:
        head.append(
            f"\nUit dienst op {long_date(tl.employment_ended)}: de termijnen van de werkgever "
            "daarna vervallen (ZW art. 38 lid 2)"
        )
    console.print(head)
    from rich import box

    wide = console.width >= 100
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Mijlpaal", overflow="fold", ratio=3)
    table.add_column("Week", justify="right")
    table.add_column("Uiterlijk", no_wrap=True)
    table.add_column("Gedaan", no_wrap=True)
    table.add_column("Status", overflow="fold", ratio=1)
    if wide:
        table.add_column("Wie", overflow="fold", ratio=1)
    for m in tl.milestones:
        info = MILESTONE_INFO[m.code]
        due = short_date(m.due)
        if m.window_start is not None:
            due = f"{short_date(m.window_start)} –\n{due}"
        status = STATUS_WORDS[m.status]
        if m.status == "late" and m.days_late:
            status += f" ({m.days_late} d)"
        cells: list[str | Text] = [
            info.title,
            str(m.week),
            due,
            short_date(m.done) if m.done else "",
            Text(status, style=_STATUS_STYLE[m.status]),
        ]
        table.add_row(*cells, *([info.who] if wide else []))
    console.print(table)
    lines = tweede_spoor_lines(case, tl)
    if lines:
        section = Text("Tweede spoor\n", style="bold")
        section.append("".join(f"  {line}\n" for line in lines).rstrip("\n"))
        console.print(section)


def tweede_spoor_lines(case: Case, tl: Timeline) -> list[str]:
    """The tweede spoor phase in a few Dutch lines; none while it is not yet an issue."""
    from wvp_cli.core.tweede_spoor import phase

    ts = phase(case, tl)
    milestone = tl.milestone("start_tweede_spoor")
    eje_done = tl.milestone("eerstejaarsevaluatie").done is not None
    if not (ts.started or ts.plan or eje_done or milestone.status in ("waived", "overdue")):
        return []
    lines: list[str] = []
    if ts.start is not None:
        by = f" ({safe(ts.provider)})" if ts.provider else ""
        lines.append(f"Start: {short_date(ts.start)}{by}")
    elif milestone.status == "waived":
        until = (
            case.deviations[milestone.deviation].prospect_until
            if milestone.deviation is not None
            else None
        )
        lines.append(
            "Start: niet nodig, gemotiveerd afgeweken (zie de afwijking)"
            + (f"; terugkeer rond uiterlijk {short_date(until)}" if until is not None else "")
        )
    else:
        lines.append(
            f"Start: nog niet gestart (uiterlijk {short_date(milestone.due)}, "
            f"{STATUS_WORDS[milestone.status]})"
        )
    if ts.plan is not None:
        agreed = (
            f"instemming werknemer {short_date(ts.plan_agreed)}"
            if ts.plan_agreed is not None
            else "nog geen instemming werknemer"
        )
        lines.append(f"Re-integratieplan: {short_date(ts.plan)}, {agreed}")
    elif ts.plan_due is not None:
        lines.append(f"Re-integratieplan: nog geen (uiterlijk {short_date(ts.plan_due)})")
    if ts.plan is not None:
        latest = ts.latest_progress
        lines.append(f"Laatste voortgang: {short_date(latest[0]) if latest else 'nog geen'}")
    if ts.next_progress_due is not None and ts.start is not None and tl.as_of <= tl.last_wage_day:
        late = " (verlopen)" if ts.next_progress_due < tl.as_of else ""
        lines.append(f"Volgende voortgang uiterlijk: {short_date(ts.next_progress_due)}{late}")
    if ts.stopped is not None:
        # Free text from the case: masked like a finding's message (a reason for stopping the
        # tweede spoor can name a diagnosis), in every output, a terminal included.
        from wvp_cli.privacy.matcher import redact

        reason = f": {safe(redact(ts.stop_reason, {}))}" if ts.stop_reason else " (zonder reden)"
        lines.append(f"Gestopt: {short_date(ts.stopped)}{reason}")
    return lines
