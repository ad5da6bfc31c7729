"""The guard in front of every page: a local web page must not be reachable from another site.

- The Host header must name the address the server is bound to (or `localhost` for a loopback
  address): a page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is refused.
- A POST must come from a page of this server: its Origin (or, without one, its Referer) must
  be this server's own address, and its form must carry the CSRF token of the browser's cookie.
- Every answer carries security headers (a Content Security Policy without inline script, no
  framing by others, no caching of case data, no referrer to other sites).
- An unexpected error becomes a Dutch page; only the name of the error is logged, never a
  message, a path or a value (they may hold case content).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOG = logging.getLogger("wvp.serve")

#: The policy of every page: nothing but this server's own stylesheet, forms and frames.
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: The policy of a document preview (shown in a frame of the case page): its own inline
#: stylesheet, no script, no requests, and a sandbox.
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; "
    "base-uri 'none'; form-action 'none'; sandbox"
)

_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


def allowed_hosts(host: str, port: int, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host headers this server answers: its address and port, `localhost` and both
    loopback addresses for a loopback address, and names given with `--allow-host`."""
    shown = f"[{host}]" if ":" in host else host
    names = {f"{shown}:{port}".lower()}
    if host in ("127.0.0.1", "::1", "localhost"):
        names |= {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
    for name in extra:  # a proxy sends its own name, with or without a port
        names |= {name.lower()} if ":" in name else {name.lower(), f"{name}:{port}".lower()}
    return frozenset(names)


@dataclass
class Csrf:
    """Tokens for forms: the token is an HMAC of the browser's own random cookie under a secret
    of this server run. Another site can neither read the cookie (SameSite=Strict, HttpOnly)
    nor the token (it cannot read our pages), so it cannot fill in a form of ours."""

    cookie: str
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    def token(self, cookie_value: str) -> str:
        return hmac.new(self.secret, cookie_value.encode(), hashlib.sha256).hexdigest()

    def valid(self, cookie_value: str | None, token: str | None) -> bool:
        if not cookie_value or not token:
            return False
        return hmac.compare_digest(self.token(cookie_value), token)

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(24)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def same_origin(scope: Scope, hosts: frozenset[str]) -> bool:
    """Whether a request's Origin (or Referer, when there is no Origin) is this server."""
    origin = _header(scope, b"origin")
    if origin is None or origin == "null":
        origin = _header(scope, b"referer") if origin is None else None
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.netloc.lower() in hosts


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"content-security-policy", PAGE_POLICY.encode()),
                *_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: the checks of the module docstring, before any page is made."""

    def __init__(self, app: ASGIApp, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = (_header(scope, b"host") or "").lower()
        if host not in self.hosts:
            await _plain(
                send,
                421,
                "Onbekend adres in de Host-header: deze server beantwoordt alleen zijn eigen "
                "adres (bescherming tegen DNS-rebinding).\n",
            )
            return
        if scope["method"] not in ("GET", "HEAD", "POST"):
            await _plain(send, 405, "Deze methode wordt niet ondersteund.\n")
            return
        if scope["method"] == "POST" and not same_origin(scope, self.hosts):
            await _plain(
                send,
                403,
                "Geweigerd: dit formulier komt niet van een pagina van deze server "
                "(Origin of Referer ontbreekt of hoort bij een andere site).\n",
            )
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                if b"x-frame-options" not in names:
                    headers.append((b"x-frame-options", b"DENY"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:  # never a traceback with case content in a log or a page
            if os.environ.get("WVP_DEBUG"):  # asked for: the details, on this machine's stderr
                LOG.exception("wvp serve: interne fout")
            else:
                LOG.error("wvp serve: interne fout (%s)", type(exc).__name__)
            if not started:
                await _plain(
                    send,
                    500,
                    f"Interne fout ({type(exc).__name__}). Dit is een fout in wvp; start "
                    "'wvp serve' opnieuw met WVP_DEBUG=1 voor details en meld het.\n",
                )
