"""`wvp cases`: the portfolio of a dossier repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.app.common import fail, scan_configured

if TYPE_CHECKING:
    from wvp_cli.core.portfolio import Filters, Portfolio, Sort


def run_cases(
    paths: Sequence[Path] | None,
    as_of: dt.date,
    filters: Filters | None = None,
    sort: Sort = "due",
    *,
    config_file: Path | None = None,
    exclude: Sequence[str] | None = None,
    follow_links: bool = False,
    retention_years: int = 2,
) -> tuple[Portfolio, int]:
    """`wvp cases`: the portfolio of the case files under `paths` at `as_of`, and how many case
    files were found. Error counts are those of `wvp check` (same settings, through the cache)."""
    from wvp_cli import engine
    from wvp_cli.core import portfolio
    from wvp_cli.repo import config
    from wvp_cli.repo.scan import Task

    try:
        conf = config.load(paths[0] if paths else None, config_file)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    settings = conf.settings()
    task = Task(as_of, settings, max_bytes=conf.max_file_size, portfolio=retention_years)
    results = scan_configured(paths, task, conf, exclude=exclude, follow_links=follow_links)
    checked = engine.finish(results, as_of, settings)
    rows, skipped = portfolio.from_results(checked.files, checked.findings)
    rows = [engine.masked_row(row, settings.options) for row in rows]
    return portfolio.select(rows, as_of, filters, sort, skipped), len(checked.files)
