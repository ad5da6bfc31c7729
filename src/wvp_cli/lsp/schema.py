"""The case format as the editor needs it: which model describes the mapping at a YAML path,
its fields with their descriptions (the same the JSON Schema of `wvp schema` carries), which of
them are required, and a skeleton of what is missing. Read from the pydantic models, the one
source of the format."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from wvp_cli.core.model import Case

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
        return tuple(str(v) for v in _literals(self.annotation))

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


def model_at(path: Sequence[str | int], data: Any) -> type[BaseModel] | None:
    """The model of the mapping at `path` in `data` (an event's by its `type`), or None."""
    annotation: Any = Case
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            annotation = _element(annotation)
            continue
        model = _model(annotation, node)
        if model is None:
            return None
        spec = field(model, part)
        if spec is None:
            return None
        annotation = spec.annotation
        node = node.get(part) if isinstance(node, dict) else None
    return _model(annotation, node)


def _element(annotation: Any) -> Any:
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is list:
            return get_args(arg)[0]
    return None


def _members(annotation: Any) -> list[Any]:
    """The members of a union, through `Annotated` and `X | None`."""
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(annotation) for m in _members(arg)]
    if origin is not None and hasattr(annotation, "__metadata__"):  # Annotated[X, ...]
        return _members(get_args(annotation)[0])
    return [annotation]


def _model(annotation: Any, node: Any) -> type[BaseModel] | None:
    models = [m for m in _members(annotation) if isinstance(m, type) and issubclass(m, BaseModel)]
    if len(models) == 1:
        return models[0]
    kind = node.get("type") if isinstance(node, dict) else None
    for model in models:
        spec = field(model, "type")
        if spec is not None and kind in spec.choices:
            return model
    return None


def _literals(annotation: Any) -> list[Any]:
    out: list[Any] = []
    for member in _members(annotation):
        if get_origin(member) is Literal:
            out.extend(get_args(member))
    return out


def _kind(annotation: Any) -> str:
    words = []
    for member in _members(annotation):
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
    members = [m for m in _members(spec.annotation) if m is not type(None)]
    first = members[0] if members else None
    if len(spec.choices) == 1:
        return [f"{indent}{spec.name}: {spec.choices[0]}"]
    if spec.choices:
        return [f"{indent}{spec.name}:   # kies: {' | '.join(spec.choices)}"]
    if first is dt.date:
        return [f"{indent}{spec.name}: {DATE_PLACEHOLDER}"]
    if first is bool:
        return [f"{indent}{spec.name}: false"]
    if get_origin(first) is list:
        element = _element(first)
        inner = _model(element, None)
        if inner is None:
            return [f"{indent}{spec.name}: []"]
        body = skeleton(inner, (), indent + "    ")
        if not body:
            return [f"{indent}{spec.name}: []"]
        return [f"{indent}{spec.name}:", f"{indent}  - {body[0].lstrip()}", *body[1:]]
    if isinstance(first, type) and issubclass(first, BaseModel):
        return [f"{indent}{spec.name}:", *skeleton(first, (), indent + "  ")]
    return [f'{indent}{spec.name}: ""']
