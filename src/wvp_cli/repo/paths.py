"""Paths as machine output writes them: relative to the root of the repository, with forward
slashes, whatever folder wvp runs in. A CI system (GitHub's annotations and code scanning, a
JUnit reader) joins them to its checkout; a path relative to a subfolder points at nothing."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding, Location

if TYPE_CHECKING:
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
    # The common case on strings (a Path per file costs a second for 100,000s of files): a
    # file under `root` as it is named.
    if os.sep == "/" and _plain_below(file) and os.getcwd() == os.fspath(root):
        return file  # named from the root, without `.`, `..` or `//`: as it is
    absolute = os.path.abspath(file)
    top = os.fspath(root)
    prefix = top.rstrip(os.sep) + os.sep
    # POSIX keeps a leading `//` as it is: such a name goes the long way.
    simple = os.path.isabs(top) and os.sep * 2 not in (absolute[:2], top[:2])
    if simple and absolute.startswith(prefix) and len(absolute) > len(prefix):
        return absolute[len(prefix) :].replace(os.sep, "/")
    full = Path(absolute)
    try:
        rel = full.relative_to(root)
    except ValueError:
        real = Path(os.path.realpath(file))
        try:
            rel = real.relative_to(os.path.realpath(root))
        except ValueError:
            return file
    return PurePosixPath(*rel.parts).as_posix() if rel.parts else "."


def _plain_below(file: str) -> bool:
    """Whether `file` is a relative path without `.` or `..` parts and without empty ones:
    joined to a folder, it names what it says below that folder."""
    return (
        not file.startswith("/")
        and "/." not in "/" + file
        and "//" not in file
        and not file.endswith("/")
    )


def rebased(result: CheckResult, root: Path) -> CheckResult:
    """`result` with every file name relative to `root` (see `relative`)."""
    names: dict[str, str] = {}

    def name(file: str) -> str:
        if file not in names:
            names[file] = relative(file, root)
        return names[file]

    places = {f.location.file for f in result.findings}
    places.update(q.finding.location.file for q in result.suppressed)
    places.update(r.file for r in result.files)
    if all(name(file) == file for file in places):
        return result  # a run from the root: every name stays as it is

    def finding(f: Finding) -> Finding:
        # Most names stay as they are (a run from the root): then the finding is kept, and a
        # new one is built directly (`replace` costs ten times as much, for 100,000s of them).
        loc = f.location
        file = name(loc.file)
        if file == loc.file:
            return f
        moved = Location(file, loc.line, loc.column, loc.path)
        return Finding(f.rule, f.severity, f.message, moved, f.case, f.milestone, f.private_message)

    return replace(
        result,
        files=tuple(
            r if name(r.file) == r.file else replace(r, file=name(r.file)) for r in result.files
        ),
        findings=tuple(finding(f) for f in result.findings),
        suppressed=tuple(replace(q, finding=finding(q.finding)) for q in result.suppressed),
    )
