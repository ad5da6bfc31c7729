"""The re-integratieverslag bundle: the documents the employer uploads to UWV, one PDF each.

UWV first tests the re-integratieverslag administratively: is every element of Regeling
procesgang eerste en tweede ziektejaar art. 6 lid 1 (a to l) there, and is every element
separate and recognisable, with its date and the names and functions of its authors or signers,
bijstellingen recognisable next to the original (Beleidsregels vorm- en herkenbaarheidsvereisten
reïntegratieverslagen). The upload takes pdf files of at most 10 MB with the employee's BSN on
every document. This module makes that bundle (docs/riv.md):

- one PDF per element (`Element`): the employer's verslag (a-e, i, k), every probleemanalyse,
  the plan van aanpak and every bijstelling (with what changed, when and why), the evaluations,
  the arbeidsdeskundig onderzoek, the tweede spoor plan and its reports, the
  eerstejaarsevaluatie, the eindevaluatie, the actueel oordeel and the employee's view;
- every page carries the employee's name and BSN (a page margin box, so a long document
  cannot lose it), every document its date, authors and signers with their functions;
- an index (`00-inhoud.pdf`) that lists a to l with the file and page where each stands, and
  says that medical documents are never part of the employer's bundle.

Pure like render.py: no printing, no system clock (`as_of` is a parameter), no network. The
Markdown comes from templates (`riv-*.md.j2`, overridable like every other template) in the
same sandbox, with every case value escaped. The PDFs are PDF/A-2a (tagged) through WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wvp_cli.core.clock import Timeline
from wvp_cli.core.dutch import long_date
from wvp_cli.core.model import Case, Signature
from wvp_cli.core.signatures import ROLE_WORDS
from wvp_cli.documents import render
from wvp_cli.documents.riv_elements import (
    ITEM_TITLES,
    ITEMS,
    METHOD_WORDS,
    PLAN_FIELDS,
    Element,
    Person,
    _slug,
    plan_elements,
)

__all__ = [
    "INDEX_NAME",
    "ITEMS",
    "ITEM_TITLES",
    "PDF_VARIANT",
    "PLAN_FIELDS",
    "UPLOAD_LIMIT_BYTES",
    "Bundle",
    "BundleFile",
    "BundleProblem",
    "Element",
    "Person",
    "make_bundle",
    "page_css",
    "plan_elements",
]

#: UWV's upload takes files of at most 10 MB each (decimal megabytes: the safe reading).
UPLOAD_LIMIT_BYTES = 10_000_000

#: PDF/A-2a: archivable (fonts embedded, colour profile, XMP metadata) and tagged (accessible).
PDF_VARIANT = render.PDF_VARIANT

INDEX_NAME = "00-inhoud.pdf"


class BundleProblem(Exception):
    """The bundle cannot be made as UWV takes it (a file over the upload limit): exit 2."""


@dataclass(frozen=True)
class BundleFile:
    name: str
    title: str
    items: tuple[str, ...]
    date: dt.date | None
    pages: int
    data: bytes
    markdown: str
    #: The page on which each item starts, for the files that hold more than one (the verslag).
    item_pages: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Bundle:
    files: list[BundleFile]
    missing: list[str]
    #: The events whose documents are in the bundle and need signatures (`--vastleggen`
    #: records their content code with each recorded signature).
    signed_events: tuple[int, ...] = ()

    def zip_bytes(self) -> bytes:
        """All files in one zip, with fixed timestamps: the same bundle gives the same bytes."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for item in self.files:
                info = zipfile.ZipInfo(item.name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, item.data)
        return buffer.getvalue()


# --- rendering ------------------------------------------------------------------------------


def _person(person: Person, signatures: Sequence[Signature] = ()) -> dict[str, Any]:
    """A person for the templates; a signer also with the signature the case records."""
    signed = next((s for s in signatures if person.role and s.role == person.role), None)
    name = signed.name if signed is not None else person.name
    return {
        "name": render.CaseText(name) if name else None,
        "function": render.CaseText(
            signed.function or person.function if signed else person.function
        ),
        "key": person.key,
        "role": person.role,
        "signed": signed.date if signed is not None else None,
        "method": METHOD_WORDS[signed.method] if signed is not None else None,
    }


