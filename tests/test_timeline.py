"""Hand-computed timelines and hiring plans (docs/model.md §7), and the attrition assumption in
plan files.

Month k of a timeline falls on as_of + ⌈k × 365/12⌉ days; with as_of = 2027-01-01:

    month   1    2    3    5    6    7    8    12   24
    day     31   61   92   153  183  213  244  365  730

Teams run on a two-month cycle (2 × 365/12 days, so an ae's intake = 20 / 2 = 10 opportunities a
month) with no churn, a win rate of 0.25 and an average deal of 10,000; an outbound SDR sources 12
opportunities a month. Unless a test is about attrition, its plan sets every role's attrition to 0.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import survival
from salesplanner.model import (
    Assumptions,
    MarketProfile,
    Member,
    Opening,
    OpeningId,
    Person,
    PersonId,
    Placement,
    Plan,
    PlanError,
    Scenario,
    ScenarioId,
    Status,
    Team,
    TeamId,
)
from salesplanner.planfile.read import PlanFileError, loads_plan
from salesplanner.planfile.write import dumps_plan
from salesplanner.roles import ANNUAL_ATTRITION, DEFAULT_ROLE_PARAMETERS, ROLE_ORDER, Role
from salesplanner.timeline import (
    Timeline,
    calendar_month,
    hiring_plan,
    month_date,
    timeline,
    timeline_by_loop,
)
from tests.plans import plans, sample_plan

MONTH = 365 / 12
AS_OF = date(2027, 1, 1)
SCENARIO = ScenarioId("s-1")
NORTH, SOUTH = TeamId("t-north"), TeamId("t-south")


def day(number: int) -> date:
    return AS_OF + timedelta(days=number)


def make_team(team_id: TeamId = NORTH, name: str = "North") -> Team:
    market = MarketProfile(sales_cycle_days=2 * MONTH, monthly_churn=0.0, win_rate=0.25, avg_deal_size=10_000)
    return Team(team_id, name, market=market)


def make_plan(seats: list[tuple[Member, TeamId, Role]], *, attrition: float | None = 0.0, horizon: int = 12,
              teams: tuple[Team, ...] = (make_team(),)) -> Plan:
    """One scenario holding ``seats``; ``attrition`` for every role (None keeps the defaults)."""
    roles: dict[Role, dict[str, float]] = {role: dict(DEFAULT_ROLE_PARAMETERS[role]) for role in ROLE_ORDER}
    if attrition is not None:
        for values in roles.values():
            values[ANNUAL_ATTRITION] = attrition
    people = {m.id: m for m, _, _ in seats if isinstance(m, Person)}
    openings = {m.id: m for m, _, _ in seats if isinstance(m, Opening)}
    scenario = Scenario(SCENARIO, "Plan", teams={t.id: t for t in teams}, openings=openings,
                        assignments={m.id: Placement(team, role) for m, team, role in seats})
    return Plan(name="Timeline test", scenarios={SCENARIO: scenario}, baseline=SCENARIO, as_of=AS_OF,
                horizon_months=horizon, assumptions=Assumptions(roles=roles), people=people)


def person(key: str, **fields: Any) -> Person:
    return Person(PersonId(f"p-{key}"), key.capitalize(), **fields)


LATE_AE = Opening(OpeningId("o-ae"), "AE", start_date=day(46))
"""Starts 46 days (1.51 months) after the as-of date, on 2027-02-16; an ae ramps over 5 months."""


# --- the month grid ----------------------------------------------------------------------------------

def test_months_fall_on_the_first_day_k_months_of_365_12_days_have_passed() -> None:
    # ⌈1 × 30.42⌉ = 31, ⌈2 × 30.42⌉ = ⌈60.83⌉ = 61, ⌈3 × 30.42⌉ = ⌈91.25⌉ = 92, ⌈6 × 30.42⌉ = ⌈182.5⌉ = 183
    assert [month_date(AS_OF, k) for k in (0, 1, 2, 3, 6)] == [AS_OF, day(31), day(61), day(92), day(183)]
    # 12 × 365/12 = 365 exactly (2028-01-01); 24 months = 730 days (2028 is a leap year: 2028-12-31)
    assert month_date(AS_OF, 12) == date(2028, 1, 1)
    assert month_date(AS_OF, 24) == date(2028, 12, 31)


def test_each_month_is_labelled_by_its_own_calendar_month() -> None:
    """As of 1 December 2026 the model's months fall on 2027-01-01, 2027-01-31 and 2027-03-03 — January
    twice, February never; the labels are December, January, February, March."""
    december = date(2026, 12, 1)
    assert [month_date(december, k) for k in (1, 2, 3)] == [date(2027, 1, 1), date(2027, 1, 31),
                                                             date(2027, 3, 3)]
    assert [calendar_month(december, k) for k in range(4)] == [
        date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)]
    assert calendar_month(date(2027, 1, 31), 13) == date(2028, 2, 1)
    result = timeline(make_plan([], horizon=24), SCENARIO)
    assert result.calendar_months[0] == date(2027, 1, 1) and result.calendar_months[24] == date(2029, 1, 1)


def test_a_timeline_has_months_0_to_the_horizon() -> None:
    result = timeline(make_plan([], horizon=24), SCENARIO)
    assert result.months == range(25) and result.dates[-1] == date(2028, 12, 31)
    assert result.total.close_cap == (0.0,) * 25


# --- ramp, start and leave ---------------------------------------------------------------------------

def _ramp_plan() -> Plan:
    """North: the late ae opening and a ramped outbound SDR (supply 12 every month)."""
    return make_plan([(LATE_AE, NORTH, Role.AE), (person("sid"), NORTH, Role.SDR_OUTBOUND)])


def test_an_opening_ramps_across_months() -> None:
    north = timeline(_ramp_plan(), SCENARIO).teams[NORTH]
    ae = north.effective_fte[Role.AE]
    assert ae[0] == ae[1] == 0.0  # days 0 and 31: before the start on day 46
    # month 2, day 61: 61 − 46 = 15 days = 15 / (365/12) = 180/365 months; ramp = (180/365) / 5 = 36/365
    assert ae[2] == pytest.approx(36 / 365)  # 0.098630
    assert north.close_cap[2] == pytest.approx(10 * 36 / 365)  # 0.98630
    # wins = min(supply 12, close_cap 0.98630) × 0.25 = 0.24658; bookings = × 10,000 = 2,465.75
    assert north.wins[2] == pytest.approx(0.25 * 360 / 365)
    assert north.bookings[2] == pytest.approx(2_500 * 360 / 365)
    # month 3, day 92: 46 days = 552/365 months; ramp = 552/1825 = 0.302466; close_cap 3.02466
    assert ae[3] == pytest.approx(552 / 1825)
    assert north.close_cap[3] == pytest.approx(10 * 552 / 1825)
    # month 6, day 183: 137 days = 1644/365 = 4.504 months; ramp 0.900822
    assert ae[6] == pytest.approx(1644 / 1825)
    # month 7, day 213: 167 days = 5.49 months ≥ 5: fully ramped; month 8 (day 244, 198 days) too
    assert ae[7] == ae[8] == 1.0
    # month 8: close_cap 10; wins = min(12, 10) × 0.25 = 2.5; bookings 25,000/month, 300,000/year
    assert north.close_cap[8] == pytest.approx(10)
    assert north.wins[8] == pytest.approx(2.5)
    assert north.bookings_year[8] == pytest.approx(300_000)
    assert north.supply == (pytest.approx(12),) * 13


def test_a_leaver_counts_until_the_leave_date() -> None:
    # Leaves on 2027-07-01 = day 181: still there at month 5 (day 153), gone at month 6 (day 183).
    plan = make_plan([(person("lea", status=Status.LEAVING, leave_date=day(181)), NORTH, Role.AE)])
    close_cap = timeline(plan, SCENARIO).teams[NORTH].close_cap
    assert close_cap[5] == pytest.approx(10)
    assert close_cap[6] == close_cap[12] == 0.0


def test_per_team_and_total() -> None:
    plan = make_plan([(LATE_AE, NORTH, Role.AE), (person("sid"), NORTH, Role.SDR_OUTBOUND),
                      (person("lea", status=Status.LEAVING, leave_date=day(181)), SOUTH, Role.AE)],
                     teams=(make_team(), make_team(SOUTH, "South")))
    result = timeline(plan, SCENARIO)
    assert list(result.teams) == [NORTH, SOUTH]
    # month 2: North 10 × 36/365 = 0.98630, South 10 → 10.98630
    assert result.total.close_cap[2] == pytest.approx(10 + 10 * 36 / 365)
    # month 6: North 10 × 1644/1825 = 9.00822, South has left → 9.00822
    assert result.total.close_cap[6] == pytest.approx(10 * 1644 / 1825)
    # wins add up team by team: South has no supply, so no wins; North min(12, 0.98630) × 0.25 at month 2
    assert result.teams[SOUTH].wins == (0.0,) * 13
    assert result.total.wins[2] == pytest.approx(0.25 * 360 / 365)
    assert result.total.effective_fte[Role.AE][2] == pytest.approx(36 / 365 + 1)
    assert result.total.effective_fte[Role.SDR_OUTBOUND] == (1.0,) * 13


# --- attrition ---------------------------------------------------------------------------------------

def test_attrition_is_a_survival_factor_from_the_as_of_date() -> None:
    # Default attrition 0.15 (a founder 0). Ana was hired long ago, Bo has no start date.
    plan = make_plan([(person("ana", start_date=date(2025, 1, 1)), NORTH, Role.AE), (person("bo"), NORTH, Role.AE),
                      (person("ida"), NORTH, Role.FOUNDER)], attrition=None, horizon=24)
    ae = timeline(plan, SCENARIO).teams[NORTH].effective_fte
    assert ae[Role.AE][0] == 2.0  # nothing has passed at month 0
    # month 6 is day 183: each AE × (1 − 0.15)^(183/365) = 0.85^0.50137 = 0.92175 — the (1 − 0.15)^(6/12)
    # = 0.92195 of a grid of exact half years, but 183 days have passed, not 182.5.
    assert ae[Role.AE][6] == pytest.approx(2 * 0.85 ** (183 / 365))
    assert ae[Role.AE][6] == pytest.approx(2 * 0.85 ** (6 / 12), abs=5e-4)
    # month 12 is day 365: exactly 0.85 each; month 24 (day 730): 0.85² = 0.7225 each
    assert ae[Role.AE][12] == pytest.approx(2 * 0.85)
    assert ae[Role.AE][24] == pytest.approx(2 * 0.7225)
    assert ae[Role.FOUNDER][24] == 1.0  # founders' default attrition is 0


def test_attrition_of_a_hire_counts_from_the_start_date() -> None:
    plan = make_plan([(LATE_AE, NORTH, Role.AE)], attrition=0.15)
    ae = timeline(plan, SCENARIO).teams[NORTH].effective_fte[Role.AE]
    # month 8, day 244: fully ramped, 244 − 46 = 198 days on board: 0.85^(198/365) = 0.91561
    assert ae[8] == pytest.approx(0.85 ** (198 / 365))
    # month 2, day 61: ramp 36/365 (above) × 0.85^(15/365)
    assert ae[2] == pytest.approx(36 / 365 * 0.85 ** (15 / 365))


def test_survival() -> None:
    assert survival(0.15, 0) == 1.0
    assert survival(0.15, 12) == pytest.approx(0.85)
    assert survival(0.15, 6) == pytest.approx(0.85 ** 0.5)  # 0.92195
    assert survival(1.0, 1) == 0.0


def test_month_0_repeats_todays_figures() -> None:
    """Month 0 is the as-of date: the timeline starts from exactly the figures of the rest of the app."""
    plan = sample_plan()
    for scenario_id in plan.scenarios:
        first = timeline(plan, scenario_id)
        analysis = ScenarioAnalysis(plan, scenario_id)
        for team_id, series in first.teams.items():
            result = analysis.team(team_id)
            assert (series.supply[0], series.close_cap[0], series.wins[0], series.bookings[0]) == (
                result.supply, result.close_cap, result.wins, result.bookings)
            assert {role: values[0] for role, values in series.effective_fte.items()} == result.effective_fte


# --- the vectorised timeline equals the loop ---------------------------------------------------------

def assert_same(fast: Timeline, loop: Timeline) -> None:
    """Equal to the last bit: the vectorised timeline does the loop's arithmetic in the loop's order, and
    takes each survival factor from ``capacity.survival`` itself."""
    assert fast.dates == loop.dates and list(fast.teams) == list(loop.teams)
    for fast_series, loop_series in [*zip(fast.teams.values(), loop.teams.values(), strict=True),
                                     (fast.total, loop.total)]:
        for name in ("supply", "close_cap", "wins", "bookings"):
            assert getattr(fast_series, name) == getattr(loop_series, name), name
        for role in ROLE_ORDER:
            assert fast_series.effective_fte[role] == loop_series.effective_fte[role], role


def test_vectorised_equals_compute_team_month_by_month_on_the_sample_plan() -> None:
    plan = sample_plan()
    plan.horizon_months = 24
    for scenario_id in plan.scenarios:
        assert_same(timeline(plan, scenario_id), timeline_by_loop(plan, scenario_id))


@given(plans())
def test_vectorised_equals_compute_team_month_by_month_on_any_plan(plan: Plan) -> None:
    for scenario_id in plan.scenarios:
        assert_same(timeline(plan, scenario_id), timeline_by_loop(plan, scenario_id))


def test_an_unknown_scenario_is_a_plan_error() -> None:
    with pytest.raises(PlanError):
        timeline(make_plan([]), ScenarioId("s-nowhere"))


# --- the hiring plan ---------------------------------------------------------------------------------

def test_hiring_plan_of_the_sample_proposal() -> None:
    hires = hiring_plan(sample_plan(), ScenarioId("s-growth"))
    assert [h.opening_id for h in hires] == ["o-ae-1", "o-sdr-1"]
    ae, sdr = hires
    assert (ae.role, ae.team_id, ae.team_name) == (Role.AE, "t-nordic-ent", "Nordic Enterprise")
    # starts 2027-03-01 = day 59: month 1 (day 31) is before, month 2 (day 61) the first on or after
    assert (ae.start_date, ae.start_month) == (date(2027, 3, 1), 2)
    assert ae.annual_cost == 175_000  # its own
    # 5 months of ramp = 152.08 days → fully productive after 153 days: 2027-08-01 = day 212 → month 7 (day 213)
    assert (ae.full_date, ae.full_month) == (date(2027, 8, 1), 7)
    # outbound SDR: starts 2027-04-01 = day 90 → month 3 (day 92); 3 months = 91.25 days → 92 days later,
    # 2027-07-02 = day 182 → month 6 (day 183); cost: the sdr_outbound default 90,000 × fte 1
    assert (sdr.start_month, sdr.full_date, sdr.full_month, sdr.annual_cost) == (3, date(2027, 7, 2), 6, 90_000)


def test_hiring_plan_agrees_with_the_timeline() -> None:
    plan = _ramp_plan()
    (hire,) = hiring_plan(plan, SCENARIO)
    # day 46 → month 2 (day 61); full after 153 days: day 199 → month 7 (day 213)
    assert (hire.start_month, hire.full_month, hire.full_date) == (2, 7, day(199))
    ae = timeline(plan, SCENARIO).teams[NORTH].effective_fte[Role.AE]
    assert ae[hire.start_month - 1] == 0.0 < ae[hire.start_month]
    assert ae[hire.full_month - 1] < 1.0 == ae[hire.full_month]


def test_hiring_plan_bench_and_undated_openings() -> None:
    plan = make_plan([(Opening(OpeningId("o-now"), "AE now", fte=0.5), NORTH, Role.AE)])
    scenario = plan.scenarios[SCENARIO]
    for opening in (Opening(OpeningId("o-bench"), "Someday", start_date=day(400), annual_cost=60_000),
                    Opening(OpeningId("o-bench-2"), "Someday too")):
        scenario.openings[opening.id] = opening
    now, bench, bench_no_cost = hiring_plan(plan, SCENARIO)
    # no start date: productive from month 0; cost = ae default 180,000 × fte 0.5
    assert (now.start_month, now.full_month, now.full_date, now.annual_cost) == (0, 0, None, 90_000)
    # the bench has no role: no default cost, no ramp; day 400 is after month 13 (day 396) → month 14
    assert (bench.role, bench.team_id, bench.annual_cost, bench.full_month) == (None, None, 60_000, None)
    assert bench.start_month == 14
    assert bench_no_cost.annual_cost is None


# --- the attrition assumption in plan files ----------------------------------------------------------

def test_attrition_round_trips_through_the_plan_file() -> None:
    plan = sample_plan()
    roles = {role: dict(values) for role, values in plan.assumptions.roles.items()}
    roles[Role.AE][ANNUAL_ATTRITION] = 0.3
    plan.assumptions = Assumptions(tolerance=plan.assumptions.tolerance, roles=roles)
    team = plan.scenarios[plan.baseline].teams[TeamId("t-smb")]
    plan.scenarios[plan.baseline].teams[team.id] = Team(team.id, team.name, segment=team.segment,
                                                        market=team.market,
                                                        roles={Role.SDR_OUTBOUND: {ANNUAL_ATTRITION: 0.4}})
    loaded = loads_plan(dumps_plan(plan))
    assert loaded.assumptions.roles[Role.AE][ANNUAL_ATTRITION] == 0.3
    assert loaded.scenarios[plan.baseline].teams[team.id].roles == {Role.SDR_OUTBOUND: {ANNUAL_ATTRITION: 0.4}}
    assert dumps_plan(loaded) == dumps_plan(plan)


def _plan_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dumps_plan(sample_plan()))
    return data


@pytest.mark.parametrize(("place", "value"), [("assumptions.roles.ae.annual_attrition", 1.5),
                                              ("assumptions.roles.am.annual_attrition", -0.1),
                                              ("scenarios[0].teams[0].roles.am.annual_attrition", 1.01)])
def test_attrition_outside_0_to_1_is_refused_naming_its_place(place: str, value: float) -> None:
    data = _plan_json()
    if place.startswith("assumptions"):
        data["assumptions"]["roles"][place.split(".")[2]]["annual_attrition"] = value
    else:
        data["scenarios"][0]["teams"][0]["roles"]["am"]["annual_attrition"] = value
    with pytest.raises(PlanFileError) as error:
        loads_plan(json.dumps(data))
    assert error.value.places == [place]
    assert str(error.value).endswith(f"must be between 0 and 1 ({place})")


def test_a_file_without_attrition_loads_with_the_defaults() -> None:
    data = _plan_json()
    for values in data["assumptions"]["roles"].values():
        del values["annual_attrition"]
    plan = loads_plan(json.dumps(data))
    assert plan.assumptions.roles[Role.AE][ANNUAL_ATTRITION] == 0.15
    assert plan.assumptions.roles[Role.SDR_INBOUND][ANNUAL_ATTRITION] == 0.30  # SDR studies: 30–34 % a year
    assert plan.assumptions.roles[Role.SDR_OUTBOUND][ANNUAL_ATTRITION] == 0.30
    assert plan.assumptions.roles[Role.FOUNDER][ANNUAL_ATTRITION] == 0
    assert '"annual_attrition": 0.15' in dumps_plan(plan)  # written back in full, like every parameter


def test_a_file_that_sets_sdr_attrition_keeps_its_value() -> None:
    """Files saved before the SDR default rose to 0.30 hold 0.15 explicitly, and keep it."""
    data = _plan_json()
    data["assumptions"]["roles"]["sdr_outbound"]["annual_attrition"] = 0.15
    plan = loads_plan(json.dumps(data))
    assert plan.assumptions.roles[Role.SDR_OUTBOUND][ANNUAL_ATTRITION] == 0.15


def test_timeline_uses_a_teams_attrition_override() -> None:
    team = Team(NORTH, "North", market=make_team().market, roles={Role.AE: {ANNUAL_ATTRITION: 0.5}})
    plan = make_plan([(person("ana"), NORTH, Role.AE)], attrition=0.15, teams=(team,))
    # month 12: 1 × (1 − 0.5)^1 = 0.5, not 0.85
    assert timeline(plan, SCENARIO).teams[NORTH].effective_fte[Role.AE][12] == pytest.approx(0.5)
    assert timeline_by_loop(plan, SCENARIO).teams[NORTH].effective_fte[Role.AE][12] == pytest.approx(0.5)

