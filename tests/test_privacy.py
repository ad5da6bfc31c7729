"""Privacy rules (WVP4xx). Flagged words are taken from the term list at run time or are
category words ("medicatie", "behandeling", "klachten"): no test spells out a diagnosis."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, run_cli
from wvp_cli import engine
from wvp_cli.core.findings import Finding, Severity
from wvp_cli.core.loader import load_text
from wvp_cli.privacy import scan
from wvp_cli.privacy import terms as privacy_terms
from wvp_cli.rules import all_rules, privacy

AS_OF = dt.date(2026, 3, 1)


def findings(text: str, **options: Any) -> list[Finding]:
    """The WVP4xx findings of one file, with `privacy.*` options."""
    opts = {f"privacy.{k}": v for k, v in options.items()}
    settings = engine.Settings(select=frozenset({"WVP4"}), options=opts)
    loaded = load_text(text, "c.yaml")
    found = engine.case_findings(loaded, AS_OF, list(all_rules().values()), settings)
    return sorted((f for f in found if settings.enabled(f.rule)), key=Finding.sort_key)


def where(found: list[Finding]) -> list[tuple[str, int, int]]:
    return [(f.rule, f.location.line, f.location.column) for f in found]


def with_note(note: str) -> str:
    """MINIMAL with one evaluatie whose note (line 12) holds `note` as a plain scalar."""
    return MINIMAL.replace(
        "events: []", f"events:\n  - type: evaluatie\n    date: 2026-02-01\n    note: {note}"
    )


NOTE_LINE, NOTE_COL = 12, 11


def run_in_terminal(*args: str) -> str:
    """What `wvp ARGS` writes to a real terminal (a pseudo-terminal): the text a person sees."""
    import os
    import pty
    import subprocess
    import sys

    if sys.platform == "win32":
        pytest.skip("no pseudo-terminals on Windows")
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "400"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wvp_cli", *args], stdout=follower, stderr=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(30)
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def term(category: str, *, head: bool = False, modifier: bool = False) -> str:
    """The first term of a category with exactly this compound marking."""
    for spec in privacy_terms.TERMS[category]:
        if spec.startswith("*") == head and spec.endswith("*") == modifier:
            return spec.strip("*")
    raise AssertionError(f"no such term in {category}")


# --- WVP401: medical terms in free text -------------------------------------------------------


def test_clean_case_has_no_privacy_findings() -> None:
    text = with_note('"Kan 4 uur per dag licht administratief werk doen; niet tillen."')
    assert findings(text) == []


@pytest.mark.parametrize("word", ["medicatie", "behandeling", "klachten"])
def test_category_words_are_flagged_at_their_column(word: str) -> None:
    found = findings(with_note(f"Gesprek over {word} gehad"))
    assert where(found) == [("WVP401", NOTE_LINE, NOTE_COL + len("Gesprek over "))]
    assert found[0].severity is Severity.ERROR
    assert "AP-beleidsregels De zieke werknemer" in found[0].message
    assert found[0].location.path == ("events", 0, "note")


@pytest.mark.parametrize("category", sorted(privacy_terms.TERMS))
def test_a_term_of_every_category_is_flagged(category: str) -> None:
    word = term(category)
    assert where(findings(with_note(f"zie {word}."))) == [("WVP401", NOTE_LINE, NOTE_COL + 4)]


@pytest.mark.parametrize("spelling", [str.upper, str.capitalize, str.lower])
def test_capitalisation_does_not_matter(spelling: Any) -> None:
    word = spelling(term("diagnose"))
    assert where(findings(with_note(f"x {word}"))) == [("WVP401", NOTE_LINE, NOTE_COL + 2)]


def test_compound_with_the_term_as_last_part() -> None:
    word = "nek" + term("klachten", head=True)
    found = findings(with_note(f"ivm {word}"))
    assert where(found) == [("WVP401", NOTE_LINE, NOTE_COL + 4)]
    assert word in (found[0].private_message or "")


def test_compound_with_the_term_as_first_part() -> None:
    provider = term("zorgverlener", modifier=True)
    for word in (provider + "afspraak", provider + "-afspraak", provider.capitalize() + "bezoek"):
        assert where(findings(with_note(f"ivm {word}"))) == [("WVP401", NOTE_LINE, NOTE_COL + 4)]


def test_hyphenated_compound_points_at_the_flagged_part() -> None:
    provider = term("zorgverlener", modifier=True)
    found = findings(with_note(f"na werk-{provider} gesprek"))
    assert where(found) == [("WVP401", NOTE_LINE, NOTE_COL + 3 + len("werk-"))]


def test_terms_without_compound_marking_need_the_whole_word() -> None:
    word = term("diagnose")
    assert findings(with_note(f"{word}x{word}abc")) == []


@pytest.mark.parametrize(
    "word",
    [
        "bedrijfsarts",
        "Bedrijfsarts",
        "arbeidsdeskundige",
        "arbodienst",
        "verzuim",
        "ziekmelding",
        "ziektewet",
        "re-integratie",
        "belastbaarheid",
        "verzekeringsarts",
        "arbeidstherapeutische",
        "klachtencommissie",
        "aanklacht",
        "pijnlijke",
    ],
)
def test_allowed_words_are_not_flagged(word: str) -> None:
    assert findings(with_note(f"Gesprek met {word} over werk")) == []


@pytest.mark.parametrize("word", ["begriep", "politie", "versie", "cooperatieve", "politiek"])
def test_ordinary_words_that_contain_a_term_are_not_flagged(word: str) -> None:
    stems = [s.strip("*") for specs in privacy_terms.TERMS.values() for s in specs]
    assert any(stem in word for stem in stems), "the test needs a word that holds a term"
    assert findings(with_note(f"De {word} is er")) == []


def test_every_term_flags_itself_and_no_allowed_word_is_flagged() -> None:
    medical, _ = privacy.matchers({})
    for specs in privacy_terms.TERMS.values():
        for spec in specs:
            word = spec.strip("*")
            if not medical.is_allowed(word):
                assert [h.word for h in medical.find(word)] == [word], spec
    for word in privacy_terms.ALLOWED:
        assert list(medical.find(word)) == [], word


def test_explanations_name_no_term_themselves() -> None:
    medical, pregnancy = privacy.matchers({})
    for text in (privacy._WHY_MEDICAL, privacy._WHY_PREGNANCY):
        assert [h.word for h in medical.find(text)] == []
    assert [h.word for h in pregnancy.find(privacy._WHY_MEDICAL)] == []


def test_names_and_job_titles_are_not_read() -> None:
    provider = term("zorgverlener", modifier=True).capitalize()
    text = MINIMAL.replace('  name: "A. Jansen"', f'  name: "A. Jansen"\n  job: "{provider}"')
    text = text.replace('name: "Voorbeeld BV"', f'name: "{provider}praktijk BV"')
    assert findings(text) == []


def test_every_string_in_the_file_is_read_also_in_lists_and_unknown_keys() -> None:
    text = MINIMAL + "extra:\n  - [a, medicatie]\n"
    assert ("WVP401", 11, 9) in where(findings(text))


def test_extra_terms_from_the_options() -> None:
    text = with_note("prikpilletje en prikpil")
    assert findings(text) == []
    assert where(findings(text, extra_terms=["prikpil*"])) == [
        ("WVP401", NOTE_LINE, NOTE_COL),
        ("WVP401", NOTE_LINE, NOTE_COL + len("prikpilletje en ")),
    ]
    assert len(findings(text, extra_terms=["prikpil"])) == 1


def test_allowed_words_from_the_options() -> None:
    text = with_note("in behandeling bij UWV")
    assert len(findings(text)) == 1
    assert findings(text, allow=["behandeling"]) == []
    assert findings(with_note("jouwterm"), extra_terms=["jouwterm"], allow=["jouwterm"]) == []


@pytest.mark.parametrize("bad", [None, 3, "medicatie", [1, None]])
def test_odd_option_values_do_not_crash(bad: Any) -> None:
    findings(with_note("x"), extra_terms=bad, allow=bad)


# --- exact positions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "column"),
    [
        ("Zie medicatie", NOTE_COL + 4),
        ('"Zie medicatie"', NOTE_COL + 5),
        ("'Zie medicatie'", NOTE_COL + 5),
        ('"Zie\\tmedicatie"', NOTE_COL),  # an escape: the text differs from the file
        ("'it''s medicatie'", NOTE_COL),  # a quoted quote: likewise
    ],
)
def test_term_position_inside_one_line_scalars(value: str, column: int) -> None:
    assert where(findings(with_note(value))) == [("WVP401", NOTE_LINE, column)]


def test_term_in_a_block_scalar_points_at_the_value() -> None:
    text = with_note("|\n      Eerste regel.\n      Over medicatie.")
    assert where(findings(text)) == [("WVP401", NOTE_LINE, NOTE_COL)]


def test_term_in_a_folded_plain_scalar_points_at_the_value() -> None:
    text = with_note("Eerste regel\n      over medicatie")
    assert where(findings(text)) == [("WVP401", NOTE_LINE, NOTE_COL)]


def test_position_counts_characters_not_bytes() -> None:
    assert where(findings(with_note("één ëën medicatie"))) == [
        ("WVP401", NOTE_LINE, NOTE_COL + len("één ëën "))
    ]


def test_a_file_with_a_yaml_error_is_still_scanned_line_by_line() -> None:
    text = MINIMAL + "notitie: [medicatie\n"
    loaded = load_text(text, "c.yaml")
    assert loaded.data is None
    assert where(findings(text)) == [("WVP401", 10, 11)]


def test_a_file_with_an_unknown_key_is_still_scanned() -> None:
    text = with_note("medicatie").replace("    note:", "    noot:")
    assert ("WVP401", NOTE_LINE, NOTE_COL) in where(findings(text))


# --- WVP400: medical keys ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["diagnose", "Klachten", "medicatie", "behandeling", "medische_notities", "treatmentPlan"],
)
def test_medical_keys_are_flagged_besides_the_unknown_key(key: str) -> None:
    text = MINIMAL.replace('  name: "A. Jansen"', f'  name: "A. Jansen"\n  {key}: "x"')
    assert where(findings(text)) == [("WVP400", 5, 3)]
    loaded = load_text(text, "c.yaml")
    assert [(f.rule, f.location.line) for f in loaded.findings] == [("WVP010", 5)]
    message = findings(text)[0].message
    assert "verwijder het veld" in message
    assert key not in message


def test_keys_the_format_defines_are_not_flagged() -> None:
    text = MINIMAL.replace("  - from: 2026-01-01", "  - from: 2026-01-01\n    other_cause: true")
    assert findings(text) == []


def test_ordinary_unknown_keys_are_not_flagged() -> None:
    assert findings(MINIMAL + "opmerking: x\n") == []


# --- WVP402: pregnancy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note", ["Zwanger sinds maart", "uitval door zwangerschap", "zwangerschapsgerelateerd verzuim"]
)
def test_pregnancy_as_a_cause_is_flagged(note: str) -> None:
    found = findings(with_note(note))
    assert [f.rule for f in found] == ["WVP402"]
    assert found[0].severity is Severity.ERROR
    start = note.lower().index("zwanger")
    assert (found[0].location.line, found[0].location.column) == (NOTE_LINE, NOTE_COL + start)


@pytest.mark.parametrize(
    "note",
    [
        "Zwangerschapsverlof volgens planning",
        "zwangerschaps- en bevallingsverlof van maart tot juni",
        "Bevallingsverlof afgerond",
    ],
)
def test_the_leave_itself_is_fine(note: str) -> None:
    assert findings(with_note(note)) == []


def test_the_leave_list_is_fine() -> None:
    leave = "leave:\n  - from: 2026-03-02\n    to: 2026-06-21\n"
    text = MINIMAL.replace("events: []", leave + "events: []")
    assert findings(text) == []


# --- WVP403 and WVP404: BSN -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("123456782", True),
        ("249566758", True),
        ("12345672", True),  # 8 digits: read as 012345672
        ("123456789", False),
        ("000000000", False),
        ("1234567", False),
        ("1234567820", False),
        ("12345678a", False),
        ("١٢٣٤٥٦٧٨٢", False),  # other scripts' digits are not a BSN
    ],
)
def test_elfproef(number: str, valid: bool) -> None:
    assert privacy.elfproef(number) is valid


def bsn_case(value: str) -> str:
    return MINIMAL.replace('  name: "A. Jansen"', f'  name: "A. Jansen"\n  bsn: {value}')


@pytest.mark.parametrize("value", ['"123456782"', '"249566758"', "'12345672'"])
def test_valid_bsn_passes(value: str) -> None:
    assert findings(bsn_case(value)) == []


@pytest.mark.parametrize(
    ("value", "why"),
    [('"123456789"', "elfproef"), ('"000000000"', "elfproef"), ('"1234 567 82"', "9 cijfers")],
)
def test_invalid_bsn_is_an_error_at_the_value(value: str, why: str) -> None:
    found = findings(bsn_case(value))
    assert where(found) == [("WVP403", 5, 8)]
    assert why in found[0].message
    digits = value.strip("\"'")
    assert digits not in found[0].message
    assert digits in (found[0].private_message or "")


def test_bsn_as_a_number_is_checked_too() -> None:
    assert where(findings(bsn_case("123456789"))) == [("WVP403", 5, 8)]
    assert findings(bsn_case("123456782")) == []


def test_bsn_like_number_elsewhere_is_a_warning() -> None:
    found = findings(with_note("BSN 249566758 doorgegeven"))
    assert where(found) == [("WVP404", NOTE_LINE, NOTE_COL + 4)]
    assert found[0].severity is Severity.WARNING
    assert "249566758" not in found[0].message


def test_a_copy_of_the_employees_own_bsn_is_flagged_where_the_copy_stands() -> None:
    """WVP404 first looks for such numbers in the whole text and leaves out the one of
    employee.bsn: a second occurrence of the same number is still a copy."""
    own = bsn_case('"249566758"')
    assert findings(own) == []
    copied = own.replace(
        "events: []",
        'events:\n  - type: evaluatie\n    date: 2026-02-01\n    note: "BSN 249566758"',
    )
    assert where(findings(copied)) == [("WVP404", NOTE_LINE + 1, NOTE_COL + 5)]
    as_number = bsn_case("249566758")
    assert findings(as_number) == []
    copied = as_number.replace('"A. Jansen"\n', '"A. Jansen"\n  job: "249566758"\n', 1)
    assert [f.rule for f in findings(copied)] == ["WVP404"]


@pytest.mark.parametrize(
    "note",
    [
        "123_456_782",  # YAML integers whose value, not their text, is the number
        "34293:33:02",
        "0b111010110111100110100001110",
        "0x0010000017",
        "01000000003",
    ],
)
def test_a_number_written_as_another_kind_of_integer_is_found(note: str) -> None:
    """The whole-text search of WVP404 cannot see these: they make it read every value."""
    assert [f.rule for f in findings(with_note(note))] == ["WVP404"]


@pytest.mark.parametrize("own", ["123_456_782", "0x75bcd0e", "34293:33:02"])
def test_the_own_bsn_written_otherwise_does_not_hide_a_copy(own: str) -> None:
    """employee.bsn as 123_456_782 is the number 123456782: a copy in a note is still a copy."""
    text = bsn_case(own).replace(
        "events: []",
        'events:\n  - type: evaluatie\n    date: 2026-02-01\n    note: "BSN 123456782"',
    )
    assert [f.rule for f in findings(text) if f.rule == "WVP404"] == ["WVP404"]


def test_a_number_spelled_with_escapes_is_found() -> None:
    """Only the parsed value holds such a number; the file's text does not."""
    found = findings(with_note('"BSN 2495\\x366758"'))
    assert [f.rule for f in found] == ["WVP404"]
    folded = with_note('"BSN 2495\\\n      66758"')
    assert [f.rule for f in findings(folded)] == ["WVP404"]


