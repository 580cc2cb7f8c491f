"""The pieces of the board: team cards, role lanes, person chips, handoff pills, target lines and group
headers.

Items paint themselves from plain values handed to them by the scene; they hold no plan state and
compute no figure of docs/model.md. Geometry is in scene units (pixels at 100 % zoom).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from salesplanner.capacity import Balance, Verdict
from salesplanner.model import MemberId, Placement, TeamId
from salesplanner.targets import TargetVerdict
from ui import text
from ui.board.chips import ChipData, paint_chip
from ui.board.overview import TileData, paint_tile
from ui.board.style import Style, rounded

CARD_WIDTH = 456.0
PADDING = 14.0
HEADER_HEIGHT = 54.0
LANE_HEADER_HEIGHT = 22.0
CHIP_WIDTH = 139.0
CHIP_HEIGHT = 26.0
CHIP_GAP = 5.0
PILL_HEIGHT = 24.0
GAP = 6.0
TAG_HEIGHT = 20.0
CHIP_RECT = QRectF(0, 0, CHIP_WIDTH, CHIP_HEIGHT)
"""Shared: Qt asks every chip for its bounding rect whenever the scene re-indexes."""
CHIPS_PER_ROW = int((CARD_WIDTH - 2 * PADDING + CHIP_GAP) // (CHIP_WIDTH + CHIP_GAP))


class ChipItem(QGraphicsItem):
    """A person or an opening in a lane; selectable, dragged by the view."""

    def __init__(self, data: ChipData, style: Style, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.data_ = data
        self._style = style
        if data.ghost:
            self.setOpacity(0.45)
            self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        else:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
            self.setAcceptHoverEvents(True)
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    @property
    def member_id(self) -> MemberId:
        return self.data_.member_id

    def boundingRect(self) -> QRectF:  # noqa: N802
        return CHIP_RECT

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mousePressEvent(_shift_as_control(event))

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(_shift_as_control(event))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        paint_chip(painter, self.boundingRect(), self.data_, self._style, selected=self.isSelected())


def _shift_as_control(event: QGraphicsSceneMouseEvent) -> QGraphicsSceneMouseEvent:
    """Shift-click extends the selection as Ctrl-click does (Qt's items only know Ctrl)."""
    if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
        event.setModifiers(event.modifiers() | Qt.KeyboardModifier.ControlModifier)
    return event


class LaneItem(QGraphicsItem):
    """One role inside a team: header with capacity, then its chips. A drop target.

    A *tag* lane is the compact target for a role the team does not use yet ("+ AM")."""

    def __init__(self, placement: Placement, style: Style, *, title: str, capacity: str = "",
                 chip_count: int = 0, tag: bool = False, add_label: str = "",
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.placement = placement
        self.title = title
        self.capacity = capacity
        self.tag = tag
        self.add_label = add_label
        """The "+ opening" button at the header's right end; empty for none."""
        self._style = style
        self._highlight = False
        if tag:
            self._width = QFontMetricsF(style.small).horizontalAdvance(f"+ {title}") + 18
            self._height = TAG_HEIGHT
        else:
            rows = max(1, -(-chip_count // CHIPS_PER_ROW))
            self._width = CARD_WIDTH - 2 * PADDING + 8
            self._height = LANE_HEADER_HEIGHT + rows * (CHIP_HEIGHT + CHIP_GAP)
        self._rect = QRectF(0, 0, self._width, self._height)

    def add_rect(self) -> QRectF:
        """Where the "+ opening" button sits (empty when the lane has none)."""
        if not self.add_label or self.tag:
            return QRectF()
        width = QFontMetricsF(self._style.small).horizontalAdvance(self.add_label) + 12
        return QRectF(self._width - width - 4, 3, width, LANE_HEADER_HEIGHT - 6)

    def chip_position(self, index: int) -> QPointF:
        row, column = divmod(index, CHIPS_PER_ROW)
        return QPointF(4 + column * (CHIP_WIDTH + CHIP_GAP), LANE_HEADER_HEIGHT + row * (CHIP_HEIGHT + CHIP_GAP))

    @property
    def highlighted(self) -> bool:
        return self._highlight

    def set_highlighted(self, on: bool) -> None:
        if on != self._highlight:
            self._highlight = on
            self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = self._style.theme
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        role = self.placement.role
        if self.tag:
            pen = QPen(theme.selection if self._highlight else theme.faint, 1.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QBrush(theme.highlight if self._highlight else theme.card))
            painter.drawPath(rounded(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), TAG_HEIGHT / 2))
            painter.setFont(self._style.small)
            painter.setPen(QPen(theme.role(role) if self._highlight else theme.muted))
            painter.drawText(self.boundingRect(), Qt.AlignmentFlag.AlignCenter, f"+ {self.title}")
            return
        if self._highlight:
            painter.setPen(QPen(theme.selection, 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(QBrush(theme.highlight))
            painter.drawPath(rounded(self.boundingRect().adjusted(0, 0, 0, -2), 8))
        painter.setFont(self._style.lane)
        painter.setPen(QPen(theme.role(role)))
        metrics = QFontMetricsF(self._style.lane)
        title_width = metrics.horizontalAdvance(self.title)
        painter.drawText(QRectF(4, 0, title_width + 2, LANE_HEADER_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                         self.title)
        painter.setFont(self._style.small)
        painter.setPen(QPen(theme.muted))
        painter.drawText(QRectF(title_width + 18, 0, self._width - title_width - 22, LANE_HEADER_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter, self.capacity)
        button = self.add_rect()
        if not button.isEmpty():
            painter.setPen(QPen(theme.faint, 1.0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(rounded(button, button.height() / 2))
            painter.setPen(QPen(theme.muted))
            painter.drawText(button, Qt.AlignmentFlag.AlignCenter, self.add_label)


PILL_RECT = QRectF(0, 0, CARD_WIDTH - 2 * PADDING, PILL_HEIGHT)


def draw_pill(painter: QPainter, box: QRectF, caption: str, strong: QColor, fill: QColor, font: QFont) -> None:
    """A rounded box with one line of text, elided to fit: the handoff pills and the target line."""
    painter.setPen(QPen(strong, 0.8))
    painter.setBrush(QBrush(fill))
    painter.drawPath(rounded(box, 5))
    painter.setFont(font)
    painter.setPen(QPen(strong))
    label = QFontMetricsF(font).elidedText(caption, Qt.TextElideMode.ElideRight, box.width() - 16)
    painter.drawText(box.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignVCenter, label)


class PillItem(QGraphicsItem):
    """A handoff between two lanes: its load ratio, coloured by verdict, with its sentence (docs/model.md §5)."""

    def __init__(self, balance: Balance, style: Style, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.balance = balance
        self._style = style
        verdict = balance.verdict
        assert verdict is not None
        self.verdict: Verdict = verdict
        self.label = (f"{text.handoff_name(balance.handoff)}  {text.ratio_text(balance)} "
                      f"{text.VERDICT_MARKS[verdict]}  {text.balance_note(balance)}")

    def boundingRect(self) -> QRectF:  # noqa: N802
        return PILL_RECT

    def tooltip(self) -> str:
        return f"{text.handoff_name(self.balance.handoff)}: {text.balance_sentence(self.balance)}"

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        strong, fill = self._style.theme.verdict(self.verdict)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(strong, 2))
        painter.drawLine(QPointF(9, -GAP), QPointF(9, PILL_HEIGHT + GAP))
        draw_pill(painter, QRectF(22, 1, self.boundingRect().width() - 22, PILL_HEIGHT - 2), self.label,
                  strong, fill, self._style.pill)


class TargetItem(QGraphicsItem):
    """A team's target line under its header, coloured by the coverage's verdict (docs/model.md §9)."""

    def __init__(self, label: str, verdict: TargetVerdict | None, tooltip: str, style: Style,
                 parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.label, self.verdict, self._tooltip, self._style = label, verdict, tooltip, style

    def boundingRect(self) -> QRectF:  # noqa: N802
        return TARGET_RECT

    def tooltip(self) -> str:
        return self._tooltip

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        strong, fill = self._style.theme.target(self.verdict)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw_pill(painter, self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), self.label, strong, fill,
                  self._style.pill)


TARGET_RECT = QRectF(0, 0, CARD_WIDTH - 2 * PADDING, PILL_HEIGHT)


class CardItem(QGraphicsItem):
    """A market team: header with name, market and verdict badge; lanes, pills and add-role tags as
    children. The scene rebuilds a card's children when its team changes (and counts it, for tests)."""

    def __init__(self, team_id: TeamId, style: Style) -> None:
        super().__init__()
        self.team_id = team_id
        self._style = style
        self._height = HEADER_HEIGHT
        self._rect = QRectF(0, 0, CARD_WIDTH, HEADER_HEIGHT)
        self.title = ""
        self.subtitle = ""
        self.badge = ""
        self.badge_verdict: Verdict | None = None
        self.badge_tooltip = ""
        self.rebuild_count = 0
        self.selected_team = False
        self.tile: TileData | None = None
        """What the card shows as an overview tile."""
        self.overview = False
        """Zoomed out past reading: paint the tile; the scene hides the lanes, chips and pills."""

    def set_header(self, *, title: str, subtitle: str, badge: str, badge_verdict: Verdict | None,
                   badge_tooltip: str) -> None:
        self.title, self.subtitle = title, subtitle
        self.badge, self.badge_verdict, self.badge_tooltip = badge, badge_verdict, badge_tooltip

    def set_height(self, height: float) -> None:
        if height != self._height:
            self.prepareGeometryChange()
            self._height = height
            self._rect = QRectF(0, 0, CARD_WIDTH, height)

    def set_team_selected(self, on: bool) -> None:
        if on != self.selected_team:
            self.selected_team = on
            self.update()

    def badge_rect(self) -> QRectF:
        width = QFontMetricsF(self._style.small).horizontalAdvance(self.badge) + 18
        return QRectF(CARD_WIDTH - PADDING - width, PADDING, width, 20)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = self._style.theme
        if self.overview and self.tile is not None:
            lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
            paint_tile(painter, self.boundingRect(), self.tile, theme, self._style.title, pixel=1 / max(lod, 1e-6),
                       selected=self.selected_team)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        border = QPen(theme.selection, 2) if self.selected_team else QPen(theme.card_border, 1)
        painter.setPen(border)
        painter.setBrush(QBrush(theme.card))
        painter.drawPath(rounded(self.boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 10))

        badge = self.badge_rect()
        strong, fill = theme.verdict(self.badge_verdict)
        painter.setPen(QPen(strong, 1))
        painter.setBrush(QBrush(fill))
        painter.drawPath(rounded(badge, 10))
        painter.setFont(self._style.small)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, self.badge)

        width = badge.left() - PADDING - 8
        painter.setPen(QPen(theme.text))
        painter.setFont(self._style.title)
        title = QFontMetricsF(self._style.title).elidedText(self.title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(PADDING, 10, width, 24), Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(self._style.subtitle)
        painter.setPen(QPen(theme.muted))
        painter.drawText(QRectF(PADDING, 32, CARD_WIDTH - 2 * PADDING, 16), Qt.AlignmentFlag.AlignVCenter,
                         self.subtitle)


class GroupHeaderItem(QGraphicsItem):
    """The title of a swimlane (a segment, product line or geography) with a rule across."""

    HEIGHT = 30.0

    def __init__(self, title: str, style: Style) -> None:
        super().__init__()
        self.title = title
        self._style = style
        self._width = CARD_WIDTH

    def set_width(self, width: float) -> None:
        if width != self._width:
            self.prepareGeometryChange()
            self._width = width

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, 0, self._width, self.HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        theme = self._style.theme
        font = self._style.group
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod * QFontMetricsF(font).height() < 10:  # zoomed far out: keep the title legible, up to the header
            font = QFont(font)
            font.setPixelSize(max(1, round(min(11 / max(lod, 1e-6), self.HEIGHT * 0.8))))
        painter.setFont(font)
        painter.setPen(QPen(theme.muted))
        metrics = QFontMetricsF(font)
        label = self.title.upper()
        width = metrics.horizontalAdvance(label)
        painter.drawText(QRectF(0, 0, width + 4, self.HEIGHT), Qt.AlignmentFlag.AlignVCenter, label)
        painter.setPen(QPen(theme.card_border, 1))
        painter.drawLine(QPointF(width + 14, self.HEIGHT / 2), QPointF(self._width, self.HEIGHT / 2))
