"""Documents at the peildatum: an event dated today is part of the dossier (also when `wvp render`
runs without --as-of), and a recorded deviation from the tweede spoor shows in the documents."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
DEVIATION_SAMPLE = SAMPLES / "afwijking-tweede-spoor.yaml"
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _shifted(text: str, days: int) -> str:
    """The case text with every ISO date moved by `days` days."""

    def move(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match.group(1)) + dt.timedelta(days=days)).isoformat()

    return _DATE.sub(move, text)


def _missing(err: str) -> list[str]:
    return [line[4:] for line in err.splitlines() if line.startswith("  - ")]


@pytest.mark.parametrize(
    ("kind", "source", "event_date", "gap"),
    [
        (
            "eerstejaarsevaluatie",
            DEVIATION_SAMPLE,
            "2026-08-20",
            "eerstejaarsevaluatie (events: type eerstejaarsevaluatie)",
        ),
        (
            "re-integratieverslag",
            CASES / "render-volledig.yaml",
            "2027-02-18",
            "visie van de werknemer op het verslag",
        ),
    ],
)
def test_an_event_dated_today_counts_without_as_of(
    kind: str, source: Path, event_date: str, gap: str, tmp_path: Path
) -> None:
    today = dt.date.today()
    days = (today - dt.date.fromisoformat(event_date)).days
    text = _shifted(source.read_text(encoding="utf-8"), days)
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert f"date: {tomorrow}" not in text, "no event may fall on the day after, for the compare"
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")

    without = run_cli("render", kind, str(case))
    assert without.code == 0, without.err
    day_after = run_cli("render", kind, str(case), "--as-of", tomorrow)
    assert day_after.code == 0, day_after.err
    # What the case holds on the day of the event is in the document that day already.
    assert not any(item.startswith(gap) for item in _missing(without.err)), without.err
    assert _missing(without.err) == _missing(day_after.err)
    explicit = run_cli("render", kind, str(case), "--as-of", today.isoformat())
    assert explicit.out == without.out


def test_tweede_spoor_plan_shows_the_deviation_while_it_holds() -> None:
    result = run_cli(
        "render", "tweede-spoor-plan", str(DEVIATION_SAMPLE), "--as-of", "2026-11-24", "--strict"
    )
    assert result.code == 0, result.err  # nothing missing: the deviation stands in for a plan
    body = " ".join(result.out.split())
    assert "gemotiveerd afgeweken" in body
    assert "10 september 2026" in body  # the date of the deviation
    assert "Concreet perspectief op structurele terugkeer" in body  # its reason
    assert "tot 7 december 2026" in body  # prospect_until
    assert "— nog in te vullen —" not in body
    assert "start uiterlijk" not in body


def test_tweede_spoor_plan_after_the_deviation_lapsed() -> None:
    result = run_cli("render", "tweede-spoor-plan", str(DEVIATION_SAMPLE), "--as-of", "2026-12-08")
    assert result.code == 0, result.err
    body = " ".join(result.out.split())
    assert any(item.startswith("re-integratieplan tweede spoor") for item in _missing(result.err))
    assert "verlopen zonder volledige terugkeer" in body
    assert "had uiterlijk 7 december 2026 moeten starten" in body


def test_tweede_spoor_plan_before_the_deviation_is_unchanged() -> None:
    result = run_cli("render", "tweede-spoor-plan", str(DEVIATION_SAMPLE), "--as-of", "2026-09-09")
    body = " ".join(result.out.split())
    assert "afgeweken" not in body
    assert "start uiterlijk 1 oktober 2026" in body


def test_eerstejaarsevaluatie_names_the_deviation(tmp_path: Path) -> None:
    text = DEVIATION_SAMPLE.read_text(encoding="utf-8")
    # The same evaluation with a conclusion that asks for the tweede spoor.
    text = text.replace("    conclusion: spoor_1\n", "    conclusion: spoor_1_en_2\n", 1)
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("render", "eerstejaarsevaluatie", str(case), "--as-of", "2026-11-24")
    assert result.code == 0, result.err
    body = " ".join(result.out.split())
    assert "gemotiveerd afgeweken van de start van het tweede spoor" in body
    assert "tot 7 december 2026" in body
    assert "De werkgever start het tweede spoor uiterlijk" not in body


def test_tweede_spoor_plan_a_deviation_without_prospect_date_does_not_count(
    tmp_path: Path,
) -> None:
    text = DEVIATION_SAMPLE.read_text(encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("    prospect_until: 2026-12-07\n", "", 1), encoding="utf-8")
    result = run_cli("render", "tweede-spoor-plan", str(case), "--as-of", "2026-11-24")
    body = " ".join(result.out.split())
    assert "Die afwijking telt niet: zij noemt geen datum" in body
    assert "had uiterlijk 1 oktober 2026 moeten starten" in body