@pytest.mark.parametrize(
    "note",
    [
        "nummer 123456789",  # fails the elfproef
        "1234567820 is te lang",
        "20260101 is een datum",
        "bedrag 1.234567.82",
    ],
)
def test_numbers_that_are_no_bsn_are_not_flagged(note: str) -> None:
    assert findings(with_note(note)) == []


def test_phone_numbers_are_not_read_as_bsn() -> None:
    text = MINIMAL.replace('  name: "A. Jansen"', '  name: "A. Jansen"\n  phone: "249566758"')
    assert findings(text) == []


# --- masking through the command line ---------------------------------------------------------


def test_machine_output_masks_and_the_terminal_shows_in_full(tmp_path: Path) -> None:
    provider = term("zorgverlener", modifier=True)
    text = bsn_case('"123456789"').replace(
        "events: []",
        f"events:\n  - type: evaluatie\n    date: 2026-02-01\n    note: {provider}afspraak",
    )
    (tmp_path / "c.yaml").write_text(text)
    path = str(tmp_path / "c.yaml")
    for fmt in ("json", "github"):
        run = run_cli("check", path, "--as-of", "2026-03-01", "--format", fmt)
        assert run.code == 1
        assert provider not in run.out.lower()
        assert "123456789" not in run.out
    document = json.loads(run_cli("check", path, "--as-of", "2026-03-01", "-f", "json").out)
    messages = {f["rule"]: f["message"] for f in document["findings"]}
    assert messages["WVP401"].startswith(f"medische term '{privacy.mask(provider + 'afspraak')}'")
    assert "'1*******9'" in messages["WVP403"]
    terminal = run_in_terminal("check", path, "--as-of", "2026-03-01")
    assert f"{provider}afspraak" in terminal
    assert "123456789" in terminal
    # Text output to a pipe, a file or a CI log is masked like machine output.
    piped = run_cli("check", path, "--as-of", "2026-03-01").out
    assert f"{provider}afspraak" not in piped and "123456789" not in piped


