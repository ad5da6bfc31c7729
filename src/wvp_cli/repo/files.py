"""Finding case files in folders. Writing files safely (a temp file in the same folder, then
an atomic rename) is `wvp_cli.atomic`; `write_atomic` is importable from here too.

wvp never modifies a case file unless asked to; everything it writes goes through here.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

# Writing lives in wvp_cli.atomic (a leaf every layer may use); here for the callers of old.
from wvp_cli.atomic import WriteRefused as WriteRefused
from wvp_cli.atomic import write_atomic as write_atomic


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let the loader say why it cannot be read


class Exclusions:
    """What a walk leaves out: `exclude` patterns with the semantics of .gitignore, each set
    relative to its own folder (the configuration's folder, or the working folder for
    `--exclude`), and, when `gitignore`, the `.gitignore` files from the top of the git
    repository (or the walked folder, outside one) down to each file."""

    def __init__(
        self, patterns: Sequence[tuple[Path, Sequence[str]]] = (), *, gitignore: bool = True
    ) -> None:
        self._specs = [
            (Path(os.path.realpath(base)), _spec(lines)) for base, lines in patterns if lines
        ]
        self.gitignore = gitignore
        self._ignores: dict[Path, _Patterns | None] = {}
        self._tops: dict[Path, Path | None] = {}
        self._rules: dict[tuple[str, Path | None], list[tuple[_Patterns, str]]] = {}

    def __bool__(self) -> bool:
        return bool(self._specs) or self.gitignore

    def excluded(self, path: str | Path, is_dir: bool, walked: Path | None = None) -> bool:
        """Whether `path` (a file, or a folder when `is_dir`) is left out. `walked`: the folder
        the walk started in (the highest place a .gitignore is read when not in git)."""
        folder, name = os.path.split(os.fspath(path))
        rules = self.rules(folder, walked)
        if not rules:
            return False
        suffix = "/" if is_dir else ""
        return any(spec.matches(f"{prefix}{name}{suffix}") for spec, prefix in rules)

    def rules(self, folder: str, walked: Path | None) -> list[tuple[_Patterns, str]]:
        """The patterns that can leave out what `folder` holds (worked out once per folder)."""
        rules = self._rules.get((folder, walked))
        if rules is None:
            rules = self._rules[(folder, walked)] = self._rules_of(folder, walked)
        return rules

    def _rules_of(self, folder: str, walked: Path | None) -> list[tuple[_Patterns, str]]:
        """The patterns that can leave out a file of `folder`, each with the path of the folder
        relative to the patterns' own folder ("" for an `exclude` pattern of a folder that is
        not below its base: then only a pattern without a folder part can match its name)."""
        real = Path(os.path.realpath(folder or "."))
        rules: list[tuple[_Patterns, str]] = []
        for base, spec in self._specs:
            inside = real.is_relative_to(base)
            rel = real.relative_to(base).as_posix() if inside else ""
            rules.append((spec, "" if rel in ("", ".") else rel + "/"))
        if self.gitignore:
            for top in self._folders(real, walked):
                ignore = self._ignore_of(top)
                if ignore is not None:
                    rel = real.relative_to(top).as_posix()
                    rules.append((ignore, "" if rel == "." else rel + "/"))
        return rules

    def _folders(self, folder: Path, walked: Path | None) -> list[Path]:
        top = self._top(folder)
        if top is None:
            top = Path(os.path.realpath(walked)) if walked is not None else folder
        if not folder.is_relative_to(top):
            return []
        chain = [folder]
        while chain[-1] != top and chain[-1] != chain[-1].parent:
            chain.append(chain[-1].parent)
        return chain[::-1]

    def _top(self, folder: Path) -> Path | None:
        """The top of the git work tree that holds `folder`, if any."""
        if folder not in self._tops:
            here: Path | None = folder
            while here is not None and not (here / ".git").exists():
                here = None if here.parent == here else here.parent
            self._tops[folder] = here
        return self._tops[folder]

    def _ignore_of(self, folder: Path) -> _Patterns | None:
        if folder not in self._ignores:
            try:
                text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
            except OSError:
                self._ignores[folder] = None
            else:
                self._ignores[folder] = _spec(text.splitlines())
        return self._ignores[folder]


class _Patterns:
    """The patterns of one .gitignore or `exclude`, matched against a relative posix path (a
    folder's with a trailing "/"). Patterns without `!` are one regular expression: a walk asks
    this for every file."""

    def __init__(self, lines: Sequence[str]) -> None:
        import re

        from pathspec import GitIgnoreSpec

        self._spec = GitIgnoreSpec.from_lines(lines)
        patterns = [p for p in self._spec.patterns if getattr(p, "include", None) is not None]
        self._one: re.Pattern[str] | None = None
        if patterns and all(getattr(p, "include", False) for p in patterns):
            parts = [
                getattr(p, "regex").pattern.replace("(?P<ps_d>", "(?:")  # noqa: B009
                for p in patterns
            ]
            self._one = re.compile("|".join(f"(?:{part})" for part in parts))
        self.empty = not patterns

    def matches(self, path: str) -> bool:
        if self._one is not None:
            return self._one.match(path) is not None
        return not self.empty and self._spec.match_file(path)


def _spec(lines: Sequence[str]) -> _Patterns:
    return _Patterns(lines)


def discover(
    paths: Sequence[Path],
    *,
    follow_links: bool = False,
    exclusions: Exclusions | None = None,
) -> Iterator[tuple[Path, bool]]:
    """Yield (file, named) for every case file under `paths`: the named files themselves and,
    in named folders, every regular `*.yaml`/`*.yml` file outside hidden folders and outside
    what `exclusions` leave out (an excluded folder is not entered), in a stable order (a file
    you name is read whatever it is, so `<(...)` and /dev/stdin work).
    Paths that do not exist raise FileNotFoundError (the CLI turns that into exit code 2)."""
    skip = exclusions if exclusions else None
    for path in paths:
        if not os.path.lexists(path):
            raise FileNotFoundError(str(path))
        if path.is_dir():
            found: list[str] = []
            _walk(os.fspath(path), path, follow_links, skip, found)
            # The order of Paths (by their parts), on strings: a tenth of the cost.
            found.sort(key=lambda name: os.path.normcase(name).split(os.sep))
            yield from ((Path(f), False) for f in found)
        else:
            yield path, True


def _walk(
    top: str, base: Path, follow_links: bool, skip: Exclusions | None, found: list[str]
) -> None:
    """Add every case file under the folder `top` to `found` (what `os.walk` gives, with
    `os.scandir`'s entries: no `stat` per file, as the folder listing tells what each is)."""
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        return  # as os.walk: a folder that cannot be read is left out
    check = skip is not None and bool(skip.rules(top, base))
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            full = os.path.join(top, name)
            if skip is not None and skip.excluded(full, True, base):
                continue
            if follow_links or not entry.is_symlink():
                _walk(full, base, follow_links, skip, found)
            continue
        if not name.endswith((".yaml", ".yml")):
            continue
        full = os.path.join(top, name)
        if check and skip is not None and skip.excluded(full, False, base):
            continue
        if entry.is_symlink():
            if not follow_links or not _regular(Path(full)):
                continue
        else:
            try:
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = True  # let the loader say why it cannot be read
            if not regular:
                continue  # a FIFO or device named *.yaml would block the read
        found.append(full)
