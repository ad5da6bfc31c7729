"""The cache folder `.wvp_cache/` and its entries, reading a file's bytes, the number of cores
and the worker processes.

Only `files` (the standard library alone) is imported here, so that a run served from the cache
stays light.
"""

from __future__ import annotations

import contextlib
import hmac
import os
import sqlite3
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: The cache folder, in the current directory.
CACHE_DIR = Path(".wvp_cache")

_GITIGNORE = "# Aangemaakt door wvp: de cache van case-bestanden. Veilig om te wissen.\n*\n"

#: The file of this installation's key, in wvp's folder under the user's config folder.
KEY_FILE = "cache-key"
_KEY_BYTES = 32


class KeyProblem(Exception):
    """The key cannot be had or is not safe: wvp then works without a cache."""


def key_path() -> Path:
    """Where this installation keeps its key: outside every repository and every CI cache
    (`$XDG_CONFIG_HOME/wvp/`, `~/.config/wvp/`, or `%APPDATA%\\wvp\\` on Windows)."""
    base = os.environ.get("XDG_CONFIG_HOME") or (
        os.environ.get("APPDATA") if sys.platform == "win32" else None
    )
    folder = Path(base) if base else Path.home() / ".config"
    return folder / "wvp" / KEY_FILE


def installation_key() -> bytes:
    """The secret this installation signs its cache entries with, made on first use (random,
    readable by the user alone). Raises KeyProblem when it cannot be made or read, or when
    others can read or change it (then anyone could forge an entry)."""
    path = key_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise KeyProblem(f"kan de sleutel {path} niet maken: {exc.strerror or exc}") from None
    else:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(_KEY_BYTES))
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            key = handle.read(1024)
    except OSError as exc:
        raise KeyProblem(f"kan de sleutel {path} niet lezen: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode) or len(key) < _KEY_BYTES:
        raise KeyProblem(f"de sleutel {path} is geen sleutel van wvp")
    if sys.platform != "win32":
        if info.st_mode & 0o077 or info.st_uid != os.getuid():
            raise KeyProblem(
                f"de sleutel {path} is leesbaar of van een ander (rechten "
                f"{stat.S_IMODE(info.st_mode):o}); zet ze op 600 of wis het bestand"
            )
    return key


def sign(key: bytes, lookup: str, entry: str) -> str:
    """The signature of an entry under its lookup key: only who holds `key` can make it."""
    message = lookup.encode() + b"\0" + entry.encode("utf-8", "surrogatepass")
    # hmac.digest: the one-shot HMAC in C (the same value as hmac.new(...).hexdigest()).
    return hmac.digest(key, message, "sha256").hex()


def prepare_cache(cache_dir: Path) -> bool:
    """Create the cache folder with a `.gitignore` that keeps it out of git; False when the
    folder cannot be made (then wvp works without a cache)."""
    from wvp_cli.repo.files import WriteRefused, write_atomic

    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        ignore = cache_dir / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, _GITIGNORE, force=True)
        return True
    except (OSError, WriteRefused):
        return False


