"""Seeing a whole plan: Fit re-flows the cards to the window and zooms, the layout holds still across
rebuilds, a board zoomed out past reading turns into overview tiles (click one to zoom in), and Find
reaches anyone anywhere. On the bundled demo plan and on a synthetic 500-team plan."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtTest import QTest

from salesplanner.commands import EditTeam
from salesplanner.model import MemberId, Placement, ScenarioId, TeamId
from salesplanner.resources import load_demo_plan
from salesplanner.roles import Role
from salesplanner.synthetic import synthetic_plan
from tests.ui.conftest import ENTERPRISE, SMB, without_unsaved_changes
from ui.board.chips import fitted_name
from ui.board.items import CHIP_HEIGHT, CHIP_WIDTH, CardItem, ChipItem, GroupHeaderItem
from ui.board.overview import OVERVIEW_ZOOM
from ui.document import PlanDocument
from ui.window.main_window import MainWindow

MARKET_TEAMS = ScenarioId("s-market-teams")


@pytest.fixture
def demo(qtbot) -> MainWindow:
    main = MainWindow(PlanDocument(load_demo_plan()))
    qtbot.addWidget(main, before_close_func=without_unsaved_changes)
    main.resize(1600, 1000)
    main.show()
    qtbot.waitExposed(main)
    main.document.set_scenario(MARKET_TEAMS)
    return main


def shown_size(window: MainWindow) -> QSize:
    """The board as large as it is drawn on screen."""
    rect = window.board.sceneRect()
    return QSize(round(rect.width() * window.view.zoom), round(rect.height() * window.view.zoom))


def card_positions(window: MainWindow) -> dict[TeamId, QPointF]:
    return {team_id: card.pos() for team_id, card in window.board.cards().items()}


def test_fit_shows_the_whole_board_and_uses_the_window(demo: MainWindow) -> None:
    """The demo proposal: 1 + 1 + 2 teams in three segments. Fit must show all of it, filling the window's
    width or its height (it left half the width empty with one segment per row)."""
    demo.actions_.fit.trigger()
    viewport, shown = demo.view.viewport().size(), shown_size(demo)
    assert shown.width() <= viewport.width() + 1 and shown.height() <= viewport.height() + 1
    assert shown.width() >= 0.95 * viewport.width() or shown.height() >= 0.95 * viewport.height()
    # Enterprise and SMB (one team each) share a row, each under its own title.
    headers = sorted((item for item in demo.board.items() if isinstance(item, GroupHeaderItem)),
                     key=lambda item: (item.y(), item.x()))
    assert [header.title for header in headers] == ["Enterprise", "SMB", "Mid-Market"]
    assert headers[0].y() == headers[1].y() < headers[2].y()


def test_fit_reflows_the_columns_to_the_windows_shape(demo: MainWindow) -> None:
    """A tall board area takes the four cards in two columns; with the Changes panel open under it the area
    is wide and low, and Fit lays them out in one row instead of zooming them to a sliver."""
    demo.actions_.fit.trigger()
    assert demo.board.columns == 2
    demo.show_changes()
    demo.resizeDocks([demo.compare_dock], [500], Qt.Orientation.Vertical)
    demo.actions_.fit.trigger()
    assert demo.board.columns == 4
    shown, viewport = shown_size(demo), demo.view.viewport().size()
    assert shown.width() <= viewport.width() + 1 and shown.height() <= viewport.height() + 1


def test_the_layout_holds_still_across_rebuilds_and_scroll_bars(demo: MainWindow) -> None:
    demo.actions_.fit.trigger()
    demo.view.set_zoom(0.5)  # the user zooms: the cards keep their columns
    columns, positions = demo.board.columns, card_positions(demo)
    demo.board.handle_drop([MemberId("p-henrik")], Placement(TeamId("t-nordic-smb"), Role.MANAGER))
    demo.document.undo_stack.undo()
    demo.document.undo_stack.redo()
    demo.document.undo_stack.undo()
    demo.board.rebuild()
    demo.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # the viewport narrows
    demo.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    assert demo.board.columns == columns
    assert card_positions(demo) == positions


def test_a_plan_opens_fitted_even_after_a_big_plan_was_zoomed_out(demo: MainWindow) -> None:
    demo.view.set_zoom(0.15)
    demo.set_document(PlanDocument(load_demo_plan()))
    assert demo.view.fitted and demo.view.zoom > 0.5


@pytest.fixture(scope="module")
def big_plan():  # type: ignore[no-untyped-def]
    return synthetic_plan(people=2000, teams=200, seed=3)


def test_a_big_plan_fits_as_overview_tiles_and_a_click_zooms_in(qtbot, big_plan) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(PlanDocument(big_plan))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    shown, viewport = shown_size(window), window.view.viewport().size()
    assert shown.width() <= viewport.width() + 1 and shown.height() <= viewport.height() + 1  # no scrolling
    assert window.view.zoom < OVERVIEW_ZOOM and window.board.overview
    card = next(iter(window.board.cards().values()))
    assert card.overview and card.tile is not None
    assert not any(child.isVisible() for child in card.childItems())  # lanes, chips and pills hidden
    result = window.document.analysis.team(card.team_id)
    assert card.tile.name == result.team.name
    assert sum(count for _, count in card.tile.members) == result.headcount
    assert card.tile.verdicts == tuple(b.verdict for b in result.balances)
    where = window.view.mapFromScene(card.sceneBoundingRect().center())
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert window.view.zoom >= OVERVIEW_ZOOM and not window.board.overview
    assert window.board.focus_team == card.team_id and window.details.team_id == card.team_id
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(card.sceneBoundingRect().center())


def test_find_reaches_a_person_an_opening_and_a_team_anywhere(demo: MainWindow) -> None:
    demo.view.set_zoom(0.1)  # tiles: Find zooms in to show what it found
    QTest.keyClick(demo, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = demo.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    QTest.keyClicks(bar.field, "julia wag")
    assert bar.count.text() == "1 of 1"
    julia = MemberId("p-julia")
    assert demo.board.selected_member_ids() == [julia]
    chip = demo.board.chip(julia)
    assert chip is not None and not demo.board.overview
    visible = demo.view.mapToScene(demo.view.viewport().rect()).boundingRect()
    assert visible.contains(chip.sceneBoundingRect())
    QTest.keyClick(bar.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(bar.field, "Nordic")  # three teams called Nordic …, then three openings named after them
    assert bar.count.text() == "1 of 6" and demo.board.focus_team == TeamId("t-nordic-enterprise")
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 6" and demo.board.focus_team == TeamId("t-nordic-smb")
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    QTest.keyClick(bar.field, Qt.Key.Key_Up)
    assert bar.count.text() == "6 of 6"
    assert demo.board.selected_member_ids() == [MemberId("o-sdr-nordic-mm")]  # an opening
    QTest.keyClick(bar.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(bar.field, "rasmus")  # on the bench
    assert demo.bench.view.selected_member_ids() == [MemberId("p-rasmus")]
    QTest.keyClick(bar.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(bar.field, "nobody at all")
    assert bar.count.text() == "no match"
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_an_empty_plan_says_how_to_start(window: MainWindow) -> None:
    window.files.new()
    assert window.summary.stage.value.text() == "No teams yet"
    assert "Import a roster" in window.summary.stage.toolTip()
    assert "Import a roster" in window.view.empty_hint
    assert window.summary.balanced.value.text() == "—"
    image = window.view.viewport().grab().toImage()
    inks = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert len(inks) > 2  # the canvas and the hint's text


def test_a_board_where_no_team_has_the_grouping_shows_no_heading(window: MainWindow) -> None:
    for team in list(window.document.scenario.teams.values()):
        window.document.push(EditTeam(window.document.scenario.id, replace(team, segment=None)))
    assert not [item for item in window.board.items() if isinstance(item, GroupHeaderItem)]  # not "NO SEGMENT"


def test_short_names_stay_whole_on_part_time_and_ramping_chips(demo: MainWindow) -> None:
    """Karin Aaltonen works 0.8 FTE: the FTE sits in her avatar, so her name is not cut ("Karin Aalt…")."""
    chip = demo.board.chip(MemberId("p-karin"))
    assert isinstance(chip, ChipItem) and chip.data_.fte == 0.8
    metrics = QFontMetricsF(demo.board.style_.chip)
    room = CHIP_WIDTH - 1.5 - 8 - (CHIP_HEIGHT - 4) - 6  # the chip minus padding, avatar and gap
    assert fitted_name("Karin Aaltonen", metrics, room) == "Karin Aaltonen"
    assert fitted_name("Maximiliana Oberhausen-Lindqvist", metrics, room) == "Maximiliana O."


def test_the_team_outline_follows_the_selection(window: MainWindow) -> None:
    window.board.set_focus_team(ENTERPRISE)
    window.board.select_members([MemberId("p-dita")])  # a chip in SMB
    assert window.board.focus_team == SMB
    assert window.board.card(SMB).selected_team and not window.board.card(ENTERPRISE).selected_team
    window.board.select_members([MemberId("p-dita"), MemberId("p-ana")])  # two teams: no outline
    assert window.board.focus_team is None
    window.board.select_members([MemberId("p-ana")])
    bench = window.bench.view
    bench.setCurrentIndex(bench.model().index(0, 0))  # Finn, on the bench
    assert window.board.focus_team is None and window.board.selected_member_ids() == []
    assert window.details.subject.id == "p-finn"


def test_clicking_beside_the_cards_clears_the_outline(window: MainWindow) -> None:
    card: CardItem = window.board.card(ENTERPRISE)
    where = window.view.mapFromScene(card.sceneBoundingRect().topLeft() + QPointF(30, 20))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, where)
    assert window.board.focus_team == ENTERPRISE
    outside = window.view.mapFromScene(window.board.sceneRect().bottomRight() - QPointF(2, 2))
    outside = QPoint(min(outside.x(), window.view.viewport().width() - 2),
                     min(outside.y(), window.view.viewport().height() - 2))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, outside)
    assert window.board.focus_team is None


def test_the_summary_strip_of_a_proposal_fits_a_projector_beside_both_docks(demo: MainWindow) -> None:
    """At 1280 pixels wide the bench (205) and the inspector (340) leave 735 for the board; the strip's
    deltas ("+€ 1.07 M") must not push the docks narrower (the inspector was cut off)."""
    assert demo.summary.bookings.change.text() == "+€ 1.07 M"
    assert demo.summary.minimumSizeHint().width() <= 1280 - 205 - 340


def test_the_inspector_is_not_cut_off_on_a_projector(demo: MainWindow, qtbot) -> None:
    demo.resize(1280, 688)
    qtbot.waitUntil(lambda: demo.width() == 1280)
    scroll = demo.details.scroll_area
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    assert not scroll.horizontalScrollBar().isVisible()
