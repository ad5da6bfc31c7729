"""The round-trip YAML document of a case file: reading and dumping it with ruamel, putting a
changed dump back into the user's text line by line, and writing values as the format does."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable, Mapping
from typing import Any

#: The sections of a case file that hold lists, in the order the format shows them.
SECTIONS: tuple[str, ...] = ("sickness", "leave", "extensions", "deviations", "events")

#: Keys whose values are free text: written quoted, as the format's examples do, so that a text
#: like `2026-03-01` or `ja` stays a text.
_PLAIN_CHOICES = frozenset(
    {"type", "conclusion", "requested_by", "reason_code", "milestone", "work", "who"}
)


#: A change: edits the round-trip document in place, returns a one-line summary and whether a
#: new list item gets a blank line before it (when the list's items stand apart that way).
Change = Callable[[Any, str], "str | tuple[str, bool]"]


#: A value of a choice (`spoor_2`, `werknemer`): written plain, as the format's examples do.
_CHOICE = re.compile(r"(?!(?:yes|no|on|off|true|false|null|y|n)$)[a-z][a-z0-9_]*")


class EditProblem(Exception):
    """The change cannot be made; the message says why in Dutch (exit code 2)."""


# --- reading and writing YAML with ruamel ------------------------------------------------


def _yaml(text: str) -> Any:
    """A round-trip YAML instance with the indentation the file uses."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one line
    try:
        _, indent, offset = load_yaml_guess_indent(text)
    except Exception:  # the real load below reports the problem
        indent, offset = None, None
    sequence = indent if isinstance(indent, int) and indent > 0 else 4
    dash = offset if isinstance(offset, int) and 0 <= offset < sequence else sequence - 2
    yaml.indent(mapping=2, sequence=sequence, offset=max(dash, 0))
    return yaml


