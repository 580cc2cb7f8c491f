"""The capacity and handoff model of docs/model.md §4–§5, for one team. Nothing else lives here.

Every formula is written once: the flows in ``team_flows``, which ``compute_team`` runs on one team at
one date (summing its members, then ``team_result`` on the sums), ``timeline`` on every team over every
month at once (the same code on numpy arrays) and ``figures`` on columns. The organisation figures
(``analysis``), the CLI, the UI and the exports all read the ``TeamResult`` ``team_result`` builds.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar

from salesplanner.i18n import Message, msg
from salesplanner.model import MARKET_FIELDS, Member, Opening, RoleParameters, Team
from salesplanner.roles import ANNUAL_ATTRITION, ANNUAL_COST, CLOSERS, RAMP_MONTHS, SDRS, Role

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from salesplanner.columns import Column

MONTH_DAYS = 365 / 12


def ramp(start: date | None, leave: date | None, ramp_months: float, on: date) -> float:
    """Share of full productivity on ``on``: 0 before start and from the leave date, linear during ramp."""
    if leave is not None and on >= leave:
        return 0.0
    if start is None:
        return 1.0
    if on < start:
        return 0.0
    if ramp_months <= 0:
        return 1.0
    months_since_start = (on - start).days / MONTH_DAYS
    return min(1.0, months_since_start / ramp_months)


def full_ramp_start(ramp_months: float, on: date) -> date:
    """The latest start date from which a member is fully productive on ``on`` (``ramp`` gives 1): the ramp
    only rises with the time since the start, so exactly those who started on or before it are."""
    if ramp_months <= 0:
        return on
    day = on.toordinal()
    first = max(1, day - math.ceil(ramp_months * MONTH_DAYS) - 2)  # before the arithmetic answer (it is rounded)
    while first < day and ramp(date.fromordinal(first + 1), None, ramp_months, on) == 1.0:
        first += 1
    while first > 1 and ramp(date.fromordinal(first), None, ramp_months, on) < 1.0:
        first -= 1
    return date.fromordinal(first)


def effective_fte(member: Member, *, ramp_months: float, on: date) -> float:
    """``e = fte × productivity × ramp(d)`` (§4)."""
    return member.fte * member.productivity * ramp(member.start_date, member.leave_date, ramp_months, on)


def survival(annual_attrition: float, months: float) -> float:
    """Expected share of a role's people still on board after ``months``: ``(1 − a)^(months / 12)``."""
    return (1 - annual_attrition) ** (months / 12) if months > 0 else 1.0


def attrition_months(member: Member, since: date, on: date) -> float:
    """Months (of 365/12 days) a member has been exposed to attrition on ``on``: from ``since`` (the
    plan's as-of date), or from the start date when that is later, since nobody leaves before joining."""
    begin = member.start_date if member.start_date is not None and member.start_date > since else since
    return attrition_months_from(begin, on)


def attrition_months_from(begin: date, on: date) -> float:
    """Months from ``begin``, the first day exposed to attrition, to ``on`` (0 before it)."""
    return max(0.0, (on - begin).days / MONTH_DAYS)


def member_effective_fte(member: Member, *, ramp_months: float, annual_attrition: float, on: date,
                         attrition_from: date | None) -> float:
    """A member's effective FTE on ``on`` as the engine counts it: ``effective_fte``, and given
    ``attrition_from`` (the plan's as-of date, as the timeline gives it) also × the role's expected
    ``survival`` over the member's ``attrition_months``. Today's figures pass None: they count the people
    the plan names."""
    e = effective_fte(member, ramp_months=ramp_months, on=on)
    if attrition_from is not None and e:
        e *= survival(annual_attrition, attrition_months(member, attrition_from, on))
    return e


def has_left(member: Member, on: date) -> bool:
    """Gone by ``on``: such members are left out of counts, cost and capacity."""
    return member.leave_date is not None and member.leave_date <= on


def member_cost(member: Member, role: Role, parameters: RoleParameters) -> float:
    """Annual cost: the member's own, else the role default × fte (§4)."""
    if member.annual_cost is not None:
        return member.annual_cost
    return parameters[role][ANNUAL_COST] * member.fte


