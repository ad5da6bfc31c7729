"""End to end: a dossier repository in git, made with `wvp init` and `wvp new`, checked the way
its generated pre-commit hook and GitHub workflow check it."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import run_cli
from wvp_cli.cli import app

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

AS_OF = "2026-03-20"
INSTALL = "git+https://example.org/wvp.git@0123456789abcdef0123456789abcdef01234567"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0.json").read_text())
ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=WVP\d{3}::.+$"
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=wvp test", "-c", "user.email=wvp@example.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {
        "GIT_AUTHOR_NAME": "wvp test",
        "GIT_AUTHOR_EMAIL": "wvp@example.invalid",
        "GIT_COMMITTER_NAME": "wvp test",
        "GIT_COMMITTER_EMAIL": "wvp@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(key, value)
    root = tmp_path / "dossiers"
    root.mkdir()
    monkeypatch.chdir(root)
    git(root, "init", "-q")
    assert run_cli("init", "--install", INSTALL).code == 0
    for case_id, day in (("2026-001", "2026-01-05"), ("2026-002", "2026-02-02")):
        made = run_cli(
            "new", "--id", case_id, "--name", "A. Jansen", "--first-sick-day", day,
            "--employer", "Voorbeeld BV",
        )  # fmt: skip
        assert made.code == 0, made.err
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "init")
    return root


def change_case(repo: Path) -> None:
    case = repo / "cases" / "2026-002.yaml"
    text = case.read_text().replace(
        "events: []", "events:\n  - type: ziekmelding_arbodienst\n    date: 2026-02-03\n"
    )
    case.write_text(text)
    git(repo, "commit", "-q", "-am", "ziekmelding")


def check_json(*args: str) -> tuple[int, dict[str, object]]:
    run = run_cli("check", "cases", "--as-of", AS_OF, "-f", "json", *args)
    assert run.code in (0, 1), run.err
    return run.code, json.loads(run.out)


def files_of(doc: dict[str, object]) -> set[str]:
    return {f["file"] for f in doc["findings"]}  # type: ignore[attr-defined]


def test_changed_since_reports_only_changed_files(repo: Path) -> None:
    _, everything = check_json()
    assert files_of(everything) == {"cases/2026-001.yaml", "cases/2026-002.yaml"}
    change_case(repo)
    _, changed = check_json("--changed-since", "HEAD~1")
    assert files_of(changed) == {"cases/2026-002.yaml"}
    assert changed["files_checked"] == 1
    _, none = check_json("--changed-since", "HEAD")
    assert none["findings"] == [] and none["files_checked"] == 0


def test_changed_since_a_branch_that_moved_on_reports_only_what_this_branch_changed(
    repo: Path,
) -> None:
    """A pull request checked with `--changed-since origin/main` after main moved on: the files
    main changed since the branch began are not this branch's changes (git's `main...HEAD`,
    from where the two parted), whatever they hold."""
    main = git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "voorstel")
    change_case(repo)  # the branch changes 2026-002
    git(repo, "checkout", "-q", main)
    other = repo / "cases" / "2026-001.yaml"
    other.write_text(other.read_text() + "# bijgewerkt op main\n")
    git(repo, "commit", "-q", "-am", "main gaat verder")
    git(repo, "checkout", "-q", "voorstel")
    _, doc = check_json("--changed-since", main)
    assert files_of(doc) == {"cases/2026-002.yaml"}
    assert doc["files_checked"] == 1


def test_changed_since_counts_worktree_and_untracked_files(repo: Path) -> None:
    first = repo / "cases" / "2026-001.yaml"
    first.write_text(first.read_text().replace("A. Jansen", "B. Jansen"))  # not committed
    run = run_cli(
        "new", "--id", "2026-003", "--name", "C", "--first-sick-day", "2026-03-02",
        "--employer", "Voorbeeld BV",
    )  # fmt: skip
    assert run.code == 0
    _, doc = check_json("--changed-since", "HEAD")
    assert doc["files_checked"] == 2
    assert "cases/2026-002.yaml" not in files_of(doc)
    assert "cases/2026-001.yaml" in files_of(doc)


def test_rules_across_cases_still_see_unchanged_files(repo: Path) -> None:
    copy = (repo / "cases" / "2026-001.yaml").read_text()
    (repo / "cases" / "kopie.yaml").write_text(copy)  # untracked, same id as a committed case
    _, doc = check_json("--changed-since", "HEAD", "--select", "WVP020")
    rules = [f["rule"] for f in doc["findings"]]  # type: ignore[attr-defined]
    assert rules == ["WVP020"]
    # A clash may land on the unchanged file; rules across cases are reported all the same.
    (repo / "cases" / "kopie.yaml").rename(repo / "cases" / "0-kopie.yaml")
    _, doc = check_json("--changed-since", "HEAD", "--select", "WVP020")
    assert [(f["rule"], f["file"]) for f in doc["findings"]] == [  # type: ignore[attr-defined]
        ("WVP020", "cases/2026-001.yaml")
    ]


def test_changed_since_errors(repo: Path, tmp_path: Path) -> None:
    run = run_cli("check", "cases", "--changed-since", "bestaat-niet")
    assert run.code == 2 and "bestaat-niet" in run.err
    run = run_cli("check", "cases", "--changed-since", "--output=x")
    assert run.code == 2
    outside = tmp_path / "los"
    (outside / "cases").mkdir(parents=True)
    probe = subprocess.run(["git", "rev-parse"], cwd=outside, capture_output=True, check=False)
    if probe.returncode == 0:
        pytest.skip("the temporary folder lies inside a git repository")
    run = run_cli("check", str(outside / "cases"), "--changed-since", "HEAD")
    assert run.code == 2 and "git-repository" in run.err


# --- what the generated files run ------------------------------------------------------------


def registered() -> set[str]:
    return {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def workflow_commands(repo: Path) -> list[list[str]]:
    """Every `wvp ...` command line in the generated workflow, without shell redirections."""
    flow = yaml.safe_load((repo / ".github" / "workflows" / "wvp.yml").read_text())
    commands = []
    for job in flow["jobs"].values():
        for step in job["steps"]:
            for line in str(step.get("run", "")).replace("\\\n", " ").splitlines():
                words = shlex.split(line)
                if not words or words[0] != "wvp":
                    continue
                cut = next((i for i, w in enumerate(words) if w[0] in "<>|"), len(words))
                commands.append(words[1:cut])
    return commands


def test_the_workflow_check_runs_as_generated(repo: Path) -> None:
    commands = [c for c in workflow_commands(repo) if c[0] == "check"]
    assert commands == [["check", "cases", "--format", "github"]]
    for command in commands:
        run = run_cli(*command)  # today's date, as in CI
        assert run.code in (0, 1), run.err
        lines = run.out.splitlines()
        assert all(ANNOTATION.match(line) for line in lines), run.out
        assert run.code == (1 if any(line.startswith("::error") for line in lines) else 0)


def test_the_workflow_digest_runs_as_generated(repo: Path) -> None:
    commands = [c for c in workflow_commands(repo) if c[0] == "deadlines"]
    assert commands and all("--format" in c and "markdown" in c for c in commands)
    if "deadlines" not in registered():
        pytest.skip("wvp deadlines is not part of this build yet")
    for command in commands:
        run = run_cli(*command)
        assert run.code == 0, run.err
        assert run.out.strip()


def test_the_pre_commit_hook_runs_as_generated(repo: Path) -> None:
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    (hook,) = config["repos"][0]["hooks"]
    tracked = git(repo, "ls-files").split()
    files = [f for f in tracked if re.search(hook["files"], f)]
    assert files == ["cases/2026-001.yaml", "cases/2026-002.yaml"]
    # The entry is that of this project's hook, which the configuration names by its id.
    project = Path(__file__).resolve().parent.parent
    (shipped,) = yaml.safe_load((project / ".pre-commit-hooks.yaml").read_text())
    assert shipped["id"] == hook["id"]
    words = shlex.split(shipped["entry"])
    assert words[0] == "wvp"
    # A peildatum on or after both first sick days: one after it is an error (WVP025).
    run = run_cli(*words[1:], *files, "--as-of", "2026-02-03")
    assert run.code == 0, run.out + run.err


def test_the_ci_formats_on_the_repository(repo: Path) -> None:
    change_case(repo)
    junit = run_cli("check", "cases", "--as-of", AS_OF, "-f", "junit", "--changed-since", "HEAD~1")
    suite = ET.fromstring(junit.out).find("testsuite")
    assert suite is not None
    assert [tc.get("name") for tc in suite.iter("testcase")] == ["cases/2026-002.yaml"]
    assert junit.code == (1 if suite.get("failures") != "0" else 0)
    sarif = run_cli("check", "cases", "--as-of", AS_OF, "-f", "sarif")
    log = json.loads(sarif.out)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"cases/2026-001.yaml", "cases/2026-002.yaml"}
    # From another folder the paths stay relative to the repository root, with forward slashes.
    os.chdir(repo / "cases")
    elsewhere = json.loads(run_cli("check", ".", "--as-of", AS_OF, "-f", "sarif").out)
    jsonschema.Draft4Validator(SCHEMA).validate(elsewhere)
    assert {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in elsewhere["runs"][0]["results"]
    } == {"cases/2026-001.yaml", "cases/2026-002.yaml"}
