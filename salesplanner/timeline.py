"""Capacity month by month over the plan's horizon, and a scenario's hiring plan (docs/model.md §7).

The timeline is §4 evaluated at the date of each month instead of the as-of date: openings start and
ramp, leavers leave (both already rules of ``capacity.ramp``), and each member's effective FTE is
multiplied by the expected survival ``(1 − a)^(months / 12)`` of their role (``capacity.survival``,
``a`` = the role's ``annual_attrition``).

Decisions:

- **Month stepping.** Month ``k`` (0 … horizon) falls on ``as_of + ⌈k × 365/12⌉`` days: the first day
  by which k months of §4's length have passed. §4 counts ramps in months of 365/12 days, so on this
  grid a member starting on the as-of date with a 3-month ramp is fully productive at month 3 (on a
  calendar grid, 1 January + 3 months is only 2.96 such months). Month 12 is exactly one year later.
- **Attrition clock.** Everyone is evaluated on the same dates, so attrition runs on the same clock as
  the ramp: from the as-of date for people already there, from the start date for people and openings
  that start later (``capacity.attrition_months``). At month 6 (day 183) an active person's factor is
  ``0.85^(183/365)``; at month 12 it is exactly 0.85. Attrition thins effective FTE only; it does not
  remove anyone from counts or cost, and a leave date still ends a member's capacity outright.

``timeline`` computes every month of every team at once with numpy: the same ``capacity.team_flows``
formulas on arrays, and the ramp, leave and survival rules of ``capacity`` written out for arrays.
``timeline_by_loop`` is the plain definition — ``compute_team`` for each team on each month's date —
and the tests hold the two equal; it is also the benchmark's baseline (benchmarks/README.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from salesplanner.capacity import (
    MONTH_DAYS,
    Flows,
    compute_team,
    member_cost,
    ramp,
    survival,
    team_flows,
)
from salesplanner.i18n import msg
from salesplanner.model import (
    MARKET_FIELDS,
    Member,
    OpeningId,
    Plan,
    PlanError,
    RoleParameters,
    Scenario,
    ScenarioId,
    Team,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.roles import ANNUAL_ATTRITION, RAMP_MONTHS, ROLE_ORDER, Role

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


def month_date(as_of: date, month: int) -> date:
    """The date of timeline month ``month``: ``as_of + ⌈month × 365/12⌉`` days (integer arithmetic, so
    month 12 is exactly 365 days on). The model keeps dates within ``MAX_DATE``, far from the calendar's
    end; a plan built around that rule gets a sentence, not an OverflowError."""
    try:
        return as_of + timedelta(days=-(-month * 365 // 12))
    except OverflowError:
        raise PlanError(msg(
            "month {month} after {date} is past the last date a calendar holds",
            month=month, date=as_of)) from None


def calendar_month(as_of: date, month: int) -> date:
    """The calendar month that names timeline month ``month`` (its first day): the as-of date's month plus
    ``month``. The model steps by 365/12 days, which can put two steps in one calendar month and none in
    the next (as of 1 December: 1 January, 31 January, 3 March); labels count calendar months whatever
    day the model evaluates."""
    index = as_of.year * 12 + as_of.month - 1 + month
    return date(index // 12, index % 12 + 1, 1)


def month_dates(plan: Plan) -> tuple[date, ...]:
    """Months 0 … horizon of the plan."""
    return tuple(month_date(plan.as_of, month) for month in range(plan.horizon_months + 1))


@dataclass(frozen=True, slots=True)
class Series:
    """One team's (or the organisation's) figures month by month; index k is month k. Per month, like §4."""

    effective_fte: dict[Role, tuple[float, ...]]
    supply: tuple[float, ...]
    close_cap: tuple[float, ...]
    wins: tuple[float, ...]
    bookings: tuple[float, ...]
    """New bookings per month; ``bookings_year`` is the 12 × run rate the rest of the app shows."""

    @property
    def bookings_year(self) -> tuple[float, ...]:
        return tuple(12 * value for value in self.bookings)


SERIES_FLOWS = ("supply", "close_cap", "wins", "bookings")


@dataclass(frozen=True, slots=True)
class Timeline:
    """A scenario month by month: every team in the scenario's order, and the organisation total."""

    scenario_id: ScenarioId
    dates: tuple[date, ...]
    teams: dict[TeamId, Series]
    total: Series

    @property
    def months(self) -> range:
        return range(len(self.dates))

    @property
    def calendar_months(self) -> tuple[date, ...]:
        """What each month is labelled with (``calendar_month``): month 0 is the as-of date's month."""
        return tuple(calendar_month(self.dates[0], month) for month in self.months)


