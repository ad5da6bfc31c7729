"""`wvp cases`: the portfolio. States, weeks and due dates agree with the clock and the agenda;
filters, sorting and every output format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli
from wvp_cli.core import clock
from wvp_cli.core.loader import read_file

AS_OF = "2026-11-24"
VALID = sorted(p for p in SAMPLES.glob("*.yaml") if not p.name.startswith("invalid-"))


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for path in VALID:
        shutil.copyfile(path, folder / path.name)
    return folder


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run_cli("cases", *args, "--format", "json", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def test_json_has_one_entry_per_case_with_every_field(samples: Path) -> None:
    doc = _json(str(samples), "--all")
    assert doc["schema_version"] == 1 and doc["as_of"] == AS_OF
    entries = doc["cases"]
    assert len(entries) == len(VALID)
    keys = {
        "case", "file", "employee", "employer", "casemanager", "first_sick_day", "last_wage_day",
        "week", "state", "clock_state", "partial", "track", "last_step", "next_step", "errors",
        "warnings", "riv", "closed_on", "closing_reason", "keep_until", "remove",
    }  # fmt: skip
    for entry in entries:
        assert set(entry) == keys
        assert entry["errors"] == 0  # the valid samples pass wvp check
        assert entry["riv"]["required"] == 12
        assert 0 <= entry["riv"]["present"] <= 12
    by_file = {Path(e["file"]).name: e for e in entries}
    assert by_file["hersteld.yaml"]["state"] == "hersteld"
    assert by_file["hersteld.yaml"]["next_step"] is None
    assert (
        by_file["tweede-jaar-tweede-spoor.yaml"]["track"] == [1, 2]
        or 2 in (by_file["tweede-jaar-tweede-spoor.yaml"]["track"])
    )
    assert by_file["week-03-nieuw.yaml"]["week"] == 3


def test_states_weeks_and_next_steps_come_from_the_clock(samples: Path) -> None:
    doc = _json(str(samples), "--all")
    as_of = clock.dt.date.fromisoformat(AS_OF)
    deadlines = json.loads(
        run_cli(
            "deadlines", str(samples), "--format", "json", "--as-of", AS_OF, "--days", "3650"
        ).out
    )["deadlines"]
    for entry in doc["cases"]:
        loaded = read_file(Path(entry["file"]))
        assert loaded.case is not None
        timeline = clock.compute(loaded.case, as_of)
        assert entry["clock_state"] == timeline.state
        assert entry["last_wage_day"] == timeline.last_wage_day.isoformat()
        step = entry["next_step"]
        if step is None:
            continue
        # the next step is the soonest row of `wvp deadlines` for this case
        rows = [
            d
            for d in deadlines
            if d["case"] == entry["case"] and d["milestone"] != "einde_wachttijd"
        ]
        soonest = min(rows, key=lambda d: (d["due"], d["milestone"]))
        assert (step["milestone"], step["due"], step["days_left"]) == (
            soonest["milestone"],
            soonest["due"],
            soonest["days_left"],
        )


def test_recovered_and_closed_cases_only_with_all(samples: Path) -> None:
    active = _json(str(samples))
    everything = _json(str(samples), "--all")
    assert "hersteld" not in {e["state"] for e in active["cases"]}
    assert active["hidden"] == len(everything["cases"]) - len(active["cases"]) > 0


def test_filters_and_sorting(samples: Path) -> None:
    everything = _json(str(samples), "--all")["cases"]
    some = everything[0]["casemanager"]
    mine = _json(str(samples), "--all", "--casemanager", some.split()[-1].lower())["cases"]
    assert mine and all(some.split()[-1].lower() in e["casemanager"].lower() for e in mine)
    employer = everything[0]["employer"]
    theirs = _json(str(samples), "--all", "--employer", employer)["cases"]
    assert theirs and all(employer in e["employer"] for e in theirs)
    ziek = _json(str(samples), "--state", "ziek")["cases"]
    assert ziek and all(e["state"] == "ziek" for e in ziek)
    spoor2 = _json(str(samples), "--all", "--track", "2")["cases"]
    assert all(2 in e["track"] for e in spoor2)
    by_week = [e["week"] for e in _json(str(samples), "--sort", "week")["cases"]]
    assert by_week == sorted(by_week, reverse=True)
    by_id = [e["case"] for e in _json(str(samples), "--all", "--sort", "id")["cases"]]
    assert by_id == sorted(by_id)
    by_due = [e["next_step"]["due"] for e in _json(str(samples))["cases"] if e["next_step"]]
    assert by_due == sorted(by_due)


@pytest.mark.parametrize(
    "args",
    [("--state", "zieke"), ("--track", "3"), ("--sort", "naam"), ("--format", "xml")],
)
def test_bad_options_exit_2(samples: Path, args: tuple[str, ...]) -> None:
    result = run_cli("cases", str(samples), *args)
    assert result.code == 2
    assert result.err.startswith("wvp: ") or "Gebruik" in result.err


def test_text_fits_80_columns(samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("cases", str(samples), "--all", "--as-of", AS_OF)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert len(lines) > len(VALID)
    assert max(len(line) for line in lines) <= 80
    assert "Cases op 24 november 2026" in lines[0]


def test_csv_and_markdown(samples: Path) -> None:
    out = run_cli("cases", str(samples), "--all", "--format", "csv", "--as-of", AS_OF).out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(VALID)
    assert {"case", "state", "next_due", "riv_present"} <= set(rows[0])
    md = run_cli("cases", str(samples), "--format", "markdown", "--as-of", AS_OF).out
    assert md.startswith("# Cases op 24 november 2026")
    assert "| Case | Werknemer |" in md


def test_invalid_file_is_skipped_with_exit_1(samples: Path) -> None:
    shutil.copyfile(SAMPLES / "invalid-format.yaml", samples / "invalid-format.yaml")
    result = run_cli("cases", str(samples), "--as-of", AS_OF, "--format", "json")
    assert result.code == 1
    assert "overgeslagen" in result.err
    assert json.loads(result.out)["skipped"][0]["file"].endswith("invalid-format.yaml")


def test_partial_return_and_closing_with_retention(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    shutil.copyfile(SAMPLES / "week-10-plan-van-aanpak.yaml", case)
    assert run_cli(
        "add", str(case), "werkhervatting", "--date", "2026-11-20", "hours=12",
        "contract_hours=36", "--as-of", AS_OF,
    ).code == 0  # fmt: skip
    entry = _json(str(case))["cases"][0]
    assert entry["state"] == "gedeeltelijk_hersteld"
    assert entry["partial"] == {
        "since": "2026-11-20", "hours": 12, "contract_hours": 36, "therapeutic": False,
        "work": None,
    }  # fmt: skip
    text = run_cli("cases", str(case), "--as-of", AS_OF).out
    assert "12/36 uur" in text
    assert run_cli(
        "add", str(case), "afsluiting", "--date", "2026-11-23", "reason=uit_dienst",
        "--as-of", AS_OF,
    ).code == 0  # fmt: skip
    assert _json(str(case))["cases"] == []
    closed = _json(str(case), "--all")["cases"][0]
    assert closed["state"] == "afgesloten" and closed["closing_reason"] == "uit_dienst"
    assert closed["keep_until"] == "2028-11-23" and closed["remove"] is False
    later = json.loads(
        run_cli("cases", str(case), "--format", "json", "--as-of", "2029-01-01").out
    )["cases"]
    assert later and later[0]["remove"] is True  # shown without --all: it must be removed
    shorter = json.loads(
        run_cli(
            "cases", str(case), "--all", "--format", "json", "--as-of", "2027-12-01",
            "--retention-years", "1",
        ).out
    )["cases"]  # fmt: skip
    assert shorter[0]["remove"] is True


def test_rows_from_the_cache_are_the_rows_made_from_the_files(
    samples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`wvp cases` keeps each case's row with its file's result: a second run reads no case
    file and shows what the first showed, which is what the rows made from the loaded files
    (with the repository's error counts) give."""
    import datetime as dt

    from wvp_cli import engine
    from wvp_cli.app import run_cases
    from wvp_cli.core import portfolio
    from wvp_cli.core.loader import load_bytes
    from wvp_cli.repo.scan import Task, scan
    from wvp_cli.repo.store import CACHE_DIR

    monkeypatch.chdir(samples.parent)
    day = dt.date.fromisoformat(AS_OF)
    everything = portfolio.Filters(all=True)
    first, found = run_cases([Path("cases")], day, everything)
    assert (Path(CACHE_DIR) / "entries.sqlite3").is_file()
    reads: list[str] = []
    with monkeypatch.context() as patched:
        patched.setattr(
            "wvp_cli.core.loader.load_bytes",
            lambda *a, **k: reads.append(a[1]) or load_bytes(*a, **k),
        )
        second, again = run_cases([Path("cases")], day, everything)
    assert reads == []  # every row came from the cache
    assert (second, again) == (first, found) and len(first.rows) == len(VALID)
    paths = [(p, False) for p in sorted(Path("cases").glob("*.yaml"))]
    checked = engine.finish(scan(paths, Task(day), cache_dir=None), day, engine.Settings())
    rows = []
    for result in checked.files:
        case = read_file(Path(result.file), result.file).case
        assert case is not None
        found = [f for f in checked.findings if f.location.file == result.file]
        rows.append(portfolio.row(case, result.file, clock.compute(case, day), found))
    assert sorted(rows, key=lambda r: r.file) == sorted(first.rows, key=lambda r: r.file)