class Verdict(StrEnum):
    BALANCED = "balanced"
    OVERLOADED = "overloaded"
    UNDERUSED = "underused"


class Handoff(StrEnum):
    """The three handoffs, in chain order; the bottleneck is the first overloaded one."""

    INBOUND_LOAD = "inbound_load"
    SDR_TO_CLOSER = "sdr_to_closer"
    CLOSER_TO_AM = "closer_to_am"


VERDICT_NAMES: Mapping[Verdict, Message] = {
    Verdict.BALANCED: msg("balanced"), Verdict.OVERLOADED: msg("overloaded"), Verdict.UNDERUSED: msg("underused")}
HANDOFF_LABELS: Mapping[Handoff, Message] = {
    Handoff.INBOUND_LOAD: msg("Inbound load"),
    Handoff.SDR_TO_CLOSER: msg("SDR → closer"),
    Handoff.CLOSER_TO_AM: msg("Closer → AM"),
}
BOTTLENECK_NAMES: Mapping[Handoff, Message] = {
    Handoff.INBOUND_LOAD: msg("inbound"), Handoff.SDR_TO_CLOSER: msg("closers"),
    Handoff.CLOSER_TO_AM: msg("account managers")}
"""What a team's badge names when a handoff is its bottleneck."""
RECEIVING_NAMES: Mapping[Handoff, Message] = {
    Handoff.INBOUND_LOAD: msg("inbound SDRs"), Handoff.SDR_TO_CLOSER: msg("closers"), Handoff.CLOSER_TO_AM: msg("AM")}
"""Who receives a handoff's work: named when they are underused."""


@dataclass(frozen=True, slots=True)
class Balance:
    """One handoff: the load on the receiving role (demand ÷ capacity) and its verdict."""

    handoff: Handoff
    demand: float
    capacity: float
    ratio: float | None
    verdict: Verdict | None

    @property
    def excess(self) -> float:
        """Demand the receiving role cannot take (0 when it can)."""
        return max(0.0, self.demand - self.capacity)

    @property
    def idle_share(self) -> float:
        """Share of the receiving role's capacity left unused."""
        return max(0.0, 1 - self.demand / self.capacity) if self.capacity > 0 else 0.0

    @property
    def sentence(self) -> Message | None:
        """docs/model.md §5's sentence for this verdict; None when the handoff does not exist."""
        if self.verdict is None:
            return None
        if self.verdict is Verdict.BALANCED:
            return msg("{handoff} balanced", handoff=HANDOFF_LABELS[self.handoff])
        overloaded = self.verdict is Verdict.OVERLOADED
        match self.handoff:
            case Handoff.INBOUND_LOAD:
                if overloaded:
                    return msg("{leads:amount} inbound leads/month are not worked", leads=self.excess)
                return msg("inbound SDRs idle") if self.demand == 0 else msg("inbound SDRs underused")
            case Handoff.SDR_TO_CLOSER:
                if overloaded:
                    return msg("closers overloaded: {opps:amount} opportunities/month not worked", opps=self.excess)
                return msg("closers underfed: {idle:%} of closing capacity idle", idle=self.idle_share)
            case Handoff.CLOSER_TO_AM:
                if overloaded:
                    return msg("account managers overloaded: {accounts:amount} accounts over capacity",
                               accounts=self.excess)
                return msg("account managers underused")

    @property
    def note(self) -> Message | None:
        """The verdict in short, for a pill on the board (the sentence is its tooltip)."""
        if self.verdict is None:
            return None
        if self.verdict is Verdict.BALANCED:
            return VERDICT_NAMES[Verdict.BALANCED]
        overloaded = self.verdict is Verdict.OVERLOADED
        match self.handoff:
            case Handoff.INBOUND_LOAD:
                if overloaded:
                    return msg("{leads:amount} leads/mo not worked", leads=self.excess)
                if self.demand == 0:
                    return msg("inbound SDRs idle")
                return msg("inbound SDRs {idle:%} idle", idle=self.idle_share)
            case Handoff.SDR_TO_CLOSER:
                if overloaded:
                    return msg("{opps:amount} opps/mo not worked", opps=self.excess)
                return msg("closers {idle:%} idle", idle=self.idle_share)
            case Handoff.CLOSER_TO_AM:
                if overloaded:
                    return msg("{accounts:amount} accounts over AM capacity", accounts=self.excess)
                return msg("AM {idle:%} idle", idle=self.idle_share)


