"""The strip above the board: stage, bookings, target coverage, cost, cost of sales, balanced teams and
warnings."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QToolTip, QWidget

from salesplanner.analysis import OrgTotals
from salesplanner.capacity import Verdict
from salesplanner.diagnosis import diagnose
from salesplanner.targets import TargetVerdict
from ui import text
from ui.document import PlanDocument, Subscription
from ui.theme import current_theme, font


class _Figure(QWidget):
    """A caption over a value."""

    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = QLabel(caption, self)
        self.caption.setFont(font(8.5))
        self.caption.setForegroundRole(self.caption.foregroundRole())
        self.value = QLabel(self)
        self.value.setFont(font(13, bold=True))
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change = QLabel(self)
        """The change from the baseline, small under the value: beside it, seven figures would not fit a
        1280-pixel screen with both docks open. Its line is kept when empty, so switching between a
        proposal and the baseline does not move the board."""
        self.change.setFont(font(8.5))
        self.change.setObjectName("hint")
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(1)
        layout.addWidget(self.caption, 0, 0)
        layout.addWidget(self.value, 1, 0)
        layout.addWidget(self.change, 2, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.tooltip_provider: Callable[[], str] | None = None
        """Builds the tooltip when it is asked for (the warnings list is long on a big plan)."""

    def set(self, value: str, colour: QColor | None = None, tooltip: str = "", change: str = "") -> None:
        self.value.setText(value)
        self.change.setText(change)
        self.value.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")
        self.setToolTip(tooltip)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.clicked.emit()
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.tooltip_provider is not None and \
                isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_provider(), self)
            return True
        return super().event(event)


class SummaryStrip(QFrame):
    warnings_clicked = Signal()

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryStrip")
        self.stage = _Figure(self.tr("Stage"), self)
        self.bookings = _Figure(self.tr("Bookings / year"), self)
        self.target = _Figure(self.tr("Target"), self)
        self.cost = _Figure(self.tr("Annual cost"), self)
        self.cost_of_sales = _Figure(self.tr("Cost of sales"), self)
        self.balanced = _Figure(self.tr("Balanced teams"), self)
        self.warnings = _Figure(self.tr("Warnings"), self)
        self.warnings.setCursor(Qt.CursorShape.PointingHandCursor)
        self.warnings.clicked.connect(self.warnings_clicked)
        self.warnings.tooltip_provider = self._warnings_tooltip
        layout = QGridLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setHorizontalSpacing(16)
        for column, figure in enumerate((self.stage, self.bookings, self.target, self.cost, self.cost_of_sales,
                                         self.balanced, self.warnings)):
            layout.addWidget(figure, 0, column)
            layout.setColumnStretch(column, 2 if figure is self.stage else 1)
        self._document: PlanDocument | None = None
        self._subscription = Subscription(changed=self.refresh, switched=self.refresh)
        self.set_document(document)

    def set_document(self, document: PlanDocument) -> None:
        self._document = document
        self._subscription.follow(document)
        self.refresh()

    def _warnings_tooltip(self) -> str:
        assert self._document is not None
        warnings = self._document.analysis.warnings()
        lines = [f"• {w.text}" for w in warnings[:15]]
        if len(warnings) > 15:
            lines.append(self.tr("… and %1 more").replace("%1", str(len(warnings) - 15)))
        return "\n".join(lines) or self.tr("No warnings")

    def _delta(self, value: float, baseline: float | None, currency: str) -> str:
        """"+€ 0.62 M" beside a figure when a proposal is on screen: the change from the baseline."""
        if baseline is None or value == baseline:
            return ""
        sign = "+" if value > baseline else "−"
        return f"{sign}{text.money(abs(value - baseline), currency, compact=True)}"

    def _set_target(self, totals: OrgTotals, baseline: OrgTotals | None, currency: str) -> None:
        """Coverage of the organisation's target (docs/model.md §9), its change from the baseline in
        percentage points, coloured by verdict; the amounts in the tooltip."""
        expected = self.tr("Expected bookings over the next 12 months (ramp, starts, leaves, attrition): %1").replace(
            "%1", text.money(totals.expected_bookings_year, currency, compact=True))
        quota = self.tr("Quota capacity: %1").replace("%1", text.money(totals.quota_capacity, currency, compact=True))
        if totals.target_bookings is None or totals.target_coverage is None:
            self.target.set("—", tooltip="\n".join([self.tr("No target: give the scenario or its teams one in the "
                                                             "inspector"), expected, quota]))
            return
        value, change = text.percent(totals.target_coverage), ""
        if baseline is not None and baseline.target_coverage is not None and \
                round(baseline.target_coverage * 100) != round(totals.target_coverage * 100):
            points = round(totals.target_coverage * 100) - round(baseline.target_coverage * 100)
            change = self.tr("%1 pts").replace("%1", f"{'+' if points > 0 else '−'}{abs(points)}")
        target = self.tr("Coverage of the target %1").replace(
            "%1", text.money(totals.target_bookings, currency, compact=True))
        verdict = totals.target_verdict
        assert verdict is not None
        how = self.tr("short by %1").replace("%1", text.money(totals.target_bookings - totals.expected_bookings_year,
                                                               currency, compact=True)) \
            if verdict is TargetVerdict.SHORT else text.target_verdict_name(verdict)
        self.target.set(value, current_theme().target(verdict)[0], "\n".join([target, expected, how, quota]), change)

    def refresh(self, *_: object) -> None:
        document = self._document
        assert document is not None
        totals = document.analysis.totals
        diagnosis = diagnose(totals)
        theme = current_theme()
        currency = document.plan.currency
        reasons = "\n".join(f"• {reason}" for reason in diagnosis.reasons)
        if totals.empty:  # no one to judge: the stage rules would say "Hunter Founder" of an empty plan
            self.stage.set(self.tr("No teams yet") if not document.scenario.teams else self.tr("Nobody in a team"),
                           tooltip=self.tr("Import a roster (File → Import roster…) or add a team, then drag "
                                           "people into it."))
        else:
            self.stage.set(text.stage_name(diagnosis.stage),
                           tooltip=f"{reasons}\n\n" + self.tr("Next: %1").replace("%1", str(diagnosis.next_stage)))
        baseline = None if document.scenario.id == document.plan.baseline else \
            document.analysis_of(document.plan.baseline).totals
        self.bookings.set(text.money(totals.bookings_year, currency, compact=True),
                          tooltip=self.tr("New bookings per year: 12 × monthly wins × average deal"),
                          change=self._delta(totals.bookings_year, baseline.bookings_year if baseline else None,
                                             currency))
        self._set_target(totals, baseline, currency)
        self.cost.set(text.money(totals.annual_cost, currency, compact=True),
                      tooltip=self.tr("Annual run-rate cost of people in teams and open positions"),
                      change=self._delta(totals.annual_cost, baseline.annual_cost if baseline else None, currency))
        self.cost_of_sales.set("—" if totals.cost_of_sales is None else text.number(totals.cost_of_sales, 2),
                               tooltip=self.tr("Annual cost ÷ bookings per year"))
        # Teams with no handoff yet have no verdict: counted neither way (docs/model.md §5).
        judged, without = totals.teams_judged, totals.teams_without_handoffs
        balanced_colour = None if not judged else theme.verdict(
            Verdict.BALANCED if totals.teams_balanced == judged else Verdict.UNDERUSED)[0]
        note = text.count(without, self.tr("1 team has no handoffs yet and is not counted."),
                          self.tr("%1 teams have no handoffs yet and are not counted.")) if without else ""
        self.balanced.set(f"{totals.teams_balanced} / {judged}" if judged else "—", balanced_colour,
                          tooltip="\n".join(part for part in (self.tr("Teams whose handoffs are all balanced, of "
                                                                       "the teams that have handoffs"), note) if part))
        warning_colour = theme.verdict(Verdict.OVERLOADED)[0] if totals.warning_count else \
            theme.verdict(Verdict.BALANCED)[0]
        self.warnings.set(str(totals.warning_count), warning_colour)