def test_a_row_the_output_masks_is_not_kept_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A case id holding a term of `[privacy] extra_terms` is masked in the portfolio, and the
    cache keeps neither its row nor anything else of that file."""
    from conftest import MINIMAL

    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL.replace('"t-1"', '"t-geheimterm"'), encoding="utf-8")
    (folder / "b.yaml").write_text(MINIMAL.replace('"t-1"', '"t-2"'), encoding="utf-8")
    (tmp_path / "wvp.toml").write_text('[privacy]\nextra_terms = ["geheimterm"]\n')
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        shown = run_cli("cases", "cases", "--format", "json", "--as-of", AS_OF)
        ids = [c["case"] for c in json.loads(shown.out)["cases"]]
        assert "t-2" in ids and "t-geheimterm" not in ids and len(ids) == 2
    stored = b"".join(p.read_bytes() for p in (tmp_path / ".wvp_cache").rglob("*") if p.is_file())
    assert b"t-2" in stored  # the other file's row is kept
    assert b"geheimterm" not in stored


def test_an_entry_keeps_no_row_the_output_would_mask() -> None:
    """A row is kept in the cache only as the output shows it: a case id with a term of the
    run's `[privacy] extra_terms` makes the whole entry one that is not kept."""
    import datetime as dt

    from wvp_cli import engine
    from wvp_cli.core.loader import load_text
    from wvp_cli.repo.entries import decode, encode

    text = (SAMPLES / "week-10-plan-van-aanpak.yaml").read_text(encoding="utf-8")
    loaded = load_text(text.replace('id: "2026-024"', 'id: "c-vertrouwelijk"'), "c.yaml")
    result = engine.file_result(
        loaded, dt.date.fromisoformat(AS_OF), engine.Settings(), findings=False, portfolio=2
    )
    assert result.row is not None
    entry = encode(result, {})
    assert entry is not None and decode(entry, "elders.yaml").row == replace(
        result.row, file="elders.yaml"
    )
    assert result.row.case == "c-vertrouwelijk"
    assert encode(result, {"privacy.extra_terms": ["vertrouwelijk"]}) is None
