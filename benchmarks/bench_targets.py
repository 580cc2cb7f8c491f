"""Time the target year (docs/model.md §9) against the §4 recompute it sits beside, on synthetic plans of
100, 1,000 and 10,000 people.

Run from the project folder: ``uv run python benchmarks/bench_targets.py [--runs 7]``. Each figure is the
median of ``--runs`` runs, with a garbage collection before each run; numpy is imported (and warmed up)
before timing. See ``benchmarks/README.md`` ("The target year") for what each row measures.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

import salesplanner.analysis as analysis_module
from salesplanner.analysis import ScenarioAnalysis
from salesplanner.commands import Assign
from salesplanner.model import MemberId, Placement, Plan
from salesplanner.synthetic import synthetic_plan
from salesplanner.targets import TARGET_YEAR_MONTHS, TeamTarget, expected_by_month, hire_contributions, team_target

SIZES = (100, 1_000, 10_000)
PEOPLE_PER_TEAM = 20
SEED = 7
MOVES = 100
GOAL = 2.0  # (b) ÷ (a) on the largest plan, at most


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


@contextmanager
def without_targets() -> Iterator[None]:
    """The analysis as it was before §9: the target step returns a fixed, empty target at once."""
    zeros = (0.0,) * (TARGET_YEAR_MONTHS + 1)
    saved = analysis_module.expected_by_month, analysis_module.team_target

    def no_target(plan: Plan, team: object, seats: object, bookings: tuple[float, ...]) -> TeamTarget:
        return TeamTarget(team_id=team.id, target_bookings=None, bookings_by_month=zeros,  # type: ignore[attr-defined]
                          expected_bookings_year=0.0, quota_capacity=0.0, coverage=None, verdict=None,
                          quota_multiples=())

    analysis_module.expected_by_month = lambda plan, teams: [zeros] * len(teams)  # type: ignore[assignment]
    analysis_module.team_target = no_target  # type: ignore[assignment]
    try:
        yield
    finally:
        analysis_module.expected_by_month, analysis_module.team_target = saved


def full_recompute(analysis: ScenarioAnalysis) -> None:
    analysis.recompute()
    _ = analysis.totals


def every_target(plan: Plan, analysis: ScenarioAnalysis) -> None:
    """What the target step of a full recompute does: every team's monthly bookings in one batch, then
    each team's target, coverage and quotas."""
    scenario = analysis.scenario
    teams = [(scenario.teams[t], analysis.seats(t)) for t in scenario.teams]
    for (team, seats), monthly in zip(teams, expected_by_month(plan, teams), strict=True):
        team_target(plan, team, seats, monthly)


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
    figures: dict[str, dict[int, float]] = {key: {} for key in "abcefg"}
    for people in SIZES:
        plan = synthetic_plan(people=people, teams=people // PEOPLE_PER_TEAM, seed=SEED)
        analysis = ScenarioAnalysis(plan, plan.baseline)  # imports numpy
        with without_targets():
            figures["a"][people] = median_seconds(partial(full_recompute, analysis), runs)
            figures["f"][people] = median_seconds(partial(average_move, plan, analysis), runs)
        analysis.recompute()
        figures["b"][people] = median_seconds(partial(every_target, plan, analysis), runs)
        figures["c"][people] = median_seconds(partial(full_recompute, analysis), runs)
        figures["e"][people] = median_seconds(partial(average_move, plan, analysis), runs)
        figures["g"][people] = median_seconds(partial(contributions, plan), runs)

    a, b, c, e, f, g = (figures[key] for key in "abcefg")
    large = SIZES[-1]
    ratio = b[large] / a[large]
    rows = [
        ("(a) full recompute without the target year (as before)", [milliseconds(a[n]) for n in SIZES], "", ""),
        ("(b) every team's expected bookings, coverage and quotas", [milliseconds(b[n]) for n in SIZES], "", ""),
        ("    (b) ÷ (a)", [f"{b[n] / a[n]:.2f}×" for n in SIZES], f"≤ {GOAL:g}× at {large:,}",
         "yes" if ratio <= GOAL else "NO"),
        ("(c) full recompute with the target year", [milliseconds(c[n]) for n in SIZES], "", ""),
        ("    (c) ÷ (a)", [f"{c[n] / a[n]:.2f}×" for n in SIZES], "", ""),
        (f"(e) one move with the target year (mean of {MOVES})", [milliseconds(e[n]) for n in SIZES], "", ""),
        (f"(f) one move without it (mean of {MOVES})", [milliseconds(f[n]) for n in SIZES], "", ""),
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
    print()
    print("All goals met." if ratio <= GOAL else "Goal missed (see benchmarks/README.md).")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
