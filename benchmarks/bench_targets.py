"""Time the target year (docs/model.md §9) against the §4 recompute it sits beside, on synthetic plans of
100, 1,000 and 10,000 people.

Run from the project folder: ``uv run python benchmarks/bench_targets.py [--runs 7]``. Each figure is the
median of ``--runs`` runs, with a garbage collection before each run. See ``benchmarks/README.md`` ("The
target year") for what each row measures.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

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


def median_seconds(run: Callable[[], float | None], runs: int) -> float:
    """Median over ``runs`` of ``run``'s own result, or of its wall time when it returns None."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        measured = run()
        elapsed = time.perf_counter() - start
        times.append(elapsed if measured is None else measured)
    return statistics.median(times)


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


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1e3:,.2f} ms" if seconds < 0.01 else f"{seconds * 1e3:,.1f} ms"


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
        figures["e"][people] = median_seconds(partial(average_move, plan, analysis), runs)
        figures["g"][people] = median_seconds(partial(contributions, plan), runs)  # imports numpy

    a, b, c, e, g = (figures[key] for key in "abceg")
    rows = [
        ("(a) every team's §4 figures by compute_team", [milliseconds(a[n]) for n in SIZES], "", ""),
        ("(b) every team's §4 figures, target year and quotas (one pass)", [milliseconds(b[n]) for n in SIZES],
         "", ""),
        ("    (b) ÷ (a)", [f"{b[n] / a[n]:.2f}×" for n in SIZES], "", ""),
        ("(c) full recompute", [milliseconds(c[n]) for n in SIZES], "", ""),
        (f"(e) one move (mean of {MOVES})", [milliseconds(e[n]) for n in SIZES], "", ""),
        ("    (e) ÷ (e at 100)", [f"{e[n] / e[SIZES[0]]:.2f}×" for n in SIZES], "", ""),
        ("(g) hiring plan: every opening's contribution", [milliseconds(g[n]) for n in SIZES], "", ""),
    ]
    headers = ("measure", [f"{n:,} people" for n in SIZES], "goal", "met")
    table = [headers, *rows]
    widths = [max(len(r[0]) for r in table), *(max(len(r[1][i]) for r in table) for i in range(len(SIZES))),
              max(len(r[2]) for r in table), 3]

    def line(row: tuple[str, list[str], str, str]) -> str:
        return "  ".join([row[0].ljust(widths[0]), *(cell.rjust(widths[i + 1]) for i, cell in enumerate(row[1])),
                          row[2].ljust(widths[-2]), row[3]]).rstrip()

    print(f"Sales Planner target-year benchmark — median of {runs} runs, gc.collect() before each")
    print(f"Python {platform.python_version()} on {platform.machine()} {platform.system()}; seed {SEED}, "
          f"{PEOPLE_PER_TEAM} people per team, the baseline scenario")
    print()
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
