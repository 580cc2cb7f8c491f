"""File → Import roster: preview a roster file, fix which column feeds which field and which role each job
title means, name the plan, and see — before anything is imported — how many people, openings and teams
the import gives and which rows it leaves out.

The import makes a new plan holding only the roster's teams; matching them to the open plan's teams (and
so taking their markets) is an option the user must tick. Column and title choices are remembered for
the next import (``import_memory``).

The dialog gets a table already read (``read_roster`` and its one-sentence errors are the caller's), so it
never touches the disk. Every mapping change reruns the core's ``build_plan_from_roster`` on the whole
table, debounced, in a worker thread: a 200,000-row roster takes seconds to build, and the combos must
stay usable meanwhile. Only the newest build's outcome is shown, and Import uses exactly that outcome.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLocale, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from salesplanner.model import PlanError, Team
from salesplanner.roles import Role
from salesplanner.roster.build import ColumnMapping, Field, RosterImport, build_plan_from_roster
from salesplanner.roster.columns import normalise_header
from salesplanner.roster.files import RosterTable
from salesplanner.roster.naming import default_plan_name, suggest_plan_name
from salesplanner.roster.titles import title_counts
from ui.dialogs.import_memory import remember_columns, remember_titles, remembered_columns, remembered_titles
from ui.dialogs.import_models import ImportMessagesModel, RosterPreviewModel, cell_text, field_label
from ui.dialogs.import_titles import TitleRolesWidget
from ui.folders import Folder, remember_folder, start_folder
from ui.two_lines import wrap_in_two_lines

DEBOUNCE_MS = 150
"""Long enough to let a user scroll through a combo's choices with the arrow keys without a build per step."""
SLOW_BUILD_S = 0.3
"""A build running longer than this says so, instead of leaving the previous figures on screen unexplained."""


class BuildInputs(NamedTuple):
    """What an import is built from, besides the table: compared to tell a stale build from a current one."""

    mapping: ColumnMapping
    titles: tuple[tuple[str, Role | None], ...]
    match_teams: bool


