"""JUnit XML and SARIF 2.1.0 output of `wvp check`."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from conftest import MINIMAL, run_cli
from wvp_cli import __version__
from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.engine import CheckResult
from wvp_cli.report.ci import artifact_uri, junit, sarif
from wvp_cli.rules import all_rules

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8")
)
ERRORS = "2026-03-01"  # MINIMAL then misses WVP100 (warning), WVP101 and WVP102 (errors)

CLEAN = (
    MINIMAL.replace('"t-1"', '"t-2"')
    .replace("events: []", "events:\n")
    .replace(
        "events:\n",
        "events:\n  - type: ziekmelding_arbodienst\n    date: 2026-01-02\n",
    )
)


@pytest.fixture
def cases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "b.yaml").write_text(CLEAN, encoding="utf-8")
    (folder / "kapot.yaml").write_text('wvp: 1\nid: "k"\nonbekend: 1\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def validate_sarif(text: str) -> dict[str, object]:
    document = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    return document  # type: ignore[no-any-return]


# --- JUnit ----------------------------------------------------------------------------------


def test_junit_one_testcase_per_file_failures_for_errors(cases: Path) -> None:
    run = run_cli("check", "cases", "--as-of", "2026-01-10", "--format", "junit")
    assert run.code == 1
    root = ET.fromstring(run.out)
    assert root.tag == "testsuites" and root.get("name") == "wvp"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "wvp"
    assert suite.get("tests") == "3" and suite.get("failures") == "1"
    by_name = {tc.get("name"): tc for tc in suite.findall("testcase")}
    assert set(by_name) == {"cases/a.yaml", "cases/b.yaml", "cases/kapot.yaml"}
    # b is clean; a has only a warning (in system-out, not a failure); kapot fails.
    assert list(by_name["cases/b.yaml"]) == []
    assert by_name["cases/a.yaml"].find("failure") is None
    out = by_name["cases/a.yaml"].find("system-out")
    assert out is not None and "WVP100" in (out.text or "")
    failure = by_name["cases/kapot.yaml"].find("failure")
    assert failure is not None
    lines = (failure.text or "").strip().splitlines()
    assert len(lines) >= 2  # every finding is listed: the unknown key and the missing fields
    assert any("WVP010" in line and "cases/kapot.yaml:3:1" in line for line in lines)
    assert "WVP010" in (failure.get("message") or "")


def test_junit_fail_on_warning_makes_warnings_failures(cases: Path) -> None:
    run = run_cli(
        "check", "cases", "--as-of", "2026-01-10", "--format", "junit", "--fail-on", "warning"
    )
    suite = ET.fromstring(run.out).find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    assert run.code == 1


def test_junit_escapes_what_xml_cannot_hold() -> None:
    bad = Finding(
        "WVP010", Severity.ERROR, "a\x1b[31m <&> \u202e \ufffe", Location("x\x07.yaml", 2, 3)
    )
    result = CheckResult(dt.date(2026, 1, 1), (), (bad,))
    root = ET.fromstring(junit(result))  # parses: no raw control characters
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("name") == "x\\u0007.yaml"
    failure = case.find("failure")
    assert failure is not None and "<&>" in (failure.text or "")
    assert "\\u202e" in (failure.text or "")


# --- SARIF ----------------------------------------------------------------------------------


def test_sarif_validates_and_carries_rules_and_results(cases: Path) -> None:
    run = run_cli("check", "cases", "--as-of", ERRORS, "--format", "sarif")
    assert run.code == 1
    doc = validate_sarif(run.out)
    assert doc["version"] == "2.1.0"
    (the_run,) = doc["runs"]  # type: ignore[misc]
    driver = the_run["tool"]["driver"]
    assert driver["name"] == "wvp" and driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    registry = all_rules()
    assert [r["id"] for r in driver["rules"]] == list(registry)
    wvp101 = next(r for r in driver["rules"] if r["id"] == "WVP101")
    assert wvp101["name"] == registry["WVP101"].slug
    assert wvp101["shortDescription"]["text"] == registry["WVP101"].title
    assert registry["WVP101"].source in wvp101["help"]["text"]
    assert wvp101["defaultConfiguration"]["level"] == "error"
    results = the_run["results"]
    levels = {(r["ruleId"], r["level"]) for r in results}
    assert {("WVP100", "warning"), ("WVP101", "error"), ("WVP102", "error")} <= levels
    for r in results:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].startswith("cases/")
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
        assert r["message"]["text"]
    unknown = next(r for r in results if r["ruleId"] == "WVP010")
    assert unknown["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 1,
    }


def test_sarif_info_is_note_and_severity_overrides_apply(cases: Path) -> None:
    (cases.parent / "wvp.toml").write_text('[severity]\nWVP100 = "info"\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "--format", "sarif")
    doc = validate_sarif(run.out)
    results = doc["runs"][0]["results"]  # type: ignore[index]
    assert {r["level"] for r in results if r["ruleId"] == "WVP100"} == {"note"}


def test_sarif_empty_run_validates(tmp_path: Path) -> None:
    result = CheckResult(dt.date(2026, 1, 1), (), ())
    doc = validate_sarif(sarif(result, all_rules(), "0.0.0"))
    assert doc["runs"][0]["results"] == []  # type: ignore[index]


def test_sarif_schema_is_strict_enough_to_catch_mistakes() -> None:
    """The shipped schema must reject a broken log, or the validation above proves nothing."""
    result = CheckResult(
        dt.date(2026, 1, 1), (), (Finding("WVP010", Severity.ERROR, "x", Location("a.yaml")),)
    )
    doc = json.loads(sarif(result, all_rules(), "1"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(doc)
    doc = json.loads(sarif(result, all_rules(), "1"))
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(doc)


@pytest.mark.parametrize(
    ("file", "uri"),
    [
        ("cases/a.yaml", "cases/a.yaml"),
        ("./cases/a b.yaml", "cases/a%20b.yaml"),
        ("cases/ë.yaml", "cases/%C3%AB.yaml"),
        ("../elders/a.yaml", "../elders/a.yaml"),
    ],
)
def test_artifact_uri(file: str, uri: str) -> None:
    assert artifact_uri(file) == uri


def test_artifact_uri_absolute(tmp_path: Path) -> None:
    inside = tmp_path / "cases" / "a.yaml"
    assert artifact_uri(str(inside), tmp_path) == "cases/a.yaml"
    outside = Path("/elders/a.yaml")
    assert artifact_uri(str(outside), tmp_path) == "file:///elders/a.yaml"
