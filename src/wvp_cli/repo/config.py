"""Configuration: `wvp.toml`, or `[tool.wvp]` in `pyproject.toml`, -> Settings and the options
of `wvp check`, with where every value came from.

The file is found by walking up from the checked path (or given with `--config FILE`). Every
problem in it is a `ConfigError` with the file, the line and the reason (exit code 2): a
configuration that is silently half-applied would let a dossier pass that should not.

    select = ["WVP0", "WVP1"]        # rule codes or prefixes; empty: every rule
    ignore = ["WVP105"]
    exclude = ["archief/"]           # patterns as in .gitignore, relative to this file's folder
    respect_gitignore = true         # also leave out what .gitignore files leave out
    max_file_size = "5MB"            # bytes, or a number with B, KB, MB or GB (1024-based)
    fail_on = "error"                # or "warning" (like --strict)

    [severity]
    WVP105 = "warning"               # error | warning | info
    WVP101.late = "error"            # one kind of a rule's findings (`wvp rules WVP101`)

    [rules.WVP306]                   # an option a rule declares (`wvp rules WVP306`)
    actueel_oordeel_max_age_days = 120

    [privacy]
    extra_terms = ["burn-out"]       # more words the privacy rules flag
    allow = ["rugzak"]               # words they must not flag

    [notify]                         # where `wvp notify` sends the digests (notify_config.py)
    sender = "verzuim@example.nl"
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, overload

from wvp_cli.core.dutch import nearest
from wvp_cli.core.findings import Severity
from wvp_cli.core.limits import MAX_FILE_BYTES
from wvp_cli.core.settings import Settings
from wvp_cli.repo.notify_config import NotifyConfig, parse_notify

CONFIG_NAME = "wvp.toml"
PYPROJECT = "pyproject.toml"
DEFAULT = "standaard"

FailOn = Literal["error", "warning"]

#: Top-level keys, and the keys of each table.
KEYS: tuple[str, ...] = (
    "select",
    "ignore",
    "severity",
    "exclude",
    "max_file_size",
    "privacy",
    "fail_on",
    "notify",
    "rules",
    "respect_gitignore",
)
PRIVACY_KEYS: tuple[str, ...] = ("extra_terms", "allow")
#: Where the privacy rules read their options (Settings.options).
PRIVACY_OPTIONS = {"extra_terms": "privacy.extra_terms", "allow": "privacy.allow"}

#: A file larger than this is not a case file, whatever the configuration says.
MAX_FILE_SIZE_LIMIT = 1024 * 1024 * 1024
_UNITS = {"": 1, "b": 1, "kb": 1024, "kib": 1024, "mb": 1024**2, "mib": 1024**2}
_UNITS.update({"gb": 1024**3, "gib": 1024**3})
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*")
_CODE = re.compile(r"WVP\d{3}")
_PREFIX = re.compile(r"WVP\d{0,2}")
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")


class ConfigError(Exception):
    """A configuration wvp cannot use: where, and why (in Dutch)."""

    def __init__(self, file: str, line: int | None, reason: str, column: int | None = None):
        self.file, self.line, self.column, self.reason = file, line, column, reason
        where = file
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Config:
    """The effective configuration, and for every value where it came from (`origins`)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    max_file_size: int = MAX_FILE_BYTES
    extra_terms: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    fail_on: FailOn = "error"
    #: Where `wvp notify` sends the digests (repo/notify_config.py).
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    #: The options of rules (`[rules.CODE]`), by option name, validated against the rule.
    rule_options: Mapping[str, Any] = field(default_factory=dict)
    #: The configuration file that was read, if any, and the folder its globs are relative to.
    file: str | None = None
    root: Path | None = None
    #: key (`select`, `severity.WVP105`, `privacy.allow`, ...) -> `standaard`, `file:line`, or
    #: the command-line option that set it.
    origins: Mapping[str, str] = field(default_factory=dict)

    def origin(self, key: str) -> str:
        return self.origins.get(key, DEFAULT)

    def settings(self) -> Settings:
        """The engine's Settings: which rules, their severities, the privacy options."""
        return Settings(
            select=frozenset(self.select),
            ignore=frozenset(self.ignore),
            severity=dict(self.severity),
            options={
                **self.rule_options,
                PRIVACY_OPTIONS["extra_terms"]: list(self.extra_terms),
                PRIVACY_OPTIONS["allow"]: list(self.allow),
            },
        )

    def with_options(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        fail_on: str | None = None,
        known_codes: Sequence[str] | None = None,
    ) -> Config:
        """Command-line options win over the file (and the file over the defaults)."""
        known_codes = _RuleCodes() if known_codes is None else known_codes
        origins = dict(self.origins)
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = _codes(select, "--select", known_codes, _cli_error("--select"))
            origins["select"] = "optie --select"
        if ignore is not None:
            changes["ignore"] = _codes(ignore, "--ignore", known_codes, _cli_error("--ignore"))
            origins["ignore"] = "optie --ignore"
        if fail_on is not None:
            changes["fail_on"] = _fail_on(fail_on, _cli_error("--fail-on"))
            origins["fail_on"] = "optie --fail-on"
        return _replace(self, origins=origins, **changes)


