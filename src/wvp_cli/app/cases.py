"""`wvp cases`: the portfolio of a dossier repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.app.common import fail, scan_configured

if TYPE_CHECKING:
    from wvp_cli.core.portfolio import Filters, Portfolio, Row, Sort


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
    from wvp_cli.core.loader import read_file
    from wvp_cli.repo import config
    from wvp_cli.repo.scan import Task

    try:
        conf = config.load(paths[0] if paths else None, config_file)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    settings = conf.settings()
    task = Task(as_of, settings, max_bytes=conf.max_file_size)
    results = scan_configured(paths, task, conf, exclude=exclude, follow_links=follow_links)
    checked = engine.finish(results, as_of, settings)
    loaded = [read_file(Path(r.file), r.file, max_bytes=conf.max_file_size) for r in checked.files]
    rows, skipped = portfolio.build(
        loaded, checked.findings, as_of, retention_years=retention_years
    )
    rows = [_masked_row(row, settings.options) for row in rows]
    return portfolio.select(rows, as_of, filters, sort, skipped), len(loaded)


def _masked_row(row: Row, options: Mapping[str, Any]) -> Row:
    """A portfolio row with its case id and closing reason masked as a finding's message is:
    an id or a reason that names a diagnosis or holds a BSN must not spread through a list."""
    from dataclasses import replace

    from wvp_cli.privacy.matcher import redact

    case = redact(row.case, options)
    reason = redact(row.closing_reason, options) if row.closing_reason else row.closing_reason
    if case == row.case and reason == row.closing_reason:
        return row
    return replace(row, case=case, closing_reason=reason)
