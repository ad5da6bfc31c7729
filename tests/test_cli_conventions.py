"""The conventions of the linters wvp's users know (ruff, yamllint): `-` with
`--stdin-filename`, `-h` on every command, shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINIMAL
from wvp_cli.cli import app

WVP = [sys.executable, "-m", "wvp_cli"]


def run(args: list[str], *, stdin: str = "", env: dict[str, str] | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run(
        [*WVP, *args], input=stdin, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1", **(env or {})}, cwd=cwd, check=False,
    )  # fmt: skip


def test_check_reads_stdin_under_the_name_given(tmp_path: Path) -> None:
    done = run(
        ["check", "-", "--stdin-filename", "cases/x.yaml", "--as-of", "2026-03-01", "-f", "json"],
        stdin=MINIMAL, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)["findings"]
    assert findings and {f["file"] for f in findings} == {"cases/x.yaml"}
    clean = run(["check", "-", "--as-of", "2026-01-02"], stdin=MINIMAL, cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert not (tmp_path / "-").exists()


def test_stdin_misuse_is_exit_2(tmp_path: Path) -> None:
    assert run(["check", "--stdin-filename", "x.yaml"], cwd=tmp_path).returncode == 2
    assert run(["check", "-", "x.yaml"], cwd=tmp_path).returncode == 2
    assert run(["check", "-", "--hook"], cwd=tmp_path).returncode == 2


def commands() -> list[str]:
    return sorted(
        c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands
    )


@pytest.mark.parametrize("command", commands())
def test_minus_h_is_help_everywhere(command: str) -> None:
    from conftest import run_cli

    short = run_cli(command, "-h")
    assert short.code == 0 and short.out == run_cli(command, "--help").out
    assert "Gebruik:" in short.out or "Usage:" in short.out


def test_shell_completion() -> None:
    script = run([], env={"_WVP_COMPLETE": "source_bash"})
    assert script.returncode == 0 and "complete -o default -F" in script.stdout
    words = run(
        [], env={"_WVP_COMPLETE": "complete_bash", "COMP_WORDS": "wvp ch", "COMP_CWORD": "1"}
    )
    assert "check" in words.stdout.split()
    options = run(
        [],
        env={"_WVP_COMPLETE": "complete_bash", "COMP_WORDS": "wvp check --stat", "COMP_CWORD": "2"},
    )
    assert "--statistics" in options.stdout.split()


#: Options that mean the same in every command: declared once, in cli/common.py.
SHARED_OPTIONS = (
    *("--output", "--force", "--format", "--as-of", "--config", "--exclude"),
    *("--follow-links", "--no-cache", "--jobs", "--in"),
)


def _declared(path: Path) -> set[str]:
    """The option names a module declares: the strings given to `typer.Option(...)`."""
    import ast

    return {
        arg.value
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "Option"
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }


def test_shared_options_are_declared_once() -> None:
    folder = Path(__file__).resolve().parent.parent / "src" / "wvp_cli" / "cli"
    declared = [
        f"{path.name}: {flag}"
        for path in sorted(folder.glob("*.py"))
        if path.name != "common.py"
        for flag in sorted(_declared(path) & set(SHARED_OPTIONS))
    ]
    assert declared == []
    assert set(SHARED_OPTIONS) <= _declared(folder / "common.py")
