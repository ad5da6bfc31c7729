"""Writing files safely: a temp file in the same folder, then an atomic rename.

wvp never modifies a case file unless asked to; everything it writes goes through here.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class WriteRefused(Exception):
    """The target exists and the caller did not pass `force`, or it cannot be written."""


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    Refuses to replace an existing file unless `force`; raises WriteRefused with a Dutch
    message for the CLI to show (exit code 2).
    """
    if path.exists() and not force:
        raise WriteRefused(f"{path} bestaat al; gebruik --force om het te vervangen")
    if path.is_dir():
        raise WriteRefused(f"{path} is een map, geen bestand")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise WriteRefused(f"map {folder} bestaat niet")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteRefused(f"kan niet schrijven in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteRefused(f"kan {path} niet schrijven: {exc.strerror}") from None
