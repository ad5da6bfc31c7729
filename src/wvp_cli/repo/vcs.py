"""Which files git says changed since a ref (`wvp check --changed-since REF`).

git runs with an argument list, never through a shell: the ref is whatever the user typed.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitProblem(Exception):
    """git is missing, this is not a repository, or the ref does not exist (Dutch message)."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, env=env, timeout=120
        )
    except FileNotFoundError:
        raise GitProblem("--changed-since heeft git nodig, en git is niet gevonden") from None
    except subprocess.TimeoutExpired:
        raise GitProblem("git gaf binnen twee minuten geen antwoord") from None


def changed_files(ref: str, start: Path) -> set[Path]:
    """Resolved paths of the files changed since `ref` (committed, staged or not) plus the
    untracked files that are not ignored, in the git repository that holds `start`. Since
    `ref` means since where this branch left `ref`: a pull request's own changes, also after
    the branch it goes into moved on."""
    here = start if start.is_dir() else start.parent
    if not here.exists():
        here = Path(".")
    top = _git(["rev-parse", "--show-toplevel"], here)
    if top.returncode != 0:
        raise GitProblem(f"--changed-since werkt alleen in een git-repository; {here} is er geen")
    root = Path(os.fsdecode(top.stdout.strip()))
    if ref.startswith("-") or not ref.strip():
        raise GitProblem(f"onbekende git-referentie '{ref}'")
    verify = _git(
        ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], root
    )
    if verify.returncode != 0:
        raise GitProblem(
            f"onbekende git-referentie '{ref}' (geen commit, branch of tag in deze repository)"
        )
    commit = os.fsdecode(verify.stdout.strip())
    # From where this branch and `ref` parted (git's `ref...HEAD`): what `ref` gained since
    # then is not a change of this branch. Without a HEAD (no commit yet), `ref` itself.
    base = _git(["merge-base", "--end-of-options", commit, "HEAD"], root)
    if base.returncode == 0 and base.stdout.strip():
        commit = os.fsdecode(base.stdout.strip())
    diff = _git(["diff", "--name-only", "-z", "--no-renames", commit, "--"], root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name", "-z"], root)
    for done in (diff, untracked):
        if done.returncode != 0:
            reason = os.fsdecode(done.stderr).strip().splitlines()
            raise GitProblem(f"git: {reason[-1] if reason else 'onbekende fout'}")
    names = [*diff.stdout.split(b"\0"), *untracked.stdout.split(b"\0")]
    return {Path(os.path.realpath(root / os.fsdecode(name))) for name in names if name}
