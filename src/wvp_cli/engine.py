"""Case + clock + rules -> sorted findings. Pure: the date is a parameter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from . import clock
from .findings import Finding, Severity
from .loader import LoadedFile
from .rules import Context, RepoContext, Rule, all_rules


@dataclass(frozen=True)
class Settings:
    """Which rules run and how severe they are. `select`/`ignore` take codes or prefixes
    (`WVP4` is every privacy rule); empty `select` means every rule."""

    select: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(s) for s in self.select):
            return False
        return not any(code.startswith(i) for i in self.ignore)

    def apply(self, finding: Finding) -> Finding | None:
        if not self.enabled(finding.rule):
            return None
        override = self.severity.get(finding.rule)
        return replace(finding, severity=override) if override else finding


@dataclass(frozen=True)
class CheckResult:
    as_of: dt.date
    files: tuple[LoadedFile, ...]
    findings: tuple[Finding, ...]

    @property
    def files_checked(self) -> int:
        return len(self.files)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def restricted_to(self, files: set[str]) -> CheckResult:
        """Only these files and their findings, plus every finding of a rule that spans the
        repository (a duplicate id may land on a file outside the set). For `--changed-since`:
        every file was checked, so that those rules saw them all."""
        rules = all_rules()
        return replace(
            self,
            files=tuple(f for f in self.files if f.file in files),
            findings=tuple(
                f
                for f in self.findings
                if f.location.file in files or (f.rule in rules and rules[f.rule].scope == "repo")
            ),
        )


def _internal_error(rule: Rule, exc: Exception, loaded: LoadedFile) -> Finding:
    return rule.finding(
        f"interne fout in regel {rule.code} ({type(exc).__name__}: {exc}); dit is een fout in "
        "wvp, niet in het dossier: meld het met dit bestand zonder persoonsgegevens",
        loaded.source.locate(()),
        case=loaded.case_id,
        severity=Severity.ERROR,
    )


def _redacted(finding: Finding, settings: Settings) -> Finding:
    """Mask medical terms that a finding quotes from the file (AP-beleidsregels De zieke
    werknemer): machine output and CI logs get the masked `message`, a terminal the full text."""
    if finding.private_message is not None or not settings.enabled("WVP401"):
        return finding
    from .rules.privacy import redact

    masked = redact(finding.message, settings.options)
    if masked == finding.message:
        return finding
    return replace(finding, message=masked, private_message=finding.message)


def case_findings(
    loaded: LoadedFile, as_of: dt.date, rules: Iterable[Rule], settings: Settings
) -> list[Finding]:
    """Every finding of one loaded file: the loader's, then each case rule's."""
    found = list(loaded.findings)
    file_ctx = RepoContext(as_of, dict(settings.options))
    for rule in rules:
        if rule.scope == "file" and rule.check is not None and settings.enabled(rule.code):
            try:
                found.extend(rule.check(loaded, file_ctx))
            except Exception as exc:  # a bug in a rule must not hide the other findings
                found.append(_internal_error(rule, exc, loaded))
    case = loaded.case
    if case is not None:
        ctx = Context(
            loaded.file, loaded.source, as_of, clock.compute(case, as_of), dict(settings.options)
        )
        for rule in rules:
            if rule.scope != "case" or rule.check is None or not settings.enabled(rule.code):
                continue
            try:
                found.extend(rule.check(case, ctx))
            except Exception as exc:  # a bug in a rule must not hide the other findings
                found.append(_internal_error(rule, exc, loaded))
    return found


def check(
    files: Sequence[LoadedFile], as_of: dt.date, settings: Settings | None = None
) -> CheckResult:
    """Run every enabled rule on every case file and return the findings, sorted."""
    settings = settings or Settings()
    rules = list(all_rules().values())
    cases = tuple(f for f in files if f.is_case)
    found: list[Finding] = []
    for loaded in cases:
        found.extend(case_findings(loaded, as_of, rules, settings))
    repo_ctx = RepoContext(as_of, dict(settings.options))
    for rule in rules:
        if rule.scope == "repo" and rule.check is not None and settings.enabled(rule.code):
            found.extend(rule.check(cases, repo_ctx))
    kept = [f for f in (settings.apply(_redacted(f, settings)) for f in found) if f is not None]
    kept.sort(key=Finding.sort_key)
    return CheckResult(as_of, cases, tuple(kept))
