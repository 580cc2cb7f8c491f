"""The workbook's building blocks: ``Book`` (the file, its formats and progress) and ``Sheet`` (one
worksheet with its column widths). Every sheet module writes through them; ``export`` assembles the book.

XlsxWriter writes it: it stores cached formula values (openpyxl cannot) and writes fast. Every text
cell goes through ``write_string``: a name such as ``=HYPERLINK(…)`` or ``+1`` stays text.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

from salesplanner.palette import TARGET_COLOURS, VERDICT_COLOURS
from salesplanner.targets import VERDICT_WORDS

Progress = Callable[[int, int], bool | None]
"""``progress(done, total)``; returning False cancels the export (nothing is written)."""

PROGRESS_STEP = 500
"""Rows between two progress reports: often enough for a smooth bar, rare enough to cost nothing."""

MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
"""Column widths in characters: fit the content, but a 1,000-character note does not make a wall."""


class ExportCancelled(Exception):  # noqa: N818 — a signal, not an error
    """Raised inside the export when the progress callback asks to stop."""


class Book:
    """The XlsxWriter workbook, its formats and the progress count shared by the sheet writers."""

    def __init__(self, workbook: Any, currency: str, *, total: int, progress: Progress | None) -> None:
        self.workbook = workbook
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
                "type": "cell", "criteria": "==", "value": f'"{VERDICT_WORDS[verdict]}"',
                "format": cell_format})

    def colour_verdicts(self, worksheet: Any, first_row: int, last_row: int, column: int) -> None:
        """Verdict cells in the board's colours; conditional, so they follow a what-if recalculation."""
        if last_row < first_row:
            return
        for verdict, cell_format in self.verdict_formats.items():
            worksheet.conditional_format(first_row, column, last_row, column, {
                "type": "cell", "criteria": "==", "value": f'"{verdict.value}"', "format": cell_format})


class Sheet:
    """One worksheet: typed writes (text is always written as text) and column widths that fit."""

    def __init__(self, book: Book, name: str) -> None:
        self.book = book
        self.worksheet = book.workbook.add_worksheet(name)
        self.name = name
        self._widths: dict[int, float] = {}
        _skip_formula_rewriting(self.worksheet)

    def _fit(self, column: int, width: float) -> None:
        if width > self._widths.get(column, 0):
            self._widths[column] = width

    def text(self, row: int, column: int, value: str | None, fmt: str | None = None) -> None:
        if value:
            self.worksheet.write_string(row, column, value, self.book.fmt(fmt))
            self._fit(column, len(value))

    def number(self, row: int, column: int, value: float | None, fmt: str | None = None) -> None:
        if value is None:  # a blank cell; the table column's format applies when someone fills it in
            return
        self.worksheet.write_number(row, column, value, self.book.fmt(fmt))
        self._fit(column, _number_width(value, fmt))

    def date(self, row: int, column: int, value: date | None, fmt: str = "date") -> None:
        if value is not None:
            self.worksheet.write_datetime(row, column, value, self.book.fmt(fmt))
            self._fit(column, 10)

    def formula(self, row: int, column: int, formula: str, value: float | str | None,
                fmt: str | None = None) -> None:
        """A formula with the engine's value cached; None caches a blank (an undefined ratio)."""
        cached: float | str = "" if value is None else value
        if isinstance(cached, float) and not math.isfinite(cached):
            cached = ""
        self.worksheet.write_formula(row, column, formula, self.book.fmt(fmt), cached)
        if isinstance(cached, str):
            self._fit(column, len(cached))
        else:
            self._fit(column, _number_width(cached, fmt))

    def headers(self, row: int, headers: list[str]) -> None:
        """Header widths count too (a table's header is written by ``add_table``, not through ``text``)."""
        for column, header in enumerate(headers):
            self._fit(column, len(header) + 3)  # room for the filter button

    def table(self, first_row: int, last_row: int, headers: list[str], name: str,
              formats: list[str | None] | None = None) -> None:
        """An Excel table over rows already written: header row, filters, banded rows.

        Data is never passed to ``add_table`` (it would go through ``write()``, which turns text
        starting with ``=`` into formulas); the table only names the range and its columns.
        """
        self.headers(first_row, headers)
        columns = [{"header": header, **({"format": self.book.fmt(f)} if formats and (f := formats[i]) else {})}
                   for i, header in enumerate(headers)]
        self.worksheet.add_table(first_row, 0, max(last_row, first_row + 1), len(headers) - 1, {
            "name": name, "columns": columns, "style": "Table Style Light 9", "autofilter": True})

    def fit_columns(self, fixed: dict[int, float] | None = None) -> None:
        for column, width in self._widths.items():
            self.worksheet.set_column(column, column, min(MAX_WIDTH, max(MIN_WIDTH, width + 1)))
        for column, width in (fixed or {}).items():
            self.worksheet.set_column(column, column, width)


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


def _number_width(value: float, fmt: str | None) -> float:
    if fmt == "money":
        return len(f"{value:,.0f}") + 4
    if fmt == "percent":
        return 7
    if fmt in ("int", "plain"):
        return len(f"{value:,.0f}")
    return len(f"{value:,.2f}")
