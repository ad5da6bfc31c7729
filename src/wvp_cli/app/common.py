"""What every command does before its own work: find the case files (discovery, the cache),
read the configuration, find one case by its file or id; and `Problem`, what the user must fix
(exit code 2)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from wvp_cli.core.findings import Finding
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.core.model import Case
    from wvp_cli.core.results import FileResult
    from wvp_cli.repo.config import Config
    from wvp_cli.repo.scan import Task


class Problem(Exception):
    """Something the user typed or pointed at that wvp cannot work with (exit code 2)."""


def fail(message: str) -> NoReturn:
    raise Problem(message)


class InvalidCase(Exception):
    """The file named is not a valid case; its findings say why (the command line shows them:
    exit code 1, or 2 for a file that cannot be read)."""

    def __init__(self, loaded: LoadedFile) -> None:
        super().__init__(loaded.file)
        self.loaded = loaded


def find_paths(
    paths: Sequence[Path] | None,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    *,
    root: Path | None = None,
    cli_exclude: Sequence[str] = (),
    gitignore: bool = True,
) -> list[tuple[Path, bool]]:
    """Every (file, named) under `paths` (exit 2 for a path that does not exist).

    `exclude` patterns (the configuration's) have the semantics of .gitignore relative to
    `root` (the folder of wvp.toml; the working folder without one), `cli_exclude` (`--exclude`)
    relative to the working folder; with `gitignore` the .gitignore files count too. An
    excluded folder is not walked. A file named on the command line is left out only by the
    `exclude` patterns, never by .gitignore.
    """
    from wvp_cli.repo.files import Exclusions, discover

    targets = list(paths) if paths else [Path(".")]
    cwd = Path(".")
    patterns = [(root or cwd, list(exclude or [])), (cwd, list(cli_exclude))]
    exclusions = Exclusions(patterns, gitignore=gitignore)
    named_rules = Exclusions(patterns, gitignore=False)
    try:
        found = list(discover(targets, follow_links=follow_links, exclusions=exclusions))
    except FileNotFoundError as exc:
        fail(f"pad bestaat niet: {exc.args[0]}")
    return [
        (file, named)
        for file, named in found
        if not (named and named_rules and named_rules.excluded(file, False))
    ]


def excluded(file: Path, patterns: Sequence[str], base: Path | None) -> bool:
    """Whether an `exclude` pattern (.gitignore semantics, relative to `base`, the folder of
    wvp.toml, or the working folder) leaves `file` out."""
    from wvp_cli.repo.files import Exclusions

    rules = Exclusions([(base or Path("."), patterns)], gitignore=False)
    return bool(patterns) and rules.excluded(file, False)


def scan_paths(
    paths: Sequence[Path] | None,
    task: Task,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    *,
    root: Path | None = None,
    cache: bool = True,
    jobs: int | None = None,
    cli_exclude: Sequence[str] = (),
    gitignore: bool = True,
) -> list[FileResult]:
    """The result of every case file under `paths` (see `find_paths`), through the cache."""
    from wvp_cli.repo.scan import scan
    from wvp_cli.repo.store import CACHE_DIR

    found = find_paths(
        paths, exclude, follow_links, root=root, cli_exclude=cli_exclude, gitignore=gitignore
    )
    results = scan(found, task, cache_dir=CACHE_DIR if cache else None, jobs=jobs)
    return [result for result in results if result.is_case]


def scan_configured(
    paths: Sequence[Path] | None,
    task: Task,
    conf: Config,
    *,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    cache: bool = True,
    jobs: int | None = None,
) -> list[FileResult]:
    """`scan_paths` as the configuration `conf` says (its `exclude` relative to its folder,
    .gitignore or not), with the command line's `--exclude` patterns."""
    return scan_paths(
        paths,
        task,
        conf.exclude,
        follow_links,
        root=conf.root,
        cache=cache,
        jobs=jobs,
        cli_exclude=exclude or (),
        gitignore=conf.respect_gitignore,
    )


def load_config(paths: Sequence[Path] | None, explicit: Path | None = None) -> Config:
    """The configuration for a command over `paths` (wvp.toml or [tool.wvp] found from the first
    path, or `explicit`): every command reads the same one."""
    from wvp_cli.repo import config

    try:
        return config.load(paths[0] if paths else None, explicit)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")


def resolve_case(
    arg: str, search: Sequence[Path] | None, config_file: Path | None = None
) -> LoadedFile:
    """A case named by its file, or by its id among the case files under `search`, read with
    the configuration (wvp.toml found from the file or `search`, or `config_file`): its
    `max_file_size`, and its `exclude` and .gitignore for the search by id."""
    from wvp_cli.core.loader import read_file

    path = Path(arg)
    named = path.is_file() or (path.suffix in (".yaml", ".yml") and os.path.lexists(path))
    conf = load_config([path] if named else search, config_file)
    if named:
        return read_file(path, arg, max_bytes=conf.max_file_size)
    matches = files_of_case(arg, search, conf)
    if not matches:
        where = ", ".join(str(p) for p in search) if search else "."
        fail(f"geen case-bestand '{arg}' en geen case met id '{arg}' in {where}")
    if len(matches) > 1:
        fail(f"case-id '{arg}' staat in meer bestanden: {', '.join(matches)}")
    return read_file(Path(matches[0]), matches[0], max_bytes=conf.max_file_size)


def open_case(
    arg: str, search: Sequence[Path] | None, config_file: Path | None = None
) -> tuple[LoadedFile, Case]:
    """`resolve_case`, for a command that needs a valid case (else `InvalidCase`)."""
    loaded = resolve_case(arg, search, config_file)
    if loaded.case is None:
        raise InvalidCase(loaded)
    return loaded, loaded.case


def files_of_case(
    case_id: str, search: Sequence[Path] | None, conf: Config | None = None
) -> list[str]:
    """The case files under `search` whose id is `case_id` (outside what the configuration
    excludes)."""
    from wvp_cli.repo.scan import Task

    conf = conf if conf is not None else load_config(search)
    # Only the ids are needed: no rules, no agenda, and no peildatum (any date gives the same).
    task = Task(dt.date.min, findings=False, max_bytes=conf.max_file_size)
    found = scan_paths(search, task, conf.exclude, root=conf.root, gitignore=conf.respect_gitignore)
    return [f.file for f in found if f.case_id == case_id]


#: The privacy rules whose findings keep a case's text out of a document.
PRIVACY_GATE = frozenset({"WVP400", "WVP401", "WVP402", "WVP404"})


def privacy_findings(loaded: LoadedFile, as_of: dt.date) -> list[Finding]:
    """The findings of the privacy rules on one case (messages masked), with the options of
    the configuration that applies to its folder. A document prints the case's text, so a
    case with medical data or a BSN outside employee.bsn must not become one."""
    from wvp_cli import engine
    from wvp_cli.repo import config
    from wvp_cli.rules import all_rules

    try:
        options = dict(config.load(Path(loaded.file).parent).settings().options)
    except config.ConfigError:
        options = {}
    settings = engine.Settings(select=PRIVACY_GATE, options=options)
    rules = tuple(r for code, r in all_rules().items() if code in PRIVACY_GATE)
    found = engine.case_findings(loaded, as_of, rules, settings)
    return sorted(
        (f for f in engine.settled(found, settings) if f.rule in PRIVACY_GATE),
        key=lambda f: f.sort_key(),
    )
