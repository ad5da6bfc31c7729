"""The reporter registry (report/registry.py) and the one output writer (report/output.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli
from wvp_cli.app import CheckOptions, DeadlinesOptions, run_check, run_deadlines
from wvp_cli.core.agenda import Filters
from wvp_cli.report import registry
from wvp_cli.report.output import Out, WriteRefused, write_output

AS_OF = "2026-11-24"


_SAMPLE = str(SAMPLES / "week-10-plan-van-aanpak.yaml")
#: Every command whose --format comes from the registry, with arguments it runs on.
_COMMANDS = [
    ("check", registry.CHECK, (str(SAMPLES), "--as-of", AS_OF, "--no-cache")),
    ("deadlines", registry.DEADLINES, (str(SAMPLES), "--as-of", AS_OF, "--no-cache")),
    ("cases", registry.CASES, (str(SAMPLES), "--as-of", AS_OF)),
    ("timeline", registry.TIMELINE, (_SAMPLE, "--as-of", AS_OF)),
    ("rules", registry.RULES, ()),
    ("rules", registry.RULES, ("WVP101",)),
    ("config", registry.CONFIG, (str(SAMPLES),)),
]
#: Commands whose run needs more than arguments (an export, a [notify] section): their formats
#: are run in test_import.py and test_notify.py.
_HELP_ONLY = [("import", registry.IMPORT), ("notify", registry.NOTIFY)]


@pytest.mark.parametrize(("command", "formats", "args"), _COMMANDS)
def test_format_choices_come_from_the_registry(
    command: str, formats: dict[str, registry.Reporter], args: tuple[str, ...]
) -> None:
    """A format the registry does not hold is refused, and every one it holds is taken."""
    bad = run_cli(command, *args, "--format", "yaml")
    assert bad.code == 2
    for name in formats:
        assert name in bad.err
        ran = run_cli(command, *args, "--format", name)
        assert ran.code in (0, 1), (name, ran.err)
        assert ran.out
        if name == "json":
            assert json.loads(ran.out)["schema_version"] == 1


@pytest.mark.parametrize(("command", "formats"), [(c, f) for c, f, _ in _COMMANDS] + _HELP_ONLY)
def test_help_names_the_formats_of_the_registry(
    command: str, formats: dict[str, registry.Reporter]
) -> None:
    """`--help` shows the formats (`<text|json>` or their list in words), not a type."""
    shown = run_cli(command, "--help").out
    assert "<str>" not in shown
    assert registry.listed(formats) in shown
    if command in ("check", "timeline", "rules", "config", "import", "notify"):  # Typer's
        assert f"<{'|'.join(formats)}>" in shown


def test_every_reporter_can_be_loaded() -> None:
    every = [r for _, formats, _ in _COMMANDS for r in formats.values()]
    every += [r for _, formats in _HELP_ONLY for r in formats.values()]
    for reporter in every:
        assert callable(reporter.load())


def test_run_check_returns_the_outcome_the_command_prints() -> None:
    day = dt.date.fromisoformat(AS_OF)
    outcome = run_check(CheckOptions([SAMPLES], day, cache=False, machine=True))
    printed = run_cli("check", str(SAMPLES), "--as-of", AS_OF, "-f", "json", "--no-cache")
    document = json.loads(printed.out)
    assert outcome.files_found == document["files_checked"] > 0
    assert [f["rule"] for f in document["findings"]] == [
        f.rule for f in outcome.report.result.findings
    ]
    assert outcome.exit_code == printed.code


def test_run_deadlines_returns_the_agenda_the_command_prints() -> None:
    day = dt.date.fromisoformat(AS_OF)
    outcome = run_deadlines(DeadlinesOptions([SAMPLES], day, Filters(), week=True, cache=False))
    printed = run_cli("deadlines", str(SAMPLES), "--as-of", AS_OF, "--week", "-f", "json")
    document = json.loads(printed.out)
    assert [d["case"] for d in document["deadlines"]] == [d.case for d in outcome.agenda.deadlines]
    assert outcome.exit_code == printed.code


def _pieces(out: Out) -> None:
    for piece in ("één", "\n", "twee\n"):
        out.write(piece)


def test_write_output_writes_a_file_in_pieces_and_refuses_to_replace_without_force(
    tmp_path: Path,
) -> None:
    target = tmp_path / "uit.txt"
    write_output(_pieces, target, machine=True, force=False)
    assert target.read_bytes() == "één\ntwee\n".encode()
    with pytest.raises(WriteRefused, match="--force"):
        write_output(_pieces, target, machine=True, force=False)
    write_output(lambda out: out.write("nieuw\n"), target, machine=False, force=True)
    assert target.read_text(encoding="utf-8") == "nieuw\n"


def test_write_output_leaves_the_old_file_when_the_report_fails(tmp_path: Path) -> None:
    target = tmp_path / "uit.json"
    target.write_text("oud\n", encoding="utf-8")

    def broken(out: Out) -> None:
        out.write("half")
        raise RuntimeError("stuk")

    with pytest.raises(RuntimeError):
        write_output(broken, target, machine=True, force=True)
    assert target.read_text(encoding="utf-8") == "oud\n"
    assert os.listdir(tmp_path) == ["uit.json"]  # no temp file left behind


def test_write_output_escapes_a_lone_surrogate_in_machine_output(tmp_path: Path) -> None:
    target = tmp_path / "uit.json"
    write_output(lambda out: out.write('"caf\udce9"'), target, machine=True)
    assert target.read_bytes() == b'"caf\\udce9"'


def test_write_output_writes_into_a_named_pipe_and_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="map"):
        write_output(_pieces, tmp_path, machine=True, force=True)
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_output(_pieces, pipe, machine=True, force=True)
        assert os.read(reader, 100) == "één\ntwee\n".encode()
    finally:
        os.close(reader)
    assert pipe.is_fifo()
