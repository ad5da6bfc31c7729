"""Writing a report: to standard output or to a file (`-o`), and machine formats always as
UTF-8, whatever the console's encoding, with any file name. Every command writes its report
through `write_output`.

A file name that is not UTF-8 (`caf\\xe9.yaml`, as Python reads it: a lone surrogate) cannot be
written as UTF-8 at all; in a JSON document it is written as its `\\udcXX` escape, which every
JSON reader reads back to the same name. XML cannot hold such a character even escaped: there
it is written as the text `\\udcXX`.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from wvp_cli.atomic import WriteRefused as WriteRefused
from wvp_cli.atomic import open_atomic

if TYPE_CHECKING:
    from rich.console import Console

_SURROGATE = re.compile("[\ud800-\udfff]")

#: The width of human text written to a file (`-o`): no terminal says how wide it is.
FILE_WIDTH = 100


def escape_surrogates(text: str) -> str:
    """Every lone surrogate as its `\\uXXXX` escape: in a JSON string the same character, and
    the whole text encodable as UTF-8."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escaped (rare, so looked for only then)
        return escape_surrogates(text).encode("utf-8")


def console(*, stderr: bool = False) -> Console:
    """The console of human output: rich decides on colour (only on a terminal, and never with
    NO_COLOR set)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


class Out:
    """Where a reporter writes: `write` text (a machine document, or plain lines), in as many
    pieces as it likes; `write_bytes` bytes made elsewhere (a calendar); `console` for human
    text with styles. Machine text is UTF-8 everywhere; human text is the terminal's encoding
    on standard output and UTF-8 in a file."""

    def __init__(self, handle: BinaryIO | None, *, machine: bool) -> None:
        #: The file of `-o`, or None for standard output.
        self.handle = handle
        self.machine = machine
        self._wrapper: io.TextIOWrapper | None = None

    @property
    def to_file(self) -> bool:
        return self.handle is not None

    @cached_property
    def plain(self) -> bool:
        """Whether human text goes out without any style (rich would write none): then a
        reporter may write strings with `write`, and rich is not even imported (a third of the
        start of `wvp check FILE` in a pre-commit hook)."""
        return not _styled(self.handle if self.handle is not None else sys.stdout)

    def write(self, text: str) -> None:
        if self.machine:
            self.write_bytes(encoded(text))
        elif self.handle is not None:
            self._text_file().write(text)
        else:
            try:
                sys.stdout.write(text)
            except BrokenPipeError:  # `wvp check | head`: leave as rich leaves
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise SystemExit(1) from None

    def write_bytes(self, data: bytes) -> None:
        if self.handle is not None:
            if self._wrapper is not None:
                self._wrapper.flush()
            self.handle.write(data)
            return
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text stream without bytes (a test's StringIO)
            sys.stdout.write(data.decode("utf-8"))
            return
        sys.stdout.flush()
        buffer.write(data)

    @cached_property
    def console(self) -> Console:
        """Human text with styles: colour on a terminal; plain text of FILE_WIDTH in a file."""
        if self.handle is None:
            return console()
        from rich.console import Console

        return Console(
            file=self._text_file(), no_color=True, highlight=False, soft_wrap=True, width=FILE_WIDTH
        )

    def _text_file(self) -> io.TextIOWrapper:
        if self._wrapper is None:
            assert self.handle is not None
            self._wrapper = io.TextIOWrapper(
                self.handle, encoding="utf-8", errors="surrogateescape", newline=""
            )
        return self._wrapper

    def finish(self) -> None:
        if self._wrapper is not None:
            self._wrapper.flush()
            self._wrapper.detach()  # the handle is closed by its owner
            self._wrapper = None
        if self.handle is None:
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is not None:
                buffer.flush()


def _styled(stream: object) -> bool:
    """Whether rich would write styles to `stream` (its Console.is_terminal: TTY_COMPATIBLE,
    then FORCE_COLOR, then isatty; in Jupyter always). A test holds it to rich's answer."""
    import builtins

    if "get_ipython" in vars(builtins):
        return True
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # a closed file
        return False


def write_output(
    report: Callable[[Out], None], output: Path | None, *, machine: bool, force: bool = True
) -> None:
    """Run `report` on standard output, or on the file `output`, written atomically (the old
    file stays until the report is whole; with `force` only does an existing file get
    replaced; a device or a named pipe is written to in place, a block device refused).
    Raises WriteRefused with a Dutch message."""
    if output is None:
        out = Out(None, machine=machine)
        report(out)
        out.finish()
        return
    with open_atomic(output, force=force) as handle:
        out = Out(handle, machine=machine)
        report(out)
        out.finish()
