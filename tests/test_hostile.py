"""Hostile input through the command line: no traceback, a clear exit code, inert output."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, Run, run_cli
from wvp_cli.core import loader

AS_OF = "2026-01-05"
BIDI = "\u202e"
ESC = "\x1b"


def check_json(*paths: str, extra: tuple[str, ...] = ()) -> tuple[Run, dict[str, Any]]:
    run = run_cli("check", *paths, "--as-of", AS_OF, "--format", "json", *extra)
    assert "Traceback" not in run.err and "interne fout" not in run.err, run.err
    return run, json.loads(run.out)


def rules_of(document: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in document["findings"]]


# --- nesting, size ------------------------------------------------------------------------------


def test_thousands_of_flow_levels_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    run, document = check_json(str(deep))
    assert run.code == 1
    assert rules_of(document) == ["WVP009"]
    text = run_cli("check", str(deep), "--as-of", AS_OF)
    assert text.code == 1 and "WVP009" in text.out


def test_thousands_of_block_levels_are_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("".join(" " * i + f"k{i}:\n" for i in range(3000)) + " " * 3000 + "x: 1\n")
    run, document = check_json(str(deep))
    assert run.code == 1
    assert rules_of(document) == ["WVP009"]


def test_a_very_long_string_is_a_clear_dutch_error(tmp_path: Path) -> None:
    case = tmp_path / "long.yaml"
    note = "werk " * 200_000
    case.write_text(
        MINIMAL.replace(
            "events: []", f"events:\n  - type: evaluatie\n    date: 2026-02-01\n    note: {note}"
        )
    )
    run, document = check_json(str(case))
    assert run.code == 1
    (finding,) = [f for f in document["findings"] if f["rule"] == "WVP015"]
    assert "tekst is te lang" in finding["message"]
    assert (finding["line"], finding["column"]) == (12, 11)


def test_a_very_long_line_of_one_word(tmp_path: Path) -> None:
    case = tmp_path / "line.yaml"
    case.write_text(MINIMAL + "# " + "x" * 3_000_000 + "\n")
    run, document = check_json(str(case))
    assert run.code == 0
    assert document["findings"] == []


def test_a_flood_of_privacy_findings_is_capped(tmp_path: Path) -> None:
    case = tmp_path / "flood.yaml"
    case.write_text(MINIMAL + "note: " + "medicatie " * 500 + "\n")
    _, document = check_json(str(case))
    assert rules_of(document).count("WVP401") == 50


def test_a_file_over_the_size_limit_through_the_cli(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(loader.MAX_FILE_BYTES + 1)
    run, document = check_json(str(big))
    assert run.code == 1
    assert rules_of(document) == ["WVP002"]


# --- control and bidi characters ------------------------------------------------------------------


def hostile_case(tmp_path: Path) -> Path:
    """A case whose name and an unknown key hold a bidi override and a terminal escape."""
    case = tmp_path / "case.yaml"
    text = MINIMAL.replace('name: "A. Jansen"', 'name: "A. \\u202eJansen\\e[31m"')
    case.write_text(text + '"x\\u202ey\\e[2J": 1\n')
    return case


def test_check_text_output_shows_control_characters_escaped(tmp_path: Path) -> None:
    run = run_cli("check", str(hostile_case(tmp_path)), "--as-of", AS_OF)
    assert run.code == 1
    assert BIDI not in run.out and ESC not in run.out
    assert "onbekend veld 'x\\u202ey\\u001b[2J'" in run.out


def test_check_json_keeps_the_text_but_escapes_it(tmp_path: Path) -> None:
    run = run_cli("check", str(hostile_case(tmp_path)), "--as-of", AS_OF, "--format", "json")
    assert BIDI not in run.out and ESC not in run.out
    (finding,) = json.loads(run.out)["findings"]
    assert f"x{BIDI}y{ESC}[2J" in finding["message"]


def test_check_github_output_is_inert(tmp_path: Path) -> None:
    run = run_cli("check", str(hostile_case(tmp_path)), "--as-of", AS_OF, "--format", "github")
    assert run.out.startswith("::error ")
    assert BIDI not in run.out and ESC not in run.out


def test_timeline_text_shows_control_characters_escaped(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace('name: "A. Jansen"', 'name: "A. \\u202eJansen\\e[31m"'))
    run = run_cli("timeline", str(case), "--as-of", AS_OF)
    assert run.code == 0, run.err
    assert BIDI not in run.out and ESC not in run.out
    assert "A. \\u202eJansen\\u001b[31m" in run.out


def test_a_raw_control_character_in_the_file_is_refused_with_its_position(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace("A. Jansen", "A. J\x1bansen"))
    run, document = check_json(str(case))
    assert run.code == 1
    assert [(f["rule"], f["line"], f["column"]) for f in document["findings"]] == [
        ("WVP003", 4, 14)
    ]


def test_a_file_name_with_a_bidi_override(tmp_path: Path) -> None:
    case = tmp_path / f"a{BIDI}b.yaml"
    case.write_text(MINIMAL + "note: medicatie\n")
    for fmt in ("text", "github", "json"):
        run = run_cli("check", str(case), "--as-of", AS_OF, "--format", fmt)
        assert run.code == 1
        assert BIDI not in run.out, fmt


# --- file names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mijn case.yaml", "zaak-é-ñ-日本.yaml", " spatie vooraan.yaml"])
def test_file_names_with_spaces_and_unicode(tmp_path: Path, name: str) -> None:
    case = tmp_path / name
    case.write_text(MINIMAL)
    run, document = check_json(str(case))
    assert run.code == 0
    assert document["files_checked"] == 1
    _, folder = check_json(str(tmp_path))
    assert folder["files_checked"] == 1


def test_file_name_with_a_leading_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-x.yaml").write_text(MINIMAL.replace("events: []", "events: {}"))
    for args in (("--", "-x.yaml"), ("./-x.yaml",)):
        run = run_cli("check", "--as-of", AS_OF, "--format", "json", *args)
        assert run.code == 1, run.err
        document = json.loads(run.out)
        assert document["files_checked"] == 1
        assert rules_of(document) == ["WVP012"]
        assert document["findings"][0]["file"].endswith("-x.yaml")
    # without `--` it is an unknown option: a usage error, not a traceback
    run = run_cli("check", "-x.yaml")
    assert run.code == 2
    assert "Traceback" not in run.err


# --- folders --------------------------------------------------------------------------------------


def test_thousands_of_yaml_files_that_are_no_cases_are_skipped(tmp_path: Path) -> None:
    for folder in range(10):
        sub = tmp_path / f"config{folder}"
        sub.mkdir()
        for i in range(200):
            (sub / f"f{i}.yaml").write_text(f"naam: bestand {i}\nwaarden: [1, 2, 3]\n")
    (tmp_path / "config3" / "lijkt.yaml").write_text("events: ja\n")
    (tmp_path / "config5" / "case.yaml").write_text(MINIMAL)
    _, document = check_json(str(tmp_path))
    assert document["files_checked"] == 2
    # the case passes; the mapping with a case key is read as a (broken) case
    assert {Path(f["file"]).name for f in document["findings"]} == {"lijkt.yaml"}
    assert "WVP014" in rules_of(document)


def test_a_folder_without_cases_says_so(tmp_path: Path) -> None:
    (tmp_path / "ci.yaml").write_text("on: push\n")
    run, document = check_json(str(tmp_path))
    assert run.code == 0
    assert document["files_checked"] == 0 and document["findings"] == []
    assert "geen case-bestanden gevonden" in run.err


def test_symlinks_out_of_the_folder_are_not_followed_by_default(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(MINIMAL.replace("2026-01-01", "2026-02-30"))
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "linked.yaml").symlink_to(outside / "secret.yaml")
    (repo / "linked-folder").symlink_to(outside, target_is_directory=True)
    run, document = check_json(str(repo))
    assert run.code == 0
    assert document["files_checked"] == 0
    run, document = check_json(str(repo), extra=("--follow-links",))
    assert run.code == 1
    assert document["files_checked"] == 2
    assert set(rules_of(document)) >= {"WVP013"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_in_a_folder_is_not_read(tmp_path: Path) -> None:
    """A FIFO named *.yaml in a repository would block the read for ever: only regular files
    are read from folders. A pipe named on the command line is read (`wvp check <(...)`)."""
    import subprocess
    import sys

    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "case.yaml").write_text(MINIMAL)
    wvp = [sys.executable, "-m", "wvp_cli", "check", "--as-of", AS_OF, "--format", "json"]
    run = subprocess.run(
        [*wvp, str(tmp_path), "--no-cache"], capture_output=True, text=True, timeout=60
    )
    assert json.loads(run.stdout)["files_checked"] == 1, run.stderr
    piped = subprocess.run(
        [*wvp, "/dev/stdin", "--no-cache"],
        input=MINIMAL,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert json.loads(piped.stdout)["files_checked"] == 1, piped.stderr


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd on this system")
@pytest.mark.parametrize(("limit", "whole"), [(1024 * 1024, True), (100_000, False)])
def test_a_pipe_is_read_to_its_end(limit: int, whole: bool) -> None:
    """One read of a pipe gives what it holds at that moment (64 KiB at most): a case piped in
    behind a long comment was read as an empty file."""
    import threading
    import time

    from wvp_cli.repo import store

    data = (b"# " + b"x" * 70 + b"\n") * 1500 + MINIMAL.encode()
    read_end, write_end = os.pipe()

    def write() -> None:  # a piece at a time, as a slow `cat` writes
        with os.fdopen(write_end, "wb", buffering=0) as out:
            for start in range(0, len(data), 4096):
                out.write(data[start : start + 4096])
                time.sleep(0.001)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    try:
        got = store.read_bytes(Path(f"/dev/fd/{read_end}"), limit)
    finally:
        os.set_blocking(read_end, False)
        while writer.is_alive():  # what is left, so that the writer can finish
            try:
                os.read(read_end, 65536)
            except BlockingIOError:
                time.sleep(0.001)
        writer.join()
        os.close(read_end)
    # Above the limit: one byte more than it, the rest left in the pipe (the loader says so).
    assert got == (data if whole else data[: limit + 1])


def test_a_regular_file_is_read_whole_and_the_limit_holds(tmp_path: Path) -> None:
    from wvp_cli.repo import store

    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    assert store.read_bytes(case, 1024) == MINIMAL.encode()
    assert store.read_bytes(case, len(MINIMAL)) == MINIMAL.encode()
    assert store.read_bytes(case, len(MINIMAL) - 1) is None
    (tmp_path / "empty.yaml").write_bytes(b"")
    assert store.read_bytes(tmp_path / "empty.yaml", 1024) == b""
    assert store.read_bytes(tmp_path / "missing.yaml", 1024) is None


def test_a_folder_named_as_a_case_is_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "case.yaml").mkdir()
    run = run_cli("check", str(tmp_path / "case.yaml"), "--as-of", AS_OF)
    # a named folder is walked: it holds no case files
    assert run.code == 0
    assert "geen case-bestanden gevonden" in run.err


def test_a_path_that_does_not_exist_is_exit_code_2(tmp_path: Path) -> None:
    run = run_cli("check", str(tmp_path / "nope.yaml"), "--as-of", AS_OF)
    assert run.code == 2
    assert "pad bestaat niet" in run.err


@pytest.mark.parametrize("output", ["text", "json", "github", "junit"])
def test_an_output_that_is_not_utf8_gets_escapes_not_an_internal_error(
    tmp_path: Path, output: str
) -> None:
    """A Windows code page or PYTHONIOENCODING=ascii cannot hold every name (a folder
    'Łódź-😀'): wvp writes `\\uXXXX` escapes for those characters in text and finishes,
    instead of stopping halfway with an internal error; JSON, JUnit and annotations are UTF-8
    whatever the console's encoding."""
    import subprocess
    import sys

    folder = tmp_path / "dossiers-Łódź-😀"
    folder.mkdir()
    case = MINIMAL.replace("events: []", "")
    (folder / "case.yaml").write_text(case, encoding="utf-8")
    wvp = [sys.executable, "-m", "wvp_cli", "check", str(folder), "--as-of", AS_OF]
    run = subprocess.run(
        [*wvp, "--no-cache", "--format", output],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1"},
        timeout=60,
    )
    assert run.returncode == 1, run.stderr  # the file lacks `events`: an error finding
    assert b"interne fout" not in run.stderr
    if output != "text":
        # Machine formats are UTF-8 whatever the console says: a CI system reads them.
        out = run.stdout.decode("utf-8")
        if output == "junit":
            import xml.etree.ElementTree as ET

            cases = ET.fromstring(out).iter("testcase")
            assert {c.get("name") for c in cases} == {str(folder / "case.yaml")}
        elif output == "json":
            document = json.loads(out)
            assert {f["file"] for f in document["findings"]} == {str(folder / "case.yaml")}
        else:
            assert "dossiers-Łódź-😀" in out
        return
    out = run.stdout.decode("ascii")  # every byte is ASCII
    assert "dossiers-\\u0141\\u00f3d\\u017a-\\ud83d\\ude00" in out  # a surrogate pair


