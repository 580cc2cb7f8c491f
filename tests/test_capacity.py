"""Hand-computed cases for the team capacity and handoff model (docs/model.md §4–§5).

Every expectation below is worked out by hand from the §4 formulas; the arithmetic sits in the
comment beside the assertion. Most teams use a sales cycle of exactly two months (2 × 365/12 days),
so ``cycle_months = 2`` and an ae's ``intake = 20 / 2 = 10`` opportunities a month, and no churn, so
``accounts_H = existing_customers + H × wins``. Role parameters are the §3 defaults unless a test
overrides them on the team.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from salesplanner.capacity import (
    Handoff,
    TeamResult,
    Verdict,
    balance,
    compute_team,
    effective_fte,
    ramp,
)
from salesplanner.model import (
    Assumptions,
    MarketProfile,
    Member,
    MemberId,
    Opening,
    Person,
    Status,
    Team,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, Role

MONTH = 365 / 12
"""§4: a month is 365/12 = 30.4166… days."""
AS_OF = date(2027, 1, 1)
TWO_MONTHS = 2 * MONTH
"""A sales cycle of two months: cycle_months = 2, intake = max_open_opps / 2 = 20 / 2 = 10."""
DAYS_73 = timedelta(days=73)
"""73 days = 73 / (365/12) = 73 × 12 / 365 = 2.4 months."""

_ids = itertools.count(1)


def person(**fields: Any) -> Person:
    """A person with a fresh id; full-time, productivity 1, no start date unless told otherwise."""
    number = next(_ids)
    return Person(id=MemberId(f"p{number}"), name=f"Person {number}", **fields)


def opening(**fields: Any) -> Opening:
    number = next(_ids)
    return Opening(id=MemberId(f"o{number}"), title=f"Opening {number}", **fields)


def staff(role: Role, count: int = 1, **fields: Any) -> list[tuple[Member, Role]]:
    """``count`` people holding ``role``."""
    return [(person(**fields), role) for _ in range(count)]


def make_team(*, roles: Mapping[Role, Mapping[str, float]] | None = None, **market: float) -> Team:
    """A team on a two-month cycle with no churn, unless ``market`` says otherwise."""
    profile: dict[str, float] = {"sales_cycle_days": TWO_MONTHS, "monthly_churn": 0.0, **market}
    return Team(TeamId("t-north"), "North", market=MarketProfile(**profile), roles=roles or {})


def compute(placed: Sequence[tuple[Member, Role]], team: Team | None = None, *,
            tolerance: float = 0.15, horizon_months: int = 12, on: date = AS_OF) -> TeamResult:
    """Run the §4 engine on one team with the plan's default assumptions and the team's overrides."""
    team = team if team is not None else make_team()
    return compute_team(team, placed, parameters=resolved_role_parameters(Assumptions(), team),
                        tolerance=tolerance, on=on, horizon_months=horizon_months)


# --- cycle_months and intake -------------------------------------------------------------------------


def test_cycle_months_and_intake_on_the_default_market() -> None:
    """§4 cycle_months = sales_cycle_days / (365/12); intake = max_open_opps / cycle_months."""
    team = Team(TeamId("t"), "Default market", market=MarketProfile())
    result = compute(staff(Role.AE, 2), team)
    # cycle_months = 60 / (365/12) = 720 / 365 = 1.972603
    assert result.cycle_months == pytest.approx(720 / 365)
    # intake = 20 / 1.972603 = 20 × 365 / 720 = 10.138889
    assert result.intake == pytest.approx(7300 / 720)
    # close_cap = 2 × 10.138889 = 20.277778
    assert result.close_cap == pytest.approx(20.277778, abs=1e-6)


def test_cycle_months_whole_when_the_cycle_is_a_whole_number_of_months() -> None:
    """§4 cycle_months with sales_cycle_days = 3 × 365/12."""
    result = compute([], make_team(sales_cycle_days=3 * MONTH))
    # cycle_months = (3 × 365/12) / (365/12) = 3
    assert result.cycle_months == pytest.approx(3.0)
    # intake = 20 / 3 = 6.6667
    assert result.intake == pytest.approx(20 / 3)


# --- inbound: cap_in, leads_worked, opps_in ---------------------------------------------------------


def test_cap_in_sums_effective_fte_of_inbound_sdrs() -> None:
    """§4 cap_in = Σ_sdr_inbound e × leads_per_month."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.SDR_INBOUND, fte=0.5),
                     make_team(inbound_leads_per_month=1000))
    # Σe = 1 + 0.5 = 1.5; cap_in = 1.5 × 150 = 225
    assert result.effective_fte[Role.SDR_INBOUND] == pytest.approx(1.5)
    assert result.cap_in == pytest.approx(225)


