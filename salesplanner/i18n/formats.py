"""Numbers, money and dates as the language in force writes them, and messages rendered with them.

Separators and date order come from CLDR (Babel) for the locale in force ("1.234,5" and "31.12.2027"
in Danish, "1,234.5" and "31/12/2027" in British English); the words around money ("M", "mio.", "kr.")
are messages like any other, so each language's catalogue says them its own way. One place for every
reader: the UI, the command line and the exports call these.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from salesplanner.i18n.languages import Language, current
from salesplanner.i18n.messages import Message, Money, msg_p

CURRENCY_SIGNS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
"""Currencies written with a sign; any other is written as a word the language chooses (DKK: "kr.")."""
CURRENCY_WORDS = {"DKK": msg_p("currency", "DKK"), "SEK": msg_p("currency", "SEK"),
                  "NOK": msg_p("currency", "NOK")}
"""Currencies a language may name its own way (Danish: "kr." for DKK); any other is its ISO code."""
NO_VALUE = "—"
"""What a missing or undefined figure shows (docs/model.md §5: a ratio over zero capacity)."""


@dataclass(frozen=True, slots=True)
class Conventions:
    decimal: str
    group: str
    date_pattern: str
    """CLDR's short date pattern of the locale, with the year in four digits ("dd.MM.y")."""


_BUILT_IN = {"en_GB": Conventions(".", ",", "dd/MM/y")}
"""The default locale's conventions, so English output needs no CLDR data loaded (scripts' JSON, the
command line's start)."""


@cache
def conventions(locale: str) -> Conventions:
    if locale in _BUILT_IN:
        return _BUILT_IN[locale]
    from babel.dates import get_date_format
    from babel.numbers import get_decimal_symbol, get_group_symbol

    pattern = get_date_format("short", locale=locale).pattern
    # A two-digit year misreads a horizon that crosses a century ("12/31/27"): always write all four.
    pattern = re.sub(r"(?<!y)yy(?!y)", "y", pattern)
    return Conventions(get_decimal_symbol(locale), get_group_symbol(locale), pattern)


def _language(language: Language | None) -> Language:
    return language if language is not None else current()


def number(value: float, decimals: int = 1, *, language: Language | None = None) -> str:
    """``value`` with ``decimals`` decimals and grouped thousands: "1,234.5" / "1.234,5"."""
    rule = conventions(_language(language).locale)
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.0 reads as an error
    return text.translate({ord(","): rule.group, ord("."): rule.decimal})


def integer(value: int, *, language: Language | None = None) -> str:
    return number(value, 0, language=language)


def amount(value: float, *, language: Language | None = None) -> str:
    """A count for a sentence: whole when it is (near) whole, else one decimal."""
    return number(value, 0 if abs(value - round(value)) < 0.05 else 1, language=language)


def trimmed(value: float, decimals: int = 2, *, language: Language | None = None) -> str:
    """At most ``decimals`` decimals, no trailing zeros: "7", "17.5", "0.15"."""
    text = number(value, decimals, language=language)
    decimal = conventions(_language(language).locale).decimal
    return text.rstrip("0").rstrip(decimal) if decimal in text else text


def percent(share: float, decimals: int = 0, *, language: Language | None = None) -> str:
    """A share as a percentage: 0.83 → "83 %"."""
    return f"{number(share * 100, decimals, language=language)} %"


def date_text(value: date, *, language: Language | None = None) -> str:
    """A date in the locale's short form, year in full: "31/12/2027", "31.12.2027", "12/31/2027"."""
    pattern = conventions(_language(language).locale).date_pattern

    def field(match: re.Match[str]) -> str:
        token = match.group(0)
        if token[0] == "y":
            return f"{value.year:04d}"
        part = value.day if token[0] == "d" else value.month
        return f"{part:02d}" if len(token) >= 2 else str(part)

    return re.sub(r"d+|M+|y+", field, pattern.replace("'", ""))


