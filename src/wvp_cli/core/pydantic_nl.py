"""pydantic's validation errors in Dutch, for the errors the loader has no message of its own for.

pydantic says what is wrong in English ("String should match pattern '^[0-9a-f]{16}$'"). The
loader (`core/loader.py`) words the common errors itself (missing field, wrong type, a value
out of range ...); what reaches it beyond those comes here, by pydantic's error `type`, with the
values of the error's context. An error raised by wvp's own validators (a `PydanticCustomError`
or a `ValueError` in `core/model.py`) is Dutch already and passes as it is. A pydantic error
without a translation here is still said in Dutch, never in pydantic's English.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, get_args

from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

#: The patterns of the case format (core/model.py), in the words a casemanager knows.
PATTERN_WORDS: dict[str, str] = {
    r"^[0-9a-f]{16}$": "een inhoudscode van 16 tekens: de cijfers 0-9 en de letters a-f, "
    "zoals wvp render riv die toont",
    r"^\d{9}L\d{2}$": "een loonheffingennummer als 123456789L01 (9 cijfers, L, 2 cijfers)",
}


def _pattern(ctx: Mapping[str, Any], value: object) -> str:
    pattern = str(ctx.get("pattern", ""))
    words = PATTERN_WORDS.get(pattern)
    shown = f"'{value}'" if isinstance(value, str) else "de waarde"
    if words is not None:
        return f"{shown} heeft niet de juiste vorm: verwacht {words}"
    return f"{shown} heeft niet de juiste vorm (patroon {pattern})"


def _too_big(ctx: Mapping[str, Any], value: object) -> str:
    return "dit getal is te groot om als geheel getal te lezen"


#: pydantic error type -> its Dutch message, from the error's context and input.
DUTCH: dict[str, Callable[[Mapping[str, Any], object], str]] = {
    "string_pattern_mismatch": _pattern,
    "int_parsing_size": _too_big,
}

_PYDANTIC_TYPES: frozenset[str] = frozenset(get_args(ErrorType))


def message(error: ErrorDetails) -> str:
    """The Dutch message of one pydantic error (an item of `ValidationError.errors()`)."""
    kind = error["type"]
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    translate = DUTCH.get(kind)
    if translate is not None:
        return translate(ctx, error.get("input"))
    if kind not in _PYDANTIC_TYPES:  # wvp's own PydanticCustomError: its message is Dutch
        return f"ongeldige waarde: {error['msg']}"
    return "ongeldige waarde voor dit veld (zie docs/case-format.md)"
