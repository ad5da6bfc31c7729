"""Case + clock + rules -> sorted findings. Pure: the date is a parameter.

Checking is done per file (`file_result`), then once across the files (`finish`): a file's
result is small (its findings and, for the agenda, its due dates), so thousands of them can be
held at once, made in worker processes and kept in the cache (`scan`). This module imports the
clock and the rules' modules only when it checks a case, so that a run served from the cache
starts without them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from wvp_cli.core.findings import Finding, Location, Severity, YamlPath

# The values a check makes and the settings it takes, also importable from here.
from wvp_cli.core.results import AgendaItem as AgendaItem
from wvp_cli.core.results import CaseFacts as CaseFacts
from wvp_cli.core.results import FileResult as FileResult
from wvp_cli.core.results import Suppressed as Suppressed
from wvp_cli.core.settings import Settings as Settings
from wvp_cli.rules import Context, Problem, RepoContext, Rule, all_rules, repo_rules

if TYPE_CHECKING:
    from wvp_cli.core.agenda import Agenda, Filters
    from wvp_cli.core.clock import Timeline
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.core.model import Case
    from wvp_cli.core.portfolio import Row as PortfolioRow


def stamp(
    rule: Rule,
    problem: Problem,
    settings: Settings,
    locate: Callable[[YamlPath, bool], Location],
    case: str | None,
) -> Finding:
    """The finding of a rule's problem: the rule's code, the configured level of its kind, and
    the position of its YAML path."""
    at = problem.at
    location = at if isinstance(at, Location) else locate(at, problem.key)
    return Finding(
        rule.code,
        settings.level(rule, problem.kind),
        problem.message,
        location,
        problem.case if problem.case is not None else case,
        problem.milestone,
        problem.private_message,
    )


@dataclass(frozen=True)
class CheckResult:
    as_of: dt.date
    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...]
    #: Findings silenced in their files with a reason, in the order of the findings.
    suppressed: tuple[Suppressed, ...] = ()

    @property
    def files_checked(self) -> int:
        return len(self.files)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def restricted_to(self, files: set[str]) -> CheckResult:
        """Only these files and their findings, plus every finding of a rule that spans the
        repository (a duplicate id may land on a file outside the set). For `--changed-since`:
        every file was checked, so that those rules saw them all."""
        spanning = {rule.code for rule in repo_rules()}
        return replace(
            self,
            files=tuple(f for f in self.files if f.file in files),
            findings=tuple(
                f for f in self.findings if f.location.file in files or f.rule in spanning
            ),
            suppressed=tuple(s for s in self.suppressed if s.finding.location.file in files),
        )


def _internal_error(rule: Rule, exc: Exception, loaded: LoadedFile) -> Finding:
    return Finding(
        rule.code,
        Severity.ERROR,
        f"interne fout in regel {rule.code} ({type(exc).__name__}: {exc}); dit is een fout in "
        "wvp, niet in het dossier: meld het met dit bestand zonder persoonsgegevens",
        loaded.source.locate(()),
        loaded.case_id,
    )


def _redacted(
    finding: Finding, settings: Settings, masked: dict[str, str] | None = None
) -> Finding:
    """Mask what a finding quotes from the file that may be sensitive: medical and pregnancy
    terms and BSN-like numbers, in its message (a key, a path, a value a rule quotes) and its
    case id, whichever rule made it (AP-beleidsregels De zieke werknemer; UAVG art. 46).
    Machine output and CI logs get the masked `message`, a terminal the full text. `masked`
    remembers the masked form of texts seen before with these settings (a run's findings say
    the same few thousand things many times)."""
    from wvp_cli.privacy.matcher import redact

    def mask(text: str) -> str:
        if masked is None:
            return redact(text, settings.options)
        shown = masked.get(text)
        if shown is None:
            if len(masked) > _MASKED_KEPT:
                masked.clear()
            shown = masked[text] = redact(text, settings.options)
        return shown

    message = mask(finding.message)
    case = mask(finding.case) if finding.case else finding.case
    if message == finding.message and case == finding.case:
        return finding
    private = finding.private_message if finding.private_message is not None else finding.message
    return replace(finding, message=message, case=case, private_message=private)


#: Texts a Checker remembers the masked form of (then it starts afresh).
_MASKED_KEPT = 50_000


def settled(
    findings: Iterable[Finding], settings: Settings, masked: dict[str, str] | None = None
) -> list[Finding]:
    """The findings of enabled rules, masked for machine output (their levels are stamped);
    `masked`: see `_redacted` (a Checker's, made for these settings)."""
    kept = [f for f in findings if settings.enabled(f.rule)]
    if not _may_quote(kept, settings):
        return kept
    return [_redacted(f, settings, masked) for f in kept]


def _may_quote(findings: Sequence[Finding], settings: Settings) -> bool:
    """Whether any message or case id of `findings` may hold what `_redacted` masks: all of
    them at once, a line each, through the matchers' pre-filter (the letters of some term,
    anywhere) and the search for numbers (a line break ends one). They find in the lines what
    they find in one text, and most findings quote nothing, so most files are done in one
    pass."""
    if not findings:
        return False
    from wvp_cli.privacy.matcher import bsn_numbers, matchers

    lines = "\n".join(f"{f.message}\n{f.case}" if f.case else f.message for f in findings)
    medical, pregnancy = matchers(settings.options)
    return (
        medical.could_match(lines)
        or pregnancy.could_match(lines)
        or next(bsn_numbers(lines, loose=True), None) is not None
    )


#: The rules of the last `_enabled` call that got a tuple, with the settings and its answer.
_Checks = list[tuple[Rule, Callable[..., Iterator[Problem]]]]


class Checker:
    """The rules of one run: those the settings enable, split by scope once (a run checks
    thousands of files with the same rules and settings). Built once per run, or per batch of
    files in a worker; it holds no state of a file."""

    def __init__(self, settings: Settings, rules: Iterable[Rule] | None = None) -> None:
        self.settings = settings
        chosen = [
            (r, r.check)
            for r in (all_rules().values() if rules is None else rules)
            if r.check is not None and settings.enabled(r.code)
        ]
        self.file_rules: _Checks = [(r, check) for r, check in chosen if r.scope == "file"]
        self.case_rules: _Checks = [(r, check) for r, check in chosen if r.scope == "case"]
        self.options: dict[str, Any] = dict(settings.options)
        #: Texts of findings and their masked form with these settings (see `settled`).
        self.masked: dict[str, str] = {}

    def findings(
        self, loaded: LoadedFile, as_of: dt.date, timeline: Timeline | None = None
    ) -> list[Finding]:
        """Every finding of one loaded file that stands: the loader's, then each enabled
        rule's, less those its comments silence with a reason (see `checked`)."""
        return self.checked(loaded, as_of, timeline)[0]

    def checked(
        self, loaded: LoadedFile, as_of: dt.date, timeline: Timeline | None = None
    ) -> tuple[list[Finding], list[Suppressed]]:
        """The findings of one loaded file that stand, and those silenced in the file with a
        reason (`# wvp: negeer CODE -- reden`, rules/suppress.py); a suppression that silences
        nothing is a finding of its own. `timeline` is the clock of the case at `as_of`, when
        the caller has it already."""
        found = self._found(loaded, as_of, timeline)
        if "#" not in loaded.text:
            return found, []
        from wvp_cli.rules import suppress

        kept, silenced, unused = suppress.apply(found, loaded, loaded.case is not None)
        if not unused:
            return kept, silenced
        settings = self.settings
        check = all_rules()[suppress.CODE]
        for s in unused:
            if settings.enabled(check.code) and all(map(settings.enabled, s.codes)):
                problem = Problem(
                    suppress.unused_problem(s),
                    Location(loaded.file, s.line, s.column),
                    kind="unused",
                )
                kept.append(stamp(check, problem, settings, _no_path, loaded.case_id))
        return kept, silenced

    def _found(
        self, loaded: LoadedFile, as_of: dt.date, timeline: Timeline | None = None
    ) -> list[Finding]:
        settings = self.settings
        found = [f for f in map(settings.apply, loaded.findings) if f is not None]
        file_ctx = RepoContext(as_of, self.options)

        def locate(path: YamlPath, key: bool) -> Location:
            return loaded.source.locate(path, key=key)

        case_id = loaded.case_id
        for rule, check in self.file_rules:
            try:
                problems = check(loaded, file_ctx)
                found.extend(stamp(rule, p, settings, locate, case_id) for p in problems)
            except Exception as exc:  # a bug in a rule must not hide the other findings
                found.append(_internal_error(rule, exc, loaded))
        case = loaded.case
        if case is not None and self.case_rules:
            if timeline is None:
                from wvp_cli.core import clock

                timeline = clock.compute(case, as_of)
            ctx = Context(
                loaded.file, loaded.source, as_of, timeline, self.options, case, loaded.text
            )
            for rule, check in self.case_rules:
                try:
                    problems = check(case, ctx)
                    found.extend(stamp(rule, p, settings, locate, case.id) for p in problems)
                except Exception as exc:  # a bug in a rule must not hide the other findings
                    found.append(_internal_error(rule, exc, loaded))
        return found


def case_findings(
    loaded: LoadedFile,
    as_of: dt.date,
    rules: Iterable[Rule],
    settings: Settings,
    timeline: Timeline | None = None,
) -> list[Finding]:
    """Every finding of one loaded file with these rules and settings (see `Checker`)."""
    return Checker(settings, rules).findings(loaded, as_of, timeline)


def case_facts(
    case: Case, as_of: dt.date, timeline: Timeline | None = None, until: dt.date | None = None
) -> CaseFacts:
    """The agenda of one valid case: every milestone of the clock, and while the case is sick
    the items of a running tweede spoor; only those the agenda can list (overdue, or open and
    due by `until` when given), as a result is kept for thousands of cases."""
    from wvp_cli.core import clock
    from wvp_cli.core.tweede_spoor import owed_items

    timeline = timeline or clock.compute(case, as_of)
    items = [AgendaItem(m.code, m.due, m.status, m.week) for m in timeline.milestones]
    items.extend(
        AgendaItem(code, due, "overdue" if due < as_of else "open", timeline.clock.week_of(due))
        for code, due in owed_items(case, timeline)
    )
    listed = tuple(
        i
        for i in items
        if i.status == "overdue" or (i.status == "open" and (until is None or i.due <= until))
    )
    return CaseFacts(case.id, case.employee.name, case.employer.casemanager, listed)


def _masked_facts(facts: CaseFacts, settings: Settings) -> CaseFacts:
    """The agenda with its case id masked like a finding's: an id that names a diagnosis or
    holds a BSN is a finding of its own, and must not spread through the agenda either."""
    from wvp_cli.privacy.matcher import redact

    shown = redact(facts.id, settings.options)
    return facts if shown == facts.id else replace(facts, id=shown)


def masked_row(row: PortfolioRow, options: Mapping[str, Any]) -> PortfolioRow:
    """A portfolio row with its case id and closing reason masked as a finding's message is:
    an id or a reason that names a diagnosis or holds a BSN must not spread through a list."""
    from wvp_cli.privacy.matcher import redact

    case = redact(row.case, options)
    reason = redact(row.closing_reason, options) if row.closing_reason else row.closing_reason
    if case == row.case and reason == row.closing_reason:
        return row
    return replace(row, case=case, closing_reason=reason)


def file_result(
    loaded: LoadedFile,
    as_of: dt.date,
    settings: Settings,
    *,
    rules: Sequence[Rule] | None = None,
    checker: Checker | None = None,
    findings: bool = True,
    agenda: bool = False,
    until: dt.date | None = None,
    portfolio: int | None = None,
) -> FileResult:
    """The result of one loaded file at `as_of`: its findings (settings applied) when
    `findings`, its case's agenda when `agenda` (up to `until`, see `case_facts`), its row of
    the portfolio when `portfolio` (the years a dossier is kept; the error counts are the
    repository's, filled in by `wvp cases`); the clock runs once for all."""
    case = loaded.case
    timeline = None
    if case is not None and (findings or agenda or portfolio is not None):
        from wvp_cli.core import clock

        timeline = clock.compute(case, as_of)
    found: list[Finding] = []
    silenced: tuple[Suppressed, ...] = ()
    if findings and loaded.is_case:
        checker = checker if checker is not None else Checker(settings, rules)
        standing, quiet = checker.checked(loaded, as_of, timeline)
        # The checker's memory of masked texts serves only the settings it was made with.
        found = settled(
            standing, settings, checker.masked if checker.settings is settings else None
        )
        silenced = _settled_suppressed(quiet, settings)
    from wvp_cli.core.loader import UNREADABLE

    return FileResult(
        file=loaded.file,
        is_case=loaded.is_case,
        case_id=loaded.case_id,
        id_location=loaded.source.locate(("id",)),
        findings=tuple(found),
        load_findings=len(loaded.findings),
        unreadable=any(f.rule == UNREADABLE for f in loaded.findings),
        valid=case is not None,
        facts=_masked_facts(case_facts(case, as_of, timeline, until), settings)
        if agenda and case is not None
        else None,
        suppressed=silenced,
        row=_row(case, loaded.file, timeline, portfolio),
    )


def _row(
    case: Case | None, file: str, timeline: Timeline | None, years: int | None
) -> PortfolioRow | None:
    if case is None or timeline is None or years is None:
        return None
    from wvp_cli.core.portfolio import row

    return row(case, file, timeline, retention_years=years)


def _settled_suppressed(quiet: Iterable[Suppressed], settings: Settings) -> tuple[Suppressed, ...]:
    """Silenced findings as the output may show them: of enabled rules, masked, with the
    reason masked too (it is free text of the file)."""
    from wvp_cli.privacy.matcher import redact

    return tuple(
        replace(
            s, finding=_redacted(s.finding, settings), reason=redact(s.reason, settings.options)
        )
        for s in quiet
        if settings.enabled(s.finding.rule)
    )


def finish(results: Iterable[FileResult], as_of: dt.date, settings: Settings) -> CheckResult:
    """The rules that span the repository over the results of every case file, then every
    finding sorted."""
    cases = tuple(r for r in results if r.is_case)
    found = [f for r in cases for f in r.findings]
    repo_ctx = RepoContext(as_of, dict(settings.options))
    for rule in repo_rules():
        if rule.check is not None and settings.enabled(rule.code):
            problems = rule.check(cases, repo_ctx)
            found.extend(
                settled((stamp(rule, p, settings, _no_path, None) for p in problems), settings)
            )
    found.sort(key=Finding.sort_key)
    silenced = sorted((s for r in cases for s in r.suppressed), key=lambda s: s.finding.sort_key())
    return CheckResult(as_of, cases, tuple(found), tuple(silenced))


def _no_path(path: YamlPath, key: bool) -> Location:
    raise ValueError("a rule that spans the repository names a Location, not a YAML path")


def check(
    files: Sequence[LoadedFile], as_of: dt.date, settings: Settings | None = None
) -> CheckResult:
    """Run every enabled rule on every case file and return the findings, sorted."""
    settings = settings or Settings()
    rules = tuple(all_rules().values())
    results = [file_result(f, as_of, settings, rules=rules) for f in files if f.is_case]
    return finish(results, as_of, settings)


def build_agenda(
    files: Iterable[LoadedFile],
    as_of: dt.date,
    until: dt.date,
    filters: Filters | None = None,
) -> Agenda:
    """Every overdue milestone and every open one due in `as_of … until` of loaded files,
    sorted (`core.agenda.select` over their results)."""
    from wvp_cli.core.agenda import select

    results = [
        file_result(f, as_of, Settings(), findings=False, agenda=True, until=until) for f in files
    ]
    return select(results, as_of, until, filters)
