"""`wvp add` and the writer under it (repo/edit.py): steps recorded without editing YAML by hand,
the user's file kept as it was written, invalid input refused with the file untouched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES, run_cli
from wvp_cli.core import forms
from wvp_cli.core.loader import load_text
from wvp_cli.repo import edit

GOLDEN = ROOT / "tests" / "golden" / "add"
AS_OF = "2026-11-24"


@pytest.fixture
def hand(tmp_path: Path) -> Path:
    target = tmp_path / "hand-written.yaml"
    shutil.copyfile(GOLDEN / "hand-written.yaml", target)
    return target


def test_golden_hand_written_case_keeps_every_comment_and_line(hand: Path) -> None:
    steps = [
        (
            "plan_van_aanpak",
            "--date",
            "2026-10-20",
            "agreed_by_employee=2026-10-21",
            "goal=Terug",
            "track=1",
            "employer_view=a",
            "employee_view=b",
            "activities=Opbouw | werknemer | 2026-11-01",
            "evaluations=Elke 6 weken",
        ),
        (
            "werkhervatting",
            "--date",
            "2026-11-02",
            "hours=16",
            "therapeutic=nee",
            "work=eigen_werk",
        ),
        ("hersteld", "--date", "2026-11-20"),
    ]
    before = hand.read_text(encoding="utf-8").splitlines()
    for step in steps:
        result = run_cli("add", str(hand), *step, "--as-of", AS_OF, "--no-input")
        assert result.code == 0, result.err
    after_text = hand.read_text(encoding="utf-8")
    assert after_text == (GOLDEN / "hand-written.after.yaml").read_text(encoding="utf-8")
    # Every line the user wrote is still there, in the same order.
    after = after_text.splitlines()
    position = 0
    for line in before:
        position = after.index(line, position) + 1
    assert run_cli("check", str(hand), "--as-of", AS_OF).code == 0


@pytest.mark.parametrize(
    "args",
    [
        ("onbekend_soort",),
        ("evaluatie", "--date", "2026-02-30", "summary=x"),
        ("evaluatie", "--date", "24-11-2026", "summary=x"),
        ("evaluatie", "--date", "2026-11-25", "summary=x"),
        ("evaluatie", "--date", "2026-11-20"),
        ("evaluatie", "--date", "2026-11-20", "samenvatting=x"),
        ("werkhervatting", "--date", "2026-11-20", "hours=veel"),
        ("afsluiting", "--date", "2026-11-20", "reason=klaar"),
        ("evaluatie", "--date", "2026-11-20", "summary"),
    ],
)
def test_invalid_add_exits_2_and_leaves_the_file_byte_identical(
    hand: Path, args: tuple[str, ...]
) -> None:
    raw = hand.read_bytes()
    result = run_cli("add", str(hand), *args, "--as-of", AS_OF, "--no-input")
    assert result.code == 2, result.err
    assert result.err.startswith("wvp: ")
    assert "Traceback" not in result.err
    assert hand.read_bytes() == raw


def test_missing_fields_are_named_without_a_terminal(hand: Path) -> None:
    result = run_cli(
        "add", str(hand), "eerstejaarsevaluatie", "--date", "2026-11-20", "--as-of", AS_OF
    )
    assert result.code == 2
    for name in ("result", "employer_view", "employee_view", "conclusion"):
        assert name in result.err


def test_dry_run_prints_the_diff_and_writes_nothing(hand: Path) -> None:
    raw = hand.read_bytes()
    result = run_cli(
        "add", str(hand), "evaluatie", "--date", "2026-11-20", "summary=Opbouw loopt",
        "--as-of", AS_OF, "--dry-run",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "+  - type: evaluatie" in result.out
    assert '+    summary: "Opbouw loopt"' in result.out
    assert "--dry-run" in result.out
    assert hand.read_bytes() == raw


def test_a_change_that_adds_an_error_is_refused_then_forced(hand: Path) -> None:
    raw = hand.read_bytes()
    args = ("evaluatie", "--date", "2026-11-20", "summary=Gesprek over de diagnose en medicatie")
    result = run_cli("add", str(hand), *args, "--as-of", AS_OF)
    assert result.code == 1
    assert "niet geschreven" in result.err and "WVP4" in result.err
    assert hand.read_bytes() == raw
    forced = run_cli("add", str(hand), *args, "--as-of", AS_OF, "--force")
    assert forced.code == 0, forced.err
    assert "nieuw:" in forced.out and "WVP4" in forced.out
    assert hand.read_bytes() != raw
    # Not a terminal: the medical words masked, as `wvp check` masks them; the level in Dutch.
    for said in (result.err, forced.out):
        assert "diagnose" not in said and "medicatie" not in said
        assert " fout: " in said and " error " not in said


def test_a_normal_run_names_the_findings_that_disappeared(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    shutil.copyfile(SAMPLES / "week-03-nieuw.yaml", case)
    late = run_cli("check", str(case), "--as-of", "2026-12-22")
    assert "WVP101" in late.out  # probleemanalyse overdue
    result = run_cli(
        "add", str(case), "probleemanalyse", "--date", "2026-12-21", "--as-of", "2026-12-22",
        "by=drs. A. Arts", "possibilities=Kan 4 uur per dag werken", "prognosis=Binnen 3 maanden",
        "advice=Opbouwen in uren",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "opgelost:" in result.out and "WVP101 fout:" in result.out
    assert "error" not in result.out


def test_defaults_come_from_the_case(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    shutil.copyfile(SAMPLES / "week-03-nieuw.yaml", case)
    loaded = load_text(case.read_text(encoding="utf-8"), "c")
    assert loaded.case is not None
    result = run_cli(
        "add", str(case), "probleemanalyse", "--date", "2026-11-20", "--as-of", AS_OF,
        "possibilities=Kan 4 uur per dag werken", "prognosis=Binnen 3 maanden", "advice=Opbouwen",
    )  # fmt: skip
    assert result.code == 0, result.err
    after = load_text(case.read_text(encoding="utf-8"), "c").case
    assert after is not None
    event = after.events[-1]
    assert getattr(event, "by", None) == loaded.case.employer.bedrijfsarts


def test_case_found_by_id_like_timeline(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "week-03-nieuw.yaml", folder / "a.yaml")
    shutil.copyfile(SAMPLES / "hersteld.yaml", folder / "b.yaml")
    other = (folder / "b.yaml").read_bytes()
    loaded = load_text((folder / "a.yaml").read_text(encoding="utf-8"), "a")
    assert loaded.case is not None
    result = run_cli(
        "add", loaded.case.id, "melding_42e_week", "--date", "2026-11-20", "--as-of", AS_OF,
        "--in", str(folder), "--force",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "melding_42e_week" in (folder / "a.yaml").read_text(encoding="utf-8")
    assert (folder / "b.yaml").read_bytes() == other  # never touches another file


def test_sickness_recovery_leave_extension_deviation_closing(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    shutil.copyfile(SAMPLES / "week-10-plan-van-aanpak.yaml", case)

    def add(*args: str, code: int = 0) -> str:
        result = run_cli("add", str(case), *args, "--as-of", "2027-06-01", "--no-input", "--force")
        assert result.code == code, result.err
        return result.err

    assert "al ziek" in add("ziek", "--date", "2026-12-01", code=2)
    add("hersteld", "--date", "2026-12-01")
    assert "al afgesloten" in add("hersteld", "--date", "2026-12-05", code=2)
    add("ziek", "--date", "2026-12-10")
    add("zwangerschapsverlof", "--date", "2027-01-04", "to=2027-04-25")
    add("verlenging", "--date", "2027-02-01", "type=vrijwillige_verlenging",
        "last_wage_day=2029-01-01")  # fmt: skip
    add("afwijking", "--date", "2027-02-02", "milestone=arbeidsdeskundig_onderzoek",
        "reason=Onderzoek na het verlof, afgesproken met de werknemer",
        "agreed_by_employee=ja")  # fmt: skip
    add("afsluiting", "--date", "2027-05-01", "reason=uit_dienst")
    loaded = load_text(case.read_text(encoding="utf-8"), "c")
    assert loaded.case is not None, loaded.findings
    c = loaded.case
    assert [(p.from_, p.to) for p in c.sickness] == [
        (dt.date(2026, 9, 17), dt.date(2026, 11, 30)),
        (dt.date(2026, 12, 10), None),
    ]
    assert [(lv.from_, lv.to) for lv in c.leave] == [(dt.date(2027, 1, 4), dt.date(2027, 4, 25))]
    assert c.extensions[0].last_wage_day == dt.date(2029, 1, 1)
    assert c.deviations[0].agreed_by_employee is True
    assert c.events[-1].type == "afsluiting"


def test_crlf_and_bom_survive(tmp_path: Path) -> None:
    text = (GOLDEN / "hand-written.yaml").read_text(encoding="utf-8")
    case = tmp_path / "c.yaml"
    case.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    outcome = edit.add_event(
        case,
        {"type": "evaluatie", "date": dt.date(2026, 11, 20), "summary": "Opbouw"},
        as_of=dt.date(2026, 11, 24),
        force=True,
    )
    assert outcome.written
    raw = case.read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff")
    assert "\n" not in raw.replace("\r\n", "")
    assert raw.startswith("\ufeff" + text.replace("\n", "\r\n")[: len(text) // 2])


def test_set_field_keeps_the_rest(hand: Path) -> None:
    outcome = edit.set_field(
        hand, ("employee", "job"), "Magazijnmedewerker", as_of=dt.date(2026, 11, 24)
    )
    assert outcome.written and not outcome.refused
    text = hand.read_text(encoding="utf-8")
    assert '    job: "Magazijnmedewerker"' in text
    assert "# vier spaties inspringing in deze mapping" in text
    with pytest.raises(edit.EditProblem):
        edit.set_field(hand, ("employee", "nope", "x"), 1, as_of=dt.date(2026, 11, 24))


def test_a_change_that_makes_the_file_invalid_is_refused(hand: Path) -> None:
    raw = hand.read_bytes()
    outcome = edit.set_field(
        hand, ("employee", "hours_per_week"), "veel", as_of=dt.date(2026, 11, 24)
    )
    assert outcome.refused and outcome.invalid and not outcome.written
    assert any(f.rule == "WVP012" or f.rule == "WVP015" for f in outcome.problems)
    forced = edit.set_field(
        hand, ("employee", "hours_per_week"), "veel", as_of=dt.date(2026, 11, 24), force=True
    )
    assert forced.refused and not forced.written
    assert hand.read_bytes() == raw


def test_every_event_type_has_a_form() -> None:
    from wvp_cli.core.model import EVENT_TYPES

    for kind in EVENT_TYPES:
        form = forms.form(kind)
        assert form.fields[0].name == "date"
        for item in form.fields:
            assert item.label
    with pytest.raises(forms.FormError, match="bedoelde"):
        forms.form("evaluatei")


def test_values_are_parsed_by_kind() -> None:
    plan = forms.form("plan_van_aanpak")
    values = forms.parse_assignments(
        plan,
        [
            "track=1,2",
            "activities=Opbouw | werknemer | 2026-03-01",
            "activities=Werkplek | werkgever",
        ],
    )
    assert values["track"] == [1, 2]
    assert values["activities"] == [
        {"what": "Opbouw", "who": "werknemer", "by": dt.date(2026, 3, 1)},
        {"what": "Werkplek", "who": "werkgever"},
    ]
    back = forms.form("werkhervatting")
    assert forms.parse_assignments(back, ["hours=12,5", "therapeutic=ja"]) == {
        "hours": 12.5,
        "therapeutic": True,
    }


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_prompts_on_a_real_terminal(hand: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    wvp = Path(sys.executable).parent / "wvp"
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    child = pexpect.spawn(
        str(wvp),
        ["add", str(hand), "eerstejaarsevaluatie", "--date", "2026-11-20", "--as-of", AS_OF],
        encoding="utf-8",
        timeout=30,
        env=env,
    )
    child.expect("Eerstejaarsevaluatie voor case 2026-077")
    child.expect(r"Resultaat van het eerste jaar \('result'\)")
    child.sendline("Werkt 16 van de 32 uur")
    child.expect("employer_view")
    child.sendline("Spoor 2 is nodig")
    child.expect("employee_view")
    child.sendline("Ik wil ander werk proberen")
    child.expect(r"conclusion'\) \[eigen_werk / spoor_1 / spoor_2 / spoor_1_en_2\]")
    child.sendline("spoor_3")
    child.expect("bedoelde")
    child.sendline("spoor_2")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    case = load_text(hand.read_text(encoding="utf-8"), "h").case
    assert case is not None
    last = case.events[-1]
    assert last.type == "eerstejaarsevaluatie"
    assert getattr(last, "conclusion", None) == "spoor_2"


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_prompt_defaults_and_ctrl_c_leaves_the_file(hand: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    wvp = Path(sys.executable).parent / "wvp"
    raw = hand.read_bytes()
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200"}
    child = pexpect.spawn(
        str(wvp),
        ["add", str(hand), "plan_van_aanpak", "--date", "2026-10-20", "--as-of", AS_OF],
        encoding="utf-8",
        timeout=30,
        env=env,
    )
    child.expect("agreed_by_employee")
    child.sendline("2026-10-21")
    child.expect(r"'casemanager'\) \[S\. Visser\]")  # the case's casemanager as default
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0
    assert hand.read_bytes() == raw


def test_gegevens_without_a_field_is_refused_in_dutch(hand: Path) -> None:
    """The one dispatch of a form (repo/edit.record_step, also behind wvp serve) refuses a
    `gegevens` step that sets nothing, and writes nothing."""
    raw = hand.read_bytes()
    result = run_cli("add", str(hand), "gegevens", "--as-of", AS_OF, "--no-input")
    assert result.code == 2
    assert "zonder velden" in result.err and "Traceback" not in result.err
    assert hand.read_bytes() == raw
