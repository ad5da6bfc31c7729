"""pydantic's validation errors reach the user in Dutch (core/pydantic_nl.py): every translated
error type with a real invalid case file through `wvp check`, and a sweep over the case format
that finds no English message of pydantic's in any finding."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from conftest import run_cli
from wvp_cli.core import pydantic_nl
from wvp_cli.core.loader import load_text

HERE = Path(__file__).resolve().parent
CASE = HERE / "cases" / "render-volledig.yaml"
#: Words of pydantic's English messages ("Input should be a valid date", "String should match
#: pattern", "Unable to parse input string ...").
ENGLISH = re.compile(r"\b(should|Input|String|Unable|parse|valid|exceeded|Value error)\b")


def _findings(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("check", str(case), "--as-of", "2027-03-10", "--format", "json")
    assert result.code == 1, result.err
    return [f for f in json.loads(result.out)["findings"] if f["rule"] < "WVP100"]


def test_pattern_mismatch_of_a_content_hash(tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8")
    signature = "date: 2027-01-28, method: e_handtekening}"
    assert signature in text
    text = text.replace(signature, 'date: 2027-01-28, method: e_handtekening, content_hash: "XY"}')
    (finding,) = _findings(tmp_path, text)
    assert finding["rule"] == "WVP015"
    assert finding["message"] == (
        "'XY' heeft niet de juiste vorm: verwacht een inhoudscode van 16 tekens: de cijfers 0-9 "
        "en de letters a-f, zoals wvp render riv die toont"
    )
    assert "content_hash" in text.splitlines()[finding["line"] - 1]


def test_integer_too_large_to_read(tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8").replace("wvp: 1\n", "wvp: 1" + "0" * 30 + "\n", 1)
    (finding,) = _findings(tmp_path, text)
    assert finding["message"] == "dit getal is te groot om als geheel getal te lezen"
    assert finding["line"] == 4


def test_a_custom_error_of_the_model_stays_as_worded(tmp_path: Path) -> None:
    text = CASE.read_text(encoding="utf-8").replace('id: "2025-031"', 'id: "2025\\u200b031"', 1)
    (finding,) = _findings(tmp_path, text)
    assert finding["message"].startswith("ongeldige waarde: een case-id mag geen stuurteken")
    assert "U+200B" in finding["message"]


def test_every_translation_is_tested_here() -> None:
    # A new entry in pydantic_nl.DUTCH gets its case file test above.
    assert set(pydantic_nl.DUTCH) == {"string_pattern_mismatch", "int_parsing_size"}


def test_an_untranslated_pydantic_type_is_dutch_too() -> None:
    error: Any = {"type": "uuid_parsing", "loc": (), "msg": "Input should be a valid UUID"}
    assert not ENGLISH.search(pydantic_nl.message(error))


# --- the sweep ------------------------------------------------------------------------------

_VALUES: tuple[object, ...] = (
    "ABC",
    1.5,
    True,
    [],
    {},
    dt.date(2026, 1, 1),
    -5,
    math.nan,
    10**30,
    "",
)


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if path:
        yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        # The items of a list have the same fields: the first stands for all (but events).
        for index, value in enumerate(node if path == ("events",) else node[:1]):
            yield from _paths(value, (*path, index))


def test_no_english_from_pydantic_anywhere_in_the_format() -> None:
    """Every node of a full case, each replaced by values of every kind: no finding of the
    loader carries pydantic's English."""
    base = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    base["employer"]["loonheffingennummer"] = "123456782L01"
    base["events"][-1]["signatures"] = [
        {"role": "werkgever", "name": "A", "date": dt.date(2027, 1, 1), "method": "e_handtekening"}
    ]
    # One event of each type is enough: the others of a type have the same fields.
    firsts: dict[str, int] = {}
    for index, event in enumerate(base["events"]):
        firsts.setdefault(event["type"], index)
    paths = [
        p
        for p in _paths(base)
        if not (len(p) > 1 and p[0] == "events" and p[1] not in firsts.values())
    ]
    seen = 0
    for path in paths:
        for value in _VALUES:
            data = copy.deepcopy(base)
            node = data
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
            for finding in load_text(yaml.dump(data, Dumper=_DUMPER), "x.yaml").findings:
                seen += 1
                assert not ENGLISH.search(finding.message), (path, value, finding.message)
    assert seen > 500
