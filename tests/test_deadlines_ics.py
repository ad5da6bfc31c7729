"""`wvp deadlines --format ics`, read back by a small RFC 5545 parser of our own.

The parser here shares nothing with the `icalendar` library that writes the file: it unfolds
lines (section 3.1), splits name, parameters and value, and unescapes TEXT (section 3.3.11).
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, run_cli

DATA = "tests/data/deadlines"
AS_OF = "2026-11-24"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@dataclass
class Prop:
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    props: dict[str, list[Prop]] = field(default_factory=dict)
    children: list[Component] = field(default_factory=list)

    def one(self, name: str) -> Prop:
        found = self.props[name]
        assert len(found) == 1, f"{name} appears {len(found)} times"
        return found[0]


def unfold(data: bytes) -> list[str]:
    """RFC 5545 3.1: lines end in CRLF; a line starting with a space or tab continues the last."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    physical = text[:-2].split("\r\n")
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, f"line longer than 75 octets: {line!r}"
    logical: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


_CONTENT = re.compile(r"^(?P<name>[A-Za-z0-9-]+)(?P<params>(;[^:]*)?):(?P<value>.*)$")


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(data: bytes) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        match = _CONTENT.match(line)
        assert match, f"not a content line: {line!r}"
        name, value = match["name"].upper(), match["value"]
        params = dict(
            p.split("=", 1)
            for p in match["params"].split(";")
            if p  # no quoted params here
        )
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            else:
                root = component
            stack.append(component)
        elif name == "END":
            assert stack.pop().name == value
        else:
            stack[-1].props.setdefault(name, []).append(Prop(params, value))
    assert not stack and root is not None
    return root


def ics(*args: str) -> bytes:
    run = run_cli("deadlines", DATA, "--as-of", AS_OF, "--exclude", "invalid-*", "-f", "ics", *args)
    assert run.code == 0, run.err
    return run.out.encode("utf-8")


# (uid, date, summary) of every event in the default window, in the agenda's order.
EXPECTED = [
    (
        "dl-01-ziekmelding_arbodienst@wvp",
        "20260907",
        "Te laat: Ziekmelding arbodienst — dl-01 (A. Voorbeeld)",
    ),
    (
        "dl-02-ziekmelding_arbodienst@wvp",
        "20260907",
        "Te laat: Ziekmelding arbodienst — dl-02 (B. Proef)",
    ),
    ("dl-01-probleemanalyse@wvp", "20261012", "Te laat: Probleemanalyse — dl-01 (A. Voorbeeld)"),
    ("dl-02-probleemanalyse@wvp", "20261012", "Te laat: Probleemanalyse — dl-02 (B. Proef)"),
    ("dl-01-plan_van_aanpak@wvp", "20261026", "Te laat: Plan van aanpak — dl-01 (A. Voorbeeld)"),
    ("dl-02-plan_van_aanpak@wvp", "20261026", "Te laat: Plan van aanpak — dl-02 (B. Proef)"),
    ("dl-vandaag-evaluatie@wvp", "20261124", "Evaluatie — dl-vandaag (C. Vandaag)"),
    ("dl-riv-actueel_oordeel@wvp", "20261130", "Actueel oordeel — dl-riv (F. Tweedejaar)"),
    ("dl-riv-eindevaluatie@wvp", "20261130", "Eindevaluatie — dl-riv (F. Tweedejaar)"),
    (
        "dl-riv-re_integratieverslag@wvp",
        "20261130",
        "Re-integratieverslag — dl-riv (F. Tweedejaar)",
    ),
    ("dl-e-einde_wachttijd@wvp", "20261201", "Einde wachttijd — dl-e (G. Eindstreep)"),
    ("dl-rand-evaluatie@wvp", "20261208", "Evaluatie — dl-rand (D. Rand)"),
]


def test_every_event_has_its_uid_date_and_summary() -> None:
    calendar = parse(ics())
    assert calendar.name == "VCALENDAR"
    assert calendar.one("VERSION").value == "2.0"
    assert calendar.one("PRODID").value
    events = [c for c in calendar.children if c.name == "VEVENT"]
    found = [
        (e.one("UID").value, e.one("DTSTART").value, unescape(e.one("SUMMARY").value))
        for e in events
    ]
    assert found == EXPECTED


