"""Sending e-mail with the standard library's smtplib: STARTTLS, TLS, or (only to a relay that
needs no login) none.

Certificates are checked against the system's trust store (`ssl.create_default_context`, which
also reads `SSL_CERT_FILE`), host name included. One connection serves the whole run; a refused
recipient fails that message only, a dropped connection is made again for the next one, and a
server that cannot be reached or refuses the login fails the rest at once with the same reason.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

TIMEOUT = 30.0


class SendError(Exception):
    """A message did not reach its address; the reason in Dutch."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # starttls | tls | none
    user: str | None = None
    password: str | None = None
    timeout: float = TIMEOUT


def _reply(code: int, text: bytes | str) -> str:
    shown = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(shown.split())}"


class Mailer:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        self._fatal: str | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        where = f"{s.host}:{s.port}"
        context = ssl.create_default_context()
        smtp: smtplib.SMTP | None = None
        try:
            if s.security == "tls":
                smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise SendError(f"mailserver {where} biedt geen STARTTLS aan")
                smtp.starttls(context=context)
                smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password or "")
        except SendError as exc:
            self._fatal = str(exc)
        except smtplib.SMTPAuthenticationError as exc:
            self._fatal = (
                f"mailserver {where} weigert de login van {s.user}: "
                f"{_reply(exc.smtp_code, exc.smtp_error)}"
            )
        except ssl.SSLCertVerificationError as exc:
            self._fatal = f"certificaat van mailserver {where} niet vertrouwd: {exc.verify_message}"
        except (smtplib.SMTPException, OSError) as exc:
            self._fatal = f"mailserver {where} niet bereikbaar: {exc}"
        else:
            return smtp
        if smtp is not None:
            smtp.close()
        raise SendError(self._fatal)

    def send(self, message: EmailMessage) -> None:
        """Send one message, or raise SendError saying why it did not go."""
        if self._fatal is not None:
            raise SendError(self._fatal)
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            reasons = "; ".join(
                f"{address}: {_reply(code, text)}"
                for address, (code, text) in exc.recipients.items()
            )
            raise SendError(f"mailserver weigert de ontvanger ({reasons})") from None
        except smtplib.SMTPResponseException as exc:  # sender or data refused: connection reset
            raise SendError(
                f"mailserver weigert het bericht: {_reply(exc.smtp_code, exc.smtp_error)}"
            ) from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise SendError(f"verbinding met de mailserver verbroken: {exc}") from None
        if refused:
            reasons = "; ".join(f"{a}: {_reply(c, t)}" for a, (c, t) in refused.items())
            raise SendError(f"mailserver weigert de ontvanger ({reasons})")
