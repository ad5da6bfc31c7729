"""`wvp notify` against the real thing: an SMTP server on localhost (aiosmtpd), STARTTLS and
TLS with a throwaway CA (trustme), and an HTTPS server receiving the webhook's JSON.

The expected items of every recipient come from `wvp deadlines --format json` over the same
files and date: the digest must hold exactly the agenda's rows of that recipient's cases.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from conftest import run_cli, yaml_text
from wvp_cli.privacy import terms as privacy_terms
from wvp_cli.rules.privacy import mask, matchers

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")
trustme = pytest.importorskip("trustme")
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

AS_OF = "2026-11-24"

#: A medical word, taken from the privacy rules' own list (this file names none itself).
MEDICAL = next(
    w for w in privacy_terms.TERMS["diagnose"] if w.isalpha() and w.isascii() and len(w) > 6
)


@dataclass(frozen=True)
class CaseSpec:
    id: str
    name: str
    casemanager: str | None
    first_sick_day: str


CASES = (
    CaseSpec("c-visser-1", "A. <b>Jansen</b> & Zn", "S. Visser", "2026-10-01"),
    CaseSpec("c-visser-2", "B. Bakker", "s.  VISSER", "2026-11-20"),
    CaseSpec("c-devries", f"K. {MEDICAL.capitalize()}", "K. de Vries", "2026-10-15"),
    CaseSpec("c-weigeraar", "D. Dekker", "R. Weigeraar", "2026-10-20"),
    CaseSpec("c-geen", "E. Smit", None, "2026-10-10"),
    CaseSpec("c-onbekend", "F. Mulder", "Onbekend Persoon", "2026-11-01"),
    CaseSpec("c-hook", "G. de Wit", "W. Hook", "2026-10-05"),
)
ADDRESS = {
    "S. Visser": "s.visser@example.nl",
    "K. de Vries": "k.devries@example.nl",
    "R. Weigeraar": "weigert@example.nl",
    "W. Hook": "webhook:WVP_TEST_HOOK",
}
FALLBACK = "team@example.nl"


def free_text(case_id: str) -> str:
    return f"VRIJETEKST{case_id.replace('-', '')}"


def case_yaml(spec: CaseSpec) -> str:
    manager = f'  casemanager: "{spec.casemanager}"\n' if spec.casemanager else ""
    return (
        yaml_text(f"""
        wvp: 1
        id: "{spec.id}"
        employee:
          name: "{spec.name}"
          job: "{free_text(spec.id)} functie"
          skills: "{free_text(spec.id)} vaardigheden"
        employer:
          name: "Voorbeeld BV"
        """)
        + manager
        + yaml_text(f"""
        sickness:
          - from: {spec.first_sick_day}
        events: []
        """)
    )


def config_text(smtp: str, extra: str = "") -> str:
    recipients = "\n".join(f'"{name}" = "{address}"' for name, address in ADDRESS.items())
    return f"""\