def _render_markdown(
    template: str,
    case: Case,
    timeline: Timeline,
    as_of: dt.date,
    template_dirs: Sequence[Path],
    extra: dict[str, Any],
) -> tuple[str, list[str]]:
    """A template in render.py's sandbox, with the document context plus `extra`."""
    session = render._Session(template_dirs)
    env = session.environment()
    context = render._context(case, timeline, as_of)
    by_index = {item["index"]: item for item in context["events"]}
    context["event_at"] = lambda index: by_index.get(index)
    context["items"] = [{"letter": letter, "title": title} for letter, title in ITEMS]
    context.update(extra)
    try:
        markdown = env.get_template(template).render(context)
    except render.TemplateProblem:
        raise
    except RecursionError:
        raise render.TemplateProblem(f"sjabloon {template}: te diep genest (recursie)") from None
    except Exception as exc:  # Jinja's errors, and operations inside a template
        raise render._problem(exc, template, session.shown_names) from None
    return render._tidy(markdown), session.missing()


def page_css(case: Case) -> str:
    """The margin box with the employee's name and BSN on every page (UWV: BSN on every
    document), plus room to sign in the signature table."""
    bsn = case.employee.bsn or "nog in te vullen"
    mark = render.css_string(f"Werknemer: {case.employee.name} · BSN: {bsn}")
    return (
        "\n@page { @top-left { content: "
        f"{mark}; font-size: 8pt; color: #1b1b1b; vertical-align: bottom; "
        "padding-bottom: 3mm; } }\n"
        "main > table:last-child td { height: 12mm; }\n"
    )


@dataclass(frozen=True)
class _Pdf:
    data: bytes
    pages: int
    headings: dict[str, int]


def _pdf(html_document: str) -> _Pdf:
    """PDF/A-2a bytes of an HTML document, its page count and the page of each h2 heading."""
    weasyprint = render._weasyprint()
    options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True}
    with render._Quiet(), render._reproducible():
        document = weasyprint.HTML(
            string=html_document,
            base_url=None,
            url_fetcher=render._refusing_fetcher(weasyprint),
        ).render(**options)
        data = document.write_pdf(**options)
    headings: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for level, label, *_ in page.bookmarks:
            if level == 2:
                headings.setdefault(str(label), number)
    assert isinstance(data, bytes)
    return _Pdf(data, len(document.pages), headings)


def _file_name(number: int, element: Element) -> str:
    return f"{number:02d}-{_slug(element.slug)}.pdf"


def _check_size(name: str, data: bytes) -> None:
    if len(data) > UPLOAD_LIMIT_BYTES:
        raise BundleProblem(
            f"{name} is {len(data) / 1_000_000:.1f} MB; UWV neemt bestanden van hooguit "
            f"{UPLOAD_LIMIT_BYTES // 1_000_000} MB aan"
        )


def _element_context(element: Element, file_name: str) -> dict[str, Any]:
    return {
        "element": {
            "title": element.title,
            "file": file_name,
            "parts": [{"letter": i, "title": ITEM_TITLES[i]} for i in element.items],
            "date": element.date,
            "date_key": element.date_key,
            "authors": [_person(p) for p in element.authors],
            "signers": [_person(p, element.signatures) for p in element.signers],
            "required": [ROLE_WORDS[r] for r in element.required],
            "unsigned": [
                ROLE_WORDS[r]
                for r in element.required
                if r not in {s.role for s in element.signatures}
            ],
            "event_index": element.event_index,
            "content_hash": element.content_hash,
            **render._as_data(element.extra),
        }
    }


