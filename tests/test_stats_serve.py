"""The figures page of `wvp serve` (`/cijfers`) over real HTTP: the numbers of `wvp stats`,
the chart as a real PNG, the security headers, and nothing but aggregates."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator

import pytest

from serve_helpers import AS_OF, Client, Server, scratch_repo, start

pytest.importorskip("starlette", reason="the 'serve' extra (starlette, uvicorn) is missing")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start(scratch_repo(tmp_path_factory.mktemp("cijfers")))
    yield running
    running.stop()


def test_the_page_shows_what_wvp_stats_shows(server: Server) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "wvp_cli", "stats", "--as-of", AS_OF, "--format", "json"],
        cwd=server.root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    (group,) = json.loads(done.stdout)["groups"]
    reply = Client(server).get("/cijfers")
    assert reply.status == 200
    page = reply.text
    assert f'<td>Cases met ziektedagen in de periode</td><td class="num">{group["cases"]}' in page
    assert f'<td>Nieuwe ziekmeldingen</td><td class="num">{group["new_reports"]}' in page
    assert "<script" not in page and " style=" not in page
    policy = reply.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "img-src 'self'" in policy
    assert 'src="/cijfers.png?van=' in page


def test_the_chart_is_a_png(server: Server) -> None:
    reply = Client(server).get("/cijfers.png?van=2025-11-25&tot=2026-11-24&per=alle")
    assert reply.status == 200
    assert reply.headers["content-type"] == "image/png"
    assert reply.body.startswith(b"\x89PNG\r\n")


def test_small_groups_and_bad_queries(server: Server) -> None:
    client = Client(server)
    page = client.get("/cijfers?per=casemanager").text
    # The samples have fewer than five employees per casemanager: no group, and it says so.
    assert "minder dan 5 werknemers niet getoond" in page
    assert "<h2>" not in page
    assert client.get("/cijfers?van=gisteren").status == 400
    assert client.get("/cijfers?per=afdeling").status == 400
    assert client.get("/cijfers?van=2026-12-01&tot=2026-01-01").status == 400
