"""The `[notify]` table of the configuration: where `wvp notify` sends the digests.

    [notify]
    smtp_host = "smtp.example.nl"
    smtp_port = 587                  # standaard: 587 bij starttls, 465 bij tls, 25 bij none
    security = "starttls"            # "starttls" | "tls" | "none"
    smtp_user = "verzuim@example.nl" # the password only from WVP_SMTP_PASSWORD
    sender = "Verzuim <verzuim@example.nl>"
    fallback = "verzuim@example.nl"  # cases whose casemanager has no address of their own
    webhook = "WVP_WEBHOOK_URL"      # a https:// URL, or the name of an environment variable
    webhook_format = "slack"         # "slack" | "mattermost" | "teams"
    days = 14                        # the window, as `wvp deadlines --days`
    alarm_days = 1                   # the calendar reminder, days before the due date
    record = ".wvp_notify/sent.json" # what was sent, relative to this file

    [notify.recipients]
    "S. Visser" = "s.visser@example.nl"   # the casemanager as written in the cases
    "K. de Vries" = "webhook:WVP_WEBHOOK_KDV"

An address is an e-mail address, `webhook` (the webhook above) or `webhook:` followed by a URL
or the name of an environment variable (a webhook of that person's own). Checked here, with the
line of every mistake; what depends on the environment (the password, a webhook's variable) is
checked by `wvp notify` before it sends anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

Security = Literal["starttls", "tls", "none"]
WebhookFormat = Literal["slack", "mattermost", "teams"]

KEYS: tuple[str, ...] = (
    "smtp_host",
    "smtp_port",
    "security",
    "smtp_user",
    "sender",
    "fallback",
    "webhook",
    "webhook_format",
    "days",
    "alarm_days",
    "record",
    "recipients",
)
SECURITY: tuple[str, ...] = ("starttls", "tls", "none")
WEBHOOK_FORMATS: tuple[str, ...] = ("slack", "mattermost", "teams")
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "tls": 465, "none": 25}
DEFAULT_RECORD = ".wvp_notify/sent.json"
DEFAULT_ALARM_DAYS = 1
#: The password of `smtp_user`: never in a file of the repository.
PASSWORD_VARIABLE = "WVP_SMTP_PASSWORD"
WEBHOOK = "webhook"

_EMAIL = re.compile(r"[^@\s<>,;\"()\[\]]+@[^@\s<>,;\"()\[\]]+\.[^@\s<>,;\"()\[\].]+")
_SENDER = re.compile(r"(?:[^<>\r\n]*<)?(" + _EMAIL.pattern + r")>?")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HOST = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True)
class NotifyConfig:
    smtp_host: str | None = None
    smtp_port: int | None = None
    security: Security = "starttls"
    smtp_user: str | None = None
    sender: str | None = None
    fallback: str | None = None
    webhook: str | None = None
    webhook_format: WebhookFormat = "slack"
    days: int | None = None
    alarm_days: int = DEFAULT_ALARM_DAYS
    record: str = DEFAULT_RECORD
    #: casemanager as written in the cases -> address
    recipients: Mapping[str, str] = field(default_factory=dict)
    #: `file:line` of the [notify] table, for the errors `wvp notify` finds when it runs.
    where: str | None = None

    @property
    def port(self) -> int:
        return self.smtp_port if self.smtp_port is not None else DEFAULT_PORTS[self.security]


def is_email(address: str) -> bool:
    return _EMAIL.fullmatch(address) is not None


def webhook_target(value: str) -> tuple[str, str] | None:
    """`("url", URL)` or `("env", NAME)` for a webhook value, or None when it is neither."""
    if value.startswith(("https://", "http://")):
        return ("url", value) if url_problem(value) is None else None
    if _VARIABLE.fullmatch(value):
        return ("env", value)
    return None


def url_problem(url: str) -> str | None:
    """Why a webhook URL cannot be used: only https, or http to this machine."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "is geen geldige URL"
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return None
    if parts.scheme == "http":
        return "moet https gebruiken (http alleen naar deze machine, localhost)"
    return "is geen https-URL"


def address_problem(value: str) -> str | None:
    """Why `value` is not an address of `[notify.recipients]` or `fallback`, or None."""
    if is_email(value) or value == WEBHOOK:
        return None
    if value.startswith(WEBHOOK + ":"):
        target = value[len(WEBHOOK) + 1 :]
        if webhook_target(target) is None:
            return (
                f"'{value}': na 'webhook:' volgt een https-URL of de naam van een "
                "omgevingsvariabele"
            )
        return None
    return f"'{value}' is geen e-mailadres, 'webhook' of 'webhook:URL-of-VARIABELE'"


Err = Callable[..., Exception]


