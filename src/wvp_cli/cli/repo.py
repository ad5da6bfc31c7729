"""The dossier repository: `wvp init`, `wvp new`, `wvp config`.

Every file goes through `files.write_atomic`; nothing that exists is replaced without `--force`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wvp_cli import __version__
from wvp_cli.cli.common import (
    ConfigFile,
    ConfigFormat,
    app,
    fail,
    files_of_case,
    force_option,
    format_option,
    out_console,
    parse_date,
    write_file,
    write_report,
)
from wvp_cli.report.registry import CONFIG, listed

if TYPE_CHECKING:
    from wvp_cli.repo.config import Config

_TEXT = ConfigFormat("text")


def _write(path: Path, data: str | bytes, *, force: bool) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"kan map {path.parent} niet maken: {exc.strerror}")
    write_file(path, data, force=force)


def default_templates() -> dict[str, bytes]:
    """The default document templates shipped with wvp (empty when this build has none)."""
    from importlib.resources import files

    try:
        folder = files("wvp_cli.templates")
    except (ModuleNotFoundError, TypeError):
        return {}
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith((".", "_")):
            out[entry.name] = entry.read_bytes()
    return out


# --- init ---------------------------------------------------------------------------------


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="MAP", help="Waar de repository komt. Standaard: .")
    ] = Path("."),
    with_templates: Annotated[
        bool,
        typer.Option(
            "--with-templates",
            help="Kopieer de standaardtemplates naar templates/ om aan te passen.",
        ),
    ] = False,
    force: Annotated[bool, force_option("Vervang bestanden die al bestaan.")] = False,
    vscode: Annotated[
        bool,
        typer.Option(
            "--vscode", help="Schrijf ook .vscode/-instellingen voor de taalserver (wvp lsp)."
        ),
    ] = False,
    install_spec: Annotated[
        str | None,
        typer.Option(
            "--install",
            metavar="SPEC",
            help="Waar CI en pre-commit wvp installeren: git+URL@COMMIT, "
            "wvp-poortwachter==VERSIE (een eigen index) of het pad van een wheel in de "
            "repository. Standaard: waar deze wvp vandaan komt.",
        ),
    ] = None,
) -> None:
    """Maak een dossier-repository: cases/, wvp.toml, pre-commit, GitHub Actions, README."""
    from wvp_cli.core.model import Case
    from wvp_cli.repo import install, scaffold

    if directory.exists() and not directory.is_dir():
        fail(f"{directory} bestaat al en is geen map")
    if install_spec is not None:
        try:
            spec = install.parse(install_spec)
        except install.SpecProblem as exc:
            fail(str(exc))
    else:
        found, how = install.default(__version__)
        if found is None:
            fail(
                f"wvp weet niet waar CI deze wvp kan installeren ({how}); kies het met "
                "--install, bijvoorbeeld --install git+https://.../wvp.git@COMMIT of "
                "--install wvp-poortwachter==VERSIE voor een eigen pakketindex"
            )
        spec = found
    schema = Case.model_json_schema(by_alias=True)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    schema_text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    planned: dict[str, str | bytes] = dict(scaffold.init_files(schema_text, spec))
    if vscode:
        planned.update(scaffold.vscode_files())
    if with_templates:
        templates = default_templates()
        if not templates:
            print(
                "wvp: deze installatie van wvp bevat geen standaardtemplates; templates/ is "
                "niet gemaakt",
                file=sys.stderr,
            )
        for name, content in templates.items():
            planned[f"templates/{name}"] = content
    existing = [rel for rel in planned if os.path.lexists(directory / rel)]
    if existing and not force:
        listed = "\n".join(f"  {directory / rel}" for rel in existing)
        fail(f"deze bestanden bestaan al (gebruik --force om ze te vervangen):\n{listed}")
    for rel, data in planned.items():
        _write(directory / rel, data, force=force)
    console = out_console()
    console.print(f"Dossier-repository gemaakt in {directory}:", highlight=False)
    for rel in planned:
        shown = str(Path(rel).parent) + "/" if rel.endswith(".gitkeep") else rel
        mark = " (vervangen)" if rel in existing else ""
        console.print(f"  {shown}{mark}", highlight=False, markup=False)
    console.print(f"CI en pre-commit installeren: {spec.pip}", highlight=False, markup=False)
    console.print(
        "Volgende stap: wvp new --id ... --name ... --first-sick-day JJJJ-MM-DD",
        highlight=False,
        markup=False,
    )


# --- new ----------------------------------------------------------------------------------


def _schema_path(folder: Path) -> str:
    """The modeline's path from `folder` to case.schema.json (found above it, else `../`)."""
    from wvp_cli.repo.scaffold import SCHEMA_FILE

    here = folder.resolve()
    for depth, parent in enumerate((here, *here.parents)):
        if (parent / SCHEMA_FILE).is_file():
            return "../" * depth + SCHEMA_FILE if depth else SCHEMA_FILE
    return f"../{SCHEMA_FILE}"