class Entries:
    """The entries of one cache folder: one SQLite database, `entries.sqlite3`.

    One file instead of a file per entry: creating ten thousand small files costs seconds of
    system time, a transaction of ten thousand rows a fraction of one. SQLite makes each write
    all or nothing (a reader sees an entry whole or not at all) and lets several wvp processes
    share the folder. Values are JSON text, never pickle: reading a cache that came from
    anywhere must never run code. Every problem with the database (locked, read-only, corrupt,
    not a database) makes the cache act as empty, never a crash; a file that is not a database,
    or a damaged one, is replaced.

    Entries are grouped by a `group` (the peildatum); `keep` groups that were used last stay.
    The tasks that stored entries are recorded too (`has_task`), so that a run can tell that
    nothing of its task is there without looking every file up.
    """

    NAME = "entries.sqlite3"

    def __init__(self, connection: sqlite3.Connection, key: bytes) -> None:
        self._db = connection
        self._key = key
        #: Entries found that this installation did not write (forged, or another's): ignored.
        self.rejected = 0

    @classmethod
    def open(cls, cache_dir: Path, key: bytes) -> Entries | None:
        path = cache_dir / cls.NAME
        for attempt in range(2):
            db: sqlite3.Connection | None = None
            try:
                db = sqlite3.connect(path, timeout=2.0, isolation_level=None)
                db.execute("PRAGMA trusted_schema = OFF")
                db.execute("PRAGMA synchronous = OFF")  # a cache: a lost write is a miss
                # What is deleted is overwritten with zeros, not left in free pages.
                db.execute("PRAGMA secure_delete = ON")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version != SCHEMA_VERSION:  # an older layout: start afresh
                    db.executescript(_DROP)
                    db.executescript(_SCHEMA)
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    db.execute("VACUUM")
                db.execute("SELECT 1 FROM entries LIMIT 1").fetchall()  # a damaged file shows
                return cls(db, key)
            except sqlite3.OperationalError:  # locked by another run, read-only, not a file
                _close(db)
                return None
            except sqlite3.DatabaseError:  # not a database, or damaged: start afresh, once
                _close(db)
                if attempt == 0 and path.is_file():
                    with contextlib.suppress(OSError):
                        path.unlink()
                    continue
                return None
        return None

    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        """The entries of `keys` that this installation signed; the others are counted in
        `rejected` and left out (a miss: the file is checked and its entry rewritten)."""
        found: dict[str, str] = {}
        try:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, entry, mac FROM entries WHERE key IN ({marks})", part
                )
                for k, v, mac in rows:
                    if (
                        isinstance(k, str)
                        and isinstance(v, str)
                        and isinstance(mac, str)
                        and hmac.compare_digest(mac, sign(self._key, k, v))
                    ):
                        found[k] = v
                    else:
                        self.rejected += 1
        except sqlite3.Error:
            return {}
        return found

    def has_task(self, task: str) -> bool:
        """Whether any run stored entries for `task` (and its group was kept since): without,
        every lookup would miss, and a first run need not read the files twice."""
        try:
            found = self._db.execute("SELECT 1 FROM tasks WHERE task = ?", (task,)).fetchone()
        except sqlite3.Error:
            return False
        return found is not None

    def put_many(
        self,
        group: str,
        rows: Sequence[tuple[str, str | None, str, str]],
        *,
        keep: int,
        task: str,
    ) -> None:
        """Store the rows (key, entry, file, digest of its bytes) of `task` under `group`,
        signed (an entry None is not stored); drop every entry of those files made of other
        bytes (a changed file's old results, and what they said, do not stay behind); mark the
        group as used last, and drop every entry of a group not among the `keep` used last;
        all in one transaction, or not at all. Nothing is written when there is nothing new:
        no rows, and `group` is the one used last, with `task` (a warm run: every file found)."""
        if not rows and self._latest(group, task):
            return
        try:
            with contextlib.closing(self._db.cursor()) as cur:
                cur.execute("BEGIN IMMEDIATE")
                try:
                    cur.executemany(
                        "DELETE FROM entries WHERE file = ? AND digest != ?",
                        [(file, digest) for _, _, file, digest in rows],
                    )
                    cur.executemany(
                        "INSERT OR REPLACE INTO entries (key, grp, entry, mac, file, digest) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [
                            (key, group, entry, sign(self._key, key, entry), file, digest)
                            for key, entry, file, digest in rows
                            if entry is not None
                        ],
                    )
                    cur.execute(
                        "INSERT OR REPLACE INTO tasks (task, grp) VALUES (?, ?)", (task, group)
                    )
                    cur.execute(
                        "INSERT OR REPLACE INTO groups (grp, used) "
                        "VALUES (?, (SELECT COALESCE(MAX(used), 0) + 1 FROM groups))",
                        (group,),
                    )
                    cur.execute(
                        "DELETE FROM groups WHERE grp NOT IN "
                        "(SELECT grp FROM groups ORDER BY used DESC LIMIT ?)",
                        (keep,),
                    )
                    cur.execute("DELETE FROM entries WHERE grp NOT IN (SELECT grp FROM groups)")
                    cur.execute("DELETE FROM tasks WHERE grp NOT IN (SELECT grp FROM groups)")
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
        except sqlite3.Error:
            pass  # read-only, locked by another run, or a full disk: the next run does the work

    def _latest(self, group: str, task: str) -> bool:
        """Whether `group` is the group used last and `task` stored entries under it."""
        try:
            row = self._db.execute(
                "SELECT (SELECT grp FROM groups ORDER BY used DESC LIMIT 1) = ?, "
                "EXISTS (SELECT 1 FROM tasks WHERE task = ? AND grp = ?)",
                (group, task, group),
            ).fetchone()
        except sqlite3.Error:
            return False
        return row is not None and row[0] == 1 and row[1] == 1

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()


#: The layout of the database; another one is dropped and made anew. Entries are a table with
#: rowids (version 2 had none): a row of about a kilobyte is stored whole in its page then,
#: where a table without rowid spills it onto overflow pages, and a warm run's lookups take
#: half the time.
SCHEMA_VERSION = 3
_DROP = """
DROP TABLE IF EXISTS entries;
DROP TABLE IF EXISTS groups;
DROP TABLE IF EXISTS tasks;
"""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, grp TEXT NOT NULL, entry TEXT NOT NULL,
    mac TEXT NOT NULL, file TEXT NOT NULL, digest TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entries_file ON entries (file);
CREATE TABLE IF NOT EXISTS groups (grp TEXT PRIMARY KEY, used INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tasks (task TEXT PRIMARY KEY, grp TEXT NOT NULL) WITHOUT ROWID;
"""


def _close(db: sqlite3.Connection | None) -> None:
    if db is not None:
        with contextlib.suppress(sqlite3.Error):
            db.close()


def read_bytes(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of a file, at most `max_bytes + 1` of them: more than `max_bytes` means it is
    larger than the limit, and the rest is left unread. None when it cannot be opened or read,
    or when it is a regular file larger than the limit (nothing is read then): `loader.read_file`
    says why. With the operating system's calls directly (a warm run reads every file of the
    repository this way), in reads as large as the file: a regular file that gives less than
    was asked for has been read to its end. A pipe (`/dev/stdin`, `<(...)`) is read to its end
    or to the limit, as one read gives what it holds at that moment; it can be read only once."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    parts: list[bytes] = []
    total = 0
    try:
        info = os.fstat(handle)
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > max_bytes:
            return None
        # One more than the file holds: a read that gives it all, and shows it is the end.
        want = info.st_size + 1 if regular and info.st_size > 0 else 64 * 1024
        while total <= max_bytes:
            asked = min(want, max_bytes + 1 - total)
            chunk = os.read(handle, asked)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if regular and len(chunk) < asked:
                break  # a regular file's end
    except OSError:
        return None
    finally:
        os.close(handle)
    return parts[0] if len(parts) == 1 else b"".join(parts)


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
