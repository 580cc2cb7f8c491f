"""A person or opening as a chip: what it shows and how it is painted — on the board, on the bench and
under the cursor while dragging."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from salesplanner.capacity import Verdict
from salesplanner.model import MemberId
from salesplanner.roles import Role
from ui import text
from ui.board.style import Style, rounded
from ui.theme import Theme


@dataclass(frozen=True)
class ChipData:
    """What a chip shows about one person or opening."""

    member_id: MemberId
    name: str
    role: Role | None
    opening: bool = False
    fte: float = 1.0
    ramp: float = 1.0
    """Share of full productivity today: below 1 while ramping (0 before the start date)."""
    left: bool = False
    leaving: bool = False
    moved_from: str | None = None
    """Where the person sits in the baseline, when the scenario on screen moved them ("Nordic SMB · AE")."""
    ghost: bool = False
    """A baseline position the person has left in this scenario: drawn faint, not selectable."""

    @property
    def initials(self) -> str:
        parts = [p for p in self.name.replace("-", " ").split() if p[:1].isalpha()]
        return "".join(p[0] for p in (parts[:1] + parts[-1:] if len(parts) > 1 else parts)).upper() or "?"


def paint_chip(painter: QPainter, bounds: QRectF, data: ChipData, style: Style, *, selected: bool) -> None:
    """A chip: role-coloured pill with initials (or a part-timer's FTE), name and ramp ring; dashed for
    an opening, struck through for a leaver. Shared by the board, the bench and drag images."""
    theme = style.theme
    painter.save()
    painter.translate(bounds.topLeft())
    rect = QRectF(0.75, 0.75, bounds.width() - 1.5, bounds.height() - 1.5)
    height = bounds.height()
    accent = theme.role(data.role) if data.role is not None and not data.opening else theme.muted
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(theme.selection if selected else accent, 2.0 if selected else 1.1)
    if data.opening or data.ghost:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    fill = theme.role_fill(data.role) if selected and data.role is not None else theme.card
    painter.setBrush(QBrush(theme.highlight if selected and data.role is None else fill))
    painter.drawPath(rounded(rect, height / 2))

    avatar = QRectF(4, 4, height - 8, height - 8)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(theme.faint if data.opening else accent))
    painter.drawEllipse(avatar)
    painter.setPen(QPen(QColor("white")))
    # A part-timer's avatar shows the FTE instead of initials, and the ramp rings the avatar: neither
    # takes room from the name.
    painter.setFont(style.fte if data.fte < 1 else style.initials)
    label = text.number(data.fte, 1) if data.fte < 1 else "+" if data.opening else data.initials
    painter.drawText(avatar.adjusted(-2, 0, 2, 0), Qt.AlignmentFlag.AlignCenter, label)
    if 0 < data.ramp < 1 or (data.ramp == 0 and not data.left):
        _paint_ramp(painter, avatar.adjusted(-2.2, -2.2, 2.2, 2.2), data.ramp, theme)

    right = rect.right() - 8
    name_font = style.chip_struck if data.left or data.leaving else style.chip
    painter.setFont(name_font)
    painter.setPen(QPen(theme.muted if data.opening or data.left else theme.text))
    name_rect = QRectF(avatar.right() + 6, 0, right - avatar.right() - 6, height)
    painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                     fitted_name(data.name, QFontMetricsF(name_font), name_rect.width(), person=not data.opening))
    if data.moved_from is not None:
        _paint_moved_badge(painter, QRectF(rect.right() - 9, rect.top() - 4, 12, 12), theme, style)
    painter.restore()


def fitted_name(name: str, metrics: QFontMetricsF, width: float, *, person: bool = True) -> str:
    """The whole name when it fits; else, for a person, first name(s) and last initial ("Karin A."); else
    cut with "…" (the chip's tooltip always has the whole name)."""
    if metrics.horizontalAdvance(name) <= width:
        return name
    parts = name.split()
    if person and len(parts) > 1 and parts[-1][:1].isalpha():
        short = f"{' '.join(parts[:-1])} {parts[-1][0]}."
        if metrics.horizontalAdvance(short) <= width:
            return short
        short = f"{parts[0]} {parts[-1][0]}."
        if metrics.horizontalAdvance(short) <= width:
            return short
    return metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)


def _paint_moved_badge(painter: QPainter, rect: QRectF, theme: Theme, style: Style) -> None:
    """A small arrow at the chip's corner: this person sits elsewhere in the baseline."""
    painter.setPen(QPen(theme.card, 1.2))
    painter.setBrush(QBrush(theme.selection))
    painter.drawEllipse(rect)
    painter.setPen(QPen(QColor("white")))
    painter.setFont(style.initials)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "↗")


def _paint_ramp(painter: QPainter, rect: QRectF, ramp: float, theme: Theme) -> None:
    """A ring filled as far as the person has ramped (empty before the start date)."""
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(theme.faint, 1.6))
    painter.drawEllipse(rect)
    if ramp > 0:
        painter.setPen(QPen(theme.verdict(Verdict.UNDERUSED)[0], 1.8))
        painter.drawArc(rect, 90 * 16, -int(360 * 16 * ramp))
