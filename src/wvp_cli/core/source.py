"""What loading a case file gives: the codes of the file and format rules, the source map
(YAML path -> line and column) and the loaded file itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wvp_cli.core.findings import Finding, Location, Severity, YamlPath
from wvp_cli.core.model import Case

#: The codes of the file and format rules (WVP0xx); documented in rules/format.py.
UNREADABLE = "WVP001"
TOO_LARGE = "WVP002"
NOT_TEXT = "WVP003"
SYNTAX = "WVP004"
NOT_A_MAPPING = "WVP005"
DUPLICATE_KEY = "WVP006"
ALIAS = "WVP007"
TAG = "WVP008"
TOO_DEEP = "WVP009"
UNKNOWN_KEY = "WVP010"
MISSING = "WVP011"
WRONG_TYPE = "WVP012"
BAD_DATE = "WVP013"
VERSION = "WVP014"
BAD_VALUE = "WVP015"
UNKNOWN_EVENT = "WVP016"


@dataclass(frozen=True)
class SourceMap:
    """Where every node of one file stands: YAML path -> (line, column), both 1-based."""

    file: str
    values: Mapping[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: Mapping[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: YamlPath, *, key: bool = False) -> Location:
        """The position of the node at `path` (its key with `key=True`), or its nearest ancestor."""
        probe = tuple(path)
        while True:
            pos = (self.keys.get(probe) if key else None) or self.values.get(probe)
            if pos is not None:
                return Location(self.file, pos[0], pos[1], tuple(path))
            if not probe:
                return Location(self.file, 1, 1, tuple(path))
            probe = probe[:-1]


@dataclass(frozen=True)
class LoadedFile:
    """The result of loading one file: the case when it is valid, and every finding."""

    file: str
    source: SourceMap
    findings: tuple[Finding, ...] = ()
    case: Case | None = None
    data: Any = None
    is_case: bool = True
    #: The decoded text, for rules that need exact columns inside a value (privacy) or must
    #: look at a file the YAML parser could not read.
    text: str = ""

    @property
    def case_id(self) -> str | None:
        if self.case is not None:
            return self.case.id
        if isinstance(self.data, dict) and isinstance(self.data.get("id"), str):
            return str(self.data["id"])
        return None


def format_error(
    code: str, message: str, loc: Location, case_id: str | None = None, milestone: str | None = None
) -> Finding:
    """A finding of a file or format rule (always an error)."""
    return Finding(code, Severity.ERROR, message, loc, case_id, milestone)
