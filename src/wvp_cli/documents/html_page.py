"""A document as self-contained A4 HTML: the Markdown rendered without raw HTML, the stylesheet
checked to load nothing, the letterhead, and the page footer as a page margin box that a
browser's print and WeasyPrint both fill in. Part of `render`.

Pure: no I/O but reading print.css.
"""

from __future__ import annotations

import html
import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wvp_cli.documents.templating import TemplateProblem, _read_template
from wvp_cli.documents.text import PLACEHOLDER


@dataclass(frozen=True)
class Letterhead:
    """What the HTML page shows around the Markdown body: sender, and the running footer."""

    employer: str
    employee: str
    case_id: str
    date: str


# A stylesheet must not reach outside the document (self-contained, no remote resources) and
# must not end the <style> element it is placed in. It is read with a CSS tokenizer (tinycss2,
# CSS Syntax Level 3), as a browser reads it: an escape such as `\75 rl(` or `@\69mport` is
# the name it spells. Names with a vendor prefix count as the name (`-webkit-image-set`).
# `element(footer)` is no resource: it places a running element (CSS GCPM) or paints one of
# the page's own (CSS Images 4).
_CSS_FORBIDDEN_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "cross-fade"})
_CSS_FORBIDDEN_AT_RULES = frozenset({"import"})


def _css_name(name: str) -> str:
    return re.sub(r"^-[a-z0-9]+-", "", name)


def _css_problem(nodes: Iterable[Any], depth: int = 0) -> tuple[int, str] | None:
    """(line, what) of the first thing in `nodes` that can load a resource, or None."""
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind == "url":
            return node.source_line, "url("
        if kind == "error" and node.kind in ("bad-url", "eof-in-url"):
            return node.source_line, "url("
        if kind == "function" and _css_name(node.lower_name) in _CSS_FORBIDDEN_FUNCTIONS:
            return node.source_line, f"{node.lower_name}("
        if kind == "at-rule" and _css_name(node.lower_at_keyword) in _CSS_FORBIDDEN_AT_RULES:
            return node.source_line, f"@{node.lower_at_keyword}"
        if depth > 100:
            return node.source_line, "te diep genest"
        for part in ("prelude", "content", "arguments"):
            inner = getattr(node, part, None)
            if isinstance(inner, list):
                found = _css_problem(inner, depth + 1)
                if found is not None:
                    return found
    return None


def load_css(template_dirs: Sequence[Path] = ()) -> str:
    """print.css from the caller's folders or the built-in one, checked to be self-contained."""
    css, shown = _read_template("print.css", template_dirs)
    return load_css_text(css, shown)


def load_css_text(css: str, shown: str) -> str:
    """`css` when it is self-contained, else TemplateProblem naming `shown` and the line."""
    # Untyped (no py.typed): imported by name, like WeasyPrint.
    tinycss2 = importlib.import_module("tinycss2")
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    found = _css_problem(rules)
    end_tag = re.search("</", css)
    if end_tag is not None and (found is None or css.count("\n", 0, end_tag.start()) < found[0]):
        found = (css.count("\n", 0, end_tag.start()) + 1, "</")
    if found is not None:
        line, what = found
        raise TemplateProblem(
            f"sjabloon {shown}, regel {line}: '{what}' is niet toegestaan; het document "
            "moet op zichzelf staan (geen externe lettertypen, afbeeldingen of stylesheets)"
        )
    return css


def _markdown_it() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


_GAP_HTML = f"<em>{html.escape(PLACEHOLDER)}</em>"


def css_string(text: str) -> str:
    """`text` as a CSS string literal: every character that is not plainly safe as an escape,
    so a case value can neither end the string nor the <style> element. An escape ends with a
    space, which CSS reads as part of it: a space after it in `text` stays a space."""
    safe = re.compile(r"[A-Za-z0-9.,:\- ]")
    return '"' + "".join(c if safe.fullmatch(c) else f"\\{ord(c):06x} " for c in text) + '"'


def footer_css(title: str, letterhead: Letterhead) -> str:
    """The footer on every printed page, with "pagina X van Y": a page margin box, which a
    browser's print (Chromium, Firefox) fills in as WeasyPrint does. print.css styles the box
    (`@page { @bottom-left { ... } }`); this rule gives it its text, after print.css."""
    text = (
        f"{title} · {letterhead.employee} · dossier {letterhead.case_id} · {letterhead.date}"
        " · pagina "
    )
    return (
        "@page { @bottom-left { content: "
        f'{css_string(text)} counter(page) " van " counter(pages); }} }}\n'
    )


def to_html(
    markdown: str,
    title: str,
    letterhead: Letterhead | None = None,
    css: str | None = None,
) -> str:
    """A self-contained A4 HTML document of `markdown`: inline CSS, no remote resources."""
    body = _markdown_it().render(markdown)
    # A gap is the one emphasis that only a template can produce: case values are escaped, so
    # their asterisks never become <em>.
    body = body.replace(_GAP_HTML, f'<em class="gap">{html.escape(PLACEHOLDER)}</em>')
    style = load_css() if css is None else css
    esc = html.escape
    if letterhead is not None:
        header = (
            '<header class="letterhead">\n'
            f'<p class="sender">{esc(letterhead.employer)}</p>\n'
            '<p class="mark">Vertrouwelijk · re-integratiedossier</p>\n'
            "</header>\n"
        )
        style = f"{style.strip()}\n{footer_css(title, letterhead)}"
    else:
        header = ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nl">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="wvp">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>\n{style.strip()}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"{header}"
        f"<main>\n{body}</main>\n"
        "</body>\n"
        "</html>\n"
    )
