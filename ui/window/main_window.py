"""The main window: summary strip over the board, bench on the left, details and warnings on the right.

The window shows one document at a time; ``set_document`` hands a new one to every panel (opening a
file, New, recovering an autosave). File handling lives in ``ui.window.files``, autosave in ``ui.window.autosave``,
the plan-changing actions in ``ui.window.editing``.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QUndoGroup
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QToolBar,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from salesplanner.model import MemberId, TeamId
from salesplanner.planfile.format import SUFFIX
from ui.board.find import FindBar, Match
from ui.board.presentation import PresentationWindow
from ui.board.scene import GROUPINGS, BoardScene
from ui.board.view import BoardView
from ui.dialogs.move_dialog import MoveDialog
from ui.document import DocumentChange, PlanDocument
from ui.inspector import InspectorPanel
from ui.panels.bench import BenchPanel
from ui.panels.compare_panel import ComparePanel
from ui.panels.hiring_panel import HiringPanel
from ui.panels.summary_strip import SummaryStrip
from ui.panels.timeline_panel import TimelinePanel
from ui.panels.warnings_panel import WarningsPanel
from ui.window.actions import Actions, group_label
from ui.window.autosave import AutosaveNotice, Autosaver
from ui.window.editing import Editing
from ui.window.files import FileController
from ui.window.geometry import fit_on_screen


class MainWindow(QMainWindow):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.document = document
        document.setParent(self)
        self.undo_group = QUndoGroup(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)

        self.board = BoardScene()
        self.board.set_document(document)
        self.view = BoardView(self.board, self)
        self.summary = SummaryStrip(document, self)
        self.find_bar = FindBar(self)
        self.find_bar.document = document
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.bench = BenchPanel(document, self.board.style_, self)
        self.bench_dock = self._dock(self.tr("Bench"), "bench", self.bench, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.details = InspectorPanel(document, self)
        self.details_dock = self._dock(self.tr("Inspector"), "inspector", self.details,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.warnings = WarningsPanel(document, self)
        self.warnings_dock = self._dock(self.tr("Warnings"), "warnings", self.warnings,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_view = QUndoView(self.undo_group, self)
        self.history_view.setEmptyLabel(self.tr("Opened plan"))
        self.history_dock = self._dock(self.tr("History"), "history", self.history_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.compare = ComparePanel(document, self)
        self.compare_dock = self._dock(self.tr("Changes"), "changes", self.compare,
                                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.timeline = TimelinePanel(document, self)
        self.timeline_dock = self._dock(self.tr("Timeline"), "timeline", self.timeline,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.hiring = HiringPanel(document, self)
        self.hiring_dock = self._dock(self.tr("Hiring plan"), "hiring", self.hiring,
                                      Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.compare_dock, self.timeline_dock)
        self.tabifyDockWidget(self.timeline_dock, self.hiring_dock)
        for dock in (self.compare_dock, self.timeline_dock, self.hiring_dock):
            dock.hide()
        self.tabifyDockWidget(self.details_dock, self.warnings_dock)
        self.tabifyDockWidget(self.warnings_dock, self.history_dock)
        self.details_dock.raise_()
        self.history_dock.hide()
        self.resizeDocks([self.bench_dock, self.details_dock], [205, 340], Qt.Orientation.Horizontal)

        self.files = FileController(self)
        self.autosaver = Autosaver(self)
        self.autosaver.set_document(document)
        self.autosave_notice = AutosaveNotice(self.autosaver, self)
        self.editing = Editing(self)
        self.actions_ = Actions(self)
        self._build_toolbar()
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._on_zoom(self.view.zoom)

        self.view.zoom_changed.connect(self._on_zoom)
        self.view.context_menu_requested.connect(self.editing.board_menu)
        self.board.focus_team_changed.connect(self._on_focus_team)
        self.board.members_selected.connect(self._on_board_selection)
        self.bench.view.selectionModel().selectionChanged.connect(self._on_bench_selection)
        self.find_bar.found.connect(self.reveal_match)
        self.board.add_opening_requested.connect(self.editing.add_opening)
        self.board.problem.connect(self.show_message)
        self.bench.view.dropped.connect(lambda ids: self.board.handle_drop(ids, None))
        self.warnings.activated.connect(lambda warning: self.reveal(team=warning.team, member=warning.member))
        self.compare.row_activated.connect(self.reveal_id)
        self.hiring.opening_activated.connect(self.reveal_id)
        self.hiring.add_opening_requested.connect(self.editing.add_opening)
        self.summary.warnings_clicked.connect(self.show_warnings)
        self._connect(document)
        self._update_title()
        self.view.fit_pending = True  # the first layout fits the window, whatever size it gets

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Board"), self)
        toolbar.setObjectName("board-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(self.tr(" Scenario ")))
        self.scenario_box = QComboBox(self)
        self.scenario_box.setMinimumContentsLength(16)
        self.scenario_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scenario_box.setMaximumWidth(320)  # long names are cut here, whole in the list
        self.scenario_box.activated.connect(self._push_scenario)
        toolbar.addWidget(self.scenario_box)
        toolbar.addActions([self.actions_.duplicate_scenario, self.actions_.suggest])
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" Group by ")))
        self.group_box = QComboBox(self)
        for dimension in GROUPINGS:
            self.group_box.addItem(group_label(dimension), dimension)
        self.group_box.setCurrentIndex(GROUPINGS.index(self.board.group_by))
        self.group_box.activated.connect(lambda index: self.set_group_by(self.group_box.itemData(index)))
        toolbar.addWidget(self.group_box)
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.add_person, self.actions_.add_opening, self.actions_.add_team])
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.undo, self.actions_.redo])
        # Fixed widths: the buttons must not move under the cursor as the undo text changes.
        buttons = [toolbar.widgetForAction(action) for action in (self.actions_.undo, self.actions_.redo)]
        width = max(button.sizeHint().width() for button in buttons)
        for button in buttons:
            button.setFixedWidth(width)
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.zoom_out, self.actions_.zoom_in, self.actions_.fit])
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.show_changes, self.actions_.present])
        self.addToolBar(toolbar)
        self._fill_scenarios()

    # --- the document on screen --------------------------------------------------------------------

    def set_document(self, document: PlanDocument) -> None:
        """Show another plan (opened, new or recovered); the previous document is dropped."""
        previous = self.document
        self.document = document
        document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        for panel in (self.board, self.bench, self.summary, self.details, self.warnings, self.compare,
                      self.timeline, self.hiring, self.autosaver, self.files):
            panel.set_document(document)
        self.find_bar.document = document
        self._connect(document)
        self.undo_group.removeStack(previous.undo_stack)
        previous.deleteLater()
        self._fill_scenarios()
        self._update_title()
        # Zoom belongs to the plan on screen: another plan is fitted to the window afresh.
        self.view.fit_pending = True
        self.view.fit_to_window()
        self.view.scroll_to_start()

    def _connect(self, document: PlanDocument) -> None:
        document.changed.connect(self._on_changed)
        document.scenario_switched.connect(self.view.scroll_to_start)
        document.scenario_switched.connect(self._fill_scenarios)
        document.undo_stack.cleanChanged.connect(self._update_title)

    def _update_title(self, *_: object) -> None:
        name = self.files.display_name(self.document)
        self.setWindowTitle(self.tr("%1[*] — Sales Planner").replace("%1", name))
        self.setWindowModified(self.document.modified)

    def _fill_scenarios(self) -> None:
        plan = self.document.plan
        self.scenario_box.blockSignals(True)
        self.scenario_box.clear()
        for scenario in plan.scenarios.values():
            label = scenario.name + (self.tr(" (baseline)") if scenario.id == plan.baseline else "")
            self.scenario_box.addItem(label, scenario.id)
        self.scenario_box.setCurrentIndex(self.scenario_box.findData(self.document.scenario.id))
        self.scenario_box.blockSignals(False)

    def _push_scenario(self, index: int) -> None:
        self.document.set_scenario(self.scenario_box.itemData(index))

    def _on_changed(self, change: DocumentChange) -> None:
        if change.change.scenario_list:
            self._fill_scenarios()
        if change.change.plan_fields:
            self._update_title()
        stack = self.document.undo_stack
        if stack.index() > 0:
            self.statusBar().showMessage(stack.text(stack.index() - 1), 5000)

    def _on_board_selection(self) -> None:
        """Chips selected: the inspector edits them (one, or what several share), and the team outline
        follows them — their team when they are all in one, else none."""
        if not shiboken6.isValid(self.board):  # the scene clears its selection as it is destroyed
            return
        selected = self.board.selected_member_ids()
        if not selected:
            self.details.show_team(self.board.focus_team)
            return
        self.bench.view.clearSelection()
        assignments = self.document.scenario.assignments
        teams = {assignments[member_id].team for member_id in selected if member_id in assignments}
        self.board.set_focus_team(teams.pop() if len(teams) == 1 else None)
        self.details.show_members(selected)

    def _on_focus_team(self, team_id: TeamId | None) -> None:
        if not self.board.selected_member_ids():
            self.details.show_team(team_id)

    def _on_bench_selection(self) -> None:
        selected = self.bench.view.selected_member_ids()
        if selected:
            self.board.clearSelection()
            self.board.set_focus_team(None)
            self.details.show_members(selected)

    def _on_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("Zoom %1 %").replace("%1", str(round(zoom * 100))))

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- what the actions do ---------------------------------------------------------------------------

    def set_group_by(self, dimension: str | None) -> None:
        self.board.set_group_by(dimension)
        self.group_box.setCurrentIndex(GROUPINGS.index(dimension))
        self.actions_.group_actions[dimension].setChecked(True)

    def selection(self) -> list[MemberId]:
        """What the keyboard actions act on: the bench selection when the bench has focus, else the
        board's."""
        if self.bench.view.hasFocus():
            return self.bench.view.selected_member_ids()
        return self.board.selected_member_ids()

    def move_selection(self) -> None:
        ids = self.selection()
        if not ids:
            self.show_message(self.tr("Select people first (click a chip)."))
            return
        dialog = MoveDialog(self.document, ids, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.board.handle_drop(ids, dialog.target)

    def send_selection_to_bench(self) -> None:
        ids = self.board.selected_member_ids()
        if ids:
            self.board.handle_drop(ids, None)

    def select_all_chips(self) -> None:
        self.view.setFocus()
        self.board.select_members(self.document.scenario.assignments)

    def present(self) -> PresentationWindow:
        """View → Present: the board full screen, for the meeting."""
        presentation = PresentationWindow(self.document, group_by=self.board.group_by)
        screen = self.screen() or QGuiApplication.primaryScreen()
        presentation.setGeometry(screen.geometry())  # full screen even where no window manager obliges
        presentation.showFullScreen()
        self.presentation = presentation
        return presentation

    def show_warnings(self) -> None:
        self.warnings_dock.show()
        self.warnings_dock.raise_()

    def reveal_match(self, match: Match) -> None:
        """Show what Find found: a chip or card on the board (zoomed in when the board shows tiles), or a
        row of the bench."""
        if match.member is not None and match.team is None:
            self.bench_dock.show()
            self.board.clearSelection()
            self.bench.search.clear()
            self.bench.select_member(match.member)
            return
        self.reveal(team=match.team, member=match.member)
        found = self.board.chip(match.member) if match.member is not None else \
            self.board.cards().get(match.team) if match.team is not None else None
        if found is not None:
            self.view.centerOn(found)  # in the middle of the view, not at its edge

    def reveal_id(self, item_id: str) -> None:
        """Select a person's chip, or focus a team's card, by id (from the Changes view)."""
        if item_id in self.document.scenario.teams:
            self.reveal(team=TeamId(item_id))
        else:
            placement = self.document.scenario.assignments.get(MemberId(item_id))
            self.reveal(team=placement.team if placement else None, member=MemberId(item_id))

    def toggle_ghosts(self) -> None:
        self.board.show_ghosts = self.actions_.show_ghosts.isChecked()
        self.board.rebuild()

    def show_changes(self) -> None:
        self.compare_dock.show()
        self.compare_dock.raise_()

    def show_timeline(self) -> None:
        self.timeline_dock.show()
        self.timeline_dock.raise_()

    def reveal(self, *, team: TeamId | None = None, member: MemberId | None = None) -> None:
        """Select and scroll to what a warning, a search or a row of Changes is about: a person's chip, else
        the team's card (zoomed in to reading size first when the board shows overview tiles)."""
        if team is not None and team in self.board.cards() and self.board.overview:
            self.view.zoom_to(self.board.card(team).sceneBoundingRect())
        if member is not None and self.board.chip(member) is not None:
            self.board.select_members([member])
            chip = self.board.chip(member)
            assert chip is not None
            self.view.ensureVisible(chip.sceneBoundingRect(), 40, 40)
        if team is not None and team in self.board.cards():
            card = self.board.card(team)
            self.board.set_focus_team(team)
            if member is None:
                self.board.clearSelection()
                self.view.ensureVisible(card.sceneBoundingRect(), 20, 20)

    # --- files dropped on the window, closing ----------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_plan(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_plan(event)
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_settings()
        self.autosaver.close()
        event.accept()

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("board/group_by", self.board.group_by or "")

    def restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        fit_on_screen(self)  # remembered on a bigger screen, it must not open cut off on this one
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        group_by = settings.value("board/group_by")
        if isinstance(group_by, str) and (group_by or None) in GROUPINGS:
            self.set_group_by(group_by or None)


def _dropped_plan(event: QDragEnterEvent | QDropEvent) -> Path | None:
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    for url in urls:
        if url.isLocalFile() and url.toLocalFile().endswith(SUFFIX):
            return Path(url.toLocalFile())
    return None
