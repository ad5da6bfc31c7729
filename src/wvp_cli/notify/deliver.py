"""One run of `wvp notify`: check that everything needed is there, then send every digest,
record what went, and report the outcome of every address.

Nothing is sent before every check passed (a missing sender, SMTP host, password or webhook
variable is a `Problem`, exit code 2). Then each digest on its own: one that fails is reported
and the others still go; what was delivered is recorded at once, so a retry on the same
peildatum sends only what failed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from wvp_cli.app import Problem
from wvp_cli.notify import compose
from wvp_cli.notify.mail import Mailer, SendError, SmtpSettings
from wvp_cli.notify.plan import Digest, Plan
from wvp_cli.notify.record import Record
from wvp_cli.repo.notify_config import (
    PASSWORD_VARIABLE,
    WEBHOOK,
    NotifyConfig,
    is_email,
    url_problem,
    webhook_target,
)

Status = Literal["sent", "already_sent", "failed", "dry_run", "nothing_due", "no_address"]
Channel = Literal["smtp", "webhook", "none"]

#: Statuses that mean someone who had something to do was not reached (exit code 1).
NOT_REACHED: frozenset[str] = frozenset({"failed", "no_address"})


@dataclass(frozen=True)
class Outcome:
    address: str | None
    channel: Channel
    casemanagers: tuple[str, ...]
    fallback: bool
    cases: int
    overdue: int
    upcoming: int
    status: Status
    error: str | None = None
    file: str | None = None
    message_id: str | None = None


def channel_of(address: str) -> Channel:
    return "smtp" if is_email(address) else "webhook"


def _webhook_value(address: str, conf: NotifyConfig) -> str:
    """What stands for the webhook of an address: a URL or a variable's name."""
    if address == WEBHOOK:
        if conf.webhook is None:
            raise Problem(
                f"configuratie {conf.where}: adres 'webhook' maar [notify] webhook ontbreekt"
            )
        return conf.webhook
    return address.removeprefix(WEBHOOK + ":")


def webhook_url(address: str, conf: NotifyConfig, env: Mapping[str, str]) -> str:
    """The URL of a webhook address; the variable it names must be set (exit 2 if not)."""
    value = _webhook_value(address, conf)
    target = webhook_target(value)
    if target is None:  # the configuration checked this; an environment cannot change it
        raise Problem(f"configuratie {conf.where}: webhook '{value}' is geen URL of variabele")
    kind, text = target
    if kind == "url":
        return text
    url = env.get(text, "").strip()
    if not url:
        raise Problem(f"omgevingsvariabele {text} (de webhook-URL) is niet gezet of leeg")
    problem = url_problem(url)
    if problem:
        raise Problem(f"omgevingsvariabele {text}: de webhook-URL {problem}")
    return url


def _outcome(digest: Digest, status: Status, options: Mapping[str, Any], **kw: Any) -> Outcome:
    agenda = digest.agenda
    return Outcome(
        address=digest.address,
        channel=channel_of(digest.address),
        casemanagers=tuple(compose.clean(n, options) for n in digest.casemanagers),
        fallback=digest.fallback,
        cases=agenda.cases,
        overdue=len(agenda.overdue),
        upcoming=len(agenda.upcoming),
        status=status,
        **kw,
    )


def _file_name(address: str, used: set[str]) -> str:
    stem = "".join(c if c.isalnum() or c in "@.-_" else "-" for c in address).strip("-.")
    stem = stem or "ontvanger"
    name, n = stem, 2
    while name in used:
        name, n = f"{stem}-{n}", n + 1
    used.add(name)
    return name


