"""Editors of a team: its name and market, its market profile, and its overrides of the plan's role
parameters (DESIGN §3, §4). Every field pushes one EditTeam."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from salesplanner.commands import Command, EditTeam
from salesplanner.model import MARKET_FIELDS, MARKET_RATES, Problems, Team, TeamId, team_problems
from salesplanner.roles import Role
from ui.inspector.fields import FieldEdit
from ui.inspector.kinds import NumberKind, PercentKind, TextKind
from ui.inspector.labels import field_label, market_label
from ui.inspector.parameter_grid import RoleParameterGrid, parameter_key
from ui.inspector.section import EditSection
from ui.text import translate

TEAM_MERGE_ID = 0x5103


class _TeamEditSection(EditSection):
    kind = "team"
    merge_id = TEAM_MERGE_ID

    def current(self) -> Team | None:
        assert self.document is not None
        return self.document.scenario.teams.get(TeamId(self.subject_id or ""))

    def problems(self, candidate: Any) -> Problems:
        return team_problems(candidate)

    def command(self, candidate: Any, key: str) -> Command:
        assert self.document is not None
        return EditTeam(self.document.scenario.id, candidate)


class TeamSection(_TeamEditSection):
    """Name, and the market a team works: segment, product line, geography."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Team"), parent)
        form = self.new_form()
        for key in ("name", "segment", "product_line", "geography"):
            field = FieldEdit(TextKind(optional=key != "name"))
            self.bind(key, field, lambda team, key=key: getattr(team, key),
                      lambda team, value, key=key: replace(team, **{key: value}))
            self.add_row(form, field_label(key), field)


class MarketSection(_TeamEditSection):
    """The market profile: what the team's market brings and needs each month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Market profile"), parent)
        form = self.new_form()
        for name in MARKET_FIELDS:
            field = FieldEdit(PercentKind() if name in MARKET_RATES else NumberKind())
            self.bind(f"market.{name}", field, lambda team, name=name: getattr(team.market, name),
                      lambda team, value, name=name: replace(team, market=replace(team.market, **{name: value})))
            self.add_row(form, market_label(name), field)


class TeamRolesSection(_TeamEditSection):
    """Per-team overrides of the role parameters: an empty field uses the plan's value, shown grey in
    it; typing a value overrides it for this team, clearing the field removes the override."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Role parameters for this team"), parent)
        hint = QLabel(translate("Inspector", "Empty fields use the plan's value (grey)."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.body.addWidget(hint)
        self.grid = RoleParameterGrid(optional=True, parent=self)
        self.body.addWidget(self.grid)
        for (role, name), field in self.grid.fields.items():
            self.bind(parameter_key(role, name), field,
                      lambda team, role=role, name=name: team.roles.get(role, {}).get(name),
                      lambda team, value, role=role, name=name: with_override(team, role, name, value),
                      placeholder=lambda team, role=role, name=name, field=field: field.kind.format(
                          self._plan_value(role, name)))

    def _plan_value(self, role: Role, name: str) -> float:
        assert self.document is not None
        return self.document.plan.assumptions.parameter(role, name)


def with_override(team: Team, role: Role, name: str, value: object) -> Team:
    """``team`` with its override of (role, name) set to ``value``, or removed when ``value`` is None
    (and the role's entry dropped once it overrides nothing)."""
    overrides = {each: dict(parameters) for each, parameters in team.roles.items()}
    parameters = overrides.setdefault(role, {})
    if value is None:
        parameters.pop(name, None)
    else:
        parameters[name] = value  # type: ignore[assignment]
    if not parameters:
        del overrides[role]
    return replace(team, roles=overrides)