def placed_by_team(plan: Plan, scenario: Scenario) -> dict[TeamId, list[tuple[Member, Role]]]:
    """Who holds which role in each team, members in id order — the order ``ScenarioAnalysis`` sums in,
    so month 0 repeats its figures."""
    placed: dict[TeamId, list[tuple[Member, Role]]] = {team_id: [] for team_id in scenario.teams}
    for member_id in sorted(scenario.assignments):
        placement = scenario.assignments[member_id]
        member = plan.member(scenario, member_id)
        assert member is not None
        placed[placement.team].append((member, placement.role))
    return placed


def total(series: list[Series], months: int) -> Series:
    """The organisation: each figure added up over the teams, month by month, in team order."""
    def add(columns: list[tuple[float, ...]]) -> tuple[float, ...]:
        return tuple(sum(values) for values in zip(*columns, strict=True)) if columns else (0.0,) * months

    return Series(effective_fte={role: add([s.effective_fte[role] for s in series]) for role in ROLE_ORDER},
                  **{name: add([getattr(s, name) for s in series]) for name in SERIES_FLOWS})


def scenario_of(plan: Plan, scenario_id: ScenarioId) -> Scenario:
    scenario = plan.scenarios.get(scenario_id)
    if scenario is None:
        raise PlanError(msg("the plan has no scenario with id {scenario_id}", scenario_id=scenario_id))
    return scenario


def timeline_by_loop(plan: Plan, scenario_id: ScenarioId) -> Timeline:
    """The timeline by definition: ``compute_team`` of every team on every month's date."""
    scenario = scenario_of(plan, scenario_id)
    dates = month_dates(plan)
    series = []
    for team_id, placed in placed_by_team(plan, scenario).items():
        team = scenario.teams[team_id]
        parameters = resolved_role_parameters(plan.assumptions, team)
        results = [compute_team(team, placed, parameters=parameters, tolerance=plan.assumptions.tolerance, on=on,
                                horizon_months=plan.horizon_months, attrition_from=plan.as_of) for on in dates]
        series.append(Series(
            effective_fte={role: tuple(r.effective_fte[role] for r in results) for role in ROLE_ORDER},
            **{name: tuple(getattr(r, name) for r in results) for name in SERIES_FLOWS}))
    return Timeline(scenario_id, dates, dict(zip(scenario.teams, series, strict=True)), total(series, len(dates)))


# --- the same, vectorised --------------------------------------------------------------------------

_ROLE_INDEX = {role: index for index, role in enumerate(ROLE_ORDER)}
_NEVER = 10**8
"""An ordinal later than any date (``date.max`` is 3,652,059): no leave date, or no start date."""

Seats = Sequence[tuple[Member, Role]]
"""Who holds which role in one team, members in id order (the order ``ScenarioAnalysis`` sums in)."""


def _parameters_of(plan: Plan, teams: Sequence[Team]) -> list[RoleParameters]:
    """Each team's role parameters with its overrides applied, resolved once per team object (a batch of
    what-ifs repeats the same team many times)."""
    resolved: dict[int, RoleParameters] = {}
    return [resolved.get(id(team)) or resolved.setdefault(id(team), resolved_role_parameters(plan.assumptions, team))
            for team in teams]


