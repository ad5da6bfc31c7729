"""`wvp timeline`: the computed timeline of one case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from wvp_cli.app.common import open_case
from wvp_cli.report.registry import TimelineReport

#: What `run_timeline` returns is what `wvp timeline` reports (report/timeline.py).
TimelineOutcome = TimelineReport


def run_timeline(
    case_arg: str,
    as_of: dt.date,
    *,
    search: Sequence[Path] | None = None,
    config_file: Path | None = None,
) -> TimelineReport:
    """The timeline of the case `case_arg` (a file, or an id under `search`) at `as_of`."""
    from wvp_cli.core import clock
    from wvp_cli.privacy.matcher import redact

    loaded, case = open_case(case_arg, search, config_file)
    timeline = clock.compute(case, as_of)
    shown = redact(case.id, {})
    if shown != case.id:
        case = case.model_copy(update={"id": shown})
    return TimelineReport(loaded.file, case, timeline)
