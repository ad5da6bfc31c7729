"""The pre-commit gate, run by the real pre-commit in a scratch dossier repository made by
`wvp init` + `wvp new` + `git init`, with the hook installed by pre-commit itself from a git
repository of this project's source (as a dossier repository gets it from the real one)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
#: The project files a source repository of wvp needs to be installed by pip.
SOURCE = ("src", "templates", "pyproject.toml", "README.md", "LICENSE", "MANIFEST.in",
          ".pre-commit-hooks.yaml")  # fmt: skip
TODAY = dt.date.today().isoformat()  # the hook runs at today's date, as it does for a user


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        GIT_AUTHOR_NAME="wvp test",
        GIT_AUTHOR_EMAIL="wvp@example.invalid",
        GIT_COMMITTER_NAME="wvp test",
        GIT_COMMITTER_EMAIL="wvp@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home),
        NO_COLOR="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """This project's source as a git repository at one commit: what `--install` names."""
    if not PRE_COMMIT.exists():
        pytest.skip("pre-commit is not installed (in the dev extra)")
    work = tmp_path_factory.mktemp("precommit")
    env = _env(work / "pre-commit-home")
    repo = work / "wvp-src"
    repo.mkdir()
    for name in SOURCE:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("*.egg-info", "__py*"))
        elif src.exists():
            shutil.copy2(src, repo / name)
    _git(repo, env, "init", "-q")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "wvp")
    commit = _git(repo, env, "rev-parse", "HEAD")
    yield f"git+{repo.as_uri()}@{commit}", env


@pytest.fixture
def dossiers(
    source: tuple[str, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    spec, env = source
    root = tmp_path / "dossiers"
    root.mkdir()
    monkeypatch.chdir(root)
    assert run_cli("init", "--install", spec).code == 0
    for case_id in ("2026-001", "2026-002"):
        made = run_cli(
            "new", "--id", case_id, "--name", "A. Jansen", "--first-sick-day", TODAY,
            "--employer", "Voorbeeld BV",
        )  # fmt: skip
        assert made.code == 0, made.err
    # Other YAML in the repository that is no case file.
    (root / "mkdocs.yml").write_text("site_name: dossiers\nnav: []\n")
    _git(root, env, "init", "-q")
    _git(root, env, "add", "-A")
    _git(root, env, "commit", "-q", "-m", "init")
    return root


def pre_commit(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), *args], cwd=root, env=env, capture_output=True, text=True, timeout=900
    )


def case_text(root: Path, case_id: str) -> str:
    return (root / "cases" / "2026-001.yaml").read_text().replace("2026-001", case_id)


def test_good_cases_pass(dossiers: Path, source: tuple[str, dict[str, str]]) -> None:
    env = source[1]
    done = pre_commit(dossiers, env, "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "wvp check" in done.stdout and "Passed" in done.stdout


def test_other_yaml_is_never_reported(dossiers: Path, source: tuple[str, dict[str, str]]) -> None:
    """`try-repo` runs the hook with its own `files:` (every YAML file): the workflow, the
    pre-commit configuration and mkdocs.yml are passed to wvp, and never reported."""
    spec, env = source
    url, rev = spec.removeprefix("git+").rsplit("@", 1)
    done = pre_commit(dossiers, env, "try-repo", url, "wvp-check", "--ref", rev, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    for other in (".github/workflows/wvp.yml", ".pre-commit-config.yaml", "mkdocs.yml"):
        assert other not in done.stdout


def test_a_duplicated_id_spread_over_many_files_fails(
    dossiers: Path, source: tuple[str, dict[str, str]]
) -> None:
    """Many files: pre-commit would split them over parallel runs; the twin ids are far
    apart, so only a serial run over the whole repository sees them."""
    env = source[1]
    for n in range(3, 80):
        case_id = "2026-001" if n == 79 else f"2026-{n:03d}"
        (dossiers / "cases" / f"case-{n:03d}.yaml").write_text(case_text(dossiers, case_id))
    _git(dossiers, env, "add", "-A")
    done = pre_commit(dossiers, env, "run", "--all-files")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "WVP020" in done.stdout


def test_a_new_file_that_reuses_a_committed_id_fails(
    dossiers: Path, source: tuple[str, dict[str, str]]
) -> None:
    """Only the new file is staged, and so only it is passed to the hook."""
    env = source[1]
    (dossiers / "cases" / "nieuw.yaml").write_text(case_text(dossiers, "2026-002"))
    _git(dossiers, env, "add", "cases/nieuw.yaml")
    done = pre_commit(dossiers, env, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "WVP020" in done.stdout and "2026-002" in done.stdout
    # With a fresh id the same commit passes.
    (dossiers / "cases" / "nieuw.yaml").write_text(case_text(dossiers, "2026-777"))
    _git(dossiers, env, "add", "cases/nieuw.yaml")
    ok = pre_commit(dossiers, env, "run")
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_a_broken_case_fails(dossiers: Path, source: tuple[str, dict[str, str]]) -> None:
    env = source[1]
    broken = case_text(dossiers, "2026-003").replace("employee:", "employee: [", 1)
    (dossiers / "cases" / "kapot.yaml").write_text(broken)
    _git(dossiers, env, "add", "cases/kapot.yaml")
    done = pre_commit(dossiers, env, "run")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "cases/kapot.yaml" in done.stdout


# --- `wvp check --hook` itself, without pre-commit ---------------------------------------------


@pytest.fixture
def plain_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "r"
    (root / "cases").mkdir(parents=True)
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".github" / "workflows" / "wvp.yml").write_text("name: wvp\non: push\njobs: {}\n")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    case = 'wvp: 1\nid: "{id}"\nemployee:\n  name: A\nemployer:\n  name: B\n'
    case += "sickness:\n  - from: 2026-01-01\nevents: []\n"
    for case_id in ("a", "b"):
        (root / "cases" / f"{case_id}.yaml").write_text(case.format(id=case_id))
    (root / "cases" / "nieuw.yaml").write_text(case.format(id="a"))
    monkeypatch.chdir(root)
    return root


def hook(*files: str) -> tuple[int, list[dict[str, object]]]:
    import json

    run = run_cli("check", "--hook", "--as-of", "2026-01-02", "-f", "json", *files)
    assert run.code in (0, 1), run.err
    return run.code, json.loads(run.out)["findings"]


def test_hook_reports_a_reused_id_of_a_file_not_passed(plain_repo: Path) -> None:
    code, findings = hook("cases/nieuw.yaml")
    assert code == 1
    assert {f["rule"] for f in findings} == {"WVP020"}
    # Only files of this commit: b.yaml is fine and not passed, so nothing about it.
    assert all(f["case"] == "a" for f in findings)


def test_hook_never_reports_other_yaml(plain_repo: Path) -> None:
    code, findings = hook(".github/workflows/wvp.yml", "mkdocs.yml", "cases/b.yaml")
    assert code == 0 and findings == []


def test_hook_reports_a_broken_case(plain_repo: Path) -> None:
    (plain_repo / "cases" / "b.yaml").write_text('wvp: 1\nid: "b"\nemployee: [\n')
    code, findings = hook("cases/b.yaml")
    assert code == 1 and {f["file"] for f in findings} == {"cases/b.yaml"}
