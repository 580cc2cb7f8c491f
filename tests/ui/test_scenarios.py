"""Scenarios, the warnings panel, and adding or deleting people, openings and teams — all undoable."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from salesplanner.model import MemberId, Placement
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, DialogAnswers, click
from ui.board.items import ChipItem
from ui.window.main_window import MainWindow

DITA, BO = MemberId("p-dita"), MemberId("p-bo")
Button = QMessageBox.StandardButton


def scenario_names(window: MainWindow) -> list[str]:
    return [window.scenario_box.itemText(i) for i in range(window.scenario_box.count())]


def chips_in(window: MainWindow, team: str, role: Role) -> list[str]:
    lane = window.board.lane(team, role)  # type: ignore[arg-type]
    return [] if lane is None else [c.data_.name for c in lane.childItems() if isinstance(c, ChipItem)]


def test_duplicate_starts_a_proposal_as_a_copy_and_undo_removes_it(window: MainWindow) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert scenario_names(window) == ["Today (baseline)", "Today (copy)"]
    assert window.scenario_box.currentText() == "Today (copy)"
    assert chips_in(window, SMB, Role.SDR_OUTBOUND) == ["Dita Moe", "Eva Toft"]
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))  # the proposal changes…
    window.scenario_box.setCurrentIndex(0)
    window.scenario_box.activated.emit(0)
    assert window.document.scenario.name == "Today"
    assert chips_in(window, SMB, Role.SDR_OUTBOUND) == ["Dita Moe", "Eva Toft"]  # …today does not
    window.actions_.undo.trigger()  # the move
    window.actions_.undo.trigger()  # the duplicate
    assert scenario_names(window) == ["Today (baseline)"]


def test_switching_scenario_relays_the_board(window: MainWindow) -> None:
    window.actions_.duplicate_scenario.trigger()
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))
    assert chips_in(window, ENTERPRISE, Role.AE) == ["Ana Berg", "Dita Moe"]
    window.scenario_box.setCurrentIndex(0)
    window.scenario_box.activated.emit(0)
    assert chips_in(window, ENTERPRISE, Role.AE) == ["Ana Berg"]
    assert window.summary.bookings.value.text() == "€ 2.40 M"


def test_rename_mark_baseline_and_delete_with_confirmation_all_undo(window: MainWindow,
                                                                   dialogs: DialogAnswers) -> None:
    window.actions_.duplicate_scenario.trigger()

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Market teams")
        dialog.accept()

    dialogs.queue(rename)
    window.actions_.rename_scenario.trigger()
    assert window.scenario_box.currentText() == "Market teams"
    window.actions_.make_baseline.trigger()
    assert scenario_names(window) == ["Today", "Market teams (baseline)"]
    dialogs.queue(click(Button.Cancel))
    window.actions_.delete_scenario.trigger()
    assert len(scenario_names(window)) == 2
    dialogs.queue(click(Button.Yes))
    window.actions_.delete_scenario.trigger()
    assert scenario_names(window) == ["Today (baseline)"]  # the remaining one becomes the baseline
    assert window.document.undo_stack.undoText() == "Remove scenario Market teams"
    window.actions_.undo.trigger()
    assert scenario_names(window) == ["Today", "Market teams (baseline)"]


def test_the_last_scenario_cannot_be_deleted(window: MainWindow) -> None:
    window.actions_.delete_scenario.trigger()
    assert scenario_names(window) == ["Today (baseline)"]
    assert window.statusBar().currentMessage() == "A plan needs at least one scenario."


def test_clicking_a_warning_selects_and_reveals_its_team(window: MainWindow) -> None:
    window.show_warnings()
    texts = [str(w.text) for w in window.warnings.model.warnings]
    # Hand-computed in test_board: Enterprise 1.20 overloaded / 0.75 underused, SMB 2.40 / 0.75.
    assert "Nordic SMB: closers overloaded: 14 opportunities/month not worked" in texts
    assert texts.index("Nordic SMB: closers overloaded: 14 opportunities/month not worked") > 0
    row = texts.index("Nordic SMB: closers overloaded: 14 opportunities/month not worked")
    view = window.warnings.view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.visualRect(window.warnings.model.index(row)).center())
    assert window.board.focus_team == SMB
    assert window.board.card(SMB).selected_team
    assert window.details.title.text() == "Nordic SMB"


def test_warnings_follow_the_plan(window: MainWindow) -> None:
    window.show_warnings()
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))
    texts = [str(w.text) for w in window.warnings.model.warnings]
    assert "Nordic SMB: closers overloaded: 2 opportunities/month not worked" in texts
    assert "Nordic SMB: closers overloaded: 14 opportunities/month not worked" not in texts
    assert window.summary.warnings.value.text() == str(window.document.analysis.totals.warning_count)


def test_add_person_and_opening_from_a_lane_and_a_team_from_the_toolbar(window: MainWindow) -> None:
    person = window.editing.add_person(Placement(SMB, Role.AE))
    assert chips_in(window, SMB, Role.AE) == ["Cai Lund", "New person"]
    assert window.board.selected_member_ids() == [person]
    opening = window.editing.add_opening(Placement(ENTERPRISE, Role.AM))
    assert opening is not None and window.board.chip(opening).data_.opening
    assert window.board.chip(opening).data_.name == "AM (new hire)"
    window.actions_.add_team.trigger()
    assert len(window.board.cards()) == 3
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    window.actions_.undo.trigger()
    assert len(window.board.cards()) == 2 and chips_in(window, SMB, Role.AE) == ["Cai Lund"]
    assert person not in window.document.plan.people


def test_deleting_people_asks_first_and_is_undoable(window: MainWindow, dialogs: DialogAnswers) -> None:
    window.board.select_members([BO])
    window.view.setFocus()
    dialogs.queue(click(Button.Cancel))
    window.actions_.delete.trigger()
    assert BO in window.document.plan.people
    dialogs.queue(click(Button.Yes))
    window.actions_.delete.trigger()
    assert dialogs.seen[-1] == "Delete Bo Dahl from the plan? People leave every scenario."
    assert BO not in window.document.plan.people and window.board.lane(ENTERPRISE, Role.SDR_OUTBOUND) is None
    window.actions_.undo.trigger()
    assert chips_in(window, ENTERPRISE, Role.SDR_OUTBOUND) == ["Bo Dahl"]


def test_deleting_a_team_sends_its_members_to_the_bench_and_undo_restores(window: MainWindow,
                                                                         dialogs: DialogAnswers) -> None:
    card = window.board.card(ENTERPRISE)
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.view.mapFromScene(card.sceneBoundingRect().topLeft() + QPointF(30, 20)))
    dialogs.queue(click(Button.Yes))
    window.actions_.delete.trigger()
    assert dialogs.seen == ["Delete the team “Nordic Enterprise”? Its 3 members go to the bench."]
    assert ENTERPRISE not in window.board.cards()
    assert window.bench.model.rowCount() == 4  # Ana, Bo, Gus and Finn
    window.actions_.undo.trigger()
    assert chips_in(window, ENTERPRISE, Role.AE) == ["Ana Berg"]
    assert window.bench.model.rowCount() == 1