def balance(handoff: Handoff, demand: float, capacity: float, tolerance: float) -> Balance:
    """Verdict of one handoff (§5): demand with no capacity is overloaded; nothing at all, no verdict."""
    if capacity > 0:
        ratio: float | None = demand / capacity
        assert ratio is not None
        if ratio > 1 + tolerance:
            verdict: Verdict | None = Verdict.OVERLOADED
        elif ratio < 1 - tolerance:
            verdict = Verdict.UNDERUSED
        else:
            verdict = Verdict.BALANCED
    else:
        ratio = None
        verdict = Verdict.OVERLOADED if demand > 0 else None
    return Balance(handoff, demand, capacity, ratio, verdict)


@dataclass(frozen=True, slots=True)
class TeamResult:
    """Everything §4 says about one team, per month unless named otherwise."""

    team: Team
    members: dict[Role, int]
    """People and openings holding each role, leaving out anyone gone by the as-of date."""
    openings: dict[Role, int]
    fte: dict[Role, float]
    effective_fte: dict[Role, float]
    annual_cost: float
    cycle_months: float
    intake: float
    cap_in: float
    leads_worked: float
    opps_in: float
    opps_out: float
    supply: float
    close_cap: float
    sourced_by_role: dict[Role, float]
    """Opportunities each sourcing role adds to ``opps_out`` (outbound SDRs, full-cycle reps, founders)."""
    closing_by_role: dict[Role, float]
    """Each closing role's part of ``close_cap`` (AEs, full-cycle reps, founders)."""
    worked: float
    wins: float
    bookings: float
    accounts_H: float  # noqa: N815 — §4's name, kept so the JSON and the spec read the same
    am_cap: float
    inbound_load: Balance
    sdr_to_closer: Balance
    closer_to_am: Balance
    closer_capacities: tuple[float, ...]
    """Each closer's own share of ``close_cap`` (for superstar dependency)."""
    span_min: float
    span_max: float

    @property
    def founder_close_cap(self) -> float:
        return self.closing_by_role[Role.FOUNDER]

    @property
    def balances(self) -> tuple[Balance, Balance, Balance]:
        return (self.inbound_load, self.sdr_to_closer, self.closer_to_am)

    @property
    def bottleneck(self) -> Handoff | None:
        """The first overloaded handoff along the chain."""
        for item in self.balances:
            if item.verdict is Verdict.OVERLOADED:
                return item.handoff
        return None

    @property
    def has_handoffs(self) -> bool:
        """Whether any handoff exists in the team: one with nothing on either side has no verdict (§5)."""
        return any(item.verdict is not None for item in self.balances)

    @property
    def status(self) -> Verdict | None:
        """Overloaded if there is a bottleneck, underused if any handoff is, balanced if the handoffs it has
        all are; None — "no handoffs yet" — for a team with no handoff at all (an empty team, a manager
        alone, an inbound SDR who has not started): it is neither balanced nor off balance (§5)."""
        if not self.has_handoffs:
            return None
        if self.bottleneck is not None:
            return Verdict.OVERLOADED
        if any(item.verdict is Verdict.UNDERUSED for item in self.balances):
            return Verdict.UNDERUSED
        return Verdict.BALANCED

    @property
    def headcount(self) -> int:
        return sum(self.members.values())

    @property
    def managers(self) -> int:
        return self.members.get(Role.MANAGER, 0)

    @property
    def non_managers(self) -> int:
        return self.headcount - self.managers

    @property
    def manager_span(self) -> float | None:
        """Non-managers per manager; None for a team without a manager (it reports to the VP)."""
        return self.non_managers / self.managers if self.managers else None

    @property
    def span_out_of_range(self) -> bool:
        span = self.manager_span
        return span is not None and not self.span_min <= span <= self.span_max

    @property
    def complete(self) -> bool:
        """Closing, SDR (either kind) and AM capacity all above zero today (§6, Market Teams): counted on
        effective FTE, so an opening that has not started yet (or anyone gone) completes nothing."""
        held = {role for role, effective in self.effective_fte.items() if effective > 0}
        return bool(held & CLOSERS) and bool(held & SDRS) and Role.AM in held


