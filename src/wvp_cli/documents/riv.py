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

import dataclasses
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wvp_cli.core.clock import Timeline
from wvp_cli.core.dutch import long_date
from wvp_cli.core.model import (
    ActueelOordeel,
    ArbeidsdeskundigOnderzoek,
    Bijstelling,
    Case,
    Eerstejaarsevaluatie,
    Eindevaluatie,
    Evaluatie,
    PlanVanAanpak,
    Probleemanalyse,
    ReIntegratieverslag,
    Signature,
    StartTweedeSpoor,
    TweedeSpoorPlan,
    TweedeSpoorVoortgang,
)
from wvp_cli.core.signatures import REQUIRED, ROLE_WORDS, content_hash
from wvp_cli.documents import render

#: UWV's upload takes files of at most 10 MB each (decimal megabytes: the safe reading).
UPLOAD_LIMIT_BYTES = 10_000_000

#: PDF/A-2a: archivable (fonts embedded, colour profile, XMP metadata) and tagged (accessible).
PDF_VARIANT = render.PDF_VARIANT

#: Regeling procesgang eerste en tweede ziektejaar, art. 6 lid 1, onder a tot en met l.
ITEMS: tuple[tuple[str, str], ...] = (
    ("a", "Administratieve gegevens van werknemer, werkgever en bedrijfsarts of arbodienst"),
    ("b", "Aard van het bedrijf"),
    ("c", "Functie van de werknemer"),
    ("d", "Opleiding en vaardigheden van de werknemer"),
    ("e", "Eerste ziektedag"),
    ("f", "Probleemanalyse en advies van de bedrijfsarts"),
    ("g", "Plan van aanpak met alle bijstellingen, evaluaties en het tweede spoor"),
    ("h", "Eerstejaarsevaluatie en eindevaluatie"),
    ("i", "Visie van de werkgever op de arbeidsverhouding"),
    ("j", "Actueel oordeel van de bedrijfsarts"),
    ("k", "Visie op passende arbeid bij de werkgever"),
    ("l", "Visie van de werknemer"),
)
ITEM_TITLES = dict(ITEMS)

INDEX_NAME = "00-inhoud.pdf"

#: The fields of a plan version that a bijstelling may change, with the words for them.
PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("goal", "Doel"),
    ("track", "Spoor"),
    ("activities", "Activiteiten"),
    ("evaluations", "Evaluatiemomenten"),
    ("casemanager", "Casemanager"),
    ("employer_view", "Re-integratievisie van de werkgever"),
    ("employee_view", "Re-integratievisie van de werknemer"),
)


class BundleProblem(Exception):
    """The bundle cannot be made as UWV takes it (a file over the upload limit): exit 2."""


@dataclass(frozen=True)
class Person:
    """An author or signer of an element: name (None when the dossier lacks it) and function."""

    name: str | None
    function: str
    key: str
    #: The role in which this person signs (core/signatures.py), None for one who does not.
    role: str | None = None


@dataclass(frozen=True)
class Element:
    """One UWV document of the bundle, before rendering."""

    slug: str
    title: str
    items: tuple[str, ...]
    template: str
    date: dt.date | None
    date_key: str
    authors: tuple[Person, ...]
    signers: tuple[Person, ...]
    event_index: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The signatures the case records for this document, and the roles that must sign it.
    signatures: tuple[Signature, ...] = ()
    required: tuple[str, ...] = ()
    #: The code of the event's content, for a signature to record (WVP312).
    content_hash: str | None = None


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


# --- which documents ------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _current_events(case: Case, timeline: Timeline, as_of: dt.date) -> list[tuple[int, Any]]:
    """The events the clock counts, oldest first (as render._context has them)."""
    return [
        (index, event)
        for index, event in sorted(enumerate(case.events), key=lambda p: (p[1].date, p[0]))
        if timeline.first_sick_day <= event.date <= as_of
    ]


