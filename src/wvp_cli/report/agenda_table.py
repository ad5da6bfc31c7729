"""The table of `wvp deadlines`' text output: its layouts (which columns, how long their
words), and the table laid out as rich lays it out, in a fraction of rich's time for thousands
of rows (tests compare them line for line).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wvp_cli.core.agenda import Agenda, Deadline
from wvp_cli.core.dutch import WEEKDAYS, short_date
from wvp_cli.report.check import safe

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text


def days_text(days_left: int, *, short: bool = False) -> str:
    if days_left == 0:
        return "vandaag"
    if days_left == 1:
        return "morgen"
    if days_left > 0:
        return f"{days_left} d" if short else f"{days_left} dagen"
    late = -days_left
    if short:
        return f"{late} d te laat"
    return f"{late} {'dag' if late == 1 else 'dagen'} te laat"


@dataclass(frozen=True)
class Layout:
    """Which columns a table shows, and how long its words are."""

    long_titles: bool  # "Evaluatie plan van aanpak (voortgangsgesprek)" instead of "Evaluatie"
    long_dates: bool  # "donderdag 03-12-2026", "9 dagen" instead of "do 03-12-2026", "9 d"
    week: bool
    casemanager: bool
    who: bool


#: Tried in this order; the first that fits the console is used (the last always is).
LAYOUTS: tuple[Layout, ...] = (
    Layout(long_titles=True, long_dates=True, week=True, casemanager=True, who=True),
    Layout(long_titles=False, long_dates=True, week=True, casemanager=True, who=True),
    Layout(long_titles=False, long_dates=True, week=True, casemanager=True, who=False),
    Layout(long_titles=False, long_dates=False, week=True, casemanager=True, who=False),
    Layout(long_titles=False, long_dates=False, week=False, casemanager=True, who=False),
    Layout(long_titles=False, long_dates=False, week=False, casemanager=False, who=False),
)


@dataclass(frozen=True)
class _Column:
    header: str
    max_width: int | None = None
    right: bool = False


def _columns(layout: Layout) -> list[_Column]:
    long = layout.long_dates
    columns = [
        _Column("Case", 14),
        _Column("Werknemer", 24 if long else 18),
        _Column("Mijlpaal"),
        _Column("Uiterlijk"),
        _Column("Nog", right=True),
    ]
    if layout.week:
        columns.append(_Column("Ziekteweek" if long else "Wk", right=True))
    if layout.casemanager:
        columns.append(_Column("Casemanager", 20))
    if layout.who:
        columns.append(_Column("Wie"))
    return columns


def _table(rows: tuple[Deadline, ...], layout: Layout) -> Table:
    from rich.table import Table

    table = Table(header_style="bold", pad_edge=False, box=None, show_edge=False)
    for column in _columns(layout):
        table.add_column(
            column.header,
            no_wrap=True,
            max_width=column.max_width,
            overflow="ellipsis",
            justify="right" if column.right else "left",
        )
    for d in rows:
        table.add_row(*_styled(_cells(d, layout), d))
    return table


#: The text of a cell of each kind of column, for a deadline.
_VALUE: dict[str, Callable[[Deadline], str]] = {
    "case": lambda d: safe(d.case),
    "employee": lambda d: safe(d.employee),
    "title_long": lambda d: d.title,
    "title_short": lambda d: d.short_title,
    "due_long": lambda d: _due_long(d.due),
    "due_short": lambda d: short_date(d.due),
    "days_long": lambda d: days_text(d.days_left),
    "days_short": lambda d: days_text(d.days_left, short=True),
    "week": lambda d: str(d.week),
    "casemanager": lambda d: safe(d.casemanager or "—"),
    "who": lambda d: d.who,
}


def _due_long(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day:%d-%m-%Y}"


#: The columns whose cell is made of the due date alone (`_VALUE` says the same).
_BY_DATE: dict[str, Callable[[dt.date], str]] = {"due_long": _due_long, "due_short": short_date}


def _keys(layout: Layout) -> list[str]:
    """The kind of each column of `layout` (`_VALUE`)."""
    long = layout.long_dates
    keys = [
        "case",
        "employee",
        "title_long" if layout.long_titles else "title_short",
        "due_long" if long else "due_short",
        "days_long" if long else "days_short",
    ]
    keys += ["week"] * layout.week + ["casemanager"] * layout.casemanager + ["who"] * layout.who
    return keys


def _len(text: str) -> int:
    """The cells `text` takes on a terminal (rich's `cell_len`; for ASCII its length)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


class _Values:
    """The cells of some rows per kind of column, and the widest of each, made once: a table
    is tried in several layouts, whose columns are mostly the same, and each group of the
    output ("Te laat", "Binnenkort") is a part of the rows the layout was chosen on."""

    def __init__(
        self, rows: tuple[Deadline, ...], whole: _Values | None = None, at: list[int] | None = None
    ) -> None:
        self.rows = rows
        self._whole = whole
        self._at = at
        self._cells: dict[str, list[str]] = {}
        self._widest: dict[str, int] = {}

    def part(self, rows: tuple[Deadline, ...]) -> _Values:
        """The values of `rows`, some of this one's rows, from the cells made already."""
        position = {id(d): i for i, d in enumerate(self.rows)}
        at = [position.get(id(d), -1) for d in rows]
        return _Values(rows) if -1 in at else _Values(rows, self, at)

    def cells(self, key: str) -> list[str]:
        if key not in self._cells:
            if self._whole is not None and self._at is not None:
                whole = self._whole.cells(key)
                self._cells[key] = [whole[i] for i in self._at]
            elif key in _BY_DATE:  # a few hundred dates among thousands of rows
                write = _BY_DATE[key]
                texts: dict[dt.date, str] = {}
                self._cells[key] = [
                    texts.get(d.due) or texts.setdefault(d.due, write(d.due)) for d in self.rows
                ]
            else:
                value = _VALUE[key]
                self._cells[key] = [value(d) for d in self.rows]
        return self._cells[key]

    def known(self, key: str) -> bool:
        """Whether the widest cell of `key` is worked out already."""
        return key in self._widest

    def widest(self, key: str) -> int:
        if key not in self._widest:
            cells = self.cells(key)
            measure = len if "".join(cells).isascii() else _len
            self._widest[key] = max(map(measure, cells), default=0)
        return self._widest[key]

    def natural(self, layout: Layout) -> list[int]:
        """The width of every column: its widest cell or its header, up to its maximum (what
        rich's table gives a table that is not squeezed)."""
        widths = []
        for column, key in zip(_columns(layout), _keys(layout), strict=True):
            natural = max(_len(column.header), self.widest(key))
            widths.append(natural if column.max_width is None else min(natural, column.max_width))
        return widths

    def grid(self, layout: Layout) -> list[list[str]]:
        return [list(row) for row in zip(*(self.cells(k) for k in _keys(layout)), strict=True)]


def _natural_width(widths: list[int]) -> int:
    return sum(widths) + 2 * (len(widths) - 1)  # two spaces between columns, none at the edges


def _fitted(widths: list[int], width: int) -> list[int] | None:
    """The column widths of a table in `width`: as they are, with a space of padding on each
    side inside the table, and when that is wider than `width` every column made narrower by
    an even share (rich's last resort, `ratio_reduce`, for columns that do not wrap). None when
    a column would vanish."""
    last = len(widths) - 1
    pads = [(0 if i == 0 else 1) + (0 if i == last else 1) for i in range(len(widths))]
    padded = [w + p for w, p in zip(widths, pads, strict=True)]
    if sum(padded) > width:
        try:  # the function rich's table squeezes with; private, so it may move
            from rich._ratio import ratio_reduce
        except ImportError:
            return None
        padded = ratio_reduce(sum(padded) - width, [1] * len(padded), padded, padded)
        widths = [w - p for w, p in zip(padded, pads, strict=True)]
        if min(widths) < 1:
            return None
    return widths


def _lines(
    rows: tuple[Deadline, ...], layout: Layout, width: int, values: _Values | None = None
) -> Text | None:
    """The table of `_table` as lines of text, laid out here as rich lays out such a table
    (`_fitted`), at a fraction of its cost for thousands of rows, the cells cut with an
    ellipsis. None when a column would vanish; then rich lays the table out."""
    from rich.text import Text

    values = values or _Values(rows)
    widths = _fitted(values.natural(layout), width)
    if widths is None:
        return None
    columns = _columns(layout)
    right = [c.right for c in columns]
    out = Text()
    lines = [[Text(c.header, style="bold") for c in columns]]
    lines += [_styled(cells, d) for cells, d in zip(values.grid(layout), rows, strict=True)]
    for number, line in enumerate(lines):
        if number:
            out.append("\n")
        for index, cell in enumerate(line):
            if index:
                out.append("  ")
            cell.truncate(widths[index], overflow="ellipsis")
            cell.align("right" if right[index] else "left", widths[index])
            out.append_text(cell)
    return out


def _plain_lines(
    rows: tuple[Deadline, ...], layout: Layout, width: int, values: _Values | None = None
) -> str | None:
    """`_lines` without styles, as strings: what it renders to on a console without colour (a
    test compares them), at a fraction of its cost, a column at a time."""
    values = values or _Values(rows)
    widths = _fitted(values.natural(layout), width)
    if widths is None:
        return None
    columns = [
        _fit_column([column.header, *values.cells(key)], widths[i], column.right)
        for i, (column, key) in enumerate(zip(_columns(layout), _keys(layout), strict=True))
    ]
    return "\n".join("  ".join(line) for line in zip(*columns, strict=True))


def _fit_column(cells: list[str], width: int, right: bool) -> list[str]:
    """Every cell of a column as `_fit` makes it; a column of ASCII text directly."""
    if not "".join(cells).isascii():
        return [_fit(cell, width, right) for cell in cells]
    cut = [cell if len(cell) <= width else cell[: width - 1] + "…" for cell in cells]
    return [cell.rjust(width) for cell in cut] if right else [cell.ljust(width) for cell in cut]


def _fit(cell: str, width: int, right: bool) -> str:
    """A cell cut to `width` with an ellipsis and padded to it, as rich's Text does."""
    if cell.isascii():
        if len(cell) > width:
            cell = cell[: width - 1] + "…"
        pad = width - len(cell)
    else:
        from rich.text import Text

        text = Text(cell)
        text.truncate(width, overflow="ellipsis")
        text.align("right" if right else "left", width)
        return text.plain
    return " " * pad + cell if right else cell + " " * pad


def _cells(d: Deadline, layout: Layout) -> list[str]:
    return [_VALUE[key](d) for key in _keys(layout)]


#: The column of the days left: red when overdue, bold when two days or fewer are left.
_DAYS_COLUMN = 4


def _styled(cells: list[str], d: Deadline) -> list[Text]:
    from rich.text import Text

    style = "bold red" if d.status == "overdue" else ("bold" if d.days_left <= 2 else "")
    return [
        Text(cell, style=style if index == _DAYS_COLUMN else "") for index, cell in enumerate(cells)
    ]


def choose_layout(agenda: Agenda, console: Console, values: _Values | None = None) -> Layout:
    """The richest layout whose table fits the console's width (`values`: those of the
    agenda's deadlines, when made already)."""
    values = values or _Values(agenda.deadlines)
    for layout in LAYOUTS:
        if _fits(values, layout, console.width):
            return layout
    return LAYOUTS[-1]


def _fits(values: _Values, layout: Layout, width: int) -> bool:
    """Whether `_natural_width(values.natural(layout)) <= width`, working out no more columns
    than it takes: a column is at least as wide as its header (or its maximum), so a table is
    too wide as soon as the columns worked out and the least width of the others are. The
    columns worked out already go first: a narrow terminal never makes the long ones."""
    columns = list(zip(_columns(layout), _keys(layout), strict=True))
    least = [
        _len(c.header) if c.max_width is None else min(_len(c.header), c.max_width)
        for c, _ in columns
    ]
    total = 2 * (len(columns) - 1) + sum(least)
    order = sorted(range(len(columns)), key=lambda i: not values.known(columns[i][1]))
    for i in order:
        if total > width:
            return False
        column, key = columns[i]
        natural = max(_len(column.header), values.widest(key))
        if column.max_width is not None:
            natural = min(natural, column.max_width)
        total += natural - least[i]
    return total <= width
