"""`wvp render KIND CASE --format docx`: Word from the same Markdown templates, read back with
python-docx: the same headings and tables as the HTML, a user's reference.docx for the styles,
template overrides, gaps highlighted, case values as plain text."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_cli

docx = pytest.importorskip("docx")

CASES = Path(__file__).resolve().parent / "cases"
COMPLETE = str(CASES / "render-volledig.yaml")
KINDS = ("plan", "eerstejaarsevaluatie", "re-integratieverslag", "tweede-spoor-plan")
HEADING_STYLES = {"Title", "Heading 1", "Heading 2", "Heading 3"}


class _Html(HTMLParser):
    """Headings (h1-h4) and tables (rows of cell texts) of an HTML document's <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._text: list[str] | None = None
        self._in_main = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main = True
        if not self._in_main:
            return
        if tag in ("h1", "h2", "h3", "h4", "th", "td"):
            self._text = []
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._in_main or self._text is None:
            return
        text = "".join(self._text).strip()
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(text)
            self._text = None
        elif tag in ("th", "td"):
            self.tables[-1][-1].append(text)
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def render(kind: str, target: Path, *extra: str, case: str = COMPLETE) -> None:
    result = run_cli("render", kind, case, "--as-of", "2027-03-10", "-o", str(target), *extra)
    assert result.code == 0, result.err


@pytest.mark.parametrize("kind", KINDS)
def test_docx_has_the_headings_and_tables_of_the_html(kind: str, tmp_path: Path) -> None:
    render(kind, tmp_path / "d.html")
    render(kind, tmp_path / "d.docx")
    page = _Html()
    page.feed((tmp_path / "d.html").read_text(encoding="utf-8"))
    word = docx.Document(str(tmp_path / "d.docx"))
    headings = [p.text for p in word.paragraphs if p.style.name in HEADING_STYLES]
    assert headings == page.headings
    assert len(page.headings) >= 5
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in word.tables]
    assert tables == page.tables
    assert word.core_properties.title
    footer = word.sections[0].footer.paragraphs[0]
    assert "dossier 2025-031" in footer.text
    assert "PAGE" in footer._p.xml and "NUMPAGES" in footer._p.xml  # page numbers as fields


def test_a_reference_docx_sets_the_styles(tmp_path: Path) -> None:
    from docx.shared import Pt, RGBColor

    folder = tmp_path / "templates"
    folder.mkdir()
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.font.name = "Courier New"
    heading.font.size = Pt(23)
    heading.font.color.rgb = RGBColor(0x80, 0x00, 0x20)
    reference.add_paragraph("deze tekst hoort niet in het resultaat")
    reference.save(str(folder / "reference.docx"))

    render("plan", tmp_path / "eigen.docx", "--templates", str(folder))
    render("plan", tmp_path / "standaard.docx")
    own = docx.Document(str(tmp_path / "eigen.docx"))
    standard = docx.Document(str(tmp_path / "standaard.docx"))
    style = own.styles["Heading 1"]
    assert style.font.name == "Courier New"
    assert style.font.size == Pt(23)
    assert style.font.color.rgb == RGBColor(0x80, 0x00, 0x20)
    assert standard.styles["Heading 1"].font.name != "Courier New"
    assert any(p.style.name == "Heading 1" for p in own.paragraphs)
    assert all("hoort niet" not in p.text for p in own.paragraphs)


def test_an_unusable_reference_docx_is_a_dutch_error(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "reference.docx").write_text("geen Word", encoding="utf-8")
    result = run_cli(
        "render", "plan", COMPLETE, "-o", str(tmp_path / "x.docx"), "--templates", str(folder)
    )
    assert result.code == 2
    assert "geen bruikbaar Word-document" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "x.docx").exists()


def test_template_overrides_work_for_word(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "plan.md.j2").write_text(
        "# Eigen plan\n\n| Werknemer |\n|---|\n| {{ case.employee.name|md_escape }} |\n",
        encoding="utf-8",
    )
    render("plan", tmp_path / "x.docx", "--templates", str(folder))
    word = docx.Document(str(tmp_path / "x.docx"))
    assert [p.text for p in word.paragraphs if p.text] == ["Eigen plan"]
    assert word.tables[0].cell(1, 0).text == "R. Voorbeeld-Testma"


def test_gaps_are_highlighted_and_values_are_text(tmp_path: Path) -> None:
    text = (CASES / "render-onvolledig.yaml").read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(
        text.replace('name: "K. Onaf"', "name: '**vet** <b>x</b> [link](http://x)'"),
        encoding="utf-8",
    )
    target = tmp_path / "x.docx"
    result = run_cli("render", "plan", str(case), "--as-of", "2026-11-20", "-o", str(target))
    assert result.code == 0, result.err
    word = docx.Document(str(target))
    body = "\n".join(p.text for p in word.paragraphs)
    assert "Werknemer: **vet** <b>x</b> [link](http://x)" in body
    gaps = [
        run
        for p in word.paragraphs
        for run in p.runs
        if run.text == "— nog in te vullen —" and run.font.highlight_color is not None
    ]
    assert gaps


def test_output_formats_are_checked(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    render("plan", target)
    assert target.read_bytes().startswith(b"PK")  # a .docx, not Markdown
    unknown = run_cli("render", "plan", COMPLETE, "-o", str(tmp_path / "plan.txt"))
    assert unknown.code == 2
    assert "onbekende extensie '.txt'" in unknown.err
    assert not (tmp_path / "plan.txt").exists()
    explicit = run_cli("render", "plan", COMPLETE, "-o", str(tmp_path / "plan.txt"), "-f", "md")
    assert explicit.code == 0
    screen = run_cli("render", "plan", COMPLETE, "-f", "docx")
    assert screen.code == 2 and "-o" in screen.err