class _RuleCodes(Sequence[str]):
    """The codes of every rule, looked up on first use: loading the rules' modules takes a
    noticeable part of a run served from the cache, and most configurations name no code."""

    def __init__(self) -> None:
        self._codes: list[str] | None = None

    def _get(self) -> list[str]:
        if self._codes is None:
            from wvp_cli.rules import all_rules

            self._codes = list(all_rules())
        return self._codes

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())


def _replace(config: Config, **changes: Any) -> Config:
    from dataclasses import replace

    return replace(config, **changes)


class _Raise:
    """Raise a ConfigError for one key, with its line found in the file text."""

    def __init__(self, file: str, text: str, table: tuple[str, ...], key: tuple[str, ...]):
        self.file, self.text, self.table, self.key = file, text, table, key

    def __call__(self, reason: str, value: str | None = None) -> ConfigError:
        return ConfigError(self.file, line_of(self.text, self.table, self.key, value), reason)


def _cli_error(option: str) -> Any:
    def make(reason: str, value: str | None = None) -> ConfigError:
        return ConfigError(option, None, reason)

    return make


# --- discovery ----------------------------------------------------------------------------


def _has_tool_wvp(pyproject: Path) -> bool:
    """Whether a pyproject.toml has a `tool.wvp` table, in any TOML spelling (`[tool.wvp]`,
    `[tool]` with `wvp.select = ...`, `tool.wvp.select = ...`). A pyproject.toml that is no valid
    TOML but names wvp counts: its error is shown rather than the configuration ignored."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        tool = tomllib.loads(text).get("tool")
    except tomllib.TOMLDecodeError:
        return "wvp" in text
    return isinstance(tool, dict) and "wvp" in tool


def find_config(start: Path) -> Path | None:
    """The first `wvp.toml`, or `pyproject.toml` with a `[tool.wvp]` table, in the folder of
    `start` or above it."""
    here = Path(os.path.abspath(start))  # no resolve(): a symlink loop must not raise here
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_wvp(pyproject):
            return pyproject
    return None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load(start: Path | None = None, explicit: Path | None = None, **kw: Any) -> Config:
    """The configuration for a check of `start` (default: the current folder), or the one in
    `explicit` (`--config FILE`). No file found: the defaults."""
    if explicit is not None:
        path = explicit
        if not path.is_file():
            raise ConfigError(str(explicit), None, "configuratiebestand bestaat niet")
    else:
        found = find_config(start if start is not None else Path("."))
        if found is None:
            return Config()
        path = found
    shown = str(explicit) if explicit is not None else _display(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(shown, None, f"kan niet lezen: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(shown, None, "bestand is geen UTF-8-tekst") from None
    return parse(text, shown, pyproject=path.name == PYPROJECT, root=path.resolve().parent, **kw)


# --- parsing ------------------------------------------------------------------------------


def parse(
    text: str,
    file: str,
    *,
    pyproject: bool = False,
    root: Path | None = None,
    known_codes: Sequence[str] | None = None,
) -> Config:
    """Parse the text of a configuration file; `known_codes` defaults to the rule registry."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(exc, file, text) from None
    base: tuple[str, ...] = ("tool", "wvp") if pyproject else ()
    table: Any = document
    for part in base:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(file, line_of(text, (), base), "[tool.wvp] moet een tabel zijn")
    known_codes = _RuleCodes() if known_codes is None else known_codes
    origins: dict[str, str] = {}

    def err(*key: str) -> _Raise:
        return _Raise(file, text, base, key)

    def where(*key: str) -> str:
        return f"{file}:{line_of(text, base, key) or 1}"

    for key in table:
        if key not in KEYS:
            raise err(key)(_unknown("sleutel", key, KEYS))
    values: dict[str, Any] = {}
    for name in ("select", "ignore"):
        if name in table:
            values[name] = _codes(
                _strings(table[name], name, err(name)), name, known_codes, err(name)
            )
            origins[name] = where(name)
    if "exclude" in table:
        values["exclude"] = tuple(_strings(table["exclude"], "exclude", err("exclude")))
        origins["exclude"] = where("exclude")
    if "respect_gitignore" in table:
        value = table["respect_gitignore"]
        if not isinstance(value, bool):
            raise err("respect_gitignore")(
                f"respect_gitignore moet true of false zijn, niet {_show(value)}"
            )
        values["respect_gitignore"] = value
        origins["respect_gitignore"] = where("respect_gitignore")
    if "max_file_size" in table:
        values["max_file_size"] = _size(table["max_file_size"], err("max_file_size"))
        origins["max_file_size"] = where("max_file_size")
    if "fail_on" in table:
        values["fail_on"] = _fail_on(table["fail_on"], err("fail_on"))
        origins["fail_on"] = where("fail_on")
    if "severity" in table:
        severity_table = table["severity"]
        if not isinstance(severity_table, dict):
            raise err("severity")(
                'severity moet een tabel zijn: [severity] met regels als WVP105 = "warning"'
            )
        severity: dict[str, Severity] = {}
        for code, level in severity_table.items():
            # `WVP101 = "warning"`: the rule's default kind; `WVP101.late = "error"` (a table in
            # TOML) or `"WVP101.late" = "error"`: one kind of the rule's problems.
            written, _, named = code.partition(".")
            upper = written.upper()
            if upper not in known_codes:
                raise err("severity", code)(_unknown("regelcode", written, known_codes))
            nested = isinstance(level, dict)
            levels = list(level.items()) if nested else [(named or None, level)]
            for kind, value in levels:
                at = ("severity", code, kind) if nested else ("severity", code)
                if kind is not None:
                    kinds = _kinds_of(upper)
                    if kind not in kinds:
                        raise err(*at)(
                            _unknown(f"soort melding van {upper}", kind, kinds)
                            + f" (soorten: {', '.join(kinds)})"
                        )
                name = upper if kind is None else f"{upper}.{kind}"
                if not isinstance(value, str) or value not in {s.value for s in Severity}:
                    raise err(*at)(
                        f'ernst van {name} moet "error", "warning" of "info" zijn, '
                        f"niet {_show(value)}"
                    )
                severity[name] = Severity(value)
                origins[f"severity.{name}"] = where(*at)
        values["severity"] = severity
    if "rules" in table:
        values["rule_options"] = _rule_options(table["rules"], known_codes, err, where, origins)
    if "privacy" in table:
        privacy = table["privacy"]
        if not isinstance(privacy, dict):
            raise err("privacy")("privacy moet een tabel zijn: [privacy] met extra_terms en allow")
        for key in privacy:
            if key not in PRIVACY_KEYS:
                raise err("privacy", key)(_unknown("sleutel in [privacy]", key, PRIVACY_KEYS))
        for key in PRIVACY_KEYS:
            if key in privacy:
                values[key] = tuple(
                    _strings(privacy[key], f"privacy.{key}", err("privacy", key), nonempty=True)
                )
                origins[f"privacy.{key}"] = where("privacy", key)
    if "notify" in table:
        values["notify"] = parse_notify(table["notify"], err, where, origins)
    return Config(**values, file=file, root=root, origins=origins)


