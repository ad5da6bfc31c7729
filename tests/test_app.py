"""The application layer as a library: `run_timeline`, `run_render` and `run_bundle` take
options and return values (no printing, no exit codes); what the user must fix is a Problem,
a file that is no case an InvalidCase."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES
from wvp_cli.app import InvalidCase, Problem, run_bundle, run_render, run_timeline
from wvp_cli.core import clock
from wvp_cli.core.loader import read_file
from wvp_cli.core.model import Case
from wvp_cli.documents.render import render_document
from wvp_cli.privacy.terms import TERMS

DAY = dt.date(2026, 11, 24)
SAMPLE = SAMPLES / "week-10-plan-van-aanpak.yaml"
COMPLETE = ROOT / "tests" / "cases" / "render-volledig.yaml"


def _case(path: Path) -> Case:
    loaded = read_file(path, str(path))
    assert loaded.case is not None
    return loaded.case


def test_run_timeline_is_the_clock_of_the_case() -> None:
    made = run_timeline(str(SAMPLE), DAY)
    case = _case(SAMPLE)
    assert made.file == str(SAMPLE)
    assert made.case.id == case.id
    assert made.timeline == clock.compute(case, DAY)


def test_run_timeline_finds_a_case_by_its_id() -> None:
    case = _case(SAMPLE)
    made = run_timeline(case.id, DAY, search=[SAMPLES])
    assert Path(made.file).resolve() == SAMPLE.resolve()


def test_run_timeline_masks_an_id_that_names_a_diagnosis(tmp_path: Path) -> None:
    word = "diagnose"
    assert word in TERMS
    text = SAMPLE.read_text(encoding="utf-8")
    case = _case(SAMPLE)
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(case.id, f"{case.id}-{word}", 1), encoding="utf-8")
    made = run_timeline(str(path), DAY)
    assert word not in made.case.id.lower() and made.case.id.startswith(case.id)
    assert made.timeline == clock.compute(case, DAY)


def test_a_file_that_is_no_case_is_an_invalid_case() -> None:
    with pytest.raises(InvalidCase) as caught:
        run_timeline(str(SAMPLES / "invalid-format.yaml"), DAY)
    assert caught.value.loaded.case is None and caught.value.loaded.findings


def test_run_render_gives_the_document_and_what_it_lacks() -> None:
    made = run_render("plan", str(SAMPLE), DAY)
    case = _case(SAMPLE)
    expected = render_document("plan", case, clock.compute(case, DAY), DAY)
    assert made.refused == ()
    assert made.data == expected.markdown and made.title == expected.title
    assert list(made.missing) == expected.missing
    assert made.case_id == case.id


def test_run_render_html_is_a_page() -> None:
    made = run_render("plan", str(COMPLETE), DAY, fmt="html")
    assert isinstance(made.data, str) and made.data.lstrip().lower().startswith("<!doctype html")


def test_run_render_checks_before_the_work(tmp_path: Path) -> None:
    with pytest.raises(Problem, match="PDF gaat niet naar het scherm"):
        run_render("plan", str(SAMPLE), DAY, fmt="pdf")
    with pytest.raises(Problem, match="onbekende extensie"):
        run_render("plan", str(SAMPLE), DAY, output=tmp_path / "plan.odt")
    existing = tmp_path / "plan.md"
    existing.write_text("eigen tekst", encoding="utf-8")
    with pytest.raises(Problem, match="bestaat al"):
        run_render("plan", str(SAMPLE), DAY, output=existing)
    assert existing.read_text(encoding="utf-8") == "eigen tekst"
    assert run_render("plan", str(SAMPLE), DAY, output=existing, force=True).data
    assert existing.read_text(encoding="utf-8") == "eigen tekst"  # writing is the caller's


def test_run_render_refuses_a_case_with_medical_data(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(text + "# diagnose: hernia\n", encoding="utf-8")
    made = run_render("plan", str(path), DAY)
    assert made.refused and made.data == ""
    assert all("hernia" not in f.message for f in made.refused)


def test_run_bundle_needs_a_target(tmp_path: Path) -> None:
    with pytest.raises(Problem, match="geef een map of een"):
        run_bundle(str(COMPLETE), None, DAY)
    full = tmp_path / "out"
    full.mkdir()
    (full / "eigen.pdf").write_bytes(b"%PDF")
    with pytest.raises(Problem, match="niet leeg"):
        run_bundle(str(COMPLETE), full, DAY)
