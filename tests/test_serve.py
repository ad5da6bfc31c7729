"""`wvp serve` over real HTTP: a real server in a subprocess, requests over a socket. Every page
shows what the matching command shows; every form goes through the writer of `wvp add`; the
guard refuses other origins, foreign Host headers and paths outside the repository."""

from __future__ import annotations

import hashlib
import html
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from serve_helpers import AS_OF, Client, Server, scratch_repo, start
from wvp_cli.rules import all_rules

pytest.importorskip("starlette", reason="the 'serve' extra (starlette, uvicorn) is missing")

PLAN = "week-10-plan-van-aanpak.yaml"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server over a copy of the samples, for the tests that only read."""
    running = start(scratch_repo(tmp_path_factory.mktemp("serve")))
    yield running
    running.stop()


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Server]:
    """A server of the test's own, for the tests that write."""
    running = start(scratch_repo(tmp_path))
    yield running
    running.stop()


def _cli_json(root: Path, *args: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "wvp_cli", *args, "--as-of", AS_OF, "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    document = json.loads(done.stdout)
    assert isinstance(document, dict)
    return document


# --- the pages show what the commands show -------------------------------------------------


def test_the_werkvoorraad_lists_what_wvp_deadlines_lists(server: Server) -> None:
    page = Client(server).get("/")
    assert page.status == 200
    assert "text/html" in page.headers["content-type"]
    assert "<h1>Werkvoorraad</h1>" in page.text
    shown = re.findall(r'data-case="([^"]+)" data-milestone="([^"]+)"', page.text)
    expected = _cli_json(server.root, "deadlines", ".")["deadlines"]
    assert isinstance(expected, list)
    assert shown == [(d["case"], d["milestone"]) for d in expected]
    assert shown  # the samples have deadlines in these 14 days


def test_the_werkvoorraad_filters_as_deadlines_does(server: Server) -> None:
    client = Client(server)
    page = client.get("/?dagen=42&wie=uwv")
    shown = re.findall(r'data-case="([^"]+)" data-milestone="([^"]+)"', page.text)
    expected = _cli_json(server.root, "deadlines", ".", "--days", "42", "--who", "uwv")
    assert shown == [(d["case"], d["milestone"]) for d in expected["deadlines"]]  # type: ignore[union-attr]
    bad = client.get("/?dagen=veel")
    assert bad.status == 400
    assert "verwacht een getal" in bad.text


def test_the_portfolio_lists_what_wvp_cases_lists(server: Server) -> None:
    client = Client(server)
    page = client.get("/cases")
    assert page.status == 200
    shown = re.findall(r'<tr data-case="([^"]+)">', page.text)
    expected = _cli_json(server.root, "cases", ".")["cases"]
    assert shown == [r["case"] for r in expected]  # type: ignore[union-attr]
    every = re.findall(r'<tr data-case="([^"]+)">', client.get("/cases?alle=1").text)
    expected_all = _cli_json(server.root, "cases", ".", "--all")["cases"]
    assert every == [r["case"] for r in expected_all]  # type: ignore[union-attr]
    assert len(every) > len(shown)


def test_the_case_page_shows_the_timeline_of_wvp_timeline(server: Server) -> None:
    page = Client(server).get(f"/zaak?bestand={PLAN}")
    assert page.status == 200
    shown = re.findall(r'data-milestone="([^"]+)" data-status="([^"]+)"', page.text)
    expected = _cli_json(server.root, "timeline", PLAN)["milestones"]
    assert shown == [(m["milestone"], m["status"]) for m in expected]  # type: ignore[union-attr]
    assert "Case 2026-024" in page.text
    assert '<svg class="bar"' in page.text  # the 104-week bar
    assert "Probleemanalyse" in page.text  # an event of the timeline


def test_the_check_page_counts_what_wvp_check_finds(server: Server) -> None:
    page = Client(server).get("/controle")
    assert page.status == 200
    findings = _cli_json(server.root, "check", ".")["findings"]
    assert isinstance(findings, list)
    errors = sum(1 for f in findings if f["severity"] == "error")
    assert f"✗ {errors} fouten" in page.text
    assert page.text.count('<li class="severity-') == len(findings)


def test_a_case_page_shows_its_findings_with_their_line(server: Server) -> None:
    page = Client(server).get("/zaak?bestand=invalid-deadlines.yaml")
    assert page.status == 200
    findings = _cli_json(server.root, "check", "invalid-deadlines.yaml")["findings"]
    assert findings
    for f in findings:  # type: ignore[union-attr]
        assert f"regel {f['line']}: {html.escape(f['message'], quote=False)}" in page.text


def test_the_rules_pages_show_the_registry(server: Server) -> None:
    client = Client(server)
    page = client.get("/regels")
    for code, rule in all_rules().items():
        assert f'href="/regels/{code}"' in page.text
        assert html.escape(rule.source, quote=False) in page.text
    one = client.get("/regels/wvp101")
    assert one.status == 200
    assert html.escape(all_rules()["WVP101"].doc.splitlines()[0], quote=False) in one.text
    assert client.get("/regels/WVP999").status == 404


def test_the_documents_come_in_html_pdf_and_word(server: Server) -> None:
    client = Client(server)
    query = f"?bestand={PLAN}&soort=plan"
    page = client.get("/zaak/document" + query)
    assert page.status == 200
    assert '<iframe class="document"' in page.text
    document = client.get("/zaak/document.html" + query)
    assert document.status == 200
    assert "sandbox" in document.headers["content-security-policy"]
    assert "Plan van aanpak" in document.text
    assert "M. Proefstra" in document.text
    word = client.get("/zaak/document.docx" + query)
    assert word.status == 200
    assert word.body[:2] == b"PK"
    assert "attachment" in word.headers["content-disposition"]
    pytest.importorskip("weasyprint", reason="the 'pdf' extra (WeasyPrint) is missing")
    pdf = client.get("/zaak/document.pdf" + query)
    assert pdf.status == 200
    assert pdf.body.startswith(b"%PDF")
    assert client.get(f"/zaak/document?bestand={PLAN}&soort=roman").status == 400


# --- the guard -----------------------------------------------------------------------------


def test_a_foreign_host_header_is_refused(server: Server) -> None:
    """DNS rebinding: another site's name that resolves to 127.0.0.1 gets nothing."""
    client = Client(server)
    refused = client.get("/", headers={"Host": f"aanvaller.example:{server.port}"})
    assert refused.status == 421
    assert "Host" in refused.text
    assert "2026-024" not in refused.text
    assert client.get("/", headers={"Host": f"localhost:{server.port}"}).status == 200
    assert client.get("/", headers={"Host": "127.0.0.1:1"}).status == 421


def test_a_cross_origin_post_is_refused_and_changes_nothing(own: Server) -> None:
    client = Client(own)
    before = (own.root / PLAN).read_bytes()
    token = client.token(f"/zaak/stap?bestand={PLAN}&stap=evaluatie")
    fields = {"csrf": token, "bestand": PLAN, "stap": "evaluatie", "summary": "Gesprek gevoerd."}
    for origin, headers in (
        ("http://aanvaller.example", {}),
        (f"http://127.0.0.1:{own.port + 1}", {}),
        ("null", {}),
        (None, {}),  # neither Origin nor Referer
        (None, {"Referer": "http://aanvaller.example/pagina"}),
    ):
        refused = client.post("/zaak/stap", {**fields, "bevestig": "1"}, headers, origin=origin)
        assert refused.status == 403, origin
        assert "Geweigerd" in refused.text
    assert (own.root / PLAN).read_bytes() == before
    # The same form from our own page is taken (a preview: nothing written yet).
    assert client.post("/zaak/stap", fields).status == 200
    referer = {"Referer": f"http://{own.host}/zaak"}
    assert client.post("/zaak/stap", fields, referer, origin=None).status == 200


def test_a_post_without_the_csrf_token_is_refused(own: Server) -> None:
    client = Client(own)
    client.get("/")  # the cookie
    fields = {"bestand": PLAN, "stap": "evaluatie", "summary": "Gesprek gevoerd."}
    assert client.post("/zaak/stap", fields).status == 403
    assert client.post("/zaak/stap", {**fields, "csrf": "0" * 64}).status == 403
    stranger = Client(own)  # another browser: its own cookie, so our token is not its token
    token = client.token()
    stranger.get("/")
    assert stranger.post("/zaak/stap", {**fields, "csrf": token}).status == 403
    assert client.post("/incognito", {"csrf": "x", "aan": "1"}).status == 403


@pytest.mark.parametrize(
    "name",
    [
        "../dossiers/week-10-plan-van-aanpak.yaml",
        "../../etc/passwd",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "..%2F..%2Fetc%2Fpasswd",
        "wvp.toml",
        "README.md",
        "./week-10-plan-van-aanpak.yaml/../../geheim.yaml",
    ],
)
def test_no_file_outside_the_repositorys_case_files_is_served(server: Server, name: str) -> None:
    (server.root.parent / "geheim.yaml").write_text("wvp: 1\nid: geheim\n", encoding="utf-8")
    client = Client(server)
    for path in ("/zaak", "/zaak/document.html", "/zaak/stap"):
        reply = client.get(f"{path}?bestand={name}&soort=plan&stap=evaluatie")
        assert reply.status == 404, (path, name)
        assert "root:" not in reply.text
        assert "geheim" not in reply.text.replace(name, "")


def test_a_symbolic_link_out_of_the_repository_is_not_followed(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path)
    outside = tmp_path / "buiten.yaml"
    outside.write_bytes((repo / PLAN).read_bytes().replace(b"2026-024", b"2026-999"))
    (repo / "link.yaml").symlink_to(outside)
    running = start(repo)
    try:
        client = Client(running)
        assert client.get("/zaak?bestand=link.yaml").status == 404
        assert "2026-999" not in client.get("/cases").text
    finally:
        running.stop()


def test_a_proxy_name_is_taken_only_when_allowed(tmp_path: Path) -> None:
    running = start(scratch_repo(tmp_path), "--allow-host", "dossiers.intern")
    try:
        client = Client(running)
        assert client.get("/", headers={"Host": "dossiers.intern"}).status == 200
        assert client.get("/", headers={"Host": f"dossiers.intern:{running.port}"}).status == 200
        assert client.get("/", headers={"Host": "anders.intern"}).status == 421
    finally:
        running.stop()


def test_every_answer_carries_the_security_headers(server: Server) -> None:
    client = Client(server)
    for path in ("/", "/cases", f"/zaak?bestand={PLAN}", "/controle", "/regels", "/wvp.css"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src" not in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store" or path == "/wvp.css"
        assert "server" not in headers
    page = client.get("/").text
    assert "<script" not in page
    assert " style=" not in page


def test_every_value_from_a_case_is_escaped(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "vreemd.yaml").write_text(
        'wvp: 1\nid: "x-<b>1</b>"\nemployee:\n  name: "<script>alert(1)</script> Jansen"\n'
        'employer:\n  name: "A&B \\"BV\\""\n  casemanager: "<img src=x onerror=alert(2)>"\n'
        "sickness:\n  - from: 2026-11-01\nevents:\n  - type: ziekmelding_arbodienst\n"
        '    date: 2026-11-02\n    note: "</dd><iframe src=//x>"\n',
        encoding="utf-8",
    )
    running = start(repo)
    try:
        client = Client(running)
        for path in ("/", "/cases", "/zaak?bestand=vreemd.yaml", "/controle"):
            text = client.get(path).text
            assert "<script>alert" not in text and "<img src=x" not in text, path
            assert "<iframe src=//x>" not in text and "<b>1</b>" not in text, path
        case = client.get("/zaak?bestand=vreemd.yaml").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Jansen" in case
        assert "&lt;/dd&gt;&lt;iframe src=//x&gt;" in case
    finally:
        running.stop()


def test_the_server_logs_no_case_content(tmp_path: Path) -> None:
    running = start(scratch_repo(tmp_path))
    client = Client(running)
    client.get("/")
    client.get(f"/zaak?bestand={PLAN}")
    client.get("/zaak?bestand=bestaat-niet.yaml")
    client.get("/", headers={"Host": "aanvaller.example"})
    log = running.stop()
    for secret in ("Proefstra", "2026-024", PLAN, "bestaat-niet", "aanvaller"):
        assert secret not in log


# --- privacy ---------------------------------------------------------------------------------


def test_incognito_hides_names_and_bsns_on_every_page(own: Server) -> None:
    client = Client(own)
    (own.root / PLAN).write_text(
        (own.root / PLAN)
        .read_text(encoding="utf-8")
        .replace(
            '  job: "Chauffeur distributie"', '  job: "Chauffeur distributie"\n  bsn: "111222333"'
        ),
        encoding="utf-8",
    )
    pages = ["/", "/cases", f"/zaak?bestand={PLAN}", f"/zaak/stap?bestand={PLAN}&stap=evaluatie"]
    assert "M. Proefstra" in client.get(f"/zaak?bestand={PLAN}").text
    token = client.token()
    switched = client.post("/incognito", {"csrf": token, "aan": "1", "terug": "/cases"})
    assert switched.status == 303
    assert switched.headers["location"] == "/cases"
    for path in pages:
        text = client.get(path).text
        for name in ("Proefstra", "Jansen-Demo", "Verzonnen", "111222333", "Termijnloos"):
            assert name not in text, (path, name)
        assert "Incognito aan" in text
    document = client.get(f"/zaak/document.html?bestand={PLAN}&soort=plan").text
    assert "Proefstra" not in document
    word = client.get(f"/zaak/document.docx?bestand={PLAN}&soort=plan").body
    with zipfile.ZipFile(io.BytesIO(word)) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
        xml += docx.read("word/header1.xml").decode("utf-8")
    assert "Transport Oefenweg BV" in xml
    assert "Proefstra" not in xml and "Verzonnen" not in xml
    # Off again, and another site cannot choose where the switch sends the browser.
    off = client.post("/incognito", {"csrf": token, "aan": "0", "terug": "//aanvaller.example/"})
    assert off.headers["location"] == "/"
    tab = client.post("/incognito", {"csrf": token, "aan": "0", "terug": "/\t/aanvaller.example"})
    assert tab.headers["location"] == "/"
    assert "M. Proefstra" in client.get(f"/zaak?bestand={PLAN}").text


def test_incognito_hides_the_names_on_the_check_page_too(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path)
    (repo / "dubbel.yaml").write_text(
        (repo / PLAN).read_text(encoding="utf-8"), encoding="utf-8"
    )  # the same case id twice: WVP020 names the files, the messages quote the case
    running = start(repo, "--incognito")
    try:
        client = Client(running)
        for path in ("/controle", "/", "/cases", f"/zaak?bestand={PLAN}"):
            text = client.get(path).text
            assert "Incognito aan" in text
            for name in ("Proefstra", "Jansen-Demo", "Verzonnen", "Termijnloos", "Fictiefsma"):
                assert name not in text, (path, name)
    finally:
        running.stop()


def test_a_broken_configuration_is_said_on_the_page(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path)
    running = start(repo)
    try:
        (repo / "wvp.toml").write_text("select = [\n", encoding="utf-8")
        reply = Client(running).get("/cases")
        assert reply.status == 500
        assert "configuratie" in reply.text
        assert "Traceback" not in reply.text
    finally:
        running.stop()


def test_a_medical_word_is_masked_on_the_pages_as_in_wvp_check(tmp_path: Path) -> None:
    """A word the configuration names as medical (an invented one here) never shows in full."""
    repo = scratch_repo(tmp_path)
    (repo / "wvp.toml").write_text('[privacy]\nextra_terms = ["zwoelbloemziekte"]\n', "utf-8")
    text = (repo / PLAN).read_text(encoding="utf-8")
    (repo / PLAN).write_text(
        text.replace('    prognosis: "', '    prognosis: "Zwoelbloemziekte. '), encoding="utf-8"
    )
    running = start(repo)
    try:
        client = Client(running)
        for path in (f"/zaak?bestand={PLAN}", "/controle"):
            page = client.get(path).text
            assert "wvp" in page
            assert "woelbloemziekt" not in page.lower(), path
        assert "Z**************e" in client.get(f"/zaak?bestand={PLAN}").text
        # A document is refused, as `wvp render` refuses it.
        refused = client.get(f"/zaak/document.html?bestand={PLAN}&soort=plan")
        assert refused.status == 422
        assert "niet in een document" in refused.text
    finally:
        running.stop()


# --- recording a step --------------------------------------------------------------------------


def _evaluation(client: Client, summary: str) -> dict[str, str]:
    token = client.token(f"/zaak/stap?bestand={PLAN}&stap=evaluatie")
    return {
        "csrf": token,
        "bestand": PLAN,
        "stap": "evaluatie",
        "date": "2026-11-20",
        "summary": summary,
    }


def test_a_step_shows_its_diff_then_writes_it_as_wvp_add_does(own: Server) -> None:
    client = Client(own)
    path = own.root / PLAN
    before = path.read_bytes()
    form = client.get(f"/zaak/stap?bestand={PLAN}&stap=evaluatie")
    assert form.status == 200
    assert 'name="summary"' in form.text and 'value="2026-11-24"' in form.text
    fields = _evaluation(client, "Opbouw loopt volgens plan; volgende stap 6 uur per dag.")
    preview = client.post("/zaak/stap", fields)
    assert preview.status == 200
    assert path.read_bytes() == before  # a preview writes nothing
    assert '<span class="add">+  - type: evaluatie</span>' in preview.text
    digest = re.search(r'name="sha" value="([0-9a-f]+)"', preview.text)
    assert digest and digest.group(1) == hashlib.sha256(before).hexdigest()
    saved = client.post("/zaak/stap", {**fields, "bevestig": "1", "sha": digest.group(1)})
    assert saved.status == 303
    assert saved.headers["location"].startswith(f"/zaak?bestand={PLAN}&vastgelegd=")
    after = path.read_text(encoding="utf-8")
    assert 'summary: "Opbouw loopt volgens plan; volgende stap 6 uur per dag."' in after
    assert after.startswith("# Week 10: probleemanalyse")  # comments kept (round-trip)
    # What `wvp add` writes for the same step, on a fresh copy.
    twin = own.root.parent / "twin.yaml"
    twin.write_bytes(before)
    done = subprocess.run(
        [sys.executable, "-m", "wvp_cli", "add", str(twin), "evaluatie", "--date", "2026-11-20",
         "--as-of", AS_OF, "--no-input",
         "summary=Opbouw loopt volgens plan; volgende stap 6 uur per dag."],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert twin.read_text(encoding="utf-8") == after
    page = client.get(saved.headers["location"]).text
    assert "✓ Vastgelegd" in page
    assert "Opbouw loopt volgens plan" in page


def test_every_step_has_its_form(server: Server) -> None:
    from wvp_cli.core.forms import FORMS

    client = Client(server)
    for step, form in FORMS.items():
        page = client.get(f"/zaak/stap?bestand={PLAN}&stap={step}")
        assert page.status == 200, step
        assert html.escape(form.title, quote=False) in page.text
        for item in form.required:
            assert f'name="{item.name}"' in page.text, (step, item.name)


@pytest.mark.parametrize(
    ("step", "fields", "arguments"),
    [
        ("evaluatie", {"date": "2026-11-20", "summary": "Gesprek gevoerd."},
         ["--date", "2026-11-20", "summary=Gesprek gevoerd."]),
        ("werkhervatting", {"date": "2026-11-16", "hours": "16", "therapeutic": "nee"},
         ["--date", "2026-11-16", "hours=16", "therapeutic=nee"]),
        ("hersteld", {"date": "2026-11-20"}, ["--date", "2026-11-20"]),
        ("gegevens", {"employee.job": "Planner", "employer.arbodienst": "Arbo Proef"},
         ["employee.job=Planner", "employer.arbodienst=Arbo Proef"]),
        ("zwangerschapsverlof", {"from": "2026-11-02", "to": "2027-02-21"},
         ["--date", "2026-11-02", "to=2027-02-21"]),
        ("afwijking",
         {"date": "2026-11-20", "milestone": "evaluatie", "reason": "Op verzoek van beiden later",
          "agreed_by_employee": "ja"},
         ["--date", "2026-11-20", "milestone=evaluatie", "reason=Op verzoek van beiden later",
          "agreed_by_employee=ja"]),
        ("verlenging",
         {"decided": "2026-11-20", "type": "vrijwillige_verlenging",
          "last_wage_day": "2028-12-13"},
         ["--date", "2026-11-20", "type=vrijwillige_verlenging", "last_wage_day=2028-12-13"]),
    ],
)  # fmt: skip
def test_the_preview_is_the_diff_of_wvp_add(
    server: Server, step: str, fields: dict[str, str], arguments: list[str]
) -> None:
    """Each kind of change (events, sickness, recovery, leave, fields, deviations, extensions)
    goes through the writer of `wvp add`: the page's diff is the one `wvp add --dry-run` prints."""
    client = Client(server)
    before = (server.root / PLAN).read_bytes()
    token = client.token(f"/zaak/stap?bestand={PLAN}&stap={step}")
    reply = client.post("/zaak/stap", {"csrf": token, "bestand": PLAN, "stap": step, **fields})
    assert reply.status in (200, 422), reply.text
    shown = re.search(r'<pre class="diff">(.*?)</pre>', reply.text, re.S)
    assert shown, reply.text
    web = [html.unescape(line) for line in re.findall(r'<span class="\w+">(.*?)</span>', shown[1])]
    done = subprocess.run(
        [sys.executable, "-m", "wvp_cli", "add", PLAN, step, *arguments, "--dry-run",
         "--no-input", "--as-of", AS_OF],
        cwd=server.root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    cli = [line for line in done.stdout.splitlines() if line[:1] in ("-", "+", "@", " ")]
    assert web == cli
    assert len(web) > 3
    assert (server.root / PLAN).read_bytes() == before


def test_a_step_that_would_make_the_case_invalid_leaves_the_file_byte_identical(
    own: Server,
) -> None:
    client = Client(own)
    path = own.root / PLAN
    before = path.read_bytes()
    token = client.token(f"/zaak/stap?bestand={PLAN}&stap=werkhervatting")
    fields = {"csrf": token, "bestand": PLAN, "stap": "werkhervatting", "hours": "200"}
    preview = client.post("/zaak/stap", fields)
    assert preview.status == 422
    assert "Niet geschreven" in preview.text and "ongeldig" in preview.text
    assert "Opslaan in" not in preview.text
    forced = client.post(
        "/zaak/stap", {**fields, "bevestig": "1", "sha": hashlib.sha256(before).hexdigest()}
    )
    assert forced.status == 422
    assert path.read_bytes() == before


def test_a_bad_value_or_a_missing_field_is_said_in_dutch(own: Server) -> None:
    client = Client(own)
    before = (own.root / PLAN).read_bytes()
    fields = _evaluation(client, "")
    reply = client.post("/zaak/stap", fields)
    assert reply.status == 422
    assert "verplicht: vul dit veld in" in reply.text
    reply = client.post("/zaak/stap", {**fields, "summary": "x", "date": "2026-13-01"})
    assert reply.status == 422 and "is geen datum" in reply.text
    reply = client.post("/zaak/stap", {**fields, "summary": "x", "date": "2027-01-01"})
    assert reply.status == 422 and "na de peildatum" in reply.text
    assert client.post("/zaak/stap", {**fields, "stap": "feest"}).status == 400
    assert (own.root / PLAN).read_bytes() == before


def test_a_file_changed_after_the_preview_is_not_overwritten(own: Server) -> None:
    client = Client(own)
    path = own.root / PLAN
    fields = _evaluation(client, "Gesprek gevoerd.")
    preview = client.post("/zaak/stap", fields)
    digest = re.search(r'name="sha" value="([0-9a-f]+)"', preview.text)
    assert digest
    edited = path.read_text(encoding="utf-8").replace("Chauffeur distributie", "Planner")
    path.write_text(edited, encoding="utf-8")
    again = client.post("/zaak/stap", {**fields, "bevestig": "1", "sha": digest.group(1)})
    assert again.status == 200
    assert "veranderd sinds het voorbeeld" in again.text
    assert path.read_text(encoding="utf-8") == edited


def test_the_pages_follow_the_files_without_a_restart(own: Server) -> None:
    client = Client(own)
    assert "Chauffeur distributie" in client.get(f"/zaak?bestand={PLAN}").text
    path = own.root / PLAN
    path.write_text(
        path.read_text(encoding="utf-8").replace("Chauffeur distributie", "Planner ritten"),
        encoding="utf-8",
    )
    assert "Planner ritten" in client.get(f"/zaak?bestand={PLAN}").text
    (own.root / "nieuw.yaml").write_text(
        'wvp: 1\nid: "2026-777"\nemployee:\n  name: "Z. Nieuw"\nemployer:\n  name: "Nieuw BV"\n'
        "sickness:\n  - from: 2026-11-20\nevents: []\n",
        encoding="utf-8",
    )
    assert '<tr data-case="2026-777">' in client.get("/cases").text
    # The portfolio follows a change of the same size too (it keeps the last one made).
    first = client.get("/cases").text
    assert "Z. Nieuw" in first
    nieuw = own.root / "nieuw.yaml"
    nieuw.write_text(nieuw.read_text(encoding="utf-8").replace("Z. Nieuw", "Z. Niets"), "utf-8")
    again = client.get("/cases").text
    assert "Z. Niets" in again and "Z. Nieuw" not in again


# --- the command --------------------------------------------------------------------------------


def _serve(*args: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "wvp_cli", "serve", *args]
    if code is not None:
        command = [sys.executable, "-c", code, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_serve_says_in_dutch_what_it_cannot_do(server: Server, tmp_path: Path) -> None:
    missing = _serve(str(tmp_path / "nergens"))
    assert missing.returncode == 2
    assert "geen map" in missing.stderr
    taken = _serve(str(server.root), "--port", str(server.port))
    assert taken.returncode == 2
    assert f"poort {server.port} is al in gebruik" in taken.stderr
    assert "Traceback" not in taken.stderr + missing.stderr


def test_another_address_than_loopback_prints_a_warning(server: Server) -> None:
    # On the port the test server already holds, so nothing is ever served on that address.
    wide = _serve(str(server.root), "--host", "0.0.0.0", "--port", str(server.port))
    assert "ook voor anderen op het netwerk bereikbaar" in wide.stderr
    assert "proxy met authenticatie" in wide.stderr
    assert wide.returncode == 2


def test_serve_without_the_extra_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['starlette'] = None; sys.modules['uvicorn'] = None\n"
        "from wvp_cli.cli import main; sys.exit(main(['serve']))"
    )
    done = _serve(code=code)
    assert done.returncode == 2
    assert "pip install 'wvp-poortwachter[serve]'" in done.stderr