def _dump(yaml: Any, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _norm(line: str) -> str:
    """A line without its layout: ruamel may indent or space it differently than the user."""
    return " ".join(line.split())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _merge(original: str, base: str, changed: str, *, blank: bool = False) -> str | None:
    """Apply the change `base` → `changed` (both written by ruamel) to `original` (the user's
    text, which `base` reproduces up to layout). Lines are matched without their layout, so a
    line the user indented or spaced otherwise stays as written, and new lines take the indent
    of the original line they follow. None when a changed line has no place in the original.
    With `blank`, an inserted list item that follows a line with text gets a blank line."""
    orig = original.splitlines(keepends=True)
    old = base.splitlines(keepends=True)
    new = changed.splitlines(keepends=True)
    where: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(
        None, [_norm(x) for x in old], [_norm(x) for x in orig], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            where[block.a + k] = block.b + k
    hunks: list[tuple[int, int, list[str]]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        if any(i not in where for i in range(i1, i2)):
            return None
        if i2 > i1:
            start, end = where[i1], where[i2 - 1] + 1
            if end - start != i2 - i1:
                return None
            shift = _indent(orig[start]) - _indent(old[i1])
        elif i1 == 0:
            start = end = 0
            shift = 0
        elif i1 - 1 in where:
            start = end = where[i1 - 1] + 1
            shift = _indent(orig[start - 1]) - _indent(old[i1 - 1])
        else:
            return None
        lines = [_shifted(line, shift) for line in new[j1:j2]]
        if (
            blank
            and i1 == i2
            and lines
            and lines[0].lstrip().startswith("- ")
            and start > 0
            and orig[start - 1].strip()
        ):
            lines = ["\n", *lines]
        hunks.append((start, end, lines))
    for start, end, lines in sorted(hunks, reverse=True):
        orig[start:end] = lines
    return "".join(orig)


def _shifted(line: str, shift: int) -> str:
    if shift > 0 and line.strip():
        return " " * shift + line
    if shift < 0 and line.strip() and _indent(line) >= -shift:
        return line[-shift:]
    return line


# --- values as the file writes them -------------------------------------------------------


def node(key: str | None, value: Any) -> Any:
    """A Python value as the file writes it (see `_node`): for changes made outside this
    package, such as the importer's."""
    return _node(key, value)


def _node(key: str | None, value: Any) -> Any:
    """A Python value as a ruamel node: texts double-quoted (literal block when multi-line),
    mappings and lists as block nodes in the order given."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(k, v)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq()
        for item in value:
            seq.append(_node(key, item))
        if all(isinstance(v, int) for v in value):
            seq.fa.set_flow_style()  # track: [1, 2]
        return seq
    if isinstance(value, str) and not (key in _PLAIN_CHOICES and _CHOICE.fullmatch(value)):
        if "\n" in value:
            return LiteralScalarString(value if value.endswith("\n") else value + "\n")
        return DoubleQuotedScalarString(value)
    return value


def _section(document: Any, name: str) -> Any:
    """The list `name` of the document, made (before `events`) when the file has none; an empty
    flow list (`events: []`) becomes a block list so that items are written one per line."""
    from ruamel.yaml.comments import CommentedSeq

    seq = document.get(name)
    if seq is None:
        seq = CommentedSeq()
        keys = list(document.keys())
        later = [k for k in SECTIONS[SECTIONS.index(name) + 1 :] if k in document]
        position = keys.index(later[0]) if later else len(keys)
        document.insert(position, name, seq)
        return seq
    if not isinstance(seq, list):
        raise EditProblem(f"'{name}' is geen lijst in dit bestand; herstel dat eerst")
    flow: Any = getattr(seq, "fa", None)
    if not seq and flow is not None and flow.flow_style():
        flow.set_block_style()
    return seq


def _trailer_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comments and blank lines that follow `node` in the text: on the
    last key of a mapping (or of its last nested item), or on the last item of a list."""
    if isinstance(node, dict) and node:
        last = list(node.keys())[-1]
        value = node[last]
        if isinstance(value, dict | list) and value:
            return _trailer_slot(value)
        return (node, last, 2) if hasattr(node, "ca") else None
    if isinstance(node, list) and node:
        value = node[-1]
        if isinstance(value, dict | list) and value:
            return _trailer_slot(value)
        return (node, len(node) - 1, 0) if hasattr(node, "ca") else None
    return None


def _move_trailer(source: Any, target: Any) -> None:
    """Move what follows `source` in the text (blank lines, comment lines) to after `target`,
    which is now written right after it; an end-of-line comment stays where it is."""
    here, there = _trailer_slot(source), _trailer_slot(target)
    if here is not None and there is not None:
        _move_slot(here, there)


def move_trailer_key(mapping: Any, old: Any, new: Any) -> None:
    """Public name of `_move_trailer_key`, for changes made outside this package."""
    _move_trailer_key(mapping, old, new)


def _move_trailer_key(mapping: Any, old: Any, new: Any) -> None:
    """Key `new` was added right after `old`, the mapping's last key before: what followed
    `old` in the text now follows `new`."""
    _move_slot((mapping, old, 2), (mapping, new, 2))


def _move_slot(here: tuple[Any, Any, int], there: tuple[Any, Any, int]) -> None:
    import copy

    node, key, slot = here
    entry = node.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None:
        return
    token = entry[slot]
    value: str = token.value
    if value.startswith("#"):
        first, _, rest = value.partition("\n")
        if not rest:
            return
        token.value = first + "\n"
        moved = "\n" + rest
    else:
        entry[slot] = None
        moved = value
    new = copy.copy(token)
    new.value = moved
    t_node, t_key, t_slot = there
    t_entry = t_node.ca.items.setdefault(t_key, [None] * (t_slot + 2))
    while len(t_entry) <= t_slot:
        t_entry.append(None)
    t_entry[t_slot] = new


def _blank_after(document: Any, section: str) -> None:
    """A new section follows the one before it; when that one ends with a blank line (as the
    format's sections do), the new one ends with one too."""
    import copy

    keys = list(document.keys())
    index = keys.index(section)
    if index == 0 or index == len(keys) - 1:
        return
    here, there = _trailer_slot(document[keys[index - 1]]), _trailer_slot(document[section])
    if here is None or there is None:
        return
    node, key, slot = here
    entry = node.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None or "\n\n" not in entry[slot].value:
        return
    new = copy.copy(entry[slot])
    new.value = "\n\n"
    t_node, t_key, t_slot = there
    t_entry = t_node.ca.items.setdefault(t_key, [None] * (t_slot + 2))
    t_entry[t_slot] = new


def _separated(text: str, seq: Any) -> bool:
    """True when the items of `seq` stand apart with a blank line, as in the samples."""
    lines = text.splitlines()
    if len(seq) < 2 or not hasattr(seq, "lc"):
        return False
    for index in range(1, len(seq)):
        line, _ = seq.lc.item(index)
        if line < 1 or line > len(lines) or lines[line - 1].strip():
            return False
    return True
