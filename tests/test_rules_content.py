"""Document content rules (WVP3xx): each passes and fails on tiny inline cases, asserting the
rule code, line and column. The case starts 2026-01-01: the re-integratieverslag is due on
2027-09-29 (worked example of the spec)."""

from __future__ import annotations

import datetime as dt

from conftest import MINIMAL
from wvp_cli import engine
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.loader import load_text


def findings(
    text: str, as_of: str, code: str, options: dict[str, object] | None = None
) -> list[Finding]:
    loaded = load_text(text, "case.yaml")
    assert loaded.case is not None, loaded.findings
    settings = engine.Settings(options=options or {})
    result = engine.check([loaded], dt.date.fromisoformat(as_of), settings)
    return [f for f in result.findings if f.rule == code]


def with_events(*events: str, text: str = MINIMAL) -> str:
    """The case with these events, one flow mapping per line from line 10 (column 5)."""
    body = "".join(f"  - {e}\n" for e in events)
    return text.replace("events: []\n", "events:\n" + body)


def located(found: list[Finding]) -> list[tuple[str, int, int, Severity]]:
    return [(f.rule, f.location.line, f.location.column, f.severity) for f in found]


def column(text: str, line: int, marker: str) -> int:
    return text.splitlines()[line - 1].index(marker) + 1


ACTIVITY = "{what: Opbouw, who: werknemer, by: 2026-03-20}"
PLAN_FIELDS = (
    "agreed_by_employee: 2026-02-20, casemanager: S. Visser, goal: Terugkeer, "
    f"employer_view: a, employee_view: b, activities: [{ACTIVITY}], evaluations: elke 6 weken"
)
PLAN = "{type: plan_van_aanpak, date: 2026-02-20, " + PLAN_FIELDS + "}"
WITH_CASEMANAGER = MINIMAL.replace(
    '  name: "Voorbeeld BV"', '  name: "Voorbeeld BV"\n  casemanager: K'
)


# --- WVP301 plan van aanpak compleet -------------------------------------------------------


def test_a_complete_plan_and_bijstelling_pass() -> None:
    bijstelling = PLAN.replace("plan_van_aanpak, date: 2026-02-20", "bijstelling, date: 2026-03-20")
    assert findings(with_events(PLAN, bijstelling), "2026-03-25", "WVP301") == []


def test_an_incomplete_plan_lists_every_missing_item_at_the_event() -> None:
    text = with_events("{type: plan_van_aanpak, date: 2026-02-20, goal: Terugkeer}")
    (found,) = findings(text, "2026-03-01", "WVP301")
    assert located([found]) == [("WVP301", 10, 5, Severity.ERROR)]
    assert found.milestone == "plan_van_aanpak"
    for item in ("'activities'", "'evaluations'", "casemanager"):
        assert item in found.message
    assert "'goal'" not in found.message


def test_the_casemanager_of_the_employer_covers_the_plan() -> None:
    plan = PLAN.replace("casemanager: S. Visser, ", "")
    assert findings(with_events(plan), "2026-03-01", "WVP301") != []
    assert findings(with_events(plan, text=WITH_CASEMANAGER), "2026-03-01", "WVP301") == []


def test_an_activity_without_a_date_and_an_incomplete_bijstelling() -> None:
    plan = PLAN.replace(", by: 2026-03-20", "")
    bijstelling = "{type: bijstelling, date: 2026-03-20, agreed_by_employee: 2026-03-20}"
    found = findings(with_events(plan, bijstelling), "2026-03-25", "WVP301")
    assert located(found) == [
        ("WVP301", 10, 5, Severity.ERROR),
        ("WVP301", 11, 5, Severity.ERROR),
    ]
    assert "activiteit 1 zonder wanneer ('by')" in found[0].message
    assert found[1].message.startswith("bijstelling van 20 maart 2026 is onvolledig")


# --- WVP302 re-integratievisies ------------------------------------------------------------


def test_plans_since_july_2023_need_both_visies() -> None:
    assert findings(with_events(PLAN), "2026-03-01", "WVP302") == []
    text = with_events(PLAN.replace("employee_view: b, ", ""))
    (found,) = findings(text, "2026-03-01", "WVP302")
    assert located([found]) == [("WVP302", 10, 5, Severity.ERROR)]
    assert "visie van de werknemer" in found.message
    assert "visie van de werkgever" not in found.message


def test_plans_before_july_2023_need_no_visies() -> None:
    early = MINIMAL.replace("2026-01-01", "2023-05-01")
    plan = "{type: plan_van_aanpak, date: 2023-06-30}"
    assert findings(with_events(plan, text=early), "2023-07-05", "WVP302") == []
    later = "{type: bijstelling, date: 2023-07-01}"
    found = findings(with_events(plan, later, text=early), "2023-07-05", "WVP302")
    assert located(found) == [("WVP302", 11, 5, Severity.ERROR)]


def test_the_eerstejaarsevaluatie_needs_both_visies() -> None:
    eje = "{type: eerstejaarsevaluatie, date: 2026-12-01, result: r, conclusion: spoor_1}"
    (found,) = findings(with_events(PLAN, eje), "2026-12-02", "WVP302")
    assert located([found]) == [("WVP302", 11, 5, Severity.ERROR)]
    assert found.milestone == "eerstejaarsevaluatie"
    fixed = eje.replace("result: r", "result: r, employer_view: a, employee_view: b")
    assert findings(with_events(PLAN, fixed), "2026-12-02", "WVP302") == []


