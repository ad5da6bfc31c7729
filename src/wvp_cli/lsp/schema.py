"""The case format as the editor needs it: which model describes the mapping at a YAML path,
its fields with their descriptions (the same the JSON Schema of `wvp schema` carries), which of
them are required, and a skeleton of what is missing. Read from the pydantic models, the one
source of the format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

# Which model describes the mapping at a path: the same walk as a load error's "bedoelde je".
from wvp_cli.core.model_paths import element, literals, members, model_of
from wvp_cli.core.model_paths import model_at as model_at

#: What stands in a skeleton where only the user can know the value.
DATE_PLACEHOLDER = "JJJJ-MM-DD"


@dataclass(frozen=True)
class FieldSpec:
    """One key of a mapping of the case format."""

    name: str
    required: bool
    description: str | None
    annotation: Any

    @property
    def choices(self) -> tuple[str, ...]:
        """The values a Literal field takes (`type`, `milestone`, `conclusion`), else none."""
        return tuple(str(v) for v in literals(self.annotation))

    @property
    def kind(self) -> str:
        """The field's type in Dutch words, for hover."""
        return _kind(self.annotation)


def fields(model: type[BaseModel]) -> list[FieldSpec]:
    return [
        FieldSpec(info.alias or name, info.is_required(), info.description, info.annotation)
        for name, info in model.model_fields.items()
    ]


def field(model: type[BaseModel], key: str) -> FieldSpec | None:
    return next((f for f in fields(model) if f.name == key), None)


def _kind(annotation: Any) -> str:
    words = []
    for member in members(annotation):
        if member is type(None):
            continue
        if get_origin(member) is Literal:
            words.append("een van: " + ", ".join(str(v) for v in get_args(member)))
        elif get_origin(member) is list:
            words.append("een lijst")
        elif member is dt.date:
            words.append("een datum (JJJJ-MM-DD)")
        elif member is bool:
            words.append("ja of nee (true/false)")
        elif member in (int, float):
            words.append("een getal")
        elif member is str:
            words.append("tekst")
        elif isinstance(member, type) and issubclass(member, BaseModel):
            words.append("een mapping")
        else:
            words.append(str(member))
    return " of ".join(dict.fromkeys(words)) or "niets"


def event_model(kind: str) -> type[BaseModel] | None:
    return model_at(("events", 0), {"events": [{"type": kind}]})


def skeleton(model: type[BaseModel], present: Sequence[str], indent: str) -> list[str]:
    """YAML lines for the required fields of `model` that are not `present`, with a value the
    user still has to fill in: a date placeholder, an empty text, a choice left open. Nothing
    is invented: every placeholder makes `wvp check` point at the place until it is filled."""
    lines: list[str] = []
    for spec in fields(model):
        if not spec.required or spec.name in present or spec.name == "type":
            continue  # the type of an event is what the user chooses first: see completion
        lines.extend(_skeleton_field(spec, indent))
    return lines


def _skeleton_field(spec: FieldSpec, indent: str) -> list[str]:
    kinds = [m for m in members(spec.annotation) if m is not type(None)]
    first = kinds[0] if kinds else None
    if len(spec.choices) == 1:
        return [f"{indent}{spec.name}: {spec.choices[0]}"]
    if spec.choices:
        return [f"{indent}{spec.name}:   # kies: {' | '.join(spec.choices)}"]
    if first is dt.date:
        return [f"{indent}{spec.name}: {DATE_PLACEHOLDER}"]
    if first is bool:
        return [f"{indent}{spec.name}: false"]
    if get_origin(first) is list:
        inner = model_of(element(first), None)
        if inner is None:
            return [f"{indent}{spec.name}: []"]
        body = skeleton(inner, (), indent + "    ")
        if not body:
            return [f"{indent}{spec.name}: []"]
        return [f"{indent}{spec.name}:", f"{indent}  - {body[0].lstrip()}", *body[1:]]
    if isinstance(first, type) and issubclass(first, BaseModel):
        return [f"{indent}{spec.name}:", *skeleton(first, (), indent + "  ")]
    return [f'{indent}{spec.name}: ""']
