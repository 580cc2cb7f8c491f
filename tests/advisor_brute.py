"""Brute force for the advisor's exactness tests: every assignment the options allow, judged by the engine.

Written from docs/model.md §10 (who may go where, what a move and a hire cost), independently of the
advisor's formulation; only ``capacity.compute_team`` — the engine — is shared.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, timedelta

from salesplanner.advisor import AdviceOptions
from salesplanner.capacity import TeamResult, Verdict, compute_team, member_effective_fte
from salesplanner.model import (
    Member,
    MemberId,
    Opening,
    OpeningId,
    Placement,
    Plan,
    ScenarioId,
    resolved_role_parameters,
)
from salesplanner.roles import ANNUAL_ATTRITION, ANNUAL_COST, RAMP_MONTHS, Role
from salesplanner.timeline import month_date

SPECIALISTS = (Role.SDR_OUTBOUND, Role.SDR_INBOUND, Role.AE, Role.AM)
CHANGEABLE = (*SPECIALISTS, Role.FULL_CYCLE)


def _choices(plan: Plan, scenario_id: ScenarioId, member_id: MemberId, options: AdviceOptions,
             locked_teams: set[str]) -> list[tuple[Placement | None, float]]:
    """(where the member may end up, what it costs) — staying first, at no cost."""
    scenario = plan.scenarios[scenario_id]
    seat = scenario.assignments.get(member_id)
    person = plan.people.get(member_id)
    stay: list[tuple[Placement | None, float]] = [(seat, 0.0)]
    if member_id in options.locked_members or (person is not None and person.locked and options.plan_locks):
        return stay
    teams = [team for team in scenario.teams.values() if team.id not in locked_teams]
    if seat is None:
        if not options.from_bench:
            return stay
        return stay + [(Placement(team.id, role), options.move_weight) for team in teams for role in SPECIALISTS]
    if seat.team in locked_teams or seat.role is Role.MANAGER:
        return stay
    here = scenario.teams[seat.team]
    found = list(stay)
    for team in teams:
        if options.same_geography and team.geography != here.geography:
            continue
        if options.moves and team.id != seat.team:
            found.append((Placement(team.id, seat.role), options.move_weight))
        if options.role_changes and seat.role in CHANGEABLE and (options.moves or team.id == seat.team):
            found += [(Placement(team.id, role), options.role_change_weight) for role in SPECIALISTS
                      if role is not seat.role]
    if options.to_bench:
        found.append((None, options.move_weight))
    return found


def _hire_plans(slots: list[Placement], cap: int) -> Iterator[tuple[Placement, ...]]:
    for count in range(cap + 1):
        yield from itertools.combinations_with_replacement(slots, count)


def brute_force(plan: Plan, scenario_id: ScenarioId, options: AdviceOptions, *,
                hire_cap: int = 0) -> tuple[float, float] | None:
    """The least (hire cost, weighted moves) that leaves every unlocked team balanced (and on target) at
    the month, trying every allowed assignment and up to ``hire_cap`` hires; None when there is none."""
    scenario = plan.scenarios[scenario_id]
    on = month_date(plan.as_of, options.at_month)
    attrition_from = plan.as_of if options.at_month else None
    locked_teams = set(options.locked_teams)
    if options.plan_locks:
        locked_teams |= {team.id for team in scenario.teams.values() if team.locked}
    member_ids = [member.id for member in plan.members(scenario)]
    choices = [_choices(plan, scenario_id, member_id, options, locked_teams) for member_id in member_ids]
    start = plan.as_of + timedelta(days=plan.assumptions.hiring_lead_days)
    slots = [Placement(team.id, role) for team in scenario.teams.values() if team.id not in locked_teams
             for role in SPECIALISTS if options.hires and Placement(team.id, role) not in options.forbidden_hires]
    slots = [slot for slot in slots if _hire_fte(plan, scenario_id, slot, start, on, attrition_from) > 0]
    parameters = {team.id: resolved_role_parameters(plan.assumptions, team) for team in scenario.teams.values()}
    cache: dict[tuple[str, tuple[tuple[str, Role], ...]], TeamResult] = {}

    def result(team_id: str, placed: list[tuple[Member, Role]]) -> TeamResult:
        key = (team_id, tuple(sorted((member.id, role) for member, role in placed)))
        if key not in cache:
            team = scenario.teams[team_id]  # type: ignore[index]
            ordered = sorted(placed, key=lambda item: item[0].id)
            cache[key] = compute_team(team, ordered, parameters=parameters[team.id],
                                      tolerance=plan.assumptions.tolerance, on=on, horizon_months=plan.horizon_months,
                                      attrition_from=attrition_from)
        return cache[key]

    # A team with people working at the month keeps at least one working (docs/model.md §10).
    present = {team_id: sum(result(team_id, [(plan.member(scenario, member_id), placement.role)  # type: ignore[misc]
                                             for member_id, placement in scenario.assignments.items()
                                             if placement.team == team_id]).effective_fte.values()) > 0
               for team_id in scenario.teams}
    best: tuple[float, float] | None = None
    cap = hire_cap if options.max_hires is None else min(hire_cap, options.max_hires)
    for hires in _hire_plans(slots, cap if options.hires else 0):
        hire_cost = sum(parameters[slot.team][slot.role][ANNUAL_COST] for slot in hires)
        if options.hire_budget is not None and hire_cost > options.hire_budget:
            continue
        if best is not None and hire_cost > best[0]:
            continue
        openings = [(Opening(id=OpeningId(f"~hire-{index}"), title="hire", start_date=start), slot)
                    for index, slot in enumerate(hires)]
        for picked in itertools.product(*choices):
            moves = sum(cost for _, cost in picked)
            if best is not None and (hire_cost, moves) >= best:
                continue
            placed: dict[str, list[tuple[Member, Role]]] = {team_id: [] for team_id in scenario.teams}
            for member_id, (placement, _) in zip(member_ids, picked, strict=True):
                if placement is not None:
                    member = plan.member(scenario, member_id)
                    assert member is not None
                    placed[placement.team].append((member, placement.role))
            for opening, slot in openings:
                placed[slot.team].append((opening, slot.role))
            if all(team_id in locked_teams or _passes(result(team_id, members), options.targets.get(team_id),
                                                      keep_someone=present[team_id])
                   for team_id, members in placed.items()):
                best = (hire_cost, moves)
    return best


def _hire_fte(plan: Plan, scenario_id: ScenarioId, slot: Placement, start: date, on: date,
              attrition_from: date | None) -> float:
    parameters = resolved_role_parameters(plan.assumptions, plan.scenarios[scenario_id].teams[slot.team])
    return member_effective_fte(Opening(id=OpeningId("~"), title="hire", start_date=start),
                                ramp_months=parameters[slot.role][RAMP_MONTHS],
                                annual_attrition=parameters[slot.role][ANNUAL_ATTRITION], on=on,
                                attrition_from=attrition_from)


def _passes(result: TeamResult, target: float | None, *, keep_someone: bool) -> bool:
    balanced = all(item.verdict in (None, Verdict.BALANCED) for item in result.balances)
    someone = not keep_someone or sum(result.effective_fte.values()) > 0
    return balanced and someone and (target is None or 12 * result.bookings >= target)
