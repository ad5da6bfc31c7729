"""A digest -> the message that goes out: an e-mail (plain text and HTML, the `.ics` attached)
or a chat message (Slack, Mattermost, Microsoft Teams). Pure: the date and the time of sending
are parameters.

What goes out from a case is only its id, the employee's name, the casemanager's name, the file
and the dates: never free text of the case (notes, summaries, views). Every one of those fields
first passes the privacy rules' masking (`rules.privacy.redact`, with the configuration's
`[privacy]` words) and the escaping of control characters, then the escaping of the format it
lands in (HTML, Slack's `&<>`, Markdown). The due dates, statuses and days left are the
agenda's (`core.agenda`, from the clock); this module only words them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Any

from wvp_cli import __version__
from wvp_cli.core.agenda import Agenda, Deadline
from wvp_cli.core.dutch import long_date, short_date
from wvp_cli.notify.plan import Digest
from wvp_cli.report import agenda as report
from wvp_cli.report import ics as calendar
from wvp_cli.report.check import plural, safe
from wvp_cli.rules.deadlines import todo
from wvp_cli.rules.privacy import redact

TITLE = "Termijnen Poortwachter"
FOOTER = (
    "Dit bericht bevat alleen namen, case-ids, mijlpalen en datums, geen inhoud van het "
    "dossier. De termijnen volgen de Wet verbetering poortwachter; geen juridisch advies."
)


def clean(text: str, options: Mapping[str, Any]) -> str:
    """A field from a case as it may go out: control characters escaped, medical words masked."""
    return redact(safe(text), options)


def masked(digest: Digest, options: Mapping[str, Any]) -> Digest:
    """The digest with every field that came from a case masked and its control characters
    escaped: what every format below starts from."""

    def row(d: Deadline) -> Deadline:
        return replace(
            d,
            case=clean(d.case, options),
            employee=clean(d.employee, options),
            casemanager=clean(d.casemanager, options) if d.casemanager else None,
            file=clean(d.file, options),
        )

    agenda = replace(digest.agenda, deadlines=tuple(row(d) for d in digest.agenda.deadlines))
    names = tuple(clean(n, options) for n in digest.casemanagers)
    return replace(digest, agenda=agenda, casemanagers=names)


def counts(agenda: Agenda) -> str:
    return f"{len(agenda.overdue)} te laat, {len(agenda.upcoming)} binnenkort"


def subject(digest: Digest) -> str:
    """`Termijnen Poortwachter di 24-11-2026: 2 te laat, 3 binnenkort`."""
    return f"{TITLE} {short_date(digest.agenda.as_of)}: {counts(digest.agenda)}"


def addressee(digest: Digest) -> str:
    """Who the digest is for, in words (the names are already masked)."""
    names = [n for n in digest.casemanagers if n]
    shown = ", ".join(names)
    if not digest.fallback:
        return shown
    if names:
        return f"de cases zonder eigen adres (casemanager: {shown}, of geen)"
    return "de cases zonder casemanager"


def intro(digest: Digest) -> str:
    agenda = digest.agenda
    return (
        f"{counts(agenda)} in {plural(agenda.cases, 'dossier', 'dossiers')}; binnenkort is "
        f"t/m {long_date(agenda.until, weekday=True)}."
    )


def when(d: Deadline) -> str:
    """`di 24-11-2026 (8 dagen te laat)`."""
    return f"{short_date(d.due)} ({report.days_text(d.days_left)})"


def _groups(agenda: Agenda) -> tuple[tuple[str, tuple[Deadline, ...]], ...]:
    return (
        (f"Te laat ({len(agenda.overdue)})", agenda.overdue),
        (f"Binnenkort ({len(agenda.upcoming)})", agenda.upcoming),
    )


def _alarm_text(alarm_days: int | None) -> str:
    if alarm_days is None:
        return "In de bijlage staan deze termijnen als agenda (.ics)."
    moment = "op de dag zelf" if alarm_days == 0 else f"{plural(alarm_days, 'dag', 'dagen')} vooraf"
    return (
        "In de bijlage staan deze termijnen als agenda (.ics), met een herinnering "
        f"{moment} om {calendar.ALARM_HOUR}:00."
    )


def text_body(digest: Digest, alarm_days: int | None) -> str:
    """The plain-text part (of a masked digest)."""
    agenda = digest.agenda
    lines = [
        f"{TITLE} — {long_date(agenda.as_of, weekday=True)}",
        f"Voor: {addressee(digest)}",
        "",
        intro(digest),
    ]
    for title, rows in _groups(agenda):
        lines += ["", title.upper(), ""]
        if not rows:
            lines.append("  geen")
        for d in rows:
            lines.append(f"- {when(d)}: {d.title}")
            person = f"  Case {d.case}, {d.employee}; wie: {d.who}"
            if digest.fallback:
                person += f"; casemanager: {d.casemanager or '—'}"
            lines.append(person)
            lines.append(f"  Te doen: {todo(d.milestone)}")
    lines += [
        "",
        _alarm_text(alarm_days),
        "",
        "-- ",
        f"Gemaakt met wvp {__version__} (wvp notify) op peildatum {agenda.as_of.isoformat()}, "
        "uit de case-bestanden van de dossier-repository.",
        FOOTER,
        "",
    ]
    return "\n".join(lines)


def html_body(digest: Digest, alarm_days: int | None) -> str:
    """The HTML part (of a masked digest): everything from a case escaped."""
    e = html.escape
    agenda = digest.agenda
    head = ["Uiterlijk", "Nog", "Case", "Werknemer", "Mijlpaal", "Wie", "Te doen"]
    if digest.fallback:
        head.insert(6, "Casemanager")
    cell = 'style="border-bottom:1px solid #ddd;padding:4px 8px;text-align:left"'
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl"><head><meta charset="utf-8">',
        f"<title>{e(subject(digest))}</title></head>",
        '<body style="font-family:sans-serif;font-size:14px">',
        f'<h1 style="font-size:18px">{TITLE} — {e(long_date(agenda.as_of, weekday=True))}</h1>',
        f"<p>Voor: {e(addressee(digest))}</p>",
        f"<p><strong>{e(intro(digest))}</strong></p>",
    ]
    for title, rows in _groups(agenda):
        out.append(f'<h2 style="font-size:16px">{e(title)}</h2>')
        if not rows:
            out.append("<p><em>Geen.</em></p>")
            continue
        out.append('<table style="border-collapse:collapse">')
        out.append("<tr>" + "".join(f"<th {cell}>{e(h)}</th>" for h in head) + "</tr>")
        for d in rows:
            late = d.status == "overdue"
            values = [
                short_date(d.due),
                report.days_text(d.days_left),
                d.case,
                d.employee,
                d.title,
                d.who,
                todo(d.milestone),
            ]
            if digest.fallback:
                values.insert(6, d.casemanager or "—")
            cells = []
            for index, value in enumerate(values):
                text = e(value)
                if index == 1 and late:
                    text = f'<strong style="color:#b00">{text}</strong>'
                cells.append(f"<td {cell}>{text}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out += [
        f"<p>{e(_alarm_text(alarm_days))}</p>",
        '<hr><p style="color:#666;font-size:12px">'
        f"Gemaakt met wvp {e(__version__)} (wvp notify) op peildatum "
        f"{e(agenda.as_of.isoformat())}, uit de case-bestanden van de dossier-repository. "
        f"{e(FOOTER)}</p>",
        "</body></html>",
        "",
    ]
    return "\n".join(out)


def ics(digest: Digest, alarm_days: int | None) -> bytes:
    """The calendar of the digest's items (the same `.ics` as `wvp deadlines --format ics`)."""
    return calendar.to_ics(digest.agenda, alarm_days=alarm_days)


