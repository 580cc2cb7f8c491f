"""Targets on screen (docs/model.md §9): the card's target line, the summary strip's coverage, the inspector's
target fields and thresholds, the timeline's cumulative expected bookings against the target, and the Changes
view. Numbers by hand on conftest's plan with attrition set to 0 for every role, so each month is like
today: Enterprise (Ana AE, Bo SDR) works 10 opportunities a month, 2.5 wins × 40,000 = 100,000 a month,
1,200,000 over the next 12 months; SMB (Cai AE, Dita and Eva SDRs) the same. With Finn (bench) as a second
Enterprise AE, Enterprise works its whole supply of 12: 120,000 a month, 1,440,000 a year.

Targets: Enterprise 1,500,000 (80 %, short by 300,000; with Finn 96 %, on target), SMB 1,200,000 (100 %);
the organisation's is their sum, 2,700,000: 2,400,000 expected is 89 %, with Finn 2,640,000 is 98 %."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget

import ui.panels.hiring_panel
from salesplanner.commands import AddOpening, EditAssumptions, EditTeam
from salesplanner.model import MemberId, Opening, Placement, TeamId
from salesplanner.roles import ANNUAL_ATTRITION, Role
from salesplanner.targets import TargetVerdict, hire_contributions
from tests.ui.conftest import ENTERPRISE, SMB
from tests.ui.test_changes import rows
from tests.ui.test_inspector import click_card, edit, type_into
from ui import text
from ui.board.items import TargetItem
from ui.dialogs.move_dialog import MoveDialog
from ui.inspector import InspectorPanel
from ui.panels.hiring_panel import HiringPanel
from ui.panels.timeline_panel import EXPECTED, TimelinePanel
from ui.theme import current_theme
from ui.window.main_window import MainWindow

FINN = MemberId("p-finn")


def set_targets(window: MainWindow, **targets: float | None) -> None:
    """No attrition, and these teams' targets (by key: ``ent``, ``smb``)."""
    document = window.document
    plan = document.plan
    roles = {role: {**values, ANNUAL_ATTRITION: 0} for role, values in plan.assumptions.roles.items()}
    document.push(EditAssumptions(dataclasses.replace(plan.assumptions, roles=roles)))
    for key, target in targets.items():
        team_id = {"ent": ENTERPRISE, "smb": SMB}[key]
        team = document.scenario.teams[team_id]
        document.push(EditTeam(document.scenario.id, dataclasses.replace(team, target_bookings=target)))


def target_item(window: MainWindow, team: TeamId) -> TargetItem | None:
    items = [item for item in window.board.card(team).childItems() if isinstance(item, TargetItem)]
    assert len(items) <= 1
    return items[0] if items else None


@pytest.fixture
def inspector(window: MainWindow) -> InspectorPanel:
    """The inspector docked beside the board, following its focused team (as in test_inspector.py)."""
    panel = InspectorPanel(window.document)
    dock = QDockWidget("Inspector", window)
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.board.focus_team_changed.connect(panel.show_team)
    window.activateWindow()
    return panel


@pytest.fixture
def targeted(window: MainWindow) -> MainWindow:
    set_targets(window, ent=1_500_000, smb=1_200_000)
    return window


def test_a_card_with_a_target_shows_target_expected_and_coverage(targeted: MainWindow) -> None:
    item = target_item(targeted, ENTERPRISE)
    assert item is not None
    assert item.label == "Target € 1.50 M · expected € 1.20 M (80 %)"
    assert item.verdict is TargetVerdict.SHORT
    assert "Short by € 300,000" in item.tooltip()
    assert "Quota capacity: € 800,000" in item.tooltip()
    smb = target_item(targeted, SMB)
    assert smb is not None and smb.label == "Target € 1.20 M · expected € 1.20 M (100 %)"
    assert smb.verdict is TargetVerdict.ON_TARGET