def _check_stdin(data: bytes, cwd: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    """`wvp check /dev/stdin --format json` with `data` coming through a pipe."""
    import subprocess
    import sys

    wvp = [sys.executable, "-m", "wvp_cli", "check", "/dev/stdin", "--as-of", AS_OF]
    run = subprocess.run(
        [*wvp, "--format", "json", *extra], input=data, capture_output=True, cwd=cwd, timeout=60
    )
    assert b"interne fout" not in run.stderr, run.stderr
    return run.returncode, json.loads(run.stdout)


def test_a_pipe_larger_than_the_limit_is_too_large_not_its_tail(tmp_path: Path) -> None:
    """wvp stops reading a pipe at the limit. What is left of it must not be read as the file
    (a case hidden behind 5 MiB of padding was checked as if it were the whole file)."""
    (tmp_path / "wvp.toml").write_text('max_file_size = "1KB"\n')
    padding = b"# " + b"x" * 2000 + b"\n"
    code, document = _check_stdin(padding + MINIMAL.encode(), tmp_path, "--config", "wvp.toml")
    assert code == 1
    assert rules_of(document) == ["WVP002"]


def test_a_pipe_is_read_once_also_when_the_cache_is_asked(tmp_path: Path) -> None:
    """With the cache on, a run that knows the task looks a file up first; a pipe it read for
    that cannot be read again, so its bytes must be what gets checked (it was checked as an
    empty file)."""
    first = _check_stdin(MINIMAL.encode(), tmp_path)
    assert first[0] == 0
    assert _check_stdin(MINIMAL.encode(), tmp_path) == first  # now served from the cache
    changed = MINIMAL.replace("events: []\n", "").encode()
    code, document = _check_stdin(changed, tmp_path)
    assert code == 1
    assert rules_of(document) == ["WVP011"]
    assert (tmp_path / ".wvp_cache").is_dir()


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes: Linux")
def test_a_file_name_that_is_not_utf8_is_written_as_its_bytes(tmp_path: Path) -> None:
    """A strict UTF-8 stdout cannot hold `caf\\udce9`, Python's reading of the name b'caf\\xe9':
    wvp writes the name's own bytes, as `ls` does, instead of an internal error."""
    import subprocess

    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.yaml"), "w") as handle:
        handle.write(MINIMAL.replace("events: []\n", ""))
    wvp = [sys.executable, "-m", "wvp_cli", "check", str(tmp_path), "--as-of", AS_OF]
    run = subprocess.run(
        [*wvp, "--no-cache"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"},
        timeout=60,
    )
    assert run.returncode == 1, run.stderr
    assert b"interne fout" not in run.stderr
    assert b"caf\xe9.yaml:" in run.stdout


# --- documents: stylesheet, template expressions, template files ------------------------------

RENDER_CASE = """\
wvp: 1
id: "r-1"
employee:
  name: "A. Jansen"
employer:
  name: "Voorbeeld BV"
sickness:
  - from: 2026-01-05
events:
  - type: plan_van_aanpak
    date: 2026-02-10
    goal: "![x](http://e.invalid/p.png) [y](http://e.invalid/) <img src=x>"
"""


def _render_with(tmp_path: Path, files: dict[str, str], *extra: str) -> Run:
    folder = tmp_path / "sjablonen"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    case = tmp_path / "r.yaml"
    case.write_text(RENDER_CASE, encoding="utf-8")
    return run_cli(
        "render", "plan", str(case), "--as-of", "2026-03-01", "--templates", str(folder), *extra
    )


#: Stylesheets a browser would make load something from elsewhere: escapes spell `url(` and
#: `@import` as a CSS tokenizer reads them.
REMOTE_CSS = [
    "a { background: url(http://e.invalid/x.png) }",
    "a { background: \\75 rl(http://e.invalid/x.png) }",
    "a { background: \\000075rl(http://e.invalid/x.png) }",
    "a { background: u\\rl(http://e.invalid/x.png) }",
    "a { background: U\\52L('http://e.invalid/x.png') }",
    "a { background: URL( 'http://e.invalid/x.png' ) }",
    '@\\69mport "http://e.invalid/x.css";',
    '@IMPORT "http://e.invalid/x.css";',
    "@media print { @media screen { a { background: url(//e.invalid/x) } } }",
    'a { background: image-set("http://e.invalid/x.png" 1x) }',
    'a { background: -webkit-image-set("http://e.invalid/x.png" 1x) }',
    'a { background: \\69 mage-set("http://e.invalid/x.png" 1x) }',
    'a { background: image("http://e.invalid/x.png") }',
    'a { background: cross-fade(50% "http://e.invalid/x.png", red) }',
    '@font-face { font-family: x; src: src("http://e.invalid/x.woff") }',
    "a { background: url(http://e.invalid/x.png",  # unclosed: a browser closes it
    "a { background: url(http://e.invalid/x y.png) }",  # a bad url, still a url
    "</style><img src=http://e.invalid/x.png>",
]


@pytest.mark.parametrize("css", REMOTE_CSS)
def test_a_stylesheet_that_loads_from_elsewhere_is_refused(tmp_path: Path, css: str) -> None:
    run = _render_with(tmp_path, {"print.css": f"/* eigen */\n{css}\n"}, "-f", "html")
    assert run.code == 2, run.out
    assert "print.css, regel 2:" in run.err and "niet toegestaan" in run.err
    assert "e.invalid" not in run.out


@pytest.mark.parametrize(
    "css",
    [
        "/* url(http://e.invalid) and @import in a comment */ a { color: red }",
        'a::after { content: "url(http://e.invalid) @import" }',
        "@page { @bottom-left { content: element(footer) } }",
        "@media screen { a { color: rgb(0 0 0) } }",
        '@font-face { font-family: x; src: local("Arial") }',
    ],
)
def test_a_self_contained_stylesheet_passes(tmp_path: Path, css: str) -> None:
    run = _render_with(tmp_path, {"print.css": css + "\n"}, "-f", "html")
    assert run.code == 0, run.err


def _escaped_spelling(draw: st.DrawFn, word: str) -> str:
    """`word` with each letter as itself, in capitals, or as a CSS escape (`\\75 `, `\\u`;
    `\\e` would be the hex escape of U+000E)."""
    out = ""
    for char in word:
        how = draw(st.sampled_from(["plain", "upper", "hex", "hex6", "char"]))
        if how == "plain" or not char.isalpha() or (how == "char" and char in "abcdef"):
            out += char
        elif how == "upper":
            out += char.upper()
        elif how == "hex":
            out += f"\\{ord(char):x} "
        elif how == "hex6":
            out += f"\\{ord(char):06x}"
        else:
            out += f"\\{char}"
    return out


@st.composite
def remote_stylesheets(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["url", "import", "image-set"]))
    if kind == "import":
        return f'@{_escaped_spelling(draw, "import")} "http://e.invalid/x.css";'
    quote = draw(st.sampled_from(["", "'", '"']))
    body = f"{quote}http://e.invalid/x.png{quote}" + (" 1x" if kind == "image-set" else "")
    inner = f"{_escaped_spelling(draw, kind)}({body})"
    wrap = draw(st.sampled_from(["a {{ b: {} }}", "@media print {{ a {{ b: {} }} }}"]))
    return wrap.format(inner)


@settings(max_examples=150, deadline=None)
@given(css=remote_stylesheets())
def test_every_escaped_spelling_of_a_remote_stylesheet_is_refused(css: str) -> None:
    from wvp_cli.documents import render

    with pytest.raises(render.TemplateProblem, match="niet toegestaan"):
        render.load_css_text(css, "print.css")


#: Template expressions that make something else of a case value: each stays escaped.
EXPRESSIONS = [
    "{{ plan.goal }}",
    "{{ plan.goal ~ '' }}",
    "{{ '' ~ plan.goal ~ '' }}",
    "{{ plan.goal + '' }}",
    "{{ '%s' % plan.goal }}",
    "{{ plan.goal * 1 }}",
    "{{ plan.goal[0:] }}",
    "{{ plan.goal.strip() }}",
    "{{ plan.goal.format() }}",
    "{{ '{}'.format(plan.goal) }}",
    "{{ ''.join(plan.goal) }}",
    "{{ ''.join(plan.goal|map('string')) }}",
    "{{ plan.goal|string }}",
    "{{ plan.goal|lower }}",
    "{{ plan.goal|replace('a', 'a') }}",
    "{{ plan.goal|safe }}",
    "{{ plan.goal|trim }}",
    "{{ plan.goal|list|join }}",
    "{{ plan.goal|map('upper')|join }}",
    "{{ [plan.goal]|join(' ') }}",
    "{{ '%s'|format(plan.goal) }}",
    "{{ [plan.goal] }}",
    "{{ plan }}",
    "{{ plan.goal.split() }}",
    "{{ plan.goal.encode() }}",
    "{{ plan.goal|attr('strip')() }}",
    "{% for c in plan.goal %}{{ c }}{% endfor %}",
    "{% set x = plan.goal ~ '' %}{{ x }}",
    "{% macro m(v) %}{{ v ~ '' }}{% endmacro %}{{ m(plan.goal) }}",
]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_what_a_template_makes_of_a_case_value_stays_escaped(
    tmp_path: Path, expression: str
) -> None:
    source = "{% set plan = plans[-1] %}" + expression + "\n"
    run = _render_with(tmp_path, {"plan.md.j2": source}, "-f", "html")
    assert run.code == 0, run.err
    body = run.out.split("<main>", 1)[1]
    for tag in ("<img", "<a ", 'href="', 'src="'):
        assert tag not in body, (expression, body)


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "geheim.txt"
    secret.write_text("TOPGEHEIM-TOKEN\n")
    return secret


@pytest.mark.parametrize("name", ["plan.md.j2", "_macros.md.j2", "print.css"])
def test_a_template_that_is_a_symlink_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / name).symlink_to(_secret(tmp_path))
    case = tmp_path / "r.yaml"
    case.write_text(RENDER_CASE, encoding="utf-8")
    if name == "_macros.md.j2":
        (folder / "plan.md.j2").write_text('{% import "_macros.md.j2" as m %}x\n')
    run = run_cli("render", "plan", str(case), "--templates", str(folder), "-f", "html")
    assert run.code == 2
    assert "symbolische koppeling" in run.err and "Traceback" not in run.err
    assert "TOPGEHEIM" not in run.out + run.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_template_that_is_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    os.mkfifo(folder / "plan.md.j2")
    case = tmp_path / "r.yaml"
    case.write_text(RENDER_CASE, encoding="utf-8")
    run = run_cli("render", "plan", str(case), "--templates", str(folder))
    assert run.code == 2
    assert "geen gewoon bestand" in run.err


