"""Pre-flight of the re-integratieverslag (WVP307-WVP310) on tiny inline cases, and the
signatures of the case format. The case starts 2026-01-01: the verslag is due in week 91
(2027-09-29); the pre-flight speaks from week 78 (2027-06-24)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import MINIMAL
from wvp_cli import engine
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.loader import load_text
from wvp_cli.rules import all_rules

BEFORE, FROM = "2027-06-23", "2027-06-24"  # the last day of week 77, the first of week 78
WITH_BSN = MINIMAL.replace('  name: "A. Jansen"', '  name: "A. Jansen"\n  bsn: "123456782"')
FULL = WITH_BSN.replace(
    '  name: "Voorbeeld BV"', '  name: "Voorbeeld BV"\n  casemanager: K\n  bedrijfsarts: B'
)
W = "{role: werkgever, name: K, date: 2026-02-20, method: natte_handtekening}"
N = "{role: werknemer, name: A. Jansen, date: 2026-02-20, method: e_handtekening}"
PLAN = (
    "{type: plan_van_aanpak, date: 2026-02-20, goal: Terugkeer, signatures: [" + W + ", " + N + "]}"
)


def findings(text: str, as_of: str, code: str) -> list[Finding]:
    loaded = load_text(text, "case.yaml")
    assert loaded.case is not None, loaded.findings
    result = engine.check([loaded], dt.date.fromisoformat(as_of), engine.Settings())
    return [f for f in result.findings if f.rule == code]


def with_events(*events: str, text: str = FULL) -> str:
    return text.replace("events: []\n", "events:\n" + "".join(f"  - {e}\n" for e in events))


def test_every_preflight_rule_cites_its_article() -> None:
    rules = all_rules()
    for code in ("WVP307", "WVP308", "WVP309", "WVP310"):
        rule = rules[code]
        assert rule.severity is Severity.WARNING
        assert re.search(r"art\. \d", rule.source), code
        assert "Bron:" in rule.doc and "Fout voorbeeld" in rule.doc


def test_bsn_missing_from_week_78() -> None:
    text = MINIMAL
    assert findings(text, BEFORE, "WVP307") == []
    (found,) = findings(text, FROM, "WVP307")
    assert "BSN" in found.message and "employee.bsn" in found.message
    assert found.location.line == 3  # the employee: key
    assert findings(WITH_BSN, FROM, "WVP307") == []


def test_an_element_without_its_author() -> None:
    text = with_events(
        "{type: probleemanalyse, date: 2026-02-05}",
        "{type: arbeidsdeskundig_onderzoek, date: 2026-09-01}",
        "{type: tweede_spoor_plan, date: 2026-12-01}",
        text=WITH_BSN,
    )
    assert findings(text, BEFORE, "WVP308") == []
    found = findings(text, FROM, "WVP308")
    assert [f.location.line for f in found] == [11, 12, 13]
    assert "de bedrijfsarts ('by' of 'employer.bedrijfsarts')" in found[0].message
    assert "de arbeidsdeskundige ('by')" in found[1].message
    assert "de re-integratieadviseur ('adviser')" in found[2].message
    named = text.replace("date: 2026-02-05}", "date: 2026-02-05, by: drs. B}")
    assert len(findings(named, FROM, "WVP308")) == 2


def test_a_bijstelling_without_reason_or_change_is_not_recognisable() -> None:
    same = "{type: bijstelling, date: 2026-05-01, goal: Terugkeer}"
    text = with_events(PLAN, same)
    (found,) = findings(text, FROM, "WVP309")
    assert "zegt niet waarom ('reason')" in found.message
    assert "verandert niets aan de versie van 20 februari 2026" in found.message
    assert found.location.line == 14
    changed = "{type: bijstelling, date: 2026-05-01, goal: Ander werk, reason: EJE}"
    assert findings(with_events(PLAN, changed), FROM, "WVP309") == []
    assert findings(text, BEFORE, "WVP309") == []


def test_a_document_without_its_signatures() -> None:
    unsigned = "{type: eindevaluatie, date: 2027-06-01, summary: klaar}"
    half = "{type: actueel_oordeel, date: 2027-06-10, by: B, signatures: [" + W + "]}"
    text = with_events(PLAN, "{type: evaluatie, date: 2026-04-01}", unsigned, half)
    found = findings(text, FROM, "WVP310")
    assert [f.location.line for f in found] == [15, 16]
    assert (
        "eindevaluatie van 1 juni 2027 is nog niet ondertekend door de werkgever en de werknemer"
        in found[0].message
    )
    assert "door de bedrijfsarts" in found[1].message
    assert findings(text, BEFORE, "WVP310") == []


def test_a_signature_must_say_role_date_and_method() -> None:
    bad = PLAN.replace("method: natte_handtekening", "method: potlood")
    loaded = load_text(with_events(bad), "case.yaml")
    assert loaded.case is None
    assert loaded.findings


def test_samples_stay_clean_at_the_demo_date() -> None:
    samples = Path(__file__).resolve().parent.parent / "sample_cases"
    for path in samples.glob("*.yaml"):
        if path.name.startswith("invalid-"):
            continue
        loaded = load_text(path.read_text(encoding="utf-8"), str(path))
        result = engine.check([loaded], dt.date(2026, 11, 24), engine.Settings())
        assert not [
            f for f in result.findings if f.rule in ("WVP307", "WVP308", "WVP309", "WVP310")
        ]


@pytest.mark.parametrize(
    ("event_type", "item"),
    [("actueel_oordeel", "j"), ("eindevaluatie", "h"), ("probleemanalyse", "f")],
)
def test_the_complete_case_without_an_element_gets_the_preflight_finding(
    event_type: str, item: str
) -> None:
    complete = Path(__file__).resolve().parent / "cases" / "render-volledig.yaml"
    text = complete.read_text(encoding="utf-8")
    assert not [f for f in findings(text, "2027-03-10", "WVP305")]
    blocks = re.split(r"(?m)^(?=  - type: )", text)
    kept = "".join(b for b in blocks if not b.startswith(f"  - type: {event_type}\n"))
    (found,) = findings(kept, "2027-03-10", "WVP305")
    assert f"onderdeel {item} (" in found.message
    assert "Regeling procesgang art. 6 lid 1" in found.message


# --- the data UWV's forms ask for, and wvp new's placeholder -------------------------------

PERSONAL = FULL.replace(
    '  bsn: "123456782"',
    '  bsn: "123456782"\n  date_of_birth: 1980-05-17\n  address: "Straat 1, 1234 AB Plaats"',
).replace(
    "  casemanager: K",
    '  casemanager: K\n  address: "Weg 2, 1234 CD Plaats"\n  loonheffingennummer: "123456782L01"',
)


def test_personal_data_for_uwv_passes_the_privacy_rules() -> None:
    loaded = load_text(PERSONAL, "case.yaml")
    assert loaded.case is not None, loaded.findings
    assert loaded.case.employer.loonheffingennummer == "123456782L01"
    result = engine.check([loaded], dt.date(2026, 3, 1), engine.Settings())
    assert [f for f in result.findings if f.rule.startswith("WVP4")] == []
    # The same number anywhere else still looks like a BSN.
    noted = PERSONAL.replace(
        "events: []", 'events: [{type: evaluatie, date: 2026-02-01, note: "123456782"}]'
    )
    loaded = load_text(noted, "case.yaml")
    result = engine.check([loaded], dt.date(2026, 3, 1), engine.Settings())
    assert [f.rule for f in result.findings if f.rule.startswith("WVP4")] == ["WVP404"]


def test_a_loonheffingennummer_has_its_form() -> None:
    loaded = load_text(PERSONAL.replace("123456782L01", "123456782"), "case.yaml")
    assert loaded.case is None
    assert any("loonheffingennummer als 123456789L01" in f.message for f in loaded.findings)


def test_the_placeholder_of_wvp_new_is_a_finding_and_a_gap() -> None:
    text = FULL.replace('name: "Voorbeeld BV"', 'name: "NOG INVULLEN"')
    (found,) = findings(text, "2026-01-05", "WVP311")
    assert found.severity is Severity.ERROR
    assert "employer.name is nog de plaatshouder 'NOG INVULLEN'" in found.message
    assert (found.location.line, found.location.column) == (7, 9)
    assert findings(FULL, "2026-01-05", "WVP311") == []
    from wvp_cli.core import clock
    from wvp_cli.documents import render

    case = load_text(text, "case.yaml").case
    assert case is not None
    day = dt.date(2026, 3, 1)
    doc = render.render_document("plan", case, clock.compute(case, day), day)
    assert "NOG INVULLEN" not in doc.markdown
    assert "**Werkgever:** *— nog in te vullen —*" in doc.markdown
    assert doc.letterhead is not None and "NOG" not in doc.letterhead.employer


def test_a_signed_document_changed_afterwards() -> None:
    from wvp_cli.core.signatures import content_hash

    case = load_text(with_events(PLAN), "case.yaml").case
    assert case is not None
    code = content_hash(case.events[0])
    assert len(code) == 16
    signed = PLAN.replace(
        "method: e_handtekening}", f"method: e_handtekening, content_hash: {code}}}"
    )
    assert findings(with_events(signed), "2026-03-01", "WVP312") == []
    edited = signed.replace("goal: Terugkeer", "goal: Ander werk")
    (found,) = findings(with_events(edited), "2026-03-01", "WVP312")
    assert found.severity is Severity.ERROR
    assert "gewijzigd nadat het werd ondertekend" in found.message and code in found.message
    assert found.location.line == 13
    # Adding a signature does not change what the document shows.
    more = signed.replace(
        "]}", ", {role: bedrijfsarts, name: B, date: 2026-03-01, method: e_handtekening}]}"
    )
    assert findings(with_events(more), "2026-03-01", "WVP312") == []


def test_signatures_are_checked_only_in_a_case_that_records_them() -> None:
    unsigned_plan = "{type: plan_van_aanpak, date: 2026-02-20, goal: Terugkeer}"
    final = "{type: eindevaluatie, date: 2027-06-01, summary: klaar}"
    assert findings(with_events(unsigned_plan, final), FROM, "WVP310") == []
    assert len(findings(with_events(PLAN, final), FROM, "WVP310")) == 1


@pytest.mark.parametrize(
    "written",
    [
        '"NOG INVULLEN"',
        "nog   invullen",
        "'Nog Invullen'",
        '"\\x4eOG INVULLEN"',  # an escape: no "nog" in the text
        '"\\u004e\\u004f\\u0047 INVULLEN"',
        "|-\n    NOG INVULLEN",
        ">-\n    NOG\n    INVULLEN",
    ],
)
def test_the_placeholder_is_found_however_yaml_writes_it(written: str) -> None:
    """WVP311 skips a file whose text cannot hold the placeholder (no "nog" and no escape);
    every way YAML can write it is still found, and what the rule finds with the pre-filter
    is what it finds looking at the case itself."""
    from wvp_cli.rules import Context

    text = FULL.replace('name: "Voorbeeld BV"', f"name: {written}")
    (found,) = findings(text, "2026-01-05", "WVP311")
    assert "employer.name" in found.message
    rule = all_rules()["WVP311"]
    assert rule.check is not None
    for sample in (text, FULL):
        loaded = load_text(sample, "case.yaml")
        assert loaded.case is not None
        from wvp_cli.core import clock

        timeline = clock.compute(loaded.case, dt.date(2026, 1, 5))
        quick = Context(
            "case.yaml", loaded.source, timeline.as_of, timeline, {}, loaded.case, sample
        )
        full = Context("case.yaml", loaded.source, timeline.as_of, timeline, {}, loaded.case)
        assert list(rule.check(loaded.case, quick)) == list(rule.check(loaded.case, full))
