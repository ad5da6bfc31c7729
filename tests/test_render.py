"""`wvp render`: golden documents, escaping, the sandbox, gaps, output handling."""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SAMPLES, run_cli, yaml_text
from wvp_cli.core.clock import compute
from wvp_cli.core.loader import read_file
from wvp_cli.documents import render

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
GOLDEN = HERE / "golden"
KINDS = ("plan", "eerstejaarsevaluatie", "re-integratieverslag", "tweede-spoor-plan")
AS_OF = {"render-volledig": "2027-03-10", "render-onvolledig": "2026-11-20"}
GAP = "— nog in te vullen —"


@pytest.fixture(autouse=True)
def _away_from_repo_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in an empty folder, so that ./templates of the source tree is not an override."""
    monkeypatch.chdir(tmp_path)


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; WVP_UPDATE_GOLDEN=1 rewrites it on purpose."""
    path = GOLDEN / name
    if os.environ.get("WVP_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} ontbreekt; maak het met WVP_UPDATE_GOLDEN=1 pytest"
    assert text == path.read_text(encoding="utf-8"), (
        f"{name} wijkt af van de golden file; bedoeld? WVP_UPDATE_GOLDEN=1 pytest, en lees de diff"
    )


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", sorted(AS_OF))
def test_golden(case: str, kind: str, fmt: str) -> None:
    result = run_cli("render", kind, str(CASES / f"{case}.yaml"), "--as-of", AS_OF[case], "-f", fmt)
    assert result.code == 0, result.err
    check_golden(f"{case}.{kind}.{fmt}", result.out)


#: Sample cases with golden documents, at the samples' own peildatum (sample_cases/README.md):
#: a first plan, the second year with a full tweede spoor, and a vrijwillige verlenging (RIV).
GOLDEN_SAMPLES = ("week-10-plan-van-aanpak", "tweede-jaar-tweede-spoor", "vrijwillige-verlenging")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("sample", GOLDEN_SAMPLES)
def test_golden_sample(sample: str, kind: str, fmt: str) -> None:
    path = SAMPLES / f"{sample}.yaml"
    if not path.exists():
        pytest.skip(f"{path} is not on this branch")
    result = run_cli("render", kind, str(path), "--as-of", "2026-11-24", "-f", fmt)
    assert result.code == 0, result.err
    check_golden(f"sample-{sample}.{kind}.{fmt}", result.out)


def test_output_is_deterministic() -> None:
    args = ("render", "re-integratieverslag", str(CASES / "render-volledig.yaml"))
    first = run_cli(*args, "--as-of", "2027-03-10", "-f", "html")
    second = run_cli(*args, "--as-of", "2027-03-10", "-f", "html")
    assert first.out == second.out


def test_document_date_is_as_of_in_dutch() -> None:
    out = run_cli("render", "plan", str(CASES / "render-volledig.yaml"), "--as-of", "2027-02-17")
    assert "**Datum:** 17 februari 2027" in out.out


def test_plan_is_the_latest_version_with_history() -> None:
    out = run_cli(
        "render", "plan", str(CASES / "render-volledig.yaml"), "--as-of", "2027-03-10"
    ).out
    assert "Versie 2: de bijstelling van 7 mei 2026." in out
    assert "| 1 | 16 juli 2025 | plan van aanpak |" in out
    # At an earlier date the bijstelling is not yet part of the dossier.
    early = run_cli("render", "plan", str(CASES / "render-volledig.yaml"), "--as-of", "2025-12-01")
    assert "Versie 1: het plan van aanpak van 16 juli 2025." in early.out
    assert "Dit is de eerste versie" in early.out


def test_riv_has_every_part_a_to_l_in_order() -> None:
    out = run_cli("render", "re-integratieverslag", str(CASES / "render-onvolledig.yaml"))
    headings = [line[3:5] for line in out.out.splitlines() if line.startswith("## ")]
    assert headings[:12] == [f"{letter}." for letter in "abcdefghijkl"]


def test_eerstejaarsevaluatie_conclusion_in_dutch_words() -> None:
    out = run_cli(
        "render",
        "eerstejaarsevaluatie",
        str(CASES / "render-volledig.yaml"),
        "--as-of",
        "2027-03-10",
    ).out
    assert "spoor 1 en spoor 2 tegelijk" in out
    assert "spoor_1_en_2" not in out


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="sample_cases/ is not on this branch yet")
@pytest.mark.parametrize("kind", KINDS)
def test_every_sample_case_renders(kind: str) -> None:
    samples = [p for p in sorted(SAMPLES.glob("*.yaml")) if not p.name.startswith("invalid-")]
    if not samples:
        pytest.skip("no sample cases")
    for sample in samples:
        result = run_cli("render", kind, str(sample), "--as-of", "2026-11-24", "-f", "html")
        assert result.code == 0, (sample, result.err)
        assert "Traceback" not in result.err


