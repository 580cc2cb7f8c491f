"""What a field holds, and how its text becomes a value and back: text, number, percent, date.

Parsing is about the *form* of the text only ("not a number"); whether a value is acceptable (fte
above 0, a rate up to 1) is the core's ``*_problems`` rules, asked by the sections. Numbers are read
and written with the user's QLocale, so "1,5" is one and a half in a Danish locale; plain "1.5" is also
accepted there because it cannot mean anything else.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QLocale

from salesplanner.roster.cells import DateColumn
from ui import text
from ui.text import translate

MAX_DECIMALS = 6
TWO_DIGIT_BASE_YEAR = 1950
"""A short date's two-digit year lands in 1950–2049: start dates of today's staff and hires."""
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ParseError(ValueError):
    """The text is not a value of the field's kind; the message is the reason shown under the field."""


def editable_number(value: float) -> str:
    """``value`` in the locale with as few decimals as it needs (up to six): what a field shows, so that
    reading it back gives the same number."""
    decimals = next((d for d in range(MAX_DECIMALS + 1)
                     if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value))), MAX_DECIMALS)
    return text.number(value, decimals)


def parse_number(typed: str) -> float | None:
    """The number in ``typed`` (locale first, then the C locale's "1.5"), or None."""
    locale = QLocale()
    typed = typed.strip()
    if locale.groupSeparator().isspace():  # "180 000" typed with an ordinary space
        typed = re.sub(r"\s", locale.groupSeparator(), typed)
    value, ok = locale.toDouble(typed)
    if not ok:
        value, ok = QLocale.c().toDouble(typed)
    return float(value) if ok else None


class FieldKind:
    """Text shown for a value and the value read from typed text. The base kind is free text."""

    placeholder = ""

    def __init__(self, *, optional: bool = False) -> None:
        self.optional = optional
        """Empty text means None (an optional email, "use the role default" cost, no start date)."""

    def format(self, value: object) -> str:
        return "" if value is None else str(value)

    def parse(self, typed: str) -> object:
        value = typed.strip()
        return None if self.optional and not value else value

    def _require(self) -> None:
        """An empty field is None when optional; otherwise it is refused."""
        if not self.optional:
            raise ParseError(translate("Inspector", "is required"))


class TextKind(FieldKind):
    """Free text; a required one passes an empty string to the core, which names the problem."""

    def __init__(self, *, optional: bool = False, upper: bool = False) -> None:
        super().__init__(optional=optional)
        self.upper = upper
        """Currency codes: "eur" means EUR."""

    def parse(self, typed: str) -> object:
        value = super().parse(typed)
        return value.upper() if self.upper and isinstance(value, str) else value


class NumberKind(FieldKind):
    def __init__(self, *, optional: bool = False, whole: bool = False) -> None:
        super().__init__(optional=optional)
        self.whole = whole
        """Months of a horizon: 12.5 is refused here (the core checks only the range)."""

    def format(self, value: object) -> str:
        return "" if value is None else editable_number(float(value))  # type: ignore[arg-type]

    def parse(self, typed: str) -> object:
        if not typed.strip():
            self._require()
            return None
        value = parse_number(typed)
        if value is None:
            raise ParseError(translate("Inspector", "not a number"))
        if self.whole:
            if not value.is_integer():
                raise ParseError(translate("Inspector", "not a whole number"))
            return int(value)
        return value


class PercentKind(NumberKind):
    """A rate, share or tolerance held as a fraction: 0.15 is shown "15 %" and typed 15 or "15 %"."""

    def format(self, value: object) -> str:
        if value is None:
            return ""
        return translate("Numbers", "%1 %").replace("%1", editable_number(float(value) * 100))  # type: ignore[arg-type]

    def parse(self, typed: str) -> object:
        stripped = typed.strip()
        for sign in ("%", QLocale().percent()):
            stripped = stripped.removesuffix(sign).strip()
        value = super().parse(stripped)
        # Dividing the typed number (not multiplying by 0.01) keeps 15 → 0.15 exactly the literal 0.15.
        return None if value is None else value / 100  # type: ignore[operator]


class DateKind(FieldKind):
    """A date typed as ISO (2027-12-31), in the locale's short format (31.12.2027 in Denmark, 31/12/2027 in
    the UK, 12/31/27 in the US), or as the roster import reads it (31.12.2027, 31-12-2027); shown as the
    locale writes it, year in full, like every date on screen. A calendar button beside the field picks
    one too."""

    def __init__(self, *, optional: bool = False) -> None:
        super().__init__(optional=optional)
        self.placeholder = translate("Inspector", "e.g. %1 or %2").replace("%1", "2027-12-31").replace(
            "%2", _locale_example())

    def format(self, value: object) -> str:
        return text.date_text(value) if isinstance(value, date) else ""

    def parse(self, typed: str) -> object:
        stripped = typed.strip()
        if not stripped:
            self._require()
            return None
        if ISO_DATE.fullmatch(stripped):
            try:
                return date.fromisoformat(stripped)
            except ValueError:
                raise ParseError(translate("Inspector", "not a date in the calendar")) from None
        locale = QLocale()
        short = locale.dateFormat(QLocale.FormatType.ShortFormat)
        two_digits = short.replace("yyyy", "yy")
        for pattern in dict.fromkeys((short, two_digits, two_digits.replace("yy", "yyyy"))):
            parsed = locale.toDate(stripped, pattern, TWO_DIGIT_BASE_YEAR)
            if parsed.isValid():
                return date(parsed.year(), parsed.month(), parsed.day())
        try:  # the roster import's own forms: 31.12.2027, 31-12-2027, 31/12/2027
            parsed_date = DateColumn(()).parse(stripped)
        except ValueError:
            parsed_date = None
        if parsed_date is not None:
            return parsed_date
        raise ParseError(translate("Inspector", "not a date (use %1 or %2)").replace("%1", "2027-12-31").replace(
            "%2", _locale_example()))


def _locale_example() -> str:
    """31 December 2027 as dates are shown, a hint of what may be typed."""
    return text.date_text(date(2027, 12, 31))