def _effective_fte(plan: Plan, teams: Sequence[tuple[Team, Seats]], days: NDArray[np.int64]) -> NDArray[np.float64]:
    """Σ effective FTE per (team × role, month): ``capacity.effective_fte`` with attrition, for every
    member and month at once, summed in the loop's order (teams in order, members by id)."""
    import numpy as np

    as_of = plan.as_of.toordinal()
    rows: list[tuple[int, float, int, int, float, float]] = []
    append = rows.append
    resolved = _parameters_of(plan, [team for team, _ in teams])
    for team_index, (_, placed) in enumerate(teams):
        per_role = {role: (team_index * len(ROLE_ORDER) + _ROLE_INDEX[role], values[RAMP_MONTHS],
                           values[ANNUAL_ATTRITION]) for role, values in resolved[team_index].items()}
        for member, role in placed:
            row, role_ramp, role_attrition = per_role[role]
            starts, leaves = member.start_date, member.leave_date
            append((row, member.fte * member.productivity, starts.toordinal() if starts else _NEVER,
                    leaves.toordinal() if leaves else _NEVER, role_ramp, role_attrition))
    groups = np.zeros((len(teams) * len(ROLE_ORDER), len(days)))
    if not rows:
        return groups
    table = np.array(rows, dtype=np.float64)  # ordinals and group numbers are exact in a float64
    group, base, start, leave = table[:, 0].astype(np.int64), table[:, 1], table[:, 2], table[:, 3]
    ramp_months, attrition = table[:, 4], table[:, 5]
    no_start = start[:, None] == _NEVER
    since_start = (days[None, :] - start[:, None]) / MONTH_DAYS
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a tiny ramp: inf, then 1
        rising = np.minimum(1.0, since_start / ramp_months[:, None])
    # capacity.ramp, case by case: leave date → 0; no start → 1; before start → 0; no ramp → 1; else rising.
    share = np.where(no_start | (ramp_months[:, None] <= 0), 1.0, rising)
    share = np.where(~no_start & (days[None, :] < start[:, None]), 0.0, share)
    share = np.where(days[None, :] >= leave[:, None], 0.0, share)
    effective = base[:, None] * share
    # capacity.attrition_months and capacity.survival, computed by capacity.survival itself once per
    # (attrition, first day exposed) pair: numpy's vectorised pow may round a last bit differently by an
    # element's position, and a team's figures must not depend on which teams share the batch (the
    # analysis recomputes only the teams a change touched). Everything else here is exact IEEE arithmetic
    # element by element.
    begin = np.where((start <= as_of) | (start == _NEVER), as_of, start)
    pairs, inverse = np.unique(np.stack([attrition, begin], axis=1), axis=0, return_inverse=True)
    months = days.tolist()
    factors = np.array([[survival(rate, max(0.0, (day - first) / MONTH_DAYS)) for day in months]
                        for rate, first in pairs.tolist()])
    effective = effective * factors[inverse.reshape(-1)]
    np.add.at(groups, group, effective)
    return groups


def role_effective_fte(plan: Plan, teams: Sequence[tuple[Team, Seats]], dates: Sequence[date]) -> NDArray[np.float64]:
    """Each role's Σ effective FTE of each team (with these members in these roles) on each date, with
    attrition, as a (teams × roles × months) array; roles in ``ROLE_ORDER``."""
    import numpy as np

    days = np.array([on.toordinal() for on in dates], dtype=np.int64)
    return _effective_fte(plan, teams, days).reshape(len(teams), len(ROLE_ORDER), len(dates))


def flows_of(plan: Plan, teams: Sequence[Team], eff: NDArray[np.float64]) -> Flows[NDArray[np.float64]]:
    """§4's flows of each team from its roles' effective FTE (a teams × roles × months array, as
    ``role_effective_fte`` gives), as (teams × months) arrays: ``capacity.team_flows`` on arrays."""
    import numpy as np

    parameters = _parameters_of(plan, teams)

    def column(values: list[float]) -> NDArray[np.float64]:
        return np.array(values, dtype=np.float64).reshape(len(teams), 1)

    market = {name: column([getattr(team.market, name) for team in teams]) for name in MARKET_FIELDS}
    role_parameters: Mapping[Role, Mapping[str, NDArray[np.float64]]] = {
        role: {name: column([p[role][name] for p in parameters]) for name in plan.assumptions.roles[role]}
        for role in ROLE_ORDER}
    by_role = {role: eff[:, index, :] for index, role in enumerate(ROLE_ORDER)}
    return team_flows(by_role, market, role_parameters, horizon_months=plan.horizon_months, minimum=np.minimum)


