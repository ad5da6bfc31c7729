"""Silencing a format or privacy finding in the file, with a reason (rules/suppress.py, WVP030).
Flagged words are category words ("medicatie"), never a diagnosis."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, run_cli
from wvp_cli import engine
from wvp_cli.core.loader import load_text

AS_OF = dt.date(2026, 3, 1)
#: MINIMAL with a ziekmelding and a probleemanalyse whose note (line 15) holds `medicatie`.
CASE = MINIMAL.replace(
    "events: []",
    "events:\n"
    "  - type: ziekmelding_arbodienst\n"
    "    date: 2026-01-05\n"
    "  - type: probleemanalyse\n"
    "    date: 2026-01-30\n"
    "    by: B. Arts\n"
    "    note: uitgifte van medicatie op de afdeling{tail}\n",
)
NOTE_LINE = 15
REASON = "gaat over het werk van de apotheek, niet over de werknemer"


def check(text: str, **settings: object) -> engine.CheckResult:
    loaded = load_text(text, "c.yaml")
    result = engine.file_result(loaded, AS_OF, engine.Settings(**settings))  # type: ignore[arg-type]
    return engine.finish([result], AS_OF, engine.Settings(**settings))  # type: ignore[arg-type]


def codes(result: engine.CheckResult) -> list[tuple[str, int]]:
    return [(f.rule, f.location.line) for f in result.findings]


def test_without_a_comment_the_term_is_found() -> None:
    result = check(CASE.format(tail=""))
    assert ("WVP401", NOTE_LINE) in codes(result)
    assert result.suppressed == ()


def test_a_comment_after_the_value_silences_that_line_and_says_why() -> None:
    result = check(CASE.format(tail=f"   # wvp: negeer WVP401 -- {REASON}"))
    assert ("WVP401", NOTE_LINE) not in codes(result)
    (silenced,) = result.suppressed
    assert silenced.finding.rule == "WVP401" and silenced.finding.location.line == NOTE_LINE
    assert silenced.reason == REASON and silenced.line == NOTE_LINE
    assert not any(f.rule == "WVP030" for f in result.findings)


def test_a_comment_on_its_own_line_silences_the_next_line() -> None:
    text = CASE.format(tail="").replace(
        "    note: uitgifte", f"    # wvp: negeer WVP401 -- {REASON}\n    note: uitgifte"
    )
    result = check(text)
    assert not any(f.rule in ("WVP401", "WVP030") for f in result.findings)
    assert [s.finding.location.line for s in result.suppressed] == [NOTE_LINE + 1]


def test_a_comment_for_the_whole_file() -> None:
    text = f"# wvp: negeer-bestand WVP401 -- {REASON}\n" + CASE.format(tail="")
    result = check(text)
    assert not any(f.rule in ("WVP401", "WVP030") for f in result.findings)
    assert len(result.suppressed) == 1


def test_a_comment_on_another_line_silences_nothing_and_says_so() -> None:
    text = CASE.format(tail="").replace(
        "  - type: probleemanalyse",
        f"  # wvp: negeer WVP401 -- {REASON}\n  - type: probleemanalyse",
    )
    result = check(text)
    assert ("WVP401", NOTE_LINE + 1) in codes(result)
    (unused,) = [f for f in result.findings if f.rule == "WVP030"]
    assert unused.severity.value == "warning" and "onderdrukt niets" in unused.message


@pytest.mark.parametrize(
    ("comment", "says"),
    [
        ("# wvp: negeer WVP401", "zonder reden"),
        ("# wvp: negeer WVP401 -- ok", "zonder reden"),
        ("# wvp: negeer WVP401 want dat mag", "geen geldige onderdrukking"),
        ("# wvp: negeer -- alles mag hier weg", "geen geldige onderdrukking"),
        (f"# wvp: negeer WVP999 -- {REASON}", "kent geen regel WVP999"),
    ],
)
def test_a_malformed_suppression_is_an_error_and_silences_nothing(comment: str, says: str) -> None:
    result = check(CASE.format(tail=f"   {comment}"))
    assert ("WVP401", NOTE_LINE) in codes(result)
    (problem,) = [f for f in result.findings if f.rule == "WVP030"]
    assert problem.severity.value == "error" and says in problem.message
    assert result.suppressed == ()


def test_a_deadline_is_never_silenced_in_the_file() -> None:
    """A missed deadline has `deviations:` with the employee's agreement; a comment cannot."""
    late = MINIMAL.replace("events: []", f"events: []   # wvp: negeer WVP100 -- {REASON}")
    result = check(late)
    assert any(f.rule == "WVP100" for f in result.findings)
    (problem,) = [f for f in result.findings if f.rule == "WVP030"]
    assert "deviations:" in problem.message and problem.severity.value == "error"


