"""The figures page of `wvp serve` (`/cijfers`): the same figures as `wvp stats`, for the
cases of the repository, with the chart as a PNG of its own (`/cijfers.png`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from starlette.responses import Response

from wvp_cli.web.app import BadRequest, Site

if TYPE_CHECKING:
    from starlette.requests import Request

    from wvp_cli.core.stats import Report
    from wvp_cli.web.views import Repository

GROUPS = {"alle": None, "werkgever": "employer", "casemanager": "casemanager"}


def _query(site: Site, request: Request) -> tuple[dt.date, dt.date, str]:
    def day(name: str, default: dt.date) -> dt.date:
        raw = request.query_params.get(name, "").strip()
        if not raw:
            return default
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise BadRequest(f"{name}: verwacht een datum als JJJJ-MM-DD, niet '{raw}'") from None

    end = day("tot", site.day())
    try:
        default_start = end.replace(year=end.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        default_start = dt.date(end.year - 1, 3, 1)
    start = day("van", default_start)
    if start > end or (end - start).days > 3660:
        raise BadRequest("van en tot: een periode van hoogstens tien jaar, van vóór tot")
    by = request.query_params.get("per") or "alle"
    if by not in GROUPS:
        raise BadRequest(f"per: onbekende waarde '{by}' (kies uit: {', '.join(GROUPS)})")
    return start, end, by


def figures(repo: Repository, as_of: dt.date, start: dt.date, end: dt.date, by: str) -> Report:
    """The figures of the repository's valid case files (no roster: no percentage)."""
    from wvp_cli.core.stats import Period
    from wvp_cli.core.stats import figures as compute

    cases = []
    for name in repo.case_files():
        loaded = repo.open(name)
        if loaded.case is not None:
            cases.append(loaded.case)
    return compute(cases, Period(start, end), as_of, group_by=GROUPS[by])


async def page(site: Site, request: Request) -> Response:
    from urllib.parse import urlencode

    from wvp_cli.report.stats import _footnotes, rows

    start, end, by = _query(site, request)
    report = await site.work(figures, site.repo, site.day(), start, end, by)
    masker = site.masker(request)
    if by == "casemanager":
        from wvp_cli.web.masking import _name_parts

        masker.hide(n for g in report.groups for n in _name_parts(g.group))
    query = urlencode({"van": start.isoformat(), "tot": end.isoformat(), "per": by})
    return site.render(
        request,
        "stats.html",
        masker=masker,
        report=report,
        groups=[(g.group, rows(g)) for g in report.groups],
        notes=_footnotes(report),
        start=start,
        end=end,
        by=by,
        choices=tuple(GROUPS),
        chart=f"/cijfers.png?{query}",
    )


async def chart(site: Site, request: Request) -> Response:
    from wvp_cli.report.stats import chart as draw

    start, end, by = _query(site, request)
    report = await site.work(figures, site.repo, site.day(), start, end, by)
    if not report.groups:
        raise BadRequest("geen groep groot genoeg voor een grafiek", 404)
    try:
        png = await site.work(draw, report, "png")
    except ImportError:
        raise BadRequest("geen grafiek: installeer matplotlib (de extra 'chart')", 404) from None
    return Response(png, media_type="image/png")
