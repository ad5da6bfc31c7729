"""A CheckResult -> JUnit XML, valid against the junit-10.xsd schema that CI systems (Jenkins,
GitLab) read.

One test suite `wvp`, one test case per case file. A file with a finding at a failing level
(`--fail-on`) is a `<failure>`; a file that could not be read at all is an `<error>`: wvp could
not do its job there, which is not the same as a dossier that breaks a rule. Machine output
carries `Finding.message`, never `private_message` (AP-beleidsregels).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Collection
from typing import TYPE_CHECKING

from wvp_cli.core.findings import Finding, Severity
from wvp_cli.report.check import safe

if TYPE_CHECKING:
    from wvp_cli.engine import CheckResult
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import CheckReport

SUITE = "wvp"
_WORD = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}

# Characters XML 1.0 cannot hold at all, even escaped (after `safe` has escaped the controls).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", safe(text))


def _line(f: Finding) -> str:
    loc = f.location
    where = f"{loc.file}:{loc.line}:{loc.column}"
    return xml_text(f"{where}  {f.rule}  {_WORD[f.severity]}: {f.message}")


def failing_levels(fail_on: str) -> frozenset[Severity]:
    """The severities that make `wvp check` exit 1."""
    if fail_on == "warning":
        return frozenset({Severity.ERROR, Severity.WARNING})
    return frozenset({Severity.ERROR})


def junit(result: CheckResult, failing: Collection[Severity] = (Severity.ERROR,)) -> str:
    """The JUnit document of `result` (see the module)."""
    by_file: dict[str, list[Finding]] = {f.file: [] for f in result.files}
    for finding in result.findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    unreadable = {f.file for f in result.files if f.unreadable}
    errors = sum(1 for file in by_file if file in unreadable)
    failures = sum(
        1
        for file, found in by_file.items()
        if file not in unreadable and any(f.severity in failing for f in found)
    )
    counts = {"tests": str(len(by_file)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts, "skipped": "0"})
    ET.SubElement(
        ET.SubElement(suite, "properties"),
        "property",
        {"name": "as_of", "value": result.as_of.isoformat()},
    )
    for file, found in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": SUITE, "name": xml_text(file)})
        bad = [f for f in found if f.severity in failing or file in unreadable]
        rest = [f for f in found if f not in bad]
        if bad:
            codes = ", ".join(dict.fromkeys(f.rule for f in bad))
            n = len(bad)
            element = ET.SubElement(
                case,
                "error" if file in unreadable else "failure",
                {
                    "message": xml_text(f"{n} {'bevinding' if n == 1 else 'bevindingen'}: {codes}"),
                    "type": xml_text(bad[0].rule),
                },
            )
            element.text = "\n".join(_line(f) for f in bad) + "\n"
        if rest:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in rest) + "\n"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def report_junit(report: CheckReport, out: Out) -> None:
    """The `junit` reporter (report/registry.py)."""
    out.write(junit(report.result, failing_levels(report.fail_on)))
