"""The command line: parse options, call the core, hand the result to a reporter, set the exit code.

Exit codes (docs/cli.md): 0 nothing at error level, 1 findings at error level (or
warnings with --strict), 2 the tool could not do its job. Never a traceback for anything a user
can type or put in a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import fnmatch
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import __version__
from .findings import Severity

if TYPE_CHECKING:
    from rich.console import Console

    from .engine import FileResult
    from .loader import LoadedFile
    from .scan import Task

app = typer.Typer(
    name="wvp",
    help="Poortwachter-dossiers als YAML: controleer de verplichtingen, zie de termijnen, "
    "maak de documenten.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageProblem(Exception):
    """Something the user typed or pointed at that wvp cannot work with (exit code 2)."""


def fail(message: str) -> NoReturn:
    raise UsageProblem(message)


def out_console(*, stderr: bool = False) -> Console:
    """Rich decides on colour: only on a terminal, and never with NO_COLOR set."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def parse_date(value: str | None, option: str = "--as-of") -> dt.date:
    """`--as-of` and friends: an ISO date, or today when not given (the CLI's only clock)."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} verwacht een datum als JJJJ-MM-DD, niet '{value}'")


AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATUM", help="Peildatum (JJJJ-MM-DD) in plaats van vandaag."),
]
Paths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Case-bestanden of mappen (recursief *.yaml/*.yml). Standaard: .", show_default=False
    ),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option("--exclude", metavar="GLOB", help="Sla bestanden over waarvan de naam past."),
]
FollowLinks = Annotated[
    bool, typer.Option("--follow-links", help="Volg symbolische links in mappen.")
]


NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Lees elk bestand opnieuw, zonder .wvp_cache/.")
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Processen om te laden. Standaard: de cores."
    ),
]


def find_paths(
    paths: Sequence[Path] | None,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    *,
    root: Path | None = None,
) -> list[tuple[Path, bool]]:
    """Every (file, named) under `paths` (exit 2 for a path that does not exist).

    `exclude` globs match the file name or the path as shown, and with `root` (the folder of
    wvp.toml) also the path relative to it.
    """
    from .files import discover

    targets = list(paths) if paths else [Path(".")]
    patterns = list(exclude or [])
    base = Path(os.path.realpath(root)) if root is not None and patterns else None
    kept: list[tuple[Path, bool]] = []
    try:
        found = list(discover(targets, follow_links=follow_links))
    except FileNotFoundError as exc:
        fail(f"pad bestaat niet: {exc.args[0]}")
    for file, named in found:
        if patterns:
            shown = str(file)
            names = [file.name, shown]
            if base is not None:
                real = Path(os.path.realpath(file))
                if real.is_relative_to(base):
                    names.append(real.relative_to(base).as_posix())
            if any(fnmatch.fnmatch(n, p) for n in names for p in patterns):
                continue
        kept.append((file, named))
    return kept


def scan_paths(
    paths: Sequence[Path] | None,
    task: Task,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    *,
    root: Path | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> list[FileResult]:
    """The result of every case file under `paths` (see `find_paths`), through the cache."""
    from .scan import scan
    from .store import CACHE_DIR

    found = find_paths(paths, exclude, follow_links, root=root)
    results = scan(found, task, cache_dir=CACHE_DIR if cache else None, jobs=jobs)
    return [result for result in results if result.is_case]


# --- check ----------------------------------------------------------------------------------


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


class FailOn(enum.StrEnum):
    error = "error"
    warning = "warning"


ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="BESTAND",
        help="Dit configuratiebestand in plaats van wvp.toml of [tool.wvp] in pyproject.toml.",
    ),
]


@app.command()
def check(
    paths: Paths = None,
    as_of: AsOf = None,
    output_format: Annotated[
        CheckFormat,
        typer.Option("--format", "-f", help="Uitvoer: text, json, github, junit of sarif."),
    ] = CheckFormat.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Ook waarschuwingen geven exitcode 1.")
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", help="Exitcode 1 bij: error (standaard) of warning (als --strict)."
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="CODES", help="Alleen deze regels (codes of WVP1...)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", help="Sla deze regels over (codes of WVP1...)."),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Meld alleen bevindingen in case-bestanden die sinds deze git-ref zijn gewijzigd.",
        ),
    ] = None,
    config_file: ConfigFile = None,
    exclude: Exclude = None,
    follow_links: FollowLinks = False,
    no_cache: NoCache = False,
    jobs: Jobs = None,
) -> None:
    """Controleer case-bestanden op het formaat en de Poortwachter-verplichtingen."""
    from . import config, engine, report
    from .scan import Task

    day = parse_date(as_of)
    try:
        conf = config.load(paths[0] if paths else None, config_file).with_options(
            select=select,
            ignore=ignore,
            fail_on="warning" if strict else (fail_on.value if fail_on else None),
        )
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    changed: set[Path] | None = None
    if changed_since is not None:
        from .vcs import GitProblem, changed_files

        try:
            changed = changed_files(changed_since, paths[0] if paths else Path("."))
        except GitProblem as exc:
            fail(str(exc))
    settings = conf.settings()
    files = scan_paths(
        paths,
        Task(day, settings, max_bytes=conf.max_file_size),
        [*conf.exclude, *(exclude or [])],
        follow_links,
        root=conf.root,
        cache=not no_cache,
        jobs=jobs,
    )
    result = engine.finish(files, day, settings)
    if changed is not None:
        kept = {f.file for f in result.files if Path(os.path.realpath(f.file)) in changed}
        result = result.restricted_to(kept)
    if output_format in (CheckFormat.junit, CheckFormat.sarif):
        from . import ci_formats

        if output_format is CheckFormat.junit:
            failing = ci_formats.failing_levels(conf.fail_on)
            xml = ci_formats.junit(result, failing)
            if not _is_utf8(sys.stdout):  # it says encoding="UTF-8": ASCII with references
                xml = xml.encode("ascii", "xmlcharrefreplace").decode("ascii")
            sys.stdout.write(xml)
        else:
            from .rules import all_rules

            sys.stdout.write(ci_formats.sarif(result, all_rules(), __version__, root=Path.cwd()))
    elif output_format is CheckFormat.json:
        sys.stdout.write(report.check_json(result))
    elif output_format is CheckFormat.github:
        sys.stdout.write(report.check_github(result))
    else:
        report.print_check_text(result, out_console())
    if not files:
        where = ", ".join(str(p) for p in paths) if paths else "."
        print(f"wvp: geen case-bestanden gevonden in {where}", file=sys.stderr)
    if any(f.unreadable for f in result.files):
        raise typer.Exit(EXIT_ERROR)
    worst = {f.severity for f in result.findings}
    if Severity.ERROR in worst or (conf.fail_on == "warning" and Severity.WARNING in worst):
        raise typer.Exit(EXIT_FINDINGS)


# --- one case -------------------------------------------------------------------------------

CaseArg = Annotated[
    str, typer.Argument(metavar="CASE", help="Een case-bestand, of een case-id in de map van --in.")
]
SearchIn = Annotated[
    list[Path] | None,
    typer.Option("--in", metavar="PAD", help="Waar een case-id gezocht wordt. Standaard: ."),
]


def resolve_case(arg: str, search: Sequence[Path] | None) -> LoadedFile:
    """A case named by its file, or by its id among the case files under `search`."""
    from .loader import read_file

    path = Path(arg)
    if path.is_file() or (path.suffix in (".yaml", ".yml") and os.path.lexists(path)):
        return read_file(path, arg)
    matches = files_of_case(arg, search)
    if not matches:
        where = ", ".join(str(p) for p in search) if search else "."
        fail(f"geen case-bestand '{arg}' en geen case met id '{arg}' in {where}")
    if len(matches) > 1:
        fail(f"case-id '{arg}' staat in meer bestanden: {', '.join(matches)}")
    return read_file(Path(matches[0]), matches[0])


def files_of_case(case_id: str, search: Sequence[Path] | None) -> list[str]:
    """The case files under `search` whose id is `case_id`."""
    from .scan import Task

    # Only the ids are needed: no rules, no agenda, and no peildatum (any date gives the same).
    task = Task(dt.date.min, findings=False)
    return [f.file for f in scan_paths(search, task) if f.case_id == case_id]


def require_valid(loaded: LoadedFile) -> None:
    """Commands that need a case stop at a file that is not one, showing why (exit 1 or 2)."""
    from . import report
    from .engine import CheckResult, FileResult
    from .loader import UNREADABLE

    if loaded.case is not None:
        return
    result = CheckResult(dt.date.today(), (FileResult(loaded.file),), loaded.findings)
    report.print_check_text(result, out_console(stderr=True))
    code = EXIT_ERROR if any(f.rule == UNREADABLE for f in loaded.findings) else EXIT_FINDINGS
    raise typer.Exit(code)


class TimelineFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def timeline(
    case: CaseArg,
    as_of: AsOf = None,
    output_format: Annotated[
        TimelineFormat, typer.Option("--format", "-f", help="Uitvoer: text of json.")
    ] = TimelineFormat.text,
    search: SearchIn = None,
) -> None:
    """De hele berekende tijdlijn van één case: elke mijlpaal, termijn, week en status."""
    from . import clock, report

    day = parse_date(as_of)
    loaded = resolve_case(case, search)
    require_valid(loaded)
    assert loaded.case is not None
    tl = clock.compute(loaded.case, day)
    if output_format is TimelineFormat.json:
        sys.stdout.write(report.timeline_json(loaded.case.id, loaded.file, tl))
    else:
        report.print_timeline_text(loaded.case, loaded.file, tl, out_console())


# --- schema and rules ---------------------------------------------------------------------


@app.command()
def schema() -> None:
    """Print het JSON Schema van het case-bestand (voor editors en andere tools)."""
    from .model import Case

    document = Case.model_json_schema(by_alias=True)
    document = {"$schema": "https://json-schema.org/draft/2020-12/schema", **document}
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="Een regelcode, bijvoorbeeld WVP102.")] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Uitvoer: text of json.")
    ] = "text",
) -> None:
    """Toon alle regels, of de documentatie van één regel."""
    from rich.table import Table
    from rich.text import Text

    from .rules import all_rules

    registry = all_rules()
    if output_format not in ("text", "json"):
        fail(f"onbekend formaat '{output_format}'; kies text of json")
    if code is not None:
        wanted = code.upper()
        found = registry.get(wanted) or next(
            (r for r in registry.values() if r.slug == code.lower()), None
        )
        if found is None:
            from .dutch import nearest

            close = nearest(wanted, registry)
            hint = f"; bedoelde je {close}?" if close else ""
            fail(f"onbekende regel '{code}'{hint} (zie 'wvp rules')")
        selected = [found]
    else:
        selected = list(registry.values())
    if output_format == "json":
        doc = {
            "schema_version": 1,
            "rules": [
                {
                    "code": r.code,
                    "slug": r.slug,
                    "title": r.title,
                    "severity": r.severity.value,
                    "source": r.source,
                    **({"doc": r.doc} if code else {}),
                }
                for r in selected
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    console = out_console()
    if code is not None:
        r = selected[0]
        console.print(Text(f"{r.code}  {r.slug}", style="bold"))
        console.print(f"{r.title}")
        console.print(Text(f"Ernst: {r.severity.value}   Bron: {r.source}"))
        console.print()
        console.print(Text(r.doc))
        return
    table = Table(show_lines=False, header_style="bold")
    for name in ("Code", "Ernst", "Regel", "Bron"):
        table.add_column(name, overflow="fold")
    for r in selected:
        table.add_row(r.code, r.severity.value, r.title, r.source)
    console.print(table)


# --- entry point ----------------------------------------------------------------------------


def _version(value: bool) -> None:
    if value:
        print(f"wvp {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Toon de versie."),
    ] = False,
) -> None:
    """wvp: Poortwachter-dossiers als YAML-bestanden in git."""


def _escaped(error: UnicodeError) -> tuple[str, int]:
    """A character the output's encoding cannot hold, written as its `\\uXXXX` escape (a
    surrogate pair above U+FFFF): valid in a JSON string, readable in text."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