def parse_notify(
    table: Any, err: Callable[..., Err], where: Callable[..., str], origins: dict[str, str]
) -> NotifyConfig:
    """The `[notify]` table; `err(*key)` makes the error for a key, `where(*key)` its place."""
    from wvp_cli.core.agenda import normal_name  # here: a run without [notify] needs no agenda
    from wvp_cli.repo.config_values import show as _show
    from wvp_cli.repo.config_values import unknown as _unknown

    if not isinstance(table, dict):
        raise err("notify")("notify moet een tabel zijn: [notify] met smtp_host, sender, ...")
    for key in table:
        if key not in KEYS:
            raise err("notify", key)(_unknown("sleutel in [notify]", key, KEYS))
    values: dict[str, Any] = {}

    def text(key: str) -> str:
        value = table[key]
        if not isinstance(value, str) or not value.strip():
            raise err("notify", key)(f"notify.{key} moet een tekst zijn, niet {_show(value)}")
        if any(c in value for c in "\r\n\x00"):
            raise err("notify", key)(f"notify.{key} mag geen regeleinde bevatten")
        return value.strip()

    def number(key: str, low: int, high: int) -> int:
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise err("notify", key)(
                f"notify.{key} moet een geheel getal van {low} tot en met {high} zijn, "
                f"niet {_show(value)}"
            )
        return value

    for key in ("smtp_host", "smtp_user", "sender", "fallback", "webhook", "record"):
        if key in table:
            values[key] = text(key)
            origins[f"notify.{key}"] = where("notify", key)
    if "smtp_host" in values and not _HOST.fullmatch(values["smtp_host"]):
        raise err("notify", "smtp_host")(
            f"notify.smtp_host '{values['smtp_host']}' is geen hostnaam (zonder https:// en poort)"
        )
    if "sender" in values and not _SENDER.fullmatch(values["sender"]):
        raise err("notify", "sender")(
            f"notify.sender '{values['sender']}' is geen e-mailadres "
            '(schrijf "naam@domein.nl" of "Naam <naam@domein.nl>")'
        )
    if "fallback" in values:
        problem = address_problem(values["fallback"])
        if problem:
            raise err("notify", "fallback")(f"notify.fallback: {problem}")
    if "webhook" in values and webhook_target(values["webhook"]) is None:
        value = values["webhook"]
        reason = url_problem(value) if value.startswith(("http://", "https://")) else None
        raise err("notify", "webhook")(
            f"notify.webhook {reason}"
            if reason
            else "notify.webhook is een https-URL of de naam van een omgevingsvariabele "
            f"(zoals WVP_WEBHOOK_URL), niet '{value}'"
        )
    if "smtp_port" in table:
        values["smtp_port"] = number("smtp_port", 1, 65535)
        origins["notify.smtp_port"] = where("notify", "smtp_port")
    for key, high in (("days", 366), ("alarm_days", 60)):
        if key in table:
            values[key] = number(key, 0, high)
            origins[f"notify.{key}"] = where("notify", key)
    for key, choices in (("security", SECURITY), ("webhook_format", WEBHOOK_FORMATS)):
        if key in table:
            value = table[key]
            if value not in choices:
                shown = _show(value)
                raise err("notify", key)(
                    f"notify.{key} moet {' of '.join(f'{c!r}' for c in choices)} zijn, "
                    f"niet {shown}".replace("'", '"')
                )
            values[key] = value
            origins[f"notify.{key}"] = where("notify", key)
    if "recipients" in table:
        recipients = table["recipients"]
        if not isinstance(recipients, dict):
            raise err("notify", "recipients")(
                'notify.recipients moet een tabel zijn: [notify.recipients] met "Naam" = "adres"'
            )
        seen: dict[str, str] = {}
        mapping: dict[str, str] = {}
        for name, address in recipients.items():
            if not name.strip():
                raise err("notify", "recipients", name)("een casemanager zonder naam")
            if not isinstance(address, str):
                raise err("notify", "recipients", name)(
                    f"het adres van '{name}' moet een tekst zijn, niet {_show(address)}"
                )
            problem = address_problem(address.strip())
            if problem:
                raise err("notify", "recipients", name)(f"notify.recipients: {problem}")
            key = normal_name(name)
            if key in seen:
                raise err("notify", "recipients", name)(
                    f"'{name}' staat er al als '{seen[key]}' (hoofdletters en spaties tellen niet)"
                )
            seen[key] = name
            mapping[name] = address.strip()
        values["recipients"] = mapping
        origins["notify.recipients"] = where("notify", "recipients")
    if values.get("security", "starttls") == "none" and "smtp_user" in values:
        raise err("notify", "security")(
            'notify.security = "none" met een smtp_user zou het wachtwoord onversleuteld '
            'versturen; gebruik "starttls" of "tls"'
        )
    return NotifyConfig(**values, where=where("notify"))
