"""The casemanager's working loop end to end: a whole two-year case recorded with `wvp new` and
`wvp add` alone (every milestone, a partial return, an eerstejaarsevaluatie concluding spoor 2, the
tweede spoor plan and reports, the re-integratieverslag items) passes `wvp check` with no
findings, and `wvp cases` shows it as the clock does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli

# D = Monday 6 January 2025. Each step: (date, step, fields); `wvp add` runs with --as-of the
# step's date, as a casemanager records a step on the day it is done.
STEPS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "2025-01-07",
        "gegevens",
        (
            "employee.job=Orderpicker",
            "employee.bsn=123456782",
            "employee.hours_per_week=32",
            "employee.skills=MBO-2 logistiek, heftruckcertificaat",
            "employer.business=Groothandel in tuinartikelen",
            "employer.casemanager=S. Visser-Demo",
            "employer.bedrijfsarts=drs. K. Arts-Demo",
            "employer.arbodienst=Arbo Voorbeeld",
        ),
    ),
    ("2025-01-07", "ziekmelding_arbodienst", ()),
    (
        "2025-02-10",
        "probleemanalyse",
        (
            "possibilities=Kan 2 uur per dag licht werk doen, niet tillen",
            "prognosis=Opbouw over 6 maanden",
            "advice=Start met licht administratief werk",
        ),
    ),
    (
        "2025-02-20",
        "plan_van_aanpak",
        (
            "agreed_by_employee=2025-02-21",
            "goal=Terugkeer in de eigen functie, 32 uur per week",
            "track=1",
            "employer_view=Terugkeer is haalbaar met aangepast werk",
            "employee_view=Ik wil terug naar mijn eigen werk",
            "activities=Licht administratief werk, 2 uur per dag | werknemer | 2025-03-03",
            "activities=Werkplek aanpassen | werkgever | 2025-03-03",
            "evaluations=Elke zes weken; eerstejaarsevaluatie in week 48",
        ),
    ),
    ("2025-03-03", "werkhervatting", ("hours=8", "work=eigen_werk")),
    ("2025-03-27", "evaluatie", ("summary=Werkt 8 uur per week, opbouw gaat goed",)),
    ("2025-05-06", "evaluatie", ("summary=Opbouw naar 16 uur",)),
    ("2025-05-07", "werkhervatting", ("hours=16", "work=eigen_werk")),
    ("2025-06-12", "evaluatie", ("summary=Werkt 16 uur, opbouw stagneert",)),
    ("2025-07-22", "evaluatie", ("summary=Geen verdere opbouw in de eigen functie",)),
    ("2025-08-28", "evaluatie", ("summary=Onderzoek naar passend werk afgesproken",)),
    ("2025-10-07", "evaluatie", ("summary=Werkt 16 uur; 42e-weeksmelding voorbereid",)),
    ("2025-10-20", "melding_42e_week", ()),
    ("2025-11-13", "evaluatie", ("summary=Arbeidsdeskundig onderzoek ingepland",)),
    (
        "2025-11-14",
        "arbeidsdeskundig_onderzoek",
        (
            "by=G. Arbeidsdeskundige-Demo",
            "conclusion=Eigen functie niet haalbaar; passend werk elders mogelijk",
        ),
    ),
    (
        "2025-12-01",
        "eerstejaarsevaluatie",
        (
            "result=Werkt 16 van 32 uur; terugkeer in de eigen functie is niet haalbaar",
            "employer_view=Tweede spoor naast aangepast werk",
            "employee_view=Ik wil ander werk proberen",
            "conclusion=spoor_2",
        ),
    ),
    ("2025-12-15", "start_tweede_spoor", ("provider=Re-integratiebureau Voorbeeld",)),
    ("2026-01-08", "evaluatie", ("summary=Tweede spoor gestart, intake gedaan",)),
    (
        "2026-01-12",
        "tweede_spoor_plan",
        (
            "provider=Re-integratiebureau Voorbeeld",
            "adviser=E. Adviseur-Demo",
            "agreed_by_employee=2026-01-13",
            "goal=Administratief medewerker, 16 uur per week, in de regio",
            "situation=Werkt 16 uur in aangepast werk bij de eigen werkgever",
            "steps=Sollicitatietraining | werknemer | 2026-02-15",
            "steps=Vacatures zoeken met de adviseur | re-integratiebureau | 2026-03-15",
            "expected_duration=6 maanden",
        ),
    ),
    ("2026-02-16", "evaluatie", ("summary=Sollicitatietraining gevolgd",)),
    ("2026-02-19", "tweede_spoor_voortgang", ("summary=Twee sollicitaties verstuurd",)),
    ("2026-03-26", "evaluatie", ("summary=Eerste gesprek gehad",)),
    ("2026-03-31", "tweede_spoor_voortgang", ("summary=Een gesprek, geen aanbod",)),
    ("2026-05-04", "evaluatie", ("summary=Stage bij een andere werkgever besproken",)),
    ("2026-05-08", "tweede_spoor_voortgang", ("summary=Stage van vier weken gestart",)),
    ("2026-06-11", "evaluatie", ("summary=Stage loopt goed",)),
    ("2026-06-15", "tweede_spoor_voortgang", ("summary=Stage verlengd",)),
    ("2026-07-20", "evaluatie", ("summary=Stage afgerond, zoekt verder",)),
    ("2026-07-24", "tweede_spoor_voortgang", ("summary=Drie sollicitaties verstuurd",)),
    ("2026-08-27", "evaluatie", ("summary=Voorbereiding re-integratieverslag",)),
    ("2026-09-01", "tweede_spoor_voortgang", ("summary=Tweede gesprek gehad",)),
    (
        "2026-09-21",
        "actueel_oordeel",
        ("possibilities=Kan 16 uur per week licht werk doen, niet tillen",),
    ),
    ("2026-09-24", "eindevaluatie", ("summary=Werkt 16 uur; tweede spoor loopt door",)),
    (
        "2026-09-28",
        "re_integratieverslag",
        (
            "employment_relationship=Dienstverband loopt door; aangepast werk 16 uur",
            "suitable_work=Geen passend werk voor meer uren in de eigen organisatie",
            "employee_view=Ik wil blijven werken, graag meer uren elders",
        ),
    ),
    ("2026-10-05", "wia_aanvraag", ()),
]
FINAL = "2026-10-10"


@pytest.mark.slow
def test_a_whole_two_year_case_with_wvp_add_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", ".", "--install", "wvp-poortwachter==0.1.0").code == 0
    created = run_cli(
        "new", "--id", "2025-900", "--name", "T. Demo", "--first-sick-day", "2025-01-06",
        "--employer", "Tuingroothandel Voorbeeld BV",
    )  # fmt: skip
    assert created.code == 0, created.err
    case = tmp_path / "cases" / "2025-900.yaml"
    for day, step, fields in STEPS:
        result = run_cli(
            "add", "2025-900", step, "--date", day, *fields, "--as-of", day, "--no-input"
        )
        assert result.code == 0, f"{day} {step}: {result.err}{result.out}"
        assert "nieuw:" not in result.out, f"{day} {step}: {result.out}"
    check = run_cli("check", str(case), "--as-of", FINAL)
    assert check.code == 0, check.out
    assert "0 fouten, 0 waarschuwingen" in check.out, check.out

    doc = json.loads(run_cli("cases", "--format", "json", "--as-of", FINAL).out)
    (entry,) = doc["cases"]
    assert entry["state"] == "gedeeltelijk_hersteld"
    assert entry["partial"]["hours"] == 16 and entry["partial"]["contract_hours"] == 32
    assert entry["track"] == [1, 2]
    assert entry["riv"] == {"present": 12, "required": 12, "missing": []}
    assert entry["errors"] == 0 and entry["warnings"] == 0
    assert entry["last_step"] == {"type": "wia_aanvraag", "date": "2026-10-05"}
    timeline = json.loads(run_cli("timeline", "2025-900", "--format", "json", "--as-of", FINAL).out)
    open_rows = [m for m in timeline["milestones"] if m["status"] in ("open", "overdue")]
    assert all(m["status"] == "open" for m in open_rows)
    statuses = {m["milestone"]: m["status"] for m in timeline["milestones"]}
    for code in (
        "ziekmelding_arbodienst", "probleemanalyse", "plan_van_aanpak", "melding_42e_week",
        "arbeidsdeskundig_onderzoek", "eerstejaarsevaluatie", "start_tweede_spoor",
        "actueel_oordeel", "eindevaluatie", "re_integratieverslag", "wia_aanvraag",
    ):  # fmt: skip
        assert statuses[code] == "done", (code, statuses[code])

    # the documents show the partial return (the clock does not change for it)
    eje = run_cli("render", "eerstejaarsevaluatie", "2025-900", "--as-of", FINAL)
    assert eje.code == 0, eje.err
    assert "Werkhervatting vanaf 7 mei 2025: 16 van 32 uur per week" in eje.out
    riv = run_cli("render", "re-integratieverslag", "2025-900", "--as-of", FINAL)
    assert riv.code == 0, riv.err
    assert "- Vanaf 3 maart 2025: 8 van 32 uur per week in het eigen" in riv.out
    assert "- Vanaf 7 mei 2025: 16 van 32 uur per week in het eigen" in riv.out
