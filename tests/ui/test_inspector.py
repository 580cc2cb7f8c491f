"""The inspector driven through its real fields: keys typed, Enter, Tab, Escape, Ctrl+Z. Expected numbers
are worked out by hand from docs/model.md on conftest's two-team plan (see test_board's docstring): a
two-month cycle, so a ramped AE takes on 20 / 2 = 10 opportunities a month; an outbound SDR sources
12; win rate 0.25; deal 40,000; churn 0, so accounts in 12 months = 12 × wins; an AM looks after 40.
Enterprise: supply 12, close 10, wins 2.5, accounts 30 → closer → AM 0.75. SMB: supply 24, close 10,
wins 2.5, accounts 30 → 0.75. Bookings 2 × 2.5 × 40,000 × 12 = 2,400,000 a year."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QLocale, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel

from salesplanner.capacity import Verdict
from salesplanner.commands import AddTeam, EditPlan, EditTeam
from salesplanner.model import MarketProfile, MemberId, Status, Team, TeamId
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, two_team_plan
from tests.ui.test_board import pill_labels
from ui.document import PlanDocument
from ui.inspector import InspectorPanel, Subject, SubjectKind
from ui.inspector.fields import ChoiceField, FieldEdit
from ui.inspector.kinds import NumberKind, PercentKind
from ui.theme import current_theme
from ui.translator import install_language
from ui.window.main_window import MainWindow

DITA = MemberId("p-dita")
TODAY = two_team_plan().baseline


@pytest.fixture
def inspector(window: MainWindow) -> InspectorPanel:
    """The panel docked on the right of the real window, as the app shows it, following the board's
    focused team."""
    panel = InspectorPanel(window.document)
    dock = QDockWidget("Inspector", window)
    dock.setObjectName("inspector-under-test")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.board.focus_team_changed.connect(panel.show_team)
    window.activateWindow()
    return panel


def edit(panel: InspectorPanel, key: str) -> FieldEdit:
    field = panel.field(key)
    assert isinstance(field, FieldEdit)
    return field


def type_into(field: FieldEdit, typed: str, *, finish: Qt.Key | None = Qt.Key.Key_Return) -> None:
    """Click into the field, select what is there, type over it (or delete it), then Enter/Tab."""
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    assert field.hasFocus()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if typed:
        QTest.keyClicks(field, typed)
    else:
        QTest.keyClick(field, Qt.Key.Key_Delete)
    if finish is not None:
        QTest.keyClick(field, finish)


def click_card(window: MainWindow, team: TeamId) -> None:
    card = window.board.card(team)
    window.view.ensureVisible(card.sceneBoundingRect())
    corner = window.view.mapFromScene(card.sceneBoundingRect().topLeft() + QPointF(30, 20))
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)


def lane_text(window: MainWindow, team: TeamId, role: Role) -> str:
    lane = window.board.lane(team, role)
    assert lane is not None
    return lane.capacity


def shows_problem(field: FieldEdit, panel: InspectorPanel, reason: str) -> bool:
    """The reason is on screen under the field, in the 'overloaded' colour."""
    colour = current_theme().verdict(Verdict.OVERLOADED)[0]
    return (field.problem.text() == reason and field.problem.isVisibleTo(panel)
            and QColor(colour).name() in field.problem.styleSheet())


def test_market_field_edit_changes_the_board_and_one_ctrl_z_restores_it(
        window: MainWindow, inspector: InspectorPanel) -> None:
    """Nordic SMB win rate 25 % → 50 %: SMB wins 10 × 0.5 = 5 a month, bookings (5 + 2.5) × 40,000 × 12 =
    3,600,000; SMB accounts 12 × 5 = 60 against 40 → closer → AM 1.50, 20 accounts over capacity."""
    click_card(window, SMB)
    assert inspector.subject == Subject(SubjectKind.TEAM, SMB)
    assert inspector.title.text() == "Nordic SMB"
    win_rate = edit(inspector, "market.win_rate")
    assert win_rate.text() == "25 %"
    type_into(win_rate, "50")
    assert win_rate.text() == "50 %"
    assert window.document.scenario.teams[SMB].market.win_rate == 0.5
    assert window.summary.bookings.value.text() == "€ 3.60 M"
    label, verdict = pill_labels(window, SMB)["closer_to_am"]
    assert verdict is Verdict.OVERLOADED and "1.50" in label and "20 accounts over AM capacity" in label
    assert pill_labels(window, ENTERPRISE)["closer_to_am"][1] is Verdict.UNDERUSED
    assert inspector.value("Wins") == "5.0"
    assert window.document.undo_stack.count() == 1

    QTest.keyClick(win_rate, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # nothing typed: the plan's undo
    assert window.document.undo_stack.index() == 0
    assert window.summary.bookings.value.text() == "€ 2.40 M"
    label, verdict = pill_labels(window, SMB)["closer_to_am"]
    assert verdict is Verdict.UNDERUSED and "0.75" in label
    assert win_rate.text() == "25 %"
    assert inspector.value("Wins") == "2.5"


def test_commits_to_one_field_merge_into_one_undo_step_and_another_field_starts_a_new_one(
        window: MainWindow, inspector: InspectorPanel) -> None:
    inspector.show_team(SMB)
    stack = window.document.undo_stack
    win_rate = edit(inspector, "market.win_rate")
    type_into(win_rate, "30")
    type_into(win_rate, "50 %", finish=Qt.Key.Key_Tab)  # focus leaving commits too
    assert not win_rate.hasFocus()
    assert stack.count() == 1 and stack.text(0) == "Edit team Nordic SMB: win rate"
    assert window.document.scenario.teams[SMB].market.win_rate == 0.5
    deal = edit(inspector, "market.avg_deal_size")
    type_into(deal, "50000")
    assert deal.text() == "50,000"
    assert stack.count() == 2
    # Bookings: SMB 5 × 50,000 + Enterprise 2.5 × 40,000 = 350,000 a month → 4.2 M a year.
    assert window.summary.bookings.value.text() == "€ 4.20 M"
    stack.undo()
    assert deal.text() == "40,000" and win_rate.text() == "50 %"
    stack.undo()  # the two win-rate commits went together
    assert win_rate.text() == "25 %"
    assert window.document.scenario.teams[SMB].market == two_team_plan().scenarios[
        window.document.scenario.id].teams[SMB].market
    assert window.summary.bookings.value.text() == "€ 2.40 M"


def test_committing_an_unchanged_field_pushes_nothing(window: MainWindow, inspector: InspectorPanel) -> None:
    inspector.show_team(SMB)
    type_into(edit(inspector, "market.win_rate"), "25")  # the same rate, typed without the sign
    type_into(edit(inspector, "name"), "Nordic SMB", finish=Qt.Key.Key_Tab)
    assert window.document.undo_stack.count() == 0


@pytest.mark.parametrize(("subject", "key", "typed", "reason"), [
    ("dita", "fte", "0", "must be greater than 0"),
    ("smb", "market.win_rate", "150 %", "must be between 0 and 1"),
    ("smb", "name", "", "must not be empty"),
    ("smb", "market.avg_deal_size", "abc", "not a number"),
    ("smb", "market.sales_cycle_days", "-5", "must be greater than 0"),
    ("plan", "horizon_months", "12.5", "not a whole number"),
    ("plan", "horizon_months", "500", "must be a whole number of months between 1 and 120"),
    ("plan", "currency", "euro", "must be a three-letter currency code such as EUR"),
    ("plan", "roles.ae.max_open_opps", "-1", "must not be negative"),
    ("dita", "start_date", "2027-02-30", "not a date in the calendar"),
])
def test_invalid_input_is_refused_at_the_field_with_its_reason(
        window: MainWindow, inspector: InspectorPanel, subject: str, key: str, typed: str, reason: str) -> None:
    {"dita": lambda: inspector.show_member(DITA), "smb": lambda: inspector.show_team(SMB),
     "plan": inspector.show_plan}[subject]()
    before = two_team_plan()
    field = edit(inspector, key)
    shown = field.text()
    type_into(field, typed)
    assert shows_problem(field, inspector, reason)
    assert field.text() == typed  # left for the user to correct
    assert window.document.undo_stack.count() == 0
    plan = window.document.plan
    assert plan.people == before.people and plan.assumptions == before.assumptions
    assert plan.scenarios[TODAY].teams == before.scenarios[TODAY].teams
    assert (plan.name, plan.currency, plan.horizon_months) == (before.name, before.currency, before.horizon_months)
    # Focus leaving does not push it either; Escape brings back the plan's value.
    field.setFocus()
    QTest.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == shown and not field.problem.isVisibleTo(inspector)
    assert window.document.undo_stack.count() == 0


def test_person_edit_updates_her_chip_and_lane_and_undoes(window: MainWindow, inspector: InspectorPanel) -> None:
    """Dita at 0.5 FTE: SMB's SDRs are 1.5 FTE sourcing 18 a month; SDR → closer 18 / 10 = 1.80 with 8
    not worked; her cost 90,000 × 0.5 takes the total from 870 k to 825 k."""
    inspector.show_member(DITA)
    assert inspector.title.text() == "Dita Moe" and inspector.subtitle.text() == "Outbound SDR · Nordic SMB"
    assert edit(inspector, "annual_cost").placeholderText() == "Outbound SDR default: € 90,000"
    assert lane_text(window, SMB, Role.SDR_OUTBOUND) == "2.0 FTE · 24.0 opps/mo"
    type_into(edit(inspector, "fte"), "0.5")
    chip = window.board.chip(DITA)
    assert chip is not None and chip.data_.fte == 0.5
    assert lane_text(window, SMB, Role.SDR_OUTBOUND) == "1.5 FTE · 18.0 opps/mo"
    label, _ = pill_labels(window, SMB)["sdr_to_closer"]
    assert "1.80" in label and "8 opps/mo not worked" in label
    assert window.summary.cost.value.text() == "€ 825 k"
    # Part time: the default says how it is made, 0.5 × the role's € 90,000.
    assert edit(inspector, "annual_cost").placeholderText() == "Outbound SDR default: 0.5 × € 90,000"
    window.document.undo_stack.undo()
    chip = window.board.chip(DITA)
    assert chip is not None and chip.data_.fte == 1.0
    assert lane_text(window, SMB, Role.SDR_OUTBOUND) == "2.0 FTE · 24.0 opps/mo"
    assert window.summary.cost.value.text() == "€ 870 k"
    assert edit(inspector, "fte").text() == "1"


def test_a_persons_job_title_is_shown_and_edited(window: MainWindow, inspector: InspectorPanel) -> None:
    """The title HR gave her (kept by a roster import) sits under her name; editing it is one undo step."""
    inspector.show_member(DITA)
    title = edit(inspector, "title")
    assert title.text() == ""
    labels = [w for w in inspector.findChildren(QLabel) if w.buddy() is title]
    assert [w.text().replace("&", "") for w in labels] == ["Job title"]
    type_into(title, "Business Development Representative")
    assert window.document.plan.people[DITA].title == "Business Development Representative"
    window.document.undo_stack.undo()
    assert window.document.plan.people[DITA].title is None
    assert edit(inspector, "title").text() == ""


def test_leave_date_and_status_move_together(window: MainWindow, inspector: InspectorPanel) -> None:
    """The core wants a leave date exactly when the status is leaving: the fields keep that pair whole."""
    inspector.show_member(DITA)
    status = inspector.field("status")
    assert isinstance(status, ChoiceField) and status.currentText() == "Active"
    status.activated.emit(status.findText("Leaving"))  # leaving, but no leave date yet: refused
    assert status.currentText() == "Active"
    assert status.problem.text() == "Leave date is required when status is leaving"
    type_into(edit(inspector, "leave_date"), "2027-06-30")
    assert window.document.plan.people[DITA].leave_date == date(2027, 6, 30)
    assert window.document.plan.people[DITA].status is Status.LEAVING
    assert status.currentText() == "Leaving" and not status.problem.isVisibleTo(inspector)
    status.activated.emit(status.findText("Active"))
    assert window.document.plan.people[DITA].leave_date is None
    assert edit(inspector, "leave_date").text() == ""
    assert window.document.undo_stack.count() == 2


def test_plan_assumption_changes_every_teams_close_capacity(window: MainWindow, inspector: InspectorPanel) -> None:
    """AE max_open_opps 20 → 40: an AE takes on 40 / 2 = 20 a month. Enterprise: supply 12 of 20 → 0.60
    underused, wins 3; SMB: 24 of 20 → 1.20 overloaded, 4 not worked, wins 5. Bookings (3 + 5) × 40,000 ×
    12 = 3,840,000."""
    inspector.show_plan()
    assert inspector.title.text() == "Test plan"
    field = edit(inspector, "roles.ae.max_open_opps")
    assert field.text() == "20"
    type_into(field, "40")
    assert window.document.plan.assumptions.parameter(Role.AE, "max_open_opps") == 40
    for team in (ENTERPRISE, SMB):
        assert lane_text(window, team, Role.AE) == "1.0 FTE · closes 20.0 opps/mo"
    label, verdict = pill_labels(window, ENTERPRISE)["sdr_to_closer"]
    assert verdict is Verdict.UNDERUSED and "0.60" in label
    label, verdict = pill_labels(window, SMB)["sdr_to_closer"]
    assert verdict is Verdict.OVERLOADED and "1.20" in label and "4 opps/mo not worked" in label
    assert window.summary.bookings.value.text() == "€ 3.84 M"
    assert inspector.value("Closing capacity / month") == "40.0"
    window.document.undo_stack.undo()
    assert lane_text(window, SMB, Role.AE) == "1.0 FTE · closes 10.0 opps/mo"
    assert window.summary.bookings.value.text() == "€ 2.40 M"
    assert field.text() == "20"


def test_tolerance_is_a_percentage(window: MainWindow, inspector: InspectorPanel) -> None:
    """Tolerance 15 % → 30 %: Enterprise's SDR → closer 1.20 falls inside [0.70, 1.30] and turns balanced."""
    inspector.show_plan()
    tolerance = edit(inspector, "tolerance")
    assert tolerance.text() == "15 %"
    type_into(tolerance, "30 %")
    assert window.document.plan.assumptions.tolerance == 0.3
    assert pill_labels(window, ENTERPRISE)["sdr_to_closer"][1] is Verdict.BALANCED


