"""Record a step from the browser: the form of `wvp add` (core/forms.py: fields, labels,
defaults, parsing) and its writer (repo/edit.py: round-trip, checked before writing, atomic).

Three requests: the empty form (GET), the preview (POST: a dry run that shows the diff and what
it changes in the findings) and the write (POST with `bevestig`). The write happens only when
the file is still the one the preview was made of (its SHA-256 travels in the form), and only
when `edit` accepts it: a change that makes the file invalid or adds errors is refused and the
file stays byte for byte as it was. There is no `--force` on the web.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wvp_cli.web.app import BadRequest, Site, redirect
from wvp_cli.web.masking import Label

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from wvp_cli.core.forms import Field, Form
    from wvp_cli.core.model import Case
    from wvp_cli.engine import Settings
    from wvp_cli.repo.edit import Outcome


def apply(
    path: Path,
    form: Form,
    values: dict[str, Any],
    day: dt.date,
    *,
    as_of: dt.date,
    settings: Settings,
    dry_run: bool,
    display: str,
) -> Outcome:
    """The change of `wvp add` for a filled form (the same calls of repo/edit.py, per target)."""
    from wvp_cli.repo import edit

    options: dict[str, Any] = {
        "as_of": as_of,
        "settings": settings,
        "dry_run": dry_run,
        "force": False,
        "display": display,
    }
    return edit.record_step(path, form, values, day, **options)


#: Fields `wvp render riv` and the signing fill in, not a person at a form.
_NOT_ON_THE_WEB = frozenset({"signatures", "content_hash"})


def web_fields(form: Form) -> tuple[Field, ...]:
    """The fields a person fills in: not the signatures, not the unused date of `gegevens`."""
    return tuple(
        f
        for f in form.fields
        if f.name not in _NOT_ON_THE_WEB and not (form.target == "fields" and f.name == "date")
    )


def label_of(item: Field) -> str:
    return item.label


def _raw_default(item: Field, case: Case, day: dt.date, date_field: str) -> str:
    from wvp_cli.core import forms

    value = day if item.name == date_field else forms.default_of(item, case, day)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse(
    form: Form, raw: dict[str, str], case: Case, peildatum: dt.date
) -> tuple[dict[str, Any], dt.date, dict[str, str]]:
    """The values of a posted form, the step's date, and an error per field (Dutch)."""
    from wvp_cli.core import forms

    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in web_fields(form):
        text = raw.get(item.name, "").strip()
        if not text:
            continue
        try:
            if item.many:
                values[item.name] = [
                    forms.parse_value(item, line) for line in text.splitlines() if line.strip()
                ]
            else:
                values[item.name] = forms.parse_value(item, text)
        except forms.FormError as exc:
            errors[item.name] = str(exc)
    day = values.get(form.date_field)
    if not isinstance(day, dt.date):
        day = peildatum
        values[form.date_field] = day
    if day > peildatum and form.date_field not in errors:
        errors[form.date_field] = (
            f"{day.isoformat()} ligt na de peildatum {peildatum.isoformat()}; een stap wordt "
            "vastgelegd als hij gedaan is"
        )
    for item in forms.missing(form, values):
        default = forms.default_of(item, case, day)
        if default is not None:
            values[item.name] = default
        elif item.name not in errors:
            errors[item.name] = "verplicht: vul dit veld in"
    return values, day, errors


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


async def step(site: Site, request: Request) -> Response:
    from wvp_cli.core import forms
    from wvp_cli.web.masking import people_of
    from wvp_cli.web.views import NotFound

    source = request.query_params
    raw: dict[str, str] = {}
    if request.method == "POST":
        raw = await site.form(request)
        source = raw  # type: ignore[assignment]  # a mapping of text either way
    name = source.get("bestand", "")
    try:
        form = forms.form(source.get("stap", ""))
    except forms.FormError as exc:
        raise BadRequest(str(exc)) from None
    try:
        loaded = await site.work(site.repo.open, name)
    except NotFound as exc:
        raise BadRequest(str(exc), 404) from None
    if loaded.case is None:
        raise BadRequest(f"{name} is geen geldige case; herstel het bestand eerst", 422)
    case, peildatum = loaded.case, site.day()
    masker = site.masker(request)
    masker.hide(people_of(case))
    # What the user typed comes back as typed (a Label: not masked), or the write after the
    # preview would store the masked text. A default that is a name is left out in incognito
    # mode: the case's own value is filled in when the field stays empty.
    fields = [
        (
            item,
            Label(label_of(item)),
            Label(
                raw[item.name]
                if item.name in raw
                else ""
                if masker.incognito and item.default in ("casemanager", "bedrijfsarts")
                else _raw_default(item, case, peildatum, form.date_field)
            ),
        )
        for item in web_fields(form)
    ]
    context: dict[str, Any] = {
        "masker": masker,
        "name": name,
        "form": form,
        "form_title": Label(form.title),
        "fields": fields,
        "errors": {},
        "outcome": None,
        "digest": "",
        "case": case,
    }
    if request.method == "GET":
        return site.render(request, "step.html", **context)

    values, day, errors = parse(form, raw, case, peildatum)
    if errors:
        context["errors"] = {k: Label(v) for k, v in errors.items()}
        return site.render(request, "step.html", status=422, **context)
    path = Path(loaded.file)
    confirm = raw.get("bevestig") == "1"

    def run() -> tuple[Outcome | str, str]:
        from wvp_cli.repo import edit

        current = _digest(path.read_bytes())
        dry = not confirm or current != raw.get("sha", "")
        try:
            outcome = apply(
                path,
                form,
                values,
                day,
                as_of=peildatum,
                settings=site.repo.config().settings(),
                dry_run=dry,
                display=name,
            )
        except edit.EditProblem as exc:
            return str(exc), current
        return outcome, current

    outcome, digest = await site.work(run)
    if isinstance(outcome, str):
        context["errors"] = {"": Label(outcome)}
        return site.render(request, "step.html", status=422, **context)
    if outcome.written:
        return redirect(f"/zaak?bestand={_quoted(name)}&vastgelegd={_quoted(outcome.summary)}")
    context.update(
        outcome=outcome,
        digest=digest,
        stale=confirm and not outcome.refused,
        diff=outcome.diff.splitlines(),
    )
    return site.render(request, "step.html", status=422 if outcome.refused else 200, **context)


def _quoted(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")
