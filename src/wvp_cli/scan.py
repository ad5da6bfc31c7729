"""Checking many files: one small result per file, cached per peildatum, made in parallel.

A file's result (`engine.FileResult`: its findings, and for the agenda its due dates) is a pure
function of the file's bytes, the tool's own code, the settings, what was asked and the
peildatum. That is the key of an entry in `.wvp_cache/`: a run over an unchanged repository
reads every file, hashes it and reads its entry; it neither parses a file nor runs a case rule,
and it does not import the loader, the model or the clock. The rules that span the repository
(unique case ids) run on the results every time (`engine.finish`).

A file without an entry is loaded through the cache of loaded files (`batch`, so a file parsed
for another peildatum is not parsed again), checked, and only its result is kept: memory grows
with the findings, not with the files. More than PARALLEL_THRESHOLD of them are made in worker
processes, in chunks, and come back in order.

Entries are JSON, never pickle (reading a cache must never run code); a broken or foreign one
is a miss and is rewritten. Entries live in a folder per peildatum, and only the most recently
used KEEP_DATES of those folders are kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, store
from .engine import AgendaItem, CaseFacts, FileResult, Settings
from .findings import Finding, Location, Severity
from .limits import MAX_DEPTH, MAX_FILE_BYTES
from .store import CACHE_DIR

#: Bump when the layout of an entry changes.
RESULT_FORMAT = 1
#: Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
#: Folders of peildatums kept in the cache (a daily CI job needs one; `--as-of` runs add more).
KEEP_DATES = 8


@dataclass(frozen=True)
class Task:
    """What to make of every file: at which peildatum, with which settings, and whether its
    findings, its agenda or both (deadlines needs no rules, check no agenda)."""

    as_of: dt.date
    settings: Settings = field(default_factory=Settings)
    findings: bool = True
    agenda: bool = False
    max_bytes: int = MAX_FILE_BYTES
    #: Anything else that changes the result (part of the key).
    salt: str = ""

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
                "max_bytes": self.max_bytes,
                "max_depth": MAX_DEPTH,
                "salt": self.salt,
            },
            sort_keys=True,
            default=str,
        )


# --- the key --------------------------------------------------------------------------------

_fingerprint: str | None = None


def tool_fingerprint() -> str:
    """The version and the source of every module of wvp: a result depends on the loader, the
    model, the clock and every rule, so an edited (or upgraded) wvp never gets another's."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"wvp {__version__} results {RESULT_FORMAT}".encode())
        package = Path(__file__).resolve().parent
        for source in sorted(package.rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0")
            try:
                digest.update(source.read_bytes())
            except OSError:
                digest.update(b"?")
        _fingerprint = digest.hexdigest()
    return _fingerprint


def _key_prefix(task: Task) -> bytes:
    return f"{tool_fingerprint()}|{task.describe()}".encode()


def result_key(prefix: bytes, raw: bytes, named: bool) -> str:
    digest = hashlib.sha256(prefix)
    digest.update(b"|named\0" if named else b"|found\0")
    digest.update(raw)
    return digest.hexdigest()


def _entry_path(cache_dir: Path, task: Task, key: str) -> Path:
    return cache_dir / f"r{RESULT_FORMAT}" / task.as_of.isoformat() / key[:2] / f"{key}.json"


# --- the entry ------------------------------------------------------------------------------


def encode(result: FileResult) -> str | None:
    """A result as the text of an entry, without its file name (an entry serves the same bytes
    under any name); None when it speaks of another file and so cannot be kept."""
    name = result.file
    places = [f.location for f in result.findings]
    if result.id_location is not None:
        places.append(result.id_location)
    if any(place.file != name for place in places):
        return None
    facts = result.facts
    entry = {
        "format": RESULT_FORMAT,
        "is_case": result.is_case,
        "case_id": result.case_id,
        "id": None
        if result.id_location is None
        else [result.id_location.line, result.id_location.column, list(result.id_location.path)],
        "findings": [
            [
                f.rule,
                f.severity.value,
                f.message,
                f.location.line,
                f.location.column,
                list(f.location.path),
                f.case,
                f.milestone,
                f.private_message,
            ]
            for f in result.findings
        ],
        "load_findings": result.load_findings,
        "unreadable": result.unreadable,
        "valid": result.valid,
        "facts": None
        if facts is None
        else [
            facts.id,
            facts.employee,
            facts.casemanager,
            [[i.code, i.due.isoformat(), i.status, i.week] for i in facts.items],
        ],
    }
    return json.dumps(entry, ensure_ascii=False)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a text")
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _path(value: Any) -> tuple[str | int, ...]:
    if not isinstance(value, list) or not all(isinstance(p, str | int) for p in value):
        raise TypeError("expected a YAML path")
    return tuple(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected a number")
    return value


def decode(text: str, file: str) -> FileResult:
    """An entry back as the result it was made from, under the name `file`. Raises ValueError,
    TypeError or KeyError for an entry that does not fit."""
    entry = json.loads(text)
    if not isinstance(entry, dict) or entry.get("format") != RESULT_FORMAT:
        raise ValueError("not an entry of this format")
    findings = tuple(
        Finding(
            _text(rule),
            Severity(severity),
            _text(message),
            Location(file, _int(line), _int(col), _path(path)),
            _optional_text(case),
            _optional_text(milestone),
            _optional_text(private),
        )
        for rule, severity, message, line, col, path, case, milestone, private in entry["findings"]
    )
    where = entry["id"]
    id_location = (
        None if where is None else Location(file, _int(where[0]), _int(where[1]), _path(where[2]))
    )
    raw_facts = entry["facts"]
    facts = None
    if raw_facts is not None:
        case_id, employee, casemanager, items = raw_facts
        facts = CaseFacts(
            _text(case_id),
            _text(employee),
            _optional_text(casemanager),
            tuple(
                AgendaItem(_text(code), dt.date.fromisoformat(_text(due)), _text(status), _int(wk))
                for code, due, status, wk in items
            ),
        )
    return FileResult(
        file=file,
        is_case=bool(entry["is_case"]),
        case_id=_optional_text(entry["case_id"]),
        id_location=id_location,
        findings=findings,
        load_findings=_int(entry["load_findings"]),
        unreadable=bool(entry["unreadable"]),
        valid=bool(entry["valid"]),
        facts=facts,
    )


def _lookup(path: Path, file: str) -> FileResult | None:
    text = store.lookup(path)
    if text is None:
        return None
    try:
        return decode(text, file)
    except Exception:  # a truncated or foreign entry is a miss, never a crash
        return None


# --- making results -------------------------------------------------------------------------

# One file without a result: (its bytes, or None when they could not be read; its name; named
# on the command line; the entry path or None).
_Job = tuple[bytes | None, str, bool, Path | None]


def _make(jobs: Sequence[_Job], task: Task, cache_dir: Path | None) -> list[FileResult]:
    """Load and check these files; keep every result that can be kept."""
    from . import batch, engine, loader
    from .rules import all_rules

    rules = list(all_rules().values())
    out: list[FileResult] = []
    for raw, name, named, entry in jobs:
        if raw is None:
            loaded = loader.read_file(
                Path(name), name, require_case=named, max_bytes=task.max_bytes
            )
        else:
            loaded = batch.load_cached(
                raw, name, named, cache_dir, salt=task.salt, max_bytes=task.max_bytes
            )
        result = engine.file_result(
            loaded,
            task.as_of,
            task.settings,
            rules=rules,
            findings=task.findings,
            agenda=task.agenda,
        )
        if entry is not None:
            text = encode(result)
            if text is not None:
                store.store(entry, text)
        out.append(result)
    return out


def _make_parallel(
    jobs: list[_Job], task: Task, cache_dir: Path | None, workers: int
) -> list[FileResult]:
    from concurrent.futures import ProcessPoolExecutor

    from .rules import all_rules

    all_rules()  # imported once here, so that every forked worker has the rules already
    size = max(1, min(64, len(jobs) // (workers * 4)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    results: list[FileResult] = []
    with ProcessPoolExecutor(workers, mp_context=store.pool_context()) as pool:
        for part in pool.map(_make, chunks, [task] * len(chunks), [cache_dir] * len(chunks)):
            results.extend(part)
    return results


def _prune(cache_dir: Path) -> None:
    """Keep the folders of the KEEP_DATES most recently used peildatums."""
    with contextlib.suppress(OSError):
        dates = sorted(
            (p for p in (cache_dir / f"r{RESULT_FORMAT}").iterdir() if p.is_dir()),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in dates[KEEP_DATES:]:
            shutil.rmtree(old, ignore_errors=True)


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
    if cache_dir is not None and not store.prepare_cache(cache_dir):
        cache_dir = None
    prefix = _key_prefix(task) if cache_dir is not None else b""
    results: list[FileResult | None] = [None] * len(found)
    pending: list[tuple[int, _Job]] = []
    for index, (path, named) in enumerate(found):
        name = str(path)
        raw = store.read_bytes(path, task.max_bytes)
        entry = None
        if raw is not None and cache_dir is not None:
            entry = _entry_path(cache_dir, task, result_key(prefix, raw, named))
            hit = _lookup(entry, name)
            if hit is not None:
                results[index] = hit
                continue
        pending.append((index, (raw, name, named, entry)))

    if pending:
        batch = [job for _, job in pending]
        made: list[FileResult] | None = None
        if workers > 1 and len(batch) > PARALLEL_THRESHOLD:
            try:
                made = _make_parallel(batch, task, cache_dir, workers)
            except (OSError, RuntimeError):  # no processes to be had: do it here
                made = None
        if made is None:
            made = _make(batch, task, cache_dir)
        for (index, _), result in zip(pending, made, strict=True):
            results[index] = result
        if cache_dir is not None:
            # Touch this date's folder so that pruning keeps the dates in use.
            with contextlib.suppress(OSError):
                os.utime(cache_dir / f"r{RESULT_FORMAT}" / task.as_of.isoformat())
            _prune(cache_dir)
    return [r for r in results if r is not None]
