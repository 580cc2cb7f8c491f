"""Every change to a plan is one of these reversible commands (docs/model.md §2, docs/architecture.md).

A command checks its input before it touches the plan (so a refused command changes nothing), does
the change, and returns a ``Change`` record saying what it touched. The analysis recomputes only the
teams a record names; the UI repaints only those. ``undo`` returns the plan to exactly its state
before ``do``; ``do`` after ``undo`` gives exactly the same plan again.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from salesplanner.changes import Change
from salesplanner.i18n import Message, Text, joined, msg, msg_n
from salesplanner.model import (
    FIELD_LABELS,
    Assumptions,
    MemberId,
    Opening,
    OpeningId,
    Person,
    PersonId,
    Placement,
    Plan,
    PlanError,
    Scenario,
    ScenarioId,
    Team,
    TeamId,
    assumptions_problems,
    combined_parameter_problems,
    id_problem,
    opening_problems,
    person_problems,
    plan_field_problems,
    require_valid,
    scenario_name_problem,
    target_problems,
    team_problems,
)
from salesplanner.roles import DISPLAY_NAMES, PARAMETER_LABELS, Role


class Command(ABC):
    """A reversible change. ``text`` describes it for undo menus once ``do`` has run."""

    text: Text = ""

    @abstractmethod
    def do(self, plan: Plan) -> Change: ...

    @abstractmethod
    def undo(self, plan: Plan) -> Change: ...


K = TypeVar("K")
V = TypeVar("V")


def _insert_at(mapping: dict[K, V], key: K, value: V, index: int) -> None:
    """Put ``key`` at position ``index`` of an insertion-ordered dict (undo of a removal)."""
    items = list(mapping.items())
    items.insert(index, (key, value))
    mapping.clear()
    mapping.update(items)


def _index_of(mapping: Mapping[K, V], key: K) -> int:
    return list(mapping).index(key)


def _scenario(plan: Plan, scenario_id: ScenarioId) -> Scenario:
    try:
        return plan.scenarios[scenario_id]
    except KeyError:
        raise PlanError(msg("there is no scenario with id {id}", id=scenario_id)) from None


def _team(scenario: Scenario, team_id: TeamId) -> Team:
    try:
        return scenario.teams[team_id]
    except KeyError:
        raise PlanError(msg('scenario "{scenario}" has no team with id {id}', scenario=scenario.name,
                            id=team_id)) from None


def _changed_fields(before: object, after: object) -> list[Message]:
    """The fields that differ, as an undo menu names them: "FTE", "win rate", "AE ramp (months)"."""
    names: list[Message] = []
    for name in before.__dataclass_fields__:  # type: ignore[attr-defined]
        old, new = getattr(before, name), getattr(after, name)
        if old == new:
            continue
        if hasattr(old, "__dataclass_fields__"):  # the market profile: its fields are named alone
            names += _changed_fields(old, new)
        elif isinstance(old, Mapping):  # role parameters: {role: {parameter: value}}
            names += [msg("{role} {parameter:lower}", role=DISPLAY_NAMES[Role(role)],
                          parameter=PARAMETER_LABELS.get(key) or msg("{name}", name=key))
                      for role in {*old, *new} for key in {*old.get(role, {}), *new.get(role, {})}
                      if old.get(role, {}).get(key) != new.get(role, {}).get(key)]
        else:
            names.append(FIELD_LABELS.get(name) or msg("{name}", name=name.replace("_", " ")))
    return names


def _edit_text(what: Message, before: object, after: object) -> Message:
    fields = _changed_fields(before, after)
    if not fields:
        return msg("Edit {what}", what=what)
    fields.sort(key=lambda field: str(field).casefold())
    return msg("Edit {what}: {fields}", what=what, fields=joined(fields, ", "))


def _require_scenario_name(plan: Plan, name: str, scenario_id: ScenarioId | None = None) -> None:
    if reason := scenario_name_problem(plan.scenarios.values(), name, scenario_id):
        raise PlanError(msg("scenario name: {reason}", reason=reason))


def _require_id(new_id: str) -> None:
    """Ids are what the plan file accepts (``model.id_problem``)."""
    if not isinstance(new_id, str) or not new_id.strip():
        raise PlanError(msg("an id must not be empty"))
    if reason := id_problem(new_id):
        raise PlanError(msg("id: {reason}", reason=reason))


def _require_new_id(plan: Plan, new_id: str) -> None:
    _require_id(new_id)
    if new_id in plan.ids_in_use():
        raise PlanError(msg("the id {id} is already in use", id=new_id))


class Assign(Command):
    """Put members in (team, role) or on the bench (``None``); one command for a multi-chip drag."""

    def __init__(self, scenario_id: ScenarioId, placements: Mapping[MemberId, Placement | None]) -> None:
        if not placements:
            raise PlanError(msg("nothing to move"))
        self.scenario_id = scenario_id
        self.placements = dict(placements)
        self._before: dict[MemberId, Placement | None] = {}

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        for member_id, placement in self.placements.items():
            if plan.member(scenario, member_id) is None:
                raise PlanError(msg('scenario "{scenario}" has no person or opening with id {id}',
                                    scenario=scenario.name, id=member_id))
            if placement is not None:
                _team(scenario, placement.team)
        self._before = {m: scenario.assignments.get(m) for m in self.placements}
        self.text = self._describe(plan, scenario)
        self._apply(scenario, self.placements)
        return Change(members=frozenset(self.placements))

    def undo(self, plan: Plan) -> Change:
        self._apply(_scenario(plan, self.scenario_id), self._before)
        return Change(members=frozenset(self.placements))

    @staticmethod
    def _apply(scenario: Scenario, placements: Mapping[MemberId, Placement | None]) -> None:
        for member_id, placement in placements.items():
            if placement is None:
                scenario.assignments.pop(member_id, None)
            else:
                scenario.assignments[member_id] = placement

    def _describe(self, plan: Plan, scenario: Scenario) -> Message:
        targets = set(self.placements.values())
        who: Text
        if len(self.placements) == 1:
            (member_id,) = self.placements
            member = plan.member(scenario, member_id)
            who = member.name if member is not None else member_id
        else:
            who = msg_n("{n} person", "{n} people", n=len(self.placements))
        if len(targets) > 1:
            return msg("Move {who}", who=who)
        (target,) = targets
        if target is None:
            return msg("Move {who} to the bench", who=who)
        return msg("Move {who} to {team} · {role}", who=who, team=scenario.teams[target.team].name,
                   role=DISPLAY_NAMES[target.role])


class AddPerson(Command):
    """Add a person to the plan; they start on every scenario's bench."""

    def __init__(self, person: Person, index: int | None = None) -> None:
        self.person = person
        self.index = index

    def do(self, plan: Plan) -> Change:
        _require_new_id(plan, self.person.id)
        require_valid(person_problems(self.person), "person")
        index = len(plan.people) if self.index is None else self.index
        _insert_at(plan.people, self.person.id, self.person, index)
        self.text = msg("Add {name}", name=self.person.name)
        return Change(members=frozenset({self.person.id}))

    def undo(self, plan: Plan) -> Change:
        del plan.people[self.person.id]
        return Change(members=frozenset({self.person.id}))