def test_a_drop_updates_the_target_line_of_the_card_it_lands_on(targeted: MainWindow) -> None:
    smb_builds = targeted.board.card(SMB).rebuild_count
    targeted.board.handle_drop([FINN], Placement(ENTERPRISE, Role.AE))
    item = target_item(targeted, ENTERPRISE)
    assert item is not None and item.label == "Target € 1.50 M · expected € 1.44 M (96 %)"
    assert item.verdict is TargetVerdict.ON_TARGET
    assert targeted.board.card(SMB).rebuild_count == smb_builds  # only the touched team
    targeted.document.undo_stack.undo()
    item = target_item(targeted, ENTERPRISE)
    assert item is not None and item.verdict is TargetVerdict.SHORT


def test_a_card_without_a_target_has_no_target_line(window: MainWindow) -> None:
    set_targets(window, ent=1_500_000)
    assert target_item(window, ENTERPRISE) is not None
    assert target_item(window, SMB) is None


def test_the_summary_strip_shows_coverage_and_its_change_from_the_baseline(targeted: MainWindow) -> None:
    strip = targeted.summary.target
    assert strip.value.text() == "89 %"
    assert strip.value.styleSheet() == f"color: {current_theme().target(TargetVerdict.ON_TARGET)[0].name()};"
    assert strip.caption.text() == "Target"
    assert "Coverage of the target € 2.70 M" in strip.toolTip()
    targeted.actions_.duplicate_scenario.trigger()
    targeted.board.handle_drop([FINN], Placement(ENTERPRISE, Role.AE))
    assert (strip.value.text(), strip.change.text()) == ("98 %", "+9 pts")


def test_the_strip_says_when_there_is_no_target(window: MainWindow) -> None:
    assert window.summary.target.value.text() == "—"
    assert window.summary.target.toolTip().startswith("No target")


def test_team_target_is_edited_in_the_inspector_and_undone(window: MainWindow, inspector: InspectorPanel) -> None:
    set_targets(window)
    click_card(window, ENTERPRISE)
    field = edit(inspector, "target_bookings")
    assert field.text() == "" and field.placeholderText() == "no target"
    type_into(field, "1500000")
    assert window.document.scenario.teams[ENTERPRISE].target_bookings == 1_500_000
    assert window.document.undo_stack.undoText() == "Edit team Nordic Enterprise: target bookings"
    assert inspector.value("Target coverage") == text.percent(0.8)
    item = target_item(window, ENTERPRISE)
    assert item is not None and item.label == "Target € 1.50 M · expected € 1.20 M (80 %)"
    type_into(field, "-5")
    assert field.problem.text() == "must not be negative"
    QTest.keyClick(field, Qt.Key.Key_Escape)
    window.document.undo_stack.undo()
    assert target_item(window, ENTERPRISE) is None
    assert field.text() == ""


def test_the_scenario_target_falls_back_to_the_teams_sum(targeted: MainWindow, inspector: InspectorPanel) -> None:
    inspector.show_plan()
    field = edit(inspector, "target_bookings")
    assert field.text() == "" and field.placeholderText() == "teams' sum: € 2,700,000"
    type_into(field, "2000000")
    assert targeted.document.scenario.target_bookings == 2_000_000
    assert targeted.summary.target.value.text() == "120 %"  # 2,400,000 ÷ 2,000,000: ahead
    assert inspector.value("Target coverage") == "120 %"
    targeted.document.undo_stack.undo()
    assert field.text() == "" and targeted.summary.target.value.text() == "89 %"


def test_quota_and_its_thresholds_are_plan_assumptions_in_the_inspector(window: MainWindow,
                                                                        inspector: InspectorPanel) -> None:
    inspector.show_plan()
    assert edit(inspector, "roles.ae.annual_quota").text() == text.number(800_000, 0)
    assert edit(inspector, "roles.full_cycle.annual_quota").text() == text.number(600_000, 0)
    assert edit(inspector, "quota_to_cost_min").text() == "4"
    assert edit(inspector, "quota_to_cost_max").text() == "6"
    assert edit(inspector, "attainment_min").text() == "60 %"
    type_into(edit(inspector, "roles.ae.annual_quota"), "720000")
    assert window.document.plan.assumptions.roles[Role.AE]["annual_quota"] == 720_000
    type_into(edit(inspector, "quota_to_cost_max"), "3")
    assert edit(inspector, "quota_to_cost_max").problem.text() == "must not be below quota_to_cost_min"
    type_into(edit(inspector, "attainment_min"), "50")
    assert window.document.plan.assumptions.attainment_min == 0.5


