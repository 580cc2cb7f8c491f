"""The workbook's building blocks: ``Book`` (the file, its formats and progress) and ``Sheet`` (one
worksheet with its column widths and print layout). Every sheet module writes through them; ``export``
assembles the book.

Printed (or saved as PDF) it reads like a finance deliverable: every sheet landscape and one page wide
with its table's header row repeated on each page (Summary: the whole sheet on one page), headers
wrapped over columns sized for their values, and a footer naming the plan, the sheet and the page. A
sheet's detail columns (a team's inputs and intermediate figures) sit in a collapsed column group: one
click on its + shows them, and the printout holds the results.

XlsxWriter writes it: it stores cached formula values (openpyxl cannot) and writes fast. Every text
cell goes through ``write_string``: a name such as ``=HYPERLINK(…)`` or ``+1`` stays text.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from salesplanner.capacity import VERDICT_NAMES, Verdict
from salesplanner.i18n import Message, Text, msg, tr
from salesplanner.palette import TARGET_COLOURS, VERDICT_COLOURS
from salesplanner.targets import VERDICT_WORDS, TargetVerdict

Progress = Callable[[int, int], bool | None]
"""``progress(done, total)``; returning False cancels the export (nothing is written)."""

PROGRESS_STEP = 500
"""Rows between two progress reports: often enough for a smooth bar, rare enough to cost nothing."""

MIN_WIDTH, MAX_WIDTH = 6.0, 40.0
"""Column widths in characters: fit the content, but a 1,000-character note does not make a wall."""
HEADER_WIDTH = 9.0
"""A header longer than this wraps rather than widening its column (which would shrink the printout)."""
LINE_HEIGHT = 15.0
"""Points per line of a wrapped header (the default row height of an 11-point font)."""
FOOTER_CHARACTERS = 100
"""The plan and scenario in a page footer, cut to this: Excel refuses a footer over 255 characters (with
its codes, and an "&" doubled), and a name may be 1,000."""
SUMMARY_ONE_PAGE_ROWS = 120
"""Summary fits on one page up to this many rows; a plan with hundreds of teams prints it one page wide."""


SHEET_NAMES: dict[str, Message] = {
    "Summary": msg("Summary"), "Teams": msg("Teams"), "Roster": msg("Roster"), "Assumptions": msg("Assumptions"),
    "Changes": msg("Changes"), "Timeline": msg("Timeline")}
"""The sheets in reading order, by the English key the code uses, as the language in force names them.
Formulas refer to another sheet through ``sheet_ref``; tables and defined names keep one name in every
language (RosterTable, AsOf), so a Danish and an English export recalculate alike."""


def sheet_name(key: str) -> str:
    return str(SHEET_NAMES[key])


def sheet_ref(key: str) -> str:
    """``'Hold'!``: the prefix a formula puts before a cell of another sheet."""
    return "'" + sheet_name(key).replace("'", "''") + "'!"


def readable(word: Text) -> str:
    """"open position" → "Open position": a status or verdict as a printed table shows it."""
    text = str(word)
    return text[:1].upper() + text[1:]


def verdict_word(verdict: Verdict) -> str:
    """A handoff verdict as the workbook writes it and its formulas compare it ("Overloaded")."""
    return readable(VERDICT_NAMES[verdict])


def target_word(verdict: TargetVerdict) -> str:
    """A target verdict as the workbook writes it ("On target"); spreadsheet comparisons ignore case."""
    return readable(VERDICT_WORDS[verdict])


class ExportCancelled(Exception):  # noqa: N818 — a signal, not an error
    """Raised inside the export when the progress callback asks to stop."""


class Book:
    """The XlsxWriter workbook, its formats and the progress count shared by the sheet writers."""

    def __init__(self, workbook: Any, currency: str, *, total: int, progress: Progress | None,
                 footer: str = "") -> None:
        self.workbook = workbook
        self.footer = footer
        """Left part of every page's footer: the plan and the scenario."""
        self.total = total
        self.done = 0
        self._progress = progress
        self._since_report = 0
        add = workbook.add_format
        self.formats: dict[str, Any] = {
            "title": add({"bold": True, "font_size": 14}),
            "heading": add({"bold": True, "font_size": 12}),
            "label": add({"bold": True}),
            "wrap": add({"text_wrap": True, "valign": "top"}),
            "date": add({"num_format": "yyyy-mm-dd"}),
            "month": add({"num_format": "mmm yyyy"}),
            "int": add({"num_format": "#,##0"}),
            "fte": add({"num_format": "0.00"}),
            "number": add({"num_format": "#,##0.0"}),
            "ratio": add({"num_format": "0.00"}),
            "percent": add({"num_format": "0.0%"}),
            # The currency code is validated as three capital letters, so it is safe inside quotes.
            "money": add({"num_format": f'#,##0 "{currency}";-#,##0 "{currency}"'}),
            "plain": add({"num_format": "General"}),
            "header": add({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1}),
        }
        self.verdict_formats = {verdict: add({"bg_color": swatch.fill, "font_color": swatch.strong})
                                for verdict, swatch in VERDICT_COLOURS.items()}
        self.target_formats = {verdict: add({"bg_color": swatch.fill, "font_color": swatch.strong})
                               for verdict, swatch in TARGET_COLOURS.items()}

    def fmt(self, name: str | None) -> Any:
        return self.formats[name] if name else None

    def advance(self, rows: int = 1) -> None:
        """Count ``rows`` written; report every ``PROGRESS_STEP`` rows and stop if asked to."""
        self.done += rows
        self._since_report += rows
        if self._since_report >= PROGRESS_STEP:
            self.report()

    def report(self) -> None:
        self._since_report = 0
        if self._progress is not None and self._progress(min(self.done, self.total), self.total) is False:
            raise ExportCancelled

    def colour_target_verdicts(self, worksheet: Any, first_row: int, last_row: int, column: int) -> None:
        """Target verdicts (on target, ahead, short) in the board's colours, conditional like the others."""
        if last_row < first_row:
            return
        for verdict, cell_format in self.target_formats.items():
            worksheet.conditional_format(first_row, column, last_row, column, {
                "type": "cell", "criteria": "==", "value": f'"{target_word(verdict)}"',
                "format": cell_format})

    def colour_verdicts(self, worksheet: Any, first_row: int, last_row: int, column: int) -> None:
        """Verdict cells in the board's colours; conditional, so they follow a what-if recalculation."""
        if last_row < first_row:
            return
        for verdict, cell_format in self.verdict_formats.items():
            worksheet.conditional_format(first_row, column, last_row, column, {
                "type": "cell", "criteria": "==", "value": f'"{verdict_word(verdict)}"', "format": cell_format})


