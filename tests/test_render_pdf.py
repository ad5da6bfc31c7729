"""PDF output through WeasyPrint (the optional `pdf` extra); skipped when it is not installed."""

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


def test_pdf_holds_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "riv.pdf"
    result = run_cli(
        "render",
        "re-integratieverslag",
        str(CASES / "render-volledig.yaml"),
        "--as-of",
        "2027-03-10",
        "-o",
        str(target),
    )
    assert result.code == 0, result.err
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(target))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Re-integratieverslag" in text
    assert "Drukkerij Verzonnen & Zn. BV" in text
    assert "10 maart 2027" in text
    assert "l. Visie van de werknemer" in text
    assert f"pagina 1 van {len(reader.pages)}" in text


def test_pdf_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    case = str(CASES / "render-onvolledig.yaml")
    for name in ("a.pdf", "b.pdf"):
        assert run_cli("render", "plan", case, "--as-of", "2026-11-20", "-o", name).code == 0
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_pdf_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    from wvp_cli.documents import render

    opened: list[object] = []
    monkeypatch.setattr(
        urllib.request.OpenerDirector, "open", lambda self, *a, **k: opened.append(a)
    )
    page = render.to_html("tekst", "t").replace(
        "</main>", '<img src="https://example.invalid/y.png"></main>'
    )
    assert render.to_pdf(page).startswith(b"%PDF")
    assert opened == []