# --- missing content ------------------------------------------------------------------------


def test_gaps_are_marked_and_listed() -> None:
    result = run_cli(
        "render", "plan", str(CASES / "render-onvolledig.yaml"), "--as-of", "2026-11-20"
    )
    assert result.code == 0
    assert f"## 1. Doel\n\n*{GAP}*" in result.out
    assert "doel van het plan (events[2].goal)" in result.err
    assert "datum van instemming van de werknemer (events[2].agreed_by_employee)" in result.err
    assert "re-integratievisie van de werknemer (events[2].employee_view)" in result.err
    # The employer's visie is there, so it is not reported.
    assert "visie van de werkgever" not in result.err


def test_strict_fails_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    result = run_cli(
        "render", "plan", str(CASES / "render-onvolledig.yaml"), "-o", str(target), "--strict"
    )
    assert result.code == 1
    assert "doel van het plan" in result.err
    assert not target.exists()


def test_strict_passes_a_complete_document() -> None:
    result = run_cli(
        "render", "plan", str(CASES / "render-volledig.yaml"), "--as-of", "2027-03-10", "--strict"
    )
    assert result.code == 0, result.err
    assert result.err == ""


def test_gap_is_highlighted_in_html() -> None:
    out = run_cli("render", "plan", str(CASES / "render-onvolledig.yaml"), "-f", "html").out
    assert f'<em class="gap">{GAP}</em>' in out


# --- escaping -------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "[x](javascript:alert(1))",
    "![pixel](https://example.invalid/p.png)",
    "{% raw %}",
    "<img src=x onerror=alert(1)>",
    "# kop",
    "| a | b |",
    "&lt;b&gt;",
]


def _hostile_case(tmp_path: Path) -> Path:
    quoted = [v.replace("\\", "\\\\").replace('"', '\\"') for v in HOSTILE]
    path = tmp_path / "vijandig.yaml"
    path.write_text(
        yaml_text(
            f"""
            wvp: 1
            id: "2026-666"
            employee:
              name: "{quoted[0]}"
            employer:
              name: "{quoted[2]}"
              casemanager: "{quoted[1]}"
            sickness:
              - from: 2026-01-05
            events:
              - type: plan_van_aanpak
                date: 2026-02-10
                agreed_by_employee: 2026-02-11
                goal: "{quoted[1]} {quoted[2]}"
                employer_view: "{quoted[3]} {quoted[4]} {quoted[5]}"
                employee_view: "{quoted[6]}"
                evaluations: "{quoted[7]}"
                activities:
                  - what: "{quoted[7]} {quoted[0]}"
                    who: "{quoted[8]}"
            """
        ),
        encoding="utf-8",
    )
    return path


def test_case_text_is_inert_in_markdown_and_html(tmp_path: Path) -> None:
    case = str(_hostile_case(tmp_path))
    md = run_cli("render", "plan", case, "--as-of", "2026-03-01")
    page = run_cli("render", "plan", case, "--as-of", "2026-03-01", "-f", "html")
    assert md.code == page.code == 0, md.err + page.err
    # Markdown: the values are escaped, never evaluated as templates.
    assert "49" not in md.out
    assert r"{{ 7\*7 }}" in md.out
    assert r"\[x\](javascript:alert(1))" in md.out
    assert r"\<script\>" in md.out
    # HTML: the same characters, as text.
    body = page.out.split("<main>", 1)[1]
    assert "49" not in body
    assert "{{ 7*7 }}" in body
    assert "{% raw %}" in body
    assert "[x](javascript:alert(1))" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.out  # also in the letterhead
    assert "&amp;lt;b&amp;gt;" in body  # an entity in a value stays those characters
    for tag in ("<script", "<img", "<a ", "<h1>kop", "<iframe"):
        assert tag not in page.out
    assert "javascript:" not in page.out.replace("[x](javascript:alert(1))", "")
    # A value that looks like a table row stays inside its cell.
    assert "<td>| a | b | &lt;script&gt;alert(1)&lt;/script&gt;</td>" in body


