"""`wvp import`: a generated export read twice changes no byte, an overlapping export adds only
what is new, a conflict is reported and left alone, `--dry-run` writes nothing, and every row
that is not understood is listed with its row number."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from wvp_cli.core.loader import read_file

HEADER = (
    "Verzuimnummer;Personeelsnummer;Naam;Eerste ziektedag;Hersteldatum;Soort;Werkgever;"
    "Casemanager;Uren per week;Functie;Opmerking"
)
AS_OF = "2026-12-03"


def export(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    return path


def generated(count: int) -> list[str]:
    """An export of `count` employees, each with a short period and a later relapse."""
    rows = []
    for n in range(count):
        number = 2000 + n
        start = dt.date(2026, 1, 5) + dt.timedelta(days=n)
        end = start + dt.timedelta(days=6 + n % 5)
        again = end + dt.timedelta(days=10 + 20 * (n % 3))  # 10, 30 or 50 days later
        rows.append(
            f"A{n};{number};Werknemer {n};{start:%d-%m-%Y};{end:%d-%m-%Y};ziek;"
            f"Bakkerij Noord BV;S. Visser;{24 + n % 3 * 4};Bakker;"
        )
        rows.append(
            f"B{n};{number};Werknemer {n};{again:%d-%m-%Y};;ziek;Bakkerij Noord BV;S. Visser;"
            f"{24 + n % 3 * 4};Bakker;"
        )
    return rows


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def run_import(*args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("import", *args, "--as-of", AS_OF, "--format", "json")
    assert result.err == "", result.err
    return result.code, json.loads(result.out)


def test_a_generated_export_twice_changes_no_byte(tmp_path: Path) -> None:
    source = export(tmp_path / "export.csv", generated(12))
    cases = tmp_path / "cases"
    code, first = run_import(str(source), "--into", str(cases))
    assert code == 0
    files = snapshot(cases)
    # 10 and 30 days apart (fewer than 28 fit days for the first): the clock decides.
    created = [f for f in first["files"] if f["action"] == "create"]
    assert len(created) == len(files)
    for name in files:
        loaded = read_file(cases / name)
        assert loaded.case is not None, loaded.findings
    code, second = run_import(str(source), "--into", str(cases))
    assert code == 0
    assert second["files"] == []
    assert len(second["skipped"]) == 24
    assert snapshot(cases) == files


def test_the_clock_decides_what_joins_a_case(tmp_path: Path) -> None:
    # 27 fit days between the periods: one case; 28: a new case, a new file.
    rows = [
        "A;1;A;05-01-2026;11-01-2026;ziek;W;;;;",  # last sick day 10 jan
        "B;1;A;07-02-2026;;ziek;W;;;;",  # 27 fit days (11 jan .. 6 feb)
        "C;2;B;05-01-2026;11-01-2026;ziek;W;;;;",
        "D;2;B;08-02-2026;;ziek;W;;;;",  # 28 fit days
    ]
    cases = tmp_path / "cases"
    code, _ = run_import(str(export(tmp_path / "e.csv", rows)), "--into", str(cases))
    assert code == 0
    assert sorted(snapshot(cases)) == [
        "1-2026-01-05.yaml",
        "2-2026-01-05.yaml",
        "2-2026-02-08.yaml",
    ]
    joined = read_file(cases / "1-2026-01-05.yaml").case
    assert joined is not None
    assert [p.source for p in joined.sickness] == ["generic:A", "generic:B"]


def test_an_overlapping_export_adds_only_what_is_new_and_reports_a_conflict(
    tmp_path: Path,
) -> None:
    cases = tmp_path / "cases"
    first = [
        "V1;1001;A. Jansen;05-01-2026;20-01-2026;ziek;Bakkerij Noord BV;S. Visser;32;Bakker;",
        "V2;1001;A. Jansen;02-02-2026;;ziek;Bakkerij Noord BV;S. Visser;32;Bakker;",
        "V3;1002;B. de Vries;01-03-2026;05-03-2026;ziek;Bakkerij Noord BV;S. Visser;24;;",
    ]
    run_import(str(export(tmp_path / "one.csv", first)), "--into", str(cases))
    before = snapshot(cases)
    later = [
        first[0],
        "V2;1001;A. Jansen;02-02-2026;16-02-2026;ziek;Bakkerij Noord BV;S. Visser;32;Bakker;",
        "V3;1002;B. de Vries;01-03-2026;09-03-2026;ziek;Bakkerij Noord BV;S. Visser;24;;",
        "V6;1002;B. de Vries;20-03-2026;25-03-2026;ziek;Bakkerij Noord BV;S. Visser;24;;",
    ]
    code, result = run_import(str(export(tmp_path / "two.csv", later)), "--into", str(cases))
    assert code == 1  # the conflict
    conflicts = result["conflicts"]
    assert [c["rows"] for c in conflicts] == [[4]]
    assert "2026-03-08" in conflicts[0]["message"]
    assert [s["rows"] for s in result["skipped"]] == [[2]]
    after = snapshot(cases)
    assert set(after) == set(before)
    jansen = after["1001-2026-01-05.yaml"].decode()
    assert jansen.replace("    to: 2026-02-15\n", "", 1) == before["1001-2026-01-05.yaml"].decode()
    vries = read_file(cases / "1002-2026-03-01.yaml").case
    assert vries is not None
    # The conflicting recovery was left as the file had it; the new period joined the case.
    assert [(p.from_, p.to) for p in vries.sickness] == [
        (dt.date(2026, 3, 1), dt.date(2026, 3, 4)),
        (dt.date(2026, 3, 20), dt.date(2026, 3, 24)),
    ]


def test_dry_run_shows_the_diff_and_writes_nothing(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    source = export(tmp_path / "e.csv", generated(2))
    result = run_cli("import", str(source), "--into", str(cases), "--dry-run", "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert snapshot(cases) == {}
    assert "+++ b/2000-2026-01-05.yaml" in result.out
    assert '+    source: "generic:A0"' in result.out
    assert "proef: niets geschreven" in result.out


HAND = """\
# Dossier van A. Jansen; met de hand bijgehouden.
wvp: 1
id: "2026-007"
employee:
  name: "A. Jansen"   # pseudoniem
  number: "1001"