# --- -o FILE --force: what is not a regular file is never renamed over -------------------------


def test_a_dangling_symlink_is_not_replaced_without_force(tmp_path: Path) -> None:
    from wvp_cli.repo.files import WriteRefused, write_atomic

    link = tmp_path / "uit.md"
    link.symlink_to(tmp_path / "elders" / "nergens.md")
    with pytest.raises(WriteRefused, match="--force"):
        write_atomic(link, "x")
    assert link.is_symlink()
    write_atomic(link, "x", force=True)  # asked for: the link itself is replaced
    assert not link.is_symlink() and link.read_text() == "x"
    assert not (tmp_path / "elders").exists()


def test_a_symlink_to_a_file_elsewhere_is_replaced_not_written_through(tmp_path: Path) -> None:
    from wvp_cli.repo.files import write_atomic

    elsewhere = tmp_path / "bashrc"
    elsewhere.write_text("oud\n")
    link = tmp_path / "uit.md"
    link.symlink_to(elsewhere)
    write_atomic(link, "nieuw\n", force=True)
    assert elsewhere.read_text() == "oud\n"
    assert not link.is_symlink() and link.read_text() == "nieuw\n"


def _read_fifo(fifo: Path, into: list[bytes]) -> Any:
    import threading

    def read() -> None:
        with fifo.open("rb") as handle:
            into.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("through_link", [False, True])