def ics_name(as_of: dt.date) -> str:
    return f"termijnen-{as_of.isoformat()}.ics"


def message_id(address: str, as_of: dt.date, sender: str) -> str:
    """The same for the same address and peildatum: a message sent again after its record was
    lost has the Message-ID of the first, and mail systems that drop duplicates drop it."""
    digest = hashlib.sha256(f"{address}\n{as_of.isoformat()}".encode()).hexdigest()[:20]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "wvp.invalid"
    return f"<wvp-notify.{as_of.isoformat()}.{digest}@{domain}>"


def email(
    digest: Digest,
    *,
    sender: str,
    now: dt.datetime,
    alarm_days: int | None,
    options: Mapping[str, Any],
) -> EmailMessage:
    """The e-mail of a digest: text and HTML alternatives, the `.ics` attached."""
    shown = masked(digest, options)
    as_of = digest.agenda.as_of
    message = EmailMessage()
    message["From"] = sender
    message["To"] = digest.address
    message["Subject"] = subject(shown)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(digest.address, as_of, sender)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(text_body(shown, alarm_days))
    message.add_alternative(html_body(shown, alarm_days), subtype="html")
    message.add_attachment(
        ics(shown, alarm_days),
        maintype="text",
        subtype="calendar",
        filename=ics_name(as_of),
        params={"method": "PUBLISH"},
    )
    # After the parts: the email package moves Content-* headers into the first part.
    message["Content-Language"] = "nl"
    return message


# --- chat -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!])")


def _slack_escape(text: str) -> str:
    """Slack's own escaping: only `&`, `<` and `>` (they start links and mentions)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_escape(text: str) -> str:
    """Markdown (Mattermost, Teams' TextBlock): every character that could start markup."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " ").replace("\r", " "))


def _chat_lines(digest: Digest, esc: Callable[[str], str], bold: str) -> list[str]:
    agenda = digest.agenda
    lines = [
        f"{bold}{TITLE} — {esc(long_date(agenda.as_of, weekday=True))}{bold}",
        f"Voor: {esc(addressee(digest))}",
        esc(intro(digest)),
    ]
    for title, rows in _groups(agenda):
        lines += ["", f"{bold}{esc(title)}{bold}"]
        if not rows:
            lines.append("geen")
        for d in rows:
            line = (
                f"• {esc(when(d))}: {esc(d.title)} — {esc(d.case)}, {esc(d.employee)}"
                f" (wie: {esc(d.who)}"
            )
            if digest.fallback:
                line += f"; casemanager: {esc(d.casemanager or '—')}"
            line += f"). Te doen: {esc(todo(d.milestone))}"
            lines.append(line)
    lines += ["", esc(f"wvp {__version__}, peildatum {agenda.as_of.isoformat()}. {FOOTER}")]
    return lines


def chat_payload(digest: Digest, kind: str, options: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON of an incoming webhook: Slack and Mattermost take `text`; Teams (a workflow's
    "post to a channel when a webhook request is received") takes an Adaptive Card."""
    shown = masked(digest, options)
    if kind == "slack":
        return {"text": "\n".join(_chat_lines(shown, _slack_escape, "*"))}
    if kind == "mattermost":
        return {"text": "\n".join(_chat_lines(shown, _md_escape, "**")), "username": "wvp"}
    blocks = [
        {"type": "TextBlock", "text": line or " ", "wrap": True}
        for line in _chat_lines(shown, _md_escape, "**")
    ]
    blocks[0]["size"] = "Medium"
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": blocks,
                },
            }
        ],
    }
