"""Changing a case file the way its author would: append a step, end a sickness period, set a
field, and keep every comment, blank line, quote and key order the file had.

The change is made on a ruamel.yaml round-trip document (PyYAML stays the fast reader of every
other command). The new text is then put back into the original text line by line, so that a
line ruamel would have written differently (an odd indent, a spacing) stays as the user wrote
it; only the lines of the change itself are new. Before anything is written the new text is
loaded and checked like `wvp check` does:

- a text that is no longer a valid case is refused, always, with the loader's findings;
- a change that adds findings at error level is refused with those findings, unless `force`;
- the write is atomic (`files.write_atomic`): readers see the old file or the new one.

One call changes one file, and no other. The API is small so that the command line
(`wvp add`), the web pages and the importer share it:

    outcome = add_event(path, {"type": "evaluatie", "date": day, "summary": "..."}, as_of=day)
    outcome.diff, outcome.appeared, outcome.disappeared, outcome.written

Every problem the user must fix before a change can be made raises `EditProblem` (Dutch).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.core.dutch import long_date
from wvp_cli.core.findings import Finding, Severity

if TYPE_CHECKING:
    from wvp_cli.core.loader import LoadedFile
    from wvp_cli.engine import Settings

#: The sections of a case file that hold lists, in the order the format shows them.
SECTIONS: tuple[str, ...] = ("sickness", "leave", "extensions", "deviations", "events")

#: Keys whose values are free text: written quoted, as the format's examples do, so that a text
#: like `2026-03-01` or `ja` stays a text.
_PLAIN_CHOICES = frozenset(
    {"type", "conclusion", "requested_by", "reason_code", "milestone", "work", "who"}
)


#: A change: edits the round-trip document in place, returns a one-line summary and whether a
#: new list item gets a blank line before it (when the list's items stand apart that way).
Change = Callable[[Any, str], "str | tuple[str, bool]"]


#: A value of a choice (`spoor_2`, `werknemer`): written plain, as the format's examples do.
_CHOICE = re.compile(r"(?!(?:yes|no|on|off|true|false|null|y|n)$)[a-z][a-z0-9_]*")


class EditProblem(Exception):
    """The change cannot be made; the message says why in Dutch (exit code 2)."""


@dataclass(frozen=True)
class Outcome:
    """What a change did (or would do, with `dry_run`) to one file."""

    file: str
    before: str
    after: str
    written: bool
    #: True when the change was refused; `problems` says why.
    refused: bool
    findings_before: tuple[Finding, ...] = ()
    findings_after: tuple[Finding, ...] = ()
    problems: tuple[Finding, ...] = ()
    #: True when the new text would not even be a valid case (refused whatever `force` says).
    invalid: bool = False
    #: What the change did, in words ("evaluatie van 3 december 2026 toegevoegd").
    summary: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def diff(self) -> str:
        """The unified diff of the file, as `git diff` shows it."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=self.file if self.file.startswith("/") else f"a/{self.file}",
                tofile=self.file if self.file.startswith("/") else f"b/{self.file}",
            )
        )

    @property
    def appeared(self) -> tuple[Finding, ...]:
        """Findings of the new text that the old one did not have."""
        return _minus(self.findings_after, self.findings_before)

    @property
    def disappeared(self) -> tuple[Finding, ...]:
        """Findings of the old text that the change resolved."""
        return _minus(self.findings_before, self.findings_after)


def _key(finding: Finding) -> tuple[str, str, str | None, str]:
    return (finding.rule, finding.severity.value, finding.milestone, finding.message)


def _minus(these: Sequence[Finding], those: Sequence[Finding]) -> tuple[Finding, ...]:
    left = Counter(_key(f) for f in those)
    out = []
    for finding in these:
        key = _key(finding)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return tuple(out)


# --- reading and writing YAML with ruamel ------------------------------------------------


