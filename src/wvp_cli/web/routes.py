"""The pages: one handler each, reading its query, asking `views` and rendering a template."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

from starlette.responses import Response

from wvp_cli.web import views
from wvp_cli.web.app import BadRequest, Site, local_path, redirect

if TYPE_CHECKING:
    from starlette.requests import Request


def _number(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise BadRequest(f"{name}: verwacht een getal van {low} tot en met {high}, niet '{raw}'")
    return int(raw)


def _choices(request: Request, name: str, allowed: tuple[str, ...]) -> frozenset[str]:
    chosen = frozenset(v for v in request.query_params.getlist(name) if v)
    wrong = sorted(chosen - set(allowed))
    if wrong:
        raise BadRequest(f"{name}: onbekende waarde '{wrong[0]}' (kies uit: {', '.join(allowed)})")
    return chosen


def _texts(request: Request, name: str) -> frozenset[str]:
    return frozenset(v.strip() for v in request.query_params.getlist(name) if v.strip())


async def werkvoorraad(site: Site, request: Request) -> Response:
    from wvp_cli.core import agenda as core

    days = _number(request, "dagen", core.DEFAULT_DAYS, 0, 366)
    filters = core.Filters(
        who=_choices(request, "wie", core.PARTIES),
        casemanager=_texts(request, "casemanager"),
        milestone=_choices(request, "mijlpaal", tuple(core.ITEMS)),
    )
    agenda, names = await site.work(views.werkvoorraad, site.repo, site.day(), days, filters)
    masker = site.masker(request)
    masker.hide(n for name in names for n in _parts(name))
    return site.render(
        request,
        "werkvoorraad.html",
        masker=masker,
        agenda=agenda,
        days=days,
        parties=core.PARTIES,
        items=core.ITEMS,
        chosen_who=filters.who,
        chosen_milestone=filters.milestone,
        casemanager=" ".join(sorted(filters.casemanager)),
        name_of=site.repo.relative,
    )


def _parts(name: str) -> list[str]:
    from wvp_cli.web.masking import _name_parts

    return _name_parts(name)


async def portfolio(site: Site, request: Request) -> Response:
    from wvp_cli.core import portfolio as core

    sort = request.query_params.get("volgorde") or "due"
    if sort not in core.SORTS:
        raise BadRequest(f"volgorde: onbekende waarde '{sort}' (kies uit: {', '.join(core.SORTS)})")
    tracks = _choices(request, "spoor", ("1", "2"))
    filters = core.Filters(
        casemanager=_texts(request, "casemanager"),
        employer=_texts(request, "werkgever"),
        state=_choices(request, "stand", core.STATES),
        track=frozenset(int(t) for t in tracks),
        all=request.query_params.get("alle") == "1",
    )
    result = await site.work(views.portfolio, site.repo, site.day(), filters, sort)
    masker = site.masker(request)
    masker.hide(
        n for r in result.rows for name in (r.employee, r.casemanager) if name for n in _parts(name)
    )
    return site.render(
        request,
        "cases.html",
        masker=masker,
        result=result,
        filters=filters,
        sort=sort,
        states=core.STATES,
        state_words=core.STATE_WORDS,
        name_of=site.repo.relative,
    )


def _case_name(request: Request) -> str:
    name = request.query_params.get("bestand", "")
    if not name:
        raise BadRequest("geen case-bestand gekozen (parameter 'bestand')")
    return name


async def _case(site: Site, name: str) -> views.CaseView:
    try:
        return await site.work(views.case_view, site.repo, name, site.day())
    except views.NotFound as exc:
        raise BadRequest(str(exc), 404) from None


async def case(site: Site, request: Request) -> Response:
    from wvp_cli.core.forms import FORMS
    from wvp_cli.documents.render import KINDS

    view = await _case(site, _case_name(request))
    masker = site.masker(request)
    masker.hide(view.people)
    return site.render(
        request,
        "case.html",
        masker=masker,
        view=view,
        case=view.loaded.case,
        documents=KINDS,
        forms=FORMS,
        recorded=request.query_params.get("vastgelegd"),
    )


async def check(site: Site, request: Request) -> Response:
    from wvp_cli.core.findings import Severity

    result = await site.work(views.check, site.repo, site.day())
    masker = site.masker(request)
    if masker.incognito:
        names = await site.work(views.people, site.repo, site.day())
        masker.hide(n for name in names for n in _parts(name))
    return site.render(
        request,
        "check.html",
        masker=masker,
        result=result,
        severity=Severity,
        name_of=site.repo.relative,
    )


async def rules(site: Site, request: Request) -> Response:
    return site.render(request, "rules.html", rules=views.rules())


async def rule(site: Site, request: Request) -> Response:
    code = request.path_params["code"].upper()
    found = [r for r in views.rules() if r.code == code]
    if not found:
        raise BadRequest(f"onbekende regel '{code}'", 404)
    return site.render(request, "rule.html", rule=found[0])


async def incognito(site: Site, request: Request) -> Response:
    values = await site.form(request)
    response = redirect(local_path(values.get("terug")))
    response.set_cookie(
        site.incognito_cookie,
        "1" if values.get("aan") == "1" else "0",
        httponly=True,
        samesite="strict",
        path="/",
    )
    return response


_CSS = (resources.files("wvp_cli.web") / "static" / "wvp.css").read_text(encoding="utf-8")


async def stylesheet(site: Site, request: Request) -> Response:
    return Response(_CSS, media_type="text/css", headers={"cache-control": "no-cache"})


_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    '<rect width="16" height="16" rx="3" fill="#1f4e79"/>'
    '<path d="M3 5l2 7 3-5 3 5 2-7" fill="none" stroke="#fff" stroke-width="1.6"/></svg>'
)


async def icon(site: Site, request: Request) -> Response:
    return Response(_ICON, media_type="image/svg+xml", headers={"cache-control": "no-cache"})


Handler = Callable[[Site, "Request"], Awaitable[Response]]


def _routes() -> list[tuple[str, Handler, tuple[str, ...]]]:
    from wvp_cli.web import documents, record, stats

    found: list[tuple[str, Any, tuple[str, ...]]] = [
        ("/", werkvoorraad, ("GET",)),
        ("/cases", portfolio, ("GET",)),
        ("/zaak", case, ("GET",)),
        ("/zaak/document", documents.preview, ("GET",)),
        ("/zaak/document.html", documents.html, ("GET",)),
        ("/zaak/document.pdf", documents.pdf, ("GET",)),
        ("/zaak/document.docx", documents.docx, ("GET",)),
        ("/zaak/stap", record.step, ("GET", "POST")),
        ("/controle", check, ("GET",)),
        ("/regels", rules, ("GET",)),
        ("/cijfers", stats.page, ("GET",)),
        ("/cijfers.png", stats.chart, ("GET",)),
        ("/regels/{code}", rule, ("GET",)),
        ("/incognito", incognito, ("POST",)),
        ("/wvp.css", stylesheet, ("GET",)),
        ("/favicon.svg", icon, ("GET",)),
        ("/favicon.ico", icon, ("GET",)),
    ]
    return found


ROUTES = _routes()
