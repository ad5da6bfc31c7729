"""What the editor shows and offers for one document: diagnostics (the findings of `wvp check`),
hover (a rule's documentation and legal source, what an event's date satisfies on the clock,
what a key means in the case format), code actions and completion.

Every due date and week comes from the clock (`core/clock.py`); nothing here counts days.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from wvp_cli.core.clock import DEVIABLE
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.lsp import schema
from wvp_cli.lsp.text import Text, block_end, cursor_at, read_line, value_block_end

if TYPE_CHECKING:
    from wvp_cli.core.clock import Timeline
    from wvp_cli.lsp.workspace import Document, Repository

SOURCE = "wvp"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_LEVEL_WORD = {Severity.ERROR: "fout", Severity.WARNING: "waarschuwing", Severity.INFO: "info"}


@lru_cache(maxsize=1)
def _doc_base() -> tuple[str, str] | None:
    from importlib import metadata

    try:
        urls = metadata.metadata("wvp").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        urls = []
    labels = {}
    for entry in urls:
        label, _, url = entry.partition(",")
        labels[label.strip().lower()] = url.strip().rstrip("/")
    if "documentation" in labels:
        return labels["documentation"], "/rules/"
    for label in ("repository", "source", "homepage"):
        if label in labels:
            return labels[label], "/blob/main/docs/rules/"
    return None


def rule_doc_url(code: str) -> str | None:
    """The page of rule `code` in the docs (docs/rules/CODE.md): under the project's URL of the
    package metadata (its Documentation, else docs/ in its Repository), else the page in this
    checkout's docs/ folder; None where there is neither."""
    base = _doc_base()
    if base is not None:
        return f"{base[0]}{base[1]}{code}.md"
    page = Path(__file__).resolve().parents[3] / "docs" / "rules" / f"{code}.md"
    return page.as_uri() if page.is_file() else None


# --- diagnostics --------------------------------------------------------------------------------


def finding_range(text: Text, finding: Finding) -> types.Range:
    path = finding.location.path
    key = path[-1] if path and isinstance(path[-1], str) else None
    return text.token(finding.location.line, finding.location.column, key)


def diagnostic(text: Text, finding: Finding) -> types.Diagnostic:
    """A finding as the editor shows it: the masked message of machine output, the rule's code
    with a link to its page, the range of the node it is about."""
    url = rule_doc_url(finding.rule)
    return types.Diagnostic(
        range=finding_range(text, finding),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
    )


def diagnostics(text: Text, findings: Iterable[Finding]) -> list[types.Diagnostic]:
    return [diagnostic(text, f) for f in findings]


# --- hover --------------------------------------------------------------------------------------

_STATUS = {
    "done": "gedaan, op tijd",
    "late": "gedaan, te laat",
    "open": "open",
    "overdue": "niet gedaan en over de termijn",
    "waived": "gemotiveerd afgeweken",
    "paused": "gepauzeerd (hersteld)",
    "not_applicable": "niet van toepassing",
}


def _contains(rng: types.Range, position: types.Position) -> bool:
    start, end = rng.start, rng.end
    after_start = (position.line, position.character) >= (start.line, start.character)
    before_end = (position.line, position.character) <= (end.line, end.character)
    return after_start and before_end


def rule_markdown(code: str) -> str | None:
    from wvp_cli.rules import all_rules

    rule = all_rules().get(code)
    if rule is None:
        return None
    parts = [
        f"**{rule.code}** `{rule.slug}`: {rule.title}",
        f"Ernst: {_LEVEL_WORD[rule.severity]} · Bron: {rule.source}",
    ]
    if rule.doc:
        parts.append(rule.doc)
    url = rule_doc_url(code)
    if url:
        parts.append(f"[Documentatie van {rule.code}]({url})")
    return "\n\n".join(parts)


def node_at(document: Document, line: int, char: int) -> tuple[str, tuple[str | int, ...]] | None:
    """The key or the scalar value under the cursor (0-based line and character index), from
    the source map of the loaded text."""
    loaded = document.loaded
    if loaded is None:
        return None
    line1, col1 = line + 1, char + 1
    for path, (at_line, at_col) in loaded.source.keys.items():
        name = str(path[-1])
        if at_line == line1 and at_col <= col1 <= at_col + len(name):
            return "key", path
    best: tuple[int, tuple[str | int, ...]] | None = None
    for path, (at_line, at_col) in loaded.source.values.items():
        if at_line == line1 and at_col <= col1 and (best is None or at_col > best[0]):
            best = (at_col, path)
    if best is None or not best[1]:
        return None
    return "value", best[1]


