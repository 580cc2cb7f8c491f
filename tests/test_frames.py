"""salesplanner.frames: a plan as DataFrames, numbers computed by hand.

The plan (tests/test_timeline.py's conventions: a two-month sales cycle, so an ae takes on 20 / 2 = 10
opportunities a month; win rate 0.25, deals of 10,000, no churn, no attrition; as of 2027-01-01):

- North, target 240,000: Ana (ae, there from the start) and Sid (outbound SDR, 12 opportunities a month).
  Supply 12, closing capacity 10, wins min(12, 10) × 0.25 = 2.5, bookings 25,000 a month, 300,000 a year;
  SDR → closer 12 / 10 = 1.2, overloaded (above 1.15); cost 180,000 + 90,000 = 270,000; the target year
  12 × 25,000 = 300,000, coverage 300,000 / 240,000 = 1.25 (ahead); quota 800,000 (an ae's default).
- South: an ae opening starting on day 46, ramping over 5 months: at month 2 (day 61) 15 days in, effective
  FTE (15 / (365/12)) / 5 = 36/365. No supply, so no bookings. Quota 800,000 × (365 − 46) / 365.
- Bo on the bench with a cost of his own, 50,000.
- Scenario "Growth" moves Sid to South.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from salesplanner import frames
from salesplanner.commands import AddScenario, Assign, copy_scenario
from salesplanner.model import MemberId, Placement, Plan, ScenarioId
from salesplanner.planfile.write import save_plan
from salesplanner.roles import Role
from tests.test_timeline import AS_OF, LATE_AE, NORTH, SCENARIO, SOUTH, day, make_plan, make_team, person

GROWTH = ScenarioId("s-growth")


def frames_plan() -> Plan:
    north = dataclasses.replace(make_team(NORTH, "North"), target_bookings=240_000)
    plan = make_plan([(person("ana"), NORTH, Role.AE), (person("sid"), NORTH, Role.SDR_OUTBOUND),
                      (LATE_AE, SOUTH, Role.AE)], teams=(north, make_team(SOUTH, "South")))
    bo = person("bo", annual_cost=50_000)
    plan.people[bo.id] = bo
    AddScenario(copy_scenario(plan.scenarios[SCENARIO], new_id=GROWTH, name="Growth")).do(plan)
    Assign(GROWTH, {MemberId("p-sid"): Placement(SOUTH, Role.SDR_OUTBOUND)}).do(plan)
    return plan


def test_the_roster_has_everyone_with_their_team_role_and_cost() -> None:
    roster = frames.roster(frames_plan())
    assert list(roster.index) == ["p-ana", "p-sid", "p-bo", "o-ae"]  # people in plan order, then openings
    assert list(roster["kind"]) == ["person", "person", "person", "opening"]
    assert list(roster["team"].fillna("bench")) == ["North", "North", "bench", "South"]
    assert list(roster["role"].fillna("bench")) == ["ae", "sdr_outbound", "bench", "ae"]
    # Costs: an ae's default 180,000, an SDR's 90,000, Bo's own on the bench, the opening an ae's default.
    assert list(roster["annual_cost"]) == [180_000, 90_000, 50_000, 180_000]
    assert roster.loc["o-ae", "name"] == "AE" and roster.loc["o-ae", "start_date"] == day(46)
    assert frames.roster(frames_plan(), "Growth").loc["p-sid", "team"] == "South"


def test_teams_carry_the_flows_loads_and_target_year() -> None:
    teams = frames.teams(frames_plan())
    assert list(teams.index) == ["t-north", "t-south"]
    north = teams.loc["t-north"]
    assert (north["headcount"], north["openings"], north["ae"], north["sdr_outbound"]) == (2, 0, 1, 1)
    assert north["supply"] == pytest.approx(12) and north["close_cap"] == pytest.approx(10)
    assert north["wins"] == pytest.approx(2.5) and north["bookings"] == pytest.approx(25_000)
    assert north["bookings_year"] == pytest.approx(300_000) and north["annual_cost"] == 270_000
    assert north["sdr_to_closer"] == pytest.approx(1.2)
    assert (north["status"], north["bottleneck"]) == ("overloaded", "sdr_to_closer")
    assert pd.isna(north["inbound_load"])  # no inbound leads and no inbound SDR: no such handoff
    assert north["expected_bookings_year"] == pytest.approx(300_000)
    assert north["target_coverage"] == pytest.approx(1.25) and north["target_verdict"] == "ahead"
    assert north["quota_capacity"] == pytest.approx(800_000)
    south = teams.loc["t-south"]
    assert (south["headcount"], south["openings"]) == (0, 1)
    assert south["bookings"] == 0 and pd.isna(south["target_bookings"])
    assert south["quota_capacity"] == pytest.approx(800_000 * 319 / 365)


def test_the_timeline_has_a_row_per_team_and_month() -> None:
    months = frames.timeline(frames_plan())
    assert len(months) == 2 * 13  # two teams, months 0 … 12
    assert months.loc[("t-north", 0), "date"] == AS_OF
    assert months.loc[("t-north", 12), "bookings_year"] == pytest.approx(300_000)
    assert months.loc[("t-south", 1), "effective_fte_ae"] == 0  # day 31: before the start on day 46
    assert months.loc[("t-south", 2), "effective_fte_ae"] == pytest.approx(36 / 365)
    organisation = months.groupby("month").sum(numeric_only=True)
    assert organisation.loc[6, "bookings"] == pytest.approx(25_000)  # South books nothing without supply


def test_compare_has_before_after_and_change_per_team() -> None:
    changes = frames.compare(frames_plan(), None, "Growth")
    north, south = changes.loc["t-north"], changes.loc["t-south"]
    # North without Sid: no supply, so no bookings; one person and an SDR's cost fewer.
    assert (north["headcount_before"], north["headcount_after"], north["headcount_change"]) == (2, 1, -1)
    assert north["bookings_year_before"] == pytest.approx(300_000) and north["bookings_year_after"] == 0
    assert north["bookings_year_change"] == pytest.approx(-300_000)
    assert north["annual_cost_change"] == -90_000
    assert north["expected_bookings_year_change"] == pytest.approx(-300_000)
    assert (north["status_before"], north["added"], north["removed"]) == ("overloaded", False, False)
    # South gains Sid: supply 12 but its closer has not started on the as-of date, so no bookings yet.
    assert (south["headcount_change"], south["supply_after"]) == (1, pytest.approx(12))
    assert south["bookings_year_after"] == 0


def test_load_reads_a_plan_file(tmp_path: Path) -> None:
    save_plan(frames_plan(), tmp_path / "plan.salesplan")
    assert frames.teams(frames.load(tmp_path / "plan.salesplan"), "Growth").loc["t-south", "headcount"] == 1
