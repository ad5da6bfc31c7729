"""Every shortcut of a large run writes the same bytes as the plain way it replaces (#23): the
JSON encoder (orjson against the standard library's), the text of `wvp check` without rich
(against rich's rendering), file names relative to the root on strings (against Path)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.core.results import FileResult
from wvp_cli.engine import CheckResult
from wvp_cli.repo.paths import relative
from wvp_cli.report import check
from wvp_cli.report.check import (
    _UNSAFE_IN_JSON,
    _escaped,
    check_json,
    check_json_pieces,
    encode_json,
    finding_json,
    plain_json,
    print_check_text,
)

# Every code point, controls included, and lone surrogates (a file name that is not UTF-8).
_TEXTS = st.text(max_size=30) | st.sampled_from(["caf\udce9.yaml", "a\ud800b", "\x00\x7f\x9f"])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | _TEXTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXTS, inner, max_size=4),
    max_leaves=20,
)


@given(_JSON)
def test_orjson_writes_what_the_standard_library_writes(document: Any) -> None:
    assert encode_json(document) == plain_json(document)
    assert encode_json(document) == json.dumps(document, ensure_ascii=False, indent=2)


AWKWARD = [
    "plan van aanpak 12 dagen te laat",
    "宽字符 😀 e\u0301",
    "lang " * 40,
    "a\rb\x07c\td\ne",
    "[bold]geen opmaak[/bold] :smile:",
    "bidi \u202e omgekeerd \u2028 regel",
    "",
]


def _result() -> CheckResult:
    findings = []
    for n, message in enumerate(AWKWARD):
        for file in ("a.yaml", "map/b 😀.yaml", "c\x1b[31m.yaml"):
            severity = list(Severity)[n % 3]
            location = Location(file, n + 1, n + 2, ("events", n))
            private = f"privé {message}" if n == 2 else None
            findings.append(
                Finding(f"WVP{n:03d}", severity, message, location, "c-1", None, private)
            )
    findings.sort(key=Finding.sort_key)
    files = (FileResult("a.yaml"), FileResult("map/b 😀.yaml"), FileResult("c\x1b[31m.yaml"))
    return CheckResult(dt.date(2026, 11, 24), files, tuple(findings))


def test_check_text_without_rich_is_what_rich_writes() -> None:
    result = _result()
    for width in (40, 200):
        ours, theirs = io.StringIO(), io.StringIO()
        fast = Console(file=ours, highlight=False, soft_wrap=True, width=width)
        # A recording console takes rich's own way; it writes the same unstyled text.
        slow = Console(file=theirs, highlight=False, soft_wrap=True, width=width, record=True)
        print_check_text(result, fast)
        print_check_text(result, slow)
        assert ours.getvalue() == theirs.getvalue()
        assert "privé" not in ours.getvalue()  # not a terminal: the masked message


@pytest.mark.parametrize("copies", [0, 1, 400])  # 400 x 21 findings: several pieces
def test_check_json_in_pieces_is_the_plain_document(
    copies: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    one = _result()
    findings = tuple(
        replace(f, location=replace(f.location, line=f.location.line + 100 * n))
        for n in range(copies)
        for f in one.findings
    )
    result = replace(one, findings=findings)
    document = {
        "schema_version": 1,
        "as_of": "2026-11-24",
        "files_checked": 3,
        "suppressed": [],
        "findings": [finding_json(f) for f in findings],
    }
    expected = _UNSAFE_IN_JSON.sub(_escaped, plain_json(document)) + "\n"
    assert check_json(result) == expected
    monkeypatch.setattr(check, "_PIECE", 7)
    assert len(list(check_json_pieces(result))) > (copies > 0)
    assert check_json(result) == expected


def _relative_by_paths(file: str, root: Path) -> str:
    """`repo.paths.relative` as it was, on Path objects."""
    if file in ("-", "") or file.startswith("<"):
        return file
    full = Path(os.path.abspath(file))
    try:
        rel = full.relative_to(root)
    except ValueError:
        real = Path(os.path.realpath(file))
        try:
            rel = real.relative_to(os.path.realpath(root))
        except ValueError:
            return file
    return PurePosixPath(*rel.parts).as_posix() if rel.parts else "."


_PARTS = st.sampled_from(["a", "b.yaml", "..", ".", "", "map met spatie", "é", "ab"])


@given(st.lists(_PARTS, max_size=5), st.booleans(), st.sampled_from(["", "a", "a/b", "ab"]))
def test_relative_on_strings_is_what_paths_give(parts: list[str], absolute: bool, top: str) -> None:
    here = Path(os.path.abspath("."))
    root = here / top if top else here
    file = "/".join(parts) or "x.yaml"
    if absolute:
        file = os.path.join(here, file)
    assert relative(file, root) == _relative_by_paths(file, root)
    assert relative(file, Path("/")) == _relative_by_paths(file, Path("/"))


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize(
    "env",
    [
        {},
        {"FORCE_COLOR": "1"},
        {"FORCE_COLOR": ""},
        {"TTY_COMPATIBLE": "0"},
        {"TTY_COMPATIBLE": "1"},
    ],
)
def test_styled_is_what_rich_decides(
    tty: bool, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Output without styles skips rich; the test of whether there are any is rich's own."""
    from wvp_cli.report.output import _styled

    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    stream = Stream()
    assert _styled(stream) == Console(file=stream).is_terminal


