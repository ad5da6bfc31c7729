"""Findings and timelines -> text (rich), json (cli.md, schema_version 1) or github annotations.

JSON documents and exit codes are an API (docs/cli.md); the human text may change.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from wvp_cli.core.dutch import long_date
from wvp_cli.core.findings import Finding, Severity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from wvp_cli.engine import CheckResult
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import CheckReport

SCHEMA_VERSION = 1

# C0/C1 controls, the Unicode line and paragraph separators, and the bidi controls that can
# make text in a terminal or a CI log read differently from what the file says ("Trojan
# Source"). A line break from case data would start a line of its own: in a CI log one that
# the runner reads as a command (`::add-mask::`, `::error::`).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The same within a JSON document, whose line breaks and indentation are its own (`json`
# escapes those inside strings already).
_UNSAFE_IN_JSON = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe(text: str) -> str:
    """Text from a case file as one inert line: control, line-break and bidi characters
    escaped (`\\u000a`, `\\u202e`) instead of letting them act."""
    if text.isprintable():  # none of them is printable: the common case, one pass in C
        return text
    return _UNSAFE.sub(_escaped, text)


def plain(console: Console) -> bool:
    """Whether `console` renders no styles (not a terminal): then what rich writes for a text
    is the text itself (tabs expanded), and wvp writes it directly (`write_plain`), as rich's
    rendering costs about a second for the 10,000s of lines of a large repository."""
    return (
        console.color_system is None
        and not console.record
        and not console.quiet
        and bool(console.soft_wrap)
    )


def write_plain(console: Console, text: str) -> None:
    """Write `text` as it is to a console that renders no styles (see `plain`). Not for use
    inside `console.capture()` or `with console:` (wvp uses neither), which this would write
    past."""
    if "\t" in text:
        from rich.text import Text

        console.print(Text(text), end="")
        return
    try:
        console.file.write(text)
        console.file.flush()
    except BrokenPipeError:  # `wvp check | head`: as rich does it
        console.on_broken_pipe()


def write_text(console: Console, text: Text, end: str = "\n") -> None:
    """`console.print(text, end=end)` for a console that soft-wraps; written directly when it
    renders no styles (see `plain`). A test checks that both write the same."""
    if plain(console):
        write_plain(console, text.plain + end)
    else:
        console.print(text, end=end)


def finding_json(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "case": finding.case,
        "milestone": finding.milestone,
        "message": finding.message,
    }


def dumps(document: dict[str, Any]) -> str:
    """JSON with the control and bidi characters `json` leaves alone written as `\\uXXXX`
    escapes: the same document for a JSON reader, but inert in a terminal or CI log."""
    return _UNSAFE_IN_JSON.sub(_escaped, encode_json(document)) + "\n"


def encode_json(document: Any) -> str:
    """`json.dumps(document, ensure_ascii=False, indent=2)`, the same text, made by orjson (in
    C; the standard library's encoder is pure Python with `indent`). What orjson cannot write
    (a lone surrogate from a file name that is not UTF-8, an integer beyond 64 bits) goes to the
    standard library's encoder."""
    import orjson

    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return plain_json(document)


def plain_json(document: Any) -> str:
    """The standard library's encoding, which `encode_json` gives faster."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def check_json(result: CheckResult) -> str:
    return "".join(check_json_pieces(result))


def _head(result: CheckResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": result.as_of.isoformat(),
        "files_checked": result.files_checked,
        # Silenced in the file with a reason (`# wvp: negeer`): listed, never hidden.
        "suppressed": [
            {**finding_json(q.finding), "reason": q.reason, "comment_line": q.line}
            for q in result.suppressed
        ],
    }


def check_json_pieces(result: CheckResult) -> Iterator[str]:
    """The document of `check_json` in pieces of some thousand findings, so that no more than
    a piece is held as text (a large repository's document runs to 100s of MB)."""
    yield from dumps_pieces(_head(result), "findings", map(finding_json, result.findings))


#: Findings encoded at a time by `dumps_pieces`.
_PIECE = 2000


def dumps_pieces(head: dict[str, Any], key: str, items: Iterable[dict[str, Any]]) -> Iterator[str]:
    """`dumps({**head, key: list(items)})` in pieces, `key` last, the items some thousand at a
    time: each at the indentation the whole document gives it (a test compares the bytes)."""
    whole = encode_json({**head, key: []})
    close = "[]\n}"
    assert whole.endswith(close)
    start = whole[: -len(close)] + "[\n"
    first = True
    for batch in _batches(items, _PIECE):
        yield _inert_json((start if first else ",\n") + _indented(batch))
        first = False
    if first:
        yield _UNSAFE_IN_JSON.sub(_escaped, whole) + "\n"
        return
    yield "\n  ]\n}\n"


def _inert_json(text: str) -> str:
    """`text` (JSON) with `_UNSAFE_IN_JSON` escaped. In ASCII only DEL can be such a
    character (the encoder escapes the controls below it), so ASCII without DEL, the common
    case, is taken as it is without a scan."""
    if text.isascii() and "\x7f" not in text:
        return text
    return _UNSAFE_IN_JSON.sub(_escaped, text)


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _indented(batch: list[dict[str, Any]]) -> str:
    """The items of `batch` as they stand in the list of a document (four spaces in): the
    list encoded in one call, then moved two spaces in. A line break in the text of a JSON
    document is always its own (those of the strings are escaped)."""
    text = encode_json(batch)  # "[\n  {\n    ...\n  }\n]"
    return "  " + text[2:-2].replace("\n", "\n  ")


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def check_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on the file's line."""
    lines = []
    for f in result.findings:
        loc = f.location
        props = ",".join(
            (
                f"file={_gh_escape(safe(loc.file), prop=True)}",
                f"line={loc.line}",
                f"col={loc.column}",
                f"title={_gh_escape(f.rule, prop=True)}",
            )
        )
        lines.append(f"::{_GH_LEVEL[f.severity]} {props}::{_gh_escape(safe(f.message))}")
    return "".join(line + "\n" for line in lines)


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORD = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(result: CheckResult) -> str:
    errors, warnings, infos = (result.count(s) for s in Severity)
    parts = [
        plural(errors, "fout", "fouten"),
        plural(warnings, "waarschuwing", "waarschuwingen"),
    ]
    if infos:
        parts.append(plural(infos, "melding", "meldingen"))
    files = plural(result.files_checked, "bestand", "bestanden")
    text = f"{', '.join(parts)} in {files} (peildatum {long_date(result.as_of)})"
    if result.suppressed:
        text += f"; {len(result.suppressed)} genegeerd met een reden in het bestand"
    return text


def _is_a_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):
        return False


def check_text_pieces(result: CheckResult, *, reveal: bool = False) -> Iterator[str]:
    """The text of `print_check_text` without styles, in pieces of some thousand lines: what
    rich writes for it on a console without colour (a test compares them), at a seventh of
    the cost. `reveal`: the full text of what a privacy rule masks (a person at a terminal)."""
    lines: list[str] = []
    for file, group in groupby(result.findings, key=lambda f: f.location.file):
        lines.append(f"{safe(file)}\n")
        for f in group:
            loc = f.location
            lines.append(
                f"  {safe(loc.file)}:{loc.line}:{loc.column}  {f.rule}  {_WORD[f.severity]}: "
                f"{safe((f.private_message if reveal else None) or f.message)}\n"
            )
        lines.append("\n")
        if len(lines) > 1000:
            yield "".join(lines)
            lines.clear()
    if not result.count(Severity.ERROR) and not result.count(Severity.WARNING):
        lines.append(f"Alles in orde: {summary(result)}\n")
    else:
        lines.append(f"{summary(result)}\n")
    yield "".join(lines)


def _print_suppressed(result: CheckResult, console: Console, reveal: bool) -> None:
    """What the files silence, each with its reason (`--show-suppressed`)."""
    from rich.text import Text

    out = Text()
    out.append(f"Genegeerd met een reden ({len(result.suppressed)})", style="bold")
    out.append("\n")
    for quiet in result.suppressed:
        f, loc = quiet.finding, quiet.finding.location
        out.append("  ")
        out.append(f"{safe(loc.file)}:{loc.line}:{loc.column}", style="dim")
        out.append(f"  {f.rule}  {_WORD[f.severity]}: ")
        out.append(safe((f.private_message if reveal else None) or f.message))
        out.append(f"\n    reden (regel {quiet.line}): ", style="dim")
        out.append(safe(quiet.reason))
        out.append("\n")
    out.append("\n")
    console.print(out, end="")


def print_check_text(result: CheckResult, console: Console, show_suppressed: bool = False) -> None:
    """Findings grouped per file: `file:line:col  CODE  niveau  message`; with
    `show_suppressed` also what the files silence with a reason (else only their number)."""
    from rich.text import Text

    # The full text of what a privacy rule flags only for a person at a terminal: not for a
    # pipe, a file or a CI log, also when FORCE_COLOR makes rich treat those as a terminal.
    reveal = _is_a_terminal(console.file)
    if plain(console) and not result.suppressed:
        for piece in check_text_pieces(result, reveal=reveal):
            write_plain(console, piece)
        return
    by_file = groupby(result.findings, key=lambda f: f.location.file)
    # One text for all findings, printed once: a print per line costs seconds for 10,000s.
    out = Text()
    for file, group in by_file:
        out.append(safe(file), style="bold underline")
        out.append("\n")
        for f in group:
            loc = f.location
            out.append("  ")
            out.append(f"{safe(loc.file)}:{loc.line}:{loc.column}", style="dim")
            out.append("  ")
            out.append(f.rule, style=_STYLE[f.severity])
            out.append(f"  {_WORD[f.severity]}: ", style=_STYLE[f.severity])
            out.append(safe((f.private_message if reveal else None) or f.message))
            out.append("\n")
        out.append("\n")
    if out:
        console.print(out, end="")
    if show_suppressed and result.suppressed:
        _print_suppressed(result, console, reveal)
    style = "bold red" if result.count(Severity.ERROR) else "bold green"
    if not result.count(Severity.ERROR) and not result.count(Severity.WARNING):
        console.print(Text("Alles in orde: ", style=style) + Text(summary(result)))
    else:
        console.print(Text(summary(result), style=style))
    if result.suppressed and not show_suppressed:
        console.print(Text("(wvp check --show-suppressed toont wat genegeerd is, met de reden)"))


# --- the reporters of report/registry.py ----------------------------------------------------


def report_text(report: CheckReport, out: Out) -> None:
    if report.statistics:
        from wvp_cli.report.statistics import print_statistics

        print_statistics(report.result, out.console)
    elif out.plain and not report.result.suppressed:  # no rich at all
        stream = out.handle if out.handle is not None else sys.stdout
        for piece in check_text_pieces(report.result, reveal=_is_a_terminal(stream)):
            out.write(piece)
    else:
        print_check_text(report.result, out.console, report.show_suppressed)


def report_json(report: CheckReport, out: Out) -> None:
    if report.statistics:
        from wvp_cli.report.statistics import statistics_json

        out.write(statistics_json(report.result))
    else:
        for piece in check_json_pieces(report.result):
            out.write(piece)


def report_github(report: CheckReport, out: Out) -> None:
    out.write(check_github(report.result))
