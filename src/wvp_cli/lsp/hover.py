"""Hover: a rule's documentation and legal source, what an event's date satisfies on the clock,
what a key means in the case format. Every due date and week comes from the clock."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from wvp_cli.core.findings import Finding
from wvp_cli.lsp import schema
from wvp_cli.lsp.diagnostics import LEVEL_WORD, finding_range, rule_doc_url
from wvp_cli.lsp.text import Text

if TYPE_CHECKING:
    from wvp_cli.core.clock import Timeline
    from wvp_cli.lsp.workspace import Document, Repository

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
        f"Ernst: {LEVEL_WORD[rule.severity]} · Bron: {rule.source}",
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


def data_at(data: Any, path: Sequence[str | int]) -> Any:
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
