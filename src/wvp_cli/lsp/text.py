"""The text of a case file as an editor sees it: positions in the units the editor counts,
the extent of a token or a block, and, for completion while the YAML is half typed, the place
of the cursor read from the indentation alone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lsprotocol import types

#: Position encodings an editor may ask for (LSP 3.17 `positionEncoding`); UTF-16 is the default.
UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(line: str, chars: int, encoding: str) -> int:
    """How many of the editor's units the first `chars` characters of `line` take."""
    prefix = line[:chars]
    if encoding == UTF32:
        return len(prefix)
    if encoding == UTF8:
        return len(prefix.encode("utf-8", "surrogatepass"))
    return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)


def chars(line: str, count: int, encoding: str) -> int:
    """The character index in `line` at `count` of the editor's units."""
    if encoding == UTF32:
        return min(count, len(line))
    done = 0
    for index, ch in enumerate(line):
        if done >= count:
            return index
        done += len(ch.encode("utf-8")) if encoding == UTF8 else (2 if ord(ch) > 0xFFFF else 1)
    return len(line)


_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class Text:
    """One version of a document's text, its lines, and the editor's position encoding."""

    source: str
    encoding: str = UTF16
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        # The line breaks of LSP and YAML; str.splitlines would also break at U+2028 and others.
        self.lines = _BREAK.split(self.source)

    def line(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def position(self, line: int, char: int) -> types.Position:
        """A 0-based line and character index as the editor counts it."""
        return types.Position(line, units(self.line(line), char, self.encoding))

    def range(self, line: int, start: int, end: int, end_line: int | None = None) -> types.Range:
        last = line if end_line is None else end_line
        return types.Range(self.position(line, start), self.position(last, end))

    def char_of(self, position: types.Position) -> tuple[int, int]:
        """The editor's position as a 0-based line and character index."""
        return position.line, chars(self.line(position.line), position.character, self.encoding)

    def token(self, line1: int, column1: int, key: str | None = None) -> types.Range:
        """The range of what stands at a 1-based line and column (a finding's place): the key
        `key` when it stands there, a quoted scalar up to its closing quote, else the rest of
        the line without a comment; one character at least where the line has one."""
        line, start = line1 - 1, column1 - 1
        text = self.line(line)
        start = min(max(start, 0), len(text))
        rest = text[start:]
        if key is not None and rest.startswith(key) and rest[len(key) :].lstrip().startswith(":"):
            return self.range(line, start, start + len(key))
        end = len(rest)
        if rest[:1] in ("'", '"'):
            close = _closing_quote(rest)
            end = close + 1 if close > 0 else len(rest)
        else:
            comment = re.search(r"\s#", rest)
            if comment is not None:
                end = comment.start()
        end = len(rest[:end].rstrip())
        if end == 0 and rest:
            end = 1
        return self.range(line, start, start + end)


def _closing_quote(text: str) -> int:
    quote, index = text[0], 1
    while index < len(text):
        ch = text[index]
        if quote == '"' and ch == "\\":
            index += 2
            continue
        if ch == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return -1


# --- the shape of the text from its indentation ------------------------------------------------

_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(?:\s+|$)(.*)$")


@dataclass(frozen=True)
class Line:
    """One line that holds YAML content: where its content starts, whether it starts a sequence
    item (`- `), and the key it holds with the raw text of its value."""

    indent: int
    dash: int | None
    column: int
    key: str | None
    value: str


def read_line(text: str) -> Line | None:
    """None for a blank line or a comment."""
    stripped = text.lstrip(" ")
    indent = len(text) - len(stripped)
    if not stripped or stripped.startswith("#"):
        return None
    dash = None
    column = indent
    if stripped == "-" or stripped.startswith("- "):
        dash = indent
        rest = stripped[1:]
        column = indent + 1 + (len(rest) - len(rest.lstrip(" ")))
        stripped = rest.lstrip(" ")
    match = _KEY.match(stripped)
    if match is None:
        return Line(indent, dash, column, None, stripped)
    return Line(indent, dash, column, match.group(1), match.group(2))


def scalar(raw: str) -> str:
    """The plain text of a raw YAML value as typed: without a comment and quotes."""
    value = re.sub(r"(^|\s)#.*$", "", raw).strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    return value


def block_end(lines: Sequence[str], start: int, column: int) -> int:
    """The last line (0-based) of the mapping that starts on line `start` with its keys at
    `column` (> 0): the lines after it indented as far or further (a sequence under one of its
    keys may stand at `column` too). Blank lines and comments in between belong to it only
    when content of it follows."""
    last = start
    for index in range(start + 1, len(lines)):
        line = read_line(lines[index])
        if line is None:
            continue
        if line.indent >= column:
            last = index
            continue
        break
    return last


def value_block_end(lines: Sequence[str], start: int, column: int) -> int:
    """The last line of the value of the key on line `start` at `column`: a block sequence
    under it may stand at the key's own column."""
    last = start
    for index in range(start + 1, len(lines)):
        line = read_line(lines[index])
        if line is None:
            continue
        if line.indent > column or (line.indent == column and line.dash is not None):
            last = index
            continue
        break
    return last


@dataclass(frozen=True)
class Cursor:
    """Where the cursor stands, read from the indentation: the path of the mapping it is in,
    plain data of the keys around it on the way (enough to tell an event's type), the keys
    its mapping has already, and whether it types a key or the value of `key`."""

    path: tuple[str | int, ...]
    data: Any
    siblings: dict[str, str]
    key: str | None
    prefix: str
    #: The value as typed so far, with an opening quote.
    raw_prefix: str = ""


_VALUE_AT = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_KEY_AT = re.compile(r"^(\s*)(-\s+)?([A-Za-z_][\w-]*)?$")


def cursor_at(lines: Sequence[str], line: int, char: int) -> Cursor | None:
    """The cursor on 0-based `line` at character `char`; None where nothing is typed that
    completion could help with (inside a comment, a flow collection, a block scalar)."""
    if not 0 <= line < len(lines):
        return None
    before = lines[line][:char]
    value = _VALUE_AT.match(before)
    typed = value or _KEY_AT.match(before)
    if typed is None:
        return None
    column = len(typed.group(1)) + len(typed.group(2) or "")
    here = _mapping(lines, line, column, typed.group(2) is not None)
    if here is None:
        return None
    path, chain, siblings = here
    raw = ""
    if value is not None:
        key: str | None = value.group(3)
        raw = value.group(4)
        prefix = raw.lstrip("'\"")
        siblings.setdefault(value.group(3), value.group(4))
    else:
        key, prefix = None, typed.group(3) or ""
    chain[-1] = {k: scalar(v) for k, v in siblings.items()}
    return Cursor(path, _nest(path, chain), siblings, key, prefix, raw)


_Mapping = tuple[tuple[str | int, ...], list[dict[str, str]], dict[str, str]]


def _mapping(
    lines: Sequence[str], line: int, column: int, item: bool, depth: int = 0
) -> _Mapping | None:
    """The path of the mapping whose keys stand at `column`, with the line `line` in it, the
    keys of each mapping on the way to it, and its own keys."""
    if depth > 50:
        return None
    siblings: dict[str, str] = {}
    item_line = line if item else None
    index = line - 1
    if item_line is None:
        while index >= 0:
            above = read_line(lines[index])
            if above is None or above.column > column:
                index -= 1
                continue
            if above.column == column and (above.dash is None or above.dash < column):
                if above.key is not None:
                    siblings.setdefault(above.key, above.value)
                if above.dash is not None:
                    item_line = index
                    break
                index -= 1
                continue
            break
    for below_index in range(line + 1, len(lines)):
        below = read_line(lines[below_index])
        if below is None or below.column > column:
            continue
        if below.column == column and below.dash is None and below.key is not None:
            siblings.setdefault(below.key, below.value)
            continue
        break
    current = read_line(lines[line])
    if current is not None and current.key is not None and current.column == column:
        siblings.setdefault(current.key, current.value)

    if item_line is not None:
        start = read_line(lines[item_line])
        dash = start.dash if start is not None and start.dash is not None else column
        count = 0
        index = item_line - 1
        while index >= 0:
            above = read_line(lines[index])
            if above is None or above.indent > dash:
                index -= 1
                continue
            if above.indent == dash and above.dash is not None:
                count += 1
                index -= 1
                continue
            break
        return _parent(lines, index, (count,), siblings, depth)
    return _parent(lines, index, (), siblings, depth)


def _parent(
    lines: Sequence[str], index: int, tail: tuple[int, ...], siblings: dict[str, str], depth: int
) -> _Mapping | None:
    if index < 0:
        if tail:
            return None  # a sequence at the top: not a case file
        return (), [siblings], siblings
    parent = read_line(lines[index])
    if parent is None or parent.key is None or scalar(parent.value):
        return None
    outer = _mapping(lines, index, parent.column, parent.dash is not None, depth + 1)
    if outer is None:
        return None
    path, chain, _ = outer
    return (*path, parent.key, *tail), [*chain, siblings], siblings


def _nest(path: tuple[str | int, ...], chain: list[dict[str, str]]) -> Any:
    """Plain data with the keys of every mapping on `path`, for `schema.model_at`."""
    levels = iter(chain)
    root: dict[str, Any] = dict(next(levels))
    node: Any = root
    for position, part in enumerate(path):
        if isinstance(part, int):
            continue
        following = path[position + 1] if position + 1 < len(path) else None
        child: Any = dict(next(levels, {}))
        if isinstance(following, int):
            holder: list[Any] = [None] * following + [child]
            node[part] = holder
        else:
            node[part] = child
        node = child
    return root