def test_the_timeline_adds_up_expected_bookings_against_the_target(targeted: MainWindow, qtbot) -> None:
    panel = TimelinePanel(targeted.document)
    qtbot.addWidget(panel)
    panel.resize(900, 360)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_measure(EXPECTED)
    # 200,000 a month, every month: 200,000 more each month, 2,400,000 at month 12
    assert panel.chart.series["Today"] == pytest.approx([200_000 * month for month in range(13)])
    reference = panel.chart.reference
    assert reference is not None and reference.value == 2_700_000
    panel.set_scope(ENTERPRISE)
    assert panel.chart.series["Today"][-1] == pytest.approx(1_200_000)
    reference = panel.chart.reference
    assert reference is not None and reference.value == 1_500_000
    assert reference.colour == current_theme().target(TargetVerdict.SHORT)[0]
    assert panel.chart.readout(12)[-1] == ("Target", text.money(1_500_000, "EUR", compact=True))


def test_the_changes_view_shows_targets_before_and_after(targeted: MainWindow) -> None:
    targeted.show_changes()
    targeted.actions_.duplicate_scenario.trigger()
    targeted.board.handle_drop([FINN], Placement(ENTERPRISE, Role.AE))
    targeted.compare.refresh()
    assert targeted.compare.headline.text().endswith("  ·  target coverage 89 % → 98 %")
    totals = {row[0]: row[1:] for row in rows(targeted.compare.totals)}
    assert totals["Target"] == ["€ 2,700,000", "€ 2,700,000", ""]
    assert totals["Expected, next 12 months"] == ["€ 2,400,000", "€ 2,640,000", "+€ 240 k"]
    assert totals["Target coverage"] == ["89 %", "98 %", "+9 pts"]
    teams = {row[0]: row for row in rows(targeted.compare.teams)}
    assert teams["Nordic Enterprise"][-2:] == ["+€ 240 k", "80 % → 96 %"]


def test_the_move_picker_previews_expected_bookings_and_coverage(targeted: MainWindow, qtbot) -> None:
    dialog = MoveDialog(targeted.document, [FINN], targeted)
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.filter, "enterprise ae")
    assert dialog.targets.currentItem().text() == "Nordic Enterprise · AE"
    assert "   Expected, next 12 months € 1.20 M → € 1.44 M (80 % → 96 %)" in dialog.preview.text().splitlines()


def test_the_hiring_plan_reworks_only_the_touched_teams_openings(window: MainWindow, qtbot,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """After each change the table holds what a fresh computation gives, though only the openings of the
    teams the change touched were worked out again."""
    panel = HiringPanel(window.document)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    today = window.document.scenario.id
    for key, team in (("ent", ENTERPRISE), ("smb", SMB)):
        window.document.push(AddOpening(today, Opening(MemberId(f"o-{key}"), f"AE {key}"), Placement(team, Role.AE)))
    calls: list[object] = []

    def counting(*args: object, **options: object) -> object:
        calls.append(options.get("team_ids"))
        return hire_contributions(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ui.panels.hiring_panel, "hire_contributions", counting)
    window.board.handle_drop([FINN], Placement(ENTERPRISE, Role.SDR_OUTBOUND))
    window.board.handle_drop([MemberId("o-smb")], Placement(ENTERPRISE, Role.AE))
    window.document.undo_stack.undo()
    assert calls == [{ENTERPRISE}, {ENTERPRISE, SMB}, {ENTERPRISE, SMB}]
    assert panel.model.contributions == hire_contributions(window.document.plan, today)
