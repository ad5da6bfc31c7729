"""Diagnostics: the findings of `wvp check` as the editor shows them, with a link to each
rule's page in the docs."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types

from wvp_cli.core.findings import Finding, Severity
from wvp_cli.lsp.text import Text

if TYPE_CHECKING:
    pass

SOURCE = "wvp"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
LEVEL_WORD = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}


@lru_cache(maxsize=1)
def _doc_base() -> tuple[str, str] | None:
    from importlib import metadata

    try:
        urls = metadata.metadata("wvp").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    labels = {}
    for entry in urls:
        label, _, url = entry.partition(",")
        labels[label.strip().lower()] = url.strip().rstrip("/")
    if "documentation" in labels:
        return labels["documentation"], "/rules/"
    for label in ("repository", "source", "homepage"):
        if label in labels:
            return labels[label], "/blob/main/docs/rules/"
    return None


def rule_doc_url(code: str) -> str | None:
    """The page of rule `code` in the docs (docs/rules/CODE.md): under the project's URL of the
    package metadata (its Documentation, else docs/ in its Repository), else the page in this
    checkout's docs/ folder; None where there is neither."""
    base = _doc_base()
    if base is not None:
        return f"{base[0]}{base[1]}{code}.md"
    page = Path(__file__).resolve().parents[3] / "docs" / "rules" / f"{code}.md"
    return page.as_uri() if page.is_file() else None


def finding_range(text: Text, finding: Finding) -> types.Range:
    path = finding.location.path
    key = path[-1] if path and isinstance(path[-1], str) else None
    return text.token(finding.location.line, finding.location.column, key)


def diagnostic(text: Text, finding: Finding) -> types.Diagnostic:
    """A finding as the editor shows it: the masked message of machine output, the rule's code
    with a link to its page, the range of the node it is about."""
    url = rule_doc_url(finding.rule)
    return types.Diagnostic(
        range=finding_range(text, finding),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
    )


def diagnostics(text: Text, findings: Iterable[Finding]) -> list[types.Diagnostic]:
    return [diagnostic(text, f) for f in findings]