def test_events_are_all_day_with_a_stamp_from_as_of() -> None:
    for event in parse(ics()).children:
        start, end = event.one("DTSTART"), event.one("DTEND")
        assert start.params == {"VALUE": "DATE"}
        assert end.params == {"VALUE": "DATE"}
        first = dt.datetime.strptime(start.value, "%Y%m%d").date()
        assert dt.datetime.strptime(end.value, "%Y%m%d").date() == first + dt.timedelta(days=1)
        assert event.one("DTSTAMP").value == "20261124T000000Z"
        assert event.one("TRANSP").value == "TRANSPARENT"


def test_description_names_the_legal_source_and_who() -> None:
    events = {e.one("UID").value: e for e in parse(ics()).children}
    plan = unescape(events["dl-01-plan_van_aanpak@wvp"].one("DESCRIPTION").value)
    assert "Bron: Regeling procesgang art. 4 lid 1" in plan
    assert "Wie: werkgever + werknemer" in plan
    assert "Casemanager: S. Visser" in plan
    einde = unescape(events["dl-e-einde_wachttijd@wvp"].one("DESCRIPTION").value)
    assert "Bron: BW 7:629 lid 1; WIA art. 23" in einde
    assert "Wie: —" in einde


def test_rerun_is_byte_identical_and_uids_do_not_depend_on_the_date() -> None:
    first = ics()
    assert ics() == first
    later = run_cli(
        "deadlines", DATA, "--as-of", "2026-11-25", "--exclude", "invalid-*", "-f", "ics"
    ).out.encode("utf-8")
    uids_now = {e.one("UID").value for e in parse(first).children}
    uids_later = {e.one("UID").value for e in parse(later).children}
    assert "dl-rand-evaluatie@wvp" in uids_now & uids_later
    stamps = {e.one("DTSTAMP").value for e in parse(later).children}
    assert stamps == {"20261125T000000Z"}


def test_ics_file_written_with_o_is_the_same_bytes(tmp_path: Path) -> None:
    target = tmp_path / "termijnen.ics"
    run = run_cli("deadlines", DATA, "--as-of", AS_OF, "--exclude", "invalid-*", "-o", str(target))
    assert run.code == 0, run.err
    assert target.read_bytes() == ics()


def test_ics_on_a_real_stdout_is_the_same_bytes(tmp_path: Path) -> None:
    # In-process runs write text; a real process writes the bytes to stdout's buffer.
    argv = [sys.executable, "-m", "wvp_cli", "deadlines", DATA, "--as-of", AS_OF]
    argv += ["--exclude", "invalid-*", "-f", "ics"]
    result = subprocess.run(argv, capture_output=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ics()


def test_uid_of_an_odd_case_id_is_sanitised_and_still_distinct(tmp_path: Path) -> None:
    text = (ROOT / DATA / "dl-02.yaml").read_text()
    (tmp_path / "a.yaml").write_text(text.replace('id: "dl-02"', 'id: "team a/2026 014"'))
    (tmp_path / "b.yaml").write_text(text.replace('id: "dl-02"', 'id: "team a 2026/014"'))
    run = run_cli(
        "deadlines",
        str(tmp_path),
        "--as-of",
        AS_OF,
        "-f",
        "ics",
        "--case",
        "team a/2026 014",
        "--case",
        "team a 2026/014",
        "--milestone",
        "probleemanalyse",
    )
    assert run.code == 0, run.err
    uids = [e.one("UID").value for e in parse(run.out.encode("utf-8")).children]
    assert uids == [
        "team%20a%202026%2F014-probleemanalyse@wvp",
        "team%20a%2F2026%20014-probleemanalyse@wvp",
    ]


def test_empty_agenda_is_still_a_calendar() -> None:
    run = run_cli("deadlines", f"{DATA}/dl-afgesloten.yaml", "--as-of", AS_OF, "-f", "ics")
    assert run.code == 0
    calendar = parse(run.out.encode("utf-8"))
    assert calendar.name == "VCALENDAR"
    assert calendar.children == []
