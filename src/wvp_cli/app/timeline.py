"""`wvp timeline`: the computed timeline of one case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.app.common import open_case

if TYPE_CHECKING:
    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.model import Case


@dataclass(frozen=True)
class TimelineOutcome:
    """The case as it may be shown (its id masked as in every finding: an id may name a
    diagnosis or hold a BSN), the file it came from, and its timeline at the peildatum."""

    file: str
    case: Case
    timeline: Timeline


def run_timeline(
    case_arg: str,
    as_of: dt.date,
    *,
    search: Sequence[Path] | None = None,
    config_file: Path | None = None,
) -> TimelineOutcome:
    """The timeline of the case `case_arg` (a file, or an id under `search`) at `as_of`."""
    from wvp_cli.core import clock
    from wvp_cli.privacy.matcher import redact

    loaded, case = open_case(case_arg, search, config_file)
    timeline = clock.compute(case, as_of)
    shown = redact(case.id, {})
    if shown != case.id:
        case = case.model_copy(update={"id": shown})
    return TimelineOutcome(loaded.file, case, timeline)
