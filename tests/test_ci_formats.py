"""JUnit XML and SARIF 2.1.0 output of `wvp check`."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from conftest import MINIMAL, run_cli
from wvp_cli import __version__
from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.engine import CheckResult
from wvp_cli.project import rule_page
from wvp_cli.report.junit import junit
from wvp_cli.report.sarif import MAX_DESCRIPTION, artifact_uri, sarif
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


JUNIT_XSD = xmlschema.XMLSchema10(Path(__file__).parent / "schemas" / "junit-10.xsd")

# GitHub code scanning's documented limits for an uploaded SARIF file ("SARIF support for code
# scanning": validating your SARIF file), and the 1024 characters of a rule's fullDescription.
GITHUB_LIMITS = {"runs": 20, "results": 25_000, "rules": 25_000, "locations": 1_000, "tags": 20}


def validate_sarif(text: str) -> dict[str, object]:
    document = json.loads(text)
    jsonschema.Draft4Validator(SCHEMA).validate(document)
    within_github_limits(document)
    return document  # type: ignore[no-any-return]


def within_github_limits(doc: dict[str, object]) -> None:
    runs = doc["runs"]
    assert isinstance(runs, list) and len(runs) <= GITHUB_LIMITS["runs"]
    for run in runs:
        rules = run["tool"]["driver"]["rules"]
        assert len(run["results"]) <= GITHUB_LIMITS["results"]
        assert len(rules) <= GITHUB_LIMITS["rules"]
        for rule in rules:
            assert len(rule["fullDescription"]["text"]) <= MAX_DESCRIPTION, rule["id"]
            assert len(rule.get("properties", {}).get("tags", [])) <= GITHUB_LIMITS["tags"]
        for result in run["results"]:
            assert 1 <= len(result["locations"]) <= GITHUB_LIMITS["locations"]


def validate_junit(text: str) -> ET.Element:
    JUNIT_XSD.validate(text)
    return ET.fromstring(text)


# --- JUnit ----------------------------------------------------------------------------------


def test_junit_one_testcase_per_file_failures_for_errors(cases: Path) -> None:
    run = run_cli("check", "cases", "--as-of", "2026-01-10", "--format", "junit")
    assert run.code == 1
    root = validate_junit(run.out)
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
    suite = validate_junit(run.out).find("testsuite")
    assert suite is not None and suite.get("failures") == "2"
    assert run.code == 1


def test_junit_escapes_what_xml_cannot_hold() -> None:
    bad = Finding(
        "WVP010", Severity.ERROR, "a\x1b[31m <&> \u202e \ufffe", Location("x\x07.yaml", 2, 3)
    )
    result = CheckResult(dt.date(2026, 1, 1), (), (bad,))
    root = validate_junit(junit(result))  # parses: no raw control characters
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
    region = unknown["locations"][0]["physicalLocation"]["region"]
    # `onbekend: 1` is on line 3: the region runs to the end of that line.
    assert region == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 12}


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


# --- what CI systems need (issue 15) ---------------------------------------------------------


def test_junit_has_no_attributes_the_schema_refuses_and_unreadable_files_are_errors(
    cases: Path,
) -> None:
    """junit-10.xsd has no `file` on a testcase; a file wvp cannot read is an <error> (wvp
    could not do its job), not a <failure> of the dossier."""
    (cases / "weg.yaml").symlink_to(cases / "bestaat-niet.yaml")
    run = run_cli("check", "cases", "cases/weg.yaml", "--as-of", "2026-01-10", "--format", "junit")
    assert run.code == 2
    root = validate_junit(run.out)
    suite = root.find("testsuite")
    assert suite is not None and suite.get("errors") == "1" and suite.get("failures") == "1"
    by_name = {tc.get("name"): tc for tc in root.iter("testcase")}
    broken = by_name["cases/weg.yaml"]
    assert broken.find("failure") is None
    error = broken.find("error")
    assert error is not None and "WVP001" in (error.get("message") or "")
    assert all(tc.get("file") is None for tc in root.iter("testcase"))


def test_junit_schema_catches_a_file_attribute() -> None:
    """The schema must refuse what the old output had, or the validation proves nothing."""
    bad = '<testsuites><testsuite name="w" tests="1" failures="0" errors="0">'
    bad += '<testcase name="a" file="a.yaml"/></testsuite></testsuites>'
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        JUNIT_XSD.validate(bad)


def test_sarif_rules_have_short_descriptions_full_help_and_their_page(cases: Path) -> None:
    run = run_cli("check", "cases", "--as-of", ERRORS, "--format", "sarif")
    doc = validate_sarif(run.out)
    driver = doc["runs"][0]["tool"]["driver"]  # type: ignore[index]
    registry = all_rules()
    for rule in driver["rules"]:
        doc_text = registry[rule["id"]].doc.strip()
        assert len(rule["fullDescription"]["text"]) <= MAX_DESCRIPTION
        assert doc_text in rule["help"]["text"] and doc_text in rule["help"]["markdown"]
        assert rule["helpUri"] == rule_page(rule["id"])
    long_docs = [c for c, r in registry.items() if len(r.doc) > MAX_DESCRIPTION]
    assert long_docs, "no rule's documentation is longer than the limit: the test shows nothing"


def test_sarif_results_have_srcroot_ends_and_stable_fingerprints(cases: Path) -> None:
    run = run_cli("check", "cases", "--as-of", ERRORS, "--format", "sarif")
    results = validate_sarif(run.out)["runs"][0]["results"]  # type: ignore[index]
    prints = []
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        region = loc["region"]
        assert region["endLine"] >= region["startLine"]
        assert (
            region["endColumn"] > region["startColumn"] or region["endLine"] > region["startLine"]
        )
        prints.append(r["partialFingerprints"]["wvpFinding/v1"])
    assert len(set(prints)) == len(prints)
    # A line added above moves every finding, but not its fingerprint.
    text = (cases / "kapot.yaml").read_text()
    (cases / "kapot.yaml").write_text("# een regel erbij\n" + text)
    again = run_cli("check", "cases", "--as-of", ERRORS, "--format", "sarif")
    moved = validate_sarif(again.out)["runs"][0]["results"]  # type: ignore[index]
    assert sorted(r["partialFingerprints"]["wvpFinding/v1"] for r in moved) == sorted(prints)


def test_sarif_says_when_a_file_could_not_be_read(cases: Path) -> None:
    ok = validate_sarif(run_cli("check", "cases", "--as-of", ERRORS, "-f", "sarif").out)
    assert ok["runs"][0]["invocations"][0]["executionSuccessful"] is True  # type: ignore[index]
    (cases / "weg.yaml").symlink_to(cases / "bestaat-niet.yaml")
    run = run_cli("check", "cases", "cases/weg.yaml", "--as-of", ERRORS, "-f", "sarif")
    assert run.code == 2
    (invocation,) = validate_sarif(run.out)["runs"][0]["invocations"]  # type: ignore[index]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "cases/weg.yaml"


@pytest.mark.parametrize("fmt", ["sarif", "junit", "json", "github"])
def test_machine_formats_name_files_from_the_repository_root(
    cases: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run from a subfolder, every machine format still names `cases/...` (the root is the
    folder with .git, or with wvp.toml)."""
    (cases.parent / ".git").mkdir()
    monkeypatch.chdir(cases)
    run = run_cli("check", ".", "--as-of", ERRORS, "--format", fmt)
    assert run.code == 1, run.err
    if fmt == "sarif":
        results = validate_sarif(run.out)["runs"][0]["results"]  # type: ignore[index]
        names = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    elif fmt == "junit":
        names = {tc.get("name") for tc in validate_junit(run.out).iter("testcase")}
    elif fmt == "json":
        names = {f["file"] for f in json.loads(run.out)["findings"]}
    else:
        names = {line.split("file=")[1].split(",")[0] for line in run.out.splitlines()}
    assert names and all(str(n).startswith("cases/") for n in names), names


