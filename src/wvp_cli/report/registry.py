"""The output formats of the commands (`wvp check`, `deadlines`, `cases`, `timeline`, `rules`,
`config`): one entry per format, naming the function (in its own reporter module) that writes
it. The commands take their `--format` choices from here; a new format is a reporter function,
its entry here and its test.

A reporter is `report_<format>(report, out)`: it writes the report (`CheckReport`,
`AgendaReport`, `TimelineReport`, ...) to `out` (`report.output.Out`, standard output or the
file of `-o`). Its module is imported only when the format is used, so that a run starts
without the others (and their libraries).
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wvp_cli.core.agenda import Agenda
    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.model import Case
    from wvp_cli.engine import CheckResult
    from wvp_cli.report.output import Out
    from wvp_cli.rules import Rule


@dataclass(frozen=True)
class CheckReport:
    """What `wvp check` reports: its result, and what the formats need besides."""

    result: CheckResult
    #: The level from which a finding fails the run (JUnit marks those as failures).
    fail_on: str = "error"
    #: The repository's root: SARIF names files relative to it.
    root: Path | None = None
    #: `--statistics`: the number of findings per rule instead of the findings.
    statistics: bool = False
    #: `--show-suppressed`: text output lists what the files silence, with the reasons.
    show_suppressed: bool = False


@dataclass(frozen=True)
class AgendaReport:
    """What `wvp deadlines` reports: an agenda, and the reminder of its calendar events."""

    agenda: Agenda
    #: ics: a reminder this many days before each due date (None: no reminders).
    alarm_days: int | None = 1


@dataclass(frozen=True)
class TimelineReport:
    """What `wvp timeline` reports: the case as it may be shown (its id masked as in every
    finding: an id may name a diagnosis or hold a BSN), the file it came from, and its timeline
    at the peildatum."""

    file: str
    case: Case
    timeline: Timeline


@dataclass(frozen=True)
class RulesReport:
    """What `wvp rules` reports: the rules, or the one rule asked for with its documentation."""

    rules: tuple[Rule, ...]
    #: One rule was asked for (`wvp rules WVP101`): its options and documentation too.
    single: bool = False
    #: `--lang en`: the documentation in English.
    english: bool = False


@dataclass(frozen=True)
class ConfigReport:
    """What `wvp config` reports: the configuration file (None: none found, the defaults hold)
    and each setting as (key, value, where it comes from)."""

    file: str | None
    settings: tuple[tuple[str, object, str], ...]


@dataclass(frozen=True)
class Reporter:
    name: str
    #: The module and the function that write the format.
    module: str
    function: str
    #: A machine format (an API: UTF-8 always, files named from the repository's root), or
    #: human text (the terminal's colours and encoding).
    machine: bool = True
    #: `-o NAME.suffix` picks this format when `--format` is not given (deadlines).
    suffixes: tuple[str, ...] = ()
    #: Whether it can show `--statistics` (check).
    statistics: bool = False

    def load(self) -> Callable[[Any, Out], None]:
        write: Callable[[Any, Out], None] = getattr(
            importlib.import_module(self.module), self.function
        )
        return write


_CHECK = "wvp_cli.report.check"
_AGENDA = "wvp_cli.report.agenda"

#: `wvp check --format`, the first is the default.
CHECK: dict[str, Reporter] = {
    r.name: r
    for r in (
        Reporter("text", _CHECK, "report_text", machine=False, statistics=True),
        Reporter("json", _CHECK, "report_json", statistics=True),
        Reporter("github", _CHECK, "report_github"),
        Reporter("junit", "wvp_cli.report.junit", "report_junit"),
        Reporter("sarif", "wvp_cli.report.sarif", "report_sarif"),
    )
}

#: `wvp deadlines --format`, the first is the default.
DEADLINES: dict[str, Reporter] = {
    r.name: r
    for r in (
        Reporter("text", _AGENDA, "report_text", machine=False, suffixes=(".txt",)),
        Reporter("json", _AGENDA, "report_json", suffixes=(".json",)),
        Reporter("markdown", _AGENDA, "report_markdown", suffixes=(".md", ".markdown")),
        Reporter("ics", "wvp_cli.report.ics", "report_ics", suffixes=(".ics",)),
    )
}


_CASES = "wvp_cli.report.cases"

#: `wvp cases --format`, the first is the default.
CASES: dict[str, Reporter] = {
    r.name: r
    for r in (
        Reporter("text", _CASES, "report_text", machine=False, suffixes=(".txt",)),
        Reporter("json", _CASES, "report_json", suffixes=(".json",)),
        Reporter("markdown", _CASES, "report_markdown", suffixes=(".md", ".markdown")),
        Reporter("csv", _CASES, "report_csv", suffixes=(".csv",)),
    )
}


def _text_and_json(module: str) -> dict[str, Reporter]:
    """Text (the default) and JSON, written by `report_text` and `report_json` of `module`."""
    return {
        r.name: r
        for r in (
            Reporter("text", module, "report_text", machine=False),
            Reporter("json", module, "report_json"),
        )
    }


#: `--format` of wvp timeline, rules, config, import and notify.
TIMELINE = _text_and_json("wvp_cli.report.timeline")
RULES = _text_and_json("wvp_cli.report.rules")
CONFIG = _text_and_json("wvp_cli.report.config")
IMPORT = _text_and_json("wvp_cli.importer.report")
NOTIFY = _text_and_json("wvp_cli.notify.report")


def by_suffix(registry: dict[str, Reporter], suffix: str) -> Reporter | None:
    """The format a file's suffix (`.ics`) stands for, or None."""
    return next((r for r in registry.values() if suffix.lower() in r.suffixes), None)


def choices(name: str, registry: Iterable[str]) -> type[enum.StrEnum]:
    """The formats as an enumeration, for Typer's `--format` choices."""
    make: Any = enum.StrEnum  # the functional API, with names mypy cannot see
    made: type[enum.StrEnum] = make(name, [(n, n) for n in registry])
    return made


def listed(registry: Iterable[str]) -> str:
    """`text, json, github, junit of sarif`: the formats in words, for a help text."""
    names = list(registry)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} of {names[-1]}"
