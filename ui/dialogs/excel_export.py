"""File → Export to Excel: choose the scenario and the baseline to compare with, write the workbook with
a progress dialog (cancellable: nothing is left behind), then offer to open it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from salesplanner.files import safe_file_name
from salesplanner.model import PlanError, ScenarioId
from ui.folders import Folder, remember_folder, start_folder

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


class ExcelExportDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Export to Excel"))
        plan, on_screen = window.document.plan, window.document.scenario.id
        self.scenario = QComboBox(self)
        self.baseline = QComboBox(self)
        self.baseline.addItem(self.tr("No comparison"), None)
        for scenario in plan.scenarios.values():
            self.scenario.addItem(scenario.name, scenario.id)
            self.baseline.addItem(self.tr("Changes from %1").replace("%1", scenario.name), scenario.id)
        self.scenario.setCurrentIndex(self.scenario.findData(on_screen))
        # Comparing a proposal with today is what a VP sends finance; today alone needs no Changes sheet.
        self.baseline.setCurrentIndex(self.baseline.findData(plan.baseline) if on_screen != plan.baseline else 0)
        form = QFormLayout(self)
        form.addRow(self.tr("Scenario"), self.scenario)
        form.addRow(self.tr("Changes sheet"), self.baseline)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def choice(self) -> tuple[ScenarioId, ScenarioId | None]:
        baseline = self.baseline.currentData()
        scenario = self.scenario.currentData()
        return scenario, (baseline if baseline != scenario else None)


def ask_workbook_path(window: MainWindow, scenario_id: ScenarioId) -> Path | None:
    plan = window.document.plan
    name = safe_file_name(f"{plan.name} — {plan.scenarios[scenario_id].name}") + ".xlsx"
    suggested = start_folder(Folder.EXPORTS, window.document.path) / name
    chosen, _ = QFileDialog.getSaveFileName(window, window.tr("Export to Excel"), str(suggested),
                                            window.tr("Excel workbooks (*.xlsx)"))
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(Folder.EXPORTS, path)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def _progress_reporter(progress: QProgressDialog) -> Callable[[int, int], bool]:
    """Shows the progress and keeps the window responsive (so Cancel works); False once cancelled."""
    def report(done: int, total: int) -> bool:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total))
        QApplication.processEvents()
        return not progress.wasCanceled()
    return report


def write_workbook(window: MainWindow, path: Path, scenario_id: ScenarioId, baseline_id: ScenarioId | None) -> bool:
    """Export with a progress dialog; returns False when cancelled (no file written)."""
    from salesplanner.workbook.export import export_workbook

    progress = QProgressDialog(window.tr("Writing %1…").replace("%1", path.name), window.tr("Cancel"), 0, 100, window)
    progress.setWindowTitle(window.tr("Export to Excel"))
    progress.setMinimumDuration(400)  # a small plan is done before a dialog would be worth showing
    report = _progress_reporter(progress)

    # The dialog lets the window run (and so be edited) while the workbook is written: write a snapshot,
    # so the workbook is the plan as it was when Export was pressed.
    snapshot = window.document.plan.snapshot()
    try:
        return export_workbook(snapshot, path, scenario_id=scenario_id, baseline_id=baseline_id, progress=report)
    finally:
        progress.close()


def run_excel_export(window: MainWindow) -> None:
    dialog = ExcelExportDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    scenario_id, baseline_id = dialog.choice()
    path = ask_workbook_path(window, scenario_id)
    if path is None:
        return
    try:
        written = write_workbook(window, path, scenario_id, baseline_id)
    except PlanError as error:
        window.files.show_problem(window.tr("Could not export to Excel"), str(error))
        return
    if not written:
        window.show_message(window.tr("Export cancelled; nothing was written."))
        return
    window.show_message(window.tr("Exported %1").replace("%1", path.name))
    answer = QMessageBox.question(window, window.tr("Export to Excel"),
                                  window.tr("%1 is ready. Open it now?").replace("%1", path.name),
                                  QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                                  QMessageBox.StandardButton.Open)
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
