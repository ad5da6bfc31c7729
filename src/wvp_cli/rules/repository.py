"""Rules that span the repository: they look at the results of every checked file at once.

They run on every check, also when each file's result comes from the cache, so this module
imports neither the model nor the clock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.rules import REGISTRY, RepoContext, rule

if TYPE_CHECKING:
    from wvp_cli.engine import FileResult


@rule(
    "WVP020",
    "uniek-case-id",
    "Case-id komt maar één keer voor",
    Severity.ERROR,
    "wvp case-format 1 (id: uniek in de repository)",
    scope="repo",
)
def unique_case_id(files: Sequence[FileResult], ctx: RepoContext) -> Iterator[Finding]:
    """Every case id is unique across the folders that are checked.

    Source: wvp case-format 1 ("id: required, unique in the repository").
    Why: documents, deadlines and other tools find a case by its id; two files with one id mix
    up two employees.

    Failing example: `cases/a.yaml` and `cases/b.yaml` both say `id: "2026-014"`.
    """
    this = REGISTRY["WVP020"]
    first: dict[str, FileResult] = {}
    for result in files:
        case_id = result.case_id
        if case_id is None:
            continue
        if case_id in first:
            other = first[case_id]
            yield this.finding(
                f"case-id '{case_id}' staat ook in {other.file} "
                f"(regel {_where(other).line}); geef elk geval een eigen id",
                _where(result),
                case=case_id,
            )
        else:
            first[case_id] = result


def _where(result: FileResult) -> Location:
    return result.id_location or Location(result.file, path=("id",))
