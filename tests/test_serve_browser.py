"""`wvp serve` in a real browser: the system's headless Chromium (Debian's `chromium` package),
driven by Playwright pointed at /usr/bin/chromium; no browser is downloaded.

Without Chromium these tests are skipped with the way to get it (`apt-get install chromium`).
Set WVP_SCREENSHOTS=docs/serve to renew the screenshots of docs/serve.md.
"""

from __future__ import annotations

import os
import shutil
import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from serve_helpers import Server, scratch_repo, start

pytest.importorskip("starlette", reason="the 'serve' extra (starlette, uvicorn) is missing")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing (dev extra)")

CHROMIUM = os.environ.get("WVP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        "headless Chromium is missing: install it with 'apt-get install chromium' "
        "(or set WVP_CHROMIUM to its path)",
        allow_module_level=True,
    )

PLAN = "week-10-plan-van-aanpak.yaml"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--lang=nl-NL"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Server]:
    running = start(scratch_repo(tmp_path))
    yield running
    running.stop()


def test_a_casemanager_records_an_evaluation_in_the_browser(page: Any, own: Server) -> None:
    page.goto(own.url)
    assert page.locator("h1").inner_text() == "Werkvoorraad"
    assert page.locator("tr[data-case]").count() > 0
    # Six weeks ahead (the filter of the page), and from there the case.
    page.get_by_label("Dagen vooruit").fill("42")
    page.get_by_role("button", name="Toon").click()
    assert "dagen=42" in page.url
    page.locator('tr[data-case="2026-024"] a').first.click()
    assert page.locator("h1").inner_text().startswith("Case 2026-024")
    assert page.locator("svg.bar .marker").count() > 5
    page.get_by_label("Soort stap").select_option("evaluatie")
    page.get_by_role("button", name="Formulier openen").click()
    page.get_by_label("Datum").fill("2026-11-20")
    page.get_by_label("Samenvatting").fill("Opbouw naar 6 uur per dag besproken; loopt goed.")
    before = (own.root / PLAN).read_bytes()
    page.get_by_role("button", name="Bekijk de wijziging").click()
    assert "+  - type: evaluatie" in page.locator("pre.diff").inner_text()
    assert (own.root / PLAN).read_bytes() == before
    page.get_by_role("button", name=f"Opslaan in {PLAN}").click()
    assert "Vastgelegd" in page.locator("p.notice").inner_text()
    newest = page.locator("ol.events li").first.inner_text()
    assert "Opbouw naar 6 uur per dag besproken; loopt goed." in newest
    assert "20 november 2026" in newest
    written = (own.root / PLAN).read_text(encoding="utf-8")
    assert 'summary: "Opbouw naar 6 uur per dag besproken; loopt goed."' in written


class _Attacker(BaseHTTPRequestHandler):
    """Another site (another origin on this machine) with a form aimed at wvp serve."""

    target = ""

    def do_GET(self) -> None:
        body = (
            "<!DOCTYPE html><title>Andere site</title>"
            f'<form method="post" action="{self.target}zaak/stap">'
            f'<input name="bestand" value="{PLAN}"><input name="stap" value="evaluatie">'
            '<input name="summary" value="Ingevuld door een andere site">'
            '<input name="bevestig" value="1"><button type="submit">Verstuur</button></form>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


def test_a_form_of_another_site_is_refused_by_the_browser_s_request(page: Any, own: Server) -> None:
    handler = type("Attacker", (_Attacker,), {"target": own.url})
    other = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=other.serve_forever, daemon=True)
    thread.start()
    try:
        before = (own.root / PLAN).read_bytes()
        page.goto(own.url)  # the browser has been to wvp: it holds its cookie
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/")
        with page.expect_navigation():
            page.get_by_role("button", name="Verstuur").click()
        assert "Geweigerd" in page.content()
        assert (own.root / PLAN).read_bytes() == before
    finally:
        other.shutdown()
        other.server_close()


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_screenshots_of_the_main_pages(page: Any, own: Server, tmp_path: Path) -> None:
    """The pages render in the browser at 1280×800, without anything the policy blocked."""
    folder = Path(os.environ.get("WVP_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if m.type == "error" else None)
    shots = {
        "werkvoorraad": "",
        "cases": "cases?alle=1",
        "case": f"zaak?bestand={PLAN}",
        "stap": f"zaak/stap?bestand={PLAN}&stap=evaluatie",
        "document": f"zaak/document?bestand={PLAN}&soort=plan",
        "controle": "controle",
        "cijfers": "cijfers",
        "regels": "regels",
    }
    for name, path in shots.items():
        page.goto(own.url + path)
        assert page.locator("h1").count() == 1
        page.screenshot(path=str(folder / f"{name}.png"))
        assert _png_size(folder / f"{name}.png") == (1280, 800)
    # The diff before a step is saved.
    page.goto(own.url + f"zaak/stap?bestand={PLAN}&stap=evaluatie")
    page.get_by_label("Samenvatting").fill("Opbouw naar 6 uur per dag besproken; loopt goed.")
    page.get_by_role("button", name="Bekijk de wijziging").click()
    assert page.locator("pre.diff .add").count() >= 3
    page.screenshot(path=str(folder / "stap-wijziging.png"))
    # The incognito switch, pressed in the browser.
    page.goto(own.url + f"zaak?bestand={PLAN}")
    page.get_by_role("button", name="Incognito uit").click()
    assert "Proefstra" not in page.locator("main").inner_text()
    page.screenshot(path=str(folder / "incognito.png"))
    assert blocked == []
