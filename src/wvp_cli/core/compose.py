"""Steps 2 to 4 of loading (see loader.py): a cheap scan of the parser's events where the text
could hold anchors, aliases or very deep nesting; `yaml.compose` with libyaml's C loader when
present, so every node keeps its position; and a walk over the nodes that finds duplicate keys
and non-standard tags and builds plain Python data and the source map."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from typing import Any

import yaml

from wvp_cli.core.findings import Finding, Location, YamlPath
from wvp_cli.core.limits import MAX_DEPTH
from wvp_cli.core.source import ALIAS, DUPLICATE_KEY, TAG, TOO_DEEP, WRONG_TYPE, format_error

#: Above this bound on the nesting depth the text is scanned before libyaml composes it.
_DEPTH_SCAN_BOUND = 1000

Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: The resolver of the safe loaders, for `_resolve` (a module-level one: it holds no state).
_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=100_000)
def _resolve(kind: Any, value: Any, implicit: Any) -> Any:
    return _RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML


class ComposeLoader(Loader):  # type: ignore[valid-type,misc]  # CSafeLoader is untyped
    """The C loader, with the tag resolution of every node remembered: a case file repeats the
    same keys and values, and the resolver is a Python loop over regular expressions. The tag
    of a node depends only on its kind, text and style, as no path resolvers are registered;
    so the composer's calls for each node run in C: a cache hit, and two no-op hooks that
    exist only for path resolvers (`descend_resolver(parent, index)`, `ascend_resolver()`)."""

    resolve = staticmethod(_resolve)
    descend_resolver = staticmethod(operator.is_)  # two arguments in, nothing done
    ascend_resolver = staticmethod(tuple)  # no argument in, nothing done


assert not ComposeLoader.yaml_path_resolvers, "path resolvers would need the real hooks"

_STR, _NULL, _INT, _TIMESTAMP = (
    "tag:yaml.org,2002:" + t for t in ("str", "null", "int", "timestamp")
)
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_INT = re.compile(r"[-+]?[1-9][0-9]*")

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


def needs_event_scan(text: str) -> bool:
    if "&" in text or "*" in text:
        return True
    # Block nesting needs a longer line for every level; flow nesting needs a bracket.
    bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    return bound > _DEPTH_SCAN_BOUND


def too_deep_message() -> str:
    return f"structuur is dieper genest dan {MAX_DEPTH} niveaus; dit is geen case-bestand"


def scan_events(text: str, file: str) -> list[Finding]:
    findings: list[Finding] = []
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        mark = event.start_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        if isinstance(event, yaml.AliasEvent):
            findings.append(
                format_error(
                    ALIAS,
                    f"YAML-alias '*{event.anchor}' is niet toegestaan; schrijf de waarde uit",
                    loc,
                )
            )
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            findings.append(
                format_error(
                    ALIAS,
                    f"YAML-anker '&{event.anchor}' is niet toegestaan; schrijf de waarde uit",
                    loc,
                )
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                findings.append(format_error(TOO_DEEP, too_deep_message(), loc))
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(findings) >= 50:
            break
    return findings


class Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[YamlPath, tuple[int, int]] = {}
        self.keys: dict[YamlPath, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self._constructor: yaml.SafeLoader | None = None  # made for the first unusual scalar

    def _loc(self, node: yaml.Node, path: YamlPath) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1, path)

    def walk(self, root: yaml.Node) -> Any:
        """Turn the node tree into plain data; iterative, so no input exhausts the stack.
        A plain text value (most of a case file) is taken as it is met; every other node is
        stacked and handled in turn."""
        result: list[Any] = [None]
        # (node, path, container, slot)
        stack: list[tuple[yaml.Node, YamlPath, Any, Any]] = [(root, (), result, 0)]
        values, keys, push, pop = self.values, self.keys, stack.append, stack.pop
        standard, scalar_node = _STANDARD_TAGS, yaml.ScalarNode
        while stack:
            node, path, container, slot = pop()
            mark = node.start_mark
            values[path] = (mark.line + 1, mark.column + 1)
            if node.tag not in standard:
                self.findings.append(
                    format_error(
                        TAG, f"YAML-tag '{node.tag}' is niet toegestaan", self._loc(node, path)
                    )
                )
                container[slot] = None
            elif isinstance(node, yaml.MappingNode):
                mapping: dict[str, Any] = {}
                container[slot] = mapping
                for key_node, value_node in node.value:
                    if key_node.tag not in standard:
                        self.findings.append(
                            format_error(
                                TAG,
                                f"YAML-tag '{key_node.tag}' is niet toegestaan",
                                self._loc(key_node, path),
                            )
                        )
                    if not isinstance(key_node, scalar_node):
                        self.findings.append(
                            format_error(
                                WRONG_TYPE,
                                "een sleutel moet een naam zijn, geen lijst of mapping",
                                self._loc(key_node, path),
                            )
                        )
                        continue
                    key = str(key_node.value)
                    child = (*path, key)
                    if key in mapping:
                        first = keys[child]
                        self.findings.append(
                            format_error(
                                DUPLICATE_KEY,
                                f"sleutel '{key}' staat hier nog een keer "
                                f"(eerst op regel {first[0]}); de tweede telt niet",
                                self._loc(key_node, child),
                            )
                        )
                        continue
                    mark = key_node.start_mark
                    keys[child] = (mark.line + 1, mark.column + 1)
                    if value_node.tag == _STR and isinstance(value_node, scalar_node):
                        mark = value_node.start_mark
                        values[child] = (mark.line + 1, mark.column + 1)
                        mapping[key] = value_node.value
                    else:
                        mapping[key] = None
                        push((value_node, child, mapping, key))
            elif isinstance(node, yaml.SequenceNode):
                items: list[Any] = [None] * len(node.value)
                container[slot] = items
                for index, item in enumerate(node.value):
                    if item.tag == _STR and isinstance(item, scalar_node):
                        mark = item.start_mark
                        values[(*path, index)] = (mark.line + 1, mark.column + 1)
                        items[index] = item.value
                    else:
                        push((item, (*path, index), items, index))
            else:
                container[slot] = self._scalar(node)
        return result[0]

    def _scalar(self, node: yaml.Node) -> Any:
        # Fast paths that give exactly what PyYAML's constructors give for the common scalars.
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP and _PLAIN_DATE.fullmatch(value):
            try:
                return dt.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
            except ValueError:
                return value  # an impossible date such as 2026-02-30, as below
        if tag == _INT and _PLAIN_INT.fullmatch(value):
            return int(value)
        try:
            if self._constructor is None:
                self._constructor = yaml.SafeLoader("")
            return self._constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            # An impossible date such as 2026-02-30: the model says what is wrong with it.
            return node.value
