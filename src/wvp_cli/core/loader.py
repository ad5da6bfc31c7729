"""YAML text -> Case, with a source map from YAML path to 1-based line and column.

The pipeline is strictly layered, and every problem becomes a Finding (never an exception):

1. bytes: size limit, binary data, UTF-8;
2. a cheap scan of the parser's events where the text could hold anchors, aliases or very deep
   nesting (libyaml's composer recurses in C and would crash the process on deep input);
3. `yaml.compose` with libyaml's C loader when present, so every node keeps its position;
4. a walk over the nodes: duplicate keys, non-standard tags, plain Python data and the source map;
5. pydantic validation of that data, every error mapped back through the source map.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from wvp_cli.core import pydantic_nl
from wvp_cli.core.dutch import did_you_mean
from wvp_cli.core.findings import Finding, Location, Severity, YamlPath
from wvp_cli.core.limits import (
    MAX_DEPTH as MAX_DEPTH,  # re-exported: the loader is where they apply
)
from wvp_cli.core.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from wvp_cli.core.model import EVENT_TYPES, Case
from wvp_cli.core.yaml_errors import dutch_syntax_error

#: Above this bound on the nesting depth the text is scanned before libyaml composes it.
_DEPTH_SCAN_BOUND = 1000

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: The resolver of the safe loaders, for `_resolve` (a module-level one: it holds no state).
_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=100_000)
def _resolve(kind: Any, value: Any, implicit: Any) -> Any:
    return _RESOLVER.resolve(kind, value, implicit)  # type: ignore[no-untyped-call]  # PyYAML


class _ComposeLoader(_Loader):  # type: ignore[valid-type,misc]  # CSafeLoader is untyped
    """The C loader, with the tag resolution of every node remembered: a case file repeats the
    same keys and values, and the resolver is a Python loop over regular expressions. The tag
    of a node depends only on its kind, text and style, as no path resolvers are registered;
    so the composer's calls for each node run in C: a cache hit, and two no-op hooks that
    exist only for path resolvers (`descend_resolver(parent, index)`, `ascend_resolver()`)."""

    resolve = staticmethod(_resolve)
    descend_resolver = staticmethod(operator.is_)  # two arguments in, nothing done
    ascend_resolver = staticmethod(tuple)  # no argument in, nothing done


assert not _ComposeLoader.yaml_path_resolvers, "path resolvers would need the real hooks"

_STR, _NULL, _INT, _TIMESTAMP = (
    "tag:yaml.org,2002:" + t for t in ("str", "null", "int", "timestamp")
)
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_INT = re.compile(r"[-+]?[1-9][0-9]*")

_STANDARD_TAGS = frozenset(
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


#: A YAML mapping found while walking a folder is a case file when it has one of these keys.
_CASE_KEYS = frozenset({"wvp", "sickness", "events"})

# --- the codes of the file and format rules (WVP0xx); documented in rules/format.py --------

UNREADABLE = "WVP001"
TOO_LARGE = "WVP002"
NOT_TEXT = "WVP003"
SYNTAX = "WVP004"
NOT_A_MAPPING = "WVP005"
DUPLICATE_KEY = "WVP006"
ALIAS = "WVP007"
TAG = "WVP008"
TOO_DEEP = "WVP009"
UNKNOWN_KEY = "WVP010"
MISSING = "WVP011"
WRONG_TYPE = "WVP012"
BAD_DATE = "WVP013"
VERSION = "WVP014"
BAD_VALUE = "WVP015"
UNKNOWN_EVENT = "WVP016"


@dataclass(frozen=True)
class SourceMap:
    """Where every node of one file stands: YAML path -> (line, column), both 1-based."""

    file: str
    values: Mapping[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: Mapping[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: YamlPath, *, key: bool = False) -> Location:
        """The position of the node at `path` (its key with `key=True`), or its nearest ancestor."""
        probe = tuple(path)
        while True:
            pos = (self.keys.get(probe) if key else None) or self.values.get(probe)
            if pos is not None:
                return Location(self.file, pos[0], pos[1], tuple(path))
            if not probe:
                return Location(self.file, 1, 1, tuple(path))
            probe = probe[:-1]


@dataclass(frozen=True)
class LoadedFile:
    """The result of loading one file: the case when it is valid, and every finding."""

    file: str
    source: SourceMap
    findings: tuple[Finding, ...] = ()
    case: Case | None = None
    data: Any = None
    is_case: bool = True
    #: The decoded text, for rules that need exact columns inside a value (privacy) or must
    #: look at a file the YAML parser could not read.
    text: str = ""

    @property
    def case_id(self) -> str | None:
        if self.case is not None:
            return self.case.id
        if isinstance(self.data, dict) and isinstance(self.data.get("id"), str):
            return str(self.data["id"])
        return None


def _finding(
    code: str, message: str, loc: Location, case_id: str | None = None, milestone: str | None = None
) -> Finding:
    return Finding(code, Severity.ERROR, message, loc, case_id, milestone)


def _position_of_offset(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


# --- 1. bytes -----------------------------------------------------------------------------


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"


def read_file(
    path: Path,
    display: str | None = None,
    *,
    require_case: bool = True,
    max_bytes: int = MAX_FILE_BYTES,
) -> LoadedFile:
    """Read and load one file; I/O problems become findings with code WVP001-WVP003.

    `max_bytes` is the size limit (`max_file_size` in wvp.toml); larger files are refused unread.
    """
    name = display if display is not None else str(path)
    empty = SourceMap(name)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return LoadedFile(
                name,
                empty,
                (
                    _finding(
                        TOO_LARGE,
                        f"bestand is {_size_text(size)}; wvp leest case-bestanden tot "
                        f"{_size_text(max_bytes)} (max_file_size in wvp.toml)",
                        Location(name),
                    ),
                ),
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return LoadedFile(
            name,
            empty,
            (_finding(UNREADABLE, f"kan bestand niet lezen: {reason}", Location(name)),),
        )
    if len(raw) > max_bytes:  # the file grew between stat and read, or it is a pipe
        return too_large(name, max_bytes)
    return load_bytes(raw, name, require_case=require_case)


def too_large(file: str, max_bytes: int) -> LoadedFile:
    """A file found larger than `max_bytes` while it was read (a pipe has no size before)."""
    msg = f"bestand is groter dan {_size_text(max_bytes)} (max_file_size in wvp.toml)"
    return LoadedFile(file, SourceMap(file), (_finding(TOO_LARGE, msg, Location(file)),))


def load_bytes(raw: bytes, file: str, *, require_case: bool = True) -> LoadedFile:
    """Decode and load the bytes of one file."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        msg = "bestand bevat binaire gegevens (NUL-byte); een case-bestand is YAML-tekst"
        return LoadedFile(
            file, SourceMap(file), (_finding(NOT_TEXT, msg, Location(file, line, col)),)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = "bestand is geen geldige UTF-8-tekst; sla het op als UTF-8"
        return LoadedFile(
            file, SourceMap(file), (_finding(NOT_TEXT, msg, Location(file, line, col)),)
        )
    return load_text(text.removeprefix("\ufeff"), file, require_case=require_case)


# --- 2. the event scan --------------------------------------------------------------------


def _needs_event_scan(text: str) -> bool:
    if "&" in text or "*" in text:
        return True
    # Block nesting needs a longer line for every level; flow nesting needs a bracket.
    bound = text.count("[") + text.count("{") + max(map(len, text.splitlines()), default=0)
    return bound > _DEPTH_SCAN_BOUND


def _too_deep_message() -> str:
    return f"structuur is dieper genest dan {MAX_DEPTH} niveaus; dit is geen case-bestand"


def _scan_events(text: str, file: str) -> list[Finding]:
    findings: list[Finding] = []
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        loc = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        if isinstance(event, yaml.AliasEvent):
            findings.append(
                _finding(
                    ALIAS,
                    f"YAML-alias '*{event.anchor}' is niet toegestaan; schrijf de waarde uit",
                    loc,
                )
            )
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            findings.append(
                _finding(
                    ALIAS,
                    f"YAML-anker '&{event.anchor}' is niet toegestaan; schrijf de waarde uit",
                    loc,
                )
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                findings.append(_finding(TOO_DEEP, _too_deep_message(), loc))
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if len(findings) >= 50:
            break
    return findings


# --- 3 and 4. compose and walk ------------------------------------------------------------


class _Walker:
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
                    _finding(
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
                            _finding(
                                TAG,
                                f"YAML-tag '{key_node.tag}' is niet toegestaan",
                                self._loc(key_node, path),
                            )
                        )
                    if not isinstance(key_node, scalar_node):
                        self.findings.append(
                            _finding(
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
                            _finding(
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


# --- 5. validation -----------------------------------------------------------------------


def _model_at(path: Sequence[str | int], data: Any) -> type[BaseModel] | None:
    """The model class that describes the mapping at `path`, to suggest the known keys."""
    annotation: Any = Case
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            annotation = _element_type(annotation)
            continue
        cls = _as_model(annotation, node)
        if cls is None:
            return None
        info = next((f for n, f in cls.model_fields.items() if (f.alias or n) == part), None)
        if info is None:
            return None
        annotation = info.annotation
        node = node.get(part) if isinstance(node, dict) else None
    return _as_model(annotation, node)


def _element_type(annotation: Any) -> Any:
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is list:
            return get_args(arg)[0]
    return None


def _as_model(annotation: Any, node: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    kind = node.get("type") if isinstance(node, dict) else None
    candidates = [_as_model(arg, node) for arg in get_args(annotation)]
    models = [c for c in candidates if c is not None]
    for cls in models:
        field_info = cls.model_fields.get("type")
        if field_info is not None and get_args(field_info.annotation) == (kind,):
            return cls
    return models[0] if len(models) == 1 else None


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


def _describe(value: Any) -> str:
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


def _validation_findings(exc: ValidationError, data: Any, source: SourceMap) -> Iterator[Finding]:
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
            model_cls = _model_at(path[:-1], data)
            known = [f.alias or n for n, f in model_cls.model_fields.items()] if model_cls else []
            suggestion = did_you_mean(key, known)
            where = source.locate(path, key=True)
            hint = suggestion or (f"; bekende velden: {', '.join(known)}" if known else "")
            yield _finding(UNKNOWN_KEY, f"onbekend veld '{key}'{hint}", where, case_id)
        elif kind == "missing" or (kind == "union_tag_not_found"):
            name = "type" if kind == "union_tag_not_found" else str(loc[-1])
            where = source.locate(path)
            if name == "wvp" and not path:
                msg = "formaatversie ontbreekt: zet 'wvp: 1' bovenaan het bestand"
                yield _finding(VERSION, msg, where, case_id)
            else:
                yield _finding(MISSING, f"verplicht veld '{name}' ontbreekt", where, case_id)
        elif kind == "union_tag_invalid":
            tag = str(error.get("ctx", {}).get("tag", value))
            where = source.locate((*path, "type"))
            msg = f"onbekend soort gebeurtenis '{tag}'{did_you_mean(tag, EVENT_TYPES)}"
            yield _finding(UNKNOWN_EVENT, msg, where, case_id)
        elif path == ("wvp",) and kind == "literal_error":
            msg = f"onbekende formaatversie {value!r}; deze versie van wvp kent formaat 1"
            yield _finding(VERSION, msg, source.locate(path), case_id)
        elif kind == "value_error":
            reason = str(error.get("ctx", {}).get("error", error["msg"]))
            yield _finding(BAD_DATE, reason, source.locate(path), case_id)
        elif kind in _TYPE_WORDS:
            msg = f"verwacht {_TYPE_WORDS[kind]}, maar hier staat {_describe(value)}"
            if kind == "string_type" and isinstance(value, dt.date | int | float):
                msg += "; zet de waarde tussen aanhalingstekens als het tekst is"
            yield _finding(WRONG_TYPE, msg, source.locate(path), case_id)
        elif kind == "literal_error":
            expected = str(error.get("ctx", {}).get("expected", ""))
            options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",")]
            hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
            expected = expected.replace(" or ", " of ")
            msg = f"ongeldige waarde {value!r}; kies uit {expected}{hint}"
            yield _finding(BAD_VALUE, msg, source.locate(path), case_id)
        elif kind == "too_short":
            yield _finding(
                MISSING, "deze lijst mag niet leeg zijn", source.locate(path, key=True), case_id
            )
        elif kind == "string_too_long":
            limit = error.get("ctx", {}).get("max_length", "")
            msg = f"tekst is te lang: hoogstens {limit} tekens; zet lange stukken in een document"
            yield _finding(BAD_VALUE, msg, source.locate(path), case_id)
        elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bound = next(iter(error.get("ctx", {}).values()), "")
            word = "minstens" if kind.startswith("greater") else "hoogstens"
            shown = f"{bound:g}" if isinstance(bound, float) else str(bound)
            msg = f"waarde {value!r} valt buiten het bereik: {word} {shown}"
            yield _finding(BAD_VALUE, msg, source.locate(path), case_id)
        elif kind == "string_too_short":
            yield _finding(MISSING, "deze tekst mag niet leeg zijn", source.locate(path), case_id)
        else:
            msg = pydantic_nl.message(error)  # pydantic's English in Dutch
            yield _finding(BAD_VALUE, msg, source.locate(path), case_id)


def load_text(text: str, file: str, *, require_case: bool = True) -> LoadedFile:
    """Load the text of one case file. With `require_case=False` (files found while walking a
    folder) a YAML mapping without any case key is reported as not being a case file."""
    if not require_case and not any(key in text for key in _CASE_KEYS):
        # A folder may hold thousands of other YAML files (CI configs, data): a text without
        # any case key cannot be a case, so it is skipped without being parsed.
        return LoadedFile(file, SourceMap(file), is_case=False)
    if _needs_event_scan(text):
        try:
            early = _scan_events(text, file)
        except yaml.MarkedYAMLError as exc:
            # libyaml 0.2.5 and later stop at a nesting depth of their own (1,000 levels) while
            # scanning ahead, before the first event: that is too deep, not a syntax error.
            mark = exc.problem_mark
            if mark is not None and "nesting depth" in (exc.problem or ""):
                loc = Location(file, mark.line + 1, mark.column + 1)
                early = [_finding(TOO_DEEP, _too_deep_message(), loc)]
            else:
                early = []  # the composer below reports the syntax error with its position
        except yaml.YAMLError:
            early = []
        if early:
            return LoadedFile(file, SourceMap(file), tuple(early))
    try:
        root = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        offset = getattr(exc.problem_mark, "index", None)
        char = text[offset] if isinstance(offset, int) and 0 <= offset < len(text) else ""
        msg = dutch_syntax_error(exc.problem, exc.context, char)
        return LoadedFile(
            file, SourceMap(file), (_finding(SYNTAX, msg, Location(file, line, col)),), text=text
        )
    except yaml.reader.ReaderError as exc:
        line, col = _position_of_offset(text, exc.position)
        msg = f"teken {exc.character!r} is niet toegestaan in YAML"
        return LoadedFile(
            file, SourceMap(file), (_finding(NOT_TEXT, msg, Location(file, line, col)),)
        )
    except yaml.YAMLError as exc:
        msg = f"YAML-fout: {exc}"
        return LoadedFile(file, SourceMap(file), (_finding(SYNTAX, msg, Location(file)),))

    if root is None:
        msg = "bestand is leeg; een case-bestand begint met 'wvp: 1'"
        return LoadedFile(
            file,
            SourceMap(file),
            (_finding(NOT_A_MAPPING, msg, Location(file)),),
            is_case=require_case,
        )
    walker = _Walker(file)
    data = walker.walk(root)
    source = SourceMap(file, walker.values, walker.keys)
    if not isinstance(data, dict):
        msg = f"een case-bestand is een mapping met sleutels, maar dit is {_describe(data)}"
        loc = source.locate(())
        return LoadedFile(
            file,
            source,
            (_finding(NOT_A_MAPPING, msg, loc),),
            data=data,
            is_case=require_case,
            text=text,
        )
    if not require_case and not (_CASE_KEYS & data.keys()):
        return LoadedFile(file, source, data=data, is_case=False)

    findings = list(walker.findings)
    case: Case | None = None
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        findings.extend(_validation_findings(exc, data, source))
    if findings:
        case = None
    findings.sort(key=Finding.sort_key)
    return LoadedFile(file, source, tuple(findings), case, data, text=text)
