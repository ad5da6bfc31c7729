"""What each milestone of the rules page is: its code, title, who owns it, its legal source and
the severity of missing it (docs/poortwachter.md, section 2), and the items of a running
tweede spoor that the agenda lists. Their due dates come from the clock (`clock.py`) only.

Plain data without imports of the model or the clock, so that a `wvp deadlines` served from the
cache can name its rows without loading them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

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

#: Milestone codes of the rules page (docs/poortwachter.md, section 2), in order.
MILESTONES: tuple[str, ...] = get_args(MilestoneCode)


@dataclass(frozen=True)
class MilestoneInfo:
    """What a milestone is, who owns it, and which source demands it."""

    code: str
    title: str
    who: str
    source: str
    severity: str


MILESTONE_INFO: dict[str, MilestoneInfo] = {
    info.code: info
    for info in (
        MilestoneInfo(
            "ziekmelding_arbodienst",
            "Ziekmelding aan bedrijfsarts/arbodienst",
            "werkgever",
            "Regeling procesgang art. 2 lid 1",
            "warning",
        ),
        MilestoneInfo(
            "probleemanalyse",
            "Probleemanalyse",
            "bedrijfsarts",
            "Regeling procesgang art. 2",
            "error",
        ),
        MilestoneInfo(
            "plan_van_aanpak",
            "Plan van aanpak",
            "werkgever + werknemer",
            "Regeling procesgang art. 4 lid 1",
            "error",
        ),
        MilestoneInfo(
            "evaluatie",
            "Evaluatie plan van aanpak (voortgangsgesprek)",
            "werkgever + werknemer",
            "Regeling procesgang art. 4 lid 2b; "
            "Beoordelingskader poortwachter; Werkwijzer Poortwachter",
            "error",
        ),
        MilestoneInfo(
            "melding_42e_week",
            "42e-weeksmelding aan UWV",
            "werkgever",
            "ZW art. 38 lid 1 en lid 3",
            "error",
        ),
        MilestoneInfo(
            "arbeidsdeskundig_onderzoek",
            "Arbeidsdeskundig onderzoek",
            "werkgever",
            "Beoordelingskader poortwachter; Werkwijzer Poortwachter",
            "warning",
        ),
        MilestoneInfo(
            "eerstejaarsevaluatie",
            "Eerstejaarsevaluatie",
            "werkgever + werknemer",
            "Regeling procesgang art. 4 lid 2b",
            "error",
        ),
        MilestoneInfo(
            "start_tweede_spoor",
            "Start tweede spoor",
            "werkgever",
            "BW 7:658a lid 1; Beoordelingskader poortwachter §4; Werkwijzer Poortwachter",
            "error",
        ),
        MilestoneInfo(
            "actueel_oordeel",
            "Actueel oordeel bedrijfsarts",
            "bedrijfsarts",
            "Regeling procesgang art. 6 lid 1 j",
            "error",
        ),
        MilestoneInfo(
            "eindevaluatie",
            "Eindevaluatie",
            "werkgever + werknemer",
            "Regeling procesgang art. 6 lid 1 h",
            "error",
        ),
        MilestoneInfo(
            "re_integratieverslag",
            "Re-integratieverslag",
            "werkgever",
            "WIA art. 25 lid 3; Beleidsregels vorm- en herkenbaarheidsvereisten "
            "reïntegratieverslagen (BWBR0015184)",
            "error",
        ),
        MilestoneInfo(
            "wia_aanvraag",
            "WIA-aanvraag",
            "werknemer",
            "WIA art. 64 lid 3",
            "error",
        ),
        MilestoneInfo(
            "einde_wachttijd",
            "Einde wachttijd (laatste loondoorbetalingsdag)",
            "—",
            "BW 7:629 lid 1; WIA art. 23",
            "info",
        ),
    )
}
assert tuple(MILESTONE_INFO) == MILESTONES, "MILESTONE_INFO must follow model.MILESTONES"


#: The items of a running tweede spoor that have a due date of their own: the agenda lists them
#: after `start_tweede_spoor` (their codes are the event types that fulfil them).
ITEM_INFO: dict[str, MilestoneInfo] = {
    "tweede_spoor_plan": MilestoneInfo(
        "tweede_spoor_plan",
        "Re-integratieplan tweede spoor",
        "werkgever + werknemer",
        "BW 7:658a lid 1; "
        "Beoordelingskader poortwachter; Werkwijzer Poortwachter (plan binnen 6 weken na de start)",
        "warning",
    ),
    "deskundigenoordeel_antwoord": MilestoneInfo(
        "deskundigenoordeel_antwoord",
        "Antwoord deskundigenoordeel (verwacht)",
        "uwv",
        "ZW art. 30 lid 1 e; WIA art. 32 (UWV antwoordt in ongeveer 2 tot 4 weken)",
        "info",
    ),
    "tweede_spoor_voortgang": MilestoneInfo(
        "tweede_spoor_voortgang",
        "Voortgang tweede spoor",
        "werkgever + werknemer",
        "BW 7:658a lid 1; Beoordelingskader poortwachter; "
        "Werkwijzer Poortwachter (voortgang ten minste elke 6 weken)",
        "warning",
    ),
}
