"""Lists of sentences (warnings, import problems) shown two lines a row: a cut sentence says nothing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

ModelIndex = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    """Every row two lines high, its text wrapped into them."""

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), 2 * option.fontMetrics.lineSpacing() + 8)


def wrap_in_two_lines(view: QListView) -> None:
    """Sentences wrapped to the view's width on two lines. Rows of one height: a list of thousands is laid
    out without measuring each row."""
    view.setWordWrap(True)
    view.setUniformItemSizes(True)
    view.setItemDelegate(TwoLineDelegate(view))
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
