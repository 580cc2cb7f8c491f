"""The timeline chart and the hiring plan, driven beside the main window on conftest's two-team plan.

Expected numbers are the core's (``timeline``, ``hiring_plan``) and, where small enough, worked out by
hand from docs/model.md (see test_board.py's docstring: cycle 2 months → a ramped AE takes on 10 opps/month,
an outbound SDR sources 12, win rate 0.25, deal 40,000). Today, month 0: Enterprise supply 12, closing
capacity 10 → 10 worked → 2.5 wins → 100,000 a month; SMB supply 24, capacity 10 → the same. So the
organisation books 200,000 a month, 2,400,000 a year. Nobody has a start or leave date, so every later
month only thins people by expected attrition: AEs by 0.85^(days since the as-of date / 365), SDRs by
0.70^(…) (their default, docs/model.md §3), the days of month k being ⌈k × 365/12⌉ (exactly 365 at month
12, factors of exactly 0.85 and 0.70). Closers decide until Enterprise's one SDR thins below its AE late in
the year.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

import ui.panels.timeline_panel
from salesplanner.commands import AddOpening, EditPlan, RemoveTeam
from salesplanner.model import MemberId, Opening, Placement, ScenarioId
from salesplanner.roles import ROLE_ORDER, Role
from salesplanner.targets import trapezoid
from salesplanner.timeline import Timeline, hiring_plan, timeline
from tests.ui.conftest import ENTERPRISE, MONTH, SMB
from ui import text
from ui.panels.hiring_panel import Column, HiringPanel
from ui.panels.timeline_chart import month_label, nice_ticks
from ui.panels.timeline_panel import REFRESH_DELAY_MS, TimelinePanel
from ui.window.main_window import MainWindow

TODAY = ScenarioId("s-today")
EVA = MemberId("p-eva")
AS_OF = date(2027, 1, 1)


def days(month: int) -> int:
    """Days from the as-of date to timeline month ``month``: ⌈month × 365/12⌉."""
    return -(-month * 365 // 12)


def survival(months: float) -> float:
    return 0.85 ** (months / 12)


@pytest.fixture
def panel(window: MainWindow, qtbot) -> TimelinePanel:
    result = TimelinePanel(window.document)
    qtbot.addWidget(result)
    result.resize(900, 360)
    result.show()
    qtbot.waitExposed(result)
    return result


def core(window: MainWindow, scenario_id: ScenarioId) -> Timeline:
    return timeline(window.document.plan, scenario_id)


def after_change(qtbot, panel: TimelinePanel, change: Callable[[], object]) -> None:
    """Make a change and wait for the panel's debounced recompute."""
    with qtbot.waitSignal(panel.refreshed, timeout=3000):
        change()


# --- the timeline -----------------------------------------------------------------------------------

