"""The form of each step a casemanager records (`wvp add`): which fields it has, which must be
filled, their Dutch labels (the model's own descriptions where it has them), their defaults, and
how a typed answer becomes a value of the case format.

Pure: no I/O, no prompting, no system clock. The command line asks the questions, the web pages
and the importer fill the same forms; the writer (`repo/edit.py`) puts the values in the file.

A step is an event type of the format (`plan_van_aanpak`, `werkhervatting`, `afsluiting`, …) or
one of the steps that change the case's other lists: `ziek` (a new sickness period), `hersteld`
(the last period ends), `zwangerschapsverlof`, `verlenging` and `afwijking`.

"Required" here is what the case needs to pass `wvp check`: the fields the model cannot do without
and those the content rules ask for (WVP301–WVP305, WVP222–WVP226, WVP111). Everything else may be
given as FIELD=VALUE but is never asked.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from wvp_cli.core.dutch import did_you_mean
from wvp_cli.core.form_data import DEFAULTS as _DEFAULTS
from wvp_cli.core.form_data import FORM_LABELS as _FORM_LABELS
from wvp_cli.core.form_data import LABELS as _LABELS
from wvp_cli.core.form_data import REQUIRED as _REQUIRED
from wvp_cli.core.form_data import TITLES as _TITLES
from wvp_cli.core.form_data import Default as Default
from wvp_cli.core.model import (
    EVENT_TYPES,
    Case,
    Deviation,
    Employee,
    Employer,
    Event,
    Extension,
    Leave,
    SicknessPeriod,
)

Kind = Literal["text", "date", "number", "bool", "choice", "track", "activities"]


class FormError(ValueError):
    """A value that does not fit its field, or a field the step does not have (Dutch)."""


@dataclass(frozen=True)
class Field:
    """One field of a step's form."""

    name: str
    kind: Kind
    label: str
    required: bool = False
    choices: tuple[str, ...] = ()
    default: Default | None = None

    @property
    def many(self) -> bool:
        """A list the user fills one item at a time (`activities`, `steps`)."""
        return self.kind == "activities"


@dataclass(frozen=True)
class Form:
    """A step: its name, what it writes to, the field its date goes to, and its fields."""

    step: str
    title: str
    #: `events`, `sickness`, `leave`, `extensions`, `deviations`, or `recovery` (sets `to` on
    #: the last sickness period).
    target: str
    #: The field `--date` fills (`date`, `from`, `decided`).
    date_field: str
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        known = [f.name for f in self.fields]
        raise FormError(
            f"'{self.step}' heeft geen veld '{name}'{did_you_mean(name, known)} "
            f"(velden: {', '.join(known)})"
        )

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


# --- from the model --------------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `| None` and `Annotated[...]`, and whether None was allowed."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) == 1:
                annotation = args[0]
                continue
            # `Literal[1, 2] | list[Literal[1, 2]]`: the plan's track
            return annotation, optional
        return annotation, optional


def _kind_of(name: str, annotation: Any) -> tuple[Kind, tuple[str, ...]]:
    inner, _ = _unwrap(annotation)
    if name == "track":
        return "track", ("1", "2", "1,2")
    origin = get_origin(inner)
    if origin is Literal:
        return "choice", tuple(str(a) for a in get_args(inner))
    if origin is list:
        return "activities", ()
    if inner is dt.date:
        return "date", ()
    if inner is bool:
        return "bool", ()
    if inner in (int, float):
        return "number", ()
    return "text", ()


def _fields(
    model: type[BaseModel], step: str, first: str, skip: Sequence[str] = ()
) -> tuple[Field, ...]:
    """The fields of `model` as a form: `first` (the step's date) first, then the required
    ones in the order they are asked, then the rest."""
    required = _REQUIRED.get(step, ())
    out = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key in skip:
            continue
        kind, choices = _kind_of(key, info.annotation)
        label = info.description or _LABELS.get(key) or key.replace("_", " ").capitalize()
        out.append(
            Field(
                name=key,
                kind=kind,
                label=label.rstrip("."),
                required=key in required or (info.is_required() and key != "date"),
                choices=choices,
                default=_DEFAULTS.get(key),
            )
        )
    # The content rules' order of asking: the order of _REQUIRED, then the rest.
    order = {name: i for i, name in enumerate(required)}
    out.sort(
        key=lambda f: (
            (0, 0) if f.name == first else (1, order[f.name]) if f.name in order else (2, 0)
        )
    )
    return tuple(out)


def _event_models() -> dict[str, type[BaseModel]]:
    union = get_args(Event)[0]
    models: dict[str, type[BaseModel]] = {}
    for model in get_args(union):
        literal = model.model_fields["type"].annotation
        models[get_args(literal)[0]] = model
    return models


EVENT_MODELS: dict[str, type[BaseModel]] = _event_models()


