"""What `wvp notify` reports (report/registry.py NOTIFY names this module): one line per
message with its status, or the JSON document of docs/notify.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.notify.deliver import Outcome
    from wvp_cli.notify.plan import Plan
    from wvp_cli.report.output import Out


@dataclass(frozen=True)
class NotifyReport:
    """A run of `wvp notify`: what was planned and what became of each message."""

    plan: Plan
    outcomes: list[Outcome]
    dry_run: bool


def report_text(report: NotifyReport, out: Out) -> None:
    _print_text(report.plan, report.outcomes, report.dry_run, out.console)


def report_json(report: NotifyReport, out: Out) -> None:
    from wvp_cli.report.check import dumps

    out.write(dumps(_document(report.plan, report.outcomes, report.dry_run)))


STATUS_TEXT = {
    "sent": "verstuurd",
    "already_sent": "al verstuurd",
    "failed": "NIET BEREIKT",
    "dry_run": "proef",
    "nothing_due": "niets te melden",
    "no_address": "GEEN ADRES",
}


def who(outcome: Outcome) -> str:
    names = [n for n in outcome.casemanagers if n]
    if outcome.address is None:
        return f"casemanager {names[0]}" if names else "cases zonder casemanager"
    shown = ", ".join(names) if names else "zonder casemanager"
    return f"{outcome.address} ({'terugval: ' if outcome.fallback else ''}{shown})"


def _document(plan: Plan, outcomes: list[Outcome], dry_run: bool) -> dict[str, Any]:
    from wvp_cli.report.check import SCHEMA_VERSION

    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": plan.as_of.isoformat(),
        "until": plan.until.isoformat(),
        "dry_run": dry_run,
        "messages": [
            {
                "address": o.address,
                "channel": o.channel,
                "casemanagers": list(o.casemanagers),
                "fallback": o.fallback,
                "cases": o.cases,
                "overdue": o.overdue,
                "upcoming": o.upcoming,
                "status": o.status,
                "error": o.error,
                "file": o.file,
                "message_id": o.message_id,
            }
            for o in outcomes
        ],
        "skipped": [s.file for s in plan.skipped],
    }


def _print_text(plan: Plan, outcomes: list[Outcome], dry_run: bool, console: Console) -> None:
    from rich.text import Text

    from wvp_cli.core.dutch import long_date

    title = "wvp notify (proef: er wordt niets verstuurd)" if dry_run else "wvp notify"
    console.print(Text(title, style="bold"))
    console.print(
        Text(
            f"Peildatum {long_date(plan.as_of, weekday=True)}, binnenkort t/m "
            f"{long_date(plan.until)}"
        )
    )
    width = max((len(STATUS_TEXT[o.status]) for o in outcomes), default=0)
    for o in outcomes:
        bad = o.status in ("failed", "no_address")
        line = Text("  ")
        line.append(STATUS_TEXT[o.status].ljust(width), style="bold red" if bad else "")
        line.append(f"  {who(o)}: {o.overdue} te laat, {o.upcoming} binnenkort")
        if o.file:
            line.append(f" → {o.file}")
        if o.error:
            line.append(f"\n    {o.error}", style="red")
        console.print(line)
    if not outcomes:
        console.print(Text("  geen cases", style="dim"))
