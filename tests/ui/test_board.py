"""The board driven through its real widgets: mouse gestures, keys, menus. Expected numbers are worked out
by hand from docs/model.md on the plan in conftest (cycle 2 months → an AE takes on 20 / 2 = 10 opps/month;
an outbound SDR sources 12; win rate 0.25; deal 40,000; churn 0, so accounts in 12 months = 12 × wins;
an AM looks after 40; costs AE 180,000, SDR 90,000, AM 120,000)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from salesplanner.capacity import Verdict
from salesplanner.model import MemberId, Placement
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, send_drop
from ui import drag
from ui.board.items import ChipItem, LaneItem, PillItem
from ui.dialogs.move_dialog import MoveDialog
from ui.window.main_window import MainWindow

ANA, BO, DITA, EVA, FINN = (MemberId(f"p-{n}") for n in ("ana", "bo", "dita", "eva", "finn"))

DragTo = Callable[[QWidget, QPoint], list]


def chip_names(window: MainWindow, team: str, role: Role) -> list[str]:
    lane = window.board.lane(team, role)  # type: ignore[arg-type]
    if lane is None:
        return []
    return [item.data_.name for item in lane.childItems() if isinstance(item, ChipItem)]


def pill_labels(window: MainWindow, team: str) -> dict[str, tuple[str, Verdict]]:
    card = window.board.card(team)  # type: ignore[arg-type]
    return {item.balance.handoff.value: (item.label, item.verdict)
            for item in card.childItems() if isinstance(item, PillItem)}


def view_point(window: MainWindow, item: object) -> QPoint:
    """Where an item's centre is in the board view's viewport, scrolled into view first."""
    window.view.ensureVisible(item.sceneBoundingRect(), 10, 10)  # type: ignore[attr-defined]
    return window.view.mapFromScene(item.sceneBoundingRect().center())  # type: ignore[attr-defined]


def lane_point(window: MainWindow, team: str, role: Role) -> QPoint:
    lane = window.board.lane(team, role)  # type: ignore[arg-type]
    if lane is None:  # a role the team does not use yet: its "+ role" tag
        lane = next(item for item in window.board.card(team).childItems()  # type: ignore[arg-type]
                    if isinstance(item, LaneItem) and item.tag and item.placement.role is role)
    rect = lane.sceneBoundingRect()
    return window.view.mapFromScene(QPointF(rect.center().x(), rect.top() + 8))


def press_and_drag_chip(window: MainWindow, member: MemberId, *, modifiers: Qt.KeyboardModifier =
                        Qt.KeyboardModifier.NoModifier) -> None:
    """A real press on the chip and a move past the drag distance: the view starts the drag."""
    chip = window.board.chip(member)
    assert chip is not None
    start = view_point(window, chip)
    viewport = window.view.viewport()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, start)
    QTest.mouseMove(viewport, start + QPoint(12, 4))
    QTest.mouseMove(viewport, start + QPoint(40, 10))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(40, 10))


def test_board_shows_teams_lanes_chips_and_handoffs(window: MainWindow) -> None:
    """README "The board": a card per team, a lane per role in use with its capacity, pills with ratio and verdict."""
    assert set(window.board.cards()) == {ENTERPRISE, SMB}
    assert chip_names(window, ENTERPRISE, Role.AE) == ["Ana Berg"]
    assert chip_names(window, SMB, Role.SDR_OUTBOUND) == ["Dita Moe", "Eva Toft"]
    # SMB: supply 2 × 12 = 24, close_cap 10 → 2.40 overloaded, 14 opps/month not worked.
    label, verdict = pill_labels(window, SMB)["sdr_to_closer"]
    assert verdict is Verdict.OVERLOADED
    assert "2.40" in label and "14 opps/mo not worked" in label
    # Enterprise: supply 12, close_cap 10 → 1.20 overloaded; accounts 12 × 2.5 = 30 of 40 → 0.75 underused.
    assert pill_labels(window, ENTERPRISE)["closer_to_am"][1] is Verdict.UNDERUSED
    assert window.board.card(ENTERPRISE).badge == "Bottleneck: closers"
    lane = window.board.lane(ENTERPRISE, Role.SDR_OUTBOUND)
    assert lane is not None and lane.capacity == "1.0 FTE · 12.0 opps/mo"
    # Bookings: both teams win 10 × 0.25 = 2.5 a month × 40,000 = 100,000; × 2 teams × 12 = 2,400,000.
    assert window.summary.bookings.value.text() == "€ 2.40 M"
    # Cost: 180 + 90 + 120 + 180 + 90 + 90 + 120 = 870 thousand.
    assert window.summary.cost.value.text() == "€ 870 k"
    assert window.summary.balanced.value.text() == "0 / 2"
    assert window.bench.model.rowCount() == 1


def test_dragging_a_chip_to_another_teams_lane_moves_it_and_updates_every_number(
        window: MainWindow, drag_to: DragTo) -> None:
    """Drag Dita (SMB outbound SDR) onto Enterprise's AE lane."""
    started = drag_to(window.view.viewport(), lane_point(window, ENTERPRISE, Role.AE))
    press_and_drag_chip(window, DITA)
    assert len(started) == 1 and drag.decode(started[0]) == [DITA]
    assert chip_names(window, ENTERPRISE, Role.AE) == ["Ana Berg", "Dita Moe"]
    assert chip_names(window, SMB, Role.SDR_OUTBOUND) == ["Eva Toft"]
    # Enterprise now: supply 12, close_cap 20 → 0.60 underused ("closers 40 % idle"); wins 12 × 0.25 = 3;
    # accounts 36 of 40 → 0.90 balanced.
    label, verdict = pill_labels(window, ENTERPRISE)["sdr_to_closer"]
    assert verdict is Verdict.UNDERUSED and "0.60" in label and "40 % idle" in label
    assert window.board.card(ENTERPRISE).badge == "Underused: closers"
    # SMB now: supply 12, close 10 → 1.20 overloaded, 2 opps/month not worked.
    assert "2 opps/mo not worked" in pill_labels(window, SMB)["sdr_to_closer"][0]
    # Bookings: (3 + 2.5) × 40,000 × 12 = 2,640,000. Cost: 870 k + 180 k − 90 k = 960 k.
    assert window.summary.bookings.value.text() == "€ 2.64 M"
    assert window.summary.cost.value.text() == "€ 960 k"
    assert window.document.undo_stack.text(0) == "Move Dita Moe to Nordic Enterprise · AE"


