"""Paths as machine output writes them: relative to the root of the repository, with forward
slashes, whatever folder wvp runs in. A CI system (GitHub's annotations and code scanning, a
JUnit reader) joins them to its checkout; a path relative to a subfolder points at nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wvp_cli.core.findings import Finding
    from wvp_cli.engine import CheckResult

#: What marks the root of a repository, nearest first: a git work tree, else wvp's config.
MARKERS = (".git", "wvp.toml")


def repo_root(start: Path | None = None) -> Path:
    """The nearest folder at or above `start` (default: the working directory) that holds
    `.git` (a folder, or the file of a worktree), else one with `wvp.toml`, else `start`."""
    here = Path(os.path.abspath(start or Path.cwd()))
    if here.is_file():
        here = here.parent
    for marker in MARKERS:
        for folder in (here, *here.parents):
            if os.path.lexists(folder / marker):
                return folder
    return here


def relative(file: str, root: Path) -> str:
    """`file` (as wvp shows it, relative to the working directory or absolute) relative to
    `root`, with `/`; unchanged when it lies outside `root` or is not a path (`-`)."""
    if file in ("-", "") or file.startswith("<"):
        return file
    full = Path(os.path.abspath(file))
    try:
        rel = full.relative_to(root)
    except ValueError:
        real = Path(os.path.realpath(file))
        try:
            rel = real.relative_to(os.path.realpath(root))
        except ValueError:
            return file
    return PurePosixPath(*rel.parts).as_posix() if rel.parts else "."


def rebased(result: CheckResult, root: Path) -> CheckResult:
    """`result` with every file name relative to `root` (see `relative`)."""
    names: dict[str, str] = {}

    def name(file: str) -> str:
        if file not in names:
            names[file] = relative(file, root)
        return names[file]

    def finding(f: Finding) -> Finding:
        return replace(f, location=replace(f.location, file=name(f.location.file)))

    return replace(
        result,
        files=tuple(replace(r, file=name(r.file)) for r in result.files),
        findings=tuple(finding(f) for f in result.findings),
        suppressed=tuple(replace(q, finding=finding(q.finding)) for q in result.suppressed),
    )
