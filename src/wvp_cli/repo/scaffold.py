"""The files `wvp init` and `wvp new` write. Pure: text in, text out; the CLI writes them.

Nothing here holds data about a person: the dossier repository starts empty, and a new case
holds only what the user typed on the command line.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from wvp_cli.core.placeholder import PLACEHOLDER

#: Case ids become file names: letters, digits, `-`, `_` and `.`, not starting with `.` or `-`.
CASE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
MAX_ID_LENGTH = 200
SCHEMA_FILE = "case.schema.json"
CASES_DIR = "cases"
WORKFLOW = ".github/workflows/wvp.yml"
EMPLOYER_PLACEHOLDER = PLACEHOLDER


def case_id_problem(case_id: str) -> str | None:
    """Why `case_id` cannot be a case id (and so a file name), or None when it can."""
    if not case_id:
        return "een case-id mag niet leeg zijn"
    if len(case_id) > MAX_ID_LENGTH:
        return f"een case-id is hoogstens {MAX_ID_LENGTH} tekens lang"
    if case_id[0] in ".-":
        return f"case-id '{case_id}' mag niet met een punt of streepje beginnen"
    if not CASE_ID.fullmatch(case_id):
        return (
            f"case-id '{case_id}' kan geen bestandsnaam zijn; gebruik alleen letters, cijfers, "
            "'-', '_' en '.' (bijvoorbeeld 2026-014)"
        )
    return None


def yaml_scalar(value: Any) -> str:
    """One YAML scalar, quoted where needed (text is always double-quoted, with escapes)."""
    style = '"' if isinstance(value, str) else None
    text = yaml.safe_dump(
        value, default_style=style, allow_unicode=True, width=1_000_000, explicit_end=False
    )
    return text.removesuffix("\n").removesuffix("\n...").strip()


def case_file(
    case_id: str,
    name: str,
    first_sick_day: dt.date,
    employer: str | None,
    schema_path: str = f"../{SCHEMA_FILE}",
) -> str:
    """A new case file: the given facts, and commented placeholders for the rest."""
    employer_name = yaml_scalar(employer if employer else EMPLOYER_PLACEHOLDER)
    employer_note = "" if employer else "   # vul de naam van de werkgever in"
    return f"""\
# yaml-language-server: $schema={schema_path}
wvp: 1
id: {yaml_scalar(case_id)}
employee:
  name: {yaml_scalar(name)}
  # bsn: "..."                   # optioneel; 9 cijfers die de elfproef halen
  # job: "..."                   # eigen functie (bedongen arbeid)
  # hours_per_week: 32
  # skills: "..."                # opleiding en vaardigheden
employer:
  name: {employer_name}{employer_note}
  # business: "..."              # aard van het bedrijf
  # casemanager: "..."
  # bedrijfsarts: "..."
  # arbodienst: "..."

sickness:                        # ziekteperiodes, oudste eerst
  - from: {first_sick_day.isoformat()}
    # to: JJJJ-MM-DD             # laatste ziektedag; weglaten zolang (deels) ziek

# Wat er gebeurt, in willekeurige volgorde. Vervang [] door een lijst zodra er iets is gedaan:
# events:
#   - type: ziekmelding_arbodienst
#     date: JJJJ-MM-DD
#   - type: probleemanalyse
#     date: JJJJ-MM-DD
#     by: "..."                  # noteer alleen functionele mogelijkheden en beperkingen
events: []
"""


# --- wvp init -------------------------------------------------------------------------------

WVP_TOML = """\
# Configuratie van wvp voor deze dossier-repository. Alle sleutels zijn optioneel;
# `wvp config` toont wat er geldt en waar elke waarde vandaan komt.

# Alleen deze regels (codes of voorvoegsels: WVP1 is elke regel van het eerste ziektejaar).
# select = ["WVP0", "WVP1", "WVP2"]

# Deze regels overslaan.
# ignore = ["WVP105"]

# Bestanden die wvp overslaat (glob op de naam of op het pad vanaf deze map).
# exclude = ["cases/archief/*"]

# Grootste case-bestand dat wvp leest: een aantal bytes of "500KB", "5MB" (1024-tallig).
# max_file_size = "5MB"

# Wanneer `wvp check` faalt (exitcode 1): bij "error" (standaard) of ook bij "warning".
# fail_on = "error"

# Ernst per regel aanpassen: error, warning of info.
# [severity]
# WVP105 = "warning"

# Privacy: extra woorden die nooit in een dossier horen, en woorden die wel mogen.
# [privacy]
# extra_terms = []
# allow = []
"""

PRE_COMMIT = """\
# pre-commit (https://pre-commit.com): `pre-commit install` controleert elk case-bestand
# dat je commit. De volledige controle, met de regels over alle cases samen, draait in CI.
repos:
  - repo: local
    hooks:
      - id: wvp-check
        name: wvp check
        entry: wvp check
        language: system
        files: ^cases/.*\\.ya?ml$