def test_team_override_changes_only_that_team_and_clearing_removes_it(
        window: MainWindow, inspector: InspectorPanel) -> None:
    """accounts_per_am 20 for Nordic Enterprise: its AM looks after 20, accounts 30 → 1.50 overloaded, 10
    over capacity; SMB keeps 40 → 0.75."""
    inspector.show_team(ENTERPRISE)
    field = edit(inspector, "roles.am.accounts_per_am")
    assert field.text() == "" and field.placeholderText() == "40"
    type_into(field, "20")
    assert window.document.scenario.teams[ENTERPRISE].roles == {Role.AM: {"accounts_per_am": 20}}
    label, verdict = pill_labels(window, ENTERPRISE)["closer_to_am"]
    assert verdict is Verdict.OVERLOADED and "1.50" in label and "10 accounts over AM capacity" in label
    assert lane_text(window, ENTERPRISE, Role.AM) == "1.0 FTE · 20 accounts"
    label, verdict = pill_labels(window, SMB)["closer_to_am"]
    assert verdict is Verdict.UNDERUSED and "0.75" in label
    assert window.document.scenario.teams[SMB].roles == {}

    type_into(field, "")
    assert window.document.scenario.teams[ENTERPRISE].roles == {}
    assert field.text() == "" and field.placeholderText() == "40"
    assert "0.75" in pill_labels(window, ENTERPRISE)["closer_to_am"][0]

    # The placeholder follows the plan's value.
    inspector.show_plan()
    type_into(edit(inspector, "roles.am.accounts_per_am"), "50")
    inspector.show_team(ENTERPRISE)
    assert edit(inspector, "roles.am.accounts_per_am").placeholderText() == "50"