def test_check_text_off_a_terminal_is_written_without_rich(tmp_path: Path) -> None:
    """`wvp check FILE | ...`: the same text as rich writes, and neither rich nor the modules
    of the other commands are imported (what a pre-commit hook starts)."""
    import subprocess
    import sys

    from conftest import SAMPLES

    sample = str(next(SAMPLES.glob("*.yaml")))
    program = (
        "import sys\n"
        "from wvp_cli.cli import main\n"
        "code = main(['check', sys.argv[1], '--as-of', '2026-11-24', '--no-cache'])\n"
        "loaded = [m for m in ('rich.console', 'wvp_cli.cli.add', 'wvp_cli.cli.notify')"
        " if m in sys.modules]\n"
        "print('LOADED', loaded, code, file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    fast = subprocess.run(
        [sys.executable, "-c", program, sample], capture_output=True, text=True, env=env
    )
    assert "LOADED []" in fast.stderr, fast.stderr
    slow = subprocess.run(
        [sys.executable, "-c", program, sample],
        capture_output=True,
        text=True,
        env={**env, "TTY_COMPATIBLE": "1", "NO_COLOR": "1"},  # rich's way, without colour
    )
    assert "rich.console" in slow.stderr
    plain = re.sub(r"\x1b\[[0-9;]*m", "", slow.stdout)
    assert fast.stdout == plain


def test_a_checker_remembers_masked_texts_and_masks_the_same(tmp_path: Path) -> None:
    """A run's Checker remembers the masked form of every message: what it gives is what a
    fresh masking of each file gives, medical terms included."""
    from conftest import MINIMAL, SAMPLES
    from wvp_cli import engine
    from wvp_cli.core import loader
    from wvp_cli.core.settings import Settings

    (tmp_path / "a.yaml").write_text(MINIMAL + "extra:\n  - [a, medicatie]\n")
    (tmp_path / "b.yaml").write_text(MINIMAL.replace('"t-1"', '"medicatie-1"'))
    day = dt.date(2026, 11, 24)
    settings = Settings()
    checker = engine.Checker(settings)
    files = sorted(SAMPLES.glob("*.yaml")) + sorted(tmp_path.glob("*.yaml"))
    masked_any = False
    for _ in range(2):  # the second round from the memory
        for path in files:
            loaded = loader.read_file(path, str(path))
            shared = engine.file_result(loaded, day, settings, checker=checker)
            fresh = engine.file_result(loaded, day, settings)
            assert shared == fresh
            masked_any |= any(f.private_message is not None for f in shared.findings)
    assert checker.masked and masked_any


def test_check_json_escapes_del_in_a_document_of_ascii_only() -> None:
    """A piece of ASCII text is taken without the scan for unsafe characters, except when it
    holds DEL (the one such character in ASCII that the JSON encoder leaves as it is)."""
    location = Location("a.yaml", 1, 1, ("id",))
    for message, escaped in (("gewoon", False), ("met \x7f erin", True)):
        result = CheckResult(
            dt.date(2026, 11, 24),
            (FileResult("a.yaml"),),
            (Finding("WVP001", Severity.ERROR, message, location),),
        )
        text = check_json(result)
        assert ("\x7f" in text) is False
        assert ("\\u007f" in text) is escaped
        assert json.loads(text)["findings"][0]["message"] == message


def test_rebased_keeps_a_result_named_from_the_root_and_renames_one_from_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wvp_cli.repo.paths import rebased

    (tmp_path / "map").mkdir()
    monkeypatch.chdir(tmp_path)
    result = _result()
    assert rebased(result, tmp_path) is result  # every name is one from the root already
    for shown in ("./a.yaml", "map/../a.yaml", str(tmp_path / "a.yaml")):
        moved = replace(
            result,
            findings=tuple(
                replace(f, location=replace(f.location, file=shown))
                if f.location.file == "a.yaml"
                else f
                for f in result.findings
            ),
        )
        assert {f.location.file for f in rebased(moved, tmp_path).findings} == {
            f.location.file for f in result.findings
        }
    monkeypatch.chdir(tmp_path / "map")
    inside = replace(
        result,
        findings=tuple(
            replace(f, location=replace(f.location, file="x.yaml")) for f in result.findings
        ),
    )
    assert {f.location.file for f in rebased(inside, tmp_path).findings} == {"map/x.yaml"}


def test_every_character_safe_escapes_is_not_printable() -> None:
    """`safe` takes a printable text as it is: every character it escapes must be one that
    `str.isprintable` refuses, or the short cut would let it through."""
    from wvp_cli.report.check import _UNSAFE, safe

    escaped = [chr(c) for c in range(0x110000) if _UNSAFE.fullmatch(chr(c))]
    assert len(escaped) > 60
    assert not any(c.isprintable() for c in escaped)
    for c in escaped:
        assert safe(f"a{c}b") == f"a\\u{ord(c):04x}b"
    assert safe("Özdemir, 宽 😀 e\u0301") == "Özdemir, 宽 😀 e\u0301"