def plan_elements(case: Case, timeline: Timeline, as_of: dt.date) -> list[Element]:
    """The UWV documents of this case at `as_of`, in the order of art. 6 lid 1."""
    events = _current_events(case, timeline, as_of)
    employee = Person(case.employee.name, "werknemer", "employee.name", "werknemer")
    casemanager = Person(
        case.employer.casemanager,
        "casemanager, namens de werkgever",
        "employer.casemanager",
        "werkgever",
    )
    riv = next((p for p in reversed(events) if isinstance(p[1], ReIntegratieverslag)), None)
    riv_date = riv[1].date if riv else None
    riv_key = f"events[{riv[0]}].date" if riv else "events: type re_integratieverslag"
    elements = [
        Element(
            "verslag",
            "Re-integratieverslag van de werkgever",
            ("a", "b", "c", "d", "e", "i", "k"),
            "riv-verslag.md.j2",
            riv_date,
            riv_key,
            (casemanager,),
            (casemanager,),
            riv[0] if riv else None,
            signatures=tuple(riv[1].signatures) if riv else (),
            required=("werkgever",),
            content_hash=content_hash(riv[1]) if riv else None,
        )
    ]

    def bedrijfsarts(by: str | None, index: int) -> Person:
        return Person(
            by or case.employer.bedrijfsarts, "bedrijfsarts", f"events[{index}].by", "bedrijfsarts"
        )

    previous: tuple[int, Any] | None = None
    bijstelling_number = 0
    adviser: Person | None = None
    for index, event in events:
        key = f"events[{index}].date"
        if isinstance(event, Probleemanalyse):
            doctor = bedrijfsarts(event.by, index)
            elements.append(
                Element(
                    f"probleemanalyse-{event.date}",
                    "Probleemanalyse",
                    ("f",),
                    "riv-probleemanalyse.md.j2",
                    event.date,
                    key,
                    (doctor,),
                    (doctor,),
                    index,
                )
            )
        elif isinstance(event, PlanVanAanpak | Bijstelling):
            manager = Person(
                event.casemanager or case.employer.casemanager,
                "casemanager, namens de werkgever",
                f"events[{index}].casemanager",
                "werkgever",
            )
            extra: dict[str, Any] = {}
            if isinstance(event, Bijstelling):
                bijstelling_number += 1
                title = f"Bijstelling {bijstelling_number} van het plan van aanpak"
                slug = f"bijstelling-{bijstelling_number}-{event.date}"
                extra["number"] = bijstelling_number
                if previous is not None:
                    extra["previous_index"] = previous[0]
                    extra["changes"] = _changes(previous[1], event)
            else:
                title, slug = "Plan van aanpak", f"plan-van-aanpak-{event.date}"
            elements.append(
                Element(
                    slug,
                    title,
                    ("g",),
                    "riv-plan.md.j2",
                    event.date,
                    key,
                    (manager, employee),
                    (manager, employee),
                    index,
                    extra,
                )
            )
            previous = (index, event)
        elif isinstance(event, ArbeidsdeskundigOnderzoek):
            expert = Person(
                event.by, "arbeidsdeskundige", f"events[{index}].by", "arbeidsdeskundige"
            )
            elements.append(
                Element(
                    f"arbeidsdeskundig-{event.date}",
                    "Rapport arbeidsdeskundig onderzoek",
                    ("g",),
                    "riv-arbeidsdeskundig-onderzoek.md.j2",
                    event.date,
                    key,
                    (expert,),
                    (expert,),
                    index,
                )
            )
        elif isinstance(event, StartTweedeSpoor) and adviser is None and event.provider:
            adviser = Person(event.provider, "re-integratiebureau", f"events[{index}].provider")
        elif isinstance(event, TweedeSpoorPlan):
            function = "re-integratieadviseur" + (
                f" bij {event.provider}" if event.provider else ""
            )
            adviser = Person(
                event.adviser, function, f"events[{index}].adviser", "re-integratieadviseur"
            )
            elements.append(
                Element(
                    f"tweede-spoor-plan-{event.date}",
                    "Re-integratieplan tweede spoor",
                    ("g",),
                    "riv-tweede-spoor-plan.md.j2",
                    event.date,
                    key,
                    (adviser,),
                    (adviser, employee, casemanager),
                    index,
                )
            )
        elif isinstance(event, TweedeSpoorVoortgang):
            author = adviser or Person(None, "re-integratieadviseur", "events: tweede_spoor_plan")
            elements.append(
                Element(
                    f"voortgang-tweede-spoor-{event.date}",
                    "Voortgangsrapportage tweede spoor",
                    ("g",),
                    "riv-tweede-spoor-voortgang.md.j2",
                    event.date,
                    key,
                    (author,),
                    (author,),
                    index,
                )
            )
        elif isinstance(event, Eerstejaarsevaluatie):
            elements.append(
                Element(
                    f"eerstejaarsevaluatie-{event.date}",
                    "Eerstejaarsevaluatie",
                    ("h",),
                    "riv-eerstejaarsevaluatie.md.j2",
                    event.date,
                    key,
                    (casemanager, employee),
                    (casemanager, employee),
                    index,
                )
            )
        elif isinstance(event, Eindevaluatie):
            elements.append(
                Element(
                    f"eindevaluatie-{event.date}",
                    "Eindevaluatie",
                    ("h",),
                    "riv-eindevaluatie.md.j2",
                    event.date,
                    key,
                    (casemanager, employee),
                    (casemanager, employee),
                    index,
                )
            )
        elif isinstance(event, ActueelOordeel):
            doctor = bedrijfsarts(event.by, index)
            elements.append(
                Element(
                    f"actueel-oordeel-{event.date}",
                    "Actueel oordeel van de bedrijfsarts",
                    ("j",),
                    "riv-actueel-oordeel.md.j2",
                    event.date,
                    key,
                    (doctor,),
                    (doctor,),
                    index,
                )
            )
    evaluations = [(i, e) for i, e in events if isinstance(e, Evaluatie)]
    if evaluations:
        elements.append(
            Element(
                "evaluaties",
                "Evaluaties van het plan van aanpak",
                ("g",),
                "riv-evaluaties.md.j2",
                evaluations[-1][1].date,
                f"events[{evaluations[-1][0]}].date",
                (casemanager, employee),
                (casemanager, employee),
                None,
                {"indexes": [i for i, _ in evaluations]},
            )
        )
    elements.append(
        Element(
            "visie-werknemer",
            "Visie van de werknemer op het re-integratieverslag",
            ("l",),
            "riv-visie-werknemer.md.j2",
            riv_date,
            riv_key,
            (employee,),
            (employee,),
            riv[0] if riv else None,
            signatures=tuple(riv[1].signatures) if riv else (),
            required=("werknemer",),
            content_hash=content_hash(riv[1]) if riv else None,
        )
    )
    by_index = dict(events)
    elements = [
        _signed(e, by_index[e.event_index])
        if e.event_index is not None and e.slug not in ("verslag", "visie-werknemer")
        else e
        for e in elements
    ]
    order = {letter: n for n, (letter, _) in enumerate(ITEMS)}
    # By the first item each covers (stable: within an item, the dossier's order).
    return sorted(elements, key=lambda e: order[e.items[0]])


