"""Rules that span the repository: they look at the results of every checked file at once.

They run on every check, also when each file's result comes from the cache, so this module
imports neither the model nor the clock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Location, Severity
from wvp_cli.rules import Problem, RepoContext, rule

if TYPE_CHECKING:
    from wvp_cli.core.results import FileResult


@rule(
    "WVP020",
    "uniek-case-id",
    "Case-id komt maar één keer voor",
    Severity.ERROR,
    "wvp case-format 1 (id: uniek in de repository)",
    scope="repo",
)
def unique_case_id(files: Sequence[FileResult], ctx: RepoContext) -> Iterator[Problem]:
    """Every case id is unique across the folders that are checked.

    Source: wvp case-format 1 ("id: required, unique in the repository").
    Why: documents, deadlines and other tools find a case by its id; two files with one id mix
    up two employees.

    Failing example: `cases/a.yaml` and `cases/b.yaml` both say `id: "2026-014"`.
    """
    first: dict[str, FileResult] = {}
    for result in files:
        case_id = result.case_id
        if case_id is None:
            continue
        if case_id in first:
            other = first[case_id]
            yield Problem(
                f"case-id '{case_id}' staat ook in {other.file} "
                f"(regel {_where(other).line}); geef elk geval een eigen id",
                _where(result),
                case=case_id,
            )
        else:
            first[case_id] = result


def _where(result: FileResult) -> Location:
    return result.id_location or Location(result.file, path=("id",))


@rule(
    "WVP405",
    "privacy-bestandsnaam",
    "Geen gezondheidsgegevens of BSN in een bestandsnaam",
    Severity.ERROR,
    "AP-beleidsregels De zieke werknemer; AVG art. 9; UAVG art. 46",
    scope="repo",
    kinds={"bsn_like": Severity.WARNING},
)
def private_file_name(files: Sequence[FileResult], ctx: RepoContext) -> Iterator[Problem]:
    """The name of a case file names no diagnosis, complaint, treatment or care provider
    (the terms of WVP401, folded the same way) and holds no BSN-like number (a warning, as
    WVP404). A repository rule: a file's own result serves the same bytes under any name, so
    the name is read here, on every check.

    Source: AP-beleidsregels De zieke werknemer; AVG art. 9; UAVG art. 46.
    Why: a file name stands in every listing, every CI log and every finding, unmasked; give
    the file the case's id instead.

    Passing example: `cases/2026-014.yaml`.
    Failing example: `cases/jansen-<diagnose>.yaml`, `cases/<bsn>.yaml`.
    """
    from wvp_cli.privacy.matcher import bsn_numbers, mask, matchers

    medical, _ = matchers(ctx.options)
    stems = [
        (result, os.path.splitext(name)[0])
        for result in files
        if (name := os.path.basename(result.file)) not in ("-", "<stdin>")
    ]
    # All names at once first, a line each: the pre-filter of the matcher (the letters of some
    # term, anywhere) and the numbers (a line break ends one) find in the lines whatever they
    # find in one name; most repositories have neither, and then no name is looked at again.
    lines = "\n".join(stem for _, stem in stems)
    if not medical.could_match(lines) and next(bsn_numbers(lines, loose=True), None) is None:
        return
    for result, stem in stems:
        where = Location(result.file)
        for hit in medical.find(stem):
            tail = (
                " in de bestandsnaam: een werkgever mag geen gezondheidsgegevens vastleggen, "
                "ook niet in een naam; geef het bestand het dossiernummer als naam (is dit geen "
                "gezondheidsgegeven, zet het woord dan onder [privacy] allow in wvp.toml)"
            )
            yield Problem(
                f"medische term '{mask(hit.word)}'{tail}",
                where,
                case=result.case_id,
                private_message=f"medische term '{hit.word}'{tail}",
            )
        for _, written, _ in bsn_numbers(stem, loose=True):
            tail = " in de bestandsnaam lijkt een BSN; geef het bestand het dossiernummer als naam"
            yield Problem(
                f"nummer '{mask(written)}'{tail}",
                where,
                case=result.case_id,
                kind="bsn_like",
                private_message=f"nummer '{written}'{tail}",
            )
