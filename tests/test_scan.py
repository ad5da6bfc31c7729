"""The cache of results (`scan`): the same output with and without it, cold and warm, never a
stale entry, a broken entry is a miss and is rewritten, parallel equals serial, old peildatums
are dropped, and a warm `wvp check` does not import the loader, the model or the clock.

The entries live in one SQLite file (`store.Entries`); the helpers below read and rewrite them
there, so that a test can show which entry was served.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, SAMPLES, run_cli
from wvp_cli import engine
from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.engine import FileResult
from wvp_cli.repo import scan, store

AS_OF_TEXT = "2026-11-24"
AS_OF = dt.date.fromisoformat(AS_OF_TEXT)
CACHE = Path(".wvp_cache")
#: A finding no loader or rule makes: seeing it in a result means the entry was served.
POISON = ["WVP999", "error", "uit de cache", 1, 1, [], None, None, None]
# A broken file (no medical term in it: a file that holds one is not kept in the cache).
BROKEN_YAML = "wvp: 1\nid: [werkplek\n"


# --- reading and rewriting entries ----------------------------------------------------------


def _connect(cache: Path) -> contextlib.closing[sqlite3.Connection]:
    db = cache / store.Entries.NAME
    assert db.is_file(), f"no cache database at {db}"
    return contextlib.closing(sqlite3.connect(db))


def _entries(cache: Path) -> dict[str, Any]:
    """Every entry of the cache, by key."""
    with _connect(cache) as db:
        return dict(db.execute("SELECT key, entry FROM entries"))


def _set_entry(cache: Path, key: str, value: str | bytes) -> None:
    """Rewrite an entry as this installation would (signed with its key): the tests below play
    the installation itself; tests/test_cache_trust.py plays someone else."""
    mac = store.sign(store.installation_key(), key, value) if isinstance(value, str) else "x"
    with _connect(cache) as db, db:
        changed = db.execute(
            "UPDATE entries SET entry = ?, mac = ? WHERE key = ?", (value, mac, key)
        )
        assert changed.rowcount == 1


def _dates(cache: Path) -> set[str]:
    """The peildatums that still have entries."""
    with _connect(cache) as db:
        return {grp for (grp,) in db.execute("SELECT DISTINCT grp FROM entries")}


def _poison(cache: Path) -> int:
    """Add POISON to the findings of every entry; the number of entries poisoned."""
    entries = _entries(cache)
    assert entries, "nothing in the cache to poison"
    for key, text in entries.items():
        doc = json.loads(text)
        doc["findings"].append(POISON)
        _set_entry(cache, key, json.dumps(doc))
    return len(entries)


def _served(results: list[FileResult]) -> bool:
    return any(f.rule == "WVP999" for r in results for f in r.findings)


@pytest.fixture
def fixed_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fingerprint that does not depend on src/ being edited while the tests run."""
    monkeypatch.setattr(scan, "_fingerprint", "wvp A")


# --- the CLI: the same bytes with and without the cache -------------------------------------


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SAMPLES, tmp_path / "cases")
    (tmp_path / "cases" / "kapot.yaml").write_text(BROKEN_YAML)
    monkeypatch.chdir(tmp_path)
    return Path("cases")


@pytest.mark.parametrize("fmt", ["json", "text", "github", "junit", "sarif"])
def test_check_output_is_byte_identical_without_cache_cold_and_warm(tree: Path, fmt: str) -> None:
    args = ("check", str(tree), "--as-of", AS_OF_TEXT, "--format", fmt)
    plain = run_cli(*args, "--no-cache")
    assert not CACHE.exists(), "--no-cache made a cache"
    cold = run_cli(*args)
    assert _entries(CACHE), "the first run fills the cache"
    warm = run_cli(*args)
    assert plain.out == cold.out == warm.out
    assert plain.err == cold.err == warm.err
    assert plain.code == cold.code == warm.code == 1  # the invalid-* samples have errors
    assert "kapot.yaml" in plain.out


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "ics"])
def test_deadlines_output_is_byte_identical_cold_warm_and_after_clearing(
    tree: Path, fmt: str
) -> None:
    args = ("deadlines", str(tree), "--as-of", AS_OF_TEXT, "--format", fmt)
    cold = run_cli(*args)
    assert _entries(CACHE), "the first run fills the cache"
    warm = run_cli(*args)
    shutil.rmtree(CACHE)
    again = run_cli(*args)
    assert CACHE.is_dir()
    assert cold.out and "kapot.yaml" in cold.err  # a broken file is reported as skipped
    assert cold.out == warm.out == again.out
    assert cold.err == warm.err == again.err
    assert cold.code == warm.code == again.code == 1


