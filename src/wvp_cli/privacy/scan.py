"""Walking a case file for the privacy rules: every key, text value and comment, with its
position, and the whole-text pre-filters that let most files skip the walk.

The pre-filters are on the hot path (every file of every check): each is one or a few passes
in C over the file's text, and each has a test against reading every value (tests/
test_privacy.py), so that a fast path never misses what the slow one finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from wvp_cli.core import model
from wvp_cli.core.findings import YamlPath
from wvp_cli.privacy.matcher import Matcher, ascii_digits, elfproef, grouped_bsn

if TYPE_CHECKING:
    from wvp_cli.core.loader import LoadedFile


@dataclass(frozen=True)
class Text:
    """One piece of text of a file: a string value, a key, or (for unparsable files) a line."""

    path: YamlPath
    text: str
    kind: str  # "value", "key", "line" or "comment"
    #: The last key on the path (`summary` for events[3].summary).
    key: str | None = None
    #: Where the text starts, when the walk knows it (lines and comments); else from the map.
    start: tuple[int, int] | None = None

    def at(self, loaded: LoadedFile, offset: int) -> tuple[int, int]:
        """The (line, column) of `offset` in the text. Looked up only for a finding: most
        texts hold nothing to report, and the source map is not cheap to read at scale."""
        if self.start is not None:
            return self.start[0], self.start[1] + offset
        if self.kind == "key":
            line, col = loaded.source.keys.get(self.path, (1, 1))
            return line, col + offset
        start = loaded.source.values.get(self.path, (1, 1))
        return _value_positions(loaded.text.splitlines(), start, self.text)(offset)


def _known_keys() -> frozenset[str]:
    names: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(f.alias or n for n, f in obj.model_fields.items())
    return frozenset(names)


KNOWN_KEYS = _known_keys()


def _value_positions(
    lines: Sequence[str], start: tuple[int, int], value: str
) -> Callable[[int], tuple[int, int]]:
    """Exact positions inside a plain or a single-line quoted scalar whose text in the file is
    the value itself; for anything else (block scalars, folded or escaped text) the start."""
    line, col = start
    if "\n" not in value and 1 <= line <= len(lines):
        rest = lines[line - 1][col - 1 :]
        if rest.startswith(value):
            return lambda i: (line, col + i)
        quote = rest[:1]
        closed = rest[1 + len(value) : 2 + len(value)] == quote
        if quote in ("'", '"') and rest[1:].startswith(value) and closed:
            return lambda i: (line, col + 1 + i)
    return lambda i: start


#: The texts of the file the rules look at now: five privacy rules read the same file one after
#: the other, and walking it is most of their cost. Keyed by identity, one file at a time.
_last_texts: list[tuple[LoadedFile, tuple[Text, ...]]] = []


def texts(loaded: LoadedFile) -> tuple[Text, ...]:
    """Every key and text value of a file (or its lines, when it could not be parsed)."""
    if _last_texts and _last_texts[0][0] is loaded:
        return _last_texts[0][1]
    texts = tuple(_walk_texts(loaded))
    _last_texts[:] = [(loaded, texts)]
    return texts


def _walk_texts(loaded: LoadedFile) -> Iterator[Text]:
    if loaded.data is None:
        for number, line in enumerate(loaded.text.splitlines(), start=1):
            yield Text((), line, "line", start=(number, 1))
        return
    stack: list[tuple[YamlPath, str | None, Any]] = [((), None, loaded.data)]
    while stack:
        path, last, node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                child = (*path, key)
                yield Text(child, str(key), "key", key=str(key))
                stack.append((child, str(key), value))
        elif isinstance(node, list):
            stack.extend(((*path, i), last, v) for i, v in enumerate(node))
        elif isinstance(node, str | int) and not isinstance(node, bool):
            text = node if isinstance(node, str) else str(node)
            yield Text(path, text, "value", key=last)


def may_hold(loaded: LoadedFile, matcher: Matcher) -> bool:
    """Whether any key, value or comment of the file can hold a term of `matcher`. Each is a
    piece of the file's text, except what a backslash escape spells in a double-quoted scalar,
    so one search of the whole text settles it for almost every file."""
    return "\\" in loaded.text or matcher.could_match(loaded.text)


#: A run of 8 ASCII digits or more, whole (the search starts at its first digit and is
#: greedy). Only ASCII digits pass the elfproef; [0-9] is twice as fast as \d here.
_DIGIT_RUN = re.compile(r"[0-9]{8,}")


#: Marks of YAML integers not written as their decimal digits, whose value is what WVP404
#: reads: a radix (0x, 0b, 0o) and, after a digit, an underscore (123_456) or a colon
#: (sexagesimal 34293:33:02; also any time of day). Each is searched on its own, from its
#: first character: one pattern with all of them costs ten times as much.
_RADIX = re.compile("0[xXbBoO]")
_AFTER_DIGIT = (re.compile("_[0-9]"), re.compile(":[0-9]"))
_OCTAL = frozenset("01234567")


def _other_integers(text: str, runs: Sequence[str]) -> bool:
    """Whether `text` may hold an integer not written in decimal. `runs` are its runs of 8
    digits or more; an octal one (0 and eight or more of 0-7) can have 8 or 9 decimal digits."""
    if _RADIX.search(text):
        return True
    for mark in _AFTER_DIGIT:
        for match in mark.finditer(text):
            if match.start() > 0 and text[match.start() - 1].isdigit():
                return True
    return any(len(run) >= 9 and run[0] == "0" and _OCTAL.issuperset(run) for run in runs)


def may_hold_bsn(loaded: LoadedFile) -> bool:
    """Whether a number that WVP404 reports can stand anywhere in the file. Each key and text
    value is a piece of the file's text, except what a backslash escape spells and an integer
    not written in decimal; otherwise such a number is a run of 8 or 9 digits in the text that
    passes the elfproef, and the one of employee.bsn does not count. So one search of the
    whole text settles it for almost every file. Digits of other scripts are read as their
    ASCII digits, and a number in groups (123.456.782, 123 456 782) counts whole."""
    text = ascii_digits(loaded.text)
    every = _DIGIT_RUN.findall(text)
    if "\\" in text or _other_integers(text, every) or grouped_bsn(text):
        return True
    runs = [run for run in every if len(run) <= 9 and elfproef(run)]
    own = bsn_value(loaded)
    if isinstance(own, str | int) and not isinstance(own, bool) and str(own).strip() in runs:
        runs.remove(str(own).strip())
    return bool(runs)


_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#(.*)$", re.MULTILINE)


def comments(loaded: LoadedFile) -> Iterator[Text]:
    """What may be YAML comments: text after a `#` at the start of a line or after a blank.
    Such a `#` can also stand inside a quoted or block scalar; `is_comment` tells for sure."""
    if loaded.data is None or "#" not in loaded.text:
        return
    for match in _COMMENT.finditer(loaded.text):
        line, col = _line_col(loaded.text, match.start(1))
        yield Text((), match.group(1), "comment", start=(line, col))


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def scalar_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(line, column) start and end of every scalar token, 1-based: where a `#` is content."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                a, b = token.start_mark, token.end_mark
                spans.append((a.line + 1, a.column + 1, b.line + 1, b.column + 1))
    except yaml.YAMLError:
        return []
    return spans


def is_comment(spans: Sequence[tuple[int, int, int, int]], line: int, column: int) -> bool:
    """Whether the `#` just before (line, column) lies outside every scalar."""
    at = (line, column - 1)
    return not any((a, b) <= at < (c, d) for a, b, c, d in spans)


def bsn_value(loaded: LoadedFile) -> Any:
    data = loaded.data
    employee = data.get("employee") if isinstance(data, dict) else None
    return employee.get("bsn") if isinstance(employee, dict) else None
