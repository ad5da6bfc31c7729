"""How long the pages of `wvp serve` take, on generated repositories.

A scratch repository of generated cases (`generate.py`, 100 and 1,000 by default) is served by
`python -m wvp_cli serve --port 0`; each page is fetched once cold (the first load after the
start, which fills the result cache) and then several times warm, and after one case file is
touched (what an edit in an editor does: that file is read again, the rest comes from the
cache). Wall time of the whole request, over a real socket.

    python benchmarks/serve.py             # 100 and 1000 cases, 5 warm loads per page
    python benchmarks/serve.py 5000 --runs 3

Prints a Markdown table. A benchmark, not a test: the figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import http.client
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import AS_OF, generate


def fetch(port: int, path: str) -> float:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return time.perf_counter() - start


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def measure(size: int, runs: int) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = generate(size, root / "cases")
        target = files[0]
        name = quote(target.relative_to(root).as_posix(), safe="")
        pages = {
            "werkvoorraad": "/",
            "cases": "/cases",
            "case": f"/zaak?bestand={name}",
            "check": "/controle",
        }
        command = [sys.executable, "-m", "wvp_cli", "serve", ".", "--port", "0"]
        process = subprocess.Popen(
            [*command, "--as-of", AS_OF.isoformat()], cwd=root, stdout=subprocess.PIPE, text=True
        )
        try:
            assert process.stdout is not None
            found = re.search(r":(\d+)/", process.stdout.readline())
            assert found, "wvp serve did not start"
            port = int(found.group(1))
            for page, path in pages.items():
                cold = fetch(port, path)
                warm = [fetch(port, path) for _ in range(runs)]
                target.touch()
                target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
                edited = fetch(port, path)
                rows.append(
                    f"| {size} | {page} | {ms(cold)} | {ms(statistics.median(warm))} | "
                    f"{ms(edited)} |"
                )
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000])
    parser.add_argument("--runs", type=int, default=5, help="warm loads per page")
    args = parser.parse_args()
    rows = [row for size in args.sizes for row in measure(size, args.runs)]
    print("| cases | page | first load (cold cache) | warm, median | after one file changed |")
    print("|---:|---|---:|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
