"""Editors of a team: its name and market, its market profile, and its overrides of the plan's role
parameters (docs/model.md §2–§3). Every field pushes one EditTeam."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from salesplanner.commands import Command, EditTeam
from salesplanner.model import MARKET_FIELDS, MARKET_RATES, Problems, Team, TeamId, team_problems
from salesplanner.roles import Role
from ui.inspector.fields import ChoiceField, FieldEdit
from ui.inspector.kinds import NumberKind, PercentKind, TextKind
from ui.inspector.labels import field_label, lock_choices, market_label
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

    def object_key(self) -> object:
        assert self.document is not None
        return (self.document.scenario.id, self.subject_id)


class TeamSection(_TeamEditSection):
    """Name, and the market a team works: segment, product line, geography."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Team"), parent)
        form = self.new_form()
        for key in ("name", "segment", "product_line", "geography"):
            self.add_row(form, field_label(key), self.bind_attribute(key, FieldEdit(TextKind(optional=key != "name"))))
        # The team's bookings target for the next 12 months (docs/model.md §9); empty: none.
        target = FieldEdit(NumberKind(optional=True))
        target.setPlaceholderText(translate("Inspector", "no target"))
        self.add_row(form, field_label("target_bookings"), self.bind_attribute("target_bookings", target))
        self.add_row(form, field_label("locked"), self.bind_attribute("locked", ChoiceField(lock_choices())))


class MarketSection(_TeamEditSection):
    """The market profile: what the team's market brings and needs each month."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Market profile"), parent)
        form = self.new_form()
        for name in MARKET_FIELDS:
            field = FieldEdit(PercentKind() if name in MARKET_RATES else NumberKind())
            self.bind(f"market.{name}", field, *_market_value(name))
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
            self.bind(parameter_key(role, name), field, *_override(role, name),
                      placeholder=self._plan_value(role, name, field))

    def _plan_value(self, role: Role, name: str, field: FieldEdit) -> Callable[[Team], str]:
        """The placeholder of an override field: the plan's value it stands in for."""
        def placeholder(team: Team) -> str:
            assert self.document is not None
            return field.kind.format(self.document.plan.assumptions.parameter(role, name))

        return placeholder


def _market_value(name: str) -> tuple[Callable[[Team], object], Callable[[Team, object], Team]]:
    """Read and replace one field of a team's market profile."""
    def read(team: Team) -> object:
        return getattr(team.market, name)

    def build(team: Team, value: object) -> Team:
        changes: dict[str, Any] = {name: value}
        return replace(team, market=replace(team.market, **changes))

    return read, build


def _override(role: Role, name: str) -> tuple[Callable[[Team], object], Callable[[Team, object], Team]]:
    """Read a team's override of one role parameter (None: it uses the plan's), and set or clear it."""
    def read(team: Team) -> object:
        return team.roles.get(role, {}).get(name)

    def build(team: Team, value: object) -> Team:
        return with_override(team, role, name, value)

    return read, build


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
