"""The §4 figures of one scenario, kept current command by command.

``ScenarioAnalysis`` computes every team once, then applies ``Change`` records: it recomputes only
the teams a change touched and keeps the organisation sums as per-team columns, so a move costs the
same on a 100-person plan as on a 10,000-person one. A full recompute and any sequence of
incremental ones give identical numbers: team sums run over members in id order and the columns keep
the scenario's team order.

A team's figures — §4 on the as-of date, the target year (docs/model.md §9), quotas — come from one pass
over its members for all the teams to compute at once (``figures.team_figures``): every team in a full
recompute, the touched ones after a change. A team's numbers do not depend on which teams share the batch
(element-by-element arithmetic), so both give identical floats.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from salesplanner.capacity import TeamResult, Verdict, has_left
from salesplanner.changes import Change
from salesplanner.figures import TeamFigures, team_figures
from salesplanner.i18n import Message, msg, msg_n
from salesplanner.memory import collector_paused
from salesplanner.model import (
    Assumptions,
    Member,
    MemberId,
    Opening,
    Placement,
    Plan,
    Scenario,
    ScenarioId,
    TeamId,
)
from salesplanner.roles import CLOSERS, ROLE_ORDER, SDRS, SELLERS, Role
from salesplanner.targets import (
    TargetVerdict,
    TeamTarget,
    coverage,
    multiple_sentence,
    quota_sentences,
    target_verdict,
)

SUPERSTAR_SHARE_LIMIT = 0.40
SUM_BLOCK = 20
"""Teams per block of the organisation sums (see ``recompute``)."""
TOP_CLOSER_FRACTION = 0.20

# Per-team numbers the organisation figures add up, in the order of ``_team_column_values``.
_FLOW_COLUMNS = ("cap_in", "opps_in", "opps_out", "supply", "close_cap", "founder_close_cap", "wins",
                 "bookings", "accounts_H", "am_cap", "annual_cost")
_COLUMN_NAMES = (*_FLOW_COLUMNS,
                 *(f"members.{r}" for r in ROLE_ORDER), *(f"openings.{r}" for r in ROLE_ORDER),
                 *(f"fte.{r}" for r in ROLE_ORDER), *(f"effective_fte.{r}" for r in ROLE_ORDER),
                 "balanced", "underused", "overloaded", "no_handoffs", "managers", "unmanaged_reports",
                 "complete_unmarketed", "warnings", "expected_bookings_year", "quota_capacity", "target_bookings",
                 "teams_with_target")


def _team_column_values(result: TeamResult, target: TeamTarget, warning_count: int) -> tuple[float, ...]:
    status = result.status
    return (
        *(getattr(result, name) for name in _FLOW_COLUMNS),
        *(result.members[r] for r in ROLE_ORDER), *(result.openings[r] for r in ROLE_ORDER),
        *(result.fte[r] for r in ROLE_ORDER), *(result.effective_fte[r] for r in ROLE_ORDER),
        status is Verdict.BALANCED, status is Verdict.UNDERUSED, status is Verdict.OVERLOADED, status is None,
        result.managers, 0 if result.managers else result.non_managers,
        result.complete and not result.team.has_market, warning_count,
        target.expected_bookings_year, target.quota_capacity, target.target_bookings or 0.0,
        target.target_bookings is not None,
    )


@dataclass(frozen=True, slots=True)
class Warning:
    """One sentence for the warnings list, and what it is about (to select it on the board)."""

    text: Message
    team: TeamId | None = None
    member: MemberId | None = None


@dataclass(frozen=True, slots=True)
class OrgTotals:
    """The organisation figures of §6 for one scenario (people in teams; the bench separately)."""

    headcount: int
    """People in teams, leaving out anyone gone by the as-of date (openings counted separately)."""
    openings: int
    members_by_role: dict[Role, int]
    """People and openings holding each role."""
    openings_by_role: dict[Role, int]
    fte_by_role: dict[Role, float]
    effective_fte_by_role: dict[Role, float]
    cap_in: float
    opps_in: float
    opps_out: float
    supply: float
    close_cap: float
    founder_close_cap: float
    wins: float
    bookings_month: float
    bookings_year: float
    accounts_H: float  # noqa: N815 — §4's name
    am_cap: float
    annual_cost: float
    cost_of_sales: float | None
    sdr_per_closer: float | None
    vp_span: int
    """Direct reports of the VP: every manager, plus everyone in a team without a manager."""
    vp_span_max: float
    top_closer_count: int
    top_closer_share: float | None
    teams: int
    teams_balanced: int
    teams_underused: int
    teams_overloaded: int
    teams_without_handoffs: int
    """Teams with no handoff at all (empty, a manager alone, an SDR not started): no verdict, so neither
    balanced nor off balance — left out of the balanced count's denominator (docs/model.md §5)."""
    complete_markets: int
    """Distinct (segment, product line, geography) among complete teams that have a market set (§6)."""
    complete_without_market: int
    """Complete teams with no segment, product line or geography: not a distinct market."""
    bench_people: int
    bench_openings: int
    bench_annual_cost: float
    """Annual cost of bench members that carry their own cost (a bench member has no role default)."""
    warning_count: int
    target_bookings: float | None
    """The scenario's target, else the sum of its teams' targets (docs/model.md §9)."""
    expected_bookings_year: float
    """The teams' expected bookings over the target year, added up."""
    quota_capacity: float
    target_coverage: float | None
    target_verdict: TargetVerdict | None

    @property
    def teams_judged(self) -> int:
        """Teams that have a verdict: what "n / N balanced" counts against."""
        return self.teams - self.teams_without_handoffs

    @property
    def empty(self) -> bool:
        """Nobody in any team: a new plan, or one whose roster is all on the bench."""
        return self.headcount + self.openings == 0

    @property
    def sellers(self) -> int:
        return sum(n for role, n in self.members_by_role.items() if role in SELLERS)

    @property
    def closers(self) -> int:
        return sum(self.members_by_role[role] for role in CLOSERS)


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """Key figures of some of a scenario's teams (a swimlane on screen)."""

    teams: int
    headcount: int
    openings: int
    bookings_year: float
    annual_cost: float
    teams_balanced: int
    teams_judged: int
    """Teams with a verdict (see ``OrgTotals.teams_without_handoffs``)."""


