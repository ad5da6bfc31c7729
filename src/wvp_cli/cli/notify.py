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
from typing import Annotated

import typer

from wvp_cli.cli.common import (
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    NoCache,
    NotifyFormat,
    Paths,
    app,
    exit_for_skipped,
    fail,
    force_option,
    format_option,
    parse_date,
    say_what_was_read,
    write_report,
)
from wvp_cli.notify.report import NotifyReport, who
from wvp_cli.report.registry import NOTIFY, listed

_TEXT = NotifyFormat("text")


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
    output_format: Annotated[NotifyFormat, format_option(f"Uitvoer: {listed(NOTIFY)}.")] = _TEXT,
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

    write_report(NOTIFY[output_format.value], NotifyReport(plan, outcomes, dry_run))

    say_what_was_read(paths, len(files), plan.skipped, consequence="niemand krijgt er bericht over")
    missed = [o for o in outcomes if o.status in ("failed", "no_address")]
    if missed:
        names = "; ".join(
            f"{who(o)}: {o.error or 'geen adres in [notify.recipients] en geen fallback'}"
            for o in missed
        )
        print(f"wvp: niet bereikt: {names}", file=sys.stderr)
    exit_for_skipped(plan.skipped, missed=not reached_everyone(outcomes))