def test_leads_worked_is_the_inbound_volume_when_sdrs_have_room() -> None:
    """§4 leads_worked = min(inbound_leads_per_month, cap_in), volume branch; opps_in = leads × rate."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=100))
    # cap_in = 150; leads_worked = min(100, 150) = 100
    assert result.leads_worked == pytest.approx(100)
    # opps_in = 100 × 0.15 = 15
    assert result.opps_in == pytest.approx(15)


def test_leads_worked_is_capped_by_inbound_capacity() -> None:
    """§4 leads_worked = min(inbound_leads_per_month, cap_in), capacity branch."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=300, lead_to_opp_rate=0.2))
    # cap_in = 1 × 150 = 150; leads_worked = min(300, 150) = 150
    assert result.leads_worked == pytest.approx(150)
    # opps_in = 150 × 0.2 = 30
    assert result.opps_in == pytest.approx(30)


# --- opps_out and supply -----------------------------------------------------------------------------


def test_opps_out_of_outbound_sdrs() -> None:
    """§4 opps_out, Σ_sdr_outbound e × opps_per_month."""
    result = compute(staff(Role.SDR_OUTBOUND, 2))
    # opps_out = 2 × 12 = 24
    assert result.opps_out == pytest.approx(24)


def test_opps_out_of_a_full_cycle_rep_is_its_prospecting_share() -> None:
    """§4 opps_out, Σ_full_cycle e × prospecting_share × opps_per_month."""
    result = compute(staff(Role.FULL_CYCLE))
    # opps_out = 1 × 0.4 × 12 = 4.8
    assert result.opps_out == pytest.approx(4.8)


def test_opps_out_of_a_founder_is_selling_times_prospecting_share() -> None:
    """§4 opps_out, Σ_founder e × selling_share × prospecting_share × opps_per_month."""
    result = compute(staff(Role.FOUNDER))
    # opps_out = 1 × 0.3 × 0.4 × 12 = 1.44
    assert result.opps_out == pytest.approx(1.44)


def test_opps_out_adds_the_three_sources() -> None:
    """§4 opps_out is the sum of the outbound SDR, full-cycle and founder terms."""
    result = compute(staff(Role.SDR_OUTBOUND, 2) + staff(Role.FULL_CYCLE) + staff(Role.FOUNDER))
    # opps_out = 2 × 12 + 0.4 × 12 + 0.3 × 0.4 × 12 = 24 + 4.8 + 1.44 = 30.24
    assert result.opps_out == pytest.approx(30.24)