def test_mask() -> None:
    assert privacy.mask("behandeling") == "b*********g"
    assert privacy.mask("ab") == "**"
    assert privacy.mask("abc") == "a*c"


def test_privacy_rules_are_documented_and_cite_their_source() -> None:
    rules = {code: r for code, r in all_rules().items() if code.startswith("WVP4")}
    assert sorted(rules) == ["WVP400", "WVP401", "WVP402", "WVP403", "WVP404", "WVP405"]
    for r in rules.values():
        assert r.scope == ("repo" if r.code == "WVP405" else "file")
        assert "Bron:" in r.doc and "Waarom:" in r.doc
        assert "Goed voorbeeld" in r.doc and "Fout voorbeeld" in r.doc
        assert any(s in r.source for s in ("AP-beleidsregels", "AVG", "UAVG", "Wabb"))


# --- comments ----------------------------------------------------------------------------------


def _wvp401(text: str) -> list[tuple[int, int]]:
    result = engine.check([load_text(text, "c.yaml")], dt.date(2026, 1, 5))
    return [(f.location.line, f.location.column) for f in result.findings if f.rule == "WVP401"]


def test_a_medical_term_in_a_comment_is_flagged() -> None:
    text = MINIMAL.replace('id: "t-1"', 'id: "t-1"  # vraagt naar medicatie')
    assert _wvp401(text) == [(2, 26)]
    own_line = "# overleg over medicatie\n" + MINIMAL
    assert _wvp401(own_line) == [(1, 16)]