def test_bare_case_value_in_a_template_is_still_escaped(tmp_path: Path) -> None:
    """Defence in depth: a repository template that forgets md_escape still prints text."""
    case = str(_hostile_case(tmp_path))
    folder = tmp_path / "eigen"
    folder.mkdir()
    (folder / "plan.md.j2").write_text("{{ plan.goal }} / {{ case.employee.name }}\n")
    page = run_cli("render", "plan", case, "--templates", str(folder), "-f", "html")
    assert page.code == 0, page.err
    assert "<script" not in page.out and "<a " not in page.out
    assert "[x](javascript:alert(1))" in page.out


_MARKDOWN_CHARACTERS = "ab1 .-+=#*_[]()<>!|&;`~\\:/\n\t\"'{}%"
_TEXT = st.text(alphabet=st.sampled_from([*_MARKDOWN_CHARACTERS, "é", "\u00a0", "—"]), max_size=40)


def _expected(text: str) -> str:
    collapsed = " ".join(text.split())
    return (
        collapsed.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


@given(_TEXT)
def test_md_escape_renders_as_exactly_its_text(text: str) -> None:
    rendered = render._markdown_it().render(render.md_escape(text))
    expected = _expected(text)
    assert rendered == (f"<p>{expected}</p>\n" if expected else "")


@given(_TEXT)
def test_md_escape_stays_in_its_table_cell_and_list_item(text: str) -> None:
    md = render._markdown_it()
    cell = md.render(f"| a |\n|---|\n| {render.md_escape(text)} |\n")
    expected = _expected(text)
    assert f"<td>{expected}</td>" in cell
    item = md.render(f"- {render.md_escape(text)}\n")
    assert item == f"<ul>\n<li>{expected}</li>\n</ul>\n"


def test_md_escape_formats_values_in_dutch() -> None:
    import datetime as dt

    assert render.md_escape(dt.date(2026, 2, 17)) == "17 februari 2026"
    assert render.md_escape(32.0) == "32"
    assert render.md_escape(24.5) == "24,5"
    assert render.md_escape("1. eerst") == r"1\. eerst"
    assert render.md_escape("- lijst") == r"\- lijst"


# --- templates: overrides, sandbox, errors ---------------------------------------------------


def _override(tmp_path: Path, text: str, name: str = "plan.md.j2") -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _render_with(folder: Path, *extra: str) -> object:
    return run_cli(
        "render", "plan", str(CASES / "render-volledig.yaml"), "--templates", str(folder), *extra
    )


def test_repository_templates_folder_overrides_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "plan.md.j2").write_text("Eigen plan voor {{ case.id|md_escape }}\n")
    result = run_cli("render", "plan", str(CASES / "render-volledig.yaml"))
    assert result.out == "Eigen plan voor 2025-031\n"
    # Templates it does not override still come from wvp.
    other = run_cli("render", "eerstejaarsevaluatie", str(CASES / "render-volledig.yaml"))
    assert other.out.startswith("# Eerstejaarsevaluatie")


def test_override_can_use_the_builtin_macros(tmp_path: Path) -> None:
    folder = _override(
        tmp_path, '{% import "_macros.md.j2" as m with context %}{{ m.reference() }}'
    )
    result = _render_with(folder, "--as-of", "2027-03-10")
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    assert "**Dossiernummer:** 2025-031" in result.out  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "source",
    [
        "Kop\n{{ ''.__class__.__mro__ }}\n",
        "Kop\n{{ cycler.__init__.__globals__ }}\n",
        "Kop\n{{ case.__class__.__subclasses__() }}\n",
        "Kop\n{{ md_escape.__globals__ }}\n",
    ],
)
def test_sandbox_stops_a_template_reaching_python_internals(tmp_path: Path, source: str) -> None:
    folder = _override(tmp_path, source)
    result = _render_with(folder)
    assert result.code == 2  # type: ignore[attr-defined]
    err = result.err  # type: ignore[attr-defined]
    assert "Traceback" not in err
    assert "sandbox" in err or "onbekende naam" in err
    assert "plan.md.j2, regel 2" in err
    assert result.out == ""  # type: ignore[attr-defined]