def _data_at(data: Any, path: Sequence[str | int]) -> Any:
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


def hover(
    repo: Repository,
    document: Document,
    text: Text,
    position: types.Position,
    findings: Sequence[Finding],
) -> types.Hover | None:
    parts: list[str] = []
    for finding in findings:
        if _contains(finding_range(text, finding), position):
            doc = rule_markdown(finding.rule)
            if doc and doc not in parts:
                parts.append(doc)
    line, char = text.char_of(position)
    node = node_at(document, line, char)
    if node is not None:
        kind, path = node
        timeline = document.timeline(repo.as_of)
        if kind == "value" and timeline is not None and len(path) >= 3 and path[2] == "date":
            if path[0] == "events" and isinstance(path[1], int):
                parts.append(_event_date(document, timeline, path[1]))
            elif path[0] == "deviations" and isinstance(path[1], int):
                parts.append(_deviation_date(document, timeline, path[1]))
        if kind == "key":
            about = _key_markdown(document, path)
            if about:
                parts.append(about)
    if not parts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
        )
    )


def _due(day: Any, week: int) -> str:
    from wvp_cli.core.dutch import long_date

    return f"{long_date(day, weekday=True)} (week {week})"


def _event_date(document: Document, timeline: Timeline, index: int) -> str:
    from wvp_cli.core.dutch import days, long_date
    from wvp_cli.core.milestones import MILESTONE_INFO

    case = document.loaded.case if document.loaded is not None else None
    if case is None or index >= len(case.events):
        return ""
    event = case.events[index]
    week = timeline.clock.week_of(event.date)
    on = long_date(event.date, weekday=True)
    lines = [f"**{event.type}** op {on}: week {week} van de ziekte"]
    satisfied = [m for m in timeline.milestones if m.event == index]
    for m in satisfied:
        title = MILESTONE_INFO[m.code].title
        if m.code == "evaluatie":
            lines.append(
                "Laatste evaluatiemoment; de volgende evaluatie moet uiterlijk "
                f"{_due(m.due, m.week)} ({_STATUS[m.status]})"
            )
            continue
        state = _STATUS[m.status]
        if m.status == "late" and m.days_late is not None:
            state += f", {days(m.days_late)}"
        due = _due(m.due, m.week)
        lines.append(f"Vervult mijlpaal **{title}**: termijn uiterlijk {due}; {state}")
    moments = [i for _, i in timeline.evaluation_moments]
    if index in moments and not any(m.code == "evaluatie" for m in satisfied):
        lines.append("Evaluatiemoment van het plan van aanpak (de cadans van zes weken)")
    if not satisfied and event.type in MILESTONE_INFO:
        m = timeline.milestone(event.type)
        title = MILESTONE_INFO[m.code].title
        if event.date > timeline.as_of:
            lines.append(f"Na de peildatum: telt nog niet mee voor **{title}**")
        elif event.date < timeline.first_sick_day:
            lines.append(
                f"Vóór de eerste ziektedag van dit geval ({long_date(timeline.first_sick_day)}): "
                f"telt niet mee voor **{title}**"
            )
        else:
            lines.append(
                f"**{title}** is al vervuld door een eerdere gebeurtenis; termijn was "
                f"{_due(m.due, m.week)}"
            )
    return "\n\n".join(lines)


def _deviation_date(document: Document, timeline: Timeline, index: int) -> str:
    from wvp_cli.core.milestones import MILESTONE_INFO

    covered = [m for m in timeline.milestones if m.deviation == index]
    if not covered:
        return ""
    return "\n\n".join(
        f"Afwijking voor **{MILESTONE_INFO[m.code].title}**: termijn {_due(m.due, m.week)}; "
        f"{_STATUS[m.status]}"
        for m in covered
    )


def _key_markdown(document: Document, path: tuple[str | int, ...]) -> str | None:
    loaded = document.loaded
    if loaded is None or not path or not isinstance(path[-1], str):
        return None
    model = schema.model_at(path[:-1], loaded.data)
    spec = schema.field(model, path[-1]) if model is not None else None
    if spec is None:
        return None
    need = "verplicht" if spec.required else "optioneel"
    lines = [f"**{spec.name}** ({need}): {spec.kind}"]
    if spec.description:
        lines.append(spec.description)
    return "\n\n".join(lines)


# --- code actions -------------------------------------------------------------------------------

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
    mapping = _data_at(loaded.data, path)
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


# --- completion ---------------------------------------------------------------------------------

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
