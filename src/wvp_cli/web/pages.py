"""The words and signs the templates use, from the same tables as the terminal output: a
status reads the same in `wvp timeline` and on the case page. Each returns a `Label` (text wvp
writes itself) or a plain string from a case (masked when printed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wvp_cli.core.dutch import STATE_WORDS as CLOCK_STATES
from wvp_cli.core.dutch import STATUS_WORDS, long_date, short_date
from wvp_cli.web.masking import Label
from wvp_cli.web.views import STATUS_SIGNS


def status_word(status: str) -> Label:
    return Label(STATUS_WORDS.get(status, status))


def status_sign(status: str) -> Label:
    return Label(STATUS_SIGNS.get(status, "?"))


def day_text(day: dt.date | None) -> Label:
    return Label(long_date(day) if day else "—")


def short_day(day: dt.date | None) -> Label:
    return Label(short_date(day) if day else "—")


def days_left(days: int | None) -> Label:
    from wvp_cli.report.agenda import days_text

    return Label("—" if days is None else days_text(days))


def milestone_title(code: str) -> Label:
    from wvp_cli.core.milestones import ITEM_INFO, MILESTONE_INFO

    info = MILESTONE_INFO.get(code) or ITEM_INFO.get(code)
    return Label(info.title if info else code.replace("_", " "))


def milestone_who(code: str) -> Label:
    from wvp_cli.core.milestones import ITEM_INFO, MILESTONE_INFO

    info = MILESTONE_INFO.get(code) or ITEM_INFO.get(code)
    return Label(info.who if info else "")


def milestone_source(code: str) -> Label:
    from wvp_cli.core.milestones import ITEM_INFO, MILESTONE_INFO

    info = MILESTONE_INFO.get(code) or ITEM_INFO.get(code)
    return Label(info.source if info else "")


def clock_state(state: str) -> Label:
    return Label(CLOCK_STATES.get(state, state))


def row_text(kind: str, row: Any) -> Label:
    """A cell of the portfolio as `wvp cases` writes it (state, next and last step, track, RIV)."""
    from wvp_cli.report import cases

    functions = {
        "state": cases.state_text,
        "next": cases.next_text,
        "last": cases.last_text,
        "track": cases.track_text,
        "riv": cases.riv_text,
    }
    return Label(functions[kind](row))


def label(text: str) -> Label:
    return Label(text)


def raw(text: str) -> Label:
    """A value a form or a link must send back as it is (a file name, a digest): not masked.
    What the page shows of it is masked where it is shown."""
    return Label(text)


def query(text: str) -> Label:
    """`text` for a query string (the `q` filter): percent-encoded, never masked, or a link to
    a file whose name holds a number or a word the masking takes would lead nowhere."""
    from urllib.parse import quote

    return Label(quote(str(text), safe=""))


GLOBALS: dict[str, Any] = {
    "status_word": status_word,
    "status_sign": status_sign,
    "day_text": day_text,
    "short_day": short_day,
    "days_left": days_left,
    "milestone_title": milestone_title,
    "milestone_who": milestone_who,
    "milestone_source": milestone_source,
    "clock_state": clock_state,
    "row_text": row_text,
    "label": label,
    "raw": raw,
}
FILTERS: dict[str, Any] = {"q": query}
