"""The web application of `wvp serve`: Starlette routes around `views` (what to show), `record`
(a step from a form), Jinja templates in a sandbox with autoescape, and the `security` guard.

Every page is made on the server; there is no script. A page reads the files again on every
load (through the result cache): what an editor or a `git pull` changed shows at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from wvp_cli.web import pages
from wvp_cli.web.masking import Label, Masker
from wvp_cli.web.security import Csrf, Guard, allowed_hosts
from wvp_cli.web.views import Repository

T = TypeVar("T")


class BadRequest(Exception):
    """A request wvp cannot answer: a bad parameter, an unknown case (Dutch, with a status)."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Site:
    """What every page needs: the repository, the peildatum, the guard's settings."""

    repo: Repository
    port: int
    as_of: dt.date | None = None
    incognito: bool = False
    csrf: Csrf = field(default_factory=lambda: Csrf("wvp_csrf"))
    lock: threading.Lock = field(default_factory=threading.Lock)
    env: jinja2.Environment = field(init=False)

    def __post_init__(self) -> None:
        self.csrf = Csrf(f"wvp_csrf_{self.port}")
        folder = resources.files("wvp_cli.web") / "templates"
        env = ImmutableSandboxedEnvironment(
            loader=jinja2.FileSystemLoader(str(folder)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.globals.update(pages.GLOBALS)
        env.filters.update(pages.FILTERS)
        self.env = env

    @property
    def incognito_cookie(self) -> str:
        return f"wvp_incognito_{self.port}"

    def day(self) -> dt.date:
        """The peildatum: `--as-of`, or today (read on every request: a server runs for days)."""
        return self.as_of or dt.date.today()

    async def work(self, function: Callable[..., T], *args: Any) -> T:
        """Run the files' work in a thread, one request at a time (a laptop has few cores)."""

        def locked() -> T:
            with self.lock:
                return function(*args)

        return await run_in_threadpool(locked)

    def masker(self, request: Request) -> Masker:
        cookie = request.cookies.get(self.incognito_cookie)
        incognito = self.incognito if cookie is None else cookie == "1"
        options: dict[str, Any] = {}
        try:
            options = dict(self.repo.config().settings().options)
        except Exception:  # a broken wvp.toml shows on the check page, not here
            options = {}
        return Masker(options, incognito)

    def render(
        self,
        request: Request,
        template: str,
        *,
        masker: Masker | None = None,
        status: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        masker = masker or self.masker(request)
        cookie = request.cookies.get(self.csrf.cookie) or ""
        fresh = not cookie
        if fresh:
            cookie = Csrf.new_cookie()
        html = self.env.get_template(template).render(
            masker=masker,
            csrf=Label(self.csrf.token(cookie)),
            incognito=masker.incognito,
            day=self.day(),
            path=request.url.path,
            here=Label(_here(request)),
            **context,
        )
        response = HTMLResponse(html, status_code=status)
        if fresh:
            response.set_cookie(
                self.csrf.cookie, cookie, httponly=True, samesite="strict", path="/"
            )
        return response

    async def form(self, request: Request) -> dict[str, str]:
        """The fields of a POSTed form, after its CSRF token is checked."""
        data = await request.form()
        values = {k: v for k, v in data.multi_items() if isinstance(v, str)}
        if not self.csrf.valid(request.cookies.get(self.csrf.cookie), values.get("csrf")):
            raise BadRequest(
                "Dit formulier is verlopen of komt niet van deze server (CSRF-controle). Laad "
                "de pagina opnieuw en probeer het nog eens.",
                403,
            )
        return values


@jinja2.pass_context
def _finalize(context: jinja2.runtime.Context, value: object) -> object:
    masker = context.get("masker")
    if isinstance(masker, Masker):
        return masker.finalize(value)
    return value


def _here(request: Request) -> str:
    """The page's own path and query, for a form that returns to it."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def local_path(value: str | None) -> str:
    """A path on this server to return to; anything else (another site, `//host`) is `/`."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):  # `/\t/host` reads as `//host`
        return "/"
    return value


def create_app(
    root: Path,
    *,
    port: int,
    host: str = "127.0.0.1",
    as_of: dt.date | None = None,
    incognito: bool = False,
    config_file: Path | None = None,
    allow_hosts: tuple[str, ...] = (),
) -> Guard:
    """The application for the repository at `root`, served at `host:port`."""
    from wvp_cli.web import routes

    site = Site(Repository(root, config_file), port, as_of, incognito)

    def endpoint(handler: Callable[[Site, Request], Any]) -> Callable[[Request], Any]:
        async def call(request: Request) -> Response:
            from wvp_cli.app import Problem

            try:
                response: Response = await handler(site, request)
            except BadRequest as exc:
                response = site.render(
                    request, "error.html", status=exc.status, message=Label(str(exc))
                )
            except Problem as exc:  # what `wvp check` would stop at: a broken wvp.toml
                response = site.render(request, "error.html", status=500, message=str(exc))
            return response

        return call

    async def failed(request: Request, exc: Exception) -> Response:
        return PlainTextResponse(
            f"Interne fout ({type(exc).__name__}). Dit is een fout in wvp; start 'wvp serve' "
            "opnieuw met WVP_DEBUG=1 voor details en meld het (zonder persoonsgegevens).\n",
            status_code=500,
        )

    async def not_found(request: Request, exc: Exception) -> Response:
        return site.render(
            request, "error.html", status=404, message=Label("Deze pagina bestaat niet.")
        )

    app = Starlette(
        routes=[
            Route(path, endpoint(handler), methods=list(methods))
            for path, handler, methods in routes.ROUTES
        ],
        exception_handlers={Exception: failed, 404: not_found, 405: not_found},
    )
    app.state.site = site
    return Guard(app, allowed_hosts(host, port, allow_hosts))


def redirect(to: str) -> RedirectResponse:
    return RedirectResponse(local_path(to), status_code=303)
