"""The hiring plan: every opening of the scenario on screen — where it sits, when it starts, what it costs,
when it is fully productive (issue 6), read from the core's ``hiring_plan`` — and what it adds to the
target year's expected bookings and the last month it could start and still add anything
(``targets.hire_contributions``, docs/model.md §9). A summary line above the table gives the totals a VP
quotes; the "+ Opening" button asks the window to add one.

The hiring plan is linear in the openings, so the panel simply re-reads it after every change while it
is seen; an opening's contribution depends only on its team, so after a change only the openings of the
teams it touched are worked out again."""

from __future__ import annotations

from datetime import date
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from salesplanner.model import MemberId, OpeningId, Plan, TeamId
from salesplanner.roles import ROLE_ORDER
from salesplanner.targets import HireContribution, hire_contributions
from salesplanner.timeline import Hire, calendar_month, hiring_plan
from ui import text
from ui.document import DocumentChange, PlanDocument, Subscription
from ui.panels.timeline_chart import month_label
from ui.theme import current_theme, font

ModelIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""A column's raw value (a number, a date's ordinal, a folded name), so sorting is not by display text."""
OPENING_ID_ROLE = Qt.ItemDataRole.UserRole + 2
_LAST = 10**9
"""Sorts an opening with no value in a column after the others."""


SIZE_SAMPLE_ROWS = 40
"""Rows a content-sized column looks at to choose its width."""


class Column(IntEnum):
    OPENING = 0
    ROLE = 1
    TEAM = 2
    STARTS = 3
    START_MONTH = 4
    COST = 5
    PRODUCTIVE = 6
    ADDS = 7
    LAST_START = 8


def _short_date(on: date) -> str:
    return QLocale().toString(QDate(on.year, on.month, on.day), QLocale.FormatType.ShortFormat)


class HiringModel(QAbstractTableModel):
    """One row per opening, in the scenario's order (the view sorts through a proxy)."""

    def __init__(self) -> None:
        super().__init__()
        self.hires: tuple[Hire, ...] = ()
        self.contributions: dict[OpeningId, HireContribution] = {}
        self._as_of = date.min
        self._horizon = 0
        self._currency = "EUR"

    def set_hires(self, plan: Plan, hires: tuple[Hire, ...],
                  contributions: dict[OpeningId, HireContribution]) -> None:
        context = (plan.as_of, plan.horizon_months, plan.currency)
        if hires == self.hires and contributions == self.contributions and \
                context == (self._as_of, self._horizon, self._currency):
            return
        self.beginResetModel()
        self.hires = hires
        self.contributions = contributions
        self._as_of, self._horizon, self._currency = context
        self.endResetModel()

    def start_text(self, hire: Hire) -> str:
        """The calendar month the opening starts in (the as-of month without a start date)."""
        return month_label(hire.start_date if hire.start_date is not None else self._as_of)

    def productive_text(self, hire: Hire) -> str:
        """The calendar month of full productivity. Calendar months, not timeline months: a manager
        starting on 15 March is productive in March, though the timeline first counts her at its
        month 3, which falls on 2 April (the tooltip says so)."""
        if hire.role is None:
            return "—"  # on the bench: no role, so no ramp
        if hire.full_date is None or hire.full_month in (None, 0):
            return self.tr("at once")
        if hire.full_month is not None and hire.full_month > self._horizon:
            return self.tr("beyond the horizon")
        return month_label(hire.full_date)

    def _timeline_month(self, month: int) -> str:
        return self.tr("month %1 (%2)").replace("%1", str(month)).replace(
            "%2", month_label(calendar_month(self._as_of, month)))

    # --- Qt's model interface ------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hires)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.OPENING: self.tr("Opening"),
            Column.ROLE: self.tr("Role"),
            Column.TEAM: self.tr("Team"),
            Column.STARTS: self.tr("Starts"),
            Column.START_MONTH: self.tr("Start month"),
            Column.COST: self.tr("Annual cost"),
            Column.PRODUCTIVE: self.tr("Fully productive"),
            Column.ADDS: self.tr("Adds this year"),
            Column.LAST_START: self.tr("Last useful start"),
        }[Column(section)]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hire, column = self.hires[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hire, column)
        if role == SORT_ROLE:
            return self._sort_key(hire, column)
        if role == OPENING_ID_ROLE:
            return hire.opening_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.COST, Column.ADDS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.DecorationRole and column == Column.ROLE and hire.role is not None:
            return current_theme().role(hire.role)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.TEAM and hire.team_id is None:
            return current_theme().muted
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(hire, column)
        return None

    def _display(self, hire: Hire, column: Column) -> str:
        if column == Column.OPENING:
            return hire.title
        if column == Column.ROLE:
            return text.role_name(hire.role) if hire.role is not None else "—"
        if column == Column.TEAM:
            return hire.team_name if hire.team_name is not None else self.tr("Bench")
        if column == Column.STARTS:
            return _short_date(hire.start_date) if hire.start_date is not None else "—"
        if column == Column.START_MONTH:
            return self.start_text(hire)
        if column == Column.COST:
            return text.money(hire.annual_cost, self._currency) if hire.annual_cost is not None else "—"
        if column == Column.PRODUCTIVE:
            return self.productive_text(hire)
        contribution = self.contributions.get(hire.opening_id)
        if contribution is None:
            return "—"  # on the bench, or a role that books nothing (account managers, managers)
        if column == Column.ADDS:
            return text.money(contribution.contribution, self._currency, compact=True)
        if contribution.last_useful_month is None:
            return self.tr("none this year")
        return month_label(calendar_month(self._as_of, contribution.last_useful_month))

    def _sort_key(self, hire: Hire, column: Column) -> object:
        if column == Column.OPENING:
            return hire.title.casefold()
        if column == Column.ROLE:
            return ROLE_ORDER.index(hire.role) if hire.role is not None else _LAST
        if column == Column.TEAM:
            return hire.team_name.casefold() if hire.team_name is not None else "\uffff"
        if column == Column.STARTS:
            return hire.start_date.toordinal() if hire.start_date is not None else 0
        if column == Column.START_MONTH:
            return hire.start_month
        if column == Column.COST:
            return float(hire.annual_cost) if hire.annual_cost is not None else -1.0
        if column in (Column.ADDS, Column.LAST_START):
            contribution = self.contributions.get(hire.opening_id)
            if contribution is None:
                return -1.0
            if column == Column.ADDS:
                return contribution.contribution
            return -1 if contribution.last_useful_month is None else contribution.last_useful_month
        if hire.role is None:
            return _LAST
        return hire.full_date.toordinal() if hire.full_date is not None and hire.full_month else 0

    def _tooltip(self, hire: Hire, column: Column) -> str | None:
        if column == Column.START_MONTH:
            return self.tr("The timeline counts it from %1").replace("%1", self._timeline_month(hire.start_month))
        if column == Column.PRODUCTIVE and hire.full_date is not None and hire.full_month is not None:
            return self.tr("Fully productive from %1; at full capacity in the timeline from %2").replace(
                "%1", _short_date(hire.full_date)).replace("%2", self._timeline_month(hire.full_month))
        if column == Column.TEAM and hire.team_id is None:
            return self.tr("On the bench: drag it into a team's lane to plan where it sits")
        if column == Column.COST and hire.annual_cost is None:
            return self.tr("No cost yet: an opening's cost defaults to its role's, once it has one")
        contribution = self.contributions.get(hire.opening_id)
        if column in (Column.ADDS, Column.LAST_START) and contribution is None and hire.role is not None:
            return self.tr("Account managers and managers add no new bookings in the model")
        if column == Column.ADDS and contribution is not None:
            if contribution.contribution == 0:
                return self.tr("Its team's expected bookings over the next 12 months are the same without it: "
                               "another stage of the team limits them")
            return self.tr("Its team's expected bookings over the next 12 months, with it rather than without it")
        if column == Column.LAST_START and contribution is not None and contribution.last_useful_month is not None:
            return self.tr("Starting by %1 it still adds to the expected bookings of the next 12 months").replace(
                "%1", self._timeline_month(contribution.last_useful_month))
        return None


