"""The Language Server Protocol over stdio (pygls): the editor's messages in, the repository's
findings, hovers, fixes and completions out. What to show is decided in `features`; this module
keeps the documents, decides when to check, and speaks the protocol.

When to check: the first change after a quiet spell is checked at once; changes that follow
within `debounce` seconds are gathered into one check at its end, so typing costs a check per
pause, not per key, and a single edit gets its diagnostics within the time of one check.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from wvp_cli import __version__
from wvp_cli.lsp import features
from wvp_cli.lsp.text import UTF8, UTF16, UTF32, Text
from wvp_cli.lsp.workspace import Document, Repository

if TYPE_CHECKING:
    from wvp_cli.core.findings import Finding
    from wvp_cli.repo.config import Config

#: Seconds over which the changes that follow a checked one are gathered into one check.
DEBOUNCE = 0.05
_CONFIG_FILES = ("wvp.toml", "pyproject.toml")
_SUFFIXES = (".yaml", ".yml")

log = logging.getLogger(__name__)


class Throttle:
    """Run `job` at once when idle; calls during the following `delay` seconds make one more
    run at its end (and so on while they keep coming)."""

    def __init__(self, job: Callable[[], None], delay: float) -> None:
        self.job = job
        self.delay = delay
        self._task: asyncio.Task[None] | None = None
        self._again = False

    def poke(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        self._again = False
        self.job()
        while True:
            await asyncio.sleep(self.delay)
            if not self._again:
                return
            self._again = False
            self.job()


class WvpServer(LanguageServer):
    def __init__(
        self,
        repository: Repository,
        today: Callable[[], dt.date],
        fixed: bool,
        load_config: Callable[[], Config],
        debounce: float = DEBOUNCE,
    ) -> None:
        super().__init__(
            "wvp", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental
        )
        self.repository = repository
        self.today = today
        self.fixed = fixed
        self.load_config = load_config
        self.throttle = Throttle(self.check_now, debounce)
        self.uris: dict[str, str] = {}
        #: What was published last per file: the document's version and the findings.
        self.sent: dict[str, tuple[int | None, tuple[Finding, ...]]] = {}

    # --- names and texts ------------------------------------------------------------------

    def name_of(self, uri: str) -> str | None:
        path = to_fs_path(uri)
        if path is None or not path.endswith(_SUFFIXES):
            return None
        return self.repository.name_of(Path(path))

    def encoding(self) -> str:
        kind = str(self.workspace.position_encoding or UTF16)
        return kind if kind in (UTF8, UTF16, UTF32) else UTF16

    def text_of(self, document: Document) -> Text:
        return Text(document.text, self.encoding())

    def opened(self, uri: str) -> tuple[str, Document] | None:
        name = self.name_of(uri)
        if name is None:
            return None
        document = self.repository.document(name)
        return None if document is None else (name, document)

    # --- checking -------------------------------------------------------------------------

    def check_now(self) -> None:
        """Check what changed and publish every file whose diagnostics changed: the open
        documents, and a closed file that a cross-file rule (a duplicated id) now speaks of."""
        try:
            if not self.fixed:
                self.repository.set_date(self.today())
            by_file = self.repository.findings()
        except Exception as exc:  # a bug in wvp must not end the editor's session
            log.exception("check failed")
            self.show_error(f"interne fout bij het controleren ({type(exc).__name__}: {exc})")
            return
        spanning = self.repository.spanning()
        documents = self.repository.documents
        names = set(documents) | set(self.sent)
        names |= {n for n, found in by_file.items() if any(f.rule in spanning for f in found)}
        for name in sorted(names):
            found = by_file.get(name, [])
            document = documents.get(name)
            if document is None:
                found = [f for f in found if f.rule in spanning]
            version = document.version if document is not None else None
            if self.sent.get(name) == (version, tuple(found)):
                continue
            if found or document is not None:
                self.sent[name] = (version, tuple(found))
            else:
                self.sent.pop(name, None)
            self.publish(name, document, found)

    def publish(self, name: str, document: Document | None, found: list[Finding]) -> None:
        if document is not None:
            text = self.text_of(document)
        else:
            try:
                with open(name, encoding="utf-8", errors="replace") as handle:
                    text = Text(handle.read(), self.encoding())
            except OSError:
                text = Text("", self.encoding())
        uri = self.uris.get(name) or Path(os.path.abspath(name)).as_uri()
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=features.diagnostics(text, found),
                version=document.version if document is not None else None,
            )
        )

    def show_error(self, message: str) -> None:
        self.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"wvp: {message}")
        )

    def findings_of(self, name: str) -> list[Finding]:
        return self.repository.findings().get(name, [])


def build(
    repository: Repository,
    today: Callable[[], dt.date],
    fixed: bool,
    load_config: Callable[[], Config],
    debounce: float = DEBOUNCE,
) -> WvpServer:
    """The server with its handlers; `load_config` reads wvp.toml again when it changes."""
    server = WvpServer(repository, today, fixed, load_config, debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: WvpServer, params: types.InitializedParams) -> None:
        root = ls.workspace.root_path
        if root and os.path.isdir(root) and os.path.realpath(root) != os.path.realpath("."):
            # The editor's workspace is the repository: file names, wvp.toml and the cache are
            # those of `wvp check` run there, wherever the editor started the server.
            from wvp_cli.repo.config import ConfigError

            os.chdir(root)
            try:
                ls.repository.config = ls.load_config()
                ls.repository.__dict__.pop("settings", None)
            except ConfigError as exc:
                ls.show_error(f"configuratie: {exc}; de standaardwaarden gelden")
        ls.repository.scan()
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is not None and watched.dynamic_registration:
            watchers = [
                types.FileSystemWatcher(glob_pattern=pattern)
                for pattern in ("**/*.yaml", "**/*.yml", "**/wvp.toml", "**/pyproject.toml")
            ]
            ls.client_register_capability(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="wvp-watch",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: WvpServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        name = ls.name_of(item.uri)
        if name is None:
            return
        ls.uris[name] = item.uri
        ls.repository.open(name, item.text, item.version)
        ls.throttle.poke()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: WvpServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        name = ls.name_of(uri)
        if name is None:
            return
        text = ls.workspace.get_text_document(uri).source
        ls.repository.change(name, text, params.text_document.version)
        ls.throttle.poke()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: WvpServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        name = ls.name_of(uri)
        if name is None:
            return
        document = ls.repository.documents.get(name)
        text = ls.workspace.get_text_document(uri).source
        ls.repository.change(name, text, document.version if document else None)
        ls.throttle.poke()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: WvpServer, params: types.DidCloseTextDocumentParams) -> None:
        name = ls.name_of(params.text_document.uri)
        if name is None:
            return
        ls.repository.close(name)
        ls.throttle.poke()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: WvpServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = to_fs_path(change.uri)
            if path is None:
                continue
            if os.path.basename(path) in _CONFIG_FILES:
                from wvp_cli.repo.config import ConfigError

                try:
                    ls.repository.set_config(ls.load_config())
                except ConfigError as exc:
                    ls.show_error(f"configuratie: {exc}; de vorige configuratie blijft gelden")
                continue
            if path.endswith(_SUFFIXES):
                ls.repository.reload(ls.repository.name_of(Path(path)))
        ls.throttle.poke()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: WvpServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.opened(params.text_document.uri)
        if found is None:
            return None
        name, document = found
        text = ls.text_of(document)
        return features.hover(ls.repository, document, text, params.position, ls.findings_of(name))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: WvpServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        found = ls.opened(params.text_document.uri)
        if found is None:
            return []
        name, document = found
        return features.code_actions(
            ls.repository,
            document,
            ls.text_of(document),
            params.text_document.uri,
            params.range,
            ls.findings_of(name),
        )

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", ":"])
    )
    def completion(ls: WvpServer, params: types.CompletionParams) -> types.CompletionList:
        found = ls.opened(params.text_document.uri)
        items: list[types.CompletionItem] = []
        if found is not None:
            items = features.completion(ls.repository, ls.text_of(found[1]), params.position)
        return types.CompletionList(is_incomplete=False, items=items)

    return server


def serve(
    root: Path,
    as_of: dt.date | None,
    today: Callable[[], dt.date],
    load_config: Callable[[], Config],
    **streams: Any,
) -> None:
    """Serve the case files under `root` over stdio until the editor says exit. The peildatum
    is `as_of`, or `today()` at every check (a server left running past midnight moves on)."""
    repository = Repository(root, as_of or today(), load_config())
    build(repository, today, as_of is not None, load_config).start_io(**streams)
