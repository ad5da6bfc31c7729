"""What the commands share: the Typer app, the common options, errors and the console."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.core.loader import LoadedFile

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


def require_valid(loaded: LoadedFile) -> None:
    """Commands that need a case stop at a file that is not one, showing why (exit 1 or 2)."""
    from wvp_cli.core.loader import UNREADABLE
    from wvp_cli.core.results import FileResult
    from wvp_cli.engine import CheckResult, Settings, settled
    from wvp_cli.report import check as report

    if loaded.case is not None:
        return
    # Masked like every finding: an unknown key may be a BSN or name a diagnosis.
    findings = tuple(settled(loaded.findings, Settings()))
    result = CheckResult(dt.date.today(), (FileResult(loaded.file),), findings)
    report.print_check_text(result, out_console(stderr=True))
    code = EXIT_ERROR if any(f.rule == UNREADABLE for f in loaded.findings) else EXIT_FINDINGS
    raise typer.Exit(code)


def is_utf8(stream: object) -> bool:
    import codecs

    try:
        name = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
    except LookupError:
        return False
    return name in ("utf-8", "utf-8-sig")
