"""`wvp cases`: the portfolio of a dossier repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.app.common import fail, scan_configured

if TYPE_CHECKING:
    from wvp_cli.core.portfolio import Filters, Portfolio, Row, Skipped, Sort
    from wvp_cli.engine import CheckResult


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
    rows, skipped = _rows(checked, as_of, retention_years, conf.max_file_size)
    rows = [engine.masked_row(row, settings.options) for row in rows]
    return portfolio.select(rows, as_of, filters, sort, skipped), len(checked.files)


def _rows(
    checked: CheckResult, as_of: dt.date, retention_years: int, max_bytes: int
) -> tuple[list[Row], list[Skipped]]:
    """The rows of the valid cases, each made with its file's result (and kept in the cache
    with it), with the error counts of every finding of the repository; the files that are no
    valid case."""
    from dataclasses import replace

    from wvp_cli.core import portfolio
    from wvp_cli.core.findings import Severity

    errors: dict[str, int] = {}
    warnings: dict[str, int] = {}
    for finding in checked.findings:
        if finding.severity is Severity.ERROR:
            errors[finding.location.file] = errors.get(finding.location.file, 0) + 1
        elif finding.severity is Severity.WARNING:
            warnings[finding.location.file] = warnings.get(finding.location.file, 0) + 1
    rows: list[Row] = []
    skipped: list[Skipped] = []
    for result in checked.files:
        if not result.valid:
            skipped.append(portfolio.Skipped(result.file, result.load_findings, result.unreadable))
            continue
        made = (
            result.row
            if result.row is not None
            else _row_of(result.file, as_of, retention_years, max_bytes)
        )
        if made is None:
            continue
        rows.append(
            replace(
                made,
                file=result.file,
                errors=errors.get(result.file, 0),
                warnings=warnings.get(result.file, 0),
            )
        )
    return rows, skipped


def _row_of(file: str, as_of: dt.date, retention_years: int, max_bytes: int) -> Row | None:
    """The row of one file read anew (a result made without its row)."""
    from wvp_cli.core import clock, portfolio
    from wvp_cli.core.loader import read_file

    loaded = read_file(Path(file), file, max_bytes=max_bytes)
    if loaded.case is None:
        return None
    return portfolio.row(
        loaded.case, file, clock.compute(loaded.case, as_of), retention_years=retention_years
    )
