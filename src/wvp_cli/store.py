"""The cache folder `.wvp_cache/` and the plumbing both caches share: reading a file's bytes
once, writing an entry by temp file and rename, the number of cores, the worker processes.

No wvp module is imported here, so that a run served from the cache stays light.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

#: The cache folder, in the current directory.
CACHE_DIR = Path(".wvp_cache")

_GITIGNORE = "# Aangemaakt door wvp: de cache van geladen case-bestanden. Veilig om te wissen.\n*\n"


def prepare_cache(cache_dir: Path) -> bool:
    """Create the cache folder with a `.gitignore` that keeps it out of git; False when the
    folder cannot be made (then wvp works without a cache)."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        ignore = cache_dir / ".gitignore"
        if not ignore.exists():
            write(ignore, _GITIGNORE)
        return True
    except OSError:
        return False


def write(path: Path, text: str) -> None:
    """Temp file in the same folder, then rename: a reader sees no entry or a whole one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store(path: Path, text: str) -> None:
    """Keep an entry if the folder lets us: on a read-only checkout or a full disk the next
    run simply does the work again."""
    with contextlib.suppress(OSError):
        write(path, text)


def lookup(path: Path) -> str | None:
    """The text of an entry, or None when there is none (or it cannot be read)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def read_bytes(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of a file the loader would read, or None to let `loader.read_file` say why
    not (it does not exist, cannot be read, or is larger than `max_bytes`)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError:
        return None
    return raw if len(raw) <= max_bytes else None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool_context() -> Any:
    import multiprocessing

    # fork: the workers start with wvp already imported (a fresh interpreter costs ~0.3 s).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)
