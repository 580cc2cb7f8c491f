"""The advisor's answer on screen: each suggested hire and move (tickable), each team that changes with its
handoffs before → after, and cost and bookings before → after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from salesplanner.advisor import Advice, Move, SuggestedHire, TeamOutcome
from salesplanner.capacity import TeamResult, Verdict
from salesplanner.model import Placement, Plan, ScenarioId
from ui import text
from ui.board.labels import badge_text
from ui.theme import current_theme

SUGGESTION = Qt.ItemDataRole.UserRole + 1


def _place(plan: Plan, scenario_id: ScenarioId, placement: Placement | None) -> str:
    if placement is None:
        return text.translate("Advisor", "bench")
    team = plan.scenarios[scenario_id].teams.get(placement.team)
    name = team.name if team is not None else placement.team
    return f"{name} · {text.role_name(placement.role)}"


class SuggestionList(QTreeWidget):
    """Hires and moves, each with a tick box: unticked ones are left out of Apply and Create proposal,
    and kept as they are when suggesting again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("Suggestion"), self.tr("From"), self.tr("To")])
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_advice(self, plan: Plan, scenario_id: ScenarioId, advice: Advice | None) -> None:
        self.clear()
        if advice is None or not (advice.hires or advice.moves):
            return
        currency = plan.currency
        if advice.hires:
            hires = QTreeWidgetItem(self, [self.tr("Hires (%1, %2 a year)").replace("%1", str(len(advice.hires)))
                                           .replace("%2", text.money(advice.hire_cost, currency))])
            for hire in advice.hires:
                item = QTreeWidgetItem(hires, [
                    self.tr("Hire: %1, %2 a year").replace("%1", text.role_name(hire.role))
                    .replace("%2", text.money(hire.annual_cost, currency)),
                    self.tr("starts %1").replace("%1", text.date_text(hire.start_date)),
                    _place(plan, scenario_id, Placement(hire.team, hire.role))])
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setData(0, SUGGESTION, hire)
        if advice.moves:
            scenario = plan.scenarios[scenario_id]
            moves = QTreeWidgetItem(self, [self.tr("Moves (%1)").replace("%1", str(len(advice.moves)))])
            for move in advice.moves:
                member = plan.member(scenario, move.member)
                name = member.name if member is not None else move.member
                label = self.tr("%1 (role change)").replace("%1", name) if move.role_change else name
                item = QTreeWidgetItem(moves, [label, _place(plan, scenario_id, move.before),
                                               _place(plan, scenario_id, move.after)])
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setData(0, SUGGESTION, move)
        self.expandAll()

    def _items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for top in range(self.topLevelItemCount()):
            group = self.topLevelItem(top)
            if group is not None:
                items += [child for row in range(group.childCount()) if (child := group.child(row)) is not None]
        return items

    def chosen(self, ticked: bool = True) -> tuple[list[Move], list[SuggestedHire]]:
        """The ticked (or the unticked) moves and hires."""
        moves: list[Move] = []
        hires: list[SuggestedHire] = []
        for item in self._items():
            if (item.checkState(0) == Qt.CheckState.Checked) is ticked:
                value = item.data(0, SUGGESTION)
                (moves if isinstance(value, Move) else hires).append(value)
        return moves, hires


def _status(result: TeamResult) -> str:
    return badge_text(result).text


class TeamChanges(QTableWidget):
    """Each team the answer changes: status, the three handoffs, bookings and cost, before → after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 8, parent)
        self.setHorizontalHeaderLabels([self.tr("Team"), self.tr("Status"), self.tr("Inbound load"),
                                        self.tr("SDR → closer"), self.tr("Closer → AM"), self.tr("Bookings / year"),
                                        self.tr("Of target"), self.tr("Annual cost")])
        header = self.horizontalHeaderItem(6)
        assert header is not None  # set just above
        header.setToolTip(self.tr("Bookings a year at the month's run rate, as a share of the team's target"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_outcomes(self, outcomes: tuple[TeamOutcome, ...], currency: str) -> None:
        changed = [o for o in outcomes if o.before.balances != o.after.balances or o.before.members != o.after.members]
        self.setRowCount(len(changed))
        theme = current_theme()
        for row, outcome in enumerate(changed):
            before, after = outcome.before, outcome.after
            cells = [after.team.name, f"{_status(before)} → {_status(after)}"]
            cells += [f"{text.ratio_text(old)} → {text.ratio_text(new)}"
                      for old, new in zip(before.balances, after.balances, strict=True)]
            cells.append(f"{text.money(12 * before.bookings, currency, compact=True)} → "
                         f"{text.money(12 * after.bookings, currency, compact=True)}")
            cells.append("" if not outcome.target else f"{text.percent(12 * before.bookings / outcome.target)} → "
                                                       f"{text.percent(12 * after.bookings / outcome.target)}")
            cells.append(f"{text.money(before.annual_cost, currency, compact=True)} → "
                         f"{text.money(after.annual_cost, currency, compact=True)}")
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if 2 <= column <= 4:
                    verdict = after.balances[column - 2].verdict
                    if verdict is not None and verdict is not Verdict.BALANCED:
                        item.setForeground(theme.verdict(verdict)[0])
                self.setItem(row, column, item)
