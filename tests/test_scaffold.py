"""`wvp init` and `wvp new`: the files they write, and what they refuse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from wvp_cli.core.loader import load_text
from wvp_cli.repo import scaffold

DAY = dt.date(2026, 3, 2)


# --- pure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["2026-014", "A_1", "x", "9.1-b", "a" * 200])
def test_good_ids(good: str) -> None:
    assert scaffold.case_id_problem(good) is None


@pytest.mark.parametrize(
    "bad",
    ["", ".hidden", "-rf", "a/b", "..", "a b", "a\\b", "é", "a:b", "a\nb", "a" * 201, "x*"],
)
def test_bad_ids(bad: str) -> None:
    assert scaffold.case_id_problem(bad)


def test_new_case_file_is_a_valid_case_with_the_given_facts() -> None:
    text = scaffold.case_file("2026-014", "M. de Boer", DAY, "Zorggroep Noord BV")
    assert text.startswith("# yaml-language-server: $schema=../case.schema.json\n")
    loaded = load_text(text, "cases/2026-014.yaml")
    assert loaded.findings == ()
    assert loaded.case is not None
    assert loaded.case.id == "2026-014"
    assert loaded.case.employee.name == "M. de Boer"
    assert loaded.case.employer.name == "Zorggroep Noord BV"
    assert loaded.case.sickness[0].from_ == DAY
    assert loaded.case.events == []


@settings(max_examples=60, deadline=None)
@given(name=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_any_name_round_trips_as_text(name: str) -> None:
    """Whatever is typed as a name stays that text: quoting, never YAML syntax."""
    text = scaffold.case_file("x", name, DAY, name)
    data = yaml.safe_load(text)
    assert data["employee"]["name"] == name
    assert data["employer"]["name"] == name
    assert data["id"] == "x"


@pytest.mark.parametrize("value", ["yes", "2026-01-01", "123", "null", "a: b", "#x", "'", "- a"])
def test_values_that_look_like_yaml_stay_text(value: str) -> None:
    assert yaml.safe_load(f"k: {scaffold.yaml_scalar(value)}\n") == {"k": value}


def test_init_files_are_what_the_issue_asks() -> None:
    files = scaffold.init_files('{"title": "Case"}\n', "1.2.3")
    assert set(files) == {
        "cases/.gitkeep",
        "wvp.toml",
        "case.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/wvp.yml",
        ".gitignore",
        "README.md",
    }
    hook = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"][0]
    assert hook["repo"] == "local"
    (entry,) = hook["hooks"]
    assert entry["language"] == "system" and entry["entry"] == "wvp check"
    assert entry["files"] == r"^cases/.*\.ya?ml$"
    flow = yaml.safe_load(files[".github/workflows/wvp.yml"])
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    runs = [s.get("run", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert "wvp check cases --format github" in runs
    assert any("wvp deadlines" in r and "$GITHUB_STEP_SUMMARY" in r for r in runs)
    assert any('"wvp==1.2.3"' in r for r in runs)
    # The check job restores wvp's cache before it checks, keyed so that every run saves one.
    check_steps = flow["jobs"]["check"]["steps"]
    cache = next(s for s in check_steps if str(s.get("uses", "")).startswith("actions/cache"))
    assert cache["with"]["path"] == ".wvp_cache"
    assert cache["with"]["key"] == "wvp-${{ github.sha }}" and cache["with"]["restore-keys"]
    assert check_steps.index(cache) < [s.get("run") for s in check_steps].index(
        "wvp check cases --format github"
    )


# --- wvp init ------------------------------------------------------------------------------


def test_init_creates_the_repository(tmp_path: Path) -> None:
    target = tmp_path / "dossiers"
    run = run_cli("init", str(target))
    assert run.code == 0, run.err
    for rel in ("wvp.toml", ".gitignore", "README.md", ".github/workflows/wvp.yml"):
        assert (target / rel).is_file()
        assert rel in run.out
    assert (target / "cases").is_dir()
    schema = json.loads((target / "case.schema.json").read_text())
    assert "employee" in schema["properties"] and "$defs" in schema
    # The commented wvp.toml is a valid, empty configuration.
    assert run_cli("config", str(target / "cases")).code == 0


def test_init_refuses_existing_files_and_lists_them(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("mijn readme\n")
    (tmp_path / "wvp.toml").write_text("# mijn instellingen\n")
    run = run_cli("init", str(tmp_path))
    assert run.code == 2
    assert "README.md" in run.err and "wvp.toml" in run.err and "--force" in run.err
    assert (tmp_path / "README.md").read_text() == "mijn readme\n"
    assert not (tmp_path / ".gitignore").exists()  # nothing written when anything exists
    forced = run_cli("init", str(tmp_path), "--force")
    assert forced.code == 0, forced.err
    assert "Poortwachter" in (tmp_path / "README.md").read_text()


def test_init_refuses_a_file_as_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    assert run_cli("init", str(tmp_path / "f")).code == 2


def test_init_with_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wvp_cli.cli import repo as cli_repo

    monkeypatch.setattr(cli_repo, "default_templates", lambda: {"plan.md.j2": b"# {{ x }}\n"})
    run = run_cli("init", str(tmp_path), "--with-templates")
    assert run.code == 0, run.err
    assert (tmp_path / "templates" / "plan.md.j2").read_bytes() == b"# {{ x }}\n"
    assert "templates/plan.md.j2" in run.out


def test_init_with_templates_when_none_are_shipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wvp_cli.cli import repo as cli_repo

    monkeypatch.setattr(cli_repo, "default_templates", dict)
    run = run_cli("init", str(tmp_path), "--with-templates")
    assert run.code == 0
    assert "geen standaardtemplates" in run.err
    assert not (tmp_path / "templates").exists()


def test_default_templates_never_fails() -> None:
    from wvp_cli.cli.repo import default_templates

    assert all(isinstance(v, bytes) for v in default_templates().values())


# --- wvp new -------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init").code == 0
    return tmp_path


def new(*extra: str) -> list[str]:
    return ["new", "--name", "A. Jansen", "--first-sick-day", "2026-03-02", *extra]


def test_new_writes_a_case_that_passes_the_format_rules(repo: Path) -> None:
    run = run_cli(*new("--id", "2026-001", "--employer", "Voorbeeld BV"))
    assert run.code == 0, run.err
    assert "cases/2026-001.yaml" in run.out
    text = (repo / "cases" / "2026-001.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../case.schema.json\n")
    check = run_cli("check", "cases", "--as-of", "2026-03-03", "--select", "WVP0", "-f", "json")
    assert check.code == 0, check.out
    assert json.loads(check.out)["findings"] == []


def test_new_without_employer_leaves_a_placeholder_and_says_so(repo: Path) -> None:
    run = run_cli(*new("--id", "x"))
    assert run.code == 0
    assert "employer.name" in run.err
    assert scaffold.EMPLOYER_PLACEHOLDER in (repo / "cases" / "x.yaml").read_text()


def test_new_refuses_an_existing_file(repo: Path) -> None:
    assert run_cli(*new("--id", "2026-001")).code == 0
    before = (repo / "cases" / "2026-001.yaml").read_text()
    run = run_cli("new", "--id", "2026-001", "--name", "B", "--first-sick-day", "2026-01-01")
    assert run.code == 2 and "bestaat al" in run.err
    assert (repo / "cases" / "2026-001.yaml").read_text() == before


def test_new_refuses_an_id_used_by_another_file(repo: Path) -> None:
    assert run_cli(*new("--id", "a")).code == 0
    (repo / "cases" / "a.yaml").rename(repo / "cases" / "anders.yaml")
    run = run_cli(*new("--id", "a"))
    assert run.code == 2 and "anders.yaml" in run.err
    (repo / "cases" / "b.yml").write_text("wvp: 1\nid: b\n")
    assert run_cli(*new("--id", "b")).code == 2


@pytest.mark.parametrize("bad", [".x", "-x", "../x", "a/b", "a b"])
def test_new_refuses_unsafe_ids(repo: Path, bad: str) -> None:
    run = run_cli(*new("--id", bad))
    assert run.code == 2 and "case-id" in run.err
    assert sorted(p.name for p in (repo / "cases").iterdir()) == [".gitkeep"]


def test_new_bad_input(repo: Path) -> None:
    assert run_cli("new", "--id", "x", "--name", " ", "--first-sick-day", "2026-01-01").code == 2
    run = run_cli("new", "--id", "x", "--name", "A", "--first-sick-day", "1-3-2026")
    assert run.code == 2 and "--first-sick-day" in run.err
    run = run_cli(*new("--id", "x", "--dir", "bestaat-niet"))
    assert run.code == 2 and "wvp init" in run.err


def test_new_in_a_deeper_folder_points_at_the_schema(repo: Path) -> None:
    (repo / "cases" / "2026").mkdir()
    assert run_cli(*new("--id", "d", "--dir", "cases/2026")).code == 0
    first = (repo / "cases" / "2026" / "d.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../case.schema.json"