def test_supply_is_inbound_plus_outbound_opportunities() -> None:
    """§4 supply = opps_in + opps_out."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.SDR_OUTBOUND),
                     make_team(inbound_leads_per_month=100))
    # opps_in = min(100, 150) × 0.15 = 15; opps_out = 12; supply = 15 + 12 = 27
    assert result.opps_in == pytest.approx(15)
    assert result.opps_out == pytest.approx(12)
    assert result.supply == pytest.approx(27)


# --- close_cap -------------------------------------------------------------------------------------


def test_close_cap_of_an_ae_is_its_intake() -> None:
    """§4 close_cap, Σ_ae e × intake."""
    result = compute(staff(Role.AE))
    # intake = 20 / 2 = 10; close_cap = 1 × 10 = 10
    assert result.intake == pytest.approx(10)
    assert result.close_cap == pytest.approx(10)


def test_close_cap_of_a_full_cycle_rep_is_its_closing_share() -> None:
    """§4 close_cap, Σ_full_cycle e × (1 − prospecting_share) × intake."""
    result = compute(staff(Role.FULL_CYCLE))
    # close_cap = 1 × (1 − 0.4) × 10 = 6
    assert result.close_cap == pytest.approx(6)


def test_close_cap_of_a_founder() -> None:
    """§4 close_cap, Σ_founder e × selling_share × (1 − prospecting_share) × intake."""
    result = compute(staff(Role.FOUNDER))
    # close_cap = 1 × 0.3 × (1 − 0.4) × 10 = 1.8, all of it the founders' share
    assert result.close_cap == pytest.approx(1.8)
    assert result.founder_close_cap == pytest.approx(1.8)


def test_close_cap_adds_the_three_closer_kinds() -> None:
    """§4 close_cap is the sum of the ae, full-cycle and founder terms."""
    result = compute(staff(Role.AE) + staff(Role.FULL_CYCLE) + staff(Role.FOUNDER))
    # close_cap = 10 + 0.6 × 10 + 0.3 × 0.6 × 10 = 10 + 6 + 1.8 = 17.8; founders' part 1.8
    assert result.close_cap == pytest.approx(17.8)
    assert result.founder_close_cap == pytest.approx(1.8)


# --- worked, wins, bookings --------------------------------------------------------------------------


def test_worked_is_capped_by_closing_capacity() -> None:
    """§4 worked = min(supply, close_cap), capacity branch; wins = worked × win_rate; bookings."""
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE))
    # supply = 12, close_cap = 10; worked = min(12, 10) = 10
    assert result.worked == pytest.approx(10)
    # wins = 10 × 0.25 = 2.5; bookings = 2.5 × 25,000 = 62,500
    assert result.wins == pytest.approx(2.5)
    assert result.bookings == pytest.approx(62_500)


def test_worked_is_capped_by_supply() -> None:
    """§4 worked = min(supply, close_cap), supply branch; wins and bookings from the market profile."""
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE, 2),
                     make_team(win_rate=0.2, avg_deal_size=40_000))
    # supply = 12, close_cap = 2 × 10 = 20; worked = min(12, 20) = 12
    assert result.worked == pytest.approx(12)
    # wins = 12 × 0.2 = 2.4; bookings = 2.4 × 40,000 = 96,000
    assert result.wins == pytest.approx(2.4)
    assert result.bookings == pytest.approx(96_000)


# --- accounts_H and am_cap ---------------------------------------------------------------------------


def test_accounts_recurrence_over_two_months_with_churn() -> None:
    """§4 accounts_H: A0 = existing_customers; A(t+1) = A(t) × (1 − monthly_churn) + wins."""
    team = make_team(existing_customers=100, monthly_churn=0.1)
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE), team, horizon_months=2)
    # wins = min(12, 10) × 0.25 = 2.5
    # A1 = 100 × 0.9 + 2.5 = 92.5; A2 = 92.5 × 0.9 + 2.5 = 83.25 + 2.5 = 85.75
    assert result.accounts_H == pytest.approx(85.75)


def test_accounts_over_a_year_without_churn_add_up_the_wins() -> None:
    """§4 accounts_H with monthly_churn 0: A12 = A0 + 12 × wins."""
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE), make_team(existing_customers=5))
    # A12 = 5 + 12 × 2.5 = 35
    assert result.accounts_H == pytest.approx(35)


def test_am_cap_sums_effective_fte_times_book_size() -> None:
    """§4 am_cap = Σ_am e × accounts_per_am."""
    result = compute(staff(Role.AM) + staff(Role.AM, productivity=1.5))
    # Σe = 1 + 1.5 = 2.5; am_cap = 2.5 × 40 = 100
    assert result.am_cap == pytest.approx(100)


# --- effective FTE and ramp ------------------------------------------------------------------------


def test_effective_fte_is_fte_times_productivity() -> None:
    """§4 e = fte × productivity × ramp(d), fully ramped."""
    # e = 0.5 × 1.5 × 1 = 0.75
    assert effective_fte(person(fte=0.5, productivity=1.5), ramp_months=5, on=AS_OF) == pytest.approx(0.75)
    result = compute(staff(Role.AE, fte=0.5, productivity=1.5))
    # FTE 0.5 but effective 0.75; close_cap = 0.75 × 10 = 7.5
    assert result.fte[Role.AE] == pytest.approx(0.5)
    assert result.effective_fte[Role.AE] == pytest.approx(0.75)
    assert result.close_cap == pytest.approx(7.5)


def test_effective_fte_multiplies_ramp_too() -> None:
    """§4 e = fte × productivity × ramp(d), during ramp."""
    member = person(fte=0.5, productivity=2.0, start_date=AS_OF - DAYS_73)
    # e = 0.5 × 2 × (2.4 / 3) = 0.8
    assert effective_fte(member, ramp_months=3, on=AS_OF) == pytest.approx(0.8)


def test_ramp_is_zero_before_the_start_date() -> None:
    """§4 ramp(d) = 0 before start_date."""
    assert ramp(start=AS_OF + timedelta(days=1), leave=None, ramp_months=3, on=AS_OF) == 0


def test_ramp_is_zero_on_the_start_date() -> None:
    """§4 ramp(d) = min(1, months_since_start / ramp_months) with 0 months since start."""
    # 0 days / (365/12) / 3 = 0
    assert ramp(start=AS_OF, leave=None, ramp_months=3, on=AS_OF) == pytest.approx(0)


@pytest.mark.parametrize(("ramp_months", "expected"), [
    (4.8, 0.5),    # 2.4 / 4.8 = 0.5: half-way through the ramp
    (3, 0.8),      # 2.4 / 3 = 0.8 (sdr, am default)
    (5, 0.48),     # 2.4 / 5 = 0.48 (ae, full_cycle default)
    (2.4, 1.0),    # 2.4 / 2.4 = 1: ramp just complete
    (2, 1.0),      # min(1, 2.4 / 2 = 1.2) = 1
])
def test_ramp_is_linear_during_the_ramp(ramp_months: float, expected: float) -> None:
    """§4 ramp(d) = min(1, months_since_start / ramp_months); 73 days = 73 × 12 / 365 = 2.4 months."""
    value = ramp(start=AS_OF - DAYS_73, leave=None, ramp_months=ramp_months, on=AS_OF)
    assert value == pytest.approx(expected)


def test_ramp_is_one_long_after_the_start_date() -> None:
    """§4 ramp(d) = min(1, …) after the ramp."""
    # 365 days = 12 months; min(1, 12 / 3) = 1
    assert ramp(start=AS_OF - timedelta(days=365), leave=None, ramp_months=3, on=AS_OF) == 1


def test_ramp_is_one_without_a_start_date() -> None:
    """§4 no start date → ramp 1."""
    assert ramp(start=None, leave=None, ramp_months=5, on=AS_OF) == 1


def test_ramp_is_one_when_the_role_has_no_ramp() -> None:
    """§4 ramp_months 0 → ramp 1 (a founder who started yesterday)."""
    assert ramp(start=AS_OF - timedelta(days=1), leave=None, ramp_months=0, on=AS_OF) == 1
    result = compute(staff(Role.FOUNDER, start_date=AS_OF - timedelta(days=1)))
    # founder ramp_months = 0 → e = 1; close_cap = 1 × 0.3 × 0.6 × 10 = 1.8
    assert result.effective_fte[Role.FOUNDER] == pytest.approx(1)
    assert result.close_cap == pytest.approx(1.8)


def test_ramp_is_zero_on_and_after_the_leave_date() -> None:
    """§4 ramp(d) = 0 on/after a leave_date."""
    assert ramp(start=None, leave=AS_OF, ramp_months=3, on=AS_OF) == 0
    assert ramp(start=None, leave=AS_OF - timedelta(days=10), ramp_months=3, on=AS_OF) == 0


def test_ramp_counts_normally_before_the_leave_date() -> None:
    """§4 ramp(d) before a leave_date is the ordinary ramp."""
    assert ramp(start=None, leave=AS_OF + timedelta(days=1), ramp_months=3, on=AS_OF) == 1
    # still ramping: 2.4 / 3 = 0.8
    assert ramp(start=AS_OF - DAYS_73, leave=AS_OF + timedelta(days=1), ramp_months=3,
                on=AS_OF) == pytest.approx(0.8)


def test_ramping_people_contribute_part_of_their_capacity() -> None:
    """§4 e uses the role's ramp_months: ae 5 months, sdr_inbound 3 months."""
    started = AS_OF - DAYS_73
    result = compute(staff(Role.AE, start_date=started) + staff(Role.SDR_INBOUND, start_date=started),
                     make_team(inbound_leads_per_month=120))
    # ae: e = 2.4 / 5 = 0.48; close_cap = 0.48 × 10 = 4.8
    assert result.effective_fte[Role.AE] == pytest.approx(0.48)
    assert result.close_cap == pytest.approx(4.8)
    # sdr_inbound: e = 2.4 / 3 = 0.8; cap_in = 0.8 × 150 = 120
    assert result.cap_in == pytest.approx(120)