employer:
  name: "Bakkerij Noord BV"

sickness:
  # eerste melding, telefonisch
  - from: 2026-01-05
    to: 2026-01-19

events:
  - type: ziekmelding_arbodienst
    date: 2026-01-06
"""


def test_a_hand_written_file_keeps_its_comments_and_what_a_person_recorded(
    tmp_path: Path,
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "jansen.yaml").write_text(HAND, encoding="utf-8")
    rows = [
        "V1;1001;A. Jansen;05-01-2026;20-01-2026;ziek;Bakkerij Noord BV;;;;",  # as by hand
        "V2;1001;A. Jansen;02-02-2026;;ziek;Bakkerij Noord BV;;;;",  # 13 days later: joins
        "V7;1001;A. Jansen;06-01-2026;08-01-2026;ziek;Bakkerij Noord BV;;;;",  # overlaps
    ]
    code, result = run_import(str(export(tmp_path / "e.csv", rows)), "--into", str(cases))
    assert code == 1
    text = (cases / "jansen.yaml").read_text(encoding="utf-8")
    assert text == HAND.replace(
        "    to: 2026-01-19\n",
        '    to: 2026-01-19\n  - from: 2026-02-02\n    source: "generic:V2"\n',
    )
    assert [s["rows"] for s in result["skipped"]] == [[2]]
    assert [c["rows"] for c in result["conflicts"]] == [[4]]


def test_rows_that_are_not_understood_are_listed_with_their_row_number(tmp_path: Path) -> None:
    rows = [
        "V1;1001;A;05-01-2026;;ziek;W;;;;",
        "V2;1002;B;31-02-2026;;ziek;W;;;;",  # no such date
        "V3;;C;05-01-2026;;ziek;W;;;;",  # no employee number
        'V4;1004;=HYPERLINK("http://example.invalid";"x");05-01-2026;;ziek;W;;;;',
        "V5;1005;E;05-01-2026;01-01-2026;ziek;W;;;;",  # recovered before the first day
        "V6;1006;F;05-01-2026;;vakantie;W;;;;",  # a word the rules do not know
        "V7;1007;G;05-01-2026;;ziek;W;;85;;",  # 85 hours a week
        "V8;1008;-;05-01-2026;gisteren;ziek;W;;;;",  # a name left out, a date in words
    ]
    cases = tmp_path / "cases"
    code, result = run_import(str(export(tmp_path / "e.csv", rows)), "--into", str(cases))
    assert code == 1
    problems = {p["row"]: p["message"] for p in result["not_understood"]}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8, 9]
    assert "'gisteren' is geen datum in de vorm %d-%m-%Y" in problems[9]
    assert "31-02-2026 bestaat niet als datum" in problems[3]
    assert "leeg" in problems[4]
    assert "formule" in problems[5]
    assert "niet na de eerste ziektedag" in problems[6]
    assert "vakantie" in problems[7]
    assert "80" in problems[8]
    assert list(snapshot(cases)) == ["1001-2026-01-05.yaml"]


def test_cp1252_with_semicolons_and_utf8_with_a_bom_are_both_read(tmp_path: Path) -> None:
    row = "V1;1001;José Müller;05-01-2026;;ziek;Bäckerei Noord BV;;;;"
    for encoding in ("cp1252", "utf-8-sig"):
        cases = tmp_path / encoding
        source = export(tmp_path / f"{encoding}.csv", [row], encoding=encoding)
        code, _ = run_import(str(source), "--into", str(cases))
        assert code == 0
        case = read_file(cases / "1001-2026-01-05.yaml").case
        assert case is not None
        assert case.employee.name == "José Müller"


def test_a_medical_column_is_refused_unless_mapped_to_nothing(tmp_path: Path) -> None:
    source = tmp_path / "e.csv"
    source.write_text(
        "Personeelsnummer;Eerste ziektedag;Diagnose\n1001;05-01-2026;x\n", encoding="utf-8"
    )
    result = run_cli("import", str(source), "--into", str(tmp_path / "c"), "--as-of", AS_OF)
    assert result.code == 2
    assert "'Diagnose'" in result.err and "[ignore]" in result.err
    assert not (tmp_path / "c").exists()
    rules = tmp_path / "regels.toml"
    rules.write_text(
        '[columns]\nemployee_number = "Personeelsnummer"\nfirst_sick_day = "Eerste ziektedag"\n'
        '[ignore]\ncolumns = ["Diagnose"]\n',
        encoding="utf-8",
    )
    code, _ = run_import(str(source), "--rules", str(rules), "--into", str(tmp_path / "c"))
    assert code == 0
    text = (tmp_path / "c" / "1001-2026-01-05.yaml").read_text(encoding="utf-8")
    assert "x" not in text.split("sickness:")[1].replace("source", "")


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("[colums]\n", "bedoel je 'columns'"),
        ('[columns]\nemployee_number = "P"\n', "'first_sick_day'"),
        ('[columns]\nemployee_number = "P"\nfirst_sick_day = "E"\nbegin = "B"\n', "'begin'"),
        (
            '[columns]\nemployee_number = "P"\nfirst_sick_day = "E"\n[values.kind]\n"x" = "z"\n',
            "kies uit",
        ),
        ("[columns\n", "geen geldige TOML"),
    ],
)
def test_a_bad_rules_file_is_a_dutch_error_with_exit_2(
    tmp_path: Path, rules: str, message: str
) -> None:
    path = tmp_path / "regels.toml"
    path.write_text(rules, encoding="utf-8")
    source = export(tmp_path / "e.csv", ["V1;1;A;05-01-2026;;ziek;W;;;;"])
    result = run_cli("import", str(source), "--rules", str(path), "--as-of", AS_OF)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_a_missing_column_names_the_columns_there_are(tmp_path: Path) -> None:
    source = tmp_path / "e.csv"
    source.write_text("Nummer;Datum\n1;05-01-2026\n", encoding="utf-8")
    result = run_cli("import", str(source), "--as-of", AS_OF, "--into", str(tmp_path / "c"))
    assert result.code == 2
    assert "'Personeelsnummer'" in result.err and "'Nummer', 'Datum'" in result.err


def test_an_xlsx_export_with_date_cells_and_a_formula(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Verzuim"
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            *("V1", 1001, "A. Jansen", dt.datetime(2026, 1, 5), dt.datetime(2026, 1, 20)),
            *("ziek", "Bakkerij Noord BV", "S. Visser", 32, "Bakker", None),
        ]
    )
    sheet.append(["V2", 1002, '=HYPERLINK("http://example.invalid","x")', "05-01-2026"])
    sheet.append(["V3", 1003, "C. Smit", "12-01-2026", None, "ziek", "Bakkerij Noord BV"])
    source = tmp_path / "export.xlsx"
    book.save(source)
    cases = tmp_path / "cases"
    code, result = run_import(str(source), "--into", str(cases))
    assert code == 1
    assert [p["row"] for p in result["not_understood"]] == [3]
    assert "formule" in result["not_understood"][0]["message"]
    jansen = read_file(cases / "1001-2026-01-05.yaml").case
    assert jansen is not None
    assert jansen.employee.number == "1001"
    assert (jansen.sickness[0].to, jansen.employee.hours_per_week) == (dt.date(2026, 1, 19), 32)
    assert (cases / "1003-2026-01-12.yaml").is_file()
    code, again = run_import(str(source), "--into", str(cases))
    assert again["files"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "XLSX"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls"),
        (b"Personeelsnummer;Eerste ziektedag\n\x00\x01\x02", "binaire"),
        (b"", "kopregel"),
    ],
)
def test_a_hostile_or_broken_export_is_a_dutch_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "export.csv"
    source.write_bytes(content)
    result = run_cli("import", str(source), "--into", str(tmp_path / "c"), "--as-of", AS_OF)
    assert result.code == 2, result.err
    assert message in result.err
    assert "Traceback" not in result.err and "interne fout" not in result.err


def test_a_partial_return_becomes_a_werkhervatting_event_once(tmp_path: Path) -> None:
    """One row per verzuimverloopregel: the report, a partial return at 50%, the recovery."""
    source = tmp_path / "verloop.csv"
    source.write_text(
        "Personeelsnummer;Eerste ziektedag;Datum wijziging;Percentage arbeidsongeschikt;"
        "Hersteldatum;Uren per week\n"
        "1001;05-01-2026;;;;32\n"
        "1001;05-01-2026;02-02-2026;50%;;32\n"
        "1001;05-01-2026;;;02-03-2026;32\n",
        encoding="utf-8",
    )
    cases = tmp_path / "cases"
    code, result = run_import(str(source), "--into", str(cases))
    assert code == 0, result
    assert any("Verzuimnummer" in note for note in result["notes"])
    case = read_file(cases / "1001-2026-01-05.yaml").case
    assert case is not None
    assert case.sickness[0].to == dt.date(2026, 3, 1)
    (event,) = case.events
    assert (event.type, event.date, getattr(event, "hours", None)) == (
        "werkhervatting",
        dt.date(2026, 2, 2),
        16,
    )
    before = snapshot(cases)
    code, again = run_import(str(source), "--into", str(cases))
    assert snapshot(cases) == before
    assert again["files"] == [] and again["conflicts"] == []
    # Another percentage for the same day is a conflict; the file keeps its 16 hours.
    source.write_text(source.read_text(encoding="utf-8").replace("50%", "25%"), encoding="utf-8")
    code, changed = run_import(str(source), "--into", str(cases))
    assert code == 1
    assert "24 uur" in changed["conflicts"][0]["message"]
    assert snapshot(cases) == before


def test_the_visma_preset_reads_the_documented_columns(tmp_path: Path) -> None:
    source = tmp_path / "visma.csv"
    source.write_text(
        "Intern nummer;Eerste ziektedag;Iets anders\n77;05-01-2026;x\n77;05-01-2026;y\n",
        encoding="utf-8",
    )
    cases = tmp_path / "cases"
    code, result = run_import(str(source), "--rules", "visma-verzuim", "--into", str(cases))
    assert code == 0
    assert result["files"][0]["rows"] == [2, 3]
    case = read_file(cases / "77-2026-01-05.yaml").case
    assert case is not None
    assert case.sickness[0].source == "visma-verzuim:77/2026-01-05"


def test_imported_texts_go_through_the_privacy_terms(tmp_path: Path) -> None:
    # A neutral word made a privacy term by the configuration (no medical data in tests).
    (tmp_path / "wvp.toml").write_text('[privacy]\nextra_terms = ["kwastje"]\n', encoding="utf-8")
    rows = [
        "V1;1001;A. Jansen;05-01-2026;;ziek;W;;;Bakker;",
        "V2;1002;B. de Vries;05-01-2026;;ziek;W;;;Kwastje-schilder;",
        "V3;1003;C. Smit 111222333;05-01-2026;;ziek;W;;;;",  # passes the elfproef
    ]
    source = export(tmp_path / "e.csv", rows)
    result = run_cli(
        "import", str(source), "--into", str(tmp_path / "cases"), "--as-of", AS_OF,
        "--config", str(tmp_path / "wvp.toml"), "--format", "json",
    )  # fmt: skip
    assert result.code == 1
    doc = json.loads(result.out)
    problems = {p["row"]: p["message"] for p in doc["not_understood"]}
    assert sorted(problems) == [3, 4]
    assert "medische term" in problems[3] and "BSN" in problems[4]
    assert "Kwastje" not in result.out
    assert sorted(snapshot(tmp_path / "cases")) == ["1001-2026-01-05.yaml"]


def test_an_export_with_too_many_rows_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    read = importlib.import_module("wvp_cli.importer.read")

    monkeypatch.setattr(read, "MAX_ROWS", 3)
    source = export(tmp_path / "e.csv", [f"V{n};{n};A;05-01-2026;;ziek;W;;;;" for n in range(5)])
    result = run_cli("import", str(source), "--into", str(tmp_path / "c"), "--as-of", AS_OF)
    assert result.code == 2
    assert "meer dan 3 regels" in result.err
    assert not (tmp_path / "c").exists()


def test_fields_the_file_lacks_are_added_and_a_different_one_is_a_conflict(
    tmp_path: Path,
) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "jansen.yaml").write_text(HAND, encoding="utf-8")
    rows = ["V1;1001;A. Jansen;05-01-2026;20-01-2026;ziek;Bakkerij Noord BV;S. Visser;32;Bakker;"]
    code, result = run_import(str(export(tmp_path / "e.csv", rows)), "--into", str(cases))
    assert code == 0, result
    case = read_file(cases / "jansen.yaml").case
    assert case is not None
    assert (case.employee.job, case.employee.hours_per_week) == ("Bakker", 32)
    assert case.employer.casemanager == "S. Visser"
    text = (cases / "jansen.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Dossier van A. Jansen; met de hand bijgehouden.\n")
    assert '  name: "A. Jansen"   # pseudoniem\n' in text
    before = snapshot(cases)
    code, again = run_import(str(export(tmp_path / "e.csv", rows)), "--into", str(cases))
    assert (code, again["files"]) == (0, [])
    other = [rows[0].replace("S. Visser", "K. de Wit")]
    code, changed = run_import(str(export(tmp_path / "f.csv", other)), "--into", str(cases))
    assert code == 1
    assert "employer.casemanager" in changed["conflicts"][0]["message"]
    assert snapshot(cases) == before


def test_an_export_that_does_not_exist_is_said_in_dutch(tmp_path: Path) -> None:
    result = run_cli("import", str(tmp_path / "weg.csv"), "--as-of", AS_OF)
    assert result.code == 2
    assert result.err == f"wvp: {tmp_path / 'weg.csv'} bestaat niet\n"


def test_a_case_from_an_export_without_an_employer_holds_the_placeholder(tmp_path: Path) -> None:
    """No employer in the row: the new file gets `wvp new`'s placeholder, which `wvp check`
    reports (WVP311) and no document prints as if it were a name."""
    source = export(tmp_path / "export.csv", ["A;7;P. de Groot;03-11-2026;;ziek;;;;;"])
    cases = tmp_path / "cases"
    code, _ = run_import(str(source), "--into", str(cases))
    assert code == 0
    (made,) = cases.glob("*.yaml")
    loaded = read_file(made)
    assert loaded.case is not None and loaded.case.employer.name == "NOG INVULLEN"
    check = run_cli("check", str(made), "--as-of", AS_OF, "-f", "json")
    assert "WVP311" in {f["rule"] for f in json.loads(check.out)["findings"]}
