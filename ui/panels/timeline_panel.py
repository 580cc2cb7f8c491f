"""Capacity over time: one measure month by month over the plan's horizon, one line per scenario, for the
organisation or one team (docs/model.md §7). The numbers are the core's ``timeline``; this panel
only picks a series out of each scenario's Timeline and hands it to ``TimelineChart``. The second
measure is the target year (§9): expected bookings added up month by month over the next 12 months,
against the target, from the analyses' own monthly figures.

A timeline costs ~40 ms per scenario on a 10,000-person plan and the document's change records are too
coarse to say which scenarios a change touched, so the panel is lazy: a change drops every cached
Timeline and marks the panel dirty; it recomputes ``REFRESH_DELAY_MS`` after the last change when it is
visible, and at once when it is next shown otherwise. A hidden panel costs nothing while the user drags.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from salesplanner.model import ScenarioId, TeamId
from salesplanner.roles import ROLE_ORDER, Role
from salesplanner.targets import cumulative, target_year_dates, total_by_month
from salesplanner.timeline import Series, Timeline, timeline
from ui import text
from ui.document import DocumentChange, PlanDocument, Subscription
from ui.panels.timeline_chart import (
    BASELINE_COLOUR,
    SCENARIO_COLOURS,
    ChartLine,
    Reference,
    TimelineChart,
    ValueFormat,
)
from ui.theme import current_theme, font

REFRESH_DELAY_MS = 250

BOOKINGS_YEAR, CLOSE_CAP, WINS, SUPPLY, FTE = "bookings_year", "close_cap", "wins", "supply", "fte"
EXPECTED = "expected_year"
"""Cumulative expected bookings over the target year (docs/model.md §9), against the target."""
FTE_ROLE = "fte:"
"""Measures are keys: a core figure's name, ``fte`` for all roles, ``fte:<role>`` for one role."""


def measure_values(series: Series, measure: str) -> tuple[float, ...]:
    """The months of one measure of a team's (or the organisation's) series."""
    if measure == BOOKINGS_YEAR:
        return series.bookings_year
    if measure in (CLOSE_CAP, WINS, SUPPLY):
        return tuple(getattr(series, measure))
    if measure == FTE:
        return tuple(sum(month) for month in zip(*(series.effective_fte[role] for role in ROLE_ORDER), strict=True))
    if measure.startswith(FTE_ROLE):
        return series.effective_fte[Role(measure.removeprefix(FTE_ROLE))]
    raise ValueError(f"unknown measure {measure!r}")


