"""The loader: every kind of bad input becomes a finding with file, line and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL, SAMPLES, yaml_text
from wvp_cli.core import compose, loader
from wvp_cli.core.loader import load_bytes, load_text, read_file
from wvp_cli.repo.files import discover


def codes(result: loader.LoadedFile) -> list[tuple[str, int, int]]:
    return [(f.rule, f.location.line, f.location.column) for f in result.findings]


def test_minimal_case_loads_with_a_source_map() -> None:
    result = load_text(MINIMAL, "c.yaml")
    assert result.findings == ()
    assert result.case is not None
    assert result.case.sickness[0].from_ == dt.date(2026, 1, 1)
    assert result.source.locate(("sickness", 0, "from")).line == 8
    assert result.source.locate(("sickness", 0, "from")).column == 11
    assert result.source.locate(("events",), key=True).line == 9


@pytest.mark.parametrize(
    ("replace", "by", "expected"),
    [
        ('  name: "A. Jansen"', '  name: "A. Jansen"\n  nmae: x', ("WVP010", 5, 3)),
        ("2026-01-01", "2026-02-30", ("WVP013", 8, 11)),
        ("2026-01-01", "01-01-2026", ("WVP013", 8, 11)),
        ("2026-01-01", '"1 januari 2026"', ("WVP013", 8, 11)),
        ("2026-01-01", "2026-01-01 10:00:00", ("WVP013", 8, 11)),
        ("wvp: 1", "wvp: 2", ("WVP014", 1, 6)),
        ('id: "t-1"', "id: 14", ("WVP012", 2, 5)),
        ('id: "t-1"\n', "", ("WVP011", 1, 1)),
        ("events: []", "events: {}", ("WVP012", 9, 9)),
        ("events: []", "events:\n  - type: evaluatie", ("WVP011", 10, 5)),
        (
            "events: []",
            "deviations:\n  - {milestone: plan, date: 2026-01-02, reason: x}\nevents: []",
            ("WVP015", 10, 17),
        ),
        ("events: []", "events:\n  - {type: plan_van_aanpk, date: 2026-02-01}", ("WVP016", 10, 12)),
        (
            "events: []",
            "events:\n  - {type: evaluatie, date: 2026-02-01, summary: 3}",
            ("WVP012", 10, 50),
        ),
    ],
)
def test_format_errors_are_located(replace: str, by: str, expected: tuple[str, int, int]) -> None:
    text = MINIMAL.replace(replace, by)
    result = load_text(text, "c.yaml")
    assert result.case is None
    assert expected in codes(result), codes(result)


def test_unknown_key_suggests_the_nearest() -> None:
    result = load_text(MINIMAL.replace('  name: "A. Jansen"', '  nmae: "A. Jansen"'), "c")
    messages = [f.message for f in result.findings]
    assert any("bedoelde je 'name'?" in m for m in messages), messages


def test_unknown_event_type_suggests_the_nearest() -> None:
    text = MINIMAL.replace("events: []", "events:\n  - {type: probleemanalys, date: 2026-02-01}")
    (finding,) = load_text(text, "c").findings
    assert "bedoelde je 'probleemanalyse'?" in finding.message


def test_all_problems_of_a_file_are_reported() -> None:
    text = yaml_text(
        """
        wvp: 1
        id: "t-1"
        employee:
          name: "A"
          nam: "B"
        employer: {name: "C", adres: "D"}
        sickness:
          - from: 2026-02-30
        events:
          - {type: evaluatie, date: 2026-13-01}
        """
    )
    found = codes(load_text(text, "c"))
    assert ("WVP010", 5, 3) in found
    assert ("WVP010", 6, 23) in found
    assert ("WVP013", 8, 11) in found
    assert ("WVP013", 10, 29) in found


def test_duplicate_keys_are_rejected() -> None:
    text = MINIMAL.replace('id: "t-1"', 'id: "t-1"\nid: "t-2"')
    assert ("WVP006", 3, 1) in codes(load_text(text, "c"))


def test_anchors_and_aliases_are_rejected() -> None:
    text = MINIMAL.replace('employer:\n  name: "Voorbeeld BV"', "employer: &e\n  name: x")
    text += "other: *e\n"
    found = codes(load_text(text, "c"))
    assert ("WVP007", 5, 11) in found
    assert ("WVP007", 10, 8) in found


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    result = load_text("\n".join(lines) + "\n", "bomb.yaml")
    assert result.case is None
    assert {f.rule for f in result.findings} == {"WVP007"}
    assert len(result.findings) <= 50


@pytest.mark.parametrize("tag", ["!foo", "!!python/object:os.system", "!!binary", "!!set"])
def test_non_standard_tags_are_rejected(tag: str) -> None:
    text = MINIMAL.replace('name: "A. Jansen"', f'name: {tag} "A. Jansen"')
    assert ("WVP008", 4, 9) in codes(load_text(text, "c"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ("WVP005", 1, 1)),
        ("# alleen commentaar\n", ("WVP005", 1, 1)),
        ("- a\n- b\n", ("WVP005", 1, 1)),
        ("gewoon tekst\n", ("WVP005", 1, 1)),
        ("a: [1, 2\n", ("WVP004", 2, 1)),
        ("a: b\n  c: d\n", ("WVP004", 2, 4)),
        ("---\na: 1\n---\nb: 2\n", ("WVP004", 3, 1)),
        ("a: \x01\n", ("WVP003", 1, 4)),
    ],
)
def test_broken_yaml(text: str, expected: tuple[str, int, int]) -> None:
    assert codes(load_text(text, "c")) == [expected]


def test_deep_nesting_is_refused_without_crashing() -> None:
    deep = "a: " + "[" * 200_000 + "]" * 200_000 + "\n"
    ((code, line, column),) = codes(load_text(deep, "c"))
    assert (code, line) == ("WVP009", 1)
    # Our event scan stops at the 50th bracket (the top-level mapping is the first level); a
    # libyaml of 0.2.5 or later refuses the text earlier, at its own limit of 1,000 levels,
    # while scanning ahead: the finding then points at that bracket.
    assert column in (3 + loader.MAX_DEPTH, 3 + 1000)


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(1200)) + " " * 1200 + "x: 1\n"
    assert [f.rule for f in load_text(text, "c").findings] == ["WVP009"]


def test_binary_data() -> None:
    result = load_bytes(b"wvp: 1\nid: \x00\x01\x02", "bin.yaml")
    assert codes(result) == [("WVP003", 2, 5)]


def test_invalid_utf8_points_at_the_byte() -> None:
    result = load_bytes(MINIMAL.encode().replace(b"A. Jansen", b"A. J\xe9nsen"), "latin1.yaml")
    assert codes(result) == [("WVP003", 4, 14)]


def test_byte_order_mark_is_fine() -> None:
    assert load_bytes(b"\xef\xbb\xbf" + MINIMAL.encode(), "bom.yaml").case is not None


def test_file_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.write(MINIMAL.encode())
        handle.write(b"# " + b"x" * 1000 + b"\n")
        handle.truncate(20 * 1024 * 1024)
    result = read_file(big)
    assert codes(result) == [("WVP002", 1, 1)]
    assert "20.0 MiB" in result.findings[0].message


def test_unreadable_file(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    target.mkdir()
    assert codes(read_file(target)) == [("WVP001", 1, 1)]


def test_symlink_loop_is_unreadable(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert codes(read_file(loop)) == [("WVP001", 1, 1)]


def test_folder_mode_skips_yaml_that_is_not_a_case() -> None:
    result = load_text("repos:\n  - repo: local\n", "pre-commit.yaml", require_case=False)
    assert result.is_case is False
    assert result.findings == ()


def test_discover_walks_folders_in_order_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/z.yml", "a.yaml", ".git/x.yaml", ".hidden.yaml", "notes.txt"):
        (tmp_path / name).write_text(MINIMAL)
    found = [p.relative_to(tmp_path).as_posix() for p, _ in discover([tmp_path])]
    assert found == ["a.yaml", "b/z.yml"]


def test_discover_does_not_follow_symlinks_by_default(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(MINIMAL)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "link").symlink_to(outside, target_is_directory=True)
    (repo / "case.yaml").symlink_to(outside / "secret.yaml")
    assert list(discover([repo])) == []
    followed = [p.name for p, _ in discover([repo], follow_links=True)]
    assert sorted(followed) == ["case.yaml", "secret.yaml"]


def test_discover_refuses_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(discover([tmp_path / "nope"]))


def test_the_fast_composer_gives_the_tags_and_marks_of_libyaml() -> None:
    """The loader's composer remembers the resolver's answers and skips the hooks of path
    resolvers: the node trees must be those of PyYAML's own safe loader."""
    import yaml

    def shape(node: yaml.Node) -> Any:
        mark = (node.start_mark.line, node.start_mark.column)
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value, node.style, mark)
        if isinstance(node, yaml.MappingNode):
            return (node.tag, mark, [(shape(k), shape(v)) for k, v in node.value])
        return (node.tag, mark, [shape(item) for item in node.value])

    awkward = (
        "a: 1\nb: 1.5\nc: yes\nd: ~\ne: 2026-01-02\nf: 2026-01-02 10:00:00\ng: '1'\n"
        "h: !!str 2\ni: [0x1f, 0o17, .inf, -.nan, null, Null, 'x', \"y\"]\nj: {k: [1, {l: m}]}\n"
        "k: |\n  tekst\nl: 1_000\nm: 12:30:00\n"
    )
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.yaml"))] + [awkward]
    for text in texts * 2:  # the second time from the remembered answers
        ours = yaml.compose(text, Loader=compose.ComposeLoader)
        theirs = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        assert shape(ours) == shape(theirs)