def test_sandbox_error_message_is_dutch_and_names_the_template(tmp_path: Path) -> None:
    folder = _override(tmp_path, "{{ ''.__class__.__mro__ }}")
    err = _render_with(folder).err  # type: ignore[attr-defined]
    assert err.startswith(
        f"wvp: sjabloon {folder / 'plan.md.j2'}, regel 1: geweigerd door de sandbox"
    )


def test_template_cannot_mutate_its_data(tmp_path: Path) -> None:
    folder = _override(tmp_path, "{% set x = events.append(1) %}\n")
    result = _render_with(folder)
    assert result.code == 2  # type: ignore[attr-defined]
    assert "sandbox" in result.err  # type: ignore[attr-defined]


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    folder = _override(tmp_path, "# Plan\n\n{% if %}\n{% endif %}\n")
    result = _render_with(folder)
    assert result.code == 2  # type: ignore[attr-defined]
    err = result.err  # type: ignore[attr-defined]
    assert f"sjabloon {folder / 'plan.md.j2'}, regel 3: syntaxfout" in err
    assert "Traceback" not in err


def test_error_in_an_included_template_names_that_template(tmp_path: Path) -> None:
    folder = _override(tmp_path, "een\n{% include 'deel.md.j2' %}\n")
    _override(tmp_path, "regel 1\nregel 2\n{{ bestaat_niet }}\n", name="deel.md.j2")
    err = _render_with(folder).err  # type: ignore[attr-defined]
    assert f"sjabloon {folder / 'deel.md.j2'}, regel 3: onbekende naam" in err


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 1 + 'a' }}", "fout bij het invullen"),
        ("{% include 'bestaat-niet.md.j2' %}", "niet gevonden"),
        ("{% include '../../etc/passwd' %}", "geen bestandsnaam"),
        ("{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}", "sjabloon"),
    ],
)
def test_other_template_errors_are_one_line(tmp_path: Path, source: str, expected: str) -> None:
    result = _render_with(_override(tmp_path, source))
    assert result.code == 2  # type: ignore[attr-defined]
    assert expected in result.err  # type: ignore[attr-defined]
    assert "Traceback" not in result.err  # type: ignore[attr-defined]


def test_templates_option_must_be_a_folder(tmp_path: Path) -> None:
    result = _render_with(tmp_path / "nergens")
    assert result.code == 2  # type: ignore[attr-defined]
    assert "--templates" in result.err  # type: ignore[attr-defined]


def test_stylesheet_must_be_self_contained(tmp_path: Path) -> None:
    folder = _override(
        tmp_path,
        "/* url() in a comment is fine */\nbody {\n  background: url(https://x/y.png);\n}\n",
        name="print.css",
    )
    result = _render_with(folder, "-f", "html")
    assert result.code == 2  # type: ignore[attr-defined]
    assert "print.css, regel 3: 'url(' is niet toegestaan" in result.err  # type: ignore[attr-defined]
    # Markdown does not use the stylesheet.
    assert _render_with(folder).code == 0  # type: ignore[attr-defined]


def test_html_is_self_contained_a4() -> None:
    out = run_cli(
        "render", "re-integratieverslag", str(CASES / "render-volledig.yaml"), "-f", "html"
    )
    page = out.out
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "size: A4" in page
    for remote in ("http://", "https://", "<link", "<script", "@import", "url("):
        assert remote not in page
    assert '<p class="sender">Drukkerij Verzonnen &amp; Zn. BV</p>' in page
    # The page footer is a page margin box; its text a CSS string, escaped like a case value.
    assert render.css_string(" · dossier 2025-031 · ")[1:-1] in page
    assert 'counter(page) " van " counter(pages)' in page


# --- output ---------------------------------------------------------------------------------


