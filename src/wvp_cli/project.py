"""Where the project lives: its repository and the pages of its documentation (`docs/`).

One place for these addresses; pyproject.toml's [project.urls] says the same (a test checks).
"""

from __future__ import annotations

#: The project's repository.
REPOSITORY = "https://github.com/wvp-poortwachter/wvp"
#: The documentation: the `docs/` folder of the repository, as its web pages show it.
DOCS = f"{REPOSITORY}/blob/main/docs/"


def rule_page(code: str) -> str:
    """The page of one rule (generated from the registry: docs/rules/WVPxxx.md)."""
    return f"{DOCS}rules/{code}.md"
