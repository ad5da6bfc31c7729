"""The HTML documents print correctly from a browser: headless Chromium prints them to PDF, and
pdftotext reads back "pagina X van Y" on every page (the page margin box of print.css and
`footer_css`), with the document's title, the employee and the dossier. Needs the system
packages chromium and poppler-utils (README, "Development"; .ci/run installs them)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

CASES = Path(__file__).resolve().parent / "cases"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="needs chromium and pdftotext (apt-get install chromium poppler-utils)",
)


def _print(html_file: Path, tmp_path: Path) -> list[str]:
    """The text of every page of what Chromium prints of `html_file`."""
    assert CHROMIUM is not None and PDFTOTEXT is not None
    pdf = tmp_path / (html_file.stem + ".pdf")
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # tests run as root in CI containers
            "--disable-gpu",
            "--no-pdf-header-footer",  # the browser's own header and footer: not ours to test
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            html_file.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


@pytest.mark.parametrize(
    ("kind", "title"),
    [("re-integratieverslag", "Re-integratieverslag"), ("plan", "Plan van aanpak")],
)
def test_browser_print_numbers_every_page(kind: str, title: str, tmp_path: Path) -> None:
    page = tmp_path / f"{kind}.html"
    case = str(CASES / "render-volledig.yaml")
    result = run_cli("render", kind, case, "--as-of", "2027-03-10", "-o", str(page))
    assert result.code == 0, result.err
    pages = _print(page, tmp_path)
    assert len(pages) >= 2, "the test needs a document of more than one page"
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert f"pagina {number} van {len(pages)}" in flat, (number, flat[-300:])
        assert f"{title} · R. Voorbeeld-Testma · dossier 2025-031 · 10 maart 2027" in flat
    everything = " ".join(" ".join(pages).split())
    assert "pagina 0 van 0" not in everything
    assert not re.search(r"pagina\s+van", everything)  # no empty counters either
    assert "Drukkerij Verzonnen & Zn. BV" in everything


def test_a_case_value_in_the_footer_stays_text(tmp_path: Path) -> None:
    """A name with quotes, a backslash and `</style>` ends neither the CSS string nor the style
    element: the browser prints it as it is."""
    name = 'A. "Jansen" \\ </style><b>x</b>'
    case = tmp_path / "case.yaml"
    text = (CASES / "render-volledig.yaml").read_text(encoding="utf-8")
    quoted = "'" + name + "'"  # YAML: single quotes keep the backslash and the double quotes
    case.write_text(text.replace('  name: "R. Voorbeeld-Testma"', f"  name: {quoted}", 1))
    page = tmp_path / "plan.html"
    result = run_cli("render", "plan", str(case), "--as-of", "2027-03-10", "-o", str(page))
    assert result.code == 0, result.err
    assert page.read_text(encoding="utf-8").count("</style>") == 1
    pages = _print(page, tmp_path)
    for number, text in enumerate(pages, start=1):
        flat = " ".join(text.split())
        assert f"Plan van aanpak · {name} · dossier 2025-031" in flat
        assert f"pagina {number} van {len(pages)}" in flat
