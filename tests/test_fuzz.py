"""Property tests: no input makes `wvp check` crash, and every finding points into the file."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, SAMPLES, Run, run_cli

AS_OF = "2026-11-24"
#: Examples per property; `WVP_FUZZ=5` runs five times as many (for a long hunt, not for CI).
SCALE = int(os.environ.get("WVP_FUZZ", "1"))

pytestmark = pytest.mark.slow

RICH = """\
wvp: 1
id: "2026-014"
employee:
  name: "M. de Boer"
  bsn: "123456782"
  job: "Verpleegkundige"
  hours_per_week: 32
employer:
  name: "Zorggroep Noord BV"
  casemanager: "S. Visser"
sickness:
  - from: 2025-11-03
    to: 2025-11-21
  - from: 2025-12-08
leave:
  - from: 2026-03-02
    to: 2026-06-21
deviations:
  - milestone: start_tweede_spoor
    date: 2026-12-01
    reason: 'Concreet perspectief op terugkeer binnen 3 maanden'
    agreed_by_employee: true
events:
  - type: ziekmelding_arbodienst
    date: 2025-12-09
  - type: probleemanalyse
    date: 2026-01-12
    possibilities: "Kan 4 uur per dag licht administratief werk doen; niet tillen."
    advice: |
      Start met aangepast werk,
      opbouw in overleg.
  - type: plan_van_aanpak
    date: 2026-01-26
    agreed_by_employee: 2026-01-27
    goal: "Terugkeer in eigen functie"
    track: [1, 2]
    activities:
      - {what: "Opbouw naar 16 uur", who: werknemer, by: 2026-03-01}
  - type: evaluatie
    date: 2026-03-06
    summary: Opbouw verloopt volgens plan.
"""

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
VALID = [MINIMAL, RICH, *(p.read_text("utf-8") for p in SAMPLE_FILES if "invalid" not in p.name)]
BASES = [*VALID, *(p.read_text("utf-8") for p in SAMPLE_FILES if "invalid" in p.name)]

SCALARS = [
    "123",
    "true",
    "null",
    "[]",
    "{}",
    "2026-13-45",
    "'x'",
    '"\\u202e"',
    "~",
    "-1e999",
    # Hostile input of the second pass (#25): line breaks that would start a CI command, format
    # characters, lookalike letters, a BSN in groups and in other digits.
    '"x\\n::add-mask::y"',
    '"a\\r\\u2028\\u0085b"',
    '"be\\u00adhan\\u200bdeling"',
    '"b\\u0435handeling"',
    '"123.456.782"',
    '"\\u0661\\u0662\\u0663\\u0664\\u0665\\u0666\\u0667\\u0668\\u0662"',
    "123 456 782",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A valid case text with lines deleted or duplicated, values swapped for other types,
    random unicode inserted, and the end cut off."""
    lines = draw(st.sampled_from(BASES)).splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "unicode", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap" and ": " in lines[i]:
            key = lines[i].split(": ", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(SCALARS))}\n"
        elif op == "unicode":
            noise = draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=8))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + noise + lines[i][at:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
    text = "".join(lines)
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return text


def run_check(path: Path) -> Run:
    run = run_cli("check", str(path), "--as-of", AS_OF, "--format", "json")
    assert "Traceback" not in run.err and "interne fout" not in run.err, run.err
    assert run.code in (0, 1, 2)
    return run


def assert_findings_point_into(path: Path, text_lines: int, run: Run) -> None:
    document: dict[str, Any] = json.loads(run.out)
    for finding in document["findings"]:
        assert finding["file"] == str(path)
        assert 1 <= finding["line"] <= text_lines + 1, finding
        assert finding["column"] >= 1, finding
        assert "interne fout" not in finding["message"], finding


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def test_the_valid_bases_have_no_format_or_privacy_findings(workdir: Path) -> None:
    path = workdir / "base.yaml"
    for base in VALID:
        path.write_text(base, "utf-8")
        document = json.loads(run_check(path).out)
        assert document["files_checked"] == 1
        bad = [f for f in document["findings"] if f["rule"] < "WVP020" or f["rule"] >= "WVP4"]
        assert not bad, bad


@settings(max_examples=300 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated())
def test_mutated_cases_never_crash(workdir: Path, text: str) -> None:
    path = workdir / "case.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    run = run_check(path)
    assert_findings_point_into(path, len(text.splitlines()), run)


KEYS = ["wvp", "id", "events", "sickness", "type", "date", "from", "to", "bsn", "note"]


def _documents() -> st.SearchStrategy[Any]:
    keys = st.one_of(st.sampled_from(KEYS), st.text())
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(),
        st.dates(),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=20,
    )


@st.composite
def case_shaped(draw: st.DrawFn) -> Any:
    """A valid case's data with one subtree replaced by a random document."""
    data = yaml.safe_load(draw(st.sampled_from(VALID)))
    node, parent, slot = data, None, None
    for _ in range(draw(st.integers(0, 4))):
        if isinstance(node, dict) and node:
            parent, slot = node, draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node:
            parent, slot = node, draw(st.integers(0, len(node) - 1))
        else:
            break
        node = parent[slot]
    replacement = draw(_documents())
    if parent is None:
        return replacement
    parent[slot] = replacement
    return data


@settings(max_examples=150 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(_documents(), case_shaped()), unicode=st.booleans())
def test_random_yaml_documents_never_crash(workdir: Path, document: Any, unicode: bool) -> None:
    text = yaml.safe_dump(document, allow_unicode=unicode)
    path = workdir / "doc.yaml"
    path.write_text(text, "utf-8")
    first = run_check(path)
    assert_findings_point_into(path, len(text.splitlines()), first)
    assert run_check(path) == first


@settings(max_examples=100 * SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_crash(workdir: Path, raw: bytes) -> None:
    path = workdir / "raw.yaml"
    path.write_bytes(raw)
    first = run_check(path)
    lines = raw.count(b"\n") + raw.count(b"\r") + 1
    assert_findings_point_into(path, lines, first)
    assert run_check(path) == first