def _is_utf8(stream: object) -> bool:
    import codecs

    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return False
    return name in ("utf-8", "utf-8-sig")


def _tolerant_output() -> list[tuple[Any, str | None]]:
    """A stdout or stderr that is not UTF-8 (a Windows code page, `PYTHONIOENCODING=ascii`)
    cannot hold every name in a dossier (Łukasz, Şule): escape what it cannot hold instead of
    stopping halfway. A strict UTF-8 one cannot hold a file name that is not UTF-8 (`caf\xe9`
    as Python reads it): write its own bytes, as `ls` does. Returns what to restore."""
    import codecs

    try:
        codecs.lookup_error("wvp-escape")
    except LookupError:
        codecs.register_error("wvp-escape", _escaped)
    changed = []
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        if not _is_utf8(stream):
            changed.append((stream, stream.errors))
            reconfigure(errors="wvp-escape")
        elif stream.errors == "strict":
            changed.append((stream, stream.errors))
            reconfigure(errors="surrogateescape")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code instead of raising, so tests and scripts can call it."""
    restore = _tolerant_output()
    try:
        return _main(argv)
    finally:
        for stream, errors in restore:
            with contextlib.suppress(OSError, ValueError):  # closed, or a pipe gone
                stream.reconfigure(errors=errors)


def _main(argv: Sequence[str] | None) -> int:
    try:
        app(args=list(argv) if argv is not None else None, prog_name="wvp")
    except SystemExit as exc:  # click's own handling of --help, usage errors and typer.Exit
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or EXIT_OK
        print(exc.code, file=sys.stderr)
        return EXIT_ERROR
    except UsageProblem as exc:
        print(f"wvp: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `wvp deadlines | head`: the reader went away; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the promise: never a traceback for the user
        if os.environ.get("WVP_DEBUG"):
            raise
        print(
            f"wvp: interne fout ({type(exc).__name__}: {exc}). Dit is een fout in wvp; "
            "draai opnieuw met WVP_DEBUG=1 voor details en meld het.",
            file=sys.stderr,
        )
        return EXIT_ERROR
    return EXIT_OK


def run() -> None:
    sys.exit(main())


# The commands that live in modules of their own register themselves on `app` when imported.
from . import cli_deadlines, cli_render, cli_repo  # noqa: E402, F401
