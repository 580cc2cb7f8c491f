"""The board's look, made once per board: theme and fonts, so painting allocates nothing."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QPainterPath

from ui.theme import Theme, board_font


@dataclass(frozen=True)
class Style:
    """Theme and fonts, made once per board so painting allocates nothing."""

    theme: Theme
    title: QFont
    subtitle: QFont
    lane: QFont
    small: QFont
    chip: QFont
    chip_struck: QFont
    initials: QFont
    pill: QFont
    group: QFont
    fte: QFont

    @classmethod
    def create(cls, theme: Theme) -> Style:
        struck = board_font(9)
        struck.setStrikeOut(True)
        group = board_font(9, bold=True)
        group.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        return cls(theme=theme, title=board_font(12.5, bold=True), subtitle=board_font(8.5),
                   lane=board_font(9, bold=True), small=board_font(8.5), chip=board_font(9), chip_struck=struck,
                   initials=board_font(6.5, bold=True), pill=board_font(8.5, bold=True), group=group,
                   fte=board_font(6, bold=True))


def rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path
