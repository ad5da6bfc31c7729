"""`wvp check --hook FILE...`: what a commit can break, as a pre-commit hook checks it.

pre-commit passes the staged files that match the hook's `files:` pattern, possibly in several
batches. A check of only those files would let a duplicated id through (the other file is in
another batch, or committed long ago) and would report YAML that is no case file at all when the
pattern is wide. So: every case file of the repository is checked (most come from the cache),
the rules that span the repository run over all of them, and what is reported is exactly the
findings of the passed files, plus the findings of a spanning rule about an id that a passed
file holds. A passed file that the repository's own discovery does not find (a hidden folder
such as `.github/`, an excluded path, a file outside the repository) is skipped, never reported,
as ruff's `--force-exclude` does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.app.common import find_paths

if TYPE_CHECKING:
    from wvp_cli.engine import CheckResult
    from wvp_cli.repo.scan import Task


def hook_check(
    passed: Sequence[Path],
    task: Task,
    exclude: Sequence[str],
    root: Path,
    *,
    follow_links: bool = False,
    cache: bool = True,
    jobs: int | None = None,
) -> CheckResult:
    """Check the repository under `root`; report the files of `passed` (see the module)."""
    from wvp_cli import engine
    from wvp_cli.repo.scan import scan
    from wvp_cli.repo.store import CACHE_DIR
    from wvp_cli.rules import repo_rules

    start = Path(os.path.relpath(root)) if _below_cwd(root) else root
    found = find_paths([start], exclude, follow_links, root=root)
    wanted = {os.path.realpath(p) for p in passed}
    reported = {str(p) for p, _ in found if os.path.realpath(p) in wanted}
    results = scan(found, task, cache_dir=CACHE_DIR if cache else None, jobs=jobs)
    result = engine.finish(results, task.as_of, task.settings)
    ids = {r.case_id for r in result.files if r.file in reported and r.case_id is not None}
    spanning = {rule.code for rule in repo_rules()}
    return replace(
        result,
        files=tuple(r for r in result.files if r.file in reported),
        findings=tuple(
            f
            for f in result.findings
            if f.location.file in reported or (f.rule in spanning and f.case in ids)
        ),
    )


def _below_cwd(root: Path) -> bool:
    here = os.path.realpath(os.getcwd())
    there = os.path.realpath(root)
    return there == here or there.startswith(here + os.sep)
