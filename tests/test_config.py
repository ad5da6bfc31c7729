"""Configuration: discovery, precedence, select/ignore, severities, and every bad value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli
from wvp_cli.core.findings import Severity
from wvp_cli.core.loader import MAX_FILE_BYTES
from wvp_cli.repo import config

# MINIMAL's first sick day is 2026-01-01. On 2026-01-10 only the ziekmelding is missing
# (WVP100, a warning); on 2026-03-01 the probleemanalyse and the plan are too (WVP101, WVP102).
ONLY_WARNING = "2026-01-10"
ERRORS = "2026-03-01"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "t-1.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rules_of(out: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["severity"]) for f in json.loads(out)["findings"]]


def found(start: Path) -> Path | None:
    path = config.find_config(start)
    return path.resolve() if path else None


# --- discovery ------------------------------------------------------------------------------


def test_walks_up_from_the_checked_path(tmp_path: Path) -> None:
    (tmp_path / "wvp.toml").write_text('fail_on = "warning"\n')
    deep = tmp_path / "a" / "b" / "cases"
    deep.mkdir(parents=True)
    assert found(deep) == (tmp_path / "wvp.toml").resolve()
    case = deep / "x.yaml"
    case.write_text(MINIMAL)
    assert found(case) == (tmp_path / "wvp.toml").resolve()


def test_nearest_file_wins_and_pyproject_needs_tool_wvp(tmp_path: Path) -> None:
    (tmp_path / "wvp.toml").write_text("")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert found(inner) == (tmp_path / "wvp.toml").resolve()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.wvp]\nignore = []\n')
    assert found(inner) == (inner / "pyproject.toml").resolve()
    (inner / "wvp.toml").write_text("")
    assert found(inner) == (inner / "wvp.toml").resolve()


def test_pyproject_tool_wvp_applies(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "dossiers"\n\n[tool.wvp]\nignore = ["WVP10"]\n'
    )
    run = run_cli("check", "cases", "--as-of", ERRORS, "--format", "json")
    assert run.code == 0, run.err
    assert rules_of(run.out) == []
    shown = run_cli("config", "cases")
    assert "pyproject.toml:5" in shown.out


def test_pyproject_tool_wvp_subtable(tmp_path: Path) -> None:
    text = '[tool.wvp]\nfail_on = "warning"\n\n[tool.wvp.severity]\nWVP101 = "info"\n'
    conf = config.parse(text, "pyproject.toml", pyproject=True)
    assert conf.severity == {"WVP101": Severity.INFO}
    assert conf.origin("severity.WVP101") == "pyproject.toml:5"
    assert conf.origin("fail_on") == "pyproject.toml:2"


def test_explicit_config_file(repo: Path) -> None:
    other = repo / "elders" / "strikt.toml"
    other.parent.mkdir()
    other.write_text('fail_on = "warning"\n')
    (repo / "wvp.toml").write_text('fail_on = "error"\n')
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING).code == 0
    run = run_cli("check", "cases", "--as-of", ONLY_WARNING, "--config", str(other))
    assert run.code == 1, run.err
    missing = run_cli("check", "cases", "--config", "bestaat-niet.toml")
    assert missing.code == 2
    assert "bestaat-niet.toml" in missing.err and "bestaat niet" in missing.err


def test_a_symlink_loop_is_not_a_crash(repo: Path) -> None:
    loop = repo / "cases" / "loop.yaml"
    loop.symlink_to(loop)
    assert found(loop) is None
    assert run_cli("config", str(loop)).code == 0


def test_no_config_means_defaults(repo: Path) -> None:
    conf = config.load(repo / "cases")
    assert conf.file is None
    assert conf.max_file_size == MAX_FILE_BYTES
    assert conf.fail_on == "error"
    assert conf.origin("select") == config.DEFAULT


# --- precedence -----------------------------------------------------------------------------


def test_file_over_defaults_and_cli_over_file(repo: Path) -> None:
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING).code == 0
    (repo / "wvp.toml").write_text('fail_on = "warning"\n')
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING).code == 1
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING, "--fail-on", "error").code == 0
    (repo / "wvp.toml").write_text('fail_on = "error"\n')
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING, "--fail-on", "warning").code == 1
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING, "--strict").code == 1


def test_cli_select_replaces_the_files_select(repo: Path) -> None:
    (repo / "wvp.toml").write_text('select = ["WVP100"]\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json")
    assert rules_of(run.out) == [("WVP100", "warning")]
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json", "--select", "WVP101")
    assert rules_of(run.out) == [("WVP101", "error")]
    assert run.code == 1


def test_config_command_shows_origins(repo: Path) -> None:
    (repo / "wvp.toml").write_text(
        '# wvp\n\nselect = ["WVP1"]\n\n[severity]\nWVP101 = "warning"\n\n[privacy]\nallow = ["x"]\n'
    )
    run = run_cli("config", "--format", "json")
    assert run.code == 0, run.err
    doc = json.loads(run.out)
    origins = {s["key"]: (s["value"], s["origin"]) for s in doc["settings"]}
    assert doc["file"] == "wvp.toml"
    assert origins["select"] == (["WVP1"], "wvp.toml:3")
    assert origins["severity.WVP101"] == ("warning", "wvp.toml:6")
    assert origins["privacy.allow"] == (["x"], "wvp.toml:9")
    assert origins["ignore"] == ([], "standaard")
    assert origins["max_file_size"] == (MAX_FILE_BYTES, "standaard")
    text = run_cli("config")
    assert "wvp.toml:6" in text.out and "standaard" in text.out


# --- what the settings do -------------------------------------------------------------------


def test_select_and_ignore_codes_and_prefixes(repo: Path) -> None:
    (repo / "wvp.toml").write_text('select = ["WVP1"]\nignore = ["WVP100", "wvp102"]\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json")
    assert rules_of(run.out) == [("WVP101", "error")]


def test_severity_override(repo: Path) -> None:
    (repo / "wvp.toml").write_text('[severity]\nWVP101 = "warning"\nWVP102 = "info"\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json")
    assert run.code == 0
    assert sorted(rules_of(run.out)) == [
        ("WVP100", "warning"),
        ("WVP101", "warning"),
        ("WVP102", "info"),
    ]


WAIVED = (
    "deviations:\n"
    "  - milestone: probleemanalyse\n"
    "    date: 2026-02-01\n"
    '    reason: "Werknemer onbereikbaar in het buitenland, in overleg uitgesteld"\n'
    "    agreed_by_employee: true\n"
)
LATE_PA = MINIMAL.replace("events: []", "events:\n  - {type: probleemanalyse, date: 2026-02-20}")


def test_a_severity_for_a_rule_leaves_its_waived_deviation_info(repo: Path) -> None:
    """Defect (issue 16): `WVP101 = "error"` turned a reasoned, agreed deviation into an error."""
    (repo / "cases" / "t-1.yaml").write_text(MINIMAL + WAIVED, encoding="utf-8")
    (repo / "wvp.toml").write_text('[severity]\nWVP101 = "error"\nWVP100 = "info"\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json")
    assert ("WVP101", "info") in rules_of(run.out)
    assert ("WVP100", "info") in rules_of(run.out)
    assert "WVP101" not in {r for r, level in rules_of(run.out) if level == "error"}


def test_a_severity_for_one_kind_of_problem(repo: Path) -> None:
    (repo / "cases" / "t-1.yaml").write_text(MINIMAL + WAIVED, encoding="utf-8")
    (repo / "wvp.toml").write_text('[severity]\nWVP101.waived = "warning"\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json")
    assert ("WVP101", "warning") in rules_of(run.out)
    # A late probleemanalyse is a warning by default; `WVP101.late` makes it an error, and the
    # default kind (`WVP101`, a missing one) is left as it is.
    (repo / "cases" / "t-1.yaml").write_text(LATE_PA, encoding="utf-8")
    assert ("WVP101", "warning") in rules_of(
        run_cli("check", "cases", "--as-of", ERRORS, "-f", "json").out
    )
    (repo / "wvp.toml").write_text('[severity]\n"WVP101.late" = "error"\nWVP101 = "info"\n')
    run = run_cli("check", "cases", "--as-of", ERRORS, "-f", "json")
    assert ("WVP101", "error") in rules_of(run.out)
    assert run.code == 1
    conf = config.parse('[severity]\nWVP101 = { late = "info", overdue = "warning" }\n', "x")
    assert conf.severity == {"WVP101.late": Severity.INFO, "WVP101.overdue": Severity.WARNING}


def test_exclude_globs_relative_to_the_config(repo: Path) -> None:
    (repo / "cases" / "archief").mkdir()
    (repo / "cases" / "archief" / "oud.yaml").write_text("wvp: 1\n")  # would be an error
    assert run_cli("check", "cases", "--as-of", ONLY_WARNING).code == 1
    (repo / "wvp.toml").write_text('exclude = ["cases/archief/*"]\n')
    run = run_cli("check", "cases", "--as-of", ONLY_WARNING, "-f", "json")
    assert run.code == 0
    assert json.loads(run.out)["files_checked"] == 1


def test_max_file_size_reaches_the_loader(repo: Path) -> None:
    (repo / "wvp.toml").write_text('max_file_size = "100B"\n')
    run = run_cli("check", "cases", "--as-of", ONLY_WARNING, "-f", "json")
    assert rules_of(run.out) == [("WVP002", "error")]
    assert "100 bytes" in json.loads(run.out)["findings"][0]["message"]
    (repo / "wvp.toml").write_text("max_file_size = 100000\n")
    assert rules_of(run_cli("check", "cases", "--as-of", ONLY_WARNING, "-f", "json").out) == [
        ("WVP100", "warning")
    ]


@pytest.mark.parametrize(
    ("value", "size"),
    [("5MB", 5 * 1024 * 1024), ("512 kb", 512 * 1024), ("1.5KiB", 1536), ("10", 10), ("7B", 7)],
)
def test_sizes(value: str, size: int) -> None:
    assert config.parse(f'max_file_size = "{value}"\n', "wvp.toml").max_file_size == size


def test_privacy_options_reach_the_settings() -> None:
    conf = config.parse('[privacy]\nextra_terms = ["rugpijn"]\nallow = ["rugzak"]\n', "wvp.toml")
    settings = conf.settings()
    assert settings.options["privacy.extra_terms"] == ["rugpijn"]
    assert settings.options["privacy.allow"] == ["rugzak"]


# --- bad configuration: exit 2 with file, line and reason -----------------------------------

BAD = [
    ('select = ["WVP1"\nignore = []\n', 2, "ongeldige TOML"),
    ("fail_on = \n", 1, "ongeldige TOML"),
    ('[severity]\nWVP101 = "warning"\n[severity]\n', 3, "ongeldige TOML"),
    ('# x\nselekt = ["WVP1"]\n', 2, "bedoelde je select?"),
    ('select = "WVP1"\n', 1, "lijst"),
    ("ignore = [1]\n", 1, "geen tekst"),
    ('ignore = [\n  "WVP100",\n  "WVP999",\n]\n', 3, "onbekende regelcode 'WVP999'"),
    ('select = ["WVP1O1"]\n', 1, "bedoelde je WVP101?"),
    ('select = ["rugpijn"]\n', 1, "geen regelcode"),
    ('[severity]\nWVP101 = "fataal"\n', 2, '"error", "warning" of "info"'),
    ("[severity]\n\nWVP101 = 3\n", 3, "niet 3"),
    ('\n[severity]\nWVP777 = "info"\n', 3, "onbekende regelcode 'WVP777'"),
    ('severity = "error"\n', 1, "tabel"),
    ('[severity]\n\nWVP101.laat = "info"\n', 3, "onbekende soort melding van WVP101 'laat'"),
    ('[severity]\nWVP301.late = "info"\n', 2, "soorten: default"),
    ('[severity]\n"WVP101.late" = 3\n', 2, "ernst van WVP101.late"),
    ('max_file_size = "groot"\n', 1, "geen grootte"),
    ('max_file_size = "5TB"\n', 1, "geen grootte"),
    ("max_file_size = true\n", 1, "niet true"),
    ("max_file_size = 0\n", 1, "groter dan 0"),
    ('max_file_size = "2GB"\n', 1, "hoogstens"),
    ("max_file_size = 1.5\n", 1, "niet 1.5"),
    ('fail_on = "info"\n', 1, "fail_on moet"),
    ('\n\n[privacy]\nextra_term = ["x"]\n', 4, "bedoelde je extra_terms?"),
    ("[privacy]\nallow = 3\n", 2, "lijst"),
    ('[privacy]\nallow = [""]\n', 2, "lege tekst"),
    ('privacy = ["x"]\n', 1, "tabel"),
    ('exclude = ["a", 2]\n', 1, "geen tekst"),
]


@pytest.mark.parametrize(("text", "line", "reason"), BAD)
def test_bad_configuration_exits_2_with_file_and_line(
    repo: Path, text: str, line: int, reason: str
) -> None:
    (repo / "wvp.toml").write_text(text)
    for command in (["check", "cases"], ["config"]):
        run = run_cli(*command)
        assert run.code == 2, run.out
        assert f"wvp.toml:{line}" in run.err, run.err
        assert reason in run.err
        assert "Traceback" not in run.err


def test_bad_configuration_in_pyproject_points_at_its_line(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.wvp]\nfail_on = "altijd"\n'
    )
    run = run_cli("check", "cases")
    assert run.code == 2
    assert "pyproject.toml:5" in run.err and "fail_on" in run.err


def test_toml_error_carries_line_and_column() -> None:
    with pytest.raises(config.ConfigError) as caught:
        config.parse('select = ["WVP1"]\nignore = [WVP2]\n', "wvp.toml")
    assert (caught.value.line, caught.value.column) == (2, 11)


def test_not_utf8(repo: Path) -> None:
    (repo / "wvp.toml").write_bytes(b"fail_on = '\xff'\n")
    run = run_cli("check", "cases")
    assert run.code == 2 and "UTF-8" in run.err


def test_bad_cli_options(repo: Path) -> None:
    run = run_cli("check", "cases", "--select", "WVP9999")
    assert run.code == 2 and "--select" in run.err
    run = run_cli("check", "cases", "--ignore", "WVP999")
    assert run.code == 2 and "WVP999" in run.err
    assert run_cli("check", "cases", "--fail-on", "info").code == 2


def test_line_of_finds_keys_tables_and_values() -> None:
    text = (
        'a = 1\n[severity]\nWVP101 = "x"\n"WVP102" = "y"\n[privacy]\nallow = [\n  "p",\n  "q",\n]\n'
    )
    assert config.line_of(text, (), ("a",)) == 1
    assert config.line_of(text, (), ("severity",)) == 2
    assert config.line_of(text, (), ("severity", "WVP102")) == 4
    assert config.line_of(text, (), ("privacy", "allow"), "q") == 8
    assert config.line_of(text, (), ("privacy", "nope")) == 5
    assert config.line_of(text, (), ("nope",)) is None
    inline = 'severity = { WVP101 = "x" }\n'
    assert config.line_of(inline, (), ("severity", "WVP101")) == 1


# --- options that rules declare (issue 16: WVP306's option was refused) --------------------

RIV_DOSSIER = MINIMAL.replace(
    "events: []",
    "events:\n"
    "  - {type: actueel_oordeel, date: 2026-01-05}\n"
    "  - {type: re_integratieverslag, date: 2026-06-01}\n",
)


def test_a_rule_option_is_accepted_and_used(repo: Path) -> None:
    (repo / "cases" / "t-1.yaml").write_text(RIV_DOSSIER, encoding="utf-8")
    args = ("check", "cases", "--as-of", "2026-06-02", "-f", "json", "--select", "WVP306")
    assert rules_of(run_cli(*args).out) == [("WVP306", "warning")]  # 147 days old
    (repo / "wvp.toml").write_text("[rules.WVP306]\nactueel_oordeel_max_age_days = 150\n")
    run = run_cli(*args)
    assert run.code == 0 and rules_of(run.out) == []
    (repo / "wvp.toml").write_text("[rules.WVP306]\nactueel_oordeel_max_age_days = 146\n")
    assert rules_of(run_cli(*args).out) == [("WVP306", "warning")]
    shown = run_cli("config", "-f", "json")
    assert "rules.WVP306.actueel_oordeel_max_age_days" in shown.out
    assert "wvp.toml:2" in shown.out


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("[rules.WVP306]\nactueel_oordeel_max_age_days = 0\n", 2, "ten minste 1"),
        ('[rules.WVP306]\n\nactueel_oordeel_max_age_days = "91"\n', 3, "geheel getal"),
        ("[rules.WVP306]\nactueel_oordeel_max_age_dagen = 9\n", 2, "actueel_oordeel_max_age_days"),
        ("[rules.WVP101]\nx = 9\n", 2, "opties: geen"),
        ("[rules.WVP999]\nx = 9\n", 1, "onbekende regelcode"),
        ('rules = "WVP306"\n', 1, "tabel"),
    ],
)
def test_a_bad_rule_option_exits_2_with_its_line(
    repo: Path, text: str, line: int, reason: str
) -> None:
    (repo / "wvp.toml").write_text(text)
    run = run_cli("check", "cases")
    assert run.code == 2
    assert f"wvp.toml:{line}" in run.err and reason in run.err, run.err


def test_select_and_ignore_explicit_then_longest_prefix() -> None:
    from wvp_cli.core.settings import Settings

    s = Settings(select=frozenset({"WVP401"}), ignore=frozenset({"WVP4"}))
    assert s.enabled("WVP401") and not s.enabled("WVP402") and not s.enabled("WVP101")
    s = Settings(select=frozenset({"WVP4"}), ignore=frozenset({"WVP401"}))
    assert not s.enabled("WVP401") and s.enabled("WVP402")
    s = Settings(ignore=frozenset({"WVP1"}), select=frozenset({"WVP10"}))
    assert s.enabled("WVP101") and not s.enabled("WVP110")
    assert not Settings(select=frozenset({"WVP1"}), ignore=frozenset({"WVP1"})).enabled("WVP101")
    assert Settings(ignore=frozenset({"WVP2"})).enabled("WVP101")
