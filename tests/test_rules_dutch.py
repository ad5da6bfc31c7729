"""The rules' documentation is Dutch (`wvp rules CODE`, docs/rules/, LSP, SARIF), with the English
text of the docstrings behind `--lang en` (or WVP_LANG=en)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_cli
from wvp_cli.rules import all_rules
from wvp_cli.rules.docs_nl import DOCS

RULES = all_rules()
#: Words of an English sentence that Dutch text does not use (a whole word, lower case).
ENGLISH = re.compile(
    r"\b(the|and|are|when|which|without|every|before|after|must|with|or|that|should)\b"
)
#: What may stay English inside a Dutch text: code spans, YAML examples, quoted sources.
_CODE = re.compile(r"`[^`]*`|^\s{4}.*$|\"[^\"]*\"", re.MULTILINE)


def test_every_rule_has_a_dutch_text() -> None:
    generated = {code for code, r in RULES.items() if r.doc_nl is not None}
    assert set(DOCS) | generated == set(RULES)
    assert not set(DOCS) & generated, "a generated text needs no entry in docs_nl"
    assert set(DOCS) <= set(RULES), "a Dutch text for a rule that does not exist"


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_documentation_is_dutch(code: str) -> None:
    doc = RULES[code].doc
    prose = _CODE.sub("", doc)
    found = sorted(set(ENGLISH.findall(prose)))
    assert not found, f"{code}: English words {found} in\n{doc}"
    for label in ("Source:", "Why:", "Fix:", "Passing example", "Failing example"):
        assert label not in doc, f"{code}: English label {label}"


#: Rules whose docstring is Dutch already: `--lang en` shows that.
DUTCH_DOCSTRINGS = {"WVP030"}


@pytest.mark.parametrize("code", sorted(set(RULES) - DUTCH_DOCSTRINGS))
def test_the_english_text_stays_available(code: str) -> None:
    english = RULES[code].doc_en
    assert english.strip() and english != RULES[code].doc
    assert ENGLISH.search(_CODE.sub("", english)), code


def test_wvp_rules_code_in_dutch_and_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    dutch = run_cli("rules", "WVP303")
    assert dutch.code == 0, dutch.err
    assert "Waarom:" in dutch.out and "Goed voorbeeld:" in dutch.out
    assert "Ernst: waarschuwing (warning)" in dutch.out
    english = run_cli("rules", "WVP303", "--lang", "en")
    assert "Why:" in english.out and "Passing example:" in english.out
    monkeypatch.setenv("WVP_LANG", "en")
    assert run_cli("rules", "WVP303").out == english.out
    as_json = json.loads(run_cli("rules", "WVP303", "--format", "json", "--lang", "nl").out)
    assert as_json["rules"][0]["doc"] == RULES["WVP303"].doc
    assert as_json["rules"][0]["severity"] == "warning"  # the API keeps its values


def test_an_unknown_language_is_refused() -> None:
    result = run_cli("rules", "--lang", "fr")
    assert result.code == 2
    assert "onbekende taal 'fr'; kies nl of en" in result.err


def test_the_listing_says_the_severity_in_dutch() -> None:
    listing = run_cli("rules")
    assert listing.code == 0
    rows = [line for line in listing.out.splitlines() if "WVP303" in line]
    assert rows and "waarschuwing" in rows[0]
    assert not re.search(r"\b(error|warning)\b", listing.out)
