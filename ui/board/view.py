"""The board's viewport: zoom, pan, rubber-band selection, chip drags out and member drops in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsView, QToolTip, QWidget

from salesplanner.board_layout import best_columns
from ui import drag
from ui.board.chips import paint_chip
from ui.board.items import (
    CARD_WIDTH,
    CHIP_HEIGHT,
    CHIP_WIDTH,
    CardItem,
    ChipItem,
    LaneItem,
    PillItem,
    TargetItem,
)
from ui.board.overview import OVERVIEW_ZOOM
from ui.board.scene import COLUMN_GAP, MARGIN, BoardScene

MIN_ZOOM, MAX_ZOOM = 0.02, 3.0
"""Far enough out for a 10,000-person plan to fit as overview tiles."""
ZOOM_STEP = 1.2
AUTOSCROLL_MARGIN = 28
READABLE_ZOOM = 0.9
"""Where clicking an overview tile (or finding something) zooms in to."""


class BoardView(QGraphicsView):
    zoom_changed = Signal(float)
    context_menu_requested = Signal(QPointF, QPoint)
    """Right-click: where on the board (scene coordinates) and where on the screen."""

    def __init__(self, scene: BoardScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.board = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pressed_chip: ChipItem | None = None
        self._press_position = QPoint()
        self._pan_from: QPoint | None = None
        self.auto_columns = True
        """Lay cards out in as many columns as the view is wide (off when the owner picks the columns)."""
        self.max_fit_zoom = 1.0
        """Fitting never blows a small board up past this (presentation mode allows more)."""
        self.max_fit_columns = 60
        self.fitted = False
        """The zoom was chosen by fitting, not by the user: a resized window fits again."""
        self.fit_pending = False
        """Fit the whole board as soon as the view has its size (a plan just opened)."""
        self.keep_readable = True
        """A resize that fits again keeps a readable board readable (presentation mode always fits all)."""
        # The empty board's hint is painted over the viewport, outside any item: repaint it when the first
        # team arrives or the last one goes (not on every layout: that would repaint the whole board).
        self._was_empty = True
        scene.sceneRectChanged.connect(self._on_extent_changed)
        self.empty_hint = self.tr("No teams yet.\n\nImport a roster (File → Import roster…) or add a team "
                                  "(+ Team), then drag people into it.")
        self._size = QSize()

    # --- zoom and pan --------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, *, fitted: bool = False) -> None:
        """Zoom to ``zoom``; below ``OVERVIEW_ZOOM`` the cards turn into overview tiles."""
        self.fitted = fitted
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        if abs(zoom - self.zoom) > 1e-9:
            self.setTransform(self.transform().fromScale(zoom, zoom))
            self.board.set_overview(zoom < OVERVIEW_ZOOM - 1e-9)
            self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def zoom_to(self, rect: QRectF) -> None:
        """Zoom in far enough to read ``rect`` (a card, a chip) and centre it."""
        view = self.viewport().rect()
        fitting = min(view.width() / max(rect.width(), 1.0), view.height() / max(rect.height(), 1.0))
        self.set_zoom(max(self.zoom, min(READABLE_ZOOM, fitting * 0.95)) if self.zoom < OVERVIEW_ZOOM
                      else self.zoom)
        self.centerOn(rect.center())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not event.spontaneous():
            self.scroll_to_start()

    def scroll_to_start(self) -> None:
        """Show the top-left of the board (after opening a plan or switching scenario)."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def fit_to_window(self, *, readable: bool = False) -> None:
        """Re-flow the cards into the number of columns that shows the whole board largest in the window,
        then zoom to that (never past ``max_fit_zoom``; with ``readable``, never below where chips can be
        read either — the board then scrolls)."""
        view = self.viewport().rect()
        if view.width() <= 0 or view.height() <= 0:
            return
        if not self.board.cards():  # nothing to fit: the first team added shows at full size
            self.set_zoom(self.max_fit_zoom, fitted=True)
            self.fit_pending = False
            return
        columns, scale = best_columns(self.board.grouped_card_heights(), self.board.spacing(), view.width(),
                                      view.height(), max_columns=self.max_fit_columns, max_scale=self.max_fit_zoom)
        if readable and scale < OVERVIEW_ZOOM:
            usable = view.width() / OVERVIEW_ZOOM - 2 * MARGIN + COLUMN_GAP
            columns, scale = max(1, int(usable // (CARD_WIDTH + COLUMN_GAP))), OVERVIEW_ZOOM
        self.board.set_columns(columns)
        self.set_zoom(scale, fitted=True)
        self.fit_pending = False
        self.centerOn(self.board.sceneRect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom * ZOOM_STEP ** steps)
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        # Scroll bars coming and going resize the viewport too; only the window's own size re-flows the
        # cards, so a rebuild never makes them jump.
        if self.size() == self._size:
            return
        self._size = self.size()
        if self.fit_pending:
            self.fit_to_window()
        elif self.fitted:
            # A panel opening beside the board shrinks it: fit again, but a readable board stays readable.
            self.fit_to_window(readable=self.keep_readable and not self.board.overview)
        elif self.auto_columns:
            usable = self.viewport().width() / max(self.zoom, 1e-6) - 2 * MARGIN + COLUMN_GAP
            columns_before = self.board.columns
            self.board.set_columns(int(usable // (CARD_WIDTH + COLUMN_GAP)))
            if self.board.columns != columns_before:
                self.scroll_to_start()

    # --- mouse: selection, team focus, starting a drag, panning --------------------------------------

    def _item_at(self, position: QPoint) -> QGraphicsItem | None:
        return self.itemAt(position)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        scene_position = self.mapToScene(event.position().toPoint())
        card = self.board.card_at(scene_position)
        if self.board.overview:
            if event.button() == Qt.MouseButton.LeftButton and card is not None:
                self.board.set_focus_team(card.team_id)  # a tile: zoom in to the team
                self.zoom_to(card.sceneBoundingRect())
                event.accept()
                return
            self.board.set_focus_team(None)
            super().mousePressEvent(event)
            return
        lane = self.board.lane_at(scene_position)
        if event.button() == Qt.MouseButton.LeftButton and lane is not None and \
                lane.add_rect().contains(lane.mapFromScene(scene_position)):
            self.board.add_opening_requested.emit(lane.placement)
            event.accept()
            return
        item = self._item_at(event.position().toPoint())
        self._pressed_chip = item if isinstance(item, ChipItem) else None
        self._press_position = event.position().toPoint()
        super().mousePressEvent(event)  # selection first: the team outline follows what is selected
        self.board.set_focus_team(card.team_id if card is not None else None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            return
        chip = self._pressed_chip
        if chip is not None and event.buttons() & Qt.MouseButton.LeftButton:
            distance = (event.position().toPoint() - self._press_position).manhattanLength()
            if distance >= QApplication.startDragDistance():
                self._pressed_chip = None
                self.start_chip_drag(chip)
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        self._pressed_chip = None
        super().mouseReleaseEvent(event)

    def start_chip_drag(self, chip: ChipItem) -> None:
        """Drag the selected chips (the pressed one joins the selection if it was not in it)."""
        if not chip.isSelected():
            if not QApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier:
                self.board.clearSelection()
            chip.setSelected(True)
        chips = [item for item in self.board.selectedItems() if isinstance(item, ChipItem)]
        mime = drag.encode([c.member_id for c in chips], [c.data_.name for c in chips])
        drag.exec_drag(self, mime, self._drag_pixmap(chips))

    def _drag_pixmap(self, chips: list[ChipItem]) -> QPixmap:
        """The dragged chips, stacked (at most three shown), at the screen's pixel ratio."""
        shown = chips[:3]
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int((CHIP_WIDTH + 8 * (len(shown) - 1)) * ratio),
                         int((CHIP_HEIGHT + 6 * (len(shown) - 1)) * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        for index, chip in enumerate(reversed(shown)):
            offset = len(shown) - 1 - index
            paint_chip(painter, QRectF(8 * offset, 6 * offset, CHIP_WIDTH, CHIP_HEIGHT), chip.data_,
                       self.board.style_, selected=True)
        painter.end()
        return pixmap

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.context_menu_requested.emit(self.mapToScene(event.pos()), event.globalPos())
        event.accept()

    # --- drops -----------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if drag.decode(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        position = event.position().toPoint()
        lane = self.board.lane_at(self.mapToScene(position))
        self.board.set_drop_highlight(lane)
        self._autoscroll(position)
        if lane is not None and drag.decode(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self.board.set_drop_highlight(None)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.board.set_drop_highlight(None)
        ids = drag.decode(event.mimeData())
        lane = self.board.lane_at(self.mapToScene(event.position().toPoint()))
        if lane is None or not ids:
            event.ignore()
            return
        self.board.handle_drop(ids, lane.placement)
        event.acceptProposedAction()

    def _autoscroll(self, position: QPoint) -> None:
        """Scroll when a drag nears an edge, so a lane far away can be reached."""
        rect = self.viewport().rect()
        for bar, coordinate, size in ((self.verticalScrollBar(), position.y(), rect.height()),
                                      (self.horizontalScrollBar(), position.x(), rect.width())):
            if coordinate < AUTOSCROLL_MARGIN:
                bar.setValue(bar.value() - 20)
            elif coordinate > size - AUTOSCROLL_MARGIN:
                bar.setValue(bar.value() + 20)

    def _on_extent_changed(self) -> None:
        empty = not self.board.cards()
        if empty != self._was_empty:
            self._was_empty = empty
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:  # noqa: N802
        """A board with no team says how to start, instead of showing nothing."""
        super().drawForeground(painter, rect)
        if self.board.cards() or not self.empty_hint:
            return
        painter.save()
        painter.resetTransform()
        area = QRectF(self.viewport().rect()).adjusted(40, 40, -40, -40)
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_hint)
        painter.restore()

    # --- tooltips, made only when asked ---------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip_at(self, position: QPoint) -> str:
        item = self.itemAt(position)
        if isinstance(item, ChipItem):
            return self.board.chip_tooltip(item.member_id)
        if isinstance(item, PillItem | TargetItem):
            return item.tooltip()
        if isinstance(item, LaneItem):
            if item.add_rect().contains(item.mapFromScene(self.mapToScene(position))):
                return self.tr("Add an open position (a hire) to this lane")
            return item.title if item.tag else f"{item.title}: {item.capacity}"
        if isinstance(item, CardItem):
            if self.board.overview:
                return self.tr("%1 — %2\nClick to zoom in").replace("%1", item.title).replace("%2", item.badge)
            scene_position = item.mapFromScene(self.mapToScene(position))
            if item.badge_rect().contains(QPointF(scene_position)):
                return item.badge_tooltip
        return ""

