"""One configuration for every command (issue 15): `exclude` with the semantics of .gitignore,
.gitignore itself, `[tool.wvp]` in any TOML spelling, and `wvp deadlines`, `timeline` and
`render` reading the same wvp.toml as `wvp check`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli
from wvp_cli.repo.files import Exclusions, discover

# On this date MINIMAL (first sick day 2026-01-01) has errors: a check fails, an agenda lists it.
ERRORS = "2026-03-01"


def case(cid: str) -> str:
    return MINIMAL.replace('id: "t-1"', f'id: "{cid}"')


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cases" / "archief" / "2020").mkdir(parents=True)
    (tmp_path / "cases" / "sub").mkdir()
    (tmp_path / "cases" / "a.yaml").write_text(case("a"), encoding="utf-8")
    (tmp_path / "cases" / "sub" / "b.yaml").write_text(case("b"), encoding="utf-8")
    (tmp_path / "cases" / "archief" / "2020" / "oud.yaml").write_text(case("oud"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def checked(*args: str) -> list[str]:
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json", *args)
    return sorted({f["file"] for f in json.loads(run.out)["findings"]})


def test_a_folder_pattern_excludes_the_folder(repo: Path) -> None:
    assert "cases/archief/2020/oud.yaml" in checked()
    (repo / "wvp.toml").write_text('exclude = ["archief/"]\n')
    assert checked() == ["cases/a.yaml", "cases/sub/b.yaml"]
    assert checked("--exclude", "sub/") == ["cases/a.yaml"]


def test_a_star_does_not_cross_folders(repo: Path) -> None:
    (repo / "wvp.toml").write_text('exclude = ["cases/*.yaml"]\n')
    assert checked() == ["cases/archief/2020/oud.yaml", "cases/sub/b.yaml"]
    (repo / "wvp.toml").write_text('exclude = ["cases/**/*.yaml", "!cases/a.yaml"]\n')
    assert checked() == ["cases/a.yaml"]


def test_gitignore_is_respected_unless_switched_off(repo: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("# oud\ncases/archief/\n")
    assert checked() == ["cases/a.yaml", "cases/sub/b.yaml"]
    (repo / "cases" / "sub" / ".gitignore").write_text("b.yaml\n")
    assert checked() == ["cases/a.yaml"]
    (repo / "wvp.toml").write_text("respect_gitignore = false\n")
    assert len(checked()) == 3
    (repo / "wvp.toml").write_text('respect_gitignore = "nee"\n')
    run = run_cli("check", "cases")
    assert run.code == 2 and "wvp.toml:1" in run.err and "true of false" in run.err


def test_a_named_file_is_checked_even_when_gitignored(repo: Path) -> None:
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("cases/archief/\n")
    assert "cases/archief/2020/oud.yaml" not in checked()
    run = run_cli("check", "cases/archief/2020/oud.yaml", "--as-of", ERRORS, "-f", "json")
    assert json.loads(run.out)["files_checked"] == 1


def test_an_excluded_folder_is_not_walked(repo: Path) -> None:
    asked: list[str] = []

    class Counting(Exclusions):
        def excluded(self, path: str | Path, is_dir: bool, walked: Path | None = None) -> bool:
            asked.append(Path(path).as_posix())
            return super().excluded(path, is_dir, walked)

    rules = Counting([(repo, ["archief/"])], gitignore=False)
    found = [p.as_posix() for p, _ in discover([Path("cases")], exclusions=rules)]
    assert found == ["cases/a.yaml", "cases/sub/b.yaml"]
    assert "cases/archief" in asked
    assert not any(p.startswith("cases/archief/") for p in asked)


@pytest.mark.parametrize(
    "pyproject",
    [
        '[tool]\nwvp.exclude = ["archief/"]\n',
        'tool.wvp.exclude = ["archief/"]\n',
        '[project]\nname = "x"\n\n[tool.wvp]\nexclude = ["archief/"]\n',
    ],
)
def test_tool_wvp_in_pyproject_in_any_spelling(repo: Path, pyproject: str) -> None:
    (repo / "pyproject.toml").write_text(pyproject)
    assert checked() == ["cases/a.yaml", "cases/sub/b.yaml"]


def test_deadlines_reads_the_configuration(repo: Path) -> None:
    def listed(*args: str) -> set[str]:
        run = run_cli("deadlines", "cases", "--as-of", ERRORS, "-f", "json", *args)
        assert run.code == 0, run.err
        return {d["case"] for d in json.loads(run.out)["deadlines"]}

    assert listed() == {"a", "b", "oud"}
    (repo / "wvp.toml").write_text('exclude = ["archief/"]\n')
    assert listed() == {"a", "b"}
    assert listed("--no-cache", "--jobs", "1") == {"a", "b"}
    (repo / "other.toml").write_text('exclude = ["sub/"]\n')
    assert listed("--config", "other.toml") == {"a", "oud"}
    (repo / "wvp.toml").write_text('exclude = "archief"\n')
    run = run_cli("deadlines", "cases", "--as-of", ERRORS)
    assert run.code == 2 and "wvp.toml:1" in run.err


def test_timeline_finds_a_case_by_id_outside_the_excluded_files(repo: Path) -> None:
    (repo / "cases" / "archief" / "2020" / "oud.yaml").write_text(case("a"))
    run = run_cli("timeline", "a", "--in", "cases", "--as-of", ERRORS)
    assert run.code == 2 and "meer bestanden" in run.err
    (repo / "wvp.toml").write_text('exclude = ["archief/"]\n')
    run = run_cli("timeline", "a", "--in", "cases", "--as-of", ERRORS, "-f", "json")
    assert run.code == 0 and json.loads(run.out)["file"] == "cases/a.yaml"
    (repo / "wvp.toml").write_text('max_file_size = "10B"\n')
    run = run_cli("timeline", "cases/a.yaml", "--as-of", ERRORS)
    assert run.code != 0 and "WVP002" in run.err


def test_changed_since_reports_only_changed_files(repo: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=t@t", "-c", "user.name=t", *args], cwd=repo, check=True
        )

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "start")
    (repo / "cases" / "sub" / "b.yaml").write_text(case("b") + "# gewijzigd\n")
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json", "--changed-since", "HEAD")
    doc = json.loads(run.out)
    assert {f["file"] for f in doc["findings"]} == {"cases/sub/b.yaml"}
    # A rule that spans the repository still sees every file: a changed file that takes the id
    # of an unchanged one is reported, at the changed file.
    (repo / "cases" / "sub" / "b.yaml").write_text(case("a"))
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json", "--changed-since", "HEAD")
    found = {(f["rule"], f["file"]) for f in json.loads(run.out)["findings"]}
    assert ("WVP020", "cases/sub/b.yaml") in found
    assert {file for _, file in found} == {"cases/sub/b.yaml"}
