"""`wvp render riv CASE -o DIR|BUNDEL.zip`: the re-integratieverslag bundle for UWV.

Called by `wvp render` for the kind `riv`; the bundle itself is documents/riv.py. Exit codes as
for every document: 0 written, 1 content missing with --strict (nothing written), 2 wvp could
not do its job (no -o, an existing target without --force, a file over UWV's upload limit,
the PDF extra missing).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wvp_cli.cli.common import EXIT_FINDINGS, fail, require_valid, resolve_case, stop_if_missing

if TYPE_CHECKING:
    from wvp_cli.core.model import Case


def write_bundle(
    case_arg: str,
    output: Path | None,
    day: dt.date,
    folders: list[Path],
    search: list[Path] | None,
    *,
    force: bool,
    strict: bool,
    config: Path | None = None,
    record: bool = False,
) -> None:
    """Make the bundle and write it to a folder (one PDF per document) or one zip."""
    from wvp_cli.core import clock
    from wvp_cli.documents import render
    from wvp_cli.documents import riv as bundle
    from wvp_cli.repo.files import WriteRefused, write_atomic

    if output is None:
        fail(
            "de bundel bestaat uit meer bestanden; geef een map of een .zip met -o, "
            "bijvoorbeeld -o riv/ of -o riv.zip"
        )
    as_zip = output.suffix.lower() == ".zip"
    if as_zip and output.exists() and not force:
        fail(f"{output} bestaat al; gebruik --force om het te vervangen")
    if not as_zip:
        if output.exists() and not output.is_dir():
            fail(f"{output} is geen map; de bundel gaat naar een map of een .zip")
        if output.is_dir() and any(output.iterdir()) and not force:
            fail(f"map {output} is niet leeg; gebruik --force om bestanden te vervangen")
    loaded = resolve_case(case_arg, search, config)
    require_valid(loaded)
    assert loaded.case is not None
    timeline = clock.compute(loaded.case, day)
    try:
        made = bundle.make_bundle(loaded.case, timeline, day, folders, stop_if_missing=strict)
    except (render.TemplateProblem, render.PdfUnavailable, bundle.BundleProblem) as exc:
        fail(str(exc))
    stop_if_missing(
        "het re-integratieverslag", loaded.case.id, loaded.file, made.missing, strict=strict
    )
    try:
        if as_zip:
            write_atomic(output, made.zip_bytes(), force=force)
            return
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            fail(f"kan map {output} niet maken: {exc.strerror}")
        names = {f.name for f in made.files}
        for made_file in made.files:
            write_atomic(output / made_file.name, made_file.data, force=force)
    except WriteRefused as exc:
        fail(str(exc))
    stale = sorted(p.name for p in output.glob("*.pdf") if p.name not in names)
    if stale:
        print(
            f"wvp: in {output} staan ook bestanden die niet bij deze bundel horen; "
            f"upload ze niet mee: {', '.join(stale)}",
            file=sys.stderr,
        )
    if record:
        _record(loaded.file, loaded.case, made.signed_events, day, config)


def _record(
    file: str, case: Case, signed_events: tuple[int, ...], day: dt.date, config: Path | None
) -> None:
    """`--vastleggen`: the content code of every signed document at its signatures that lack
    one, in one validated, atomic write that keeps the file's comments and layout."""
    from wvp_cli.core.signatures import unrecorded_hashes
    from wvp_cli.repo import config as repo_config
    from wvp_cli.repo import edit
    from wvp_cli.repo.signing import record_content_hashes

    entries = unrecorded_hashes(case, signed_events)
    if not entries:
        print(
            f"wvp: {file}: elke vastgelegde handtekening heeft al een inhoudscode; "
            "niets vastgelegd",
            file=sys.stderr,
        )
        return
    try:
        settings = repo_config.load(Path(file).parent, config).settings()
        outcome = record_content_hashes(
            Path(file), entries, as_of=day, settings=settings, display=file
        )
    except repo_config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    except edit.EditProblem as exc:
        fail(str(exc))
    if outcome.refused:
        what = "ongeldig maken" if outcome.invalid else "nieuwe fouten geven"
        print(f"wvp: niet vastgelegd: {outcome.summary} zou {file} {what}:", file=sys.stderr)
        for finding in outcome.problems:
            print(f"  {finding.rule}  {finding.message}", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)
    print(f"wvp: {file}: {outcome.summary}", file=sys.stderr)
