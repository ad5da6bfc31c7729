"""Calendars that alarm: `wvp deadlines --format ics` with one VALARM per event and a SEQUENCE
that rises with the peildatum, read back by the `icalendar` library; and one feed per
casemanager with `-o 'agenda-{casemanager}.ics'`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import SAMPLES, run_cli

AS_OF = "2026-11-24"


def ics(*args: str, as_of: str = AS_OF) -> Calendar:
    run = run_cli(
        "deadlines", str(SAMPLES), "--exclude", "invalid-*", "--as-of", as_of, "--days", "42",
        "-f", "ics", *args,
    )  # fmt: skip
    assert run.code == 0, run.err
    return Calendar.from_ical(run.out.encode("utf-8"))


def test_one_alarm_per_event_a_day_before_at_nine() -> None:
    events = list(ics().walk("VEVENT"))
    assert len(events) > 3
    for event in events:
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1
        alarm = alarms[0]
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
        trigger = alarm["TRIGGER"].dt
        start = dt.datetime.combine(event["DTSTART"].dt, dt.time())
        assert start + trigger == start - dt.timedelta(days=1) + dt.timedelta(hours=9)


def test_alarm_days_and_no_alarm() -> None:
    for event in ics("--alarm-days", "3").walk("VEVENT"):
        (alarm,) = [c for c in event.subcomponents if c.name == "VALARM"]
        assert alarm["TRIGGER"].dt == dt.timedelta(days=-3, hours=9)
    for event in ics("--alarm-days", "0").walk("VEVENT"):
        (alarm,) = [c for c in event.subcomponents if c.name == "VALARM"]
        assert alarm["TRIGGER"].dt == dt.timedelta(hours=9)
    assert not list(ics("--no-alarm").walk("VALARM"))
    both = run_cli("deadlines", str(SAMPLES), "-f", "ics", "--no-alarm", "--alarm-days", "2")
    assert both.code == 2
    bad = run_cli("deadlines", str(SAMPLES), "-f", "ics", "--alarm-days", "-1")
    assert bad.code == 2 and "--alarm-days" in bad.err


def test_sequence_rises_with_the_peildatum_and_the_uid_stays() -> None:
    today = {str(e["UID"]): int(e["SEQUENCE"]) for e in ics().walk("VEVENT")}
    later = {str(e["UID"]): int(e["SEQUENCE"]) for e in ics(as_of="2026-11-25").walk("VEVENT")}
    common = set(today) & set(later)
    assert common
    assert all(later[uid] > today[uid] for uid in common)
    assert ics().to_ical() == ics().to_ical()  # the same date: the same bytes


def test_one_file_per_casemanager(tmp_path: Path) -> None:
    pattern = tmp_path / "agenda-{casemanager}.ics"
    run = run_cli(
        "deadlines", str(SAMPLES), "--exclude", "invalid-*", "--as-of", AS_OF, "--days", "42",
        "-o", str(pattern),
    )  # fmt: skip
    assert run.code == 0, run.err
    listing = run_cli(
        "deadlines", str(SAMPLES), "--exclude", "invalid-*", "--as-of", AS_OF, "--days", "42",
        "-f", "json",
    )  # fmt: skip
    rows = json.loads(listing.out)["deadlines"]
    written = sorted(tmp_path.glob("agenda-*.ics"))
    assert len(written) > 2
    uids: set[str] = set()
    for path in written:
        calendar = Calendar.from_ical(path.read_bytes())
        names = {
            line.removeprefix("Casemanager: ")
            for event in calendar.walk("VEVENT")
            for line in str(event["DESCRIPTION"]).splitlines()
            if line.startswith("Casemanager: ")
        }
        assert len(names) <= 1, (path, names)  # one person's feed
        uids |= {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert uids == {f"{r['case']}-{r['milestone']}@wvp" for r in rows}
    assert "agenda-p-bakker-demo.ics" in {p.name for p in written}
    again = run_cli("deadlines", str(SAMPLES), "--exclude", "invalid-*", "-o", str(pattern))
    assert again.code == 2 and "--force" in again.err


@pytest.mark.parametrize(
    ("name", "slug"),
    [("S. de Vries", "s-de-vries"), ("Łukasz Żółć", "ukasz-zoc"), (None, "zonder-casemanager")],
)
def test_file_slug(name: str | None, slug: str) -> None:
    from wvp_cli.cli.deadlines import file_slug

    assert file_slug(name) == slug
