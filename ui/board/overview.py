"""A team card drawn as an overview tile, when the board is zoomed out below the point where chips can be
read: the team's name, its headcount by role (as a bar in the role colours, and in words when there is
room), its three handoffs as coloured dots and its badge — so a board of 500 teams can be scanned for red.

Everything is sized in screen pixels, whatever the zoom: the painter's level of detail says how many
scene units one pixel is, so a name stays 12 px tall on screen however far out the board is zoomed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from salesplanner.capacity import Verdict
from salesplanner.roles import Role
from ui import text
from ui.theme import Theme

OVERVIEW_ZOOM = 0.4
"""Below this zoom chip names are too small to read (a 9 pt name is under 5 px): cards become tiles."""


@dataclass(frozen=True)
class TileData:
    """What a tile shows about one team."""

    name: str
    members: tuple[tuple[Role, int], ...]
    """People and openings per role, in lane order, roles with nobody left out."""
    verdicts: tuple[Verdict | None, Verdict | None, Verdict | None]
    """Inbound load, SDR → closer, closer → AM (None: the handoff does not exist)."""
    badge: str
    badge_verdict: Verdict | None

    @property
    def headcount_text(self) -> str:
        return " · ".join(f"{count} {text.role_name(role)}" for role, count in self.members)


def _pixels(font: QFont, pixels: float) -> QFont:
    sized = QFont(font)
    sized.setPixelSize(max(1, round(pixels)))
    return sized


def paint_tile(painter: QPainter, rect: QRectF, tile: TileData, theme: Theme, base_font: QFont, *,
               pixel: float, selected: bool) -> None:
    """Paint ``tile`` over ``rect`` (scene units); ``pixel`` is the size of one screen pixel in them.
    Top to bottom, as far as there is room: the name, the handoff dots and badge, the headcount bar, the
    headcount in words."""
    strong, fill = theme.verdict(tile.badge_verdict)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    outline = QPainterPath()
    outline.addRoundedRect(rect.adjusted(pixel, pixel, -pixel, -pixel), 6 * pixel, 6 * pixel)
    painter.setPen(QPen(theme.selection if selected else strong, (3 if selected else 1.5) * pixel))
    painter.setBrush(QBrush(theme.card))
    painter.drawPath(outline)
    pad = 8 * pixel
    inner = rect.adjusted(pad, pad, -pad, -pad)
    if inner.width() < 24 * pixel or inner.height() < 14 * pixel:
        painter.fillPath(outline, QBrush(fill))  # too small for words: the badge's colour says it
        return
    y = inner.top()
    name_font = _pixels(base_font, 13 * pixel)
    name_font.setBold(True)
    painter.setFont(name_font)
    painter.setPen(QPen(theme.text))
    metrics = QFontMetricsF(name_font)
    line = metrics.height()
    for text_line in _two_lines(tile.name, metrics, inner.width()):  # a long name gets a second line
        painter.drawText(QRectF(inner.left(), y, inner.width(), line), Qt.AlignmentFlag.AlignVCenter, text_line)
        y += line
    y += 4 * pixel
    small = _pixels(base_font, 11 * pixel)
    small.setBold(False)
    radius = 5 * pixel
    if y + 2 * radius > inner.bottom():
        return
    x = inner.left() + radius
    for verdict in tile.verdicts:  # the three handoffs in chain order
        painter.setPen(QPen(theme.faint, pixel))
        painter.setBrush(QBrush(theme.verdict(verdict)[0] if verdict is not None else theme.card))
        painter.drawEllipse(QPointF(x, y + radius), radius, radius)
        x += 3 * radius
    painter.setFont(small)
    painter.setPen(QPen(strong))
    left = x + radius
    if QFontMetricsF(small).horizontalAdvance(tile.badge) <= inner.right() - left:  # whole, or only the colours
        painter.drawText(QRectF(left, y - 3 * pixel, inner.right() - left, 2 * radius + 6 * pixel),
                         Qt.AlignmentFlag.AlignVCenter, tile.badge)
    y += 2 * radius + 6 * pixel
    total = sum(count for _, count in tile.members)
    if not total or y + 8 * pixel > inner.bottom():
        return
    x = inner.left()
    for role, count in tile.members:  # headcount by role: a bar in the lanes' colours
        width = inner.width() * count / total
        painter.fillRect(QRectF(x, y, width, 8 * pixel), theme.role(role))
        x += width
    y += 12 * pixel
    if y + QFontMetricsF(small).height() <= inner.bottom():
        painter.setPen(QPen(theme.muted))
        painter.drawText(QRectF(inner.left(), y, inner.width(), inner.bottom() - y),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                         tile.headcount_text)


def _two_lines(name: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``name`` on one line, or broken at a space onto two, the second cut with "…" if still too long."""
    if metrics.horizontalAdvance(name) <= width:
        return [name]
    words = name.split()
    first = words[0]
    for count in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:count])
        if metrics.horizontalAdvance(candidate) <= width:
            first = candidate
            break
    else:
        return [metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)]
    rest = name[len(first):].strip()
    return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
