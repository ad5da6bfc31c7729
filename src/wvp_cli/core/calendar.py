"""The calendar of the law: adding days without falling off the calendar, and working days
(Algemene termijnenwet: weekends and the holidays of art. 3)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

_ONE = dt.timedelta(days=1)


def add_days(day: dt.date, days: int) -> dt.date:
    """`day + days`, clamped to the calendar instead of raising at its ends."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def easter(year: int) -> dt.date:
    """Easter Sunday of `year` (Gregorian computus, the anonymous algorithm of Meeus)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=256)
def holidays(year: int) -> frozenset[dt.date]:
    """The holidays of Algemene termijnenwet art. 3 in `year`.

    Lid 1: Nieuwjaarsdag, 2e Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
    Sunday; before 2014 Koninginnedag 30 April, or 29 April when the 30th is a Sunday), 5 mei,
    Hemelvaartsdag, 2e Pinksterdag, 1e en 2e Kerstdag; the Atw counts 5 mei every year.
    Lid 2 puts Goede Vrijdag on the same footing (docs/poortwachter.md, section 2).
    """
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return frozenset()
    pasen = easter(year)
    # Koningsdag since 2014, Koninginnedag before (Atw art. 3 lid 1, "verjaardag van de Koning").
    koningsdag = dt.date(year, 4, 27) if year >= 2014 else dt.date(year, 4, 30)
    if koningsdag.weekday() == 6:
        koningsdag -= _ONE
    return frozenset(
        {
            dt.date(year, 1, 1),
            pasen - dt.timedelta(days=2),  # Goede Vrijdag (Atw art. 3 lid 2)
            pasen + dt.timedelta(days=1),
            koningsdag,
            dt.date(year, 5, 5),
            pasen + dt.timedelta(days=39),
            pasen + dt.timedelta(days=50),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        }
    )


def is_working_day(day: dt.date) -> bool:
    """Not a Saturday, Sunday or Atw art. 3 holiday."""
    return day.weekday() < 5 and day not in holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it (Atw art. 1)."""
    while not is_working_day(day) and day < dt.date.max:
        day += _ONE
    return day
