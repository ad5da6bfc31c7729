"""A CheckResult -> SARIF 2.1.0, as GitHub code scanning and other SARIF readers take it.

Paths are relative to the repository root (`%SRCROOT%`), every result has a region with an end
(to the end of its line), a stable fingerprint (rule, case or file, and the place in the YAML:
not the line, so an alert survives an edit above it, and not the message, which counts days),
and every rule a short `fullDescription` (GitHub's limit: 1024 characters) with the whole text
in `help` and a `helpUri` to its page in the project's documentation. A run in which a file
could not be read says so: `executionSuccessful` false, with a notification per file. Machine
output carries `Finding.message`, never `private_message` (AP-beleidsregels).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from wvp_cli.core.findings import Finding, Severity
from wvp_cli.project import REPOSITORY, rule_page
from wvp_cli.report.check import safe

if TYPE_CHECKING:
    from wvp_cli.engine import CheckResult
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import CheckReport
    from wvp_cli.rules import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The base the artifact URIs are relative to: the checkout of the repository.
SRCROOT = "%SRCROOT%"
#: GitHub's limit on a rule's fullDescription (and a sensible one for any reader).
MAX_DESCRIPTION = 1024
FINGERPRINT = "wvpFinding/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str, root: Path | None = None) -> str:
    """A file as SARIF wants it: a relative URI with forward slashes (against the repository
    root), or a `file://` URI for an absolute path outside `root`. A name that is not UTF-8
    is percent-encoded byte for byte."""
    path = Path(file)
    if path.is_absolute() and root is not None:
        try:
            path = path.relative_to(root)
        except ValueError:
            return "file://" + quote(os.fsencode(path.as_posix()), safe="/-._~")
    elif path.is_absolute():
        return "file://" + quote(os.fsencode(path.as_posix()), safe="/-._~")
    posix = PurePosixPath(*path.parts).as_posix().replace("\\", "/")
    return quote(os.fsencode(posix.removeprefix("./")), safe="/-._~")


def short_description(doc: str, title: str) -> str:
    """The first paragraph of a rule's documentation, at most MAX_DESCRIPTION characters."""
    first = doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip() or title
    if len(first) > MAX_DESCRIPTION:
        first = first[: MAX_DESCRIPTION - 1].rstrip() + "…"
    return first


def _rule_json(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip() or rule.title
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": short_description(doc, rule.title)},
        "help": {
            "text": f"{doc}\n\nBron: {rule.source}",
            "markdown": f"**{rule.code} {rule.title}**\n\n{doc}\n\n**Bron:** {rule.source}\n\n"
            f"[Documentatie van {rule.code}]({rule_page(rule.code)})",
        },
        "helpUri": rule_page(rule.code),
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"source": rule.source, "tags": ["wvp", rule.code[:4]]},
    }


class _Lines:
    """The length of a line of a file, for the end of a region (read once per file)."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.files: dict[str, list[int] | None] = {}

    def length(self, file: str, line: int) -> int | None:
        if file not in self.files:
            path = Path(file) if self.root is None else self.root / file
            try:
                text = path.read_bytes().decode("utf-8", "replace")
                self.files[file] = [len(x) for x in text.removeprefix("\ufeff").splitlines()]
            except OSError:
                self.files[file] = None
        lengths = self.files[file]
        if lengths is None or not 1 <= line <= len(lengths):
            return None
        return lengths[line - 1]


def _fingerprint(f: Finding, seen: Counter[str]) -> str:
    loc = f.location
    base = "\0".join((f.rule, f.case or loc.file, f.milestone or "", loc.dotted))
    seen[base] += 1
    return hashlib.sha256(f"{base}\0{seen[base]}".encode("utf-8", "surrogatepass")).hexdigest()


def _result_json(
    f: Finding, index: Mapping[str, int], lines: _Lines, seen: Counter[str]
) -> dict[str, Any]:
    loc = f.location
    out: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    out["level"] = _LEVEL[f.severity]
    out["message"] = {"text": safe(f.message) or f.rule}
    start_line, start_col = max(loc.line, 1), max(loc.column, 1)
    region: dict[str, int] = {"startLine": start_line, "startColumn": start_col}
    length = lines.length(loc.file, start_line)
    region["endLine"] = start_line
    region["endColumn"] = max(start_col + 1, (length or 0) + 1)
    out["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(loc.file), "uriBaseId": SRCROOT},
                "region": region,
            }
        }
    ]
    out["partialFingerprints"] = {FINGERPRINT: _fingerprint(f, seen)}
    props = {k: v for k, v in (("case", f.case), ("milestone", f.milestone)) if v is not None}
    if props:
        out["properties"] = props
    return out


def sarif(
    result: CheckResult,
    rules: Mapping[str, Rule],
    version: str,
    *,
    root: Path | None = None,
) -> str:
    """A SARIF 2.1.0 log with one run: the rules of the registry and one result per finding.
    File names are relative to the repository root (`paths.rebased`); `root` is where they
    are read for the ends of the regions (default: the working directory)."""
    ordered = list(rules.values())
    index = {r.code: i for i, r in enumerate(ordered)}
    lines = _Lines(root)
    seen: Counter[str] = Counter()
    results = [_result_json(f, index, lines, seen) for f in result.findings]
    # Silenced in the file with a reason: results with an in-source suppression, which code
    # scanning shows as suppressed (never hidden: a dossier must not hide things silently).
    for quiet in result.suppressed:
        silenced = _result_json(quiet.finding, index, lines, seen)
        silenced["suppressions"] = [{"kind": "inSource", "justification": safe(quiet.reason)}]
        results.append(silenced)
    unreadable = [f for f in result.files if f.unreadable]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{safe(f.file)} kon niet gelezen worden"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(f.file), "uriBaseId": SRCROOT}
                    }
                }
            ],
        }
        for f in unreadable
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not unreadable}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wvp",
                        "version": version,
                        "informationUri": REPOSITORY,
                        "rules": [_rule_json(r) for r in ordered],
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "properties": {"as_of": result.as_of.isoformat()},
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def report_sarif(report: CheckReport, out: Out) -> None:
    """The `sarif` reporter (report/registry.py)."""
    from wvp_cli import __version__
    from wvp_cli.rules import all_rules

    out.write(sarif(report.result, all_rules(), __version__, root=report.root))