def test_openings_ramp_from_their_expected_start_date() -> None:
    """§2/§4 an opening counts like a person who starts on its start_date and ramps the same way."""
    result = compute([(opening(start_date=AS_OF - DAYS_73), Role.AE),
                      (opening(start_date=AS_OF + timedelta(days=30)), Role.AE)])
    # started 73 days ago: e = 2.4 / 5 = 0.48; not started yet: e = 0
    # close_cap = (0.48 + 0) × 10 = 4.8; both count as ae openings
    assert result.effective_fte[Role.AE] == pytest.approx(0.48)
    assert result.close_cap == pytest.approx(4.8)
    assert result.members[Role.AE] == 2
    assert result.openings[Role.AE] == 2


def test_an_opening_without_start_date_is_fully_productive() -> None:
    """§4 no start date → ramp 1, for openings too."""
    result = compute([(opening(fte=0.5), Role.AE)])
    # e = 0.5 × 1 × 1 = 0.5; close_cap = 0.5 × 10 = 5
    assert result.close_cap == pytest.approx(5)


def test_people_who_have_left_are_not_counted() -> None:
    """§4 ramp 0 on/after leave_date; §4 counts leave out anyone whose leave date ≤ as-of."""
    gone = person(status=Status.LEAVING, leave_date=AS_OF, annual_cost=500_000)
    result = compute([(gone, Role.AE), *staff(Role.AE)])
    # only the one who stays: members 1, close_cap = 1 × 10 = 10, cost = 180,000 (role default × 1)
    assert result.members[Role.AE] == 1
    assert result.close_cap == pytest.approx(10)
    assert result.annual_cost == pytest.approx(180_000)


def test_people_leaving_later_still_count_in_full() -> None:
    """§4 ramp before a leave_date is unaffected: someone leaving tomorrow still works today."""
    leaving = person(status=Status.LEAVING, leave_date=AS_OF + timedelta(days=1))
    result = compute([(leaving, Role.AE), *staff(Role.AE)])
    # members 2; close_cap = 2 × 10 = 20; cost = 2 × 180,000 = 360,000
    assert result.members[Role.AE] == 2
    assert result.close_cap == pytest.approx(20)
    assert result.annual_cost == pytest.approx(360_000)


# --- per-team role overrides ---------------------------------------------------------------------------


