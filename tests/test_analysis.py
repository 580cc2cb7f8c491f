"""Hand-computed organisation figures of a scenario (docs/model.md §6).

Plans are built by hand with ``analyse``. Teams run on a two-month sales cycle (2 × 365/12 days) with
no churn, so an ae's ``intake = 20 / 2 = 10`` opportunities a month and ``accounts_H = H × wins``;
role parameters are the §3 defaults.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from salesplanner.analysis import ScenarioAnalysis, Warning
from salesplanner.capacity import Verdict
from salesplanner.layout import BadgeKind, lane_figures, span_text, team_badge
from salesplanner.model import (
    Assumptions,
    MarketProfile,
    Member,
    MemberId,
    Opening,
    Person,
    Placement,
    Plan,
    Scenario,
    ScenarioId,
    Status,
    Team,
    TeamId,
)
from salesplanner.roles import Role

MONTH = 365 / 12
AS_OF = date(2027, 1, 1)

Seat = tuple[Member, Placement | None]
"""A person or opening and where it sits (None: the bench)."""

_ids = itertools.count(1)


def person(**fields: Any) -> Person:
    number = next(_ids)
    return Person(id=MemberId(f"p{number}"), name=f"Person {number}", **fields)


def opening(**fields: Any) -> Opening:
    number = next(_ids)
    return Opening(id=MemberId(f"o{number}"), title=f"Opening {number}", **fields)


def team(name: str, **market: Any) -> Team:
    """A team called ``name`` (id ``t-<name>``) on a two-month cycle with no churn."""
    profile: dict[str, float] = {"sales_cycle_days": 2 * MONTH, "monthly_churn": 0.0}
    roles = market.pop("roles", {})
    segment = market.pop("segment", None)
    profile.update(market)
    return Team(TeamId(f"t-{name.lower()}"), name, segment=segment, market=MarketProfile(**profile),
                roles=roles)


def seats(where: Team | None, role: Role | None, count: int = 1, **fields: Any) -> list[Seat]:
    """``count`` new people in ``role`` in team ``where`` (or on the bench when ``where`` is None)."""
    placement = Placement(where.id, role) if where is not None and role is not None else None
    return [(person(**fields), placement) for _ in range(count)]


def at(where: Team, role: Role) -> Placement:
    return Placement(where.id, role)


def analyse(teams: Sequence[Team], placed: Sequence[Seat], *, horizon_months: int = 12,
            assumptions: Assumptions | None = None) -> ScenarioAnalysis:
    """One plan with one scenario holding ``teams``, its people and openings seated as given."""
    scenario = Scenario(ScenarioId("s-plan"), "Plan", teams={t.id: t for t in teams})
    plan = Plan(name="Test plan", scenarios={scenario.id: scenario}, baseline=scenario.id, as_of=AS_OF,
                horizon_months=horizon_months, assumptions=assumptions or Assumptions())
    for member, placement in placed:
        if isinstance(member, Opening):
            scenario.openings[member.id] = member
        else:
            plan.people[member.id] = member
        if placement is not None:
            scenario.assignments[member.id] = placement
    return ScenarioAnalysis(plan, scenario.id)


def texts(warnings: Sequence[Warning]) -> list[str]:
    return [str(w.text) for w in warnings]


# --- a two-team plan, figures summed ------------------------------------------------------------------

NORTH = team("North", segment="SMB")
SOUTH = team("South", segment="Enterprise")


def two_team_plan() -> ScenarioAnalysis:
    """North: outbound SDR + AE (+ an AE who left today). South: full-cycle rep + an AE opening that
    starts next month. Bench: one person, one opening, one person who has left."""
    return analyse([NORTH, SOUTH], [
        *seats(NORTH, Role.SDR_OUTBOUND),                                          # cost 90,000
        *seats(NORTH, Role.AE),                                                    # cost 180,000
        *seats(NORTH, Role.AE, status=Status.LEAVING, leave_date=AS_OF, annual_cost=500_000),
        *seats(SOUTH, Role.FULL_CYCLE, annual_cost=140_000),
        (opening(start_date=AS_OF + timedelta(days=30), annual_cost=175_000), at(SOUTH, Role.AE)),
        *seats(None, None, annual_cost=60_000),
        (opening(annual_cost=70_000), None),
        *seats(None, None, status=Status.LEAVING, leave_date=AS_OF, annual_cost=1_000),
    ])


def test_headcount_and_openings() -> None:
    """§6 headcount and open positions: people in teams, leavers left out, openings separately."""
    totals = two_team_plan().totals
    # people in teams: North SDR + AE (the leaver is gone) + South full-cycle = 3; one opening (South AE)
    assert totals.headcount == 3
    assert totals.openings == 1
    # ae: North's AE + South's opening = 2
    assert totals.members_by_role[Role.AE] == 2
    assert totals.openings_by_role[Role.AE] == 1
    assert totals.members_by_role[Role.SDR_OUTBOUND] == 1
    assert totals.members_by_role[Role.FULL_CYCLE] == 1


def test_team_figures_are_the_per_team_formulas() -> None:
    """§6 per team: each team of the scenario computed on its own members."""
    analysis = two_team_plan()
    north, south = analysis.team(NORTH.id), analysis.team(SOUTH.id)
    # North: supply 12, close_cap 1 × 10 = 10 (leaver left out), wins = min(12, 10) × 0.25 = 2.5
    assert north.supply == pytest.approx(12)
    assert north.close_cap == pytest.approx(10)
    assert north.wins == pytest.approx(2.5)
    # South: opps_out = 0.4 × 12 = 4.8; close_cap = 0.6 × 10 + 0 (opening not started) = 6;
    # wins = min(4.8, 6) × 0.25 = 1.2
    assert south.supply == pytest.approx(4.8)
    assert south.close_cap == pytest.approx(6)
    assert south.wins == pytest.approx(1.2)


def test_flows_sum_over_teams() -> None:
    """§6 organisation supply, closing capacity, wins/month and bookings/year (12 × monthly)."""
    totals = two_team_plan().totals
    # supply = 12 + 4.8 = 16.8; close_cap = 10 + 6 = 16; wins = 2.5 + 1.2 = 3.7
    assert totals.supply == pytest.approx(16.8)
    assert totals.close_cap == pytest.approx(16)
    assert totals.wins == pytest.approx(3.7)
    # bookings/month = 3.7 × 25,000 = 92,500; bookings/year = 12 × 92,500 = 1,110,000
    assert totals.bookings_month == pytest.approx(92_500)
    assert totals.bookings_year == pytest.approx(1_110_000)


def test_annual_cost_includes_openings_and_leaves_out_the_bench() -> None:
    """§6 annual run-rate cost: people in teams and open positions; the bench shown separately."""
    totals = two_team_plan().totals
    # North 90,000 + 180,000 (leaver's 500,000 left out) + South 140,000 + opening 175,000 = 585,000
    assert totals.annual_cost == pytest.approx(585_000)
    # bench: one person (60,000) and one opening (70,000); the bench leaver is left out
    assert totals.bench_people == 1
    assert totals.bench_openings == 1
    assert totals.bench_annual_cost == pytest.approx(130_000)


def test_cost_of_sales_is_cost_over_yearly_bookings() -> None:
    """§6 cost of sales = cost / bookings per year."""
    totals = two_team_plan().totals
    # 585,000 / 1,110,000 = 0.527027
    assert totals.cost_of_sales == pytest.approx(585_000 / 1_110_000)
    assert totals.cost_of_sales == pytest.approx(0.527027, abs=1e-6)


def test_cost_of_sales_is_undefined_without_bookings() -> None:
    """§6 cost / bookings with no bookings → undefined (None)."""
    care = team("Care", existing_customers=40)
    totals = analyse([care], seats(care, Role.AM)).totals
    # no closers → wins 0 → bookings 0; cost = 120,000
    assert totals.bookings_year == 0
    assert totals.annual_cost == pytest.approx(120_000)
    assert totals.cost_of_sales is None


def test_sdr_per_closer() -> None:
    """§6 SDR:closer ratio: SDRs of either kind per closer (ae, full_cycle, founder)."""
    # two-team plan: 1 SDR; closers = North AE + South full-cycle + South AE opening = 3 → 1/3
    assert two_team_plan().totals.sdr_per_closer == pytest.approx(1 / 3)
    east = team("East", inbound_leads_per_month=150)
    totals = analyse([east], [*seats(east, Role.SDR_OUTBOUND, 2), *seats(east, Role.SDR_INBOUND),
                              *seats(east, Role.AE, 2)]).totals
    # (2 + 1) SDRs / 2 AEs = 1.5
    assert totals.sdr_per_closer == pytest.approx(1.5)


def test_sdr_per_closer_without_closers_is_undefined() -> None:
    """§6 SDR:closer with no closer → undefined."""
    west = team("West")
    assert analyse([west], seats(west, Role.SDR_OUTBOUND)).totals.sdr_per_closer is None


# --- manager span -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("managers", "reports", "span", "side"), [
    (1, 4, 4.0, "below"),    # 4 / 1 = 4 < span_min 5
    (1, 5, 5.0, None),       # 5 / 1 = 5 = span_min: healthy
    (1, 10, 10.0, None),     # 10 / 1 = 10 = span_max: healthy
    (1, 11, 11.0, "above"),  # 11 / 1 = 11 > span_max 10
    (2, 12, 6.0, None),      # 12 / 2 = 6
    (2, 9, 4.5, "below"),    # 9 / 2 = 4.5 < 5
])
def test_manager_span_per_team(managers: int, reports: int, span: float, side: str | None) -> None:
    """§6 manager span per team = non-managers per manager; flagged outside [span_min, span_max]."""
    north = team("North", existing_customers=40 * reports)   # each AM's book exactly full
    analysis = analyse([north], [*seats(north, Role.MANAGER, managers), *seats(north, Role.AM, reports)])
    result = analysis.team(north.id)
    assert result.manager_span == pytest.approx(span)
    assert result.span_out_of_range is (side is not None)
    span_warnings = [w for w in texts(analysis.warnings()) if "manager span" in w]
    if side is None:
        assert span_warnings == []
    else:
        assert len(span_warnings) == 1
        assert span_warnings[0].startswith("North: ")
        assert f"manager span {span:g}" in span_warnings[0]
        assert side in span_warnings[0]


def test_manager_span_uses_the_teams_own_limits() -> None:
    """§6 role parameters (the manager's span_min/span_max) may be overridden per team."""
    north = team("North", existing_customers=440, roles={Role.MANAGER: {"span_max": 12}})
    analysis = analyse([north], [*seats(north, Role.MANAGER), *seats(north, Role.AM, 11)])
    # 11 / 1 = 11 ≤ 12 (the team's span_max): healthy here, though above the plan's 10
    assert analysis.team(north.id).span_out_of_range is False
    assert not [w for w in texts(analysis.warnings()) if "manager span" in w]


def test_a_team_without_manager_has_no_span() -> None:
    """§6 teams without a manager count toward the VP's span, not their own."""
    west = team("West")
    assert analyse([west], seats(west, Role.AE, 3)).team(west.id).manager_span is None


def test_vp_span_counts_managers_and_people_in_teams_without_a_manager() -> None:
    """§6 VP span: managers + members of teams without a manager; not warned below span_min
    (documented deviation: a small organisation's VP is not flagged for having few reports)."""
    north, south = team("North", existing_customers=200), team("South", existing_customers=120)
    analysis = analyse([north, south], [*seats(north, Role.MANAGER), *seats(north, Role.AM, 5),
                                        *seats(south, Role.AM, 3)])
    # VP span = 1 manager (North) + 3 people in South = 4 (< span_min 5, yet no warning)
    assert analysis.totals.vp_span == 4
    assert not [w for w in texts(analysis.warnings()) if "VP" in w]


@pytest.mark.parametrize(("unmanaged", "vp_span", "warned"), [
    (9, 10, False),   # 1 + 9 = 10 = span_max: not above
    (10, 11, True),   # 1 + 10 = 11 > 10
])
def test_vp_span_warned_above_span_max(unmanaged: int, vp_span: int, warned: bool) -> None:
    """§6 the VP's span is flagged above span_max."""
    north = team("North", existing_customers=200)
    south = team("South", existing_customers=40 * unmanaged)
    analysis = analyse([north, south], [*seats(north, Role.MANAGER), *seats(north, Role.AM, 5),
                                        *seats(south, Role.AM, unmanaged)])
    assert analysis.totals.vp_span == vp_span
    vp_warnings = [w for w in texts(analysis.warnings()) if "VP" in w]
    assert len(vp_warnings) == int(warned)
    if warned:
        assert f"{vp_span} direct reports" in vp_warnings[0]


# --- superstar dependency ----------------------------------------------------------------------------------


def six_closers(productivities: Sequence[float]) -> ScenarioAnalysis:
    """Six AEs, three per team, with the given productivities (close_cap = productivity × 10)."""
    north, south = team("North"), team("South")
    placed = [seat for index, p in enumerate(productivities)
              for seat in seats(north if index < 3 else south, Role.AE, productivity=p)]
    return analyse([north, south], placed)


def superstar_warnings(analysis: ScenarioAnalysis) -> list[str]:
    return [w for w in texts(analysis.warnings()) if "Superstar" in w]


def test_superstar_dependency_above_forty_percent_is_flagged() -> None:
    """§6 superstar dependency: share of closing capacity of the top 20 % of closers (rounded up)."""
    analysis = six_closers([2, 1, 1, 2, 1, 1])
    totals = analysis.totals
    # 6 closers → top ⌈0.2 × 6⌉ = ⌈1.2⌉ = 2; capacities 20, 10, 10, 20, 10, 10 → total 80
    # top two: 20 + 20 = 40; share = 40 / 80 = 50 % > 40 %
    assert totals.top_closer_count == 2
    assert totals.top_closer_share == pytest.approx(0.5)
    assert len(superstar_warnings(analysis)) == 1
    assert "50 %" in superstar_warnings(analysis)[0]


def test_superstar_dependency_at_forty_percent_is_not_flagged() -> None:
    """§6 flag above 40 %: exactly 40 % is not flagged."""
    analysis = six_closers([1, 1, 0.5, 1, 1, 0.5])
    totals = analysis.totals
    # capacities 10, 10, 5, 10, 10, 5 → total 50; top two 10 + 10 = 20; 20 / 50 = 40 %
    assert totals.top_closer_count == 2
    assert totals.top_closer_share == pytest.approx(0.4)
    assert superstar_warnings(analysis) == []


def test_superstar_dependency_counts_every_kind_of_closer() -> None:
    """§6 closers are ae, full_cycle and founder; five closers → top ⌈0.2 × 5⌉ = 1."""
    north = team("North")
    analysis = analyse([north], [*seats(north, Role.FOUNDER), *seats(north, Role.FULL_CYCLE),
                                 *seats(north, Role.AE, 3)])
    totals = analysis.totals
    # capacities: founder 0.3 × 0.6 × 10 = 1.8, full-cycle 0.6 × 10 = 6, three AEs 10 each
    # total = 1.8 + 6 + 30 = 37.8; top one = 10; share = 10 / 37.8 = 26.46 % ≤ 40 %
    assert totals.top_closer_count == 1
    assert totals.top_closer_share == pytest.approx(10 / 37.8)
    assert superstar_warnings(analysis) == []


def test_superstar_dependency_with_three_closers() -> None:
    """§6 three closers → top ⌈0.6⌉ = 1; one AE beside two full-cycle reps holds 45 %."""
    north = team("North")
    analysis = analyse([north], [*seats(north, Role.FULL_CYCLE, 2), *seats(north, Role.AE)])
    totals = analysis.totals
    # capacities 6, 6, 10 → total 22; top one = 10; 10 / 22 = 45.45 % > 40 %
    assert totals.top_closer_count == 1
    assert totals.top_closer_share == pytest.approx(10 / 22)
    assert len(superstar_warnings(analysis)) == 1


# --- warnings --------------------------------------------------------------------------------------------


def test_warnings_list_team_sentences_prefixed_by_team_name() -> None:
    """§5 sentences per handoff, per team, prefixed by the team's name; org warnings too."""
    north, south = team("North"), team("South")
    # attainment_min 0: the quota checks (docs/model.md §9, tests/test_targets.py) stay out of this test
    analysis = analyse([north, south], [*seats(north, Role.SDR_OUTBOUND), *seats(north, Role.AE),
                                        *seats(south, Role.AE)], assumptions=Assumptions(attainment_min=0))
    warnings = analysis.warnings()
    # North: supply 12 vs close_cap 10 → 1.2 overloaded, 2 not worked;
    #        wins 10 × 0.25 = 2.5, accounts_12 = 30, no AM → overloaded, 30 over capacity
    # South: supply 0 vs close_cap 10 → 0 underused, 100 % idle; no customers, no AM → no verdict
    team_texts = [str(w.text) for w in warnings if w.team is not None]
    assert team_texts == [
        "North: closers overloaded: 2 opportunities/month not worked",
        "North: account managers overloaded: 30 accounts over capacity",
        "South: closers underfed: 100 % of closing capacity idle",
    ]
    assert [w.team for w in warnings if w.team is not None] == [north.id, north.id, south.id]
    # organisation: 2 closers → top ⌈0.4⌉ = 1 holds 10 / 20 = 50 % > 40 %; VP span 3 ≤ 10
    org_texts = [str(w.text) for w in warnings if w.team is None]
    assert len(org_texts) == 1
    assert "Superstar" in org_texts[0]
    assert "50 %" in org_texts[0]
    assert analysis.totals.warning_count == len(warnings) == 4


def test_balanced_plan_has_no_warnings() -> None:
    """§5 balanced handoffs give no warning sentence."""
    north = team("North", inbound_leads_per_month=150)
    south = team("South", inbound_leads_per_month=150)
    placed = [seat for t in (north, south) for seat in
              [*seats(t, Role.SDR_INBOUND), *seats(t, Role.AE, 2), *seats(t, Role.AM)]]
    analysis = analyse([north, south], placed, horizon_months=8)
    # each team: inbound 150 / 150 = 1; supply 22.5 / close_cap 20 = 1.125; wins 5; accounts_8 = 40 / 40
    # closers: four AEs of 10 → top ⌈0.8⌉ = 1 holds 10 / 40 = 25 %; VP span 4 + 4 = 8
    assert analysis.warnings() == []
    assert analysis.totals.warning_count == 0
    assert analysis.totals.teams == 2
    assert analysis.totals.teams_balanced == 2


def test_teams_without_handoffs_have_no_verdict_and_are_left_out_of_the_balanced_count() -> None:
    """§5: a team with nothing on either side of every handoff has no verdict ("no handoffs yet"): a new
    empty team, a manager alone, and one inbound SDR who has not started in a team without inbound
    volume (0 ÷ 0) are neither balanced nor off balance, so "balanced teams" counts 1 of 1, not 4 of 4."""
    north = team("North", inbound_leads_per_month=150)
    empty, managed, waiting = team("Empty"), team("Managed"), team("Waiting")
    placed = [*seats(north, Role.SDR_INBOUND), *seats(north, Role.AE, 2), *seats(north, Role.AM),
              *seats(managed, Role.MANAGER),
              *seats(waiting, Role.SDR_INBOUND, start_date=AS_OF + timedelta(days=30))]
    analysis = analyse([north, empty, managed, waiting], placed, horizon_months=8)
    # North as in test_balanced_plan_has_no_warnings: all three handoffs balanced.
    assert analysis.team(north.id).status is Verdict.BALANCED
    for other in (empty, managed, waiting):
        result = analysis.team(other.id)
        assert [b.verdict for b in result.balances] == [None, None, None]
        assert result.status is None and not result.has_handoffs
    totals = analysis.totals
    assert (totals.teams, totals.teams_without_handoffs, totals.teams_judged) == (4, 3, 1)
    assert (totals.teams_balanced, totals.teams_underused, totals.teams_overloaded) == (1, 0, 0)
    group = analysis.figures_of([north.id, empty.id, managed.id])
    assert (group.teams, group.teams_judged, group.teams_balanced) == (3, 1, 1)
    assert [team_badge(analysis.team(t.id)).kind for t in (north, empty, managed, waiting)] == [
        BadgeKind.BALANCED, BadgeKind.EMPTY, BadgeKind.NO_HANDOFFS, BadgeKind.NO_HANDOFFS]
    assert team_badge(analysis.team(managed.id)).verdict is None


@pytest.mark.parametrize(("managers", "reports", "shown"), [
    (1, 7, "span 7"), (2, 14, "span 7 each"), (2, 35, "35 reports for 2 managers")])
def test_a_manager_lane_never_shows_a_fractional_span(managers: int, reports: int, shown: str) -> None:
    """Two managers with 35 reports have a span of 17.5 (§6); the lane says "35 reports for 2 managers"."""
    north = team("North")
    analysis = analyse([north], [*seats(north, Role.MANAGER, managers), *seats(north, Role.AE, reports)])
    assert str(span_text(lane_figures(analysis.team(north.id), Role.MANAGER))) == shown