class EditPerson(Command):
    """Replace a person's fields (name, fte, dates, cost…); the id stays."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self._before: Person | None = None

    def do(self, plan: Plan) -> Change:
        if self.person.id not in plan.people:
            raise PlanError(msg("there is no person with id {id}", id=self.person.id))
        require_valid(person_problems(self.person), "person")
        self._before = plan.people[self.person.id]
        plan.people[self.person.id] = self.person
        self.text = _edit_text(msg("{name}", name=self._before.name), self._before, self.person)
        return Change(members=frozenset({self.person.id}))

    def undo(self, plan: Plan) -> Change:
        assert self._before is not None
        plan.people[self.person.id] = self._before
        return Change(members=frozenset({self.person.id}))


class RemovePerson(Command):
    """Remove a person from the plan and from every scenario's teams."""

    def __init__(self, person_id: PersonId) -> None:
        self.person_id = person_id
        self._person: Person | None = None
        self._index = 0
        self._placements: dict[ScenarioId, Placement] = {}

    def do(self, plan: Plan) -> Change:
        if self.person_id not in plan.people:
            raise PlanError(msg("there is no person with id {id}", id=self.person_id))
        self._index = _index_of(plan.people, self.person_id)
        self._person = plan.people.pop(self.person_id)
        self._placements = {}
        for scenario in plan.scenarios.values():
            placement = scenario.assignments.pop(self.person_id, None)
            if placement is not None:
                self._placements[scenario.id] = placement
        self.text = msg("Remove {name}", name=self._person.name)
        return Change(members=frozenset({self.person_id}))

    def undo(self, plan: Plan) -> Change:
        assert self._person is not None
        _insert_at(plan.people, self.person_id, self._person, self._index)
        for scenario_id, placement in self._placements.items():
            plan.scenarios[scenario_id].assignments[self.person_id] = placement
        return Change(members=frozenset({self.person_id}))


