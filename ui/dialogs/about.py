"""Help → About Sales Planner: the version (the one ``salesplanner --version`` prints), our licence, and
every piece of third-party software this copy runs with, with its licence texts (Qt's LGPL among them)."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesplanner import about


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Sales Planner"))
        icon = QLabel(self)
        icon.setPixmap(QApplication.windowIcon().pixmap(72, 72))
        self.heading = QLabel(self.tr("<b style='font-size:15pt'>Sales Planner</b><br>Version %1")
                              .replace("%1", about.version()), self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        blurb = QLabel(self.tr("Design a sales organisation: market teams, capacity and handoff balance.\n"
                               "Copyright © 2026 The Sales Planner authors. Free software under the MIT licence.\n"
                               "Built with Qt %1, PySide6 %2 and Python %3.")
                       .replace("%1", qVersion()).replace("%2", PySide6.__version__)
                       .replace("%3", platform.python_version()), self)
        blurb.setWordWrap(True)
        blurb.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text_column = QVBoxLayout()
        text_column.addWidget(self.heading)
        text_column.addWidget(blurb)
        header.addLayout(text_column, 1)

        self.tabs = QTabWidget(self)
        self.licence = _text_view(about.licence_text(), self)
        self.tabs.addTab(self.licence, self.tr("Licence"))
        self.components = QTreeWidget(self)
        self.components.setHeaderLabels([self.tr("Component"), self.tr("Version"), self.tr("Licence")])
        self.components.setRootIsDecorated(False)
        self._components = about.third_party_components()
        for component in self._components:
            QTreeWidgetItem(self.components, [component.name, component.version, component.licence])
        for column in range(2):
            self.components.resizeColumnToContents(column)
        self.component_text = _text_view("", self)
        self.components.currentItemChanged.connect(self._show_component)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.components)
        split.addWidget(self.component_text)
        split.setSizes([220, 300])
        self.tabs.addTab(split, self.tr("Third-party software"))
        first = self.components.topLevelItem(0)
        if first is not None:
            self.components.setCurrentItem(first)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def _show_component(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        component = self._components[self.components.indexOfTopLevelItem(item)]
        parts = [component.note] if component.note else []
        parts += [f"── {name} ──\n\n{text.strip()}" for name, text in component.texts]
        self.component_text.setPlainText("\n\n".join(parts))


def _text_view(text: str, parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(text, parent)
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


def show_about(parent: QWidget) -> AboutDialog:
    """Opens the dialog (one at a time), window-modal without blocking."""
    dialog = parent.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.raise_()
    return dialog
