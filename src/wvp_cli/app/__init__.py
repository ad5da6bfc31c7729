"""The application layer: what every command (and the editor server, the web pages, the
notifier) does with options, as functions that return values. No printing, no exit codes: a
problem the user must fix is a `Problem` (the command line turns it into exit code 2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# One module per command (and `common` for what they share); every name importable from here,
# each module imported when one of its names is first asked for: a command loads only its own.
if TYPE_CHECKING:
    from wvp_cli.app.cases import run_cases as run_cases
    from wvp_cli.app.check import CheckOptions as CheckOptions
    from wvp_cli.app.check import CheckOutcome as CheckOutcome
    from wvp_cli.app.check import run_check as run_check
    from wvp_cli.app.common import PRIVACY_GATE as PRIVACY_GATE
    from wvp_cli.app.common import InvalidCase as InvalidCase
    from wvp_cli.app.common import Problem as Problem
    from wvp_cli.app.common import excluded as excluded
    from wvp_cli.app.common import fail as fail
    from wvp_cli.app.common import files_of_case as files_of_case
    from wvp_cli.app.common import find_paths as find_paths
    from wvp_cli.app.common import load_config as load_config
    from wvp_cli.app.common import open_case as open_case
    from wvp_cli.app.common import privacy_findings as privacy_findings
    from wvp_cli.app.common import resolve_case as resolve_case
    from wvp_cli.app.common import scan_configured as scan_configured
    from wvp_cli.app.common import scan_paths as scan_paths
    from wvp_cli.app.deadlines import DeadlinesOptions as DeadlinesOptions
    from wvp_cli.app.deadlines import DeadlinesOutcome as DeadlinesOutcome
    from wvp_cli.app.deadlines import run_deadlines as run_deadlines
    from wvp_cli.app.render import run_bundle as run_bundle
    from wvp_cli.app.render import run_render as run_render
    from wvp_cli.app.timeline import run_timeline as run_timeline

#: Where each name lives.
_HOME = {
    "run_cases": "cases",
    "CheckOptions": "check",
    "CheckOutcome": "check",
    "run_check": "check",
    "PRIVACY_GATE": "common",
    "InvalidCase": "common",
    "Problem": "common",
    "excluded": "common",
    "fail": "common",
    "files_of_case": "common",
    "find_paths": "common",
    "load_config": "common",
    "open_case": "common",
    "privacy_findings": "common",
    "resolve_case": "common",
    "scan_configured": "common",
    "scan_paths": "common",
    "DeadlinesOptions": "deadlines",
    "DeadlinesOutcome": "deadlines",
    "run_deadlines": "deadlines",
    "run_bundle": "render",
    "run_render": "render",
    "run_timeline": "timeline",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value
    return value


__all__ = sorted(_HOME)
