"""Targets and quotas (docs/model.md §9): can this organisation hit next year's number?

- **Expected bookings over the target year**: each team's §4 bookings a month on months 0 … 12 of the
  timeline's grid (``timeline.monthly_flows``: ramps, starts, leaves and attrition exactly as the
  timeline computes them), integrated by the trapezoid rule. Twelve months whatever the plan's horizon.
- **Coverage**: expected ÷ target; within 1 ± τ *on target*, above *ahead*, below *short*.
- **Quota**: a closer's ``annual_quota × fte × d / 365``, d the days of the target year they are
  there; not discounted by ramp, productivity or attrition (quota is what the company asks).

The functions take a team with its seats (who holds which role, in id order), so the analysis, a
preview of a move (``ScenarioAnalysis.preview_targets``) and the hiring plan's what-ifs all compute the
same way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from salesplanner.capacity import compute_team, has_left, member_cost
from salesplanner.i18n import Message, Money, msg, msg_n, msg_p
from salesplanner.model import (
    Assumptions,
    Member,
    MemberId,
    OpeningId,
    Plan,
    PlanError,
    RoleParameters,
    ScenarioId,
    Team,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.roles import ANNUAL_QUOTA, CLOSERS, SELLERS, Role
from salesplanner.timeline import Seats, flows_of, month_date, role_effective_fte

TARGET_YEAR_MONTHS = 12
"""The target year is months 0 … 12 of the timeline grid: the as-of date to 365 days later."""
YEAR_DAYS = 365
CONTRIBUTION_FLOOR = 1.0
"""A hire contributes to the target year when it adds at least one unit of the plan's currency: less
is rounding, not bookings."""


class TargetVerdict(StrEnum):
    ON_TARGET = "on_target"
    AHEAD = "ahead"
    SHORT = "short"


VERDICT_WORDS: dict[TargetVerdict, Message] = {
    TargetVerdict.ON_TARGET: msg_p("target", "on target"), TargetVerdict.AHEAD: msg_p("target", "ahead"),
    TargetVerdict.SHORT: msg_p("target", "short")}
"""How a target verdict reads, on screen and in the exports."""


def target_year_dates(as_of: date) -> tuple[date, ...]:
    """Months 0 … 12 of the timeline grid (``timeline.month_date``)."""
    return tuple(month_date(as_of, month) for month in range(TARGET_YEAR_MONTHS + 1))


def trapezoid(monthly: Sequence[float]) -> float:
    """``Σ_{k=0}^{n−1} (b_k + b_{k+1}) / 2``: bookings a month at month ends, integrated over the months."""
    return sum((monthly[k] + monthly[k + 1]) / 2 for k in range(len(monthly) - 1))


def cumulative(monthly: Sequence[float]) -> tuple[float, ...]:
    """Expected bookings up to each month: 0 at month 0, then the trapezoid so far (the last is the
    ``trapezoid`` of them all)."""
    totals = [0.0]
    for k in range(len(monthly) - 1):
        totals.append(totals[-1] + (monthly[k] + monthly[k + 1]) / 2)
    return tuple(totals)


def total_by_month(targets: Iterable[TeamTarget]) -> tuple[float, ...]:
    """The organisation's bookings a month at months 0 … 12: its teams' added up."""
    months = [0.0] * (TARGET_YEAR_MONTHS + 1)
    for target in targets:
        months = [total + value for total, value in zip(months, target.bookings_by_month, strict=True)]
    return tuple(months)


def coverage(expected: float, target: float | None) -> float | None:
    """Expected ÷ target; None without a target or with a target of 0."""
    return expected / target if target else None


def target_verdict(share: float | None, tolerance: float) -> TargetVerdict | None:
    """Within 1 ± τ on target, above ahead, below short (the same band as a handoff's balance)."""
    if share is None:
        return None
    if share > 1 + tolerance:
        return TargetVerdict.AHEAD
    if share < 1 - tolerance:
        return TargetVerdict.SHORT
    return TargetVerdict.ON_TARGET


def quota_days(member: Member, as_of: date) -> int:
    """Days of the target year [as_of, as_of + 365) from the start date (inclusive; none: the as-of
    date) to the leave date (exclusive)."""
    year_end = as_of + timedelta(days=YEAR_DAYS)
    begin = max(as_of, member.start_date) if member.start_date is not None else as_of
    end = min(year_end, member.leave_date) if member.leave_date is not None else year_end
    return max(0, (end - begin).days)


def member_quota(member: Member, role: Role, parameters: RoleParameters, as_of: date) -> float:
    """A closer's quota for the target year, ``annual_quota × fte × d / 365``; 0 for other roles."""
    if role not in CLOSERS:
        return 0.0
    return parameters[role][ANNUAL_QUOTA] * member.fte * quota_days(member, as_of) / YEAR_DAYS


@dataclass(frozen=True, slots=True)
class QuotaMultiple:
    """A closer's annual quota (at their fte) ÷ their annual cost: the quota-to-cost check."""

    member_id: MemberId
    name: str
    multiple: float


@dataclass(frozen=True, slots=True)
class TeamTarget:
    """What §9 says about one team."""

    team_id: TeamId
    target_bookings: float | None
    bookings_by_month: tuple[float, ...]
    """§4 bookings a month at months 0 … 12 of the target year (b_0 … b_12)."""
    expected_bookings_year: float
    quota_capacity: float
    coverage: float | None
    verdict: TargetVerdict | None
    quota_multiples: tuple[QuotaMultiple, ...]
    """Closers with a quota and a cost, in id order; leavers gone by the as-of date left out."""

    @property
    def shortfall(self) -> float:
        """How much expected bookings fall below the target (0 when they do not)."""
        return max(0.0, (self.target_bookings or 0.0) - self.expected_bookings_year)


def bookings_by_loop(plan: Plan, team: Team, seats: Seats) -> tuple[float, ...]:
    """One team's bookings a month on months 0 … 12 by definition: ``compute_team`` on each month's date,
    with attrition (``timeline.timeline_by_loop`` for one team)."""
    parameters = resolved_role_parameters(plan.assumptions, team)
    return tuple(compute_team(team, seats, parameters=parameters, tolerance=plan.assumptions.tolerance, on=on,
                              horizon_months=plan.horizon_months, attrition_from=plan.as_of).bookings
                 for on in target_year_dates(plan.as_of))


def team_target(plan: Plan, team: Team, seats: Seats, bookings_by_month: tuple[float, ...]) -> TeamTarget:
    """The team's target, expected bookings, coverage and quotas, from its monthly bookings
    (``bookings_by_loop``; the analysis takes them from ``figures.team_figures``) and its seats."""
    parameters = resolved_role_parameters(plan.assumptions, team)
    quota = 0.0
    multiples = []
    for member, role in seats:
        if role not in CLOSERS:
            continue
        quota += member_quota(member, role, parameters, plan.as_of)
        annual_quota = parameters[role][ANNUAL_QUOTA] * member.fte
        cost = member_cost(member, role, parameters)
        if annual_quota > 0 and cost > 0 and not has_left(member, plan.as_of):
            multiples.append(QuotaMultiple(member.id, member.name, annual_quota / cost))
    return target_from(plan, team, bookings_by_month, quota, tuple(multiples))


def target_from(plan: Plan, team: Team, bookings_by_month: tuple[float, ...], quota_capacity: float,
                quota_multiples: tuple[QuotaMultiple, ...]) -> TeamTarget:
    """The team's target year from its monthly bookings and its closers' quotas (``team_target``'s, or a
    faster pass's that adds the same quotas in the same order)."""
    expected = trapezoid(bookings_by_month)
    share = coverage(expected, team.target_bookings)
    return TeamTarget(team_id=team.id, target_bookings=team.target_bookings, bookings_by_month=bookings_by_month,
                      expected_bookings_year=expected, quota_capacity=quota_capacity, coverage=share,
                      verdict=target_verdict(share, plan.assumptions.tolerance), quota_multiples=quota_multiples)


# --- the checks, as sentences ---------------------------------------------------------------------

def quota_sentences(*, target: float | None, expected: float, quota: float, assumptions: Assumptions,
                    currency: str) -> Iterator[Message]:
    """The first two checks of §9, for a team or the organisation: quotas below the target, and
    expected bookings far below the quotas."""
    if target is not None and quota < target:
        yield msg("quotas add up to {quota:compact}, below the target of {target:compact}",
                  quota=Money(quota, currency), target=Money(target, currency))
    if quota > 0 and expected < assumptions.attainment_min * quota:
        yield msg("the model expects {attainment:%} attainment ({expected:compact} expected against "
                  "{quota:compact} of quota; below {minimum:%})", attainment=expected / quota,
                  expected=Money(expected, currency), quota=Money(quota, currency), minimum=assumptions.attainment_min)


def multiple_sentence(multiples: Sequence[QuotaMultiple],
                      assumptions: Assumptions) -> tuple[Message, MemberId | None] | None:
    """The third check: closers whose annual quota ÷ annual cost lies outside the plan's norm, in one
    sentence (naming the closer when there is one), or None."""
    low, high = assumptions.quota_to_cost_min, assumptions.quota_to_cost_max
    outside = [item for item in multiples if not low <= item.multiple <= high]
    if not outside:
        return None
    if len(outside) == 1:
        item = outside[0]
        return msg("{name}'s quota is {multiple:.1f}× their annual cost (the norm is {low}–{high}×)",
                   name=item.name, multiple=item.multiple, low=low, high=high), item.member_id
    least, most = min(item.multiple for item in outside), max(item.multiple for item in outside)
    if round(least, 1) == round(most, 1):
        return msg_n("{n} closer's quota is {multiple:.1f}× their annual cost (the norm is {low}–{high}×)",
                     "{n} closers' quotas are {multiple:.1f}× their annual cost (the norm is {low}–{high}×)",
                     n=len(outside), multiple=least, low=low, high=high), None
    return msg_n("{n} closer's quota is {least:.1f}–{most:.1f}× their annual cost (the norm is {low}–{high}×)",
                 "{n} closers' quotas are {least:.1f}–{most:.1f}× their annual cost (the norm is {low}–{high}×)",
                 n=len(outside), least=least, most=most, low=low, high=high), None


# --- the hiring plan's question: what does each opening add to this year? ---------------------------

@dataclass(frozen=True, slots=True)
class HireContribution:
    """What an opening in a team adds to its team's expected bookings over the target year."""

    opening_id: OpeningId
    contribution: float
    """Expected bookings of the team with the opening minus without it (0 when the team cannot use it)."""
    last_useful_month: int | None
    """The last timeline month (0 … 11) on which the opening could start and still add to this year's
    expected bookings; None when no start this year would (the team cannot use the hire)."""


BOOKING_ROLES: frozenset[Role] = frozenset(SELLERS - {Role.AM})
"""Roles whose capacity can move bookings (§4): SDRs and closers. Account managers and managers add none."""


def hire_contributions(plan: Plan, scenario_id: ScenarioId, *,
                       team_ids: Collection[TeamId] | None = None) -> dict[OpeningId, HireContribution]:
    """Every opening placed in a team (of ``team_ids`` when given) in a role that books
    (``BOOKING_ROLES``): its contribution as planned, and the last useful start month. An opening's
    figures depend only on its team, so a caller may keep the others' after a change.

    Per opening, what-ifs of its team: without the opening, as planned, and with the opening starting on
    each month 0 … 11. They are built from effective FTE — the team's, less or plus the opening's own —
    so each team's members are summed once, and every what-if runs through §4 in one batch."""
    import numpy as np

    scenario = plan.scenarios.get(scenario_id)
    if scenario is None:
        raise PlanError(msg("the plan has no scenario with id {scenario_id}", scenario_id=scenario_id))
    placed = [(opening, scenario.assignments[opening.id]) for opening in scenario.openings.values()
              if opening.id in scenario.assignments and scenario.assignments[opening.id].role in BOOKING_ROLES
              and (team_ids is None or scenario.assignments[opening.id].team in team_ids)]
    if not placed:
        return {}
    seats: dict[TeamId, list[tuple[Member, Role]]] = {placement.team: [] for _, placement in placed}
    for member_id in sorted(scenario.assignments):
        team_id, role = scenario.assignments[member_id]
        if team_id in seats:
            member = plan.member(scenario, member_id)
            assert member is not None
            seats[team_id].append((member, role))
    dates = target_year_dates(plan.as_of)
    team_ids = list(seats)
    full = role_effective_fte(plan, [(scenario.teams[t], seats[t]) for t in team_ids], dates)
    starts = [month_date(plan.as_of, month) for month in range(TARGET_YEAR_MONTHS)]
    # The opening alone, as planned and started on each month, in its team (its team's parameters).
    alone = role_effective_fte(plan, [(scenario.teams[placement.team], [(variant, placement.role)])
                                      for opening, placement in placed
                                      for variant in (opening, *(replace(opening, start_date=s) for s in starts))],
                               dates)
    variants, teams = [], []
    per_opening = len(starts) + 1
    for index, (_, placement) in enumerate(placed):
        team_full = full[team_ids.index(placement.team)]
        own = alone[index * per_opening:(index + 1) * per_opening]
        without = team_full - own[0]
        variants += [without, team_full, *(without + started for started in own[1:])]
        teams += [scenario.teams[placement.team]] * (per_opening + 1)
    bookings = flows_of(plan, teams, np.stack(variants)).bookings.tolist()
    expected = [trapezoid(monthly) for monthly in bookings]
    result = {}
    for index, (opening, _) in enumerate(placed):
        base, planned, *by_start = expected[index * (per_opening + 1):(index + 1) * (per_opening + 1)]
        useful = [month for month, value in enumerate(by_start) if value - base >= CONTRIBUTION_FLOOR]
        contribution = planned - base
        result[opening.id] = HireContribution(
            opening.id, contribution if contribution >= CONTRIBUTION_FLOOR else 0.0, useful[-1] if useful else None)
    return result
