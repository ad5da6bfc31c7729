"""Where a key stands in a TOML text: its line, found by a simple scan (tomllib gives values,
not positions), so that every problem in a configuration names its line."""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEYLINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""")


_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[^."']+)\s*(?:\.|$)""")


def _parts(dotted: str) -> tuple[str, ...]:
    """`notify.recipients."S. Visser"` -> ("notify", "recipients", "S. Visser"): a quoted part
    may hold dots."""
    return tuple(m.group(1).strip().strip("\"'") for m in _PART.finditer(dotted) if m.group(1))


def line_of(
    text: str, base: tuple[str, ...], key: tuple[str, ...], value: str | None = None
) -> int | None:
    """The 1-based line of `key` (below the table `base`) in a TOML text, by a simple scan.

    Handles `[table]` headers, dotted keys and plain keys; with `value`, the line of that
    quoted value at or after the key (items of a list spread over lines). Falls back to the
    nearest enclosing key or table, and `None` when nothing is found.
    """
    lines = text.splitlines()
    for depth in range(len(key), 0, -1):
        wanted = base + key[:depth]
        table: tuple[str, ...] = ()
        for number, line in enumerate(lines, start=1):
            header = _HEADER.match(line)
            if header and not line.lstrip().startswith("[["):
                table = _parts(header.group(1))
                if table == wanted:
                    return number
                continue
            match = _KEYLINE.match(line)
            if match and table + _parts(match.group(1)) == wanted:
                if value is not None and depth == len(key):
                    return _value_line(lines, number, value)
                return number
    return None


def _value_line(lines: list[str], start: int, value: str) -> int:
    quoted = (f'"{value}"', f"'{value}'")
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number > start and (_HEADER.match(line) or _KEYLINE.match(line)):
            break
        if any(q in line for q in quoted):
            return number
    return start