def test_machine_output_is_utf8_with_any_file_name(cases: Path, tmp_path: Path) -> None:
    """A file name that is not UTF-8 and a console that is not UTF-8: JSON and SARIF are
    still valid UTF-8 documents that name the file."""
    import os
    import subprocess
    import sys

    odd = os.fsencode(cases) + b"/caf\xe9.yaml"
    with open(odd, "w", encoding="utf-8") as handle:
        handle.write('wvp: 1\nid: "k2"\nonbekend: 1\n')
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "NO_COLOR": "1"}
    for fmt in ("json", "sarif"):
        done = subprocess.run(
            [sys.executable, "-m", "wvp_cli", "check", "cases", "--as-of", ERRORS, "-f", fmt],
            cwd=tmp_path, env=env, capture_output=True, check=False,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        doc = json.loads(done.stdout.decode("utf-8"))  # strict UTF-8
        if fmt == "sarif":
            jsonschema.Draft4Validator(SCHEMA).validate(doc)
            uris = {
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in doc["runs"][0]["results"]
            }
            assert "cases/caf%E9.yaml" in uris
        else:
            assert "cases/caf\udce9.yaml" in {f["file"] for f in doc["findings"]}


def test_output_option_writes_the_file(cases: Path, tmp_path: Path) -> None:
    target = tmp_path / "wvp.sarif"
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "sarif", "-o", str(target))
    assert run.code == 1 and run.out == ""
    validate_sarif(target.read_text(encoding="utf-8"))
    text = tmp_path / "wvp.txt"
    assert run_cli("check", "cases", "--as-of", ERRORS, "--output", str(text)).code == 1
    assert "WVP101" in text.read_text(encoding="utf-8")
    assert run_cli("check", "cases", "-o", str(tmp_path / "geen" / "map.txt")).code == 2


def test_statistics_counts_per_rule(cases: Path) -> None:
    full = json.loads(run_cli("check", "cases", "--as-of", ERRORS, "-f", "json").out)
    expected: dict[str, int] = {}
    for f in full["findings"]:
        expected[f["rule"]] = expected.get(f["rule"], 0) + 1
    run = run_cli("check", "cases", "--as-of", ERRORS, "--statistics", "-f", "json")
    assert run.code == 1
    rows = json.loads(run.out)["statistics"]
    assert {r["rule"]: r["count"] for r in rows} == expected
    counts = [r["count"] for r in rows]
    assert counts == sorted(counts, reverse=True)
    text = run_cli("check", "cases", "--as-of", ERRORS, "--statistics")
    assert text.code == 1
    first = text.out.splitlines()[0].split()
    assert int(first[0]) == rows[0]["count"] and first[1] == rows[0]["rule"]
    assert "WVP010" in text.out and "cases/" not in text.out
