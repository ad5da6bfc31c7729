"""`wvp notify`: each casemanager's digest of what is late and what is due, by e-mail or chat.

Exit codes (docs/notify.md): 0 everyone who had something due was reached (or had been, earlier
on this peildatum); 1 someone was not reached (a failed send, a casemanager without an address
and no fallback, a file skipped because it is not a valid case); 2 wvp could not do its job
(bad configuration or option, a missing password or webhook variable, an unreadable record).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wvp_cli.cli.common import (
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    NoCache,
    Paths,
    TextJsonFormat,
    TextOrJson,
    app,
    exit_for_skipped,
    fail,
    force_option,
    out_console,
    parse_date,
    say_what_was_read,
)

if TYPE_CHECKING:
    from wvp_cli.notify.deliver import Outcome
    from wvp_cli.notify.plan import Plan


STATUS_TEXT = {
    "sent": "verstuurd",
    "already_sent": "al verstuurd",
    "failed": "NIET BEREIKT",
    "dry_run": "proef",
    "nothing_due": "niets te melden",
    "no_address": "GEEN ADRES",
}


def _who(outcome: Outcome) -> str:
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


def _print_text(plan: Plan, outcomes: list[Outcome], dry_run: bool) -> None:
    from rich.text import Text

    from wvp_cli.core.dutch import long_date

    console = out_console()
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
        line.append(f"  {_who(o)}: {o.overdue} te laat, {o.upcoming} binnenkort")
        if o.file:
            line.append(f" → {o.file}")
        if o.error:
            line.append(f"\n    {o.error}", style="red")
        console.print(line)
    if not outcomes:
        console.print(Text("  geen cases", style="dim"))


@app.command()
def notify(
    paths: Paths = None,
    as_of: AsOf = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="N",
            help="Binnenkort is de komende N dagen. Standaard: [notify] days, anders 14.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Verstuur niets: laat zien wat er zou gaan (met --out als bestanden)."
        ),
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="MAP",
            help="Met --dry-run: schrijf elk bericht naar MAP (.eml, of .json voor een webhook).",
        ),
    ] = None,
    force: Annotated[
        bool, force_option("Verstuur ook wat op deze peildatum al verstuurd is.")
    ] = False,
    record: Annotated[
        Path | None,
        typer.Option(
            "--record",
            metavar="BESTAND",
            help="De verzendlog. Standaard: [notify] record, anders .wvp_notify/sent.json.",
        ),
    ] = None,
    output_format: TextJsonFormat = TextOrJson.text,
    config_file: ConfigFile = None,
    exclude: Exclude = None,
    follow_links: FollowLinks = False,
    no_cache: NoCache = False,
) -> None:
    """Stuur elke casemanager een overzicht van wat te laat is en wat binnenkort moet.

    Per e-mail (tekst en HTML, met de termijnen als .ics) of naar een chat-webhook; adressen uit
    [notify.recipients] in wvp.toml. Eén bericht per adres per peildatum.
    """
    from wvp_cli.app.common import scan_configured
    from wvp_cli.core import agenda as core
    from wvp_cli.notify.deliver import deliver, reached_everyone
    from wvp_cli.notify.plan import make_plan
    from wvp_cli.notify.record import Record, RecordProblem
    from wvp_cli.repo import config
    from wvp_cli.repo.scan import Task
    from wvp_cli.report.check import dumps

    day = parse_date(as_of)
    if out is not None and not dry_run:
        fail("--out hoort bij --dry-run (zonder --dry-run wordt er verstuurd, niet geschreven)")
    if days is not None and days < 0:
        fail(f"--days verwacht 0 of meer dagen, niet {days}")
    try:
        conf = config.load(paths[0] if paths else None, config_file)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    settings = conf.notify
    window = days if days is not None else settings.days
    end = core.window_end(day, days=window)
    record_path = record
    if record_path is None:
        record_path = (conf.root or Path(".")) / settings.record
    try:
        sent = Record.load(record_path)
    except RecordProblem as exc:
        fail(str(exc))

    # The files as every command finds them (wvp.toml's exclude from its folder, --exclude
    # from here, .gitignore unless respect_gitignore = false): one truth with deadlines.
    files = scan_configured(
        paths,
        Task(day, findings=False, agenda=True, until=end, max_bytes=conf.max_file_size),
        conf,
        exclude=exclude,
        follow_links=follow_links,
        cache=not no_cache,
    )
    plan = make_plan(files, day, end, settings.recipients, settings.fallback)
    try:
        outcomes = deliver(
            plan,
            settings,
            record=sent,
            env=os.environ,
            now=dt.datetime.now(dt.UTC),
            options=conf.settings().options,
            dry_run=dry_run,
            out=out,
            force=force,
        )
    except RecordProblem as exc:
        fail(str(exc))

    if output_format is TextOrJson.json:
        sys.stdout.write(dumps(_document(plan, outcomes, dry_run)))
    else:
        _print_text(plan, outcomes, dry_run)

    say_what_was_read(paths, len(files), plan.skipped, consequence="niemand krijgt er bericht over")
    missed = [o for o in outcomes if o.status in ("failed", "no_address")]
    if missed:
        names = "; ".join(
            f"{_who(o)}: {o.error or 'geen adres in [notify.recipients] en geen fallback'}"
            for o in missed
        )
        print(f"wvp: niet bereikt: {names}", file=sys.stderr)
    exit_for_skipped(plan.skipped, missed=not reached_everyone(outcomes))
