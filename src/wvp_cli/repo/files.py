"""Finding case files in folders, and writing files safely: a temp file in the same folder,
then an atomic rename.

wvp never modifies a case file unless asked to; everything it writes goes through here.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path


class WriteRefused(Exception):
    """The target exists and the caller did not pass `force`, or it cannot be written."""


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    Refuses to replace anything that exists (a file, a symbolic link, also one that points
    nowhere, a device) unless `force`; raises WriteRefused with a Dutch message for the CLI to
    show (exit code 2). With `force`, a regular file or a symbolic link is replaced by the new
    file (a link itself, never the file it points to). Something that is not a file is never
    renamed over: a character device or a named pipe, also behind a link (`/dev/stdout`,
    `/proc/self/fd/1`, `>(...)`) is written to directly, as a shell would; a block device or
    a socket is refused.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
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
        if target is not None and not stat.S_ISREG(target.st_mode):
            _write_through(path, payload, target.st_mode)
            return
        if target is not None and stat.S_ISLNK(own.st_mode) and _names_an_open_file(path):
            _write_through(path, payload, target.st_mode)
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
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if own is not None and stat.S_ISREG(own.st_mode):
            os.chmod(tmp, own.st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteRefused(f"kan {path} niet schrijven: {exc.strerror}") from None


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


def _write_through(path: Path, payload: bytes, mode: int) -> None:
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
            handle.write(payload)
    except OSError as exc:
        raise WriteRefused(f"kan niet naar {path} schrijven: {exc.strerror}") from None


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the loader say why it cannot be read


class Exclusions:
    """What a walk leaves out: `exclude` patterns with the semantics of .gitignore, each set
    relative to its own folder (the configuration's folder, or the working folder for
    `--exclude`), and, when `gitignore`, the `.gitignore` files from the top of the git
    repository (or the walked folder, outside one) down to each file."""

    def __init__(
        self, patterns: Sequence[tuple[Path, Sequence[str]]] = (), *, gitignore: bool = True
    ) -> None:
        self._specs = [
            (Path(os.path.realpath(base)), _spec(lines)) for base, lines in patterns if lines
        ]
        self.gitignore = gitignore
        self._ignores: dict[Path, _Patterns | None] = {}
        self._tops: dict[Path, Path | None] = {}
        self._rules: dict[tuple[str, Path | None], list[tuple[_Patterns, str]]] = {}

    def __bool__(self) -> bool:
        return bool(self._specs) or self.gitignore

    def excluded(self, path: str | Path, is_dir: bool, walked: Path | None = None) -> bool:
        """Whether `path` (a file, or a folder when `is_dir`) is left out. `walked`: the folder
        the walk started in (the highest place a .gitignore is read when not in git)."""
        folder, name = os.path.split(os.fspath(path))
        rules = self.rules(folder, walked)
        if not rules:
            return False
        suffix = "/" if is_dir else ""
        return any(spec.matches(f"{prefix}{name}{suffix}") for spec, prefix in rules)

    def rules(self, folder: str, walked: Path | None) -> list[tuple[_Patterns, str]]:
        """The patterns that can leave out what `folder` holds (worked out once per folder)."""
        rules = self._rules.get((folder, walked))
        if rules is None:
            rules = self._rules[(folder, walked)] = self._rules_of(folder, walked)
        return rules

    def _rules_of(self, folder: str, walked: Path | None) -> list[tuple[_Patterns, str]]:
        """The patterns that can leave out a file of `folder`, each with the path of the folder
        relative to the patterns' own folder ("" for an `exclude` pattern of a folder that is
        not below its base: then only a pattern without a folder part can match its name)."""
        real = Path(os.path.realpath(folder or "."))
        rules: list[tuple[_Patterns, str]] = []
        for base, spec in self._specs:
            inside = real.is_relative_to(base)
            rel = real.relative_to(base).as_posix() if inside else ""
            rules.append((spec, "" if rel in ("", ".") else rel + "/"))
        if self.gitignore:
            for top in self._folders(real, walked):
                ignore = self._ignore_of(top)
                if ignore is not None:
                    rel = real.relative_to(top).as_posix()
                    rules.append((ignore, "" if rel == "." else rel + "/"))
        return rules

    def _folders(self, folder: Path, walked: Path | None) -> list[Path]:
        top = self._top(folder)
        if top is None:
            top = Path(os.path.realpath(walked)) if walked is not None else folder
        if not folder.is_relative_to(top):
            return []
        chain = [folder]
        while chain[-1] != top and chain[-1] != chain[-1].parent:
            chain.append(chain[-1].parent)
        return chain[::-1]

    def _top(self, folder: Path) -> Path | None:
        """The top of the git work tree that holds `folder`, if any."""
        if folder not in self._tops:
            here: Path | None = folder
            while here is not None and not (here / ".git").exists():
                here = None if here.parent == here else here.parent
            self._tops[folder] = here
        return self._tops[folder]

    def _ignore_of(self, folder: Path) -> _Patterns | None:
        if folder not in self._ignores:
            try:
                text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._ignores[folder] = None
            else:
                self._ignores[folder] = _spec(text.splitlines())
        return self._ignores[folder]


class _Patterns:
    """The patterns of one .gitignore or `exclude`, matched against a relative posix path (a
    folder's with a trailing "/"). Patterns without `!` are one regular expression: a walk asks
    this for every file."""

    def __init__(self, lines: Sequence[str]) -> None:
        import re

        from pathspec import GitIgnoreSpec

        self._spec = GitIgnoreSpec.from_lines(lines)
        patterns = [p for p in self._spec.patterns if getattr(p, "include", None) is not None]
        self._one: re.Pattern[str] | None = None
        if patterns and all(getattr(p, "include", False) for p in patterns):
            parts = [
                getattr(p, "regex").pattern.replace("(?P<ps_d>", "(?:")  # noqa: B009
                for p in patterns
            ]
            self._one = re.compile("|".join(f"(?:{part})" for part in parts))
        self.empty = not patterns

    def matches(self, path: str) -> bool:
        if self._one is not None:
            return self._one.match(path) is not None
        return not self.empty and self._spec.match_file(path)


def _spec(lines: Sequence[str]) -> _Patterns:
    return _Patterns(lines)


def discover(
    paths: Sequence[Path],
    *,
    follow_links: bool = False,
    exclusions: Exclusions | None = None,
) -> Iterator[tuple[Path, bool]]:
    """Yield (file, named) for every case file under `paths`: the named files themselves and,
    in named folders, every regular `*.yaml`/`*.yml` file outside hidden folders and outside
    what `exclusions` leave out (an excluded folder is not entered), in a stable order (a file
    you name is read whatever it is, so `<(...)` and /dev/stdin work).
    Paths that do not exist raise FileNotFoundError (the CLI turns that into exit code 2)."""
    skip = exclusions if exclusions else None
    for path in paths:
        if not os.path.lexists(path):
            raise FileNotFoundError(str(path))
        if path.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(path, followlinks=follow_links):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if not d.startswith(".")
                    and (skip is None or not skip.excluded(os.path.join(root, d), True, path))
                )
                check = skip is not None and bool(skip.rules(root, path))
                for name in files:
                    if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                        continue
                    full = Path(root, name)
                    if check and skip is not None and skip.excluded(full, False, path):
                        continue
                    if not follow_links and full.is_symlink():
                        continue
                    if not _regular(full):
                        continue  # a FIFO or device named *.yaml would block the read
                    found.append(full)
            yield from ((f, False) for f in sorted(found))
        else:
            yield path, True