def _toml_error(exc: tomllib.TOMLDecodeError, file: str, text: str) -> ConfigError:
    message = str(exc)
    match = _TOML_POS.search(message)
    if match:
        reason = message[: match.start()]
        return ConfigError(
            file, int(match.group(1)), f"ongeldige TOML: {reason}", int(match.group(2))
        )
    match = _TOML_END.search(message)
    if match:
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        return ConfigError(file, max(last, 1), f"ongeldige TOML: {message[: match.start()]}")
    return ConfigError(file, None, f"ongeldige TOML: {message}")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "een tabel"
    if isinstance(value, list):
        return "een lijst"
    return str(value)


def _hint(name: str, known: Sequence[str]) -> str:
    # The usual typo in a code: the letter O for the digit 0, l or I for 1.
    digits = name.upper()[:3] + name.upper()[3:].translate(str.maketrans("OIL", "011"))
    if digits != name.upper() and (
        digits in known or (_PREFIX.fullmatch(digits) and any(k.startswith(digits) for k in known))
    ):
        return f"; bedoelde je {digits}?"
    close = nearest(name, known) or nearest(name.upper(), known)
    return f"; bedoelde je {close}?" if close else ""


def _rule_options(
    table: Any, known_codes: Sequence[str], err: Any, where: Any, origins: dict[str, str]
) -> dict[str, Any]:
    """`[rules.CODE] name = value`: each option checked against what the rule declares."""
    from wvp_cli.rules import all_rules

    if not isinstance(table, dict):
        raise err("rules")("rules moet een tabel zijn: [rules.WVP306] met de opties van een regel")
    values: dict[str, Any] = {}
    for code, options in table.items():
        upper = code.upper()
        if upper not in known_codes:
            raise err("rules", code)(_unknown("regelcode", code, known_codes))
        if not isinstance(options, dict):
            raise err("rules", code)(
                f"rules.{code} moet een tabel zijn: [rules.{upper}] met de opties van {upper}"
            )
        declared = all_rules()[upper].options
        for name, value in options.items():
            option = declared.get(name)
            if option is None:
                known = ", ".join(declared) if declared else "geen"
                raise err("rules", code, name)(
                    _unknown(f"optie van {upper}", name, list(declared)) + f" (opties: {known})"
                )
            reason = option.problem(value)
            if reason is not None:
                raise err("rules", code, name)(f"{upper}.{name} {reason}")
            values[name] = value
            origins[f"rules.{upper}.{name}"] = where("rules", code, name)
    return values