def _yaml(text: str) -> Any:
    """A round-trip YAML instance with the indentation the file uses."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the user wrote on one line
    try:
        _, indent, offset = load_yaml_guess_indent(text)
    except Exception:  # the real load below reports the problem
        indent, offset = None, None
    sequence = indent if isinstance(indent, int) and indent > 0 else 4
    dash = offset if isinstance(offset, int) and 0 <= offset < sequence else sequence - 2
    yaml.indent(mapping=2, sequence=sequence, offset=max(dash, 0))
    return yaml


def _dump(yaml: Any, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _norm(line: str) -> str:
    """A line without its layout: ruamel may indent or space it differently than the user."""
    return " ".join(line.split())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _merge(original: str, base: str, changed: str, *, blank: bool = False) -> str | None:
    """Apply the change `base` → `changed` (both written by ruamel) to `original` (the user's
    text, which `base` reproduces up to layout). Lines are matched without their layout, so a
    line the user indented or spaced otherwise stays as written, and new lines take the indent
    of the original line they follow. None when a changed line has no place in the original.
    With `blank`, an inserted list item that follows a line with text gets a blank line."""
    orig = original.splitlines(keepends=True)
    old = base.splitlines(keepends=True)
    new = changed.splitlines(keepends=True)
    where: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(
        None, [_norm(x) for x in old], [_norm(x) for x in orig], autojunk=False
    )
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            where[block.a + k] = block.b + k
    hunks: list[tuple[int, int, list[str]]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        if any(i not in where for i in range(i1, i2)):
            return None
        if i2 > i1:
            start, end = where[i1], where[i2 - 1] + 1
            if end - start != i2 - i1:
                return None
            shift = _indent(orig[start]) - _indent(old[i1])
        elif i1 == 0:
            start = end = 0
            shift = 0
        elif i1 - 1 in where:
            start = end = where[i1 - 1] + 1
            shift = _indent(orig[start - 1]) - _indent(old[i1 - 1])
        else:
            return None
        lines = [_shifted(line, shift) for line in new[j1:j2]]
        if (
            blank
            and i1 == i2
            and lines
            and lines[0].lstrip().startswith("- ")
            and start > 0
            and orig[start - 1].strip()
        ):
            lines = ["\n", *lines]
        hunks.append((start, end, lines))
    for start, end, lines in sorted(hunks, reverse=True):
        orig[start:end] = lines
    return "".join(orig)


def _shifted(line: str, shift: int) -> str:
    if shift > 0 and line.strip():
        return " " * shift + line
    if shift < 0 and line.strip() and _indent(line) >= -shift:
        return line[-shift:]
    return line


# --- values as the file writes them -------------------------------------------------------


def _node(key: str | None, value: Any) -> Any:
    """A Python value as a ruamel node: texts double-quoted (literal block when multi-line),
    mappings and lists as block nodes in the order given."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, Mapping):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(k, v)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq()
        for item in value:
            seq.append(_node(key, item))
        if all(isinstance(v, int) for v in value):
            seq.fa.set_flow_style()  # track: [1, 2]
        return seq
    if isinstance(value, str) and not (key in _PLAIN_CHOICES and _CHOICE.fullmatch(value)):
        if "\n" in value:
            return LiteralScalarString(value if value.endswith("\n") else value + "\n")
        return DoubleQuotedScalarString(value)
    return value


def _section(document: Any, name: str) -> Any:
    """The list `name` of the document, made (before `events`) when the file has none; an empty
    flow list (`events: []`) becomes a block list so that items are written one per line."""
    from ruamel.yaml.comments import CommentedSeq

    seq = document.get(name)
    if seq is None:
        seq = CommentedSeq()
        keys = list(document.keys())
        later = [k for k in SECTIONS[SECTIONS.index(name) + 1 :] if k in document]
        position = keys.index(later[0]) if later else len(keys)
        document.insert(position, name, seq)
        return seq
    if not isinstance(seq, list):
        raise EditProblem(f"'{name}' is geen lijst in dit bestand; herstel dat eerst")
    flow: Any = getattr(seq, "fa", None)
    if not seq and flow is not None and flow.flow_style():
        flow.set_block_style()
    return seq


