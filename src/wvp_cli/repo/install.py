"""Where wvp comes from: the install spec that `wvp init` writes into the workflow and the
pre-commit configuration of a dossier repository.

A workflow that installs a name nobody owns runs whatever the first uploader of that name put
there, next to the dossiers. So the spec is where the running wvp really came from (PEP 610:
the `direct_url.json` that pip writes next to an installed distribution): a git repository at
the exact commit, a wheel at its URL, or the index it was installed from at the exact version.
`wvp init --install SPEC` chooses another (an internal index, a wheel in the repository).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: The name of wvp's distribution (the command is `wvp`, the import package `wvp_cli`). Not
#: `wvp`: that short name on the public index is not this project's.
DISTRIBUTION = "wvp-poortwachter"

# What a spec may hold: what pip reads in a requirement, a URL or a path; no quotes, no
# whitespace, nothing a shell or YAML would read as syntax.
_SAFE = re.compile(r"[A-Za-z0-9._+\-=<>!~@:/#%,\[\]]+")


class SpecProblem(ValueError):
    """A spec that cannot be written into a workflow (exit code 2)."""


@dataclass(frozen=True)
class InstallSpec:
    """What `pip install` gets in CI, and for a git spec the repository and revision that a
    pre-commit configuration names (pre-commit installs the hook from there itself)."""

    pip: str
    git_url: str | None = None
    git_rev: str | None = None

    @property
    def is_remote_git(self) -> bool:
        return self.git_url is not None and self.git_rev is not None


def parse(spec: str) -> InstallSpec:
    """A spec as typed after `--install`: `git+URL@REV`, `NAME==VERSION` (or any requirement
    pip reads), a URL, or a path to a wheel (relative to the repository root)."""
    spec = spec.strip()
    if not spec:
        raise SpecProblem("--install mag niet leeg zijn")
    if not _SAFE.fullmatch(spec):
        raise SpecProblem(
            f"--install '{spec}' bevat tekens die niet in een installatieregel horen "
            "(spaties, aanhalingstekens, ; | & $ of regeleinden)"
        )
    if spec.startswith(f"{DISTRIBUTION}@"):
        spec = spec.removeprefix(f"{DISTRIBUTION}@")
    if spec.startswith("git+"):
        url, at, rev = spec.removeprefix("git+").rpartition("@")
        if not at or not rev or "/" in rev or "#" in spec or "://" not in url:
            raise SpecProblem(
                f"--install '{spec}' noemt geen vaste versie: schrijf git+URL@COMMIT of "
                "git+URL@TAG, zodat elke CI-run hetzelfde installeert"
            )
        return InstallSpec(f"{DISTRIBUTION} @ {spec}", url, rev)
    return InstallSpec(spec)


def from_direct_url(text: str | None, version: str) -> tuple[InstallSpec | None, str]:
    """The spec a PEP 610 `direct_url.json` points at (None: installed from an index, or from a
    place CI cannot reach), and how it was found, for the user."""
    if text is None:
        return (
            InstallSpec(f"{DISTRIBUTION}=={version}"),
            f"geïnstalleerd uit een pakketindex: {DISTRIBUTION}=={version}",
        )
    try:
        info = json.loads(text)
        url = str(info["url"])
    except (ValueError, KeyError, TypeError):
        return None, "direct_url.json van deze installatie is onleesbaar"
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return parse(f"git+{url}@{vcs['commit_id']}"), f"geïnstalleerd uit git: {url}"
    archive = info.get("archive_info")
    if isinstance(archive, dict) and url.startswith("https://"):
        hashes = archive.get("hashes") or {}
        fragment = (
            f"#sha256={hashes['sha256']}"
            if isinstance(hashes, dict) and hashes.get("sha256")
            else ""
        )
        return parse(f"{DISTRIBUTION}@{url}{fragment}"), f"geïnstalleerd van {url}"
    if isinstance(info.get("dir_info"), dict) and url.startswith("file://"):
        folder = Path(unquote(urlsplit(url).path))
        found = _git_checkout(folder)
        if found is not None:
            return found
        return None, f"geïnstalleerd uit de map {folder}, die CI niet kan bereiken"
    return None, f"geïnstalleerd van {url}, dat CI niet kan bereiken"


def _git_checkout(folder: Path) -> tuple[InstallSpec, str] | None:
    """A local checkout with a remote `origin`: that repository at the commit checked out."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(folder), *args],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None

    remote = git("remote", "get-url", "origin")
    commit = git("rev-parse", "HEAD")
    if remote is None or commit is None or not remote.startswith(("https://", "ssh://")):
        return None
    return parse(f"git+{remote}@{commit}"), f"een git-checkout van {remote} op commit {commit}"


def default(version: str) -> tuple[InstallSpec | None, str]:
    """The spec of the running wvp, from its distribution's metadata (see `from_direct_url`)."""
    from importlib import metadata

    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None, f"{DISTRIBUTION} is niet als pakket geïnstalleerd"
    return from_direct_url(dist.read_text("direct_url.json"), dist.version or version)
