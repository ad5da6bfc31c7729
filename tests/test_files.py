from __future__ import annotations

from pathlib import Path

import pytest

from wvp_cli.repo.files import WriteRefused, write_atomic


def test_writes_new_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_atomic(target, "hallo\n")
    assert target.read_text() == "hallo\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_refuses_to_replace_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("oud")
    with pytest.raises(WriteRefused, match="--force"):
        write_atomic(target, "nieuw")
    assert target.read_text() == "oud"
    write_atomic(target, "nieuw", force=True)
    assert target.read_text() == "nieuw"


def test_refuses_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="bestaat niet"):
        write_atomic(tmp_path / "nope" / "out.md", "x")