def test_a_focused_field_is_not_overwritten_by_a_refresh(window: MainWindow, inspector: InspectorPanel) -> None:
    inspector.show_team(SMB)
    deal, win_rate = edit(inspector, "market.avg_deal_size"), edit(inspector, "market.win_rate")
    type_into(deal, "55000", finish=None)  # still typing
    team = window.document.scenario.teams[SMB]
    window.document.push(EditTeam(window.document.scenario.id, replace(
        team, market=replace(team.market, avg_deal_size=30_000, win_rate=0.4))))
    assert deal.hasFocus() and deal.text() == "55000"
    assert win_rate.text() == "40 %"  # the field not in use shows the change
    QTest.keyClick(deal, Qt.Key.Key_Escape)  # Escape goes back to the plan's value, the new one
    assert deal.text() == "30,000"
    type_into(deal, "55000")
    assert window.document.scenario.teams[SMB].market.avg_deal_size == 55_000
    assert window.document.undo_stack.count() == 2


def test_the_panel_falls_back_to_the_plan_when_its_team_disappears(
        window: MainWindow, inspector: InspectorPanel) -> None:
    document = window.document
    team = Team(TeamId("t-new"), "Baltic SMB", market=MarketProfile())
    document.push(AddTeam(document.scenario.id, team))
    inspector.show_team(team.id)
    assert inspector.subject == Subject(SubjectKind.TEAM, team.id) and inspector.title.text() == "Baltic SMB"
    document.undo_stack.undo()
    assert inspector.subject == Subject(SubjectKind.PLAN)
    assert inspector.title.text() == "Test plan"
    assert inspector.value("Headcount") == "7"


