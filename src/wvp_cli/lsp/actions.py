"""Code actions: a suggested key or value, the fields an event still needs, a deviation for an
overdue milestone."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from wvp_cli.core.clock import DEVIABLE
from wvp_cli.core.findings import Finding
from wvp_cli.lsp import schema
from wvp_cli.lsp.diagnostics import diagnostic
from wvp_cli.lsp.hover import data_at
from wvp_cli.lsp.text import Text, block_end, read_line, value_block_end

if TYPE_CHECKING:
    from wvp_cli.lsp.workspace import Document, Repository

_SUGGESTION = re.compile(r"bedoelde je '([^']+)'\?")
_MISSING = re.compile(r"verplicht veld '([^']+)' ontbreekt")
_EMPTY_DEVIATIONS = re.compile(r"deviations:\s*(\[\s*\])?\s*(#.*)?")


def _edit(uri: str, version: int | None, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    if version is None:
        return types.WorkspaceEdit(changes={uri: list(edits)})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(
        document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
    )


def _insert_after(text: Text, last: int, lines: Sequence[str]) -> types.TextEdit:
    """Lines inserted after line `last` (0-based)."""
    body = "".join(line + "\n" for line in lines)
    if last + 1 < len(text.lines):
        at = text.position(last + 1, 0)
        return types.TextEdit(range=types.Range(at, at), new_text=body)
    end = text.position(last, len(text.line(last)))
    lead = "" if text.source.endswith("\n") or not text.source else "\n"
    return types.TextEdit(range=types.Range(end, end), new_text=lead + body)


def code_actions(
    repo: Repository,
    document: Document,
    text: Text,
    uri: str,
    wanted: types.Range,
    findings: Sequence[Finding],
) -> list[types.CodeAction]:
    """Fixes for the findings on the lines of `wanted`: the suggestion of a typo, the missing
    required fields as a skeleton, a `deviations:` entry for a missed milestone."""
    actions: list[types.CodeAction] = []
    here = [
        f
        for f in findings
        if wanted.start.line <= f.location.line - 1 <= max(wanted.end.line, wanted.start.line)
    ]
    loaded = document.loaded
    done: set[tuple[str, Any]] = set()
    for finding in here:
        diagnostic_ = diagnostic(text, finding)
        suggestion = _SUGGESTION.search(finding.message)
        if suggestion is not None:
            choice = suggestion.group(1)
            edit = types.TextEdit(range=diagnostic_.range, new_text=choice)
            actions.append(
                types.CodeAction(
                    title=f"Bedoelde je '{choice}'?",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic_],
                    is_preferred=True,
                    edit=_edit(uri, document.version, [edit]),
                )
            )
        path = finding.location.path
        missing = _MISSING.search(finding.message) is not None
        in_event = len(path) >= 2 and path[0] == "events" and isinstance(path[1], int)
        if in_event and (missing or not finding.rule.startswith("WVP0")):
            missing, path = True, path[:2]  # a content rule may ask for fields of the event
        if missing and loaded is not None and ("missing", path) not in done:
            done.add(("missing", path))
            action = _skeleton_action(document, text, uri, path, diagnostic_)
            if action is not None:
                actions.append(action)
        # Only the terms of Regeling procesgang art. 5 can be departed from.
        if finding.milestone in DEVIABLE and ("deviation", finding.milestone) not in done:
            assert finding.milestone is not None
            timeline = document.timeline(repo.as_of)
            status = {m.code: m.status for m in timeline.milestones} if timeline else {}
            if status.get(finding.milestone) == "overdue":
                done.add(("deviation", finding.milestone))
                action = _deviation_action(document, text, uri, finding.milestone, diagnostic_)
                if action is not None:
                    actions.append(action)
    return actions


def _skeleton_action(
    document: Document,
    text: Text,
    uri: str,
    path: tuple[str | int, ...],
    diagnostic_: types.Diagnostic,
) -> types.CodeAction | None:
    loaded = document.loaded
    if loaded is None:
        return None
    mapping = data_at(loaded.data, path)
    model = schema.model_at(path, loaded.data)
    if model is None or not isinstance(mapping, dict):
        return None
    if not path:
        indent, last = 0, len(text.lines) - 1
    else:
        place = loaded.source.values.get(path)
        if place is None or text.line(place[0] - 1)[place[1] - 1 : place[1]] == "{":
            return None  # a mapping written in flow style: no block to add lines to
        indent = place[1] - 1
        last = block_end(text.lines, place[0] - 1, indent)
    lines = schema.skeleton(model, list(mapping), " " * indent)
    names = [
        spec.name
        for spec in schema.fields(model)
        if spec.required and spec.name not in mapping and spec.name != "type"
    ]
    kind = mapping.get("type")
    if len(path) == 2 and path[0] == "events" and isinstance(kind, str):
        for item in _asked(kind):
            if item.name not in mapping and item.name not in names:
                names.append(item.name)
                lines.extend(_form_lines(item, " " * indent))
    if not lines:
        return None
    return types.CodeAction(
        title=f"Voeg de ontbrekende verplichte velden toe ({', '.join(names)})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic_],
        edit=_edit(uri, document.version, [_insert_after(text, last, lines)]),
    )


def _asked(kind: str) -> tuple[Any, ...]:
    """The fields `wvp check` asks of an event of type `kind` beyond the model's own: those of
    the content rules (WVP301-WVP305, WVP222-WVP226), as the form of `wvp add` has them."""
    from wvp_cli.core import forms

    step = forms.FORMS.get(kind)
    return step.required if step is not None and step.target == "events" else ()


def _form_lines(item: Any, indent: str) -> list[str]:
    """A field of a form as a skeleton line, its value left for the user (see `skeleton`)."""
    name, kind = item.name, item.kind
    if kind == "date":
        return [f"{indent}{name}: {schema.DATE_PLACEHOLDER}"]
    if kind == "bool":
        return [f"{indent}{name}: false"]
    if kind in ("choice", "track"):
        return [f"{indent}{name}:   # kies: {' | '.join(item.choices)}"]
    if kind == "number":
        return [f"{indent}{name}:   # een getal"]
    if kind == "activities":
        return [f"{indent}{name}:", f'{indent}  - what: ""', f'{indent}    who: ""']
    return [f'{indent}{name}: ""']


def _deviation_action(
    document: Document, text: Text, uri: str, milestone: str, diagnostic_: types.Diagnostic
) -> types.CodeAction | None:
    from wvp_cli.core.milestones import MILESTONE_INFO

    loaded = document.loaded
    if loaded is None or not isinstance(loaded.data, dict):
        return None
    data = loaded.data
    existing = data.get("deviations")
    key_place = loaded.source.keys.get(("deviations",))
    edits: list[types.TextEdit]
    if isinstance(existing, list) and existing and key_place is not None:
        first = loaded.source.values.get(("deviations", 0))
        first_line = read_line(text.line(first[0] - 1)) if first else None
        if first_line is None or first_line.dash is None:
            return None  # written in flow style
        entry = _deviation_entry(milestone, " " * first_line.dash)
        last = value_block_end(text.lines, key_place[0] - 1, key_place[1] - 1)
        edits = [_insert_after(text, last, entry)]
    elif key_place is not None:
        line = key_place[0] - 1
        if key_place[1] != 1 or not _EMPTY_DEVIATIONS.fullmatch(text.line(line)):
            return None
        entry = _deviation_entry(milestone, "  ")
        whole = text.range(line, 0, len(text.line(line)))
        edits = [types.TextEdit(range=whole, new_text="\n".join(["deviations:", *entry]))]
    else:
        events = loaded.source.keys.get(("events",))
        block = ["deviations:", *_deviation_entry(milestone, "  ")]
        if events is not None and events[1] == 1:
            at = text.position(events[0] - 1, 0)
            edits = [types.TextEdit(range=types.Range(at, at), new_text="\n".join(block) + "\n")]
        else:
            edits = [_insert_after(text, len(text.lines) - 1, block)]
    title = MILESTONE_INFO[milestone].title
    return types.CodeAction(
        title=f"Leg een gemotiveerde afwijking vast voor {title} (reden zelf invullen)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic_],
        edit=_edit(uri, document.version, edits),
    )


def _deviation_entry(milestone: str, indent: str) -> list[str]:
    """A `deviations:` entry with what only the employer and employee can say left open: the
    date placeholder and the empty reason keep `wvp check` pointing here until filled in."""
    return [
        f"{indent}- milestone: {milestone}",
        f"{indent}  date: {schema.DATE_PLACEHOLDER}   # de dag van de afspraak om af te wijken",
        f'{indent}  reason: ""   # waarom wordt afgeweken? (Regeling procesgang art. 5)',
        f"{indent}  agreed_by_employee: false   # true zodra de werknemer akkoord is",
        *(
            [f"{indent}  prospect_until: {schema.DATE_PLACEHOLDER}   # terugkeer rond (max. 91 d)"]
            if milestone == "start_tweede_spoor"
            else []
        ),
    ]