def monthly_flows(plan: Plan, teams: Sequence[tuple[Team, Seats]],
                  dates: Sequence[date]) -> tuple[Flows[NDArray[np.float64]], NDArray[np.float64]]:
    """§4's flows of each team (with these members in these roles) on each date, as (teams × months)
    arrays, and each role's Σ effective FTE as a (teams × roles × months) array: ``compute_team`` with
    attrition, for all of them at once. The timeline and the expected bookings (``targets``) both
    run on this."""
    eff = role_effective_fte(plan, teams, dates)
    return flows_of(plan, [team for team, _ in teams], eff), eff


def timeline(plan: Plan, scenario_id: ScenarioId) -> Timeline:
    """The scenario month by month (months 0 … horizon); equal to ``timeline_by_loop``, much faster."""
    scenario = scenario_of(plan, scenario_id)
    dates = month_dates(plan)
    placed = placed_by_team(plan, scenario)
    teams = [(team, placed[team_id]) for team_id, team in scenario.teams.items()]
    flows, eff = monthly_flows(plan, teams, dates)
    values = {name: getattr(flows, name).tolist() for name in SERIES_FLOWS}
    fte = {role: eff[:, index, :].tolist() for index, role in enumerate(ROLE_ORDER)}
    series = [Series(effective_fte={role: tuple(fte[role][index]) for role in ROLE_ORDER},
                     **{name: tuple(values[name][index]) for name in SERIES_FLOWS})
              for index in range(len(teams))]
    return Timeline(scenario_id, dates, dict(zip(scenario.teams, series, strict=True)), total(series, len(dates)))


# --- the hiring plan ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Hire:
    """One opening of a scenario: where it sits, when it starts and when it is fully productive.

    Months are timeline months (``month_date``). An opening on the bench has no role, so no cost
    default, ramp or full-productivity month."""

    opening_id: OpeningId
    title: str
    role: Role | None
    team_id: TeamId | None
    team_name: str | None
    start_date: date | None
    start_month: int
    """The first month on or after the start date (0 for a start on or before the as-of date, or none)."""
    annual_cost: float | None
    """The opening's own cost, else its role's default × fte."""
    full_date: date | None
    """The first day at full productivity (None without a start date: productive from the start)."""
    full_month: int | None
    """The first month at full productivity; may lie beyond the horizon."""


def _first_month(as_of: date, on_or_after: date) -> int:
    month = 0
    while month_date(as_of, month) < on_or_after:
        month += 1
    return month


def hiring_plan(plan: Plan, scenario_id: ScenarioId) -> tuple[Hire, ...]:
    """Every opening of the scenario, in its order, with role, team, start, cost and full productivity."""
    scenario = scenario_of(plan, scenario_id)
    hires = []
    for opening in scenario.openings.values():
        placement = scenario.assignments.get(opening.id)
        start = opening.start_date
        start_month = 0 if start is None or start <= plan.as_of else _first_month(plan.as_of, start)
        if placement is None:
            hires.append(Hire(opening_id=opening.id, title=opening.title, role=None, team_id=None, team_name=None,
                              start_date=start, start_month=start_month, annual_cost=opening.annual_cost,
                              full_date=None, full_month=None))
            continue
        team = scenario.teams[placement.team]
        parameters = resolved_role_parameters(plan.assumptions, team)
        full_date: date | None = None
        full_month = 0
        if start is not None:
            # capacity.ramp decides: the first day on which it returns 1, searched upwards from just
            # below the arithmetic answer (days / (365/12) is rounded).
            ramp_months = parameters[placement.role][RAMP_MONTHS]
            full_date = start + timedelta(days=max(0, int(ramp_months * MONTH_DAYS) - 1))
            while ramp(start, None, ramp_months, full_date) < 1:
                full_date += timedelta(days=1)
            full_month = _first_month(plan.as_of, full_date)
        hires.append(Hire(opening_id=opening.id, title=opening.title, role=placement.role, team_id=team.id,
                          team_name=team.name, start_date=start, start_month=start_month,
                          annual_cost=member_cost(opening, placement.role, parameters),
                          full_date=full_date, full_month=full_month))
    return tuple(hires)
