"""Colours and fonts of the board, from the core's one colour table, adapted to light or dark palettes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from salesplanner.capacity import Verdict
from salesplanner.palette import NO_VERDICT, ROLE_COLOURS, TARGET_COLOURS, VERDICT_COLOURS, Swatch
from salesplanner.roles import Role
from salesplanner.targets import TargetVerdict


def _mix(colour: QColor, other: QColor, amount: float) -> QColor:
    """``colour`` moved ``amount`` of the way towards ``other``."""
    def towards(start: float, end: float) -> float:
        return start + (end - start) * amount

    return QColor.fromRgbF(towards(colour.redF(), other.redF()), towards(colour.greenF(), other.greenF()),
                           towards(colour.blueF(), other.blueF()))


@dataclass(frozen=True)
class Theme:
    dark: bool
    canvas: QColor
    card: QColor
    card_border: QColor
    text: QColor
    muted: QColor
    faint: QColor
    selection: QColor
    highlight: QColor

    def verdict(self, verdict: Verdict | None) -> tuple[QColor, QColor]:
        """(strong, fill) for a balance state; fills are tinted from the card colour in dark mode."""
        return self._swatch(VERDICT_COLOURS[verdict] if verdict is not None else NO_VERDICT)

    def target(self, verdict: TargetVerdict | None) -> tuple[QColor, QColor]:
        """(strong, fill) for a target's coverage: on target, ahead, short (docs/model.md §9)."""
        return self._swatch(TARGET_COLOURS[verdict] if verdict is not None else NO_VERDICT)

    def _swatch(self, swatch: Swatch) -> tuple[QColor, QColor]:
        strong = QColor(swatch.strong)
        if self.dark:
            strong = _mix(strong, QColor("white"), 0.35)
            return strong, _mix(self.card, strong, 0.22)
        return strong, QColor(swatch.fill)

    def role(self, role: Role) -> QColor:
        colour = QColor(ROLE_COLOURS[role])
        return _mix(colour, QColor("white"), 0.25) if self.dark else colour

    def role_fill(self, role: Role) -> QColor:
        return _mix(self.card, self.role(role), 0.16)


def current_theme() -> Theme:
    palette = QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    dark = window.lightness() < 128
    canvas = _mix(window, QColor("black"), 0.04) if not dark else _mix(window, QColor("black"), 0.25)
    return Theme(
        dark=dark,
        canvas=canvas,
        card=base,
        card_border=_mix(base, text, 0.16),
        text=text,
        muted=_mix(text, base, 0.42),
        faint=_mix(text, base, 0.7),
        selection=palette.color(QPalette.ColorRole.Highlight),
        highlight=_mix(base, palette.color(QPalette.ColorRole.Highlight), 0.18),
    )


def board_font(point_size: float, *, bold: bool = False) -> QFont:
    """A font for the board's items, sized in scene pixels (point size at 96 dpi): the board is drawn on
    screens, images, SVG and 300-dpi PDF pages, and text must keep its size relative to the cards."""
    result = QFont(QApplication.font())
    result.setPixelSize(max(1, round(point_size * 96 / 72)))
    if bold:
        result.setWeight(QFont.Weight.DemiBold)
    return result


def print_theme() -> Theme:
    """Paper and slides are light whatever the screen's palette, with strong contrast."""
    text = QColor("#111827")
    card = QColor("#FFFFFF")
    return Theme(dark=False, canvas=QColor("#F3F4F6"), card=card, card_border=QColor("#C9CDD4"), text=text,
                 muted=QColor("#4B5563"), faint=QColor("#9CA3AF"), selection=QColor("#2563EB"),
                 highlight=QColor("#DBEAFE"))


def font(point_size: float, *, bold: bool = False, weight: QFont.Weight | None = None) -> QFont:
    """The application font at another size, for widgets; sizes in points so high-DPI screens scale them."""
    result = QFont(QApplication.font())
    result.setPointSizeF(point_size)
    if weight is not None:
        result.setWeight(weight)
    elif bold:
        result.setWeight(QFont.Weight.DemiBold)
    return result
