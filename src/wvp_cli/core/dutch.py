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


# The Dutch words a casemanager types for the format's names (keys and event types). The
# format's names stay as they are (the law's Dutch terms, English programming words); these
# only make "bedoelde je …" find them.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "doel": ("goal",),
    "wie": ("who",),
    "wat": ("what",),
    "wanneer": ("by", "date"),
    "uiterlijk": ("by",),
    "door": ("by",),
    "functie": ("job",),
    "datum": ("date",),
    "naam": ("name",),
    "werknemer": ("employee",),
    "werkgever": ("employer",),
    "ziek": ("sickness",),
    "ziekte": ("sickness",),
    "verzuim": ("sickness",),
    "verlof": ("leave",),
    "van": ("from",),
    "vanaf": ("from",),
    "tot": ("to",),
    "totenmet": ("to",),
    "reden": ("reason", "stop_reason"),
    "toelichting": ("note",),
    "opmerking": ("note",),
    "notitie": ("note",),
    "samenvatting": ("summary",),
    "conclusie": ("conclusion",),
    "uitkomst": ("outcome",),
    "resultaat": ("result",),
    "vraag": ("question",),
    "activiteiten": ("activities",),
    "acties": ("activities",),
    "stappen": ("steps",),
    "visiewerkgever": ("employer_view",),
    "visiewerknemer": ("employee_view",),
    "uren": ("hours_per_week",),
    "urenperweek": ("hours_per_week",),
    "vaardigheden": ("skills",),
    "opleiding": ("skills",),
    "aardbedrijf": ("business",),
    "bedrijf": ("business",),
    "aanbieder": ("provider",),
    "bureau": ("provider",),
    "reintegratiebureau": ("provider",),
    "adviseur": ("adviser",),
    "gebeurtenissen": ("events",),
    "afwijkingen": ("deviations",),
    "mijlpaal": ("milestone",),
    "instemming": ("agreed_by_employee",),
    "akkoord": ("agreed_by_employee",),
    "besluit": ("decided",),
    "telefoon": ("phone",),
    "prognose": ("prognosis",),
    "advies": ("advice",),
    "mogelijkheden": ("possibilities",),
    "soort": ("type",),
    "gesprek": ("evaluatie",),
    "voortgangsgesprek": ("evaluatie",),
    "plan": ("plan_van_aanpak",),
    "ziekmelding": ("ziekmelding_arbodienst",),
    "tweedespoor": ("start_tweede_spoor",),
    "wia": ("wia_aanvraag",),
    "evaluatieeerstejaar": ("eerstejaarsevaluatie",),
    "reintegratieverslag": ("re_integratieverslag",),
}


def _folded(word: str) -> str:
    """`Visie werknemer`, `visie-werknemer` and `visie_werknemer` are one word here."""
    return "".join(c for c in word.lower() if c.isalnum()).replace("ë", "e")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`; bedoelde je 'goal'?`, or nothing when no choice is close. A Dutch word for one of the
    choices (`doel`, `wie`, `datum`, `gesprek`) counts as close."""
    options = list(choices)
    for meant in SYNONYMS.get(_folded(word), ()):
        if meant in options:
            return f"; bedoelde je '{meant}'?"
    close = nearest(word, options)
    return f"; bedoelde je '{close}'?" if close else ""


#: A milestone's status, and a case's state, in Dutch (the timeline and the documents).
#: A finding's level as text output names it.
SEVERITY_WORDS = {"error": "fout", "warning": "waarschuwing", "info": "info"}

STATUS_WORDS = {
    "done": "gedaan",
    "late": "te laat gedaan",
    "open": "open",
    "overdue": "verlopen",
    "waived": "afgeweken",
    "paused": "gepauzeerd",
    "not_applicable": "n.v.t.",
}
STATE_WORDS = {
    "sick": "ziek",
    "recovered": "hersteld (gepauzeerd)",
    "closed": "afgesloten",
    "wachttijd_voorbij": "wachttijd afgelopen",
}
