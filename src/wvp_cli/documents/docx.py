"""Word documents (.docx) from the same Markdown as HTML and PDF, for letters people edit and sign.

The Markdown that the templates make (render.render_document) is parsed once more with
markdown-it, exactly as for HTML, and its blocks become Word paragraphs, lists and tables in the
styles of a reference document: `reference.docx` in the caller's template folders (as pandoc's
reference.docx: a user's own styles, margins and fonts), else python-docx's standard document.
The styles used are the built-in ones every Word document has: Title, Heading 1-3, Normal, List
Bullet, List Number, and Table Grid where the reference document defines it.

Pure: no printing, no clock, no network; text from the case arrives already escaped for
Markdown and is written as text runs, never as markup. Needs python-docx (imported lazily).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.documents import render

if TYPE_CHECKING:
    from markdown_it.token import Token

#: The reference document's name in a template folder.
REFERENCE = "reference.docx"

_HEADING_STYLES = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}


class DocxUnavailable(render.TemplateProblem):
    """python-docx is not installed, or a reference.docx cannot be read (exit 2, as a template
    that cannot be used)."""


def find_reference(template_dirs: Sequence[Path]) -> Path | None:
    """`reference.docx` from the first template folder that has one."""
    for folder in template_dirs:
        candidate = folder / REFERENCE
        if candidate.is_file():
            return candidate
    return None


def _docx() -> Any:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of wvp
        raise DocxUnavailable("Word maken vraagt python-docx: pip install python-docx") from exc
    return docx


def _new_document(reference: Path | None) -> Any:
    docx = _docx()
    if reference is None:
        return docx.Document()
    try:
        document = docx.Document(str(reference))
    except Exception as exc:  # python-docx raises several kinds for a file that is no .docx
        raise DocxUnavailable(
            f"{reference} is geen bruikbaar Word-document ({type(exc).__name__}); maak het met "
            "Word of LibreOffice en bewaar het als .docx"
        ) from None
    body = document.element.body
    for child in list(body):  # keep the styles and the page set-up (sectPr), not the text
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    return document


def _style(document: Any, name: str, fallback: str | None = None) -> Any:
    styles = {s.name for s in document.styles}
    if name in styles:
        return name
    return fallback if fallback in styles else None


def _field(run: Any, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) in `run`: Word fills it in on screen and on paper."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin, instr, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, end):
        run._r.append(element)


def _inline(paragraph: Any, token: Token | None) -> None:
    """The inline children of a Markdown block as runs: bold, italic, code, line breaks."""
    if token is None or not token.children:
        return
    bold = italic = False
    for child in token.children:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold = bold or None
            run.italic = italic or None
            if italic and child.content == render.PLACEHOLDER:
                from docx.enum.text import WD_COLOR_INDEX

                run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # a gap, as in HTML and PDF
        elif kind == "softbreak":
            paragraph.add_run(" ")
        elif kind == "hardbreak":
            paragraph.add_run().add_break()


def _table(document: Any, tokens: list[Token], start: int) -> int:
    """A Markdown table from tokens[start] (table_open); returns the index after table_close."""
    rows: list[list[Token | None]] = []
    header_rows = 0
    index = start + 1
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            rows.append([])
            if in_head:
                header_rows += 1
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(tokens[index + 1] if tokens[index + 1].type == "inline" else None)
        index += 1
    width = max((len(r) for r in rows), default=0)
    table = document.add_table(rows=len(rows), cols=width)
    style = _style(document, "Table Grid")
    if style:
        table.style = style
    for r, row in enumerate(rows):
        for c, cell_token in enumerate(row):
            paragraph = table.cell(r, c).paragraphs[0]
            _inline(paragraph, cell_token)
            if r < header_rows:
                for run in paragraph.runs:
                    run.bold = True
    return index + 1


def to_docx(
    markdown: str,
    title: str,
    letterhead: render.Letterhead | None = None,
    reference: Path | None = None,
) -> bytes:
    """A .docx of `markdown` in the styles of `reference` (or python-docx's standard ones)."""
    document = _new_document(reference)
    document.core_properties.title = title
    document.core_properties.language = "nl-NL"
    if letterhead is not None:
        section = document.sections[0]
        header = section.header.paragraphs[0]
        header.text = f"{letterhead.employer} · Vertrouwelijk · re-integratiedossier"
        footer = section.footer.paragraphs[0]
        footer.text = ""
        footer.add_run(
            f"{title} · {letterhead.employee} · dossier {letterhead.case_id} · "
            f"{letterhead.date} · pagina "
        )
        _field(footer.add_run(), "PAGE")
        footer.add_run(" van ")
        _field(footer.add_run(), "NUMPAGES")
    tokens = render._markdown_it().parse(markdown)
    lists: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            style = _style(document, _HEADING_STYLES.get(token.tag, "Heading 3"), "Heading 1")
            paragraph = document.add_paragraph(style=style)
            _inline(paragraph, tokens[index + 1])
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Number" if kind == "ordered_list_open" else "List Bullet")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "paragraph_open":
            style = _style(document, lists[-1]) if lists else None
            paragraph = document.add_paragraph(style=style)
            _inline(paragraph, tokens[index + 1])
            index += 3
            continue
        elif kind == "table_open":
            index = _table(document, tokens, index)
            document.add_paragraph()
            continue
        elif kind in ("fence", "code_block"):
            document.add_paragraph(token.content.rstrip("\n"))
        elif kind == "hr":
            document.add_paragraph("—")
        index += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