Amount = TypeVar("Amount", float, "NDArray[np.float64]", "Column")
"""One number, or an array or column of them (teams × months) on which the same formulas run element-wise."""


@dataclass(frozen=True, slots=True)
class Flows(Generic[Amount]):
    """The §4 flows that follow from each role's effective FTE, per month."""

    cycle_months: Amount
    intake: Amount
    cap_in: Amount
    leads_worked: Amount
    opps_in: Amount
    sourced: dict[Role, Amount]
    opps_out: Amount
    supply: Amount
    closing_share: dict[Role, Amount | float]
    """Share of a closing role's time spent closing (AEs all of it)."""
    closing: dict[Role, Amount]
    close_cap: Amount
    worked: Amount
    wins: Amount
    bookings: Amount
    accounts_H: Amount  # noqa: N815 — §4's name
    am_cap: Amount


def team_flows(eff: Mapping[Role, Amount], market: Mapping[str, Amount],
               parameters: Mapping[Role, Mapping[str, Amount]], *, horizon_months: int,
               minimum: Callable[[Amount, Amount], Amount]) -> Flows[Amount]:
    """§4's per-team formulas from each role's summed effective FTE ``eff``, the market profile
    (``MarketProfile``'s fields by name) and the role parameters with the team's overrides applied.
    ``minimum`` is ``min`` for numbers, ``numpy.minimum`` for arrays and ``columns.minimum`` for columns."""
    opps_per_month = parameters[Role.SDR_OUTBOUND]["opps_per_month"]
    prospecting = parameters[Role.FULL_CYCLE]["prospecting_share"]
    selling = parameters[Role.FOUNDER]["selling_share"]
    cycle_months = market["sales_cycle_days"] / MONTH_DAYS
    intake = parameters[Role.AE]["max_open_opps"] / cycle_months

    cap_in = eff[Role.SDR_INBOUND] * parameters[Role.SDR_INBOUND]["leads_per_month"]
    leads_worked = minimum(market["inbound_leads_per_month"], cap_in)
    opps_in = leads_worked * market["lead_to_opp_rate"]
    # Each closing role's time split between sourcing its own opportunities and closing (§4).
    sourcing_share: dict[Role, Amount | float] = {Role.SDR_OUTBOUND: 1.0, Role.FULL_CYCLE: prospecting,
                                                  Role.FOUNDER: selling * prospecting}
    closing_share: dict[Role, Amount | float] = {Role.AE: 1.0, Role.FULL_CYCLE: 1 - prospecting,
                                                 Role.FOUNDER: selling * (1 - prospecting)}
    sourced = {role: eff[role] * share * opps_per_month for role, share in sourcing_share.items()}
    closing = {role: eff[role] * share * intake for role, share in closing_share.items()}
    opps_out = sourced[Role.SDR_OUTBOUND] + sourced[Role.FULL_CYCLE] + sourced[Role.FOUNDER]
    supply = opps_in + opps_out
    close_cap = closing[Role.AE] + closing[Role.FULL_CYCLE] + closing[Role.FOUNDER]
    worked = minimum(supply, close_cap)
    wins = worked * market["win_rate"]
    bookings = wins * market["avg_deal_size"]
    accounts = market["existing_customers"]
    for _ in range(horizon_months):
        accounts = accounts * (1 - market["monthly_churn"]) + wins
    am_cap = eff[Role.AM] * parameters[Role.AM]["accounts_per_am"]
    return Flows(cycle_months=cycle_months, intake=intake, cap_in=cap_in, leads_worked=leads_worked,
                 opps_in=opps_in, sourced=sourced, opps_out=opps_out, supply=supply,
                 closing_share=closing_share, closing=closing, close_cap=close_cap, worked=worked, wins=wins,
                 bookings=bookings, accounts_H=accounts, am_cap=am_cap)


_NO_COUNTS: dict[Role, int] = dict.fromkeys(Role, 0)
_NO_AMOUNTS: dict[Role, float] = dict.fromkeys(Role, 0.0)


