"""The one-pass figures (salesplanner/figures.py) are the definitions' to the last bit: ``compute_team`` on the
as-of date, ``team_target`` on the target year month by month (``targets.bookings_by_loop``), the numpy
timeline; whichever path ran never shows."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import compute_team, full_ramp_start, has_left, ramp
from salesplanner.figures import team_figures, timeline_in_python
from salesplanner.model import Opening, OpeningId, Plan, resolved_role_parameters
from salesplanner.roles import Role
from salesplanner.targets import bookings_by_loop, target_year_dates, team_target
from salesplanner.timeline import monthly_flows, timeline
from tests.plans import plans, sample_plan
from tests.test_timeline import AS_OF, NORTH, make_plan, person


def _teams(plan: Plan, analysis: ScenarioAnalysis) -> list:  # type: ignore[type-arg]
    scenario = analysis.scenario
    return [(scenario.teams[team_id], analysis.seats(team_id)) for team_id in scenario.teams]


def assert_figures_are_the_definitions(plan: Plan) -> None:
    dates = target_year_dates(plan.as_of)
    for scenario_id in plan.scenarios:
        teams = _teams(plan, ScenarioAnalysis(plan, scenario_id))
        figures = team_figures(plan, teams)
        numpy_bookings = monthly_flows(plan, teams, dates)[0].bookings.tolist() if teams else []
        for index, ((team, seats), found) in enumerate(zip(teams, figures, strict=True)):
            parameters = resolved_role_parameters(plan.assumptions, team)
            assert found.result == compute_team(team, seats, parameters=parameters,
                                                tolerance=plan.assumptions.tolerance, on=plan.as_of,
                                                horizon_months=plan.horizon_months)
            monthly = bookings_by_loop(plan, team, seats)
            assert found.target == team_target(plan, team, seats, monthly)
            assert found.target.bookings_by_month == tuple(numpy_bookings[index])
            assert found.departed == tuple(member for member, _ in seats if has_left(member, plan.as_of))


@given(plan=plans())
def test_every_teams_figures_in_one_pass_are_compute_team_and_team_target_to_the_last_bit(plan: Plan) -> None:
    assert_figures_are_the_definitions(plan)


def test_the_sample_plans_figures_are_the_definitions() -> None:
    assert_figures_are_the_definitions(sample_plan())


@given(plan=plans())
def test_the_timeline_in_plain_python_is_numpys_to_the_last_bit(plan: Plan) -> None:
    for scenario_id in plan.scenarios:
        assert timeline_in_python(plan, scenario_id) == timeline(plan, scenario_id)


def test_a_teams_figures_do_not_depend_on_the_batch() -> None:
    """The analysis recomputes only the teams a change touched: each team's figures must be the same to
    the last bit whichever teams share its batch."""
    plan = sample_plan()
    teams = _teams(plan, ScenarioAnalysis(plan, plan.baseline))
    together = team_figures(plan, teams)
    for index, team in enumerate(teams):
        assert team_figures(plan, [team]) == [together[index]]
    assert team_figures(plan, teams[::-1]) == together[::-1]


@given(ramp_months=st.sampled_from([0.0, 0.5, 1.0, 3.0, 5.0, 7.3, 120.0]) | st.floats(0.0, 120.0),
       days_before=st.integers(-40, 3700))
def test_full_ramp_start_is_where_the_ramp_reaches_one(ramp_months: float, days_before: int) -> None:
    """Whoever started on or before it is fully productive on the date, and nobody who started later."""
    start = AS_OF - timedelta(days=days_before)
    assert (ramp(start, None, ramp_months, AS_OF) == 1.0) == (start <= full_ramp_start(ramp_months, AS_OF))


def test_members_either_side_of_the_full_ramp_start() -> None:
    """A member who started on ``full_ramp_start`` counts in full; one who started a day later still ramps
    (3-month ramp: 91.25 days; 2027-01-01 less 92 days is 2026-10-01)."""
    assert full_ramp_start(3.0, AS_OF) == date(2026, 10, 1)
    plan = make_plan([(person("ramped", start_date=date(2026, 10, 1)), NORTH, Role.SDR_OUTBOUND),
                      (person("ramping", start_date=date(2026, 10, 2)), NORTH, Role.SDR_OUTBOUND),
                      (Opening(OpeningId("o-hire"), "SDR", start_date=date(2027, 2, 1)), NORTH, Role.SDR_OUTBOUND)],
                     attrition=0.3)
    (figures,) = team_figures(plan, _teams(plan, ScenarioAnalysis(plan, plan.baseline)))
    assert figures.result.effective_fte[Role.SDR_OUTBOUND] == 1 + 91 / (365 / 12) / 3
    assert_figures_are_the_definitions(plan)
