"""Checking many files: one small result per file, cached per peildatum, made in parallel.

A file's result (`engine.FileResult`: its findings, and for the agenda its due dates) is a pure
function of the file's bytes, the tool's own code, the settings, what was asked and the
peildatum. That is the key of an entry in `.wvp_cache/`: a run over an unchanged repository
reads every file, hashes it and reads its entry; it neither parses a file nor runs a case rule,
and it does not import the loader, the model or the clock. The rules that span the repository
(unique case ids) run on the results every time (`engine.finish`).

A file without an entry is loaded, checked, and only its result is kept: memory grows with the
findings, not with the files. More than PARALLEL_THRESHOLD of them are made in worker processes,
in chunks, and come back in order; the new entries are written as they come, a transaction per
_WRITE_BATCH of them (`store.Entries`), so that no more of their texts are held.

A new peildatum makes every result anew (a finding says how many days late a step is, so a
result holds for one date only): that run costs what a run without cache costs. Entries are JSON,
never pickle (reading a cache must never run code); a broken one is a miss and is rewritten.

An entry is believed only when this installation wrote it: each is signed with a key that lives
outside the repository (`store.installation_key`), so a cache committed to a branch, restored
from another branch's CI cache or copied from elsewhere cannot make a broken case pass; such
entries are ignored, reported on stderr and rewritten. The cache holds nothing the output masks:
a result with a masked finding (a medical term, whose full text only a terminal shows) is not
kept, and when a file's bytes change its old entries are deleted, with SQLite's secure delete.
The entries of the KEEP_DATES peildatums used last are kept, the rest dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wvp_cli import __version__
from wvp_cli.core.limits import MAX_DEPTH, MAX_FILE_BYTES
from wvp_cli.core.results import FileResult
from wvp_cli.core.settings import Settings
from wvp_cli.repo import store
from wvp_cli.repo.entries import RESULT_FORMAT as RESULT_FORMAT
from wvp_cli.repo.entries import decode as decode
from wvp_cli.repo.entries import encode as encode
from wvp_cli.repo.store import CACHE_DIR

#: Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
#: Peildatums whose entries are kept in the cache (a daily job needs one; `--as-of` adds more).
KEEP_DATES = 8


@dataclass(frozen=True)
class Task:
    """What to make of every file: at which peildatum, with which settings, and whether its
    findings, its agenda or both (deadlines needs no rules, check no agenda)."""

    as_of: dt.date
    settings: Settings = field(default_factory=Settings)
    findings: bool = True
    agenda: bool = False
    #: The last day of the agenda's window: open items due later are not kept (None: all).
    until: dt.date | None = None
    max_bytes: int = MAX_FILE_BYTES
    #: The portfolio's row of a valid case (`wvp cases`), kept this many years after its end
    #: (None: no row).
    portfolio: int | None = None

    def describe(self) -> str:
        """Everything of the task that changes a result, as one canonical text."""
        s = self.settings
        return json.dumps(
            {
                "as_of": self.as_of.isoformat(),
                "select": sorted(s.select),
                "ignore": sorted(s.ignore),
                "severity": {code: level.value for code, level in sorted(s.severity.items())},
                "options": s.options,
                "findings": self.findings,
                "agenda": self.agenda,
                "until": None if self.until is None else self.until.isoformat(),
                "max_bytes": self.max_bytes,
                "portfolio": self.portfolio,
                "max_depth": MAX_DEPTH,
            },
            sort_keys=True,
            default=str,
        )


# --- the key --------------------------------------------------------------------------------

_fingerprint: str | None = None


#: The libraries whose behaviour is part of a result: PyYAML with its libyaml (what a syntax
#: error says, how deep it nests) and pydantic (what a validation error says).
DEPENDENCIES = ("yaml", "pydantic", "pydantic_core")


def tool_fingerprint() -> str:
    """The version and the source of every module of wvp, and the installed files of the
    libraries it loads with: a result depends on the loader, the model, the clock and every
    rule, so an edited or upgraded wvp, PyYAML or pydantic never gets another's."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"wvp {__version__} results {RESULT_FORMAT}".encode())
        package = Path(__file__).resolve().parent.parent  # wvp_cli/, not wvp_cli/repo/
        for source in sorted(package.rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            try:
                digest.update(source.read_bytes())
            except OSError:
                digest.update(b"?")
        digest.update(dependency_marks().encode())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def dependency_marks() -> str:
    """Name, size and modification time of the files at the top of each of DEPENDENCIES'
    folders (their version file, their compiled extension): an upgrade rewrites them. Found
    without importing the libraries, which a run served from the cache does not need."""
    import importlib.util

    marks = []
    for name in DEPENDENCIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            marks.append(f"{name}:-")
            continue
        try:
            with os.scandir(Path(origin).parent) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.is_file():
                        stat = entry.stat()
                        marks.append(f"{name}/{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            marks.append(f"{name}:?")
    return "\n".join(marks)


def _key_prefix(task: Task) -> bytes:
    return f"{tool_fingerprint()}|{task.describe()}".encode()


def result_key(prefix: bytes, raw: bytes, named: bool) -> str:
    digest = hashlib.sha256(prefix)
    digest.update(b"|named\0" if named else b"|found\0")
    digest.update(raw)
    return digest.hexdigest()


#: A severity by its value (a KeyError for another: the entry is a miss).
# --- making results -------------------------------------------------------------------------

# One file without a result: its name, whether it was named on the command line, and its
# bytes when they were read already and cannot be read again (a pipe).
_Job = tuple[str, bool, bytes | None]
# What comes back: the result, its key (None without a cache, or for a file that could not be
# read), its entry text (None when it cannot be kept) and the digest of the bytes it was made of.
_Made = tuple[FileResult, str | None, str | None, str]


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    """Loading a file makes some thousand short-lived objects, and the cyclic collector runs
    after every 700 new ones, walking the imported modules' objects (pydantic's schemas, the
    rules) again and again: a tenth of the time of a check. Meanwhile those objects are set
    aside (`gc.freeze`) and the collector runs after every 20,000; as before afterwards."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(20_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _make(jobs: Sequence[_Job], task: Task, prefix: bytes | None) -> list[_Made]:
    """Read, load and check these files. The key is made here, of the bytes that are loaded,
    so that a file that changes meanwhile can never leave an entry under another's key."""
    from wvp_cli import engine
    from wvp_cli.core import loader

    checker = engine.Checker(task.settings) if task.findings else None
    out: list[_Made] = []
    with _rare_collections():
        for name, named, given in jobs:
            raw = given if given is not None else store.read_bytes(Path(name), task.max_bytes)
            if raw is None:  # the loader says why: missing, unreadable or too large
                limit = task.max_bytes
                loaded = loader.read_file(Path(name), name, require_case=named, max_bytes=limit)
            elif len(raw) > task.max_bytes:  # a pipe, or a file that grew: not read again
                loaded = loader.too_large(name, task.max_bytes)
                raw = None
            else:
                loaded = loader.load_bytes(raw, name, require_case=named)
            result = engine.file_result(
                loaded,
                task.as_of,
                task.settings,
                checker=checker,
                findings=task.findings,
                agenda=task.agenda,
                until=task.until,
                portfolio=task.portfolio,
            )
            key = None if prefix is None or raw is None else result_key(prefix, raw, named)
            digest = hashlib.sha256(raw).hexdigest() if key is not None and raw is not None else ""
            text = encode(result, task.settings.options) if key is not None else None
            out.append((result, key, text, digest))
    return out


def _make_parallel(
    jobs: list[_Job],
    task: Task,
    prefix: bytes | None,
    workers: int,
    take: Callable[[list[_Made]], None],
) -> None:
    """`_make` in `workers` processes; `take` gets the results in order, a chunk at a time."""
    from concurrent.futures import ProcessPoolExecutor

    from wvp_cli.rules import all_rules

    all_rules()  # imported once here, so that every forked worker has the rules already
    size = max(1, min(64, len(jobs) // (workers * 4)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(workers, mp_context=store.pool_context()) as pool:
        for part in pool.map(_make, chunks, [task] * len(chunks), [prefix] * len(chunks)):
            take(part)


def scan(
    found: Sequence[tuple[Path, bool]],
    task: Task,
    *,
    cache_dir: Path | None = CACHE_DIR,
    jobs: int | None = None,
) -> list[FileResult]:
    """The result of every (file, named) of `found`, in that order.

    `cache_dir` None turns the cache off; `jobs` is the number of processes (default: the
    cores).
    """
    workers = store.default_jobs() if jobs is None else max(1, jobs)
    entries = None
    if cache_dir is not None:
        try:
            key = store.installation_key()
        except store.KeyProblem as exc:
            print(f"wvp: {exc}; wvp werkt nu zonder cache", file=sys.stderr)
        else:
            if store.prepare_cache(cache_dir):
                entries = store.Entries.open(cache_dir, key)
    try:
        return _scan(found, task, entries, workers)
    finally:
        if entries is not None:
            if entries.rejected:
                print(
                    f"wvp: {entries.rejected} resultaten in {cache_dir} zijn niet door deze "
                    "installatie geschreven (vervalst, of van een andere installatie of "
                    "CI-cache); ze zijn genegeerd en de bestanden zijn opnieuw gecontroleerd",
                    file=sys.stderr,
                )
            entries.close()


#: Files looked up in the cache at a time: their bytes are held only that long.
_LOOKUP_BATCH = 1000
#: New entries written to the cache at a time (one transaction each).
_WRITE_BATCH = 5000


def _scan(
    found: Sequence[tuple[Path, bool]], task: Task, entries: store.Entries | None, workers: int
) -> list[FileResult]:
    results: list[FileResult | None] = [None] * len(found)
    pending: list[int] = []
    streams: dict[int, bytes] = {}
    prefix = _key_prefix(task) if entries is not None else None
    task_id = hashlib.sha256(prefix).hexdigest() if prefix is not None else ""
    # A task no run has stored: every file is a miss, so none is read here (the workers do).
    look = entries is not None and entries.has_task(task_id)
    if entries is None or prefix is None or not look:
        pending.extend(range(len(found)))
    else:
        with _rare_collections():  # decoding makes some 100,000 objects that all stay
            for start in range(0, len(found), _LOOKUP_BATCH):
                part = range(start, min(len(found), start + _LOOKUP_BATCH))
                _look_up(found, part, task, prefix, entries, results, pending, streams)

    rows: list[tuple[str, str | None, str, str]] = []
    group = task.as_of.isoformat()
    done = 0  # how many of `pending` have their result

    def take(part: list[_Made]) -> None:
        """Keep a chunk's results; their entries go to the cache every _WRITE_BATCH, so that
        no more than that many entry texts are held (50,000 files: 100s of MB)."""
        nonlocal done, rows
        for result, key, text, digest in part:
            index = pending[done]
            done += 1
            results[index] = result
            if key is not None:  # text None: not kept, but its file's old entries go
                rows.append((key, _storable(text), _file_id(found[index][0]), digest))
        if entries is not None and len(rows) >= _WRITE_BATCH:
            entries.put_many(group, rows, keep=KEEP_DATES, task=task_id)
            rows = []

    if pending:
        batch = [(str(found[i][0]), found[i][1], streams.get(i)) for i in pending]
        if workers > 1 and len(batch) > PARALLEL_THRESHOLD:
            with contextlib.suppress(OSError, RuntimeError):  # no processes: do it here
                _make_parallel(batch, task, prefix, workers, take)
        for start in range(done, len(batch), _WRITE_BATCH):
            take(_make(batch[start : start + _WRITE_BATCH], task, prefix))
    if entries is not None:
        # Also when every result came from the cache: this peildatum is in use, keep it.
        entries.put_many(group, rows, keep=KEEP_DATES, task=task_id)
    return [r for r in results if r is not None]


def _look_up(
    found: Sequence[tuple[Path, bool]],
    part: range,
    task: Task,
    prefix: bytes,
    entries: store.Entries,
    results: list[FileResult | None],
    pending: list[int],
    streams: dict[int, bytes],
) -> None:
    """The results of the files `part` of `found` that the cache holds go to `results`; the
    others to `pending`. A pipe's bytes, read here, go to `streams`."""
    keys: dict[int, str] = {}
    for index in part:
        path, named = found[index]
        raw = store.read_bytes(path, task.max_bytes)
        if raw is not None and named and not path.is_file():
            streams[index] = raw  # a pipe: read once, here
        if raw is not None and len(raw) <= task.max_bytes:
            keys[index] = result_key(prefix, raw, named)
    texts = entries.get_many(list(keys.values()))
    for index in part:
        text = texts.get(keys[index]) if index in keys else None
        hit = _decoded(text, str(found[index][0])) if text is not None else None
        if hit is None:
            pending.append(index)
        else:
            results[index] = hit


def _file_id(path: Path) -> str:
    """A file as the cache knows it: a hash of its absolute path (any bytes, no name kept)."""
    return hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()


def _storable(text: str | None) -> str | None:
    """An entry text SQLite can hold (UTF-8), else None: not kept."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return text


def _decoded(text: str, file: str) -> FileResult | None:
    try:
        return decode(text, file)
    except Exception:  # a truncated or foreign entry is a miss, never a crash
        return None
