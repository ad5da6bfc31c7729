"""`wvp render KIND CASE`: a document from the templates, as Markdown, HTML, PDF or Word.

Making it is app/render.py; this module parses the options, shows what is missing or refused,
writes the output and sets the exit code: 0 written, 1 content missing with `--strict` or a case
with privacy findings, 2 wvp could not do its job (bad template, missing PDF extra, an existing
file without --force).
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from wvp_cli.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    CaseArg,
    ConfigFile,
    SearchIn,
    app,
    fail,
    force_option,
    format_option,
    output_option,
    parse_date,
    stop_if_missing,
    write_file,
)

if TYPE_CHECKING:
    from wvp_cli.core.findings import Finding


class Kind(enum.StrEnum):
    plan = "plan"
    eerstejaarsevaluatie = "eerstejaarsevaluatie"
    re_integratieverslag = "re-integratieverslag"
    tweede_spoor_plan = "tweede-spoor-plan"
    riv = "riv"


class OutputFormat(enum.StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"


def say_refused(file: str, refused: Sequence[Finding]) -> NoReturn:
    """A case with medical data or a BSN outside employee.bsn became no document: why, with
    the findings masked (exit code 1)."""
    from wvp_cli.report.check import safe

    print(
        f"wvp: {safe(file)} bevat gegevens die niet in een document horen; haal ze "
        "eerst weg (zie 'wvp check'):",
        file=sys.stderr,
    )
    for f in refused:
        loc = f.location
        print(
            f"  {safe(loc.file)}:{loc.line}:{loc.column}  {f.rule}  {safe(f.message)}",
            file=sys.stderr,
        )
    raise typer.Exit(EXIT_FINDINGS)


@app.command()
def render(
    kind: Annotated[
        Kind,
        typer.Argument(
            metavar="DOCUMENT",
            help="plan, eerstejaarsevaluatie, re-integratieverslag, tweede-spoor-plan of riv "
            "(de bundel voor UWV: een map of .zip met een PDF per stuk).",
        ),
    ],
    case: CaseArg,
    output: Annotated[
        Path | None,
        output_option("Schrijf naar dit bestand (.md, .html, .pdf, .docx; bij riv: map of .zip)."),
    ] = None,
    output_format: Annotated[
        OutputFormat | None,
        format_option(
            "md, html, pdf of docx. Standaard: volgens de extensie van -o, anders md.",
            metavar="FORMAAT",
        ),
    ] = None,
    as_of: AsOf = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            metavar="MAP",
            help="Eigen sjablonen (standaard ./templates als die map er is).",
        ),
    ] = None,
    force: Annotated[bool, force_option("Vervang een bestaand uitvoerbestand.")] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exitcode 1 en niets schrijven als er iets ontbreekt."),
    ] = False,
    record: Annotated[
        bool,
        typer.Option(
            "--vastleggen",
            help="Alleen bij riv: zet de inhoudscode van elk ondertekend stuk bij zijn "
            "handtekeningen in het case-bestand (content_hash), zodat wvp check een latere "
            "wijziging meldt.",
        ),
    ] = False,
    search: SearchIn = None,
    config_file: ConfigFile = None,
) -> None:
    """Maak een document: plan van aanpak, eerstejaarsevaluatie, re-integratieverslag."""
    from wvp_cli.app import run_render

    day = parse_date(as_of)
    if kind is Kind.riv:
        from wvp_cli.cli.bundle import write_bundle

        if output_format not in (None, OutputFormat.pdf):
            fail("de bundel voor UWV bestaat uit PDF-bestanden; --format kan daar alleen pdf zijn")
        write_bundle(
            case,
            output,
            day,
            templates,
            search,
            force=force,
            strict=strict,
            config=config_file,
            record=record,
        )
        return
    if record:
        fail(
            "--vastleggen hoort bij de bundel (wvp render riv): daar staan de ondertekende "
            "stukken met hun inhoudscode"
        )
    made = run_render(
        kind.value,
        case,
        day,
        fmt=output_format.value if output_format else None,
        output=output,
        templates=templates,
        force=force,
        search=search,
        config_file=config_file,
    )
    if made.refused:
        say_refused(made.file, made.refused)
    stop_if_missing(made.title.lower(), made.case_id, made.file, made.missing, strict=strict)
    if output is None:
        assert isinstance(made.data, str)
        sys.stdout.write(made.data)
        return
    write_file(output, made.data, force=force)
