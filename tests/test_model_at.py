"""Which model describes the mapping at a YAML path of a case file (core/model_paths.py): the
"bedoelde je ...?" of a load error (an unknown key: the known keys of its mapping) and the
editor server's completion, hover and actions ask the same question, of one function. These
tests pin what both get, on the paths and the annotations where an answer could differ (an
event's type unknown, missing or not a text, a list element, a union of one model); they held
for each of the two walks that came before it, except where said."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field

from conftest import MINIMAL
from wvp_cli.core import model_paths, schema_errors
from wvp_cli.core.loader import load_text
from wvp_cli.lsp import schema as lsp_schema

ModelAt = Callable[[tuple[str | int, ...], Any], type[BaseModel] | None]
ModelOf = Callable[[Any, Any], type[BaseModel] | None]

#: The walk (once one for a load error and one for the editor server).
WALKS: list[ModelAt] = [model_paths.model_at]
#: The choice of a model from an annotation and the data.
CHOICES: list[ModelOf] = [model_paths.model_of]


def test_a_load_error_and_the_editor_walk_the_same_way() -> None:
    assert schema_errors.model_at is lsp_schema.model_at is model_paths.model_at


PLAN = {"type": "plan_van_aanpak", "date": "2026-02-01", "activities": [{"what": "a"}]}
DATA: dict[str, Any] = {
    "wvp": 1,
    "employer": {"name": "x"},
    "sickness": [{"from": "2026-01-01"}],
    "events": [
        {"type": "evaluatie", "date": "2026-02-01", "signatures": [{"name": "a"}]},
        {"type": "onbekend", "date": "2026-02-01", "activities": [{"what": "a"}]},
        {"date": "2026-02-01"},
        {"type": 5},
        PLAN,
        "geen mapping",
    ],
}


@pytest.mark.parametrize("walk", WALKS)
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), "Case"),
        (("employer",), "Employer"),
        (("sickness", 0), "SicknessPeriod"),
        (("sickness", 7), "SicknessPeriod"),  # an element not (yet) there: still the list's
        (("events", 0), "Evaluatie"),  # an event: by its type
        (("events", 0, "signatures", 0), "Signature"),
        (("events", 1), None),  # a type wvp does not know
        (("events", 1, "activities", 0), None),  # ... nor what lies below it
        (("events", 2), None),  # no type
        (("events", 3), None),  # a type that is no text
        (("events", 4), "PlanVanAanpak"),
        (("events", 4, "activities", 0), "Activity"),
        (("events", 5), None),  # not a mapping
        (("events", 9), None),  # beyond the list
        (("events",), None),  # the list of events itself
        (("employer", "name"), None),  # a text
        (("employer", "nope"), None),  # a key the format does not have
        (("nope", 0), None),
    ],
)
def test_the_model_at_a_path(walk: ModelAt, path: tuple[str | int, ...], expected: str) -> None:
    found = walk(path, DATA)
    assert (found.__name__ if found is not None else None) == expected


class _A(BaseModel):
    type: Literal["a"]


class _B(BaseModel):
    type: Literal["b"]


_AB = Annotated[_A | _B, Field(discriminator="type")]


@pytest.mark.parametrize("choose", CHOICES)
@pytest.mark.parametrize(
    ("annotation", "node", "expected"),
    [
        (_A, {}, _A),
        (_A | None, {"type": "z"}, _A),  # a union of one model: that model, whatever the type
        (Annotated[_A, Field(description="x")], None, _A),
        (_AB, {"type": "b"}, _B),
        (_AB | None, {"type": "a"}, _A),
        (_AB, {"type": "z"}, None),
        (_AB, {}, None),
        (_AB, None, None),
        (_AB, [{"type": "a"}], None),
        (str | None, {"type": "a"}, None),
        (Literal["a"], {"type": "a"}, None),
    ],
)
def test_the_model_an_annotation_names(
    choose: ModelOf, annotation: Any, node: Any, expected: type[BaseModel] | None
) -> None:
    assert choose(annotation, node) is expected


@pytest.mark.parametrize(
    ("place", "typed", "hint"),
    [
        ('  name: "A. Jansen"', "nmae", "bedoelde je 'name'?"),  # employee
        ("events: []", "evnets", "bedoelde je 'events'?"),  # the case itself
    ],
)
def test_an_unknown_key_suggests_a_key_of_its_own_mapping(
    place: str, typed: str, hint: str
) -> None:
    text = MINIMAL.replace(place, place.replace(place.split(":")[0].strip(), typed, 1))
    messages = [f.message for f in load_text(text, "c.yaml").findings]
    assert any(f"onbekend veld '{typed}'; {hint}" in m for m in messages), messages


@pytest.mark.parametrize(
    ("events", "typed", "hint"),
    [
        # An event's keys are those of its type (Evaluatie has `summary`, a plan `goal`).
        ("  - {type: evaluatie, date: 2026-02-01, sumary: x}", "sumary", "bedoelde je 'summary'?"),
        (
            "  - {type: plan_van_aanpak, date: 2026-02-01, goal: g, gaol: x}",
            "gaol",
            "bedoelde je 'goal'?",
        ),
        # A list element of an event.
        (
            "  - type: plan_van_aanpak\n    date: 2026-02-01\n    goal: g\n"
            "    activities:\n      - {what: a, who: b, wat: c}",
            "wat",
            "bedoelde je 'what'?",
        ),
        (
            "  - type: evaluatie\n    date: 2026-02-01\n"
            "    signatures:\n      - {role: werknemer, date: 2026-02-01, nam: x}",
            "nam",
            "bedoelde je 'name'?",
        ),
    ],
)
def test_an_unknown_key_of_an_event_suggests_a_key_of_its_type(
    events: str, typed: str, hint: str
) -> None:
    text = MINIMAL.replace("events: []", "events:\n" + events)
    messages = [f.message for f in load_text(text, "c.yaml").findings]
    assert any(f"onbekend veld '{typed}'; {hint}" in m for m in messages), messages


def test_an_unknown_key_of_an_unknown_event_type_is_not_guessed() -> None:
    """An event of a type wvp does not know: the type is the finding (with its own "bedoelde
    je"), not its keys, for which no model is known."""
    text = MINIMAL.replace("events: []", "events:\n  - {type: evaluatei, date: 2026-02-01, x: 1}")
    messages = [f.message for f in load_text(text, "c.yaml").findings]
    assert messages == ["onbekend soort gebeurtenis 'evaluatei'; bedoelde je 'evaluatie'?"]


class _CD(BaseModel):
    type: Literal["c", "d"]


@pytest.mark.parametrize("choose", CHOICES)
@pytest.mark.parametrize(
    ("annotation", "node", "expected"),
    [
        # A list or a table of models is no mapping: a model only for an element of it
        # (a path with its index). The walk of a load error took the element's model here
        # (never asked: an unknown key lies in a mapping); the editor's gave none.
        (list[_A], None, None),
        (dict[str, _A], None, None),
        # A type that is one of several values of its model's `type` (none in the format
        # yet): the editor's walk found that model, the load error's none.
        (_A | _CD, {"type": "d"}, _CD),
        (_A | _CD, {"type": "a"}, _A),
    ],
)
def test_where_the_two_walks_differed_the_editors_answer_holds(
    choose: ModelOf, annotation: Any, node: Any, expected: type[BaseModel] | None
) -> None:
    assert choose(annotation, node) is expected


@pytest.mark.parametrize("walk", WALKS)
def test_the_list_itself_has_no_model(walk: ModelAt) -> None:
    assert walk(("sickness",), DATA) is None
    assert walk(("events", 0, "signatures"), DATA) is None
