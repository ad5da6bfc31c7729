"""Meta tests of the milestone table (core/milestones.py): it is the one place a milestone is
written, and everything that knows milestones (clock, deadline rules, agenda, timeline, documents,
rule docs) follows it."""

from __future__ import annotations

import ast
import datetime as dt
import re
import typing
from pathlib import Path

from conftest import MINIMAL
from wvp_cli.core import agenda, clock, milestones
from wvp_cli.core.loader import load_text
from wvp_cli.core.milestones import (
    ITEM_INFO,
    TABLE,
    After,
    BeforeEnd,
    Cadence,
    DeadlineRule,
    Milestone,
    NextWorkingDay,
    Offset,
)
from wvp_cli.core.model import EVENT_TYPES, Event
from wvp_cli.engine import FileResult, Settings, case_facts, stamp
from wvp_cli.report.agenda import to_text
from wvp_cli.report.ics import ics_summary
from wvp_cli.rules import Context, all_rules
from wvp_cli.rules.deadlines import deadline_rules

SRC = Path(milestones.__file__).resolve().parent.parent


def _event_classes() -> dict[str, type]:
    """Event type -> its model class, from the discriminated union `model.Event`."""
    union = typing.get_args(Event)[0]
    found: dict[str, type] = {}
    for cls in typing.get_args(union):
        (literal,) = typing.get_args(cls.model_fields["type"].annotation)
        found[literal] = cls
    return found


def test_every_milestone_has_an_event_class_and_the_event_types_are_the_union() -> None:
    classes = _event_classes()
    for m in TABLE:
        assert m.code in classes, f"{m.code}: no event class in model.Event"
    assert set(EVENT_TYPES) == set(classes)
    assert set(EVENT_TYPES) >= {m.code for m in TABLE} | set(ITEM_INFO)


def test_the_literal_of_milestone_codes_follows_the_table() -> None:
    assert typing.get_args(milestones.MilestoneCode) == tuple(m.code for m in TABLE)
    assert tuple(m.code for m in TABLE) == milestones.MILESTONES


def test_every_milestone_has_titles_a_source_and_a_rule_in_its_range() -> None:
    rules = all_rules()
    for m in TABLE:
        assert m.title and m.short_title and m.who and m.source, m.code
        assert len(m.short_title) <= 26, m.code  # the agenda's narrow column
        assert m.severity in {"error", "warning", "info"}
        if m.rule is None:
            assert m.severity == "info", f"{m.code}: a task without a rule"
            continue
        # First sick year WVP1xx, second year and WIA WVP2xx.
        assert re.fullmatch(r"WVP[12]\d\d", m.rule.code), m.code
        rule = rules[m.rule.code]
        assert rule.slug == m.rule.slug
        assert rule.source == m.source or m.source in rule.source
        assert m.rule.todo


def test_every_due_names_events_and_offsets_that_exist() -> None:
    def check(due: object) -> None:
        if isinstance(due, Offset):
            assert 0 <= due.days <= milestones.OFFSET_E
        elif isinstance(due, After):
            assert due.event in EVENT_TYPES and due.days > 0
            check(due.otherwise)
        elif isinstance(due, NextWorkingDay):
            check(due.of)
        elif isinstance(due, (BeforeEnd, Cadence)):
            assert due.days > 0

    for m in TABLE:
        check(m.due)


def test_no_interval_of_the_law_is_written_as_a_bare_number_outside_the_table() -> None:
    """The clock and the rules take their intervals from the table's named constants."""
    law = {28, 42, 91, 77, 364, 14, 41, 55, 294, 315, 363, 405, 636, 650, 727}
    clock_modules = ("clock.py", "summed.py", "course.py", "tweede_spoor.py")
    for path in [SRC / "core" / name for name in clock_modules]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        numbers = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and type(node.value) is int
        }
        assert not numbers & law, f"{path.name}: {sorted(numbers & law)}"
    for path in (SRC / "rules").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        numbers = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and type(node.value) is int
        }
        assert not numbers & {91, 77, 364}, f"{path.name}: {sorted(numbers & law)}"


EXTRA = Milestone(
    "testmijlpaal",
    "Testmijlpaal voor de tabel",
    "Testmijlpaal",
    "werkgever",
    "Testbron art. 99",
    "error",
    Offset(100),
    DeadlineRule("WVP199", "testmijlpaal-op-tijd", "doe de testmijlpaal"),
)


def test_one_extra_entry_reaches_clock_rule_agenda_and_docs() -> None:
    table = (*TABLE, EXTRA)
    loaded = load_text(MINIMAL, "t.yaml")
    case = loaded.case
    assert case is not None
    as_of = dt.date(2026, 6, 1)

    # The clock: a row for the new entry, due on the 101st counted sick day (from 1 January).
    timeline = clock.compute(case, as_of, table)
    row = timeline.milestone("testmijlpaal")
    assert row.due == dt.date(2026, 4, 11)
    assert row.status == "overdue"
    assert [m.code for m in clock.compute(case, as_of).milestones] == list(milestones.MILESTONES)

    # The rule: made from the entry, with its code, its severity and its wording.
    (rule,) = [r for r in deadline_rules(table) if r.code == "WVP199"]
    assert rule.slug == "testmijlpaal-op-tijd" and rule.source == "Testbron art. 99"
    ctx = Context(loaded.file, loaded.source, as_of, timeline)
    (problem,) = rule.check(case, ctx) if rule.check else ()
    finding = stamp(rule, problem, Settings(), lambda p, k: loaded.source.locate(p, key=k), "t-1")
    assert finding.rule == "WVP199" and finding.severity == "error"
    assert problem.kind is None and finding.milestone == "testmijlpaal"
    assert finding.message.startswith("Testmijlpaal voor de tabel ontbreekt")
    assert finding.message.endswith("doe de testmijlpaal")

    # The docs: the rule's documentation is written from the entry.
    assert "Testbron art. 99" in rule.doc and "type: testmijlpaal" in rule.doc
    assert "Wie: werkgever" in rule.doc
    assert "Who: werkgever" in rule.doc_en

    # The agenda: listed as overdue, named by its short title.
    facts = case_facts(case, as_of, timeline)
    result = FileResult(file="t.yaml", case_id=case.id, valid=True, facts=facts)
    listed = agenda.select([result], as_of, as_of + dt.timedelta(days=14), table=table)
    (row_of_agenda,) = [d for d in listed.deadlines if d.milestone == "testmijlpaal"]
    assert row_of_agenda.short_title == "Testmijlpaal"
    assert row_of_agenda.who == "werkgever" and row_of_agenda.source == "Testbron art. 99"
    assert "Testmijlpaal" in to_text(listed)
    assert ics_summary(row_of_agenda) == "Te laat: Testmijlpaal — t-1 (A. Jansen)"
