"""Presentation mode: the board full screen for a meeting, one swimlane at a time or the whole board.

It is a second view of the same document, so a what-if drag in the meeting changes the plan (and the
main window) and Ctrl+Z undoes it. Light, high-contrast colours whatever the desktop palette, no
chrome, no "+ role" tags; the view zooms each group to fit the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QShortcut
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from salesplanner.diagnosis import diagnose
from ui import text
from ui.board.labels import group_title
from ui.board.scene import BoardScene
from ui.board.view import BoardView
from ui.document import DocumentChange, PlanDocument
from ui.theme import board_font, print_theme
from ui.window.shortcuts import PRESENTATION, sequences

MAX_PRESENT_ZOOM = 2.5
"""A one-team slide fills the screen; past this its text would look blown up."""
MAX_COLUMNS = 8


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
        self.view.max_fit_zoom = MAX_PRESENT_ZOOM
        self.view.max_fit_columns = MAX_COLUMNS
        self.view.empty_hint = ""
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)  # a slide's content sits in the middle
        self.view.setFrameShape(BoardView.Shape.NoFrame)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The view's own size is what a slide fits: it is final only once the window is laid out and
        # shown (a window manager may resize it after that), so every resize of the view fits again.
        self.view.fit_pending = True
        self.view.keep_readable = False
        self.caption = QLabel(self)
        # The caption wraps: one long line would make the window wider than a projector's screen.
        self.caption.setWordWrap(True)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.caption.setFont(board_font(15))
        self.caption.setStyleSheet(f"color: {theme.text.name()}; background: {theme.card.name()}; padding: 10px 24px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        self.step = 0
        # Shortcuts, not key events: the view would take arrows and Page Up/Down for scrolling.
        slots: dict[str, Callable[[], object]] = {
            "next": lambda: self.go(self.step + 1), "previous": lambda: self.go(self.step - 1),
            "first": lambda: self.go(0), "last": lambda: self.go(len(self.steps) - 1), "leave": self.close,
            "undo": document.undo_stack.undo, "redo": document.undo_stack.redo}
        for name, slot in slots.items():
            for sequence in sequences(PRESENTATION[name]):
                shortcut = QShortcut(sequence, self)
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
        """Lay the cards out in the number of columns that shows them largest, then zoom to fit and
        centre (never blown up past ``MAX_PRESENT_ZOOM``)."""
        self.view.fit_to_window()

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
            text.count(figures.teams, self.tr("1 team"), self.tr("%1 teams"))
            + ", " + self.tr("%1 of %2 balanced").replace("%1", str(figures.teams_balanced))
            .replace("%2", str(figures.teams_judged)),
            text.count(figures.headcount, self.tr("1 person"), self.tr("%1 people")) + " + "
            + self.tr("%1 open").replace("%1", str(figures.openings)),
            self.tr("bookings %1 / year").replace("%1", text.money(figures.bookings_year, currency, compact=True)),
            self.tr("cost %1 / year").replace("%1", text.money(figures.annual_cost, currency, compact=True)),
        ]
        position = self.tr("%1 / %2").replace("%1", str(self.step + 1)).replace("%2", str(len(self.steps)))
        # Wrapped between the figures, never inside one ("0 of 2 / balanced"); a long name may wrap.
        parts = [part if part is where else part.replace(" ", "\u00a0") for part in parts]
        self.caption.setText("   ·   ".join(parts) + f"      {position}")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.document.changed.disconnect(self._on_changed)
        super().closeEvent(event)
