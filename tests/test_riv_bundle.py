"""`wvp render riv`: the re-integratieverslag bundle, read back from the real PDFs.

Every PDF is read with pdftotext (poppler-utils) and pypdf: the employee's name and BSN on every
page, the index lists a to l with files and pages that match the files themselves, each file
under UWV's upload limit, PDF/A metadata present. Skipped only where WeasyPrint (with Pango) or
pdftotext is not installed.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli

CASES = Path(__file__).resolve().parent / "cases"
COMPLETE = CASES / "render-volledig.yaml"
AS_OF = "2027-03-10"
NAME, BSN = "R. Voorbeeld-Testma", "249566758"
LETTERS = "abcdefghijkl"


#: The real bundle needs WeasyPrint and pdftotext (conftest.pdf_tools skips without them).
pytestmark = pytest.mark.usefixtures("pdf_tools")


def pages_text(pdf: Path, *, layout: bool = False) -> list[str]:
    """The text of every page, as pdftotext reads it (pages end with a form feed)."""
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    text = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def render_bundle(case: Path, target: Path, *extra: str) -> tuple[int, str]:
    result = run_cli("render", "riv", str(case), "--as-of", AS_OF, "-o", str(target), *extra)
    return result.code, result.err


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("riv") / "bundel"
    code, err = render_bundle(COMPLETE, target)
    assert code == 0, err
    return target


def test_one_pdf_per_document_and_an_index(bundle: Path) -> None:
    names = sorted(p.name for p in bundle.iterdir())
    assert names[0] == "00-inhoud.pdf"
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.pdf", n) for n in names), names
    kinds = {re.sub(r"^\d\d-|-\d{4}-\d\d-\d\d|\.pdf$", "", n) for n in names}
    assert kinds >= {
        "inhoud",
        "verslag",
        "probleemanalyse",
        "plan-van-aanpak",
        "bijstelling-1",
        "evaluaties",
        "arbeidsdeskundig",
        "tweede-spoor-plan",
        "voortgang-tweede-spoor",
        "eerstejaarsevaluatie",
        "eindevaluatie",
        "actueel-oordeel",
        "visie-werknemer",
    }


def test_name_and_bsn_on_every_page_of_every_file(bundle: Path) -> None:
    checked = 0
    for pdf in sorted(bundle.glob("*.pdf")):
        pages = pages_text(pdf)
        assert pages, pdf.name
        for number, text in enumerate(pages, start=1):
            assert f"Werknemer: {NAME}" in text, f"{pdf.name} pagina {number}"
            assert f"BSN: {BSN}" in text, f"{pdf.name} pagina {number}"
            checked += 1
    assert checked > 20


def test_every_file_is_a_pdf_under_the_upload_limit(bundle: Path) -> None:
    for pdf in bundle.glob("*"):
        assert pdf.read_bytes().startswith(b"%PDF-"), pdf.name
        assert pdf.stat().st_size <= 10_000_000, pdf.name


def test_index_lists_a_to_l_with_files_and_pages_that_exist(bundle: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    index = "\n".join(pages_text(bundle / "00-inhoud.pdf", layout=True))
    real_pages = {p.name: len(pypdf.PdfReader(str(p)).pages) for p in bundle.glob("*.pdf")}
    # The a-l table: a letter (or a continuation line), a file name, a page or a page range.
    row = re.compile(r"^\s+(?:([a-l])\s+.*?\s)?(\d\d-[a-z0-9-]+\.pdf)\b.*?\s(\d+)(?:–(\d+))?\s*$")
    seen: dict[str, list[str]] = {}
    letter = ""
    for line in index.splitlines():
        match = row.match(line)
        if not match or match.group(2) == "00-inhoud.pdf":
            continue
        if match.group(1):
            letter = match.group(1)
        name, first, last = match.group(2), int(match.group(3)), match.group(4)
        if letter and "kB" not in line:
            seen.setdefault(letter, []).append(name)
            assert name in real_pages, name
            assert 1 <= first <= real_pages[name], line
            if last is not None:
                assert int(last) == real_pages[name], line
    assert sorted(seen) == list(LETTERS), seen
    assert any("-bijstelling-1-" in n for n in seen["g"]), seen["g"]
    assert len(seen["g"]) >= 6 and len(seen["h"]) == 2, seen
    # The file table: every file with its real page count.
    listed = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^\s(\d\d-[a-z0-9-]+\.pdf)\s+(\d+)\s+\d+ kB", index, re.M)
    }
    assert listed == {n: c for n, c in real_pages.items() if n != "00-inhoud.pdf"}


def test_items_of_the_verslag_stand_on_the_pages_the_index_gives(bundle: Path) -> None:
    index = "\n".join(pages_text(bundle / "00-inhoud.pdf", layout=True))
    verslag = pages_text(bundle / "01-verslag.pdf")
    for letter in "abcdeik":
        match = re.search(rf"^\s{letter}\s.*01-verslag\.pdf.*\s(\d+)\s*$", index, re.M)
        assert match, letter
        page = int(match.group(1))
        assert re.search(rf"^{letter}\. ", verslag[page - 1], re.M), (letter, page)


def test_index_says_medical_documents_are_never_part_of_it(bundle: Path) -> None:
    index = " ".join(" ".join(pages_text(bundle / "00-inhoud.pdf")).split())
    assert "Geen medische stukken" in index
    assert "Medische stukken horen niet in dit verslag" in index


def test_each_document_has_its_date_authors_and_signers(bundle: Path) -> None:
    for pdf in sorted(bundle.glob("*.pdf")):
        if pdf.name == "00-inhoud.pdf":
            continue
        text = " ".join(" ".join(pages_text(pdf)).split())
        assert re.search(r"Datum van dit stuk: \d{1,2} \w+ \d{4}", text), pdf.name
        assert "Opgesteld door Naam Functie" in text, pdf.name
        assert "Ondertekening" in text and "Handtekening" in text, pdf.name
        assert "nog in te vullen" not in text, pdf.name
    plan = " ".join(" ".join(pages_text(next(bundle.glob("*-plan-van-aanpak-*.pdf")))).split())
    assert "L. Casema-Demo casemanager, namens de werkgever" in plan
    assert f"{NAME} werknemer" in plan
    pa = " ".join(" ".join(pages_text(next(bundle.glob("*-probleemanalyse-*.pdf")))).split())
    assert "bedrijfsarts" in pa


def test_a_bijstelling_shows_what_changed_when_and_why(bundle: Path) -> None:
    text = " ".join(" ".join(pages_text(next(bundle.glob("*-bijstelling-1-*.pdf")))).split())
    assert "Bijstelling 1 van het plan van aanpak" in text
    assert "Wat deze bijstelling verandert" in text
    assert "Wanneer: 7 mei 2026" in text
    assert "Waarom: Uitkomst eerstejaarsevaluatie" in text
    assert "Wijzigt: plan van aanpak van 16 juli 2025" in text
    assert "Onderdeel Was Wordt" in text
    assert "Doel Terugkeer in de eigen functie" in text


def test_pdf_a_metadata_and_tags(bundle: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    for pdf in bundle.glob("*.pdf"):
        reader = pypdf.PdfReader(str(pdf))
        root = reader.trailer["/Root"]
        xmp = reader.xmp_metadata
        assert xmp is not None, pdf.name
        raw = xmp.stream.get_data().decode("utf-8")
        assert 'pdfaid:part="2"' in raw and 'pdfaid:conformance="A"' in raw, pdf.name
        intents = root["/OutputIntents"]
        assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intents[0].get_object()
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == "nl"
        # Every font embedded (PDF/A): each font descriptor carries its font file.
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                target = descendants[0].get_object() if descendants else font
                descriptor = target["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_the_zip_holds_the_same_files(bundle: Path, tmp_path: Path) -> None:
    code, err = render_bundle(COMPLETE, tmp_path / "riv.zip")
    assert code == 0, err
    with zipfile.ZipFile(tmp_path / "riv.zip") as archive:
        inside = {info.filename: archive.read(info) for info in archive.infolist()}
    # Made twice (a folder, then a zip): the same bytes, so the bundle is reproducible.
    assert inside == {p.name: p.read_bytes() for p in bundle.glob("*.pdf")}


def _without(event_type: str, tmp_path: Path) -> Path:
    text = COMPLETE.read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=  - type: )", text)
    kept = [b for b in blocks if not b.startswith(f"  - type: {event_type}\n")]
    assert len(kept) == len(blocks) - 1
    case = tmp_path / "case.yaml"
    case.write_text("".join(kept), encoding="utf-8")
    return case


def test_a_missing_element_shows_in_the_index_and_on_stderr(tmp_path: Path) -> None:
    case = _without("actueel_oordeel", tmp_path)
    code, err = render_bundle(case, tmp_path / "out", "--strict")
    assert code == 1
    assert "onderdeel j: actueel oordeel van de bedrijfsarts" in err
    assert not (tmp_path / "out").exists()
    code, err = render_bundle(case, tmp_path / "out")
    assert code == 0, err
    index = " ".join(" ".join(pages_text(tmp_path / "out" / "00-inhoud.pdf")).split())
    assert "j Actueel oordeel van de bedrijfsarts — nog in te vullen —" in index
    assert not list((tmp_path / "out").glob("*actueel-oordeel*"))


def test_case_values_are_text_in_the_page_header(tmp_path: Path) -> None:
    hostile = 'A. "Test" \\\\ </style><b>x</b> } @page { content: "y" }'
    text = (CASES / "render-onvolledig.yaml").read_text(encoding="utf-8")
    text = text.replace('name: "K. Onaf"', "name: '" + hostile.replace("'", "''") + "'")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    code, err = render_bundle(case, tmp_path / "out")
    assert code == 0, err
    pdfs = list((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) >= 4
    for pdf in pdfs:
        for page in pages_text(pdf):
            assert f"Werknemer: {hostile} · BSN: nog in te vullen" in page, pdf.name


def test_refusals(tmp_path: Path) -> None:
    result = run_cli("render", "riv", str(COMPLETE), "--as-of", AS_OF)
    assert result.code == 2 and "-o" in result.err
    result = run_cli("render", "riv", str(COMPLETE), "-f", "md", "-o", str(tmp_path / "x"))
    assert result.code == 2 and "pdf" in result.err
    full = tmp_path / "full"
    full.mkdir()
    (full / "iets.txt").write_text("x")
    code, err = render_bundle(COMPLETE, full)
    assert code == 2 and "niet leeg" in err and "--force" in err
    (tmp_path / "file").write_text("x")
    code, err = render_bundle(COMPLETE, tmp_path / "file")
    assert code == 2 and "geen map" in err
    (tmp_path / "b.zip").write_text("x")
    code, err = render_bundle(COMPLETE, tmp_path / "b.zip")
    assert code == 2 and "--force" in err


def test_a_file_over_the_upload_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wvp_cli.documents import riv

    monkeypatch.setattr(riv, "UPLOAD_LIMIT_BYTES", 5_000)
    code, err = render_bundle(CASES / "render-onvolledig.yaml", tmp_path / "out")
    assert code == 2
    assert "UWV neemt bestanden van hooguit 0 MB aan" in err or "MB aan" in err
    assert not (tmp_path / "out").exists()


def test_zip_bytes_are_fixed() -> None:
    from wvp_cli.documents.riv import Bundle, BundleFile

    files = [BundleFile("00-inhoud.pdf", "t", (), None, 1, b"%PDF-1", "")]
    data = Bundle(files, []).zip_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (info,) = archive.infolist()
    assert info.date_time == (1980, 1, 1, 0, 0, 0)
    assert Bundle(files, []).zip_bytes() == data


def test_recorded_signatures_fill_the_table_and_the_rest_is_a_concept(bundle: Path) -> None:
    def text(pattern: str) -> str:
        return " ".join(" ".join(pages_text(next(bundle.glob(pattern)))).split())

    plan = text("*-plan-van-aanpak-*.pdf")
    assert "Ondertekend door de werkgever en de werknemer." in plan
    assert "L. Casema-Demo casemanager 16 juli 2025 ondertekend (natte handtekening)" in plan
    assert f"{NAME} werknemer 16 juli 2025 ondertekend (elektronisch)" in plan
    assert "Concept" not in plan
    final = text("*-eindevaluatie-*.pdf")
    assert "Concept: nog niet ondertekend door de werkgever en de werknemer." in final
    assert "ondertekend (" not in final
    assert "Ondertekend door de werknemer." in text("*-visie-werknemer.pdf")
    assert "Ondertekend door de werkgever." in text("*-verslag.pdf")
    assert "Ondertekend" not in text("*-evaluaties.pdf")  # evaluations are not signed here


def test_the_verslag_and_plan_hold_what_uwv_forms_ask(bundle: Path) -> None:
    verslag = " ".join(" ".join(pages_text(bundle / "01-verslag.pdf")).split())
    assert "Geboortedatum 12 april 1979" in verslag
    assert "Adres werknemer Denkbeeldweg 12, 9999 ZZ Nergenshuizen" in verslag
    assert "Adres werkgever Verzonnenkade 3, 9999 ZY Nergenshuizen" in verslag
    assert "Loonheffingennummer 123456782L01" in verslag
    plan = " ".join(" ".join(pages_text(next(bundle.glob("*-plan-van-aanpak-*.pdf")))).split())
    assert "Contactafspraken Elke maandag belt de casemanager" in plan


def test_each_signed_document_prints_the_code_a_signature_records(bundle: Path) -> None:
    from wvp_cli.core.loader import read_file
    from wvp_cli.core.signatures import content_hash

    case = read_file(COMPLETE, str(COMPLETE)).case
    assert case is not None
    plan = next(e for e in case.events if e.type == "plan_van_aanpak")
    text = " ".join(" ".join(pages_text(next(bundle.glob("*-plan-van-aanpak-*.pdf")))).split())
    assert f"Inhoudscode van dit stuk: {content_hash(plan)}." in text


def test_a_case_with_medical_data_becomes_no_bundle(tmp_path: Path) -> None:
    """As a single document: a case whose file holds a medical word (here a category word)
    is refused, with the finding masked, and nothing is written."""
    text = COMPLETE.read_text(encoding="utf-8")
    anchor = 'summary: "Werkt 4 uur per dag in de werkvoorbereiding.'
    assert anchor in text
    case = tmp_path / "c.yaml"
    case.write_text(text.replace(anchor, anchor + " Past de medicatie aan.", 1), encoding="utf-8")
    target = tmp_path / "riv"
    code, err = render_bundle(case, target)
    assert code == 1
    assert "niet in een document horen" in err and "WVP401" in err
    assert "medicatie" not in err
    assert not target.exists()
