"""One change to one case file: applied on the round-trip document, merged into the user's
text, checked like `wvp check` does, and written atomically (see the package's docstring)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding, Severity
from wvp_cli.repo.edit.document import Change, EditProblem, _dump, _merge, _yaml

if TYPE_CHECKING:
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.engine import Settings


@dataclass(frozen=True)
class Outcome:
    """What a change did (or would do, with `dry_run`) to one file."""

    file: str
    before: str
    after: str
    written: bool
    #: True when the change was refused; `problems` says why.
    refused: bool
    findings_before: tuple[Finding, ...] = ()
    findings_after: tuple[Finding, ...] = ()
    problems: tuple[Finding, ...] = ()
    #: True when the new text would not even be a valid case (refused whatever `force` says).
    invalid: bool = False
    #: What the change did, in words ("evaluatie van 3 december 2026 toegevoegd").
    summary: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def diff(self) -> str:
        """The unified diff of the file, as `git diff` shows it."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=self.file if self.file.startswith("/") else f"a/{self.file}",
                tofile=self.file if self.file.startswith("/") else f"b/{self.file}",
            )
        )

    @property
    def appeared(self) -> tuple[Finding, ...]:
        """Findings of the new text that the old one did not have."""
        return _minus(self.findings_after, self.findings_before)

    @property
    def disappeared(self) -> tuple[Finding, ...]:
        """Findings of the old text that the change resolved."""
        return _minus(self.findings_before, self.findings_after)


def _key(finding: Finding) -> tuple[str, str, str | None, str]:
    return (finding.rule, finding.severity.value, finding.milestone, finding.message)


def _minus(these: Sequence[Finding], those: Sequence[Finding]) -> tuple[Finding, ...]:
    left = Counter(_key(f) for f in those)
    out = []
    for finding in these:
        key = _key(finding)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return tuple(out)


# --- the edit itself ----------------------------------------------------------------------


def _load_valid(text: str, display: str) -> LoadedFile:
    from wvp_cli.core.loader import load_text

    loaded = load_text(text, display)
    if loaded.case is None:
        shown = (
            "; ".join(f"regel {f.location.line}: {f.message}" for f in loaded.findings[:3])
            or "geen case-bestand"
        )
        raise EditProblem(
            f"{display} is geen geldige case ({shown}); herstel het bestand eerst "
            f"(zie 'wvp check {display}')"
        )
    return loaded


def _findings(loaded: LoadedFile, as_of: dt.date, settings: Settings) -> tuple[Finding, ...]:
    from wvp_cli.engine import case_findings, settled
    from wvp_cli.rules import all_rules

    found = settled(case_findings(loaded, as_of, tuple(all_rules().values()), settings), settings)
    found.sort(key=Finding.sort_key)
    return tuple(found)


def _new_errors(before: Sequence[Finding], after: Sequence[Finding]) -> tuple[Finding, ...]:
    """Errors of `after` that `before` did not have, by rule and milestone (a milestone that
    was overdue and is now late keeps its one error: the change recorded a fact)."""
    left = Counter((f.rule, f.milestone) for f in before if f.severity is Severity.ERROR)
    out = []
    for finding in after:
        if finding.severity is not Severity.ERROR:
            continue
        key = (finding.rule, finding.milestone)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return tuple(out)


def edit(
    path: Path,
    change: Change,
    *,
    as_of: dt.date,
    settings: Settings | None = None,
    dry_run: bool = False,
    force: bool = False,
    display: str | None = None,
) -> Outcome:
    """Apply `change` to the round-trip document of the case file at `path`.

    `change(document, text)` edits the document in place and returns a one-line summary; it
    raises EditProblem when the change cannot be made. The result is checked at `as_of` and
    written atomically unless `dry_run`, or refused (see the module docstring).
    """
    from wvp_cli.core.loader import load_text
    from wvp_cli.engine import Settings
    from wvp_cli.repo.files import WriteRefused, write_atomic

    shown = display if display is not None else str(path)
    settings = settings or Settings()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EditProblem(f"kan {shown} niet lezen: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditProblem(f"{shown} is geen UTF-8-tekst") from None
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    loaded = _load_valid(body, shown)

    yaml = _yaml(body)
    try:
        document = yaml.load(body)
        base = _dump(yaml, document)
    except Exception as exc:  # ruamel reads what PyYAML read; this is a safety net
        raise EditProblem(f"kan {shown} niet bewerken: {exc}") from None
    said = change(document, body)
    summary, blank = said if isinstance(said, tuple) else (said, False)
    changed = _dump(yaml, document)
    merged = _merge(body, base, changed, blank=blank)
    notes: list[str] = []
    if merged is None:
        merged = changed
        notes.append(
            "de opmaak van enkele regels is aangepast (ruamel.yaml kon ze niet letterlijk "
            "behouden); zie de diff"
        )
    new_text = merged
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    if bom:
        new_text = "\ufeff" + new_text
    before = _findings(loaded, as_of, settings)
    after_loaded = load_text(merged, shown)
    if after_loaded.case is None:
        return Outcome(
            shown,
            text,
            new_text,
            written=False,
            refused=True,
            findings_before=before,
            findings_after=after_loaded.findings,
            problems=after_loaded.findings,
            invalid=True,
            summary=summary,
            notes=tuple(notes),
        )
    # The merge must mean what ruamel meant: the same data as ruamel's own text.
    if merged is not changed and load_text(changed, shown).data != after_loaded.data:
        new_text = changed if not crlf else changed.replace("\n", "\r\n")
        if bom:
            new_text = "\ufeff" + new_text
        after_loaded = load_text(changed, shown)
        notes.append("de opmaak van enkele regels is aangepast; zie de diff")
    after = _findings(after_loaded, as_of, settings)
    problems = _new_errors(before, after)
    refused = bool(problems) and not force
    written = False
    if not refused and not dry_run and new_text != text:
        try:
            write_atomic(path, new_text, force=True)
        except WriteRefused as exc:
            raise EditProblem(str(exc)) from None
        written = True
    return Outcome(
        shown,
        text,
        new_text,
        written=written,
        refused=refused,
        findings_before=before,
        findings_after=after,
        problems=problems,
        summary=summary,
        notes=tuple(notes),
    )
