"""One truth about every milestone: on thousands of generated cases, `check` (the findings of the
deadline rules), `timeline` (its JSON document), `deadlines` (the agenda) and `cases` (the
portfolio line) say the same of each milestone's status at `--as-of` (docs/poortwachter.md,
sections 2 and 7).

The cases mix what changes the course of a case: deviations (agreed or not, for terms of the
Regeling and for statutory ones, with and without a prospect date), spoor-1 conclusions with a
prospect, findings of spoor 2, extensions, early IVA, the employment ending, recovery, a partial
return, a closing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wvp_cli import engine
from wvp_cli.core import agenda, portfolio
from wvp_cli.core.loader import load_text
from wvp_cli.core.milestones import TABLE
from wvp_cli.core.model import MILESTONES
from wvp_cli.report.timeline import timeline_json

MANY = settings(max_examples=2000, deadline=None)
WINDOW = 30

#: Deadline rule per milestone; `evaluatie` is WVP103, einde_wachttijd has none.
RULE_OF = {m.code: m.rule.code for m in TABLE if m.rule is not None and m.rule.generic}
RULE_OF["evaluatie"] = "WVP103"

_EVENTS = (
    "ziekmelding_arbodienst",
    "probleemanalyse",
    "plan_van_aanpak",
    "evaluatie",
    "bijstelling",
    "melding_42e_week",
    "arbeidsdeskundig_onderzoek",
    "eerstejaarsevaluatie",
    "start_tweede_spoor",
    "actueel_oordeel",
    "eindevaluatie",
    "re_integratieverslag",
    "wia_aanvraag",
    "vervroegde_iva_aanvraag",
    "vervroegde_iva_toekenning",
    "uit_dienst",
    "afsluiting",
    "werkhervatting",
    "deskundigenoordeel",
)


@st.composite
def generated(draw: st.DrawFn) -> tuple[str, dt.date]:
    """A case file (YAML text) around D = 2024-01-01 … 2026-12-31, and a peildatum."""
    first = dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 1095)))

    def day(lo: int = -10, hi: int = 900) -> dt.date:
        return first + dt.timedelta(days=draw(st.integers(lo, hi)))

    sickness: list[dict[str, Any]] = [{"from": first}]
    if draw(st.booleans()):
        sickness[0]["to"] = day(30, 800)
    data: dict[str, Any] = {
        "wvp": 1,
        "id": "gen",
        "employee": {"name": "X"},
        "employer": {"name": "Y", "eigenrisicodrager_zw": draw(st.booleans())},
        "sickness": sickness,
        "events": [],
    }
    for _ in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(_EVENTS))
        event: dict[str, Any] = {"type": kind, "date": day()}
        if kind == "eerstejaarsevaluatie":
            event["conclusion"] = draw(
                st.sampled_from(["eigen_werk", "spoor_1", "spoor_2", "spoor_1_en_2"])
            )
            if draw(st.booleans()):
                event["prospect_until"] = event["date"] + dt.timedelta(
                    days=draw(st.integers(-5, 120))
                )
        elif kind in ("arbeidsdeskundig_onderzoek", "bijstelling") and draw(st.booleans()):
            event["conclusion"] = draw(st.sampled_from(["spoor_1", "spoor_2"]))
        elif kind == "afsluiting":
            event["reason"] = draw(st.sampled_from(["hersteld", "wia_beslissing", "anders"]))
        elif kind == "werkhervatting":
            event["hours"] = draw(st.integers(0, 40))
            event["therapeutic"] = draw(st.booleans())
        elif kind == "vervroegde_iva_toekenning" and draw(st.booleans()):
            event["last_wage_day"] = event["date"] + dt.timedelta(days=draw(st.integers(0, 60)))
        data["events"].append(event)
    deviations = []
    for _ in range(draw(st.integers(0, 3))):
        dev: dict[str, Any] = {
            "milestone": draw(st.sampled_from(MILESTONES)),
            "date": day(),
            "reason": "Concreet perspectief op terugkeer binnen 3 maanden",
            "agreed_by_employee": draw(st.booleans()),
        }
        if draw(st.booleans()):
            dev["prospect_until"] = dev["date"] + dt.timedelta(days=draw(st.integers(-5, 120)))
        deviations.append(dev)
    if deviations:
        data["deviations"] = deviations
    if draw(st.booleans()):
        decided = day(500, 760)
        kind = draw(st.sampled_from(["vrijwillige_verlenging", "loonsanctie"]))
        ext: dict[str, Any] = {
            "type": kind,
            "decided": decided,
            "last_wage_day": first + dt.timedelta(days=draw(st.integers(730, 1100))),
        }
        if kind == "loonsanctie" and draw(st.booleans()):
            ext["ends"] = decided + dt.timedelta(days=draw(st.integers(0, 300)))
        data["extensions"] = [ext]
    as_of = day(-5, 1300)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True), as_of


@MANY
@given(generated())
def test_check_timeline_and_deadlines_agree_on_every_milestone(
    drawn: tuple[str, dt.date],
) -> None:
    text, as_of = drawn
    loaded = load_text(text, "gen.yaml")
    assert loaded.case is not None, [f.message for f in loaded.findings]
    until = as_of + dt.timedelta(days=WINDOW)
    result = engine.file_result(
        loaded, as_of, engine.Settings(), findings=True, agenda=True, until=until
    )
    from wvp_cli.core import clock

    tl = clock.compute(loaded.case, as_of)
    doc = json.loads(timeline_json(loaded.case.id, "gen.yaml", tl))
    status = {row["milestone"]: row["status"] for row in doc["milestones"]}
    due = {row["milestone"]: dt.date.fromisoformat(row["due"]) for row in doc["milestones"]}
    assert status == {m.code: m.status for m in tl.milestones}

    # check: a deadline rule speaks of a milestone exactly when its status asks for it.
    for milestone, code in RULE_OF.items():
        found = [f for f in result.findings if f.rule == code and f.milestone == milestone]
        levels = sorted(f.severity.value for f in found)
        if milestone == "evaluatie":
            # WVP103 also warns about gaps between earlier moments; its error is the overdue one.
            assert ("error" in levels) == (status[milestone] == "overdue"), (milestone, levels)
            continue
        expected = {
            "overdue": [engine_severity(code)],
            "late": ["warning"],
            "waived": ["info"],
        }.get(status[milestone], [])
        assert levels == expected, (milestone, status[milestone], levels)

    # deadlines: the agenda lists every overdue and every open milestone due in the window.
    rows = agenda.select([result], as_of, until)
    listed = {(d.milestone, d.status) for d in rows.deadlines if d.milestone in status}
    wanted = {
        (code, "overdue")
        for code in MILESTONES
        if status[code] == "overdue" and code != "einde_wachttijd"
    } | {(code, "open") for code in MILESTONES if status[code] == "open" and due[code] <= until}
    assert listed == wanted
    # cases: the portfolio's next step is the soonest the agenda lists (information last), its
    # error count that of check, its state that of the clock.
    line = portfolio.row(loaded.case, "gen.yaml", tl, result.findings)
    everything = agenda.select(
        [engine.file_result(loaded, as_of, engine.Settings(), findings=False, agenda=True)],
        as_of,
        dt.date.max,
    )
    listed_all = [(d.due, d.milestone, d.status) for d in everything.deadlines]
    listed_all += [
        (due[code], code, "open")
        for code in MILESTONES
        if code == "einde_wachttijd" and status[code] == "open"
    ]
    steps = [i for i in listed_all if i[1] != "einde_wachttijd"] or listed_all
    if line.next_step is not None:
        next_step = (line.next_step.date, line.next_step.code, line.next_step.status)
        assert next_step == min(steps)
    elif line.state in portfolio.ACTIVE:
        assert steps == []
    assert line.errors == sum(1 for f in result.findings if f.severity.value == "error")
    assert (line.state == "afgesloten") == (tl.state == "closed")
    if tl.state == "wachttijd_voorbij":
        assert line.state == "wachttijd_voorbij"

    # Nothing falls due after the wachttijd, in any list.
    if tl.state == "wachttijd_voorbij":
        assert all(d.due <= tl.last_wage_day for d in rows.deadlines)
        assert all(d.status == "overdue" for d in rows.deadlines)


def engine_severity(code: str) -> str:
    from wvp_cli.rules import all_rules

    return all_rules()[code].severity.value
