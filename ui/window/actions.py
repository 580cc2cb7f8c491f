"""The window's menus and shortcuts. Every action calls one method of the window or its helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from ui.board.scene import GROUPINGS
from ui.dialogs.about import show_about
from ui.dialogs.advisor_dialog import run_advisor
from ui.dialogs.excel_export import run_excel_export
from ui.dialogs.export_dialog import run_export_layout, run_print
from ui.window.language import language_menu
from ui.window.shortcuts import MAIN_WINDOW, sequences

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

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
        self._window = window

        def action(label: str, slot: Callable[[], object], key: str = "", icon_text: str = "") -> QAction:
            """An action whose shortcuts are ``shortcuts.MAIN_WINDOW[key]``."""
            item = QAction(label, window)
            if key:
                item.setShortcuts(sequences(MAIN_WINDOW[key]))
            if icon_text:
                item.setIconText(icon_text)
            item.triggered.connect(lambda _checked=False: slot())
            return item

        files, editing, view = window.files, window.editing, window.view
        self.new = action(tr("&New"), files.new, "new")
        self.open = action(tr("&Open…"), files.open, "open")
        self.save = action(tr("&Save"), files.save, "save")
        self.save_as = action(tr("Save &As…"), files.save_as, "save_as")
        self.quit = action(tr("&Quit"), window.close, "quit")
        self.export_layout = action(tr("Export &layout…"), lambda: run_export_layout(window), "export_layout")
        self.export_excel = action(tr("Export to E&xcel…"), lambda: run_excel_export(window), "export_excel")
        self.print = action(tr("&Print…"), lambda: run_print(window), "print")
        self.present = action(tr("&Present"), window.present, "present", icon_text=tr("Present"))
        self.import_roster = action(tr("&Import roster…"), files.import_roster, "import_roster")
        self.recent_menu = QMenu(tr("Open &Recent"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)

        # The menu shows what would be undone ("Undo Move Ana Berg to …"); the toolbar only "Undo", so its
        # buttons never change width under the cursor (the action's text is the button's tooltip).
        self.undo = window.undo_group.createUndoAction(window, tr("&Undo"))
        self.undo.setShortcuts(sequences(MAIN_WINDOW["undo"]))
        self.undo.setIconText(tr("Undo"))
        self.redo = window.undo_group.createRedoAction(window, tr("&Redo"))
        self.redo.setShortcuts(sequences(MAIN_WINDOW["redo"]))
        self.redo.setIconText(tr("Redo"))
        self.history = window.history_dock.toggleViewAction()
        self.history.setText(tr("&History"))
        self.history.setShortcuts(sequences(MAIN_WINDOW["history"]))
        self.history.triggered.connect(lambda shown: window.history_dock.raise_() if shown else None)
        self.find = action(tr("&Find on the board…"), window.find_bar.open, "find")
        self.move_to = action(tr("&Move to…"), window.move_selection, "move_to")
        self.send_to_bench = action(tr("Send to &bench"), window.send_selection_to_bench, "send_to_bench")
        self.delete = action(tr("&Delete from plan…"), editing.delete_selection, "delete")
        self.select_all = action(tr("Select &all people"), window.select_all_chips, "select_all")
        self.add_person = action(tr("Add &person"), editing.add_person, "add_person", icon_text=tr("+ Person"))
        self.add_opening = action(tr("Add &opening"), editing.add_opening_to_selection, "add_opening",
                                  icon_text=tr("+ Opening"))
        self.add_opening.setToolTip(tr("Add an open position to the selected team (or to the bench)"))
        self.add_team = action(tr("Add &team"), editing.add_team, "add_team", icon_text=tr("+ Team"))

        self.duplicate_scenario = action(tr("&Duplicate as new proposal"), editing.duplicate_scenario,
                                         "duplicate_scenario", icon_text=tr("Duplicate"))
        self.rename_scenario = action(tr("&Rename…"), editing.rename_scenario)
        self.delete_scenario = action(tr("De&lete…"), editing.delete_scenario)
        self.make_baseline = action(tr("Mark as &baseline"), editing.make_baseline)
        self.suggest = action(tr("&Suggest changes…"), lambda: run_advisor(window), "suggest",
                              icon_text=tr("Suggest"))
        self.suggest.setToolTip(tr("The fewest moves and hires that balance every team"))

        self.zoom_in = action(tr("Zoom &in"), view.zoom_in, "zoom_in", icon_text="+")
        self.zoom_out = action(tr("Zoom &out"), view.zoom_out, "zoom_out", icon_text="−")
        self.actual_size = action(tr("&Actual size"), view.reset_zoom, "actual_size")
        self.fit = action(tr("&Fit to window"), view.fit_to_window, "fit", icon_text=tr("Fit"))
        self.group_by = QActionGroup(window)
        self.group_actions: dict[str | None, QAction] = {}
        for dimension in GROUPINGS:
            item = QAction(group_label(dimension), self.group_by)
            item.setCheckable(True)
            item.setChecked(dimension == window.board.group_by)
            item.triggered.connect(lambda _checked=False, d=dimension: window.set_group_by(d))
            self.group_actions[dimension] = item
        self.show_ghosts = action(tr("Show &baseline positions"), window.toggle_ghosts, "show_ghosts")
        self.show_ghosts.setCheckable(True)
        self.show_ghosts.setToolTip(tr("Also draw, faintly, where people who moved sat in the baseline"))
        self.show_bench = window.bench_dock.toggleViewAction()
        self.show_bench.setText(tr("&Bench"))
        self.show_details = window.details_dock.toggleViewAction()
        self.show_details.setText(tr("&Inspector"))
        self.show_warnings = window.warnings_dock.toggleViewAction()
        self.show_warnings.setText(tr("&Warnings"))
        self.show_warnings.triggered.connect(lambda shown: window.warnings_dock.raise_() if shown else None)
        self.show_changes = window.compare_dock.toggleViewAction()
        self.show_changes.setText(tr("&Changes"))
        self.show_changes.setIconText(tr("Compare"))
        self.show_changes.setShortcuts(sequences(MAIN_WINDOW["show_changes"]))
        self.show_changes.triggered.connect(lambda shown: window.compare_dock.raise_() if shown else None)
        self.show_timeline = window.timeline_dock.toggleViewAction()
        self.show_timeline.setText(tr("&Timeline"))
        self.show_timeline.setShortcuts(sequences(MAIN_WINDOW["show_timeline"]))
        self.show_timeline.triggered.connect(lambda shown: window.timeline_dock.raise_() if shown else None)
        self.show_hiring = window.hiring_dock.toggleViewAction()
        self.show_hiring.setText(tr("&Hiring plan"))
        self.show_hiring.triggered.connect(lambda shown: window.hiring_dock.raise_() if shown else None)

        self.about = action(tr("&About Sales Planner"), lambda: show_about(window))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt = action(tr("About &Qt"), QApplication.aboutQt)
        self.about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)

        menus = window.menuBar()
        file_menu = menus.addMenu(tr("&File"))
        file_menu.addActions([self.new, self.open])
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save, self.save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.import_roster)
        file_menu.addActions([self.export_excel, self.export_layout, self.print])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = menus.addMenu(tr("&Edit"))
        edit.addActions([self.undo, self.redo, self.history])
        edit.addSeparator()
        edit.addActions([self.find, self.move_to, self.send_to_bench, self.delete, self.select_all])
        edit.addSeparator()
        edit.addActions([self.add_person, self.add_opening, self.add_team])
        scenario = menus.addMenu(tr("&Scenario"))
        scenario.addActions([self.duplicate_scenario, self.rename_scenario, self.make_baseline,
                             self.delete_scenario])
        scenario.addSeparator()
        scenario.addAction(self.suggest)
        view_menu = menus.addMenu(tr("&View"))
        view_menu.addAction(self.present)
        view_menu.addSeparator()
        group_menu = view_menu.addMenu(tr("&Group by"))
        group_menu.addActions(list(self.group_actions.values()))
        view_menu.addSeparator()
        view_menu.addActions([self.zoom_in, self.zoom_out, self.actual_size, self.fit])
        view_menu.addSeparator()
        view_menu.addAction(self.show_ghosts)
        view_menu.addSeparator()
        view_menu.addActions([self.show_bench, self.show_details, self.show_warnings, self.show_changes,
                              self.show_timeline, self.show_hiring, self.history])
        settings = menus.addMenu(tr("Se&ttings"))
        settings.addMenu(language_menu(window))
        help_menu = menus.addMenu(tr("&Help"))
        help_menu.addActions([self.about, self.about_qt])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self._window.files.recent()
        for path in recent:
            item = self.recent_menu.addAction(path.name)
            item.setToolTip(str(path))
            item.triggered.connect(lambda _checked=False, p=path: self._window.files.open_path(Path(p)))
        if not recent:
            self.recent_menu.addAction(self._window.tr("No recent plans")).setEnabled(False)