def _signed(element: Element, event: Any) -> Element:
    """`element` with its event's signatures and the roles that must sign its document."""
    return dataclasses.replace(
        element,
        signatures=tuple(event.signatures),
        required=REQUIRED.get(event.type, ()),
        content_hash=content_hash(event),
    )


METHOD_WORDS = {"natte_handtekening": "natte handtekening", "e_handtekening": "elektronisch"}


def _shown(value: object) -> str:
    """A plan field as one line of text, to compare two versions."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(
            f"{render.plain(a.what)} ({render.plain(a.who)}"
            + (f", uiterlijk {long_date(a.by)})" if a.by else ")")
            if hasattr(a, "what")
            else render.plain(a)
            for a in value
        )
    return render.plain(value)


def _changes(before: Any, after: Any) -> list[dict[str, str]]:
    """What a bijstelling changes in the version before it: field, was, becomes."""
    changes = []
    for name, label in PLAN_FIELDS:
        old, new = _shown(getattr(before, name)), _shown(getattr(after, name))
        if old != new:
            changes.append({"field": label, "before": old, "after": new})
    return changes


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


def _css_string(text: str) -> str:
    """`text` as a CSS string literal: every character that is not plainly safe as an escape,
    so a case value can neither end the string nor the <style> element."""
    safe = re.compile(r"[A-Za-z0-9.,:\-]")
    return '"' + "".join(c if safe.fullmatch(c) else f"\\{ord(c):06x}" for c in text) + '"'


def page_css(case: Case) -> str:
    """The margin box with the employee's name and BSN on every page (UWV: BSN on every
    document), plus room to sign in the signature table."""
    bsn = case.employee.bsn or "nog in te vullen"
    mark = _css_string(f"Werknemer: {case.employee.name} · BSN: {bsn}")
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
    return Bundle([_index(case, timeline, as_of, template_dirs, style, files), *files], missing)


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
