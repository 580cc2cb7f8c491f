"""The bench: people and openings of the scenario on screen that hold no role. Searchable; a drop target
(unassign) and a drag source (assign)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from salesplanner.capacity import has_left, ramp
from salesplanner.model import MemberId, Opening, Person, Status
from ui import drag, text
from ui.board.chips import ChipData, paint_chip
from ui.board.items import CHIP_HEIGHT
from ui.board.style import Style
from ui.document import DocumentChange, PlanDocument, Subscription

MEMBER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHIP_DATA_ROLE = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex


class BenchModel(QAbstractListModel):
    """Bench members, people first (by name), then openings."""

    def __init__(self, document: PlanDocument) -> None:
        super().__init__()
        self._document = document
        self._rows: list[ChipData] = []
        self._ids: set[MemberId] = set()
        self.refresh()

    def refresh(self) -> None:
        """Re-read the bench; resets the view only when it changed."""
        plan, scenario = self._document.plan, self._document.scenario
        rows = []
        for member_id in self._document.analysis.bench():
            member = plan.member(scenario, member_id)
            assert member is not None
            rows.append(ChipData(
                member_id=member_id, name=member.name, role=None, opening=isinstance(member, Opening),
                fte=member.fte, ramp=ramp(start=member.start_date, leave=member.leave_date, ramp_months=0,
                                          on=plan.as_of),
                left=has_left(member, plan.as_of),
                leaving=isinstance(member, Person) and member.status is Status.LEAVING))
        rows.sort(key=lambda c: (c.opening, c.name.casefold(), c.member_id))
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self._ids = {row.member_id for row in rows}
            self.endResetModel()

    def shows(self, member_id: MemberId) -> bool:
        return member_id in self._ids

    def counts(self) -> tuple[int, int]:
        openings = sum(1 for row in self._rows if row.opening)
        return len(self._rows) - openings, openings

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == MEMBER_ID_ROLE:
            return row.member_id
        if role == CHIP_DATA_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return text.translate("Bench", "Open position — drag it into a team") if row.opening else \
                text.translate("Bench", "Unassigned — drag into a team")
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [drag.MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        rows = [self._rows[index.row()] for index in indexes if index.isValid()]
        return drag.encode([r.member_id for r in rows], [r.name for r in rows])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction


class ChipDelegate(QStyledItemDelegate):
    """Paints bench rows as the board paints chips."""

    def __init__(self, style: Style) -> None:
        super().__init__()
        self._style = style

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:  # noqa: N802
        return QSize(120, int(CHIP_HEIGHT) + 6)  # as wide as the list: the chip fills the row

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        data = index.data(CHIP_DATA_ROLE)
        rect = QRectF(option.rect).adjusted(2, 3, -2, -3)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        paint_chip(painter, rect, data, self._style, selected=selected)


class BenchView(QListView):
    """The list of bench chips: drag them out, drop board chips in."""

    dropped = Signal(list)
    """Member ids dropped on the bench (to unassign)."""

    def __init__(self, style: Style, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(ChipDelegate(style))
        self.setUniformItemSizes(True)  # thousands of rows paint at once (measured: 388 ms → 40 ms)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)

    def selected_member_ids(self) -> list[MemberId]:
        return [index.data(MEMBER_ID_ROLE) for index in self.selectionModel().selectedIndexes()]

    def startDrag(self, supportedActions: Qt.DropAction) -> None:  # noqa: N802, N803
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return
        mime = self.model().mimeData(indexes)
        first = indexes[0].data(CHIP_DATA_ROLE)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(200 * ratio), int(CHIP_HEIGHT * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_chip(painter, QRectF(0, 0, 200, CHIP_HEIGHT), first, self.itemDelegate()._style,  # type: ignore[attr-defined]
                   selected=True)
        painter.end()
        drag.exec_drag(self, mime, pixmap)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.source() is not self and drag.decode(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.source() is not self and drag.decode(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        ids = drag.decode(event.mimeData())
        if ids and event.source() is not self:
            self.dropped.emit(ids)
            event.acceptProposedAction()
        else:
            event.ignore()


class BenchPanel(QWidget):
    """Title with counts, a search field and the bench list."""

    def __init__(self, document: PlanDocument, style: Style, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search the bench…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.title = QLabel(self)
        self.title.setObjectName("hint")
        self.view = BenchView(style, self)
        self.view.setModel(self.proxy)
        self.empty = QLabel(self.tr("Drop people here to take them out of their team."), self)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._document: PlanDocument | None = None
        self._subscription = Subscription(changed=self._on_changed, switched=self._on_scenario_switched)
        self.set_document(document)

    def set_document(self, document: PlanDocument) -> None:
        self._document = document
        self.model = BenchModel(document)
        self.proxy.setSourceModel(self.model)
        self._subscription.follow(document)
        self._update_title()

    def _on_changed(self, change: DocumentChange) -> None:
        """Re-read the bench only when the change involved someone who is, or was, on it."""
        assert self._document is not None
        analysis = self._document.analysis
        if change.structure or any(self.model.shows(m) or analysis.on_bench(m) for m in change.change.members):
            self.model.refresh()
            self._update_title()

    def _on_scenario_switched(self) -> None:
        self.model.refresh()
        self._update_title()

    def select_member(self, member_id: MemberId) -> None:
        """Select and show the bench row of ``member_id`` (Find)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(MEMBER_ID_ROLE) == member_id:
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                self.view.setFocus()
                return

    def _update_title(self) -> None:
        people, openings = self.model.counts()
        self.title.setText(text.count(people, self.tr("1 person"), self.tr("%1 people")) + " · "
                           + text.count(openings, self.tr("1 opening"), self.tr("%1 openings")))