def test_clicking_a_card_shows_its_chain_and_empty_board_shows_the_plan(
        window: MainWindow, inspector: InspectorPanel) -> None:
    click_card(window, SMB)
    assert inspector.value("Opportunities") == "24.0"
    assert inspector.value("Closing capacity") == "10.0"
    assert inspector.value("Wins") == "2.5"
    assert inspector.value("Accounts in 12 months") == "30"
    window.board.set_focus_team(None)
    assert inspector.subject == Subject(SubjectKind.PLAN)
    assert inspector.value("Bookings / year") == "€ 2,400,000"
    assert inspector.subtitle.text() == "Scenario Today · stage Market Teams"


def test_plan_field_edits_go_through_edit_plan(window: MainWindow, inspector: InspectorPanel) -> None:
    inspector.show_plan()
    type_into(edit(inspector, "currency"), "usd")
    assert window.document.plan.currency == "USD"
    assert edit(inspector, "currency").text() == "USD"
    assert window.summary.bookings.value.text() == "$ 2.40 M"
    type_into(edit(inspector, "horizon_months"), "6")
    # Accounts in 6 months: 6 × 2.5 = 15 per team.
    inspector.show_team(SMB)
    assert inspector.value("Accounts in 6 months") == "15"
    assert window.document.undo_stack.count() == 2


