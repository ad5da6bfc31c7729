"""Who must sign which document of the re-integratieverslag (docs/riv.md, WVP310).

Pure data and one function: the roles that sign the document of an event type, and which of
them the event's `signatures:` do not hold yet. `wvp render riv` marks a document "concept"
while one is missing; `wvp check` says so before the verslag is due.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

#: The words for a role, as a finding or a document says them.
ROLE_WORDS: dict[str, str] = {
    "werkgever": "de werkgever",
    "werknemer": "de werknemer",
    "bedrijfsarts": "de bedrijfsarts",
    "arbeidsdeskundige": "de arbeidsdeskundige",
    "re-integratieadviseur": "de re-integratieadviseur",
}

#: How a signature was made, as a document says it.
METHOD_WORDS: dict[str, str] = {
    "natte_handtekening": "natte handtekening",
    "e_handtekening": "elektronisch",
}

#: Event type -> the roles that sign its document. Evaluations and progress reports: none.
REQUIRED: dict[str, tuple[str, ...]] = {
    "probleemanalyse": ("bedrijfsarts",),
    "plan_van_aanpak": ("werkgever", "werknemer"),
    "bijstelling": ("werkgever", "werknemer"),
    "arbeidsdeskundig_onderzoek": ("arbeidsdeskundige",),
    "eerstejaarsevaluatie": ("werkgever", "werknemer"),
    "tweede_spoor_plan": ("werknemer", "re-integratieadviseur"),
    "eindevaluatie": ("werkgever", "werknemer"),
    "actueel_oordeel": ("bedrijfsarts",),
    "re_integratieverslag": ("werkgever", "werknemer"),
}


def signed_roles(event: Any) -> set[str]:
    return {s.role for s in getattr(event, "signatures", ())}


def missing_signers(event: Any, roles: tuple[str, ...] | None = None) -> list[str]:
    """The words for the roles that must sign `event`'s document (or `roles`) and have not."""
    needed = REQUIRED.get(getattr(event, "type", ""), ()) if roles is None else roles
    have = signed_roles(event)
    return [ROLE_WORDS[r] for r in needed if r not in have]


def content_hash(event: Any) -> str:
    """The code of what the document of `event` shows: 16 hex digits of the SHA-256 of the
    event's own content (every field but its signatures, in a fixed JSON form). A signature
    records it; a later change to the event gives another code (WVP312)."""
    data = event.model_dump(mode="json", by_alias=True, exclude={"signatures"})
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def unrecorded_hashes(case: Any, indexes: Iterable[int]) -> list[tuple[int, int, str]]:
    """(event index, signature index, content code) for every signature of the events at
    `indexes` that records no `content_hash` yet: what `wvp render riv --vastleggen` writes.
    A signature that records another code keeps it (WVP312 reports the difference)."""
    found: list[tuple[int, int, str]] = []
    for index in sorted(set(indexes)):
        event = case.events[index]
        code = content_hash(event)
        found.extend(
            (index, number, code)
            for number, signature in enumerate(event.signatures)
            if not signature.content_hash
        )
    return found
