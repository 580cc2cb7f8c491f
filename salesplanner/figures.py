"""Every team's figures in one pass over its members: what a full recompute, a move and the exports need, fast.

``ScenarioAnalysis`` asks three questions of each team: its §4 figures on the as-of date
(``capacity.compute_team``), its bookings a month on months 0 … 12 of the timeline (``targets.bookings_by_loop``;
``timeline.monthly_flows`` with numpy) and its quotas (``targets.team_target``). Each of those walks the team's
members; ``team_figures`` walks them once for all three. ``timeline_in_python`` is ``timeline.timeline`` by
the same pass, for the Excel export: numpy's import costs a one-shot command more than the numbers do.

Nothing is approximated. Each member's values come from the rules of ``capacity`` and ``targets``, every sum adds
the same values in the same order as the definitions do (members in id order), and ``capacity.team_flows`` runs
on the sums — on floats for the as-of date, on ``columns.Column`` for all the teams and dates at once — so the
numbers are the definitions' to the last bit (the tests hold them equal on random plans). What makes it fast is
that most members are *steady*: fully productive by the as-of date (started on or before
``capacity.full_ramp_start``) and not leaving within the dates. A steady member's effective FTE is
``fte × productivity`` on the as-of date and ``fte × productivity × s_k`` on date k, ``s_k`` their role's
survival from the as-of date (``capacity.survival``): one product a date, no ramp or date arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, repeat
from operator import add, mul
from typing import NamedTuple

from salesplanner.capacity import (
    RoleSums,
    TeamResult,
    attrition_months_from,
    full_ramp_start,
    member_cost,
    ramp,
    survival,
    team_flows,
    team_result,
)
from salesplanner.columns import Column, minimum
from salesplanner.model import (
    MARKET_FIELDS,
    Member,
    Opening,
    Plan,
    RoleParameters,
    ScenarioId,
    Team,
    resolved_role_parameters,
)
from salesplanner.roles import ANNUAL_ATTRITION, ANNUAL_QUOTA, CLOSERS, RAMP_MONTHS, ROLE_ORDER, Role
from salesplanner.targets import QuotaMultiple, TeamTarget, member_quota, target_from, target_year_dates
from salesplanner.timeline import SERIES_FLOWS, Seats, Series, Timeline, month_dates, placed_by_team, scenario_of, total


@dataclass(frozen=True, slots=True)
class TeamFigures:
    """What the analysis keeps of one team: ``compute_team``'s result, ``team_target``'s target year."""

    result: TeamResult
    target: TeamTarget
    departed: tuple[Member, ...]
    """Members gone by the as-of date who still hold a seat, in id order."""


def team_figures(plan: Plan, teams: Sequence[tuple[Team, Seats]]) -> list[TeamFigures]:
    """Each team's §4 figures on the as-of date and its target year (with these members in these roles):
    ``compute_team`` and ``team_target`` on ``targets.bookings_by_loop`` to the last bit. A team's figures do
    not depend on the teams beside it in ``teams``."""
    if not teams:
        return []
    dates = target_year_dates(plan.as_of)
    sums = _add_up(plan, teams, dates)
    months = len(dates)
    bookings = _flows_by_date(plan, teams, sums, months)["bookings"]
    figures = []
    assumptions = plan.assumptions
    for index, ((team, _), team_sums) in enumerate(zip(teams, sums, strict=True)):
        result = team_result(team, team_sums.today, parameters=team_sums.parameters,
                             tolerance=assumptions.tolerance, horizon_months=plan.horizon_months)
        target = target_from(plan, team, tuple(bookings[index * months:(index + 1) * months]), team_sums.quota,
                             tuple(team_sums.multiples))
        figures.append(TeamFigures(result, target, tuple(team_sums.departed)))
    return figures


def timeline_in_python(plan: Plan, scenario_id: ScenarioId) -> Timeline:
    """``timeline.timeline`` without numpy, to the last bit."""
    scenario = scenario_of(plan, scenario_id)
    dates = month_dates(plan)
    placed = placed_by_team(plan, scenario)
    teams = [(team, placed[team_id]) for team_id, team in scenario.teams.items()]
    sums = _add_up(plan, teams, dates)
    months = len(dates)
    values = _flows_by_date(plan, teams, sums, months)
    series = [Series(effective_fte={role: tuple(team_sums.by_date[role]) for role in ROLE_ORDER},
                     **{name: tuple(values[name][index * months:(index + 1) * months]) for name in SERIES_FLOWS})
              for index, team_sums in enumerate(sums)]
    return Timeline(scenario_id, dates, dict(zip(scenario.teams, series, strict=True)), total(series, months))


# --- the pass ---------------------------------------------------------------------------------------

class _Rules(NamedTuple):
    """One role's rules in one team, worked out once for each (ramp, attrition) pair."""

    ramp_months: float
    steady_since: date
    """The latest start of a member fully productive on the as-of date (``capacity.full_ramp_start``)."""
    attrition: float
    steady: list[float]
    """``capacity.survival`` on each date for a member there since the as-of date."""