def test_lane_under_the_cursor_highlights_while_dragging(window: MainWindow) -> None:
    target = lane_point(window, ENTERPRISE, Role.AE)
    lane = window.board.lane(ENTERPRISE, Role.AE)
    assert lane is not None
    mime = drag.encode([DITA], ["Dita Moe"])
    viewport = window.view.viewport()
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

    QApplication.sendEvent(viewport, QDragEnterEvent(target, Qt.DropAction.MoveAction, mime,
                                                     Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(viewport, QDragMoveEvent(target, Qt.DropAction.MoveAction, mime,
                                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert lane.highlighted
    send_drop(viewport, target, mime)
    assert not any(item.highlighted for item in window.board.lanes(ENTERPRISE))


def test_several_selected_chips_move_together_in_one_undo_step(window: MainWindow, drag_to: DragTo) -> None:
    """Ctrl-click Dita, Shift-click Eva, drag both onto Enterprise's outbound SDR lane."""
    viewport = window.view.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view_point(window, window.board.chip(DITA)))
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view_point(window, window.board.chip(EVA)))
    assert sorted(window.board.selected_member_ids()) == [DITA, EVA]
    drag_to(viewport, lane_point(window, ENTERPRISE, Role.SDR_OUTBOUND))
    press_and_drag_chip(window, EVA, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert chip_names(window, ENTERPRISE, Role.SDR_OUTBOUND) == ["Bo Dahl", "Dita Moe", "Eva Toft"]
    assert window.board.lane(SMB, Role.SDR_OUTBOUND) is None
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.text(0) == "Move 2 people to Nordic Enterprise · Outbound SDR"
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert chip_names(window, SMB, Role.SDR_OUTBOUND) == ["Dita Moe", "Eva Toft"]
    assert chip_names(window, ENTERPRISE, Role.SDR_OUTBOUND) == ["Bo Dahl"]


def test_rubber_band_selects_the_chips_it_covers(window: MainWindow) -> None:
    lane = window.board.lane(SMB, Role.SDR_OUTBOUND)
    assert lane is not None
    rect = lane.sceneBoundingRect()
    window.view.ensureVisible(rect)
    start = window.view.mapFromScene(QPointF(rect.left() - 6, rect.top() + 20))
    end = window.view.mapFromScene(QPointF(rect.right() + 6, rect.bottom() - 2))
    viewport = window.view.viewport()
    # Start on the card's padding left of the lane, outside any chip.
    start.setX(start.x() - 6)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, (start + end) / 2)
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    assert sorted(window.board.selected_member_ids()) == [DITA, EVA]


def test_bench_chip_dragged_onto_a_lane_is_assigned(window: MainWindow, drag_to: DragTo) -> None:
    """Finn from the bench onto SMB's AE lane: SMB close_cap 10 → 20, supply 24 → 1.20 overloaded."""
    bench = window.bench.view
    drag_to(window.view.viewport(), lane_point(window, SMB, Role.AE))
    start = bench.visualRect(bench.model().index(0, 0)).center()
    QTest.mousePress(bench.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(bench.viewport(), start + QPoint(20, 4))
    QTest.mouseMove(bench.viewport(), start + QPoint(50, 8))
    QTest.mouseRelease(bench.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    assert chip_names(window, SMB, Role.AE) == ["Cai Lund", "Finn Aas"]
    assert window.bench.model.rowCount() == 0
    assert "1.20" in pill_labels(window, SMB)["sdr_to_closer"][0]
    assert window.bench.title.text() == "0 people · 0 openings"


def test_chip_dropped_on_the_bench_is_unassigned(window: MainWindow, drag_to: DragTo) -> None:
    bench = window.bench.view
    drag_to(bench.viewport(), bench.viewport().rect().center())
    press_and_drag_chip(window, ANA)
    assert chip_names(window, ENTERPRISE, Role.AE) == []
    assert sorted(bench.model().index(row, 0).data() for row in range(bench.model().rowCount())) == \
        ["Ana Berg", "Finn Aas"]
    # Enterprise has an SDR but no closer: supply 12 with no closing capacity → overloaded, ratio "—".
    label, verdict = pill_labels(window, ENTERPRISE)["sdr_to_closer"]
    assert verdict is Verdict.OVERLOADED and "—" in label and "12 opps/mo not worked" in label


def test_dropping_onto_a_tag_adds_a_role_the_team_did_not_have(window: MainWindow, drag_to: DragTo) -> None:
    drag_to(window.view.viewport(), lane_point(window, SMB, Role.SDR_INBOUND))
    press_and_drag_chip(window, EVA)
    assert chip_names(window, SMB, Role.SDR_INBOUND) == ["Eva Toft"]


def test_moving_a_chip_rebuilds_exactly_the_two_cards_involved(window: MainWindow, drag_to: DragTo) -> None:
    before = {team: card.rebuild_count for team, card in window.board.cards().items()}
    drag_to(window.view.viewport(), lane_point(window, ENTERPRISE, Role.AE))
    press_and_drag_chip(window, DITA)
    after = {team: card.rebuild_count for team, card in window.board.cards().items()}
    assert {team for team in after if after[team] != before[team]} == {ENTERPRISE, SMB}
    # Moving within the same team touches only that card.
    before = after
    drag_to(window.view.viewport(), lane_point(window, ENTERPRISE, Role.AM))
    press_and_drag_chip(window, DITA)
    after = {team: card.rebuild_count for team, card in window.board.cards().items()}
    assert {team for team in after if after[team] != before[team]} == {ENTERPRISE}


def test_keyboard_move_with_the_picker_and_its_preview(window: MainWindow, qtbot) -> None:
    """Select Dita, press M, type the target, read the preview, press Enter."""
    viewport = window.view.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view_point(window, window.board.chip(DITA)))
    seen: dict[str, str] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MoveDialog)
        QTest.keyClicks(dialog.filter, "enterprise ae")
        seen["title"] = dialog.windowTitle()
        seen["target"] = dialog.targets.currentItem().text()
        seen["preview"] = dialog.preview.text()
        QTest.keyClick(dialog.filter, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    QTest.keyClick(window.view, Qt.Key.Key_M)
    assert seen["title"] == "Move Dita Moe to…"
    assert seen["target"] == "Nordic Enterprise · AE"
    # Preview: Enterprise SDR → closer 1.20 → 0.60 (underused), SMB 2.40 → 1.20 (overloaded).
    assert "Nordic Enterprise: Bottleneck: closers → Underused: closers" in seen["preview"]
    assert "SDR → closer 1.20 → 0.60 (underused)" in seen["preview"]
    assert "SDR → closer 2.40 → 1.20 (overloaded)" in seen["preview"]
    assert chip_names(window, ENTERPRISE, Role.AE) == ["Ana Berg", "Dita Moe"]


def test_delete_sends_the_selected_chip_to_the_bench(window: MainWindow) -> None:
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view_point(window, window.board.chip(BO)))
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.board.lane(ENTERPRISE, Role.SDR_OUTBOUND) is None
    assert window.document.scenario.assignments.get(BO) is None
    assert window.bench.model.rowCount() == 2


def test_undo_and_redo_restore_numbers_and_chip_positions(window: MainWindow, drag_to: DragTo) -> None:
    drag_to(window.view.viewport(), lane_point(window, ENTERPRISE, Role.AE))
    press_and_drag_chip(window, DITA)
    assert window.summary.bookings.value.text() == "€ 2.64 M"
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert chip_names(window, SMB, Role.SDR_OUTBOUND) == ["Dita Moe", "Eva Toft"]
    assert chip_names(window, ENTERPRISE, Role.AE) == ["Ana Berg"]
    assert window.summary.bookings.value.text() == "€ 2.40 M"
    assert window.board.card(ENTERPRISE).badge == "Bottleneck: closers"
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert chip_names(window, ENTERPRISE, Role.AE) == ["Ana Berg", "Dita Moe"]
    assert window.summary.bookings.value.text() == "€ 2.64 M"


def test_edit_menu_lists_undo_with_the_step_text_and_a_history(window: MainWindow) -> None:
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    texts = [a.text() for a in edit.actions()]
    assert "&Undo Move Dita Moe to Nordic Enterprise · AE" in texts
    assert "&History" in texts
    window.actions_.history.trigger()
    assert window.history_dock.isVisible()
    assert window.history_view.model().rowCount() == 2  # the opened plan, then the move


def test_grouping_switch_relays_the_board_into_swimlanes(window: MainWindow) -> None:
    def headers() -> list[str]:
        from ui.board.items import GroupHeaderItem

        items = [i for i in window.board.items() if isinstance(i, GroupHeaderItem)]
        return [i.title for i in sorted(items, key=lambda i: (i.y(), i.x()))]

    assert headers() == ["Enterprise", "SMB"]
    enterprise, smb = window.board.card(ENTERPRISE), window.board.card(SMB)
    if window.board.columns >= 2:  # two swimlanes of one team each share a row, each under its own title
        assert smb.y() == enterprise.y() and smb.x() > enterprise.x()
    else:
        assert smb.y() > enterprise.y()
    window.board.set_columns(1)
    assert window.board.card(SMB).y() > window.board.card(ENTERPRISE).y()  # one above the other
    window.board.set_columns(2)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    group_menu = next(a.menu() for a in view_menu.actions() if a.text() == "&Group by")
    next(a for a in group_menu.actions() if a.text() == "Geography").trigger()
    assert headers() == ["Nordics"]
    assert window.board.card(SMB).y() == window.board.card(ENTERPRISE).y()  # side by side in one lane
    assert window.group_box.currentText() == "Geography"
    next(a for a in group_menu.actions() if a.text() == "Product line").trigger()
    assert headers() == ["Core", "Analytics"]


def test_zoom_with_keys_and_ctrl_wheel(window: MainWindow) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom > 1.0
    QTest.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom == 1.0
    QTest.keyClick(window.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.zoom < 1.0
    assert window.zoom_label.text() == f"Zoom {round(window.view.zoom * 100)} %"


def test_pill_tooltip_is_the_full_sentence(window: MainWindow) -> None:
    pill = next(i for i in window.board.card(SMB).childItems() if isinstance(i, PillItem)
                and i.balance.handoff.value == "sdr_to_closer")
    tip = window.view.tooltip_at(view_point(window, pill))
    assert tip == "SDR → closer: closers overloaded: 14 opportunities/month not worked"


def test_clicking_a_card_shows_its_handoff_chain_in_details(window: MainWindow) -> None:
    card = window.board.card(SMB)
    corner = window.view.mapFromScene(card.sceneBoundingRect().topLeft() + QPointF(30, 20))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    assert window.details.title.text() == "Nordic SMB"
    assert window.details.value("Opportunities") == "24.0"
    assert window.details.value("Closing capacity") == "10.0"
    assert window.details.value("Wins") == "2.5"


def test_a_team_with_no_handoffs_yet_is_not_counted_as_balanced(window: MainWindow) -> None:
    """A new team with only a manager has nothing on either side of any handoff: no verdict, a neutral badge,
    and the strip counts balanced teams of the two that have handoffs (neither is balanced)."""
    team_id = window.editing.add_team()
    assert team_id is not None
    window.board.handle_drop([FINN], Placement(team_id, Role.MANAGER))
    card = window.board.card(team_id)
    assert card.badge == "No handoffs yet" and card.badge_verdict is None
    assert "Not counted among the balanced teams" in card.badge_tooltip
    assert window.summary.balanced.value.text() == "0 / 2"
    assert "1 team has no handoffs yet" in window.summary.balanced.toolTip()


def test_add_opening_goes_into_the_selected_team_in_the_role_it_needs(window: MainWindow) -> None:
    """SMB's bottleneck is its closers (SDR → closer 2.40): "+ Opening" with SMB selected adds an AE there;
    with Dita's chip selected, an outbound SDR like her; with nothing selected, to the bench."""
    window.board.set_focus_team(SMB)
    window.actions_.add_opening.trigger()
    (opening,) = window.board.selected_member_ids()
    assert window.document.scenario.assignments[opening] == Placement(SMB, Role.AE)
    assert "Added an open AE position to Nordic SMB" in window.statusBar().currentMessage()
    window.board.select_members([DITA])
    window.actions_.add_opening.trigger()
    second = window.board.selected_member_ids()[0]
    assert window.document.scenario.assignments[second] == Placement(SMB, Role.SDR_OUTBOUND)
    window.board.clearSelection()
    window.board.set_focus_team(None)
    window.actions_.add_opening.trigger()
    (third,) = set(window.document.scenario.openings) - {opening, second}
    assert window.document.analysis.on_bench(third)


def test_counts_read_as_english(window: MainWindow) -> None:
    window.board.handle_drop([MemberId("p-ana")], None)
    assert window.bench.title.text() == "2 people · 0 openings"
    window.board.handle_drop([FINN, MemberId("p-ana")], Placement(ENTERPRISE, Role.AE))
    assert window.bench.title.text() == "0 people · 0 openings"
    window.document.undo_stack.undo()
    window.board.handle_drop([MemberId("p-ana")], Placement(ENTERPRISE, Role.AE))
    assert window.bench.title.text() == "1 person · 0 openings"


def test_two_managers_show_their_reports_not_a_fractional_span(window: MainWindow) -> None:
    window.board.handle_drop([FINN, MemberId("p-bo")], Placement(SMB, Role.MANAGER))
    # SMB: Finn and Bo manage Cai, Dita, Eva, Hal: 4 reports, 2 each.
    lane = window.board.lane(SMB, Role.MANAGER)
    assert lane is not None and lane.capacity == "span 2 each"
    window.board.handle_drop([MemberId("p-gus")], Placement(SMB, Role.AM))
    lane = window.board.lane(SMB, Role.MANAGER)
    assert lane is not None and lane.capacity == "5 reports for 2 managers"


def test_a_long_warning_wraps_in_the_warnings_panel(window: MainWindow) -> None:
    window.show_warnings()
    window.warnings_dock.resize(260, 400)
    view = window.warnings.view
    assert view.wordWrap() and view.model().rowCount() > 0
    longest = max(range(view.model().rowCount()), key=lambda row: len(view.model().index(row, 0).data()))
    rect = view.visualRect(view.model().index(longest, 0))
    assert rect.height() > view.fontMetrics().height() * 1.5  # on two lines or more, not cut
