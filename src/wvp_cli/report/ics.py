"""An agenda -> an RFC 5545 calendar (`wvp deadlines --format ics`): one all-day event per
listed milestone, deterministic bytes. `icalendar` is imported only when an `.ics` is made, so
that the other formats start fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING
from urllib.parse import quote

from wvp_cli.core.agenda import Agenda, Deadline
from wvp_cli.core.dutch import long_date
from wvp_cli.report.agenda import days_text

if TYPE_CHECKING:
    from wvp_cli.report.output import Out
    from wvp_cli.report.registry import AgendaReport

PRODID = "-//wvp//wvp deadlines//NL"

#: The reminder of every event: this many days before the due date ...
ALARM_DAYS = 1
#: ... at this hour (local time of the calendar: the events are all-day, floating dates).
ALARM_HOUR = 9
#: SEQUENCE counts days from here: a later peildatum gives a higher SEQUENCE.
_SEQUENCE_EPOCH = dt.date(2000, 1, 1)


def sequence(as_of: dt.date) -> int:
    """The SEQUENCE of every event made at `as_of`: it rises with the peildatum, so that clients
    that compare it (RFC 5545 3.8.7.4; Outlook among them) take a new file as an update of the
    events they have, and it stays the same for the same date (the same bytes)."""
    return max(0, (as_of - _SEQUENCE_EPOCH).days)


def alarm_trigger(days: int) -> dt.timedelta:
    """Relative to the start of an all-day event (00:00 of the due date): `days` before it, at
    ALARM_HOUR. One day before is `-PT15H`."""
    return dt.timedelta(days=-days, hours=ALARM_HOUR)


def uid(d: Deadline) -> str:
    """`{case}-{milestone}@wvp`, the case id percent-encoded so that distinct ids stay distinct.

    Stable across runs and dates, so a calendar that imports the file again updates the event.
    """
    return f"{quote(d.case, safe='-._~')}-{d.milestone}@wvp"


def ics_summary(d: Deadline) -> str:
    """`Plan van aanpak — 2026-014 (M. de Boer)`; overdue ones start with "Te laat:"."""
    text = f"{d.short_title} — {d.case} ({d.employee})"
    return f"Te laat: {text}" if d.status == "overdue" else text


def ics_description(d: Deadline, as_of: dt.date) -> str:
    state = (
        f"te laat ({days_text(d.days_left)})"
        if d.status == "overdue"
        else f"open, {days_text(d.days_left)}"
    )
    lines = [
        f"{d.title}, uiterlijk {long_date(d.due, weekday=True)} (week {d.week} van de wachttijd).",
        f"Wie: {d.who}",
        f"Bron: {d.source}",
        f"Case: {d.case}, {d.employee}",
        f"Casemanager: {d.casemanager or '—'}",
        f"Bestand: {d.file}",
        f"Stand op {long_date(as_of)}: {state}.",
        "Gemaakt met wvp deadlines; geen juridisch advies.",
    ]
    return "\n".join(lines)


def to_ics(agenda: Agenda, alarm_days: int | None = ALARM_DAYS) -> bytes:
    """An RFC 5545 calendar: one all-day event per listed milestone, deterministic bytes.

    Every event carries one VALARM, `alarm_days` days before its due date at ALARM_HOUR (none
    with `alarm_days=None`), and the SEQUENCE of the peildatum.
    """
    from icalendar import Alarm, Calendar, Event

    # DTSTAMP from as_of, not the clock: the same files and date give the same bytes, and a
    # later as_of makes a later stamp, so calendars take the new version as an update.
    stamp = dt.datetime.combine(agenda.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Termijnen Poortwachter (wvp)")
    seen: set[str] = set()
    for d in agenda.deadlines:
        ident = uid(d)
        if ident in seen:
            # The same case id in two files (wvp check reports it): keep the UIDs unique.
            digest = hashlib.sha256(d.file.encode("utf-8")).hexdigest()[:8]
            ident = ident.replace("@wvp", f"-{digest}@wvp")
        seen.add(ident)
        event = Event()
        event.add("uid", ident)
        event.add("dtstamp", stamp)
        event.add("dtstart", d.due)
        event.add("dtend", d.due + dt.timedelta(days=1))
        event.add("summary", ics_summary(d))
        event.add("description", ics_description(d, agenda.as_of))
        event.add("categories", ["Poortwachter"])
        event.add("transp", "TRANSPARENT")
        event.add("sequence", sequence(agenda.as_of))
        if alarm_days is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", ics_summary(d))
            alarm.add("trigger", alarm_trigger(alarm_days))
            event.add_component(alarm)
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def report_ics(report: AgendaReport, out: Out) -> None:
    """The `ics` reporter (report/registry.py)."""
    out.write_bytes(to_ics(report.agenda, alarm_days=report.alarm_days))
