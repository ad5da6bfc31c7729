"""The milestone table: every milestone of the rules page (docs/poortwachter.md, section 2) as
one entry of data, and every interval of the law as a named constant.

One entry drives everything that knows a milestone: the clock resolves its `due` (`clock.py`),
the deadline rules are made from its `rule` (`rules/deadlines.py`), the agenda names it by its
`short_title`, `wvp timeline` and the documents by its `title`, `who` and `source`, and the rule's
documentation is written from all of it. A new milestone is one entry here plus its event type in
the model; the meta tests (tests/test_milestones.py) catch the rest.

Plain data without imports of the model or the clock, so that a `wvp deadlines` served from the
cache can name its rows without loading them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

# --- the intervals of the law (days) ---------------------------------------------------------

#: Fit days that close a case (BW 7:629 lid 10: "minder dan vier weken").
CLOSING_GAP = 28
#: Six weeks: the evaluation cadence, the start of the tweede spoor after the EJE, its plan after
#: its start and its progress reports (Werkwijzer Poortwachter).
SIX_WEEKS = 42

# Offsets on the summed clock: offset k is the (k+1)-th counted sick day (docs/poortwachter.md, 2).
OFFSET_ZIEKMELDING = 6  # uiterlijk de 7e ziektedag
OFFSET_PROBLEEMANALYSE = 41  # uiterlijk in week 6
OFFSET_PLAN_VAN_AANPAK = 55  # uiterlijk in week 8 when there is no probleemanalyse
OFFSET_MELDING_42E_WEEK = 294  # ZW art. 38 lid 1: the first day of week 43 ...
OFFSET_EJE_WINDOW_START = 315  # the eerstejaarsevaluatie's window opens in week 46
OFFSET_EERSTEJAARSEVALUATIE = 363  # ... and closes at the end of week 52
OFFSET_TWEEDE_SPOOR = 405  # week 58 when there is no eerstejaarsevaluatie
OFFSET_E = 727  # WIA art. 23: the wachttijd of 104 weeks ends on its 728th day

PLAN_AFTER_PROBLEEMANALYSE = 14  # Regeling procesgang art. 4 lid 1: twee weken
EVALUATION_INTERVAL = SIX_WEEKS  # Werkwijzer Poortwachter: at least every 6 weeks
TWEEDE_SPOOR_AFTER_EJE = SIX_WEEKS  # Werkwijzer Poortwachter: uiterlijk 6 weken na de EJE
TWEEDE_SPOOR_PLAN_AFTER_START = SIX_WEEKS  # Werkwijzer Poortwachter: plan within 6 weeks
TWEEDE_SPOOR_PROGRESS_INTERVAL = SIX_WEEKS  # Werkwijzer Poortwachter: progress every 6 weeks
RIV_BEFORE_E = 91  # WIA art. 25 lid 3: 13 weeks before the wachttijd ends
WIA_BEFORE_E = 77  # WIA art. 64 lid 3: 11 weeks before the wachttijd ends
OFFSET_RIV = OFFSET_E - RIV_BEFORE_E
OFFSET_WIA = OFFSET_E - WIA_BEFORE_E
LOONSANCTIE_MAX = 364  # WIA art. 25 lid 9: wage payment extended by at most 52 weeks
VERLENGING_MIN = 91  # WIA art. 24: a vrijwillige verlenging is at least 13 weeks
OFFSET_WEEK_81_END = 566  # WIA art. 64 lid 6: a 42e-weeksmelding after week 81 excuses nothing
OFFSET_WEEK_88 = 609  # UWV writes "na 88 weken ziekte"; from then on the employee can apply
#: ZW art. 30, WIA art. 32: UWV answers a request for a deskundigenoordeel in about 2-4 weeks;
#: the agenda expects the answer by the end of the fourth week.
DESKUNDIGENOORDEEL_ANSWER = 28
PROSPECT_MAX = 91  # BW 7:658a; Werkwijzer: a concrete prospect of return within 3 months
ACTUEEL_OORDEEL_MAX_AGE = 91  # Regeling procesgang art. 6: a "recent" oordeel, 3 months

#: Stcrt. 2023, 13931: from this date the plan van aanpak, every bijstelling and the
#: eerstejaarsevaluatie hold the re-integratievisie of employer and employee.
VISIE_REQUIRED_FROM = dt.date(2023, 7, 1)


# --- how a due date is found -----------------------------------------------------------------


@dataclass(frozen=True)
class Offset:
    """The (days+1)-th counted sick day on the summed clock."""

    days: int


@dataclass(frozen=True)
class After:
    """`days` calendar days after the first event `event` of the case; `otherwise` without it."""

    event: str
    days: int
    otherwise: Due


@dataclass(frozen=True)
class BeforeEnd:
    """`days` before the end of the wachttijd: before an agreed vrijwillige verlenging's last wage
    day when there is one, else the day `days` before its end on the summed clock."""

    days: int


@dataclass(frozen=True)
class NextWorkingDay:
    """`of`, moved to the next working day when it is none (Algemene termijnenwet art. 1)."""

    of: Due


@dataclass(frozen=True)
class Cadence:
    """A recurring milestone: `days` (active days) after the latest evaluation moment, the first
    one after the plan van aanpak's due date (the clock's `evaluatie` row)."""

    days: int


@dataclass(frozen=True)
class EndOfWachttijd:
    """The last wage day itself: the clock works it out from the wachttijd, a verlenging, a late
    WIA application and a loonsanctie (BW 7:629 lid 11; WIA art. 23-25)."""


Due = Offset | After | BeforeEnd | NextWorkingDay | Cadence | EndOfWachttijd


@dataclass(frozen=True)
class DeadlineRule:
    """The rule that checks a milestone: its stable code and slug, and what to do when it is
    missing. `generic` rules are made from the entry (`rules/deadlines.py`); a rule that is not
    (the evaluation cadence) is written by hand under the same code."""

    code: str
    slug: str
    todo: str
    generic: bool = True


Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Milestone:
    """One milestone: what it is, who owns it, which source demands it, the severity of missing
    it, how its due date is found, and the rule that checks it."""

    code: str
    title: str
    short_title: str
    who: str
    source: str
    severity: Severity
    due: Due
    rule: DeadlineRule | None = None
    #: The first day of a window the milestone should fall in (the eerstejaarsevaluatie's).
    window_start: Offset | None = None


MilestoneCode = Literal[
    "ziekmelding_arbodienst",
    "probleemanalyse",
    "plan_van_aanpak",
    "evaluatie",
    "melding_42e_week",
    "arbeidsdeskundig_onderzoek",
    "eerstejaarsevaluatie",
    "start_tweede_spoor",
    "actueel_oordeel",
    "eindevaluatie",
    "re_integratieverslag",
    "wia_aanvraag",
    "einde_wachttijd",
]

#: The milestones of the rules page, in order (a tests checks `MilestoneCode` against it).
TABLE: tuple[Milestone, ...] = (
    Milestone(
        "ziekmelding_arbodienst",
        "Ziekmelding aan bedrijfsarts/arbodienst",
        "Ziekmelding arbodienst",
        "werkgever",
        "Regeling procesgang art. 2 lid 1",
        "warning",
        Offset(OFFSET_ZIEKMELDING),
        DeadlineRule(
            "WVP100",
            "ziekmelding-arbodienst-op-tijd",
            "meld de werknemer ziek bij de bedrijfsarts of arbodienst en leg de datum vast",
        ),
    ),
    Milestone(
        "probleemanalyse",
        "Probleemanalyse",
        "Probleemanalyse",
        "bedrijfsarts",
        "Regeling procesgang art. 2",
        "error",
        Offset(OFFSET_PROBLEEMANALYSE),
        DeadlineRule(
            "WVP101",
            "probleemanalyse-op-tijd",
            "vraag de bedrijfsarts om de probleemanalyse en leg die vast",
        ),
    ),
    Milestone(
        "plan_van_aanpak",
        "Plan van aanpak",
        "Plan van aanpak",
        "werkgever + werknemer",
        "Regeling procesgang art. 4 lid 1",
        "error",
        After("probleemanalyse", PLAN_AFTER_PROBLEEMANALYSE, Offset(OFFSET_PLAN_VAN_AANPAK)),
        DeadlineRule(
            "WVP102",
            "plan-van-aanpak-op-tijd",
            "stel samen met de werknemer het plan van aanpak op",
        ),
    ),
    Milestone(
        "evaluatie",
        "Evaluatie plan van aanpak (voortgangsgesprek)",
        "Evaluatie",
        "werkgever + werknemer",
        "Regeling procesgang art. 4 lid 2b; "
        "Beoordelingskader poortwachter; Werkwijzer Poortwachter",
        "error",
        Cadence(EVALUATION_INTERVAL),
        DeadlineRule(
            "WVP103",
            "evaluatie-elke-zes-weken",
            "houd een voortgangsgesprek en leg het vast",
            generic=False,
        ),
    ),
    Milestone(
        "melding_42e_week",
        "42e-weeksmelding aan UWV",
        "42e-weeksmelding",
        "werkgever",
        "ZW art. 38 lid 1 en lid 3",
        "error",
        # ZW art. 38 lid 1; UWV's "eerste werkdag" is the one place the Atw moves a date.
        NextWorkingDay(Offset(OFFSET_MELDING_42E_WEEK)),
        DeadlineRule(
            "WVP104",
            "melding-42e-week-op-tijd",
            "meld de werknemer ziek bij UWV (42e-weeksmelding); te laat melden kost een boete",
        ),
    ),
    Milestone(
        "arbeidsdeskundig_onderzoek",
        "Arbeidsdeskundig onderzoek",
        "Arbeidsdeskundig onderzoek",
        "werkgever",
        "Beoordelingskader poortwachter; Werkwijzer Poortwachter",
        "warning",
        Offset(OFFSET_EERSTEJAARSEVALUATIE),
        DeadlineRule(
            "WVP105",
            "arbeidsdeskundig-onderzoek-voor-eerstejaarsevaluatie",
            "laat een arbeidsdeskundig onderzoek doen vóór de eerstejaarsevaluatie",
        ),
    ),
    Milestone(
        "eerstejaarsevaluatie",
        "Eerstejaarsevaluatie",
        "Eerstejaarsevaluatie",
        "werkgever + werknemer",
        "Regeling procesgang art. 4 lid 2b",
        "error",
        Offset(OFFSET_EERSTEJAARSEVALUATIE),
        DeadlineRule(
            "WVP106",
            "eerstejaarsevaluatie-op-tijd",
            "houd de eerstejaarsevaluatie en leg resultaat, visies en conclusie vast",
        ),
        window_start=Offset(OFFSET_EJE_WINDOW_START),
    ),
    Milestone(
        "start_tweede_spoor",
        "Start tweede spoor",
        "Start tweede spoor",
        "werkgever",
        "BW 7:658a lid 1; Beoordelingskader poortwachter §4; Werkwijzer Poortwachter",
        "error",
        After("eerstejaarsevaluatie", TWEEDE_SPOOR_AFTER_EJE, Offset(OFFSET_TWEEDE_SPOOR)),
        DeadlineRule(
            "WVP201",
            "tweede-spoor-op-tijd",
            "start het tweede spoor, of leg een gemotiveerde afwijking vast",
        ),
    ),
    Milestone(
        "actueel_oordeel",
        "Actueel oordeel bedrijfsarts",
        "Actueel oordeel",
        "bedrijfsarts",
        "Regeling procesgang art. 6 lid 1 j",
        "error",
        BeforeEnd(RIV_BEFORE_E),
        DeadlineRule(
            "WVP202",
            "actueel-oordeel-op-tijd",
            "vraag de bedrijfsarts om een actueel oordeel voor het re-integratieverslag",
        ),
    ),
    Milestone(
        "eindevaluatie",
        "Eindevaluatie",
        "Eindevaluatie",
        "werkgever + werknemer",
        "Regeling procesgang art. 6 lid 1 h",
        "error",
        BeforeEnd(RIV_BEFORE_E),
        DeadlineRule(
            "WVP203",
            "eindevaluatie-op-tijd",
            "houd de eindevaluatie van het plan van aanpak",
        ),
    ),
    Milestone(
        "re_integratieverslag",
        "Re-integratieverslag",
        "Re-integratieverslag",
        "werkgever",
        "WIA art. 25 lid 3; Beleidsregels vorm- en herkenbaarheidsvereisten "
        "reïntegratieverslagen (BWBR0015184)",
        "error",
        BeforeEnd(RIV_BEFORE_E),
        DeadlineRule(
            "WVP204",
            "re-integratieverslag-op-tijd",
            "stel het re-integratieverslag op en geef het aan de werknemer voor de WIA-aanvraag",
        ),
    ),
    Milestone(
        "wia_aanvraag",
        "WIA-aanvraag",
        "WIA-aanvraag",
        "werknemer",
        "WIA art. 64 lid 3",
        "error",
        BeforeEnd(WIA_BEFORE_E),
        DeadlineRule(
            "WVP205",
            "wia-aanvraag-op-tijd",
            "de werknemer vraagt de WIA-uitkering aan; te laat verlengt de loondoorbetaling",
        ),
    ),
    Milestone(
        "einde_wachttijd",
        "Einde wachttijd (laatste loondoorbetalingsdag)",
        "Einde wachttijd",
        "—",
        "BW 7:629 lid 1; WIA art. 23",
        "info",
        EndOfWachttijd(),
    ),
)

#: Milestone codes of the rules page, in order.
MILESTONES: tuple[str, ...] = tuple(m.code for m in TABLE)

#: The table by code (`MilestoneInfo` is the older name of an entry).
MILESTONE_INFO: dict[str, Milestone] = {m.code: m for m in TABLE}
MilestoneInfo = Milestone


@dataclass(frozen=True)
class Item:
    """An item of a running tweede spoor that has a due date of its own: the agenda lists it after
    `start_tweede_spoor` (its code is the event type that fulfils it)."""

    code: str
    title: str
    short_title: str
    who: str
    source: str
    severity: Severity


ITEM_INFO: dict[str, Item] = {
    "tweede_spoor_plan": Item(
        "tweede_spoor_plan",
        "Re-integratieplan tweede spoor",
        "Plan tweede spoor",
        "werkgever + werknemer",
        "BW 7:658a lid 1; "
        "Beoordelingskader poortwachter; Werkwijzer Poortwachter (plan binnen 6 weken na de start)",
        "warning",
    ),
    "deskundigenoordeel_antwoord": Item(
        "deskundigenoordeel_antwoord",
        "Antwoord deskundigenoordeel (verwacht)",
        "Deskundigenoordeel",
        "uwv",
        "ZW art. 30 lid 1 e; WIA art. 32 (UWV antwoordt in ongeveer 2 tot 4 weken)",
        "info",
    ),
    "tweede_spoor_voortgang": Item(
        "tweede_spoor_voortgang",
        "Voortgang tweede spoor",
        "Voortgang 2e spoor",
        "werkgever + werknemer",
        "BW 7:658a lid 1; Beoordelingskader poortwachter; "
        "Werkwijzer Poortwachter (voortgang ten minste elke 6 weken)",
        "warning",
    ),
}

#: The milestone after which the agenda lists the items of a running tweede spoor.
ITEMS_AFTER = "start_tweede_spoor"


def short_titles(table: tuple[Milestone, ...] = TABLE) -> dict[str, str]:
    """Short Dutch names of every milestone and item, for narrow tables and calendar titles."""
    names = {m.code: m.short_title for m in table}
    names.update({code: item.short_title for code, item in ITEM_INFO.items()})
    return names
