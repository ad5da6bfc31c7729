"""PDF/A of the HTML documents with WeasyPrint (the optional `pdf` extra), fetching nothing
and byte-for-byte reproducible. Part of `render`.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


class PdfUnavailable(Exception):
    """WeasyPrint (the `pdf` extra) is not installed or cannot load its libraries."""


def _weasyprint() -> Any:
    try:
        # The optional `pdf` extra, untyped: imported by name so mypy need not know it.
        weasyprint = importlib.import_module("weasyprint")
    except ImportError as exc:
        raise PdfUnavailable(
            'PDF maken vraagt WeasyPrint, de extra "pdf" van wvp: pip install "wvp[pdf]"'
        ) from exc
    except OSError as exc:  # WeasyPrint is there, but Pango (a system library) is not
        raise PdfUnavailable(
            f"WeasyPrint kan zijn systeembibliotheken niet laden ({exc}); installeer Pango, "
            "bijvoorbeeld: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from exc
    return weasyprint


def _refusing_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that fetches nothing: the document is self-contained by construction."""
    base = getattr(weasyprint, "URLFetcher", None)
    if base is None:  # WeasyPrint before the URLFetcher class: a plain function

        def refuse(url: str, *args: object, **kwargs: object) -> Any:
            raise ValueError(f"wvp haalt geen externe bronnen op ({url})")

        return refuse

    class Refuse(base):  # type: ignore[misc,valid-type]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: object = None) -> Any:
            raise ValueError(f"wvp haalt geen externe bronnen op ({url})")

    return Refuse()


@dataclass
class _Quiet:
    """WeasyPrint logs CSS it ignores as warnings; the document is ours, so keep stderr clean."""

    names: tuple[str, ...] = ("weasyprint", "fontTools")
    levels: dict[str, int] = field(default_factory=dict)

    def __enter__(self) -> None:
        for name in self.names:
            log = logging.getLogger(name)
            self.levels[name] = log.level
            log.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        for name, level in self.levels.items():
            logging.getLogger(name).setLevel(level)


@contextlib.contextmanager
def _reproducible() -> Iterator[None]:
    """The subsetted fonts in a PDF carry a timestamp (fontTools writes the time into their
    `head` table unless SOURCE_DATE_EPOCH is set): a fixed one, so that the same document gives
    the same bytes. A SOURCE_DATE_EPOCH of the user's own is kept."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


#: PDF/A-2a: fonts embedded, an sRGB output intent, XMP metadata, tagged (docs/riv.md).
PDF_VARIANT = "pdf/a-2a"


def to_pdf(html_document: str) -> bytes:
    """The PDF/A-2a (archivable, tagged) of an HTML document from `to_html` (needs the `pdf`
    extra)."""
    weasyprint = _weasyprint()
    with _Quiet(), _reproducible():
        document = weasyprint.HTML(
            string=html_document, base_url=None, url_fetcher=_refusing_fetcher(weasyprint)
        )
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    assert isinstance(pdf, bytes)
    return pdf
