"""`wvp add`: record a step of a case without editing YAML by hand.

Exit codes (docs/add.md): 0 the step was written (or, with --dry-run, would be); 1 the change was
refused because it would add findings at error level or make the file invalid (the file is
unchanged; --force writes it anyway unless the file would be invalid); 2 wvp could not do its
job: an unknown step or field, a bad value or date, a date after the peildatum, a required field
missing without a terminal to ask it on, a case that cannot be found. The file is never changed
unless the exit code is 0.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from wvp_cli.cli.common import (
    EXIT_FINDINGS,
    AsOf,
    CaseArg,
    ConfigFile,
    SearchIn,
    app,
    fail,
    force_option,
    out_console,
    parse_date,
    require_valid,
    resolve_case,
)
from wvp_cli.core.dutch import SEVERITY_WORDS

if TYPE_CHECKING:
    from rich.console import Console

    from wvp_cli.core.findings import Finding
    from wvp_cli.core.forms import Field, Form
    from wvp_cli.core.model import Case
    from wvp_cli.repo.edit import Outcome


def _interactive(no_input: bool) -> bool:
    return not no_input and sys.stdin.isatty() and sys.stdout.isatty()


def _ask(item: Field, default: Any, case_id: str) -> Any:
    """Ask one field until the answer fits (Dutch prompt, the field's description)."""
    from wvp_cli.core import forms

    choices = f" [{' / '.join(item.choices)}]" if item.kind == "choice" else ""
    hint = " (ja/nee)" if item.kind == "bool" else ""
    hint = " (JJJJ-MM-DD)" if item.kind == "date" else hint
    shown = default.isoformat() if isinstance(default, dt.date) else default
    if isinstance(shown, bool):
        shown = "ja" if shown else "nee"
    if item.many:
        items: list[Any] = []
        typer.echo(f"{item.label} ('{item.name}'), één per regel; een lege regel = klaar")
        while True:
            answer = typer.prompt(
                f"  {len(items) + 1}", default="", show_default=False, prompt_suffix=": "
            )
            if not answer.strip():
                if items:
                    return items
                typer.echo("  minstens één nodig")
                continue
            try:
                items.append(forms.parse_value(item, answer))
            except forms.FormError as exc:
                typer.echo(f"  {exc}")
    while True:
        answer = typer.prompt(
            f"{item.label} ('{item.name}'){choices}{hint}",
            default=None if shown is None else str(shown),
            show_default=shown is not None,
        )
        try:
            return forms.parse_value(item, answer)
        except forms.FormError as exc:
            typer.echo(f"  {exc}")


def _print_diff(outcome: Outcome, console: Console, options: Mapping[str, Any]) -> None:
    """The change as a diff; off a terminal (a log, a pipe) with medical terms and BSNs
    masked as in every other output."""
    from rich.text import Text

    from wvp_cli.privacy.matcher import redact

    for line in outcome.diff.splitlines():
        if not console.is_terminal:
            line = redact(line, options)
        style = None
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        console.print(Text(line, style=style or ""), soft_wrap=True)


def _finding_line(finding: Finding, terminal: bool) -> str:
    """One finding as text output shows it: the full wording only on a real terminal, as
    `wvp check` does (a pipe or a log gets the masked message)."""
    where = f"{finding.location.line}:{finding.location.column}"
    text = (finding.private_message if terminal else None) or finding.message
    return f"{where} {finding.rule} {SEVERITY_WORDS[finding.severity.value]}: {text}"


def _values_for(
    step: Form, case: Case, day: dt.date, given: dict[str, Any], interactive: bool
) -> dict[str, Any]:
    from wvp_cli.core import forms

    values = dict(given)
    values[step.date_field] = day
    missing = forms.missing(step, values)
    if interactive and missing:
        console = out_console()
        console.print(
            f"{step.title} voor case {case.id} ({case.employee.name}), {day.isoformat()}: "
            "vul de ontbrekende velden in (Ctrl-C stopt zonder iets te schrijven).",
            markup=False,
            highlight=False,
        )
    for item in missing:
        default = forms.default_of(item, case, day)
        if interactive:
            values[item.name] = _ask(item, default, case.id)
        elif default is not None:
            values[item.name] = default
    values = {f.name: values[f.name] for f in step.fields if f.name in values}
    still = forms.missing(step, values)
    if still:
        listed = "; ".join(f"{f.name} ({f.label.lower()})" for f in still)
        fail(
            f"'{step.step}' mist verplichte velden: {listed}. Geef ze mee als VELD=WAARDE, "
            "of draai wvp add op een terminal om ze te laten vragen"
        )
    return values


@app.command()
def add(
    case: CaseArg,
    step: Annotated[
        str,
        typer.Argument(
            metavar="STAP",
            help="Een soort gebeurtenis (plan_van_aanpak, evaluatie, werkhervatting, "
            "afsluiting, ...) of ziek, hersteld, zwangerschapsverlof, verlenging, afwijking, "
            "gegevens.",
        ),
    ],
    assignments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[VELD=WAARDE]...",
            help="Velden van de stap; een lijst (activities, steps) als 'wat | wie | datum', "
            "herhaalbaar.",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            metavar="DATUM",
            help="Datum van de stap (JJJJ-MM-DD). Standaard: vandaag. Bij hersteld: de eerste "
            "dag weer volledig aan het werk.",
        ),
    ] = None,
    as_of: AsOf = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Toon de wijziging als diff; schrijf niets.")
    ] = False,
    force: Annotated[
        bool,
        force_option("Schrijf ook als er nieuwe fouten bij komen (nooit een ongeldig bestand)."),
    ] = False,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Vraag niets, ook niet op een terminal."),
    ] = False,
    search: SearchIn = None,
    config_file: ConfigFile = None,
) -> None:
    """Leg een stap vast in een case-bestand (commentaar en opmaak blijven staan)."""
    from wvp_cli.core import forms
    from wvp_cli.repo import config, edit

    peildatum = parse_date(as_of)
    try:
        form = forms.form(step)
        given = forms.parse_assignments(form, assignments or [])
    except forms.FormError as exc:
        fail(str(exc))
    if date is not None:
        day = parse_date(date, "--date")
    elif isinstance(given.get(form.date_field), dt.date):
        day = given[form.date_field]
    else:
        day = peildatum
    if day > peildatum:
        fail(
            f"datum {day.isoformat()} ligt na de peildatum {peildatum.isoformat()}; een stap "
            "wordt vastgelegd als hij gedaan is (of geef --as-of)"
        )
    loaded = resolve_case(case, search)
    require_valid(loaded)
    assert loaded.case is not None
    values = _values_for(form, loaded.case, day, given, _interactive(no_input))

    try:
        settings = config.load(Path(loaded.file).parent, config_file).settings()
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    path = Path(loaded.file)
    options: dict[str, Any] = {
        "as_of": peildatum,
        "settings": settings,
        "dry_run": dry_run,
        "force": force,
        "display": loaded.file,
    }
    try:
        outcome = edit.record_step(path, form, values, day, **options)
    except edit.EditProblem as exc:
        fail(str(exc))
    _report(outcome, dry_run=dry_run, options=settings.options)


