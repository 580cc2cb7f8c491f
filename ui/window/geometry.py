"""Windows that fit the screen they are on: a size remembered on a big monitor, or the default size, must
not open cut off on a laptop or a projector (1280×720)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = QSize(1560, 960)
DECORATION_GUESS = QMargins(0, 32, 0, 0)
"""A title bar, before the window manager has drawn one and its real size is known."""


def clamped(rect: QRect, available: QRect, frame: QMargins) -> QRect:
    """``rect`` (the window without its frame) made to fit ``available`` with its ``frame`` around it:
    shrunk if larger, moved in if it sticks out."""
    room = available.marginsRemoved(frame)
    width, height = min(rect.width(), room.width()), min(rect.height(), room.height())
    left = min(max(rect.left(), room.left()), room.right() - width + 1)
    top = min(max(rect.top(), room.top()), room.bottom() - height + 1)
    return QRect(left, top, width, height)


def _frame(window: QWidget) -> QMargins:
    outer, inner = window.frameGeometry(), window.geometry()
    if not window.isVisible() or outer == inner:
        return DECORATION_GUESS
    return QMargins(inner.left() - outer.left(), inner.top() - outer.top(), outer.right() - inner.right(),
                    outer.bottom() - inner.bottom())


def fit_on_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that, frame included, it lies within its screen's available area."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    target = clamped(window.geometry(), screen.availableGeometry(), _frame(window))
    if target != window.geometry():
        window.setGeometry(target)


def default_size(window: QWidget) -> QSize:
    """The first start's size: roomy on a big screen, never more than the screen offers."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return DEFAULT_SIZE
    room = screen.availableGeometry().marginsRemoved(DECORATION_GUESS).size()
    return DEFAULT_SIZE.boundedTo(room)
