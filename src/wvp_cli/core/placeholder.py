"""The placeholder that `wvp new` writes where it knows nothing yet ("NOG INVULLEN").

It is never data: `wvp check` reports it (WVP311) and documents show a gap in its place.
"""

from __future__ import annotations

PLACEHOLDER = "NOG INVULLEN"


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and " ".join(value.split()).upper() == PLACEHOLDER
