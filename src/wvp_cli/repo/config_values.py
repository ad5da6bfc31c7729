"""Checking the values of a configuration (config.py): every problem a `ConfigError` with the
file, the line and the reason in Dutch, with a "did you mean" for a misspelt key or rule code."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from typing import Any, Literal, overload

from wvp_cli.core.dutch import nearest
from wvp_cli.repo.toml_lines import line_of

FailOn = Literal["error", "warning"]

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


class RuleCodes(Sequence[str]):
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


class ErrorAt:
    """Raise a ConfigError for one key, with its line found in the file text."""

    def __init__(self, file: str, text: str, table: tuple[str, ...], key: tuple[str, ...]):
        self.file, self.text, self.table, self.key = file, text, table, key

    def __call__(self, reason: str, value: str | None = None) -> ConfigError:
        return ConfigError(self.file, line_of(self.text, self.table, self.key, value), reason)


def cli_error(option: str) -> Any:
    def make(reason: str, value: str | None = None) -> ConfigError:
        return ConfigError(option, None, reason)

    return make


def toml_error(exc: tomllib.TOMLDecodeError, file: str, text: str) -> ConfigError:
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


def show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "een tabel"
    if isinstance(value, list):
        return "een lijst"
    return str(value)


def hint(name: str, known: Sequence[str]) -> str:
    # The usual typo in a code: the letter O for the digit 0, l or I for 1.
    digits = name.upper()[:3] + name.upper()[3:].translate(str.maketrans("OIL", "011"))
    if digits != name.upper() and (
        digits in known or (_PREFIX.fullmatch(digits) and any(k.startswith(digits) for k in known))
    ):
        return f"; bedoelde je {digits}?"
    close = nearest(name, known) or nearest(name.upper(), known)
    return f"; bedoelde je {close}?" if close else ""


def rule_options(
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
            raise err("rules", code)(unknown("regelcode", code, known_codes))
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
                    unknown(f"optie van {upper}", name, list(declared)) + f" (opties: {known})"
                )
            reason = option.problem(value)
            if reason is not None:
                raise err("rules", code, name)(f"{upper}.{name} {reason}")
            values[name] = value
            origins[f"rules.{upper}.{name}"] = where("rules", code, name)
    return values


def kinds_of(code: str) -> list[str]:
    """The kinds of problem a rule reports, its default kind first."""
    from wvp_cli.rules import all_rules

    return list(all_rules()[code].levels)


def unknown(what: str, name: str, known: Sequence[str]) -> str:
    extra = " (zie 'wvp rules')" if what == "regelcode" else ""
    return f"onbekende {what} '{name}'{hint(name, known)}{extra}"


def strings(value: Any, name: str, err: Any, *, nonempty: bool = False) -> list[str]:
    if not isinstance(value, list):
        raise err(f"{name} moet een lijst van teksten zijn, niet {show(value)}")
    for item in value:
        if not isinstance(item, str):
            raise err(f"{name} moet een lijst van teksten zijn; {show(item)} is geen tekst")
        if nonempty and not item.strip():
            raise err(f"{name} bevat een lege tekst", item)
    return list(value)


def rule_codes(values: Sequence[str], name: str, known: Sequence[str], err: Any) -> tuple[str, ...]:
    """Rule codes (`WVP105`) or prefixes (`WVP1`, `WVP10`); a full code must exist."""
    out = []
    for value in values:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            upper = part.upper()
            if _CODE.fullmatch(upper):
                if upper not in known:
                    raise err(unknown("regelcode", part, known), value)
            elif not _PREFIX.fullmatch(upper):
                raise err(
                    f"{name}: '{part}' is geen regelcode of voorvoegsel (zoals WVP105 of "
                    f"WVP1){hint(part, known)}",
                    value,
                )
            out.append(upper)
    return tuple(out)


def file_size(value: Any, err: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise err(
            f'max_file_size moet een aantal bytes of een tekst als "5MB" zijn, niet {show(value)}'
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


def fail_on_value(value: Any, err: Any) -> FailOn:
    if value == "error":
        return "error"
    if value == "warning":
        return "warning"
    raise err(f'fail_on moet "error" of "warning" zijn, niet {show(value)}')