class _ElidedLabel(QLabel):
    """One line that gives way: cut with "…" (whole in its tooltip) rather than wrapping into a column
    that pushes the chart down in a narrow dock."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent)
        self.setToolTip(label)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width()))


class TimelinePanel(QWidget):
    """Measure and scope choosers over the chart."""

    refreshed = Signal()
    """The chart shows freshly computed numbers (tests wait for it)."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure_box = QComboBox(self)
        self._fill_measures()
        self.scope_box = QComboBox(self)
        self.scope_box.setMinimumContentsLength(18)
        self.measure_box.currentIndexChanged.connect(self._push_choice)
        self.scope_box.currentIndexChanged.connect(self._push_choice)
        note = _ElidedLabel(self.tr("Openings ramp up, leavers leave and expected attrition thins capacity, "
                                    "month by month"), self)
        note.setFont(font(8.5))
        palette = note.palette()
        palette.setColor(QPalette.ColorRole.WindowText, current_theme().muted)
        note.setPalette(palette)
        self.chart = TimelineChart(self)
        choosers = QHBoxLayout()
        choosers.addWidget(QLabel(self.tr("Show"), self))
        choosers.addWidget(self.measure_box)
        choosers.addSpacing(8)
        choosers.addWidget(QLabel(self.tr("for"), self))
        choosers.addWidget(self.scope_box)
        choosers.addSpacing(16)
        choosers.addWidget(note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(choosers)
        layout.addWidget(self.chart, 1)

        self._timelines: dict[ScenarioId, Timeline] = {}
        self._dirty = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.document: PlanDocument | None = None
        self._subscription = Subscription(changed=self._on_changed, switched=self._on_scenario_switched)
        self.set_document(document)

    def set_document(self, document: PlanDocument) -> None:
        self.document = document
        self._subscription.follow(document)
        self._timelines.clear()
        self._mark_dirty()

    # --- what is shown -------------------------------------------------------------------------------

    def _fill_measures(self) -> None:
        box = self.measure_box
        box.addItem(self.tr("Bookings capacity per year"), BOOKINGS_YEAR)
        box.addItem(self.tr("Expected bookings, next 12 months (cumulative)"), EXPECTED)
        box.addItem(self.tr("Closing capacity per month"), CLOSE_CAP)
        box.addItem(self.tr("Wins per month"), WINS)
        box.addItem(self.tr("Opportunity supply per month"), SUPPLY)
        box.insertSeparator(box.count())
        box.addItem(self.tr("Effective FTE — all roles"), FTE)
        for role in ROLE_ORDER:
            box.addItem(self.tr("Effective FTE — %1").replace("%1", text.role_name(role)), FTE_ROLE + role.value)

    @property
    def measure(self) -> str:
        return str(self.measure_box.currentData())

    def set_measure(self, measure: str) -> None:
        index = self.measure_box.findData(measure)
        if index < 0:
            raise ValueError(f"unknown measure {measure!r}")
        self.measure_box.setCurrentIndex(index)

    @property
    def scope(self) -> TeamId | None:
        """The team shown, or None for the organisation."""
        return TeamId(self.scope_box.currentData()) if self.scope_box.currentData() else None

    def set_scope(self, team_id: TeamId | None) -> None:
        """Show one team of the scenario on screen, or the organisation (None)."""
        self._fill_scopes()
        index = self.scope_box.findData(team_id or "")
        if index < 0:
            raise ValueError(f"the scenario on screen has no team {team_id}")
        self.scope_box.setCurrentIndex(index)

    def _fill_scopes(self) -> None:
        """The organisation, then the teams of the scenario on screen; the team shown stays if it is there."""
        assert self.document is not None
        current = self.scope_box.currentData() or ""
        items = [(self.tr("Organisation"), "")] + [(team.name, team.id)
                                                    for team in self.document.scenario.teams.values()]
        if [(self.scope_box.itemText(i), self.scope_box.itemData(i)) for i in range(self.scope_box.count())] \
                == items:
            return
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        for label, data in items:
            self.scope_box.addItem(label, data)
        self.scope_box.setCurrentIndex(max(0, self.scope_box.findData(current)))
        self.scope_box.blockSignals(False)

    # --- keeping up with the document --------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """The chart may show numbers older than the plan."""
        return self._dirty

    def _on_changed(self, _change: DocumentChange) -> None:
        # A change record says which teams of the scenario on screen moved, not which scenarios'
        # timelines did (the baseline's line is affected by edits to people, assumptions, …): drop all.
        self._timelines.clear()
        self._mark_dirty()

    def _on_scenario_switched(self) -> None:
        # The plan is unchanged, so the cached timelines hold; emphasis, colours and teams change.
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def _push_choice(self) -> None:
        if self.isVisible():
            self.refresh()  # the timelines are cached: a new measure or scope costs no recompute
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def timeline_of(self, scenario_id: ScenarioId) -> Timeline:
        """The scenario's timeline, computed once per change of the plan."""
        assert self.document is not None
        result = self._timelines.get(scenario_id)
        if result is None:
            result = self._timelines[scenario_id] = timeline(self.document.plan, scenario_id)
        return result

    def refresh(self) -> None:
        """Recompute what is missing and show the chosen measure and scope, one line per scenario."""
        assert self.document is not None
        self._timer.stop()
        self._fill_scopes()
        if self.measure == EXPECTED:
            self._show_expected()
            return
        plan, on_screen = self.document.plan, self.document.scenario.id
        theme = current_theme()
        measure, scope = self.measure, self.scope
        lines, others, missing = [], 0, []
        for scenario in plan.scenarios.values():
            is_baseline = scenario.id == plan.baseline
            colour = QColor(BASELINE_COLOUR if is_baseline else SCENARIO_COLOURS[others % len(SCENARIO_COLOURS)])
            others += 0 if is_baseline else 1
            series = self.timeline_of(scenario.id)
            chosen = series.total if scope is None else series.teams.get(scope)
            if chosen is None:  # the team is not in this scenario: no line rather than a line of zeros
                missing.append(scenario.name)
                continue
            if scenario.id == on_screen:
                colour = theme.selection
            lines.append(ChartLine(scenario.name, measure_values(chosen, measure), colour,
                                   dashed=is_baseline and scenario.id != on_screen,
                                   emphasis=scenario.id == on_screen))
        value_format = ValueFormat(currency=plan.currency) if measure == BOOKINGS_YEAR else \
            ValueFormat(decimals=2 if measure.startswith(FTE) else 1)
        title = self.tr("%1 · %2").replace("%1", self.measure_box.currentText()).replace(
            "%2", self.scope_box.currentText())
        self.chart.set_data(self.timeline_of(on_screen).calendar_months, lines, value_format=value_format,
                            title=title, note=self.tr("not in %1").replace("%1", ", ".join(missing)) if missing else "",
                            empty_text=self.tr("Nothing to show"))
        self._dirty = False
        self.refreshed.emit()

    def _show_expected(self) -> None:
        """Expected bookings summed month by month over the target year, one line per scenario, with the
        target of the scenario on screen as the line to reach. The analyses keep these current, so no
        timeline is computed."""
        assert self.document is not None
        document, scope, theme = self.document, self.scope, current_theme()
        plan, on_screen = document.plan, document.scenario.id
        lines, others, missing = [], 0, []
        reference: Reference | None = None
        for scenario in plan.scenarios.values():
            is_baseline = scenario.id == plan.baseline
            colour = QColor(BASELINE_COLOUR if is_baseline else SCENARIO_COLOURS[others % len(SCENARIO_COLOURS)])
            others += 0 if is_baseline else 1
            analysis = document.analysis_of(scenario.id)
            if scope is not None and scope not in scenario.teams:
                missing.append(scenario.name)
                continue
            if scope is None:
                monthly = total_by_month(analysis.target(team_id) for team_id in scenario.teams)
                target, verdict = analysis.totals.target_bookings, analysis.totals.target_verdict
            else:
                team_target = analysis.target(scope)
                monthly, target, verdict = team_target.bookings_by_month, team_target.target_bookings, \
                    team_target.verdict
            if scenario.id == on_screen:
                colour = theme.selection
                if target is not None:
                    reference = Reference(self.tr("Target"), target,
                                          theme.target(verdict)[0] if verdict else theme.muted)
            lines.append(ChartLine(scenario.name, cumulative(monthly), colour,
                                   dashed=is_baseline and scenario.id != on_screen,
                                   emphasis=scenario.id == on_screen))
        title = self.tr("%1 · %2").replace("%1", self.measure_box.currentText()).replace(
            "%2", self.scope_box.currentText())
        note = self.tr("not in %1").replace("%1", ", ".join(missing)) if missing else \
            ("" if reference is not None else self.tr("no target set"))
        self.chart.set_data(target_year_dates(plan.as_of), lines, value_format=ValueFormat(currency=plan.currency),
                            title=title, note=note, empty_text=self.tr("Nothing to show"), reference=reference)
        self._dirty = False
        self.refreshed.emit()

