"""`wvp deadlines` on the cases of tests/data/deadlines/ (each file says what it tests).

All runs use `--as-of 2026-11-24` (a Tuesday). The expected due dates are worked out by hand in
the comments of the case files, from the offsets of docs/poortwachter.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, Run, run_cli

DATA = "tests/data/deadlines"
AS_OF = "2026-11-24"
VALID = ("--exclude", "invalid-*")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in the output are as the user typed them: run from the repository root.
    monkeypatch.chdir(ROOT)


def deadlines(*args: str, valid_only: bool = True) -> Run:
    extra = VALID if valid_only else ()
    return run_cli("deadlines", DATA, "--as-of", AS_OF, *extra, *args)


def rows(*args: str) -> list[dict[str, Any]]:
    run = deadlines("--format", "json", *args)
    assert run.code == 0, run.err
    result: list[dict[str, Any]] = json.loads(run.out)["deadlines"]
    return result


def keys(*args: str) -> list[tuple[str, str]]:
    """(case, milestone) of every row, in order."""
    return [(r["case"], r["milestone"]) for r in rows(*args)]


def row(
    case: str, milestone: str, due: str, status: str, days_left: int, who: str
) -> dict[str, Any]:
    return {
        "case": case,
        "file": f"{DATA}/{case}.yaml",
        "milestone": milestone,
        "due": due,
        "status": status,
        "days_left": days_left,
        "who": who,
    }


WG_WN = "werkgever + werknemer"

#: The default window (14 days): overdue first, oldest first; then upcoming soonest first;
#: ties by case id, then by the order of the milestones on the rules page.
EXPECTED_DEFAULT = [
    row("dl-01", "ziekmelding_arbodienst", "2026-09-07", "overdue", -78, "werkgever"),
    row("dl-02", "ziekmelding_arbodienst", "2026-09-07", "overdue", -78, "werkgever"),
    row("dl-01", "probleemanalyse", "2026-10-12", "overdue", -43, "bedrijfsarts"),
    row("dl-02", "probleemanalyse", "2026-10-12", "overdue", -43, "bedrijfsarts"),
    row("dl-01", "plan_van_aanpak", "2026-10-26", "overdue", -29, WG_WN),
    row("dl-02", "plan_van_aanpak", "2026-10-26", "overdue", -29, WG_WN),
    row("dl-vandaag", "evaluatie", "2026-11-24", "open", 0, WG_WN),
    row("dl-riv", "actueel_oordeel", "2026-11-30", "open", 6, "bedrijfsarts"),
    row("dl-riv", "eindevaluatie", "2026-11-30", "open", 6, WG_WN),
    row("dl-riv", "re_integratieverslag", "2026-11-30", "open", 6, "werkgever"),
    row("dl-e", "einde_wachttijd", "2026-12-01", "open", 7, "—"),
    row("dl-rand", "evaluatie", "2026-12-08", "open", 14, WG_WN),
]


# --- the JSON document ----------------------------------------------------------------------


def test_json_is_exactly_the_documented_document() -> None:
    run = deadlines("--format", "json")
    assert run.code == 0, run.err
    document = json.loads(run.out)
    assert list(document) == ["schema_version", "as_of", "deadlines"]
    assert document == {"schema_version": 1, "as_of": AS_OF, "deadlines": EXPECTED_DEFAULT}
    for item in document["deadlines"]:
        assert list(item) == ["case", "file", "milestone", "due", "status", "days_left", "who"]


def test_default_window_is_14_days() -> None:
    assert rows() == rows("--days", "14")


# --- the window -----------------------------------------------------------------------------


def test_due_on_last_day_of_window_is_included_and_day_after_is_not() -> None:
    # dl-rand is due on as_of + 14, dl-buiten on as_of + 15.
    assert ("dl-rand", "evaluatie") in keys("--days", "14")
    assert ("dl-buiten", "evaluatie") not in keys("--days", "14")
    assert ("dl-rand", "evaluatie") not in keys("--days", "13")
    assert keys("--days", "15")[-1] == ("dl-buiten", "evaluatie")


def test_due_on_as_of_is_upcoming_with_zero_days_left() -> None:
    found = [r for r in rows("--days", "0") if r["status"] == "open"]
    assert found == [row("dl-vandaag", "evaluatie", "2026-11-24", "open", 0, WG_WN)]


def test_overdue_are_listed_whatever_the_window() -> None:
    overdue = [r for r in EXPECTED_DEFAULT if r["status"] == "overdue"]
    assert [r for r in rows("--days", "0") if r["status"] == "overdue"] == overdue


def test_week_is_days_7() -> None:
    week = rows("--week")
    assert week == rows("--days", "7")
    # einde wachttijd of dl-e falls on as_of + 7: in; dl-rand's evaluatie on as_of + 14: out.
    assert week[-1] == row("dl-e", "einde_wachttijd", "2026-12-01", "open", 7, "—")
    assert ("dl-rand", "evaluatie") not in [(r["case"], r["milestone"]) for r in week]


def test_until_is_inclusive_and_equals_days() -> None:
    assert rows("--until", "2026-12-09") == rows("--days", "15")
    assert keys("--until", "2026-12-08")[-1] == ("dl-rand", "evaluatie")


def test_ties_within_one_case_follow_the_milestone_order() -> None:
    # dl-riv: the WIA-aanvraag and the next evaluatie are both due on as_of + 20.
    tail = keys("--days", "20")[-2:]
    assert tail == [("dl-riv", "evaluatie"), ("dl-riv", "wia_aanvraag")]
    assert ("dl-riv", "wia_aanvraag") not in keys("--days", "19")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--week", "--days", "3"), "kies één van --week, --days en --until"),
        (("--days", "5", "--until", "2026-12-01"), "kies één van"),
        (("--days", "-1"), "--days verwacht 0 of meer"),
        (("--until", "2026-11-23"), "ligt voor de peildatum"),
        (("--until", "1-12-2026"), "--until verwacht een datum"),
        (("--format", "xml"), "--format: onbekende waarde 'xml'"),
    ],
)
def test_bad_window_options_exit_2_with_a_dutch_message(
    args: tuple[str, ...], message: str
) -> None:
    run = deadlines(*args)
    assert run.code == 2
    assert message in run.err
    assert "Traceback" not in run.err


# --- paused, closed, information ------------------------------------------------------------


def test_paused_and_closed_cases_show_nothing_even_far_ahead() -> None:
    listed = {r["case"] for r in rows("--days", "800")}
    assert "dl-hersteld" not in listed
    assert "dl-afgesloten" not in listed
    assert "dl-01" in listed  # the window itself works


def test_done_and_late_milestones_are_never_listed() -> None:
    # dl-rand's plan van aanpak was late, dl-e's milestones were all done.
    listed = keys("--days", "800")
    assert ("dl-rand", "plan_van_aanpak") not in listed
    assert [m for c, m in listed if c == "dl-e"] == ["einde_wachttijd"]


def test_evaluatie_shows_its_next_due_date_once() -> None:
    found = [r for r in rows("--case", "dl-riv", "--days", "800") if r["milestone"] == "evaluatie"]
    assert [r["due"] for r in found] == ["2026-12-14"]


# --- filters --------------------------------------------------------------------------------


def test_who_matches_each_party_of_a_shared_milestone() -> None:
    werknemer = keys("--who", "werknemer", "--days", "20")
    assert ("dl-riv", "eindevaluatie") in werknemer  # werkgever + werknemer
    assert ("dl-riv", "wia_aanvraag") in werknemer  # werknemer
    assert ("dl-riv", "re_integratieverslag") not in werknemer  # werkgever only
    assert ("dl-riv", "actueel_oordeel") not in werknemer  # bedrijfsarts
    assert ("dl-e", "einde_wachttijd") not in werknemer  # who "—"


def test_who_bedrijfsarts_and_repeated_who() -> None:
    assert keys("--who", "bedrijfsarts") == [
        ("dl-01", "probleemanalyse"),
        ("dl-02", "probleemanalyse"),
        ("dl-riv", "actueel_oordeel"),
    ]
    both = keys("--who", "bedrijfsarts", "--who", "werkgever")
    assert ("dl-01", "ziekmelding_arbodienst") in both
    assert ("dl-riv", "actueel_oordeel") in both


def test_who_uwv_is_valid_and_matches_no_milestone_of_the_rules_page() -> None:
    assert rows("--who", "uwv") == []


def test_casemanager_is_a_case_insensitive_substring() -> None:
    cases = {r["case"] for r in rows("--casemanager", "VISSER", "--days", "20")}
    # S. Visser (dl-01, dl-buiten) and s. visser-de Jong (dl-riv); dl-02 names no casemanager.
    assert cases == {"dl-01", "dl-buiten", "dl-riv"}
    assert {r["case"] for r in rows("--casemanager", "bakker")} == {"dl-vandaag", "dl-e", "dl-rand"}


def test_case_filter() -> None:
    assert keys("--case", "dl-riv") == [
        ("dl-riv", "actueel_oordeel"),
        ("dl-riv", "eindevaluatie"),
        ("dl-riv", "re_integratieverslag"),
    ]


def test_milestone_filter() -> None:
    assert keys("--milestone", "evaluatie") == [
        ("dl-vandaag", "evaluatie"),
        ("dl-rand", "evaluatie"),
    ]
    # dl-01 and dl-02 have no plan van aanpak: no evaluation is due before it (WVP102 covers it).
    assert ("dl-01", "evaluatie") not in keys("--milestone", "evaluatie", "--days", "400")


def test_filters_combine() -> None:
    assert keys("--milestone", "plan_van_aanpak", "--casemanager", "visser") == [
        ("dl-01", "plan_van_aanpak")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--milestone", "plan_van_aanpk"), "bedoelde je plan_van_aanpak?"),
        (("--milestone", "pva"), "--milestone: onbekende waarde 'pva'"),
        (("--who", "werkgevr"), "bedoelde je werkgever?"),
        (("--case", "dl-0"), "--case: geen case met id 'dl-0'"),
    ],
)
def test_unknown_filter_values_exit_2(args: tuple[str, ...], message: str) -> None:
    run = deadlines(*args)
    assert run.code == 2
    assert message in run.err
    assert run.out == ""


# --- invalid files and paths ----------------------------------------------------------------


def test_invalid_file_is_skipped_with_a_warning_and_exit_1() -> None:
    run = deadlines("--format", "json", valid_only=False)
    assert run.code == 1
    assert json.loads(run.out)["deadlines"] == EXPECTED_DEFAULT
    assert f"{DATA}/invalid-datum.yaml" in run.err
    assert "(1 fout)" in run.err
    assert "overgeslagen" in run.err


def test_invalid_file_is_named_in_text_and_markdown_too() -> None:
    text = deadlines(valid_only=False)
    assert text.code == 1
    assert "1 bestand overgeslagen" in text.out
    markdown = deadlines("--format", "markdown", valid_only=False)
    assert markdown.code == 1
    assert f"`{DATA}/invalid-datum.yaml`: 1 fout" in markdown.out


def test_path_that_does_not_exist_exits_2() -> None:
    run = run_cli("deadlines", "tests/data/geen-map", "--as-of", AS_OF)
    assert run.code == 2
    assert "pad bestaat niet: tests/data/geen-map" in run.err


def test_makefile_demo_invocation_works() -> None:
    # `make demo` runs exactly this (with sample_cases); the options must stay accepted.
    run = run_cli("deadlines", DATA, "--as-of", AS_OF, "--days", "42", "--exclude", "invalid-*")
    assert run.code == 0, run.err


# --- text -----------------------------------------------------------------------------------


def test_text_groups_overdue_before_upcoming_and_ends_with_the_summary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    out = deadlines().out
    assert out.index("Te laat (6)") < out.index("Binnenkort (6)")
    te_laat = out[out.index("Te laat") : out.index("Binnenkort")]
    binnenkort = out[out.index("Binnenkort") :]
    assert "Probleemanalyse" in te_laat
    assert "Einde wachttijd" not in te_laat
    assert "Einde wachttijd" in binnenkort
    assert "6 te laat, 6 binnenkort in 9 dossiers" in out.splitlines()[-1]
    assert "maandag 07-09-2026" in te_laat  # the weekday in Dutch
    assert "78 dagen te laat" in te_laat
    assert "vandaag" in binnenkort


def test_text_reads_in_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = deadlines("--days", "20").out
    assert max(len(line) for line in out.splitlines()) <= 80
    for needed in ("dl-vandaag", "C. Vandaag", "Re-integratieverslag", "ma 30-11-2026"):
        assert needed in out
    assert "weggelaten" in out  # says that columns were dropped


def test_text_wide_shows_every_column(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    out = deadlines().out
    header = next(line for line in out.splitlines() if line.startswith("Case"))
    for column in ("Werknemer", "Mijlpaal", "Uiterlijk", "Nog", "Ziekteweek", "Casemanager", "Wie"):
        assert column in header
    assert "Evaluatie plan van aanpak (voortgangsgesprek)" in out
    assert "s. visser-de Jong" in out


def test_text_without_anything_to_do() -> None:
    run = run_cli("deadlines", f"{DATA}/dl-afgesloten.yaml", "--as-of", AS_OF)
    assert run.code == 0
    assert "0 te laat, 0 binnenkort in 1 dossier" in run.out


def test_text_shows_no_control_characters_from_the_file(tmp_path: Path) -> None:
    case = (ROOT / DATA / "dl-02.yaml").read_text()
    case_file = tmp_path / "c.yaml"
    case_file.write_text(case.replace('"B. Proef"', '"B. \\u202eProef"'))
    out = run_cli("deadlines", str(case_file), "--as-of", AS_OF).out
    assert "\u202e" not in out
    assert "\\u202e" in out


# --- markdown -------------------------------------------------------------------------------


def test_markdown_digest_has_title_sections_and_how_it_was_made() -> None:
    run = deadlines("--format", "markdown")
    assert run.code == 0
    md = run.out
    assert md.startswith("# Termijnen Poortwachter — dinsdag 24 november 2026\n")
    sections = [line for line in md.splitlines() if line.startswith("## ")]
    assert sections == ["## Te laat (6)", "## Deze week (5)", "## Binnenkort (1)"]
    deze_week = md[md.index("## Deze week") : md.index("## Binnenkort")]
    binnenkort = md[md.index("## Binnenkort") :]
    # Deze week = what --week shows: due up to as_of + 7.
    assert [c for c in ("dl-vandaag", "dl-riv", "dl-e") if c in deze_week] == [
        "dl-vandaag",
        "dl-riv",
        "dl-e",
    ]
    assert "dl-01" not in deze_week
    assert "dl-rand" in binnenkort
    assert "| Uiterlijk | Nog | Case |" in md
    assert "Gemaakt met wvp" in md
    assert "peildatum 2026-11-24" in md


def test_markdown_escapes_table_breaking_text(tmp_path: Path) -> None:
    case = (ROOT / DATA / "dl-02.yaml").read_text()
    case_file = tmp_path / "c.yaml"
    case_file.write_text(case.replace('"B. Proef"', '"B. | <b>Proef</b> *x*"'))
    md = run_cli("deadlines", str(case_file), "--as-of", AS_OF, "-f", "markdown").out
    line = next(line for line in md.splitlines() if "dl-02" in line)
    assert "B. \\| \\<b\\>Proef\\</b\\> \\*x\\*" in line
    assert line.count(" | ") == 6  # still seven cells


# --- writing files --------------------------------------------------------------------------


def test_output_file_is_written_and_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "agenda.json"
    first = deadlines("-o", str(target))  # the format follows the extension
    assert first.code == 0, first.err
    assert json.loads(target.read_text())["deadlines"] == EXPECTED_DEFAULT
    assert first.out == ""
    again = deadlines("-o", str(target), "--week")
    assert again.code == 2
    assert "--force" in again.err
    assert json.loads(target.read_text())["deadlines"] == EXPECTED_DEFAULT
    forced = deadlines("-o", str(target), "--week", "--force")
    assert forced.code == 0
    assert len(json.loads(target.read_text())["deadlines"]) == 11
    assert [p.name for p in tmp_path.iterdir()] == ["agenda.json"]


def test_text_to_a_file_has_no_colour_codes(tmp_path: Path) -> None:
    target = tmp_path / "agenda.txt"
    assert deadlines("-o", str(target), "-f", "text").code == 0
    text = target.read_text()
    assert "\x1b[" not in text
    assert "6 te laat, 6 binnenkort in 9 dossiers" in text


def test_output_into_a_missing_folder_exits_2(tmp_path: Path) -> None:
    run = deadlines("-o", str(tmp_path / "nope" / "a.md"))
    assert run.code == 2
    assert "bestaat niet" in run.err


@pytest.mark.parametrize("width", [40, 50, 64, 80, 100, 120, 160, 250])
def test_text_tables_are_laid_out_as_rich_lays_them_out(width: int) -> None:
    """The text output lays out its tables itself (rich's table costs seconds for thousands of
    rows): line for line what rich makes of the same table, also squeezed into a narrow
    terminal, and the same choice of layout."""
    import datetime as dt

    from rich.console import Console
    from rich.measure import Measurement

    from wvp_cli import engine
    from wvp_cli.core import agenda, loader
    from wvp_cli.repo import files
    from wvp_cli.report import agenda as agenda_report

    as_of = dt.date.fromisoformat(AS_OF)
    found = [
        loader.read_file(p, str(p))
        for p, _ in files.discover([ROOT / "sample_cases", ROOT / DATA])
        if not p.name.startswith("invalid-")
    ]
    result = engine.build_agenda(found, as_of, agenda.window_end(as_of, days=400))
    assert len(result.deadlines) > 20
    console = Console(width=width, color_system=None, force_terminal=False, highlight=False)
    unbounded = console.options.update(width=100_000)
    fitting = None
    for layout in agenda_report.LAYOUTS:
        table = agenda_report._table(result.deadlines, layout)
        natural = Measurement.get(console, unbounded, table).maximum
        fitting = fitting or (layout if natural <= width else None)
        ours = agenda_report._lines(result.deadlines, layout, width)
        if ours is None:  # a column would vanish: rich lays that table out itself
            assert natural > width
            continue
        with console.capture() as theirs:
            console.print(table)
        with console.capture() as mine:
            console.print(ours)
        assert mine.get() == theirs.get()
        # Without styles the same table is written as plain strings.
        assert agenda_report._plain_lines(result.deadlines, layout, width) + "\n" == mine.get()
    chosen = agenda_report.choose_layout(result, console)
    assert chosen == (fitting or agenda_report.LAYOUTS[-1])
    if width >= 64:  # a terminal of 64 columns or more gets the fast layout
        assert agenda_report._lines(result.deadlines, chosen, width) is not None


@pytest.mark.parametrize("width", [40, 64, 100, 250])
def test_plain_text_is_what_rich_writes(width: int) -> None:
    """Off a terminal the agenda is written as strings: what rich writes, byte for byte."""
    import datetime as dt
    import io

    from rich.console import Console

    from wvp_cli import engine
    from wvp_cli.core import agenda, loader
    from wvp_cli.repo import files
    from wvp_cli.report import agenda as agenda_report

    as_of = dt.date.fromisoformat(AS_OF)
    found = [loader.read_file(p, str(p)) for p, _ in files.discover([ROOT / "sample_cases"])]
    for days in (0, 400):
        result = engine.build_agenda(found, as_of, agenda.window_end(as_of, days=days))
        ours, theirs = io.StringIO(), io.StringIO()
        fast = Console(file=ours, width=width, highlight=False, soft_wrap=True)
        slow = Console(file=theirs, width=width, highlight=False, soft_wrap=True, record=True)
        agenda_report.print_text(result, fast)
        agenda_report.print_text(result, slow)
        assert ours.getvalue() == theirs.getvalue()


def test_a_layout_fits_exactly_when_its_natural_width_does() -> None:
    """The choice of layout works out only the columns it needs, with the same answer as the
    natural width of every column; a narrow terminal never makes the long titles."""
    import datetime as dt

    from rich.console import Console

    from wvp_cli import engine
    from wvp_cli.core import agenda, loader
    from wvp_cli.repo import files
    from wvp_cli.report import agenda_table as table

    as_of = dt.date.fromisoformat(AS_OF)
    found = [loader.read_file(p, str(p)) for p, _ in files.discover([ROOT / "sample_cases"])]
    result = engine.build_agenda(found, as_of, agenda.window_end(as_of, days=400))
    assert len(result.deadlines) > 20
    for width in range(20, 260):
        known = table._Values(result.deadlines)
        for layout in table.LAYOUTS:
            whole = table._natural_width(table._Values(result.deadlines).natural(layout))
            assert table._fits(table._Values(result.deadlines), layout, width) == (whole <= width)
            assert table._fits(known, layout, width) == (whole <= width)  # some columns known
    narrow = table._Values(result.deadlines)
    chosen = table.choose_layout(result, Console(width=60), narrow)
    assert chosen == table.LAYOUTS[-1] or not chosen.long_titles
    assert not narrow.known("title_long")
