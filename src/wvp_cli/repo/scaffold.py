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
from wvp_cli.repo.install import InstallSpec

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

# Herinneringen van `wvp notify` (per casemanager, e-mail of chat; zie ook de job "notify" in
# .github/workflows/wvp.yml). Het wachtwoord komt alleen uit WVP_SMTP_PASSWORD, nooit hiervandaan.
# [notify]
# smtp_host = "smtp.example.nl"
# security = "starttls"                 # "starttls", "tls" of "none"
# smtp_user = "verzuim@example.nl"
# sender = "Verzuim <verzuim@example.nl>"
# fallback = "verzuim@example.nl"       # voor cases zonder (bekende) casemanager
# days = 14                             # wat binnenkort is: de komende 14 dagen
#
# [notify.recipients]                   # de casemanager precies zoals in employer.casemanager
# "S. Visser" = "s.visser@example.nl"
"""

#: The Python the workflow installs wvp with.
PYTHON_VERSION = "3.12"
#: Files the pre-commit hook gets: the case files of `cases/` (the hook skips any other YAML).
HOOK_FILES = r"^cases/.*\.ya?ml$"
#: The hook in this project's `.pre-commit-hooks.yaml`.
HOOK_ID = "wvp-check"


def pre_commit(spec: InstallSpec) -> str:
    """The pre-commit configuration. pre-commit installs wvp itself (`language: python`): from
    its git repository at the pinned revision, or else from `spec` as an extra dependency of a
    local hook. `--hook` checks exactly the staged case files, with the rules that span the
    repository (unique ids) run over every case of it; serial, so no id escapes in another
    batch."""
    head = (
        "# pre-commit (https://pre-commit.com): `pre-commit install` controleert elk case-bestand\n"
        "# dat je commit, met de regels over alle cases samen (uniek id) over de hele repository.\n"
        "repos:\n"
    )
    if spec.is_remote_git:
        return head + (
            f"  - repo: {yaml_scalar(spec.git_url)}\n"
            f"    rev: {yaml_scalar(spec.git_rev)}\n"
            "    hooks:\n"
            f"      - id: {HOOK_ID}\n"
            f"        files: {yaml_scalar(HOOK_FILES)}\n"
        )
    return head + (
        "  - repo: local\n"
        "    hooks:\n"
        f"      - id: {HOOK_ID}\n"
        "        name: wvp check\n"
        "        entry: wvp check --hook\n"
        "        language: python\n"
        f"        additional_dependencies: [{yaml_scalar(spec.pip)}]\n"
        f"        files: {yaml_scalar(HOOK_FILES)}\n"
        "        require_serial: true\n"
    )


GITIGNORE = """\
# Gemaakte documenten (wvp render ... -o out/...): maak ze opnieuw uit de case-bestanden.
/out/
*.pdf
*.html
# Python
.venv/
__pycache__/
"""


#: The actions the workflow uses, pinned by commit (a tag can be moved to other code).
ACTIONS = {
    "checkout": "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1",
    "setup-python": "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97  # v7.0.0",
    "cache": "actions/cache@55cc8345863c7cc4c66a329aec7e433d2d1c52a9  # v6.1.0",
    "upload-sarif": (
        "github/codeql-action/upload-sarif@8aad20d150bbac5944a9f9d289da16a4b0d87c1e  # v4.36.2"
    ),
}
#: The label of the one issue the digest keeps up to date.
DIGEST_LABEL = "wvp-termijnen"


def _setup(indent: str, commented: bool = False) -> str:
    mark = "# " if commented else ""
    lines = [
        f"- uses: {ACTIONS['checkout']}",
        "  with:",
        "    persist-credentials: false",
        f"- uses: {ACTIONS['setup-python']}",
        "  with:",
        f'    python-version: "{PYTHON_VERSION}"',
        "- name: wvp installeren",
        '  run: python -m pip install "$WVP_INSTALL"',
    ]
    return "".join(f"{indent}{mark}{line}\n" for line in lines)


def workflow(spec: InstallSpec) -> str:
    """The GitHub Actions workflow: check on every push and pull request, and a daily digest
    of the deadlines in the job summary (and, when switched on, in one issue kept up to
    date), and, when switched on, the morning reminders of `wvp notify`. Actions pinned by
    commit, no credentials left on disk, least permissions, a time limit per job; wvp's result
    cache is never carried between runs (a cache another branch wrote is not to be believed).
    The one thing kept between runs is notify's record of what it sent (`.wvp_notify/`), only
    by the scheduled run on the default branch, which restores only caches of that branch."""
    steps = _setup("      ")
    return f"""\
# wvp in GitHub Actions: `wvp check` bij elke push en pull request (fouten verschijnen als
# annotaties op de regels van de case-bestanden), en elke werkdag een overzicht van de termijnen.
name: wvp

on:
  push:
  pull_request:
  schedule:
    - cron: "0 5 * * 1-5"      # werkdagen, 05:00 UTC
  workflow_dispatch:

permissions: {{}}

concurrency:
  group: wvp-${{{{ github.workflow }}}}-${{{{ github.ref }}}}
  cancel-in-progress: ${{{{ github.event_name == 'pull_request' }}}}

env:
  # Waar wvp vandaan komt (wvp init --install SPEC): een vaste versie, nooit "de nieuwste".
  WVP_INSTALL: {yaml_scalar(spec.pip)}

