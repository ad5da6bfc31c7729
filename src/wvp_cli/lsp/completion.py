"""Completion: keys, event types and values where the cursor stands."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from wvp_cli.lsp import schema
from wvp_cli.lsp.text import Text, cursor_at

if TYPE_CHECKING:
    from wvp_cli.lsp.workspace import Repository

#: Event types whose `by` is the bedrijfsarts.
_BY_DOCTOR = frozenset({"probleemanalyse", "actueel_oordeel"})


def completion(
    repo: Repository, text: Text, position: types.Position
) -> list[types.CompletionItem]:
    """Keys of the mapping under the cursor that it lacks; event types and other fixed choices;
    the casemanagers and bedrijfsartsen named elsewhere in the repository."""
    from wvp_cli.core.model import EVENT_TYPES

    line, char = text.char_of(position)
    cursor = cursor_at(text.lines, line, char)
    if cursor is None:
        return []
    path = cursor.path
    in_event = len(path) == 2 and path[0] == "events" and isinstance(path[1], int)
    model = schema.model_at(path, cursor.data)
    start = text.position(line, char - len(cursor.prefix))
    end = text.position(line, char)
    span = types.Range(start, end)

    def item(
        label: str, kind: types.CompletionItemKind, insert: str, **extra: Any
    ) -> types.CompletionItem:
        return types.CompletionItem(
            label=label, kind=kind, text_edit=types.TextEdit(range=span, new_text=insert), **extra
        )

    if cursor.key is None:
        if model is None:
            if in_event and "type" not in cursor.siblings:
                field = types.CompletionItemKind.Field
                return [item("type", field, "type: ", detail="soort gebeurtenis")]
            return []
        out = []
        for spec in schema.fields(model):
            if spec.name in cursor.siblings:
                continue
            out.append(
                item(
                    spec.name,
                    types.CompletionItemKind.Field,
                    f"{spec.name}: ",
                    detail=("verplicht: " if spec.required else "") + spec.kind,
                    documentation=spec.description,
                )
            )
        return out
    key = cursor.key
    if key == "type" and in_event:
        return [item(t, types.CompletionItemKind.EnumMember, t) for t in EVENT_TYPES]
    chosen = schema.field(model, key) if model is not None else None
    if chosen is not None and chosen.choices:
        return [item(c, types.CompletionItemKind.EnumMember, c) for c in chosen.choices]
    managers, doctors = repo.people()
    event_type = cursor.siblings.get("type", "").strip().strip("'\"")
    if key == "casemanager":
        names = managers
    elif key == "bedrijfsarts" or (key == "by" and in_event and event_type in _BY_DOCTOR):
        names = doctors
    else:
        return []
    quoted = cursor.raw_prefix.startswith(("'", '"'))
    quoted_start = text.position(line, char - len(cursor.raw_prefix)) if quoted else start
    return [
        types.CompletionItem(
            label=name,
            kind=types.CompletionItemKind.Value,
            text_edit=types.TextEdit(
                range=types.Range(quoted_start, end), new_text=json.dumps(name, ensure_ascii=False)
            ),
            filter_text=(cursor.raw_prefix[:1] + name) if quoted else name,
        )
        for name in names
    ]