[notify]
{smtp}
sender = "Verzuim <verzuim@example.nl>"
fallback = "{FALLBACK}"
days = 14
{extra}
[notify.recipients]
{recipients}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Inbox:
    """An aiosmtpd handler that keeps every message and refuses the addresses in `refuse`."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 Message accepted"

    def parsed(self) -> dict[str, EmailMessage]:
        out: dict[str, EmailMessage] = {}
        for rcpts, raw in self.messages:
            message = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(message, EmailMessage)
            for rcpt in rcpts:
                assert rcpt not in out, f"twee berichten aan {rcpt}"
                out[rcpt] = message
        return out


@dataclass
class Hooks:
    url: str
    received: list[tuple[str, str, Any]] = field(default_factory=list)


@pytest.fixture(scope="module")
def ca() -> Any:
    return trustme.CA()


@pytest.fixture
def trust(ca: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """wvp's TLS (smtplib, urllib) trusts the test CA through SSL_CERT_FILE, as it would a
    company CA."""
    pem = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))


def server_context(ca: Any) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def hooks(ca: Any, trust: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hooks]:
    """A real HTTPS server on localhost that records every POST; `/fail` answers 500."""
    state = Hooks("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append(
                (self.path, self.headers["Content-Type"], json.loads(body.decode("utf-8")))
            )
            self.send_response(500 if self.path.startswith("/fail") else 200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = server_context(ca).wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    state.url = f"https://localhost:{httpd.server_address[1]}"
    monkeypatch.setenv("WVP_TEST_HOOK", f"{state.url}/hook/wit")
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("https_proxy", raising=False)
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


def make_repo(root: Path, config: str) -> Path:
    (root / "cases").mkdir(parents=True)
    for spec in CASES:
        (root / "cases" / f"{spec.id}.yaml").write_text(case_yaml(spec), encoding="utf-8")
    (root / "wvp.toml").write_text(config, encoding="utf-8")
    return root


def expected_uids(repo: Path) -> dict[str, set[str]]:
    """address -> the UIDs of the agenda's rows of that address's cases, from `wvp deadlines`."""
    run = run_cli("deadlines", str(repo / "cases"), "--as-of", AS_OF, "--days", "14", "-f", "json")
    assert run.code == 0, run.err
    manager = {spec.id: spec.casemanager for spec in CASES}
    lookup = {" ".join(k.split()).casefold(): v for k, v in ADDRESS.items()}
    out: dict[str, set[str]] = {}
    for row in json.loads(run.out)["deadlines"]:
        name = manager[row["case"]]
        address = lookup.get(" ".join(name.split()).casefold(), FALLBACK) if name else FALLBACK
        out.setdefault(address, set()).add(f"{row['case']}-{row['milestone']}@wvp")
    return out


def parts(message: EmailMessage) -> tuple[str, str, bytes]:
    """The plain text, the HTML and the attached calendar of a digest, checking its structure."""
    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = message.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html = alternative.iter_parts()
    assert plain.get_content_type() == "text/plain"
    assert html.get_content_type() == "text/html"
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == f"termijnen-{AS_OF}.ics"
    ics = attachment.get_payload(decode=True)
    assert isinstance(ics, bytes)
    return plain.get_content(), html.get_content(), ics


def calendar_uids(ics: bytes) -> set[str]:
    calendar = Calendar.from_ical(ics)
    events = list(calendar.walk("VEVENT"))
    for event in events:
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
    return {str(e["UID"]) for e in events}


def assert_private(text: str) -> None:
    """No free text of any case, and no medical word (the name that held one is masked)."""
    for spec in CASES:
        assert free_text(spec.id) not in text
    medical, _ = matchers({})
    assert list(medical.find(text)) == [], [h.word for h in medical.find(text)]


def notify(repo: Path, *args: str) -> Any:
    return run_cli("notify", str(repo / "cases"), "--as-of", AS_OF, *args)


# --- the whole story ------------------------------------------------------------------------


def test_each_recipient_once_with_exactly_their_items(
    tmp_path: Path, smtp: tuple[Inbox, int], hooks: Hooks
) -> None:
    inbox, port = smtp
    inbox.refuse.add("weigert@example.nl")
    repo = make_repo(
        tmp_path,
        config_text(f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"'),
    )
    expected = expected_uids(repo)
    assert {"s.visser@example.nl", "k.devries@example.nl", FALLBACK} <= set(expected)

    first = notify(repo, "--format", "json")
    # one recipient's server refused: exit 1, named; the others are delivered
    assert first.code == 1, first.err
    assert "weigert@example.nl" in first.err and "550" in first.err
    document = json.loads(first.out)
    status = {m["address"]: m["status"] for m in document["messages"]}
    assert status["weigert@example.nl"] == "failed"
    assert status["s.visser@example.nl"] == status[FALLBACK] == "sent"
    assert status["webhook:WVP_TEST_HOOK"] == "sent"

    received = inbox.parsed()
    assert set(received) == {"s.visser@example.nl", "k.devries@example.nl", FALLBACK}
    for address, message in received.items():
        assert message["To"] == address
        assert message["From"] == "Verzuim <verzuim@example.nl>"
        assert message["Subject"].startswith("Termijnen Poortwachter")
        assert message["Auto-Submitted"] == "auto-generated"
        plain, html, ics = parts(message)
        assert calendar_uids(ics) == expected[address]
        for text in (plain, html, ics.decode("utf-8"), message.as_string()):
            assert_private(text)
        for spec in CASES:
            theirs = any(uid.startswith(f"{spec.id}-") for uid in expected[address])
            assert (spec.id in plain) == theirs, (address, spec.id)

    # both spellings of S. Visser reach one digest; the HTML escapes the name from the case
    visser_plain, visser_html, _ = parts(received["s.visser@example.nl"])
    assert "c-visser-1" in visser_plain and "c-visser-2" in visser_plain
    assert "A. &lt;b&gt;Jansen&lt;/b&gt; &amp; Zn" in visser_html
    assert "<b>Jansen" not in visser_html
    # the medical word in a name goes out masked
    devries_plain, _, _ = parts(received["k.devries@example.nl"])
    assert mask(MEDICAL.capitalize()) in devries_plain
    # the fallback gets the cases without casemanager and of casemanagers without address
    fallback_plain, _, _ = parts(received[FALLBACK])
    assert "c-geen" in fallback_plain and "c-onbekend" in fallback_plain

    # the webhook: one post with only W. Hook's case
    assert len(hooks.received) == 1
    path, content_type, payload = hooks.received[0]
    assert path == "/hook/wit" and content_type.startswith("application/json")
    assert "c-hook" in payload["text"]
    assert all(spec.id not in payload["text"] for spec in CASES if spec.id != "c-hook")
    assert_private(json.dumps(payload, ensure_ascii=False))

    # a retry the same day sends only what failed
    inbox.refuse.clear()
    retry = notify(repo)
    assert retry.code == 0, retry.err
    assert [rcpts for rcpts, _ in inbox.messages[3:]] == [["weigert@example.nl"]]
    assert len(hooks.received) == 1
    assert "al verstuurd" in retry.out

    # and a third run sends nothing at all
    again = notify(repo, "--format", "json")
    assert again.code == 0
    assert len(inbox.messages) == 4 and len(hooks.received) == 1
    assert {m["status"] for m in json.loads(again.out)["messages"]} <= {
        "already_sent",
        "nothing_due",
    }
    assert (repo / ".wvp_notify" / ".gitignore").read_text().splitlines()[-1] == "*"
    record = json.loads((repo / ".wvp_notify" / "sent.json").read_text(encoding="utf-8"))
    assert set(record["sent"][AS_OF]) == {
        "s.visser@example.nl",
        "k.devries@example.nl",
        "weigert@example.nl",
        FALLBACK,
        "webhook:WVP_TEST_HOOK",
    }

    # the next peildatum is a new digest
    next_day = run_cli("notify", str(repo / "cases"), "--as-of", "2026-11-25")
    assert next_day.code == 0, next_day.err
    assert len(inbox.messages) == 8 and len(hooks.received) == 2


def test_dry_run_writes_eml_files_that_parse_and_sends_nothing(
    tmp_path: Path, smtp: tuple[Inbox, int], hooks: Hooks
) -> None:
    inbox, port = smtp
    repo = make_repo(
        tmp_path / "repo",
        config_text(f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"'),
    )
    out = tmp_path / "proef"
    run = notify(repo, "--dry-run", "--out", str(out))
    assert run.code == 0, run.err
    assert inbox.messages == [] and hooks.received == []
    assert not (repo / ".wvp_notify").exists()  # a dry run records nothing
    expected = expected_uids(repo)
    emls = sorted(out.glob("*.eml"))
    assert {p.stem for p in emls} == {a for a in expected if "@" in a}
    for path in emls:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        _, _, ics = parts(message)
        assert calendar_uids(ics) == expected[path.stem]
    chat = json.loads((out / "webhook-WVP_TEST_HOOK.json").read_text(encoding="utf-8"))
    assert "c-hook" in chat["text"]
    # and after the dry run, the real run still sends everything
    real = notify(repo)
    assert real.code == 0, real.err
    assert len(inbox.messages) == 4 and len(hooks.received) == 1


def test_starttls_with_login_and_the_password_from_the_environment(
    tmp_path: Path, ca: Any, trust: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = Inbox()

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
        assert isinstance(data, LoginPassword)
        inbox.logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"geheim-wachtwoord", handled=False)

    port = free_port()
    controller = aiosmtpd_controller.Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=server_context(ca),
        require_starttls=True,
        authenticator=authenticate,
        auth_require_tls=True,
    )
    controller.start()
    try:
        config = config_text(
            f'smtp_host = "localhost"\nsmtp_port = {port}\nsecurity = "starttls"\n'
            'smtp_user = "verzuim"'
        )
        repo = make_repo(tmp_path, config.replace('"W. Hook" = "webhook:WVP_TEST_HOOK"', ""))
        monkeypatch.delenv("WVP_SMTP_PASSWORD", raising=False)
        missing = notify(repo)
        assert missing.code == 2 and "WVP_SMTP_PASSWORD" in missing.err
        assert inbox.messages == []

        monkeypatch.setenv("WVP_SMTP_PASSWORD", "fout")
        refused = notify(repo)
        assert refused.code == 1 and "login" in refused.err
        assert inbox.messages == []

        monkeypatch.setenv("WVP_SMTP_PASSWORD", "geheim-wachtwoord")
        ok = notify(repo)
        assert ok.code == 0, ok.err
        assert inbox.logins[-1] == (b"verzuim", b"geheim-wachtwoord")
        assert {r for rcpts, _ in inbox.messages for r in rcpts} == {
            "s.visser@example.nl",
            "k.devries@example.nl",
            "weigert@example.nl",
            FALLBACK,
        }
    finally:
        controller.stop()


def test_starttls_to_an_untrusted_certificate_is_not_sent(
    tmp_path: Path, ca: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = Inbox()
    port = free_port()
    controller = aiosmtpd_controller.Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=server_context(ca)
    )
    controller.start()
    try:
        other = trustme.CA()  # wvp trusts another CA than the server's
        pem = tmp_path / "other.pem"
        other.cert_pem.write_to_path(str(pem))
        monkeypatch.setenv("SSL_CERT_FILE", str(pem))
        config = config_text(f'smtp_host = "localhost"\nsmtp_port = {port}')
        repo = make_repo(
            tmp_path / "repo", config.replace('"W. Hook" = "webhook:WVP_TEST_HOOK"', "")
        )
        run = notify(repo)
        assert run.code == 1
        assert "certificaat" in run.err
        assert inbox.messages == []
    finally:
        controller.stop()


def test_implicit_tls(tmp_path: Path, ca: Any, trust: None) -> None:
    inbox = Inbox()
    port = free_port()
    controller = aiosmtpd_controller.Controller(
        inbox, hostname="127.0.0.1", port=port, ssl_context=server_context(ca)
    )
    controller.start()
    try:
        config = config_text(f'smtp_host = "localhost"\nsmtp_port = {port}\nsecurity = "tls"')
        repo = make_repo(tmp_path, config.replace('"W. Hook" = "webhook:WVP_TEST_HOOK"', ""))
        run = notify(repo)
        assert run.code == 0, run.err
        assert len(inbox.messages) == 4
    finally:
        controller.stop()


@pytest.mark.parametrize("kind", ["slack", "mattermost", "teams"])
def test_webhook_formats_and_a_failing_webhook(
    tmp_path: Path, hooks: Hooks, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = f"""\