def test_a_hash_inside_a_value_is_no_comment() -> None:
    event = '{type: evaluatie, date: 2026-01-02, summary: "over #medicatie gesproken"}'
    quoted = MINIMAL.replace("events: []", f"events:\n  - {event}")
    assert _wvp401(quoted) == [(10, 57)]  # flagged once, as text of the value
    block = MINIMAL.replace(
        "events: []",
        "events:\n  - type: evaluatie\n    date: 2026-01-02\n    summary: |\n      a # medicatie\n",
    )
    assert _wvp401(block) == [(12, 14)]  # once, at the block scalar (its `|`)


def test_an_ordinary_comment_is_fine() -> None:
    assert _wvp401(MINIMAL.replace("events: []", "events: []  # nog niets gedaan")) == []


def test_other_findings_do_not_spread_a_medical_word_in_machine_output(tmp_path: Path) -> None:
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL.replace('  name: "A. Jansen"', '  name: "A. Jansen"\n  medicatie: x'))
    doc = json.loads(run_cli("check", str(case), "--as-of", "2026-01-05", "-f", "json").out)
    unknown = [f["message"] for f in doc["findings"] if f["rule"] == "WVP010"]
    assert unknown and all("medicatie" not in m for m in unknown)
    assert any("m*******e" in m for m in unknown)
    text = run_in_terminal("check", str(case), "--as-of", "2026-01-05")
    assert "onbekend veld 'medicatie'" in text  # a person at the terminal sees what to fix


