"""`wvp stats` on the command line: text, JSON, CSV, the chart (a real PNG and SVG made by
matplotlib), the roster, the minimum group size, and no employee's name or number in any
output."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import run_cli

AS_OF = "2026-04-15"
ROSTER = (
    "Personeelsnummer;Uren per week;In dienst;Uit dienst;Werkgever\n"
    "1;40;01-01-2020;;Bakkerij Noord BV\n"
    "2;20;01-01-2020;;Bakkerij Noord BV\n"
    "3;32;01-01-2020;;Bakkerij Noord BV\n"
    "4;40;01-02-2026;;Bakkerij Noord BV\n"
    "5;24;01-01-2020;31-12-2026;Bakkerij Noord BV\n"
)
CASES = {
    "c1.yaml": ("1", "  - from: 2025-12-20\n    to: 2026-01-09\n", ""),
    "c2.yaml": (
        "2",
        "  - from: 2026-02-01\n",
        "  - type: werkhervatting\n    date: 2026-03-01\n    hours: 10\n",
    ),
    "c3.yaml": (
        "3",
        "  - from: 2026-01-05\n    to: 2026-01-18\n",
        "",
    ),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir()
    for name, (number, sickness, events) in CASES.items():
        leave = "leave:\n  - from: 2026-02-02\n    to: 2026-03-31\n" if number == "3" else ""
        (cases / name).write_text(
            f'wvp: 1\nid: "{name[:-5]}"\nemployee:\n  name: "Geheime Naam {number}"\n'
            f'  number: "{number}"\nemployer:\n  name: "Bakkerij Noord BV"\n'
            f'  casemanager: "S. Visser"\nsickness:\n{sickness}{leave}'
            f"events:{' []' if not events else ''}\n{events}",
            encoding="utf-8",
        )
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return tmp_path


def stats(repo: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(
        "stats", str(repo / "cases"), "--from", "2026-01-01", "--to", "2026-03-31",
        "--as-of", AS_OF, *args,
    )  # fmt: skip
    return result.code, result.out, result.err


def test_json_has_the_hand_computed_percentage(repo: Path) -> None:
    code, out, err = stats(repo, "--roster", str(repo / "roster.csv"), "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    (group,) = doc["groups"]
    assert group["absence_percentage"] == round(100 * 1678 / 12800, 2)
    assert group["absence_percentage_with_leave"] == round(100 * 3534 / 12800, 2)
    assert group["mean_duration_days"] == 17.5
    assert doc["suppressed_groups"] == 0
    assert "Geheime" not in out


def test_csv_and_text_name_no_employee(repo: Path) -> None:
    code, out, _ = stats(repo, "--roster", str(repo / "roster.csv"), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["absence_percentage"] == str(round(100 * 1678 / 12800, 2))
    code, text, _ = stats(repo, "--roster", str(repo / "roster.csv"))
    assert "13,11%" in text and "17,5 dagen" in text
    for output in (out, text):
        assert "Geheime" not in output and "c1" not in output


def test_small_groups_are_suppressed_and_said_so(repo: Path) -> None:
    code, text, _ = stats(repo, "--by", "casemanager")
    assert code == 0
    assert "S. Visser" not in text
    assert "minder dan 5 werknemers niet getoond" in text
    code, out, _ = stats(repo, "--by", "casemanager", "--min-group", "3", "--format", "json")
    assert [g["group"] for g in json.loads(out)["groups"]] == ["S. Visser"]


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG\r\n"), (".svg", b"<?xml")])
def test_the_chart_is_written(repo: Path, suffix: str, magic: bytes) -> None:
    chart = repo / f"verzuim{suffix}"
    code, _, err = stats(repo, "--roster", str(repo / "roster.csv"), "--chart", str(chart))
    assert code == 0, err
    data = chart.read_bytes()
    assert data.startswith(magic)
    assert len(data) > 5000
    if suffix == ".svg":
        text = data.decode()
        assert "Verzuimpercentage per maand" in text and "Geheime" not in text
        # The same figures give the same file (no date, a fixed hash salt).
        stats(repo, "--roster", str(repo / "roster.csv"), "--chart", str(chart))
        assert chart.read_bytes() == data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-05-01"), "ligt na --to"),
        (("--by", "afdeling"), "--by"),
        (("--format", "xml"), "--format"),
        (("--chart", "x.pdf"), ".svg of .png"),
        (("--roster", "ontbreekt.csv"), "ontbreekt.csv"),
    ],
)
def test_bad_options_are_exit_2_in_dutch(repo: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = stats(repo, *args)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_a_roster_without_hours_is_refused(repo: Path) -> None:
    (repo / "bad.csv").write_text("Personeelsnummer;In dienst\n1;01-01-2020\n", encoding="utf-8")
    code, _, err = stats(repo, "--roster", str(repo / "bad.csv"))
    assert code == 2
    assert "'Uren per week'" in err


def test_by_employer_takes_the_group_sizes_from_the_roster(repo: Path) -> None:
    code, out, _ = stats(
        repo, "--roster", str(repo / "roster.csv"), "--by", "employer", "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    assert [(g["group"], g["employees"]) for g in doc["groups"]] == [("Bakkerij Noord BV", 5)]
    assert doc["groups"][0]["absence_percentage"] == round(100 * 1678 / 12800, 2)


def test_an_invalid_case_file_is_named_and_left_out(repo: Path) -> None:
    (repo / "cases" / "kapot.yaml").write_text("wvp: 1\nid: x\n", encoding="utf-8")
    code, out, err = stats(repo, "--roster", str(repo / "roster.csv"), "--format", "json")
    assert code == 1
    assert "kapot.yaml" in err
    assert json.loads(out)["groups"][0]["cases"] == 3


def test_the_html_page_escapes_and_holds_the_chart(repo: Path) -> None:
    for path in (repo / "cases").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("S. Visser", "<script>alert(1)</script>"), encoding="utf-8")
    code, out, err = stats(repo, "--by", "casemanager", "--min-group", "3", "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<svg" in out and "Geheime" not in out
    assert "default-src 'none'" in out
