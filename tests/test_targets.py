"""Hand-computed targets, expected bookings, coverage, quotas and their checks (docs/model.md §9).

The target year runs over months 0 … 12 of the timeline grid; with as_of = 2027-01-01 the months fall on

    month   0   1   2   3   4    5    6    7    8    9    10   11   12
    day     0   31  61  92  122  153  183  213  244  274  305  335  365

Teams run on a two-month cycle (an ae's intake = 20 / 2 = 10 opportunities a month), win rate 0.25,
average deal 10,000 and no churn: a ramped ae fed enough opportunities books 10 × 0.25 × 10,000 =
25,000 a month, 300,000 over the year. An outbound SDR sources 12 opportunities a month. Unless a test
is about attrition, every role's attrition is 0. An ae's quota is 800,000 a year (the default).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.commands import Assign
from salesplanner.model import (
    Assumptions,
    Member,
    MemberId,
    Opening,
    OpeningId,
    Placement,
    Plan,
    PlanError,
    Status,
    TeamId,
)
from salesplanner.roles import ANNUAL_QUOTA, Role
from salesplanner.slides import target_line
from salesplanner.targets import (
    TargetVerdict,
    hire_contributions,
    member_quota,
    quota_days,
    target_verdict,
    trapezoid,
)
from salesplanner.timeline import timeline
from tests.plans import plans, sample_plan
from tests.test_timeline import AS_OF, MONTH, NORTH, SCENARIO, SOUTH, day, make_team, person
from tests.test_timeline import make_plan as timeline_plan

DAYS = (0, 31, 61, 92, 122, 153, 183, 213, 244, 274, 305, 335, 365)
"""The days of months 0 … 12 after the as-of date (⌈k × 365/12⌉)."""


def make_plan(seats: list[tuple[Member, TeamId, Role]], *, assumptions: Assumptions | None = None,
              **options: Any) -> Plan:
    """tests.test_timeline's plan; ``assumptions`` gives the §9 thresholds (the role table stays the timeline
    test's, attrition 0 unless asked)."""
    plan = timeline_plan(seats, **options)
    if assumptions is not None:
        plan.assumptions = dataclasses.replace(assumptions, roles=plan.assumptions.roles)
    return plan


def sdrs(count: int, team: TeamId = NORTH) -> list[tuple[Member, TeamId, Role]]:
    return [(person(f"sdr{team}{n}"), team, Role.SDR_OUTBOUND) for n in range(count)]


def analyse(plan: Plan) -> ScenarioAnalysis:
    return ScenarioAnalysis(plan, SCENARIO)


def texts(analysis: ScenarioAnalysis) -> list[str]:
    """The §9 checks among the warnings (the handoff and superstar ones are tests/test_analysis.py's)."""
    return [str(warning.text) for warning in analysis.warnings() if "quota" in str(warning.text)]


# --- the trapezoid and the month grid ----------------------------------------------------------------

def test_the_trapezoid_adds_each_month_as_the_mean_of_its_two_ends() -> None:
    assert trapezoid([0, 10, 20]) == 5 + 15
    assert trapezoid([25_000] * 13) == 300_000


def test_a_ramped_closer_with_enough_supply_books_a_full_year() -> None:
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)])
    target = analyse(plan).target(NORTH)
    assert target.bookings_by_month == (25_000,) * 13
    assert target.expected_bookings_year == 300_000
    assert analyse(plan).totals.expected_bookings_year == 300_000


def test_a_hire_starting_mid_year_adds_its_ramp() -> None:
    """A ramped ae and an ae opening starting at month 6 (day 183, 2027-07-03), ramping over 5 months
    (152.08 days); three SDRs supply 36 opportunities, more than both can take."""
    hire = Opening(OpeningId("o-ae"), "AE hire", start_date=day(183))
    plan = make_plan([(person("ana"), NORTH, Role.AE), (hire, NORTH, Role.AE), *sdrs(3)])
    target = analyse(plan).target(NORTH)
    # the hire's ramp: 0 up to month 6, then (day − 183) / (5 × 365/12), at most 1
    ramp = [0.0] * 7 + [min(1.0, (d - 183) / (5 * MONTH)) for d in DAYS[7:]]
    assert ramp[7] == pytest.approx(30 / 152.0833, rel=1e-5)  # 0.19726
    assert ramp[12] == 1.0  # 182 days ≥ 152.08
    assert target.bookings_by_month == pytest.approx([25_000 * (1 + r) for r in ramp])
    # trapezoid: 12 months of the ramped ae, plus the hire's (r_0 + r_12)/2 + r_1 + … + r_11
    #   = 0.5 + 0.19726 + 0.40110 + 0.59836 + 0.80219 + 0.99945 = 3.49836 months of a ramped ae
    assert target.expected_bookings_year == pytest.approx(25_000 * (12 + 3.49836), rel=1e-5)  # 387,459
    # quota: the ramped ae all year, the hire from 2027-07-03 to 2028-01-01 = 182 days
    assert target.quota_capacity == pytest.approx(800_000 + 800_000 * 182 / 365)  # 1,198,904


