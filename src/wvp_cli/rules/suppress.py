"""Silencing a finding in the file itself, with a reason: `# wvp: negeer WVP401 -- reden`.

A dossier must not hide things silently, so a suppression

- names the codes it silences (no blanket "ignore everything") and carries a reason of its own;
- silences only format and privacy findings (WVP0xx, WVP4xx) of a file that is a valid case:
  a deadline is never silenced here (an agreed deviation goes in `deviations:` of the case, with
  the employee's agreement), nor a file that cannot be read as a case, nor a duplicate id;
- never silences a finding about its own text (a medical word in the reason is still found);
- is counted and listed by `wvp check`, and is itself a finding (WVP030) when it is malformed
  or silences nothing.

The forms (Dutch, or English `ignore`/`ignore-file`):

    date: 2026-03-06   # wvp: negeer WVP026 -- dossier overgenomen van de vorige werkgever
    # wvp: negeer WVP401 -- 'werkdruk' gaat hier over het werk, niet over de werknemer
    summary: ...
    # wvp: negeer-bestand WVP401 -- termen van de functiebeschrijving, geen gezondheid

A comment after a value silences findings on its own line; a comment on a line of its own,
those on the next line with content; `negeer-bestand`, those anywhere in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding, Location, Severity
from wvp_cli.core.results import Suppressed
from wvp_cli.rules import Problem, RepoContext, rule

if TYPE_CHECKING:
    from wvp_cli.core.loader import LoadedFile

CODE = "WVP030"
#: The shortest reason that counts (a word or two of explanation, not "ok").
MIN_REASON = 10
#: Rule ranges that may be silenced in the file: format (WVP0xx) and privacy (WVP4xx).
SUPPRESSIBLE_RANGES = ("WVP0", "WVP4")

_MARK = re.compile(r"#\s*wvp\s*:", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"#\s*wvp\s*:\s*(?P<verb>negeer-bestand|ignore-file|negeer|ignore)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_CODES = re.compile(r"\s*(?P<codes>[A-Za-z]+\d+(?:\s*,\s*[A-Za-z]+\d+)*)(?P<after>.*)$")
_SEPARATOR = re.compile(r"\s*(?:--|—|–)\s*")


@dataclass(frozen=True)
class Suppression:
    """One `# wvp: negeer ...` comment."""

    codes: tuple[str, ...]
    reason: str
    #: Where the comment's `#` stands (1-based).
    line: int
    column: int
    #: The line whose findings it silences; None for the whole file.
    target: int | None
    #: Why it silences nothing, when it is malformed (a message for WVP030).
    problem: str | None = None

    def covers(self, finding: Finding) -> bool:
        loc = finding.location
        if finding.rule not in self.codes or self.problem is not None:
            return False
        if loc.line == self.line and loc.column >= self.column:
            return False  # a finding about the comment's own text
        return self.target is None or loc.line == self.target


def suppressible(code: str) -> bool:
    return code.startswith(SUPPRESSIBLE_RANGES) and code != CODE


def directives(loaded: LoadedFile) -> list[Suppression]:
    """Every `# wvp: negeer` comment of the file (a `#` inside a quoted or block value is no
    comment and is left alone)."""
    text = loaded.text
    if "#" not in text or not _MARK.search(text):
        return []
    from wvp_cli.privacy.scan import is_comment, scalar_spans

    lines = text.splitlines()
    spans: list[tuple[int, int, int, int]] | None = None
    found = []
    for number, line in enumerate(lines, start=1):
        mark = _MARK.search(line)
        if mark is None:
            continue
        start = mark.start()
        if start > 0 and line[start - 1] not in " \t":
            continue
        if spans is None:
            spans = scalar_spans(text)
        if not is_comment(spans, number, start + 2):
            continue
        found.append(_parse(line[start:], number, start + 1, _target(lines, number, start)))
    return found


def _target(lines: Sequence[str], number: int, start: int) -> int | None:
    """The line a comment at (number, start) speaks about: its own when it follows content,
    else the next line with content; None when there is none."""
    if lines[number - 1][:start].strip():
        return number
    for later in range(number, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return None


def _parse(comment: str, line: int, column: int, target: int | None) -> Suppression:
    match = _DIRECTIVE.match(comment)
    if match is None:
        return Suppression((), "", line, column, target, _problem_of_form())
    whole_file = match["verb"].lower() in ("negeer-bestand", "ignore-file")
    where = None if whole_file else target
    codes_match = _CODES.match(match["rest"])
    if codes_match is None:
        return Suppression((), "", line, column, where, _problem_of_form())
    codes = tuple(c.strip().upper() for c in codes_match["codes"].split(","))
    after = codes_match["after"]
    separator = _SEPARATOR.match(after)
    reason = after[separator.end() :].strip() if separator else ""
    problem = None
    if separator is None and after.strip():
        problem = _problem_of_form()
    elif len(reason) < MIN_REASON:
        problem = (
            f"'# wvp: negeer {', '.join(codes)}' zonder reden: een dossier verbergt niets "
            f"zonder uitleg; schrijf de reden erachter (# wvp: negeer {codes[0]} -- "
            "waarom dit hier klopt), minstens een paar woorden"
        )
    elif not whole_file and target is None:
        problem = "'# wvp: negeer' staat onder de laatste regel en slaat nergens op"
    return Suppression(codes, reason, line, column, where, problem)


def _problem_of_form() -> str:
    return (
        "'# wvp:' maar geen geldige onderdrukking; de vorm is '# wvp: negeer WVP401 -- reden' "
        "(die regel) of '# wvp: negeer-bestand WVP401 -- reden' (het hele bestand)"
    )


def _code_problems(
    suppression: Suppression, known: Mapping[str, object]
) -> Iterator[tuple[str, str]]:
    for code in suppression.codes:
        if code not in known:
            yield code, f"'# wvp: negeer {code}': wvp kent geen regel {code}"
        elif not suppressible(code):
            yield (
                code,
                (
                    f"{code} kan niet in het bestand worden genegeerd: alleen bevindingen over het "
                    "formaat (WVP0xx) en over privacy (WVP4xx); een termijn die met reden en "
                    "instemming anders loopt, hoort in deviations: van de case"
                ),
            )


@rule(
    CODE,
    "onderdrukking-met-reden",
    "Onderdrukking in het bestand met een reden",
    Severity.ERROR,
    "wvp (dossiervorming: niets verbergen zonder uitleg)",
    scope="file",
    kinds={"unused": Severity.WARNING},
)
def suppression_form(loaded: LoadedFile, ctx: RepoContext) -> Iterator[Problem]:
    """
    A format finding (WVP0xx) or a privacy finding (WVP4xx) can be silenced in the file itself,
    with a comment that names the code and gives a reason:

        date: 2026-03-06   # wvp: negeer WVP026 -- dossier taken over from the former employer
        # wvp: negeer WVP401 -- 'werkdruk' is about the work here, not about the person
        summary: ...
        # wvp: negeer-bestand WVP401 -- words of the job description

    A comment after a value covers that line; a comment on a line of its own, the next line
    with content; `negeer-bestand` (or `ignore-file`), the whole file. `wvp check` counts and
    lists what was silenced (`--show-suppressed`), and SARIF passes it on as a suppression with
    its reason.

    This rule reports a suppression without a reason (a few words after `--`), of an unknown
    rule, or of a rule that may not be silenced this way: a deadline (WVP1xx, WVP2xx) only runs
    differently with an agreement in the case's `deviations:`, with the employee's consent; a
    document (WVP3xx) must be complete for UWV; a file that is no valid case is never silenced.
    Kind `unused` (warning): a suppression that silences nothing.

    Source: wvp (a dossier hides nothing without an explanation; UWV judges the dossier as a
    whole).

    Failing example:
        # wvp: negeer WVP101
    """
    if loaded.data is None:
        return
    from wvp_cli.rules import all_rules

    found = list(directives(loaded))
    known = all_rules() if found else {}  # most files silence nothing
    for suppression in found:
        at = Location(loaded.file, suppression.line, suppression.column)
        wrong_codes = [message for _code, message in _code_problems(suppression, known)]
        for message in wrong_codes:
            yield Problem(message, at)
        if suppression.problem is not None and not wrong_codes:
            yield Problem(suppression.problem, at)


def apply(
    findings: Sequence[Finding], loaded: LoadedFile, valid: bool
) -> tuple[list[Finding], list[Suppressed], list[Suppression]]:
    """Split a file's findings into those that stand and those its comments silence, and the
    well-formed suppressions that silenced nothing. Only a valid case silences anything."""
    if not valid:
        return list(findings), [], []
    usable = [
        s for s in directives(loaded) if s.problem is None and all(map(suppressible, s.codes))
    ]
    if not usable:
        return list(findings), [], []
    kept: list[Finding] = []
    silenced: list[Suppressed] = []
    used: set[int] = set()
    for finding in findings:
        by = next(
            (i for i, s in enumerate(usable) if suppressible(finding.rule) and s.covers(finding)),
            None,
        )
        if by is None:
            kept.append(finding)
        else:
            used.add(by)
            silenced.append(Suppressed(finding, usable[by].reason, usable[by].line))
    unused = [s for i, s in enumerate(usable) if i not in used]
    return kept, silenced, unused


def unused_problem(suppression: Suppression) -> str:
    return (
        f"'# wvp: negeer {', '.join(suppression.codes)}' onderdrukt niets (meer); haal de "
        "opmerking weg"
    )
