"""``salesplanner summary``: the target year (docs/model.md §9) per team and under totals, in JSON and in the
table. The plan is tests/test_targets.py's: North, a ramped ae fed by one SDR, books 25,000 a month
(300,000 over the year) against a quota of 800,000; South, an ae without supply, books nothing."""

from __future__ import annotations

import dataclasses
import json
from io import StringIO
from pathlib import Path

from salesplanner.cli import main
from salesplanner.planfile.write import save_plan
from salesplanner.roles import Role
from tests.test_targets import NORTH, SCENARIO, SOUTH, make_plan, make_team, person, sdrs


def _summary(tmp_path: Path, *argv: str, org_target: float | None = None) -> str:
    north = dataclasses.replace(make_team(), target_bookings=400_000)
    south = make_team(SOUTH, "South")
    plan = make_plan([(person("ana"), NORTH, Role.AE), *sdrs(1), (person("bo"), SOUTH, Role.AE)],
                     teams=(north, south))
    plan.currency = "EUR"
    plan.scenarios[SCENARIO].target_bookings = org_target
    path = tmp_path / "targets.salesplan"
    save_plan(plan, path)
    out, err = StringIO(), StringIO()
    assert main(["summary", str(path), *argv], out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def test_json_gives_each_team_its_target_year(tmp_path: Path) -> None:
    data = json.loads(_summary(tmp_path, "--json"))
    north, south = data["teams"]
    assert (north["target_bookings"], north["expected_bookings_year"], north["target_coverage"],
            north["target_verdict"], north["quota_capacity"]) == (400_000, 300_000, 0.75, "short", 800_000)
    # no target: null coverage and verdict, but expected bookings and quotas all the same
    assert (south["target_bookings"], south["expected_bookings_year"], south["target_coverage"],
            south["target_verdict"], south["quota_capacity"]) == (None, 0, None, None, 800_000)


def test_json_totals_sum_the_teams_targets(tmp_path: Path) -> None:
    totals = json.loads(_summary(tmp_path, "--json"))["totals"]
    assert (totals["target_bookings"], totals["target_source"], totals["expected_bookings_year"],
            totals["target_coverage"], totals["target_verdict"], totals["quota_capacity"]) == (
        400_000, "teams", 300_000, 0.75, "short", 1_600_000)


def test_json_totals_take_the_scenarios_own_target(tmp_path: Path) -> None:
    totals = json.loads(_summary(tmp_path, "--json", org_target=250_000))["totals"]
    assert (totals["target_bookings"], totals["target_source"], totals["target_coverage"],
            totals["target_verdict"]) == (250_000, "scenario", 1.2, "ahead")


def test_the_table_shows_the_target_year(tmp_path: Path) -> None:
    text = _summary(tmp_path)
    assert "  Target                EUR 400,000  the sum of the teams' targets\n" in text
    assert "  Expected bookings     EUR 300,000  short by EUR 100,000\n" in text
    assert "  Coverage               75 % short  expected ÷ target\n" in text
    assert "  Quota capacity      EUR 1,600,000  closers' quotas for the target year\n" in text
    lines = text.splitlines()
    start = lines.index("Teams — the target year (expected: months 0 … 12 of the timeline, with ramp, starts, "
                        "leaves and attrition)")
    assert lines[start + 1].split() == ["team", "target", "expected", "coverage", "quota", "capacity"]
    assert lines[start + 3].split() == ["North", "EUR", "400,000", "EUR", "300,000", "75", "%", "short",
                                        "EUR", "800,000"]
    assert lines[start + 4].split() == ["South", "—", "EUR", "0", "—", "EUR", "800,000"]
