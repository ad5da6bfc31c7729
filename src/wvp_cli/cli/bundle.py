"""`wvp render riv CASE -o DIR|BUNDEL.zip`: the re-integratieverslag bundle for UWV.

Called by `wvp render` for the kind `riv`; the bundle is made by app/render.py (documents/riv.py).
Exit codes as for every document: 0 written, 1 content missing with --strict (nothing written),
2 wvp could not do its job (no -o, an existing target without --force, a file over UWV's upload
limit, the PDF extra missing).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import typer

from wvp_cli.cli.common import EXIT_FINDINGS, fail, stop_if_missing, write_file


def write_bundle(
    case_arg: str,
    output: Path | None,
    day: dt.date,
    templates: Path | None,
    search: list[Path] | None,
    *,
    force: bool,
    strict: bool,
    config: Path | None = None,
    record: bool = False,
) -> None:
    """Make the bundle and write it to a folder (one PDF per document) or one zip."""
    from wvp_cli.app import run_bundle

    made = run_bundle(
        case_arg,
        output,
        day,
        templates=templates,
        force=force,
        strict=strict,
        search=search,
        config_file=config,
    )
    assert output is not None  # run_bundle refuses a bundle without -o
    if made.refused or made.bundle is None:
        from wvp_cli.cli.render import say_refused

        say_refused(made.file, made.refused)
    stop_if_missing(
        "het re-integratieverslag", made.case_id, made.file, made.bundle.missing, strict=strict
    )
    if made.as_zip:
        write_file(output, made.bundle.zip_bytes(), force=force)
        return
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"kan map {output} niet maken: {exc.strerror}")
    names = {f.name for f in made.bundle.files}
    for made_file in made.bundle.files:
        write_file(output / made_file.name, made_file.data, force=force)
    stale = sorted(p.name for p in output.glob("*.pdf") if p.name not in names)
    if stale:
        print(
            f"wvp: in {output} staan ook bestanden die niet bij deze bundel horen; "
            f"upload ze niet mee: {', '.join(stale)}",
            file=sys.stderr,
        )
    if record:
        _record(made.file, made.bundle.signed_events, day, config)


def _record(file: str, signed_events: tuple[int, ...], day: dt.date, config: Path | None) -> None:
    """`--vastleggen`: the content code of every signed document at its signatures that lack
    one, in one validated, atomic write that keeps the file's comments and layout."""
    from wvp_cli.core.loader import read_file
    from wvp_cli.core.signatures import unrecorded_hashes
    from wvp_cli.repo import config as repo_config
    from wvp_cli.repo import edit
    from wvp_cli.repo.signing import record_content_hashes

    loaded = read_file(Path(file), file)
    if loaded.case is None:  # changed on disk since the bundle was made
        fail(f"{file} is geen geldige case meer; niets vastgelegd")
    entries = unrecorded_hashes(loaded.case, signed_events)
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
