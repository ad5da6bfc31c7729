"""The documents of a case on the web: an HTML preview, and the PDF and Word files, made by the
same code as `wvp render` (documents/render.py, documents/docx.py). A case whose text a
document must not print (medical data, a BSN outside employee.bsn) becomes no document, as on
the command line. In incognito mode the names in the document are hidden too."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.responses import Response

from wvp_cli.web.app import BadRequest, Site
from wvp_cli.web.masking import Label, Masker
from wvp_cli.web.security import DOCUMENT_POLICY

if TYPE_CHECKING:
    from starlette.requests import Request

    from wvp_cli.documents.render import Rendered


def _make(site: Site, name: str, kind: str, masker: Masker) -> tuple[Rendered, list[Path], str]:
    """The rendered document, the template folders, and the case id (for the file name)."""
    from wvp_cli.app import privacy_findings
    from wvp_cli.core import clock
    from wvp_cli.documents import render
    from wvp_cli.web.masking import people_of
    from wvp_cli.web.views import NotFound

    if kind not in render.KINDS:
        raise BadRequest(f"onbekend document '{kind}'; kies uit {', '.join(render.KINDS)}")
    try:
        loaded = site.repo.open(name)
    except NotFound as exc:
        raise BadRequest(str(exc), 404) from None
    if loaded.case is None:
        raise BadRequest(f"{name} is geen geldige case; zie de pagina Controle", 422)
    day = site.day()
    private = privacy_findings(loaded, day)
    if private:
        rules = ", ".join(sorted({f.rule for f in private}))
        raise BadRequest(
            f"{name} bevat gegevens die niet in een document horen ({rules}); haal ze eerst "
            "weg (zie de bevindingen op de pagina van de case)",
            422,
        )
    masker.hide(people_of(loaded.case))
    own = site.repo.root / "templates"
    folders = [own] if own.is_dir() else []
    timeline = clock.compute(loaded.case, day)
    try:
        rendered = render.render_document(kind, loaded.case, timeline, day, folders)
    except render.TemplateProblem as exc:
        raise BadRequest(f"sjabloon: {exc}", 500) from None
    letterhead = rendered.letterhead
    if letterhead is not None and masker.incognito:
        letterhead = dataclasses.replace(
            letterhead,
            employee=masker.names(letterhead.employee),
            employer=masker.names(letterhead.employer),
        )
    rendered = dataclasses.replace(
        rendered, markdown=masker.names(rendered.markdown), letterhead=letterhead
    )
    return rendered, folders, loaded.case.id


def _html(site: Site, name: str, kind: str, masker: Masker) -> tuple[str, Rendered, str]:
    from wvp_cli.documents import render

    rendered, folders, case_id = _make(site, name, kind, masker)
    try:
        css = render.load_css(folders)
    except render.TemplateProblem as exc:
        raise BadRequest(f"stijlblad: {exc}", 500) from None
    return (
        render.to_html(rendered.markdown, rendered.title, rendered.letterhead, css),
        rendered,
        case_id,
    )


def _params(request: Request) -> tuple[str, str]:
    name = request.query_params.get("bestand", "")
    kind = request.query_params.get("soort", "")
    if not name or not kind:
        raise BadRequest("kies een case-bestand ('bestand') en een document ('soort')")
    return name, kind


def _file_name(kind: str, case_id: str, suffix: str) -> str:
    plain = re.sub(r"[^A-Za-z0-9_-]+", "-", case_id).strip("-") or "case"
    return f"{kind}-{plain}{suffix}"


async def preview(site: Site, request: Request) -> Response:
    """The page around the preview: title, what is still missing, the downloads."""
    name, kind = _params(request)
    masker = site.masker(request)
    _, rendered, _ = await site.work(_html, site, name, kind, masker)
    return site.render(
        request,
        "document.html",
        masker=masker,
        name=name,
        kind=kind,
        title=Label(rendered.title),
        missing=[Label(m) for m in rendered.missing],
    )


async def html(site: Site, request: Request) -> Response:
    """The document itself, for the frame of the preview: sandboxed, no script, no requests."""
    name, kind = _params(request)
    document, _, _ = await site.work(_html, site, name, kind, site.masker(request))
    return Response(
        document,
        media_type="text/html; charset=utf-8",
        headers={"content-security-policy": DOCUMENT_POLICY, "x-frame-options": "SAMEORIGIN"},
    )


def _download(data: bytes, media: str, file_name: str) -> Response:
    return Response(
        data,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="{file_name}"'},
    )


async def pdf(site: Site, request: Request) -> Response:
    from wvp_cli.documents import render

    name, kind = _params(request)
    masker = site.masker(request)

    def make() -> tuple[bytes, str]:
        document, _, case_id = _html(site, name, kind, masker)
        try:
            return render.to_pdf(document), case_id
        except render.PdfUnavailable as exc:
            raise BadRequest(
                f"PDF maken lukt hier niet: {exc}. Installeer de extra: "
                "pip install 'wvp-poortwachter[pdf]'",
                503,
            ) from None

    data, case_id = await site.work(make)
    return _download(data, "application/pdf", _file_name(kind, case_id, ".pdf"))


async def docx(site: Site, request: Request) -> Response:
    from wvp_cli.documents import docx as word

    name, kind = _params(request)
    masker = site.masker(request)

    def make() -> tuple[bytes, str]:
        rendered, folders, case_id = _make(site, name, kind, masker)
        reference = word.find_reference(folders)
        try:
            data = word.to_docx(rendered.markdown, rendered.title, rendered.letterhead, reference)
        except word.DocxUnavailable as exc:
            raise BadRequest(str(exc), 503) from None
        return data, case_id

    data, case_id = await site.work(make)
    media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(data, media, _file_name(kind, case_id, ".docx"))