def test_check_reads_the_cache(tree: Path) -> None:
    args = ("check", str(tree), "--as-of", AS_OF_TEXT, "--format", "json")
    run_cli(*args)
    _poison(CACHE)
    assert "WVP999" in run_cli(*args).out
    assert "WVP999" not in run_cli(*args, "--no-cache").out


def test_the_cache_folder_keeps_itself_out_of_git(tree: Path) -> None:
    run_cli("check", str(tree), "--as-of", AS_OF_TEXT)
    assert (CACHE / ".gitignore").read_text().splitlines()[-1] == "*"


# --- the cache is used, and never stale -----------------------------------------------------

BASE = scan.Task(AS_OF)


def test_a_poisoned_entry_is_served_so_the_cache_is_really_used(
    tmp_path: Path, fixed_fingerprint: None
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    found = [(case, True)]
    first = scan.scan(found, BASE, cache_dir=cache, jobs=1)
    assert not _served(first)
    assert _poison(cache) == 1
    (served,) = scan.scan(found, BASE, cache_dir=cache, jobs=1)
    assert _served([served])
    assert served.findings[:-1] == first[0].findings
    assert not _served(scan.scan(found, BASE, cache_dir=None, jobs=1))


def test_an_entry_serves_the_same_bytes_under_another_name(
    tmp_path: Path, fixed_fingerprint: None
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1)
    _poison(cache)
    other = tmp_path / "elders" / "kopie.yaml"
    other.parent.mkdir()
    other.write_bytes(case.read_bytes())
    (served,) = scan.scan([(other, True)], BASE, cache_dir=cache, jobs=1)
    assert _served([served])
    assert served.file == str(other)
    assert {f.location.file for f in served.findings} == {str(other)}
    assert served == replace(
        scan.scan([(other, True)], BASE, cache_dir=None)[0],
        findings=served.findings,
    )


VARIANTS = [
    "changed file",
    "tool fingerprint",
    "as_of",
    "settings ignore",
    "settings select",
    "settings severity",
    "settings options",
    "no findings",
    "agenda",
    "agenda window",
    "max_bytes",
    "found instead of named",
]


def _variant(
    name: str, case: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[tuple[Path, bool]], scan.Task]:
    found = [(case, True)]
    task = BASE
    if name == "changed file":
        case.write_text(MINIMAL.replace('id: "t-1"', 'id: "t-2"'))
    elif name == "tool fingerprint":
        monkeypatch.setattr(scan, "_fingerprint", "wvp B")
    elif name == "as_of":
        task = replace(BASE, as_of=AS_OF + dt.timedelta(days=1))
    elif name == "settings ignore":
        task = replace(BASE, settings=engine.Settings(ignore=frozenset({"WVP1"})))
    elif name == "settings select":
        task = replace(BASE, settings=engine.Settings(select=frozenset({"WVP0"})))
    elif name == "settings severity":
        task = replace(BASE, settings=engine.Settings(severity={"WVP101": Severity.INFO}))
    elif name == "settings options":
        task = replace(BASE, settings=engine.Settings(options={"iets": 1}))
    elif name == "no findings":
        task = replace(BASE, findings=False)
    elif name == "agenda":
        task = replace(BASE, agenda=True)
    elif name == "agenda window":
        task = replace(BASE, until=AS_OF + dt.timedelta(days=7))
    elif name == "max_bytes":
        task = replace(BASE, max_bytes=BASE.max_bytes - 1)
    elif name == "found instead of named":
        found = [(case, False)]
    else:
        raise AssertionError(name)
    return found, task


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_entry_is_never_served_for_another_file_tool_or_task(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None, variant: str
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1)
    _poison(cache)
    assert _served(scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1))

    found, task = _variant(variant, case, monkeypatch)
    got = scan.scan(found, task, cache_dir=cache, jobs=1)
    assert not _served(got)
    assert got == scan.scan(found, task, cache_dir=None, jobs=1)

    # The original entry is still there, under its own key: back to the original, it is served.
    # Except for a file whose bytes changed: its old entries are dropped (#15), so the cache
    # keeps nothing of what the file once said.
    case.write_text(MINIMAL)
    monkeypatch.setattr(scan, "_fingerprint", "wvp A")
    served = _served(scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1))
    assert served is (variant != "changed file")