@dataclass(slots=True)
class _TeamSums:
    parameters: RoleParameters
    today: RoleSums
    by_date: dict[Role, list[float]]
    """Each role's Σ effective FTE on each date, with attrition, as ``compute_team`` on that date adds it."""
    quota: float
    multiples: list[QuotaMultiple]
    departed: list[Member]


class _Survivals(dict[tuple[float, date], list[float]]):
    """``capacity.survival`` on each date, by (annual attrition, first day exposed)."""

    def __init__(self, dates: Sequence[date]) -> None:
        super().__init__()
        self.dates = dates

    def __missing__(self, key: tuple[float, date]) -> list[float]:
        attrition, begin = key
        factors = self[key] = [survival(attrition, attrition_months_from(begin, on)) for on in self.dates]
        return factors


class _Ramps(dict[tuple[date | None, date | None, float], list[float]]):
    """``capacity.ramp`` on each date, by (start, leave, ramp months): many members share a start date."""

    def __init__(self, dates: Sequence[date]) -> None:
        super().__init__()
        self.dates = dates

    def __missing__(self, key: tuple[date | None, date | None, float]) -> list[float]:
        start, leave, ramp_months = key
        shares = self[key] = [ramp(start, leave, ramp_months, on) for on in self.dates]
        return shares


