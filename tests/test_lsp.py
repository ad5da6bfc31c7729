"""`wvp lsp` driven over stdio by a real language client (pygls's), in a scratch repository:
the diagnostics are the findings of `wvp check`, they follow the text as it changes, hover
explains, the code actions give files that load, completion offers what the repository knows."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import shutil
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli

pytest.importorskip("pygls", reason="wvp lsp needs the lsp extra (pip install 'wvp[lsp]')")

from lsprotocol import types

from lsp_client import AS_OF, Session, apply, as_rows, check_json
from wvp_cli.core import clock
from wvp_cli.core.dutch import long_date
from wvp_cli.core.loader import load_text

#: A sample case that passes at the peildatum, and the same with its plan van aanpak taken out:
#: the plan is then overdue (WVP102) and nothing else is wrong.
CLEAN = (SAMPLES / "week-10-plan-van-aanpak.yaml").read_text(encoding="utf-8")
PLAN_AT = CLEAN.index("  - type: plan_van_aanpak")
NO_PLAN = CLEAN[:PLAN_AT].rstrip("\n") + "\n"


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(scenario())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "a.yaml").write_text(NO_PLAN, encoding="utf-8")
    shutil.copy(SAMPLES / "hersteld.yaml", tmp_path / "cases" / "b-hersteld.yaml")
    return tmp_path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def test_diagnostics_are_the_findings_of_check_and_follow_the_text(repo: Path) -> None:
    expected = [
        (f["rule"], f["severity"], f["line"], f["column"], f["message"])
        for f in check_json(repo)
        if f["file"] == "cases/a.yaml"
    ]
    assert [row[0] for row in expected] == ["WVP102"]

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml")
            found = await s.diagnostics("cases/a.yaml")
            assert as_rows(found) == expected
            (plan,) = found
            events = line_of(NO_PLAN, "events:")
            assert (plan.range.start.line, plan.range.start.character) == (events, 0)
            assert (plan.range.end.line, plan.range.end.character) == (events, len("events"))
            assert plan.source == "wvp"
            if plan.code_description is not None:
                assert plan.code_description.href.endswith("rules/WVP102.md")

            # Hover on the finding: the rule, its documentation and its legal source.
            shown = await s.hover("cases/a.yaml", events, 2)
            assert "WVP102" in shown
            assert "Regeling procesgang art. 4 lid 1" in shown

            # Typing the plan back in makes the finding go, for that version of the text.
            s.change("cases/a.yaml", CLEAN)
            assert await s.diagnostics("cases/a.yaml", version=2) == []

            # ... and taking it out again brings it back.
            s.change("cases/a.yaml", NO_PLAN)
            again = await s.diagnostics("cases/a.yaml", version=3)
            assert as_rows(again) == expected

    run(scenario)


def test_a_whole_repository_of_findings_is_what_check_says(tmp_path: Path) -> None:
    """Every sample, the invalid ones too: each file's diagnostics are check's findings."""
    for sample in sorted(SAMPLES.glob("*.yaml")):
        shutil.copy(sample, tmp_path / sample.name)
    expected = check_json(tmp_path)

    async def scenario() -> None:
        async with Session(tmp_path) as s:
            for sample in sorted(tmp_path.glob("*.yaml")):
                s.open(sample.name)
            for sample in sorted(tmp_path.glob("*.yaml")):
                rows = [
                    (f["rule"], f["severity"], f["line"], f["column"], f["message"])
                    for f in expected
                    if f["file"] == sample.name
                ]
                count = len(rows)
                got = await s.diagnostics(sample.name, lambda d, n=count: len(d) == n)
                assert as_rows(got) == rows, sample.name

    run(scenario)


def test_a_duplicated_id_appears_in_the_second_file_and_goes(repo: Path) -> None:
    twin = CLEAN.replace('id: "2026-024"', 'id: "2026-024"')  # the same id as cases/a.yaml
    other = CLEAN.replace('id: "2026-024"', 'id: "2026-099"')

    elsewhere = repo.parent / f"{repo.name}-elders"
    elsewhere.mkdir()

    async def scenario() -> None:
        # Started outside the repository, the server serves the editor's workspace folder.
        async with Session(repo, cwd=elsewhere) as s:
            s.open("cases/a.yaml")
            await s.diagnostics("cases/a.yaml")
            s.open("cases/c.yaml", twin)  # a new file, not yet saved
            found = await s.diagnostics("cases/c.yaml", lambda d: bool(d))
            assert [d.code for d in found] == ["WVP020"]
            assert "cases/a.yaml" in found[0].message
            assert found[0].range.start.line == line_of(twin, "id:")
            s.change("cases/c.yaml", other)
            assert await s.diagnostics("cases/c.yaml", version=2) == []

    run(scenario)


def test_hover_on_an_event_date_and_on_a_key(repo: Path) -> None:
    loaded = load_text(CLEAN, "x.yaml")
    assert loaded.case is not None
    timeline = clock.compute(loaded.case, dt.date.fromisoformat(AS_OF))
    pa = timeline.milestone("probleemanalyse")
    plan = timeline.milestone("plan_van_aanpak")

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml", CLEAN)
            await s.diagnostics("cases/a.yaml")
            date_line = line_of(CLEAN, "date: 2026-10-20")
            shown = await s.hover("cases/a.yaml", date_line, len("    date: 2026"))
            assert "Probleemanalyse" in shown
            assert long_date(pa.due, weekday=True) in shown
            assert f"week {pa.week})" in shown
            assert f"week {timeline.clock.week_of(dt.date(2026, 10, 20))} van de ziekte" in shown

            plan_line = line_of(CLEAN, "date: 2026-10-29")
            shown = await s.hover("cases/a.yaml", plan_line, len("    date: 20"))
            assert "Plan van aanpak" in shown and long_date(plan.due, weekday=True) in shown

            skills = line_of(CLEAN, "skills:")
            shown = await s.hover("cases/a.yaml", skills, 4)
            assert "Opleiding en vaardigheden (RIV d)." in shown
            assert "optioneel" in shown

            assert await s.hover("cases/a.yaml", line_of(CLEAN, "# Week 10"), 3) == ""

    run(scenario)


def test_the_typo_actions_give_a_valid_file(repo: Path) -> None:
    typo = CLEAN.replace("    goal:", "    goall:").replace(
        "type: plan_van_aanpak", "type: plan_van_aanpk"
    )

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml", typo)
            found = await s.diagnostics("cases/a.yaml", lambda d: bool(d))
            assert {d.code for d in found} == {"WVP016"}  # the unknown type hides the rest
            (action,) = await s.actions("cases/a.yaml", line_of(typo, "plan_van_aanpk"))
            assert action.title == "Bedoelde je 'plan_van_aanpak'?"
            fixed = apply(typo, action)
            s.change("cases/a.yaml", fixed)
            found = await s.diagnostics("cases/a.yaml", version=2)
            assert [d.code for d in found] == ["WVP010"]
            (action,) = await s.actions("cases/a.yaml", line_of(fixed, "goall"))
            assert action.title == "Bedoelde je 'goal'?"
            fixed = apply(fixed, action)
            assert fixed == CLEAN
            assert load_text(fixed, "a.yaml").findings == ()

    run(scenario)


def test_skeleton_of_missing_fields_and_a_deviation_left_to_fill_in(repo: Path) -> None:
    no_date = CLEAN.replace(
        "  - type: probleemanalyse\n    date: 2026-10-20\n", "  - type: probleemanalyse\n"
    )
    assert no_date != CLEAN

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml", no_date)
            found = await s.diagnostics("cases/a.yaml", lambda d: bool(d))
            assert [(d.code, d.message) for d in found] == [
                ("WVP011", "verplicht veld 'date' ontbreekt")
            ]
            (action,) = await s.actions("cases/a.yaml", found[0].range.start.line)
            assert "date" in action.title
            filled = apply(no_date, action)
            # At the end of the event's block, after its folded texts, before the next event.
            at = filled.index("    date: JJJJ-MM-DD\n")
            assert filled.index("in uren; daarna korte ritten") < at
            assert at < filled.index("  - type: plan_van_aanpak")
            assert filled.replace("    date: JJJJ-MM-DD\n", "", 1) == no_date
            loaded = load_text(filled, "a.yaml")
            line = filled[:at].count("\n") + 1
            assert [(f.rule, f.location.line) for f in loaded.findings] == [("WVP013", line)]

            # The overdue plan van aanpak: a deviation entry, its reason left empty.
            s.change("cases/a.yaml", NO_PLAN)
            found = await s.diagnostics("cases/a.yaml", version=2)
            actions = await s.actions("cases/a.yaml", found[0].range.start.line)
            (deviation,) = [a for a in actions if "afwijking" in a.title]
            with_entry = apply(NO_PLAN, deviation)
            assert "  - milestone: plan_van_aanpak\n    date: JJJJ-MM-DD" in with_entry
            assert 'reason: ""' in with_entry
            assert [f.rule for f in load_text(with_entry, "a.yaml").findings] == ["WVP013"]
            # Filled in by the user without the employee's agreement, the deviation waives
            # nothing (Regeling procesgang art. 5): WVP102 stays, WVP111 asks for it.
            decided = with_entry.replace("JJJJ-MM-DD", "2026-11-02").replace(
                'reason: ""', 'reason: "Werknemer was op vakantie; afgesproken met beiden"'
            )
            s.change("cases/a.yaml", decided)
            found = await s.diagnostics("cases/a.yaml", version=3)
            assert {(d.code, d.severity) for d in found} == {
                ("WVP102", 1),
                ("WVP111", 1),
            }
            # Agreed, it covers the milestone.
            agreed = decided.replace("agreed_by_employee: false", "agreed_by_employee: true")
            s.change("cases/a.yaml", agreed)
            found = await s.diagnostics("cases/a.yaml", version=4)
            assert {(d.code, d.severity) for d in found} == {("WVP102", 3)}

    run(scenario)


def test_completion_of_event_types_fields_and_names(repo: Path) -> None:
    typing = NO_PLAN + "  - type: \n"

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml", typing)
            last = len(typing.split("\n")) - 2
            labels = [i.label for i in await s.complete("cases/a.yaml", last, len("  - type: "))]
            assert labels[:3] == ["ziekmelding_arbodienst", "probleemanalyse", "plan_van_aanpak"]
            assert "tweede_spoor_voortgang" in labels

            with_type = NO_PLAN + "  - type: plan_van_aanpak\n    date: 2026-11-20\n    \n"
            s.change("cases/a.yaml", with_type)
            here = len(with_type.split("\n")) - 2
            items = await s.complete("cases/a.yaml", here, 4)
            labels = [i.label for i in items]
            assert "goal" in labels and "activities" in labels and "employee_view" in labels
            assert "date" not in labels and "type" not in labels

            named = NO_PLAN + '  - type: plan_van_aanpak\n    casemanager: "'
            s.change("cases/a.yaml", named)
            here = len(named.split("\n")) - 1
            items = await s.complete("cases/a.yaml", here, len('    casemanager: "'))
            # Names from this file and from cases/b-hersteld.yaml, which is not open.
            labels = [i.label for i in items]
            assert "L. Jansen-Demo" in labels
            other = load_text((repo / "cases" / "b-hersteld.yaml").read_text(), "b")
            assert other.case is not None and other.case.employer.casemanager in labels

    run(scenario)


def test_masked_messages_as_in_machine_output(repo: Path) -> None:
    noted = CLEAN.replace(
        "  - type: ziekmelding_arbodienst\n",
        '  - type: ziekmelding_arbodienst\n    note: "Gesprek over behandeling gehad"\n',
    )
    (repo / "cases" / "a.yaml").write_text(noted, encoding="utf-8")
    expected = [
        (f["rule"], f["severity"], f["line"], f["column"], f["message"])
        for f in check_json(repo)
        if f["file"] == "cases/a.yaml"
    ]
    assert [row[0] for row in expected] == ["WVP401"]

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml")
            found = await s.diagnostics("cases/a.yaml")
            assert as_rows(found) == expected
            assert "behandeling" not in found[0].message

    run(scenario)


def test_init_writes_the_vscode_settings(tmp_path: Path) -> None:
    result = run_cli(
        "init", str(tmp_path / "dossiers"), "--vscode", "--install", "wvp-poortwachter==0.1.0"
    )
    assert result.code == 0, result.err
    settings = json.loads((tmp_path / "dossiers" / ".vscode" / "settings.json").read_text())
    assert settings["glspc.server.command"] == "wvp"
    assert settings["glspc.server.commandArguments"] == ["lsp"]
    assert "yaml" in settings["glspc.server.languageId"]
    schema = next(iter(settings["yaml.schemas"]))
    assert (tmp_path / "dossiers" / schema).is_file()
    extensions = json.loads((tmp_path / "dossiers" / ".vscode" / "extensions.json").read_text())
    assert "zsol.vscode-glspc" in extensions["recommendations"]
    assert not (tmp_path / "plain" / ".vscode").exists()
    assert (
        run_cli("init", str(tmp_path / "plain"), "--install", "wvp-poortwachter==0.1.0").code == 0
    )
    assert not (tmp_path / "plain" / ".vscode").exists()


def test_files_changed_on_the_disk_keep_the_cross_file_rule_current(repo: Path) -> None:
    mine = CLEAN.replace('id: "2026-024"', 'id: "2026-099"')
    twin_of_a = CLEAN  # id 2026-024, as cases/a.yaml on the disk

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/z.yaml", mine)
            assert await s.diagnostics("cases/z.yaml") == []
            # Another program writes a file with the same id; the editor reports it.
            (repo / "cases" / "b.yaml").write_text(mine, encoding="utf-8")
            s.watched("cases/b.yaml", types.FileChangeType.Created)
            found = await s.diagnostics("cases/z.yaml", lambda d: bool(d))
            assert [d.code for d in found] == ["WVP020"]
            assert "cases/b.yaml" in found[0].message
            (repo / "cases" / "b.yaml").unlink()
            s.watched("cases/b.yaml", types.FileChangeType.Deleted)
            assert await s.diagnostics("cases/z.yaml", lambda d: not d) == []

            # An open file first in the order: the finding lands on the closed cases/a.yaml,
            # which gets it published, and loses it again.
            s.open("cases/0.yaml", twin_of_a)
            found = await s.diagnostics("cases/a.yaml", lambda d: bool(d))
            assert [d.code for d in found] == ["WVP020"]
            assert "cases/0.yaml" in found[0].message
            assert found[0].range.start.line == line_of(NO_PLAN, "id:")
            s.change("cases/0.yaml", mine.replace("2026-099", "2026-100"))
            assert await s.diagnostics("cases/a.yaml", lambda d: not d) == []

    run(scenario)


def test_lsp_without_pygls_or_with_a_broken_config_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wvp.toml").write_text('ignore = ["WVP999"]\n', encoding="utf-8")
    result = run_cli("lsp")
    assert result.code == 2
    assert result.err.startswith("wvp: configuratie:") and "WVP999" in result.err
    (tmp_path / "wvp.toml").unlink()
    monkeypatch.setitem(sys.modules, "pygls.lsp.server", None)
    monkeypatch.delitem(sys.modules, "wvp_cli.lsp.server", raising=False)
    result = run_cli("lsp")
    assert result.code == 2
    assert "pip install 'wvp[lsp]'" in result.err


def test_typing_is_checked_per_pause_and_the_last_text_counts(repo: Path) -> None:
    """Thirty keystrokes sent at once: far fewer checks than keys, and the diagnostics of the
    last version are those of its text."""
    typo = "  - type: evaluatie\n    date: 2026-11-20\n    summar"
    keys = "y: kort gesprek"

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml", CLEAN)
            await s.diagnostics("cases/a.yaml")
            text = CLEAN + typo
            s.change("cases/a.yaml", text)
            for key in keys:
                text += key
                s.change("cases/a.yaml", text)
            last = s.versions["cases/a.yaml"]
            found = await s.diagnostics("cases/a.yaml", version=last)
            assert found == []
            published = [p.version for p in s.published[s.uri("cases/a.yaml")]]
            assert len(published) < len(keys) // 2
            assert published[-1] == last

    run(scenario)


def test_the_fields_the_content_rules_ask_for_as_a_skeleton(repo: Path) -> None:
    bare = NO_PLAN + "\n  - type: plan_van_aanpak\n    date: 2026-10-29\n"

    async def scenario() -> None:
        async with Session(repo) as s:
            s.open("cases/a.yaml", bare)
            found = await s.diagnostics("cases/a.yaml", lambda d: bool(d))
            content = [d for d in found if d.code and str(d.code).startswith("WVP3")]
            assert content, [d.code for d in found]
            actions = await s.actions("cases/a.yaml", content[0].range.start.line)
            (action,) = [a for a in actions if "velden" in a.title]
            filled = apply(bare, action)
            added = filled[len(bare) :]
            for name in ("goal", "employee_view", "employer_view", "activities"):
                assert f"\n    {name}:" in "\n" + added, name
            assert '    activities:\n      - what: ""\n        who: ""\n' in added
            # Nothing invented: the date of agreement is a placeholder wvp check points at,
            # and once it is given the content rules still ask for the empty texts.
            assert [f.rule for f in load_text(filled, "a.yaml").findings] == ["WVP013"]
            dated = filled.replace("JJJJ-MM-DD", "2026-10-29")
            assert load_text(dated, "a.yaml").case is not None
            s.change("cases/a.yaml", dated)
            after = await s.diagnostics("cases/a.yaml", version=2)
            assert {d.code for d in after} & {"WVP301", "WVP302"}

    run(scenario)
