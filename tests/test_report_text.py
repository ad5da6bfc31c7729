"""`report.write_text`: the plain text written without rich is what rich would have written."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from wvp_cli.report.check import write_text

SAMPLES = [
    "a\n",
    "x  \n\n  y   \n",  # trailing blanks and an empty line survive
    "lang " * 60 + "\n",  # longer than the console: soft wrap, not cut
    "宽字符 😀 e\u0301 \n",  # wide and combining characters
    "geen regeleinde",
    "",
    "\n\n",
    "a\rb\x07c\n",  # rich drops these control characters when the text is made
    "[bold]geen opmaak[/bold] :smile:\n",  # a Text is never read as markup or emoji
    "a\tb\n",  # a tab: rich expands it, so rich writes this one
]


def _console(buffer: io.StringIO, **options: object) -> Console:
    return Console(file=buffer, highlight=False, soft_wrap=True, width=40, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("end", ["", "\n"])
def test_plain_output_is_what_rich_writes(sample: str, end: str) -> None:
    text = Text()
    text.append(sample, style="bold red")
    text.append("z", style="dim")
    theirs, ours = io.StringIO(), io.StringIO()
    _console(theirs).print(text, end=end)
    write_text(_console(ours), text, end=end)
    assert ours.getvalue() == theirs.getvalue()


def test_a_terminal_gets_rich_styles() -> None:
    buffer = io.StringIO()
    console = _console(buffer, force_terminal=True, color_system="standard")
    write_text(console, Text("fout", style="bold red"))
    assert "\x1b[" in buffer.getvalue()
    assert buffer.getvalue().endswith("\n")


def test_a_recording_console_records() -> None:
    console = _console(io.StringIO(), record=True)
    write_text(console, Text("vastgelegd"))
    assert console.export_text() == "vastgelegd\n"


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError


def _leave(console: Console) -> None:
    """Console.on_broken_pipe without pointing this process's stdout at /dev/null."""
    raise SystemExit(1)


@pytest.mark.parametrize("tab", ["", "\t"])  # written here, and by rich
def test_a_closed_pipe_ends_the_run_as_rich_ends_it(
    tab: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`wvp check | head`: rich leaves with exit code 1 (it sends the rest to /dev/null); the
    plain path does the same, so that a pipeline with pipefail still fails."""
    monkeypatch.setattr(Console, "on_broken_pipe", _leave)
    with pytest.raises(SystemExit) as stopped:
        write_text(_console(_ClosedPipe()), Text(f"regel{tab}\n" * 3))
    assert stopped.value.code == 1


def test_a_quiet_console_writes_nothing() -> None:
    buffer = io.StringIO()
    write_text(_console(buffer, quiet=True), Text("stil"))
    assert buffer.getvalue() == ""
