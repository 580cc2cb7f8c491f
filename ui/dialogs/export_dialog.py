"""File → Export layout and Print: the board or one group as PNG, SVG, PDF or PowerPoint, or on paper."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QWidget

from salesplanner.files import safe_file_name
from salesplanner.model import PlanError, ScenarioId
from salesplanner.slides import export_slides
from ui.board.labels import group_title
from ui.board.render import ExportBoard, footer_text, page_sources, paint_pages, render_file
from ui.folders import Folder, remember_folder, start_folder

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

FORMAT_SUFFIXES = {"png": ".png", "svg": ".svg", "pdf": ".pdf", "pptx": ".pptx"}


@dataclass(frozen=True)
class LayoutExport:
    scenario_id: ScenarioId
    only_group: bool
    group: str | None
    format: str
    scale: float
    page_size: str
    per_group: bool
    baseline_id: ScenarioId | None = None
    """PowerPoint: the scenario a Changes slide compares with (None: no Changes slide)."""


class ExportLayoutDialog(QDialog):
    """What to export: scenario, the whole board or one group, the format and its options."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Export layout"))
        document = window.document
        self._plan = document.plan
        self.scenario = QComboBox(self)
        for scenario in document.plan.scenarios.values():
            self.scenario.addItem(scenario.name, scenario.id)
        self.scenario.setCurrentIndex(self.scenario.findData(document.scenario.id))
        self.content = QComboBox(self)
        self.content.addItem(self.tr("The whole board"), ("board", None))
        group_by = window.board.group_by
        if group_by is not None:
            for key in window.board.group_keys():
                self.content.addItem(self.tr("Only %1").replace("%1", group_title(group_by, key)), ("group", key))
        self.format = QComboBox(self)
        for label, key in ((self.tr("PNG image"), "png"), (self.tr("SVG drawing"), "svg"),
                           (self.tr("PDF document"), "pdf"), (self.tr("PowerPoint slides"), "pptx")):
            self.format.addItem(label, key)
        self.scale = QComboBox(self)
        for factor in (1, 2, 3, 4):
            self.scale.addItem(f"{factor}×", float(factor))
        self.scale.setCurrentIndex(1)  # 2×: crisp on slides and high-DPI screens
        self.page_size = QComboBox(self)
        self.page_size.addItem(self.tr("A4 landscape"), "a4")
        self.page_size.addItem(self.tr("Letter landscape"), "letter")
        self.pages = QComboBox(self)
        self.pages.addItem(self.tr("One page per group"), True)
        self.pages.addItem(self.tr("The board on one page"), False)
        self.changes = QComboBox(self)
        self.changes.addItem(self.tr("No Changes slide"), None)
        for scenario in document.plan.scenarios.values():
            self.changes.addItem(self.tr("Changes from %1").replace("%1", scenario.name), scenario.id)
        form = QFormLayout(self)
        form.addRow(self.tr("Scenario"), self.scenario)
        form.addRow(self.tr("Show"), self.content)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Resolution"), self.scale)
        form.addRow(self.tr("Paper"), self.page_size)
        form.addRow(self.tr("Pages"), self.pages)
        form.addRow(self.tr("Compare"), self.changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._update_options)
        self.scenario.currentIndexChanged.connect(self._default_comparison)
        self._default_comparison()
        self._update_options()

    def _default_comparison(self) -> None:
        """A proposal's deck compares it with the baseline (what a meeting about it asks first); the
        baseline's own deck has nothing to compare."""
        plan = self._plan
        scenario = self.scenario.currentData()
        self.changes.setCurrentIndex(self.changes.findData(plan.baseline) if scenario != plan.baseline else 0)

    def _update_options(self) -> None:
        chosen = self.format.currentData()
        self.scale.setEnabled(chosen == "png")
        self.page_size.setEnabled(chosen == "pdf")
        self.pages.setEnabled(chosen == "pdf")
        self.changes.setEnabled(chosen == "pptx")

    def choice(self) -> LayoutExport:
        kind, key = self.content.currentData()
        scenario, baseline = self.scenario.currentData(), self.changes.currentData()
        return LayoutExport(scenario_id=scenario, only_group=kind == "group", group=key,
                            format=self.format.currentData(), scale=self.scale.currentData(),
                            page_size=self.page_size.currentData(), per_group=self.pages.currentData(),
                            baseline_id=baseline if baseline != scenario else None)


def export_layout(window: MainWindow, choice: LayoutExport, path: Path) -> str:
    """Write the layout; returns a one-line report (raises PlanError with one sentence)."""
    plan = window.document.plan
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if choice.format == "pptx":
            team_ids = next((g.team_ids for g in window.board.group_layout if g.key == choice.group), ()) \
                if choice.only_group else None
            slides = export_slides(plan, path, scenario_id=choice.scenario_id, team_ids=team_ids,
                                   baseline_id=choice.baseline_id)
            return window.tr("%1: %2 slides").replace("%1", path.name).replace("%2", str(slides))
        return render_file(plan, choice.scenario_id, path, group_by=window.board.group_by, scale=choice.scale,
                           page_size=choice.page_size, per_group=choice.per_group, only_group=choice.only_group,
                           group=choice.group)
    finally:
        QGuiApplication.restoreOverrideCursor()


def ask_layout_path(window: MainWindow, choice: LayoutExport) -> Path | None:
    suffix = FORMAT_SUFFIXES[choice.format]
    plan = window.document.plan
    name = safe_file_name(f"{plan.name} — {plan.scenarios[choice.scenario_id].name}") + suffix
    folder = start_folder(Folder.EXPORTS, window.document.path)
    chosen, _ = QFileDialog.getSaveFileName(window, window.tr("Export layout"), str(folder / name), f"*{suffix}")
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(Folder.EXPORTS, path)
    return path if path.suffix.lower() == suffix else path.with_suffix(suffix)


def run_export_layout(window: MainWindow) -> None:
    dialog = ExportLayoutDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    choice = dialog.choice()
    path = ask_layout_path(window, choice)
    if path is None:
        return
    try:
        window.show_message(export_layout(window, choice, path))
    except PlanError as error:
        window.files.show_problem(window.tr("Could not export the layout"), str(error))


def print_board(printer: QPrinter, window: MainWindow) -> None:
    """Paint the board on a printer: one page per group, landscape, with the footer of the PDF export."""
    document = window.document
    board = ExportBoard.build(document.plan, document.scenario.id, group_by=window.board.group_by)
    area = printer.pageLayout().paintRectPixels(printer.resolution())
    sources = page_sources(board, per_group=True, page_aspect=area.width() / area.height(),
                           page_width=board.scene.sceneRect().width())
    paint_pages(printer, board, sources, footer=footer_text(document.plan, document.scenario.id))


def run_print(window: MainWindow) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    preview = QPrintPreviewDialog(printer, window)
    preview.setWindowTitle(window.tr("Print preview"))
    preview.paintRequested.connect(lambda target: print_board(target, window))
    preview.exec()