def test_team_override_of_book_size_changes_am_capacity_and_verdict() -> None:
    """§4 role parameters may be overridden per team (Team.roles)."""
    plain = make_team(existing_customers=30)
    enterprise = make_team(existing_customers=30, roles={Role.AM: {"accounts_per_am": 12}})
    default_result = compute(staff(Role.AM), plain)
    override_result = compute(staff(Role.AM), enterprise)
    # plan default: am_cap = 1 × 40 = 40; load = 30 / 40 = 0.75 < 0.85 → underused
    assert default_result.am_cap == pytest.approx(40)
    assert default_result.closer_to_am.ratio == pytest.approx(0.75)
    assert default_result.closer_to_am.verdict is Verdict.UNDERUSED
    # override: am_cap = 1 × 12 = 12; load = 30 / 12 = 2.5 > 1.15 → overloaded, 30 − 12 = 18 over
    assert override_result.am_cap == pytest.approx(12)
    assert override_result.closer_to_am.ratio == pytest.approx(2.5)
    assert override_result.closer_to_am.verdict is Verdict.OVERLOADED
    assert str(override_result.closer_to_am.sentence) == "account managers overloaded: 18 accounts over capacity"


def test_team_override_of_max_open_opps_and_ramp() -> None:
    """§4 per-team overrides of the ae's max_open_opps and ramp_months."""
    team = make_team(roles={Role.AE: {"max_open_opps": 30, "ramp_months": 4.8}})
    result = compute(staff(Role.AE, start_date=AS_OF - DAYS_73), team)
    # intake = 30 / 2 = 15; e = 2.4 / 4.8 = 0.5; close_cap = 0.5 × 15 = 7.5
    assert result.intake == pytest.approx(15)
    assert result.close_cap == pytest.approx(7.5)


def test_resolved_parameters_keep_the_plan_defaults_for_the_rest() -> None:
    """§4 an override replaces only the parameters it names."""
    team = make_team(roles={Role.AM: {"accounts_per_am": 12}})
    merged = resolved_role_parameters(Assumptions(), team)
    assert merged[Role.AM]["accounts_per_am"] == 12
    assert merged[Role.AM]["ramp_months"] == DEFAULT_ROLE_PARAMETERS[Role.AM]["ramp_months"] == 3
    assert merged[Role.AE] == DEFAULT_ROLE_PARAMETERS[Role.AE]


# --- balance: verdicts and the tolerance band -------------------------------------------------------------


@pytest.mark.parametrize("handoff", list(Handoff))
@pytest.mark.parametrize(("demand", "capacity", "ratio", "verdict"), [
    (100, 100, 1.0, Verdict.BALANCED),      # 100 / 100 = 1
    (115, 100, 1.15, Verdict.BALANCED),     # exactly 1 + τ = 1.15: inside the band
    (116, 100, 1.16, Verdict.OVERLOADED),   # 1.16 > 1.15
    (85, 100, 0.85, Verdict.BALANCED),      # exactly 1 − τ = 0.85: inside the band
    (84, 100, 0.84, Verdict.UNDERUSED),     # 0.84 < 0.85
    (0, 100, 0.0, Verdict.UNDERUSED),       # 0 / 100 = 0
])
def test_balance_verdict_against_the_tolerance_band(handoff: Handoff, demand: float, capacity: float,
                                                    ratio: float, verdict: Verdict) -> None:
    """§5 load = demand ÷ capacity; inside [1−τ, 1+τ] balanced, above overloaded, below underused."""
    result = balance(handoff, demand, capacity, 0.15)
    assert result.ratio == pytest.approx(ratio)
    assert result.verdict is verdict


def test_balance_uses_the_plans_tolerance() -> None:
    """§5 τ is a plan assumption: with τ = 0.3 the band is [0.7, 1.3]."""
    assert balance(Handoff.SDR_TO_CLOSER, 125, 100, 0.3).verdict is Verdict.BALANCED   # 1.25 ≤ 1.3
    assert balance(Handoff.SDR_TO_CLOSER, 75, 100, 0.3).verdict is Verdict.BALANCED    # 0.75 ≥ 0.7
    assert balance(Handoff.SDR_TO_CLOSER, 140, 100, 0.3).verdict is Verdict.OVERLOADED  # 1.4 > 1.3
    assert balance(Handoff.SDR_TO_CLOSER, 60, 100, 0.3).verdict is Verdict.UNDERUSED    # 0.6 < 0.7


@pytest.mark.parametrize("handoff", list(Handoff))
def test_balance_with_demand_and_no_capacity_is_overloaded_without_ratio(handoff: Handoff) -> None:
    """§5 a zero denominator is undefined; demand with no capacity counts as overloaded."""
    result = balance(handoff, 5, 0, 0.15)
    assert result.ratio is None
    assert result.verdict is Verdict.OVERLOADED


@pytest.mark.parametrize("handoff", list(Handoff))
def test_balance_with_nothing_on_either_side_has_no_verdict(handoff: Handoff) -> None:
    """§5 nothing on either side of a handoff → no ratio, no verdict."""
    result = balance(handoff, 0, 0, 0.15)
    assert result.ratio is None
    assert result.verdict is None
    assert result.sentence is None


