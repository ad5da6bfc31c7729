"""Every PDF wvp writes is PDF/A-2a: read back with pypdf (XMP identification, output intent,
structure tree, language). veraPDF is not installable here; docs/riv.md says what is checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli

CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(autouse=True)
def _weasyprint() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint without Pango on the system
        pytest.skip(f"WeasyPrint is not usable here: {exc}")


@pytest.mark.parametrize("kind", ["plan", "re-integratieverslag"])
def test_a_rendered_pdf_is_pdf_a_2a(kind: str, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    target = tmp_path / "x.pdf"
    case = str(CASES / "render-volledig.yaml")
    assert run_cli("render", kind, case, "--as-of", "2027-03-10", "-o", str(target)).code == 0
    reader = pypdf.PdfReader(str(target))
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in raw and 'pdfaid:conformance="A"' in raw
    root = reader.trailer["/Root"]
    intent = root["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert "Drukkerij Verzonnen & Zn. BV" in reader.pages[0].extract_text()
