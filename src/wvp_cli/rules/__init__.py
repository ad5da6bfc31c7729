"""The rule registry.

Every rule is a small generator registered with a stable code, a slug, a one-line Dutch title,
a default severity and its legal source. Its docstring is its documentation (`wvp rules CODE`).
Codes are never renumbered or reused. Ranges: WVP0xx file and format, WVP1xx first sick year,
WVP2xx second year and WIA, WVP3xx document content, WVP4xx privacy.

Four kinds of rule:
- `case` rules look at one valid case: `check(case, ctx) -> Iterator[Finding]`;
- `file` rules look at the plain data of every loaded file, valid or not (privacy must hold
  for a file with a typo too): `check(loaded, ctx) -> Iterator[Finding]` with a `RepoContext`;
- `repo` rules look at the results of every file at once (`engine.FileResult`: its case id and
  where the id stands): `check(results, ctx) -> Iterator[Finding]`;
- `load` rules are checked by the loader itself while reading (WVP001-WVP016); they are
  registered here for their documentation and so that configuration can select them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from wvp_cli.core.findings import Finding, Location, Severity, YamlPath

if TYPE_CHECKING:
    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.loader import SourceMap

Scope = Literal["case", "file", "repo", "load"]


@dataclass(frozen=True)
class Context:
    """What a case rule may look at besides the case: where things are, the date, the clock."""

    file: str
    source: SourceMap
    as_of: dt.date
    timeline: Timeline
    options: dict[str, Any] = field(default_factory=dict)

    def at(self, path: YamlPath, *, key: bool = False) -> Location:
        return self.source.locate(path, key=key)

    def event_path(self, index: int | None) -> YamlPath:
        """The YAML path of event `index`, or of the `events:` key when there is none."""
        return ("events",) if index is None else ("events", index)


@dataclass(frozen=True)
class RepoContext:
    as_of: dt.date
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    code: str
    slug: str
    title: str
    severity: Severity
    source: str
    scope: Scope
    check: Callable[..., Iterator[Finding]] | None

    @property
    def doc(self) -> str:
        if self.check is None:
            return LOAD_DOCS.get(self.code, "")
        import inspect  # here, not at the top: a run served from the cache needs no docs

        return inspect.getdoc(self.check) or ""

    def finding(
        self,
        message: str,
        location: Location,
        *,
        case: str | None = None,
        milestone: str | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        return Finding(self.code, severity or self.severity, message, location, case, milestone)


REGISTRY: dict[str, Rule] = {}
#: Documentation of the rules the loader checks (they have no function of their own).
LOAD_DOCS: dict[str, str] = {}


def register(rule: Rule) -> None:
    if rule.code in REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    if any(r.slug == rule.slug for r in REGISTRY.values()):
        raise ValueError(f"rule slug {rule.slug} registered twice")
    REGISTRY[rule.code] = rule


def rule(
    code: str, slug: str, title: str, severity: Severity, source: str, *, scope: Scope = "case"
) -> Callable[[Callable[..., Iterator[Finding]]], Callable[..., Iterator[Finding]]]:
    """Register a rule function under a stable code."""

    def decorate(func: Callable[..., Iterator[Finding]]) -> Callable[..., Iterator[Finding]]:
        register(Rule(code, slug, title, severity, source, scope, func))
        return func

    return decorate


def load_rule(code: str, slug: str, title: str, source: str, doc: str) -> None:
    """Register a rule that the loader checks, with its documentation."""
    register(Rule(code, slug, title, Severity.ERROR, source, "load", None))
    import inspect

    LOAD_DOCS[code] = inspect.cleandoc(doc)


#: The modules that hold rules; importing them registers their rules. The rules that span the
#: repository live in a module of their own, which imports neither the model nor the clock: they
#: run on every check, also one served from the cache.
REPO_RULE_MODULE = "repository"
RULE_MODULES: Sequence[str] = (
    "format",
    REPO_RULE_MODULE,
    "consistency",
    "deadlines",
    "content",
    "riv",
    "tweede_spoor",
    "course",
    "signals",
    "privacy",
)


def all_rules() -> dict[str, Rule]:
    """Every registered rule, by code, in code order."""
    for name in RULE_MODULES:
        importlib.import_module(f"{__name__}.{name}")
    return dict(sorted(REGISTRY.items()))


def repo_rules() -> list[Rule]:
    """The rules that span the repository (scope `repo`), in code order."""
    importlib.import_module(f"{__name__}.{REPO_RULE_MODULE}")
    return [r for _, r in sorted(REGISTRY.items()) if r.scope == "repo"]
