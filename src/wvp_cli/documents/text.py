"""Case values as inert Markdown, and the marks that keep what a template derives from a case
value escaped like the value (part of `render`; see its docstring).

Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from wvp_cli.core.dutch import long_date
from wvp_cli.core.placeholder import is_placeholder

PLACEHOLDER = "— nog in te vullen —"
GAP_MARKDOWN = f"*{PLACEHOLDER}*"


# Control characters other than tab and newline have no place in a document (and some are not
# even allowed in HTML); they become spaces like every other run of whitespace.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters with a meaning anywhere in a CommonMark (+ tables) line: code, emphasis, links and
# images, autolinks and raw HTML, table cells, entities. Backslash-escaping ASCII punctuation is
# always allowed in CommonMark and renders as the character itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|&~#])")
# At the start of a line: list items, setext underlines, ordered list items ("1." "1)").
_LEADING = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def plain(value: object) -> str:
    """A case value as Dutch text: dates in words, 32.0 as 32, 24.5 as 24,5, lists joined."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value)
    return str(value)


def md_escape(value: object) -> str:
    """`value` as inert Markdown text, on one line: it renders as exactly its characters.

    Whitespace (line breaks included) collapses to single spaces, so a value is safe in a table
    cell, a list item or a paragraph alike and can never open a block of its own.
    """
    text = " ".join(_CONTROL.sub(" ", plain(value)).split())
    if is_placeholder(text):  # wvp new's "NOG INVULLEN" is a gap, never data
        return GAP_MARKDOWN
    text = _INLINE.sub(r"\\\1", text)
    return _LEADING.sub(
        lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", text
    )


class CaseText(str):
    """A string from the case file; `finalize` escapes it should a template print it bare.

    What a template makes of one stays case text: its characters, a slice, what a string
    method, an operator (`~`, `+`, `%`) or a filter returns (see `_Sandbox`)."""

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        return (CaseText(c) for c in str.__iter__(self))


def _tainted(value: object, depth: int = 0) -> bool:
    """Whether `value` is case text or a list, tuple or mapping that holds some."""
    if isinstance(value, CaseText):
        return True
    if depth > 8 or isinstance(value, str):
        return False
    if isinstance(value, list | tuple | set | frozenset):
        return any(_tainted(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return any(_tainted(k, depth + 1) or _tainted(v, depth + 1) for k, v in value.items())
    return False


def _taint(result: Any, *sources: object) -> Any:
    """`result` as case text (a list or tuple of strings: each of them) when one of `sources`
    is case text: what a template derives from a case value is escaped like the value."""
    if not any(_tainted(s) for s in sources):
        return result
    return _as_case_text(result)


def _as_case_text(result: Any, depth: int = 0) -> Any:
    if isinstance(result, CaseText) or depth > 8:
        return result
    if isinstance(result, str):
        return CaseText(result)
    if isinstance(result, list | tuple):
        return type(result)(_as_case_text(r, depth + 1) for r in result)
    return result


def _finalize(value: object) -> object:
    # Defence in depth: `{{ plan.goal }}` without md_escape still prints escaped text, and a
    # bare date prints in Dutch. Filters return plain `str`, which passes unchanged; so do
    # numbers. Anything else (a list, a mapping, bytes) prints escaped: its text may quote
    # case values.
    if isinstance(value, CaseText | dt.date):
        return md_escape(value)
    if value is None or isinstance(value, str | int | float):
        return value
    return md_escape(value if isinstance(value, list | tuple) else str(value))


def _as_data(value: Any) -> Any:
    """Model dump -> plain data for the templates; every string marked as case text."""
    if isinstance(value, str):
        return CaseText(value)
    if isinstance(value, dict):
        return {str(k): _as_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_data(v) for v in value]
    return value
