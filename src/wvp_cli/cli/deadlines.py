"""`wvp deadlines`: the week's agenda across a whole dossier repository.

Exit codes (docs/cli.md): 0 the agenda was made (overdue milestones do not fail it: they are
what it lists; `wvp check` is the gate); 1 a file was skipped because it is not a valid case;
2 wvp could not do its job (a path that does not exist, an unreadable file, a bad option).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wvp_cli.cli.common import (
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    Force,
    Jobs,
    NoCache,
    Output,
    Paths,
    app,
    chosen_reporter,
    exit_for_skipped,
    fail,
    format_option,
    parse_date,
    say_what_was_read,
    write_report,
)
from wvp_cli.core.dutch import nearest
from wvp_cli.report.registry import DEADLINES, listed

if TYPE_CHECKING:
    from wvp_cli.engine import FileResult
    from wvp_cli.report.registry import AgendaReport, Reporter


def _one_of(values: list[str] | None, choices: tuple[str, ...], option: str) -> frozenset[str]:
    """Validate a repeatable option against its choices (exit 2 with a suggestion)."""

    chosen = frozenset(values or ())
    for value in sorted(chosen):
        if value not in choices:
            close = nearest(value, choices)
            hint = f"; bedoelde je {close}?" if close else ""
            fail(f"{option}: onbekende waarde '{value}'{hint} (kies uit: {', '.join(choices)})")
    return chosen


#: In the name of `-o`: one file per casemanager.
PATTERN = "{casemanager}"
#: The file of the cases without a casemanager.
NO_CASEMANAGER = "zonder-casemanager"


def file_slug(name: str | None) -> str:
    """`S. de Vries` -> `s-de-vries`: a casemanager's name as part of a file name."""
    import unicodedata

    if name is None:
        return NO_CASEMANAGER
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())
    return slug or "casemanager"


def _write_per_casemanager(
    output: Path,
    files: list[FileResult],
    report: AgendaReport,
    reporter: Reporter,
    force: bool,
) -> None:
    """`-o 'agenda-{casemanager}.ics'`: one file per casemanager (of the cases the filters
    keep), every file checked before any is written."""
    from dataclasses import replace

    from wvp_cli.core import agenda as core
    from wvp_cli.report import agenda as fmt

    whole = report.agenda
    targets: dict[Path, AgendaReport] = {}
    for name, group in core.by_casemanager(files).items():
        agenda = core.select(group, whole.as_of, whole.until, whole.filters)
        if not agenda.cases:
            continue
        slug, n = file_slug(name), 2
        path = Path(str(output).replace(PATTERN, slug))
        while path in targets:
            path = Path(str(output).replace(PATTERN, f"{slug}-{n}"))
            n += 1
        targets[path] = replace(report, agenda=agenda)
    for path in targets:
        if path.exists() and not force:
            fail(f"{path} bestaat al; gebruik --force om het te vervangen")
    for path, part in targets.items():
        write_report(reporter, part, path, force=force)
        print(f"wvp: {path} geschreven ({fmt.summary(part.agenda)})", file=sys.stderr)
    if not targets:
        print("wvp: geen cases, geen bestanden geschreven", file=sys.stderr)


@app.command()
def deadlines(
    paths: Paths = None,
    as_of: AsOf = None,
    week: Annotated[
        bool, typer.Option("--week", help="De komende 7 dagen (hetzelfde als --days 7).")
    ] = False,
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            metavar="N",
            help="De komende N dagen, de laatste dag (peildatum + N) inbegrepen. Standaard: 14.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATUM", help="Tot en met deze datum (JJJJ-MM-DD)."),
    ] = None,
    who: Annotated[
        list[str] | None,
        typer.Option(
            "--who",
            metavar="WIE",
            help="Alleen mijlpalen van werkgever, werknemer, bedrijfsarts of uwv (herhaalbaar).",
        ),
    ] = None,
    casemanager: Annotated[
        list[str] | None,
        typer.Option(
            "--casemanager",
            metavar="NAAM",
            help="Alleen cases waarvan employer.casemanager NAAM bevat (hoofdletterongevoelig).",
        ),
    ] = None,
    case: Annotated[
        list[str] | None,
        typer.Option("--case", metavar="ID", help="Alleen deze case (herhaalbaar)."),
    ] = None,
    milestone: Annotated[
        list[str] | None,
        typer.Option(
            "--milestone",
            metavar="CODE",
            help="Alleen deze mijlpaal, bijv. plan_van_aanpak (herhaalbaar).",
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        format_option(
            f"Uitvoer: {listed(DEADLINES)}. Standaard text, of naar de extensie van -o.",
            metavar="FORMAAT",
        ),
    ] = None,
    output: Output = None,
    force: Force = False,
    alarm_days: Annotated[
        int | None,
        typer.Option(
            "--alarm-days",
            metavar="N",
            help="ics: herinnering N dagen voor elke termijn, om 9:00. Standaard: 1.",
        ),
    ] = None,
    no_alarm: Annotated[
        bool, typer.Option("--no-alarm", help="ics: zonder herinneringen (VALARM).")
    ] = False,
    exclude: Exclude = None,
    follow_links: FollowLinks = False,
    config_file: ConfigFile = None,
    no_cache: NoCache = False,
    jobs: Jobs = None,
) -> None:
    """Termijnen van alle cases: eerst wat te laat is, dan wat binnenkort moet.

    Zonder --week, --days of --until is het venster 14 dagen vanaf de peildatum. Met
    {casemanager} in de naam van -o komt er één bestand per casemanager, bijvoorbeeld
    -o 'agenda-{casemanager}.ics'.
    """
    from wvp_cli.app import DeadlinesOptions, run_deadlines
    from wvp_cli.core import agenda as core
    from wvp_cli.core.agenda import ITEMS
    from wvp_cli.report import agenda as fmt
    from wvp_cli.report.ics import ALARM_DAYS
    from wvp_cli.report.registry import AgendaReport

    if no_alarm and alarm_days is not None:
        fail("kies --alarm-days of --no-alarm, niet beide")
    if alarm_days is not None and not 0 <= alarm_days <= 60:
        fail(f"--alarm-days verwacht 0 tot en met 60 dagen, niet {alarm_days}")
    filters = core.Filters(
        who=_one_of(who, core.PARTIES, "--who"),
        casemanager=frozenset(c.strip() for c in casemanager or () if c.strip()),
        case=frozenset(case or ()),
        milestone=_one_of(milestone, tuple(ITEMS), "--milestone"),
    )
    reporter = chosen_reporter(DEADLINES, output_format, output)
    options = DeadlinesOptions(
        paths=paths,
        as_of=parse_date(as_of),
        filters=filters,
        week=week,
        days=days,
        until=parse_date(until, "--until") if until is not None else None,
        config_file=config_file,
        exclude=exclude,
        follow_links=follow_links,
        cache=not no_cache,
        jobs=jobs,
    )
    outcome = run_deadlines(options)
    alarm = None if no_alarm else (ALARM_DAYS if alarm_days is None else alarm_days)
    report = AgendaReport(outcome.agenda, alarm)
    if output is not None and PATTERN in str(output):
        _write_per_casemanager(output, outcome.files, report, reporter, force)
    else:
        write_report(reporter, report, output, force=force)
        if output is not None:
            print(f"wvp: {output} geschreven ({fmt.summary(outcome.agenda)})", file=sys.stderr)

    say_what_was_read(paths, len(outcome.files), outcome.agenda.skipped)
    exit_for_skipped(outcome.agenda.skipped)
