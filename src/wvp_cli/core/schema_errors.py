"""Step 5 of loading (see loader.py): pydantic's validation errors as findings, each at the
line and column of its YAML path, in plain Dutch, with a "did you mean" for a misspelt key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from wvp_cli.core import pydantic_nl
from wvp_cli.core.dutch import did_you_mean
from wvp_cli.core.findings import Finding, YamlPath
from wvp_cli.core.model import EVENT_TYPES
from wvp_cli.core.model_paths import model_at
from wvp_cli.core.source import (
    BAD_DATE,
    BAD_VALUE,
    MISSING,
    UNKNOWN_EVENT,
    UNKNOWN_KEY,
    VERSION,
    WRONG_TYPE,
    SourceMap,
    format_error,
)


def _resolve_path(loc: Sequence[str | int], data: Any) -> YamlPath:
    """Map a pydantic error location onto the data: follow the segments that exist and skip
    the ones pydantic adds for unions (a discriminator tag such as 'plan_van_aanpak', or
    'literal[1,2]'). A last segment that does not exist (a missing key) is left off."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_dict or in_list):
            continue
        node = node[part]
        path.append(part)
    return tuple(path)


_TYPE_WORDS = {
    "string_type": "tekst",
    "int_type": "een geheel getal",
    "float_type": "een getal",
    "bool_type": "ja of nee (true/false)",
    "list_type": "een lijst",
    "dict_type": "een mapping (sleutels met waarden)",
    "model_type": "een mapping (sleutels met waarden)",
    "model_attributes_type": "een mapping (sleutels met waarden)",
    "date_type": "een datum (JJJJ-MM-DD)",
}


def describe(value: Any) -> str:
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, int | float):
        return f"het getal {value}"
    if isinstance(value, dt.date):
        return f"de datum {value.isoformat()}"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een mapping"
    return type(value).__name__


def validation_findings(exc: ValidationError, data: Any, source: SourceMap) -> Iterator[Finding]:
    case_id = data.get("id") if isinstance(data.get("id"), str) else None
    seen: set[YamlPath] = set()
    for error in exc.errors():
        kind = error["type"]
        loc = list(error["loc"])
        path = _resolve_path(loc, data)
        if kind != "missing" and path in seen:
            continue  # one finding per node: a union reports every member that did not fit
        seen.add(path)
        value = error.get("input")
        if kind == "extra_forbidden":
            key = str(loc[-1])
            model_cls = model_at(path[:-1], data)
            known = [f.alias or n for n, f in model_cls.model_fields.items()] if model_cls else []
            suggestion = did_you_mean(key, known)
            where = source.locate(path, key=True)
            hint = suggestion or (f"; bekende velden: {', '.join(known)}" if known else "")
            yield format_error(UNKNOWN_KEY, f"onbekend veld '{key}'{hint}", where, case_id)
        elif kind == "missing" or (kind == "union_tag_not_found"):
            name = "type" if kind == "union_tag_not_found" else str(loc[-1])
            where = source.locate(path)
            if name == "wvp" and not path:
                msg = "formaatversie ontbreekt: zet 'wvp: 1' bovenaan het bestand"
                yield format_error(VERSION, msg, where, case_id)
            else:
                yield format_error(MISSING, f"verplicht veld '{name}' ontbreekt", where, case_id)
        elif kind == "union_tag_invalid":
            tag = str(error.get("ctx", {}).get("tag", value))
            where = source.locate((*path, "type"))
            msg = f"onbekend soort gebeurtenis '{tag}'{did_you_mean(tag, EVENT_TYPES)}"
            yield format_error(UNKNOWN_EVENT, msg, where, case_id)
        elif path == ("wvp",) and kind == "literal_error":
            msg = f"onbekende formaatversie {value!r}; deze versie van wvp kent formaat 1"
            yield format_error(VERSION, msg, source.locate(path), case_id)
        elif kind == "value_error":
            reason = str(error.get("ctx", {}).get("error", error["msg"]))
            yield format_error(BAD_DATE, reason, source.locate(path), case_id)
        elif kind in _TYPE_WORDS:
            msg = f"verwacht {_TYPE_WORDS[kind]}, maar hier staat {describe(value)}"
            if kind == "string_type" and isinstance(value, dt.date | int | float):
                msg += "; zet de waarde tussen aanhalingstekens als het tekst is"
            yield format_error(WRONG_TYPE, msg, source.locate(path), case_id)
        elif kind == "literal_error":
            expected = str(error.get("ctx", {}).get("expected", ""))
            options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
            hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
            expected = expected.replace(" or ", " of ")
            msg = f"ongeldige waarde {value!r}; kies uit {expected}{hint}"
            yield format_error(BAD_VALUE, msg, source.locate(path), case_id)
        elif kind == "too_short":
            yield format_error(
                MISSING, "deze lijst mag niet leeg zijn", source.locate(path, key=True), case_id
            )
        elif kind == "string_too_long":
            limit = error.get("ctx", {}).get("max_length", "")
            msg = f"tekst is te lang: hoogstens {limit} tekens; zet lange stukken in een document"
            yield format_error(BAD_VALUE, msg, source.locate(path), case_id)
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = next(iter(error.get("ctx", {}).values()), "")
            word = "minstens" if kind.startswith("greater") else "hoogstens"
            shown = f"{bound:g}" if isinstance(bound, float) else str(bound)
            msg = f"waarde {value!r} valt buiten het bereik: {word} {shown}"
            yield format_error(BAD_VALUE, msg, source.locate(path), case_id)
        elif kind == "string_too_short":
            yield format_error(
                MISSING, "deze tekst mag niet leeg zijn", source.locate(path), case_id
            )
        else:
            msg = pydantic_nl.message(error)  # pydantic's English in Dutch
            yield format_error(BAD_VALUE, msg, source.locate(path), case_id)