def test_a_file_that_is_no_valid_case_is_never_silenced() -> None:
    """A missing required field makes the file no case: no comment lets it pass the gate."""
    broken = MINIMAL.replace('  name: "A. Jansen"\n', "  job: kok\n").replace(
        "employee:", f"employee:   # wvp: negeer WVP011 -- {REASON}"
    )
    result = check(broken)
    assert any(f.rule == "WVP011" for f in result.findings)
    assert result.suppressed == ()


def test_a_term_in_the_reason_itself_is_still_found() -> None:
    """The comment silences the value's finding, not one about its own words."""
    result = check(CASE.format(tail="   # wvp: negeer WVP401 -- het woord medicatie is werk"))
    assert [s.finding.location.line for s in result.suppressed] == [NOTE_LINE]
    (own,) = [f for f in result.findings if f.rule == "WVP401"]
    assert own.location.line == NOTE_LINE and own.location.column > 40


def test_a_hash_inside_a_quoted_value_is_no_suppression() -> None:
    text = CASE.format(tail="").replace(
        "uitgifte van medicatie op de afdeling",
        f'"uitgifte van medicatie # wvp: negeer WVP401 -- {REASON}"',
    )
    result = check(text)
    assert ("WVP401", NOTE_LINE) in codes(result) and result.suppressed == ()


def test_the_reason_is_masked_like_a_message() -> None:
    """The reason is free text of the file: machine output gets it masked."""
    result = check(CASE.format(tail="   # wvp: negeer WVP401 -- het woord medicatie is werk"))
    (silenced,) = result.suppressed
    assert "medicatie" not in silenced.reason and "m*******e" in silenced.reason


def test_an_unused_suppression_of_a_rule_not_selected_is_not_reported() -> None:
    result = check(
        CASE.format(tail=f"   # wvp: negeer WVP401 -- {REASON}"), select=frozenset({"WVP0"})
    )
    assert not any(f.rule == "WVP030" for f in result.findings)


def test_the_editor_sees_what_check_sees(tmp_path: Path) -> None:
    """The Checker's findings (what the editor server shows) leave the silenced one out."""
    loaded = load_text(CASE.format(tail=f"   # wvp: negeer WVP401 -- {REASON}"), "c.yaml")
    found = engine.Checker(engine.Settings()).findings(loaded, AS_OF)
    assert not any(f.rule in ("WVP401", "WVP030") for f in found)


def test_wvp_check_passes_a_silenced_file_and_fails_without_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end through the command line, with the cache on: twice, the same answer, and
    the reason (free text of the file) never in the cache."""
    monkeypatch.chdir(tmp_path)
    case = tmp_path / "c.yaml"
    case.write_text(CASE.format(tail=f"   # wvp: negeer WVP401 -- {REASON}"), encoding="utf-8")
    for _ in range(2):
        run = run_cli("check", str(case), "--as-of", "2026-02-02", "--format", "json")
        assert run.code == 0, run.out
        assert not any(f["rule"] == "WVP401" for f in json.loads(run.out)["findings"])
    stored = b"".join(p.read_bytes() for p in (tmp_path / ".wvp_cache").rglob("*") if p.is_file())
    assert stored and REASON.encode() not in stored
    case.write_text(CASE.format(tail="   # wvp: negeer WVP401"), encoding="utf-8")
    run = run_cli("check", str(case), "--as-of", "2026-02-02", "--format", "json")
    assert run.code == 1
    assert {"WVP401", "WVP030"} <= {f["rule"] for f in json.loads(run.out)["findings"]}


def test_wvp_check_counts_and_lists_what_was_silenced(tmp_path: Path) -> None:
    """Text counts them and lists them with --show-suppressed; JSON and SARIF carry each with
    its reason; the SARIF log stays valid (tests/test_ci_formats.py validates the schema)."""
    case = tmp_path / "c.yaml"
    case.write_text(CASE.format(tail=f"   # wvp: negeer WVP401 -- {REASON}"), encoding="utf-8")
    args = ("check", str(case), "--as-of", "2026-02-02", "--no-cache")
    text = run_cli(*args)
    assert "1 genegeerd met een reden" in text.out and "--show-suppressed" in text.out
    assert REASON not in text.out
    shown = run_cli(*args, "--show-suppressed")
    assert "Genegeerd met een reden (1)" in shown.out and REASON in shown.out
    assert f"c.yaml:{NOTE_LINE}:" in shown.out and "WVP401" in shown.out
    doc = json.loads(run_cli(*args, "-f", "json").out)
    (quiet,) = doc["suppressed"]
    assert quiet["rule"] == "WVP401" and quiet["reason"] == REASON
    assert quiet["line"] == NOTE_LINE and quiet["comment_line"] == NOTE_LINE
    assert doc["findings"] == []
    from test_ci_formats import validate_sarif

    log: dict[str, Any] = validate_sarif(run_cli(*args, "-f", "sarif").out)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "WVP401"
    assert result["suppressions"] == [{"kind": "inSource", "justification": REASON}]
