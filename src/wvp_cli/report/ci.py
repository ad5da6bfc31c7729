"""A CheckResult -> JUnit XML or SARIF 2.1.0, for CI systems that read those.

Machine output carries `Finding.message`, never `private_message`: CI logs and code-scanning
pages are read by more people than the casemanager at the terminal (AP-beleidsregels).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from wvp_cli.core.findings import Finding, Severity
from wvp_cli.report.check import safe

if TYPE_CHECKING:
    from wvp_cli.engine import CheckResult
    from wvp_cli.rules import Rule

SUITE = "wvp"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: Where a reader of a SARIF log finds out what wvp is.
INFORMATION_URI = "https://pypi.org/project/wvp/"

_WORD = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


# Characters XML 1.0 cannot hold at all, even escaped (after `safe` has escaped the controls).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", safe(text))


def _line(f: Finding) -> str:
    loc = f.location
    where = f"{loc.file}:{loc.line}:{loc.column}"
    return _xml(f"{where}  {f.rule}  {_WORD[f.severity]}: {f.message}")


# --- JUnit ----------------------------------------------------------------------------------


def junit(result: CheckResult, failing: Collection[Severity] = (Severity.ERROR,)) -> str:
    """One test suite `wvp`, one test case per case file. A test case fails when the file has a
    finding at a failing level (`--fail-on`); the failure lists those findings, the other
    findings of the file stand in its system-out."""
    by_file: dict[str, list[Finding]] = {f.file: [] for f in result.files}
    for finding in result.findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    failures = sum(1 for found in by_file.values() if any(f.severity in failing for f in found))
    counts = {"tests": str(len(by_file)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    ET.SubElement(
        ET.SubElement(suite, "properties"),
        "property",
        {"name": "as_of", "value": result.as_of.isoformat()},
    )
    for file, found in by_file.items():
        case = ET.SubElement(
            suite, "testcase", {"classname": SUITE, "name": _xml(file), "file": _xml(file)}
        )
        bad = [f for f in found if f.severity in failing]
        rest = [f for f in found if f.severity not in failing]
        if bad:
            codes = ", ".join(dict.fromkeys(f.rule for f in bad))
            n = len(bad)
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "message": _xml(f"{n} {'bevinding' if n == 1 else 'bevindingen'}: {codes}"),
                    "type": _xml(bad[0].rule),
                },
            )
            failure.text = "\n".join(_line(f) for f in bad) + "\n"
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in rest) + "\n"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


# --- SARIF ----------------------------------------------------------------------------------


def artifact_uri(file: str, root: Path | None = None) -> str:
    """A file as SARIF wants it: a relative URI with forward slashes (against the repository
    root), or a `file://` URI for an absolute path outside `root`."""
    path = Path(file)
    if path.is_absolute() and root is not None:
        try:
            path = path.relative_to(root)
        except ValueError:
            return path.as_uri()
    elif path.is_absolute():
        return path.as_uri()
    posix = PurePosixPath(*path.parts).as_posix().replace("\\", "/")
    return quote(posix.removeprefix("./"), safe="/-._~")


def _rule_json(rule: Rule) -> dict[str, Any]:
    doc = rule.doc.strip() or rule.title
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": doc},
        "help": {"text": f"{doc}\n\nBron: {rule.source}"},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"source": rule.source},
    }


def sarif(
    result: CheckResult,
    rules: Mapping[str, Rule],
    version: str,
    *,
    root: Path | None = None,
) -> str:
    """A SARIF 2.1.0 log with one run: the rules of the registry and one result per finding."""
    ordered = list(rules.values())
    index = {r.code: i for i, r in enumerate(ordered)}
    results = [_result_json(f, index, root) for f in result.findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wvp",
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule_json(r) for r in ordered],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "properties": {"as_of": result.as_of.isoformat()},
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _result_json(f: Finding, index: Mapping[str, int], root: Path | None) -> dict[str, Any]:
    loc = f.location
    out: dict[str, Any] = {"ruleId": f.rule}
    if f.rule in index:
        out["ruleIndex"] = index[f.rule]
    out["level"] = _SARIF_LEVEL[f.severity]
    out["message"] = {"text": safe(f.message) or f.rule}
    out["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(loc.file, root)},
                "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)},
            }
        }
    ]
    props = {k: v for k, v in (("case", f.case), ("milestone", f.milestone)) if v is not None}
    if props:
        out["properties"] = props
    return out


def failing_levels(fail_on: str) -> frozenset[Severity]:
    """The severities that make `wvp check` exit 1."""
    if fail_on == "warning":
        return frozenset({Severity.ERROR, Severity.WARNING})
    return frozenset({Severity.ERROR})