def test_the_walk_gives_pyyamls_data_and_the_position_of_every_node() -> None:
    """The walk takes plain text values as it meets them and stacks the rest: its data must be
    what PyYAML's safe loader makes, and its source map must hold every node's and every key's
    position, as a plain recursive walk of the same tree finds them."""
    import yaml

    def reference(node: yaml.Node, path: tuple[Any, ...], values: dict, keys: dict) -> None:
        values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                child = (*path, str(key_node.value))
                keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                reference(value_node, child, values, keys)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                reference(item, (*path, index), values, keys)

    mixed = (
        "a: tekst\nb: [x, 2, 'y', [z, {c: d}], 2026-01-02]\nc:\n  - e\n  - 3\n  - f: g\n"
        "    h: [1.5, ~, true]\nd: {i: 'j', k: 0x1f}\ne: 2026-02-30\nf: |\n  regel\n"
    )
    texts = [p.read_text() for p in sorted(SAMPLES.glob("*.yaml"))] + [mixed]
    for text in texts:
        root = yaml.compose(text, Loader=compose.ComposeLoader)
        walker = compose.Walker("f.yaml")
        data = walker.walk(root)
        if "2026-02-30" in text:  # PyYAML refuses it; the walk keeps it as text for the model
            assert "'2026-02-30'" in repr(data)
            text = text.replace("2026-02-30", "2026-02-28")
            data = compose.Walker("f.yaml").walk(yaml.compose(text, Loader=compose.ComposeLoader))
        assert repr(data) == repr(yaml.safe_load(text))
        values: dict[Any, Any] = {}
        keys: dict[Any, Any] = {}
        reference(root, (), values, keys)
        assert walker.values == values
        assert walker.keys == keys
        assert walker.findings == []
