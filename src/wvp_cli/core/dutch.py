"""Dutch wording that does not depend on the machine's locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAYS_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """`17 februari 2026`, or `dinsdag 17 februari 2026` with `weekday=True`."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def short_date(day: dt.date) -> str:
    """`di 17-02-2026`: compact, for tables."""
    return f"{WEEKDAYS_SHORT[day.weekday()]} {day:%d-%m-%Y}"


def days(n: int) -> str:
    """`1 dag`, `3 dagen`."""
    return f"{n} dag" if abs(n) == 1 else f"{n} dagen"


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped `word`, if one is close enough."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`; bedoelde je 'goal'?`, or nothing when no choice is close."""
    close = nearest(word, choices)
    return f"; bedoelde je '{close}'?" if close else ""