jobs:
  check:
    name: wvp check
    if: github.event_name == 'push' || github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    steps:
{steps}      - name: wvp check
        run: wvp check cases --format github

  termijnen:
    name: termijnen
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
      issues: write
    steps:
{steps}      - name: Termijnen in de samenvatting
        run: wvp deadlines cases --format markdown >> "$GITHUB_STEP_SUMMARY"
      # Ook als issue: zet de repository-variabele WVP_DIGEST_ISSUE op "true". Eén issue met het
      # label {DIGEST_LABEL}, elke dag bijgewerkt. Alleen in een private repository: het
      # overzicht noemt de cases.
      - name: Termijnen als issue
        if: vars.WVP_DIGEST_ISSUE == 'true'
        env:
          GH_TOKEN: ${{{{ github.token }}}}
          GH_REPO: ${{{{ github.repository }}}}
        run: |
          wvp deadlines cases --format markdown > termijnen.md
          nummer="$(gh issue list --label {DIGEST_LABEL} --state open --limit 1 \\
            --json number --jq '.[0].number')"
          if [ -n "$nummer" ]; then
            gh issue edit "$nummer" --body-file termijnen.md
          else
            gh label create {DIGEST_LABEL} --force --description "Overzicht van wvp"
            gh issue create --title "Termijnen (wvp)" --label {DIGEST_LABEL} \\
              --body-file termijnen.md
          fi

  # Herinneringen per casemanager (wvp notify: e-mail of chat), elke werkdag. Aanzetten: de
  # repository-variabele WVP_NOTIFY op "true", [notify] in wvp.toml invullen, en het geheim
  # WVP_SMTP_PASSWORD (en/of WVP_WEBHOOK_URL) zetten. Alleen vanaf de standaardbranch.
  notify:
    name: herinneringen
    # Een schema draait altijd op de standaardbranch (zijn event noemt geen repository); met
    # de hand alleen vanaf de standaardbranch: alleen die runs lezen de verzendlog van die branch.
    if: >-
      vars.WVP_NOTIFY == 'true' && (github.event_name == 'schedule'
      || (github.event_name == 'workflow_dispatch'
          && github.ref_name == github.event.repository.default_branch))
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    concurrency:
      group: wvp-notify          # nooit twee tegelijk: beide zouden versturen
      cancel-in-progress: false
    steps:
{steps}      # Wat al verstuurd is (.wvp_notify/: adressen, datums, Message-ID's; niets uit een
      # case): hersteld van de vorige run, bewaard onder een nieuwe sleutel per run, zodat een
      # herhaling op dezelfde dag alleen verstuurt wat mislukte.
      - name: Verzendlog herstellen en bewaren
        uses: {ACTIONS["cache"]}
        with:
          path: .wvp_notify
          key: wvp-notify-${{{{ github.run_id }}}}-${{{{ github.run_attempt }}}}
          restore-keys: wvp-notify-
      - name: wvp notify
        env:
          WVP_SMTP_PASSWORD: ${{{{ secrets.WVP_SMTP_PASSWORD }}}}
          WVP_WEBHOOK_URL: ${{{{ secrets.WVP_WEBHOOK_URL }}}}
        run: wvp notify cases

  # Code scanning (GitHub Advanced Security): de bevindingen als waarschuwingen in het tabblad
  # Security, met de meldingen zoals de annotaties ze tonen (medische termen gemaskeerd).
  # Aanzetten: haal de # voor de regels hieronder weg.
  # sarif:
  #   name: wvp code scanning
  #   if: github.event_name == 'push' || github.event_name == 'pull_request'
  #   runs-on: ubuntu-latest
  #   timeout-minutes: 15
  #   permissions:
  #     contents: read
  #     security-events: write
  #     actions: read
  #   steps:
{_setup("  #     ")}  #     - name: wvp check (SARIF)
  #       run: wvp check cases --format sarif --output wvp.sarif || test $? -eq 1
  #     - uses: {ACTIONS["upload-sarif"]}
  #       with:
  #         sarif_file: wvp.sarif
  #         category: wvp
"""


README = """\
# Poortwachter-dossiers

Deze repository bevat de re-integratiedossiers (Wet verbetering poortwachter) als
YAML-bestanden: één bestand per ziektegeval in `cases/`. Het programma wvp (het pakket
`wvp-poortwachter`) controleert ze en houdt de termijnen bij. CI en pre-commit installeren
precies de versie die `WVP_INSTALL` in `.github/workflows/wvp.yml` noemt; installeer lokaal
dezelfde: `python -m pip install "<die waarde>"`.

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
- `pre-commit install` controleert elk dossier dat je commit (pre-commit installeert wvp
  zelf); GitHub Actions
  (`.github/workflows/wvp.yml`) controleert elke push en zet elke werkdag een overzicht van de
  termijnen in de samenvatting van de workflow. Herinneringen per casemanager per e-mail of
  chat: vul `[notify]` in `wvp.toml` in, zet het geheim `WVP_SMTP_PASSWORD` en de
  repository-variabele `WVP_NOTIFY` op `true`.
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


def init_files(schema_json: str, spec: InstallSpec) -> dict[str, str]:
    """Relative path -> content of every file `wvp init` writes (templates not included)."""
    return {
        f"{CASES_DIR}/.gitkeep": "",
        "wvp.toml": WVP_TOML,
        SCHEMA_FILE: schema_json,
        ".pre-commit-config.yaml": pre_commit(spec),
        WORKFLOW: workflow(spec),
        ".gitignore": GITIGNORE,
        "README.md": README,
    }
