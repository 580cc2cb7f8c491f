"""From the solver's counts to named moves and hires, and the engine's verdict on them (docs/model.md §10).

The check runs ``capacity.compute_team`` — the engine every view uses — on each team as the suggestion
leaves it, at the month's date (with attrition from the as-of date beyond month 0, as the timeline
does). The advisor only reports an answer that passes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from salesplanner.advisor.formulation import Formulation
from salesplanner.advisor.problem import Problem
from salesplanner.advisor.types import Move, SuggestedHire, TeamOutcome
from salesplanner.capacity import TeamResult, Verdict, compute_team
from salesplanner.commands import new_id
from salesplanner.i18n import tr
from salesplanner.model import Member, MemberId, Opening, OpeningId, Placement, TeamId, resolved_role_parameters
from salesplanner.roles import DISPLAY_NAMES, Role


def _count(value: float) -> int:
    return round(value)


def decode(problem: Problem, formulation: Formulation,
           values: Sequence[float]) -> tuple[list[Move], list[SuggestedHire]]:
    """Named moves and hires for a solution. Members of a lot leave in id order."""
    next_member = [0] * len(problem.lots)

    def take(lot_index: int, count: int) -> list[MemberId]:
        start = next_member[lot_index]
        next_member[lot_index] = start + count
        return list(problem.lots[lot_index].members[start:start + count])

    moves: list[Move] = []
    leavers: dict[tuple[int, Role, str | None], list[tuple[int, int]]] = defaultdict(list)
    for lot_index, destination, column in formulation.outs:
        count = _count(values[column])
        if count <= 0:
            continue
        lot = problem.lots[lot_index]
        if destination.role is None:
            moves += [Move(member, lot.seat, None) for member in take(lot_index, count)]
        elif destination.team is not None:
            target = Placement(problem.teams[destination.team].id, destination.role)
            moves += [Move(member, lot.seat, target) for member in take(lot_index, count)]
        else:
            leavers[(lot.kind, destination.role, destination.geography)].append((lot_index, count))
    arrivals: dict[tuple[int, Role], list[tuple[int, int]]] = defaultdict(list)
    for team_index, kind, role, column in formulation.ins:
        count = _count(values[column])
        if count > 0:
            arrivals[(kind, role)].append((team_index, count))

    for (kind, role, geography), lots in leavers.items():
        # This pool's arrivals: teams of its geography, in team order.
        open_arrivals = [[team, count] for team, count in arrivals[(kind, role)]
                         if geography is None or (problem.teams[team].geography or "") == geography]
        _cancel_round_trips(problem, lots, open_arrivals, role)
        for lot_index, count in lots:
            for member in take(lot_index, count):
                slot = next(slot for slot in open_arrivals if slot[1] > 0)
                slot[1] -= 1
                moves.append(Move(member, problem.lots[lot_index].seat,
                                  Placement(problem.teams[slot[0]].id, role)))
    moves.sort(key=lambda move: move.member)

    hires: list[SuggestedHire] = []
    taken = problem.plan.ids_in_use()
    for team_index, role, column in formulation.hires:
        team = problem.teams[team_index]
        for _ in range(_count(values[column])):
            opening_id = OpeningId(new_id("o", taken))
            taken.add(opening_id)
            hires.append(SuggestedHire(opening_id=opening_id, team=team.id, role=role, start_date=problem.hire_start,
                                       annual_cost=team.hire_cost[role]))
    return moves, hires


def _cancel_round_trips(problem: Problem, lots: list[tuple[int, int]], arrivals: list[list[int]], role: Role) -> None:
    """Drop a leaver and an arrival of the same kind in the same seat: together they change nothing.
    A best answer has none; an answer cut short by the time limit may."""
    for position, (lot_index, count) in enumerate(lots):
        seat = problem.lots[lot_index].seat
        if seat is None or seat.role is not role:
            continue
        for slot in arrivals:
            if problem.teams[slot[0]].id == seat.team and slot[1] > 0 and count > 0:
                both = min(count, slot[1])
                count -= both
                slot[1] -= both
        lots[position] = (lot_index, count)


def hire_opening(hire: SuggestedHire) -> Opening:
    """The open position a suggested hire becomes: full time, the role's default cost (the team's override)."""
    title = tr("{role} (suggested hire)", role=DISPLAY_NAMES[hire.role])
    return Opening(id=hire.opening_id, title=title, start_date=hire.start_date)


def outcomes(problem: Problem, moves: Iterable[Move], hires: Iterable[SuggestedHire]) -> tuple[TeamOutcome, ...]:
    """Every team before and after the suggestion, at the month, by the engine."""
    plan, scenario = problem.plan, problem.scenario
    after = dict(scenario.assignments)
    for move in moves:
        if move.after is None:
            after.pop(move.member, None)
        else:
            after[move.member] = move.after
    extra: dict[MemberId, Opening] = {}
    for hire in hires:
        extra[hire.opening_id] = hire_opening(hire)
        after[hire.opening_id] = Placement(hire.team, hire.role)

    def placed(assignments: dict[MemberId, Placement]) -> dict[TeamId, list[tuple[Member, Role]]]:
        teams: dict[TeamId, list[tuple[Member, Role]]] = {team_id: [] for team_id in scenario.teams}
        for member_id in sorted(assignments):  # the order ScenarioAnalysis sums in
            placement = assignments[member_id]
            member = plan.member(scenario, member_id) or extra[member_id]
            teams[placement.team].append((member, placement.role))
        return teams

    before_placed, after_placed = placed(scenario.assignments), placed(after)
    results = []
    for team in problem.teams:
        results.append(TeamOutcome(before=_result(problem, team.id, before_placed[team.id]),
                                   after=_result(problem, team.id, after_placed[team.id]),
                                   locked=team.locked,
                                   target=None if team.target_month is None else 12 * team.target_month))
    return tuple(results)


def _result(problem: Problem, team_id: TeamId, members: list[tuple[Member, Role]]) -> TeamResult:
    plan = problem.plan
    team = problem.scenario.teams[team_id]
    return compute_team(team, members, parameters=resolved_role_parameters(plan.assumptions, team),
                        tolerance=plan.assumptions.tolerance, on=problem.on, horizon_months=plan.horizon_months,
                        attrition_from=problem.attrition_from)


def organisation_reached(problem: Problem, teams: Sequence[TeamOutcome]) -> bool:
    """Run-rate bookings of every team at the month × 12 reach the scenario's own target (if any)."""
    target = problem.organisation_target
    return target is None or 12 * sum(team.after.bookings for team in teams) >= target


def is_balanced(result: TeamResult) -> bool:
    """No handoff over or under its band (a handoff that does not exist is fine)."""
    return all(item.verdict in (None, Verdict.BALANCED) for item in result.balances)


def meets_target(result: TeamResult, target: float | None) -> bool:
    return target is None or 12 * result.bookings >= target


def passes(outcome: TeamOutcome) -> bool:
    return outcome.locked or (is_balanced(outcome.after) and meets_target(outcome.after, outcome.target))
