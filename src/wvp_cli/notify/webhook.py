"""Posting a chat message to an incoming webhook (Slack, Mattermost, Microsoft Teams).

With the standard library's `urllib.request`: one JSON POST per message needs no HTTP client
library, and this one checks certificates and host names by default (`ssl.create_default_context`,
which also reads `SSL_CERT_FILE`) and honours `HTTPS_PROXY`/`NO_PROXY` as a company network
needs. Redirects are not followed: a webhook that answers with one is misconfigured, and the
message must not go anywhere else. A webhook URL is a secret (whoever has it can post), so
errors name only its host.
"""

from __future__ import annotations

import http.client
import json
import ssl
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

from wvp_cli import __version__
from wvp_cli.notify.mail import TIMEOUT, SendError


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def host_of(url: str) -> str:
    return urlsplit(url).hostname or "?"


def post(url: str, payload: dict[str, Any], timeout: float = TIMEOUT) -> None:
    """POST `payload` as JSON; raise SendError unless the answer is 2xx."""
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"wvp/{__version__}",
        },
    )
    opener = urllib.request.build_opener(
        _NoRedirect(), urllib.request.HTTPSHandler(context=ssl.create_default_context())
    )
    host = host_of(url)
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read(65536)
            status = response.status
    except urllib.error.HTTPError as exc:
        raise SendError(f"webhook op {host} antwoordt HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ssl.SSLCertVerificationError):
            reason = f"certificaat niet vertrouwd: {reason.verify_message}"
        raise SendError(f"webhook op {host} niet bereikbaar: {reason}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise SendError(f"webhook op {host} niet bereikbaar: {exc}") from None
    if not 200 <= status < 300:
        raise SendError(f"webhook op {host} antwoordt HTTP {status}")