def test_a_file_whose_only_bsn_is_its_own_is_not_walked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-text search settles WVP404 for a case with a valid employee.bsn and no other
    such number: its keys and values are not walked one by one."""
    walked: list[object] = []
    real = scan._walk_texts

    def counting(loaded: Any) -> Any:
        walked.append(loaded)
        return real(loaded)

    monkeypatch.setattr(scan, "_walk_texts", counting)
    settings = engine.Settings(select=frozenset({"WVP404"}))
    rules = list(all_rules().values())
    for text, walks in ((bsn_case('"249566758"'), 0), (with_note("249566758"), 1)):
        walked.clear()
        engine.case_findings(load_text(text, "c.yaml"), AS_OF, rules, settings)
        assert len(walked) == walks


@st.composite
def spelled_numbers(draw: Any) -> str:
    """A number as a case file may spell it: a BSN or not, in decimal, with underscores, in
    another radix or sexagesimal, bare, quoted, inside a sentence or with an escape."""
    value = draw(st.sampled_from([123456782, 249566758, 12345672, 123456789, 1234567820]))
    digits = str(value)
    form = draw(
        st.sampled_from(
            ["dec", "under", "hex", "bin", "oct", "sexa", "escaped", "grouped", "script", "comment"]
        )
    )
    if form == "escaped":
        return f'"nr {digits[:3]}\\x3{digits[3]}{digits[4:]}"'
    if form == "grouped" and len(digits) != 9:
        form = "dec"
    if form == "grouped":
        sep = draw(st.sampled_from([".", " ", "-", "\u00a0", "\u202f"]))
        four = draw(st.booleans())
        parts = (
            (digits[:4], digits[4:6], digits[6:]) if four else (digits[:3], digits[3:6], digits[6:])
        )
        return f'"BSN {sep.join(parts)} doorgegeven"'
    if form == "script":
        zero = draw(st.sampled_from([0x0660, 0x06F0, 0x0966, 0xFF10]))  # Arabic, Persian, ...
        return '"nr ' + "".join(chr(zero + int(d)) for d in digits) + '"'
    if form == "comment":
        return f"gesprek  # nr {digits}"
    if form == "under":
        cut = draw(st.integers(1, len(digits) - 1))
        text = f"{digits[:cut]}_{digits[cut:]}"
    elif form == "sexa":
        text = f"{value // 3600}:{value // 60 % 60:02d}:{value % 60:02d}"
    else:
        text = {"dec": digits, "hex": hex(value), "bin": bin(value), "oct": "0" + oct(value)[2:]}[
            form
        ]
    quote = draw(st.sampled_from(["", "'", '"', "sentence"]))
    return f'"BSN {text} doorgegeven"' if quote == "sentence" else f"{quote}{text}{quote}"


def _wvp404(text: str) -> list[tuple[int, int]]:
    return [(f.location.line, f.location.column) for f in findings(text) if f.rule == "WVP404"]


@settings(max_examples=300, deadline=None)
@given(note=spelled_numbers(), own=st.one_of(st.none(), spelled_numbers()))
def test_wvp404_finds_with_its_whole_text_search_what_it_finds_without(
    note: str, own: str | None
) -> None:
    """The search of the whole text only skips files in which reading every value finds
    nothing: for numbers in any spelling, in a note and in employee.bsn, the findings are
    those of reading every value."""
    text = with_note(note)
    if own is not None:
        text = text.replace('  name: "A. Jansen"', f'  name: "A. Jansen"\n  bsn: {own}')
    searched = _wvp404(text)
    real = scan.may_hold_bsn
    try:
        scan.may_hold_bsn = lambda loaded: True  # type: ignore[assignment]
        read_all = _wvp404(text)
    finally:
        scan.may_hold_bsn = real  # type: ignore[assignment]
    assert searched == read_all


# --- second pass (#25): masking whatever rule quotes it, alterations, written forms ----------

BSN = "111222333"  # passes the elfproef; not the example of the rules' documentation


def _machine_outputs(*paths: Path) -> dict[str, str]:
    files = [str(p) for p in paths]
    out = {}
    for fmt in ("json", "github", "junit", "sarif"):
        run = run_cli("check", *files, "--as-of", "2026-03-01", "--format", fmt)
        assert "Traceback" not in run.err, run.err
        out[fmt] = run.out
    return out


def test_a_bsn_quoted_by_any_rule_is_masked_in_every_machine_format(tmp_path: Path) -> None:
    text = MINIMAL.replace('id: "t-1"', f'id: "{BSN}"').replace(
        '  name: "A. Jansen"', f'  name: "A. Jansen"\n  {BSN}: "x"'
    )
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(text)
    second.write_text(text)  # the same id: WVP020 quotes it
    outputs = _machine_outputs(first, second)
    document = json.loads(outputs["json"])
    rules = {f["rule"] for f in document["findings"]}
    assert {"WVP010", "WVP020", "WVP404"} <= rules
    for fmt, out in outputs.items():
        assert BSN not in out, fmt
    assert all(f["case"] == "1*******3" for f in document["findings"])
    sarif = json.loads(outputs["sarif"])
    assert {r["properties"]["case"] for r in sarif["runs"][0]["results"]} == {"1*******3"}
    # The terminal shows it in full, where the person fixing the file needs it.
    assert BSN in run_in_terminal("check", str(first), "--as-of", "2026-03-01")


def test_a_case_id_that_names_a_diagnosis_is_flagged_and_masked(tmp_path: Path) -> None:
    word = term("diagnose")
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL.replace('id: "t-1"', f'id: "{word}-2026"'))
    outputs = _machine_outputs(case)
    document = json.loads(outputs["json"])
    privacy_found = [f for f in document["findings"] if f["rule"].startswith("WVP4")]
    assert [(f["rule"], f["line"]) for f in privacy_found] == [("WVP401", 2)]
    for fmt, out in outputs.items():
        if fmt == "sarif":  # the rules' documentation names terms; the results must not
            out = json.dumps(json.loads(out)["runs"][0]["results"], ensure_ascii=False)
        assert word not in out.lower(), fmt
    for args in (
        ("deadlines", "-f", "json"),
        ("deadlines",),
        ("timeline",),
        ("timeline", "-f", "json"),
    ):
        run = (
            run_cli(*args, str(case), "--as-of", "2026-03-01")
            if len(args) == 1
            else run_cli(args[0], str(case), "--as-of", "2026-03-01", *args[1:])
        )
        assert run.code in (0, 1), run.err
        assert word not in run.out.lower(), args


def _soft_hyphen(w: str) -> str:
    return w[:2] + "\u00ad" + w[2:]


def _zero_width(w: str) -> str:
    return w[:3] + "\u200b" + w[3:]


def _cyrillic(w: str) -> str:
    return w.replace("e", "\u0435").replace("o", "\u043e").replace("a", "\u0430")


def _full_width(w: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in w)


def _accent(w: str) -> str:
    i = next((i for i, c in enumerate(w) if c in "aeiou"), 0)
    return w[: i + 1] + "\u0301" + w[i + 1 :]


def _precomposed(w: str) -> str:
    return w.replace("e", "é", 1)


def _ligature(w: str) -> str:
    return w.replace("fi", "\ufb01").replace("fl", "\ufb02")


def _capitals(w: str) -> str:
    return w.upper()


ALTERATIONS = [
    _soft_hyphen,
    _zero_width,
    _cyrillic,
    _full_width,
    _accent,
    _precomposed,
    _ligature,
    _capitals,
]


def _altered_terms() -> list[tuple[str, str]]:
    """(word, altered) for a term of every category and a word with 'fi' (for a ligature)."""
    words = [term(c) for c in ("diagnose", "behandeling", "medicatie")] + ["klachten"]
    words += [w for w in (s.strip("*") for s in privacy_terms.TERMS["diagnose"]) if "fi" in w][:1]
    return [(w, alter(w)) for w in words for alter in ALTERATIONS if alter(w) != w]


@pytest.mark.parametrize(("word", "altered"), _altered_terms())
def test_an_altered_term_is_still_flagged_in_values_comments_ids_and_keys(
    word: str, altered: str
) -> None:
    quoted = json.dumps(altered, ensure_ascii=False)
    note = findings(with_note(quoted))
    assert [f.rule for f in note] == ["WVP401"], note
    assert note[0].private_message is not None and altered in note[0].private_message
    assert word not in note[0].message.lower() and altered not in note[0].message
    comment = findings(MINIMAL + f"# gesprek over {altered}\n")
    assert [f.rule for f in comment] == ["WVP401"]
    ident = findings(MINIMAL.replace('id: "t-1"', f"id: {quoted}"))
    assert "WVP401" in [f.rule for f in ident]
    key = findings(MINIMAL.replace('  name: "A. Jansen"', f'  name: "A. Jansen"\n  {quoted}: x'))
    assert "WVP400" in [f.rule for f in key]


def test_a_term_broken_over_two_lines_is_flagged() -> None:
    word = term("behandeling")
    cut = len(word) // 2
    text = with_note(f"gesprek over {word[:cut]}-\n      {word[cut:]} gepland")
    assert [f.rule for f in findings(text)] == ["WVP401"]
    # A hyphen that joins two words is no broken word.
    assert findings(with_note("zwangerschaps- en bevallingsverlof")) == []


def test_a_term_in_a_file_name_is_flagged(tmp_path: Path) -> None:
    word = term("diagnose")
    case = tmp_path / f"{word}-jansen.yaml"
    case.write_text(MINIMAL)
    run = run_cli("check", str(case), "--as-of", "2026-03-01", "--format", "json")
    (finding,) = [f for f in json.loads(run.out)["findings"] if f["rule"].startswith("WVP4")]
    assert finding["rule"] == "WVP405" and "bestandsnaam" in finding["message"]
    assert word not in finding["message"]
    named = tmp_path / f"dossier-{BSN}.yaml"
    named.write_text(MINIMAL)
    run = run_cli("check", str(named), "--as-of", "2026-03-01", "--format", "json")
    found = json.loads(run.out)["findings"]
    assert [(f["rule"], f["severity"]) for f in found if f["rule"].startswith("WVP4")] == [
        ("WVP405", "warning")
    ]


@pytest.mark.parametrize(
    "written",
    [
        "123.456.782",
        "123 456 782",
        "123-456-782",
        "123\u00a0456\u00a0782",
        "123\u202f456\u202f782",
        "1234.56.782",
        "1234 56 782",
        "".join(chr(0x0660 + int(d)) for d in BSN),
        "".join(chr(0xFF10 + int(d)) for d in BSN),
    ],
)
def test_the_usual_written_forms_of_a_bsn_are_found(written: str) -> None:
    quoted = json.dumps(f"BSN {written} doorgegeven", ensure_ascii=False)
    found = findings(with_note(quoted))
    assert [f.rule for f in found] == ["WVP404"]
    assert written not in found[0].message and BSN not in found[0].message
    comment = findings(MINIMAL + f"# BSN {written}\n")
    assert [f.rule for f in comment] == ["WVP404"]


@pytest.mark.parametrize(
    "note",
    ["2026-01-05 tot 2026-02-05", "123.456.789", "06-1234 5678", "12 345 678 9", "1.234.567,82"],
)
def test_numbers_in_groups_that_are_no_bsn_are_not_flagged(note: str) -> None:
    assert findings(with_note(json.dumps(note))) == []


def test_workload_is_not_a_diagnosis_and_the_hint_names_the_allow_list() -> None:
    assert (
        findings(with_note('"Psychische belasting door werkdruk; psychische belastbaarheid"')) == []
    )
    found = findings(with_note(f'"Gesprek over {term("behandeling")}"'))
    assert [f.rule for f in found] == ["WVP401"]
    assert "[privacy] allow" in found[0].message


_ALPHABET = st.sampled_from(
    [*"abcdeiklmnoprstuvz -\n", "\u00ad", "\u200b", "\u0435", "\u0301", "é", "\ufb01", "Ｄ"]
)


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.text(alphabet=_ALPHABET, max_size=12),
    suffix=st.text(alphabet=_ALPHABET, max_size=12),
    alter=st.sampled_from(
        [
            lambda w: w,
            *ALTERATIONS,
            lambda w: f"{w[:3]}-\n    {w[3:]}",
            lambda w: f"{w[:4]}- {w[4:]}",
        ]
    ),
    word=st.sampled_from([term("diagnose"), term("behandeling"), "klachten", "medicatie"]),
)
def test_the_quick_fold_finds_every_text_the_matcher_flags(
    prefix: str, suffix: str, alter: Any, word: str
) -> None:
    """The whole-text pre-filter (`could_match`, folded in a few passes in C) is a superset
    of what the matcher finds, piece by piece and folded character by character."""
    from wvp_cli.privacy.matcher import matchers, redact

    medical, _ = matchers({})
    text = prefix + alter(word) + suffix
    hits = list(medical.find(text))
    if hits:
        assert medical.could_match(text)
        masked = redact(text, {})
        for hit in hits:
            assert hit.word not in masked or len(hit.word) < 3


# --- the promise: no sensitive text in any byte wvp writes ---------------------------------------


def _bsn_forms() -> list[str]:
    return [
        BSN,
        f"{BSN[:3]}.{BSN[3:6]}.{BSN[6:]}",
        f"{BSN[:3]} {BSN[3:6]} {BSN[6:]}",
        f"{BSN[:3]}-{BSN[3:6]}-{BSN[6:]}",
        f"{BSN[:3]}\u00a0{BSN[3:6]}\u00a0{BSN[6:]}",
        f"{BSN[:4]}.{BSN[4:6]}.{BSN[6:]}",
        "".join(chr(0x0660 + int(d)) for d in BSN),
        "".join(chr(0xFF10 + int(d)) for d in BSN),
    ]


#: The privacy corpus: a medical word of each category (from the term list) and a BSN.
_CORPUS_WORDS = [term("diagnose"), term("behandeling"), term("medicatie"), "klachten"]


@st.composite
def sensitive_cases(draw: Any) -> tuple[str, list[str]]:
    """A case file with sensitive text in one place, altered; and what must not be written."""
    if draw(st.booleans()):
        word = draw(st.sampled_from(_CORPUS_WORDS))
        alter = draw(st.sampled_from([lambda w: w, *ALTERATIONS]))
        written = alter(word)
        secrets = [word, written]
    else:
        written = draw(st.sampled_from(_bsn_forms()))
        secrets = [BSN, written]
    place = draw(st.sampled_from(["note", "summary", "comment", "id", "key", "eol-comment"]))
    quoted = json.dumps(f"gesprek {written} gepland", ensure_ascii=False)
    text = MINIMAL.replace(
        "events: []",
        "events:\n  - type: plan_van_aanpak\n    date: 2026-01-20\n"
        '    goal: "Terugkeer in eigen werk"\n    agreed_by_employee: 2026-01-21\n'
        "  - type: evaluatie\n    date: 2026-02-10",
    )
    if place in ("note", "summary"):
        text += f"    {place}: {quoted}\n"
    elif place == "eol-comment":
        text = text.replace('"A. Jansen"', f'"A. Jansen"  # {written}')
    elif place == "comment":
        text += f"# {written}\n"
    elif place == "id":
        text = text.replace('id: "t-1"', f"id: {json.dumps(written + '-2026', ensure_ascii=False)}")
    else:
        text = text.replace(
            '  name: "A. Jansen"',
            f'  name: "A. Jansen"\n  {json.dumps(written, ensure_ascii=False)}: x',
        )
    return text, secrets


def _every_byte_written(folder: Path) -> dict[str, bytes]:
    """Run every command and output format on `folder`/case.yaml (the cache on), and collect
    what each wrote: stdout, stderr, its files, and the cache's files afterwards."""
    case = "case.yaml"
    runs: dict[str, tuple[str, ...]] = {
        **{
            f"check {f}": ("check", case, "--format", f)
            for f in ("text", "json", "github", "junit", "sarif")
        },
        **{
            f"deadlines {f}": ("deadlines", case, "-f", f)
            for f in ("text", "json", "markdown", "ics")
        },
        "deadlines -o": ("deadlines", case, "-f", "ics", "-o", "agenda.ics"),
        "timeline text": ("timeline", case),
        "timeline json": ("timeline", case, "-f", "json"),
        "cases text": ("cases", case, "--all"),
        "cases json": ("cases", case, "--all", "-f", "json"),
        "cases csv": ("cases", case, "--all", "-f", "csv"),
        "render md": ("render", "plan", case),
        "render html": ("render", "plan", case, "-f", "html", "-o", "plan.html"),
    }
    written: dict[str, bytes] = {}
    for name, args in runs.items():
        run = run_cli(*args, "--as-of", "2026-03-01")
        assert "Traceback" not in run.err, (name, run.err)
        out = run.out
        if name == "check sarif":  # the rules' own documentation names terms; results must not
            log = json.loads(out)
            log["runs"][0]["tool"]["driver"]["rules"] = []
            out = json.dumps(log, ensure_ascii=False)
        written[name] = (out + run.err).encode("utf-8")
    for path in folder.rglob("*"):
        if path.is_file() and path.name != case:
            written[str(path.relative_to(folder))] = path.read_bytes()
    assert any(".wvp_cache" in name for name in written), sorted(written)
    return written


