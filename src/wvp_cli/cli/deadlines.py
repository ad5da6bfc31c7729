"""`wvp deadlines`: the week's agenda across a whole dossier repository.

Exit codes (docs/cli.md): 0 the agenda was made (overdue milestones do not fail it: they are
what it lists; `wvp check` is the gate); 1 a file was skipped because it is not a valid case;
2 wvp could not do its job (a path that does not exist, an unreadable file, a bad option).
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wvp_cli.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    AsOf,
    ConfigFile,
    Exclude,
    FollowLinks,
    Jobs,
    NoCache,
    Paths,
    app,
    fail,
    load_config,
    out_console,
    parse_date,
    scan_paths,
)
from wvp_cli.core.dutch import nearest

if TYPE_CHECKING:
    from wvp_cli.core.agenda import Agenda, Filters
    from wvp_cli.engine import FileResult


class DeadlinesFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    ics = "ics"


_SUFFIX_FORMAT = {
    ".json": DeadlinesFormat.json,
    ".md": DeadlinesFormat.markdown,
    ".markdown": DeadlinesFormat.markdown,
    ".ics": DeadlinesFormat.ics,
    ".txt": DeadlinesFormat.text,
}


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
    day: dt.date,
    end: dt.date,
    filters: Filters,
    render: Callable[[Agenda], str | bytes],
    force: bool,
) -> None:
    """`-o 'agenda-{casemanager}.ics'`: one file per casemanager (of the cases the filters
    keep), every file checked before any is written."""
    from wvp_cli.core import agenda as core
    from wvp_cli.repo.files import WriteRefused, write_atomic
    from wvp_cli.report import agenda as fmt

    targets: dict[Path, Agenda] = {}
    for name, group in core.by_casemanager(files).items():
        agenda = core.select(group, day, end, filters)
        if not agenda.cases:
            continue
        slug, n = file_slug(name), 2
        path = Path(str(output).replace(PATTERN, slug))
        while path in targets:
            path = Path(str(output).replace(PATTERN, f"{slug}-{n}"))
            n += 1
        targets[path] = agenda
    for path in targets:
        if path.exists() and not force:
            fail(f"{path} bestaat al; gebruik --force om het te vervangen")
    for path, agenda in targets.items():
        try:
            write_atomic(path, render(agenda), force=force)
        except WriteRefused as exc:
            fail(str(exc))
        print(f"wvp: {path} geschreven ({fmt.summary(agenda)})", file=sys.stderr)
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
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAAT",
            help="Uitvoer: text, json, markdown of ics. Standaard text, of naar de extensie "
            "van -o.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="BESTAND", help="Schrijf naar BESTAND."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Vervang een bestaand BESTAND van -o.")
    ] = False,
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
    from wvp_cli.core import agenda as core
    from wvp_cli.core.agenda import ITEMS
    from wvp_cli.report import agenda as fmt
    from wvp_cli.report.check import plural

    day = parse_date(as_of)
    if sum((week, days is not None, until is not None)) > 1:
        fail("kies één van --week, --days en --until")
    if days is not None and days < 0:
        fail(f"--days verwacht 0 of meer dagen, niet {days}")
    if no_alarm and alarm_days is not None:
        fail("kies --alarm-days of --no-alarm, niet beide")
    if alarm_days is not None and not 0 <= alarm_days <= 60:
        fail(f"--alarm-days verwacht 0 tot en met 60 dagen, niet {alarm_days}")
    alarm = None if no_alarm else (fmt.ALARM_DAYS if alarm_days is None else alarm_days)
    end_date = parse_date(until, "--until") if until is not None else None
    if end_date is not None and end_date < day:
        fail(f"--until {end_date.isoformat()} ligt voor de peildatum {day.isoformat()}")
    end = core.window_end(day, days=7 if week else days, until=end_date)
    filters = core.Filters(
        who=_one_of(who, core.PARTIES, "--who"),
        casemanager=frozenset(c.strip() for c in casemanager or () if c.strip()),
        case=frozenset(case or ()),
        milestone=_one_of(milestone, tuple(ITEMS), "--milestone"),
    )
    formats = tuple(f.value for f in DeadlinesFormat)
    chosen = (
        DeadlinesFormat(next(iter(_one_of([output_format], formats, "--format"))))
        if output_format is not None
        else None
    )
    if chosen is None:
        chosen = _SUFFIX_FORMAT.get(output.suffix.lower()) if output else None
        chosen = chosen or DeadlinesFormat.text

    from wvp_cli.repo.scan import Task

    conf = load_config(paths, config_file)
    task = Task(day, findings=False, agenda=True, until=end, max_bytes=conf.max_file_size)
    files = scan_paths(
        paths,
        task,
        conf.exclude,
        follow_links,
        root=conf.root,
        cache=not no_cache,
        jobs=jobs,
        cli_exclude=exclude or (),
        gitignore=conf.respect_gitignore,
    )
    result = core.select(files, day, end, filters)
    known = set(result.case_ids) | {f.case_id for f in files if f.case_id}
    for wanted in sorted(filters.case - known):
        close = nearest(wanted, sorted(known))
        hint = f"; bedoelde je {close}?" if close else ""
        fail(f"--case: geen case met id '{wanted}'{hint}")

    def render(agenda: core.Agenda) -> str | bytes:
        if chosen is DeadlinesFormat.json:
            return fmt.to_json(agenda)
        if chosen is DeadlinesFormat.markdown:
            return fmt.to_markdown(agenda)
        if chosen is DeadlinesFormat.ics:
            return fmt.to_ics(agenda, alarm_days=alarm)
        return fmt.to_text(agenda)

    data: str | bytes
    if output is not None and PATTERN in str(output):
        _write_per_casemanager(output, files, day, end, filters, render, force)
        data = ""
    elif output is not None or chosen is not DeadlinesFormat.text:
        data = render(result)
    else:
        data = ""
        fmt.print_text(result, out_console())

    if output is not None and PATTERN not in str(output):
        from wvp_cli.repo.files import WriteRefused, write_atomic

        try:
            write_atomic(output, data, force=force)
        except WriteRefused as exc:
            fail(str(exc))
        print(f"wvp: {output} geschreven ({fmt.summary(result)})", file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(data)
            buffer.flush()
        else:  # an in-memory stdout (tests, embedding)
            sys.stdout.write(data.decode("utf-8"))
    elif data:
        sys.stdout.write(data)

    if not files:
        where = ", ".join(str(p) for p in paths) if paths else "."
        print(f"wvp: geen case-bestanden gevonden in {where}", file=sys.stderr)
    for skipped in result.skipped:
        print(
            f"wvp: overgeslagen: {skipped.file} is geen geldige case "
            f"({plural(skipped.findings, 'fout', 'fouten')}); "
            f"zie 'wvp check {skipped.file}'",
            file=sys.stderr,
        )
    if any(s.unreadable for s in result.skipped):
        raise typer.Exit(EXIT_ERROR)
    if result.skipped:
        raise typer.Exit(EXIT_FINDINGS)
