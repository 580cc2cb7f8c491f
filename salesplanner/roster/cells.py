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
100 (an FTE of ``80 %`` is 0.8).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from salesplanner.roster.files import Cell

_EXCEL_EPOCH = date(1899, 12, 30)
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DOTTED = re.compile(r"(\d{1,2})[.\-](\d{1,2})[.\-](\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.+\-Z]*)?")
_CURRENCY = re.compile(r"^(?:[€$£¥]|[A-Za-z]{3}\b)\s*|\s*(?:[€$£¥]|\b[A-Za-z]{3})$")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
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
    """A cell as a number, None when blank."""
    if value is None:
        return None
    if type(value) is float:
        return value
    if isinstance(value, bool | date | timedelta):
        raise ValueError("is not a number")
    if isinstance(value, int | float):
        return float(value)
    raw = str(value).strip()
    if not raw:
        return None
    percent = raw.endswith("%")
    cleaned = _SPACES.sub("", _CURRENCY.sub("", raw.rstrip("%").strip()))
    if "," in cleaned and "." in cleaned:  # the later one is the decimal separator
        thousands = "," if cleaned.rfind(",") < cleaned.rfind(".") else "."
        cleaned = cleaned.replace(thousands, "").replace(",", ".")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", "") if _THOUSANDS.fullmatch(cleaned.lstrip("-")) else cleaned.replace(",", ".")
    try:
        result = float(cleaned)
    except ValueError:
        raise ValueError("is not a number") from None
    return result / 100 if percent else result


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
            raise ValueError("is not a date")
        if isinstance(value, int | float):
            if 1 <= value < 2_958_466:  # an Excel serial day number (1900-01-01 to 9999-12-31)
                return _EXCEL_EPOCH + timedelta(days=int(value))
            raise ValueError("is not a date")
        raw = str(value).strip()
        if not raw:
            return None
        try:
            if match := _ISO.fullmatch(raw):
                return date(int(match[1]), int(match[2]), int(match[3]))
            if match := _DOTTED.fullmatch(raw):
                return date(_year(match[3]), int(match[2]), int(match[1]))
            if match := _SLASH.fullmatch(raw):
                first, second = int(match[1]), int(match[2])
                day, month = (second, first) if self.month_first else (first, second)
                return date(_year(match[3]), month, day)
        except ValueError:
            pass
        expected = "mm/dd/yyyy" if self.month_first else "yyyy-mm-dd, dd.mm.yyyy or dd/mm/yyyy"
        raise ValueError(f"is not a date ({expected})")


def _year(text: str) -> int:
    """Two-digit years are this century's: a roster's start dates are recent."""
    return 2000 + int(text) if len(text) == 2 else int(text)
