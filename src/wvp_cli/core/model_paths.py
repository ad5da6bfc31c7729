"""Which model of the case format describes the mapping at a YAML path of a case file, read from
the pydantic annotations (core/model.py). An event's model is the one whose `type` holds the
event's type. The known keys of a load error's "bedoelde je ...?" (schema_errors.py) and the
editor server's completion, hover and actions (lsp/) ask it here."""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from wvp_cli.core.model import Case


def model_at(
    path: Sequence[str | int], data: Any, root: type[BaseModel] = Case
) -> type[BaseModel] | None:
    """The model of the mapping at `path` in `data` (an event's by its `type`), or None: the
    path leads nowhere in the format, to something that is no mapping (a text, a list itself:
    only its elements have a model), or to an event whose type is missing or unknown."""
    annotation: Any = root
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            annotation = element(annotation)
            continue
        model = model_of(annotation, node)
        if model is None:
            return None
        annotation = field_annotation(model, part)
        if annotation is None:
            return None
        node = node.get(part) if isinstance(node, dict) else None
    return model_of(annotation, node)


def model_of(annotation: Any, node: Any) -> type[BaseModel] | None:
    """The model `annotation` names for the data `node`: its only model, or, of a union of
    several (the events), the one whose `type` holds the node's `type`."""
    models = [m for m in members(annotation) if isinstance(m, type) and issubclass(m, BaseModel)]
    if len(models) == 1:
        return models[0]
    kind = node.get("type") if isinstance(node, dict) else None
    for model in models:
        own = field_annotation(model, "type")
        if own is not None and kind in literals(own):
            return model
    return None


def field_annotation(model: type[BaseModel], key: str) -> Any:
    """The annotation of the field written `key` in a case file (its alias, else its name), or
    None when the model has no such field."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info.annotation
    return None


def element(annotation: Any) -> Any:
    """The type of the elements of a list (also of `list[X] | None`), or None."""
    for arg in (annotation, *get_args(annotation)):
        if get_origin(arg) is list:
            return get_args(arg)[0]
    return None


def members(annotation: Any) -> list[Any]:
    """The members of a union, through `Annotated` and `X | None`."""
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        return [m for arg in get_args(annotation) for m in members(arg)]
    if origin is not None and hasattr(annotation, "__metadata__"):  # Annotated[X, ...]
        return members(get_args(annotation)[0])
    return [annotation]


def literals(annotation: Any) -> list[Any]:
    """The values of the Literal members of `annotation` (a field's fixed choices)."""
    out: list[Any] = []
    for member in members(annotation):
        if get_origin(member) is Literal:
            out.extend(get_args(member))
    return out
