"""Every word the command line prints is Dutch: help texts, usage lines and option errors.

The commands are taken from the running app, so a command added later is covered too.
"""

from __future__ import annotations

import re

import pytest
import typer.main

from conftest import run_cli
from wvp_cli.cli import app
from wvp_cli.cli.dutch import translate

# Sentences and words of click's and Typer's that must not reach a user.
ENGLISH = re.compile(
    r"Usage:|Options:|Arguments:|Commands:|Show this message|Try '|Error:|No such|Missing "
    r"|Invalid value|is not one of|is not a valid|Possible options|Did you mean|\[default:"
    r"|\[required\]|Aborted|does not exist|requires an argument|unexpected extra"
)


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(getattr(group, "commands", {}))


def test_there_are_commands_to_check() -> None:
    assert {"check", "deadlines", "timeline", "render", "rules"} <= set(_commands())


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_the_main_help_is_dutch(flag: str) -> None:
    result = run_cli(flag)
    assert result.code == 0
    assert "Gebruik: wvp" in result.out and "Commando's:" in result.out
    assert not ENGLISH.search(result.out), result.out


@pytest.mark.parametrize("command", _commands())
def test_every_command_help_is_dutch(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0, result.err
    assert f"Gebruik: wvp {command}" in result.out
    assert "Toon deze hulp en stop." in result.out
    assert not ENGLISH.search(result.out + result.err), result.out


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["check", "--bogus"], "onbekende optie --bogus"),
        (["chek"], "onbekend commando 'chek'; bedoelde je 'check'"),
        (["check", "--format", "xx"], "ongeldige waarde voor '--format' / '-f': 'xx' is geen van"),
        (["timeline"], "het argument CASE ontbreekt"),
        (["check", "--as-of"], "de optie --as-of verwacht een waarde"),
        (["check", "--jobs", "0"], "ongeldige waarde voor '--jobs' / '-j': 0 is kleiner dan 1"),
        (["rules", "WVP101", "extra"], "onverwacht extra argument: extra"),
    ],
)
def test_usage_errors_are_dutch(args: list[str], dutch: str) -> None:
    result = run_cli(*args)
    assert result.code == 2
    assert dutch in result.err
    assert "Fout: " in result.err
    assert not ENGLISH.search(result.out + result.err), result.err


def test_no_arguments_shows_the_dutch_help() -> None:
    result = run_cli()
    assert "Gebruik: wvp" in result.out + result.err
    assert not ENGLISH.search(result.out + result.err)


def test_an_unknown_text_passes_unchanged() -> None:
    assert translate("iets wat click niet zegt") == "iets wat click niet zegt"
    assert translate("Error: No such option: -x") == "Fout: onbekende optie -x"