def _holds(data: bytes, secret: str) -> bool:
    text = data.decode("utf-8", errors="replace").lower()
    return secret.lower() in text or secret.lower().encode("utf-8") in data.lower()


@settings(max_examples=25 * int(os.environ.get("WVP_FUZZ", "1")), deadline=None)
@given(sensitive_cases())
def test_no_sensitive_text_in_any_byte_written(example: tuple[str, list[str]]) -> None:
    """The privacy corpus in every alteration and place, through every output format (check,
    deadlines, timeline, cases, render): no byte on stdout or stderr, in an output file or in
    the cache holds it."""
    import contextlib
    import tempfile

    text, secrets = example
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        Path(tmp, "case.yaml").write_text(text, encoding="utf-8")
        written = _every_byte_written(Path(tmp))
        # Something was found: the corpus is not simply ignored.
        report = json.loads(
            run_cli("check", "case.yaml", "--as-of", "2026-03-01", "-f", "json").out
        )
        assert any(f["rule"] in ("WVP400", "WVP401", "WVP404") for f in report["findings"])
    for name, data in written.items():
        for secret in secrets:
            assert not _holds(data, secret), (name, secret, data[:2000])


@pytest.mark.parametrize("chosen", [("--select", "WVP0"), ("--ignore", "WVP4"), ()])
def test_masking_holds_whichever_rules_are_selected(
    tmp_path: Path, chosen: tuple[str, ...]
) -> None:
    """Defect (issue 16): `--select WVP0` printed the medical term that the default run masks."""
    case = tmp_path / "c.yaml"
    case.write_text(MINIMAL.replace('  name: "A. Jansen"', '  name: "A. Jansen"\n  medicatie: x'))
    for fmt in ("github", "json", "sarif", "junit"):
        out = run_cli("check", str(case), "--as-of", "2026-01-05", "-f", fmt, *chosen).out
        if fmt == "sarif":  # the rule table documents WVP400 with its words: the results only
            out = json.dumps(json.loads(out)["runs"][0]["results"], ensure_ascii=False)
        assert "WVP010" in out, fmt
        assert "medicatie" not in out, (fmt, chosen)
        assert "m*******e" in out, (fmt, chosen)


