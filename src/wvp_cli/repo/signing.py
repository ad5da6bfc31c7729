"""Recording the content code of signed documents in the case file (`wvp render riv
--vastleggen`): each signature of a rendered document that records no `content_hash` gets the
code of what the document shows, so that `wvp check` reports a later change (WVP312).

Written only when asked, through the round-trip writer (repo/edit): validated first, atomic, the
file's comments and layout kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wvp_cli.repo import edit


def record_content_hashes(
    path: Path, entries: Sequence[tuple[int, int, str]], **options: Any
) -> edit.Outcome:
    """Set `events[i].signatures[j].content_hash` for every (i, j, code) of `entries` in one
    write; `options` as for `edit.edit` (as_of, settings, dry_run, force, display)."""
    if not entries:
        raise edit.EditProblem("geen handtekening zonder inhoudscode")

    def change(document: Any, text: str) -> str:
        for index, number, code in entries:
            try:
                signature = document["events"][index]["signatures"][number]
            except (KeyError, IndexError, TypeError):
                raise edit.EditProblem(
                    f"handtekening events[{index}].signatures[{number}] staat niet in het bestand"
                ) from None
            signature["content_hash"] = edit.node("content_hash", code)
        count = len(entries)
        return f"inhoudscode vastgelegd bij {count} handtekening{'' if count == 1 else 'en'}"

    return edit.edit(path, change, **options)
