"""Configuration: `wvp.toml`, or `[tool.wvp]` in `pyproject.toml`, -> Settings and the options
of `wvp check`, with where every value came from.

The checks of the values are config_values.py, the lines of keys toml_lines.py.

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
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wvp_cli.core.findings import Severity
from wvp_cli.core.limits import MAX_FILE_BYTES
from wvp_cli.core.settings import Settings
from wvp_cli.repo.config_values import MAX_FILE_SIZE_LIMIT as MAX_FILE_SIZE_LIMIT
from wvp_cli.repo.config_values import ConfigError as ConfigError
from wvp_cli.repo.config_values import (
    ErrorAt,
    RuleCodes,
    cli_error,
    fail_on_value,
    file_size,
    kinds_of,
    rule_codes,
    rule_options,
    show,
    strings,
    toml_error,
    unknown,
)
from wvp_cli.repo.config_values import FailOn as FailOn
from wvp_cli.repo.notify_config import NotifyConfig, parse_notify
from wvp_cli.repo.toml_lines import line_of as line_of

CONFIG_NAME = "wvp.toml"
PYPROJECT = "pyproject.toml"
DEFAULT = "standaard"

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
        known_codes = RuleCodes() if known_codes is None else known_codes
        origins = dict(self.origins)
        changes: dict[str, Any] = {}
        if select is not None:
            changes["select"] = rule_codes(select, "--select", known_codes, cli_error("--select"))
            origins["select"] = "optie --select"
        if ignore is not None:
            changes["ignore"] = rule_codes(ignore, "--ignore", known_codes, cli_error("--ignore"))
            origins["ignore"] = "optie --ignore"
        if fail_on is not None:
            changes["fail_on"] = fail_on_value(fail_on, cli_error("--fail-on"))
            origins["fail_on"] = "optie --fail-on"
        return _replace(self, origins=origins, **changes)


def _replace(config: Config, **changes: Any) -> Config:
    from dataclasses import replace

    return replace(config, **changes)


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
        raise toml_error(exc, file, text) from None
    base: tuple[str, ...] = ("tool", "wvp") if pyproject else ()
    table: Any = document
    for part in base:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        raise ConfigError(file, line_of(text, (), base), "[tool.wvp] moet een tabel zijn")
    known_codes = RuleCodes() if known_codes is None else known_codes
    origins: dict[str, str] = {}

    def err(*key: str) -> ErrorAt:
        return ErrorAt(file, text, base, key)

    def where(*key: str) -> str:
        return f"{file}:{line_of(text, base, key) or 1}"

    for key in table:
        if key not in KEYS:
            raise err(key)(unknown("sleutel", key, KEYS))
    values: dict[str, Any] = {}
    for name in ("select", "ignore"):
        if name in table:
            values[name] = rule_codes(
                strings(table[name], name, err(name)), name, known_codes, err(name)
            )
            origins[name] = where(name)
    if "exclude" in table:
        values["exclude"] = tuple(strings(table["exclude"], "exclude", err("exclude")))
        origins["exclude"] = where("exclude")
    if "respect_gitignore" in table:
        value = table["respect_gitignore"]
        if not isinstance(value, bool):
            raise err("respect_gitignore")(
                f"respect_gitignore moet true of false zijn, niet {show(value)}"
            )
        values["respect_gitignore"] = value
        origins["respect_gitignore"] = where("respect_gitignore")
    if "max_file_size" in table:
        values["max_file_size"] = file_size(table["max_file_size"], err("max_file_size"))
        origins["max_file_size"] = where("max_file_size")
    if "fail_on" in table:
        values["fail_on"] = fail_on_value(table["fail_on"], err("fail_on"))
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
                raise err("severity", code)(unknown("regelcode", written, known_codes))
            nested = isinstance(level, dict)
            levels = list(level.items()) if nested else [(named or None, level)]
            for kind, value in levels:
                at = ("severity", code, kind) if nested else ("severity", code)
                if kind is not None:
                    kinds = kinds_of(upper)
                    if kind not in kinds:
                        raise err(*at)(
                            unknown(f"soort melding van {upper}", kind, kinds)
                            + f" (soorten: {', '.join(kinds)})"
                        )
                name = upper if kind is None else f"{upper}.{kind}"
                if not isinstance(value, str) or value not in {s.value for s in Severity}:
                    raise err(*at)(
                        f'ernst van {name} moet "error", "warning" of "info" zijn, '
                        f"niet {show(value)}"
                    )
                severity[name] = Severity(value)
                origins[f"severity.{name}"] = where(*at)
        values["severity"] = severity
    if "rules" in table:
        values["rule_options"] = rule_options(table["rules"], known_codes, err, where, origins)
    if "privacy" in table:
        privacy = table["privacy"]
        if not isinstance(privacy, dict):
            raise err("privacy")("privacy moet een tabel zijn: [privacy] met extra_terms en allow")
        for key in privacy:
            if key not in PRIVACY_KEYS:
                raise err("privacy", key)(unknown("sleutel in [privacy]", key, PRIVACY_KEYS))
        for key in PRIVACY_KEYS:
            if key in privacy:
                values[key] = tuple(
                    strings(privacy[key], f"privacy.{key}", err("privacy", key), nonempty=True)
                )
                origins[f"privacy.{key}"] = where("privacy", key)
    if "notify" in table:
        values["notify"] = parse_notify(table["notify"], err, where, origins)
    return Config(**values, file=file, root=root, origins=origins)