def test_a_leaver_counts_until_the_leave_date() -> None:
    """An ae leaving on 2027-04-01 (day 90): there at months 0–2, gone from month 3 (day 92)."""
    leaver = person("lea", status=Status.LEAVING, leave_date=day(90))
    plan = make_plan([(leaver, NORTH, Role.AE), *sdrs(1)])
    target = analyse(plan).target(NORTH)
    assert target.bookings_by_month == (25_000,) * 3 + (0,) * 10
    # (25,000 + 25,000)/2 × 2 + (25,000 + 0)/2 = 62,500
    assert target.expected_bookings_year == 62_500
    # quota for 90 of 365 days: 800,000 × 90 / 365 = 197,260.27
    assert target.quota_capacity == pytest.approx(800_000 * 90 / 365)


def test_attrition_thins_expected_bookings() -> None:
    """A ramped ae and an SDR, every role at 15 % attrition a year: both thin alike, so bookings
    are 25,000 × 0.85^(day / 365) a month."""
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], attrition=0.15)
    monthly = [25_000 * 0.85 ** (d / 365) for d in DAYS]
    target = analyse(plan).target(NORTH)
    assert target.bookings_by_month == pytest.approx(monthly)
    assert monthly[12] == pytest.approx(21_250)  # 25,000 × 0.85
    assert target.expected_bookings_year == pytest.approx(trapezoid(monthly))
    # 276,839, not 300,000; just under the exact integral 300,000 × 0.15 / −ln 0.85 = 276,893
    assert target.expected_bookings_year == pytest.approx(276_839, abs=1)
    # quota is what the company asks: attrition does not discount it
    assert target.quota_capacity == 800_000


def test_attrition_off_leaves_the_year_whole() -> None:
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], attrition=0.0)
    assert analyse(plan).target(NORTH).expected_bookings_year == 300_000


def test_sdrs_default_to_30_percent_attrition() -> None:
    """One SDR (12 opportunities) feeds two aes (20): supply decides. With the default attrition the
    SDR thins at 0.70^(day / 365): 12 × 0.25 × 10,000 = 30,000 a month at month 0, 21,000 at month 12."""
    plan = make_plan([(person("ana"), NORTH, Role.AE), (person("bo"), NORTH, Role.AE), *sdrs(1)], attrition=None)
    target = analyse(plan).target(NORTH)
    assert target.bookings_by_month[0] == 30_000
    assert target.bookings_by_month[12] == pytest.approx(21_000)
    assert target.expected_bookings_year == pytest.approx(trapezoid([30_000 * 0.7 ** (d / 365) for d in DAYS]))


def test_a_ramp_longer_than_the_year() -> None:
    """An ae starting on the as-of date with a 24-month ramp: ramp = day / (24 × 365/12) = day / 730,
    half-way at month 12. Quota counts the whole year: ramp does not discount it."""
    team = dataclasses.replace(make_team(), roles={Role.AE: {"ramp_months": 24}})
    plan = make_plan([(person("ana", start_date=AS_OF), NORTH, Role.AE), *sdrs(2)], teams=(team,))
    target = analyse(plan).target(NORTH)
    assert target.bookings_by_month[12] == pytest.approx(12_500)
    # trapezoid of day / 730: ((0 + 365) / 2 + 31 + 61 + … + 335) / 730 = (182.5 + 2,013) / 730 = 3.00753
    assert target.expected_bookings_year == pytest.approx(25_000 * 2195.5 / 730)  # 75,188.36
    assert target.quota_capacity == 800_000


def test_expected_bookings_cover_twelve_months_whatever_the_horizon() -> None:
    for horizon in (1, 6, 12, 36):
        plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], horizon=horizon)
        assert analyse(plan).target(NORTH).expected_bookings_year == 300_000


# --- targets and coverage ---------------------------------------------------------------------------

def test_a_team_without_a_target_has_no_coverage() -> None:
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)])
    analysis = analyse(plan)
    target = analysis.target(NORTH)
    assert target.target_bookings is None
    assert target.coverage is None and target.verdict is None
    assert target.shortfall == 0
    assert analysis.totals.target_bookings is None and analysis.totals.target_coverage is None
    assert not any("target" in text for text in texts(analysis))


