"""The repository as the language server holds it: one result per case file, from the disk or
from the editor's text where the file is open, and the findings of `wvp check` over them all.

Each file's result is made as `wvp check` makes it (`engine.file_result` on what the loader
makes of the bytes, with the settings of wvp.toml), and the rules that span the repository run
over every result after each change (`engine.finish`): an id typed twice shows in both editors
at once, and goes when one is changed. Pure apart from reading the files: the peildatum is given.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding

if TYPE_CHECKING:
    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.core.results import FileResult
    from wvp_cli.core.settings import Settings
    from wvp_cli.repo.config import Config
    from wvp_cli.rules import Rule


@dataclass
class Document:
    """A file open in the editor: its text and version, and what wvp makes of that text."""

    name: str
    text: str
    version: int | None = None
    loaded: LoadedFile | None = None
    result: FileResult | None = None
    _timeline: tuple[Timeline | None] | None = field(default=None, repr=False)

    @property
    def stale(self) -> bool:
        return self.loaded is None

    def timeline(self, as_of: dt.date) -> Timeline | None:
        """The clock of the case at `as_of` (None while the text is no valid case)."""
        if self._timeline is None:
            case = self.loaded.case if self.loaded is not None else None
            if case is None:
                self._timeline = (None,)
            else:
                from wvp_cli.core import clock

                self._timeline = (clock.compute(case, as_of),)
        return self._timeline[0]


class Repository:
    """The case files under `root` (named as `wvp check` run in `root` names them)."""

    def __init__(self, root: Path, as_of: dt.date, config: Config) -> None:
        from wvp_cli.rules import all_rules

        self.root = root
        self.as_of = as_of
        self.config = config
        self.rules: tuple[Rule, ...] = tuple(all_rules().values())
        #: The result of every case file, by name: from the disk, or an open document's text.
        self.results: dict[str, FileResult] = {}
        self.documents: dict[str, Document] = {}
        #: The names of `results` in the order of `wvp check` (the first of two files with one
        #: id is the one WVP020 leaves alone), kept until a file comes or goes.
        self._order: list[str] | None = None
        self._disk_names: dict[str, tuple[set[str], set[str]]] | None = None

    @cached_property
    def settings(self) -> Settings:
        return self.config.settings()

    # --- names ------------------------------------------------------------------------------

    def name_of(self, path: Path) -> str:
        """The name `wvp check` gives the file at `path` when run in `root`: relative to it,
        or the path itself outside it."""
        base = os.path.abspath(self.root)
        full = os.path.abspath(path)
        if full == base or not full.startswith(base.rstrip(os.sep) + os.sep):
            return str(path)
        return str(Path(self.root, os.path.relpath(full, base)))

    def excluded(self, name: str) -> bool:
        from wvp_cli.app import excluded

        patterns = self.config.exclude
        if not patterns:
            return False
        root = self.config.root
        base = Path(os.path.realpath(root)) if root is not None else None
        return excluded(Path(name), patterns, base)

    # --- the files --------------------------------------------------------------------------

    def scan(self) -> None:
        """Every case file under `root` from the disk (through the cache of `wvp check`)."""
        from wvp_cli.app import scan_paths
        from wvp_cli.repo.scan import Task

        task = Task(self.as_of, self.settings, max_bytes=self.config.max_file_size)
        found = scan_paths([self.root], task, self.config.exclude, root=self.config.root)
        self.results = {r.file: r for r in found}
        self._order = None
        self._disk_names = None
        for document in self.documents.values():
            document.loaded = None

    def set_date(self, as_of: dt.date) -> bool:
        """A new peildatum makes every result anew; True when it changed."""
        if as_of == self.as_of:
            return False
        self.as_of = as_of
        self.scan()
        return True

    def set_config(self, config: Config) -> None:
        self.config = config
        self.__dict__.pop("settings", None)
        self.scan()

    def open(self, name: str, text: str, version: int | None = None) -> Document:
        document = Document(name, text, version)
        self.documents[name] = document
        return document

    def change(self, name: str, text: str, version: int | None = None) -> Document:
        document = self.documents.get(name)
        if document is None:
            return self.open(name, text, version)
        document.text, document.version = text, version
        document.loaded, document.result, document._timeline = None, None, None
        return document

    def close(self, name: str) -> None:
        """The editor let go of the file: what is on the disk counts again."""
        self.documents.pop(name, None)
        self.reload(name)

    def reload(self, name: str) -> None:
        """The file changed on the disk (or was removed); an open document keeps its text."""
        if name in self.documents:
            return
        from wvp_cli.core.loader import read_file

        if not os.path.isfile(name) or self.excluded(name):
            self._drop(name)
        else:
            limit = self.config.max_file_size
            loaded = read_file(Path(name), name, require_case=False, max_bytes=limit)
            self._keep(name, self._result(loaded))
        if self._disk_names is not None:
            self._disk_names.pop(name, None)
            self._disk_names.update(_names_in_file(name))

    def document(self, name: str) -> Document | None:
        """The open document, its text loaded and checked."""
        document = self.documents.get(name)
        if document is not None and document.stale:
            self._analyze(document)
        return document

    def refresh(self) -> None:
        """Load and check every open document whose text changed."""
        for document in self.documents.values():
            if document.stale:
                self._analyze(document)

    def _analyze(self, document: Document) -> None:
        from wvp_cli.core.loader import load_bytes, too_large

        raw = document.text.encode("utf-8", "surrogatepass")
        limit = self.config.max_file_size
        if len(raw) > limit:
            loaded = too_large(document.name, limit)
        else:
            loaded = load_bytes(raw, document.name, require_case=False)
        document.loaded, document._timeline = loaded, None
        document.result = self._result(loaded)
        if self.excluded(document.name):
            self._drop(document.name)
        else:
            self._keep(document.name, document.result)

    def _result(self, loaded: LoadedFile) -> FileResult:
        from wvp_cli.engine import file_result

        return file_result(loaded, self.as_of, self.settings, rules=self.rules)

    def _keep(self, name: str, result: FileResult) -> None:
        if not result.is_case:
            self._drop(name)
            return
        if name not in self.results:
            self._order = None
        self.results[name] = result

    def _drop(self, name: str) -> None:
        if self.results.pop(name, None) is not None:
            self._order = None

    # --- the findings -----------------------------------------------------------------------

    def findings(self) -> dict[str, list[Finding]]:
        """The findings of `wvp check` over the whole repository, by file, sorted."""
        from wvp_cli.engine import finish

        self.refresh()
        if self._order is None:
            self._order = sorted(self.results, key=Path)
        ordered = [self.results[name] for name in self._order]
        by_file: dict[str, list[Finding]] = {}
        for finding in finish(ordered, self.as_of, self.settings).findings:
            by_file.setdefault(finding.location.file, []).append(finding)
        return by_file

    def spanning(self) -> frozenset[str]:
        """The codes of the rules that span the repository (a duplicated id)."""
        return frozenset(r.code for r in self.rules if r.scope == "repo")

    # --- names for completion -----------------------------------------------------------------

    def people(self) -> tuple[list[str], list[str]]:
        """The casemanagers and bedrijfsartsen named in the repository's case files (open
        documents as typed), each list sorted."""
        if self._disk_names is None:
            self._disk_names = {}
            for name in self.results:
                self._disk_names.update(_names_in_file(name))
        casemanagers: set[str] = set()
        doctors: set[str] = set()
        for name, (managers, arts) in self._disk_names.items():
            if name not in self.documents:
                casemanagers |= managers
                doctors |= arts
        for document in self.documents.values():
            managers, arts = names_in(document.text)
            casemanagers |= managers
            doctors |= arts
        return sorted(casemanagers), sorted(doctors)


_PERSON = re.compile(r"^[ \t-]*(casemanager|bedrijfsarts)[ \t]*:[ \t]*(\S.*)$", re.MULTILINE)


def names_in(text: str) -> tuple[set[str], set[str]]:
    """The values of the `casemanager` and `bedrijfsarts` keys of a text, however nested."""
    from wvp_cli.lsp.text import scalar

    managers: set[str] = set()
    doctors: set[str] = set()
    for match in _PERSON.finditer(text):
        value = scalar(match.group(2))
        if value and value not in ("null", "~") and not value.startswith(("[", "{", "|", ">")):
            (managers if match.group(1) == "casemanager" else doctors).add(value)
    return managers, doctors


def _names_in_file(name: str) -> dict[str, tuple[set[str], set[str]]]:
    try:
        with open(name, encoding="utf-8", errors="replace") as handle:
            return {name: names_in(handle.read())}
    except OSError:
        return {}
