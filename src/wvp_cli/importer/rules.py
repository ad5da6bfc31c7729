"""The rules file of `wvp import` (TOML): which column of an export holds what, how its dates
are written and what its value words mean, as hledger's CSV rules do (docs/import.md).

Reading a rules file never raises anything but `RulesProblem`, whose message is Dutch and
names the key that is wrong.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

#: What a column can hold, as wvp names it (docs/import.md, "Kolommen").
COLUMNS: tuple[str, ...] = (
    "key",
    "employee_number",
    "name",
    "first_sick_day",
    "recovered",
    "last_sick_day",
    "kind",
    "employer",
    "casemanager",
    "hours_per_week",
    "job",
    "change_date",
    "percentage",
    "worked_hours",
)
#: What a value word of the `kind` column can mean.
KINDS: tuple[str, ...] = ("ziekte", "verlof", "overslaan")
#: Date formats tried when the rules name none (Dutch exports first).
DEFAULT_DATE_FORMATS: tuple[str, ...] = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")

_SECTIONS: dict[str, tuple[str, ...]] = {
    "source": ("system", "encoding", "delimiter", "sheet", "header_row"),
    "columns": COLUMNS,
    "ignore": ("columns",),
    "dates": ("formats",),
    "values": ("kind",),
    "defaults": ("employer", "case_id", "name"),
}
_CASE_ID_FIELDS = ("employee_number", "first_sick_day", "key", "system")


class RulesProblem(Exception):
    """The rules file cannot be used; the message says why in Dutch (exit code 2)."""


@dataclass(frozen=True)
class Rules:
    """A read rules file; every name is checked, every value has its type."""

    system: str = "generic"
    encoding: str = "auto"
    delimiter: str = "auto"
    sheet: str = ""
    header_row: int = 1
    #: wvp name -> column header in the export.
    columns: Mapping[str, str] = field(default_factory=dict)
    #: Columns read as nothing (also a column whose header looks medical).
    ignore: tuple[str, ...] = ()
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    #: value word (folded) -> one of KINDS.
    kinds: Mapping[str, str] = field(default_factory=dict)
    employer: str = ""
    case_id: str = "{employee_number}-{first_sick_day}"
    name: str = "Werknemer {employee_number}"
    origin: str = ""


def fold(word: str) -> str:
    """A header or value word as it is compared: case and surrounding spaces do not count."""
    return " ".join(word.split()).casefold()


def _near(word: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f" (bedoel je '{close[0]}'?)" if close else ""


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise RulesProblem(f"{where} verwacht een tekst tussen aanhalingstekens")
    return value


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RulesProblem(f"[{where}] moet een tabel zijn")
    return value


def parse(text: str, origin: str) -> Rules:
    """The rules in `text` (the contents of `origin`, for messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesProblem(f"{origin} is geen geldige TOML: {exc}") from None
    for section, body in data.items():
        if section not in _SECTIONS:
            raise RulesProblem(
                f"{origin}: onbekende sectie [{section}]{_near(section, tuple(_SECTIONS))}"
            )
        for key in _table(body, section):
            if key not in _SECTIONS[section]:
                raise RulesProblem(
                    f"{origin}: onbekende sleutel '{key}' in [{section}]"
                    f"{_near(key, _SECTIONS[section])}"
                )
    source = data.get("source", {})
    columns = {k: _text(v, f"columns.{k}") for k, v in data.get("columns", {}).items() if v}
    for required in ("employee_number", "first_sick_day"):
        if required not in columns:
            raise RulesProblem(f"{origin}: [columns] moet '{required}' noemen")
    if ("percentage" in columns or "worked_hours" in columns) and "change_date" not in columns:
        raise RulesProblem(
            f"{origin}: 'percentage' en 'worked_hours' horen bij een datum: noem ook "
            "'change_date' in [columns]"
        )
    if "percentage" in columns and "worked_hours" in columns:
        raise RulesProblem(
            f"{origin}: noem in [columns] 'percentage' of 'worked_hours', niet allebei"
        )
    if "recovered" in columns and "last_sick_day" in columns:
        raise RulesProblem(
            f"{origin}: noem in [columns] 'recovered' (hersteldatum) of 'last_sick_day' "
            "(laatste ziektedag), niet allebei"
        )
    ignore = data.get("ignore", {}).get("columns", [])
    if not isinstance(ignore, list):
        raise RulesProblem(f"{origin}: ignore.columns verwacht een lijst van kolomnamen")
    formats = data.get("dates", {}).get("formats", list(DEFAULT_DATE_FORMATS))
    if not isinstance(formats, list) or not formats:
        raise RulesProblem(f'{origin}: dates.formats verwacht een lijst zoals ["%d-%m-%Y"]')
    kinds: dict[str, str] = {}
    for word, meaning in _table(data.get("values", {}).get("kind", {}), "values.kind").items():
        if meaning not in KINDS:
            raise RulesProblem(
                f"{origin}: values.kind '{word}' = '{meaning}': kies uit {', '.join(KINDS)}"
            )
        kinds[fold(word)] = meaning
    defaults = data.get("defaults", {})
    case_id = _text(defaults.get("case_id", Rules.case_id), "defaults.case_id")
    try:
        case_id.format(**{name: "x" for name in _CASE_ID_FIELDS})
    except (KeyError, IndexError, ValueError) as exc:
        raise RulesProblem(
            f"{origin}: defaults.case_id kent alleen {{employee_number}}, {{first_sick_day}}, "
            f"{{key}} en {{system}} (niet {exc})"
        ) from None
    header_row = source.get("header_row", 1)
    if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
        raise RulesProblem(f"{origin}: source.header_row verwacht een regelnummer vanaf 1")
    system = _text(source.get("system", "generic"), "source.system")
    if not system or not all(c.isalnum() or c in "-_" for c in system):
        raise RulesProblem(f"{origin}: source.system verwacht letters, cijfers, - of _")
    return Rules(
        system=system,
        encoding=_text(source.get("encoding", "auto"), "source.encoding"),
        delimiter=_text(source.get("delimiter", "auto"), "source.delimiter"),
        sheet=_text(source.get("sheet", ""), "source.sheet"),
        header_row=header_row,
        columns=columns,
        ignore=tuple(_text(c, "ignore.columns") for c in ignore),
        date_formats=tuple(_text(f, "dates.formats") for f in formats),
        kinds=kinds,
        employer=_text(defaults.get("employer", ""), "defaults.employer"),
        case_id=case_id,
        name=_text(defaults.get("name", Rules.name), "defaults.name"),
        origin=origin,
    )


def presets() -> tuple[str, ...]:
    """The names of the presets that ship with wvp (`--rules NAME`)."""
    folder = resources.files("wvp_cli.importer") / "presets"
    return tuple(
        sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
    )


def load(spec: str) -> Rules:
    """The rules of a file, or of a preset named by `spec` (docs/import.md, "Presets")."""
    path = Path(spec)
    if path.suffix == ".toml" or path.exists():
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise RulesProblem(f"regelbestand {spec} bestaat niet") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RulesProblem(f"kan regelbestand {spec} niet lezen: {exc}") from None
        return parse(text, spec)
    if spec not in presets():
        raise RulesProblem(
            f"'{spec}' is geen regelbestand en geen preset; presets: {', '.join(presets())}"
        )
    preset = resources.files("wvp_cli.importer") / "presets" / f"{spec}.toml"
    return parse(preset.read_text(encoding="utf-8"), f"preset {spec}")
