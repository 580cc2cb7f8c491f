"""Editors of the plan itself: its name, currency, as-of date and horizon (EditPlan), the target of the
scenario on screen (SetScenarioTarget), and its assumptions — the balance tolerance, the quota checks'
thresholds and every role parameter (EditAssumptions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from salesplanner.commands import Command, EditAssumptions, EditPlan, SetScenarioTarget
from salesplanner.model import (
    Assumptions,
    Problems,
    Scenario,
    assumptions_problems,
    plan_field_problems,
    target_problems,
)
from salesplanner.roles import Role
from ui import text
from ui.inspector.fields import FieldEdit
from ui.inspector.kinds import DateKind, FieldKind, NumberKind, PercentKind, TextKind
from ui.inspector.labels import field_label
from ui.inspector.parameter_grid import RoleParameterGrid, parameter_key
from ui.inspector.section import EditSection
from ui.text import translate

PLAN_MERGE_ID = 0x5104
ASSUMPTIONS_MERGE_ID = 0x5105
SCENARIO_MERGE_ID = 0x5106


@dataclass(frozen=True)
class PlanFields:
    """The plan's own fields as one value, so an edit can be tried before EditPlan runs."""

    name: str
    currency: str
    as_of: date
    horizon_months: int


class PlanSection(EditSection):
    kind = "plan"
    merge_id = PLAN_MERGE_ID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Plan"), parent)
        form = self.new_form()
        kinds: tuple[tuple[str, FieldKind], ...] = (
            ("name", TextKind()), ("currency", TextKind(upper=True)), ("as_of", DateKind()),
            ("horizon_months", NumberKind(whole=True)))
        for key, kind in kinds:
            self.add_row(form, field_label(key), self.bind_attribute(key, FieldEdit(kind)))

    def current(self) -> PlanFields | None:
        assert self.document is not None
        plan = self.document.plan
        return PlanFields(plan.name, plan.currency, plan.as_of, plan.horizon_months)

    def problems(self, candidate: Any) -> Problems:
        return plan_field_problems(name=candidate.name, currency=candidate.currency,
                                   horizon_months=candidate.horizon_months, as_of=candidate.as_of)

    def command(self, candidate: Any, key: str) -> Command:
        return EditPlan(**{key: getattr(candidate, key)})


class AssumptionsSection(EditSection):
    """The balance tolerance and the plan-wide role parameters (teams may override them)."""

    kind = "assumptions"
    merge_id = ASSUMPTIONS_MERGE_ID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Assumptions"), parent)
        form = self.new_form()
        self.add_row(form, field_label("tolerance"), self.bind_attribute("tolerance", FieldEdit(PercentKind())))
        # The quota checks' thresholds (docs/model.md §9).
        for key, kind in (("quota_to_cost_min", NumberKind()), ("quota_to_cost_max", NumberKind()),
                          ("attainment_min", PercentKind())):
            self.add_row(form, field_label(key), self.bind_attribute(key, FieldEdit(kind)))
        self.add_row(form, field_label("hiring_lead_days"),
                     self.bind_attribute("hiring_lead_days", FieldEdit(NumberKind(whole=True))))
        self.grid = RoleParameterGrid(optional=False, parent=self)
        self.body.addWidget(self.grid)
        for (role, name), field in self.grid.fields.items():
            self.bind(parameter_key(role, name), field, *_parameter(role, name))

    def current(self) -> Assumptions | None:
        assert self.document is not None
        return self.document.plan.assumptions

    def problems(self, candidate: Any) -> Problems:
        return assumptions_problems(candidate)

    def command(self, candidate: Any, key: str) -> Command:
        return EditAssumptions(candidate)


class ScenarioTargetSection(EditSection):
    """The organisation's bookings target of the scenario on screen; empty: the sum of its teams' targets,
    shown grey (docs/model.md §9)."""

    kind = "scenario"
    merge_id = SCENARIO_MERGE_ID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Scenario"), parent)
        form = self.new_form()
        field = FieldEdit(NumberKind(optional=True))
        self.bind("target_bookings", field, _scenario_target, _new_target, placeholder=self._teams_sum)
        self.add_row(form, translate("Inspector", "Organisation target"), field)

    def current(self) -> Scenario | None:
        assert self.document is not None
        return self.document.scenario

    def problems(self, candidate: Any) -> Problems:
        return target_problems(candidate)

    def command(self, candidate: Any, key: str) -> Command:
        assert self.document is not None
        return SetScenarioTarget(self.document.scenario.id, candidate)

    def object_key(self) -> object:
        assert self.document is not None
        return self.document.scenario.id

    def _teams_sum(self, scenario: Scenario) -> str:
        assert self.document is not None
        targets = [team.target_bookings for team in scenario.teams.values() if team.target_bookings is not None]
        if not targets:
            return translate("Inspector", "no target")
        return translate("Inspector", "teams' sum: %1").replace(
            "%1", text.money(sum(targets), self.document.plan.currency))


def _scenario_target(scenario: Scenario) -> object:
    return scenario.target_bookings


def _new_target(scenario: Scenario, value: object) -> object:
    """The candidate of a target edit is the new target itself (SetScenarioTarget takes only that)."""
    return value


def with_parameter(assumptions: Assumptions, role: Role, name: str, value: object) -> Assumptions:
    roles = {**assumptions.roles, role: {**assumptions.roles[role], name: value}}
    return replace(assumptions, roles=roles)  # type: ignore[arg-type]


def _parameter(role: Role, name: str) -> tuple[Callable[[Assumptions], object],
                                                Callable[[Assumptions, object], Assumptions]]:
    def read(assumptions: Assumptions) -> object:
        return assumptions.parameter(role, name)

    def build(assumptions: Assumptions, value: object) -> Assumptions:
        return with_parameter(assumptions, role, name, value)

    return read, build
