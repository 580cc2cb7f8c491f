"""Editors of the plan itself: its name, currency, as-of date and horizon (EditPlan), and its
assumptions — the balance tolerance and every role parameter (EditAssumptions)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from salesplanner.commands import Command, EditAssumptions, EditPlan
from salesplanner.model import Assumptions, Problems, assumptions_problems, plan_field_problems
from salesplanner.roles import Role
from ui.inspector.fields import FieldEdit
from ui.inspector.kinds import DateKind, FieldKind, NumberKind, PercentKind, TextKind
from ui.inspector.labels import field_label
from ui.inspector.parameter_grid import RoleParameterGrid, parameter_key
from ui.inspector.section import EditSection
from ui.text import translate

PLAN_MERGE_ID = 0x5104
ASSUMPTIONS_MERGE_ID = 0x5105


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