def _report(outcome: Outcome, *, dry_run: bool, options: Mapping[str, Any]) -> None:
    console = out_console()
    err = out_console(stderr=True)
    _print_diff(outcome, console, options)
    for note in outcome.notes:
        err.print(f"wvp: let op: {note}", markup=False, highlight=False)
    if outcome.refused:
        err.print(
            f"wvp: niet geschreven: {outcome.summary} zou {outcome.file} "
            + (
                "ongeldig maken:"
                if outcome.invalid
                else "nieuwe fouten geven (--force schrijft toch):"
            ),
            markup=False,
            highlight=False,
        )
        for finding in outcome.problems:
            err.print(f"  {_finding_line(finding, err.is_terminal)}", markup=False, highlight=False)
        raise typer.Exit(EXIT_FINDINGS)
    full = console.is_terminal
    for finding in outcome.disappeared:
        console.print(f"opgelost: {_finding_line(finding, full)}", markup=False, highlight=False)
    for finding in outcome.appeared:
        console.print(f"nieuw:    {_finding_line(finding, full)}", markup=False, highlight=False)
    verb = "zou schrijven (--dry-run)" if dry_run else "geschreven"
    errors = sum(1 for f in outcome.findings_after if f.severity.value == "error")
    console.print(
        f"{outcome.file}: {outcome.summary}; {verb}. Nu {errors} "
        f"{'fout' if errors == 1 else 'fouten'} in deze case.",
        markup=False,
        highlight=False,
    )
