"""Messages: what the app says, as facts, until someone reads them.

A message is its English text with ``{name}`` placeholders (the key into each language's catalogue) and
the placeholders' values. The core returns messages, never finished sentences; ``str(message)`` renders
it in the language in force, numbers and dates in that language's locale (``formats.format_value`` says
which value is written how, and what a placeholder's ``{name:spec}`` asks for).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Message:
    """Something the app says, rendered in the language in force when it is shown, so one fact can read
    Danish on screen and English in a script's JSON."""

    text: str
    params: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    """The English plural: the parameter ``n`` chooses between ``text`` and this, as the language counts."""
    context: str | None = None
    """Tells two meanings of one English text apart for translators ("short" of a target, of a name)."""

    def __str__(self) -> str:
        from salesplanner.i18n.formats import render

        return render(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def param(self, name: str) -> object:
        return dict(self.params)[name]


Text = str | Message
"""What a field shows that holds either text as typed (a name) or a message."""


def mark(text: str, /) -> str:
    """``text`` itself, marked for the catalogues: an English key translated where it is shown (a workbook's
    column header is written, and referred to by its formulas, as ``tr(key)``)."""
    return text


def msg(text: str, /, **params: object) -> Message:
    """A translatable message; ``{name}`` placeholders take ``params``."""
    return Message(text, tuple(params.items()))


def msg_n(singular: str, plural: str, /, n: int, **params: object) -> Message:
    """A message about ``n`` things (``{n}`` in the text), in the form the language uses for that count."""
    return Message(singular, (("n", n), *params.items()), plural=plural)


def msg_p(context: str, text: str, /, **params: object) -> Message:
    """A message whose English text has several meanings; ``context`` names this one for translators."""
    return Message(text, tuple(params.items()), context=context)


def joined(parts: list[Message], separator: str = " · ") -> Message:
    """Several messages shown as one ("2.0 FTE · 12 leads/mo"), each in the language in force."""
    names = [f"part{index}" for index in range(len(parts))]
    return Message(separator.join("{" + name + "}" for name in names), tuple(zip(names, parts, strict=True)))


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in a currency, for a placeholder: "€ 180,000", or with ``{x:compact}`` "€ 4.31 M"."""

    value: float
    currency: str

    def __str__(self) -> str:
        from salesplanner.i18n.formats import money

        return money(self.value, self.currency)

    def compact(self) -> str:
        from salesplanner.i18n.formats import money

        return money(self.value, self.currency, compact=True)
