"""Presentation mode: the board full screen for a meeting, one swimlane at a time or the whole board.

It is a second view of the same document, so a what-if drag in the meeting changes the plan (and the
main window) and Ctrl+Z undoes it. Light, high-contrast colours whatever the desktop palette, no
chrome, no "+ role" tags; the view zooms each group to fit the screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from salesplanner.diagnosis import diagnose
from ui import text
from ui.board.labels import group_title
from ui.board.scene import BoardScene
from ui.board.view import BoardView
from ui.document import DocumentChange, PlanDocument
from ui.theme import board_font, print_theme

MAX_PRESENT_ZOOM = 1.8
MAX_COLUMNS = 8

NEXT_KEYS = ("Right", "Down", "PgDown", "Space")
PREVIOUS_KEYS = ("Left", "Up", "PgUp", "Backspace")


class PresentationWindow(QWidget):
    """Steps: the whole board, then each group in board order (arrows, Page Up/Down); Esc leaves."""

    def __init__(self, document: PlanDocument, *, group_by: str | None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Sales Planner — presenting"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = document
        theme = print_theme()
        self.group_by = group_by
        self.board = BoardScene(self, theme=theme)
        self.board.group_by = group_by
        self.board.editing_aids = False
        self.board.set_document(document)
        self.view = BoardView(self.board, self)
        self.view.auto_columns = False
        self.view.setFrameShape(BoardView.Shape.NoFrame)
        self.caption = QLabel(self)
        self.caption.setFont(board_font(15))
        self.caption.setStyleSheet(f"color: {theme.text.name()}; background: {theme.card.name()}; padding: 10px 24px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        self.step = 0
        # Shortcuts, not key events: the view would take arrows and Page Up/Down for scrolling.
        keys: list[tuple[tuple[str | QKeySequence.StandardKey, ...], object]] = [
            (NEXT_KEYS, lambda: self.go(self.step + 1)),
            (PREVIOUS_KEYS, lambda: self.go(self.step - 1)),
            (("Home",), lambda: self.go(0)),
            (("End",), lambda: self.go(len(self.steps) - 1)),
            (("Esc",), self.close),
            ((QKeySequence.StandardKey.Undo,), document.undo_stack.undo),
            (("Ctrl+Shift+Z", QKeySequence.StandardKey.Redo), document.undo_stack.redo),
        ]
        for sequences, slot in keys:
            for sequence in sequences:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)
        document.changed.connect(self._on_changed)
        self._show_step()

    @property
    def steps(self) -> list[str | None]:
        """None for the whole board, then the group keys."""
        if self.group_by is None:
            return [None]
        teams = self.document.scenario.teams
        return [None, *dict.fromkeys(self.board.group_key_by(self.group_by, team_id) for team_id in teams)]

    @property
    def group(self) -> str | None:
        return self.steps[self.step] if self.step < len(self.steps) else None

    def go(self, step: int) -> None:
        self.step = max(0, min(step, len(self.steps) - 1))
        self._show_step()

    def _show_step(self) -> None:
        whole = self.step == 0
        # The overview flows every card without swimlane headers, so it can fill a wide screen.
        self.board.group_by = None if whole else self.group_by
        self.board.show_group(None if whole else self.group, only=not whole)
        self._fit()
        self._update_caption()

    def _fit(self) -> None:
        """Lay the cards out in the number of columns that shows them largest, then zoom to fit (never
        blown up past readable)."""
        view = self.view.viewport().rect()
        if view.width() <= 0 or view.height() <= 0:
            return
        best, best_zoom = 1, 0.0
        for columns in range(1, min(MAX_COLUMNS, max(1, len(self.board.cards()))) + 1):
            self.board.set_columns(columns)
            rect = self.board.sceneRect()
            zoom = min(view.width() / rect.width(), view.height() / rect.height())
            if zoom > best_zoom:
                best, best_zoom = columns, zoom
        self.board.set_columns(best)
        self.view.fit_to_window()
        self.view.set_zoom(min(self.view.zoom, MAX_PRESENT_ZOOM))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _on_changed(self, change: DocumentChange) -> None:
        if self.step >= len(self.steps):
            self.go(0)
        else:
            self._update_caption()

    def _update_caption(self) -> None:
        analysis = self.document.analysis
        stage = text.stage_name(diagnose(analysis.totals).stage)
        if self.step == 0:
            team_ids = list(self.document.scenario.teams)
            where = self.document.scenario.name
        else:
            team_ids = [layout_team for group in self.board.group_layout for layout_team in group.team_ids]
            where = group_title(self.group_by, self.group)
        figures = analysis.figures_of(team_ids)
        currency = self.document.plan.currency
        parts = [
            self.tr("Stage: %1").replace("%1", stage),
            where,
            self.tr("%1 teams, %2 balanced").replace("%1", str(figures.teams))
            .replace("%2", str(figures.teams_balanced)),
            self.tr("%1 people + %2 open").replace("%1", str(figures.headcount)).replace("%2", str(figures.openings)),
            self.tr("bookings %1 / year").replace("%1", text.money(figures.bookings_year, currency, compact=True)),
            self.tr("cost %1 / year").replace("%1", text.money(figures.annual_cost, currency, compact=True)),
        ]
        position = self.tr("%1 / %2").replace("%1", str(self.step + 1)).replace("%2", str(len(self.steps)))
        self.caption.setText("   ·   ".join(parts) + f"      {position}")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.document.changed.disconnect(self._on_changed)
        super().closeEvent(event)
