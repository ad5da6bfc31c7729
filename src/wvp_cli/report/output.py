"""Writing a report: to standard output or to a file (`-o`), and machine formats always as
UTF-8, whatever the console's encoding, with any file name.

A file name that is not UTF-8 (`caf\\xe9.yaml`, as Python reads it: a lone surrogate) cannot be
written as UTF-8 at all; in a JSON document it is written as its `\\udcXX` escape, which every
JSON reader reads back to the same name. XML cannot hold such a character even escaped: there
it is written as the text `\\udcXX`.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """Every lone surrogate as its `\\uXXXX` escape: in a JSON string the same character, and
    the whole text encodable as UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def encoded(text: str) -> bytes:
    return escape_surrogates(text).encode("utf-8")


def emit_machine(text: str, output: Path | None) -> None:
    """A JSON, SARIF, JUnit or annotations document: UTF-8 bytes to `output` (atomically) or to
    standard output."""
    data = encoded(text)
    if output is not None:
        write_file(output, data)
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text stream without bytes (a test's StringIO)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def emit_text(draw: Callable[[Console], None], output: Path | None) -> None:
    """Human text: on the console (colour on a terminal), or as plain UTF-8 text in `output`."""
    from wvp_cli.cli.common import out_console

    if output is None:
        draw(out_console())
        return
    from rich.console import Console

    buffer = io.StringIO()
    draw(Console(file=buffer, no_color=True, highlight=False, soft_wrap=True, width=100))
    write_file(output, buffer.getvalue().encode("utf-8", "surrogateescape"))


def write_file(output: Path, data: bytes) -> None:
    from wvp_cli.app import fail
    from wvp_cli.repo.files import WriteRefused, write_atomic

    try:
        write_atomic(output, data, force=True)
    except WriteRefused as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"kan {output} niet schrijven: {exc.strerror or exc}")
