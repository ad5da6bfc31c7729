"""`wvp render`: a document of one case (Markdown, HTML, PDF or Word), or the re-integratieverslag
bundle for UWV. Writing it is the caller's: these functions only make it."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.app.common import fail, open_case, privacy_findings

if TYPE_CHECKING:
    from wvp_cli.core.findings import Finding
    from wvp_cli.documents.riv import Bundle

#: The formats of a document, and the suffixes of `-o` that choose one.
FORMATS = ("md", "html", "pdf", "docx")
SUFFIX_FORMAT = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
#: A dossier repository's own templates, looked up in the current folder.
LOCAL_TEMPLATES = Path("templates")


@dataclass(frozen=True)
class Document:
    """A document made (`data`: Markdown or HTML text, PDF or Word bytes) and what it still
    lacks; or, `refused`, the privacy findings that keep the case out of any document."""

    file: str
    case_id: str
    title: str
    data: str | bytes
    missing: tuple[str, ...] = ()
    refused: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class BundleOutcome:
    """The bundle made; or, `refused` (and no bundle), the privacy findings that keep the case
    out of any document, as for a single one."""

    file: str
    case_id: str
    bundle: Bundle | None
    as_zip: bool
    refused: tuple[Finding, ...] = ()


def document_format(chosen: str | None, output: Path | None) -> str:
    """`--format` wins; otherwise the suffix of `-o`, which must be a known one; otherwise
    Markdown."""

    if chosen is not None:
        return chosen
    if output is not None:
        fmt = SUFFIX_FORMAT.get(output.suffix.lower())
        if fmt is None:
            fail(
                f"-o {output}: onbekende extensie '{output.suffix}'; kies .md, .html, .pdf of "
                ".docx, of geef het formaat met --format"
            )
        return fmt
    return "md"


def template_folders(option: Path | None) -> list[Path]:
    """`--templates DIR`, else ./templates when there is one; the built-in ones come last."""

    if option is not None:
        if not option.is_dir():
            fail(f"--templates: map {option} bestaat niet")
        return [option]
    return [LOCAL_TEMPLATES] if LOCAL_TEMPLATES.is_dir() else []


def run_render(
    kind: str,
    case_arg: str,
    as_of: dt.date,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    templates: Path | None = None,
    force: bool = False,
    search: Sequence[Path] | None = None,
    config_file: Path | None = None,
) -> Document:
    """Document `kind` of the case `case_arg` at `as_of`, in the format `fmt` (or that of
    `output`'s suffix). Everything that would stop the write is found before the work: a
    format that cannot go to the screen, an `output` that exists without `force`."""
    from wvp_cli.core import clock
    from wvp_cli.documents import render as core

    chosen = document_format(fmt, output)
    if chosen == "pdf" and output is None:
        fail("een PDF gaat niet naar het scherm; geef een bestand met -o, bijvoorbeeld -o plan.pdf")
    if chosen == "docx" and output is None:
        fail(
            "een Word-document gaat niet naar het scherm; geef een bestand met -o, bijvoorbeeld "
            "-o plan.docx"
        )
    if output is not None and os.path.lexists(output) and not force:
        fail(f"{output} bestaat al; gebruik --force om het te vervangen")
    folders = template_folders(templates)
    loaded, case = open_case(case_arg, search, config_file)
    # A case with medical data or a BSN outside employee.bsn becomes no document: the
    # document would print it.
    refused = privacy_findings(loaded, as_of)
    if refused:
        return Document(loaded.file, case.id, "", "", refused=tuple(refused))
    timeline = clock.compute(case, as_of)
    try:
        rendered = core.render_document(kind, case, timeline, as_of, folders)
        data: str | bytes = rendered.markdown
        if chosen == "docx":
            from wvp_cli.documents import docx

            reference = docx.find_reference(folders)
            data = docx.to_docx(rendered.markdown, rendered.title, rendered.letterhead, reference)
        elif chosen != "md":
            css = core.load_css(folders)
            data = core.to_html(rendered.markdown, rendered.title, rendered.letterhead, css)
            if chosen == "pdf":
                data = core.to_pdf(data)
    except (core.TemplateProblem, core.PdfUnavailable) as exc:
        fail(str(exc))
    return Document(loaded.file, case.id, rendered.title, data, tuple(rendered.missing))


def run_bundle(
    case_arg: str,
    output: Path | None,
    as_of: dt.date,
    *,
    templates: Path | None = None,
    force: bool = False,
    strict: bool = False,
    search: Sequence[Path] | None = None,
    config_file: Path | None = None,
) -> BundleOutcome:
    """The re-integratieverslag bundle for UWV (one PDF/A per document), to be written to the
    folder or the .zip `output`; checked first: that `output` can take it. With `strict`, a
    bundle that misses something comes back without files."""
    from wvp_cli.core import clock
    from wvp_cli.documents import render, riv

    folders = template_folders(templates)
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
    loaded, case = open_case(case_arg, search, config_file)
    # As for a single document: a case with medical data or a BSN outside employee.bsn
    # becomes no bundle, which would print it on every page that goes to UWV.
    refused = privacy_findings(loaded, as_of)
    if refused:
        return BundleOutcome(loaded.file, case.id, None, as_zip, tuple(refused))
    timeline = clock.compute(case, as_of)
    try:
        made = riv.make_bundle(case, timeline, as_of, folders, stop_if_missing=strict)
    except (render.TemplateProblem, render.PdfUnavailable, riv.BundleProblem) as exc:
        fail(str(exc))
    return BundleOutcome(loaded.file, case.id, made, as_zip)
