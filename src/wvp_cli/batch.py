"""Loading many case files: a content-addressed cache, and parallel parsing across the cores.

The loader is a pure function of a file's bytes, the tool's own code and the few settings that
change how it loads (the size limit, the nesting limit, whether a file was named or found in a
folder). That is the key of the cache: an unchanged file is served without being parsed. This
is the lower of two caches: `scan` keeps each file's result per peildatum, and comes here for
a file it has no result of (a new peildatum, other settings), so that the file is not parsed
again.

Cache entries are JSON, never pickle: a `.wvp_cache/` folder can come from anywhere (a cloned
repository, a CI artefact), and reading it must never run code. An entry that cannot be read,
does not decode or does not match is ignored and rebuilt; writing one is temp file + rename, and a
cache that cannot be written is simply not written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from . import __version__, loader, store
from .findings import Finding, Location, Severity, YamlPath
from .store import CACHE_DIR

#: Bump when the layout of an entry changes.
CACHE_FORMAT = 2  # 2: the entry keeps the file's text (privacy rules read it)
#: Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200


class _Uncacheable(Exception):
    """The loaded file holds something the entry format does not carry; load it every time."""


# --- the key --------------------------------------------------------------------------------

_fingerprint: str | None = None


def tool_fingerprint() -> str:
    """The version and the source of every module that decides what the loader produces, so
    that an edited (or upgraded) wvp never gets entries of another one."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"wvp {__version__} cache {CACHE_FORMAT}".encode())
        from . import findings, model

        for module in (loader, model, findings):
            source = module.__file__
            try:
                digest.update(Path(source).read_bytes() if source else b"?")
            except OSError:
                digest.update(b"?")
        _fingerprint = digest.hexdigest()
    return _fingerprint


def cache_key(
    raw: bytes, *, require_case: bool, salt: str = "", max_bytes: int | None = None
) -> str:
    """The entry name of one file's bytes: content, tool and every setting the loader uses."""
    digest = hashlib.sha256()
    limit = loader.MAX_FILE_BYTES if max_bytes is None else max_bytes
    settings = (
        f"{tool_fingerprint()}|max_bytes={limit}|max_depth={loader.MAX_DEPTH}"
        f"|require_case={require_case}|{salt}\0"
    )
    digest.update(settings.encode())
    digest.update(raw)
    return digest.hexdigest()


# --- the entry ------------------------------------------------------------------------------


def _plain(value: Any, depth: int = 0) -> Any:
    """YAML's plain data as JSON: dates and times tagged, everything else as it is."""
    if depth > 200:
        raise _Uncacheable("too deep")
    if isinstance(value, dict):
        if "$" in value:
            raise _Uncacheable("a key '$' would read as a tag")
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dt.datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$": "date", "v": value.isoformat()}
    if value is None or isinstance(value, str | bool | int | float):
        return value
    raise _Uncacheable(type(value).__name__)


def _tagged(obj: dict[str, Any]) -> Any:
    tag = obj.get("$")
    if tag is None:
        return obj
    if tag == "date":
        return dt.date.fromisoformat(obj["v"])
    if tag == "datetime":
        return dt.datetime.fromisoformat(obj["v"])
    raise ValueError(f"unknown tag {tag!r}")


def _positions(table: Mapping[YamlPath, tuple[int, int]]) -> list[Any]:
    return [[list(path), line, col] for path, (line, col) in table.items()]


def encode(loaded: loader.LoadedFile) -> str:
    """One loaded file as the text of a cache entry, without its file name (an entry serves
    the same bytes under any name)."""
    name = loaded.file
    if loaded.source.file != name or any(f.location.file != name for f in loaded.findings):
        raise _Uncacheable("a finding about another file")
    findings = [
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
        for f in loaded.findings
    ]
    source = json.dumps([_positions(loaded.source.values), _positions(loaded.source.keys)])
    entry = {
        "format": CACHE_FORMAT,
        "is_case": loaded.is_case,
        "valid": loaded.case is not None,
        "findings": findings,
        "source": source,
        "data": _plain(loaded.data),
        "text": loaded.text,
    }
    try:
        return json.dumps(entry, ensure_ascii=False)
    except (ValueError, RecursionError) as exc:
        raise _Uncacheable(str(exc)) from None


class _LazyPositions(Mapping[YamlPath, tuple[int, int]]):
    """A source map table decoded on first use: rules only look positions up for findings."""

    __slots__ = ("_encoded", "_index", "_table")

    def __init__(self, encoded: str, index: int) -> None:
        self._encoded = encoded
        self._index = index
        self._table: dict[YamlPath, tuple[int, int]] | None = None

    def _get(self) -> dict[YamlPath, tuple[int, int]]:
        if self._table is None:
            rows = json.loads(self._encoded)[self._index]
            self._table = {tuple(path): (line, col) for path, line, col in rows}
        return self._table

    def __getitem__(self, key: YamlPath) -> tuple[int, int]:
        return self._get()[key]

    def __iter__(self) -> Iterator[YamlPath]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def decode(text: str, file: str) -> loader.LoadedFile:
    """A cache entry back as the LoadedFile the loader made, under the name `file`.
    Raises ValueError (or KeyError, TypeError) for an entry that does not fit."""
    from .model import Case

    entry = json.loads(text, object_hook=_tagged)
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
        raise ValueError("not an entry of this format")
    source_text = entry["source"]
    if not isinstance(source_text, str):
        raise ValueError("bad source map")
    source = loader.SourceMap(file, _LazyPositions(source_text, 0), _LazyPositions(source_text, 1))
    findings = tuple(
        Finding(
            str(rule),
            Severity(severity),
            str(message),
            Location(file, int(line), int(col), tuple(path)),
            case,
            milestone,
            private,
        )
        for rule, severity, message, line, col, path, case, milestone, private in entry["findings"]
    )
    data = entry["data"]
    text = entry["text"]
    if not isinstance(text, str):
        raise ValueError("bad text")
    # The same validation the loader did, on the same data: the same case, by construction.
    case = Case.model_validate(data) if entry["valid"] is True else None
    return loader.LoadedFile(file, source, findings, case, data, bool(entry["is_case"]), text)