@app.command()
def new(
    case_id: Annotated[str, typer.Option("--id", metavar="ID", help="Case-id, bijv. 2026-014.")],
    name: Annotated[
        str, typer.Option("--name", metavar="NAAM", help="Naam of pseudoniem van de werknemer.")
    ],
    first_sick_day: Annotated[
        str, typer.Option("--first-sick-day", metavar="DATUM", help="Eerste ziektedag.")
    ],
    employer: Annotated[
        str | None, typer.Option("--employer", metavar="NAAM", help="Naam van de werkgever.")
    ] = None,
    directory: Annotated[
        Path, typer.Option("--dir", metavar="MAP", help="Map van de case-bestanden.")
    ] = Path("cases"),
) -> None:
    """Maak een nieuw case-bestand <map>/<id>.yaml met de velden om in te vullen."""
    from wvp_cli.repo import scaffold

    problem = scaffold.case_id_problem(case_id)
    if problem:
        fail(problem)
    if not name.strip():
        fail("--name mag niet leeg zijn")
    if employer is not None and not employer.strip():
        fail("--employer mag niet leeg zijn")
    day = parse_date(first_sick_day, "--first-sick-day")
    if not directory.is_dir():
        fail(f"map {directory} bestaat niet; maak hem aan of begin met 'wvp init'")
    target = directory / f"{case_id}.yaml"
    for suffix in (".yaml", ".yml"):
        other = directory / f"{case_id}{suffix}"
        if os.path.lexists(other):
            fail(f"{other} bestaat al; kies een ander id")
    same = files_of_case(case_id, [directory])
    if same:
        fail(f"case-id '{case_id}' staat al in {', '.join(same)}; kies een ander id")
    text = scaffold.case_file(
        case_id, name.strip(), day, employer.strip() if employer else None, _schema_path(directory)
    )
    write_file(target, text, force=False)
    print(f"{target} gemaakt")
    if not employer:
        print(
            f"wvp: vul employer.name in {target} in (nu '{scaffold.EMPLOYER_PLACEHOLDER}')",
            file=sys.stderr,
        )


# --- config -------------------------------------------------------------------------------


@app.command("config")
def show_config(
    path: Annotated[
        Path | None,
        typer.Argument(metavar="PAD", help="Het pad dat gecontroleerd wordt. Standaard: ."),
    ] = None,
    config_file: ConfigFile = None,
    output_format: Annotated[ConfigFormat, format_option(f"Uitvoer: {listed(CONFIG)}.")] = _TEXT,
) -> None:
    """Toon de geldende configuratie en waar elke waarde vandaan komt."""
    from wvp_cli.repo import config
    from wvp_cli.report.registry import ConfigReport

    try:
        conf = config.load(path, config_file)
    except config.ConfigError as exc:
        fail(f"configuratie: {exc}")
    report = ConfigReport(conf.file, tuple(_settings(conf)))
    write_report(CONFIG[output_format.value], report)


def _settings(conf: Config) -> list[tuple[str, object, str]]:
    """Each setting of `conf` as (key, value, where it comes from)."""
    rows: list[tuple[str, object, str]] = [
        ("select", list(conf.select), conf.origin("select")),
        ("ignore", list(conf.ignore), conf.origin("ignore")),
        ("exclude", list(conf.exclude), conf.origin("exclude")),
        ("respect_gitignore", conf.respect_gitignore, conf.origin("respect_gitignore")),
        ("max_file_size", conf.max_file_size, conf.origin("max_file_size")),
        ("fail_on", conf.fail_on, conf.origin("fail_on")),
        ("privacy.extra_terms", list(conf.extra_terms), conf.origin("privacy.extra_terms")),
        ("privacy.allow", list(conf.allow), conf.origin("privacy.allow")),
    ]
    for code, level in sorted(conf.severity.items()):
        rows.append((f"severity.{code}", level.value, conf.origin(f"severity.{code}")))
    if any(key.startswith("notify.") for key in conf.origins):  # only when [notify] is used
        from dataclasses import asdict

        from wvp_cli.repo.notify_config import KEYS as NOTIFY_KEYS

        notify = asdict(conf.notify)
        notify["smtp_port"] = conf.notify.port
        notify.pop("where")
        if (notify["webhook"] or "").startswith("http"):  # a URL is a secret: its host only
            notify["webhook"] = notify["webhook"].split("/", 3)[2] + " (URL verborgen)"
        for key in NOTIFY_KEYS:
            rows.append((f"notify.{key}", notify[key], conf.origin(f"notify.{key}")))
    for key in sorted(k for k in conf.origins if k.startswith("rules.")):
        rows.append((key, conf.rule_options[key.rsplit(".", 1)[1]], conf.origin(key)))
    return rows
