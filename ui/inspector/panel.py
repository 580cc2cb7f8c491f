"""The inspector: the right-hand panel that edits whatever is selected — the plan (its fields and
assumptions), a team (name, market, profile, role overrides), a person or an open position — with the
read-only figures of the old details panel under the editors.

The panel observes the document: after every change it refreshes the fields of the object shown (only
when the change touched it, and never over what the user is typing) and its read-only figures, and it
falls back to the plan when the object shown is gone (an undone "add team").
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from salesplanner.changes import Change
from salesplanner.model import MemberId, TeamId
from ui import text
from ui.document import DocumentChange, PlanDocument
from ui.inspector.fields import Field
from ui.inspector.member_sections import OpeningSection, PersonSection
from ui.inspector.plan_sections import AssumptionsSection, PlanSection, ScenarioTargetSection
from ui.inspector.readouts import OrganisationReadout, ReadoutSection, TeamChainReadout
from ui.inspector.section import EditSection, Section
from ui.inspector.several_section import SeveralSection, describe
from ui.inspector.team_sections import MarketSection, TeamRolesSection, TeamSection
from ui.text import translate
from ui.theme import font


class SubjectKind(StrEnum):
    PLAN = "plan"
    TEAM = "team"
    PERSON = "person"
    OPENING = "opening"
    SEVERAL = "several"


class Subject(NamedTuple):
    """What the inspector shows: the plan (no id), a team, person or opening by id, or several people and
    openings (``ids``)."""

    kind: SubjectKind
    id: str | None = None
    ids: tuple[MemberId, ...] = ()


PLAN = Subject(SubjectKind.PLAN)


class InspectorPanel(QWidget):
    def __init__(self, document: PlanDocument | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: PlanDocument | None = None
        self._subject = PLAN
        self.title = QLabel()
        self.title.setFont(font(12.5, bold=True))
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("hint")
        self.subtitle.setWordWrap(True)

        self.plan_section = PlanSection()
        self.scenario_section = ScenarioTargetSection()
        self.assumptions_section = AssumptionsSection()
        self.organisation = OrganisationReadout()
        self.team_section = TeamSection()
        self.market_section = MarketSection()
        self.team_roles_section = TeamRolesSection()
        self.chain = TeamChainReadout()
        self.person_section = PersonSection()
        self.opening_section = OpeningSection()
        self.several_section = SeveralSection()
        # Editors first, read-only figures under them (the order within each page).
        self._pages: dict[SubjectKind, list[Section]] = {
            SubjectKind.PLAN: [self.plan_section, self.scenario_section, self.assumptions_section,
                               self.organisation],
            SubjectKind.TEAM: [self.team_section, self.market_section, self.chain, self.team_roles_section],
            SubjectKind.PERSON: [self.person_section],
            SubjectKind.OPENING: [self.opening_section],
            SubjectKind.SEVERAL: [self.several_section],
        }

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 12, 10, 12)  # the forms fit a 340-pixel dock beside its scroll bar
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        for sections in self._pages.values():
            for section in sections:
                column.addWidget(section)
                section.setVisible(False)
        column.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self._align_label_columns()
        if document is not None:
            self.set_document(document)

    def _align_label_columns(self) -> None:
        """One label column for the editing forms of a page, so its fields line up from section to
        section."""
        for sections in self._pages.values():
            labels = [label for section in sections if isinstance(section, EditSection | SeveralSection)
                      for label in section.row_labels]
            width = max(label.sizeHint().width() for label in labels)
            for label in labels:
                label.setMinimumWidth(width)

    # --- what is shown ------------------------------------------------------------------------------

    @property
    def subject(self) -> Subject:
        return self._subject

    @property
    def team_id(self) -> TeamId | None:
        """The team shown, or None (as the old details panel had it)."""
        return TeamId(self._subject.id) if self._subject.kind is SubjectKind.TEAM and self._subject.id else None

    def set_document(self, document: PlanDocument) -> None:
        """Observe ``document`` instead of the previous one, and show its plan."""
        if self.document is not None:
            self.document.changed.disconnect(self._on_changed)
            self.document.scenario_switched.disconnect(self._on_scenario_switched)
        self.document = document
        document.changed.connect(self._on_changed)
        document.scenario_switched.connect(self._on_scenario_switched)
        self.show_plan()

    def show_plan(self) -> None:
        self._show(PLAN)

    def show_team(self, team_id: TeamId | None) -> None:
        """Show a team of the scenario on screen; None (the board's "no team focused") shows the plan."""
        self._show(Subject(SubjectKind.TEAM, team_id) if team_id is not None else PLAN)

    def show_member(self, member_id: MemberId | None) -> None:
        """Show a person, or an open position of the scenario on screen."""
        if member_id is not None and self.document is not None and member_id in self.document.plan.people:
            self._show(Subject(SubjectKind.PERSON, member_id))
        else:
            self._show(Subject(SubjectKind.OPENING, member_id) if member_id is not None else PLAN)

    def show_members(self, member_ids: list[MemberId]) -> None:
        """One member: edit it; several: the fields they share, for all of them at once."""
        if len(member_ids) == 1:
            self.show_member(member_ids[0])
        elif member_ids:
            self._show(Subject(SubjectKind.SEVERAL, ids=tuple(member_ids)))

    def value(self, label: str) -> str:
        """The read-only value shown next to ``label`` (the team's chain or the organisation's figures)."""
        return self._readout().value(label)

    def field(self, key: str) -> Field:
        """The field on screen editing ``key`` (the core's name: ``fte``, ``market.win_rate``,
        ``roles.ae.max_open_opps``)."""
        if self._subject.kind is SubjectKind.SEVERAL:
            return self.several_section.fields[key]
        for section in self.editors():
            if key in section.bindings:
                return section.bindings[key].field
        raise KeyError(key)

    def editors(self) -> list[EditSection]:
        """The editing sections on screen."""
        return [s for s in self._pages[self._subject.kind] if isinstance(s, EditSection)]

    def _readout(self) -> ReadoutSection:
        return self.chain if self._subject.kind is SubjectKind.TEAM else self.organisation

    def _show(self, subject: Subject) -> None:
        if self.document is None:
            return
        if not self._exists(subject):
            subject = PLAN
        if subject != self._subject:
            self.scroll_area.verticalScrollBar().setValue(0)
        self._subject = subject
        for kind, sections in self._pages.items():
            for section in sections:
                section.setVisible(kind is subject.kind)
        for section in self.editors():
            section.set_subject(self.document, subject.id)
        if subject.kind is SubjectKind.SEVERAL:
            self.several_section.set_members(self.document, subject.ids)
        self._refresh_figures()

    def _exists(self, subject: Subject) -> bool:
        assert self.document is not None
        plan, scenario = self.document.plan, self.document.scenario
        return {
            SubjectKind.PLAN: True,
            SubjectKind.TEAM: subject.id in scenario.teams,
            SubjectKind.PERSON: subject.id in plan.people,
            SubjectKind.OPENING: subject.id in scenario.openings,
            SubjectKind.SEVERAL: sum(1 for member_id in subject.ids if plan.member(scenario, member_id)) > 1,
        }[subject.kind]

    # --- model → view -------------------------------------------------------------------------------

    def _on_changed(self, record: DocumentChange) -> None:
        if not self._exists(self._subject):
            self.show_plan()
            return
        if self._touches_subject(record.change):
            for section in self.editors():
                section.refresh()
            if self._subject.kind is SubjectKind.SEVERAL:
                self.several_section.refresh()
        self._refresh_figures()

    def _on_scenario_switched(self) -> None:
        self._show(self._subject)  # the team or opening may not exist there, or differ

    def _touches_subject(self, change: Change) -> bool:
        """Whether ``change`` may have altered a field shown (the plan's values feed every page's
        placeholders, so assumption and plan-field changes concern them all)."""
        assert self.document is not None
        if change.everything or change.plan_fields:
            return True
        scenario_id, subject = self.document.scenario.id, self._subject
        if subject.kind is SubjectKind.PLAN:  # the scenario's target, and the teams' sum as its placeholder
            return scenario_id in change.scenarios or any(sid == scenario_id for sid, _ in change.teams)
        if subject.kind is SubjectKind.TEAM:
            return (scenario_id, subject.id) in change.teams or scenario_id in change.scenarios
        if subject.kind is SubjectKind.SEVERAL:
            return bool(change.members & set(subject.ids)) or scenario_id in change.scenarios
        # A person's or opening's cost placeholder follows their placement and team, too.
        return subject.id in change.members or bool(change.teams) or scenario_id in change.scenarios

    def _refresh_figures(self) -> None:
        """The title, subtitle and read-only figures: cheap, and any change may move them."""
        assert self.document is not None
        document, subject = self.document, self._subject
        plan, scenario = document.plan, document.scenario
        if subject.kind is SubjectKind.PLAN:
            stage = self.organisation.show_scenario(document)
            self.title.setText(plan.name)
            self.subtitle.setText(translate("Inspector", "Scenario %1 · stage %2").replace(
                "%1", scenario.name).replace("%2", stage))
        elif subject.kind is SubjectKind.SEVERAL:
            members = self.several_section.members()
            self.title.setText(translate("Inspector", "%1 selected").replace("%1", str(len(members))))
            self.subtitle.setText(describe(members))
        elif subject.kind is SubjectKind.TEAM:
            team = scenario.teams[TeamId(subject.id or "")]
            self.chain.show_team(document, team.id)
            self.title.setText(team.name)
            self.subtitle.setText(" · ".join(p for p in (team.segment, team.geography, team.product_line) if p))
        else:
            member = plan.member(scenario, MemberId(subject.id or ""))
            assert member is not None
            placement = scenario.assignments.get(member.id)
            where = translate("Inspector", "On the bench") if placement is None else \
                f"{text.role_name(placement.role)} · {scenario.teams[placement.team].name}"
            if subject.kind is SubjectKind.OPENING:
                where = translate("Inspector", "Open position · %1").replace("%1", where)
            self.title.setText(member.name)
            self.subtitle.setText(where)