def _trailer_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comments and blank lines that follow `node` in the text: on the
    last key of a mapping (or of its last nested item), or on the last item of a list."""
    if isinstance(node, dict) and node:
        last = list(node.keys())[-1]
        value = node[last]
        if isinstance(value, dict | list) and value:
            return _trailer_slot(value)
        return (node, last, 2) if hasattr(node, "ca") else None
    if isinstance(node, list) and node:
        value = node[-1]
        if isinstance(value, dict | list) and value:
            return _trailer_slot(value)
        return (node, len(node) - 1, 0) if hasattr(node, "ca") else None
    return None


def _move_trailer(source: Any, target: Any) -> None:
    """Move what follows `source` in the text (blank lines, comment lines) to after `target`,
    which is now written right after it; an end-of-line comment stays where it is."""
    here, there = _trailer_slot(source), _trailer_slot(target)
    if here is not None and there is not None:
        _move_slot(here, there)


def _move_trailer_key(mapping: Any, old: Any, new: Any) -> None:
    """Key `new` was added right after `old`, the mapping's last key before: what followed
    `old` in the text now follows `new`."""
    _move_slot((mapping, old, 2), (mapping, new, 2))


def _move_slot(here: tuple[Any, Any, int], there: tuple[Any, Any, int]) -> None:
    import copy

    node, key, slot = here
    entry = node.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None:
        return
    token = entry[slot]
    value: str = token.value
    if value.startswith("#"):
        first, _, rest = value.partition("\n")
        if not rest:
            return
        token.value = first + "\n"
        moved = "\n" + rest
    else:
        entry[slot] = None
        moved = value
    new = copy.copy(token)
    new.value = moved
    t_node, t_key, t_slot = there
    t_entry = t_node.ca.items.setdefault(t_key, [None] * (t_slot + 2))
    while len(t_entry) <= t_slot:
        t_entry.append(None)
    t_entry[t_slot] = new


def _blank_after(document: Any, section: str) -> None:
    """A new section follows the one before it; when that one ends with a blank line (as the
    format's sections do), the new one ends with one too."""
    import copy

    keys = list(document.keys())
    index = keys.index(section)
    if index == 0 or index == len(keys) - 1:
        return
    here, there = _trailer_slot(document[keys[index - 1]]), _trailer_slot(document[section])
    if here is None or there is None:
        return
    node, key, slot = here
    entry = node.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None or "\n\n" not in entry[slot].value:
        return
    new = copy.copy(entry[slot])
    new.value = "\n\n"
    t_node, t_key, t_slot = there
    t_entry = t_node.ca.items.setdefault(t_key, [None] * (t_slot + 2))
    t_entry[t_slot] = new


def _separated(text: str, seq: Any) -> bool:
    """True when the items of `seq` stand apart with a blank line, as in the samples."""
    lines = text.splitlines()
    if len(seq) < 2 or not hasattr(seq, "lc"):
        return False
    for index in range(1, len(seq)):
        line, _ = seq.lc.item(index)
        if line < 1 or line > len(lines) or lines[line - 1].strip():
            return False
    return True


# --- the edit itself ----------------------------------------------------------------------


def _load_valid(text: str, display: str) -> LoadedFile:
    from wvp_cli.core.loader import load_text

    loaded = load_text(text, display)
    if loaded.case is None:
        shown = (
            "; ".join(f"regel {f.location.line}: {f.message}" for f in loaded.findings[:3])
            or "geen case-bestand"
        )
        raise EditProblem(
            f"{display} is geen geldige case ({shown}); herstel het bestand eerst "
            f"(zie 'wvp check {display}')"
        )
    return loaded


def _findings(loaded: LoadedFile, as_of: dt.date, settings: Settings) -> tuple[Finding, ...]:
    from wvp_cli.engine import case_findings, settled
    from wvp_cli.rules import all_rules

    found = settled(case_findings(loaded, as_of, tuple(all_rules().values()), settings), settings)
    found.sort(key=Finding.sort_key)
    return tuple(found)


def _new_errors(before: Sequence[Finding], after: Sequence[Finding]) -> tuple[Finding, ...]:
    """Errors of `after` that `before` did not have, by rule and milestone (a milestone that
    was overdue and is now late keeps its one error: the change recorded a fact)."""
    left = Counter((f.rule, f.milestone) for f in before if f.severity is Severity.ERROR)
    out = []
    for finding in after:
        if finding.severity is not Severity.ERROR:
            continue
        key = (finding.rule, finding.milestone)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return tuple(out)


def edit(
    path: Path,
    change: Change,
    *,
    as_of: dt.date,
    settings: Settings | None = None,
    dry_run: bool = False,
    force: bool = False,
    display: str | None = None,
) -> Outcome:
    """Apply `change` to the round-trip document of the case file at `path`.

    `change(document, text)` edits the document in place and returns a one-line summary; it
    raises EditProblem when the change cannot be made. The result is checked at `as_of` and
    written atomically unless `dry_run`, or refused (see the module docstring).
    """
    from wvp_cli.core.loader import load_text
    from wvp_cli.engine import Settings
    from wvp_cli.repo.files import WriteRefused, write_atomic

    shown = display if display is not None else str(path)
    settings = settings or Settings()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EditProblem(f"kan {shown} niet lezen: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise EditProblem(f"{shown} is geen UTF-8-tekst") from None
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    crlf = "\r\n" in body
    if crlf:
        body = body.replace("\r\n", "\n")
    loaded = _load_valid(body, shown)

    yaml = _yaml(body)
    try:
        document = yaml.load(body)
        base = _dump(yaml, document)
    except Exception as exc:  # ruamel reads what PyYAML read; this is a safety net
        raise EditProblem(f"kan {shown} niet bewerken: {exc}") from None
    said = change(document, body)
    summary, blank = said if isinstance(said, tuple) else (said, False)
    changed = _dump(yaml, document)
    merged = _merge(body, base, changed, blank=blank)
    notes: list[str] = []
    if merged is None:
        merged = changed
        notes.append(
            "de opmaak van enkele regels is aangepast (ruamel.yaml kon ze niet letterlijk "
            "behouden); zie de diff"
        )
    new_text = merged
    if crlf:
        new_text = new_text.replace("\n", "\r\n")
    if bom:
        new_text = "\ufeff" + new_text
    before = _findings(loaded, as_of, settings)
    after_loaded = load_text(merged, shown)
    if after_loaded.case is None:
        return Outcome(
            shown,
            text,
            new_text,
            written=False,
            refused=True,
            findings_before=before,
            findings_after=after_loaded.findings,
            problems=after_loaded.findings,
            invalid=True,
            summary=summary,
            notes=tuple(notes),
        )
    # The merge must mean what ruamel meant: the same data as ruamel's own text.
    if merged is not changed and load_text(changed, shown).data != after_loaded.data:
        new_text = changed if not crlf else changed.replace("\n", "\r\n")
        if bom:
            new_text = "\ufeff" + new_text
        after_loaded = load_text(changed, shown)
        notes.append("de opmaak van enkele regels is aangepast; zie de diff")
    after = _findings(after_loaded, as_of, settings)
    problems = _new_errors(before, after)
    refused = bool(problems) and not force
    written = False
    if not refused and not dry_run and new_text != text:
        try:
            write_atomic(path, new_text, force=True)
        except WriteRefused as exc:
            raise EditProblem(str(exc)) from None
        written = True
    return Outcome(
        shown,
        text,
        new_text,
        written=written,
        refused=refused,
        findings_before=before,
        findings_after=after,
        problems=problems,
        summary=summary,
        notes=tuple(notes),
    )


# --- the changes wvp offers -----------------------------------------------------------------


def _ordered(values: Mapping[str, Any], first: Sequence[str]) -> dict[str, Any]:
    out = {k: values[k] for k in first if k in values and values[k] is not None}
    out.update((k, v) for k, v in values.items() if k not in out and v is not None)
    return out


def _append(section: str, item: Mapping[str, Any], summary: str) -> Change:
    def change(document: Any, text: str) -> tuple[str, bool]:
        new_section = section not in document
        seq = _section(document, section)
        blank = _separated(text, seq)
        node = _node(None, item)
        seq.append(node)
        if len(seq) > 1:
            _move_trailer(seq[-2], node)
        elif new_section:
            _blank_after(document, section)
        return (summary, blank)

    return change


def _words(event_type: str) -> str:
    return event_type.replace("_", " ")


def add_event(path: Path, event: Mapping[str, Any], **options: Any) -> Outcome:
    """Append an event (`type`, `date` and its fields) to `events`."""
    kind = str(event.get("type", ""))
    day = event.get("date")
    item = _ordered(event, ("type", "date"))
    when = f" van {long_date(day)}" if isinstance(day, dt.date) else ""
    return edit(path, _append("events", item, f"{_words(kind)}{when} toegevoegd"), **options)


def add_sickness(
    path: Path, first_day: dt.date, *, other_cause: bool = False, **options: Any
) -> Outcome:
    """A new sickness period from `first_day` (the employee is sick again)."""

    def change(document: Any, text: str) -> str | tuple[str, bool]:
        periods = document.get("sickness") or []
        if periods:
            last = periods[-1]
            end = last.get("to")
            if end is None:
                raise EditProblem(
                    f"de werknemer is al ziek sinds {_show(last.get('from'))} (de laatste "
                    "ziekteperiode heeft geen einddatum); leg eerst het herstel vast met "
                    "'wvp add CASE hersteld'"
                )
            if isinstance(end, dt.date) and first_day <= end:
                raise EditProblem(
                    f"{long_date(first_day)} valt niet na de laatste ziekteperiode "
                    f"(tot en met {long_date(end)})"
                )
        item: dict[str, Any] = {"from": first_day}
        if other_cause:
            item["other_cause"] = True
        return _append("sickness", item, f"ziek vanaf {long_date(first_day)}")(document, text)

    return edit(path, change, **options)


def set_recovered(path: Path, first_fit_day: dt.date, **options: Any) -> Outcome:
    """Full recovery: the employee works fully again from `first_fit_day`, so the last sickness
    period ends the day before (`to`, the last sick day)."""
    last_sick = first_fit_day - dt.timedelta(days=1)

    def change(document: Any, text: str) -> str:
        periods = document.get("sickness") or []
        if not periods:
            raise EditProblem("het bestand heeft geen ziekteperiode om af te sluiten")
        last = periods[-1]
        if last.get("to") is not None:
            raise EditProblem(
                f"de laatste ziekteperiode is al afgesloten (tot en met {_show(last.get('to'))}); "
                "is de werknemer opnieuw ziek? Leg dat vast met 'wvp add CASE ziek'"
            )
        start = last.get("from")
        if isinstance(start, dt.date) and last_sick < start:
            raise EditProblem(
                f"herstel op {long_date(first_fit_day)} ligt niet na de eerste ziektedag van de "
                f"periode ({long_date(start)})"
            )
        keys = list(last.keys())
        position = keys.index("from") + 1 if "from" in keys else len(keys)
        last.insert(position, "to", last_sick)
        if position == len(keys):
            _move_trailer_key(last, keys[-1], "to")
        return f"hersteld per {long_date(first_fit_day)} (laatste ziektedag {long_date(last_sick)})"

    return edit(path, change, **options)


def add_leave(path: Path, first_day: dt.date, last_day: dt.date, **options: Any) -> Outcome:
    """Pregnancy and childbirth leave (WAZO) from `first_day` to `last_day`."""
    if last_day < first_day:
        raise EditProblem(
            f"het verlof eindigt ({long_date(last_day)}) vóór het begint ({long_date(first_day)})"
        )
    item = {"from": first_day, "to": last_day}
    summary = f"zwangerschaps- en bevallingsverlof {long_date(first_day)} t/m {long_date(last_day)}"
    return edit(path, _append("leave", item, summary + " toegevoegd"), **options)


def add_extension(path: Path, extension: Mapping[str, Any], **options: Any) -> Outcome:
    """A vrijwillige verlenging or loonsanctie (`type`, `decided`, `last_wage_day`)."""
    item = _ordered(extension, ("type", "decided", "last_wage_day"))
    kind = str(item.get("type", "verlenging")).replace("_", " ")
    return edit(path, _append("extensions", item, f"{kind} toegevoegd"), **options)


def add_deviation(path: Path, deviation: Mapping[str, Any], **options: Any) -> Outcome:
    """A gemotiveerde afwijking (`milestone`, `date`, `reason`, `agreed_by_employee`)."""
    item = _ordered(deviation, ("milestone", "date", "reason", "agreed_by_employee"))
    return edit(
        path,
        _append("deviations", item, f"afwijking voor {item.get('milestone')} toegevoegd"),
        **options,
    )


def set_field(path: Path, where: Sequence[str | int], value: Any, **options: Any) -> Outcome:
    """Set the value at a YAML path (`("employer", "casemanager")`, `("events", 3, "summary")`);
    a missing last key is added at the end of its mapping."""
    if not where:
        raise EditProblem("geen veld opgegeven")

    def change(document: Any, text: str) -> str:
        node = document
        for part in where[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                raise EditProblem(f"veld {_dotted(where)} bestaat niet in dit bestand") from None
        last = where[-1]
        if isinstance(node, dict) and isinstance(last, str):
            node[last] = _node(last, value)
        elif isinstance(node, list) and isinstance(last, int) and -len(node) <= last < len(node):
            node[last] = _node(None, value)
        else:
            raise EditProblem(f"veld {_dotted(where)} bestaat niet in dit bestand")
        return f"{_dotted(where)} gezet"

    return edit(path, change, **options)


def set_fields(path: Path, values: Mapping[tuple[str, ...], Any], **options: Any) -> Outcome:
    """Set several fields of the case's mappings at once (`{("employee", "job"): "..."}`); a
    new key goes after the mapping's last key, before the comments that follow it."""
    if not values:
        raise EditProblem("geen velden opgegeven")

    def change(document: Any, text: str) -> str:
        for where, value in values.items():
            node = document
            for part in where[:-1]:
                node = node.get(part) if isinstance(node, dict) else None
                if not isinstance(node, dict):
                    raise EditProblem(f"veld {_dotted(where)} bestaat niet in dit bestand")
            key = where[-1]
            keys = list(node.keys())
            node[key] = _node(key, value)
            if key not in keys and keys and hasattr(node, "ca"):
                _move_trailer_key(node, keys[-1], key)
        return ", ".join(_dotted(w) for w in values) + " gezet"

    return edit(path, change, **options)


def _dotted(where: Sequence[str | int]) -> str:
    out = ""
    for part in where:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _show(value: Any) -> str:
    return long_date(value) if isinstance(value, dt.date) else str(value)