def test_the_fingerprint_follows_the_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "_fingerprint", None)
    first = scan.tool_fingerprint()
    assert scan.tool_fingerprint() == first  # stable
    monkeypatch.setattr(scan, "_fingerprint", None)
    monkeypatch.setattr(scan, "__version__", "99.0")
    assert scan.tool_fingerprint() != first


def test_the_fingerprint_follows_the_source_of_every_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = Path(scan.__file__).resolve().parent.parent
    copy = tmp_path / "wvp_cli"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(scan, "_fingerprint", None)
    original = scan.tool_fingerprint()

    monkeypatch.setattr(scan, "__file__", str(copy / "repo" / "scan.py"))
    monkeypatch.setattr(scan, "_fingerprint", None)
    assert scan.tool_fingerprint() == original  # the same sources elsewhere

    rule = copy / "rules" / "deadlines.py"
    rule.write_text(rule.read_text() + "\n# een andere regel\n")
    monkeypatch.setattr(scan, "_fingerprint", None)
    assert scan.tool_fingerprint() != original


def test_the_fingerprint_follows_an_upgrade_of_pyyaml_or_pydantic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a syntax or validation error says comes from PyYAML (and its libyaml) and pydantic:
    another installed version of either is another tool."""
    import importlib.machinery
    import importlib.util
    import os

    marks = scan.dependency_marks()
    for name in scan.DEPENDENCIES:
        assert f"{name}/__init__.py:" in marks
    # A stand-in for PyYAML, found where an installed one would be.
    fake = tmp_path / "yaml"
    fake.mkdir()
    (fake / "__init__.py").write_text("__version__ = '6.0.4'\n")
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        if name == "yaml":
            return importlib.machinery.ModuleSpec("yaml", None, origin=str(fake / "__init__.py"))
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    monkeypatch.setattr(scan, "_fingerprint", None)
    before = scan.tool_fingerprint()
    monkeypatch.setattr(scan, "_fingerprint", None)
    assert scan.tool_fingerprint() == before  # nothing changed
    (fake / "__init__.py").write_text("__version__ = '6.0.5'\n")
    os.utime(fake / "__init__.py", ns=(1, 1))
    monkeypatch.setattr(scan, "_fingerprint", None)
    assert scan.tool_fingerprint() != before


# --- entries: round trip, corrupt and truncated ---------------------------------------------

BOTH = scan.Task(AS_OF, agenda=True)


def test_every_sample_survives_encode_and_decode() -> None:
    found = [(p, named) for p in sorted(SAMPLES.glob("*.yaml")) for named in (True, False)]
    results = scan.scan(found, BOTH, cache_dir=None, jobs=1)
    assert any(r.facts for r in results) and any(r.findings for r in results)
    for result in results:
        text = scan.encode(result)
        assert text is not None
        assert scan.decode(text, result.file) == result
        moved = scan.decode(text, "elders.yaml")
        assert moved.file == "elders.yaml"
        assert all(f.location.file == "elders.yaml" for f in moved.findings)


def test_a_result_that_speaks_of_another_file_is_not_kept() -> None:
    elsewhere = Finding("WVP020", Severity.ERROR, "dubbel", Location("b.yaml", 1, 1, ("id",)))
    assert scan.encode(FileResult(file="a.yaml", findings=(elsewhere,))) is None
    assert scan.encode(FileResult(file="a.yaml", id_location=Location("b.yaml"))) is None
    assert scan.encode(FileResult(file="b.yaml", findings=(elsewhere,))) is not None


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], str]:
    def damage(doc: dict[str, Any]) -> str:
        change(doc)
        return json.dumps(doc)

    return damage


def _set_row(index: int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["findings"][0][index] = value

    return change


def _set_item(index: int, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        doc["facts"][3][0][index] = value

    return change


DAMAGES: dict[str, Callable[[dict[str, Any]], str | bytes]] = {
    "empty": lambda doc: "",
    "open brace": lambda doc: "{",
    "binary garbage as blob": lambda doc: b"\x00\xff\xfe garbage",
    "binary garbage as text": lambda doc: b"\x00\xff\xfe garbage".decode("latin-1"),
    "a list": lambda doc: "[]",
    "null": lambda doc: "null",
    "only a format": lambda doc: json.dumps({"format": scan.RESULT_FORMAT}),
    "another format": _edit(lambda doc: doc.update(format=scan.RESULT_FORMAT + 1)),
    "format as text": _edit(lambda doc: doc.update(format=str(scan.RESULT_FORMAT))),
    "no findings key": _edit(lambda doc: doc.pop("findings")),
    "findings not a list": _edit(lambda doc: doc.update(findings=3)),
    "finding row too short": _edit(lambda doc: doc["findings"].__setitem__(0, ["WVP001", "error"])),
    "finding row too long": _edit(lambda doc: doc["findings"][0].append("meer")),
    "finding line not an int": _edit(_set_row(3, "1")),
    "finding line a bool": _edit(_set_row(3, True)),
    "finding column a float": _edit(_set_row(4, 1.5)),
    "finding severity unknown": _edit(_set_row(1, "fataal")),
    "finding message not text": _edit(_set_row(2, 7)),
    "finding path not a list": _edit(_set_row(5, "events")),
    "finding path of floats": _edit(_set_row(5, [1.5])),
    "id location too short": _edit(lambda doc: doc.update(id=[1])),
    "load_findings as text": _edit(lambda doc: doc.update(load_findings="0")),
    "no valid key": _edit(lambda doc: doc.pop("valid")),
    "is_case as text": _edit(lambda doc: doc.update(is_case="false")),
    "unreadable as a number": _edit(lambda doc: doc.update(unreadable=0)),
    "facts too short": _edit(lambda doc: doc.update(facts=doc["facts"][:2])),
    "facts with a bad date": _edit(_set_item(1, "2026-02-30")),
    "facts with a date as number": _edit(_set_item(1, 20260101)),
    "facts with a week as text": _edit(_set_item(3, "12")),
    "facts with employee not text": _edit(lambda doc: doc["facts"].__setitem__(1, None)),
}


@pytest.fixture
def one_entry(tmp_path: Path, fixed_fingerprint: None) -> tuple[list[tuple[Path, bool]], Path]:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    found = [(case, True)]
    scan.scan(found, BOTH, cache_dir=cache, jobs=1)
    return found, cache


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_a_corrupt_entry_is_ignored_and_rewritten(
    one_entry: tuple[list[tuple[Path, bool]], Path], damage: str
) -> None:
    found, cache = one_entry
    expected = scan.scan(found, BOTH, cache_dir=None, jobs=1)
    ((key, good),) = _entries(cache).items()
    doc = json.loads(good)
    assert doc["findings"] and doc["facts"][3], "the damage needs findings and agenda items"
    _set_entry(cache, key, DAMAGES[damage](doc))
    assert scan.scan(found, BOTH, cache_dir=cache, jobs=1) == expected
    assert _entries(cache) == {key: good}  # rewritten


def test_a_truncated_entry_is_ignored(one_entry: tuple[list[tuple[Path, bool]], Path]) -> None:
    found, cache = one_entry
    expected = scan.scan(found, BOTH, cache_dir=None, jobs=1)
    ((key, good),) = _entries(cache).items()
    cuts = sorted({*range(0, len(good), max(1, len(good) // 40)), len(good) - 1})
    assert len(cuts) > 30
    for cut in cuts:
        _set_entry(cache, key, good[:cut])
        assert scan.scan(found, BOTH, cache_dir=cache, jobs=1) == expected, cut
    assert _entries(cache) == {key: good}


# --- parallel, pruning, no cache to be had --------------------------------------------------


def _many(tmp_path: Path, copies: int) -> list[tuple[Path, bool]]:
    """Every sample `copies` times, plus a non-case found in a folder, a binary file and a
    missing one."""
    found: list[tuple[Path, bool]] = []
    for n in range(copies):
        folder = tmp_path / f"d{n:02d}"
        folder.mkdir(parents=True)
        for sample in sorted(SAMPLES.glob("*.yaml")):
            target = folder / sample.name
            target.write_bytes(sample.read_bytes())
            found.append((target, n % 2 == 0))
    (tmp_path / "other.yaml").write_text("name: geen case\n")
    (tmp_path / "binary.yaml").write_bytes(b"wvp: 1\x00\n\xff\xfe")
    found += [(tmp_path / "other.yaml", False), (tmp_path / "binary.yaml", True)]
    found.append((tmp_path / "missing.yaml", True))
    return found


def test_parallel_equals_serial_and_no_cache_cold_and_warm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None
) -> None:
    found = _many(tmp_path / "t", 3)
    assert len(found) >= 40
    monkeypatch.setattr(scan, "PARALLEL_THRESHOLD", 5)
    parallel_runs: list[int] = []
    real = scan._make_parallel

    def spy(
        jobs: list[Any], task: scan.Task, prefix: bytes | None, workers: int, take: Any
    ) -> None:
        real(jobs, task, prefix, workers, take)
        parallel_runs.append(len(jobs))  # only when the workers did the work

    monkeypatch.setattr(scan, "_make_parallel", spy)

    expected = scan.scan(found, BOTH, cache_dir=None, jobs=1)
    assert [r.file for r in expected] == [str(p) for p, _ in found]
    assert not expected[-3].is_case  # the non-case found in a folder
    assert expected[-1].unreadable  # the missing file
    assert parallel_runs == []

    assert scan.scan(found, BOTH, cache_dir=None, jobs=2) == expected
    assert parallel_runs == [len(found)]

    for jobs in (1, 2):
        parallel_runs.clear()
        cache = tmp_path / f"cache{jobs}"
        assert scan.scan(found, BOTH, cache_dir=cache, jobs=jobs) == expected  # cold
        assert len(_entries(cache)) >= 20
        assert scan.scan(found, BOTH, cache_dir=cache, jobs=jobs) == expected  # warm
        assert parallel_runs == ([len(found)] if jobs == 2 else [])  # warm: nothing to make


def test_only_the_peildatums_used_last_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None
) -> None:
    monkeypatch.setattr(scan, "KEEP_DATES", 2)
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    days = [AS_OF + dt.timedelta(days=n) for n in range(4)]
    for day in days:
        scan.scan([(case, True)], scan.Task(day), cache_dir=cache, jobs=1)
    assert _dates(cache) == {days[2].isoformat(), days[3].isoformat()}

    # Used again (a new entry at days[2]), days[2] outlives days[3] when another date comes.
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL.replace('id: "t-1"', 'id: "t-2"'))
    scan.scan([(case, True), (other, True)], scan.Task(days[2]), cache_dir=cache, jobs=1)
    scan.scan([(case, True)], scan.Task(days[0]), cache_dir=cache, jobs=1)
    assert _dates(cache) == {days[0].isoformat(), days[2].isoformat()}


def test_a_peildatum_read_from_the_cache_counts_as_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None
) -> None:
    monkeypatch.setattr(scan, "KEEP_DATES", 2)
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    first, second, third = (AS_OF + dt.timedelta(days=n) for n in range(3))
    for day in (first, second):
        scan.scan([(case, True)], scan.Task(day), cache_dir=cache, jobs=1)
    scan.scan([(case, True)], scan.Task(first), cache_dir=cache, jobs=1)  # warm: all served
    scan.scan([(case, True)], scan.Task(third), cache_dir=cache, jobs=1)
    assert _dates(cache) == {first.isoformat(), third.isoformat()}


def _block_folder(cache: Path) -> None:
    cache.write_text("een bestand waar de map hoort")


def _garbage_database(cache: Path) -> None:
    cache.mkdir()
    (cache / store.Entries.NAME).write_bytes(b"geen database\x00" * 100)


def _folder_as_database(cache: Path) -> None:
    (cache / store.Entries.NAME).mkdir(parents=True)


@pytest.mark.parametrize(
    "spoil",
    [_block_folder, _garbage_database, _folder_as_database],
    ids=["file instead of folder", "garbage database", "folder instead of database"],
)
def test_a_cache_that_cannot_be_used_still_gives_results(
    tmp_path: Path, fixed_fingerprint: None, spoil: Callable[[Path], None]
) -> None:
    found = _many(tmp_path / "t", 1)
    cache = tmp_path / "cache"
    spoil(cache)
    expected = scan.scan(found, BOTH, cache_dir=None, jobs=1)
    assert scan.scan(found, BOTH, cache_dir=cache, jobs=1) == expected
    assert scan.scan(found, BOTH, cache_dir=cache, jobs=1) == expected


def _damaged_database(cache: Path) -> None:
    """A real database whose pages after the header are overwritten: 'malformed'."""
    scan.scan([], BASE, cache_dir=cache, jobs=1)
    path = cache / store.Entries.NAME
    good = path.read_bytes()
    path.write_bytes(good[:100] + b"\xde\xad" * ((len(good) - 100) // 2))


@pytest.mark.parametrize(
    "spoil", [_garbage_database, _damaged_database], ids=["garbage", "damaged"]
)
def test_a_garbage_or_damaged_database_is_replaced(
    tmp_path: Path, fixed_fingerprint: None, spoil: Callable[[Path], None]
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    spoil(cache)
    expected = scan.scan([(case, True)], BASE, cache_dir=None, jobs=1)
    assert scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1) == expected
    assert len(_entries(cache)) == 1


# --- a warm check stays light ---------------------------------------------------------------

HEAVY = ("wvp_cli.core.model", "wvp_cli.core.clock", "wvp_cli.core.loader")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_warm_check_imports_neither_loader_model_nor_clock(tree: Path, fmt: str) -> None:
    code = (
        "import sys\n"
        "from wvp_cli.cli import main\n"
        f"code = main(['check', {str(tree)!r}, '--as-of', {AS_OF_TEXT!r}, '--format', {fmt!r}])\n"
        "sys.stdout.flush()\n"
        f"print('\\nIMPORTED', [m for m in {HEAVY!r} if m in sys.modules], code)\n"
    )

    def run() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        output, _, marker = done.stdout.rpartition("\nIMPORTED ")
        return output, marker.strip()

    # A result with a masked finding (kapot.yaml quotes a medical term) is never kept in the
    # cache (tests/test_cache_trust.py), so that file would be loaded on every run.
    (tree / "kapot.yaml").write_text(BROKEN_YAML.replace("medicatie", "onaf"))
    cold_out, cold = run()
    warm_out, warm = run()
    assert cold == f"{list(HEAVY)!r} 1"  # a cold run needs them: the check can see them
    assert warm == "[] 1"
    assert warm_out == cold_out


def test_a_file_changed_while_it_is_checked_leaves_no_entry_under_its_old_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None
) -> None:
    """The key of a new entry is made of the bytes that were loaded, not of the bytes that were
    looked up: a file edited in between is kept under its new content only."""
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    real = scan._make
    edited = MINIMAL.replace('id: "t-1"', 'id: "t-2"')

    def edit_then_make(jobs: Any, task: scan.Task, prefix: bytes | None) -> Any:
        case.write_text(edited)  # the casemanager saves the file just now
        return real(jobs, task, prefix)

    monkeypatch.setattr(scan, "_make", edit_then_make)
    (first,) = scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1)
    assert first.case_id == "t-2"  # what was loaded
    prefix = scan._key_prefix(BASE)
    keys = set(_entries(cache))
    assert scan.result_key(prefix, edited.encode(), True) in keys
    assert scan.result_key(prefix, MINIMAL.encode(), True) not in keys

    monkeypatch.setattr(scan, "_make", real)
    case.write_text(MINIMAL)
    (again,) = scan.scan([(case, True)], BASE, cache_dir=cache, jobs=1)
    assert again.case_id == "t-1"


def test_each_file_is_read_once_cold_and_warm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None
) -> None:
    """A task no run has stored (a first run, a new peildatum) skips the lookup: its files are
    read once, by whoever checks them; a warm run reads each file once to look it up."""
    found = []
    for n in range(5):
        case = tmp_path / f"c{n}.yaml"
        case.write_text(MINIMAL.replace('id: "t-1"', f'id: "t-{n}"'))
        found.append((case, True))
    reads: list[Path] = []
    real = store.read_bytes

    def counting(path: Path, max_bytes: int) -> bytes | None:
        reads.append(path)
        return real(path, max_bytes)

    monkeypatch.setattr(store, "read_bytes", counting)
    cache = tmp_path / "cache"
    cold = scan.scan(found, BASE, cache_dir=cache, jobs=1)
    assert sorted(reads) == sorted(p for p, _ in found)
    reads.clear()
    assert scan.scan(found, BASE, cache_dir=cache, jobs=1) == cold
    assert sorted(reads) == sorted(p for p, _ in found)
    reads.clear()
    # One file changed: looked up (a miss), then read again to be checked.
    found[0][0].write_text(MINIMAL.replace('id: "t-1"', 'id: "nieuw"'))
    (first, *_rest) = scan.scan(found, BASE, cache_dir=cache, jobs=1)
    assert first.case_id == "nieuw"
    assert len(reads) == len(found) + 1
    reads.clear()
    next_day = replace(BASE, as_of=AS_OF + dt.timedelta(days=1))
    scan.scan(found, next_day, cache_dir=cache, jobs=1)
    assert len(reads) == len(found)


def test_the_scan_gives_what_the_engine_gives_on_loaded_files(tmp_path: Path) -> None:
    """`wvp check` and `wvp deadlines` go through scan (results, cached, in workers); the
    library functions on loaded files must give the same findings and agenda."""
    from wvp_cli.core import agenda, loader
    from wvp_cli.repo import files

    found = list(files.discover([SAMPLES, SAMPLES.parent / "tests" / "data"]))
    loaded = [loader.read_file(p, str(p), require_case=named) for p, named in found]
    settings = engine.Settings()
    expected = engine.check(loaded, AS_OF, settings)
    for cache in (None, tmp_path / "cache", tmp_path / "cache"):  # none, cold, warm
        results = scan.scan(found, scan.Task(AS_OF, settings), cache_dir=cache, jobs=1)
        got = engine.finish(results, AS_OF, settings)
        assert got.findings == expected.findings
        assert [f.file for f in got.files] == [f.file for f in expected.files]
    until = AS_OF + dt.timedelta(days=60)
    task = scan.Task(AS_OF, findings=False, agenda=True, until=until)
    results = scan.scan(found, task, cache_dir=tmp_path / "cache", jobs=1)
    case_results = [r for r in results if r.is_case]  # as the command keeps them
    cases = [f for f in loaded if f.is_case]
    assert agenda.select(case_results, AS_OF, until) == engine.build_agenda(cases, AS_OF, until)
    assert len(expected.findings) > 20


def test_making_results_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    scan._make([(str(case), True, None)], scan.Task(AS_OF), None)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)
    with pytest.raises(TypeError):  # also when a job cannot be made
        scan._make([(str(case), True, "not bytes")], scan.Task(AS_OF), None)  # type: ignore[list-item]
    assert (gc.get_threshold(), gc.get_freeze_count()) == (threshold, frozen)


def test_entries_are_written_in_batches_and_all_of_them_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_fingerprint: None
) -> None:
    """A large run writes its entries every _WRITE_BATCH files (its memory holds no more of
    them); every file's entry is there afterwards, and serves."""
    monkeypatch.setattr(scan, "_WRITE_BATCH", 2)
    found = []
    for n in range(5):
        case = tmp_path / f"c{n}.yaml"
        case.write_text(MINIMAL.replace('"t-1"', f'"t-{n}"'))
        found.append((case, False))
    cache = tmp_path / "cache"
    first = scan.scan(found, BASE, cache_dir=cache, jobs=1)
    assert len(_entries(cache)) == 5
    assert _poison(cache) == 5
    again = scan.scan(found, BASE, cache_dir=cache, jobs=1)
    assert all(
        _served([a]) and a.findings[:-1] == f.findings for a, f in zip(again, first, strict=True)
    )


def test_a_warm_run_with_nothing_new_writes_nothing(
    one_entry: tuple[list[tuple[Path, bool]], Path],
) -> None:
    """Every file found in the cache, under the peildatum used last: the database is left as
    it is (no write transaction on every warm run). Another peildatum is recorded, and going
    back to the first records that again."""
    found, cache = one_entry
    database = cache / store.Entries.NAME

    def state() -> tuple[int, bytes]:
        return database.stat().st_mtime_ns, database.read_bytes()

    before = state()
    assert scan.scan(found, BOTH, cache_dir=cache, jobs=1)
    assert state() == before
    later = scan.Task(AS_OF + dt.timedelta(days=1), agenda=True)
    scan.scan(found, later, cache_dir=cache, jobs=1)
    moved = state()
    assert moved != before
    scan.scan(found, BOTH, cache_dir=cache, jobs=1)  # a hit, but no longer the last used
    assert state() != moved
    with contextlib.closing(sqlite3.connect(database)) as db:
        last = db.execute("SELECT grp FROM groups ORDER BY used DESC LIMIT 1").fetchone()
    assert last == (AS_OF.isoformat(),)
