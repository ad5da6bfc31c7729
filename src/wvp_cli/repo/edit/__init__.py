"""Changing a case file the way its author would: append a step, end a sickness period, set a
field, and keep every comment, blank line, quote and key order the file had.

The change is made on a ruamel.yaml round-trip document (PyYAML stays the fast reader of every
other command). The new text is then put back into the original text line by line, so that a
line ruamel would have written differently (an odd indent, a spacing) stays as the user wrote
it; only the lines of the change itself are new. Before anything is written the new text is
loaded and checked like `wvp check` does:

- a text that is no longer a valid case is refused, always, with the loader's findings;
- a change that adds findings at error level is refused with those findings, unless `force`;
- the write is atomic (`files.write_atomic`): readers see the old file or the new one.

One call changes one file, and no other. The API is small so that the command line
(`wvp add`), the web pages and the importer share it:

    outcome = add_event(path, {"type": "evaluatie", "date": day, "summary": "..."}, as_of=day)
    outcome.diff, outcome.appeared, outcome.disappeared, outcome.written

Every problem the user must fix before a change can be made raises `EditProblem` (Dutch).
"""

from __future__ import annotations

from wvp_cli.repo.edit.changes import add_deviation as add_deviation
from wvp_cli.repo.edit.changes import add_event as add_event
from wvp_cli.repo.edit.changes import add_extension as add_extension
from wvp_cli.repo.edit.changes import add_leave as add_leave
from wvp_cli.repo.edit.changes import add_sickness as add_sickness
from wvp_cli.repo.edit.changes import append_item as append_item
from wvp_cli.repo.edit.changes import record_step as record_step
from wvp_cli.repo.edit.changes import set_field as set_field
from wvp_cli.repo.edit.changes import set_fields as set_fields
from wvp_cli.repo.edit.changes import set_recovered as set_recovered
from wvp_cli.repo.edit.document import SECTIONS as SECTIONS
from wvp_cli.repo.edit.document import Change as Change
from wvp_cli.repo.edit.document import EditProblem as EditProblem
from wvp_cli.repo.edit.document import move_trailer_key as move_trailer_key
from wvp_cli.repo.edit.document import node as node
from wvp_cli.repo.edit.writer import Outcome as Outcome
from wvp_cli.repo.edit.writer import edit as edit
