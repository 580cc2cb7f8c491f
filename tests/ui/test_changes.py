"""Reorganisation side by side: the Changes view, badges and ghosts on the board, "+ opening" on a lane,
deltas in the summary strip, the Excel export flow and the Changes slide. Numbers by hand from §4 on
conftest's plan (see test_board's docstring): moving Dita (SMB outbound SDR) to Enterprise as an AE
raises Enterprise's wins from 10 × 0.25 = 2.5 to 12 × 0.25 = 3 a month (+0.5 × 40,000 × 12 = +240,000 a
year); SMB keeps 2.5 (its closer is still the bottleneck); cost +180,000 − 90,000 = +90,000."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

import ui.dialogs.excel_export
from salesplanner.model import MemberId, Placement
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, DialogAnswers, click
from ui.board.items import ChipItem
from ui.window.main_window import MainWindow

DITA = MemberId("p-dita")


def propose_moving_dita(window: MainWindow) -> None:
    window.actions_.duplicate_scenario.trigger()
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))


def rows(table: object) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())]  # type: ignore[attr-defined]
            for r in range(table.rowCount())]  # type: ignore[attr-defined]


def test_changes_view_lists_the_move_and_its_effect(window: MainWindow) -> None:
    window.show_changes()
    propose_moving_dita(window)
    window.compare.refresh()
    assert window.compare.source.currentText() == "Today" and window.compare.target.currentText() == "Today (copy)"
    assert rows(window.compare.people) == [
        ["Dita Moe", "moves team, changes role", "Nordic SMB · Outbound SDR", "Nordic Enterprise · AE", "+€ 90 k"]]
    teams = {row[0]: row for row in rows(window.compare.teams)}
    assert teams["Nordic Enterprise"][1:5] == ["3 → 4", "+€ 180 k", "+10.0", "+€ 240 k"]
    # Enterprise SDR → closer: 12 / 10 = 1.20 → 12 / 20 = 0.60; SMB: 24 / 10 = 2.40 → 12 / 10 = 1.20.
    assert teams["Nordic Enterprise"][6] == "1.20 → 0.60"
    assert teams["Nordic SMB"][1:6] == ["4 → 3", "−€ 90 k", "±0.0", "±€ 0", ""]  # no inbound handoff at all
    assert teams["Nordic SMB"][6] == "2.40 → 1.20"
    assert "bookings +€ 240 k a year" in window.compare.headline.text()
    assert "1 change" in window.compare.headline.text() and "changes" not in window.compare.headline.text()
    totals = {row[0]: row[1:] for row in rows(window.compare.totals)}
    assert totals["Bookings / year"] == ["€ 2,400,000", "€ 2,640,000", "+€ 240 k"]
    window.actions_.undo.trigger()
    window.compare.refresh()
    assert rows(window.compare.people) == []


def test_double_clicking_a_change_reveals_the_person(window: MainWindow) -> None:
    window.show_changes()
    propose_moving_dita(window)
    window.compare.refresh()
    table = window.compare.people
    where = table.visualItemRect(table.item(0, 0)).center()
    # A real double-click is a press and release, then the double-click event on the same cell.
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert window.board.selected_member_ids() == [DITA]
    assert window.board.focus_team == ENTERPRISE


def test_moved_chips_carry_a_badge_that_undo_takes_away(window: MainWindow) -> None:
    propose_moving_dita(window)
    chip = window.board.chip(DITA)
    assert chip is not None and chip.data_.moved_from == "Nordic SMB · Outbound SDR"
    assert "In Today: Nordic SMB · Outbound SDR" in window.board.chip_tooltip(DITA)
    assert window.board.chip(MemberId("p-ana")).data_.moved_from is None  # type: ignore[union-attr]
    window.actions_.undo.trigger()
    assert window.board.chip(DITA).data_.moved_from is None  # type: ignore[union-attr]
    window.document.set_scenario(window.document.plan.baseline)
    assert all(chip.data_.moved_from is None for chip in window.board.items() if isinstance(chip, ChipItem))


def test_ghosts_show_where_people_sat_in_the_baseline(window: MainWindow) -> None:
    propose_moving_dita(window)
    QTest.keyClick(window.view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)  # View → Show baseline positions
    assert window.actions_.show_ghosts.isChecked()
    lane = window.board.lane(SMB, Role.SDR_OUTBOUND)
    assert lane is not None
    ghosts = [c for c in lane.childItems() if isinstance(c, ChipItem) and c.data_.ghost]
    assert [g.data_.name for g in ghosts] == ["Dita Moe"]
    assert not ghosts[0].flags() & ghosts[0].GraphicsItemFlag.ItemIsSelectable
    assert window.board.chip(DITA).parentItem().placement == Placement(ENTERPRISE, Role.AE)  # type: ignore[union-attr]
    window.actions_.show_ghosts.trigger()
    assert not any(c.data_.ghost for c in window.board.items() if isinstance(c, ChipItem))


def test_the_lane_button_adds_an_opening_to_that_lane(window: MainWindow) -> None:
    lane = window.board.lane(SMB, Role.AE)
    assert lane is not None
    button = lane.mapRectToScene(lane.add_rect()).center()
    window.view.ensureVisible(lane.sceneBoundingRect())
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.view.mapFromScene(button))
    names = [c.data_.name for c in window.board.lane(SMB, Role.AE).childItems()  # type: ignore[union-attr]
             if isinstance(c, ChipItem)]
    assert names == ["Cai Lund", "AE (new hire)"]
    assert window.document.undo_stack.undoText() == "Add opening AE (new hire)"


def test_the_summary_strip_shows_the_change_from_the_baseline(window: MainWindow) -> None:
    propose_moving_dita(window)
    assert (window.summary.bookings.value.text(), window.summary.bookings.change.text()) == ("€ 2.64 M", "+€ 240 k")
    assert (window.summary.cost.value.text(), window.summary.cost.change.text()) == ("€ 960 k", "+€ 90 k")
    window.document.set_scenario(window.document.plan.baseline)
    assert window.summary.bookings.value.text() == "€ 2.40 M"


def test_export_to_excel_writes_the_workbook_with_a_changes_sheet(window: MainWindow, tmp_path: Path,
                                                                  dialogs: DialogAnswers,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook

    propose_moving_dita(window)
    target = tmp_path / "proposal.xlsx"
    monkeypatch.setattr(ui.dialogs.excel_export, "ask_workbook_path", lambda *_: target)
    opened: list[object] = []
    monkeypatch.setattr(ui.dialogs.excel_export.QDesktopServices, "openUrl", opened.append)

    def accept(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        assert dialog.baseline.currentText() == "Changes from Today"  # type: ignore[attr-defined]
        dialog.accept()

    dialogs.queue(accept, click(QMessageBox.StandardButton.Close))
    window.actions_.export_excel.trigger()
    book = load_workbook(target)
    assert {"Summary", "Teams", "Roster", "Assumptions", "Changes"} <= set(book.sheetnames)
    assert dialogs.seen[-1] == "proposal.xlsx is ready. Open it now?"
    assert opened == []
    assert window.statusBar().currentMessage() == "Exported proposal.xlsx"


def test_slides_with_a_baseline_open_with_the_changes(window: MainWindow, tmp_path: Path) -> None:
    from pptx import Presentation

    from salesplanner.slides import export_slides

    propose_moving_dita(window)
    plan = window.document.plan
    count = export_slides(plan, tmp_path / "deck.pptx", scenario_id=window.document.scenario.id,
                          baseline_id=plan.baseline)
    deck = Presentation(str(tmp_path / "deck.pptx"))
    assert count == len(deck.slides) == 1 + 1 + 2  # title, changes, two teams
    changes = deck.slides[1]
    texts = [shape.text_frame.text for shape in changes.shapes if shape.has_text_frame]
    assert "Changes from Today" in texts and "+€ 240 k" in texts
    table = next(shape.table for shape in changes.shapes if shape.has_table)
    assert [table.cell(1, c).text for c in range(4)] == [
        "Dita Moe", "moves team, changes role", "Nordic SMB · Outbound SDR", "Nordic Enterprise · AE"]


def test_leavers_are_listed_apart_and_an_identical_copy_has_no_changes(window: MainWindow) -> None:
    """Eva leaves on 2027-06-30, inside the horizon (2027-01-01 + 365 days): a copy of Today changes
    nothing, but she still leaves — her own tab, not a change with From = To."""
    from dataclasses import replace

    from salesplanner.commands import EditPerson
    from salesplanner.model import Status

    eva = window.document.plan.people[MemberId("p-eva")]
    window.document.push(EditPerson(replace(eva, status=Status.LEAVING, leave_date=date(2027, 6, 30))))
    window.show_changes()
    window.compare.refresh()
    headline = window.compare.headline.text()
    assert "no changes" in headline and "1 leaves within the horizon" in headline
    assert rows(window.compare.people) == []
    assert rows(window.compare.leavers) == [["Eva Toft", "30/06/2027", "Nordic SMB · Outbound SDR",
                                             "Nordic SMB · Outbound SDR"]]
    assert window.compare.tabs.tabText(1) == "Leaving (1)" and window.compare.tabs.tabText(0) == "People (0)"
    window.actions_.duplicate_scenario.trigger()
    window.compare.refresh()
    assert "no changes" in window.compare.headline.text()


def test_a_missing_handoff_and_one_with_no_capacity_read_differently(window: MainWindow) -> None:
    """Moving Gus (Enterprise's only AM) to the bench: 30 accounts and no AM is overloaded with no ratio —
    "no capacity"; Enterprise's inbound handoff exists on neither side — an empty cell, not "—"."""
    window.actions_.duplicate_scenario.trigger()
    window.board.handle_drop([MemberId("p-gus")], None)
    window.show_changes()
    window.compare.refresh()
    teams = {row[0]: row for row in rows(window.compare.teams)}
    assert teams["Nordic Enterprise"][5] == ""
    assert teams["Nordic Enterprise"][7] == "0.75 → no capacity"
    assert "—" not in " ".join(teams["Nordic Enterprise"][5:8]) and teams["Nordic Enterprise"][9] == ""  # no target


def test_a_removed_team_says_so_in_its_handoffs(window: MainWindow) -> None:
    from salesplanner.commands import RemoveTeam

    window.actions_.duplicate_scenario.trigger()
    window.document.push(RemoveTeam(window.document.scenario.id, ENTERPRISE))
    window.show_changes()
    window.compare.refresh()
    teams = {row[0]: row for row in rows(window.compare.teams)}
    # Enterprise today: SDR → closer 12 / 10 = 1.20; closer → AM 30 / 40 = 0.75.
    assert teams["Nordic Enterprise"][6:8] == ["1.20 → no team", "0.75 → no team"]


def test_an_edit_while_the_workbook_is_written_does_not_reach_it(window: MainWindow, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The progress dialog lets the window run while the export writes; the workbook is the plan as it was
    when Export was pressed (a snapshot), whatever is edited meanwhile."""
    from openpyxl import load_workbook

    target = tmp_path / "today.xlsx"
    edited: list[bool] = []

    def edit_while_exporting(done: int, total: int) -> bool:  # what a click does while the dialog runs
        if not edited:
            edited.append(True)
            window.document.plan.name = "Renamed during the export"
            window.board.handle_drop([MemberId("p-dita")], None)
        return True

    monkeypatch.setattr(ui.dialogs.excel_export, "_progress_reporter", lambda *_args: edit_while_exporting)
    assert ui.dialogs.excel_export.write_workbook(window, target, window.document.scenario.id, None)
    assert edited == [True]
    book = load_workbook(target)
    summary = [cell for row in book["Summary"].iter_rows(values_only=True) for cell in row if cell]
    assert "Test plan" in summary and "Renamed during the export" not in summary
    header, *people = book["Roster"].iter_rows(values_only=True)
    dita = next(dict(zip(header, row, strict=True)) for row in people if row[header.index("Name")] == "Dita Moe")
    assert dita["Role"] == "Outbound SDR"  # still in her lane in the workbook, on the bench on screen
    assert window.document.scenario.assignments.get(MemberId("p-dita")) is None
