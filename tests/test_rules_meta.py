"""Meta tests: every rule has a unique code in its range, a slug, a title, a source,
documentation citing its source, and a test that names it (docs/development.md, "Tests")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wvp_cli.core import loader
from wvp_cli.rules import Rule, all_rules

TESTS = Path(__file__).resolve().parent
RULES = all_rules()

#: Module -> the codes it may use (STYLE.md ranges; the tweede spoor block of issue 9).
RANGES: dict[str, re.Pattern[str]] = {
    "format": re.compile(r"WVP0\d\d"),
    "consistency": re.compile(r"WVP[012]\d\d"),
    "repository": re.compile(r"WVP02\d|WVP405"),  # WVP405: file names, read on every check
    "deadlines": re.compile(r"WVP[12]\d\d"),
    "content": re.compile(r"WVP3[01]\d"),
    "riv": re.compile(r"WVP3[01]\d"),
    "tweede_spoor": re.compile(r"WVP22\d"),
    "course": re.compile(r"WVP(02[5-9]|11[2-9]|20[6-9]|22[7-9])"),
    "wia": re.compile(r"WVP(20[6-9]|23\d)"),
    "signals": re.compile(r"WVP24\d"),
    "privacy": re.compile(r"WVP4\d\d"),
    "suppress": re.compile(r"WVP03\d"),
}


#: Gaps in rules this branch does not own, reported to their owners. Strict: once a gap is
#: closed the test passes unexpectedly and fails, so the entry must be removed here.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def _cases(kind: str) -> list[object]:
    return [
        pytest.param(code, marks=pytest.mark.xfail(reason=KNOWN_GAPS[(kind, code)], strict=True))
        if (kind, code) in KNOWN_GAPS
        else code
        for code in sorted(RULES)
    ]


def _module(rule: Rule) -> str:
    if rule.check is None:
        return "format"  # load rules are registered by rules/format.py
    return rule.check.__module__.rsplit(".", 1)[-1]


def _test_text() -> str:
    # This file names every code itself, so it does not count.
    files = sorted(p for p in TESTS.glob("test_*.py") if p.name != Path(__file__).name)
    return "".join(p.read_text(encoding="utf-8") for p in files)


#: The loader's constants by code, so that a test naming `loader.BAD_DATE` counts for WVP013.
_CONSTANTS = {
    value: name
    for name, value in vars(loader).items()
    if name.isupper() and isinstance(value, str) and re.fullmatch(r"WVP\d{3}", value)
}


def test_there_are_rules_in_every_family() -> None:
    modules = {_module(r) for r in RULES.values()}
    assert {"format", "consistency", "deadlines", "content", "tweede_spoor"} <= modules


def test_codes_slugs_and_titles_are_unique() -> None:
    rules = list(RULES.values())
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.slug for r in rules}) == len(rules)
    assert len({r.title for r in rules}) == len(rules)


@pytest.mark.parametrize("code", _cases("complete"))
def test_rule_is_complete(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"WVP[0-4]\d\d", code)
    module = _module(rule)
    assert module in RANGES, f"{code}: unknown rule module {module}"
    assert RANGES[module].fullmatch(code), f"{code} is outside the range of rules/{module}.py"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.slug), rule.slug
    assert rule.title.strip() and "\n" not in rule.title
    assert rule.source.strip()
    assert rule.doc.strip(), f"{code} has no documentation"
    if rule.scope != "load":
        # A case rule's docstring cites its source; load rules carry it in `source`.
        assert "Source:" in rule.doc or "Bron:" in rule.doc, f"{code}: no Source: in the doc"


@pytest.mark.parametrize("code", _cases("tested"))
def test_rule_is_named_by_a_test(code: str) -> None:
    text = _test_text()
    named = code in text or (code in _CONSTANTS and _CONSTANTS[code] in text)
    assert named, f"no test in tests/ names {code}"


def test_the_enabled_rules_follow_the_settings_of_each_call() -> None:
    """`engine.case_findings` keeps the enabled rules of the last tuple of rules it saw, for
    the thousands of files of one run: other settings, or other rules, are never served it."""
    import datetime as dt

    from conftest import MINIMAL
    from wvp_cli import engine

    loaded = loader.load_text(MINIMAL + "# behandeling gestart\n", "c.yaml")
    rules = tuple(all_rules().values())
    as_of = dt.date(2026, 11, 24)

    def codes(settings: engine.Settings, chosen: tuple[Rule, ...] = rules) -> set[str]:
        return {f.rule for f in engine.case_findings(loaded, as_of, chosen, settings)}

    every = codes(engine.Settings())
    assert "WVP401" in every and any(c.startswith("WVP1") for c in every)
    assert codes(engine.Settings(select=frozenset({"WVP4"}))) == {"WVP401"}
    assert codes(engine.Settings(ignore=frozenset({"WVP401"}))) == every - {"WVP401"}
    privacy_only = tuple(r for r in rules if r.code.startswith("WVP4"))
    assert codes(engine.Settings(), privacy_only) == {"WVP401"}
    assert codes(engine.Settings()) == every
