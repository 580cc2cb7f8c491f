"""Time the target year (docs/model.md §9) against the §4 recompute it sits beside, on synthetic plans of
100, 1,000 and 10,000 people.

Run from the project folder: ``uv run python benchmarks/bench_targets.py [--runs 7]``. Each figure is the
median of ``--runs`` runs, with a garbage collection before each run. See ``benchmarks/README.md`` ("The
target year") for what each row measures.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from functools import partial

from measure import Row, median_measured, median_seconds, milliseconds, report

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import compute_team
from salesplanner.commands import Assign
from salesplanner.figures import team_figures
from salesplanner.model import MemberId, Placement, Plan, resolved_role_parameters
from salesplanner.synthetic import synthetic_plan
from salesplanner.targets import hire_contributions

SIZES = (100, 1_000, 10_000)
PEOPLE_PER_TEAM = 20
SEED = 7
MOVES = 100


def compute_teams(plan: Plan, analysis: ScenarioAnalysis) -> None:
    """Every team's §4 figures on the as-of date by definition: ``compute_team`` team by team (what a full
    recompute computed before the target year)."""
    scenario = analysis.scenario
    for team_id, team in scenario.teams.items():
        compute_team(team, analysis.seats(team_id), parameters=resolved_role_parameters(plan.assumptions, team),
                     tolerance=plan.assumptions.tolerance, on=plan.as_of, horizon_months=plan.horizon_months)


def full_recompute(analysis: ScenarioAnalysis) -> None:
    analysis.recompute()
    _ = analysis.totals


def every_figure(plan: Plan, analysis: ScenarioAnalysis) -> None:
    """What a full recompute computes of its teams: §4, the target year and quotas of every team in one pass."""
    scenario = analysis.scenario
    team_figures(plan, [(scenario.teams[t], analysis.seats(t)) for t in scenario.teams])


def contributions(plan: Plan) -> None:
    hire_contributions(plan, plan.baseline)


def average_move(plan: Plan, analysis: ScenarioAnalysis) -> float:
    """Mean time of one drag (Assign, apply, totals) over ``MOVES`` moves to the next team, each undone."""
    scenario = plan.scenarios[plan.baseline]
    team_ids = list(scenario.teams)
    placed = [(m, p) for m, p in scenario.assignments.items() if m in plan.people][:MOVES]
    total = 0.0
    for member_id, placement in placed:
        target = Placement(team_ids[(team_ids.index(placement.team) + 1) % len(team_ids)], placement.role)
        start = time.perf_counter()
        command = Assign(plan.baseline, {MemberId(member_id): target})
        analysis.apply(command.do(plan))
        _ = analysis.totals
        total += time.perf_counter() - start
        analysis.apply(command.undo(plan))
    return total / len(placed)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median taken; at least 3)")
    args = parser.parse_args()
    runs = max(3, args.runs)
    figures: dict[str, dict[int, float]] = {key: {} for key in "abceg"}
    for people in SIZES:
        plan = synthetic_plan(people=people, teams=people // PEOPLE_PER_TEAM, seed=SEED)
        analysis = ScenarioAnalysis(plan, plan.baseline)
        figures["a"][people] = median_seconds(partial(compute_teams, plan, analysis), runs)
        figures["b"][people] = median_seconds(partial(every_figure, plan, analysis), runs)
        figures["c"][people] = median_seconds(partial(full_recompute, analysis), runs)
        figures["e"][people] = median_measured(partial(average_move, plan, analysis), runs)
        figures["g"][people] = median_seconds(partial(contributions, plan), runs)  # imports numpy

    a, b, c, e, g = (figures[key] for key in "abceg")
    rows = [
        Row("(a) every team's §4 figures by compute_team", tuple(milliseconds(a[n]) for n in SIZES)),
        Row("(b) every team's §4 figures, target year and quotas (one pass)", tuple(milliseconds(b[n]) for n in SIZES)),
        Row("    (b) ÷ (a)", tuple(f"{b[n] / a[n]:.2f}×" for n in SIZES)),
        Row("(c) full recompute", tuple(milliseconds(c[n]) for n in SIZES)),
        Row(f"(e) one move (mean of {MOVES})", tuple(milliseconds(e[n]) for n in SIZES)),
        Row("    (e) ÷ (e at 100)", tuple(f"{e[n] / e[SIZES[0]]:.2f}×" for n in SIZES)),
        Row("(g) hiring plan: every opening's contribution", tuple(milliseconds(g[n]) for n in SIZES)),
    ]
    heading = [f"Sales Planner target-year benchmark — median of {runs} runs, gc.collect() before each",
               f"Python {platform.python_version()} on {platform.machine()} {platform.system()}; seed {SEED}, "
               f"{PEOPLE_PER_TEAM} people per team, the baseline scenario"]
    return report(heading, rows, SIZES)


if __name__ == "__main__":
    sys.exit(main())