# --- the cache folder ---------------------------------------------------------------------


def _entry_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"v{CACHE_FORMAT}" / key[:2] / f"{key}.json"


def _lookup(cache_dir: Path, key: str, file: str) -> loader.LoadedFile | None:
    text = store.lookup(_entry_path(cache_dir, key))
    if text is None:
        return None
    try:
        return decode(text, file)
    except Exception:  # a truncated or foreign entry is a miss, never a crash
        return None


def _store(cache_dir: Path, key: str, text: str) -> None:
    store.store(_entry_path(cache_dir, key), text)


# --- loading ------------------------------------------------------------------------------

# One file to parse: (bytes, display name, named on the command line, cache key or None).
_Job = tuple[bytes, str, bool, str | None]


def _parse(job: _Job, cache_dir: Path | None) -> str | loader.LoadedFile:
    """Parse one file; in a worker the result travels back as the entry text."""
    raw, name, named, key = job
    loaded = loader.load_bytes(raw, name, require_case=named)
    try:
        text = encode(loaded)
    except _Uncacheable:
        return loaded
    if cache_dir is not None and key is not None:
        _store(cache_dir, key, text)
    return text


def _parse_chunk(jobs: Sequence[_Job], cache_dir: Path | None) -> list[str | loader.LoadedFile]:
    return [_parse(job, cache_dir) for job in jobs]


def _parse_parallel(
    jobs: list[_Job], cache_dir: Path | None, workers: int
) -> list[str | loader.LoadedFile]:
    size = max(1, min(64, len(jobs) // (workers * 4)))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    results: list[str | loader.LoadedFile] = []
    with ProcessPoolExecutor(workers, mp_context=store.pool_context()) as pool:
        for part in pool.map(_parse_chunk, chunks, [cache_dir] * len(chunks)):
            results.extend(part)
    return results


def load_cached(
    raw: bytes,
    name: str,
    named: bool,
    cache_dir: Path | None,
    *,
    salt: str = "",
    max_bytes: int | None = None,
) -> loader.LoadedFile:
    """One file's bytes through the cache: served when an entry is there, else loaded and kept."""
    if cache_dir is None:
        return loader.load_bytes(raw, name, require_case=named)
    key = cache_key(raw, require_case=named, salt=salt, max_bytes=max_bytes)
    hit = _lookup(cache_dir, key, name)
    if hit is not None:
        return hit
    loaded = loader.load_bytes(raw, name, require_case=named)
    with contextlib.suppress(_Uncacheable):
        _store(cache_dir, key, encode(loaded))
    return loaded


def load_many(
    found: Sequence[tuple[Path, bool]],
    *,
    cache_dir: Path | None = CACHE_DIR,
    jobs: int | None = None,
    salt: str = "",
    max_bytes: int | None = None,
) -> list[loader.LoadedFile]:
    """Load every (file, named) of `found`, in that order, as `loader.read_file` would.

    `cache_dir` None turns the cache off; `jobs` is the number of processes (default: the
    cores); `salt` is any further configuration that changes what the loader produces;
    `max_bytes` the size limit of one file (default the loader's).
    """
    limit = loader.MAX_FILE_BYTES if max_bytes is None else max_bytes
    workers = store.default_jobs() if jobs is None else max(1, jobs)
    if cache_dir is not None and not store.prepare_cache(cache_dir):
        cache_dir = None
    results: list[loader.LoadedFile | None] = [None] * len(found)
    pending: list[tuple[int, _Job]] = []
    for index, (path, named) in enumerate(found):
        name = str(path)
        raw = store.read_bytes(path, limit)
        if raw is None:
            results[index] = loader.read_file(path, name, require_case=named, max_bytes=limit)
            continue
        key = (
            cache_key(raw, require_case=named, salt=salt, max_bytes=limit)
            if cache_dir is not None
            else None
        )
        hit = _lookup(cache_dir, key, name) if cache_dir is not None and key else None
        if hit is not None:
            results[index] = hit
        else:
            pending.append((index, (raw, name, named, key)))

    if pending:
        batch = [job for _, job in pending]
        parsed: list[str | loader.LoadedFile] | None = None
        if workers > 1 and len(batch) > PARALLEL_THRESHOLD:
            try:
                parsed = _parse_parallel(batch, cache_dir, workers)
            except (OSError, RuntimeError):  # no processes to be had: do it here
                parsed = None
        if parsed is None:
            parsed = []
            for raw, name, named, _key in batch:
                parsed.append(load_cached(raw, name, named, cache_dir, salt=salt, max_bytes=limit))
        for (index, (_, name, _, _)), result in zip(pending, parsed, strict=True):
            results[index] = decode(result, name) if isinstance(result, str) else result
    return [r for r in results if r is not None]
