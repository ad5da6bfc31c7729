"""Findings are values: what is wrong, where, how bad, and which rule says so."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

YamlPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based position in a file, and the YAML path of the node it belongs to."""

    file: str
    line: int = 1
    column: int = 1
    path: YamlPath = ()

    @property
    def dotted(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    location: Location
    case: str | None = None
    milestone: str | None = None
    #: The message with sensitive text in full, for a person at a terminal only. `message`
    #: itself is what machine output (json, github, sarif, junit) and CI logs get: there a
    #: privacy rule masks what it flags (AP-beleidsregels De zieke werknemer).
    private_message: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.message)
