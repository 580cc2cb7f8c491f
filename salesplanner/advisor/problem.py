"""The scenario as the advisor's formulation sees it (docs/model.md §10).

Apart from its two ``min()``s, each team's §4 flows are linear in its roles' summed effective FTE. This
module gathers, per team, those linear coefficients — by running ``capacity.team_flows`` on one unit of
effective FTE per role, so the formulas stay in capacity.py — with the team's overrides applied, and
each member's effective FTE at the month wherever they could sit (``capacity.member_effective_fte``,
exactly as the timeline counts it: ramp, start, leave and attrition).

Members who are interchangeable — same seat, same effective FTE in every seat they could take — form a
*lot*; the formulation decides how many of a lot move where, not who. That reduction is exact: two
members of a lot contribute the same to every team in every role, so any of them can be the one who
moves. A team's overrides change a member's effective FTE only through the role's ramp months and
attrition (its *group*), so a member's effective FTE is computed once per group, not once per team.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from salesplanner.advisor.types import AdviceOptions
from salesplanner.capacity import member_effective_fte, team_flows
from salesplanner.i18n import msg
from salesplanner.model import (
    MARKET_FIELDS,
    Member,
    MemberId,
    Opening,
    OpeningId,
    Placement,
    Plan,
    PlanError,
    RoleParameters,
    Scenario,
    Team,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.roles import ANNUAL_ATTRITION, ANNUAL_COST, RAMP_MONTHS, ROLE_ORDER, Role
from salesplanner.timeline import month_date

SPECIALIST_ROLES: tuple[Role, ...] = (Role.SDR_OUTBOUND, Role.SDR_INBOUND, Role.AE, Role.AM)
"""Roles the advisor hires into, changes roles to and places bench members in: the specialist roles a
growing organisation adds (docs/model.md §1). Full-cycle reps and founders may move team but keep their
role; managers have no selling capacity, so moving them never balances anything and they stay."""
CHANGEABLE_ROLES: frozenset[Role] = frozenset({*SPECIALIST_ROLES, Role.FULL_CYCLE})
"""Roles whose holders may be offered a role change."""
MIN_HIRE_CAP = 10
"""Without a hiring limit, at most max(this, the team's headcount) hires per team and role."""

Group = tuple[float, float]
"""(ramp months, annual attrition): all of a team's overrides that change a member's effective FTE."""
Kind = tuple[tuple[tuple[Role, Group], float], ...]
"""A member's effective FTE at the month in each (role, group) they could hold, sorted."""


@dataclass(frozen=True, slots=True)
class TeamTerms:
    """One team at the month: its flows as linear terms of each role's summed effective FTE E_r."""

    id: TeamId
    name: str
    geography: str | None
    locked: bool
    inbound: float
    """inbound_leads_per_month."""
    lead_to_opp: float
    win_rate: float
    deal_size: float
    accounts_base: float
    """accounts_H with no wins: the installed base after the horizon's churn."""
    accounts_per_win: float
    """What one more win a month adds to accounts_H (§4's recurrence is linear in wins)."""
    cap_in: Mapping[Role, float]
    sourcing: Mapping[Role, float]
    closing: Mapping[Role, float]
    am_cap: Mapping[Role, float]
    current: Mapping[Role, float]
    """Σ effective FTE of the members there now, per role."""
    headcount: int
    """Members there now who work at the month (effective FTE above 0)."""
    groups: Mapping[Role, Group]
    hire_fte: Mapping[Role, float]
    """Effective FTE at the month of a hire starting after the hiring lead time."""
    hire_cost: Mapping[Role, float]
    hire_cap: Mapping[Role, int]
    target_month: float | None
    """Bookings a month the team must reach (its annual target ÷ 12), if any."""


@dataclass(frozen=True, slots=True)
class Lot:
    """Interchangeable members who may be moved: same seat, same kind."""

    seat: Placement | None
    """None: the bench."""
    geography: str | None
    members: tuple[MemberId, ...]
    kind: int
    roles: tuple[Role, ...]
    """Roles they may hold after a move: their own first (bench members: the specialist roles)."""


@dataclass(slots=True)
class Problem:
    plan: Plan
    scenario: Scenario
    options: AdviceOptions
    month: int
    on: date
    attrition_from: date | None
    hire_start: date
    tolerance: float
    teams: list[TeamTerms]
    lots: list[Lot]
    kinds: list[dict[tuple[Role, Group], float]]
    locked_members: frozenset[MemberId]
    organisation_target: float | None = None
    """The scenario's own annual bookings target, when targets count."""
    team_index: dict[TeamId, int] = field(default_factory=dict)

    def kind_fte(self, kind: int, team: int, role: Role) -> float:
        """Effective FTE of a member of ``kind`` holding ``role`` in ``team``."""
        return self.kinds[kind][(role, self.teams[team].groups[role])]


def _group(parameters: RoleParameters, role: Role) -> Group:
    return (parameters[role][RAMP_MONTHS], parameters[role][ANNUAL_ATTRITION])


def _fte(member: Member, group: Group, on: date, attrition_from: date | None) -> float:
    return member_effective_fte(member, ramp_months=group[0], annual_attrition=group[1], on=on,
                                attrition_from=attrition_from)


def _linear_terms(team: Team, parameters: RoleParameters, horizon_months: int) -> dict[str, dict[Role, float]]:
    """Each linear flow per unit of one role's effective FTE, from the engine's own ``team_flows``."""
    market = {name: float(getattr(team.market, name)) for name in MARKET_FIELDS}
    terms: dict[str, dict[Role, float]] = {"cap_in": {}, "sourcing": {}, "closing": {}, "am_cap": {}}
    for role in ROLE_ORDER:
        flows = team_flows({r: 1.0 if r is role else 0.0 for r in ROLE_ORDER}, market, parameters,
                           horizon_months=horizon_months, minimum=min)
        terms["cap_in"][role] = flows.cap_in
        terms["sourcing"][role] = flows.opps_out
        terms["closing"][role] = flows.close_cap
        terms["am_cap"][role] = flows.am_cap
    return terms


def _accounts_after(existing: float, churn: float, wins: float, months: int) -> float:
    """§4's recurrence A(t+1) = A(t) × (1 − churn) + wins over ``months`` months."""
    accounts = existing
    for _ in range(months):
        accounts = accounts * (1 - churn) + wins
    return accounts


def month_on(plan: Plan, month: int) -> date:
    if not 0 <= month <= plan.horizon_months:
        raise PlanError(msg("the month to balance at must be between 0 and the plan's horizon ({months})",
                            months=plan.horizon_months))
    return month_date(plan.as_of, month)


def build_problem(plan: Plan, scenario: Scenario, options: AdviceOptions) -> Problem:
    """Everything the formulation needs, at ``options.at_month``."""
    month = options.at_month
    on = month_on(plan, month)
    attrition_from = plan.as_of if month > 0 else None
    hire_start = plan.as_of + timedelta(days=plan.assumptions.hiring_lead_days)
    hire = Opening(id=OpeningId("hire"), title="hire", start_date=hire_start)
    locked_teams = set(options.locked_teams)
    locked_members = set(options.locked_members)
    if options.plan_locks:
        locked_teams |= {team.id for team in scenario.teams.values() if team.locked}
        locked_members |= {person.id for person in plan.people.values() if person.locked}

    placed: dict[TeamId, list[tuple[Member, Role]]] = {team_id: [] for team_id in scenario.teams}
    bench: list[Member] = []
    for member in plan.members(scenario):
        placement = scenario.assignments.get(member.id)
        if placement is None:
            bench.append(member)
        else:
            placed[placement.team].append((member, placement.role))

    teams: list[TeamTerms] = []
    parameters_of: dict[TeamId, RoleParameters] = {}
    for team in scenario.teams.values():
        parameters = parameters_of[team.id] = resolved_role_parameters(plan.assumptions, team)
        groups = {role: _group(parameters, role) for role in ROLE_ORDER}
        current = dict.fromkeys(ROLE_ORDER, 0.0)
        working = 0
        for member, role in sorted(placed[team.id], key=lambda item: item[0].id):
            fte = _fte(member, groups[role], on, attrition_from)
            current[role] += fte
            working += fte > 0
        terms = _linear_terms(team, parameters, plan.horizon_months)
        market = team.market
        headcount = len(placed[team.id])
        hire_fte = {role: _fte(hire, groups[role], on, attrition_from) for role in SPECIALIST_ROLES}
        hire_cost = {role: float(parameters[role][ANNUAL_COST]) for role in SPECIALIST_ROLES}
        target = options.targets.get(team.id, team.target_bookings if options.reach_targets else None)
        teams.append(TeamTerms(
            id=team.id, name=team.name, geography=team.geography, locked=team.id in locked_teams,
            inbound=market.inbound_leads_per_month, lead_to_opp=market.lead_to_opp_rate, win_rate=market.win_rate,
            deal_size=market.avg_deal_size,
            accounts_base=_accounts_after(market.existing_customers, market.monthly_churn, 0.0, plan.horizon_months),
            accounts_per_win=_accounts_after(0.0, market.monthly_churn, 1.0, plan.horizon_months),
            cap_in=terms["cap_in"], sourcing=terms["sourcing"], closing=terms["closing"], am_cap=terms["am_cap"],
            current=current, headcount=working,
            groups=groups, hire_fte=hire_fte, hire_cost=hire_cost,
            hire_cap={role: _hire_cap(options, headcount, hire_cost[role]) for role in SPECIALIST_ROLES},
            target_month=None if target is None else target / 12))

    problem = Problem(plan=plan, scenario=scenario, options=options, month=month, on=on,
                      attrition_from=attrition_from, hire_start=hire_start, tolerance=plan.assumptions.tolerance,
                      teams=teams, lots=[], kinds=[], locked_members=frozenset(locked_members),
                      organisation_target=scenario.target_bookings if options.reach_targets else None,
                      team_index={team.id: index for index, team in enumerate(teams)})
    _gather_lots(problem, placed, bench, locked_members)
    return problem


def _hire_cap(options: AdviceOptions, headcount: int, cost: float) -> int:
    if not options.hires:
        return 0
    cap = options.max_hires if options.max_hires is not None else max(MIN_HIRE_CAP, headcount)
    if options.hire_budget is not None and cost > 0:
        cap = min(cap, math.floor(options.hire_budget / cost + 1e-9))
    return cap


def _gather_lots(problem: Problem, placed: Mapping[TeamId, list[tuple[Member, Role]]], bench: list[Member],
                 locked_members: frozenset[MemberId] | set[MemberId]) -> None:
    """Group the members who may move into lots of interchangeable ones."""
    options, on, attrition_from = problem.options, problem.on, problem.attrition_from
    open_teams = [team for team in problem.teams if not team.locked]
    groups_of_role = {role: sorted({team.groups[role] for team in open_teams}) for role in ROLE_ORDER}
    kinds: dict[Kind, int] = {}
    lots: dict[tuple[Placement | None, int, tuple[Role, ...]], list[MemberId]] = {}

    def add(member: Member, seat: Placement | None, roles: tuple[Role, ...], own: Group | None) -> None:
        fte: dict[tuple[Role, Group], float] = {}
        for role in roles:
            for group in groups_of_role[role]:
                fte[(role, group)] = _fte(member, group, on, attrition_from)
        if seat is not None and own is not None:
            fte[(seat.role, own)] = _fte(member, own, on, attrition_from)
        if not any(fte.values()):
            return  # counts for nothing anywhere at the month (not started, or gone): moving them changes nothing
        key: Kind = tuple(sorted(fte.items()))
        kind = kinds.setdefault(key, len(kinds))
        lots.setdefault((seat, kind, roles), []).append(member.id)

    for team in problem.teams:
        if team.locked:
            continue
        for member, role in placed[team.id]:
            if member.id in locked_members or role is Role.MANAGER:
                continue
            roles = _roles_after(role, options)
            if roles or options.to_bench:
                add(member, Placement(team.id, role), roles, team.groups[role])
    if options.from_bench:
        for member in bench:
            if member.id not in locked_members:
                add(member, None, SPECIALIST_ROLES, None)

    problem.kinds = [dict(key) for key in kinds]
    geography = {team.id: team.geography for team in problem.teams}
    problem.lots = [Lot(seat=seat, geography=geography[seat.team] if seat else None, members=tuple(sorted(members)),
                        kind=kind, roles=roles)
                    for (seat, kind, roles), members in lots.items()]


def _roles_after(role: Role, options: AdviceOptions) -> tuple[Role, ...]:
    """Roles a member holding ``role`` may hold after a move: their own (when moves between teams are on),
    then the specialist roles they could change to."""
    roles = [role] if options.moves else []
    if options.role_changes and role in CHANGEABLE_ROLES:
        roles += [other for other in SPECIALIST_ROLES if other is not role]
    return tuple(roles)

