"""A calendar button inside a date field: click it, pick a day, and the field commits it as if typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QPoint, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QWidgetAction

from ui.text import translate


def _calendar_icon(colour: QColor) -> QIcon:
    """A small calendar sheet, drawn (no image files to ship): a frame, its top band and two rings."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 2.4))
    painter.drawRoundedRect(QRectF(5, 8, 22, 19), 3, 3)
    painter.drawLine(5, 14, 27, 14)
    painter.drawLine(11, 5, 11, 10)
    painter.drawLine(21, 5, 21, 10)
    for row in range(2):
        for column in range(3):
            painter.drawPoint(11 + 5 * column, 19 + 4 * row)
    painter.end()
    return QIcon(pixmap)


def attach_calendar(edit: QLineEdit, current: Callable[[], object], choose: Callable[[date], object]) -> QAction:
    """Put a calendar button at the end of ``edit``. ``current()`` gives the date to open on (or None);
    ``choose(day)`` commits the picked day."""
    action = edit.addAction(_calendar_icon(edit.palette().placeholderText().color()),
                            QLineEdit.ActionPosition.TrailingPosition)
    action.setToolTip(translate("Inspector", "Pick a date"))

    def open_calendar() -> None:
        menu = QMenu(edit)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(False)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        shown = current()
        if isinstance(shown, date):
            calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))

        def picked(day: QDate) -> None:
            menu.close()
            choose(date(day.year(), day.month(), day.day()))

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        edit.calendar_menu = menu  # type: ignore[attr-defined]  # tests reach the open calendar through it
        menu.popup(edit.mapToGlobal(QPoint(0, edit.height())))

    action.triggered.connect(open_calendar)
    return action
