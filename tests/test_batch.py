"""Loading many files: parallel loading gives what one process gives, in a stable order; and
`wvp check` does not import the modules only other commands need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli
from wvp_cli import batch, loader
from wvp_cli.loader import LoadedFile


def _same(a: LoadedFile, b: LoadedFile) -> None:
    assert (a.file, a.findings, a.case, a.data, a.is_case) == (
        b.file,
        b.findings,
        b.case,
        b.data,
        b.is_case,
    )
    assert dict(a.source.values) == dict(b.source.values)
    assert dict(a.source.keys) == dict(b.source.keys)


def _tree(tmp_path: Path, copies: int) -> list[tuple[Path, bool]]:
    """Every sample `copies` times, plus files that are no case, unreadable or too large."""
    found: list[tuple[Path, bool]] = []
    for n in range(copies):
        folder = tmp_path / f"d{n:02d}"
        folder.mkdir(parents=True)
        for sample in sorted(SAMPLES.glob("*.yaml")):
            target = folder / sample.name
            target.write_bytes(sample.read_bytes())
            found.append((target, n % 2 == 0))
    (tmp_path / "other.yaml").write_text("name: not a case\n")
    (tmp_path / "binary.yaml").write_bytes(b"wvp: 1\x00\n")
    found += [(tmp_path / "other.yaml", False), (tmp_path / "binary.yaml", True)]
    found.append((tmp_path / "missing.yaml", True))
    return found


@pytest.mark.parametrize("cache", [False, True])
def test_parallel_loading_equals_reading_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    found = _tree(tmp_path / "t", 4)
    monkeypatch.setattr(batch, "PARALLEL_THRESHOLD", 5)
    cache_dir = tmp_path / "cache" if cache else None
    expected = [loader.read_file(p, str(p), require_case=named) for p, named in found]
    for _ in range(2):  # cold, then warm when there is a cache
        got = batch.load_many(found, cache_dir=cache_dir, jobs=2)
        assert [g.file for g in got] == [str(p) for p, _ in found]
        for a, b in zip(got, expected, strict=True):
            _same(a, b)


def test_one_job_and_many_jobs_give_the_same_check(tmp_path: Path) -> None:
    import shutil

    for n in range(30):
        shutil.copytree(SAMPLES, tmp_path / f"c{n:02d}")
    args = ("check", str(tmp_path), "--as-of", "2026-11-24", "--format", "json", "--no-cache")
    one = run_cli(*args, "--jobs", "1")
    many = run_cli(*args, "--jobs", "2")
    assert one.out == many.out
    assert json.loads(one.out)["files_checked"] == 30 * len(list(SAMPLES.glob("*.yaml")))


def test_jobs_must_be_positive() -> None:
    assert run_cli("check", str(SAMPLES), "--jobs", "0").code == 2


def test_check_does_not_import_the_heavy_modules(tmp_path: Path) -> None:
    heavy = ("jinja2", "markdown_it", "weasyprint", "icalendar")
    code = (
        "import sys\n"
        "from wvp_cli.cli import main\n"
        f"main(['check', {str(SAMPLES)!r}, '--as-of', '2026-11-24', '--no-cache'])\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
