"""``salesplanner summary``: the target year (docs/model.md §9) per team and under totals, in JSON and in the
table. The plan is tests/test_targets.py's: North, a ramped ae fed by one SDR, books 25,000 a month
(300,000 over the year) against a quota of 800,000; South, an ae without supply, books nothing."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
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
    assert "  Target                € 400,000  the sum of the teams' targets\n" in text
    assert "  Expected bookings     € 300,000  short by € 100,000\n" in text
    assert "  Coverage             75 % short  expected ÷ target\n" in text
    assert "  Quota capacity      € 1,600,000  closers' quotas for the target year\n" in text
    lines = text.splitlines()
    start = lines.index("Teams — the target year (expected: months 0 … 12 of the timeline, with ramp, starts, "
                        "leaves and attrition)")
    assert lines[start + 1].split() == ["team", "target", "expected", "coverage", "quota", "capacity"]
    assert lines[start + 3].split() == ["North", "€", "400,000", "€", "300,000", "75", "%", "short",
                                        "€", "800,000"]
    assert lines[start + 4].split() == ["South", "—", "€", "0", "—", "€", "800,000"]


# --- the rest of the summary, by hand ----------------------------------------------------------------
# The same plan. North: supply 12 (one SDR), closing capacity 10 (one ae: 20 open opportunities over a
# two-month cycle), wins min(12, 10) × 0.25 = 2.5, bookings 25,000 a month; SDR → closer 12 / 10 = 1.2,
# overloaded (τ = 0.15); no churn, so 12 months of 2.5 wins leave 30 accounts and no AM to take them
# (overloaded, no ratio). South: closing capacity 10 and no supply: SDR → closer 0, underused. Together:
# 3 people, supply 12, closing capacity 20, bookings 300,000 a year, cost 2 × 180,000 + 90,000 = 450,000,
# cost of sales 450,000 / 300,000 = 1.5, 1 SDR for 2 closers; the top 20 % of 2 closers (rounded up: 1)
# hold 10 of 20 = 50 % of closing capacity, above 40 %; no manager, so all 3 report to the VP.

def test_json_gives_the_stage_totals_and_every_teams_flows(tmp_path: Path) -> None:
    data = json.loads(_summary(tmp_path, "--json"))
    assert (data["scenario"], data["baseline"], data["as_of"], data["currency"]) == ("Plan", True, "2027-01-01", "EUR")
    assert data["stage"] == "Specialists"  # no founder, no full-cycle rep, no AM so no complete market team
    totals = data["totals"]
    assert (totals["headcount"], totals["openings"], totals["teams"], totals["teams_balanced"]) == (3, 0, 2, 0)
    assert totals["supply"] == 12 and totals["close_cap"] == 20 and totals["wins"] == 2.5
    assert (totals["bookings_month"], totals["bookings_year"], totals["annual_cost"]) == (25_000, 300_000, 450_000)
    assert (totals["cost_of_sales"], totals["sdr_per_closer"]) == (1.5, 0.5)
    assert (totals["top_closer_count"], totals["top_closer_share"], totals["vp_span"]) == (1, 0.5, 3)
    north, south = data["teams"]
    assert north["members"] == {"sdr_outbound": 1, "ae": 1}
    assert (north["supply"], north["close_cap"], north["worked"], north["bookings"]) == (12, 10, 10, 25_000)
    assert north["sdr_to_closer"] == 1.2 and north["closer_to_am"] is None and north["accounts_H"] == 30
    assert north["verdicts"] == {"inbound_load": None, "sdr_to_closer": "overloaded", "closer_to_am": "overloaded"}
    assert (north["bottleneck"], north["status"], north["annual_cost"]) == ("sdr_to_closer", "overloaded", 270_000)
    assert (south["sdr_to_closer"], south["status"], south["bottleneck"]) == (0, "underused", None)


def test_json_lists_the_warnings_organisation_first(tmp_path: Path) -> None:
    # Attainment: North expects 300,000 against 800,000 of quota (38 %, below 60 %), South 0 %, the
    # organisation 300,000 against 1,600,000 (19 %).
    assert json.loads(_summary(tmp_path, "--json"))["warnings"] == [
        "Superstar dependency: the top closer holds 50 % of closing capacity (above 40 %)",
        "Organisation: the model expects 19 % attainment (€ 300 k expected against € 1.60 M of quota; "
        "below 60 %)",
        "North: closers overloaded: 2 opportunities/month not worked",
        "North: account managers overloaded: 30 accounts over capacity",
        "North: the model expects 38 % attainment (€ 300 k expected against € 800 k of quota; below 60 %)",
        "South: closers underfed: 100 % of closing capacity idle",
        "South: the model expects 0 % attainment (€ 0 expected against € 800 k of quota; below 60 %)",
    ]


def test_the_table_shows_the_stage_organisation_flows_and_handoffs(tmp_path: Path) -> None:
    text = _summary(tmp_path)
    lines = text.splitlines()
    assert lines[0] == 'Timeline test — scenario "Plan" (baseline) · as of 01/01/2027 · horizon 12 months'
    assert "Stage: Specialists" in lines
    assert "  Bookings / year       € 300,000" in lines
    assert "  Annual cost           € 450,000  people in teams and open positions" in lines
    assert "  Cost of sales              1.50  annual cost ÷ bookings per year" in lines
    assert "  Balanced teams            0 / 2" in lines
    assert "Warnings (7)" in lines
    flows = lines.index("Teams — flows per month")
    assert lines[flows + 3].split() == ["North", "2", "0.0", "0.0", "0.0", "12.0", "12.0", "10.0", "10.0", "2.5",
                                        "€", "25,000", "30.0", "0.0"]
    handoffs = lines.index("Teams — handoffs (load on the receiving role; 1.00 is ideal)")
    # No inbound at all: no verdict; accounts but no AM: overloaded without a ratio.
    assert lines[handoffs + 3].split() == ["North", "—", "1.20", "overloaded", "—", "overloaded", "SDR", "→", "closer"]
    assert lines[handoffs + 4].split() == ["South", "—", "0.00", "underused", "—", "—"]


def test_another_scenario_is_chosen_by_name_and_an_unknown_one_is_one_sentence(tmp_path: Path) -> None:
    assert json.loads(_summary(tmp_path, "--json", "--scenario", "Plan"))["scenario"] == "Plan"
    out, err = StringIO(), StringIO()
    assert main(["summary", str(tmp_path / "targets.salesplan"), "--scenario", "Growth"], out=out, err=err) == 1
    assert out.getvalue() == ""
    assert err.getvalue() == 'salesplanner: there is no scenario named "Growth" (the plan has "Plan")\n'


def test_summary_loads_neither_numpy_nor_pandas(tmp_path: Path) -> None:
    """A one-shot command pays every import in full: numpy's alone costs more than reading a big plan."""
    _summary(tmp_path)
    script = ("import sys\nfrom ui.launch import main\nmain(['summary', sys.argv[1], '--json'])\n"
              "print(sorted(name for name in ('numpy', 'pandas', 'PySide6') if name in sys.modules))")
    printed = subprocess.run([sys.executable, "-c", script, str(tmp_path / "targets.salesplan")], check=True,
                             capture_output=True, text=True).stdout
    assert printed.splitlines()[-1] == "[]"