class HiringPanel(QWidget):
    """A summary line, the "+ Opening" button and the table of openings."""

    add_opening_requested = Signal()
    """The user asked for a new opening (the window's "Add opening" action)."""
    opening_activated = Signal(object)
    """The MemberId of an opening the user double-clicked, to reveal on the board."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setFont(font(10, bold=True))
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_button = QPushButton(self.tr("+ Opening"), self)
        self.add_button.setToolTip(self.tr("Add an opening to the scenario on screen"))
        self.add_button.clicked.connect(lambda: self.add_opening_requested.emit())
        self.model = HiringModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.START_MONTH, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)  # measuring every row of a long plan stalls
        header.setSectionResizeMode(Column.OPENING, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.hint = QLabel(self.tr("No openings in this scenario: add one with + Opening or from a lane’s "
                                   "“+ opening” button."), self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        palette = self.hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, current_theme().muted)
        self.hint.setPalette(palette)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint, 1)
        self.document: PlanDocument | None = None
        self._stale = False
        self._contributions: dict[OpeningId, HireContribution] | None = None
        """Each placed opening's contribution; None: to be worked out for every opening."""
        self._touched: set[TeamId] = set()
        """Teams whose openings' contributions are out of date."""
        self._subscription = Subscription(changed=self._on_changed, switched=lambda: self._on_changed(None))
        self.set_document(document)

    def set_document(self, document: PlanDocument) -> None:
        self.document = document
        self._subscription.follow(document)
        self._on_changed(None)

    def _on_changed(self, change: DocumentChange | None) -> None:
        """Refresh now when seen; otherwise when next shown (a drag must not pay for a hidden table)."""
        if change is None or change.structure:
            self._contributions = None
        else:
            self._touched |= change.teams
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.opening_activated.emit(MemberId(index.data(OPENING_ID_ROLE)))

    def refresh(self) -> None:
        assert self.document is not None
        self._stale = False
        plan = self.document.plan
        scenario = self.document.scenario
        hires = hiring_plan(plan, scenario.id)
        if self._contributions is None:
            self._contributions = hire_contributions(plan, scenario.id)
        elif self._touched:
            kept = {opening_id: contribution for opening_id, contribution in self._contributions.items()
                    if opening_id in scenario.openings and (placement := scenario.assignments.get(opening_id))
                    and placement.team not in self._touched}
            self._contributions = kept | hire_contributions(plan, scenario.id, team_ids=self._touched)
        self._touched = set()
        self.model.set_hires(plan, hires, self._contributions)
        self.summary.setText(self.summary_text(plan, hires))
        self.table.setVisible(bool(hires))
        self.hint.setVisible(not hires)

    def summary_text(self, plan: Plan, hires: tuple[Hire, ...]) -> str:
        """'4 openings · € 640 k a year · all productive by Aug 27'."""
        if not hires:
            return self.tr("No openings")
        parts = [self.tr("1 opening") if len(hires) == 1 else
                 self.tr("%1 openings").replace("%1", str(len(hires)))]
        cost = sum(hire.annual_cost for hire in hires if hire.annual_cost is not None)
        parts.append(self.tr("%1 a year").replace("%1", text.money(cost, plan.currency, compact=True)))
        placed = [hire for hire in hires if hire.role is not None]
        late = [hire for hire in placed if (hire.full_month or 0) > plan.horizon_months]
        ramping = [hire.full_date for hire in placed if hire.full_date is not None and hire.full_month]
        if late:
            parts.append(self.tr("%1 not fully productive within the horizon").replace("%1", str(len(late))))
        elif ramping:
            parts.append(self.tr("all productive by %1").replace("%1", month_label(max(ramping))))
        elif placed:
            parts.append(self.tr("all productive at once"))
        benched = len(hires) - len(placed)
        if benched:
            parts.append(self.tr("%1 on the bench").replace("%1", str(benched)))
        return " · ".join(parts)