class RosterImportDialog(QDialog):
    """The roster's preview, its column mapping and the import that mapping gives, live."""

    result_changed = Signal()
    """The result section now shows the import of the current mapping (or why there is none)."""

    def __init__(self, table: RosterTable, currency: str = "EUR", teams: Iterable[Team] = (), *,
                 as_of: date | None = None, open_plan: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import roster"))
        self.table = table
        self._currency, self._as_of = currency, as_of
        self._teams = tuple(teams)
        self._mapping = ColumnMapping.guess(table.headers, remembered_columns())
        self._remembered_titles = remembered_titles()
        self._import: RosterImport | None = None
        self._error: str | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future[RosterImport | PlanError | None] | None = None
        self._latest = [0]
        """Generation of the newest build; a queued build that is no longer the newest skips its work."""
        self._started = 0.0
        self._building: BuildInputs | None = None
        """What the running build is for: its outcome is shown only while those are still the choices."""
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_build)
        self._poll = QTimer(self, interval=25)  # results are collected on the GUI thread, never pushed from the worker
        self._poll.timeout.connect(self._collect)

        self.title = QLabel(self._title_text(), self)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.preview_model = RosterPreviewModel(table, self._mapping)
        self.preview = self._preview_view()
        self.mapping_combos: list[QComboBox] = []
        self.messages_model = ImportMessagesModel()
        self.messages = QListView(self)
        self.messages.setModel(self.messages_model)
        # Each model belongs to its view, so the view is gone before its model is deleted. Left to Python,
        # the garbage collector could delete a model first while its view still asks it for rows ("pure
        # virtual method called", an abort).
        self.preview_model.setParent(self.preview)
        self.messages_model.setParent(self.messages)
        wrap_in_two_lines(self.messages)  # thousands of lines, each sentence whole
        self.messages.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.messages.setAlternatingRowColors(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        summary_font = QFont(self.summary.font())
        summary_font.setWeight(QFont.Weight.DemiBold)
        self.summary.setFont(summary_font)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLabel(self)
        self.reason.setObjectName("hint")
        self.reason.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.import_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))
        self.cancel_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.plan_name = QLineEdit(suggest_plan_name(table, self._mapping), self)
        self.plan_name.setPlaceholderText(default_plan_name())
        self.plan_name.setToolTip(self.tr("The plan's name: the title of its workbook, slides and printouts"))
        self.match_teams = QCheckBox(self.tr("Match team names to the open plan “%1” (such teams keep its markets)")
                                     .replace("%1", open_plan or ""), self)
        self.match_teams.setVisible(bool(self._teams))
        self.match_teams.toggled.connect(lambda _checked: self._debounce.start())
        self.titles = TitleRolesWidget(self)
        self.titles.changed.connect(self._debounce.start)
        self._title_column = self._mapping.role_column()
        self._refresh_titles()
        self._lay_out()
        self._show_details()
        self._fit_to_screen()
        self._start_build()

    # --- building the widgets ------------------------------------------------------------------------

    def _title_text(self) -> str:
        table = self.table
        name = table.source if table.sheet is None else \
            self.tr("%1, sheet “%2”").replace("%1", table.source).replace("%2", table.sheet)
        rows = len(table.rows)
        count = self.tr("1 data row") if rows == 1 else self.tr("%Ln data rows", "", rows)
        return self.tr("%1 · %2").replace("%1", name).replace("%2", count)

    def _preview_view(self) -> QTableView:
        view = QTableView(self)
        view.setModel(self.preview_model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        view.horizontalHeader().setStretchLastSection(True)
        # Five rows at least: on a 1280 × 720 screen the column list scrolls rather than the preview vanishing.
        row = view.verticalHeader().defaultSectionSize()
        view.setMinimumHeight(2 * row + 5 * row + view.horizontalScrollBar().sizeHint().height())
        self._fit_preview_columns(range(self.preview_model.columnCount()), view)
        return view

    def _fit_preview_columns(self, columns: Iterable[int], view: QTableView | None = None) -> None:
        """Columns as wide as their cells ("185.000 → 185,000" once read), but a long note must not push
        the rest away."""
        view = view or self.preview
        for column in columns:
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, min(view.columnWidth(column), 260))

    def _mapping_area(self) -> QScrollArea:
        """One row per file column: its name, the field it feeds (a combo), and a sample value."""
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(2, 1)
        for column, header in enumerate(self.table.headers):
            label = QLabel(header, inner)
            combo = QComboBox(inner)
            combo.addItem(self.tr("Ignore this column"), None)
            for field in Field:
                combo.addItem(field_label(field), field.value)
            combo.setCurrentIndex(self._combo_index(self._mapping.fields[column]))
            combo.activated.connect(lambda index, column=column: self._push_field(column, index))
            label.setBuddy(combo)
            sample = next((text for row in self.table.rows[:20] if (text := cell_text(row[column]).strip())), "")
            example = QLabel(self.tr("e.g. %1").replace("%1", sample) if sample else "", inner)
            example.setObjectName("hint")
            example.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(label, column, 0)
            grid.addWidget(combo, column, 1)
            grid.addWidget(example, column, 2)
            self.mapping_combos.append(combo)
        grid.setRowStretch(len(self.table.headers), 1)
        area = QScrollArea(self)
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        return area

    def _lay_out(self) -> None:
        preview_box = QGroupBox(self._preview_caption(), self)
        QVBoxLayout(preview_box).addWidget(self.preview)
        self.steps = QTabWidget(self)
        self.steps.addTab(self._mapping_area(), self.tr("Columns"))
        self.steps.addTab(self.titles, self._titles_caption())
        form = QFormLayout()
        form.addRow(self.tr("Plan &name"), self.plan_name)
        form.addRow("", self.match_teams)
        result_box = QGroupBox(self.tr("Result"), self)
        result = QVBoxLayout(result_box)
        result.addWidget(self.summary)
        result.addWidget(self.details)
        result.addWidget(self.messages, 1)
        left = QVBoxLayout()
        left.addWidget(self.steps, 1)
        left.addLayout(form)
        lower = QHBoxLayout()
        lower.addLayout(left, 2)
        lower.addWidget(result_box, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reason, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(preview_box, 2)
        layout.addLayout(lower, 3)
        layout.addLayout(bottom)

    def _fit_to_screen(self) -> None:
        """1100 × 760 where there is room; on a 1280 × 720 laptop, what its screen leaves."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1100, 760
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _titles_caption(self) -> str:
        count = len(self.titles.titles)
        return self.tr("Titles (%1)").replace("%1", QLocale().toString(count)) if count else self.tr("Titles")

    def _refresh_titles(self) -> None:
        """The Titles step lists the titles of the column roles are read from."""
        self.titles.set_titles(title_counts(self.table, self._mapping), self._remembered_titles)

    def _preview_caption(self) -> str:
        shown, total = self.preview_model.rowCount(), len(self.table.rows)
        if shown == total:
            return self.tr("Preview")
        return self.tr("Preview: the first %1 of %2 rows").replace("%1", QLocale().toString(shown)) \
            .replace("%2", QLocale().toString(total))

    @staticmethod
    def _combo_index(field: Field | None) -> int:
        return 0 if field is None else list(Field).index(field) + 1

    # --- the mapping ---------------------------------------------------------------------------------

    @property
    def mapping(self) -> ColumnMapping:
        return self._mapping

    def _push_field(self, column: int, index: int) -> None:
        """The user chose a field for a column; a column that held it before lets it go."""
        data = self.mapping_combos[column].itemData(index)
        self.set_mapping(self._mapping.with_field(column, None if data is None else Field(data)))

    def set_mapping(self, mapping: ColumnMapping) -> None:
        """Show ``mapping`` in the combos and the preview, and rebuild the result once the user pauses."""
        if mapping == self._mapping:
            return
        self._mapping = mapping
        for combo, field in zip(self.mapping_combos, mapping.fields, strict=True):
            wanted = self._combo_index(field)
            if combo.currentIndex() != wanted:
                with QSignalBlocker(combo):
                    combo.setCurrentIndex(wanted)
        self.preview_model.set_mapping(mapping)
        if mapping.role_column() != self._title_column:
            self._title_column = mapping.role_column()
            self._refresh_titles()
            self.steps.setTabText(self.steps.indexOf(self.titles), self._titles_caption())
        self._show_details()
        self._debounce.start()

    # --- the result ----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A build is waiting or running: the result section does not show the current mapping yet."""
        return self._debounce.isActive() or self._future is not None

    def _inputs(self) -> BuildInputs:
        """Everything the import depends on, as the widgets now say."""
        return BuildInputs(self._mapping, tuple(sorted(self.titles.choices().items())), self.match_teams.isChecked())

    def _start_build(self) -> None:
        self._debounce.stop()
        self._latest[0] += 1
        generation, latest = self._latest[0], self._latest
        inputs = self._inputs()
        table, currency, as_of = self.table, self._currency, self._as_of
        teams = self._teams if inputs.match_teams else ()

        def build() -> RosterImport | PlanError | None:
            if generation != latest[0]:
                return None  # a newer mapping is queued behind this one
            try:
                return build_plan_from_roster(table, inputs.mapping, currency=currency, as_of=as_of, teams=teams,
                                              titles=dict(inputs.titles))
            except PlanError as error:
                return error

        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="roster-import")
        self._future = self._executor.submit(build)
        self._building = inputs
        self._started = time.monotonic()
        self._poll.start()

    def _collect(self, *, wait: bool = False) -> None:
        future = self._future
        if future is None:
            self._poll.stop()
            return
        if not wait and not future.done():
            if time.monotonic() - self._started > SLOW_BUILD_S:
                self.summary.setText(self.tr("Working out the import of %Ln rows…", "", len(self.table.rows)))
            return
        self._poll.stop()
        self._future = None
        outcome = future.result()
        # A choice changed while this build ran is still waiting for its debounce: these figures are stale.
        if outcome is not None and self._building == self._inputs():
            self._show_result(outcome)

    def _show_result(self, outcome: RosterImport | PlanError) -> None:
        self._import = outcome if isinstance(outcome, RosterImport) else None
        self._error = str(outcome) if isinstance(outcome, PlanError) else None
        imported = self._import
        if imported is None:
            self.summary.setText(self._error or "")
            self.preview_model.set_problems(())
            self.preview_model.set_readers({})
            self.messages_model.set_messages((), ())
            # The core's sentence says what is wrong; the line by the button says what to do about it.
            self._set_importable(self.tr("To import, choose the column that holds the names.")
                                 if Field.NAME not in self._mapping.fields else self._error)
        else:
            self.summary.setText(self._summary_text(imported))
            self.preview_model.set_problems(imported.problems)
            newly_read = imported.readers.keys() - self.preview_model.readers.keys()
            self.preview_model.set_readers(imported.readers)
            self._fit_preview_columns(newly_read)
            self.messages_model.set_messages(imported.problems, imported.warnings)
            empty = imported.people + imported.openings == 0
            self._set_importable(self.tr("Nothing to import: no row gives a person or an opening.") if empty else None)
        self._show_details()
        self.result_changed.emit()

    def _set_importable(self, reason: str | None) -> None:
        self.import_button.setEnabled(reason is None)
        self.reason.setText(reason or "")

    def _summary_text(self, imported: RosterImport) -> str:
        """'42 people, 3 openings and 4 teams will be imported; 2 rows have problems and will not be imported'."""
        people = self.tr("1 person") if imported.people == 1 else self.tr("%Ln people", "", imported.people)
        openings = self.tr("1 opening") if imported.openings == 1 else \
            self.tr("%Ln openings", "", imported.openings)
        teams = self.tr("1 team") if imported.teams == 1 else self.tr("%Ln teams", "", imported.teams)
        if imported.matched_teams:  # the user asked to match the open plan's teams
            teams = self.tr("%1 (%Ln from the open plan)", "", imported.matched_teams).replace("%1", teams)
        text = self.tr("%1, %2 and %3 will be imported").replace("%1", people).replace("%2", openings) \
            .replace("%3", teams)
        bad = imported.rows_with_problems
        if bad:
            rows = self.tr("1 row has problems and will not be imported") if bad == 1 else \
                self.tr("%Ln rows have problems and will not be imported", "", bad)
            text = self.tr("%1; %2").replace("%1", text).replace("%2", rows)
        return text

    def _show_details(self) -> None:
        """Details under the summary: the bench, the warnings, and which columns the import leaves unread."""
        lines = []
        imported = self._import
        if imported is not None:
            lines += [str(note)[:1].upper() + str(note)[1:] for note in imported.notes]
            if imported.on_bench:
                lines.append(self.tr("1 on the bench (no team or no known role)") if imported.on_bench == 1 else
                             self.tr("%Ln on the bench (no team or no known role)", "", imported.on_bench))
            if not imported.problems and not imported.warnings:
                lines.append(self.tr("Every row imports as it is."))
        ignored = [self.table.headers[column] for column in self._mapping.ignored()]
        if ignored:
            lines.append(self.tr("Ignored columns: %1").replace("%1", ", ".join(ignored)))
        self.details.setText("\n".join(lines))

    # --- the outcome ---------------------------------------------------------------------------------

    def accept(self) -> None:
        """Import exactly what the final mapping gives: a change still waiting for its build is built first."""
        if self._debounce.isActive():
            self._start_build()
        if self._future is not None:
            self._collect(wait=True)
        if self._import is None:
            return
        self._import.plan.name = self.plan_name.text().strip() or default_plan_name()
        remember_columns(self._mapping.choices(self.table.headers), map(normalise_header, self.table.headers))
        remember_titles(self.titles.choices(), (title.key for title in self.titles.titles))
        super().accept()

    def done(self, code: int) -> None:
        super().done(code)
        self._debounce.stop()
        self._poll.stop()
        self._future = None
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None

    def result(self) -> RosterImport | None:  # type: ignore[override]
        """The import built with the final mapping once the dialog was accepted; None otherwise.
        (QDialog's own result code stays available as ``QDialog.result(dialog)`` and from ``exec()``.)"""
        return self._import if QDialog.result(self) == QDialog.DialogCode.Accepted else None


def ask_roster_path(parent: QWidget | None, plan_path: Path | None = None) -> Path | None:
    """The roster file the user picks, or None. A function of its own so that tests can replace it."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("RosterImportDialog", "Import roster"),
        str(start_folder(Folder.ROSTERS, plan_path)),
        QCoreApplication.translate("RosterImportDialog", "Rosters (*.csv *.xlsx)"))
    if not chosen:
        return None
    remember_folder(Folder.ROSTERS, Path(chosen))
    return Path(chosen)