@pytest.mark.parametrize(("target", "coverage", "verdict"), [
    (300_000, 1.0, TargetVerdict.ON_TARGET),
    (340_000, 300 / 340, TargetVerdict.ON_TARGET),  # 0.882: within 1 ± 0.15
    (250_000, 1.2, TargetVerdict.AHEAD),
    (400_000, 0.75, TargetVerdict.SHORT),
])
def test_coverage_reads_against_the_tolerance(target: float, coverage: float, verdict: TargetVerdict) -> None:
    team = dataclasses.replace(make_team(), target_bookings=target)
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], teams=(team,))
    result = analyse(plan).target(NORTH)
    assert result.coverage == pytest.approx(coverage)
    assert result.verdict is verdict


def test_short_says_by_how_much() -> None:
    team = dataclasses.replace(make_team(), target_bookings=400_000)
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], teams=(team,))
    assert analyse(plan).target(NORTH).shortfall == 100_000


def test_a_target_of_zero_has_no_coverage() -> None:
    assert target_verdict(None, 0.15) is None
    team = dataclasses.replace(make_team(), target_bookings=0)
    plan = make_plan([(person("ana"), NORTH, Role.AE)], teams=(team,))
    assert analyse(plan).target(NORTH).coverage is None


def test_the_organisation_target_is_the_sum_of_the_teams_targets() -> None:
    """North (1 ae + 1 SDR) books 300,000, South (1 ae, no supply) nothing; targets 250,000 and 150,000."""
    north = dataclasses.replace(make_team(), target_bookings=250_000)
    south = dataclasses.replace(make_team(SOUTH, "South"), target_bookings=150_000)
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1), (person("bo"), SOUTH, Role.AE)],
                     teams=(north, south))
    totals = analyse(plan).totals
    assert totals.target_bookings == 400_000
    assert totals.expected_bookings_year == 300_000
    assert totals.target_coverage == 0.75
    assert totals.target_verdict is TargetVerdict.SHORT
    assert totals.quota_capacity == 1_600_000


def test_an_explicit_organisation_target_wins_over_the_sum() -> None:
    north = dataclasses.replace(make_team(), target_bookings=250_000)
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], teams=(north,))
    plan.scenarios[SCENARIO].target_bookings = 280_000
    totals = analyse(plan).totals
    assert totals.target_bookings == 280_000
    assert totals.target_coverage == pytest.approx(300 / 280)  # 1.071: on target
    assert totals.target_verdict is TargetVerdict.ON_TARGET


def test_an_organisation_target_without_team_targets() -> None:
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)])
    plan.scenarios[SCENARIO].target_bookings = 200_000
    assert analyse(plan).totals.target_coverage == 1.5


# --- quotas ------------------------------------------------------------------------------------------

def test_quota_days_count_the_target_year_from_start_to_leave() -> None:
    year_end = date(2028, 1, 1)
    assert quota_days(person("a"), AS_OF) == 365
    assert quota_days(person("b", start_date=date(2026, 5, 1)), AS_OF) == 365  # started before
    assert quota_days(person("c", start_date=date(2027, 7, 3)), AS_OF) == 182
    assert quota_days(person("d", status=Status.LEAVING, leave_date=date(2027, 4, 1)), AS_OF) == 90
    assert quota_days(person("e", start_date=date(2027, 2, 1), status=Status.LEAVING,
                             leave_date=date(2027, 3, 1)), AS_OF) == 28
    assert quota_days(person("f", start_date=year_end), AS_OF) == 0  # starts the day after the year
    assert quota_days(person("g", status=Status.LEAVING, leave_date=date(2026, 12, 1)), AS_OF) == 0


def test_a_closers_quota_is_annual_quota_times_fte_times_the_share_of_the_year() -> None:
    roles = Assumptions().roles
    half = person("h", fte=0.5, start_date=date(2027, 7, 3))
    assert member_quota(half, Role.AE, roles, AS_OF) == pytest.approx(800_000 * 0.5 * 182 / 365)
    assert member_quota(person("f"), Role.FULL_CYCLE, roles, AS_OF) == 600_000
    assert member_quota(person("x"), Role.FOUNDER, roles, AS_OF) == 0
    assert member_quota(person("s"), Role.SDR_OUTBOUND, roles, AS_OF) == 0  # not a closer
    # productivity does not discount it either
    assert member_quota(person("p", productivity=1.5), Role.AE, roles, AS_OF) == 800_000