def test_bookings_per_year_by_default_equal_the_core_and_the_hand_computation(window: MainWindow,
                                                                                panel: TimelinePanel) -> None:
    assert panel.measure == "bookings_year" and panel.scope is None
    # Labelled by calendar month (January 2027 … January 2028); the model evaluates day ⌈k × 365/12⌉.
    assert panel.chart.months == [date(2027 + k // 12, k % 12 + 1, 1) for k in range(13)]
    assert panel.chart.series == {"Today": list(core(window, TODAY).total.bookings_year)}
    values = panel.chart.series["Today"]
    assert values[0] == pytest.approx(2_400_000)
    # month 6: Enterprise's supply 12 × 0.70^(183/365) = 10.04 still above its closing 10 × 0.85^(183/365)
    assert values[6] == pytest.approx(2_400_000 * 0.85 ** (183 / 365))
    # month 12: Enterprise works its supply 12 × 0.70 = 8.4, SMB its closing 10 × 0.85 = 8.5:
    # (8.4 + 8.5) × 0.25 × 40,000 × 12 = 2,028,000
    assert values[12] == pytest.approx(2_028_000)


def test_an_opening_two_months_ahead_ramps_into_closing_capacity(window: MainWindow, panel: TimelinePanel,
                                                                 qtbot) -> None:
    """An AE opening starting at month 2 (day 61) in Enterprise: nothing before month 3; at month 3 (day 92)
    it is 31 days in, 31 / (365/12) months of a 5-month ramp, thinned by 0.85 over those months; from
    month 8 (day 244, 183 days in) it is fully ramped."""
    panel.set_measure("close_cap")
    before = panel.chart.series["Today"]
    assert before[0] == pytest.approx(20)  # two ramped AEs × 10
    opening = Opening(MemberId("o-ae"), "AE hire", start_date=AS_OF + timedelta(days=61))
    after_change(qtbot, panel, lambda: window.document.push(
        AddOpening(TODAY, opening, Placement(ENTERPRISE, Role.AE))))
    after = panel.chart.series["Today"]
    assert after == list(core(window, TODAY).total.close_cap)
    assert after[:3] == pytest.approx(before[:3])
    in_month_3 = 31 / MONTH
    assert after[3] - before[3] == pytest.approx(10 * in_month_3 / 5 * survival(in_month_3))
    assert after[7] - before[7] == pytest.approx(10 * (152 / MONTH) / 5 * survival(152 / MONTH))
    assert after[8] - before[8] == pytest.approx(10 * survival(183 / MONTH))

    panel.set_scope(ENTERPRISE)
    panel.set_measure("fte:ae")
    assert panel.chart.series["Today"][3] == pytest.approx(
        survival(days(3) / MONTH) + in_month_3 / 5 * survival(in_month_3))


def test_a_line_per_scenario_and_a_drag_in_the_duplicate(window: MainWindow, panel: TimelinePanel, qtbot) -> None:
    """Eva (SDR) to Enterprise · AE in the copy: Enterprise supply 12, capacity 20 → 3 wins, 120,000 a
    month; SMB supply 12, capacity 10 → 100,000. 2,640,000 a year against today's 2,400,000. Month by
    month the copy gains Enterprise's SDR's supply 12 × 0.70^(d/365) and loses SMB's second AE-bound
    10 × 0.85^(d/365): (12 × 0.70^(d/365) − 10 × 0.85^(d/365)) × 0.25 × 40,000 × 12 a year."""
    after_change(qtbot, panel, window.actions_.duplicate_scenario.trigger)
    copy = window.document.scenario.id
    assert set(panel.chart.series) == {"Today", "Today (copy)"}
    assert panel.chart.series["Today (copy)"] == panel.chart.series["Today"]

    after_change(qtbot, panel, lambda: window.board.handle_drop([EVA], Placement(ENTERPRISE, Role.AE)))
    series = panel.chart.series
    assert series["Today (copy)"] == list(core(window, copy).total.bookings_year)
    assert series["Today"] == list(core(window, TODAY).total.bookings_year)
    assert series["Today (copy)"][0] == pytest.approx(2_640_000)
    for month, (proposal, today) in enumerate(zip(series["Today (copy)"], series["Today"], strict=True)):
        years = days(month) / 365
        assert proposal - today == pytest.approx(120_000 * (12 * 0.7 ** years - 10 * 0.85 ** years))

    lines = {line.name: line for line in panel.chart.lines}
    assert lines["Today"].dashed and not lines["Today"].emphasis
    assert lines["Today (copy)"].emphasis and not lines["Today (copy)"].dashed
    assert lines["Today (copy)"].colour != lines["Today"].colour

    after_change(qtbot, panel, window.document.undo_stack.undo)
    assert panel.chart.series["Today (copy)"] == panel.chart.series["Today"]
    after_change(qtbot, panel, window.document.undo_stack.redo)
    assert panel.chart.series["Today (copy)"][0] == pytest.approx(2_640_000)


def test_measure_and_scope_choose_the_series(window: MainWindow, panel: TimelinePanel) -> None:
    total = core(window, TODAY).total
    firsts = {}
    for measure, expected in [("close_cap", total.close_cap), ("wins", total.wins), ("supply", total.supply)]:
        panel.measure_box.setCurrentIndex(panel.measure_box.findData(measure))
        assert panel.chart.series["Today"] == list(expected)
        firsts[measure] = panel.chart.series["Today"][0]
    assert firsts == pytest.approx({"close_cap": 20, "wins": 5, "supply": 36})

    panel.set_measure("close_cap")
    panel.scope_box.setCurrentIndex(panel.scope_box.findData(SMB))
    assert panel.scope == SMB
    assert panel.chart.series["Today"] == list(core(window, TODAY).teams[SMB].close_cap)
    assert panel.chart.series["Today"][0] == pytest.approx(10)
    panel.set_measure("fte:sdr_outbound")
    assert panel.chart.series["Today"][0] == pytest.approx(2)  # Dita and Eva
    panel.set_measure("fte")
    smb = core(window, TODAY).teams[SMB]
    assert panel.chart.series["Today"] == pytest.approx(
        [sum(smb.effective_fte[role][k] for role in ROLE_ORDER) for k in range(13)])
    assert panel.chart.series["Today"][0] == pytest.approx(4)  # Cai, Dita, Eva, Hal
    assert "Nordic SMB" in panel.chart.title
    panel.set_scope(None)
    assert panel.chart.series["Today"][0] == pytest.approx(7)


def test_a_team_missing_from_a_scenario_has_no_line(window: MainWindow, panel: TimelinePanel, qtbot) -> None:
    after_change(qtbot, panel, window.actions_.duplicate_scenario.trigger)
    copy = window.document.scenario.id
    after_change(qtbot, panel, lambda: window.document.push(RemoveTeam(copy, SMB)))
    assert panel.scope_box.findData(SMB) < 0  # the scenario on screen has no SMB team to choose
    after_change(qtbot, panel, lambda: window.document.set_scenario(TODAY))
    panel.set_scope(SMB)
    assert set(panel.chart.series) == {"Today"}
    # Back in the copy, the team cannot be shown: the panel falls back to the organisation.
    after_change(qtbot, panel, lambda: window.document.set_scenario(copy))
    assert panel.scope is None
    assert set(panel.chart.series) == {"Today", "Today (copy)"}


def test_recomputes_only_when_visible_and_debounced(window: MainWindow, qtbot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    computed: list[ScenarioId] = []

    def counting(plan, scenario_id):  # type: ignore[no-untyped-def]
        computed.append(scenario_id)
        return timeline(plan, scenario_id)

    monkeypatch.setattr(ui.panels.timeline_panel, "timeline", counting)
    hidden = TimelinePanel(window.document)
    qtbot.addWidget(hidden)
    move = Placement(ENTERPRISE, Role.AE)
    with qtbot.assertNotEmitted(hidden.refreshed, wait=REFRESH_DELAY_MS + 150):
        window.board.handle_drop([EVA], move)
    assert computed == [] and hidden.dirty

    hidden.show()  # shown dirty: computed at once, not after the delay
    assert computed == [TODAY] and not hidden.dirty
    assert hidden.chart.series["Today"][0] == pytest.approx(2_640_000)

    with qtbot.waitSignal(hidden.refreshed, timeout=3000):
        window.document.undo_stack.undo()
        window.document.undo_stack.redo()
        window.document.undo_stack.undo()
        assert computed == [TODAY]  # nothing yet: the recompute waits for the burst to end
    assert computed == [TODAY, TODAY]  # once for the three changes
    assert hidden.chart.series["Today"][0] == pytest.approx(2_400_000)

    hidden.set_measure("wins")  # another measure reads the cached timeline
    assert computed == [TODAY, TODAY]


def test_hover_reads_out_each_scenarios_value(panel: TimelinePanel) -> None:
    chart = panel.chart
    assert chart.readout(0) == [("Jan 27", ""), ("Today", text.money(2_400_000, "EUR", compact=True))]
    assert chart.readout(12)[0][0] == QLocale().toString(QDate(2028, 1, 1), "MMM yy")
    x = next(x for x in range(chart.width()) if chart.month_at(x) == 6)
    # QTest.mouseMove does not reach a widget on the offscreen platform; deliver the event itself.
    position = QPointF(x, chart.height() / 2)
    QApplication.sendEvent(chart, QMouseEvent(QEvent.Type.MouseMove, position, chart.mapToGlobal(position),
                                              Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                              Qt.KeyboardModifier.NoModifier))
    assert chart.hover_month == 6
    assert not chart.grab().isNull()  # paints the read-out
    QApplication.sendEvent(chart, QEvent(QEvent.Type.Leave))
    assert chart.hover_month is None


def test_month_labels_thin_out_on_a_narrow_chart(panel: TimelinePanel) -> None:
    panel.resize(1400, 360)
    assert panel.chart.labelled_months() == list(range(13))
    panel.resize(340, 360)
    labelled = panel.chart.labelled_months()
    assert labelled[0] == 0 and 1 < len(labelled) < 13
    assert len({b - a for a, b in pairwise(labelled)}) == 1  # evenly spaced


def test_month_labels_name_each_calendar_month_once(window: MainWindow, panel: TimelinePanel, qtbot) -> None:
    """As of 1 December the model's months fall on 1 January, 31 January and 3 March (⌈k × 365/12⌉ days):
    labelled by those days, January came twice and February never. The chart names calendar months."""
    after_change(qtbot, panel, lambda: window.document.push(EditPlan(as_of=date(2026, 12, 1))))
    labels = [month_label(on) for on in panel.chart.months[:4]]
    assert labels == [QLocale().toString(QDate(2026 + (11 + k) // 12, (11 + k) % 12 + 1, 1), "MMM yy")
                      for k in range(4)]
    assert len(set(month_label(on) for on in panel.chart.months)) == 13


def test_nice_ticks_step_one_two_five() -> None:
    assert nice_ticks(0, 2_400_000, 5) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000, 2_500_000]
    assert nice_ticks(0, 5_960_000, 6) == [0, 1e6, 2e6, 3e6, 4e6, 5e6, 6e6]
    assert nice_ticks(0, 20, 6) == [0, 5, 10, 15, 20]
    assert nice_ticks(0, 0.37, 5) == [0, 0.1, 0.2, 0.3, 0.4]
    assert nice_ticks(0, 0, 4) == [0, 0.5, 1]


# --- the hiring plan ----------------------------------------------------------------------------------

@pytest.fixture
def hiring(window: MainWindow, qtbot) -> HiringPanel:
    result = HiringPanel(window.document)
    qtbot.addWidget(result)
    result.resize(900, 300)
    result.show()
    qtbot.waitExposed(result)
    return result


def rows(panel: HiringPanel) -> list[list[str]]:
    """The table as the user sees it, in the view's (sorted) order."""
    model = panel.table.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def short_date(on: date) -> str:
    return QLocale().toString(QDate(on.year, on.month, on.day), QLocale.FormatType.ShortFormat)


def test_empty_hiring_plan_shows_the_hint(hiring: HiringPanel) -> None:
    assert rows(hiring) == []
    assert hiring.hint.isVisible() and not hiring.table.isVisible()
    assert "+ Opening" in hiring.hint.text()


def test_adding_an_opening_adds_a_row(window: MainWindow, hiring: HiringPanel) -> None:
    """An AE opening starting on the as-of date, 5-month ramp: fully productive from the first day at
    least 5 × 365/12 = 152.08 days on, day 153 (3 June).

    What it adds to the next 12 months (docs/model.md §9): Enterprise works min(supply, closing) — its SDR's
    12 × 0.70^y against Ana's 10 × 0.85^y, plus the hire's 10 × ramp × 0.85^y (y = days / 365) — and each
    opportunity worked books 0.25 × 40,000 = 10,000. Supply falls below Ana alone just before month 12
    (8.4 against 8.5), so a start at month 11 adds nothing; at month 10 (1 Nov) it still adds at month 11."""
    opening_id = window.editing.add_opening(Placement(ENTERPRISE, Role.AE))
    assert hiring.table.isVisible() and not hiring.hint.isVisible()
    assert [hire.opening_id for hire in hiring_plan(window.document.plan, TODAY)] == [opening_id]
    with_hire, without = [], []
    for month in range(13):
        years = days(month) / 365
        supply, ana = 12 * 0.7 ** years, 10 * 0.85 ** years
        hire = 10 * min(1, days(month) / (5 * MONTH)) * 0.85 ** years
        with_hire.append(10_000 * min(supply, ana + hire))
        without.append(10_000 * min(supply, ana))
    adds = trapezoid(with_hire) - trapezoid(without)
    assert 90_000 < adds < 100_000
    assert rows(hiring) == [["AE (new hire)", "AE", "Nordic Enterprise", short_date(AS_OF), "Jan 27",
                             text.money(180_000, "EUR"), "Jun 27", text.money(adds, "EUR", compact=True),
                             "Nov 27"]]
    assert hiring.summary.text() == "1 opening · " + text.money(180_000, "EUR", compact=True) + \
        " a year · all productive by Jun 27"

    window.editing.add_opening()  # on the bench: no role, no cost, no ramp
    assert rows(hiring)[1] == ["New opening", "—", "Bench", short_date(AS_OF), "Jan 27", "—", "—", "—", "—"]
    assert hiring.summary.text().startswith("2 openings · ")
    assert hiring.summary.text().endswith(" · 1 on the bench")

    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert rows(hiring) == [] and hiring.hint.isVisible()


def test_opening_productive_beyond_the_horizon(window: MainWindow, hiring: HiringPanel) -> None:
    late = Opening(MemberId("o-late"), "Late AE", start_date=date(2027, 10, 1))
    window.document.push(AddOpening(TODAY, late, Placement(SMB, Role.AE)))
    assert rows(hiring)[0][Column.START_MONTH] == "Oct 27"
    assert rows(hiring)[0][Column.PRODUCTIVE] == "beyond the horizon"
    assert "1 not fully productive within the horizon" in hiring.summary.text()


def test_sorting_by_cost(window: MainWindow, hiring: HiringPanel) -> None:
    for key, cost in [("a", 90_000), ("b", 200_000), ("c", 150_000)]:
        window.document.push(AddOpening(TODAY, Opening(MemberId(f"o-{key}"), f"Hire {key}", annual_cost=cost),
                                        Placement(SMB, Role.AM)))
    assert [row[Column.OPENING] for row in rows(hiring)] == ["Hire a", "Hire b", "Hire c"]
    hiring.table.sortByColumn(Column.COST, Qt.SortOrder.AscendingOrder)
    assert [row[Column.OPENING] for row in rows(hiring)] == ["Hire a", "Hire c", "Hire b"]
    hiring.table.sortByColumn(Column.COST, Qt.SortOrder.DescendingOrder)
    assert [row[Column.OPENING] for row in rows(hiring)] == ["Hire b", "Hire c", "Hire a"]
    assert rows(hiring)[0][Column.COST] == text.money(200_000, "EUR")
    # A change keeps the order the user chose.
    window.document.push(AddOpening(TODAY, Opening(MemberId("o-d"), "Hire d", annual_cost=500_000),
                                    Placement(SMB, Role.AM)))
    assert [row[Column.OPENING] for row in rows(hiring)] == ["Hire d", "Hire b", "Hire c", "Hire a"]


def test_the_button_asks_for_an_opening(hiring: HiringPanel, qtbot) -> None:
    with qtbot.waitSignal(hiring.add_opening_requested, timeout=1000):
        qtbot.mouseClick(hiring.add_button, Qt.MouseButton.LeftButton)


def test_the_hiring_plan_follows_the_scenario_on_screen(window: MainWindow, hiring: HiringPanel) -> None:
    window.actions_.duplicate_scenario.trigger()
    window.editing.add_opening(Placement(SMB, Role.AE))
    assert len(rows(hiring)) == 1
    window.document.set_scenario(TODAY)
    assert rows(hiring) == []
