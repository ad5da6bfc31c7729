"""A language client for the tests: pygls's own client driving `python -m wvp_cli lsp` over
stdio in a scratch repository, with the diagnostics it publishes kept per file."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

AS_OF = "2026-11-24"
TIMEOUT = 30.0


class Session:
    """One server process and the client that talks to it."""

    def __init__(self, root: Path, *args: str, cwd: Path | None = None) -> None:
        self.root = root
        self.args = args
        self.cwd = root if cwd is None else cwd
        self.client = LanguageClient("wvp-tests", "1")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = {}
        self.changed = asyncio.Event()
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.setdefault(params.uri, []).append(params)
            self.changed.set()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams) -> None:
            return None

    def uri(self, rel: str) -> str:
        return (self.root / rel).resolve().as_uri()

    async def __aenter__(self) -> Session:
        await self.client.start_io(
            sys.executable, "-m", "wvp_cli", "lsp", "--as-of", AS_OF, *self.args, cwd=self.cwd
        )
        capabilities = types.ClientCapabilities(
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True
                )
            )
        )
        await asyncio.wait_for(
            self.client.initialize_async(
                types.InitializeParams(
                    capabilities=capabilities, root_uri=self.root.resolve().as_uri()
                )
            ),
            TIMEOUT,
        )
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)

    def open(self, rel: str, text: str | None = None) -> None:
        text = (self.root / rel).read_text(encoding="utf-8") if text is None else text
        self.versions[rel] = 1
        self.texts[rel] = text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                types.TextDocumentItem(uri=self.uri(rel), language_id="yaml", version=1, text=text)
            )
        )

    def change(self, rel: str, text: str) -> None:
        """The whole text replaced, as one incremental change over the old text's range."""
        old = self.texts[rel]
        lines = old.split("\n")
        end = types.Position(len(lines) - 1, len(lines[-1]))
        self.versions[rel] += 1
        self.texts[rel] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(
                    uri=self.uri(rel), version=self.versions[rel]
                ),
                [
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(0, 0), end), text=text
                    )
                ],
            )
        )

    def watched(self, rel: str, kind: types.FileChangeType) -> None:
        """The editor's report of a file changed on the disk."""
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=self.uri(rel), type=kind)]
            )
        )

    def last(self, rel: str) -> list[types.Diagnostic] | None:
        sent = self.published.get(self.uri(rel))
        return sent[-1].diagnostics if sent else None

    async def diagnostics(
        self,
        rel: str,
        until: Callable[[list[types.Diagnostic]], bool] = lambda d: True,
        version: int | None = None,
    ) -> list[types.Diagnostic]:
        """The diagnostics of `rel` once they satisfy `until` (for `version` when given)."""

        async def wait() -> list[types.Diagnostic]:
            while True:
                sent = self.published.get(self.uri(rel))
                if sent:
                    last = sent[-1]
                    if (version is None or last.version == version) and until(last.diagnostics):
                        return list(last.diagnostics)
                self.changed.clear()
                await self.changed.wait()

        return await asyncio.wait_for(wait(), TIMEOUT)

    async def hover(self, rel: str, line: int, character: int) -> str:
        result = await asyncio.wait_for(
            self.client.text_document_hover_async(
                types.HoverParams(
                    types.TextDocumentIdentifier(self.uri(rel)), types.Position(line, character)
                )
            ),
            TIMEOUT,
        )
        if result is None:
            return ""
        contents = result.contents
        assert isinstance(contents, types.MarkupContent)
        return contents.value

    async def actions(self, rel: str, line: int) -> list[types.CodeAction]:
        result = await asyncio.wait_for(
            self.client.text_document_code_action_async(
                types.CodeActionParams(
                    types.TextDocumentIdentifier(self.uri(rel)),
                    types.Range(types.Position(line, 0), types.Position(line, 0)),
                    types.CodeActionContext(diagnostics=[]),
                )
            ),
            TIMEOUT,
        )
        return [a for a in result or [] if isinstance(a, types.CodeAction)]

    async def complete(self, rel: str, line: int, character: int) -> list[types.CompletionItem]:
        result = await asyncio.wait_for(
            self.client.text_document_completion_async(
                types.CompletionParams(
                    types.TextDocumentIdentifier(self.uri(rel)), types.Position(line, character)
                )
            ),
            TIMEOUT,
        )
        if result is None:
            return []
        return list(result.items) if isinstance(result, types.CompletionList) else list(result)


def apply(text: str, action: types.CodeAction) -> str:
    """The text after the action's edits (positions counted in characters: ASCII texts)."""
    assert action.edit is not None
    edits: list[types.TextEdit] = []
    for change in action.edit.document_changes or []:
        assert isinstance(change, types.TextDocumentEdit)
        edits.extend(e for e in change.edits if isinstance(e, types.TextEdit))
    for group in (action.edit.changes or {}).values():
        edits.extend(group)
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        return sum(len(line) + 1 for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def check_json(root: Path, *paths: str) -> list[dict[str, Any]]:
    """The findings of `wvp check --format json` run in `root`."""
    run = subprocess.run(
        [sys.executable, "-m", "wvp_cli", "check", "--format", "json", "--as-of", AS_OF, *paths],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    findings: list[dict[str, Any]] = json.loads(run.stdout)["findings"]
    return findings


def as_rows(diagnostics: Sequence[types.Diagnostic]) -> list[tuple[Any, ...]]:
    level = {
        types.DiagnosticSeverity.Error: "error",
        types.DiagnosticSeverity.Warning: "warning",
        types.DiagnosticSeverity.Information: "info",
    }
    return [
        (
            d.code,
            level[d.severity] if d.severity else None,
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.message,
        )
        for d in diagnostics
    ]