def make_bundle(
    case: Case,
    timeline: Timeline,
    as_of: dt.date,
    template_dirs: Sequence[Path] = (),
    css: str | None = None,
    *,
    stop_if_missing: bool = False,
) -> Bundle:
    """Every UWV document of the case as PDF/A, and the index; what is still missing.

    With `stop_if_missing`, a bundle that still misses something comes back without files
    (the Markdown tells; no PDF is made for nothing)."""
    style = (render.load_css(template_dirs) if css is None else css) + page_css(case)
    letter_date = long_date(as_of)
    drafts: list[tuple[Element, BundleFile]] = []
    missing: list[str] = []
    for number, element in enumerate(plan_elements(case, timeline, as_of), start=1):
        name = _file_name(number, element)
        markdown, gaps = _render_markdown(
            element.template,
            case,
            timeline,
            as_of,
            template_dirs,
            _element_context(element, name),
        )
        missing.extend(f"{name}: {gap}" for gap in gaps if f"{name}: {gap}" not in missing)
        draft = BundleFile(name, element.title, element.items, element.date, 0, b"", markdown)
        drafts.append((element, draft))
    _, index_gaps = _index_markdown(case, timeline, as_of, template_dirs, [d for _, d in drafts])
    missing = index_gaps + missing
    if stop_if_missing and missing:
        return Bundle([], missing)
    files: list[BundleFile] = []
    for element, draft in drafts:
        letterhead = render.Letterhead(
            employer=render.shown_name(case.employer.name),
            employee=render.shown_name(case.employee.name),
            case_id=case.id,
            date=long_date(element.date) if element.date else letter_date,
        )
        pdf = _pdf(render.to_html(draft.markdown, element.title, letterhead, style))
        _check_size(draft.name, pdf.data)
        item_pages = {
            letter: page
            for heading, page in pdf.headings.items()
            for letter in element.items
            if heading.startswith(f"{letter}. ")
        }
        files.append(
            BundleFile(
                draft.name,
                element.title,
                element.items,
                element.date,
                pdf.pages,
                pdf.data,
                draft.markdown,
                item_pages,
            )
        )
    signed = tuple(
        element.event_index
        for element, _ in drafts
        if element.event_index is not None and element.required
    )
    index = _index(case, timeline, as_of, template_dirs, style, files)
    return Bundle([index, *files], missing, signed)


def _index_markdown(
    case: Case,
    timeline: Timeline,
    as_of: dt.date,
    template_dirs: Sequence[Path],
    files: list[BundleFile],
) -> tuple[str, list[str]]:
    """The index's Markdown and its gaps (an item a-l that no file covers)."""
    rows = []
    for letter, title in ITEMS:
        where = [
            {
                "file": f.name,
                "title": f.title,
                "date": f.date,
                "first": f.item_pages.get(letter, 1),
                "last": f.item_pages.get(letter, f.pages),
            }
            for f in files
            if letter in f.items
        ]
        rows.append({"letter": letter, "title": title, "where": where})
    listing = [
        {
            "file": f.name,
            "title": f.title,
            "date": f.date,
            "pages": f.pages,
            "size_kb": max(1, round(len(f.data) / 1000)),
        }
        for f in files
    ]
    extra = {
        "rows": rows,
        "files": listing,
        "limit_mb": UPLOAD_LIMIT_BYTES // 1_000_000,
        "index_file": INDEX_NAME,
    }
    markdown, gaps = _render_markdown(
        "riv-inhoud.md.j2", case, timeline, as_of, template_dirs, extra
    )
    return markdown, [f"{INDEX_NAME}: {gap}" for gap in gaps]


def _index(
    case: Case,
    timeline: Timeline,
    as_of: dt.date,
    template_dirs: Sequence[Path],
    style: str,
    files: list[BundleFile],
) -> BundleFile:
    markdown, _ = _index_markdown(case, timeline, as_of, template_dirs, files)
    letterhead = render.Letterhead(
        case.employer.name, case.employee.name, case.id, long_date(as_of)
    )
    title = "Re-integratieverslag: inhoud"
    # A file name is never broken over two lines: it is what the reader looks for.
    nowrap = "\nmain table td:first-child { white-space: nowrap; }\n"
    pdf = _pdf(render.to_html(markdown, title, letterhead, style + nowrap))
    _check_size(INDEX_NAME, pdf.data)
    return BundleFile(INDEX_NAME, title, (), as_of, pdf.pages, pdf.data, markdown)
