"""A deterministic generator of realistic synthetic case files for the benchmark.

`generate(n, folder, seed=...)` writes `n` case files under `folder` (100 per sub-folder, as a
dossier repository of a large employer would hold them). The same `n` and seed always give the
same bytes. The cases are modelled on `sample_cases/`: every stage of the two sick years, summed
periods (recidive within four weeks), pregnancy leave, voluntary extensions, second tracks and
many evaluations; some milestones late or missing, so that the rules find something to report.

No medical data: every text is functional wording (what someone can do, hours, tasks), never a
diagnosis, as the privacy section of the rules page requires.

Run it on its own to look at the output: `python benchmarks/generate.py 20 /tmp/cases`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

#: The date the benchmark evaluates at (`--as-of`); no generated event lies after it.
AS_OF = dt.date(2026, 11, 24)

_FIRST = ("A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J.", "K.", "L.", "M.", "N.")
_LAST = (
    "de Voorbeeld",
    "Fictiefsma",
    "van Oefenen",
    "Droomkerk",
    "Verzinsel",
    "Denkbeeld",
    "Testmans",
    "Bedachtink",
    "de Proef",
    "Schetsema",
)
_JOBS = (
    ("Verzorgende IG", "Ouderenzorg: verpleeghuis en wijkzorg", "MBO-3 verzorgende IG"),
    ("Medewerker logistiek", "Opslag en distributie", "VMBO, heftruckcertificaat"),
    ("Administratief medewerker", "Zakelijke dienstverlening", "MBO-4 bedrijfsadministratie"),
    ("Buschauffeur", "Openbaar vervoer", "Rijbewijs D, code 95"),
    ("Docent", "Voortgezet onderwijs", "Tweedegraads lesbevoegdheid"),
    ("Monteur installatietechniek", "Installatiebedrijf", "MBO-3 installatietechniek, VCA"),
    ("Medewerker klantenservice", "Energieleverancier", "HAVO, goede computervaardigheden"),
)
_POSSIBILITIES = (
    "Kan {h} uur per dag werken. Niet tillen boven 10 kg; zittend werk met afwisseling gaat goed.",
    "Kan {h} uur per dag licht werk doen; niet langer dan 30 minuten achtereen staan.",
    "Kan {h} uur per dag werken, met pauzes; geen nachtdiensten en geen werk op hoogte.",
)
_SUMMARIES = (
    "Werkt {h} uur per dag. Opbouw verloopt volgens plan.",
    "Werkt {h} uur per dag. Opbouw staat stil; advies van de bedrijfsarts gevraagd.",
    "Werkt {h} uur per dag aangepast werk. Afspraken over de volgende stap gemaakt.",
    "Werkt {h} uur per dag. Werknemer werkt actief mee; taken uitgebreid.",
)


def _day(day: dt.date) -> str:
    return day.isoformat()


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _case(index: int, rng: random.Random, neglected: bool = False) -> str:
    """One case file as YAML text; `neglected`: every dossier runs behind and some of its
    steps are missing (many findings per case, as in a repository nobody keeps up)."""
    job, business, skills = rng.choice(_JOBS)
    # The stage: how long ago the first sick day was, from a few days to past the wachttijd.
    age = rng.choice((rng.randint(3, 60), rng.randint(60, 300), rng.randint(300, 760)))
    first = AS_OF - dt.timedelta(days=age)
    lines = [
        f"# Synthetisch benchmarkgeval {index}: gegenereerd, geen echte persoon.",
        "wvp: 1",
        f'id: "B-{index:06d}"',
        "employee:",
        f"  name: {_quoted(rng.choice(_FIRST) + ' ' + rng.choice(_LAST))}",
        f"  job: {_quoted(job)}",
        f"  hours_per_week: {rng.choice((16, 24, 28, 32, 36, 38, 40))}",
        f"  skills: {_quoted(skills)}",
        "employer:",
        f'  name: "Werkgever Voorbeeld {index % 37} BV"',
        f"  business: {_quoted(business)}",
        '  casemanager: "C. Casemanager-Demo"',
        '  bedrijfsarts: "drs. B. Arts-Demo"',
        '  arbodienst: "Arbo Denkbeeld"',
        "",
        "sickness:",
    ]
    # Summed periods: a short first period, recovered for fewer than 28 days, then sick again.
    if age > 120 and rng.random() < 0.25:
        end = first + dt.timedelta(days=rng.randint(20, 60))
        again = end + dt.timedelta(days=rng.randint(5, 25))
        lines += [f"  - from: {_day(first)}", f"    to: {_day(end)}", f"  - from: {_day(again)}"]
    else:
        lines.append(f"  - from: {_day(first)}")
    if age > 400 and rng.random() < 0.1:
        start = first + dt.timedelta(days=rng.randint(60, 200))
        lines += [
            "",
            "leave:",
            f"  - from: {_day(start)}",
            f"    to: {_day(start + dt.timedelta(days=111))}",
        ]
    if age > 640 and rng.random() < 0.3:
        decided = first + dt.timedelta(days=rng.randint(600, 640))
        lines += [
            "",
            "extensions:",
            "  - type: vrijwillige_verlenging",
            f"    decided: {_day(decided)}",
            f"    last_wage_day: {_day(first + dt.timedelta(days=727 + 182))}",
        ]
    lines += ["", "events:"]
    header = len(lines)
    deviations: list[str] = []

    def event(kind: str, offset: int, *extra: str) -> None:
        day = first + dt.timedelta(days=offset)
        if day <= AS_OF and not (neglected and rng.random() < 0.3):
            lines.extend(["", f"  - type: {kind}", f"    date: {_day(day)}", *extra])

    # Some dossiers run behind, so that the rules have work to do.
    late = neglected or rng.random() < 0.15
    hours = rng.randint(2, 4)
    event(
        "ziekmelding_arbodienst",
        rng.randint(8, 20) if neglected else rng.randint(1, 9 if late else 6),
    )
    pa = rng.randint(43, 80) if neglected else rng.randint(25, 50 if late else 41)
    event(
        "probleemanalyse",
        pa,
        '    by: "drs. B. Arts-Demo"',
        f"    possibilities: {_quoted(rng.choice(_POSSIBILITIES).format(h=hours))}",
        '    prognosis: "Opbouw in uren verwacht in de komende maanden."',
        '    advice: "Start met aangepast werk, opbouw in overleg."',
    )
    plan = pa + (rng.randint(15, 40) if neglected else rng.randint(5, 20 if late else 14))
    event(
        "plan_van_aanpak",
        plan,
        f"    agreed_by_employee: {_day(first + dt.timedelta(days=plan + 1))}",
        '    casemanager: "C. Casemanager-Demo"',
        f'    goal: "Terugkeer in de eigen functie, {rng.choice((24, 32, 36))} uur per week"',
        "    track: 1",
        '    employer_view: "Terugkeer in de eigen functie is haalbaar met een rustige opbouw."',
        '    employee_view: "Ik wil stap voor stap weer volledig aan het werk."',
        "    activities:",
        f'      - what: "Aangepast werk, {hours} uur per dag"',
        "        who: werknemer",
        f"        by: {_day(first + dt.timedelta(days=plan + 7))}",
        '      - what: "Werkplek en taken regelen"',
        "        who: werkgever",
        f"        by: {_day(first + dt.timedelta(days=plan + 7))}",
        '    evaluations: "Elke vijf weken; eerstejaarsevaluatie in week 50."',
    )
    offset = plan
    while offset < 760:
        offset += rng.randint(50, 90) if neglected else rng.randint(28, 46 if late else 40)
        hours = min(8, hours + rng.choice((0, 0, 1)))
        if offset < 294 <= offset + 40:
            event("melding_42e_week", rng.randint(270, 294 if not late else 300))
        if offset < 300 <= offset + 40:
            event(
                "arbeidsdeskundig_onderzoek",
                rng.randint(280, 320),
                '    by: "G. Arbeidsdeskundige-Demo"',
                '    conclusion: "Eigen functie in aangepaste vorm passend; opbouw voortzetten."',
            )
        if offset < 340 <= offset + 40:
            eje = rng.randint(320, 363)
            second = rng.random() < 0.4
            event(
                "eerstejaarsevaluatie",
                eje,
                f'    result: "Opgebouwd naar {hours} uur per dag aangepast werk."',
                '    employer_view: "Wij zetten de opbouw voort."',
                '    employee_view: "Ik werk mee aan de volgende stap."',
                f"    conclusion: {'spoor_1_en_2' if second else 'eigen_werk'}",
            )
            if not second and first + dt.timedelta(days=eje) <= AS_OF and rng.random() < 0.85:
                deviations += [
                    "  - milestone: start_tweede_spoor",
                    f"    date: {_day(first + dt.timedelta(days=eje))}",
                    '    reason: "Terugkeer in de eigen functie binnen drie maanden verwacht."',
                    "    agreed_by_employee: true",
                ]
            if second:
                event(
                    "start_tweede_spoor",
                    eje + rng.randint(14, 40),
                    '    provider: "Re-integratiebureau Voorbeeld"',
                )
                for step in range(rng.randint(1, 4)):
                    event(
                        "tweede_spoor_voortgang",
                        eje + 60 + 42 * step,
                        '    summary: "Sollicitaties verstuurd; gesprekken gepland."',
                    )
        if offset < 600 <= offset + 40:
            event("actueel_oordeel", rng.randint(560, 600), '    by: "drs. B. Arts-Demo"')
            event("eindevaluatie", rng.randint(600, 620), '    summary: "Eindevaluatie gedaan."')
            event("re_integratieverslag", rng.randint(610, 636))
            event("wia_aanvraag", rng.randint(630, 650))
        event(
            "evaluatie",
            offset,
            f"    summary: {_quoted(rng.choice(_SUMMARIES).format(h=hours))}",
        )
    if len(lines) == header:
        lines[-1] = "events: []"
    if deviations:
        lines[header - 1 : header - 1] = ["deviations:", *deviations, ""]
    return "\n".join(lines) + "\n"


def generate(n: int, folder: Path, *, seed: int = 20261124, neglected: bool = False) -> list[Path]:
    """Write `n` case files under `folder`; return their paths in order. `neglected`: a
    repository with many findings per case (about five)."""
    rng = random.Random(seed)
    written: list[Path] = []
    for index in range(1, n + 1):
        sub = folder / f"{(index - 1) // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"B-{index:06d}.yaml"
        path.write_text(_case(index, rng, neglected), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--neglected"]
    if len(args) != 2:
        sys.exit("gebruik: python benchmarks/generate.py [--neglected] N MAP")
    generate(int(args[0]), Path(args[1]), neglected="--neglected" in sys.argv)
