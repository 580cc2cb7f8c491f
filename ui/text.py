"""Every user-visible name and sentence the board shows, through Qt's translation mechanism, and numbers
and money through QLocale — so a Danish translation needs no change to the widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from salesplanner.capacity import Balance, Handoff, Verdict
from salesplanner.diagnosis import Stage
from salesplanner.roles import Role
from salesplanner.targets import TargetVerdict

translate = QCoreApplication.translate

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def role_name(role: Role) -> str:
    return {
        Role.FOUNDER: translate("Roles", "Founder"),
        Role.FULL_CYCLE: translate("Roles", "Full-cycle rep"),
        Role.SDR_OUTBOUND: translate("Roles", "Outbound SDR"),
        Role.SDR_INBOUND: translate("Roles", "Inbound SDR"),
        Role.AE: translate("Roles", "AE"),
        Role.AM: translate("Roles", "AM"),
        Role.MANAGER: translate("Roles", "Manager"),
    }[role]


def handoff_name(handoff: Handoff) -> str:
    return {
        Handoff.INBOUND_LOAD: translate("Handoffs", "Inbound load"),
        Handoff.SDR_TO_CLOSER: translate("Handoffs", "SDR → closer"),
        Handoff.CLOSER_TO_AM: translate("Handoffs", "Closer → AM"),
    }[handoff]


def receiving_role_name(handoff: Handoff) -> str:
    """Who receives the work of a handoff: named in a team's 'Underused: …' badge."""
    return {
        Handoff.INBOUND_LOAD: translate("Handoffs", "inbound SDRs"),
        Handoff.SDR_TO_CLOSER: translate("Handoffs", "closers"),
        Handoff.CLOSER_TO_AM: translate("Handoffs", "AM"),
    }[handoff]


def bottleneck_name(handoff: Handoff) -> str:
    return {
        Handoff.INBOUND_LOAD: translate("Handoffs", "inbound"),
        Handoff.SDR_TO_CLOSER: translate("Handoffs", "closers"),
        Handoff.CLOSER_TO_AM: translate("Handoffs", "account managers"),
    }[handoff]


def stage_name(stage: Stage) -> str:
    return {
        Stage.HUNTER_FOUNDER: translate("Stages", "Hunter Founder"),
        Stage.ONE_MAN_BANDS: translate("Stages", "One-Man Bands"),
        Stage.SPECIALISTS: translate("Stages", "Specialists"),
        Stage.MARKET_TEAMS: translate("Stages", "Market Teams"),
    }[stage]


def verdict_name(verdict: Verdict) -> str:
    return {
        Verdict.BALANCED: translate("Verdicts", "balanced"),
        Verdict.OVERLOADED: translate("Verdicts", "overloaded"),
        Verdict.UNDERUSED: translate("Verdicts", "underused"),
    }[verdict]


def target_verdict_name(verdict: TargetVerdict) -> str:
    return {
        TargetVerdict.ON_TARGET: translate("Verdicts", "on target"),
        TargetVerdict.AHEAD: translate("Verdicts", "ahead"),
        TargetVerdict.SHORT: translate("Verdicts", "short"),
    }[verdict]


def count(n: int, one: str, many: str) -> str:
    """"1 team" or "3 teams": ``one`` and ``many`` are translated by the caller ("%1 teams" carries the
    number), so a language with other plural rules can say both its own way."""
    return one.replace("%1", str(n)) if n == 1 else many.replace("%1", QLocale().toString(n))


def date_text(value: date) -> str:
    """A date as the user's locale writes it in short ("31/12/2027"), for sentences and tooltips."""
    return QLocale().toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


def number(value: float, decimals: int = 1) -> str:
    return QLocale().toString(float(value), "f", decimals)


def amount(value: float) -> str:
    """A count for a sentence: whole when it is (near) whole, else one decimal."""
    return number(value, 0 if abs(value - round(value)) < 0.05 else 1)


def percent(share: float) -> str:
    return translate("Numbers", "%1 %").replace("%1", number(share * 100, 0))


def money(value: float, currency: str, *, compact: bool = False) -> str:
    """'€ 4.31 M' when compact, '€ 180,000' otherwise; the currency code when it has no symbol."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if compact and abs(value) >= 1_000_000:
        return translate("Numbers", "%1 %2 M").replace("%1", symbol).replace("%2", number(value / 1e6, 2))
    if compact and abs(value) >= 10_000:
        return translate("Numbers", "%1 %2 k").replace("%1", symbol).replace("%2", number(value / 1e3, 0))
    return f"{symbol} {number(value, 0)}"


def balance_sentence(item: Balance) -> str:
    """The sentence of a handoff verdict (docs/model.md §5), translated; empty when the handoff does not exist."""
    if item.verdict is None:
        return ""
    if item.verdict is Verdict.BALANCED:
        return translate("Handoffs", "balanced")
    overloaded = item.verdict is Verdict.OVERLOADED
    if item.handoff is Handoff.INBOUND_LOAD:
        if overloaded:
            return translate("Handoffs", "%1 inbound leads/month are not worked").replace("%1", amount(item.excess))
        if item.demand == 0:
            return translate("Handoffs", "inbound SDRs idle")
        return translate("Handoffs", "inbound SDRs underused")
    if item.handoff is Handoff.SDR_TO_CLOSER:
        if overloaded:
            return translate("Handoffs", "closers overloaded: %1 opportunities/month not worked").replace(
                "%1", amount(item.excess))
        return translate("Handoffs", "closers underfed: %1 of closing capacity idle").replace(
            "%1", percent(item.idle_share))
    if overloaded:
        return translate("Handoffs", "account managers overloaded: %1 accounts over capacity").replace(
            "%1", amount(item.excess))
    return translate("Handoffs", "account managers underused")


def balance_note(item: Balance) -> str:
    """A short form of the verdict for a pill on the board (the full sentence is its tooltip)."""
    if item.verdict is None:
        return ""
    if item.verdict is Verdict.BALANCED:
        return translate("Handoffs", "balanced")
    overloaded = item.verdict is Verdict.OVERLOADED
    if item.handoff is Handoff.INBOUND_LOAD:
        if overloaded:
            return translate("Handoffs", "%1 leads/mo not worked").replace("%1", amount(item.excess))
        return translate("Handoffs", "inbound SDRs idle") if item.demand == 0 else \
            translate("Handoffs", "inbound SDRs %1 idle").replace("%1", percent(item.idle_share))
    if item.handoff is Handoff.SDR_TO_CLOSER:
        if overloaded:
            return translate("Handoffs", "%1 opps/mo not worked").replace("%1", amount(item.excess))
        return translate("Handoffs", "closers %1 idle").replace("%1", percent(item.idle_share))
    if overloaded:
        return translate("Handoffs", "%1 accounts over AM capacity").replace("%1", amount(item.excess))
    return translate("Handoffs", "AM %1 idle").replace("%1", percent(item.idle_share))


def ratio_text(item: Balance) -> str:
    return "—" if item.ratio is None else number(item.ratio, 2)


VERDICT_MARKS = {Verdict.BALANCED: "✓", Verdict.OVERLOADED: "▲", Verdict.UNDERUSED: "▼"}
