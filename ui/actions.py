"""The window's menus and shortcuts. Every action calls one method of the window or its panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ui.board.scene import GROUPINGS

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def group_label(dimension: str | None) -> str:
    return {
        "segment": QCoreApplication.translate("Actions", "Segment"),
        "product_line": QCoreApplication.translate("Actions", "Product line"),
        "geography": QCoreApplication.translate("Actions", "Geography"),
    }.get(dimension or "", QCoreApplication.translate("Actions", "None"))


class Actions:
    """All QActions of the main window, built once and placed in its menus."""

    def __init__(self, window: MainWindow) -> None:
        tr = window.tr
        stack = window.document.undo_stack

        def action(label: str, slot: object, *shortcuts: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
            item = QAction(label, window)
            if shortcuts:
                item.setShortcuts([QKeySequence(s) for s in shortcuts])
            item.triggered.connect(slot)
            return item

        self.quit = action(tr("&Quit"), window.close, "Ctrl+Q")
        self.undo = stack.createUndoAction(window, tr("&Undo"))
        self.undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo = stack.createRedoAction(window, tr("&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)])
        self.history = window.history_dock.toggleViewAction()
        self.history.setText(tr("&History"))
        self.history.setShortcut(QKeySequence("Ctrl+H"))
        self.move_to = action(tr("&Move to…"), window.move_selection, "M")
        self.send_to_bench = action(tr("Send to &bench"), window.send_selection_to_bench,
                                    QKeySequence.StandardKey.Delete, "Backspace")
        self.select_all = action(tr("Select &all people"), window.select_all_chips, QKeySequence.StandardKey.SelectAll)

        view = window.view
        self.zoom_in = action(tr("Zoom &in"), view.zoom_in, QKeySequence.StandardKey.ZoomIn, "Ctrl+=")
        self.zoom_in.setIconText("+")
        self.zoom_out = action(tr("Zoom &out"), view.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_out.setIconText("−")
        self.actual_size = action(tr("&Actual size"), view.reset_zoom, "Ctrl+0")
        self.fit = action(tr("&Fit to window"), view.fit_to_window, "Ctrl+9")
        self.fit.setIconText(tr("Fit"))
        self.group_by = QActionGroup(window)
        self.group_actions: dict[str | None, QAction] = {}
        for dimension in GROUPINGS:
            item = QAction(group_label(dimension), self.group_by)
            item.setCheckable(True)
            item.setChecked(dimension == window.board.group_by)
            item.triggered.connect(lambda _checked=False, d=dimension: window.set_group_by(d))
            self.group_actions[dimension] = item
        self.show_bench = window.bench_dock.toggleViewAction()
        self.show_bench.setText(tr("&Bench"))
        self.show_details = window.details_dock.toggleViewAction()
        self.show_details.setText(tr("&Details"))

        menus = window.menuBar()
        file_menu = menus.addMenu(tr("&File"))
        file_menu.addAction(self.quit)
        edit = menus.addMenu(tr("&Edit"))
        edit.addActions([self.undo, self.redo, self.history])
        edit.addSeparator()
        edit.addActions([self.move_to, self.send_to_bench, self.select_all])
        view_menu = menus.addMenu(tr("&View"))
        group_menu = view_menu.addMenu(tr("&Group by"))
        group_menu.addActions(list(self.group_actions.values()))
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.actual_size, self.fit])
        view_menu.addSeparator()
        view_menu.addActions([self.show_bench, self.show_details, self.history])
