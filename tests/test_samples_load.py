"""The sample cases load as the format says: valid ones cleanly, invalid-format with its findings.

The samples are what a new user sees first (`make demo`) and what documents are rendered from,
so a sample that stops loading is a regression of the format, not of the sample.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wvp_cli.core.loader import (
    BAD_DATE,
    UNKNOWN_EVENT,
    UNKNOWN_KEY,
    WRONG_TYPE,
    LoadedFile,
    read_file,
)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_cases"
ALL = sorted(SAMPLES.glob("*.yaml"))
VALID = [p for p in ALL if not p.name.startswith("invalid-")]
#: Invalid on purpose, but only for the rules: the file itself is well formed.
RULE_INVALID = [p for p in ALL if p.name.startswith("invalid-") and p.name != "invalid-format.yaml"]


def _load(path: Path) -> LoadedFile:
    return read_file(path, display=path.name)


def test_there_are_samples() -> None:
    assert len(VALID) >= 9
    assert (SAMPLES / "invalid-format.yaml") in ALL


@pytest.mark.parametrize("path", VALID + RULE_INVALID, ids=lambda p: p.name)
def test_sample_loads_without_findings(path: Path) -> None:
    loaded = _load(path)
    assert [(f.rule, f.location.line, f.message) for f in loaded.findings] == []
    assert loaded.case is not None


def _position(path: Path, marker: str) -> tuple[int, int]:
    """Line and column (1-based) of the value or key that `marker` starts in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        column = line.find(marker)
        if column >= 0 and not line.lstrip().startswith("#"):
            return number, column + 1
    raise AssertionError(f"{marker!r} not found in {path.name}")


@pytest.mark.parametrize(
    ("code", "marker"),
    [
        (WRONG_TYPE, '"38 uur"'),
        (BAD_DATE, "12-03-2026"),
        (BAD_DATE, "2026-02-30"),
        (UNKNOWN_EVENT, "plan_van_aanpk"),
        (UNKNOWN_KEY, "goall:"),
    ],
)
def test_invalid_format_points_at_the_typo(code: str, marker: str) -> None:
    path = SAMPLES / "invalid-format.yaml"
    loaded = _load(path)
    found = {(f.rule, f.location.line, f.location.column) for f in loaded.findings}
    assert (code, *_position(path, marker)) in found


def test_invalid_format_has_exactly_the_planted_errors() -> None:
    loaded = _load(SAMPLES / "invalid-format.yaml")
    assert loaded.case is None
    assert sorted(f.rule for f in loaded.findings) == sorted(
        [WRONG_TYPE, BAD_DATE, BAD_DATE, UNKNOWN_EVENT, UNKNOWN_KEY]
    )
    assert all(f.location.file == "invalid-format.yaml" for f in loaded.findings)


def test_suggestions_name_the_intended_word() -> None:
    messages = " ".join(f.message for f in _load(SAMPLES / "invalid-format.yaml").findings)
    assert "'plan_van_aanpak'" in messages
    assert "'goal'" in messages


def test_sample_ids_are_unique() -> None:
    ids: dict[str, str] = {}
    for path in ALL:
        case_id = _load(path).case_id
        assert case_id is not None, path.name
        assert case_id not in ids, f"{path.name} and {ids[case_id]} share id {case_id}"
        ids[case_id] = path.name