def test_a_named_pipe_is_written_to_not_replaced(tmp_path: Path, through_link: bool) -> None:
    import stat
    import time

    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    target = fifo
    if through_link:
        target = tmp_path / "uit.ics"
        target.symlink_to(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    for _ in range(200):  # until the reader has the pipe open: then a writer does not fail
        time.sleep(0.01)
        if reader.is_alive():
            break
    time.sleep(0.05)
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    run = run_cli(
        "deadlines", str(case), "--as-of", AS_OF, "-f", "json", "-o", str(target), "--force"
    )
    reader.join(5)
    assert run.code == 0, run.err
    assert json.loads(got[0])["schema_version"] == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert target.is_symlink() == through_link
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_without_a_reader_is_refused_without_hanging(tmp_path: Path) -> None:
    import stat

    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    run = run_cli("deadlines", str(case), "--as-of", AS_OF, "-o", str(fifo))
    assert run.code == 2 and "--force" in run.err
    run = run_cli("deadlines", str(case), "--as-of", AS_OF, "-o", str(fifo), "--force")
    assert run.code == 2 and "niemand leest de pipe" in run.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc on this system")
def test_a_descriptor_of_the_process_is_written_to(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        case = tmp_path / "case.yaml"
        case.write_text(MINIMAL)
        target = f"/proc/self/fd/{write_end}"
        run = run_cli("deadlines", str(case), "--as-of", AS_OF, "-f", "json", "-o", target)
        assert run.code == 2 and "--force" in run.err
        run = run_cli(
            "deadlines", str(case), "--as-of", AS_OF, "-f", "json", "-o", target, "--force"
        )
        assert run.code == 0, run.err
        os.close(write_end)
        write_end = -1
        with os.fdopen(read_end, "rb") as handle:
            read_end = -1
            assert json.loads(handle.read())["schema_version"] == 1
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd on this system")
def test_an_open_regular_file_behind_dev_fd_is_appended_at_its_offset(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    log.write_text("eerder\n")
    with log.open("ab") as handle:
        case = tmp_path / "case.yaml"
        case.write_text(MINIMAL)
        target = f"/dev/fd/{handle.fileno()}"
        run = run_cli(
            "deadlines", str(case), "--as-of", AS_OF, "-f", "json", "-o", target, "--force"
        )
    assert run.code == 0, run.err
    text = log.read_text()
    assert text.startswith("eerder\n{")


def test_dev_null_is_written_to_not_replaced(tmp_path: Path) -> None:
    import stat

    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null on this system")
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL)
    before = os.lstat("/dev/null")
    run = run_cli("deadlines", str(case), "--as-of", AS_OF, "-o", "/dev/null", "--force")
    assert run.code == 0, run.err
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


# --- line breaks from case data: never a line of their own in human or CI output ------------------

#: What a runner reads as a command when it starts a line of a CI log.
INJECTIONS = [
    "\n::add-mask::x",
    "\r\n::error::x",
    "\r::warning::x",
    "\u2028::notice::x",
    "\u0085::group::x",
    "\x0b::add-mask::x",
    "\x0c::add-mask::x",
    "\t\n  ::stop-commands::x",
]


def _injected_case(tmp_path: Path, injection: str, name: str) -> Path:
    q = json.dumps(injection)[1:-1]  # a YAML double-quoted scalar reads JSON escapes
    text = f"""\
wvp: 1
id: "c{q}"
employee:
  name: "A.{q}"
employer:
  name: "V{q}"
  casemanager: "B{q}"
sickness:
  - from: 2026-01-01
events:
  - type: evaluatie
    date: 2026-01-10
    summary: "s{q}"
"x{q}": 1
"""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _valid_injected_case(tmp_path: Path, injection: str) -> Path:
    """The same with a valid id and no unknown key: one that deadlines and timeline show."""
    path = _injected_case(tmp_path, injection, "geldig.yaml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = 'id: "c-1"\n'
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    return path


def _commands(output: str) -> list[str]:
    """The lines of `output` a runner would read as a workflow command."""
    breaks = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
    return [line for line in breaks.split(output) if line.strip().startswith("::")]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_a_line_break_in_case_data_never_starts_a_line_of_output(
    tmp_path: Path, injection: str
) -> None:
    first = _injected_case(tmp_path, injection, "a.yaml")
    second = _injected_case(tmp_path, injection, "b.yaml")  # the same id: WVP020 quotes it
    valid = _valid_injected_case(tmp_path, injection)
    runs = {
        fmt: run_cli("check", str(first), str(second), "--as-of", AS_OF, "--format", fmt)
        for fmt in ("text", "github", "junit")
    }
    for fmt in ("text", "markdown"):
        runs[f"deadlines {fmt}"] = run_cli("deadlines", str(valid), "--as-of", AS_OF, "-f", fmt)
    runs["timeline"] = run_cli("timeline", str(valid), "--as-of", AS_OF)
    for what, run in runs.items():
        assert "Traceback" not in run.err, (what, run.err)
        commands = _commands(run.out + "\n" + run.err)
        if what == "github":
            assert run.out and all(c.startswith(("::error ", "::warning ")) for c in commands)
            assert len(commands) == len(run.out.splitlines()), run.out
        else:
            assert commands == [], (what, run.out)
        assert "c-1" in run.out or what in ("text", "github", "junit")
    # The id with a line break is an error of its own (WVP015), in both files.
    document = json.loads(run_cli("check", str(first), "--as-of", AS_OF, "-f", "json").out)
    assert any(
        f["rule"] == "WVP015" and "stuurteken" in f["message"] and f["line"] == 2
        for f in document["findings"]
    )


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\x7f", "\t", "\u00ad"])
def test_an_id_with_a_control_or_format_character_is_an_error(tmp_path: Path, char: str) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace('id: "t-1"', f'id: "t{json.dumps(char)[1:-1]}1"'))
    _, document = check_json(str(case))
    assert rules_of(document) == ["WVP015"]
    assert f"U+{ord(char):04X}" in document["findings"][0]["message"]


@settings(max_examples=20, deadline=None)
@given(
    injection=st.text(
        alphabet=st.sampled_from(["\n", "\r", "\u2028", "\u0085", "\x0b", ":", "x", " ", "\t"]),
        min_size=1,
        max_size=12,
    ).map(lambda s: s + "::add-mask::geheim")
)
def test_no_injected_line_becomes_a_command(injection: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        case = _injected_case(tmp, injection, "a.yaml")
        valid = _valid_injected_case(tmp, injection)
        for args in (
            ("check", str(case), "--format", "text"),
            ("check", str(case), "--format", "github"),
            ("check", str(case), "--format", "junit"),
            ("deadlines", str(valid), "-f", "text"),
            ("deadlines", str(valid), "-f", "markdown"),
            ("timeline", str(valid)),
        ):
            run = run_cli(*args, "--as-of", AS_OF)
            commands = _commands(run.out)
            if "github" in args:
                commands = [c for c in commands if not c.startswith(("::error ", "::warning "))]
            assert commands == [], (args, run.out)