class AddOpening(Command):
    """Add an open position to a scenario, on the bench or straight into (team, role)."""

    def __init__(self, scenario_id: ScenarioId, opening: Opening, placement: Placement | None = None,
                 index: int | None = None) -> None:
        self.scenario_id = scenario_id
        self.opening = opening
        self.placement = placement
        self.index = index

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        _require_id(self.opening.id)
        if self.opening.id in plan.people or self.opening.id in scenario.openings:
            raise PlanError(msg("the id {id} is already in use", id=self.opening.id))
        require_valid(opening_problems(self.opening), "opening")
        if self.placement is not None:
            _team(scenario, self.placement.team)
        index = len(scenario.openings) if self.index is None else self.index
        _insert_at(scenario.openings, self.opening.id, self.opening, index)
        if self.placement is not None:
            scenario.assignments[self.opening.id] = self.placement
        self.text = msg("Add opening {title}", title=self.opening.title)
        return Change(members=frozenset({self.opening.id}))

    def undo(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        scenario.assignments.pop(self.opening.id, None)
        del scenario.openings[self.opening.id]
        return Change(members=frozenset({self.opening.id}))


class EditOpening(Command):
    def __init__(self, scenario_id: ScenarioId, opening: Opening) -> None:
        self.scenario_id = scenario_id
        self.opening = opening
        self._before: Opening | None = None

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        if self.opening.id not in scenario.openings:
            raise PlanError(msg('scenario "{scenario}" has no opening with id {id}', scenario=scenario.name,
                                id=self.opening.id))
        require_valid(opening_problems(self.opening), "opening")
        self._before = scenario.openings[self.opening.id]
        scenario.openings[self.opening.id] = self.opening
        self.text = _edit_text(msg("opening {title}", title=self._before.title), self._before, self.opening)
        return Change(members=frozenset({self.opening.id}))

    def undo(self, plan: Plan) -> Change:
        assert self._before is not None
        _scenario(plan, self.scenario_id).openings[self.opening.id] = self._before
        return Change(members=frozenset({self.opening.id}))


class RemoveOpening(Command):
    def __init__(self, scenario_id: ScenarioId, opening_id: OpeningId) -> None:
        self.scenario_id = scenario_id
        self.opening_id = opening_id
        self._opening: Opening | None = None
        self._index = 0
        self._placement: Placement | None = None

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        if self.opening_id not in scenario.openings:
            raise PlanError(msg('scenario "{scenario}" has no opening with id {id}', scenario=scenario.name,
                                id=self.opening_id))
        self._index = _index_of(scenario.openings, self.opening_id)
        self._opening = scenario.openings.pop(self.opening_id)
        self._placement = scenario.assignments.pop(self.opening_id, None)
        self.text = msg("Remove opening {title}", title=self._opening.title)
        return Change(members=frozenset({self.opening_id}))

    def undo(self, plan: Plan) -> Change:
        assert self._opening is not None
        scenario = _scenario(plan, self.scenario_id)
        _insert_at(scenario.openings, self.opening_id, self._opening, self._index)
        if self._placement is not None:
            scenario.assignments[self.opening_id] = self._placement
        return Change(members=frozenset({self.opening_id}))


class AddTeam(Command):
    def __init__(self, scenario_id: ScenarioId, team: Team, index: int | None = None) -> None:
        self.scenario_id = scenario_id
        self.team = team
        self.index = index

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        _require_id(self.team.id)
        if self.team.id in scenario.teams:
            raise PlanError(msg('scenario "{scenario}" already has a team with id {id}', scenario=scenario.name,
                                id=self.team.id))
        require_valid(team_problems(self.team), "team")
        require_valid(combined_parameter_problems(plan.assumptions, self.team), "team")
        index = len(scenario.teams) if self.index is None else self.index
        _insert_at(scenario.teams, self.team.id, self.team, index)
        self.text = msg("Add team {name}", name=self.team.name)
        return Change(scenarios=frozenset({self.scenario_id}))

    def undo(self, plan: Plan) -> Change:
        del _scenario(plan, self.scenario_id).teams[self.team.id]
        return Change(scenarios=frozenset({self.scenario_id}))


class EditTeam(Command):
    """Replace a team's name, market fields, market profile or role overrides."""

    def __init__(self, scenario_id: ScenarioId, team: Team) -> None:
        self.scenario_id = scenario_id
        self.team = team
        self._before: Team | None = None

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        self._before = _team(scenario, self.team.id)
        require_valid(team_problems(self.team), "team")
        require_valid(combined_parameter_problems(plan.assumptions, self.team), "team")
        scenario.teams[self.team.id] = self.team
        self.text = _edit_text(msg("team {name}", name=self._before.name), self._before, self.team)
        return Change(teams=frozenset({(self.scenario_id, self.team.id)}))

    def undo(self, plan: Plan) -> Change:
        assert self._before is not None
        _scenario(plan, self.scenario_id).teams[self.team.id] = self._before
        return Change(teams=frozenset({(self.scenario_id, self.team.id)}))


class RemoveTeam(Command):
    """Remove a team; its members go to the bench (and come back on undo)."""

    def __init__(self, scenario_id: ScenarioId, team_id: TeamId) -> None:
        self.scenario_id = scenario_id
        self.team_id = team_id
        self._team: Team | None = None
        self._index = 0
        self._members: dict[MemberId, Placement] = {}

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        self._team = _team(scenario, self.team_id)
        self._index = _index_of(scenario.teams, self.team_id)
        self._members = {m: p for m, p in scenario.assignments.items() if p.team == self.team_id}
        for member_id in self._members:
            del scenario.assignments[member_id]
        del scenario.teams[self.team_id]
        self.text = msg("Remove team {name}", name=self._team.name)
        return Change(members=frozenset(self._members), scenarios=frozenset({self.scenario_id}))

    def undo(self, plan: Plan) -> Change:
        assert self._team is not None
        scenario = _scenario(plan, self.scenario_id)
        _insert_at(scenario.teams, self.team_id, self._team, self._index)
        scenario.assignments.update(self._members)
        return Change(members=frozenset(self._members), scenarios=frozenset({self.scenario_id}))


def copy_scenario(source: Scenario, *, new_id: ScenarioId, name: str) -> Scenario:
    """A new scenario with the same teams, openings and assignments (ids kept, so they compare)."""
    return Scenario(id=new_id, name=name, teams=dict(source.teams), openings=dict(source.openings),
                    assignments=dict(source.assignments), target_bookings=source.target_bookings)


class AddScenario(Command):
    """Add a scenario — usually a copy of another (``copy_scenario``): a new proposal."""

    def __init__(self, scenario: Scenario, index: int | None = None) -> None:
        self.scenario = scenario
        self.index = index

    def do(self, plan: Plan) -> Change:
        _require_new_id(plan, self.scenario.id)
        _require_scenario_name(plan, self.scenario.name)
        index = len(plan.scenarios) if self.index is None else self.index
        _insert_at(plan.scenarios, self.scenario.id, self.scenario, index)
        self.text = msg("Add scenario {name}", name=self.scenario.name)
        return Change(scenarios=frozenset({self.scenario.id}), scenario_list=True)

    def undo(self, plan: Plan) -> Change:
        del plan.scenarios[self.scenario.id]
        return Change(scenarios=frozenset({self.scenario.id}), scenario_list=True)


class RenameScenario(Command):
    def __init__(self, scenario_id: ScenarioId, name: str) -> None:
        self.scenario_id = scenario_id
        self.name = name
        self._before = ""

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        _require_scenario_name(plan, self.name, self.scenario_id)
        self._before = scenario.name
        scenario.name = self.name
        self.text = msg("Rename scenario {before} to {after}", before=self._before, after=self.name)
        return Change(scenario_list=True)

    def undo(self, plan: Plan) -> Change:
        _scenario(plan, self.scenario_id).name = self._before
        return Change(scenario_list=True)


class SetScenarioTarget(Command):
    """Set the organisation's bookings target of a scenario, or clear it (None: the sum of the teams'
    targets, docs/model.md §9)."""

    def __init__(self, scenario_id: ScenarioId, target: float | None) -> None:
        self.scenario_id = scenario_id
        self.target = target
        self._before: float | None = None

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        require_valid(target_problems(self.target), f"scenario {scenario.name}")
        self._before = scenario.target_bookings
        scenario.target_bookings = self.target
        self.text = msg("Edit scenario {name}: target bookings", name=scenario.name)
        return Change(scenarios=frozenset({self.scenario_id}))

    def undo(self, plan: Plan) -> Change:
        _scenario(plan, self.scenario_id).target_bookings = self._before
        return Change(scenarios=frozenset({self.scenario_id}))


class RemoveScenario(Command):
    """Remove a scenario (never the last one); removing the baseline makes the first other one baseline."""

    def __init__(self, scenario_id: ScenarioId) -> None:
        self.scenario_id = scenario_id
        self._scenario: Scenario | None = None
        self._index = 0
        self._baseline_before: ScenarioId | None = None

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        if len(plan.scenarios) == 1:
            raise PlanError(msg("a plan needs at least one scenario"))
        self._index = _index_of(plan.scenarios, self.scenario_id)
        self._baseline_before = plan.baseline
        self._scenario = plan.scenarios.pop(self.scenario_id)
        if plan.baseline == self.scenario_id:
            plan.baseline = next(iter(plan.scenarios))
        self.text = msg("Remove scenario {name}", name=scenario.name)
        return Change(scenarios=frozenset({self.scenario_id}), scenario_list=True)

    def undo(self, plan: Plan) -> Change:
        assert self._scenario is not None and self._baseline_before is not None
        _insert_at(plan.scenarios, self.scenario_id, self._scenario, self._index)
        plan.baseline = self._baseline_before
        return Change(scenarios=frozenset({self.scenario_id}), scenario_list=True)


class SetBaseline(Command):
    """Mark a scenario as the baseline: the organisation as it is today."""

    def __init__(self, scenario_id: ScenarioId) -> None:
        self.scenario_id = scenario_id
        self._before: ScenarioId | None = None

    def do(self, plan: Plan) -> Change:
        scenario = _scenario(plan, self.scenario_id)
        self._before = plan.baseline
        plan.baseline = self.scenario_id
        self.text = msg("Make {name} the baseline", name=scenario.name)
        return Change(scenario_list=True)

    def undo(self, plan: Plan) -> Change:
        assert self._before is not None
        plan.baseline = self._before
        return Change(scenario_list=True)


class EditAssumptions(Command):
    """Replace the plan's tolerance or role parameters; every number may change."""

    def __init__(self, assumptions: Assumptions) -> None:
        self.assumptions = assumptions
        self._before: Assumptions | None = None

    def do(self, plan: Plan) -> Change:
        require_valid(assumptions_problems(self.assumptions), "assumptions")
        for scenario in plan.scenarios.values():
            for team in scenario.teams.values():
                require_valid(combined_parameter_problems(self.assumptions, team), f"team {team.name}")
        self._before = plan.assumptions
        plan.assumptions = self.assumptions
        self.text = _edit_text(msg("assumptions"), self._before, self.assumptions)
        return Change(everything=True)

    def undo(self, plan: Plan) -> Change:
        assert self._before is not None
        plan.assumptions = self._before
        return Change(everything=True)


class EditPlan(Command):
    """Change the plan's name, currency, as-of date or horizon (only the arguments given)."""

    def __init__(self, *, name: str | None = None, currency: str | None = None,
                 as_of: date | None = None, horizon_months: int | None = None) -> None:
        self.values = {key: value for key, value in
                       {"name": name, "currency": currency, "as_of": as_of,
                        "horizon_months": horizon_months}.items() if value is not None}
        self._before: dict[str, object] = {}

    def do(self, plan: Plan) -> Change:
        merged = {"name": plan.name, "currency": plan.currency, "horizon_months": plan.horizon_months,
                  "as_of": plan.as_of}
        merged.update({k: v for k, v in self.values.items() if k in merged})
        require_valid(plan_field_problems(**merged), "plan")  # type: ignore[arg-type]
        self._before = {key: getattr(plan, key) for key in self.values}
        for key, value in self.values.items():
            setattr(plan, key, value)
        self.text = msg("Edit plan: {fields}", fields=joined([FIELD_LABELS[key] for key in self.values], ", "))
        return self._change()

    def undo(self, plan: Plan) -> Change:
        for key, value in self._before.items():
            setattr(plan, key, value)
        return self._change()

    def _change(self) -> Change:
        # The target checks' sentences name amounts in the plan's currency (docs/model.md §9).
        numbers = bool({"as_of", "horizon_months", "currency"} & set(self.values))
        return Change(everything=numbers, plan_fields=True)


class Batch(Command):
    """Several commands as one step (an import, a paste): undone in reverse order."""

    def __init__(self, text: Text, commands: Sequence[Command]) -> None:
        self.text = text
        self.commands = list(commands)

    def do(self, plan: Plan) -> Change:
        change = Change()
        done: list[Command] = []
        try:
            for command in self.commands:
                change |= command.do(plan)
                done.append(command)
        except PlanError:
            for command in reversed(done):
                command.undo(plan)
            raise
        return change

    def undo(self, plan: Plan) -> Change:
        change = Change()
        for command in reversed(self.commands):
            change |= command.undo(plan)
        return change


def new_id(prefix: str, taken: Iterable[str]) -> str:
    """A fresh id such as ``p-7f3a9c21``: random, so an id is never reused after a removal."""
    used = set(taken)
    while True:
        candidate = f"{prefix}-{secrets.token_hex(4)}"
        if candidate not in used:
            return candidate

