"""The command line as users and scripts see it: documents, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli

AS_OF = "2026-01-05"  # day 5 of MINIMAL's case: nothing is due yet


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_check_valid_case_exits_0(tmp_path: Path) -> None:
    case = write(tmp_path, "a.yaml", MINIMAL)
    result = run_cli("check", str(case), "--as-of", AS_OF)
    assert result.code == 0, result.out + result.err
    assert "Alles in orde" in result.out
    assert "0 fouten" in result.out


def test_check_json_document_follows_cli_md(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", MINIMAL)
    write(tmp_path, "b.yaml", MINIMAL.replace('id: "t-1"', 'id: "t-2"').replace("nam", "nam"))
    write(tmp_path, "c.yaml", MINIMAL.replace('id: "t-1"', 'id: "t-3"\nonbekend: 1'))
    result = run_cli("check", str(tmp_path), "--as-of", AS_OF, "--format", "json")
    assert result.code == 1
    doc = json.loads(result.out)
    assert list(doc) == ["schema_version", "as_of", "files_checked", "suppressed", "findings"]
    assert doc["suppressed"] == []
    assert doc["schema_version"] == 1
    assert doc["as_of"] == AS_OF
    assert doc["files_checked"] == 3
    (finding,) = doc["findings"]
    assert finding == {
        "rule": "WVP010",
        "severity": "error",
        "file": str(tmp_path / "c.yaml"),
        "line": 3,
        "column": 1,
        "case": "t-3",
        "milestone": None,
        "message": finding["message"],
    }
    assert "onbekend veld 'onbekend'" in finding["message"]


def test_check_reports_every_file_not_just_the_first(tmp_path: Path) -> None:
    for name in ("x.yaml", "y.yaml"):
        write(tmp_path, name, MINIMAL.replace("2026-01-01", "2026-02-30").replace("t-1", name))
    doc = json.loads(run_cli("check", str(tmp_path), "--as-of", AS_OF, "-f", "json").out)
    assert sorted(Path(f["file"]).name for f in doc["findings"]) == ["x.yaml", "y.yaml"]


def test_github_annotations(tmp_path: Path) -> None:
    case = write(tmp_path, "a b,c.yaml", MINIMAL.replace("2026-01-01", "2026-02-30"))
    result = run_cli("check", str(case), "--as-of", AS_OF, "--format", "github")
    assert result.code == 1
    (line,) = result.out.splitlines()
    assert line.startswith("::error file=")
    assert "a b%2Cc.yaml,line=8,col=11,title=WVP013::" in line
    assert line.endswith("2026-02-30 bestaat niet als datum")


def test_text_output_is_grouped_per_file_with_positions(tmp_path: Path) -> None:
    case = write(tmp_path, "a.yaml", MINIMAL.replace("2026-01-01", "2026-02-30"))
    out = run_cli("check", str(case), "--as-of", AS_OF).out
    assert f"{case}:8:11  WVP013  fout: 2026-02-30 bestaat niet als datum" in out
    assert "\x1b[" not in out  # NO_COLOR and not a terminal: no escape codes


def test_duplicate_case_ids_across_the_folder(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", MINIMAL)
    write(tmp_path, "sub/b.yaml", MINIMAL)
    doc = json.loads(run_cli("check", str(tmp_path), "--as-of", AS_OF, "-f", "json").out)
    assert [(f["rule"], Path(f["file"]).name, f["line"]) for f in doc["findings"]] == [
        ("WVP020", "b.yaml", 2)
    ]


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    # ziekmelding_arbodienst is due on offset 6 and missing it is a warning
    case = write(tmp_path, "a.yaml", MINIMAL)
    assert run_cli("check", str(case), "--as-of", "2026-01-10").code == 0
    assert run_cli("check", str(case), "--as-of", "2026-01-10", "--strict").code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "does/not/exist"], "pad bestaat niet: does/not/exist"),
        (["check", ".", "--as-of", "2026-02-30"], "--as-of verwacht een datum"),
        (["check", ".", "--as-of", "morgen"], "--as-of verwacht een datum"),
        (["check", ".", "--format", "xml"], "xml"),
        (["rules", "WVP999"], "onbekende regel 'WVP999'"),
        (["timeline", "nope"], "geen case-bestand 'nope'"),
        (["bestaatniet"], "bestaatniet"),
    ],
)
def test_usage_problems_exit_2_without_traceback(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err + result.out


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    result = run_cli("check", str(loop), "--as-of", AS_OF, "-f", "json")
    assert result.code == 2
    assert json.loads(result.out)["findings"][0]["rule"] == "WVP001"


def test_empty_folder_says_so(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path), "--as-of", AS_OF)
    assert result.code == 0
    assert "geen case-bestanden gevonden" in result.err


def test_exclude_skips_matching_files(tmp_path: Path) -> None:
    write(tmp_path, "invalid-x.yaml", "wvp: 1\nid: [\n")
    write(tmp_path, "ok.yaml", MINIMAL)
    assert run_cli("check", str(tmp_path), "--as-of", AS_OF).code == 1
    assert run_cli("check", str(tmp_path), "--as-of", AS_OF, "--exclude", "invalid-*").code == 0


def test_file_name_with_leading_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "-x.yaml", MINIMAL)
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", "--as-of", AS_OF, "--", "-x.yaml").code == 0


def test_schema_is_json_schema_of_the_format() -> None:
    result = run_cli("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) >= {"wvp", "id", "employee", "employer", "sickness", "events"}
    assert schema["properties"]["sickness"]["type"] == "array"
    assert schema["additionalProperties"] is False


def test_rules_lists_every_rule_and_documents_one() -> None:
    listing = run_cli("rules", "--format", "json")
    codes = [r["code"] for r in json.loads(listing.out)["rules"]]
    assert {"WVP010", "WVP102", "WVP103", "WVP020"} <= set(codes)
    assert codes == sorted(codes)
    doc = run_cli("rules", "wvp102")
    assert doc.code == 0
    assert "Regeling procesgang art. 4 lid 1" in doc.out
    assert "Bron:" in doc.out and "Waarom:" in doc.out  # Dutch by default
    by_slug = run_cli("rules", "onbekend-veld")
    assert "WVP010" in by_slug.out


def test_version() -> None:
    result = run_cli("--version")
    assert result.code == 0
    assert result.out.startswith("wvp ")


def test_colour_only_on_a_terminal_and_never_with_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = write(tmp_path, "a.yaml", MINIMAL.replace("2026-01-01", "2026-02-30"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" not in run_cli("check", str(case), "--as-of", AS_OF).out  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")  # as if on a terminal
    assert "\x1b[1;31mWVP013" in run_cli("check", str(case), "--as-of", AS_OF).out
    monkeypatch.setenv("NO_COLOR", "1")
    coloured = run_cli("check", str(case), "--as-of", AS_OF).out
    assert "WVP013" in coloured
    assert not any(f"\x1b[{c}" in coloured for c in ("31m", "1;31m", "33m", "36m"))
