"""The context a document template sees: the case at `as_of`, its events, plans and
milestones (documented in README.md, "Eigen sjablonen"). Part of `render`.

Pure: no I/O, no system clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wvp_cli.core.clock import Timeline
from wvp_cli.core.dutch import STATE_WORDS, STATUS_WORDS
from wvp_cli.core.milestones import MILESTONE_INFO, VISIE_REQUIRED_FROM
from wvp_cli.core.model import EVENT_TYPES, Case
from wvp_cli.documents.text import _as_data

CONCLUSION_WORDS = {
    "eigen_werk": "terugkeer in het eigen werk",
    "spoor_1": "spoor 1 (ander passend werk bij de eigen werkgever)",
    "spoor_2": "spoor 2 (passend werk bij een andere werkgever)",
    "spoor_1_en_2": "spoor 1 en spoor 2 tegelijk (passend werk bij de eigen werkgever "
    "en bij een andere werkgever)",
}
TRACK_WORDS = {
    1: "spoor 1 (werk bij de eigen werkgever)",
    2: "spoor 2 (werk bij een andere werkgever)",
}


def _context(case: Case, timeline: Timeline, as_of: dt.date) -> dict[str, Any]:
    """Everything a template may use; documented in README.md ("Eigen sjablonen")."""
    # The dossier at as_of: the events of the current case (on or after the first sick day) that
    # have happened, oldest first - the same events the clock counts.
    events: list[dict[str, Any]] = []
    for index, event in sorted(enumerate(case.events), key=lambda pair: (pair[1].date, pair[0])):
        if not timeline.first_sick_day <= event.date <= as_of:
            continue
        item = _as_data(event.model_dump(by_alias=True))
        item["index"] = index
        item["path"] = f"events[{index}]"
        item["week"] = timeline.clock.week_of(event.date)
        if event.type in ("plan_van_aanpak", "bijstelling", "eerstejaarsevaluatie"):
            item["needs_visies"] = event.date >= VISIE_REQUIRED_FROM
        events.append(item)
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in EVENT_TYPES}
    for item in events:
        by_type[item["type"]].append(item)
    last = {t: (items[-1] if items else None) for t, items in by_type.items()}

    plans = [e for e in events if e["type"] in ("plan_van_aanpak", "bijstelling")]
    for number, item in enumerate(plans, start=1):
        item["version"] = number
    eje = last["eerstejaarsevaluatie"]
    plan_after_eje = (
        next((p for p in plans if p["date"] >= eje["date"] and p["type"] == "bijstelling"), None)
        if eje is not None
        else None
    )
    week_now = (
        timeline.clock.week_of(as_of)
        if timeline.state == "sick" and as_of >= timeline.first_sick_day
        else None
    )
    milestones = {
        m.code: {
            "code": m.code,
            "title": MILESTONE_INFO[m.code].title,
            "who": MILESTONE_INFO[m.code].who,
            "source": MILESTONE_INFO[m.code].source,
            "due": m.due,
            "window_start": m.window_start,
            "week": m.week,
            "done": m.done,
            "status": m.status,
            "status_words": STATUS_WORDS[m.status],
            "deviation": (
                _as_data(case.deviations[m.deviation].model_dump(by_alias=True))
                if m.deviation is not None
                else None
            ),
        }
        for m in timeline.milestones
    }
    return {
        "case": _as_data(case.model_dump(by_alias=True)),
        "as_of": as_of,
        "events": events,
        "by_type": by_type,
        "last": last,
        "plans": plans,
        "plan": plans[-1] if plans else None,
        "history": plans[:-1],
        "eje": eje,
        "plan_after_eje": plan_after_eje,
        "timeline": {
            "first_sick_day": timeline.first_sick_day,
            "last_sick_day": timeline.last_sick_day,
            "state": timeline.state,
            "state_words": STATE_WORDS[timeline.state],
            "week": week_now,
            "last_wage_day": timeline.last_wage_day,
            "base_last_wage_day": timeline.base_last_wage_day,
            "milestones": milestones,
        },
    }