# --- inbound load -----------------------------------------------------------------------------------------


def test_inbound_load_overloaded_sentence() -> None:
    """§5 inbound_load above band → "N inbound leads/month are not worked"."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=220))
    # load = 220 / 150 = 1.4667 > 1.15; not worked = 220 − 150 = 70
    assert result.inbound_load.ratio == pytest.approx(220 / 150)
    assert result.inbound_load.verdict is Verdict.OVERLOADED
    assert str(result.inbound_load.sentence) == "70 inbound leads/month are not worked"


def test_inbound_load_underused_sentence() -> None:
    """§5 inbound_load below band → "inbound SDRs underused"."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=100))
    # load = 100 / 150 = 0.6667 < 0.85
    assert result.inbound_load.ratio == pytest.approx(100 / 150)
    assert result.inbound_load.verdict is Verdict.UNDERUSED
    assert str(result.inbound_load.sentence) == "inbound SDRs underused"


def test_inbound_sdrs_without_inbound_volume_are_idle() -> None:
    """§5 inbound SDRs but no inbound volume → 0, "inbound SDRs idle"."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=0))
    # load = 0 / 150 = 0
    assert result.inbound_load.ratio == 0
    assert result.inbound_load.verdict is Verdict.UNDERUSED
    assert str(result.inbound_load.sentence) == "inbound SDRs idle"


@pytest.mark.parametrize(("leads", "ratio", "verdict"), [
    (150, 1.0, Verdict.BALANCED),       # 150 / 150 = 1
    (172.5, 1.15, Verdict.BALANCED),    # 172.5 / 150 = 1.15 = 1 + τ
    (173, 173 / 150, Verdict.OVERLOADED),  # 1.1533 > 1.15
    (127.5, 0.85, Verdict.BALANCED),    # 127.5 / 150 = 0.85 = 1 − τ
    (127, 127 / 150, Verdict.UNDERUSED),   # 0.8467 < 0.85
])
def test_inbound_load_on_the_edges_of_the_band(leads: float, ratio: float, verdict: Verdict) -> None:
    """§5 inbound_load = inbound_leads_per_month / cap_in, judged against [1−τ, 1+τ]."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=leads))
    assert result.inbound_load.ratio == pytest.approx(ratio)
    assert result.inbound_load.verdict is verdict


def test_inbound_leads_without_inbound_sdr_are_overloaded() -> None:
    """§5 leads but no inbound SDR → ratio undefined, overloaded; all leads are not worked."""
    result = compute(staff(Role.AE), make_team(inbound_leads_per_month=50))
    assert result.cap_in == 0
    assert result.leads_worked == 0  # min(50, 0)
    assert result.inbound_load.ratio is None
    assert result.inbound_load.verdict is Verdict.OVERLOADED
    assert str(result.inbound_load.sentence) == "50 inbound leads/month are not worked"


def test_no_inbound_on_either_side_has_no_verdict() -> None:
    """§5 no inbound leads and no inbound SDR → no inbound handoff."""
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE))
    assert result.inbound_load.ratio is None
    assert result.inbound_load.verdict is None


# --- SDR → closer -------------------------------------------------------------------------------------------


def test_sdr_to_closer_overloaded_sentence() -> None:
    """§5 sdr_to_closer above band → "closers overloaded: N opportunities/month not worked"."""
    result = compute(staff(Role.SDR_OUTBOUND, 3) + staff(Role.AE))
    # supply = 3 × 12 = 36; close_cap = 10; load = 3.6; not worked = 36 − 10 = 26
    assert result.sdr_to_closer.ratio == pytest.approx(3.6)
    assert result.sdr_to_closer.verdict is Verdict.OVERLOADED
    assert str(result.sdr_to_closer.sentence) == "closers overloaded: 26 opportunities/month not worked"


def test_sdr_to_closer_underfed_sentence() -> None:
    """§5 sdr_to_closer below band → "closers underfed: N % of closing capacity idle"."""
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE, 2))
    # supply = 12; close_cap = 2 × 10 = 20; load = 12 / 20 = 0.6; idle = 1 − 0.6 = 40 %
    assert result.sdr_to_closer.ratio == pytest.approx(0.6)
    assert result.sdr_to_closer.verdict is Verdict.UNDERUSED
    assert str(result.sdr_to_closer.sentence) == "closers underfed: 40 % of closing capacity idle"


