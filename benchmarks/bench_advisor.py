"""Time the advisor (docs/model.md §10) on synthetic plans of 100, 1,000 and 10,000 people.

Run from the project folder: ``uv run python benchmarks/bench_advisor.py [--sizes 100 1000 10000]``.
Two kinds of plan, each at 100 / 5, 1,000 / 50 and 10,000 / 500 (people / teams, seed 7):

- **synthetic**: ``synthetic_plan`` as ``salesplanner demo --people N`` writes it — a fifth of its handoffs
  well over the band, a fifth well under, part-timers, ramping people and superstars (many distinct
  kinds of member), τ = 0.15;
- **drifted**: the same people with each team's market sized to its own people (every handoff at 1.0),
  then 5 % of the sellers moved to another team: the "we have drifted, put it right" question, whose
  answer is known to need at most that many moves.

Each plan is advised today (month 0: moves and the bench; hires cannot count yet) and at month 6 (hires
allowed too), with the time limit each goal names. See benchmarks/README.md, "The advisor".
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import time
from dataclasses import replace

from salesplanner.advisor import AdviceOptions, advise
from salesplanner.capacity import MONTH_DAYS, compute_team
from salesplanner.model import Placement, Plan, resolved_role_parameters
from salesplanner.roles import SELLERS, Role
from salesplanner.synthetic import synthetic_plan

SEED = 7
GOALS = {100: (1.0, 0.0), 1_000: (10.0, 0.01), 10_000: (30.0, None)}
"""People → (time limit in seconds, the largest gap that meets the goal; None: any feasible answer)."""


def drifted(plan: Plan, seed: int) -> tuple[Plan, int]:
    """Every team's market sized so its handoffs are 1.0, then 5 % of the sellers moved: (plan, moves)."""
    scenario = plan.scenarios[plan.baseline]
    placed: dict[str, list] = {team_id: [] for team_id in scenario.teams}  # type: ignore[type-arg]
    for member_id in sorted(scenario.assignments):
        placement = scenario.assignments[member_id]
        placed[placement.team].append((plan.member(scenario, member_id), placement.role))
    for team_id, team in scenario.teams.items():
        parameters = resolved_role_parameters(plan.assumptions, team)
        figures = compute_team(team, placed[team_id], parameters=parameters, tolerance=plan.assumptions.tolerance,
                               on=plan.as_of, horizon_months=plan.horizon_months)
        market = replace(team.market, inbound_leads_per_month=figures.cap_in)
        figures = compute_team(replace(team, market=market), placed[team_id], parameters=parameters,
                               tolerance=plan.assumptions.tolerance, on=plan.as_of, horizon_months=plan.horizon_months)
        if figures.close_cap > 0 and figures.supply > 0:  # the cycle at which closing capacity equals supply
            market = replace(market, sales_cycle_days=min(3650.0, market.sales_cycle_days * figures.close_cap
                                                          / figures.supply))
        figures = compute_team(replace(team, market=market), placed[team_id], parameters=parameters,
                               tolerance=plan.assumptions.tolerance, on=plan.as_of, horizon_months=plan.horizon_months)
        churn = (1 - market.monthly_churn) ** plan.horizon_months
        existing = max(0.0, (figures.am_cap - (figures.accounts_H - market.existing_customers * churn)) / churn)
        scenario.teams[team_id] = replace(team, market=replace(market, existing_customers=existing))
    rng = random.Random(seed)
    sellers = sorted(member_id for member_id, placement in scenario.assignments.items()
                     if placement.role in SELLERS and placement.role is not Role.FOUNDER)
    moved = rng.sample(sellers, max(1, round(0.05 * len(sellers))))
    team_ids = list(scenario.teams)
    for member_id in moved:
        placement = scenario.assignments[member_id]
        others = [team_id for team_id in team_ids if team_id != placement.team]
        if others:
            scenario.assignments[member_id] = Placement(rng.choice(others), placement.role)
    return plan, len(moved)


def run(plan: Plan, options: AdviceOptions) -> tuple[str, float]:
    started = time.perf_counter()
    advice = advise(plan, plan.baseline, options)
    seconds = time.perf_counter() - started
    gap = "" if advice.gap is None else f" gap {100 * advice.gap:.1f} %"
    figures = f"{len(advice.moves)} moves, {len(advice.hires)} hires" if advice.teams else str(advice.reason or "")[:60]
    return f"{advice.status.value}{gap} · {figures}", seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=list(GOALS), choices=list(GOALS))
    args = parser.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {sys.platform}; MONTH = {MONTH_DAYS:.4f} days")
    print(f"{'plan':34} {'month':>5}  {'limit':>6}  {'time':>7}  answer")
    for people in args.sizes:
        limit, _ = GOALS[people]
        base = synthetic_plan(people=people, teams=max(1, people // 20), seed=SEED)
        plans = {"synthetic": base, "drifted": None}
        drift_plan, drift_moves = drifted(synthetic_plan(people=people, teams=max(1, people // 20), seed=SEED), SEED)
        plans["drifted"] = drift_plan
        for name, plan in plans.items():
            assert plan is not None
            label = f"{name} {people:,} / {people // 20}" + (f" ({drift_moves} moved)" if name == "drifted" else "")
            for month in (0, 6):
                answer, seconds = run(plan, AdviceOptions(at_month=month, time_limit=limit))
                print(f"{label:34} {month:>5}  {limit:>5.0f}s  {seconds:>6.2f}s  {answer}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
