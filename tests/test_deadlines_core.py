"""The pure core of `wvp deadlines`: engine.build_agenda on loaded files, without the CLI."""

from __future__ import annotations

import datetime as dt

from conftest import MINIMAL, ROOT
from wvp_cli import engine
from wvp_cli.core import agenda
from wvp_cli.core.loader import load_text

AS_OF = dt.date(2026, 11, 24)


def test_parties_of_a_shared_milestone() -> None:
    assert agenda.parties_of("plan_van_aanpak") == {"werkgever", "werknemer"}
    assert agenda.parties_of("probleemanalyse") == {"bedrijfsarts"}
    assert agenda.parties_of("einde_wachttijd") == frozenset()


def test_window_end() -> None:
    assert agenda.window_end(AS_OF) == dt.date(2026, 12, 8)
    assert agenda.window_end(AS_OF, days=0) == AS_OF
    assert agenda.window_end(AS_OF, until=dt.date(2027, 1, 1)) == dt.date(2027, 1, 1)


def test_build_is_pure_and_sorted() -> None:
    # MINIMAL: D = 2026-01-01, nothing done; on 2026-11-24 the first milestones are overdue.
    loaded = load_text(MINIMAL, "t.yaml")
    first = engine.build_agenda([loaded], AS_OF, agenda.window_end(AS_OF))
    assert first == engine.build_agenda([loaded], AS_OF, agenda.window_end(AS_OF))
    assert [d.milestone for d in first.overdue][:3] == [
        "ziekmelding_arbodienst",
        "probleemanalyse",
        "plan_van_aanpak",
    ]
    assert all(d.days_left < 0 for d in first.overdue)
    assert list(first.deadlines) == sorted(first.deadlines, key=agenda.Deadline.sort_key)
    assert first.cases == 1
    assert first.skipped == ()


def test_invalid_file_is_skipped_not_dropped() -> None:
    loaded = load_text("wvp: 1\nid: x\n", "kapot.yaml")
    result = engine.build_agenda([loaded], AS_OF, AS_OF)
    assert result.deadlines == ()
    assert [(s.file, s.unreadable) for s in result.skipped] == [("kapot.yaml", False)]
    assert result.skipped[0].findings >= 1


def test_the_agenda_of_a_case_keeps_only_what_its_window_can_list() -> None:
    """A result is kept for every case of the repository: overdue items always, open ones only
    up to the end of the window, the same rows as from every item."""
    from wvp_cli.engine import Settings, case_facts, file_result

    loaded = load_text(
        (ROOT / "sample_cases" / "tweede-jaar-tweede-spoor.yaml").read_text(), "c.yaml"
    )
    assert loaded.case is not None
    every = case_facts(loaded.case, AS_OF).items
    until = AS_OF + dt.timedelta(days=30)
    window = case_facts(loaded.case, AS_OF, until=until).items
    assert {i.status for i in every} <= {"open", "overdue"}
    assert any(i.status == "open" and i.due > until for i in every)  # the case has later items
    assert window == tuple(i for i in every if i.status == "overdue" or i.due <= until)
    full = file_result(loaded, AS_OF, Settings(), findings=False, agenda=True)
    assert engine.build_agenda([loaded], AS_OF, until) == agenda.select([full], AS_OF, until)