@pytest.mark.parametrize(("opps_per_month", "ratio", "verdict"), [
    (10, 1.0, Verdict.BALANCED),       # 10 / 10 = 1
    (11.5, 1.15, Verdict.BALANCED),    # 11.5 / 10 = 1.15 = 1 + τ
    (11.6, 1.16, Verdict.OVERLOADED),  # 1.16 > 1.15
    (8.5, 0.85, Verdict.BALANCED),     # 8.5 / 10 = 0.85 = 1 − τ
    (8.4, 0.84, Verdict.UNDERUSED),    # 0.84 < 0.85
])
def test_sdr_to_closer_on_the_edges_of_the_band(opps_per_month: float, ratio: float,
                                                verdict: Verdict) -> None:
    """§5 sdr_to_closer = supply / close_cap, judged against [1−τ, 1+τ] (one SDR, one AE)."""
    team = make_team(roles={Role.SDR_OUTBOUND: {"opps_per_month": opps_per_month}})
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE), team)
    assert result.sdr_to_closer.ratio == pytest.approx(ratio)
    assert result.sdr_to_closer.verdict is verdict


def test_opportunities_without_closer_are_overloaded() -> None:
    """§5 opportunities but no closer → ratio undefined, overloaded."""
    result = compute(staff(Role.SDR_OUTBOUND))
    # supply = 12, close_cap = 0 → all 12 not worked
    assert result.sdr_to_closer.ratio is None
    assert result.sdr_to_closer.verdict is Verdict.OVERLOADED
    assert str(result.sdr_to_closer.sentence) == "closers overloaded: 12 opportunities/month not worked"
    assert result.worked == 0


def test_closers_without_supply_are_fully_idle() -> None:
    """§5 sdr_to_closer = 0 / close_cap = 0 → underused, all closing capacity idle."""
    result = compute(staff(Role.AE))
    assert result.sdr_to_closer.ratio == 0
    assert result.sdr_to_closer.verdict is Verdict.UNDERUSED
    assert str(result.sdr_to_closer.sentence) == "closers underfed: 100 % of closing capacity idle"


def test_no_sdr_and_no_closer_has_no_sdr_to_closer_verdict() -> None:
    """§5 nothing on either side of SDR → closer → no ratio, no verdict."""
    result = compute(staff(Role.AM))
    assert result.sdr_to_closer.ratio is None
    assert result.sdr_to_closer.verdict is None


# --- closer → AM ------------------------------------------------------------------------------------------


def test_closer_to_am_overloaded_sentence() -> None:
    """§5 closer_to_am above band → "account managers overloaded: N accounts over capacity"."""
    result = compute(staff(Role.AM), make_team(existing_customers=60))
    # accounts_H = 60 (no wins, no churn); am_cap = 40; load = 1.5; over = 60 − 40 = 20
    assert result.closer_to_am.ratio == pytest.approx(1.5)
    assert result.closer_to_am.verdict is Verdict.OVERLOADED
    assert str(result.closer_to_am.sentence) == "account managers overloaded: 20 accounts over capacity"


def test_closer_to_am_underused_sentence() -> None:
    """§5 closer_to_am below band → "account managers underused"."""
    result = compute(staff(Role.AM), make_team(existing_customers=20))
    # load = 20 / 40 = 0.5 < 0.85
    assert result.closer_to_am.ratio == pytest.approx(0.5)
    assert result.closer_to_am.verdict is Verdict.UNDERUSED
    assert str(result.closer_to_am.sentence) == "account managers underused"


@pytest.mark.parametrize(("customers", "ratio", "verdict"), [
    (40, 1.0, Verdict.BALANCED),      # 40 / 40 = 1
    (46, 1.15, Verdict.BALANCED),     # 46 / 40 = 1.15 = 1 + τ
    (47, 1.175, Verdict.OVERLOADED),  # 1.175 > 1.15
    (34, 0.85, Verdict.BALANCED),     # 34 / 40 = 0.85 = 1 − τ
    (33, 0.825, Verdict.UNDERUSED),   # 0.825 < 0.85
])
def test_closer_to_am_on_the_edges_of_the_band(customers: float, ratio: float, verdict: Verdict) -> None:
    """§5 closer_to_am = accounts_H / am_cap, judged against [1−τ, 1+τ] (one AM, book 40)."""
    result = compute(staff(Role.AM), make_team(existing_customers=customers))
    assert result.closer_to_am.ratio == pytest.approx(ratio)
    assert result.closer_to_am.verdict is verdict


def test_customers_without_account_manager_are_overloaded() -> None:
    """§5 customers but no AM → ratio undefined, overloaded."""
    result = compute(staff(Role.SDR_OUTBOUND) + staff(Role.AE))
    # wins = min(12, 10) × 0.25 = 2.5; accounts_12 = 12 × 2.5 = 30; am_cap = 0
    assert result.accounts_H == pytest.approx(30)
    assert result.closer_to_am.ratio is None
    assert result.closer_to_am.verdict is Verdict.OVERLOADED
    assert str(result.closer_to_am.sentence) == "account managers overloaded: 30 accounts over capacity"


def test_no_customers_and_no_am_has_no_closer_to_am_verdict() -> None:
    """§5 nothing on either side of closer → AM → no ratio, no verdict."""
    result = compute(staff(Role.SDR_INBOUND), make_team(inbound_leads_per_month=150))
    assert result.accounts_H == 0
    assert result.closer_to_am.ratio is None
    assert result.closer_to_am.verdict is None