def deliver(
    plan: Plan,
    conf: NotifyConfig,
    *,
    record: Record,
    env: Mapping[str, str],
    now: dt.datetime,
    options: Mapping[str, Any],
    dry_run: bool = False,
    out: Path | None = None,
    force: bool = False,
) -> list[Outcome]:
    """Send (or with `dry_run` write to `out`) every digest that has something to say."""
    from wvp_cli.notify import webhook

    as_of = plan.as_of
    due = [d for d in plan.digests if d.agenda.deadlines]
    mails = [d for d in due if channel_of(d.address) == "smtp"]
    hooks = [d for d in due if channel_of(d.address) == "webhook"]
    sender = conf.sender
    if mails and sender is None:
        raise Problem(f"configuratie {conf.where or 'wvp.toml'}: [notify] sender ontbreekt")
    settings: SmtpSettings | None = None
    urls: dict[str, str] = {}
    if not dry_run:
        if mails:
            if conf.smtp_host is None:
                raise Problem(
                    f"configuratie {conf.where or 'wvp.toml'}: [notify] smtp_host ontbreekt "
                    "(nodig voor de e-mailadressen)"
                )
            password = env.get(PASSWORD_VARIABLE) if conf.smtp_user else None
            if conf.smtp_user and not password:
                raise Problem(
                    f"omgevingsvariabele {PASSWORD_VARIABLE} (het wachtwoord van "
                    f"{conf.smtp_user}) is niet gezet"
                )
            settings = SmtpSettings(
                conf.smtp_host, conf.port, conf.security, conf.smtp_user, password
            )
        for d in hooks:
            urls[d.address] = webhook_url(d.address, conf, env)
    if dry_run and out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise Problem(f"kan map {out} niet maken: {exc.strerror}") from None

    outcomes: list[Outcome] = []
    used: set[str] = set()
    mailer = Mailer(settings) if settings is not None else None
    try:
        for digest in plan.digests:
            if not digest.agenda.deadlines:
                outcomes.append(_outcome(digest, "nothing_due", options))
                continue
            if record.has(as_of, digest.address) and not force:
                sent = record.sent[as_of.isoformat()][digest.address]
                outcomes.append(
                    _outcome(digest, "already_sent", options, message_id=sent.get("message_id"))
                )
                continue
            channel = channel_of(digest.address)
            if channel == "smtp":
                assert sender is not None
                message = compose.email(
                    digest, sender=sender, now=now, alarm_days=conf.alarm_days, options=options
                )
                ident = str(message["Message-ID"])
                data = message.as_bytes()
                suffix = ".eml"
            else:
                payload = compose.chat_payload(digest, conf.webhook_format, options)
                ident = None
                data = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()
                suffix = ".json"
            if dry_run:
                written = None
                if out is not None:
                    from wvp_cli.repo.files import WriteRefused, write_atomic

                    path = out / f"{_file_name(digest.address, used)}{suffix}"
                    try:
                        write_atomic(path, data, force=True)
                    except WriteRefused as exc:
                        raise Problem(str(exc)) from None
                    written = str(path)
                outcomes.append(
                    _outcome(digest, "dry_run", options, file=written, message_id=ident)
                )
                continue
            try:
                if channel == "smtp":
                    assert mailer is not None
                    mailer.send(message)
                else:
                    webhook.post(urls[digest.address], payload)
            except SendError as exc:
                outcomes.append(
                    _outcome(digest, "failed", options, error=str(exc), message_id=ident)
                )
                continue
            info: dict[str, str] = {"channel": channel}
            if ident:
                info["message_id"] = ident
            record.add(as_of, digest.address, info)
            record.save(as_of)
            outcomes.append(_outcome(digest, "sent", options, message_id=ident))
    finally:
        if mailer is not None:
            mailer.close()
    for lost in plan.unaddressed:
        agenda = lost.agenda
        outcomes.append(
            Outcome(
                address=None,
                channel="none",
                casemanagers=(compose.clean(lost.casemanager or "", options),),
                fallback=False,
                cases=lost.cases,
                overdue=len(agenda.overdue),
                upcoming=len(agenda.upcoming),
                status="no_address" if agenda.deadlines else "nothing_due",
            )
        )
    return outcomes


def reached_everyone(outcomes: list[Outcome]) -> bool:
    return not any(o.status in NOT_REACHED for o in outcomes)
