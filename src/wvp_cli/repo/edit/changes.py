"""The changes wvp offers on a case file (`wvp add`, the importer): each a `Change` handed to
`edit`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.core.dutch import long_date
from wvp_cli.repo.edit.document import (
    Change,
    EditProblem,
    _blank_after,
    _move_trailer,
    _move_trailer_key,
    _node,
    _section,
    _separated,
)
from wvp_cli.repo.edit.writer import Outcome, edit

if TYPE_CHECKING:
    from wvp_cli.core.forms import Form

# --- the changes wvp offers -----------------------------------------------------------------


def _ordered(values: Mapping[str, Any], first: Sequence[str]) -> dict[str, Any]:
    out = {k: values[k] for k in first if k in values and values[k] is not None}
    out.update((k, v) for k, v in values.items() if k not in out and v is not None)
    return out


def append_item(section: str, item: Mapping[str, Any], summary: str) -> Change:
    """The change that appends `item` to the list `section` (made when the file has none),
    laid out as the list's other items are."""
    return _append(section, item, summary)


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


def record_step(
    path: Path, form: Form, values: dict[str, Any], day: dt.date, **options: Any
) -> Outcome:
    """The change of a filled form of core/forms.py (`wvp add`, `wvp serve`): the call of
    this module that its target asks for, with `options` (as_of, settings, dry_run, force,
    display). One dispatch, so that the command line and the web page write the same."""
    if form.target == "events":
        return add_event(path, {"type": form.step, **values}, **options)
    if form.target == "sickness":
        return add_sickness(path, day, other_cause=bool(values.get("other_cause")), **options)
    if form.target == "recovery":
        return set_recovered(path, day, **options)
    if form.target == "leave":
        return add_leave(path, day, values["to"], **options)
    if form.target == "fields":
        fields = {tuple(k.split(".")): v for k, v in values.items() if "." in k}
        if not fields:
            raise EditProblem(
                "'gegevens' zonder velden: vul minstens één gegeven in (zoals employee.job)"
            )
        return set_fields(path, fields, **options)
    if form.target == "extensions":
        return add_extension(path, values, **options)
    return add_deviation(path, values, **options)
