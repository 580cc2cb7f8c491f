"""Scenario → Suggest changes…: options, the background search and Stop, the answer and its board preview,
Create proposal and Apply (each one undo step), unticking and suggesting again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from salesplanner.capacity import MONTH_DAYS
from salesplanner.model import MarketProfile, MemberId, Person, Placement, Plan, Scenario, ScenarioId, Team, TeamId
from salesplanner.roles import Role
from salesplanner.synthetic import synthetic_plan
from tests.ui.conftest import DialogAnswers, click, without_unsaved_changes
from ui.app import create_application
from ui.board.items import ChipItem
from ui.dialogs.advisor_dialog import AdvisorDialog
from ui.document import PlanDocument
from ui.window.main_window import MainWindow

NORTH, SOUTH = TeamId("t-north"), TeamId("t-south")
ANA, BEA = MemberId("p-ana"), MemberId("p-bea")


def pair_plan() -> Plan:
    """North: an outbound SDR and two AEs; South: an outbound SDR alone. With a sales cycle at which an AE
    takes on 12 opportunities a month (one SDR's output), one AE moving south balances both teams."""
    market = MarketProfile(sales_cycle_days=20 / 12 * MONTH_DAYS, win_rate=0)
    teams = {NORTH: Team(NORTH, "North", market=market), SOUTH: Team(SOUTH, "South", market=market)}
    names = {"p-ana": "Ana Berg", "p-bea": "Bea Holm", "p-cy": "Cy Dahl", "p-dan": "Dan Vik"}
    people = {MemberId(pid): Person(MemberId(pid), name) for pid, name in names.items()}
    seats = {ANA: Placement(NORTH, Role.AE), BEA: Placement(NORTH, Role.AE),
             MemberId("p-cy"): Placement(NORTH, Role.SDR_OUTBOUND),
             MemberId("p-dan"): Placement(SOUTH, Role.SDR_OUTBOUND)}
    today = Scenario(ScenarioId("s-today"), "Today", teams=teams, assignments=seats)
    return Plan(name="Pairs", scenarios={today.id: today}, baseline=today.id, as_of=date(2027, 1, 1), people=people)


def open_window(qtbot, plan: Plan) -> MainWindow:  # type: ignore[no-untyped-def]
    create_application()
    window = MainWindow(PlanDocument(plan))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_advisor(window: MainWindow) -> AdvisorDialog:
    window.actions_.suggest.trigger()
    dialog = window.findChild(AdvisorDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def suggest(qtbot, dialog: AdvisorDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.suggest, Qt.MouseButton.LeftButton)
    assert dialog.stop.isEnabled() and not dialog.suggest.isEnabled()
    qtbot.waitUntil(lambda: dialog.advice is not None, timeout=30_000)


def lane_names(window: MainWindow, team: TeamId, role: Role, *, ghosts: bool = False) -> list[str]:
    lane = window.board.lane(team, role)  # type: ignore[arg-type]
    return [] if lane is None else [chip.data_.name for chip in lane.childItems()
                                    if isinstance(chip, ChipItem) and chip.data_.ghost is ghosts]


def test_the_answer_is_listed_previewed_and_created_as_a_proposal_in_one_undo_step(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, pair_plan())
    dialog = open_advisor(window)
    suggest(qtbot, dialog)
    assert dialog.status.text() == "Best answer: every team balanced today with 1 move."
    moves = dialog.suggestions.topLevelItem(0)
    assert moves.text(0) == "Moves (1)"
    assert [moves.child(0).text(column) for column in range(3)] == ["Ana Berg", "North · AE", "South · AE"]
    assert dialog.teams.rowCount() == 2
    assert [dialog.teams.item(1, column).text() for column in range(5)] == \
        ["South", "Bottleneck: closers → Balanced", "— → —", "— → 1.00", "— → —"]
    assert [dialog.teams.item(0, column).text() for column in range(4)] == \
        ["North", "Underused: closers → Balanced", "— → —", "0.50 → 1.00"]
    assert dialog.totals.text() == "Annual cost € 540,000 → € 540,000 · bookings / year € 0 → € 0 · " \
                                   "balanced teams 0 → 2 of 2"
    # The board previews it: Ana drawn faintly in South's AE lane, without any change to the plan.
    assert lane_names(window, SOUTH, Role.AE, ghosts=True) == ["Ana Berg"]
    assert window.document.scenario.assignments[ANA] == Placement(NORTH, Role.AE)
    assert not window.document.modified

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert window.document.scenario.name == "Today (suggested)"
    assert window.document.scenario.assignments[ANA] == Placement(SOUTH, Role.AE)
    assert lane_names(window, SOUTH, Role.AE) == ["Ana Berg"] and lane_names(window, SOUTH, Role.AE, ghosts=True) == []
    assert window.document.undo_stack.count() == 1
    window.actions_.undo.trigger()
    assert [s.name for s in window.document.plan.scenarios.values()] == ["Today"]


def test_apply_changes_the_scenario_on_screen_in_one_undo_step(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, pair_plan())
    dialog = open_advisor(window)
    suggest(qtbot, dialog)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert window.document.scenario.assignments[ANA] == Placement(SOUTH, Role.AE)
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.undoText() == "Apply suggested changes (1 move)"
    assert all(result.status.value == "balanced" for result in window.document.analysis.teams())
    window.actions_.undo.trigger()
    assert window.document.scenario.assignments[ANA] == Placement(NORTH, Role.AE)


def test_an_unticked_move_is_kept_out_and_suggesting_again_keeps_that_person(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, pair_plan())
    dialog = open_advisor(window)
    suggest(qtbot, dialog)
    dialog.suggestions.topLevelItem(0).child(0).setCheckState(0, Qt.CheckState.Unchecked)
    assert not dialog.apply_button.isEnabled() and not dialog.create_button.isEnabled()
    assert lane_names(window, SOUTH, Role.AE, ghosts=True) == []
    qtbot.mouseClick(dialog.again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.advice is not None, timeout=30_000)
    moves = dialog.suggestions.topLevelItem(0)
    assert [moves.child(0).text(column) for column in range(3)] == ["Bea Holm", "North · AE", "South · AE"]
    dialog.close()


def test_an_edit_makes_the_answer_stale(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, pair_plan())
    dialog = open_advisor(window)
    suggest(qtbot, dialog)
    window.board.handle_drop([MemberId("p-dan")], Placement(NORTH, Role.SDR_OUTBOUND))
    assert not dialog.apply_button.isEnabled()
    assert dialog.status.text() == "The plan has changed since this answer: suggest again."
    assert lane_names(window, SOUTH, Role.AE, ghosts=True) == []
    dialog.close()


def test_an_impossible_plan_says_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, pair_plan())
    dialog = open_advisor(window)
    dialog.moves.setChecked(False)
    dialog.from_bench.setChecked(False)
    suggest(qtbot, dialog)
    assert dialog.status.text().startswith("No answer under these limits. South: 12 opportunities a month and no "
                                           "closer can be moved or hired under these limits.")
    assert not dialog.create_button.isEnabled()
    dialog.close()


def test_stop_ends_a_long_search_and_the_window_stays_responsive(qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = synthetic_plan(people=100, teams=5, seed=7)  # a search that takes far longer than this test
    window = open_window(qtbot, plan)
    dialog = open_advisor(window)
    dialog.hires.setCurrentIndex(3)  # no hires
    qtbot.mouseClick(dialog.suggest, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith(("Looking", "Found", "Searching")), timeout=10_000)
    QApplication.processEvents()  # the event loop runs while the solver works
    qtbot.mouseClick(dialog.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.suggest.isEnabled(), timeout=10_000)
    assert dialog.status.text() == "Stopped. Nothing was suggested."
    assert dialog.advice is None
    dialog.close()


def test_partial_apply_asks_when_teams_would_stay_unbalanced(qtbot) -> None:  # type: ignore[no-untyped-def]
    # North: an SDR and three AEs; South and West: an SDR each. One AE each way balances all three; with
    # one of the two moves unticked, a team stays unbalanced, so Apply asks first.
    plan = pair_plan()
    today = plan.scenarios[ScenarioId("s-today")]
    west = TeamId("t-west")
    today.teams[west] = Team(west, "West", market=today.teams[NORTH].market)
    for pid, name, seat in (("p-eli", "Eli Moe", Placement(NORTH, Role.AE)),
                            ("p-fay", "Fay Lund", Placement(west, Role.SDR_OUTBOUND))):
        plan.people[MemberId(pid)] = Person(MemberId(pid), name)
        today.assignments[MemberId(pid)] = seat
    window = open_window(qtbot, plan)
    dialog = open_advisor(window)
    suggest(qtbot, dialog)
    moves = dialog.suggestions.topLevelItem(0)
    assert moves.text(0) == "Moves (2)"
    moves.child(0).setCheckState(0, Qt.CheckState.Unchecked)
    answers = DialogAnswers().queue(click(QMessageBox.StandardButton.Cancel))
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert answers.seen and answers.seen[0].startswith("Without the unticked suggestions, ")
    assert answers.seen[0].endswith(" stay unbalanced. Go ahead?")
    assert window.document.undo_stack.count() == 0
    dialog.close()
