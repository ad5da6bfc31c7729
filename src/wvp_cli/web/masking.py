"""What a page may show of a case: every text from a case goes through `Masker.text` (the Jinja
environment's `finalize` calls it for every printed value), so no page can forget it.

- Always: medical and pregnancy terms and BSN-like numbers are masked, as `wvp check` masks a
  finding's message (AP-beleidsregels De zieke werknemer; UAVG art. 46).
- Incognito (for screen sharing and support tickets): the names of the people in the cases
  (werknemer, casemanager, bedrijfsarts, contact details) and every BSN are replaced too.

Texts that wvp itself writes (milestone titles, rule documentation, form labels) are `Label`s
and pass unchanged: a rule's documentation may name a medical word as its example.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wvp_cli.core.model import Case

#: What a name becomes in incognito mode.
HIDDEN = "•••"
#: Parts of a name that identify nobody on their own ("de" in "J. de Vries").
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "el", "la", "le", "du"}
)


class Label(str):
    """A text wvp wrote itself (not from a case): shown as it is."""

    __slots__ = ()


def _name_parts(name: str) -> list[str]:
    """A name and the parts that identify on their own: `M. Proefstra` -> the whole, and
    `Proefstra`; initials and particles are left out."""
    whole = " ".join(name.split())
    parts = [whole] if whole else []
    for word in re.split(r"[\s,]+", whole):
        bare = word.strip(".()")
        if len(bare) >= 3 and bare.casefold() not in _PARTICLES:
            parts.append(bare)
            parts.extend(p for p in bare.split("-") if len(p) >= 3)
    return parts


def people_of(case: Case) -> list[str]:
    """The personal values of a case that incognito mode hides."""
    found: list[str] = []
    employee, employer = case.employee, case.employer
    for name in (employee.name, employer.casemanager, employer.bedrijfsarts):
        if name:
            found.extend(_name_parts(name))
    for value in (employee.bsn, employee.email, employee.phone, employee.address):
        if value:
            found.append(" ".join(str(value).split()))
    if employee.date_of_birth is not None:
        found.append(employee.date_of_birth.isoformat())
    for event in case.events:  # who did a step: the bedrijfsarts, a casemanager, an adviser
        for attribute in ("by", "casemanager", "adviser"):
            name = getattr(event, attribute, None)
            if isinstance(name, str) and name.strip():
                found.extend(_name_parts(name))
    return found


@dataclass
class Masker:
    """Masks the texts of one page (see the module docstring)."""

    options: Mapping[str, Any] = field(default_factory=dict)
    incognito: bool = False
    _names: re.Pattern[str] | None = None

    def hide(self, values: Iterable[str]) -> None:
        """Hide these values (names, contact details) in incognito mode, longest first."""
        words = sorted({v for v in values if v.strip()}, key=len, reverse=True)
        if words:
            alternatives = "|".join(re.escape(w) for w in words)
            self._names = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def text(self, value: str) -> str:
        from wvp_cli.privacy.matcher import bsn_numbers, redact

        if isinstance(value, Label):
            return str(value)
        shown = redact(value, self.options)
        if self.incognito:
            if self._names is not None:
                shown = self._names.sub(HIDDEN, shown)
            for start, word, _ in sorted(bsn_numbers(shown, loose=True), reverse=True):
                shown = shown[:start] + "•" * len(word) + shown[start + len(word) :]
        return shown

    def names(self, text: str) -> str:
        """`text` with the hidden names replaced in incognito mode (and nothing else): for a
        document, which holds no medical terms (the privacy rules keep those out of one)."""
        if self.incognito and self._names is not None:
            return self._names.sub(HIDDEN, text)
        return text

    def finalize(self, value: object) -> object:
        """Jinja's `finalize`: every printed string masked, other values as they are."""
        if isinstance(value, str) and not hasattr(value, "__html__"):
            return self.text(value)
        return value
