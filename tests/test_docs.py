"""The project's own documentation: docs/ holds a page per rule, generated from the registry and
current, and nothing in the project points at a folder outside it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from wvp_cli import docs
from wvp_cli.rules import all_rules

DOCS = ROOT / "docs"


def test_every_rule_has_its_page_and_the_pages_are_current() -> None:
    """Fails when a rule is added or its docstring, title, severity or source changes without
    `python -m wvp_cli.docs` being run."""
    stale = docs.stale(DOCS)
    assert stale == [], f"docs/rules/ is not current ({stale}): run python -m wvp_cli.docs"
    for code in all_rules():
        assert (DOCS / "rules" / f"{code}.md").is_file(), code


def test_a_changed_page_is_seen_and_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "docs"
    assert docs.main([str(target)]) == 0
    assert docs.stale(target) == []
    page = target / "rules" / "WVP101.md"
    page.write_text(page.read_text(encoding="utf-8") + "met de hand\n", encoding="utf-8")
    (target / "rules" / "WVP999.md").write_text("een regel die er niet is\n")
    assert set(docs.stale(target)) == {"WVP101.md", "WVP999.md"}
    assert docs.main(["--check", str(target)]) == 1
    assert docs.main([str(target)]) == 0
    assert docs.stale(target) == [] and not (target / "rules" / "WVP999.md").exists()


def test_a_page_holds_code_title_severity_source_and_examples() -> None:
    registry = all_rules()
    rule = registry["WVP401"]
    page = docs.rule_page(rule)
    assert page.splitlines()[2] == f"# WVP401: {rule.title}"
    assert rule.source in page and "fout (error)" in page
    assert "**Goed voorbeeld:**" in page and "**Fout voorbeeld:**" in page
    # The indented examples of the docstring become YAML code blocks.
    assert '```yaml\npossibilities: "Kan 4 uur' in page
    index = (DOCS / "rules" / "README.md").read_text(encoding="utf-8")
    for code in registry:
        assert f"[{code}]({code}.md)" in index


def test_the_sarif_help_uri_names_a_page_that_exists() -> None:
    from wvp_cli.project import DOCS as DOCS_URL
    from wvp_cli.project import rule_page

    for code in all_rules():
        assert rule_page(code).startswith(DOCS_URL)
        assert (DOCS / rule_page(code).removeprefix(DOCS_URL)).is_file()


def test_docs_index_links_to_pages_that_exist() -> None:
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)\)", index)
    assert links
    for link in links:
        assert (DOCS / link).exists(), link


@pytest.mark.parametrize("page", ["README.md", "case-format.md", "cli.md", "poortwachter.md"])
def test_the_user_pages_exist(page: str) -> None:
    assert (DOCS / page).is_file()


def test_nothing_points_at_a_folder_outside_the_project() -> None:
    """`grep -r "shared/" src README.md docs templates` finds nothing."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    done = subprocess.run(
        ["grep", "-rn", "shared/", "src", "README.md", "docs", "templates"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    hits = [line for line in done.stdout.splitlines() if ".egg-info" not in line]
    assert hits == []


def test_the_cli_docs_name_every_command() -> None:
    from wvp_cli.cli import app

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    core = {"check", "deadlines", "timeline", "render", "schema", "rules", "init", "new", "config"}
    assert core <= names
    assert {n for n in core if f"`wvp {n}" not in text} == set()


def test_the_generator_runs_as_a_module(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wvp_cli.docs", "--check", str(DOCS)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