def test_the_employers_rsin_is_no_medical_term() -> None:
    """RSIN, the employer's number at the Belastingdienst, looks like an inflection of a term
    of the list; it is allowed, and the term itself is still found."""
    term = next(t for t in privacy_terms.TERMS["diagnose"] if t == "rsi")
    assert where(findings(with_note("RSIN van de werkgever"))) == []
    assert [f.rule for f in findings(with_note(f"{term} volgens de werknemer"))] == ["WVP401"]


_NAME_PARTS = st.sampled_from(
    ["B-000123", "jansen", "diagnose", "burn-", "out", "é", "111222333", "111.222.333", "ab-", "-",
     " ", "nota", "2026", "behandeling", "psychische", "belasting"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(stems=st.lists(st.lists(_NAME_PARTS, min_size=1, max_size=4).map("".join), max_size=6))
def test_file_names_looked_at_all_at_once_find_what_each_name_finds(stems: list[str]) -> None:
    """WVP405 first looks at all names together and stops when that finds nothing; it finds
    what looking at every name on its own finds (the pre-filter turned off)."""
    from wvp_cli.engine import RepoContext
    from wvp_cli.privacy.matcher import Matcher
    from wvp_cli.rules.repository import private_file_name

    files = [
        engine.FileResult(f"cases/{stem}.yaml", case_id=f"c{n}") for n, stem in enumerate(stems)
    ]
    ctx = RepoContext(dt.date(2026, 11, 24), {})
    fast = list(private_file_name(files, ctx))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(Matcher, "could_match", lambda self, text: True)
        slow = list(private_file_name(files, ctx))
    assert fast == slow


_MESSAGE_PARTS = st.sampled_from(
    ["plan van aanpak ontbreekt", "diagnose", "diag- nose", "behan-\ndeling", "zwanger",
     "111222333", "111 222 333", "12345678", "B-000123", "rug", "klachten", " ", "-", "é",
     "burn-", "out", "nummer 2026", "\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(
        st.tuples(
            st.lists(_MESSAGE_PARTS, min_size=1, max_size=4).map("".join),
            st.one_of(st.none(), st.lists(_MESSAGE_PARTS, max_size=2).map("".join)),
        ),
        max_size=6,
    )
)
def test_findings_looked_at_all_at_once_are_masked_as_one_by_one(
    parts: list[tuple[str, str | None]],
) -> None:
    """The engine first looks at all messages and case ids of a file together and masks
    nothing when that finds nothing; what it masks is what masking every finding on its own
    masks (the look at all of them turned off)."""
    from wvp_cli.core.findings import Location

    found = [
        Finding(f"WVP{n:03d}", Severity.ERROR, message, Location("a.yaml", n + 1), case)
        for n, (message, case) in enumerate(parts)
    ]
    chosen = engine.Settings()
    fast = engine.settled(found, chosen)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(engine, "_may_quote", lambda findings, s: True)
        slow = engine.settled(found, chosen)
    assert fast == slow
