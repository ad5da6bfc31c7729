"""The cache of results (`.wvp_cache/entries.sqlite3`) holds nothing the output masks, forgets a
file's old results when its bytes change, and is believed only where this installation wrote
it: a forged entry, committed to the repository and cloned with it, or written by another
installation (a CI cache restored from another branch), is ignored and reported."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli
from wvp_cli.repo import store

AS_OF = "2026-03-01"  # MINIMAL then misses WVP101 and WVP102 (errors)
CACHE = Path(".wvp_cache")
TERM = "burn-out"
MEDICAL = MINIMAL.replace("events: []", "events: []  # werknemer heeft een burn-out")


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This installation's key lives under the user's config folder (here: a fresh one)."""
    home = tmp_path / "config-home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "dossiers"
    (root / "cases").mkdir(parents=True)
    (root / "cases" / "a.yaml").write_text(MEDICAL, encoding="utf-8")
    (root / "cases" / "b.yaml").write_text(MINIMAL.replace('"t-1"', '"t-2"'), encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def cache_bytes() -> bytes:
    """Every byte of the cache folder, as `strings` would read it."""
    return b"".join(p.read_bytes() for p in sorted(CACHE.rglob("*")) if p.is_file())


def rows() -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(CACHE / store.Entries.NAME)) as db:
        return list(db.execute("SELECT key, entry FROM entries"))


def test_the_cache_holds_no_medical_term_before_or_after_the_case_is_cleaned(repo: Path) -> None:
    shown = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert shown.code == 1
    assert "WVP401" in shown.out and TERM not in shown.out  # the output masks it ...
    assert rows(), "the run filled the cache"
    assert TERM.encode() not in cache_bytes().lower()  # ... and so does the cache
    # A second run makes the same findings (the file is not served from an entry).
    again = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert again.out == shown.out
    # Cleaned: its new result is cached, and nothing of the old text is left in the file.
    cleaned = MEDICAL.replace("werknemer heeft een burn-out", "gesprek gepland")
    (repo / "cases" / "a.yaml").write_text(cleaned, encoding="utf-8")
    assert run_cli("check", "cases", "--as-of", AS_OF, "-f", "json").code == 1
    assert len(rows()) == 2
    assert TERM.encode() not in cache_bytes().lower()


def test_entries_of_a_file_whose_bytes_changed_are_dropped(repo: Path) -> None:
    (repo / "cases" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    assert run_cli("check", "cases", "--as-of", AS_OF).code == 1
    before = {key for key, _ in rows()}
    assert len(before) == 2
    for n in range(3):
        text = MINIMAL.replace('"t-1"', '"t-2"') + f"# versie {n}\n"
        (repo / "cases" / "b.yaml").write_text(text, encoding="utf-8")
        assert run_cli("check", "cases", "--as-of", AS_OF).code == 1
    after = {key for key, _ in rows()}
    assert len(after) == 2, "one entry per file: the old bytes' entries are gone"
    assert len(after & before) == 1  # a.yaml did not change


def forge_clean() -> int:
    """Rewrite every entry of the cache to say its file is clean, as an attacker can (the
    lookup key is a hash of public things; the entry's signature needs the key they lack)."""
    with contextlib.closing(sqlite3.connect(CACHE / store.Entries.NAME)) as db, db:
        entries = list(db.execute("SELECT key, entry FROM entries"))
        for key, text in entries:
            doc = json.loads(text)
            doc["findings"] = []
            db.execute("UPDATE entries SET entry = ? WHERE key = ?", (json.dumps(doc), key))
    return len(entries)


def git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0,
                    reason="git is not installed")  # fmt: skip
def test_a_forged_entry_committed_and_cloned_is_not_believed(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "cases" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    first = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert first.code == 1
    assert forge_clean() == 2
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "add", "-f", ".wvp_cache/entries.sqlite3")  # past the cache's own .gitignore
    git(repo, "commit", "-q", "-m", "cache erbij")
    clone = tmp_path / "kloon"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    assert (clone / ".wvp_cache" / store.Entries.NAME).is_file()
    monkeypatch.chdir(clone)
    run = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert run.code == 1, "the forged entries made a broken case pass"
    assert json.loads(run.out)["findings"] == json.loads(first.out)["findings"]
    assert "niet door deze installatie" in run.err and "genegeerd" in run.err
    # The entries were rewritten by this installation: believed again, and silent.
    again = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert again.code == 1 and again.err == "" and again.out == run.out
    # Text output says the same as --no-cache.
    assert (
        run_cli("check", "cases", "--as-of", AS_OF).out
        == run_cli("check", "cases", "--as-of", AS_OF, "--no-cache").out
    )


def test_entries_of_another_installation_are_ignored_and_reported(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CI cache restored from another branch's run, or a cache copied from a colleague."""
    (repo / "cases" / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    assert run_cli("check", "cases", "--as-of", AS_OF).code == 1
    forge_clean()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "another-installation"))
    run = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert run.code == 1
    assert "2 resultaten" in run.err and "genegeerd" in run.err


def test_the_key_lives_outside_the_repository_and_only_the_user_reads_it(
    repo: Path, own_key: Path
) -> None:
    assert run_cli("check", "cases", "--as-of", AS_OF).code == 1
    key = own_key / "wvp" / store.KEY_FILE
    assert key.is_file() and len(key.read_bytes()) >= 32
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) & 0o077 == 0
    assert not any(p.name == store.KEY_FILE for p in repo.rglob("*"))
    # The key is not in the cache either.
    assert key.read_bytes() not in cache_bytes()


def test_a_key_others_can_read_is_not_trusted(repo: Path, own_key: Path) -> None:
    assert run_cli("check", "cases", "--as-of", AS_OF).code == 1
    key = own_key / "wvp" / store.KEY_FILE
    key.chmod(0o644)
    run = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json")
    assert run.code == 1  # results made without a cache
    assert re.search(r"sleutel.*(leesbaar|rechten)", run.err)