[notify]
webhook = "WVP_TEAM_HOOK"
webhook_format = "{kind}"
fallback = "webhook"

[notify.recipients]
"W. Hook" = "webhook:WVP_TEST_HOOK"
"""
    repo = make_repo(tmp_path, config)
    monkeypatch.setenv("WVP_TEAM_HOOK", f"{hooks.url}/fail")
    run = notify(repo)
    # the team channel answers 500: not reached, exit 1, without the URL (a secret) in the output
    assert run.code == 1
    assert "HTTP 500" in run.err and "/fail" not in run.err + run.out
    assert sorted(p for p, _, _ in hooks.received) == ["/fail", "/hook/wit"]
    payload = next(body for p, _, body in hooks.received if p == "/hook/wit")
    if kind == "teams":
        card = payload["attachments"][0]
        assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
        text = "\n".join(block["text"] for block in card["content"]["body"])
    else:
        text = payload["text"]
    assert "c-hook" in text and "G. de Wit" in text
    assert_private(json.dumps(payload, ensure_ascii=False))
    # the retry posts only to the channel that failed
    monkeypatch.setenv("WVP_TEAM_HOOK", f"{hooks.url}/team")
    retry = notify(repo)
    assert retry.code == 0, retry.err
    assert [p for p, _, _ in hooks.received][2:] == ["/team"]
    team = json.dumps(hooks.received[2][2], ensure_ascii=False)
    assert "c-hook" not in team and "c-geen" in team


def test_casemanagers_without_address_and_no_fallback_exit_1(
    tmp_path: Path, smtp: tuple[Inbox, int]
) -> None:
    inbox, port = smtp
    config = config_text(f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"')
    config = config.replace(f'fallback = "{FALLBACK}"\n', "").replace(
        '"W. Hook" = "webhook:WVP_TEST_HOOK"', ""
    )
    repo = make_repo(tmp_path, config)
    run = notify(repo, "--format", "json")
    assert run.code == 1
    lost = [m for m in json.loads(run.out)["messages"] if m["status"] == "no_address"]
    assert {tuple(m["casemanagers"]) for m in lost} == {
        ("",),
        ("Onbekend Persoon",),
        ("W. Hook",),
    }
    assert "Onbekend Persoon" in run.err
    # everyone with an address still got their digest
    assert {r for rcpts, _ in inbox.messages for r in rcpts} == {
        "s.visser@example.nl",
        "k.devries@example.nl",
        "weigert@example.nl",
    }


def test_an_unreachable_server_fails_every_mail_but_not_the_run(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    config = config_text(f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsecurity = "none"')
    repo = make_repo(tmp_path, config.replace('"W. Hook" = "webhook:WVP_TEST_HOOK"', ""))
    run = notify(repo, "--format", "json")
    assert run.code == 1
    statuses = {m["address"]: m["status"] for m in json.loads(run.out)["messages"]}
    assert {statuses[a] for a in ("s.visser@example.nl", FALLBACK)} == {"failed"}
    assert "niet bereikbaar" in run.err
    assert not (repo / ".wvp_notify" / "sent.json").exists()


# --- what wvp refuses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "line", "words"),
    [
        ('[notify]\nsecurity = "ssl"\n', 2, 'security moet "starttls" of "tls" of "none"'),
        ("[notify]\nsmtp_port = 0\n", 2, "smtp_port moet een geheel getal"),
        ('[notify]\nsendr = "a@b.nl"\n', 2, "bedoelde je sender"),
        ('[notify]\nsender = "geen adres"\n', 2, "geen e-mailadres"),
        ('[notify]\nwebhook = "http://hooks.example.com/x"\n', 2, "moet https gebruiken"),
        ('[notify]\nfallback = "iemand"\n', 2, "geen e-mailadres"),
        ('[notify]\n\n[notify.recipients]\n"S. Visser" = "nergens"\n', 4, "'nergens'"),
        ('[notify.recipients]\n"S. Visser" = "a@b.nl"\n"s. visser" = "c@d.nl"\n', 3, "staat er al"),
        (
            '[notify]\nsecurity = "none"\nsmtp_user = "u"\n',
            2,
            "onversleuteld",
        ),
    ],
)
def test_bad_notify_configuration_exits_2_with_the_line(
    tmp_path: Path, toml: str, line: int, words: str
) -> None:
    make_repo(tmp_path, toml)
    run = notify(tmp_path)
    assert run.code == 2
    assert f"wvp.toml:{line}:" in run.err and words in run.err, run.err
    assert "Traceback" not in run.err


def test_missing_sender_smtp_host_or_webhook_variable_exit_2_before_sending(
    tmp_path: Path, hooks: Hooks, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path, '[notify]\nfallback = "a@b.nl"\nsender = "x@y.nl"\n')
    run = notify(repo)
    assert run.code == 2 and "smtp_host" in run.err
    (repo / "wvp.toml").write_text('[notify]\nfallback = "a@b.nl"\nsmtp_host = "h"\n')
    run = notify(repo)
    assert run.code == 2 and "sender" in run.err
    (repo / "wvp.toml").write_text('[notify]\nfallback = "webhook:WVP_NOT_SET"\n')
    monkeypatch.delenv("WVP_NOT_SET", raising=False)
    run = notify(repo)
    assert run.code == 2 and "WVP_NOT_SET" in run.err
    assert hooks.received == []


def test_a_damaged_record_exits_2(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, '[notify]\nfallback = "webhook:X"\n')
    (repo / ".wvp_notify").mkdir()
    (repo / ".wvp_notify" / "sent.json").write_text("{niet: json")
    run = notify(repo, "--dry-run")
    assert run.code == 2 and "sent.json" in run.err


def test_out_needs_dry_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, "")
    run = notify(repo, "--out", str(tmp_path / "x"))
    assert run.code == 2 and "--dry-run" in run.err


def test_config_shows_the_notify_table_with_its_lines_and_hides_a_webhook_url(
    tmp_path: Path,
) -> None:
    (tmp_path / "ander").mkdir()
    tmp_path = tmp_path / "met"
    tmp_path.mkdir()
    (tmp_path / "wvp.toml").write_text(
        '[notify]\nsender = "a@b.nl"\nwebhook = "https://hooks.example.com/geheim/123"\n'
        '[notify.recipients]\n"S. Visser" = "s@b.nl"\n'
    )
    run = run_cli("config", str(tmp_path), "--format", "json")
    assert run.code == 0, run.err
    rows = {r["key"]: r for r in json.loads(run.out)["settings"]}
    assert rows["notify.sender"]["value"] == "a@b.nl"
    assert rows["notify.sender"]["origin"].endswith("wvp.toml:2")
    assert rows["notify.recipients"]["value"] == {"S. Visser": "s@b.nl"}
    assert rows["notify.smtp_port"]["value"] == 587
    assert "geheim" not in run.out
    plain = run_cli("config", str(tmp_path.parent / "ander"), "--format", "json")  # no [notify]
    assert not any(r["key"].startswith("notify.") for r in json.loads(plain.out)["settings"])


@pytest.mark.parametrize("respect", [True, False])
def test_notify_finds_the_cases_deadlines_finds(tmp_path: Path, respect: bool) -> None:
    """One truth: the same files as `wvp deadlines`, with wvp.toml's `respect_gitignore`
    (an archive that .gitignore hides is in both or in neither)."""
    extra = "" if respect else "respect_gitignore = false\n"
    repo = make_repo(tmp_path / "repo", extra + config_text('smtp_host = "127.0.0.1"'))
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".gitignore").write_text("cases/archief/\n", encoding="utf-8")
    archived = CASES[0]
    (repo / "cases" / "archief").mkdir()
    (repo / "cases" / f"{archived.id}.yaml").rename(
        repo / "cases" / "archief" / f"{archived.id}.yaml"
    )
    agenda = run_cli(
        "deadlines", str(repo / "cases"), "--as-of", AS_OF, "--days", "14", "-f", "json"
    )
    listed = {row["case"] for row in json.loads(agenda.out)["deadlines"]}
    assert (archived.id in listed) is not respect
    run = notify(repo, "--dry-run", "--format", "json")
    assert run.code in (0, 1), run.err
    reached = sum(m["cases"] for m in json.loads(run.out)["messages"])
    assert reached == len(listed)
