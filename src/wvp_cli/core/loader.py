"""YAML text -> Case, with a source map from YAML path to 1-based line and column.

The pipeline is strictly layered, and every problem becomes a Finding (never an exception):

1. bytes: size limit, binary data, UTF-8;
2. a cheap scan of the parser's events where the text could hold anchors, aliases or very deep
   nesting (libyaml's composer recurses in C and would crash the process on deep input);
3. `yaml.compose` with libyaml's C loader when present, so every node keeps its position;
4. a walk over the nodes: duplicate keys, non-standard tags, plain Python data and the source map;
5. pydantic validation of that data, every error mapped back through the source map.

Steps 1 and the order of them are here; 2 to 4 are compose.py, 5 is schema_errors.py, and what
they make (the codes, `SourceMap`, `LoadedFile`) is source.py.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from wvp_cli.core.compose import (
    ComposeLoader,
    Walker,
    needs_event_scan,
    scan_events,
    too_deep_message,
)
from wvp_cli.core.findings import Finding, Location
from wvp_cli.core.limits import (
    MAX_DEPTH as MAX_DEPTH,  # re-exported: the loader is where they apply
)
from wvp_cli.core.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from wvp_cli.core.model import Case
from wvp_cli.core.schema_errors import describe, validation_findings

# The codes, the source map and the loaded file live in source.py; importable from here.
from wvp_cli.core.source import (
    ALIAS as ALIAS,
)
from wvp_cli.core.source import (
    BAD_DATE as BAD_DATE,
)
from wvp_cli.core.source import (
    BAD_VALUE as BAD_VALUE,
)
from wvp_cli.core.source import (
    DUPLICATE_KEY as DUPLICATE_KEY,
)
from wvp_cli.core.source import (
    MISSING as MISSING,
)
from wvp_cli.core.source import (
    NOT_A_MAPPING as NOT_A_MAPPING,
)
from wvp_cli.core.source import (
    NOT_TEXT as NOT_TEXT,
)
from wvp_cli.core.source import (
    SYNTAX as SYNTAX,
)
from wvp_cli.core.source import (
    TAG as TAG,
)
from wvp_cli.core.source import (
    TOO_DEEP as TOO_DEEP,
)
from wvp_cli.core.source import (
    TOO_LARGE as TOO_LARGE,
)
from wvp_cli.core.source import (
    UNKNOWN_EVENT as UNKNOWN_EVENT,
)
from wvp_cli.core.source import (
    UNKNOWN_KEY as UNKNOWN_KEY,
)
from wvp_cli.core.source import (
    UNREADABLE as UNREADABLE,
)
from wvp_cli.core.source import (
    VERSION as VERSION,
)
from wvp_cli.core.source import (
    WRONG_TYPE as WRONG_TYPE,
)
from wvp_cli.core.source import (
    LoadedFile as LoadedFile,
)
from wvp_cli.core.source import (
    SourceMap as SourceMap,
)
from wvp_cli.core.source import (
    format_error,
)
from wvp_cli.core.yaml_errors import dutch_syntax_error

#: A YAML mapping found while walking a folder is a case file when it has one of these keys.
_CASE_KEYS = frozenset({"wvp", "sickness", "events"})


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
                    format_error(
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
            (format_error(UNREADABLE, f"kan bestand niet lezen: {reason}", Location(name)),),
        )
    if len(raw) > max_bytes:  # the file grew between stat and read, or it is a pipe
        return too_large(name, max_bytes)
    return load_bytes(raw, name, require_case=require_case)


def too_large(file: str, max_bytes: int) -> LoadedFile:
    """A file found larger than `max_bytes` while it was read (a pipe has no size before)."""
    msg = f"bestand is groter dan {_size_text(max_bytes)} (max_file_size in wvp.toml)"
    return LoadedFile(file, SourceMap(file), (format_error(TOO_LARGE, msg, Location(file)),))


def load_bytes(raw: bytes, file: str, *, require_case: bool = True) -> LoadedFile:
    """Decode and load the bytes of one file."""
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        col = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        msg = "bestand bevat binaire gegevens (NUL-byte); een case-bestand is YAML-tekst"
        return LoadedFile(
            file, SourceMap(file), (format_error(NOT_TEXT, msg, Location(file, line, col)),)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = "bestand is geen geldige UTF-8-tekst; sla het op als UTF-8"
        return LoadedFile(
            file, SourceMap(file), (format_error(NOT_TEXT, msg, Location(file, line, col)),)
        )
    return load_text(text.removeprefix("\ufeff"), file, require_case=require_case)


def load_text(text: str, file: str, *, require_case: bool = True) -> LoadedFile:
    """Load the text of one case file. With `require_case=False` (files found while walking a
    folder) a YAML mapping without any case key is reported as not being a case file."""
    if not require_case and not any(key in text for key in _CASE_KEYS):
        # A folder may hold thousands of other YAML files (CI configs, data): a text without
        # any case key cannot be a case, so it is skipped without being parsed.
        return LoadedFile(file, SourceMap(file), is_case=False)
    if needs_event_scan(text):
        try:
            early = scan_events(text, file)
        except yaml.MarkedYAMLError as exc:
            # libyaml 0.2.5 and later stop at a nesting depth of their own (1,000 levels) while
            # scanning ahead, before the first event: that is too deep, not a syntax error.
            mark = exc.problem_mark
            if mark is not None and "nesting depth" in (exc.problem or ""):
                loc = Location(file, mark.line + 1, mark.column + 1)
                early = [format_error(TOO_DEEP, too_deep_message(), loc)]
            else:
                early = []  # the composer below reports the syntax error with its position
        except yaml.YAMLError:
            early = []
        if early:
            return LoadedFile(file, SourceMap(file), tuple(early))
    try:
        root = yaml.compose(text, Loader=ComposeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        offset = getattr(exc.problem_mark, "index", None)
        char = text[offset] if isinstance(offset, int) and 0 <= offset < len(text) else ""
        msg = dutch_syntax_error(exc.problem, exc.context, char)
        return LoadedFile(
            file,
            SourceMap(file),
            (format_error(SYNTAX, msg, Location(file, line, col)),),
            text=text,
        )
    except yaml.reader.ReaderError as exc:
        line, col = _position_of_offset(text, exc.position)
        msg = f"teken {exc.character!r} is niet toegestaan in YAML"
        return LoadedFile(
            file, SourceMap(file), (format_error(NOT_TEXT, msg, Location(file, line, col)),)
        )
    except yaml.YAMLError as exc:
        msg = f"YAML-fout: {exc}"
        return LoadedFile(file, SourceMap(file), (format_error(SYNTAX, msg, Location(file)),))

    if root is None:
        msg = "bestand is leeg; een case-bestand begint met 'wvp: 1'"
        return LoadedFile(
            file,
            SourceMap(file),
            (format_error(NOT_A_MAPPING, msg, Location(file)),),
            is_case=require_case,
        )
    walker = Walker(file)
    data = walker.walk(root)
    source = SourceMap(file, walker.values, walker.keys)
    if not isinstance(data, dict):
        msg = f"een case-bestand is een mapping met sleutels, maar dit is {describe(data)}"
        loc = source.locate(())
        return LoadedFile(
            file,
            source,
            (format_error(NOT_A_MAPPING, msg, loc),),
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
        findings.extend(validation_findings(exc, data, source))
    if findings:
        case = None
    findings.sort(key=Finding.sort_key)
    return LoadedFile(file, source, tuple(findings), case, data, text=text)