class Sheet:
    """One worksheet: typed writes (text is always written as text) and column widths that fit."""

    def __init__(self, book: Book, key: str) -> None:
        """The sheet ``SHEET_NAMES[key]``, named in the language in force."""
        self.book = book
        self.name = sheet_name(key)
        worksheet = self.worksheet = book.workbook.add_worksheet(self.name)
        self._widths: dict[int, float] = {}
        # The largest and smallest number written to each (column, format): a number's width grows with
        # its size, so the column's is known from those two, worked out once in fit_columns.
        self._extremes: dict[tuple[int, str | None], tuple[float, float]] = {}
        self._headers: list[tuple[int, list[str]]] = []
        """(row, headers) of each table, for wrapping its header row."""
        self._details: set[int] = set()
        self.repeat_row: int | None = None
        """The header row repeated on every printed page: the first table's."""
        _skip_formula_rewriting(worksheet)
        # XlsxWriter's public writers first turn "A1" arguments into numbers; ours are numbers already.
        self._write_string = getattr(worksheet, "_write_string", worksheet.write_string)
        self._write_number = getattr(worksheet, "_write_number", worksheet.write_number)
        self._write_datetime = getattr(worksheet, "_write_datetime", worksheet.write_datetime)
        self._write_formula = _formula_writer(worksheet)
        _convert_dates_once(worksheet)
        self._formats = book.formats

    def _fit(self, column: int, width: float) -> None:
        if width > self._widths.get(column, 0):
            self._widths[column] = width

    def _fit_number(self, column: int, value: float, fmt: str | None) -> None:
        key = (column, fmt)
        extremes = self._extremes.get(key)
        if extremes is None:
            self._extremes[key] = (value, value)
        elif not extremes[0] <= value <= extremes[1]:
            self._extremes[key] = (min(extremes[0], value), max(extremes[1], value))

    def text(self, row: int, column: int, value: Text | None, fmt: str | None = None, *, fit: bool = True) -> None:
        """Text as text (a message in the language in force). A title or heading, or with ``fit=False`` a
        sentence, runs on over the empty cells to its right rather than widening its column."""
        if value:
            value = str(value)
            self._write_string(row, column, value, self._formats[fmt] if fmt else None)
            if fit and fmt not in ("title", "heading") and len(value) > self._widths.get(column, 0):
                self._widths[column] = len(value)

    def number(self, row: int, column: int, value: float | None, fmt: str | None = None) -> None:
        if value is None:  # a blank cell; the table column's format applies when someone fills it in
            return
        self._write_number(row, column, value, self._formats[fmt] if fmt else None)
        self._fit_number(column, value, fmt)

    def date(self, row: int, column: int, value: date | None, fmt: str = "date") -> None:
        if value is not None:
            self._write_datetime(row, column, value, self._formats[fmt])
            self._fit(column, 10)

    def formula(self, row: int, column: int, formula: str, value: float | Text | None,
                fmt: str | None = None) -> None:
        """A formula with the engine's value cached; None caches a blank (an undefined ratio)."""
        cached: float | str = "" if value is None else str(value) if isinstance(value, Message) else value
        if isinstance(cached, float) and not math.isfinite(cached):
            cached = ""
        self._write_formula(row, column, formula, self._formats[fmt] if fmt else None, cached)
        if isinstance(cached, str):
            self._fit(column, len(cached))
        else:
            self._fit_number(column, cached, fmt)

    def headers(self, row: int, headers: list[str]) -> None:
        """A header wants a width up to ``HEADER_WIDTH`` (its longest word at least); longer ones wrap."""
        self._headers.append((row, headers))
        for column, header in enumerate(headers):
            longest = max((len(word) for word in header.split()), default=0)
            self._fit(column, max(longest + 1, min(len(header) + 1, HEADER_WIDTH)))

    def table(self, first_row: int, last_row: int, headers: Sequence[Text], name: str,
              formats: list[str | None] | None = None) -> None:
        """An Excel table over rows already written: header row, filters, banded rows.

        Data is never passed to ``add_table`` (it would go through ``write()``, which turns text
        starting with ``=`` into formulas); the table only names the range and its columns. ``headers`` are
        English keys (``mark``-ed), written in the language in force as ``formulas.column`` refers to them.
        """
        shown = [tr(header) if isinstance(header, str) else str(header) for header in headers]
        self.headers(first_row, shown)
        if self.repeat_row is None:
            self.repeat_row = first_row
        header = self.book.fmt("header")
        columns = [{"header": text, "header_format": header,
                    **({"format": self.book.fmt(f)} if formats and (f := formats[i]) else {})}
                   for i, text in enumerate(shown)]
        self.worksheet.add_table(first_row, 0, max(last_row, first_row + 1), len(shown) - 1, {
            "name": name, "columns": columns, "style": "Table Style Light 9", "autofilter": True})

    def details(self, columns: Iterable[int]) -> None:
        """Columns of detail: grouped, collapsed (a click on + shows them), and so left out of the printout."""
        self._details.update(columns)

    def fit_columns(self, fixed: dict[int, float] | None = None) -> None:
        for (column, fmt), (lowest, highest) in self._extremes.items():
            self._fit(column, max(_number_width(lowest, fmt), _number_width(highest, fmt)))
        widths = {column: min(MAX_WIDTH, max(MIN_WIDTH, width + 1)) for column, width in self._widths.items()}
        widths.update(fixed or {})
        for column, width in widths.items():
            if column in self._details:
                self.worksheet.set_column(column, column, width, None, {"level": 1, "hidden": True})
            elif column - 1 in self._details:  # where the collapsed group's + sits
                self.worksheet.set_column(column, column, width, None, {"collapsed": True})
            else:
                self.worksheet.set_column(column, column, width)
        for row, headers in self._headers:
            lines = max((_lines(header, widths.get(column, MIN_WIDTH)) for column, header in enumerate(headers)
                         if column not in self._details), default=1)
            if lines > 1:
                self.worksheet.set_row(row, LINE_HEIGHT * lines)

    def print_layout(self, *, one_page: bool = False) -> None:
        """Landscape, one page wide (``one_page``: wide and high), the table header repeated on each page,
        and a footer with the plan, the sheet and the page number."""
        worksheet = self.worksheet
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 1 if one_page else 0)
        worksheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        if self.repeat_row is not None and not one_page:
            worksheet.repeat_rows(self.repeat_row)
        footer = self.book.footer
        if len(footer) > FOOTER_CHARACTERS:
            footer = footer[:FOOTER_CHARACTERS - 1] + "…"
        pages = tr("Page &P of &N")  # &P and &N are the page codes a footer fills in
        worksheet.set_footer(f"&L{footer.replace('&', '&&')}&C&A&R{pages}")


