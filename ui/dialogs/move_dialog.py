"""The keyboard path for a move: pick a team × role (or the bench) and see the balance, and the expected
bookings of the next 12 months, it would give."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from salesplanner.capacity import TeamResult
from salesplanner.layout import LANE_ORDER
from salesplanner.model import MemberId, Placement
from salesplanner.targets import TeamTarget
from ui import text
from ui.board.labels import badge_text
from ui.document import PlanDocument

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1


class MoveDialog(QDialog):
    """Lists every target; typing filters; the preview shows each affected team before → after."""

    def __init__(self, document: PlanDocument, member_ids: list[MemberId], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._member_ids = member_ids
        plan, scenario = document.plan, document.scenario
        names = [member.name for member_id in member_ids if (member := plan.member(scenario, member_id))]
        who = names[0] if len(names) == 1 else self.tr("%1 people").replace("%1", str(len(names)))
        self.setWindowTitle(self.tr("Move %1 to…").replace("%1", who))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Type a team or role…"))
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.installEventFilter(self)
        self.targets = QListWidget(self)
        self.targets.currentItemChanged.connect(self._update_preview)
        self.targets.itemActivated.connect(lambda _item: self.accept())
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(60)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Move"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.targets, 1)
        layout.addWidget(self.preview)
        layout.addWidget(buttons)
        self.resize(460, 520)

        current = scenario.assignments.get(member_ids[0]) if member_ids else None
        bench = QListWidgetItem(self.tr("Bench (no role)"))
        bench.setData(TARGET_ROLE, None)
        self.targets.addItem(bench)
        for team in scenario.teams.values():
            for role in LANE_ORDER:
                item = QListWidgetItem(f"{team.name} · {text.role_name(role)}")
                item.setData(TARGET_ROLE, Placement(team.id, role))
                self.targets.addItem(item)
                if current == Placement(team.id, role):
                    self.targets.setCurrentItem(item)
        if self.targets.currentItem() is None:
            self.targets.setCurrentRow(0)

    @property
    def target(self) -> Placement | None:
        item = self.targets.currentItem()
        if item is None:
            return None
        target: Placement = item.data(TARGET_ROLE)
        return target

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        """Up and Down in the filter field move through the list, so typing and choosing mix."""
        if watched is self.filter and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            self.targets.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _apply_filter(self, typed: str) -> None:
        words = typed.casefold().split()
        first_visible = None
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            visible = all(word in item.text().casefold() for word in words)
            item.setHidden(not visible)
            if visible and first_visible is None:
                first_visible = item
        current = self.targets.currentItem()
        if (current is None or current.isHidden()) and first_visible is not None:
            self.targets.setCurrentItem(first_visible)

    def _update_preview(self, *_: object) -> None:
        item = self.targets.currentItem()
        if item is None:
            self.preview.setText("")
            return
        target: Placement | None = item.data(TARGET_ROLE)
        analysis = self._document.analysis
        move = {member_id: target for member_id in self._member_ids}
        after = analysis.preview(move)
        targets = analysis.preview_targets(move)
        lines = []
        for team_id, result in after.items():
            before = analysis.team(team_id)
            lines.append(f"{result.team.name}: {_status(before)} → {_status(result)}")
            for old, new in zip(before.balances, result.balances, strict=True):
                if old.verdict is None and new.verdict is None:
                    continue
                lines.append(f"   {text.handoff_name(new.handoff)} {text.ratio_text(old)} → {text.ratio_text(new)}"
                             + (f" ({text.verdict_name(new.verdict)})" if new.verdict else ""))
            lines += self._target_line(analysis.target(team_id), targets[team_id])
        self.preview.setText("\n".join(lines) or self.tr("Nothing changes."))


    def _target_line(self, before: TeamTarget, after: TeamTarget) -> list[str]:
        """Expected bookings over the next 12 months before → after, with coverage when the team has a target
        (docs/model.md §9); nothing when the move does not change them."""
        if before.expected_bookings_year == after.expected_bookings_year:
            return []
        currency = self._document.plan.currency
        line = "   " + self.tr("Expected, next 12 months %1 → %2").replace(
            "%1", text.money(before.expected_bookings_year, currency, compact=True)).replace(
            "%2", text.money(after.expected_bookings_year, currency, compact=True))
        if before.coverage is not None and after.coverage is not None:
            line += f" ({text.percent(before.coverage)} → {text.percent(after.coverage)})"
        return [line]


def _status(result: TeamResult) -> str:
    return badge_text(result).text
