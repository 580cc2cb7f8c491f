"""Every warning of the scenario on screen; clicking one selects and reveals what it is about."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from salesplanner.analysis import Warning
from ui.document import PlanDocument, Subscription
from ui.two_lines import wrap_in_two_lines

ModelIndex = QModelIndex | QPersistentModelIndex


class WarningsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.warnings: list[Warning] = []

    def set_warnings(self, warnings: list[Warning]) -> None:
        if warnings != self.warnings:
            self.beginResetModel()
            self.warnings = warnings
            self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.warnings)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(self.warnings[index.row()].text)
        return None


class WarningsPanel(QWidget):
    activated = Signal(object)
    """The Warning the user clicked."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WarningsModel()
        self.view = QListView(self)
        self.view.setModel(self.model)
        wrap_in_two_lines(self.view)  # the tooltip has the whole sentence
        self.view.setAlternatingRowColors(True)
        self.view.clicked.connect(lambda index: self.activated.emit(self.model.warnings[index.row()]))
        self.view.activated.connect(lambda index: self.activated.emit(self.model.warnings[index.row()]))
        self.empty = QLabel(self.tr("No warnings: every handoff is balanced."), self)
        self.empty.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._document: PlanDocument | None = None
        self._stale = True
        self._subscription = Subscription(changed=self.refresh, switched=self.refresh)
        self.set_document(document)

    def set_document(self, document: PlanDocument) -> None:
        self._document = document
        self._subscription.follow(document)
        self.refresh()

    def refresh(self, *_: object) -> None:
        """The list is rebuilt only while it can be seen: on a big plan it holds a thousand sentences."""
        if self._document is None or not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.model.set_warnings(self._document.analysis.warnings())
        self.empty.setText(self.tr("No warnings: nobody is in a team yet.") if self._document.analysis.totals.empty
                           else self.tr("No warnings: every handoff is balanced."))
        self.empty.setVisible(not self.model.warnings)

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.refresh()
