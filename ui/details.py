"""The right-hand panel: the focused team's handoff chain, or the scenario's diagnosis when no team is
focused. Read-only: every number comes from the core's analysis."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from salesplanner.capacity import Balance, Verdict
from salesplanner.diagnosis import diagnose
from salesplanner.model import TeamId
from ui import text
from ui.document import PlanDocument
from ui.theme import current_theme, font


class DetailsPanel(QScrollArea):
    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.team_id: TeamId | None = None
        self._fields: dict[str, QLabel] = {}
        body = QWidget(self)
        self.title = QLabel(body)
        self.title.setFont(font(12.5, bold=True))
        self.title.setWordWrap(True)
        self.subtitle = QLabel(body)
        self.subtitle.setWordWrap(True)
        self.subtitle.setObjectName("hint")
        self.section = QLabel(body)
        self.section.setFont(font(9.5, bold=True))
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(18)
        self.notes = QLabel(body)
        self.notes.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addWidget(self.section)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        self.setWidget(body)
        self._document = document
        document.changed.connect(self.refresh)
        document.scenario_switched.connect(self.refresh)
        self.refresh()

    def set_document(self, document: PlanDocument) -> None:
        self._document.changed.disconnect(self.refresh)
        self._document.scenario_switched.disconnect(self.refresh)
        self._document = document
        self.team_id = None
        document.changed.connect(self.refresh)
        document.scenario_switched.connect(self.refresh)
        self.refresh()

    def show_team(self, team_id: TeamId | None) -> None:
        self.team_id = team_id
        self.refresh()

    def value(self, label: str) -> str:
        """The value shown next to ``label``."""
        return self._fields[label].text()

    def refresh(self, *_: object) -> None:
        self._pending: list[tuple[str, str, Balance | None]] = []
        if self.team_id is not None and self.team_id in self._document.scenario.teams:
            self._show_team(self.team_id)
        else:
            self.team_id = None
            self._show_scenario()
        labels = [label for label, _, _ in self._pending]
        if labels != list(self._fields):  # a different set of rows: rebuild the form
            while self.form.rowCount():
                self.form.removeRow(0)
            self._fields = {}
            for label in labels:
                field = QLabel()
                field.setFont(font(10, bold=True))
                self._fields[label] = field
                self.form.addRow(QLabel(label), field)
        for label, value, balance in self._pending:  # same rows: only the values change
            field = self._fields[label]
            field.setText(value)
            off = balance is not None and balance.verdict not in (None, Verdict.BALANCED)
            field.setStyleSheet(f"color: {current_theme().verdict(balance.verdict)[0].name()};"  # type: ignore[union-attr]
                                if off else "")
            field.setToolTip(text.balance_sentence(balance) if off else "")  # type: ignore[arg-type]

    def _row(self, label: str, value: str, balance: Balance | None = None) -> None:
        self._pending.append((label, value, balance))

    def _show_team(self, team_id: TeamId) -> None:
        document = self._document
        team = document.scenario.teams[team_id]
        result = document.analysis.team(team_id)
        currency = document.plan.currency
        self.title.setText(team.name)
        self.subtitle.setText(" · ".join(p for p in (team.segment, team.geography, team.product_line) if p))
        self.section.setText(self.tr("Handoff chain (per month)"))
        number = text.number
        self._row(self.tr("Inbound leads"), number(team.market.inbound_leads_per_month, 0))
        self._row(self.tr("Leads worked"), number(result.leads_worked, 0), result.inbound_load)
        self._row(self.tr("Opportunities"), number(result.supply), result.sdr_to_closer)
        self._row(self.tr("Closing capacity"), number(result.close_cap), result.sdr_to_closer)
        self._row(self.tr("Wins"), number(result.wins))
        self._row(self.tr("Bookings"), text.money(result.bookings, currency))
        self._row(self.tr("Accounts in %1 months").replace("%1", str(document.plan.horizon_months)),
                  number(result.accounts_H, 0), result.closer_to_am)
        self._row(self.tr("AM capacity"), number(result.am_cap, 0), result.closer_to_am)
        self._row(self.tr("Annual cost"), text.money(result.annual_cost, currency))
        span = result.manager_span
        if span is not None:
            self._row(self.tr("Manager span"), number(span))
        sentences = [f"• {text.handoff_name(b.handoff)}: {text.balance_sentence(b)}"
                     for b in result.balances if b.verdict is not None]
        self.notes.setText("\n".join(sentences) or self.tr("No handoffs yet: drag people into this team."))

    def _show_scenario(self) -> None:
        document = self._document
        totals = document.analysis.totals
        diagnosis = diagnose(totals)
        currency = document.plan.currency
        self.title.setText(document.scenario.name)
        self.subtitle.setText(self.tr("Stage: %1").replace("%1", text.stage_name(diagnosis.stage)))
        self.section.setText(self.tr("Organisation"))
        number = text.number
        self._row(self.tr("Headcount"), str(totals.headcount))
        self._row(self.tr("Open positions"), str(totals.openings))
        self._row(self.tr("Opportunities / month"), number(totals.supply))
        self._row(self.tr("Closing capacity / month"), number(totals.close_cap))
        self._row(self.tr("Wins / month"), number(totals.wins))
        self._row(self.tr("Bookings / year"), text.money(totals.bookings_year, currency))
        self._row(self.tr("Annual cost"), text.money(totals.annual_cost, currency))
        self._row(self.tr("SDRs per closer"),
                  "—" if totals.sdr_per_closer is None else number(totals.sdr_per_closer, 2))
        self._row(self.tr("Top 20 % closers hold"),
                  "—" if totals.top_closer_share is None else text.percent(totals.top_closer_share))
        self._row(self.tr("VP direct reports"), str(totals.vp_span))
        self._row(self.tr("On the bench"), str(totals.bench_people + totals.bench_openings))
        reasons = "\n".join(f"• {reason}" for reason in diagnosis.reasons)
        self.notes.setText(f"{reasons}\n\n{self.tr('Next:')} {diagnosis.next_stage}")
