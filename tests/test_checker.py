"""The per-run and per-case objects of the engine: a `Checker` holds the enabled rules of a run,
a case rule's `Context` works out the tweede spoor once, and no module keeps a mutable cache of
the last file it saw (issue 16: thread safety for embedders, tests without monkeypatching)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from conftest import SAMPLES
from wvp_cli import engine
from wvp_cli.core import clock, tweede_spoor
from wvp_cli.core.loader import read_file
from wvp_cli.core.settings import Settings
from wvp_cli.rules import Context, all_rules

SRC = Path(engine.__file__).resolve().parent
AS_OF = dt.date(2026, 11, 24)


def test_a_checker_splits_the_enabled_rules_by_scope_once() -> None:
    settings = Settings(select=frozenset({"WVP4", "WVP22"}))
    checker = engine.Checker(settings)
    assert {r.code for r, _ in checker.file_rules} == {
        r.code for r in all_rules().values() if r.scope == "file" and r.code.startswith("WVP4")
    }
    assert "WVP030" not in {r.code for r, _ in checker.file_rules}  # a file rule not selected
    assert {r.code for r, _ in checker.case_rules} <= {f"WVP22{i}" for i in range(10)}
    assert checker.case_rules and all(r.scope == "case" for r, _ in checker.case_rules)


def test_one_checker_for_many_files_gives_what_each_call_gives() -> None:
    settings = Settings(ignore=frozenset({"WVP105"}))
    checker = engine.Checker(settings)
    for path in sorted(SAMPLES.glob("*.yaml")):
        loaded = read_file(path, path.name)
        shared = engine.file_result(loaded, AS_OF, settings, checker=checker)
        alone = engine.file_result(loaded, AS_OF, settings)
        assert shared == alone
        assert all(f.rule != "WVP105" for f in shared.findings)


def test_a_case_context_works_out_the_tweede_spoor_once(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = read_file(SAMPLES / "invalid-tweede-spoor.yaml", "t.yaml")
    assert loaded.case is not None
    timeline = clock.compute(loaded.case, AS_OF)
    calls: list[object] = []
    real = tweede_spoor.phase

    def counting(case: object, tl: clock.Timeline) -> tweede_spoor.TweedeSpoorPhase:
        calls.append(case)
        return real(loaded.case, tl)  # type: ignore[arg-type]

    monkeypatch.setattr(tweede_spoor, "phase", counting)
    ctx = Context(loaded.file, loaded.source, AS_OF, timeline, {}, loaded.case)
    assert ctx.tweede_spoor is ctx.tweede_spoor
    assert len(calls) == 1
    other = Context(loaded.file, loaded.source, AS_OF, timeline, {}, loaded.case)
    assert other.tweede_spoor == ctx.tweede_spoor and len(calls) == 2
    found = engine.case_findings(loaded, AS_OF, tuple(all_rules().values()), Settings())
    assert len(calls) == 3  # two rules ask it of the case, it is worked out once
    assert any(f.rule.startswith("WVP22") for f in found)


#: Modules that still keep the last file they saw (the privacy split is done elsewhere).
KNOWN = {"privacy/scan.py"}


def test_no_module_keeps_a_mutable_cache_of_the_last_file() -> None:
    holders = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id.startswith("_last"):
                    holders.add(path.relative_to(SRC).as_posix())
    assert holders <= KNOWN, holders - KNOWN
