"""Cell values of a roster as the plan needs them: text, numbers and dates written in the ways HR and
CRM exports write them. Each parser returns the value, or raises ``ValueError`` with the reason the
row's problem report shows ("is not a number").

Dates: ISO (``2027-01-31``, with or without a time), ``31.01.2027``, ``31-01-2027``, Excel date cells
and Excel serial numbers, and slash dates. A slash date is ambiguous (``03/04/2027``), so a column is
read day-first (``dd/mm/yyyy``, as in Europe) unless one of its dates can only be month-first
(``12/31/2027``) and none can only be day-first: then the whole column is read ``mm/dd/yyyy``. A column
with both kinds reports the dates it cannot read either way.

Numbers: ``1.5`` and ``1,5``; thousands separators (``90,000``, ``90.000,50``, ``90 000``, ``90'000``);
a currency symbol or code around the amount (``€ 90,000``, ``90000 EUR``); a trailing ``%`` divides by
100 (an FTE of ``80 %`` is 0.8). A lone separator followed by exactly three digits is ambiguous —
``185.000`` is 185,000 in Europe and 185 to a program — so a column decides it, as for slash dates
(``NumberColumn``): a column that writes any decimal with a comma (``0,8``, ``1.234,50``) or groups
with several dots (``1.234.567``) has a thousands dot, and one that writes decimals with a point has a
thousands comma. A column with no such value reads ``185.000`` and ``90,000`` as thousands, except in
small-number columns (FTE, productivity), where ``1.250`` is one and a quarter. A group that starts
with 0 (``0.125``) is always a decimal.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from salesplanner.i18n import msg
from salesplanner.roster.files import Cell

_EXCEL_EPOCH = date(1899, 12, 30)
_MONTHS = (msg("January"), msg("February"), msg("March"), msg("April"), msg("May"), msg("June"), msg("July"),
           msg("August"), msg("September"), msg("October"), msg("November"), msg("December"))
"""In the language in force, whatever the process locale (calendar.month_name follows that, and Qt sets it)."""
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DOTTED = re.compile(r"(\d{1,2})[.\-](\d{1,2})[.\-](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?")
_CURRENCY = re.compile(r"^(?:[€$£¥]|[A-Za-z]{3}\b)\s*|\s*(?:[€$£¥]|\b[A-Za-z]{3})$")
_GROUPED = {separator: re.compile(rf"[-+]?[1-9]\d{{0,2}}(?:{re.escape(separator)}\d{{3}})+") for separator in ".,"}
"""A number whose separators could all be thousands separators: 1 to 3 digits (not starting with 0), then
groups of three."""
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def text(value: Cell) -> str | None:
    """A cell as text, exactly as written (a name " Ana" or "\t=1+1" comes back as it was exported);
    blank is None. Numbers that are whole print without ``.0`` (an employee id 1042)."""
    if type(value) is str:  # the common case first: a roster is mostly text
        return value if value.strip() else None
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    result = str(value).strip()
    return result or None


def number(value: Cell) -> float | None:
    """A lone cell as a number, None when blank (ambiguous groups of three read as thousands)."""
    return NumberColumn(()).parse(value)


def _clean(raw: str) -> str:
    """The digits, signs and separators of a number: currency, percent sign and grouping spaces gone."""
    return _SPACES.sub("", _CURRENCY.sub("", raw.rstrip("%").strip()))


class NumberColumn:
    """Reads the numbers of one column, with the column's convention for a lone separator followed by
    three digits (module docstring): ``grouping`` says, per separator, whether it groups thousands there."""

    def __init__(self, values: Iterable[Cell], *, small: bool = False) -> None:
        decimal_point = decimal_comma = False
        for value in values:
            if type(value) is not str or not (cleaned := _clean(value)):
                continue
            if "." in cleaned and "," in cleaned:  # the later one is the decimal separator
                if cleaned.rfind(".") > cleaned.rfind(","):
                    decimal_point = True
                else:
                    decimal_comma = True
            elif "." in cleaned or "," in cleaned:
                separator = "." if "." in cleaned else ","
                if not _GROUPED[separator].fullmatch(cleaned):
                    decimal_point |= separator == "."
                    decimal_comma |= separator == ","
                elif cleaned.count(separator) > 1:  # 1.234.567: only thousands repeat
                    decimal_point |= separator == ","
                    decimal_comma |= separator == "."
        if decimal_point != decimal_comma:
            self.grouping = {".": decimal_comma, ",": decimal_point}
        else:  # no evidence (or contradicting evidence): what the column's numbers usually are
            self.grouping = {".": not small, ",": not small}

    def parse(self, value: Cell) -> float | None:
        if value is None:
            return None
        if type(value) is float:
            return value
        if isinstance(value, bool | date | timedelta):
            raise ValueError(msg("is not a number"))
        if isinstance(value, int | float):
            return float(value)
        raw = str(value).strip()
        if not raw:
            return None
        cleaned = _clean(raw)
        if "," in cleaned and "." in cleaned:
            thousands = "," if cleaned.rfind(",") < cleaned.rfind(".") else "."
            cleaned = cleaned.replace(thousands, "").replace(",", ".")
        elif "." in cleaned or "," in cleaned:
            separator = "." if "." in cleaned else ","
            grouped = _GROUPED[separator].fullmatch(cleaned) is not None
            if grouped and (cleaned.count(separator) > 1 or self.grouping[separator]):
                cleaned = cleaned.replace(separator, "")
            else:
                cleaned = cleaned.replace(",", ".")
        try:
            result = float(cleaned)
        except ValueError:
            raise ValueError(msg("is not a number")) from None
        if not math.isfinite(result):
            raise ValueError(msg("is not a number"))
        return result / 100 if raw.endswith("%") else result


class DateColumn:
    """Reads the dates of one column, with the column's convention for slash dates (module docstring)."""

    def __init__(self, values: Iterable[Cell]) -> None:
        day_only = month_only = False
        for value in values:
            if isinstance(value, str) and (match := _SLASH.fullmatch(value.strip())):
                first, second = int(match[1]), int(match[2])
                day_only |= first > 12 >= second
                month_only |= second > 12 >= first
        self.month_first = month_only and not day_only

    def parse(self, value: Cell) -> date | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, bool):
            raise ValueError(msg("is not a date"))
        if isinstance(value, int | float):
            if 1 <= value < 2_958_466:  # an Excel serial day number (1900-01-01 to 9999-12-31)
                return _EXCEL_EPOCH + timedelta(days=int(value))
            raise ValueError(msg("is not a date"))
        raw = str(value).strip()
        if not raw:
            return None
        if match := _ISO.fullmatch(raw):
            return _date(raw, int(match[1]), int(match[2]), int(match[3]))
        if match := _DOTTED.fullmatch(raw):
            return _date(raw, _year(match[3]), int(match[2]), int(match[1]))
        if match := _SLASH.fullmatch(raw):
            first, second = int(match[1]), int(match[2])
            day, month = (second, first) if self.month_first else (first, second)
            return _date(raw, _year(match[3]), month, day)
        expected = "mm/dd/yyyy" if self.month_first else "yyyy-mm-dd, dd.mm.yyyy or dd/mm/yyyy"
        raise ValueError(msg("is not a date ({expected})", expected=expected))


def _date(raw: str, year: int, month: int, day: int) -> date:
    """The date, or a ValueError that says what is impossible about it: "February has no day 31"."""
    if not 1 <= month <= 12:
        raise ValueError(msg('"{raw}" is not a date: there is no month {month}', raw=raw, month=month))
    if not 1 <= year <= 9999:
        raise ValueError(msg('"{raw}" is not a date: there is no year {year}', raw=raw, year=str(year)))
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = _MONTHS[month - 1] if day != 29 else msg("{month} {year}", month=_MONTHS[month - 1], year=str(year))
        raise ValueError(msg('"{raw}" is not a date: {name} has no day {day}', raw=raw, name=name, day=day))
    return date(year, month, day)


def _year(text: str) -> int:
    """Two-digit years are this century's: a roster's start dates are recent."""
    return 2000 + int(text) if len(text) == 2 else int(text)