def _build() -> dict[str, Form]:
    from wvp_cli.core.milestones import ITEM_INFO, MILESTONE_INFO

    forms: dict[str, Form] = {}
    for step in EVENT_TYPES:
        model = EVENT_MODELS[step]
        info = MILESTONE_INFO.get(step) or ITEM_INFO.get(step)
        title = _TITLES.get(step) or (info.title if info else step.replace("_", " ").capitalize())
        forms[step] = Form(step, title, "events", "date", _fields(model, step, "date", ("type",)))
    forms["ziek"] = Form(
        "ziek",
        _TITLES["ziek"],
        "sickness",
        "from",
        _fields(SicknessPeriod, "ziek", "from", ("to",)),
    )
    forms["hersteld"] = Form(
        "hersteld",
        _TITLES["hersteld"],
        "recovery",
        "date",
        (Field("date", "date", "Eerste dag weer volledig aan het werk"),),
    )
    forms["zwangerschapsverlof"] = Form(
        "zwangerschapsverlof",
        _TITLES["zwangerschapsverlof"],
        "leave",
        "from",
        _fields(Leave, "zwangerschapsverlof", "from"),
    )
    forms["verlenging"] = Form(
        "verlenging",
        _TITLES["verlenging"],
        "extensions",
        "decided",
        _fields(Extension, "verlenging", "decided"),
    )
    data = tuple(
        replace(item, name=f"{section}.{item.name}", required=False)
        for section, model in (("employee", Employee), ("employer", Employer))
        for item in _fields(model, "gegevens", "")
    )
    forms["gegevens"] = Form(
        "gegevens",
        "Gegevens van werknemer en werkgever",
        "fields",
        "date",
        (Field("date", "date", "Datum (niet gebruikt)"), *data),
    )
    forms["afwijking"] = Form(
        "afwijking",
        _TITLES["afwijking"],
        "deviations",
        "date",
        _fields(Deviation, "afwijking", "date"),
    )
    return forms


def _relabelled(forms: dict[str, Form]) -> dict[str, Form]:
    return {
        step: replace(
            f,
            fields=tuple(
                replace(item, label=_FORM_LABELS[item.name]) if item.name in _FORM_LABELS else item
                for item in f.fields
            ),
        )
        for step, f in forms.items()
    }


FORMS: dict[str, Form] = _relabelled(_build())

#: Other words for a step, as casemanagers say them.
ALIASES: dict[str, str] = {
    "gedeeltelijk_hersteld": "werkhervatting",
    "verlof": "zwangerschapsverlof",
    "afgesloten": "afsluiting",
    "afsluiten": "afsluiting",
    "evaluatie_plan": "evaluatie",
    "gegevens_werknemer": "gegevens",
    "gegevens_werkgever": "gegevens",
}


def form(step: str) -> Form:
    """The form of `step` (an alias is accepted); FormError with a suggestion otherwise."""
    name = ALIASES.get(step, step)
    if name in FORMS:
        return FORMS[name]
    raise FormError(
        f"onbekende stap '{step}'{did_you_mean(step, [*FORMS, *ALIASES])}; "
        f"kies uit: {', '.join(FORMS)}"
    )


# --- values ------------------------------------------------------------------------------

_TRUE = frozenset({"ja", "j", "yes", "y", "true", "waar", "1"})
_FALSE = frozenset({"nee", "n", "no", "false", "onwaar", "0"})
_NUMBER = re.compile(r"[0-9]+([.,][0-9]+)?")


def parse_date(text: str, label: str = "datum") -> dt.date:
    value = text.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FormError(
            f"{label}: '{value}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-02-17"
        ) from None


def parse_value(item: Field, text: str) -> Any:
    """A typed answer as the value the case file holds. For a list field (`activities`,
    `steps`) one item: `wat | wie | JJJJ-MM-DD` (the date may be left out)."""
    value = text.strip()
    if not value:
        raise FormError(f"{item.name}: leeg; vul een waarde in")
    if item.kind == "date":
        return parse_date(value, item.name)
    if item.kind == "number":
        if not _NUMBER.fullmatch(value):
            raise FormError(f"{item.name}: '{value}' is geen getal")
        number = float(value.replace(",", "."))
        return int(number) if number.is_integer() else number
    if item.kind == "bool":
        low = value.casefold()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise FormError(f"{item.name}: '{value}' is geen ja of nee")
    if item.kind == "choice":
        if value not in item.choices:
            raise FormError(
                f"{item.name}: '{value}' is geen keuze{did_you_mean(value, item.choices)} "
                f"(kies uit: {', '.join(item.choices)})"
            )
        return int(value) if value.isdigit() else value
    if item.kind == "track":
        parts = [p.strip() for p in re.split(r"[,\s]+", value) if p.strip()]
        if not parts or any(p not in ("1", "2") for p in parts):
            raise FormError(f"{item.name}: '{value}' is geen spoor; kies 1, 2 of 1,2")
        tracks = sorted({int(p) for p in parts})
        return tracks[0] if len(tracks) == 1 else tracks
    if item.kind == "activities":
        parts = [p.strip() for p in value.split("|")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise FormError(
                f"{item.name}: schrijf 'wat | wie | JJJJ-MM-DD', bijvoorbeeld "
                "'Opbouw naar 16 uur | werknemer | 2026-03-01'"
            )
        entry: dict[str, Any] = {"what": parts[0], "who": parts[1]}
        if len(parts) == 3 and parts[2]:
            entry["by"] = parse_date(parts[2], f"{item.name} (uiterlijk)")
        return entry
    return value


def parse_assignments(step: Form, pairs: Sequence[str]) -> dict[str, Any]:
    """`FIELD=VALUE` arguments as values; a list field may be given more than once."""
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise FormError(f"'{pair}' is geen VELD=WAARDE")
        item = step.field(name)
        value = parse_value(item, text)
        if item.many:
            values.setdefault(name, []).append(value)
        elif name in values:
            raise FormError(f"veld '{name}' staat er twee keer")
        else:
            values[name] = value
    return values


def default_of(item: Field, case: Case, day: dt.date) -> Any:
    """The default of a field for this case on the step's date, or None."""
    if item.default == "casemanager":
        return case.employer.casemanager or None
    if item.default == "bedrijfsarts":
        return case.employer.bedrijfsarts or None
    if item.default == "hours_per_week":
        return case.employee.hours_per_week
    if item.default == "date":
        return day
    return None


def missing(step: Form, values: Mapping[str, Any]) -> tuple[Field, ...]:
    """The required fields that have no value yet."""
    return tuple(f for f in step.required if values.get(f.name) in (None, "", []))
