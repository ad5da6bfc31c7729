"""The content-addressed cache: the same output with and without it, never a stale entry, and a
broken entry is ignored and rebuilt."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from conftest import MINIMAL, SAMPLES, run_cli
from wvp_cli import batch, loader
from wvp_cli.loader import LoadedFile


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("v*/*/*.json"))


def _same(a: LoadedFile, b: LoadedFile) -> None:
    assert a.file == b.file
    assert a.findings == b.findings
    assert a.case == b.case
    assert a.data == b.data
    assert a.is_case == b.is_case
    assert a.text == b.text
    assert dict(a.source.values) == dict(b.source.values)
    assert dict(a.source.keys) == dict(b.source.keys)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SAMPLES, tmp_path / "cases")
    # What the privacy rules find depends on the file's text (comments, exact columns, the lines
    # of a file that does not parse): the cache must give them the same text.
    privacy = MINIMAL.replace('id: "t-1"', 'id: "p-1"  # vraag naar medicatie').replace(
        "events: []", 'events: []\nnote: "Gesprek over de medicatie gehad"'
    )
    (tmp_path / "cases" / "privacy.yaml").write_text(privacy)
    (tmp_path / "cases" / "kapot.yaml").write_text("wvp: 1\nid: [medicatie\n")
    monkeypatch.chdir(tmp_path)
    return Path("cases")


@pytest.mark.parametrize("fmt", ["json", "text", "github"])
def test_output_is_byte_identical_with_and_without_cache(tree: Path, fmt: str) -> None:
    args = ("check", str(tree), "--as-of", "2026-11-24", "--format", fmt)
    plain = run_cli(*args, "--no-cache")
    assert not Path(".wvp_cache").exists()
    cold = run_cli(*args)
    assert _entries(Path(".wvp_cache")), "the first run fills the cache"
    warm = run_cli(*args)
    assert plain.out == cold.out == warm.out
    assert plain.code == cold.code == warm.code == 1  # the invalid-* samples have errors
    assert plain.err == cold.err == warm.err


def test_cache_folder_keeps_itself_out_of_git(tree: Path) -> None:
    run_cli("check", str(tree), "--as-of", "2026-11-24")
    assert (Path(".wvp_cache") / ".gitignore").read_text().splitlines()[-1] == "*"


def _poison(cache: Path) -> None:
    """Rewrite every entry so that serving it shows: a finding no loader would make."""
    for entry in _entries(cache):
        doc = json.loads(entry.read_text())
        doc["findings"].append(["WVP999", "error", "uit de cache", 1, 1, [], None, None, None])
        entry.write_text(json.dumps(doc))


def _served_from_cache(result: list[LoadedFile]) -> bool:
    return any(f.rule == "WVP999" for r in result for f in r.findings)


def test_a_poisoned_entry_is_served_so_the_cache_is_really_used(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    batch.load_many([(case, True)], cache_dir=cache)
    _poison(cache)
    assert _served_from_cache(batch.load_many([(case, True)], cache_dir=cache))
    assert not _served_from_cache(batch.load_many([(case, True)], cache_dir=None))


def test_a_changed_file_is_never_served_from_the_cache(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    batch.load_many([(case, True)], cache_dir=cache)
    _poison(cache)
    case.write_text(MINIMAL.replace('id: "t-1"', 'id: "t-2"'))
    (result,) = batch.load_many([(case, True)], cache_dir=cache)
    assert result.case is not None and result.case.id == "t-2"
    assert not _served_from_cache([result])


def test_another_tool_version_is_never_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    monkeypatch.setattr(batch, "_fingerprint", "wvp A")
    batch.load_many([(case, True)], cache_dir=cache)
    _poison(cache)
    assert _served_from_cache(batch.load_many([(case, True)], cache_dir=cache))
    monkeypatch.setattr(batch, "_fingerprint", "wvp B")
    assert not _served_from_cache(batch.load_many([(case, True)], cache_dir=cache))


def test_the_fingerprint_follows_the_version_and_the_loader_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch, "_fingerprint", None)
    first = batch.tool_fingerprint()
    monkeypatch.setattr(batch, "_fingerprint", None)
    monkeypatch.setattr(batch, "__version__", "99.0")
    assert batch.tool_fingerprint() != first


@pytest.mark.parametrize(
    ("setting", "value"),
    [("MAX_FILE_BYTES", 1024 * 1024), ("MAX_DEPTH", 20), ("salt", "other configuration")],
)
def test_other_loading_configuration_is_never_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, value: object
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    batch.load_many([(case, True)], cache_dir=cache)
    _poison(cache)
    salt = ""
    if setting == "salt":
        salt = str(value)
    else:
        monkeypatch.setattr(loader, setting, value)
    assert not _served_from_cache(batch.load_many([(case, True)], cache_dir=cache, salt=salt))


def test_named_and_found_files_have_their_own_entries(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("name: not a case\n")
    cache = tmp_path / "cache"
    (named,) = batch.load_many([(other, True)], cache_dir=cache)
    (found,) = batch.load_many([(other, False)], cache_dir=cache)
    assert named.is_case and named.findings
    assert not found.is_case
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b"\x00\xff\xfe garbage",
        b"[]",
        b'{"format": 1}',
        b'{"format": 1, "is_case": true, "valid": true, "findings": [], "source": 3, "data": 1}',
        b'{"format": 1, "is_case": true, "valid": true, "findings": [[1]], "source": "[]"}',
    ],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, damage: bytes) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    (expected,) = batch.load_many([(case, True)], cache_dir=None)
    batch.load_many([(case, True)], cache_dir=cache)
    (entry,) = _entries(cache)
    good = entry.read_bytes()
    entry.write_bytes(damage)
    (result,) = batch.load_many([(case, True)], cache_dir=cache)
    _same(result, expected)
    assert entry.read_bytes() == good  # rebuilt


def test_a_truncated_entry_is_ignored(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    cache = tmp_path / "cache"
    batch.load_many([(case, True)], cache_dir=cache)
    (entry,) = _entries(cache)
    text = entry.read_bytes()
    (expected,) = batch.load_many([(case, True)], cache_dir=None)
    for cut in range(0, len(text), max(1, len(text) // 25)):
        entry.write_bytes(text[:cut])
        (result,) = batch.load_many([(case, True)], cache_dir=cache)
        _same(result, expected)


def test_a_cache_that_cannot_be_made_is_not_used(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    (result,) = batch.load_many([(case, True)], cache_dir=blocker)
    assert result.case is not None


def test_round_trip_of_every_sample(tmp_path: Path) -> None:
    for path in sorted(SAMPLES.glob("*.yaml")):
        for named in (True, False):
            loaded = loader.read_file(path, str(path), require_case=named)
            back = batch.decode(batch.encode(loaded), str(path))
            _same(back, loaded)


def test_round_trip_of_awkward_scalars() -> None:
    text = (
        "wvp: 1\nid: x\nwhen: 2026-01-02 10:30:00+01:00\nnaive: 2026-01-02 10:30:00\n"
        "nan: .nan\ninf: -.inf\nbig: 123456789012345678901234567890\nbad: 2026-02-30\n"
        "nested: {a: [1, 2.5, true, null, '$']}\n"
    )
    loaded = loader.load_text(text, "f.yaml")
    back = batch.decode(batch.encode(loaded), "f.yaml")
    assert back.findings == loaded.findings
    assert back.data["when"] == loaded.data["when"]
    assert back.data["when"].utcoffset() == dt.timedelta(hours=1)
    assert back.data["nan"] != back.data["nan"]  # still NaN
    assert {k: v for k, v in back.data.items() if k != "nan"} == {
        k: v for k, v in loaded.data.items() if k != "nan"
    }


def test_a_dollar_key_is_not_cached_but_still_loaded(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL + "extra:\n  $: 1\n")
    cache = tmp_path / "cache"
    (first,) = batch.load_many([(case, True)], cache_dir=cache)
    (second,) = batch.load_many([(case, True)], cache_dir=cache)
    assert not _entries(cache)
    _same(first, second)
    assert any(f.rule == loader.UNKNOWN_KEY for f in first.findings)
