"""Scenario → Suggest changes…: what may change, a background search with Stop, the answer, a preview on
the board, and Create proposal / Apply — each one undo step (docs/model.md §10)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from salesplanner.advisor import Advice, AdviceOptions, Move, Status, SuggestedHire, evaluate, unbalanced
from salesplanner.advisor.apply import apply_command, proposal_command
from salesplanner.commands import Command
from salesplanner.model import Placement, PlanError, ScenarioId
from ui import text
from ui.board.scene import Preview
from ui.dialogs.advisor_answer import SuggestionList, TeamChanges
from ui.dialogs.advisor_worker import AdviceRun, snapshot
from ui.document import DocumentChange

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

HIRES_ANY, HIRES_AT_MOST, HIRES_BUDGET, HIRES_NONE = range(4)


class AdvisorDialog(QDialog):
    """Non-modal: the board stays usable while the answer is on screen (an edit makes the answer stale)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Suggest changes"))
        self._window = window
        self._run: AdviceRun | None = None
        self.advice: Advice | None = None
        self._options = AdviceOptions()
        self._scenario_id: ScenarioId = window.document.scenario.id
        self._stale = False
        self._closed = False
        self._elapsed = QElapsedTimer()
        self._clock = QTimer(self)
        self._clock.setInterval(250)
        self._clock.timeout.connect(self._on_tick)
        self._status_text = ""

        options = QGroupBox(self.tr("What may change"), self)
        form = QFormLayout(options)
        plan = window.document.plan
        self.month = QSpinBox(self)
        self.month.setRange(0, plan.horizon_months)
        self.month.setSpecialValueText(self.tr("today"))
        self.month.setPrefix(self.tr("month "))
        self.month.setToolTip(self.tr("Hires only count once they have ramped, so a later month lets them help"))
        form.addRow(self.tr("Balanced"), self.month)
        self.moves = QCheckBox(self.tr("Move people between teams"), self)
        self.moves.setChecked(True)
        self.same_geography = QCheckBox(self.tr("Only within the same geography"), self)
        self.role_changes = QCheckBox(self.tr("Change roles (each counts as 3 moves)"), self)
        self.from_bench = QCheckBox(self.tr("Place people from the bench"), self)
        self.from_bench.setChecked(True)
        self.to_bench = QCheckBox(self.tr("Send people to the bench"), self)
        self.targets = QCheckBox(self.tr("Reach each bookings target (when set)"), self)
        self.targets.setChecked(True)
        self.targets.setToolTip(self.tr("Each team's run-rate bookings at the month, × 12, reach its target; and "
                                         "the organisation's, when the scenario has its own"))
        for box in (self.moves, self.same_geography, self.role_changes, self.from_bench, self.to_bench, self.targets):
            form.addRow("", box)
        hires = QWidget(self)
        row = QHBoxLayout(hires)
        row.setContentsMargins(0, 0, 0, 0)
        self.hires = QComboBox(self)
        self.hires.addItems([self.tr("Any number"), self.tr("At most"), self.tr("Within a budget"), self.tr("None")])
        self.max_hires = QSpinBox(self)
        self.max_hires.setRange(0, 1000)
        self.max_hires.setValue(3)
        self.budget = QDoubleSpinBox(self)
        self.budget.setRange(0, 1e9)
        self.budget.setDecimals(0)
        self.budget.setSingleStep(10_000)
        self.budget.setValue(500_000)
        self.budget.setSuffix(f" {plan.currency}")
        row.addWidget(self.hires)
        row.addWidget(self.max_hires)
        row.addWidget(self.budget, 1)
        self.hires.currentIndexChanged.connect(self._on_hires_kind)
        self._on_hires_kind(HIRES_ANY)
        form.addRow(self.tr("Hires"), hires)
        self._locked_members = frozenset(window.selection())
        focus = window.board.focus_team
        self._locked_teams = frozenset({focus}) if focus is not None and not self._locked_members else frozenset()
        self.lock_selection = QCheckBox(self._lock_label(), self)
        self.lock_selection.setEnabled(bool(self._locked_members or self._locked_teams))
        form.addRow("", self.lock_selection)
        self.time_limit = QSpinBox(self)
        self.time_limit.setRange(1, 600)
        self.time_limit.setValue(30)
        self.time_limit.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Search for at most"), self.time_limit)

        self.suggest = QPushButton(self.tr("Suggest"), self)
        self.suggest.setDefault(True)
        self.suggest.clicked.connect(self.start)
        self.stop = QPushButton(self.tr("Stop"), self)
        self.stop.setEnabled(False)
        self.stop.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setTextVisible(False)
        self.status = QLabel(self.tr("Choose what may change, then Suggest."), self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        controls = QHBoxLayout()
        controls.addWidget(self.suggest)
        controls.addWidget(self.stop)
        controls.addWidget(self.progress, 1)

        self.suggestions = SuggestionList(self)
        self.suggestions.itemChanged.connect(self._on_ticked)
        self.teams = TeamChanges(self)
        answer = QSplitter(Qt.Orientation.Vertical, self)
        answer.addWidget(self.suggestions)
        answer.addWidget(self.teams)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)

        self.preview = QCheckBox(self.tr("Show on the board"), self)
        self.preview.setChecked(True)
        self.preview.toggled.connect(self._show_preview)
        self.again = QPushButton(self.tr("Suggest again without the unticked"), self)
        self.again.clicked.connect(self.start_again)
        self.create_button = QPushButton(self.tr("Create proposal"), self)
        self.create_button.setToolTip(self.tr("A new scenario: a copy of this one with the ticked changes"))
        self.apply_button = QPushButton(self.tr("Apply to this scenario"), self)
        close = QPushButton(self.tr("Close"), self)
        self.create_button.clicked.connect(self.create_proposal)
        self.apply_button.clicked.connect(self.apply_here)
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.preview)
        bottom.addWidget(self.again)
        bottom.addStretch(1)
        for button in (self.create_button, self.apply_button, close):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addWidget(options)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(answer, 1)
        layout.addWidget(self.totals)
        layout.addLayout(bottom)
        self._update_buttons()
        window.document.changed.connect(self._on_plan_changed)
        screen = window.screen().availableGeometry()
        # Wide enough for the team table's eight columns on a 1600-pixel screen; at most five eighths of
        # the screen, so the board's preview stays in sight beside it.
        self.resize(min(1000, screen.width() * 5 // 8), min(680, screen.height() - 40))

    # --- options -------------------------------------------------------------------------------------

    def _lock_label(self) -> str:
        if self._locked_members:
            return self.tr("Keep the %1 selected people where they are").replace("%1", str(len(self._locked_members)))
        if self._locked_teams:
            team = self._window.document.scenario.teams[next(iter(self._locked_teams))]
            return self.tr("Keep the team %1 as it is").replace("%1", team.name)
        return self.tr("Keep the selected people or team as they are (none selected)")

    def _on_hires_kind(self, kind: int) -> None:
        self.max_hires.setVisible(kind == HIRES_AT_MOST)
        self.budget.setVisible(kind == HIRES_BUDGET)

    def options(self) -> AdviceOptions:
        kind = self.hires.currentIndex()
        locked = self.lock_selection.isChecked()
        return AdviceOptions(
            at_month=self.month.value(), moves=self.moves.isChecked(), same_geography=self.same_geography.isChecked(),
            role_changes=self.role_changes.isChecked(), from_bench=self.from_bench.isChecked(),
            to_bench=self.to_bench.isChecked(), hires=kind != HIRES_NONE, reach_targets=self.targets.isChecked(),
            max_hires=self.max_hires.value() if kind == HIRES_AT_MOST else None,
            hire_budget=self.budget.value() if kind == HIRES_BUDGET else None,
            locked_members=self._locked_members if locked else frozenset(),
            locked_teams=self._locked_teams if locked else frozenset(),
            time_limit=float(self.time_limit.value()))

    # --- searching -----------------------------------------------------------------------------------

    def start(self, options: AdviceOptions | None = None) -> None:
        """Search in the background with these options (by default, the ones on screen)."""
        if self._run is not None:
            return
        document = self._window.document
        self._options = options if isinstance(options, AdviceOptions) else self.options()
        self._scenario_id = document.scenario.id
        self._set_advice(None)
        self._run = AdviceRun(snapshot(document.plan), self._scenario_id, self._options, self)
        self._run.progressed.connect(self._on_progress)
        self._run.finished.connect(self._on_finished)
        self._run.failed.connect(self._on_failed)
        self._run.cancelled.connect(self._on_cancelled)
        self._status_text = self.tr("Searching…")
        self._elapsed.start()
        self._clock.start()
        self.progress.setRange(0, 0)  # busy
        self._run.start()
        self._update_buttons()
        self._on_tick()

    def start_again(self) -> None:
        """Search again, keeping the unticked moves' people where they are and the unticked hires out."""
        moves, hires = self.suggestions.chosen(ticked=False)
        options = replace(self._options,
                          locked_members=self._options.locked_members | {move.member for move in moves},
                          forbidden_hires=self._options.forbidden_hires
                          | {Placement(hire.team, hire.role) for hire in hires})
        self.start(options)

    def cancel(self) -> None:
        if self._run is not None:
            self._status_text = self.tr("Stopping…")
            self._run.stop()

    def _on_tick(self) -> None:
        seconds = self._elapsed.elapsed() / 1000 if self._elapsed.isValid() else 0.0
        self.status.setText(self.tr("%1 %2 s of at most %3 s").replace("%1", self._status_text)
                            .replace("%2", text.number(seconds, 0)).replace("%3", str(int(self._options.time_limit))))

    def _on_progress(self, message: str) -> None:
        self._status_text = message

    def _finish_run(self) -> None:
        if self._run is not None:
            self._run.wait()
            self._run.deleteLater()
            self._run = None
        self._clock.stop()
        self.progress.setRange(0, 1)
        self._update_buttons()

    def _on_finished(self, advice: Advice) -> None:
        self._finish_run()
        self._stale = False
        self._set_advice(advice)

    def _on_failed(self, message: str) -> None:
        self._finish_run()
        self.status.setText(message)

    def _on_cancelled(self) -> None:
        self._finish_run()
        self.status.setText(self.tr("Stopped. Nothing was suggested."))

    # --- the answer ----------------------------------------------------------------------------------

    def _set_advice(self, advice: Advice | None) -> None:
        self.advice = advice
        document = self._window.document
        self.suggestions.blockSignals(True)
        self.suggestions.show_advice(document.plan, self._scenario_id, advice)
        self.suggestions.blockSignals(False)
        self.teams.show_outcomes(advice.teams if advice else (), document.plan.currency)
        self.status.setText(self._headline(advice) if advice else "")
        self.totals.setText(self._totals(advice) if advice else "")
        self._show_preview()
        self._update_buttons()

    def _headline(self, advice: Advice) -> str:
        when = self.tr("today") if advice.month == 0 else \
            self.tr("at month %1 (%2)").replace("%1", str(advice.month)).replace(
                "%2", text.date_text(advice.on) if advice.on else "")
        notes = "".join(f"\n{note}" for note in advice.notes)
        if advice.status is Status.INFEASIBLE:
            return self.tr("No answer under these limits. %1").replace("%1", str(advice.reason or "")) + notes
        if not advice.moves and not advice.hires:
            return self.tr("Every team is already balanced %1.").replace("%1", when) + notes
        currency = self._window.document.plan.currency
        parts = []
        if advice.hires:
            hires = self.tr("1 hire") if len(advice.hires) == 1 else \
                self.tr("%1 hires").replace("%1", str(len(advice.hires)))
            parts.append(self.tr("%1 (%2 a year)").replace("%1", hires).replace(
                "%2", text.money(advice.hire_cost, currency)))
        if advice.moves:
            parts.append(self.tr("1 move") if len(advice.moves) == 1 else
                         self.tr("%1 moves").replace("%1", str(len(advice.moves))))
        found = self.tr("every team balanced %1 with %2.").replace("%1", when).replace(
            "%2", self.tr(" and ").join(parts))
        if advice.status is Status.OPTIMAL:
            return self.tr("Best answer: %1").replace("%1", found) + notes
        return self.tr("Good answer (the search stopped %1 % from proving it the best): %2").replace(
            "%1", text.number(100 * (advice.gap or 0), 1)).replace("%2", found) + notes

    def _totals(self, advice: Advice) -> str:
        if not advice.teams:
            return ""
        currency = self._window.document.plan.currency
        cost = [sum(t.before.annual_cost for t in advice.teams), sum(t.after.annual_cost for t in advice.teams)]
        bookings = [12 * sum(t.before.bookings for t in advice.teams), 12 * sum(t.after.bookings for t in advice.teams)]
        balanced = [len(advice.teams) - len(unbalanced([replace(t, after=t.before) for t in advice.teams])),
                    len(advice.teams) - len(unbalanced(advice.teams))]
        line = self.tr("Annual cost %1 → %2 · bookings / year %3 → %4 · balanced teams %5 → %6 of %7").replace(
            "%1", text.money(cost[0], currency)).replace("%2", text.money(cost[1], currency)).replace(
            "%3", text.money(bookings[0], currency)).replace("%4", text.money(bookings[1], currency)).replace(
            "%5", str(balanced[0])).replace("%6", str(balanced[1])).replace("%7", str(len(advice.teams)))
        if advice.organisation_target:
            line += self.tr(" · organisation target %1: %2 → %3").replace(
                "%1", text.money(advice.organisation_target, currency)).replace(
                "%2", text.percent(bookings[0] / advice.organisation_target)).replace(
                "%3", text.percent(bookings[1] / advice.organisation_target))
        return line

    def _on_ticked(self, *_: object) -> None:
        self._show_preview()
        self._update_buttons()

    def _show_preview(self, *_: object) -> None:
        board = self._window.board
        moves, hires = self.suggestions.chosen()
        if not self.preview.isChecked() or self._stale or not (moves or hires):
            board.set_preview(None)
            return
        board.set_preview(Preview(moves={move.member: move.after for move in moves},
                                  hires=tuple((Placement(hire.team, hire.role), text.role_name(hire.role))
                                              for hire in hires),
                                  scenario_id=self._scenario_id))

    def _on_plan_changed(self, _change: DocumentChange) -> None:
        if self.advice is not None and not self._stale:
            self._stale = True
            self._window.board.set_preview(None)
            self.status.setText(self.tr("The plan has changed since this answer: suggest again."))
            self._update_buttons()

    def _update_buttons(self) -> None:
        running = self._run is not None
        moves, hires = self.suggestions.chosen()
        current = self.advice is not None and not self._stale
        usable = current and bool(moves or hires)
        self.suggest.setEnabled(not running)
        self.stop.setEnabled(running)
        self.again.setEnabled(not running and current and self.suggestions.chosen(ticked=False) != ([], []))
        self.create_button.setEnabled(not running and usable)
        self.apply_button.setEnabled(not running and usable)

    # --- applying ------------------------------------------------------------------------------------

    def _confirmed_choice(self) -> tuple[list[Move], list[SuggestedHire]] | None:
        """The ticked suggestions; if some are unticked and the rest leave teams unbalanced, ask first."""
        moves, hires = self.suggestions.chosen()
        if self.suggestions.chosen(ticked=False) == ([], []):
            return moves, hires
        document = self._window.document
        left = unbalanced(evaluate(document.plan, self._scenario_id, self._options, moves, hires))
        if left and QMessageBox.question(
                self, self.windowTitle(),
                self.tr("Without the unticked suggestions, %1 stay unbalanced. Go ahead?").replace(
                    "%1", ", ".join(left)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Yes:
            return None
        return moves, hires

    def create_proposal(self) -> None:
        choice = self._confirmed_choice()
        if choice is None:
            return
        document = self._window.document
        command, scenario_id = proposal_command(document.plan, self._scenario_id, *choice)
        if self._push(command):
            document.set_scenario(scenario_id)
            self._window.show_message(self.tr("Created the proposal %1").replace(
                "%1", document.plan.scenarios[scenario_id].name) + self._when_note())
            self.close()

    def _when_note(self) -> str:
        """The board shows today; an answer for a later month is seen in the timeline."""
        if self._options.at_month == 0:
            return ""
        return self.tr(" — balanced at month %1: the board shows today, View → Timeline shows month by month").replace(
            "%1", str(self._options.at_month))

    def apply_here(self) -> None:
        choice = self._confirmed_choice()
        if choice is None:
            return
        if self._push(apply_command(self._scenario_id, *choice)):
            self._window.document.set_scenario(self._scenario_id)
            self._window.show_message(self.tr("Applied the suggested changes") + self._when_note())
            self.close()

    def _push(self, command: Command) -> bool:
        try:
            self._window.document.push(command)
        except PlanError as error:
            self.status.setText(str(error))
            return False
        return True

    def done(self, result: int) -> None:
        """Closing stops a search still running and takes the preview off the board."""
        if self._run is not None:
            self._run.wait()
            self._run = None
        self._clock.stop()
        self._window.board.set_preview(None)
        if not self._closed:
            self._closed = True
            self._window.document.changed.disconnect(self._on_plan_changed)
        super().done(result)


def run_advisor(window: MainWindow) -> AdvisorDialog:
    dialog = AdvisorDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

