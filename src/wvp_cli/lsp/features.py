"""What the editor shows and offers for one document: diagnostics (the findings of `wvp check`),
hover (a rule's documentation and legal source, what an event's date satisfies on the clock,
what a key means in the case format), code actions and completion.

Every due date and week comes from the clock (`core/clock.py`); nothing here counts days.
"""

from __future__ import annotations

# One module each (diagnostics, hover, actions, completion); the server calls them from here.
from wvp_cli.lsp.actions import code_actions as code_actions
from wvp_cli.lsp.completion import completion as completion
from wvp_cli.lsp.diagnostics import SOURCE as SOURCE
from wvp_cli.lsp.diagnostics import diagnostic as diagnostic
from wvp_cli.lsp.diagnostics import diagnostics as diagnostics
from wvp_cli.lsp.diagnostics import rule_doc_url as rule_doc_url
from wvp_cli.lsp.hover import hover as hover
