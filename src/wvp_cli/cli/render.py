"""`wvp render KIND CASE`: a document from the templates, as Markdown, HTML or PDF.

The rendering itself is `render.py`; this module only parses options, picks the template
folders and the output, and sets the exit code: 0 written, 1 content missing with `--strict`,
2 wvp could not do its job (bad template, missing PDF extra, an existing file without --force).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from wvp_cli.core.loader import LoadedFile

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
    require_valid,
    resolve_case,
    stop_if_missing,
    write_output,
)


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


_SUFFIX_FORMAT = {
    ".md": OutputFormat.md,
    ".markdown": OutputFormat.md,
    ".html": OutputFormat.html,
    ".htm": OutputFormat.html,
    ".pdf": OutputFormat.pdf,
    ".docx": OutputFormat.docx,
}

#: A dossier repository's own templates, looked up in the current folder.
LOCAL_TEMPLATES = Path("templates")


def pick_format(chosen: OutputFormat | None, output: Path | None) -> OutputFormat:
    """`--format` wins; otherwise the suffix of `-o`, which must be a known one; otherwise
    Markdown."""
    if chosen is not None:
        return chosen
    if output is not None:
        fmt = _SUFFIX_FORMAT.get(output.suffix.lower())
        if fmt is None:
            fail(
                f"-o {output}: onbekende extensie '{output.suffix}'; kies .md, .html, .pdf of "
                ".docx, of geef het formaat met --format"
            )
        return fmt
    return OutputFormat.md


def template_folders(option: Path | None) -> list[Path]:
    """`--templates DIR`, else ./templates when there is one; the built-in ones come last."""
    if option is not None:
        if not option.is_dir():
            fail(f"--templates: map {option} bestaat niet")
        return [option]
    return [LOCAL_TEMPLATES] if LOCAL_TEMPLATES.is_dir() else []


def refuse_private(loaded: LoadedFile, day: dt.date) -> None:
    """A case with medical data or a BSN outside employee.bsn becomes no document: the
    document would print it (exit code 1, the findings masked on stderr)."""
    from wvp_cli.app import privacy_findings
    from wvp_cli.report.check import safe

    found = privacy_findings(loaded, day)
    if not found:
        return
    print(
        f"wvp: {safe(loaded.file)} bevat gegevens die niet in een document horen; haal ze "
        "eerst weg (zie 'wvp check'):",
        file=sys.stderr,
    )
    for f in found:
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
    from wvp_cli.core import clock
    from wvp_cli.documents import render as core

    day = parse_date(as_of)
    if kind is Kind.riv:
        from wvp_cli.cli.bundle import write_bundle

        if output_format not in (None, OutputFormat.pdf):
            fail("de bundel voor UWV bestaat uit PDF-bestanden; --format kan daar alleen pdf zijn")
        folders = template_folders(templates)
        write_bundle(
            case,
            output,
            day,
            folders,
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
    fmt = pick_format(output_format, output)
    if fmt is OutputFormat.pdf and output is None:
        fail("een PDF gaat niet naar het scherm; geef een bestand met -o, bijvoorbeeld -o plan.pdf")
    if fmt is OutputFormat.docx and output is None:
        fail(
            "een Word-document gaat niet naar het scherm; geef een bestand met -o, bijvoorbeeld "
            "-o plan.docx"
        )
    if output is not None and os.path.lexists(output) and not force:
        fail(f"{output} bestaat al; gebruik --force om het te vervangen")
    folders = template_folders(templates)
    loaded = resolve_case(case, search, config_file)
    require_valid(loaded)
    assert loaded.case is not None
    refuse_private(loaded, day)
    timeline = clock.compute(loaded.case, day)
    try:
        rendered = core.render_document(kind.value, loaded.case, timeline, day, folders)
        data: str | bytes = rendered.markdown
        if fmt is OutputFormat.docx:
            from wvp_cli.documents import docx

            reference = docx.find_reference(folders)
            data = docx.to_docx(rendered.markdown, rendered.title, rendered.letterhead, reference)
        elif fmt is not OutputFormat.md:
            css = core.load_css(folders)
            data = core.to_html(rendered.markdown, rendered.title, rendered.letterhead, css)
            if fmt is OutputFormat.pdf:
                data = core.to_pdf(data)
    except (core.TemplateProblem, core.PdfUnavailable) as exc:
        fail(str(exc))

    stop_if_missing(
        rendered.title.lower(), loaded.case.id, loaded.file, rendered.missing, strict=strict
    )
    if output is None:
        assert isinstance(data, str)
        sys.stdout.write(data)
        return
    write_output(output, data, force=force)
