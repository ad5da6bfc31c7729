"""What the commands share: the Typer app, the common options, errors and the console."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.report.registry import Reporter

from wvp_cli.app import fail as fail
from wvp_cli.app import files_of_case as files_of_case
from wvp_cli.app import find_paths as find_paths
from wvp_cli.app import load_config as load_config
from wvp_cli.app import resolve_case as resolve_case
from wvp_cli.app import scan_paths as scan_paths

app = typer.Typer(
    name="wvp",
    help="Poortwachter-dossiers als YAML: controleer de verplichtingen, zie de termijnen, "
    "maak de documenten.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


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
        metavar="PAD...",
        help="Case-bestanden of mappen (recursief *.yaml/*.yml). Standaard: .",
        show_default=False,
    ),
]
Exclude = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        metavar="PATROON",
        help="Sla over wat dit patroon aanwijst (zoals in .gitignore, vanaf de werkmap).",
    ),
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

ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="BESTAND",
        help="Dit configuratiebestand in plaats van wvp.toml of [tool.wvp] in pyproject.toml.",
    ),
]

CaseArg = Annotated[
    str, typer.Argument(metavar="CASE", help="Een case-bestand, of een case-id in de map van --in.")
]
SearchIn = Annotated[
    list[Path] | None,
    typer.Option("--in", metavar="PAD", help="Waar een case-id gezocht wordt. Standaard: ."),
]


# `-o`, `--force` and `--format` mean the same in every command that has them; what a command
# has to add (the suffixes it knows, its formats) goes into its help text.


def output_option(help: str = "Schrijf naar BESTAND.") -> Any:
    """`-o/--output BESTAND`."""
    return typer.Option("--output", "-o", metavar="BESTAND", help=help)


def force_option(help: str = "Vervang een bestaand BESTAND van -o.") -> Any:
    """`--force`: replace what exists (a command whose --force means more says so)."""
    return typer.Option("--force", help=help)


def format_option(help: str, metavar: str | None = None) -> Any:
    """`-f/--format`: `help` names the formats."""
    return typer.Option("--format", "-f", metavar=metavar, help=help)


Output = Annotated[Path | None, output_option()]
Force = Annotated[bool, force_option()]


# The choices of --format of the commands whose formats are in the reporter registry
# (report/registry.py), as enumerations for Typer.
if TYPE_CHECKING:
    CheckFormat = enum.StrEnum
    TimelineFormat = enum.StrEnum
    RulesFormat = enum.StrEnum
    ConfigFormat = enum.StrEnum
    ImportFormat = enum.StrEnum
    NotifyFormat = enum.StrEnum
else:
    from wvp_cli.report.registry import CHECK, CONFIG, IMPORT, NOTIFY, RULES, TIMELINE, choices

    CheckFormat = choices("CheckFormat", CHECK)
    TimelineFormat = choices("TimelineFormat", TIMELINE)
    RulesFormat = choices("RulesFormat", RULES)
    ConfigFormat = choices("ConfigFormat", CONFIG)
    ImportFormat = choices("ImportFormat", IMPORT)
    NotifyFormat = choices("NotifyFormat", NOTIFY)


_Choice = TypeVar("_Choice", bound=enum.StrEnum)


def choose(value: str, choices: Sequence[str], option: str) -> str:
    """A value of `option` that must be one of `choices` (exit 2 with a suggestion)."""
    from wvp_cli.core.dutch import nearest

    if value not in choices:
        close = nearest(value, choices)
        hint = f"; bedoelde je {close}?" if close else ""
        fail(f"{option}: onbekende waarde '{value}'{hint} (kies uit: {', '.join(choices)})")
    return value


def chosen_format(
    value: str | None,
    output: Path | None,
    formats: type[_Choice],
    by_suffix: Mapping[str, _Choice],
    default: _Choice,
) -> _Choice:
    """`--format` wins; otherwise the suffix of `-o` (an unknown one gives `default`)."""
    if value is not None:
        return formats(choose(value, tuple(f.value for f in formats), "--format"))
    if output is not None:
        return by_suffix.get(output.suffix.lower(), default)
    return default


def chosen_reporter(
    registry: Mapping[str, Reporter], value: str | None, output: Path | None
) -> Reporter:
    """The reporter of `--format`; without one, that of `-o`'s suffix; else the registry's
    first (report/registry.py)."""
    from wvp_cli.report.registry import by_suffix

    if value is not None:
        return registry[choose(value, tuple(registry), "--format")]
    by_name = by_suffix(dict(registry), output.suffix) if output is not None else None
    return by_name or next(iter(registry.values()))


def write_report(
    reporter: Reporter, report: object, output: Path | None = None, *, force: bool = True
) -> None:
    """Write `report` in the format of `reporter` (report/registry.py) to standard output or
    to `output`, through the one output writer; what refuses the write is exit 2."""
    from wvp_cli.report.output import WriteRefused, write_output

    write = reporter.load()
    try:
        write_output(lambda out: write(report, out), output, machine=reporter.machine, force=force)
    except WriteRefused as exc:
        fail(str(exc))


def write_file(path: Path, data: str | bytes, *, force: bool) -> None:
    """Write a document made whole (`data`) to `path` through the one output writer
    (report.output.write_output: atomic, --force, devices and pipes in place); what refuses
    the write (it exists, a missing folder) is exit 2."""
    from wvp_cli.report.output import WriteRefused, write_output

    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        write_output(lambda out: out.write_bytes(payload), path, machine=True, force=force)
    except WriteRefused as exc:
        fail(str(exc))


def stop_if_missing(
    document: str, case_id: str, file: str, missing: Sequence[str], *, strict: bool
) -> None:
    """Say what a document still lacks; with --strict nothing is written (exit 1)."""
    if not missing:
        return
    print(f"wvp: nog in te vullen in {document} van {case_id} ({file}):", file=sys.stderr)
    for item in missing:
        print(f"  - {item}", file=sys.stderr)
    if strict:
        print("wvp: --strict: niets geschreven", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)


class SkippedFile(Protocol):
    """A file a command over many cases passed over because it is not a valid case."""

    @property
    def file(self) -> str: ...
    @property
    def findings(self) -> int: ...
    @property
    def unreadable(self) -> bool: ...


def say_what_was_read(
    paths: Sequence[Path] | None,
    found: int,
    skipped: Sequence[SkippedFile],
    *,
    errors: bool = True,
    consequence: str = "",
) -> None:
    """On stderr: that no case file was found, and each file skipped (with its number of
    `errors` and the `consequence` for the user, when given)."""
    from wvp_cli.report.check import plural

    if not found:
        where = ", ".join(str(p) for p in paths) if paths else "."
        print(f"wvp: geen case-bestanden gevonden in {where}", file=sys.stderr)
    for s in skipped:
        count = f" ({plural(s.findings, 'fout', 'fouten')})" if errors else ""
        then = f"; {consequence}" if consequence else ""
        print(
            f"wvp: overgeslagen: {s.file} is geen geldige case{count}{then}; "
            f"zie 'wvp check {s.file}'",
            file=sys.stderr,
        )


def exit_for_skipped(skipped: Sequence[SkippedFile], *, missed: bool = False) -> None:
    """Exit 2 when a file could not be read, 1 when one was skipped (or, `missed`, the
    command did not reach what it had to)."""
    if any(s.unreadable for s in skipped):
        raise typer.Exit(EXIT_ERROR)
    if skipped or missed:
        raise typer.Exit(EXIT_FINDINGS)


def require_valid(loaded: LoadedFile) -> None:
    """Commands that need a case stop at a file that is not one, showing why (exit 1 or 2)."""
    if loaded.case is None:
        raise typer.Exit(show_invalid(loaded))


def show_invalid(loaded: LoadedFile) -> int:
    """Why a file is not a valid case (on stderr); the exit code: 2 unreadable, else 1."""
    from wvp_cli.core.loader import UNREADABLE
    from wvp_cli.core.results import FileResult
    from wvp_cli.engine import CheckResult, Settings, settled
    from wvp_cli.report import check as report

    # Masked like every finding: an unknown key may be a BSN or name a diagnosis.
    findings = tuple(settled(loaded.findings, Settings()))
    result = CheckResult(dt.date.today(), (FileResult(loaded.file),), findings)
    report.print_check_text(result, out_console(stderr=True))
    return EXIT_ERROR if any(f.rule == UNREADABLE for f in loaded.findings) else EXIT_FINDINGS


def is_utf8(stream: object) -> bool:
    import codecs

    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return False
    return name in ("utf-8", "utf-8-sig")
