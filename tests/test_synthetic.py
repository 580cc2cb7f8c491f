"""Synthetic plans: deterministic, exactly the size asked for, valid, and shaped like a real org."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import ramp
from salesplanner.model import Plan, PlanError, Status
from salesplanner.planfile.read import loads_plan
from salesplanner.planfile.write import dumps_plan
from salesplanner.roles import Role
from salesplanner.synthetic import synthetic_plan

AS_OF = date(2027, 1, 1)


@pytest.fixture(scope="module")
def plan_1000() -> Plan:
    return synthetic_plan(people=1000, teams=50, seed=7)


def test_same_seed_gives_the_same_file() -> None:
    first = dumps_plan(synthetic_plan(people=300, teams=15, seed=3))
    assert dumps_plan(synthetic_plan(people=300, teams=15, seed=3)) == first


def test_another_seed_gives_another_plan() -> None:
    assert (dumps_plan(synthetic_plan(people=300, teams=15, seed=3))
            != dumps_plan(synthetic_plan(people=300, teams=15, seed=4)))


@pytest.mark.parametrize(("people", "teams"), [(0, 0), (0, 3), (5, 1), (7, 0), (100, 5), (1000, 50),
                                               (2000, 100)])
def test_size_is_exactly_as_asked_and_the_file_loads(people: int, teams: int) -> None:
    plan = synthetic_plan(people=people, teams=teams, seed=11)
    assert len(plan.people) == people
    assert [len(s.teams) for s in plan.scenarios.values()] == [teams, teams]
    text = dumps_plan(plan)
    assert dumps_plan(loads_plan(text)) == text  # valid, and nothing is lost on the way


def test_openings_are_about_five_percent_and_placed_in_teams(plan_1000: Plan) -> None:
    today, proposal = plan_1000.scenarios.values()
    assert len(today.openings) == 50
    assert all(opening_id in today.assignments for opening_id in today.openings)
    for opening in today.openings.values():
        assert opening.start_date is not None
        assert AS_OF < opening.start_date <= AS_OF + timedelta(days=9 * 31)
    assert set(today.openings) < set(proposal.openings)  # the proposal adds a few


def test_ids_are_numbered() -> None:
    plan = synthetic_plan(people=120, teams=6, seed=1)
    today = plan.scenarios[plan.baseline]
    assert list(plan.people)[:2] == ["p-00001", "p-00002"]
    assert list(today.teams)[:2] == ["t-0001", "t-0002"]
    assert list(today.openings)[:2] == ["o-0001", "o-0002"]
    assert [s.name for s in plan.scenarios.values()] == ["Today", "Proposal"]


def test_every_role_but_founder_in_a_large_plan(plan_1000: Plan) -> None:
    # A founder sells only in tiny plans (up to 20 people), as in a real start-up.
    roles = Counter(p.role for p in plan_1000.scenarios[plan_1000.baseline].assignments.values())
    assert set(roles) == set(Role) - {Role.FOUNDER}
    sellers = sum(n for role, n in roles.items() if role is not Role.MANAGER)
    assert 0.25 < roles[Role.AE] / sellers < 0.35
    assert 0.20 < roles[Role.AM] / sellers < 0.30
    assert 0 < roles[Role.FULL_CYCLE] < roles[Role.SDR_INBOUND] < roles[Role.SDR_OUTBOUND]


def test_large_plan_has_ramping_people_leavers_part_timers_and_a_bench(plan_1000: Plan) -> None:
    today = plan_1000.scenarios[plan_1000.baseline]
    ramp_months = plan_1000.assumptions.roles
    ramping = [p for p in plan_1000.people.values() if p.id in today.assignments
               and 0 < ramp(start=p.start_date, leave=p.leave_date, on=AS_OF,
                            ramp_months=ramp_months[today.assignments[p.id].role]["ramp_months"]) < 1]
    leavers = [p for p in plan_1000.people.values() if p.status is Status.LEAVING]
    assert ramping
    assert leavers
    for person in leavers:
        assert person.leave_date is not None
        assert AS_OF < person.leave_date <= AS_OF + timedelta(days=366)
    part_timers = sum(p.fte < 1 for p in plan_1000.people.values())
    assert 40 <= part_timers <= 130
    assert len(plan_1000.people) - sum(m.startswith("p-") for m in today.assignments) == 50
    assert any(p.start_date is not None and p.start_date > AS_OF for p in plan_1000.people.values())


def test_people_look_real(plan_1000: Plan) -> None:
    emails = [p.email for p in plan_1000.people.values()]
    assert len(set(emails)) == len(emails)  # shared names get numbered addresses
    assert all(e is not None and re.fullmatch(r"[a-z]+\.[a-z]+\d*@nordlys\.example", e) for e in emails)
    assert len({p.name for p in plan_1000.people.values()}) > 300
    assert len({p.location for p in plan_1000.people.values()}) > 10


def test_team_names_unique_and_markets_differ_by_segment() -> None:
    plan = synthetic_plan(people=2400, teams=120, seed=5)  # more teams than the 54 markets
    teams = list(plan.scenarios[plan.baseline].teams.values())
    assert len({t.name for t in teams}) == len(teams)
    enterprise = [t for t in teams if t.segment == "Enterprise"]
    smb = [t for t in teams if t.segment == "SMB"]
    assert all(90 <= t.market.sales_cycle_days <= 180 for t in enterprise)
    assert all(20 <= t.market.sales_cycle_days <= 45 for t in smb)
    assert all(12 <= t.roles[Role.AM]["accounts_per_am"] <= 20 for t in enterprise)
    assert min(t.market.avg_deal_size for t in enterprise) > max(t.market.avg_deal_size for t in smb)


def test_proposal_moves_about_five_percent(plan_1000: Plan) -> None:
    today, proposal = plan_1000.scenarios.values()
    moved = [m for m, placement in today.assignments.items() if proposal.assignments[m] != placement]
    assert 30 <= len(moved) <= 60


def test_verdicts_are_mixed(plan_1000: Plan) -> None:
    totals = ScenarioAnalysis(plan_1000, plan_1000.baseline).totals
    assert totals.teams_balanced and totals.teams_underused and totals.teams_overloaded


def test_tiny_plan_has_a_founder_and_computes() -> None:
    plan = synthetic_plan(people=5, teams=1, seed=2)
    today = plan.scenarios[plan.baseline]
    assert [p.role for p in today.assignments.values() if p.role is Role.FOUNDER] == [Role.FOUNDER]
    assert ScenarioAnalysis(plan, plan.baseline).totals.headcount == 5


def test_zero_people_gives_empty_teams() -> None:
    # Documented choice: an empty roster is a valid plan (teams without people), not an error.
    plan = synthetic_plan(people=0, teams=3, seed=2)
    assert ScenarioAnalysis(plan, plan.baseline).totals.headcount == 0


@pytest.mark.parametrize(("people", "teams"), [(-1, 1), (10, -1)])
def test_negative_sizes_are_refused(people: int, teams: int) -> None:
    with pytest.raises(PlanError, match="zero or more"):
        synthetic_plan(people=people, teams=teams, seed=1)
