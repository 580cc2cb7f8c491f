"""The Changes view: what a proposal changes from another scenario (by default the baseline), read from
the core's ``compare`` — the same data as the Excel Changes sheet and ``salesplanner compare``."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salesplanner import i18n
from salesplanner.capacity import Balance, Verdict
from salesplanner.compare import (
    BalanceChange,
    ChangeKind,
    Comparison,
    Leaver,
    MemberChange,
    TargetChange,
    TargetFigures,
    compare,
)
from salesplanner.model import ScenarioId
from ui import text
from ui.document import PlanDocument, Subscription
from ui.theme import Theme, current_theme

REFRESH_DELAY_MS = 150


def change_name(kind: ChangeKind) -> str:
    return {
        ChangeKind.MOVED: text.translate("Changes", "moves team"),
        ChangeKind.ROLE_CHANGED: text.translate("Changes", "changes role"),
        ChangeKind.FROM_BENCH: text.translate("Changes", "joins from the bench"),
        ChangeKind.TO_BENCH: text.translate("Changes", "goes to the bench"),
        ChangeKind.NEW_OPENING: text.translate("Changes", "opening to fill"),
        ChangeKind.OPENING_DROPPED: text.translate("Changes", "opening dropped"),
    }[kind]


def _seat(change: MemberChange | Leaver, after: bool) -> str:
    side = change.after if after else change.before
    if not side.present:
        return "—"
    if side.placement is None:
        return text.translate("Changes", "bench")
    return f"{side.team_name} · {text.role_name(side.placement.role)}"


def _signed_money(value: float, currency: str) -> str:
    return i18n.signed_money(value, currency)


def _signed(value: float, decimals: int = 1) -> str:
    return i18n.signed(value, decimals)


def _ratio(side: Balance | None) -> str:
    """A handoff's ratio on one side. Undefined for three reasons, each said: demand with no capacity to
    receive it (overloaded), no handoff in the team, or no such team in that scenario."""
    if side is None:
        return text.translate("Changes", "no team")
    if side.ratio is not None:
        return text.number(side.ratio, 2)
    if side.verdict is Verdict.OVERLOADED:
        return text.translate("Changes", "no capacity")
    return text.translate("Changes", "none")


class ComparePanel(QWidget):
    """From ⟶ To, a headline, then people, teams and totals tables."""

    row_activated = Signal(object)
    """A MemberId (a people row) or TeamId (a teams row) the user double-clicked, to reveal on the board."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = QComboBox(self)
        self.target = QComboBox(self)
        self.source.activated.connect(self._push_choice)
        self.target.activated.connect(self._push_choice)
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.people = self._table([self.tr("Who"), self.tr("Change"), self.tr("From"), self.tr("To"),
                                   self.tr("Cost / year")])
        self.teams = self._table([self.tr("Team"), self.tr("Headcount"), self.tr("Cost / year"),
                                  self.tr("Closing capacity"), self.tr("Bookings / year"), self.tr("Inbound load"),
                                  self.tr("SDR → closer"), self.tr("Closer → AM"), self.tr("Expected, 12 months"),
                                  self.tr("Target coverage")])
        self.totals = self._table([self.tr("Figure"), self.tr("Before"), self.tr("After"), self.tr("Change")])
        self.leavers = self._table([self.tr("Who"), self.tr("Leave date"), self.tr("From"), self.tr("To")])
        self.people.cellDoubleClicked.connect(lambda row, _: self._activate(self.people, row))
        self.leavers.cellDoubleClicked.connect(lambda row, _: self._activate(self.leavers, row))
        self.teams.cellDoubleClicked.connect(lambda row, _: self._activate(self.teams, row))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.people, self.tr("People"))
        self.tabs.addTab(self.leavers, self.tr("Leaving"))
        self.tabs.addTab(self.teams, self.tr("Teams"))
        self.tabs.addTab(self.totals, self.tr("Totals"))
        choice = QHBoxLayout()
        choice.addWidget(QLabel(self.tr("From")))
        choice.addWidget(self.source, 1)
        choice.addWidget(QLabel("→"))
        choice.addWidget(self.target, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(choice)
        layout.addWidget(self.headline)
        layout.addWidget(self.tabs, 1)
        self.comparison: Comparison | None = None
        self._pair: tuple[ScenarioId, ScenarioId] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._document: PlanDocument | None = None
        self._subscription = Subscription(changed=lambda _change: self._schedule(),
                                          switched=self._on_scenario_switched)
        self.set_document(document)

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setResizeContentsPrecision(40)  # a plan-wide reorganisation lists thousands
        table.horizontalHeader().setStretchLastSection(True)
        table.setAlternatingRowColors(True)
        table.setSortingEnabled(False)
        return table

    def set_document(self, document: PlanDocument) -> None:
        self._document = document
        self._pair = None
        self._subscription.follow(document)
        self._refill_choices()
        self._schedule()

    @property
    def pair(self) -> tuple[ScenarioId, ScenarioId]:
        """(from, to): what the user chose, else the baseline → the scenario on screen."""
        assert self._document is not None
        plan = self._document.plan
        if self._pair is not None and all(sid in plan.scenarios for sid in self._pair):
            return self._pair
        return plan.baseline, self._document.scenario.id

    def _refill_choices(self) -> None:
        assert self._document is not None
        source, target = self.pair
        for box, chosen in ((self.source, source), (self.target, target)):
            box.blockSignals(True)
            box.clear()
            for scenario in self._document.plan.scenarios.values():
                box.addItem(scenario.name, scenario.id)
            box.setCurrentIndex(box.findData(chosen))
            box.blockSignals(False)

    def _push_choice(self) -> None:
        self._pair = (self.source.currentData(), self.target.currentData())
        self.refresh()

    def _on_scenario_switched(self) -> None:
        self._pair = None  # follow the screen again
        self._refill_choices()
        self._schedule()

    def _schedule(self) -> None:
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self.refresh()

    def _activate(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole):
            self.row_activated.emit(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self) -> None:
        document = self._document
        if document is None:
            return
        self._refill_choices()
        source, target = self.pair
        self.comparison = comparison = compare(document.plan, source, target,
                                               analyses=(document.analysis_of(source), document.analysis_of(target)))
        currency = document.plan.currency
        self._fill_headline(comparison, currency)
        self._fill_people(comparison, currency)
        self._fill_leavers(comparison)
        self._fill_teams(comparison, currency)
        self._fill_totals(comparison, currency)

    def _fill_headline(self, comparison: Comparison, currency: str) -> None:
        before, after = comparison.diagnosis_before.stage, comparison.diagnosis_after.stage
        stage = text.stage_name(after) if before is after else \
            f"{text.stage_name(before)} → {text.stage_name(after)}"
        delta = comparison.totals.delta
        changes = text.count(len(comparison.members), self.tr("1 change"), self.tr("%1 changes")) \
            if comparison.members else self.tr("no changes")
        leavers = text.count(len(comparison.leavers), self.tr("1 leaves within the horizon"),
                             self.tr("%1 leave within the horizon"))
        self.headline.setText(
            self.tr("Stage %1  ·  bookings %2 a year  ·  cost %3 a year  ·  balanced teams %4 → %5  ·  %6")
            .replace("%1", stage).replace("%2", _signed_money(delta.bookings_year, currency))
            .replace("%3", _signed_money(delta.annual_cost, currency))
            .replace("%4", str(comparison.teams_balanced_before)).replace("%5", str(comparison.teams_balanced_after))
            .replace("%6", changes + (f"  ·  {leavers}" if comparison.leavers else ""))
            + self._coverage_headline(comparison))
        self.tabs.setTabText(self.tabs.indexOf(self.people),
                             self.tr("People (%1)").replace("%1", str(len(comparison.members))))
        self.tabs.setTabText(self.tabs.indexOf(self.leavers),
                             self.tr("Leaving (%1)").replace("%1", str(len(comparison.leavers))))

    def _coverage_headline(self, comparison: Comparison) -> str:
        """'  ·  target coverage 80 % → 83 %' when either side has a target (docs/model.md §9)."""
        before, after = comparison.targets.before, comparison.targets.after
        shares = [side.target_coverage if side is not None else None for side in (before, after)]
        if shares == [None, None]:
            return ""
        return "  ·  " + self.tr("target coverage %1 → %2").replace(
            "%1", "—" if shares[0] is None else text.percent(shares[0])).replace(
            "%2", "—" if shares[1] is None else text.percent(shares[1]))

    def _fill_people(self, comparison: Comparison, currency: str) -> None:
        rows = [(change.member_id, [change.name, ", ".join(change_name(k) for k in change.kinds),
                                    _seat(change, after=False), _seat(change, after=True),
                                    _signed_money(change.annual_cost_delta, currency)])
                for change in comparison.members]
        self._fill(self.people, rows)

    def _fill_leavers(self, comparison: Comparison) -> None:
        """Who leaves within the horizon: not a change between the scenarios (a leave date is the
        person's), but a seat the target has to cover."""
        self._fill(self.leavers, [(leaver.member_id, [leaver.name, text.date_text(leaver.leave_date),
                                                      _seat(leaver, after=False), _seat(leaver, after=True)])
                                  for leaver in comparison.leavers])

    def _fill_teams(self, comparison: Comparison, currency: str) -> None:
        theme = current_theme()
        self.teams.setRowCount(0)
        for team in comparison.teams:
            if not team.changed:
                continue
            delta = team.figures.delta
            before, after = team.figures.before, team.figures.after
            cells = [team.name, f"{before.headcount} → {after.headcount}",
                     _signed_money(delta.annual_cost, currency), _signed(delta.close_cap),
                     _signed_money(delta.bookings_year, currency)]
            row = self.teams.rowCount()
            self.teams.insertRow(row)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, team.team_id)
                self.teams.setItem(row, column, item)
            for offset, balance in enumerate(team.balances):
                self.teams.setItem(row, len(cells) + offset, self._balance_item(balance, theme))
            column = len(cells) + len(team.balances)
            self.teams.setItem(row, column, QTableWidgetItem(_signed_money(team.targets.expected_delta, currency)))
            self.teams.setItem(row, column + 1, self._coverage_item(team.targets, currency, theme))

    @staticmethod
    def _coverage_item(targets: TargetChange, currency: str, theme: Theme) -> QTableWidgetItem:
        """Coverage before → after (docs/model.md §9), coloured by the verdict after; target and expected
        bookings on each side in the tooltip."""
        def coverage(side: TargetFigures | None) -> str:  # each missing value says why it is missing
            if side is None:
                return text.translate("Changes", "no team")
            if side.target_coverage is None:
                return text.translate("Changes", "no target")
            return text.percent(side.target_coverage)

        def detail(side: TargetFigures | None) -> str:
            if side is None:
                return "—"
            target = "—" if side.target_bookings is None else text.money(side.target_bookings, currency, compact=True)
            return text.translate("Changes", "target %1, expected %2").replace("%1", target).replace(
                "%2", text.money(side.expected_bookings_year, currency, compact=True))

        untargeted = all(side is None or side.target_coverage is None for side in (targets.before, targets.after))
        item = QTableWidgetItem("" if untargeted else f"{coverage(targets.before)} → {coverage(targets.after)}")
        if targets.after is not None and targets.after.target_verdict is not None:
            item.setForeground(theme.target(targets.after.target_verdict)[0])
        item.setToolTip(f"{detail(targets.before)} → {detail(targets.after)}")
        return item

    @staticmethod
    def _balance_item(balance: BalanceChange, theme: Theme) -> QTableWidgetItem:
        """Ratio before → after, coloured by the verdict after, bold when the verdict changed."""
        missing = balance.verdict_before is None and balance.verdict_after is None
        item = QTableWidgetItem("" if missing else f"{_ratio(balance.before)} → {_ratio(balance.after)}")
        verdict = balance.verdict_after
        if verdict is not None:
            item.setForeground(theme.verdict(verdict)[0])
        if balance.verdict_changed:
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(text.translate("Changes", "%1 → %2").replace(
                "%1", text.verdict_name(balance.verdict_before) if balance.verdict_before
                else text.translate("Changes", "no handoff")).replace(
                "%2", text.verdict_name(verdict) if verdict else text.translate("Changes", "no handoff")))
        return item

    def _fill_totals(self, comparison: Comparison, currency: str) -> None:
        before, after, delta = comparison.totals.before, comparison.totals.after, comparison.totals.delta
        money = {"annual_cost", "bookings_year"}
        labels = {"headcount": self.tr("Headcount"), "openings": self.tr("Open positions"), "fte": self.tr("FTE"),
                  "effective_fte": self.tr("Effective FTE"), "annual_cost": self.tr("Annual cost"),
                  "supply": self.tr("Opportunities / month"), "close_cap": self.tr("Closing capacity / month"),
                  "wins": self.tr("Wins / month"), "bookings_year": self.tr("Bookings / year")}
        rows: list[tuple[object, list[str]]] = []
        for name, label in labels.items():
            values = [getattr(before, name), getattr(after, name), getattr(delta, name)]
            if name in money:
                shown = [text.money(values[0], currency), text.money(values[1], currency),
                         _signed_money(values[2], currency)]
            elif name in ("headcount", "openings"):
                shown = [str(values[0]), str(values[1]), _signed(values[2], 0)]
            else:
                shown = [text.number(values[0]), text.number(values[1]), _signed(values[2])]
            rows.append((None, [label, *shown]))
        rows.append((None, [self.tr("Balanced teams"), str(comparison.teams_balanced_before),
                            str(comparison.teams_balanced_after),
                            _signed(comparison.teams_balanced_after - comparison.teams_balanced_before, 0)]))
        rows += self._target_rows(comparison.targets, currency)
        self._fill(self.totals, rows)

    def _target_rows(self, targets: TargetChange, currency: str) -> list[tuple[object, list[str]]]:
        """Target, expected bookings over the next 12 months and coverage before → after (docs/model.md §9)."""
        before, after = targets.before, targets.after
        assert before is not None and after is not None  # the organisation is in both scenarios

        def target(side: TargetFigures) -> str:
            return "—" if side.target_bookings is None else text.money(side.target_bookings, currency)

        def coverage(side: TargetFigures) -> str:
            return "—" if side.target_coverage is None else text.percent(side.target_coverage)

        moved = "" if before.target_coverage is None or after.target_coverage is None else \
            _signed((after.target_coverage - before.target_coverage) * 100, 0) + " " + self.tr("pts")
        return [(None, [self.tr("Target"), target(before), target(after), ""]),
                (None, [self.tr("Expected, next 12 months"), text.money(before.expected_bookings_year, currency),
                        text.money(after.expected_bookings_year, currency),
                        _signed_money(targets.expected_delta, currency)]),
                (None, [self.tr("Target coverage"), coverage(before), coverage(after), moved])]

    @staticmethod
    def _fill(table: QTableWidget, rows: Sequence[tuple[object, list[str]]]) -> None:
        table.setRowCount(len(rows))
        for row, (key, cells) in enumerate(rows):
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 0 and key is not None:
                    item.setData(Qt.ItemDataRole.UserRole, key)
                table.setItem(row, column, item)