def test_output_file_picks_the_format_and_is_not_replaced_without_force(tmp_path: Path) -> None:
    case = str(CASES / "render-volledig.yaml")
    target = tmp_path / "plan.html"
    assert run_cli("render", "plan", case, "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run_cli("render", "plan", case, "-o", str(target), "-f", "md")
    assert again.code == 2
    assert "--force" in again.err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    forced = run_cli("render", "plan", case, "-o", str(target), "-f", "md", "--force")
    assert forced.code == 0
    assert target.read_text(encoding="utf-8").startswith("# Plan van aanpak")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]  # no temp files left


def test_pdf_needs_an_output_file() -> None:
    result = run_cli("render", "plan", str(CASES / "render-volledig.yaml"), "-f", "pdf")
    assert result.code == 2
    assert "-o" in result.err


def test_pdf_without_weasyprint_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    target = tmp_path / "plan.pdf"
    result = run_cli("render", "plan", str(CASES / "render-volledig.yaml"), "-o", str(target))
    assert result.code == 2
    assert 'pip install "wvp[pdf]"' in result.err
    assert not target.exists()


def test_case_by_id_and_invalid_case(tmp_path: Path) -> None:
    by_id = run_cli("render", "plan", "2025-031", "--in", str(CASES), "--as-of", "2027-03-10")
    assert by_id.code == 0
    assert "**Dossiernummer:** 2025-031" in by_id.out
    broken = tmp_path / "kapot.yaml"
    broken.write_text("wvp: 1\nid: x\nemployee: {}\n", encoding="utf-8")
    assert run_cli("render", "plan", str(broken)).code == 1
    assert run_cli("render", "onbekend", str(broken)).code == 2


def test_render_document_is_pure() -> None:
    import datetime as dt

    loaded = read_file(CASES / "render-volledig.yaml", "x.yaml")
    assert loaded.case is not None
    day = dt.date(2027, 3, 10)
    result = render.render_document("plan", loaded.case, compute(loaded.case, day), day, [])
    assert result.missing == []
    assert result.markdown.startswith("# Plan van aanpak\n")
    page = render.to_html(result.markdown, "Plan van aanpak")
    assert "<h1>Plan van aanpak</h1>" in page
    assert html.escape("Drukkerij Verzonnen & Zn. BV") in page


def _signed_plan(tmp_path: Path, signatures: str) -> str:
    """The plan of the week-10 sample with these `signatures:` on its plan van aanpak."""
    text = (SAMPLES / "week-10-plan-van-aanpak.yaml").read_text(encoding="utf-8")
    anchor = "    agreed_by_employee: 2026-10-29\n"
    assert anchor in text
    case = tmp_path / "c.yaml"
    case.write_text(text.replace(anchor, anchor + signatures, 1), encoding="utf-8")
    assert run_cli("check", str(case), "--as-of", "2026-11-24").code == 0
    done = run_cli("render", "plan", str(case), "--as-of", "2026-11-24")
    assert done.code == 0, done.err
    return done.out


def test_a_plan_shows_its_recorded_signatures_and_is_a_concept_until_both_signed(
    tmp_path: Path,
) -> None:
    werkgever = (
        "    signatures:\n"
        "      - role: werkgever\n"
        '        name: "L. Jansen-Demo"\n'
        "        date: 2026-10-30\n"
        "        method: e_handtekening\n"
    )
    half = _signed_plan(tmp_path, werkgever)
    assert "**Concept:** nog niet ondertekend door de werknemer." in half
    assert "| Datum: 30 oktober 2026 | Datum: |" in half
    assert "| Handtekening: ondertekend (elektronisch) | Handtekening: |" in half
    werknemer = (
        "      - role: werknemer\n"
        '        name: "M. Proefstra"\n'
        "        date: 2026-10-31\n"
        "        method: natte_handtekening\n"
    )
    whole = _signed_plan(tmp_path, werkgever + werknemer)
    assert "Concept" not in whole
    assert "| Datum: 30 oktober 2026 | Datum: 31 oktober 2026 |" in whole
    assert "ondertekend (natte handtekening)" in whole
    unsigned = _signed_plan(tmp_path, "")
    assert "**Concept:** nog niet ondertekend door de werkgever en de werknemer." in unsigned
