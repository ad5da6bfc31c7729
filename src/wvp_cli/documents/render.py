"""Documents from Jinja templates: case + timeline + templates -> Markdown -> HTML -> PDF.

Pure: no printing, no system clock (the document date is `as_of`), no network. The templates
run in Jinja's immutable sandbox with StrictUndefined; values from the case file are data only,
never template source, and every one of them is escaped for Markdown (`md_escape`) so that a
case value cannot become a link, an image, a heading or raw HTML. markdown-it-py then renders
that Markdown with raw HTML switched off.

Template lookup: the folders the caller passes, in order, then the templates that ship with wvp
(the package `wvp_cli.templates`, the top-level `templates/` folder of the source tree).

The parts, one module each: `text` (escaping, case text), `context` (what a template sees),
`templating` (Jinja, the sandbox, template lookup), `html_page` (HTML and print.css), `pdf`
(WeasyPrint). This module puts them together and keeps their names importable from here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wvp_cli.core.clock import Timeline
from wvp_cli.core.dutch import long_date
from wvp_cli.core.model import Case
from wvp_cli.core.placeholder import is_placeholder

# The parts of the rendering, one module per responsibility; their public names (and the few
# private ones that riv.py and docx.py share) stay importable from here.
from wvp_cli.documents.context import CONCLUSION_WORDS, TRACK_WORDS, _context
from wvp_cli.documents.html_page import (
    Letterhead,
    _markdown_it,
    css_string,
    footer_css,
    load_css,
    load_css_text,
    to_html,
)
from wvp_cli.documents.pdf import (
    PDF_VARIANT,
    PdfUnavailable,
    _Quiet,
    _refusing_fetcher,
    _reproducible,
    _weasyprint,
    to_pdf,
)
from wvp_cli.documents.templating import TemplateProblem, _problem, _Session
from wvp_cli.documents.text import (
    GAP_MARKDOWN,
    PLACEHOLDER,
    CaseText,
    _as_data,
    md_escape,
    plain,
)

__all__ = [
    "CONCLUSION_WORDS",
    "GAP_MARKDOWN",
    "KINDS",
    "PDF_VARIANT",
    "PLACEHOLDER",
    "TRACK_WORDS",
    "CaseText",
    "Kind",
    "Letterhead",
    "PdfUnavailable",
    "Rendered",
    "TemplateProblem",
    "_Quiet",
    "_Session",
    "_as_data",
    "_context",
    "_markdown_it",
    "_problem",
    "_refusing_fetcher",
    "_reproducible",
    "_tidy",
    "_weasyprint",
    "css_string",
    "footer_css",
    "load_css",
    "load_css_text",
    "md_escape",
    "plain",
    "render_document",
    "shown_name",
    "to_html",
    "to_pdf",
]


@dataclass(frozen=True)
class Kind:
    name: str
    template: str
    title: str


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("plan", "plan.md.j2", "Plan van aanpak"),
        Kind("eerstejaarsevaluatie", "eerstejaarsevaluatie.md.j2", "Eerstejaarsevaluatie"),
        Kind("re-integratieverslag", "re-integratieverslag.md.j2", "Re-integratieverslag"),
        Kind("tweede-spoor-plan", "tweede-spoor-plan.md.j2", "Re-integratieplan tweede spoor"),
    )
}


@dataclass(frozen=True)
class Rendered:
    markdown: str
    missing: list[str]
    title: str = ""
    letterhead: Letterhead | None = None


def _tidy(markdown: str) -> str:
    """Trailing spaces off, at most one blank line in a row, exactly one final newline."""
    lines = [line.rstrip() for line in markdown.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def shown_name(name: str) -> str:
    """A name for the letterhead: the gap's words instead of wvp new's placeholder."""
    return PLACEHOLDER if is_placeholder(name) else name


def render_document(
    kind: str,
    case: Case,
    timeline: Timeline,
    as_of: dt.date,
    template_dirs: Sequence[Path] = (),
) -> Rendered:
    """The Markdown of document `kind` for `case` at `as_of`, and what it still lacks."""
    if kind not in KINDS:
        raise TemplateProblem(f"onbekend document '{kind}'; kies uit {', '.join(KINDS)}")
    spec = KINDS[kind]
    session = _Session(template_dirs)
    env = session.environment()
    try:
        template = env.get_template(spec.template)
        markdown = template.render(_context(case, timeline, as_of))
    except TemplateProblem:  # from the loader: a bad template name, an unreadable file
        raise
    except RecursionError:
        raise TemplateProblem(f"sjabloon {spec.template}: te diep genest (recursie)") from None
    except Exception as exc:  # Jinja's errors, and operations inside a template: 1 + 'a'
        raise _problem(exc, spec.template, session.shown_names) from None
    letterhead = Letterhead(
        employer=shown_name(case.employer.name),
        employee=shown_name(case.employee.name),
        case_id=case.id,
        date=long_date(as_of),
    )
    return Rendered(_tidy(markdown), session.missing(), spec.title, letterhead)
