"""The pure parts of `wvp lsp`: positions in the editor's units, the extent of a finding, the
place of the cursor read from indentation, skeletons from the case format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import SAMPLES

pytest.importorskip("lsprotocol", reason="wvp lsp needs the lsp extra (pip install 'wvp[lsp]')")

from wvp_cli.core.loader import load_text
from wvp_cli.core.model import Case
from wvp_cli.lsp import schema
from wvp_cli.lsp.text import UTF8, UTF16, UTF32, Text, block_end, chars, cursor_at, units

CLEAN = (SAMPLES / "week-10-plan-van-aanpak.yaml").read_text(encoding="utf-8")
NO_PLAN = CLEAN[: CLEAN.index("  - type: plan_van_aanpak")]

LINE = 'employee: {name: "Zoë 🙂", jobb: "x"}'


@pytest.mark.parametrize(("encoding", "expected"), [(UTF16, 27), (UTF8, 30), (UTF32, 26)])
def test_positions_in_the_editors_units(encoding: str, expected: int) -> None:
    at = LINE.index("jobb")
    assert at == 26
    assert units(LINE, at, encoding) == expected
    assert chars(LINE, expected, encoding) == at


def test_a_finding_after_a_character_outside_the_bmp_starts_at_its_utf16_column() -> None:
    text = "wvp: 1\n" + LINE + "\n"
    loaded = load_text(text, "x.yaml")
    (finding,) = [f for f in loaded.findings if f.rule == "WVP010"]
    rng = Text(text).token(finding.location.line, finding.location.column, "jobb")
    assert (rng.start.line, rng.start.character, rng.end.character) == (1, 27, 31)


@pytest.mark.parametrize(
    ("line", "column", "key", "covered"),
    [
        ("  goall: x", 3, "goall", "goall"),
        ('  name: "a \\" b"  # c', 9, "name", '"a \\" b"'),
        ("  name: 'it''s' # c", 9, "name", "'it''s'"),
        ("  type: plan_van_aanpk   # typo", 9, "type", "plan_van_aanpk"),
        ("events:", 1, "events", "events"),
        ("x:", 3, None, ""),
    ],
)
def test_the_range_of_a_finding(line: str, column: int, key: str | None, covered: str) -> None:
    rng = Text(line).token(1, column, key)
    assert line[rng.start.character : rng.end.character] == covered


CASE = """\
wvp: 1
employer:
  name: x
  casemanager: "A"
events:
- type: plan_van_aanpak
  date: 2026-01-01
  activities:
    - what: a
      who: b
    - wh
  goal: g
- type: evaluatie
  da
"""


def test_the_cursor_read_from_indentation() -> None:
    lines = CASE.splitlines()
    where = cursor_at(lines, 10, len("    - wh"))
    assert where is not None
    assert where.path == ("events", 0, "activities", 1)
    assert schema.model_at(where.path, where.data) is not None
    assert schema.model_at(where.path, where.data).__name__ == "Activity"  # type: ignore[union-attr]
    assert where.key is None and where.prefix == "wh"

    where = cursor_at(lines, 13, len("  da"))
    assert where is not None and where.path == ("events", 1)
    assert schema.model_at(where.path, where.data).__name__ == "Evaluatie"  # type: ignore[union-attr]
    assert set(where.siblings) == {"type"}

    where = cursor_at(lines, 3, len('  casemanager: "'))
    assert where is not None and where.path == ("employer",)
    assert where.key == "casemanager" and where.raw_prefix == '"'

    assert cursor_at(lines, 5, len("- type: ")) is not None
    assert cursor_at(["# a comment"], 0, 5) is None


def test_block_ends() -> None:
    lines = CASE.splitlines()
    assert block_end(lines, 5, 2) == 11  # the plan's mapping, up to its goal
    assert block_end(lines, 12, 2) == 13


def test_skeleton_of_a_case_loads_with_placeholders_only() -> None:
    lines = schema.skeleton(Case, [], "")
    loaded = load_text("\n".join(lines) + "\n", "x.yaml")
    rules = sorted({f.rule for f in loaded.findings})
    # Only what a person must fill in: empty texts and a date placeholder.
    assert rules == ["WVP011", "WVP013"]


def test_a_new_peildatum_makes_every_result_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server asks the date at every check (today, when no --as-of is given): the day the
    plan van aanpak falls due, its finding appears."""
    from wvp_cli.lsp.workspace import Repository
    from wvp_cli.repo.config import Config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(NO_PLAN, encoding="utf-8")
    repository = Repository(Path("."), dt.date(2026, 11, 3), Config())
    repository.scan()
    repository.open("a.yaml", NO_PLAN, 1)
    assert repository.findings() == {}
    assert repository.set_date(dt.date(2026, 11, 4))
    assert [f.rule for f in repository.findings()["a.yaml"]] == ["WVP102"]
    assert not repository.set_date(dt.date(2026, 11, 4))
    repository.close("a.yaml")
    assert [f.rule for f in repository.findings()["a.yaml"]] == ["WVP102"]


def test_lines_break_where_yaml_and_lsp_break_them() -> None:
    text = Text('a: "x\u2028y"\r\nb: 1\rc: 2\n')
    assert text.lines == ['a: "x\u2028y"', "b: 1", "c: 2", ""]
