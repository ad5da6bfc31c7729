"""The rule registry.

Every rule is a small generator registered with a stable code, a slug, a one-line Dutch title,
a default severity and its legal source. Its docstring is its documentation (`wvp rules CODE`).

A rule yields `Problem`s: what is wrong, where (a YAML path, or a `Location`), and which kind of
problem it is. It never builds a `Finding` itself: the engine stamps the rule's code and the level
that the configuration gives that kind (`[severity] WVP101 = "warning"` sets the rule's default
kind, `WVP101.late = "error"` one other kind), as yamllint stamps `problem.rule` and `level`.
A rule that reports several kinds declares them with their default levels (`kinds=`): a deadline
rule reports a missed milestone (`overdue`, its default kind), one done late (`late`) and one
covered by an agreed deviation (`waived`).
Codes are never renumbered or reused. Ranges: WVP0xx file and format, WVP1xx first sick year,
WVP2xx second year and WIA, WVP3xx document content, WVP4xx privacy.

Four scopes of rule:
- `case` rules look at one valid case: `check(case, ctx) -> Iterator[Problem]`;
- `file` rules look at the plain data of every loaded file, valid or not (privacy must hold
  for a file with a typo too): `check(loaded, ctx) -> Iterator[Problem]` with a `RepoContext`;
- `repo` rules look at the results of every file at once (`engine.FileResult`: its case id and
  where the id stands): `check(results, ctx) -> Iterator[Problem]`;
- `load` rules are checked by the loader itself while reading (WVP001-WVP016); they are
  registered here for their documentation and so that configuration can select them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from wvp_cli.core.findings import Location, Severity, YamlPath
from wvp_cli.core.settings import DEFAULT_KIND, Option

if TYPE_CHECKING:
    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.loader import SourceMap
    from wvp_cli.core.model import Case
    from wvp_cli.core.tweede_spoor import TweedeSpoorPhase

Scope = Literal["case", "file", "repo", "load"]


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule found: the message, where, and which kind of problem (None: the rule's
    default kind). `at` is a YAML path of the checked file (`key`: point at the key rather than
    its value) or a `Location`. `private_message` is the message with sensitive text in full
    (for a terminal only, see `Finding`); `case` names the case of a repository rule's problem."""

    message: str
    at: YamlPath | Location = ()
    key: bool = False
    kind: str | None = None
    milestone: str | None = None
    private_message: str | None = None
    case: str | None = None


@dataclass(frozen=True)
class Context:
    """What a case rule may look at besides the case: where things are, the date, the clock."""

    file: str
    source: SourceMap
    as_of: dt.date
    timeline: Timeline
    options: dict[str, Any] = field(default_factory=dict)
    case: Case | None = None
    #: The text of the file, for a rule's pre-filter (None: not at hand, look at the case).
    text: str | None = None

    @cached_property
    def tweede_spoor(self) -> TweedeSpoorPhase:
        """The tweede spoor of the case at `as_of`, worked out once for the rules that ask."""
        from wvp_cli.core.tweede_spoor import phase

        assert self.case is not None, "a case rule's context holds its case"
        return phase(self.case, self.timeline)

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
    check: Callable[..., Iterator[Problem]] | None
    #: The name of the default kind of problem (its level is `severity`), and the other kinds
    #: the rule reports with their default levels.
    kind: str = DEFAULT_KIND
    kinds: Mapping[str, Severity] = field(default_factory=dict)
    #: The options the rule reads (`[rules.CODE]` in the configuration), by name.
    options: Mapping[str, Option[Any]] = field(default_factory=dict)

    @property
    def levels(self) -> dict[str, Severity]:
        """Every kind of problem the rule reports, the default kind first, with its level."""
        return {self.kind: self.severity, **self.kinds}

    #: The Dutch documentation when it is written from data (the deadline table's rules);
    #: otherwise `rules/docs_nl.py` holds it by code.
    doc_nl: str | None = None

    @property
    def doc(self) -> str:
        """The documentation in Dutch: `wvp rules CODE`, docs/rules/, the LSP and SARIF."""
        if self.doc_nl is not None:
            return self.doc_nl
        from wvp_cli.rules.docs_nl import DOCS  # here: a run served from the cache needs none

        text = DOCS.get(self.code)
        return text.strip() + "\n" if text is not None else self.doc_en

    @property
    def doc_en(self) -> str:
        """The documentation in English (the rule's docstring): `wvp rules CODE --lang en`."""
        if self.check is None:
            return LOAD_DOCS.get(self.code, "")
        import inspect  # here, not at the top: a run served from the cache needs no docs

        return inspect.getdoc(self.check) or ""


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
    code: str,
    slug: str,
    title: str,
    severity: Severity,
    source: str,
    *,
    scope: Scope = "case",
    kind: str = DEFAULT_KIND,
    kinds: Mapping[str, Severity] | None = None,
    options: Sequence[Option[Any]] = (),
) -> Callable[[Callable[..., Iterator[Problem]]], Callable[..., Iterator[Problem]]]:
    """Register a rule function under a stable code: `severity` is the level of its default
    kind of problem (named `kind`), `kinds` the other kinds it reports with their levels,
    `options` what it reads from the configuration."""

    def decorate(func: Callable[..., Iterator[Problem]]) -> Callable[..., Iterator[Problem]]:
        declared = {o.name: o for o in options}
        register(
            Rule(
                code, slug, title, severity, source, scope, func, kind, dict(kinds or {}), declared
            )
        )
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
    "wia",
    "signals",
    "privacy",
    "suppress",
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
