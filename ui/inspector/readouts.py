"""Read-only figures under the editors: a team's handoff chain, or the scenario's organisation figures
and stage diagnosis. Every number comes from the core's analysis (they were the old details panel)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from salesplanner.capacity import Balance, Verdict
from salesplanner.diagnosis import diagnose
from salesplanner.model import TeamId
from salesplanner.targets import TargetVerdict
from ui import text
from ui.document import PlanDocument
from ui.inspector.section import Section
from ui.text import translate
from ui.theme import current_theme, font


class ReadoutSection(Section):
    """Label/value rows and a paragraph of notes; ``value(label)`` reads a row as the user sees it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = self.new_form()
        self.form.setHorizontalSpacing(18)
        self.form.setVerticalSpacing(3)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.body.addSpacing(4)
        self.body.addWidget(self.notes)
        self._values: dict[str, QLabel] = {}
        self._pending: list[tuple[str, str, Balance | None, TargetVerdict | None]] = []

    def value(self, label: str) -> str:
        return self._values[label].text()

    def labels(self) -> list[str]:
        return list(self._values)

    def row(self, label: str, value: str, balance: Balance | None = None, *,
            target: TargetVerdict | None = None) -> None:
        """Queue a row; ``flush`` shows the queued rows (a verdict off balance, or a target's verdict,
        colours its value)."""
        self._pending.append((label, value, balance, target))

    def flush(self) -> None:
        labels = [label for label, _, _, _ in self._pending]
        if labels != list(self._values):  # a different set of rows: rebuild the form
            while self.form.rowCount():
                self.form.removeRow(0)
            self._values = {}
            for label in labels:
                value = QLabel(self)
                value.setFont(font(10, bold=True))
                self._values[label] = value
                self.form.addRow(QLabel(label, self), value)
        theme = current_theme()
        for label, shown, balance, target in self._pending:  # same rows: only the values change
            value = self._values[label]
            value.setText(shown)
            off = balance is not None and balance.verdict not in (None, Verdict.BALANCED)
            if target is not None:
                value.setStyleSheet(f"color: {theme.target(target)[0].name()};")
                value.setToolTip(text.target_verdict_name(target))
                continue
            value.setStyleSheet(f"color: {theme.verdict(balance.verdict)[0].name()};"  # type: ignore[union-attr]
                                if off else "")
            value.setToolTip(text.balance_sentence(balance) if off else "")  # type: ignore[arg-type]
        self._pending = []


def target_rows(readout: ReadoutSection, expected: float, coverage: float | None, verdict: TargetVerdict | None,
                quota: float, currency: str) -> None:
    """The target year (docs/model.md §9): expected bookings, coverage coloured by its verdict, quotas."""
    readout.row(translate("Inspector", "Expected, next 12 months"), text.money(expected, currency))
    readout.row(translate("Inspector", "Target coverage"), "—" if coverage is None else text.percent(coverage),
                target=verdict)
    readout.row(translate("Inspector", "Quota capacity"), text.money(quota, currency))


class TeamChainReadout(ReadoutSection):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Handoff chain (per month)"), parent)

    def show_team(self, document: PlanDocument, team_id: TeamId) -> None:
        team = document.scenario.teams[team_id]
        result = document.analysis.team(team_id)
        currency = document.plan.currency
        number = text.number
        self.row(translate("Inspector", "Inbound leads"), number(team.market.inbound_leads_per_month, 0))
        self.row(translate("Inspector", "Leads worked"), number(result.leads_worked, 0), result.inbound_load)
        self.row(translate("Inspector", "Opportunities"), number(result.supply), result.sdr_to_closer)
        self.row(translate("Inspector", "Closing capacity"), number(result.close_cap), result.sdr_to_closer)
        self.row(translate("Inspector", "Wins"), number(result.wins))
        self.row(translate("Inspector", "Bookings"), text.money(result.bookings, currency))
        self.row(translate("Inspector", "Accounts in %1 months").replace("%1", str(document.plan.horizon_months)),
                 number(result.accounts_H, 0), result.closer_to_am)
        self.row(translate("Inspector", "AM capacity"), number(result.am_cap, 0), result.closer_to_am)
        self.row(translate("Inspector", "Annual cost"), text.money(result.annual_cost, currency))
        target = document.analysis.target(team_id)
        target_rows(self, target.expected_bookings_year, target.coverage, target.verdict, target.quota_capacity,
                    currency)
        if result.manager_span is not None:
            self.row(translate("Inspector", "Manager span"), number(result.manager_span))
        self.flush()
        sentences = [f"• {text.handoff_name(b.handoff)}: {text.balance_sentence(b)}"
                     for b in result.balances if b.verdict is not None]
        self.notes.setText("\n".join(sentences)
                           or translate("Inspector", "No handoffs yet: drag people into this team."))


class OrganisationReadout(ReadoutSection):
    """The scenario on screen as a whole (docs/model.md §6) and its stage diagnosis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Organisation"), parent)

    def show_scenario(self, document: PlanDocument) -> str:
        """Fill the rows; returns the stage's name (the panel's subtitle)."""
        totals = document.analysis.totals
        diagnosis = diagnose(totals)
        currency = document.plan.currency
        number = text.number
        self.heading.setText(translate("Inspector", "Organisation · %1").replace("%1", document.scenario.name))
        self.row(translate("Inspector", "Headcount"), str(totals.headcount))
        self.row(translate("Inspector", "Open positions"), str(totals.openings))
        self.row(translate("Inspector", "Opportunities / month"), number(totals.supply))
        self.row(translate("Inspector", "Closing capacity / month"), number(totals.close_cap))
        self.row(translate("Inspector", "Wins / month"), number(totals.wins))
        self.row(translate("Inspector", "Bookings / year"), text.money(totals.bookings_year, currency))
        self.row(translate("Inspector", "Annual cost"), text.money(totals.annual_cost, currency))
        self.row(translate("Inspector", "SDRs per closer"),
                 "—" if totals.sdr_per_closer is None else number(totals.sdr_per_closer, 2))
        self.row(translate("Inspector", "Top 20 % closers hold"),
                 "—" if totals.top_closer_share is None else text.percent(totals.top_closer_share))
        self.row(translate("Inspector", "VP direct reports"), str(totals.vp_span))
        self.row(translate("Inspector", "On the bench"), str(totals.bench_people + totals.bench_openings))
        target_rows(self, totals.expected_bookings_year, totals.target_coverage, totals.target_verdict,
                    totals.quota_capacity, currency)
        self.flush()
        reasons = "\n".join(f"• {reason}" for reason in diagnosis.reasons)
        next_stage = translate("Inspector", "Next: %1").replace("%1", str(diagnosis.next_stage))
        self.notes.setText(f"{reasons}\n\n{next_stage}")
        return text.stage_name(diagnosis.stage)