def _lines(header: str, width: float) -> int:
    """Lines a header takes when wrapped at word boundaries in a column ``width`` characters wide."""
    lines, used = 1, 0
    for word in header.split():
        if used and used + 1 + len(word) > width - 1:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


def _skip_formula_rewriting(worksheet: Any) -> None:
    """Spare XlsxWriter its ~30 regular expressions per formula (60 % of a 10,000-person export).

    They add ``_xlfn.`` prefixes to functions newer than Excel 2010; our formulas use none (LibreOffice
    7.4 must read them too, and a test checks every function name), so only the ``=`` is stripped.
    Tables and conditional formats still go through XlsxWriter's own rewriting.
    """
    original = getattr(worksheet, "_prepare_formula", None)
    if original is None:  # another XlsxWriter version: nothing to skip
        return

    def prepare(formula: str, expand_future_functions: bool = False) -> str:
        if expand_future_functions:
            return str(original(formula, True))
        return formula[1:] if formula.startswith("=") else formula

    worksheet._prepare_formula = prepare


def _formula_writer(worksheet: Any) -> Callable[[int, int, str, Any, float | str], Any]:
    """XlsxWriter's own formula writer without its search for dynamic-array functions (FILTER, XLOOKUP, …),
    which takes a regular expression of 60 alternatives over every formula: about a sixth of a 10,000-person
    export, on formulas that use none (a test checks every function name). The formula is stored as
    ``_write_formula`` stores it, with ``_prepare_formula``'s ``=`` stripped; the public writer when this
    XlsxWriter keeps its cells otherwise."""
    try:
        from xlsxwriter.worksheet import CellFormulaTuple  # type: ignore[import-untyped]
    except ImportError:
        CellFormulaTuple = None  # noqa: N806 — the class's name in XlsxWriter
    table, within = getattr(worksheet, "table", None), getattr(worksheet, "_check_dimensions", None)
    if CellFormulaTuple is None or not isinstance(table, dict) or within is None or \
            getattr(worksheet, "constant_memory", True):
        return getattr(worksheet, "_write_formula", worksheet.write_formula)  # type: ignore[no-any-return]

    def write(row: int, column: int, formula: str, cell_format: Any, value: float | str) -> None:
        if not within(row, column):  # (it returns -1 outside the sheet)
            table[row][column] = CellFormulaTuple(formula[1:] if formula.startswith("=") else formula,
                                                  cell_format, value)
    return write


def _convert_dates_once(worksheet: Any) -> None:
    """XlsxWriter turns each date into a spreadsheet serial number anew (a dozen microseconds, checking time
    zones); a workbook holds few distinct dates (starts, months), so each is converted once."""
    convert = getattr(worksheet, "_convert_date_time", None)
    if convert is not None:
        worksheet._convert_date_time = functools.lru_cache(maxsize=4096)(convert)


def _number_width(value: float, fmt: str | None) -> float:
    if fmt == "money":
        return len(f"{value:,.0f}") + 4
    if fmt == "percent":
        return 7
    if fmt in ("int", "plain"):
        return len(f"{value:,.0f}")
    return len(f"{value:,.2f}")