# --- bottleneck and team status ------------------------------------------------------------------------


def test_bottleneck_is_the_first_overloaded_handoff_inbound() -> None:
    """§5 the bottleneck is the first overloaded handoff along the chain."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.AE), make_team(inbound_leads_per_month=300))
    # inbound: 300 / 150 = 2 overloaded; supply = 150 × 0.15 = 22.5 vs close_cap 10 → 2.25 overloaded
    assert result.inbound_load.verdict is Verdict.OVERLOADED
    assert result.sdr_to_closer.verdict is Verdict.OVERLOADED
    assert result.bottleneck is Handoff.INBOUND_LOAD
    assert result.status is Verdict.OVERLOADED


def test_bottleneck_skips_balanced_handoffs() -> None:
    """§5 bottleneck: inbound balanced, SDR → closer and closer → AM both overloaded → SDR → closer."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.AE), make_team(inbound_leads_per_month=150))
    # inbound 150 / 150 = 1 balanced; supply 22.5 / close_cap 10 = 2.25 overloaded;
    # wins = 10 × 0.25 = 2.5; accounts_12 = 30 with no AM → overloaded
    assert result.inbound_load.verdict is Verdict.BALANCED
    assert result.closer_to_am.verdict is Verdict.OVERLOADED
    assert result.bottleneck is Handoff.SDR_TO_CLOSER


def test_bottleneck_at_the_end_of_the_chain() -> None:
    """§5 bottleneck: only closer → AM overloaded."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.AE, 2) + staff(Role.AM),
                     make_team(inbound_leads_per_month=150))
    # inbound 1.0; supply 22.5 / close_cap 20 = 1.125 balanced; worked 20, wins 5;
    # accounts_12 = 12 × 5 = 60; am_cap 40 → 1.5 overloaded
    assert result.sdr_to_closer.ratio == pytest.approx(1.125)
    assert result.sdr_to_closer.verdict is Verdict.BALANCED
    assert result.closer_to_am.ratio == pytest.approx(1.5)
    assert result.bottleneck is Handoff.CLOSER_TO_AM


def test_balanced_team() -> None:
    """§5 a team with no overloaded handoff and none below band is balanced."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.AE, 2) + staff(Role.AM),
                     make_team(inbound_leads_per_month=150), horizon_months=8)
    # inbound 150 / 150 = 1; supply 22.5 / 20 = 1.125; wins 20 × 0.25 = 5; accounts_8 = 8 × 5 = 40;
    # closer → AM 40 / 40 = 1
    assert [b.verdict for b in result.balances] == [Verdict.BALANCED] * 3
    assert result.accounts_H == pytest.approx(40)
    assert result.bottleneck is None
    assert result.status is Verdict.BALANCED


def test_underused_team() -> None:
    """§5 a team with no bottleneck but a stage below band is underused."""
    result = compute(staff(Role.SDR_INBOUND) + staff(Role.AE, 3) + staff(Role.AM),
                     make_team(inbound_leads_per_month=150), horizon_months=8)
    # supply 22.5 / close_cap 30 = 0.75 underused (25 % idle); worked 22.5, wins 5.625;
    # accounts_8 = 8 × 5.625 = 45; 45 / 40 = 1.125 balanced
    assert result.sdr_to_closer.verdict is Verdict.UNDERUSED
    assert str(result.sdr_to_closer.sentence) == "closers underfed: 25 % of closing capacity idle"
    assert result.closer_to_am.ratio == pytest.approx(1.125)
    assert result.bottleneck is None
    assert result.status is Verdict.UNDERUSED


# --- annual cost and counts ------------------------------------------------------------------------------


def test_annual_cost_is_own_cost_else_role_default_times_fte() -> None:
    """§6 annual cost: each person's or opening's annual_cost, else the role default × fte."""
    placed: list[tuple[Member, Role]] = [
        (person(annual_cost=150_000), Role.AE),             # own cost: 150,000
        (person(fte=0.5), Role.AE),                         # 0.5 × 180,000 = 90,000
        (opening(), Role.AM),                               # 1 × 120,000 = 120,000
        (opening(annual_cost=175_000), Role.AE),            # own cost: 175,000
        (person(fte=0.5), Role.MANAGER),                    # 0.5 × 220,000 = 110,000
        (person(), Role.FOUNDER),                           # 1 × 0 = 0
        (person(status=Status.LEAVING, leave_date=AS_OF,
                annual_cost=999_000), Role.AE),             # gone: not counted
    ]
    result = compute(placed)
    # 150,000 + 90,000 + 120,000 + 175,000 + 110,000 + 0 = 645,000
    assert result.annual_cost == pytest.approx(645_000)
    # ae: two people and one opening (the leaver is left out); fte = 1 + 0.5 + 1 = 2.5
    assert result.members[Role.AE] == 3
    assert result.openings[Role.AE] == 1
    assert result.openings[Role.AM] == 1
    assert result.fte[Role.AE] == pytest.approx(2.5)
    assert result.headcount == 6
