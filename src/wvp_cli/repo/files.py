"""Finding case files in folders, and writing files safely: a temp file in the same folder,
then an atomic rename.

wvp never modifies a case file unless asked to; everything it writes goes through here.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
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


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the loader say why it cannot be read


def discover(paths: Sequence[Path], *, follow_links: bool = False) -> Iterator[tuple[Path, bool]]:
    """Yield (file, named) for every case file under `paths`: the named files themselves and,
    in named folders, every regular `*.yaml`/`*.yml` file outside hidden folders, in a stable
    order (a file you name is read whatever it is, so `<(...)` and /dev/stdin work).
    Paths that do not exist raise FileNotFoundError (the CLI turns that into exit code 2)."""
    for path in paths:
        if not os.path.lexists(path):
            raise FileNotFoundError(str(path))
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path, followlinks=follow_links):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                        continue
                    full = Path(root, name)
                    if not follow_links and full.is_symlink():
                        continue
                    if not _regular(full):
                        continue  # a FIFO or device named *.yaml would block the read
                    found.append(full)
            yield from ((f, False) for f in sorted(found))
        else:
            yield path, True