"""

GITIGNORE = """\
# Gemaakte documenten (wvp render ... -o out/...): maak ze opnieuw uit de case-bestanden.
/out/
*.pdf
*.html
# Python
.venv/
__pycache__/
"""


def workflow(version: str) -> str:
    """The GitHub Actions workflow: check on every push and pull request, and a daily digest
    of the deadlines in the job summary (and, when switched on, as an issue)."""
    return f"""\
# wvp in GitHub Actions: `wvp check` bij elke push en pull request (fouten verschijnen als
# annotaties op de regels van de case-bestanden), en elke ochtend een overzicht van de termijnen.
name: wvp

on:
  push:
  pull_request:
  schedule:
    - cron: "0 5 * * 1-5"      # werkdagen, 05:00 UTC
  workflow_dispatch:

permissions:
  contents: read

jobs:
  check:
    if: github.event_name == 'push' || github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: wvp installeren
        run: python -m pip install "wvp=={version}"
      # De cache van wvp (.wvp_cache/): een ongewijzigd case-bestand wordt op dezelfde peildatum
      # niet opnieuw gecontroleerd, dus de volgende push van de dag is snel.
      - uses: actions/cache@v4
        with:
          path: .wvp_cache
          key: wvp-${{{{ github.sha }}}}
          restore-keys: wvp-
      - name: wvp check
        run: wvp check cases --format github

  termijnen:
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      issues: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: wvp installeren
        run: python -m pip install "wvp=={version}"
      - name: Termijnen in de samenvatting
        run: wvp deadlines cases --format markdown >> "$GITHUB_STEP_SUMMARY"
      # Ook als issue: zet de repository-variabele WVP_DIGEST_ISSUE op "true". Alleen in een
      # private repository: het overzicht noemt de cases.
      - name: Termijnen als issue
        if: vars.WVP_DIGEST_ISSUE == 'true'
        env:
          GH_TOKEN: ${{{{ github.token }}}}
        run: |
          wvp deadlines cases --format markdown > termijnen.md
          gh issue create --title "Termijnen $(date +%Y-%m-%d)" --body-file termijnen.md
"""


README = """\
# Poortwachter-dossiers

Deze repository bevat de re-integratiedossiers (Wet verbetering poortwachter) als
YAML-bestanden: één bestand per ziektegeval in `cases/`. Het programma
[wvp](https://pypi.org/project/wvp/) controleert ze en houdt de termijnen bij.

## Werken met de dossiers

```sh
wvp new --id 2026-001 --name "A. Jansen" --first-sick-day 2026-01-05 --employer "Voorbeeld BV"
wvp check cases                # controleer alle dossiers
wvp deadlines cases --week     # wat moet er deze week gebeuren?
wvp timeline 2026-001 --in cases
```

- Zet alleen vast wat de werkgever mag vastleggen: **geen diagnoses of andere medische
  gegevens**, alleen functionele mogelijkheden en beperkingen (AP-beleidsregels De zieke
  werknemer).
- `wvp.toml` bevat de instellingen; `wvp config` laat zien wat er geldt.
- `case.schema.json` laat je editor (met de YAML-taalserver) velden aanvullen en fouten tonen.
- `pre-commit install` controleert elk dossier dat je commit; GitHub Actions
  (`.github/workflows/wvp.yml`) controleert elke push en zet elke werkdag een overzicht van de
  termijnen in de samenvatting van de workflow.
- Gemaakte documenten (`wvp render`) horen in `out/`; die map staat niet in git.
"""


#: VS Code settings for `wvp init --vscode`: the generic LSP client extension (zsol.vscode-glspc)
#: starts `wvp lsp` for YAML files; yaml-language-server (redhat.vscode-yaml) uses the schema.
VSCODE_SETTINGS = """\
{
  "glspc.server.command": "wvp",
  "glspc.server.commandArguments": ["lsp"],
  "glspc.server.languageId": ["yaml"],
  "yaml.schemas": {
    "./case.schema.json": "cases/**/*.yaml"
  }
}
"""
VSCODE_EXTENSIONS = """\
{
  "recommendations": ["zsol.vscode-glspc", "redhat.vscode-yaml"]
}
"""


def vscode_files() -> dict[str, str]:
    """The files of `wvp init --vscode`."""
    return {".vscode/settings.json": VSCODE_SETTINGS, ".vscode/extensions.json": VSCODE_EXTENSIONS}


def init_files(schema_json: str, version: str) -> dict[str, str]:
    """Relative path -> content of every file `wvp init` writes (templates not included)."""
    return {
        f"{CASES_DIR}/.gitkeep": "",
        "wvp.toml": WVP_TOML,
        SCHEMA_FILE: schema_json,
        ".pre-commit-config.yaml": PRE_COMMIT,
        WORKFLOW: workflow(version),
        ".gitignore": GITIGNORE,
        "README.md": README,
    }
