"""Files as a user meets them: open, save, the unsaved-changes prompt, recent files, dropped files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from salesplanner.model import MemberId, Placement
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import plan_to_dict, save_plan
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, DialogAnswers, click, two_team_plan
from ui.window.main_window import MainWindow

DITA = MemberId("p-dita")
Button = QMessageBox.StandardButton


def move_dita(window: MainWindow) -> None:
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))


def saved_plan(tmp_path: Path, name: str = "plan.salesplan") -> Path:
    path = tmp_path / name
    save_plan(two_team_plan(), path)
    return path


def test_opening_a_bad_file_explains_why_and_leaves_the_open_plan_untouched(
        window: MainWindow, tmp_path: Path, dialogs: DialogAnswers) -> None:
    bad = tmp_path / "broken.salesplan"
    text = saved_plan(tmp_path).read_text(encoding="utf-8").replace('"win_rate": 0.25', '"win_rate": 1.5', 1)
    bad.write_text(text, encoding="utf-8")
    move_dita(window)
    before_document, before_plan = window.document, plan_to_dict(window.document.plan)
    dialogs.queue(click(Button.Ok))
    assert not window.files.open_path(bad, ask=False)
    assert dialogs.seen == ['broken.salesplan: Scenario "Today", team "Nordic Enterprise": win rate must be between '
                            "0 and 1 (scenarios[0].teams[0].market.win_rate)"]
    assert window.document is before_document
    assert plan_to_dict(window.document.plan) == before_plan
    assert window.document.modified


def test_save_as_writes_the_file_and_the_title_shows_its_name(window: MainWindow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "nordic.salesplan"
    monkeypatch.setattr(window.files, "ask_save_path", lambda suggested: target)
    move_dita(window)
    assert window.isWindowModified()
    window.actions_.save_as.trigger()
    assert plan_to_dict(load_plan(target)) == plan_to_dict(window.document.plan)
    assert window.windowTitle() == "nordic.salesplan[*] — Sales Planner"
    assert not window.isWindowModified()
    assert window.files.recent()[0] == target.resolve()


def test_closing_with_unsaved_changes_asks_and_save_saves(window: MainWindow, tmp_path: Path,
                                                          dialogs: DialogAnswers) -> None:
    path = saved_plan(tmp_path)
    assert window.files.open_path(path)
    move_dita(window)
    dialogs.queue(click(Button.Save))
    assert window.close()
    assert dialogs.seen == ["Save the changes to “plan.salesplan”? Your changes will be lost if you don't save them."]
    assert load_plan(path).scenarios[window.document.scenario.id].assignments[DITA] == Placement(ENTERPRISE, Role.AE)


def test_closing_with_unsaved_changes_and_discard_leaves_the_file_as_it_was(
        window: MainWindow, tmp_path: Path, dialogs: DialogAnswers) -> None:
    path = saved_plan(tmp_path)
    window.files.open_path(path)
    before = path.read_bytes()
    move_dita(window)
    dialogs.queue(click(Button.Discard))
    assert window.close()
    assert path.read_bytes() == before


def test_closing_with_unsaved_changes_and_cancel_keeps_the_window_and_the_changes(
        window: MainWindow, dialogs: DialogAnswers) -> None:
    move_dita(window)
    dialogs.queue(click(Button.Cancel))
    assert not window.close()
    assert window.isVisible() and window.document.modified
    assert window.document.scenario.assignments[DITA] == Placement(ENTERPRISE, Role.AE)


def test_opening_another_file_over_unsaved_changes_asks_first(window: MainWindow, tmp_path: Path,
                                                               dialogs: DialogAnswers) -> None:
    other = saved_plan(tmp_path, "other.salesplan")
    move_dita(window)
    dialogs.queue(click(Button.Cancel))
    assert not window.files.open_path(other)
    assert window.document.path is None  # still the plan we were editing
    dialogs.queue(click(Button.Discard))
    assert window.files.open_path(other)
    assert window.document.path == other.resolve()
    assert not window.document.modified


def test_new_gives_an_empty_plan(window: MainWindow) -> None:
    window.document.undo_stack.setClean()
    window.actions_.new.trigger()
    assert window.document.plan.name == "Untitled plan"
    assert window.board.cards() == {}
    assert window.windowTitle() == "Untitled plan[*] — Sales Planner"


def test_open_recent_lists_saved_files_and_opens_them(window: MainWindow, tmp_path: Path) -> None:
    first, second = saved_plan(tmp_path, "first.salesplan"), saved_plan(tmp_path, "second.salesplan")
    window.files.open_path(first)
    window.files.open_path(second)
    window.actions_.recent_menu.aboutToShow.emit()
    entries = [action.text() for action in window.actions_.recent_menu.actions()]
    assert entries == ["second.salesplan", "first.salesplan"]
    window.actions_.recent_menu.actions()[1].trigger()
    assert window.document.path == first.resolve()


def test_dropping_a_plan_file_on_the_window_opens_it(window: MainWindow, tmp_path: Path) -> None:
    path = saved_plan(tmp_path, "dropped.salesplan")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert window.document.path == path.resolve()
    assert window.windowTitle().startswith("dropped.salesplan")


def test_window_layout_grouping_and_recent_files_are_remembered_but_not_zoom(qtbot, window: MainWindow,
                                                                           tmp_path: Path) -> None:
    """The zoom belongs to the plan on screen: a big plan left at 15 % must not open the next one at 15 %
    in a corner. Every plan opens fitted to the window."""
    from tests.ui.conftest import without_unsaved_changes
    from ui.document import PlanDocument

    window.files.open_path(saved_plan(tmp_path, "kept.salesplan"))
    window.set_group_by("geography")
    window.view.set_zoom(0.15)
    window.warnings_dock.hide()
    window.save_settings()
    again = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(again, before_close_func=without_unsaved_changes)
    again.restore_settings()
    again.show()
    qtbot.waitExposed(again)
    assert again.board.group_by == "geography" and again.group_box.currentText() == "Geography"
    assert again.view.fitted and again.view.zoom > 0.15
    assert not again.warnings_dock.isVisibleTo(again)
    assert again.files.recent()[0].name == "kept.salesplan"
    window.view.set_zoom(0.15)
    window.files.open_path(saved_plan(tmp_path, "next.salesplan"), ask=False)
    assert window.view.fitted and window.view.zoom > 0.15  # opening another plan fits it afresh


def test_a_window_remembered_on_a_bigger_screen_opens_within_this_one(qtbot, window: MainWindow) -> None:
    """1560 × 960 saved on a desktop monitor, restored on a smaller screen: shrunk and moved inside it, with
    room for the title bar, instead of opening with the inspector cut off."""
    from PySide6.QtCore import QRect

    from tests.ui.conftest import without_unsaved_changes
    from ui.document import PlanDocument

    window.setGeometry(QRect(200, 150, 1560, 960))
    window.save_settings()
    again = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(again, before_close_func=without_unsaved_changes)
    again.restore_settings()
    available = again.screen().availableGeometry()
    assert available.width() < 1560 or available.height() < 960, "the test screen must be the smaller one"
    geometry = again.geometry()
    assert geometry.top() - available.top() >= 32 and geometry.bottom() <= available.bottom()
    # No wider than the screen, unless the window cannot be narrower (the test screen is 800 wide).
    assert geometry.width() == max(min(1560, available.width()), again.minimumWidth())
    assert geometry.left() >= available.left()


def test_clamping_keeps_a_window_and_its_frame_on_a_projector() -> None:
    """The rule behind it, on a 1280 × 720 projector: the 1560 × 960 window shrinks to 1280 × 688 under a
    32-pixel title bar; a small window that hangs off the right edge moves back in."""
    from PySide6.QtCore import QMargins, QRect

    from ui.window.geometry import clamped

    projector, frame = QRect(0, 0, 1280, 720), QMargins(0, 32, 0, 0)
    assert clamped(QRect(100, 80, 1560, 960), projector, frame) == QRect(0, 32, 1280, 688)
    assert clamped(QRect(1000, 100, 800, 500), projector, frame) == QRect(480, 100, 800, 500)


@pytest.mark.parametrize("match", [False, True], ids=["own-teams", "matched-to-the-open-plan"])
def test_import_roster_opens_the_roster_as_a_new_unsaved_plan(window: MainWindow, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             dialogs: DialogAnswers, match: bool) -> None:
    import ui.dialogs.import_dialog
    from ui.dialogs.import_dialog import RosterImportDialog

    roster = tmp_path / "team.csv"
    roster.write_text("Name,Title,Team,Segment\nIda Holm,AE,Nordic SMB,SMB\nOla Berg,BDR,Nordic SMB,SMB\n"
                      "Kim Lund,CSM,Nordic Enterprise,Enterprise\n", encoding="utf-8")
    monkeypatch.setattr(ui.dialogs.import_dialog, "ask_roster_path", lambda parent, plan_path=None: roster)

    summaries: list[str] = []

    def accept(dialog: QWidget) -> None:  # records, then clicks: an assertion here would leave it open
        if isinstance(dialog, RosterImportDialog):
            summaries.append(dialog.match_teams.text())
            dialog.match_teams.setChecked(match)
            deadline = time.monotonic() + 5
            while dialog.busy and time.monotonic() < deadline:  # the live result is built on a worker
                QApplication.processEvents()
            summaries.append(dialog.summary.text())
            dialog.import_button.click()

    dialogs.queue(accept)
    window.actions_.import_roster.trigger()
    teams = "2 teams (2 from the open plan)" if match else "2 teams"
    assert summaries == ["Match team names to the open plan “Test plan” (such teams keep its markets)",
                         f"3 people, 0 openings and {teams} will be imported"]
    plan = window.document.plan
    assert sorted(p.name for p in plan.people.values()) == ["Ida Holm", "Kim Lund", "Ola Berg"]
    assert window.document.path is None and window.document.modified
    # Matched, the open plan's teams keep their markets (deal size 40,000 in conftest); else the roster's
    # teams are new, with the default profile (25,000).
    deal = 40_000 if match else 25_000
    assert {t.name: t.market.avg_deal_size for t in window.document.scenario.teams.values()} == \
        {"Nordic SMB": deal, "Nordic Enterprise": deal}
    smb = next(t.id for t in window.document.scenario.teams.values() if t.name == "Nordic SMB")
    assert window.board.lane(smb, Role.AE) is not None


def test_a_roster_that_cannot_be_read_is_explained_and_nothing_changes(window: MainWindow, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       dialogs: DialogAnswers) -> None:
    import ui.dialogs.import_dialog

    bad = tmp_path / "roster.xlsx"
    bad.write_text("name,fte\n", encoding="utf-8")
    monkeypatch.setattr(ui.dialogs.import_dialog, "ask_roster_path", lambda parent, plan_path=None: bad)
    before = window.document
    dialogs.queue(click(Button.Ok))
    window.actions_.import_roster.trigger()
    assert dialogs.seen == ["roster.xlsx is not an Excel workbook (it is not a zip archive); if it is a CSV file, "
                            "give it the .csv extension"]
    assert window.document is before