def test_dates_read_iso_and_the_locales_short_format(window: MainWindow, inspector: InspectorPanel) -> None:
    inspector.show_member(DITA)
    start = edit(inspector, "start_date")
    type_into(start, "2026-11-01")
    assert window.document.plan.people[DITA].start_date == date(2026, 11, 1)
    short = QLocale().toString(date(2026, 12, 1), QLocale.FormatType.ShortFormat)
    type_into(start, short)
    assert window.document.plan.people[DITA].start_date == date(2026, 12, 1)
    assert start.text() == "01/12/2026"
    # 31 days before the as-of date with a three-month ramp: 31 / (365 / 12) / 3 = 0.340 of her capacity,
    # so SMB's SDRs are 1.34 FTE sourcing 0.340 × 12 + 12 = 16.08 a month.
    assert lane_text(window, SMB, Role.SDR_OUTBOUND) == "1.3 FTE · 16.1 opps/mo"
    type_into(start, "")
    assert window.document.plan.people[DITA].start_date is None


def test_numbers_follow_the_locale(window: MainWindow, inspector: InspectorPanel, qapp: QApplication) -> None:
    install_language(qapp, "en", locale="da_DK")  # English words, Danish numbers
    try:
        assert NumberKind().parse("1,5") == 1.5
        assert NumberKind().parse("180.000") == 180_000
        assert PercentKind().format(0.155) == "15,5 %"
        inspector.show_member(DITA)
        type_into(edit(inspector, "fte"), "0,5")
        assert window.document.plan.people[DITA].fte == 0.5
        assert edit(inspector, "fte").text() == "0,5"
    finally:
        install_language(qapp, "en")


def test_set_document_lets_go_of_the_previous_one(window: MainWindow, inspector: InspectorPanel) -> None:
    other_plan = two_team_plan()
    other_plan.name = "Other plan"
    other = PlanDocument(other_plan)
    inspector.set_document(other)
    assert inspector.title.text() == "Other plan"
    window.document.push(EditPlan(name="Renamed"))
    assert inspector.title.text() == "Other plan"
    type_into(edit(inspector, "name"), "Other plan 2")
    assert other.plan.name == "Other plan 2" and window.document.plan.name == "Renamed"
    assert other.undo_stack.count() == 1 and window.document.undo_stack.count() == 1
