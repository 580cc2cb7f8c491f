"""The main window: summary strip over the board, bench on the left, details on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
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

from salesplanner.model import MemberId
from ui.actions import Actions, group_label
from ui.bench import BenchPanel
from ui.board.scene import GROUPINGS, BoardScene
from ui.board.view import BoardView
from ui.details import DetailsPanel
from ui.document import DocumentChange, PlanDocument
from ui.move_dialog import MoveDialog
from ui.summary_strip import SummaryStrip


class MainWindow(QMainWindow):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        document.setParent(self)
        self.setWindowTitle(self.tr("Sales Planner — %1").replace("%1", document.plan.name))

        self.board = BoardScene()
        self.board.set_document(document)
        self.view = BoardView(self.board, self)
        self.summary = SummaryStrip(document, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.bench = BenchPanel(document, self.board.style_, self)
        self.bench_dock = self._dock(self.tr("Bench"), "bench", self.bench, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.details = DetailsPanel(document, self)
        self.details_dock = self._dock(self.tr("Details"), "details", self.details,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_view = QUndoView(document.undo_stack, self)
        self.history_view.setEmptyLabel(self.tr("Opened plan"))
        self.history_dock = self._dock(self.tr("History"), "history", self.history_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock.hide()
        self.resizeDocks([self.bench_dock, self.details_dock], [230, 290], Qt.Orientation.Horizontal)

        self.actions_ = Actions(self)
        self._build_toolbar()
        self.zoom_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._on_zoom(self.view.zoom)

        self.view.zoom_changed.connect(self._on_zoom)
        self.board.focus_team_changed.connect(self.details.show_team)
        self.board.problem.connect(lambda message: self.statusBar().showMessage(message, 8000))
        self.bench.view.dropped.connect(lambda ids: self.board.handle_drop(ids, None))
        document.changed.connect(self._on_changed)
        document.scenario_switched.connect(self.view.scroll_to_start)
        document.scenario_switched.connect(self._fill_scenarios)

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
        self.scenario_box.activated.connect(self._push_scenario)
        toolbar.addWidget(self.scenario_box)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr(" Group by ")))
        self.group_box = QComboBox(self)
        for dimension in GROUPINGS:
            self.group_box.addItem(group_label(dimension), dimension)
        self.group_box.setCurrentIndex(GROUPINGS.index(self.board.group_by))
        self.group_box.activated.connect(lambda index: self.set_group_by(self.group_box.itemData(index)))
        toolbar.addWidget(self.group_box)
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.undo, self.actions_.redo])
        toolbar.addSeparator()
        toolbar.addActions([self.actions_.zoom_out, self.actions_.zoom_in, self.actions_.fit])
        self.addToolBar(toolbar)
        self._fill_scenarios()

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
        self._show_last_step()

    def _on_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(self.tr("Zoom %1 %").replace("%1", str(round(zoom * 100))))

    def _show_last_step(self) -> None:
        stack = self.document.undo_stack
        if stack.index() > 0:
            self.statusBar().showMessage(stack.text(stack.index() - 1), 5000)

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
            self.statusBar().showMessage(self.tr("Select people first (click a chip)."), 5000)
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
        self.board.select_members(self.document.analysis.scenario.assignments)
