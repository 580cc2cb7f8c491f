"""What the UI says: its own texts go through Qt's ``tr`` (answered from the app's catalogues by
``ui/translator.py``); everything the core says — names of roles, stages and verdicts, sentences,
numbers, money and dates — is rendered by the core (``salesplanner.i18n``) in the language in force, so
the board, the command line and the exports can never word one fact two ways."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from salesplanner import i18n
from salesplanner.capacity import (
    BOTTLENECK_NAMES,
    HANDOFF_LABELS,
    RECEIVING_NAMES,
    VERDICT_NAMES,
    Balance,
    Handoff,
    Verdict,
)
from salesplanner.diagnosis import STAGE_NAMES, Stage
from salesplanner.i18n import Message
from salesplanner.roles import DISPLAY_NAMES, Role
from salesplanner.targets import VERDICT_WORDS, TargetVerdict

translate = QCoreApplication.translate


def role_name(role: Role) -> str:
    return str(DISPLAY_NAMES[role])


def handoff_name(handoff: Handoff) -> str:
    return str(HANDOFF_LABELS[handoff])


def receiving_role_name(handoff: Handoff) -> str:
    """Who receives the work of a handoff: named in a team's 'Underused: …' badge."""
    return str(RECEIVING_NAMES[handoff])


def bottleneck_name(handoff: Handoff) -> str:
    return str(BOTTLENECK_NAMES[handoff])


def stage_name(stage: Stage) -> str:
    return str(STAGE_NAMES[stage])


def verdict_name(verdict: Verdict) -> str:
    return str(VERDICT_NAMES[verdict])


def target_verdict_name(verdict: TargetVerdict) -> str:
    return str(VERDICT_WORDS[verdict])


def count(n: int, one: str, many: str) -> str:
    """"1 team" or "3 teams": ``one`` and ``many`` are translated by the caller ("%1 teams" carries the
    number)."""
    return one.replace("%1", str(n)) if n == 1 else many.replace("%1", i18n.integer(n))


def date_text(value: date) -> str:
    """A date as the language in force writes it in short ("31/12/2027", "31.12.2027")."""
    return i18n.date_text(value)


def number(value: float, decimals: int = 1) -> str:
    return i18n.number(value, decimals)


def amount(value: float) -> str:
    """A count for a sentence: whole when it is (near) whole, else one decimal."""
    return i18n.amount(value)


def percent(share: float) -> str:
    return i18n.percent(share)


def money(value: float, currency: str, *, compact: bool = False) -> str:
    """'€ 4.31 M' when compact, '€ 180,000' otherwise, as the language in force writes money."""
    return i18n.money(value, currency, compact=compact)


def money_in(value: float, currency: str, unit: str, decimals: int) -> str:
    """An amount in millions ("M"), thousands ("k") or units (""): a chart axis's labels share one unit."""
    return i18n.money_in(value, currency, unit, decimals)


def shown(message: Message | None) -> str:
    """A message of the core as text ("" for none)."""
    return "" if message is None else str(message)


def balance_sentence(item: Balance) -> str:
    """The sentence of a handoff verdict (docs/model.md §5); empty when the handoff does not exist."""
    return shown(item.sentence)


def balance_note(item: Balance) -> str:
    """A short form of the verdict for a pill on the board (the full sentence is its tooltip)."""
    return shown(item.note)


def ratio_text(item: Balance) -> str:
    return i18n.NO_VALUE if item.ratio is None else number(item.ratio, 2)


VERDICT_MARKS = {Verdict.BALANCED: "✓", Verdict.OVERLOADED: "▲", Verdict.UNDERUSED: "▼"}
