"""Writing a file safely: a temp file in the same folder, then an atomic rename; readers see
the old file or the new one, never half. Everything wvp writes goes through here: case files
(`wvp add`), documents, reports (`-o`), the cache's `.gitignore`.

A leaf of the package (the standard library only), so that every layer may write a file the
same way: the reports (`report.output`) as well as the repository's files (`repo`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class WriteRefused(Exception):
    """The target exists and the caller did not pass `force`, or it cannot be written."""


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` (see `open_atomic`)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with open_atomic(path, force=force) as handle:
        handle.write(payload)


@contextlib.contextmanager
def open_atomic(path: Path, *, force: bool = False) -> Iterator[BinaryIO]:
    """A binary file to write `path` through, in as many pieces as the caller likes: the new
    file takes the place of the old one only when the block ends without an exception (then
    nothing is left behind).

    Refuses to replace anything that exists (a file, a symbolic link, also one that points
    nowhere, a device) unless `force`; raises WriteRefused with a Dutch message for the CLI to
    show (exit code 2). With `force`, a regular file or a symbolic link is replaced by the new
    file (a link itself, never the file it points to). Something that is not a file is never
    renamed over: a character device or a named pipe, also behind a link (`/dev/stdout`,
    `/proc/self/fd/1`, `>(...)`) is written to directly, as a shell would; a block device or
    a socket is refused.
    """
    try:
        own = os.lstat(path)
    except FileNotFoundError:
        own = None
    except OSError as exc:
        raise WriteRefused(f"kan {path} niet schrijven: {exc.strerror}") from None
    if own is not None and not force:
        what = (
            "bestaat al (een symbolische koppeling)" if stat.S_ISLNK(own.st_mode) else "bestaat al"
        )
        raise WriteRefused(f"{path} {what}; gebruik --force om het te vervangen")
    if own is not None:
        try:
            target: os.stat_result | None = os.stat(path)
        except OSError:
            target = None  # a link that points nowhere: it is replaced
        if target is not None and stat.S_ISDIR(target.st_mode):
            raise WriteRefused(f"{path} is een map, geen bestand")
        if target is not None and (
            not stat.S_ISREG(target.st_mode)
            or (stat.S_ISLNK(own.st_mode) and _names_an_open_file(path))
        ):
            with _write_through(path, target.st_mode) as handle:
                yield handle
            return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteRefused(f"map {folder} bestaat niet")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteRefused(f"kan niet schrijven in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            try:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise WriteRefused(f"kan {path} niet schrijven: {exc.strerror}") from None
        if own is not None and stat.S_ISREG(own.st_mode):
            os.chmod(tmp, own.st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteRefused(f"kan {path} niet schrijven: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_OWN_FD = re.compile(r"/(?:proc/(?:self|thread-self|\d+)|dev)/fd/(\d+)")
_STANDARD = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def _names_an_open_file(path: Path) -> bool:
    """Whether `path` is a link in /dev or /proc (`/dev/stdout`, `/proc/self/fd/1`): it names
    a file the process has open, even when that is a regular file (`> uit.txt`). Renaming over
    it would replace the system's link (as root) instead of writing to the file."""
    folder = os.path.realpath(path.parent)
    return any(folder == top or folder.startswith(top + os.sep) for top in ("/dev", "/proc"))


def _own_descriptor(path: Path) -> int | None:
    """The descriptor N of this process that `path` names (`/dev/stdout`, `/dev/fd/N`,
    `/proc/self/fd/N`, through links), or None."""
    current = os.path.abspath(path)
    for _ in range(8):
        if current in _STANDARD:
            return _STANDARD[current]
        match = _OWN_FD.fullmatch(current)
        if match is not None:
            pid = current.split("/")[2]
            if current.startswith("/proc/") and pid.isdigit() and int(pid) != os.getpid():
                return None
            return int(match.group(1))
        if not os.path.islink(current):
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return None


@contextlib.contextmanager
def _write_through(path: Path, mode: int) -> Iterator[BinaryIO]:
    """Write to a character device, a named pipe or an open file named by a link in /dev or
    /proc, in place: it cannot be replaced, and must not be. A descriptor of this process
    (`/dev/stdout`) is written to as it is, at its offset, so `>> log` appends."""
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISREG(mode)):
        raise WriteRefused(
            f"{path} is geen gewoon bestand (een blokapparaat of socket); wvp schrijft er niet in"
        )
    own = _own_descriptor(path)
    try:
        if own is not None:
            fd = os.dup(own)
        else:
            # Not blocking: a named pipe without a reader is an error (ENXIO), not a hang.
            flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
            fd = os.open(path, flags | (os.O_APPEND if stat.S_ISREG(mode) else 0))
    except OSError as exc:
        reason = "niemand leest de pipe" if exc.errno == errno.ENXIO else exc.strerror
        raise WriteRefused(f"kan niet naar {path} schrijven: {reason}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if own is None:
                os.set_blocking(fd, True)
            yield handle
    except OSError as exc:
        raise WriteRefused(f"kan niet naar {path} schrijven: {exc.strerror}") from None
