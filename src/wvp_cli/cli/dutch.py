"""Click's and Typer's own words in Dutch: help headings, usage lines and option errors.

wvp's messages are Dutch; what the command-line parser says (``Usage:``, ``No such option``,
``Show this message and exit.``) comes from the click that Typer ships, in English and without a
translation catalogue. Rather than patching that library, wvp runs it without its standalone
handling (the caller catches its errors) and translates the texts it produces, line by line,
through the table below. A text that no pattern knows stays as it is; a test runs every
command's help and the usual mistakes and finds no English sentence left.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

# (pattern, replacement) in order; applied to every line of help and error output.
_TABLE: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^Usage: ", "Gebruik: "),
        (r"\[OPTIONS\]", "[OPTIES]"),
        (r"COMMAND \[ARGS\]\.\.\.", "COMMANDO [ARGUMENTEN]..."),
        (r"^Options:$", "Opties:"),
        (r"^Arguments:$", "Argumenten:"),
        (r"^Commands:$", "Commando's:"),
        (r"Show this message and exit\.", "Toon deze hulp en stop."),
        (r"\[default: ", "[standaard: "),
        (r"\[required\]", "[verplicht]"),
        (r"\[env var: ", "[omgevingsvariabele: "),
        (r"\[x>=(\S+)\]", r"[minstens \1]"),
        (r"^Try '(.+?)' for help\.$", r"Zie '\1' voor hulp."),
        (r"^Error: ", "Fout: "),
        (
            r"No such option: (\S+) \(Possible options: (.+)\)$",
            r"onbekende optie \1 (bedoelde je \2?)",
        ),
        (r"No such option: (\S+)$", r"onbekende optie \1"),
        (
            r"No such command '(.+?)'\. Did you mean (.+)\?$",
            r"onbekend commando '\1'; bedoelde je \2?",
        ),
        (r"No such command '(.+?)'\.$", r"onbekend commando '\1'"),
        (r"Missing command\.$", "er ontbreekt een commando"),
        (r"Missing argument '(.+?)'\.$", r"het argument \1 ontbreekt"),
        (r"Missing option '(.+?)'\.$", r"de optie \1 ontbreekt"),
        (r"Missing parameter: (.+)$", r"de parameter \1 ontbreekt"),
        (r"Option '(.+?)' requires an argument\.$", r"de optie \1 verwacht een waarde"),
        (r"Option '(.+?)' requires (\d+) arguments\.$", r"de optie \1 verwacht \2 waarden"),
        (r"Option '(.+?)' does not take a value\.$", r"de optie \1 neemt geen waarde"),
        (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", r"onverwacht extra argument: \1"),
        (r"Invalid value for (.+?): ", r"ongeldige waarde voor \1: "),
        (r"'(.*?)' is not one of (.+)\.$", r"'\1' is geen van \2"),
        (r"'(.*?)' is not a valid integer( range)?\.$", r"'\1' is geen geheel getal"),
        (r"'(.*?)' is not a valid float( range)?\.$", r"'\1' is geen getal"),
        (r"'(.*?)' is not a valid boolean\.$", r"'\1' is geen ja/nee-waarde"),
        (r"(\S+) is not in the range x>=(\S+)\.$", r"\1 is kleiner dan \2"),
        (r"(\S+) is not in the range (.+)\.$", r"\1 valt buiten \2"),
        (r"Path '(.+?)' does not exist\.$", r"pad '\1' bestaat niet"),
        (r"^Aborted!$", "Afgebroken."),
    )
)


def translate(text: str) -> str:
    """Click's English, line by line, in Dutch."""
    lines = []
    for line in text.split("\n"):
        for pattern, replacement in _TABLE:
            line = pattern.sub(replacement, line)
        lines.append(line)
    return "\n".join(lines)


def usage_error_text(error: Any) -> str:
    """What click would print for a usage error (usage line, hint, message), in Dutch."""
    buffer = io.StringIO()
    error.show(file=buffer)
    return translate(buffer.getvalue())


def dutch_context(base: type[Any]) -> type[Any]:
    """A click Context class whose help and usage texts come out in Dutch."""

    class DutchContext(base):  # type: ignore[misc]  # click's class, typed Any here
        def get_help(self) -> str:
            return translate(super().get_help())

        def get_usage(self) -> str:
            return translate(super().get_usage())

    return DutchContext


def make_dutch(command: Any) -> None:
    """Give `command` and every subcommand under it the Dutch context class."""
    command.context_class = dutch_context(command.context_class)
    for sub in getattr(command, "commands", {}).values():
        make_dutch(sub)
