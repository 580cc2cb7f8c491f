"""Find (Ctrl+F): a bar over the board that finds a person, an open position or a team anywhere in the
scenario on screen — on the board or on the bench — and shows each match in turn."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from salesplanner.model import MemberId, TeamId
from ui.document import PlanDocument


@dataclass(frozen=True)
class Match:
    """A team (``member`` None) or a person or opening (with the team it sits in, or None on the bench)."""

    name: str
    team: TeamId | None
    member: MemberId | None = None


def find_matches(document: PlanDocument, typed: str) -> list[Match]:
    """Teams, then people and openings, whose name contains ``typed`` (any case): teams in board order,
    members in the plan's order."""
    needle = typed.strip().casefold()
    if not needle:
        return []
    plan, scenario = document.plan, document.scenario
    matches = [Match(team.name, team.id) for team in scenario.teams.values() if needle in team.name.casefold()]
    for member in plan.members(scenario):
        if needle in member.name.casefold():
            placement = scenario.assignments.get(member.id)
            matches.append(Match(member.name, placement.team if placement else None, member.id))
    return matches


class FindBar(QWidget):
    """Type to find; Enter (or ↓) shows the next match, Shift+Enter (or ↑) the previous; Esc closes."""

    found = Signal(object)
    """The Match to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: PlanDocument | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find a person, opening or team…"))
        self.field.setClearButtonEnabled(True)
        self.field.textEdited.connect(self._on_typed)
        self.field.installEventFilter(self)
        self.count = QLabel(self)
        self.count.setObjectName("hint")
        previous, following, close = QToolButton(self), QToolButton(self), QToolButton(self)
        previous.setText("↑")
        previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        previous.clicked.connect(self.previous)
        following.setText("↓")
        following.setToolTip(self.tr("Next match (Enter)"))
        following.clicked.connect(self.next)
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel(self.tr("Find"), self))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.matches: list[Match] = []
        self.index = -1
        self.hide()

    def open(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()

    def _on_typed(self, typed: str) -> None:
        self.matches = find_matches(self.document, typed) if self.document is not None else []
        self.index = -1
        self.next()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self.matches:
            self.count.setText(self.tr("no match") if self.field.text().strip() else "")
            return
        self.index = (self.index + direction) % len(self.matches)
        self.count.setText(self.tr("%1 of %2").replace("%1", str(self.index + 1))
                           .replace("%2", str(len(self.matches))))
        self.found.emit(self.matches[self.index])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.field and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, shift = event.key(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key == Qt.Key.Key_Down or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift):
                self.next()
                return True
            if key == Qt.Key.Key_Up or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and shift):
                self.previous()
                return True
        return super().eventFilter(watched, event)
