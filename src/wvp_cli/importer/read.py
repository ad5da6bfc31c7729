"""Reading an export: CSV with the standard library (delimiter and encoding sniffed, as Dutch
exports come with `;` and in cp1252 or UTF-8 with a BOM) and XLSX with openpyxl in read-only
mode. Both give the same `Table`: the header and every row with its row number as the
spreadsheet shows it.

Every problem is a `ReadProblem` with a Dutch message; nothing else escapes (a damaged or
hostile file included).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wvp_cli.importer.rules import Rules

#: An export larger than this is refused unread (an absence history is far smaller).
MAX_BYTES = 50 * 1024 * 1024
#: More rows than this are refused: no verzuim export of one employer comes near it.
MAX_ROWS = 200_000
#: A cell longer than this is not a value of an absence record.
MAX_CELL = 2_000

Cell = str | dt.date | float | int | None


class ReadProblem(Exception):
    """The export cannot be read; the message says why in Dutch (exit code 2)."""


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    #: (row number in the file, cells in the order of the header)
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    #: "csv" or "xlsx", and for CSV the encoding and delimiter found.
    kind: str = "csv"
    encoding: str = ""
    delimiter: str = ""


def read(path: Path, rules: Rules) -> Table:
    """The table in `path` (CSV or XLSX, by its contents, not its name)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadProblem(f"{path} bestaat niet") from None
    except PermissionError:
        raise ReadProblem(f"{path} mag niet gelezen worden (geen leesrechten)") from None
    except OSError as exc:
        raise ReadProblem(f"kan {path} niet lezen: {exc.strerror}") from None
    if not path.is_file():
        raise ReadProblem(f"{path} is geen bestand")
    if size > MAX_BYTES:
        raise ReadProblem(
            f"{path} is {size // (1024 * 1024)} MB; wvp import leest tot "
            f"{MAX_BYTES // (1024 * 1024)} MB (splits de export per jaar)"
        )
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise ReadProblem(f"{path} mag niet gelezen worden (geen leesrechten)") from None
    except OSError as exc:
        raise ReadProblem(f"kan {path} niet lezen: {exc.strerror}") from None
    if raw.startswith(b"PK\x03\x04"):
        return _xlsx(raw, path, rules)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadProblem(
            f"{path} is een oud Excel-bestand (.xls); sla het op als .xlsx of .csv en probeer "
            "het opnieuw"
        )
    return _csv(raw, path, rules)


def _decode(raw: bytes, path: Path, encoding: str) -> tuple[str, str]:
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ReadProblem(f"onbekende tekenset '{encoding}' in source.encoding") from None
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise ReadProblem(
                f"{path} is geen {encoding}-tekst (byte {exc.start + 1}); pas source.encoding aan"
            ) from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(name), name
            except UnicodeDecodeError:
                raise ReadProblem(f"{path} begint als {name} maar is het niet") from None
    if b"\x00" in raw[:4096]:
        raise ReadProblem(f"{path} is geen CSV- of XLSX-bestand (binaire gegevens)")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Windows exports in Dutch: cp1252 maps every byte but five; those are refused.
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise ReadProblem(
                f"{path} is geen UTF-8- en geen Windows-1252-tekst; zet source.encoding"
            ) from None


def _delimiter(text: str, chosen: str) -> str:
    if chosen != "auto":
        if chosen in ("\\t", "tab"):
            return "\t"
        if len(chosen) != 1:
            raise ReadProblem(f"source.delimiter verwacht één teken, niet '{chosen}'")
        return chosen
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t|").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in ";,\t|"}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ";"


def _csv(raw: bytes, path: Path, rules: Rules) -> Table:
    text, encoding = _decode(raw, path, rules.encoding)
    delimiter = _delimiter(text, rules.delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[Cell, ...]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number < rules.header_row:
                continue
            if header is None:
                header = tuple(c.strip() for c in cells)
                continue
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ReadProblem(f"{path} heeft meer dan {MAX_ROWS} regels; splits de export")
            rows.append((reader.line_num, tuple(_cut(c) for c in cells)))
    except csv.Error as exc:
        raise ReadProblem(f"{path} regel {reader.line_num}: geen geldige CSV ({exc})") from None
    if header is None:
        raise ReadProblem(f"{path} heeft geen kopregel (regel {rules.header_row})")
    return Table(header, tuple(rows), "csv", encoding, delimiter)


def _cut(value: str) -> str:
    value = value.strip()
    return value if len(value) <= MAX_CELL else value[:MAX_CELL]


def _xlsx(raw: bytes, path: Path, rules: Rules) -> Table:
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - a dependency of wvp
        raise ReadProblem("XLSX lezen vraagt openpyxl; installeer wvp opnieuw") from None
    try:
        # Reading is by stream (read_only): memory stays small whatever the sheet's size.
        # data_only=False: a formula is read as its text ("=HYPERLINK(...)"), never evaluated.
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReadProblem(f"{path} is geen geldig XLSX-bestand ({type(exc).__name__})") from None
    except Exception as exc:  # a damaged workbook can fail anywhere inside openpyxl
        raise ReadProblem(f"{path} is geen leesbaar XLSX-bestand ({type(exc).__name__})") from None
    try:
        if rules.sheet:
            if rules.sheet not in book.sheetnames:
                raise ReadProblem(
                    f"{path} heeft geen blad '{rules.sheet}'; bladen: {', '.join(book.sheetnames)}"
                )
            sheet: Any = book[rules.sheet]
        else:
            sheet = book.worksheets[0]
        header: tuple[str, ...] | None = None
        rows: list[tuple[int, tuple[Cell, ...]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number < rules.header_row:
                continue
            if header is None:
                header = tuple("" if v is None else str(v).strip() for v in values)
                continue
            cells = tuple(_cell(v) for v in values)
            if all(c is None or c == "" for c in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ReadProblem(f"{path} heeft meer dan {MAX_ROWS} regels; splits de export")
            rows.append((number, cells))
    except ReadProblem:
        raise
    except Exception as exc:
        raise ReadProblem(f"{path} is geen leesbaar XLSX-bestand ({type(exc).__name__})") from None
    finally:
        book.close()
    if header is None:
        raise ReadProblem(f"{path} heeft geen kopregel (regel {rules.header_row})")
    return Table(header, tuple(rows), "xlsx")


def _cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    return _cut(str(value))


def column_index(header: Sequence[str], name: str) -> int | None:
    """Where the column `name` is (case and spacing do not count), or None."""
    from wvp_cli.importer.rules import fold

    wanted = fold(name)
    for index, title in enumerate(header):
        if fold(title) == wanted:
            return index
    return None
