"""YAML syntax errors in Dutch, and "bedoelde je …" for the Dutch words a casemanager types."""

from __future__ import annotations

import re

import pytest

from conftest import MINIMAL
from wvp_cli.core.dutch import did_you_mean
from wvp_cli.core.loader import load_text
from wvp_cli.core.yaml_errors import dutch_syntax_error

ENGLISH = re.compile(r"\b(found|expected|while|allowed|could not|did not|scanning|parsing)\b")

BROKEN = {
    "tab": ("a:\n\tb: 1\n", "tab"),
    "tab after value": ("a: 1\n\tb: 2\n", "tab"),
    "colon in value": ("a: b: c\n", "':'"),
    "indentation": ("a:\n  b: 1\n c: 2\n", "inspringen"),
    "open quote": ('a: "abc\n', "aanhalingsteken"),
    "list item": ("a:\n  - 1\n  b: 2\n", "lijst-item"),
    "open [": ("a: [1, 2\n", "']'"),
    "open {": ("a: {b: 1\n", "'}'"),
    "empty anchor": ("a: &\n", "'&'"),
    "key without colon": ("a\nb: 1\n", "':'"),
    "escape": ('a: "\\q"\n', "escape"),
    "missing value": ("a: [}\n", "waarde"),
    "text after document": ("--- a\n... b\n", "document"),
    "directive": ("%FOO\n---\na: 1\n", "'%'"),
    "at sign": ("a: @x\n", "aanhalingstekens"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_yaml_syntax_error_is_said_in_dutch(name: str) -> None:
    text, word = BROKEN[name]
    [finding] = load_text(text, "f.yaml").findings
    assert finding.rule == "WVP004"  # YAML syntax
    assert finding.message.startswith("YAML-syntaxfout: ")
    assert word in finding.message
    assert not ENGLISH.search(finding.message), finding.message


def test_an_unknown_yaml_message_keeps_its_text_behind_a_dutch_lead() -> None:
    said = dutch_syntax_error("something new in libyaml", "while doing a thing")
    assert (
        said == "YAML-syntaxfout: onleesbare YAML (something new in libyaml) (while doing a thing)"
    )


@pytest.mark.parametrize(
    ("typed", "meant", "choices"),
    [
        ("doel", "goal", ["goal", "track", "activities"]),
        ("wie", "who", ["what", "who", "by"]),
        ("functie", "job", ["name", "bsn", "job"]),
        ("datum", "date", ["date", "note", "type"]),
        ("gesprek", "evaluatie", ["evaluatie", "eindevaluatie", "probleemanalyse"]),
        ("Visie werknemer", "employee_view", ["employer_view", "employee_view"]),
        ("goall", "goal", ["goal", "track"]),  # the English near-miss still works
    ],
)
def test_did_you_mean_knows_dutch_words(typed: str, meant: str, choices: list[str]) -> None:
    assert did_you_mean(typed, choices) == f"; bedoelde je '{meant}'?"


def test_a_dutch_word_is_only_suggested_where_its_name_exists() -> None:
    assert did_you_mean("doel", ["name", "bsn"]) == ""


def test_the_loader_suggests_the_format_name_for_a_dutch_key() -> None:
    text = MINIMAL.replace('  name: "A. Jansen"\n', '  name: "A. Jansen"\n  functie: "monteur"\n')
    messages = [f.message for f in load_text(text, "f.yaml").findings]
    assert "onbekend veld 'functie'; bedoelde je 'job'?" in messages


def test_every_label_of_a_form_is_dutch() -> None:
    """What `wvp add` asks and `wvp serve`'s forms show: Dutch labels, none that names a
    field in English or answers in `true`/`false` (the answer is ja or nee)."""
    import re

    from wvp_cli.core.forms import FORMS

    english = re.compile(r"\b(hours|email|phone|name|address|the|true|false)\b", re.IGNORECASE)
    labels = {f"{step}.{i.name}": i.label for step, f in FORMS.items() for i in f.fields}
    assert len(labels) > 100
    assert {k: v for k, v in labels.items() if english.search(v)} == {}
    assert "BSN" in labels["gegevens.employee.bsn"]