# --- WVP303 instemming werknemer -----------------------------------------------------------


def test_a_plan_without_the_employees_agreement_is_an_error() -> None:
    assert findings(with_events(PLAN), "2026-03-01", "WVP303") == []
    text = with_events(PLAN.replace("agreed_by_employee: 2026-02-20, ", ""))
    (found,) = findings(text, "2026-03-01", "WVP303")
    # BW 7:660a asks cooperation, not consent: a missing signature is a warning.
    assert located([found]) == [("WVP303", 10, 5, Severity.WARNING)]
    assert "agreed_by_employee" in found.message


def test_an_agreement_before_the_plan_is_suspicious() -> None:
    text = with_events(
        PLAN.replace("agreed_by_employee: 2026-02-20", "agreed_by_employee: 2026-02-19")
    )
    (found,) = findings(text, "2026-03-01", "WVP303")
    assert located([found]) == [("WVP303", 10, column(text, 10, "2026-02-19"), Severity.WARNING)]


# --- WVP304 eerstejaarsevaluatie compleet --------------------------------------------------


def test_eerstejaarsevaluatie_needs_result_and_conclusion() -> None:
    complete = "{type: eerstejaarsevaluatie, date: 2026-12-01, result: r, conclusion: spoor_2}"
    assert findings(with_events(complete), "2026-12-02", "WVP304") == []
    (found,) = findings(
        with_events("{type: eerstejaarsevaluatie, date: 2026-12-01}"), "2026-12-02", "WVP304"
    )
    assert located([found]) == [("WVP304", 10, 5, Severity.ERROR)]
    assert "'result'" in found.message
    assert "'conclusion'" in found.message


# --- WVP305 re-integratieverslag compleet --------------------------------------------------

DOSSIER = MINIMAL.replace(
    '  name: "A. Jansen"',
    '  name: "A. Jansen"\n  job: Monteur\n  skills: MBO-3',
).replace(
    '  name: "Voorbeeld BV"',
    '  name: "Voorbeeld BV"\n  business: Installatiebedrijf\n  bedrijfsarts: "drs. K"',
)
DOSSIER_EVENTS = (
    "{type: probleemanalyse, date: 2026-02-10}",
    PLAN,
    "{type: eerstejaarsevaluatie, date: 2026-12-01}",
    "{type: actueel_oordeel, date: 2027-08-01}",
    "{type: eindevaluatie, date: 2027-08-10}",
)
RIV = (
    "{type: re_integratieverslag, date: 2027-08-20, employment_relationship: i, "
    "suitable_work: k, employee_view: l}"
)


def test_a_complete_re_integratieverslag_passes() -> None:
    text = with_events(*DOSSIER_EVENTS, RIV, text=DOSSIER)
    assert findings(text, "2027-10-01", "WVP305") == []


def test_the_verslag_is_not_checked_before_it_is_due() -> None:
    assert findings(MINIMAL, "2027-09-28", "WVP305") == []
    (found,) = findings(MINIMAL, "2027-09-29", "WVP305")
    # missing verslag: the dossier items, at the `events:` key (the verslag itself is WVP204)
    assert located([found]) == [("WVP305", 9, 1, Severity.ERROR)]
    for item in ("a (", "b (", "c (", "d (", "f (", "g (", "h (", "j ("):
        assert item in found.message
    assert "i (" not in found.message
    assert "e (" not in found.message


def test_an_incomplete_verslag_names_the_missing_letters() -> None:
    riv = "{type: re_integratieverslag, date: 2027-08-20, suitable_work: k}"
    events = [e for e in DOSSIER_EVENTS if "eindevaluatie" not in e]
    text = with_events(*events, riv, text=DOSSIER)
    (found,) = findings(text, "2027-10-01", "WVP305")
    assert located([found]) == [("WVP305", 18, 5, Severity.ERROR)]
    assert "h (eindevaluatie)" in found.message
    assert "i (visie op de arbeidsverhouding" in found.message
    assert "l (visie van de werknemer" in found.message
    assert "k (" not in found.message
    assert "a (" not in found.message


# --- WVP306 actueel oordeel recent ---------------------------------------------------------


def test_an_actueel_oordeel_older_than_three_months_warns() -> None:
    fresh = with_events(*DOSSIER_EVENTS, RIV, text=DOSSIER)
    assert findings(fresh, "2027-10-01", "WVP306") == []
    old = fresh.replace("actueel_oordeel, date: 2027-08-01", "actueel_oordeel, date: 2027-05-20")
    (found,) = findings(old, "2027-10-01", "WVP306")
    assert located([found]) == [("WVP306", 17, 5, Severity.WARNING)]
    assert "92 dagen oud" in found.message


def test_the_maximum_age_is_an_option() -> None:
    text = with_events(*DOSSIER_EVENTS, RIV, text=DOSSIER)  # 19 days between oordeel and verslag
    assert findings(text, "2027-10-01", "WVP306", {"actueel_oordeel_max_age_days": 19}) == []
    found = findings(text, "2027-10-01", "WVP306", {"actueel_oordeel_max_age_days": 18})
    assert [f.rule for f in found] == ["WVP306"]
