"""The pages of docs/rules/, generated from the rule registry: one page per rule (code, title,
severity, legal source, and its documentation with the passing and failing examples of its
docstring) and an index. A test checks that the pages in the repository are current.

    python -m wvp_cli.docs [DOCS_FOLDER]     # rewrite docs/rules/ (default: ./docs)
    python -m wvp_cli.docs --check [DOCS]    # exit 1 when a page is missing or out of date
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wvp_cli.rules import Rule

RULES_DIR = "rules"
INDEX = "README.md"
_SEVERITY = {"error": "fout (error)", "warning": "waarschuwing (warning)", "info": "info"}
_SEVERITY_WORD = {"error": "fout", "warning": "waarschuwing", "info": "info"}
_SCOPE = {
    "load": "bij het lezen van het bestand",
    "file": "per bestand, ook een ongeldig",
    "case": "per geldige case",
    "repo": "over alle cases samen",
}
_GENERATED = (
    "<!-- Gemaakt door `python -m wvp_cli.docs` uit de regels van wvp; niet met de hand "
    "bewerken. -->\n"
)
_LABEL = re.compile(
    r"^(Goed voorbeeld|Fout voorbeeld|Bron|Waarom|Oplossing|Te doen als het ontbreekt"
    r"|Passing example|Failing example|Source|Why|Fix|To do when missing):(.*)$"
)


def markdown(doc: str) -> str:
    """A rule's docstring as Markdown: the labels (`Source:`, `Passing example:` ...) bold,
    and an indented example after a label as a YAML code block."""
    lines = doc.strip().splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        match = _LABEL.match(line)
        if match:
            label, rest = match.group(1), match.group(2).strip()
            block: list[str] = []
            j = i + 1
            while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
                if not lines[j].strip() and (
                    j + 1 >= len(lines) or not lines[j + 1].startswith("    ")
                ):
                    break
                block.append(lines[j])
                j += 1
            if out and out[-1] != "":
                out.append("")
            out.append(f"**{label}:** {rest}".rstrip())
            if block:
                indent = min(len(b) - len(b.lstrip()) for b in block if b.strip())
                out.extend(["", "```yaml", *(b[indent:] for b in block), "```", ""])
            i = j
            continue
        out.append(line)
        i += 1
    return "\n".join(out).strip() + "\n"


def rule_page(rule: Rule) -> str:
    severity = str(getattr(rule.severity, "value", rule.severity))
    rows = [
        ("Code", f"`{rule.code}`"),
        ("Naam", f"`{rule.slug}`"),
        ("Ernst (standaard)", _SEVERITY.get(severity, severity)),
        ("Wanneer", _SCOPE.get(str(rule.scope), str(rule.scope))),
        ("Bron", rule.source),
    ]
    table = "| | |\n|---|---|\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)
    return (
        f"{_GENERATED}\n# {rule.code}: {rule.title}\n\n{table}\n"
        f"{markdown(rule.doc or rule.title)}\n"
        f'Aanpassen in `wvp.toml`: `ignore = ["{rule.code}"]` of '
        f'`[severity]` `{rule.code} = "warning"`. Zie ook [alle regels]({INDEX}).\n'
    )


def index_page(rules: Sequence[Rule]) -> str:
    lines = [
        _GENERATED,
        "# De regels van wvp",
        "",
        "Elke regel heeft een vaste code. WVP0xx: het bestand en het formaat; WVP1xx: het eerste "
        "ziektejaar; WVP2xx: het tweede jaar en de WIA; WVP3xx: de inhoud van de documenten; "
        "WVP4xx: privacy. `wvp rules CODE` toont dezelfde tekst.",
        "",
        "| code | regel | ernst | bron |",
        "|---|---|---|---|",
    ]
    for rule in rules:
        severity = str(getattr(rule.severity, "value", rule.severity))
        title = rule.title.replace("|", "\\|")
        source = rule.source.replace("|", "\\|")
        word = _SEVERITY_WORD.get(severity, severity)
        lines.append(f"| [{rule.code}]({rule.code}.md) | {title} | {word} | {source} |")
    return "\n".join(lines) + "\n"


def pages(rules: Mapping[str, Rule] | None = None) -> dict[str, str]:
    """File name (inside docs/rules/) -> content, for every rule and the index."""
    if rules is None:
        from wvp_cli.rules import all_rules

        rules = all_rules()
    out = {f"{code}.md": rule_page(rule) for code, rule in sorted(rules.items())}
    out[INDEX] = index_page([rule for _, rule in sorted(rules.items())])
    return out


def stale(docs: Path) -> list[str]:
    """The pages of docs/rules/ that are missing, differ, or belong to no rule."""
    folder = docs / RULES_DIR
    wanted = pages()
    problems = []
    for name, text in wanted.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(name)
    if folder.is_dir():
        problems.extend(p.name for p in sorted(folder.glob("*.md")) if p.name not in wanted)
    return problems


def write(docs: Path) -> list[str]:
    """Rewrite docs/rules/; the names of the pages written or removed."""
    from wvp_cli.repo.files import write_atomic

    folder = docs / RULES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    changed = stale(docs)
    for name in changed:
        if name in wanted:
            write_atomic(folder / name, wanted[name], force=True)
        else:
            (folder / name).unlink()
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    rest = [a for a in args if a != "--check"]
    docs = Path(rest[0]) if rest else Path("docs")
    if check:
        problems = stale(docs)
        for name in problems:
            print(f"{docs / RULES_DIR / name} is niet bij; draai: python -m wvp_cli.docs")
        return 1 if problems else 0
    for name in write(docs):
        print(f"{docs / RULES_DIR / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