def _add_up(plan: Plan, teams: Sequence[tuple[Team, Seats]], dates: Sequence[date]) -> list[_TeamSums]:
    """Every team's members added up, member by member in the seats' order: by role on the as-of date
    (``dates[0]``) as ``compute_team`` adds them, on every date with attrition as ``compute_team`` given
    ``attrition_from`` adds them, and the closers' quotas as ``team_target`` adds them."""
    as_of, last = plan.as_of, dates[-1]
    zero = [0.0] * len(dates)
    survivals = _Survivals(dates)
    ramps = _Ramps(dates)
    rules_of: dict[tuple[float, float], _Rules] = {}
    everyone = []
    for team, seats in teams:
        parameters = resolved_role_parameters(plan.assumptions, team)
        rules: dict[Role, _Rules] = {}
        for role, role_parameters in parameters.items():
            key = (role_parameters[RAMP_MONTHS], role_parameters[ANNUAL_ATTRITION])
            if key not in rules_of:
                rules_of[key] = _Rules(key[0], full_ramp_start(key[0], as_of), key[1], survivals[key[1], as_of])
            rules[role] = rules_of[key]
        today = RoleSums.empty()
        members, openings, fte, effective, closers = today.members, today.openings, today.fte, today.effective_fte, \
            today.closers
        cost = quota = 0.0
        by_date: dict[Role, list[float]] = {}
        multiples: list[QuotaMultiple] = []
        departed: list[Member] = []
        for member, role in seats:
            leave = member.leave_date
            if leave is not None and leave <= as_of:  # capacity.has_left: no count, cost, capacity or quota
                departed.append(member)
                continue
            ramp_months, steady_since, attrition, steady = rules[role]
            members[role] += 1
            if type(member) is Opening:
                openings[role] += 1
            share = member.fte
            fte[role] += share
            own_cost = member_cost(member, role, parameters)
            cost += own_cost
            base = share * member.productivity
            start = member.start_date
            values: Iterable[float]
            if (start is None or start <= steady_since) and (leave is None or leave > last):
                e = base  # × ramp 1
                values = map(mul, repeat(base), steady)
            else:  # capacity.effective_fte on each date, then × survival, as compute_team takes them
                shares = ramps[start, leave, ramp_months]
                e = base * shares[0]
                exposed = survivals[attrition, start if start is not None and start > as_of else as_of]
                # compute_team multiplies only a non-zero e; a survival factor is finite, so 0 × it is that 0.
                values = map(mul, map(mul, repeat(base), shares), exposed)
            effective[role] += e
            by_date[role] = list(map(add, by_date.get(role, zero), values))
            if role in CLOSERS:
                closers.append((role, e))
                quota += member_quota(member, role, parameters, as_of)
                annual_quota = parameters[role][ANNUAL_QUOTA] * share
                if annual_quota > 0 and own_cost > 0:
                    multiples.append(QuotaMultiple(member.id, member.name, annual_quota / own_cost))
        today = RoleSums(members, openings, fte, effective, cost, closers)
        everyone.append(_TeamSums(parameters, today, {role: by_date.get(role, zero) for role in ROLE_ORDER}, quota,
                                  multiples, departed))
    return everyone


def _flows_by_date(plan: Plan, teams: Sequence[tuple[Team, Seats]], sums: Sequence[_TeamSums],
                   months: int) -> dict[str, list[float]]:
    """§4's flows of a timeline's series (``timeline.SERIES_FLOWS``) for every team on every date, team by team
    and date by date: ``capacity.team_flows`` on columns. A value every team shares goes in as a number (the
    same arithmetic on each element as a column of it)."""
    if not teams:
        return {name: [] for name in SERIES_FLOWS}

    def column(values: list[float]) -> Column | float:
        floats = list(map(float, values))
        if floats[0] and floats.count(floats[0]) == len(floats):  # (a zero might be −0.0 in some teams)
            return floats[0]
        return Column(list(chain.from_iterable(map(repeat, floats, repeat(months)))))

    market = {name: column([getattr(team.market, name) for team, _ in teams]) for name in MARKET_FIELDS}
    role_parameters = {role: {name: column([team_sums.parameters[role][name] for team_sums in sums])
                              for name in plan.assumptions.roles[role]} for role in ROLE_ORDER}
    # A role nobody holds in any team adds 0.0 everywhere: as a number, its products cost nothing.
    eff = {role: Column(list(chain.from_iterable(team_sums.by_date[role] for team_sums in sums)))
           if any(map(any, (team_sums.by_date[role] for team_sums in sums))) else 0.0 for role in ROLE_ORDER}
    def smaller(first: Column | float, second: Column | float) -> Column:  # columns.minimum, numbers as columns
        return minimum(*(side if isinstance(side, Column) else Column([side] * size) for side in (first, second)))

    size = len(teams) * months
    # The flows per date do not depend on the horizon: 0 skips the accounts it would carry forward month by month.
    # Columns and the numbers they share mix: a Column takes a number on either side of +, −, × and ÷.
    flows = team_flows(eff, market, role_parameters, horizon_months=0, minimum=smaller)  # type: ignore[type-var]
    return {name: value.values if isinstance(value, Column) else [value] * size
            for name in SERIES_FLOWS for value in (getattr(flows, name),)}


