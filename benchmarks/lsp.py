"""How soon `wvp lsp` answers a change, against a cold `wvp check one.yaml`.

A scratch repository of generated cases (`generate.py`, 100 and 1,000 by default) is served by
`python -m wvp_cli lsp` over stdio, driven by pygls's language client. One typical case is
opened; then its text is changed, alternately breaking and restoring one date, and each time
the wall time from sending `didChange` to receiving the diagnostics of that version is taken.
The server checks the first change after a quiet spell at once (see `wvp_cli/lsp/server.py`),
so the changes are sent 0.2 s apart, as a person pauses. The yardstick is `wvp check one.yaml
--no-cache`, a fresh process each time, which is what an editor without a server would run.

    python benchmarks/lsp.py              # 100 and 1000 cases, 40 changes each
    python benchmarks/lsp.py 5000 --changes 20

Prints a Markdown table. A benchmark, not a test: the figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import AS_OF, generate

PAUSE = 0.2


async def serve_and_change(root: Path, target: Path, changes: int) -> tuple[float, list[float]]:
    """The seconds from start to the first diagnostics, and from each change to its
    diagnostics."""
    client = LanguageClient("wvp-bench", "1")
    arrived: dict[int, float] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived.setdefault(params.version, time.perf_counter())
            event.set()

    async def wait_for(version: int) -> float:
        while version not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 60)
        return arrived[version]

    start = time.perf_counter()
    await client.start_io(
        sys.executable, "-m", "wvp_cli", "lsp", "--as-of", AS_OF.isoformat(), cwd=root
    )
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri())
    )
    client.initialized(types.InitializedParams())
    text = target.read_text(encoding="utf-8")
    uri = target.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    first = await wait_for(1) - start
    broken = text.replace("date: 20", "date: 19", 1)
    assert broken != text
    latencies = []
    current = text
    for version in range(2, changes + 2):
        new = broken if version % 2 == 0 else text
        lines = current.split("\n")
        end = types.Position(len(lines) - 1, len(lines[-1]))
        await asyncio.sleep(PAUSE)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(0, 0), end), text=new
                    )
                ],
            )
        )
        latencies.append(await wait_for(version) - sent)
        current = new
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, latencies


def cold_check(root: Path, target: Path, runs: int) -> list[float]:
    times = []
    as_of = ["--as-of", AS_OF.isoformat()]
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "wvp_cli", "check", str(target), "--no-cache", *as_of],
            cwd=root,
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5, help="cold checks of one file")
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            files = generate(size, root / "cases")
            target = max(files[:20], key=lambda p: p.stat().st_size)  # a full case
            first, latencies = asyncio.run(serve_and_change(root, target, args.changes))
            cold = cold_check(root, target, args.runs)
            latencies.sort()
            p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
            rows.append(
                f"| {size} | {target.stat().st_size // 1024} KiB | {ms(first)} | "
                f"{ms(statistics.median(latencies))} | {ms(p95)} | {ms(max(latencies))} | "
                f"{ms(statistics.median(cold))} |"
            )
    print(
        "| cases | file | start to first diagnostics | change to diagnostics, median | p95 "
        "| max | cold `wvp check one.yaml`, median |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