def money(value: float, currency: str, *, compact: bool = False, language: Language | None = None) -> str:
    """"€ 180,000", or compact "€ 4.31 M" / "€ 450 k"; in Danish "180.000 kr.", "4,31 mio. kr.",
    "€ 4,31 mio." — the language's catalogue places the words."""
    if compact and abs(value) >= 1_000_000:
        return money_in(value, currency, "M", 2, language=language)
    if compact and abs(value) >= 10_000:
        return money_in(value, currency, "k", 0, language=language)
    return money_in(value, currency, "", 0, language=language)


def money_in(value: float, currency: str, unit: str, decimals: int, *, language: Language | None = None) -> str:
    """An amount in millions ("M"), thousands ("k") or units (""), with ``decimals`` decimals: a chart's
    axis writes every label in one unit."""
    speaker = _language(language)
    sign = CURRENCY_SIGNS.get(currency)
    if unit == "M":
        template = msg_p("money", "{sign} {amount} M") if sign else msg_p("money", "{code} {amount} M")
        shown = number(value / 1e6, decimals, language=speaker)
    elif unit == "k":
        template = msg_p("money", "{sign} {amount} k") if sign else msg_p("money", "{code} {amount} k")
        shown = number(value / 1e3, decimals, language=speaker)
    else:
        template = msg_p("money", "{sign} {amount}") if sign else msg_p("money", "{code} {amount}")
        shown = number(value, decimals, language=speaker)
    word = CURRENCY_WORDS.get(currency)
    unit_text = sign or (render(word, speaker) if word is not None else currency)
    return speaker.text(template).replace("{sign}", unit_text).replace("{code}", unit_text).replace("{amount}", shown)


def signed(value: float, decimals: int = 1, *, language: Language | None = None) -> str:
    """A change: "+3.0", "−1.5", "±0" (a true minus sign, which lines up with the plus)."""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + number(abs(value), decimals, language=language)


def signed_money(value: float, currency: str, *, language: Language | None = None) -> str:
    """A change of money, compact: "+€ 240 k", "−€ 1.07 M"."""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + money(abs(value), currency, compact=True, language=language)


def format_value(value: Any, spec: str, language: Language) -> str:
    """A placeholder's value as text. By type: a message is rendered, an int grouped, a float with at most
    two decimals, a date in the short form, ``Money`` in full, None as "—". Specs: ``.2f`` fixed decimals,
    ``amount`` (whole or one decimal), ``%`` / ``.1%`` a share as a percentage, ``compact`` money, ``lower``
    (the first letter, unless the first word is an abbreviation) and ``capital`` for a text or message used
    inside a sentence or at its start."""
    if value is None:
        return NO_VALUE
    if isinstance(value, Message | str) and spec in ("lower", "capital"):
        text = render(value, language) if isinstance(value, Message) else value
        if spec == "capital":
            return text[:1].upper() + text[1:]
        first = text.split(" ", 1)[0]
        return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]  # "FTE" stays
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, Money):
        return money(value.value, value.currency, compact=spec == "compact", language=language)
    if isinstance(value, bool | str):
        return format(str(value), spec)
    if isinstance(value, date):
        return date_text(value, language=language)
    if isinstance(value, int | float):
        if spec.endswith("%"):
            return percent(value, int(spec[1:-1] or 0) if spec.startswith(".") else 0, language=language)
        if spec == "amount":
            return amount(value, language=language)
        if spec.endswith("f") and spec.startswith("."):
            return number(value, int(spec[1:-1]), language=language)
        if isinstance(value, int) and spec in ("", "d"):
            return integer(value, language=language)
        return trimmed(value, language=language)
    return format(value, spec)


class _Renderer(string.Formatter):
    def __init__(self, language: Language) -> None:
        self._language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        return format_value(value, format_spec, self._language)


def render(message: Message, language: Language | None = None) -> str:
    """The message as a sentence in ``language`` (the one in force by default)."""
    speaker = _language(language)
    text = speaker.text(message)
    if not message.params and "{" not in text:
        return text
    return _Renderer(speaker).vformat(text, (), dict(message.params))


def tr(text: str, context: str | None = None, /, **params: object) -> str:
    """``msg`` rendered at once, for text that is shown as soon as it is made (a command line's help)."""
    return render(Message(text, tuple(params.items()), context=context))
