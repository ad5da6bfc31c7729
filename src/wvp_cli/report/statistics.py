"""`wvp check --statistics`: how many findings each rule made, most first (as ruff does)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from wvp_cli.report.check import dumps, safe

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.engine import CheckResult


def counts(result: CheckResult) -> list[tuple[str, int, str]]:
    """(rule, number of findings, its title), most findings first, then by code."""
    from wvp_cli.rules import all_rules

    registry = all_rules()
    tally = Counter(f.rule for f in result.findings)
    rows = [
        (code, n, registry[code].title if code in registry else "") for code, n in tally.items()
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def statistics_json(result: CheckResult) -> str:
    return dumps(
        {
            "schema_version": 1,
            "as_of": result.as_of.isoformat(),
            "files_checked": result.files_checked,
            "statistics": [
                {"rule": code, "count": n, "title": title} for code, n, title in counts(result)
            ],
        }
    )


def print_statistics(result: CheckResult, console: Console) -> None:
    rows = counts(result)
    if not rows:
        console.print("Geen bevindingen.", highlight=False, markup=False)
        return
    width = len(str(max(n for _, n, _ in rows)))
    for code, n, title in rows:
        console.print(f"{n:>{width}}  {code}  {safe(title)}", highlight=False, markup=False)
    total = sum(n for _, n, _ in rows)
    console.print(f"{total} bevindingen in totaal", highlight=False, markup=False)