def test_quota_capacity_takes_the_teams_override() -> None:
    team = dataclasses.replace(make_team(), roles={Role.AE: {ANNUAL_QUOTA: 500_000}})
    plan = make_plan([(person("ana"), NORTH, Role.AE), (person("bo"), NORTH, Role.FULL_CYCLE)], teams=(team,))
    assert analyse(plan).target(NORTH).quota_capacity == 500_000 + 600_000


# --- the three checks --------------------------------------------------------------------------------

def test_quotas_below_the_target_are_flagged_for_the_team_and_the_organisation() -> None:
    """Quota 800,000 against a team target of 1,000,000; the organisation's is the same sum."""
    team = dataclasses.replace(make_team(), target_bookings=1_000_000)
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)], teams=(team,),
                     assumptions=Assumptions(attainment_min=0))
    analysis = analyse(plan)
    assert texts(analysis) == [
        "Organisation: quotas add up to € 800 k, below the target of € 1.00 M",
        "North: quotas add up to € 800 k, below the target of € 1.00 M",
    ]
    assert analysis.totals.warning_count == len(analysis.warnings())
    assert [w.team for w in analysis.warnings() if "quota" in str(w.text)] == [None, NORTH]


def test_expected_bookings_far_below_quota_are_flagged_with_the_attainment() -> None:
    """300,000 expected against 800,000 of quota: the model expects 37.5 % ≈ 38 % attainment, below 60 %."""
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1)])
    sentence = "the model expects 38 % attainment (€ 300 k expected against € 800 k of quota; below 60 %)"
    assert texts(analyse(plan)) == [f"Organisation: {sentence}", f"North: {sentence}"]


def test_attainment_above_the_threshold_is_not_flagged() -> None:
    """Quota lowered to 400,000: 300,000 expected is 75 % attainment (and 400,000 ÷ Ana's cost of 100,000
    is 4×, inside the norm)."""
    team = dataclasses.replace(make_team(), roles={Role.AE: {ANNUAL_QUOTA: 400_000}})
    plan = make_plan([(person("ana", annual_cost=100_000), NORTH, Role.AE), *sdrs(1)], teams=(team,))
    assert texts(analyse(plan)) == []


def test_a_closers_quota_far_from_their_cost_is_flagged_by_name() -> None:
    """Ana costs 250,000: 800,000 ÷ 250,000 = 3.2×, below 4×. Bo at the default 180,000 is 4.44×."""
    plan = make_plan([(person("ana", annual_cost=250_000), NORTH, Role.AE), (person("bo"), NORTH, Role.AE)],
                     assumptions=Assumptions(attainment_min=0))
    (warning,) = [w for w in analyse(plan).warnings() if "quota" in str(w.text)]
    assert str(warning.text) == "North: Ana's quota is 3.2× their annual cost (the norm is 4–6×)"
    assert (warning.team, warning.member) == (NORTH, person("ana").id)


def test_several_closers_outside_the_norm_share_one_sentence() -> None:
    """Full-cycle reps at the defaults: 600,000 ÷ 160,000 = 3.75×; Cy at half time costs 50,000: 300,000
    ÷ 50,000 = 6×, inside. A founder has no quota and is not checked."""
    plan = make_plan([(person("ana"), NORTH, Role.FULL_CYCLE), (person("bo"), NORTH, Role.FULL_CYCLE),
                      (person("cy", fte=0.5, annual_cost=50_000), NORTH, Role.FULL_CYCLE),
                      (person("ida"), NORTH, Role.FOUNDER)],
                     assumptions=Assumptions(attainment_min=0))
    assert texts(analyse(plan)) == ["North: 2 closers' quotas are 3.8× their annual cost (the norm is 4–6×)"]


def test_the_quota_to_cost_norm_is_a_plan_assumption() -> None:
    plan = make_plan([(person("ana"), NORTH, Role.FULL_CYCLE)],
                     assumptions=Assumptions(attainment_min=0, quota_to_cost_min=3.5, quota_to_cost_max=5))
    assert texts(analyse(plan)) == []
    plan.assumptions = dataclasses.replace(plan.assumptions, quota_to_cost_min=2, quota_to_cost_max=3)
    assert texts(analyse(plan)) == ["North: Ana's quota is 3.8× their annual cost (the norm is 2–3×)"]


# --- the timeline's own figures ------------------------------------------------------------------------