class ScenarioAnalysis:
    """Team results and organisation totals of one scenario of a plan."""

    def __init__(self, plan: Plan, scenario_id: ScenarioId) -> None:
        self.plan = plan
        self.scenario_id = scenario_id
        self.recompute()

    @property
    def scenario(self) -> Scenario:
        return self.plan.scenarios[self.scenario_id]

    # --- keeping current ------------------------------------------------------------------------

    def recompute(self) -> None:
        """Compute everything from scratch: one pass sorts the members into their teams (in id order, the
        order every team sums in), then all the teams are computed in one batch."""
        plan, scenario = self.plan, self.scenario
        assignments = scenario.assignments
        self._placement: dict[MemberId, Placement] = dict(assignments)
        self._bench: set[MemberId] = set(plan.people).union(scenario.openings).difference(assignments)
        placed: dict[TeamId, list[tuple[Member, Role]]] = {team_id: [] for team_id in scenario.teams}
        people, openings = plan.people, scenario.openings
        for member_id in sorted(assignments):
            team_id, role = assignments[member_id]
            placed[team_id].append((people.get(member_id) or openings[member_id], role))
        self._members_by_team: dict[TeamId, set[MemberId]] | None = None
        self._results: dict[TeamId, TeamResult] = {}
        self._seats: dict[TeamId, list[tuple[Member, Role]]] = {}
        self._targets: dict[TeamId, TeamTarget] = {}
        self._team_warnings: dict[TeamId, tuple[Warning, ...]] = {}
        # Organisation sums: each team's row of figures, added up block by block. A change re-adds only
        # its block; a full recompute adds the same blocks the same way, so both give identical floats.
        self._rows: dict[TeamId, tuple[float, ...]] = {}
        order = list(scenario.teams)
        self._blocks = [order[start:start + SUM_BLOCK] for start in range(0, len(order), SUM_BLOCK)]
        self._block_of = {team_id: index // SUM_BLOCK for index, team_id in enumerate(order)}
        self._block_sums: list[tuple[float, ...] | None] = [None] * len(self._blocks)
        self._closer_capacities: list[float] = []
        self._complete_markets: Counter[tuple[str | None, str | None, str | None]] = Counter()
        with collector_paused():
            self._compute(placed, keep_order=False)
            self._closer_capacities.sort()
        self._compute_bench()
        self._totals: OrgTotals | None = None

    def apply(self, change: Change) -> frozenset[TeamId]:
        """Bring the figures up to date after ``change``; returns the teams recomputed."""
        scenario = self.scenario
        if change.everything or self.scenario_id in change.scenarios:
            self.recompute()
            return frozenset(scenario.teams)
        dirty = {team for sid, team in change.teams if sid == self.scenario_id}
        bench_dirty = False
        for member_id in change.members:
            before = self._placement.pop(member_id, None)
            exists = self.plan.member(scenario, member_id) is not None
            after = scenario.assignments.get(member_id) if exists else None
            if before is not None:
                self._team_members[before.team].discard(member_id)
                dirty.add(before.team)
            else:
                bench_dirty |= member_id in self._bench
                self._bench.discard(member_id)
            if after is not None:
                self._placement[member_id] = after
                self._team_members[after.team].add(member_id)
                dirty.add(after.team)
            elif exists:
                self._bench.add(member_id)
                bench_dirty = True
        self._compute({team_id: self._seats_of(self._roles_in(team_id)) for team_id in dirty})
        if bench_dirty:
            self._compute_bench()
        self._totals = None
        return frozenset(dirty)

    @property
    def _team_members(self) -> dict[TeamId, set[MemberId]]:
        """Each team's members as of the last computation: built when first asked (a move, the board), from
        the seats — a one-shot summary never needs them."""
        if self._members_by_team is None:
            self._members_by_team = {team_id: {member.id for member, _ in seats}
                                     for team_id, seats in self._seats.items()}
        return self._members_by_team

    def _seats_of(self, roles: Mapping[MemberId, Role]) -> list[tuple[Member, Role]]:
        """These members in these roles, in id order (the order a team's sums add them in)."""
        people, openings = self.plan.people, self.scenario.openings
        return [(people.get(member_id) or openings[member_id], roles[member_id]) for member_id in sorted(roles)]

    def _roles_in(self, team_id: TeamId) -> dict[MemberId, Role]:
        return {member_id: self._placement[member_id].role for member_id in self._team_members[team_id]}

    def _figures_after(self, placements: Mapping[MemberId, Placement | None]) -> dict[TeamId, TeamFigures]:
        scenario = self.scenario
        seats = {team_id: self._seats_of(roles) for team_id, roles in self._roles_after(placements).items()}
        figures = team_figures(self.plan, [(scenario.teams[team_id], team_seats)
                                           for team_id, team_seats in seats.items()])
        return dict(zip(seats, figures, strict=True))

    def preview(self, placements: Mapping[MemberId, Placement | None]) -> dict[TeamId, TeamResult]:
        """The teams a move would change, as they would be after it. Nothing is changed."""
        return {team_id: figures.result for team_id, figures in self._figures_after(placements).items()}

    def preview_targets(self, placements: Mapping[MemberId, Placement | None]) -> dict[TeamId, TeamTarget]:
        """The target year (§9) of the teams a move would change, as it would be after it. Nothing is
        changed; the numbers are those the move would give (a team's do not depend on its batch)."""
        return {team_id: figures.target for team_id, figures in self._figures_after(placements).items()}

    def _roles_after(self, placements: Mapping[MemberId, Placement | None]) -> dict[TeamId, dict[MemberId, Role]]:
        """Who would hold which role in each team a move touches."""
        roles: dict[TeamId, dict[MemberId, Role]] = {}
        for member_id, after in placements.items():
            before = self._placement.get(member_id)
            for placement in (before, after):
                if placement is not None and placement.team not in roles:
                    roles[placement.team] = self._roles_in(placement.team)
            if before is not None:
                roles[before.team].pop(member_id, None)
            if after is not None:
                roles[after.team][member_id] = after.role
        return roles

    def _compute(self, seats: Mapping[TeamId, list[tuple[Member, Role]]], *, keep_order: bool = True) -> None:
        """These teams' figures with these seats, in one batch: §4, target year, quotas, warnings and their row
        of the organisation sums. ``keep_order`` keeps the closers' capacities sorted as they are added; a full
        recompute adds them all and sorts once."""
        plan, scenario = self.plan, self.scenario
        batch = team_figures(plan, [(scenario.teams[team_id], team_seats) for team_id, team_seats in seats.items()])
        for (team_id, team_seats), figures in zip(seats.items(), batch, strict=True):
            team, result, target = scenario.teams[team_id], figures.result, figures.target
            self._seats[team_id] = team_seats
            old = self._results.get(team_id)
            if old is not None:
                for capacity in old.closer_capacities:
                    del self._closer_capacities[bisect.bisect_left(self._closer_capacities, capacity)]
                if old.complete and old.team.has_market:
                    self._complete_markets[old.team.market_key] -= 1
                    if not self._complete_markets[old.team.market_key]:
                        del self._complete_markets[old.team.market_key]
            if keep_order:
                for capacity in result.closer_capacities:
                    bisect.insort(self._closer_capacities, capacity)
            else:
                self._closer_capacities.extend(result.closer_capacities)
            if result.complete and team.has_market:
                self._complete_markets[team.market_key] += 1
            self._results[team_id] = result
            self._targets[team_id] = target
            warnings = tuple(_team_warnings(result, figures.departed, target, plan.assumptions, plan.currency))
            self._team_warnings[team_id] = warnings
            self._rows[team_id] = _team_column_values(result, target, len(warnings))
            self._block_sums[self._block_of[team_id]] = None

    def _compute_bench(self) -> None:
        people = openings = 0
        costs: list[float] = []
        for member_id in self._bench:
            member = self.plan.member(self.scenario, member_id)
            assert member is not None
            if has_left(member, self.plan.as_of):
                continue
            if isinstance(member, Opening):
                openings += 1
            else:
                people += 1
            if member.annual_cost:
                costs.append(member.annual_cost)
        # fsum is exactly rounded, so the bench (a set) gives the same total in any order.
        self._bench_figures = (people, openings, math.fsum(costs))

    # --- reading ---------------------------------------------------------------------------------

    def team(self, team_id: TeamId) -> TeamResult:
        return self._results[team_id]

    def target(self, team_id: TeamId) -> TeamTarget:
        """The team's target, expected bookings over the target year, coverage and quotas (§9)."""
        return self._targets[team_id]

    def seats(self, team_id: TeamId) -> tuple[tuple[Member, Role], ...]:
        """Who holds which role in the team, members in id order (what its figures are computed from)."""
        return tuple(self._seats[team_id])

    def teams(self) -> Iterator[TeamResult]:
        """Team results in the scenario's team order."""
        return iter(self._results[team_id] for team_id in self.scenario.teams)

    def figures_of(self, team_ids: Iterable[TeamId]) -> GroupFigures:
        results = [self._results[team_id] for team_id in team_ids]
        openings = sum(sum(r.openings.values()) for r in results)
        return GroupFigures(
            teams=len(results), headcount=sum(r.headcount for r in results) - openings, openings=openings,
            bookings_year=12 * math.fsum(r.bookings for r in results),
            annual_cost=math.fsum(r.annual_cost for r in results),
            teams_balanced=sum(1 for r in results if r.status is Verdict.BALANCED),
            teams_judged=sum(1 for r in results if r.status is not None))

    def members_of(self, team_id: TeamId) -> frozenset[MemberId]:
        return frozenset(self._team_members[team_id])

    def bench(self) -> frozenset[MemberId]:
        return frozenset(self._bench)

    def on_bench(self, member_id: MemberId) -> bool:
        return member_id in self._bench

    @property
    def totals(self) -> OrgTotals:
        if self._totals is None:
            self._totals = self._sum_totals()
        return self._totals

    def warnings(self) -> list[Warning]:
        """Every warning, organisation-wide ones first, then team by team in plan order."""
        items = self.org_warnings()
        for team_id in self.scenario.teams:
            items.extend(self._team_warnings[team_id])
        return items

    def _sum_totals(self) -> OrgTotals:
        for index, block_sum in enumerate(self._block_sums):
            if block_sum is None:
                rows = [self._rows[team_id] for team_id in self._blocks[index]]
                self._block_sums[index] = tuple(map(sum, zip(*rows, strict=True)))
        block_sums = self._block_sums or [(0.0,) * len(_COLUMN_NAMES)]
        sums = dict(zip(_COLUMN_NAMES, map(sum, zip(*block_sums, strict=True)), strict=True))
        members = {role: int(sums[f"members.{role}"]) for role in ROLE_ORDER}
        openings = {role: int(sums[f"openings.{role}"]) for role in ROLE_ORDER}
        bookings_year = 12 * sums["bookings"]
        closers = sum(members[role] for role in CLOSERS)
        top_count = math.ceil(TOP_CLOSER_FRACTION * len(self._closer_capacities))
        top_closing = sum(self._closer_capacities[len(self._closer_capacities) - top_count:])
        # The closers' capacities add up to close_cap; min() hides the last-digit difference of the two sums.
        top_share = min(1.0, top_closing / sums["close_cap"]) if sums["close_cap"] > 0 else None
        bench_people, bench_openings, bench_cost = self._bench_figures
        vp_span = int(sums["managers"] + sums["unmanaged_reports"])
        vp_span_max = self.plan.assumptions.parameter(Role.MANAGER, "span_max")
        target = self.scenario.target_bookings
        if target is None and sums["teams_with_target"]:
            target = sums["target_bookings"]
        expected = sums["expected_bookings_year"]
        target_coverage = coverage(expected, target)
        return OrgTotals(
            headcount=sum(members.values()) - sum(openings.values()),
            openings=sum(openings.values()),
            members_by_role=members,
            openings_by_role=openings,
            fte_by_role={role: sums[f"fte.{role}"] for role in ROLE_ORDER},
            effective_fte_by_role={role: sums[f"effective_fte.{role}"] for role in ROLE_ORDER},
            cap_in=sums["cap_in"], opps_in=sums["opps_in"], opps_out=sums["opps_out"],
            supply=sums["supply"], close_cap=sums["close_cap"],
            founder_close_cap=sums["founder_close_cap"], wins=sums["wins"],
            bookings_month=sums["bookings"], bookings_year=bookings_year,
            accounts_H=sums["accounts_H"], am_cap=sums["am_cap"],
            annual_cost=sums["annual_cost"],
            cost_of_sales=sums["annual_cost"] / bookings_year if bookings_year > 0 else None,
            sdr_per_closer=sum(members[role] for role in SDRS) / closers if closers else None,
            vp_span=vp_span,
            vp_span_max=vp_span_max,
            top_closer_count=top_count,
            top_closer_share=top_share,
            teams=len(self._results),
            teams_balanced=int(sums["balanced"]),
            teams_underused=int(sums["underused"]),
            teams_overloaded=int(sums["overloaded"]),
            teams_without_handoffs=int(sums["no_handoffs"]),
            complete_markets=len(self._complete_markets),
            complete_without_market=int(sums["complete_unmarketed"]),
            bench_people=bench_people, bench_openings=bench_openings, bench_annual_cost=bench_cost,
            warning_count=int(sums["warnings"])
            + len(_org_warnings(top_count, top_share, vp_span, vp_span_max))
            + len(list(quota_sentences(target=target, expected=expected, quota=sums["quota_capacity"],
                                       assumptions=self.plan.assumptions, currency=self.plan.currency))),
            target_bookings=target,
            expected_bookings_year=expected,
            quota_capacity=sums["quota_capacity"],
            target_coverage=target_coverage,
            target_verdict=target_verdict(target_coverage, self.plan.assumptions.tolerance),
        )

    def org_warnings(self) -> list[Warning]:
        totals, plan = self.totals, self.plan
        warnings = _org_warnings(totals.top_closer_count, totals.top_closer_share, totals.vp_span,
                                 totals.vp_span_max)
        warnings += [Warning(msg("Organisation: {sentence}", sentence=sentence)) for sentence in quota_sentences(
            target=totals.target_bookings, expected=totals.expected_bookings_year, quota=totals.quota_capacity,
            assumptions=plan.assumptions, currency=plan.currency)]
        return warnings


def _org_warnings(top_count: int, top_share: float | None, vp_span: int, vp_span_max: float) -> list[Warning]:
    """Superstar dependency and the VP's span (§6)."""
    warnings = []
    if top_share is not None and top_share > SUPERSTAR_SHARE_LIMIT:
        warnings.append(Warning(msg_n(
            "Superstar dependency: the top closer holds {share:%} of closing capacity (above {limit:%})",
            "Superstar dependency: the top {n} closers (20 %) hold {share:%} of closing capacity (above {limit:%})",
            n=top_count, share=top_share, limit=SUPERSTAR_SHARE_LIMIT)))
    if vp_span > vp_span_max:
        warnings.append(Warning(msg("The VP of Sales has {reports} direct reports (healthy at most {most}): add team "
                                    "managers", reports=vp_span, most=vp_span_max)))
    return warnings


def _team_warnings(result: TeamResult, departed: tuple[Member, ...], target: TeamTarget, assumptions: Assumptions,
                   currency: str) -> Iterator[Warning]:
    team = result.team
    for item in result.balances:
        if item.verdict in (Verdict.OVERLOADED, Verdict.UNDERUSED):
            yield Warning(_about(team.name, item.sentence), team=team.id)
    span = result.manager_span
    if span is not None and result.span_out_of_range:
        values = {"team": team.name, "span": span, "low": result.span_min, "high": result.span_max}
        yield Warning(msg("{team}: manager span {span} is above the healthy {low}–{high}", **values)
                      if span > result.span_max else
                      msg("{team}: manager span {span} is below the healthy {low}–{high}", **values), team=team.id)
    for member in departed:
        yield Warning(msg("{team}: {name} has left but is still assigned", team=team.name, name=member.name),
                      team=team.id, member=member.id)
    for sentence in quota_sentences(target=target.target_bookings, expected=target.expected_bookings_year,
                                    quota=target.quota_capacity, assumptions=assumptions, currency=currency):
        yield Warning(_about(team.name, sentence), team=team.id)
    multiple = multiple_sentence(target.quota_multiples, assumptions)
    if multiple is not None:
        yield Warning(_about(team.name, multiple[0]), team=team.id, member=multiple[1])


def _about(team: str, sentence: Message | None) -> Message:
    """A team's warning: its name, then the sentence."""
    return msg("{team}: {sentence}", team=team, sentence=sentence)