def compute_team(team: Team, placed: Sequence[tuple[Member, Role]], *, parameters: RoleParameters,
                 tolerance: float, on: date, horizon_months: int, attrition_from: date | None = None) -> TeamResult:
    """All §4 flows of one team on ``on``. ``parameters`` are the plan's role parameters with the
    team's overrides applied; ``placed`` lists who holds which role, in a fixed order so sums are
    repeatable. Given ``attrition_from`` (the plan's as-of date; the timeline gives it, today's figures
    count the people the plan names), each member's effective FTE is also × their role's expected
    ``survival`` over their ``attrition_months``."""
    members, openings = _NO_COUNTS.copy(), _NO_COUNTS.copy()
    fte, eff = _NO_AMOUNTS.copy(), _NO_AMOUNTS.copy()
    ramp_months = {role: values[RAMP_MONTHS] for role, values in parameters.items()}
    attrition = {role: values[ANNUAL_ATTRITION] for role, values in parameters.items()}
    cost = 0.0
    closer_effective: list[tuple[Role, float]] = []
    for member, role in placed:
        if has_left(member, on):
            continue
        members[role] += 1
        if type(member) is Opening:
            openings[role] += 1
        fte[role] += member.fte
        e = member_effective_fte(member, ramp_months=ramp_months[role], annual_attrition=attrition[role], on=on,
                                 attrition_from=attrition_from)
        eff[role] += e
        cost += member_cost(member, role, parameters)
        if role in CLOSERS:
            closer_effective.append((role, e))
    return team_result(team, RoleSums(members, openings, fte, eff, cost, closer_effective), parameters=parameters,
                       tolerance=tolerance, horizon_months=horizon_months)


@dataclass(frozen=True, slots=True)
class RoleSums:
    """A team's members added up by role on one date: the Σ of §4 that ``team_result`` turns into flows.
    Members gone by the date are left out."""

    members: dict[Role, int]
    openings: dict[Role, int]
    fte: dict[Role, float]
    effective_fte: dict[Role, float]
    annual_cost: float
    closers: list[tuple[Role, float]]
    """Each closer's role and effective FTE, in the members' order."""

    @staticmethod
    def empty() -> RoleSums:
        """Nobody yet: every role at 0, to add members to."""
        return RoleSums(_NO_COUNTS.copy(), _NO_COUNTS.copy(), _NO_AMOUNTS.copy(), _NO_AMOUNTS.copy(), 0.0, [])


def team_result(team: Team, sums: RoleSums, *, parameters: RoleParameters, tolerance: float,
                horizon_months: int) -> TeamResult:
    """A team's §4 figures from its members' sums (``compute_team``'s, or a faster pass's that adds the
    same values in the same order): ``team_flows`` on them, and the three handoffs' balances."""
    market = team.market
    flows = team_flows(sums.effective_fte, {name: getattr(market, name) for name in MARKET_FIELDS}, parameters,
                       horizon_months=horizon_months, minimum=min)
    return TeamResult(
        team=team, members=sums.members, openings=sums.openings, fte=sums.fte, effective_fte=sums.effective_fte,
        annual_cost=sums.annual_cost,
        cycle_months=flows.cycle_months, intake=flows.intake, cap_in=flows.cap_in,
        leads_worked=flows.leads_worked, opps_in=flows.opps_in, opps_out=flows.opps_out, supply=flows.supply,
        close_cap=flows.close_cap, sourced_by_role=flows.sourced, closing_by_role=flows.closing,
        worked=flows.worked, wins=flows.wins, bookings=flows.bookings, accounts_H=flows.accounts_H,
        am_cap=flows.am_cap,
        inbound_load=balance(Handoff.INBOUND_LOAD, market.inbound_leads_per_month, flows.cap_in, tolerance),
        sdr_to_closer=balance(Handoff.SDR_TO_CLOSER, flows.supply, flows.close_cap, tolerance),
        closer_to_am=balance(Handoff.CLOSER_TO_AM, flows.accounts_H, flows.am_cap, tolerance),
        closer_capacities=tuple(e * flows.closing_share[role] * flows.intake for role, e in sums.closers),
        span_min=parameters[Role.MANAGER]["span_min"],
        span_max=parameters[Role.MANAGER]["span_max"],
    )