def test_expected_bookings_are_the_trapezoid_of_the_timelines_monthly_bookings() -> None:
    plan = sample_plan()
    for scenario_id in plan.scenarios:
        months = timeline(plan, scenario_id)
        analysis = ScenarioAnalysis(plan, scenario_id)
        for team_id, series in months.teams.items():
            assert analysis.target(team_id).bookings_by_month == series.bookings
            assert analysis.target(team_id).expected_bookings_year == trapezoid(series.bookings)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_expected_bookings_equal_the_timelines_on_any_plan(plan: Plan) -> None:
    """Months 0 … 12 of a timeline long enough to hold them."""
    plan.horizon_months = max(plan.horizon_months, 12)
    for scenario_id in plan.scenarios:
        months = timeline(plan, scenario_id)
        analysis = ScenarioAnalysis(plan, scenario_id)
        for team_id, series in months.teams.items():
            expected = trapezoid(series.bookings[:13])
            assert analysis.target(team_id).expected_bookings_year == pytest.approx(expected, rel=1e-12, abs=1e-9)


# --- the hiring plan: what each opening adds ------------------------------------------------------------

def test_an_openings_contribution_is_what_the_team_loses_without_it() -> None:
    """The mid-year hire of test_a_hire_starting_mid_year_adds_its_ramp adds 25,000 × 3.49836 = 87,459;
    started on month 11 (day 335) it would still add 25,000 × ((365 − 335) / 152.08) / 2 = 2,466."""
    hire = Opening(OpeningId("o-ae"), "AE hire", start_date=day(183))
    plan = make_plan([(person("ana"), NORTH, Role.AE), (hire, NORTH, Role.AE), *sdrs(3)])
    (contribution,) = hire_contributions(plan, SCENARIO).values()
    assert contribution.contribution == pytest.approx(25_000 * 3.49836, rel=1e-5)
    assert contribution.last_useful_month == 11


def test_an_opening_the_team_cannot_use_contributes_nothing() -> None:
    """An ae opening in a team without supply: no start this year adds anything."""
    hire = Opening(OpeningId("o-ae"), "AE hire", start_date=day(31))
    plan = make_plan([(hire, NORTH, Role.AE)])
    (contribution,) = hire_contributions(plan, SCENARIO).values()
    assert contribution.contribution == 0
    assert contribution.last_useful_month is None


def test_an_opening_on_the_bench_has_no_contribution() -> None:
    hire = Opening(OpeningId("o-ae"), "AE hire", start_date=day(31))
    plan = make_plan([(person("ana"), NORTH, Role.AE)])
    plan.scenarios[SCENARIO].openings[hire.id] = hire
    assert hire_contributions(plan, SCENARIO) == {}


def test_contributions_of_an_unknown_scenario_are_refused() -> None:
    with pytest.raises(PlanError):
        hire_contributions(make_plan([]), "s-ghost")  # type: ignore[arg-type]



def test_the_title_slide_states_target_expected_and_coverage() -> None:
    assert str(target_line(2_000_000, 1_700_000, 0.85, TargetVerdict.ON_TARGET, "EUR")) == \
        "Target € 2.00 M · expected € 1.70 M (85 %, on target)"
    assert str(target_line(2_000_000, 1_500_000, 0.75, TargetVerdict.SHORT, "EUR")) == \
        "Target € 2.00 M · expected € 1.50 M (75 %, short by € 500 k)"
    assert str(target_line(None, 1_500_000, None, None, "DKK")) == \
        "Expected bookings over the next 12 months DKK 1.50 M · no target set"


def test_account_managers_and_managers_have_no_contribution() -> None:
    """Nothing in §4 turns an AM's or a manager's capacity into bookings: no figure rather than a 0."""
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1),
                      (Opening(OpeningId("o-am"), "AM hire"), NORTH, Role.AM),
                      (Opening(OpeningId("o-lead"), "Team lead"), NORTH, Role.MANAGER),
                      (Opening(OpeningId("o-sdr"), "SDR hire", start_date=day(31)), NORTH, Role.SDR_OUTBOUND)])
    assert list(hire_contributions(plan, SCENARIO)) == [OpeningId("o-sdr")]


def test_a_previewed_move_gives_the_numbers_the_move_gives() -> None:
    """ScenarioAnalysis.preview_targets (the move picker's, and the advisor's, question) changes nothing
    and equals the analysis after the move, to the last bit."""
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, plan.baseline)
    move = {MemberId("p-kim"): Placement(TeamId("t-dach-mm"), Role.AE)}
    before = analysis.target(TeamId("t-dach-mm"))
    preview = analysis.preview_targets(move)
    assert list(preview) == [TeamId("t-dach-mm")]
    assert analysis.target(TeamId("t-dach-mm")) == before  # nothing changed
    analysis.apply(Assign(plan.baseline, move).do(plan))
    assert preview[TeamId("t-dach-mm")] == analysis.target(TeamId("t-dach-mm"))
    assert preview[TeamId("t-dach-mm")].expected_bookings_year > before.expected_bookings_year