def _kinds_of(code: str) -> list[str]:
    """The kinds of problem a rule reports, its default kind first."""
    from wvp_cli.rules import all_rules

    return list(all_rules()[code].levels)


def _unknown(what: str, name: str, known: Sequence[str]) -> str:
    extra = " (zie 'wvp rules')" if what == "regelcode" else ""
    return f"onbekende {what} '{name}'{_hint(name, known)}{extra}"


def _strings(value: Any, name: str, err: Any, *, nonempty: bool = False) -> list[str]:
    if not isinstance(value, list):
        raise err(f"{name} moet een lijst van teksten zijn, niet {_show(value)}")
    for item in value:
        if not isinstance(item, str):
            raise err(f"{name} moet een lijst van teksten zijn; {_show(item)} is geen tekst")
        if nonempty and not item.strip():
            raise err(f"{name} bevat een lege tekst", item)
    return list(value)


def _codes(values: Sequence[str], name: str, known: Sequence[str], err: Any) -> tuple[str, ...]:
    """Rule codes (`WVP105`) or prefixes (`WVP1`, `WVP10`); a full code must exist."""
    out = []
    for value in values:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            upper = part.upper()
            if _CODE.fullmatch(upper):
                if upper not in known:
                    raise err(_unknown("regelcode", part, known), value)
            elif not _PREFIX.fullmatch(upper):
                raise err(
                    f"{name}: '{part}' is geen regelcode of voorvoegsel (zoals WVP105 of "
                    f"WVP1){_hint(part, known)}",
                    value,
                )
            out.append(upper)
    return tuple(out)


def _size(value: Any, err: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise err(
            f'max_file_size moet een aantal bytes of een tekst als "5MB" zijn, niet {_show(value)}'
        )
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE.fullmatch(value)
        unit = match.group(2).lower() if match else ""
        if match is None or unit not in _UNITS:
            raise err(
                f"max_file_size '{value}' is geen grootte; schrijf bijvoorbeeld \"500KB\" of "
                '"5MB" (B, KB, MB of GB)'
            )
        size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1:
        raise err("max_file_size moet groter dan 0 zijn")
    if size > MAX_FILE_SIZE_LIMIT:
        raise err("max_file_size mag hoogstens 1GB zijn; een case-bestand is veel kleiner")
    return size


def _fail_on(value: Any, err: Any) -> FailOn:
    if value == "error":
        return "error"
    if value == "warning":
        return "warning"
    raise err(f'fail_on moet "error" of "warning" zijn, niet {_show(value)}')


# --- where a key stands -------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEYLINE = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.\- ]+?)\s*=""")


_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[^."']+)\s*(?:\.|$)""")


def _parts(dotted: str) -> tuple[str, ...]:
    """`notify.recipients."S. Visser"` -> ("notify", "recipients", "S. Visser"): a quoted part
    may hold dots."""
    return tuple(m.group(1).strip().strip("\"'") for m in _PART.finditer(dotted) if m.group(1))


def line_of(
    text: str, base: tuple[str, ...], key: tuple[str, ...], value: str | None = None
) -> int | None:
    """The 1-based line of `key` (below the table `base`) in a TOML text, by a simple scan.

    Handles `[table]` headers, dotted keys and plain keys; with `value`, the line of that
    quoted value at or after the key (items of a list spread over lines). Falls back to the
    nearest enclosing key or table, and `None` when nothing is found.
    """
    lines = text.splitlines()
    for depth in range(len(key), 0, -1):
        wanted = base + key[:depth]
        table: tuple[str, ...] = ()
        for number, line in enumerate(lines, start=1):
            header = _HEADER.match(line)
            if header and not line.lstrip().startswith("[["):
                table = _parts(header.group(1))
                if table == wanted:
                    return number
                continue
            match = _KEYLINE.match(line)
            if match and table + _parts(match.group(1)) == wanted:
                if value is not None and depth == len(key):
                    return _value_line(lines, number, value)
                return number
    return None


def _value_line(lines: list[str], start: int, value: str) -> int:
    quoted = (f'"{value}"', f"'{value}'")
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number > start and (_HEADER.match(line) or _KEYLINE.match(line)):
            break
        if any(q in line for q in quoted):
            return number
    return start
