"""Settings: which rules run, the level of each kind of their problems, and their options.

The configuration (`repo/config.py`) makes them from `wvp.toml` and the command line; the engine
reads them. Plain data: no imports of the rules, the engine or the configuration.

Select and ignore follow flake8's decision: a code is judged by the longest entry of `select` and
of `ignore` that it starts with; the longer one wins, an exact code is the longest there is, and
a tie is ignored (`select = ["WVP401"]`, `ignore = ["WVP4"]` runs WVP401 only of the privacy
rules). An empty `select` selects every rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Generic, Protocol, TypeVar

from wvp_cli.core.findings import Finding, Severity

#: The name of a rule's one kind of problem, when it does not name it otherwise.
DEFAULT_KIND = "default"

T = TypeVar("T", int, str, bool)


@dataclass(frozen=True)
class Option(Generic[T]):
    """An option a rule declares: `[rules.CODE] name = value` in the configuration, validated
    against its type and bounds before any file is checked."""

    name: str
    type: type[T]
    default: T
    doc: str
    min: int | None = None
    max: int | None = None

    def read(self, options: Mapping[str, Any]) -> T:
        """The configured value, or the default."""
        value = options.get(self.name, self.default)
        if type(value) is not self.type:  # bool is no int here
            return self.default
        return value

    def problem(self, value: object) -> str | None:
        """Why `value` cannot be this option's value (Dutch), or None when it can."""
        words = {int: "een geheel getal", str: "een tekst", bool: "true of false"}
        if type(value) is not self.type:
            return f"moet {words[self.type]} zijn, niet {value!r}"
        if isinstance(value, int) and not isinstance(value, bool):
            if self.min is not None and value < self.min:
                return f"moet ten minste {self.min} zijn, niet {value}"
            if self.max is not None and value > self.max:
                return f"mag hoogstens {self.max} zijn, niet {value}"
        return None


class Leveled(Protocol):
    """What the settings need of a rule to give the level of one kind of its problems."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def kind(self) -> str: ...
    @property
    def kinds(self) -> Mapping[str, Severity]: ...


@dataclass(frozen=True)
class Settings:
    """Which rules run and how severe they are. `select`/`ignore` take codes or prefixes
    (`WVP4` is every privacy rule). `severity` maps a code to the level of the rule's default
    kind of problem, and `CODE.kind` to the level of one kind. `options` holds the rules'
    options by name (and the privacy word lists)."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    #: The decision for each code asked so far (a run asks it for every finding).
    _decided: dict[str, bool] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def enabled(self, code: str) -> bool:
        decided = self._decided.get(code)
        if decided is None:
            decided = self._decided[code] = self._decide(code)
        return decided

    def _decide(self, code: str) -> bool:
        selected = max((len(s) for s in self.select if code.startswith(s)), default=-1)
        if not self.select:
            selected = 0
        ignored = max((len(i) for i in self.ignore if code.startswith(i)), default=-1)
        return selected >= 0 and selected > ignored

    def level(self, rule: Leveled, kind: str | None = None) -> Severity:
        """The level of a kind of problem of `rule` (None: its default kind)."""
        if kind is None or kind == rule.kind:
            named = self.severity.get(f"{rule.code}.{rule.kind}")
            return named or self.severity.get(rule.code, rule.severity)
        return self.severity.get(f"{rule.code}.{kind}") or rule.kinds[kind]

    def apply(self, finding: Finding) -> Finding | None:
        """A finding of the loader (one kind per code) with the configured level, or None when
        its rule is not enabled."""
        if not self.enabled(finding.rule):
            return None
        override = self.severity.get(f"{finding.rule}.{DEFAULT_KIND}") or self.severity.get(
            finding.rule
        )
        return replace(finding, severity=override) if override else finding
