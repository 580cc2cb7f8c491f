"""Qt models behind the roster import dialog: the preview of the file's first rows, whose header says
which field each column feeds, and the list of problems and warnings of the import it would make.

Both are plain Qt models over the core's values (``RosterTable``, ``ColumnMapping``, ``RowProblem``), so
the dialog only decides when to refresh them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QApplication, QStyle

from salesplanner.capacity import Verdict
from salesplanner.roster.build import ColumnMapping, ColumnReader, Field, RowProblem
from salesplanner.roster.files import Cell, RosterTable
from ui.theme import current_theme

ModelIndex = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 20

translate = QCoreApplication.translate


def field_label(field: Field) -> str:
    """A field's name as the dialog shows it: the core's ``FIELD_LABELS``, translated (a test keeps the
    English of the two tables equal; the literals are here so that lupdate finds them)."""
    return {
        Field.ID: translate("RosterFields", "ID"),
        Field.NAME: translate("RosterFields", "Name"),
        Field.TITLE: translate("RosterFields", "Job title"),
        Field.EMAIL: translate("RosterFields", "Email"),
        Field.LOCATION: translate("RosterFields", "Location"),
        Field.ROLE: translate("RosterFields", "Role"),
        Field.TEAM: translate("RosterFields", "Team"),
        Field.TEAM_ID: translate("RosterFields", "Team id"),
        Field.SEGMENT: translate("RosterFields", "Segment"),
        Field.PRODUCT_LINE: translate("RosterFields", "Product line"),
        Field.GEOGRAPHY: translate("RosterFields", "Geography"),
        Field.FTE: translate("RosterFields", "FTE"),
        Field.PRODUCTIVITY: translate("RosterFields", "Productivity"),
        Field.START_DATE: translate("RosterFields", "Start date"),
        Field.LEAVE_DATE: translate("RosterFields", "Leave date"),
        Field.ANNUAL_COST: translate("RosterFields", "Annual cost"),
        Field.STATUS: translate("RosterFields", "Status"),
    }[field]


def target_label(field: Field | None) -> str:
    """What a column feeds, for '→ …': a field, or 'ignored'."""
    return translate("RosterFields", "ignored") if field is None else field_label(field)


def value_text(value: float | date) -> str:
    """A parsed value as the user's locale writes it: "185,000" or "185.000"; a date with its month named."""
    if isinstance(value, date):
        return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")
    digits = len(f"{value:.6f}".rstrip("0").partition(".")[2])
    return QLocale().toString(value, "f", digits)


def cell_text(cell: Cell) -> str:
    """A cell as the user's locale writes it: a workbook's numbers and dates arrive as values, not text."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, float | int):
        return QLocale().toString(float(cell), "g", 12)
    if isinstance(cell, datetime) and cell.time() == datetime.min.time():
        cell = cell.date()
    if type(cell) is date:
        return QLocale().toString(QDate(cell.year, cell.month, cell.day), QLocale.FormatType.ShortFormat)
    return str(cell)


class RosterPreviewModel(QAbstractTableModel):
    """The first rows of the file. Column headers read "Full name" over "→ Name"; row headers are the
    spreadsheet's row numbers, so a problem's "row 7" can be found; rows that will not import are tinted."""

    def __init__(self, table: RosterTable, mapping: ColumnMapping, limit: int = PREVIEW_ROWS) -> None:
        super().__init__()
        self.table = table
        self.mapping = mapping
        self._rows = table.rows[:limit]
        self._numbers = table.row_numbers[:limit]
        self._problems: dict[int, list[str]] = {}
        """Reasons a previewed row will not import, by spreadsheet row number."""
        self.readers: Mapping[int, ColumnReader] = {}

    def set_readers(self, readers: Mapping[int, ColumnReader]) -> None:
        """How the import read each number and date column: its value is shown beside the text."""
        if readers is not self.readers:
            self.readers = readers
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.table.headers) - 1))

    def cell_display(self, row: int, column: int) -> str:
        """The cell as written, and — when the import reads a different number or date from text —
        what it reads: "185.000 → 185,000", "03/04/2027 → 3 Apr 2027"."""
        cell = self._rows[row][column]
        shown = cell_text(cell)
        reader = self.readers.get(column)
        if reader is None or not isinstance(cell, str) or not shown.strip():
            return shown
        try:
            value = reader.parse(cell)
        except ValueError:
            return shown
        if value is None:
            return shown
        read = value_text(value)
        return shown if read == shown.strip() else f"{shown} → {read}"

    def set_mapping(self, mapping: ColumnMapping) -> None:
        changed = [index for index, (old, new) in enumerate(zip(self.mapping.fields, mapping.fields, strict=True))
                   if old is not new]
        self.mapping = mapping
        if changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, min(changed), max(changed))
            if self._rows:
                self.dataChanged.emit(self.index(0, min(changed)), self.index(len(self._rows) - 1, max(changed)))

    def set_problems(self, problems: Iterable[RowProblem]) -> None:
        previewed = set(self._numbers)
        found: dict[int, list[str]] = {}
        for problem in problems:
            if problem.row in previewed:
                found.setdefault(problem.row, []).append(str(problem))
        if found != self._problems:
            self._problems = found
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.table.headers) - 1))

    def mapping_text(self, column: int) -> str:
        """'Region → Geography': the header on one line."""
        return f"{self.table.headers[column]} → {target_label(self.mapping.fields[column])}"

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_display(row, column)
        problems = self._problems.get(self._numbers[row])
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(problems) if problems else None
        if role == Qt.ItemDataRole.BackgroundRole and problems:
            return current_theme().verdict(Verdict.OVERLOADED)[1]
        if role == Qt.ItemDataRole.ForegroundRole and self.mapping.fields[column] is None:
            return current_theme().muted  # an ignored column's values will not reach the plan
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            return str(self._numbers[section]) if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.table.headers[section]}\n→ {target_label(self.mapping.fields[section])}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.mapping_text(section)
        if role == Qt.ItemDataRole.ForegroundRole and self.mapping.fields[section] is None:
            return current_theme().muted
        return None


@dataclass(frozen=True, slots=True)
class ImportMessage:
    problem: RowProblem
    warning: bool
    """False: the row will not be imported. True: it will, with this caveat."""


class ImportMessagesModel(QAbstractListModel):
    """Problems (rows left out) then warnings (rows imported with a caveat), one line each. A roster of
    thousands of rows can have thousands of these, hence a model for a view with uniform item sizes."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[ImportMessage] = []
        style = QApplication.style()
        self._icons = {False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                       True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)}

    def set_messages(self, problems: Sequence[RowProblem], warnings: Sequence[RowProblem]) -> None:
        messages = [ImportMessage(p, False) for p in problems] + [ImportMessage(w, True) for w in warnings]
        if messages != self.messages:
            self.beginResetModel()
            self.messages = messages
            self.endResetModel()

    def texts(self) -> list[str]:
        return [self.data(self.index(row)) for row in range(self.rowCount())]  # type: ignore[misc]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.messages)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        message = self.messages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if message.warning:
                return self.tr("Warning: %1").replace("%1", str(message.problem))
            return str(message.problem)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole sentence: a row shows two lines of it
            what = self.tr("Imported with a caveat") if message.warning else self.tr("This row will not be imported")
            return f"{message.problem}\n{what}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[message.warning]
        return None
