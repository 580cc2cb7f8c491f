"""The import dialog's Titles step: each distinct job title of the roster, how many people have it, and the
role they import as — a box pre-filled by the core's matcher (``roles.role_from_title``), or by the
user's choice at an earlier import, which they can change to any role or to the bench."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from salesplanner.roles import ROLE_ORDER, Role
from salesplanner.roster.titles import TitleCount
from ui import text

MAX_TITLE_ROWS = 300
"""Titles with a box of their own, most common first; rarer ones import as the matcher reads them (a
roster with thousands of distinct titles would otherwise build thousands of boxes)."""


class TitleRolesWidget(QWidget):
    """One row per distinct title: the title, its count, its role box and what pre-filled the box."""

    changed = Signal()
    """The user chose another role for a title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combos: dict[str, QComboBox] = {}
        """The role box of each title, by ``roles.title_key``."""
        self.hints: dict[str, QLabel] = {}
        self._titles: list[TitleCount] = []
        self._chosen: dict[str, Role | None] = {}
        self.intro = QLabel(self.tr("The role each job title imports as, read from the title's words. Change any "
                                    "of them; your choices are used again at the next import."), self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("hint")
        self._area = QScrollArea(self)
        self._area.setWidgetResizable(True)
        self._area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.more = QLabel(self)
        self.more.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self._area, 1)
        layout.addWidget(self.more)
        self.set_titles([], {})

    def set_titles(self, titles: Sequence[TitleCount], remembered: Mapping[str, Role | None]) -> None:
        """Show ``titles``; a title's box takes the user's choice (this session's, else ``remembered``),
        else the matcher's role."""
        for title in titles:
            if title.key not in self._chosen and title.key in remembered:
                self._chosen[title.key] = remembered[title.key]
        self._titles = list(titles)
        self.combos.clear()
        self.hints.clear()
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(0, 1)
        if not titles:
            grid.addWidget(QLabel(self.tr("No column holds job titles or roles: choose one under Columns."), inner),
                           0, 0)
        for row, title in enumerate(titles[:MAX_TITLE_ROWS]):
            label = QLabel(title.title, inner)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(title.title)
            count = QLabel(QLocale().toString(title.count), inner)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            combo = QComboBox(inner)
            for role in ROLE_ORDER:
                combo.addItem(text.role_name(role), role.value)
            combo.addItem(self.tr("Bench"), None)
            label.setBuddy(combo)
            hint = QLabel(inner)
            hint.setObjectName("hint")
            self.combos[title.key] = combo
            self.hints[title.key] = hint
            self._show(title)
            combo.activated.connect(lambda index, title=title: self._push_role(title, index))
            grid.addWidget(label, row, 0)
            grid.addWidget(count, row, 1)
            grid.addWidget(combo, row, 2)
            grid.addWidget(hint, row, 3)
        grid.setRowStretch(max(1, len(titles[:MAX_TITLE_ROWS])), 1)
        self._area.setWidget(inner)
        hidden = len(titles) - MAX_TITLE_ROWS
        self.more.setText(self.tr("…and %Ln rarer titles, imported as their words read", "", hidden)
                          if hidden > 0 else "")
        self.more.setVisible(hidden > 0)

    def _role(self, title: TitleCount) -> Role | None:
        return self._chosen.get(title.key, title.matched)

    def _show(self, title: TitleCount) -> None:
        combo = self.combos[title.key]
        role = self._role(title)
        combo.setCurrentIndex(combo.count() - 1 if role is None else ROLE_ORDER.index(role))
        if title.key in self._chosen and self._chosen[title.key] != title.matched:
            hint = self.tr("your choice")
        elif title.matched is None:
            hint = self.tr("no role in the title: bench")
        else:
            hint = ""
        self.hints[title.key].setText(hint)

    def _push_role(self, title: TitleCount, index: int) -> None:
        value = self.combos[title.key].itemData(index)
        self._chosen[title.key] = None if value is None else Role(value)
        self._show(title)
        self.changed.emit()

    @property
    def titles(self) -> list[TitleCount]:
        return self._titles

    def choices(self) -> dict[str, Role | None]:
        """The roles the user chose that differ from the matcher's, for the titles of this roster: what
        the import takes over the matcher, and what is remembered for the next one."""
        return {title.key: self._chosen[title.key] for title in self._titles
                if title.key in self._chosen and self._chosen[title.key] != title.matched}
