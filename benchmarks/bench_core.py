"""Time the core on synthetic plans of 100, 1,000 and 10,000 people and check the speed goals.

Run from the project folder: ``uv run python benchmarks/bench_core.py [--runs 7] [--moves 200]``.
Each figure is the median of ``--runs`` runs, with a garbage collection before each run. See
``benchmarks/README.md`` for what each row measures and why the goals are what they are.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from measure import Row, median_measured, median_seconds, milliseconds, report, verdict

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.commands import Assign
from salesplanner.diagnosis import diagnose
from salesplanner.model import MemberId, Placement, Plan
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import save_plan
from salesplanner.synthetic import synthetic_plan

SIZES = (100, 1_000, 10_000)
PEOPLE_PER_TEAM = 20
SEED = 7
SUMMARY_GOAL = 2.0  # (b) ÷ (a) on the largest plan, at most: opening costs little more than reading
SNAPSHOT_GOAL = 0.016  # (e) on the largest plan, at most: what autosave and export take on the UI thread
MOVE_SCALING_GOAL = 2.0  # (c) on the largest plan ÷ (c) on the smallest, at most
INCREMENTAL_GOAL = 50.0  # (d) ÷ (c) on the largest plan, at least


def read_json(path: Path) -> None:
    with path.open(encoding="utf-8") as stream:
        json.load(stream)


def summary(path: Path) -> None:
    """What ``salesplanner summary`` does: load, analyse the baseline, sum, diagnose."""
    plan = load_plan(path)
    analysis = ScenarioAnalysis(plan, plan.baseline)
    diagnose(analysis.totals)
    analysis.warnings()


def pick_moves(plan: Plan, count: int) -> list[tuple[MemberId, Placement]]:
    """``count`` different moves of one person to another team, same role (fixed seed)."""
    scenario = plan.scenarios[plan.baseline]
    team_ids = list(scenario.teams)
    placed = [(m, p) for m, p in scenario.assignments.items() if m in plan.people]
    rng = random.Random(0)
    moves: dict[tuple[MemberId, Placement], None] = {}
    while len(moves) < count:
        member_id, placement = rng.choice(placed)
        target = rng.choice([t for t in team_ids if t != placement.team])
        moves[(member_id, Placement(target, placement.role))] = None
    return list(moves)


def average_move(plan: Plan, analysis: ScenarioAnalysis, moves: list[tuple[MemberId, Placement]]) -> float:
    """Mean time of one drag: the Assign command, the incremental update and reading the totals.
    Each move is undone (untimed) before the next, so every move starts from the same plan."""
    total = 0.0
    for member_id, placement in moves:
        start = time.perf_counter()
        command = Assign(plan.baseline, {member_id: placement})
        analysis.apply(command.do(plan))
        _ = analysis.totals
        total += time.perf_counter() - start
        analysis.apply(command.undo(plan))
    return total / len(moves)


def take_snapshot(plan: Plan) -> None:
    plan.snapshot()


def full_recompute(analysis: ScenarioAnalysis) -> None:
    analysis.recompute()
    _ = analysis.totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median taken; at least 5)")
    parser.add_argument("--moves", type=int, default=200, help="different moves averaged in (c)")
    args = parser.parse_args()
    runs = max(5, args.runs)

    a: dict[int, float] = {}
    b: dict[int, float] = {}
    c: dict[int, float] = {}
    d: dict[int, float] = {}
    e: dict[int, float] = {}
    file_sizes: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="salesplanner-bench-") as folder:
        for people in SIZES:
            path = Path(folder) / f"synthetic-{people}.salesplan"
            save_plan(synthetic_plan(people=people, teams=people // PEOPLE_PER_TEAM, seed=SEED), path)
            file_sizes[people] = path.stat().st_size
            a[people] = median_seconds(partial(read_json, path), runs)
            b[people] = median_seconds(partial(summary, path), runs)
            plan = load_plan(path)
            analysis = ScenarioAnalysis(plan, plan.baseline)
            moves = pick_moves(plan, args.moves)
            c[people] = median_measured(partial(average_move, plan, analysis, moves), runs)
            d[people] = median_seconds(partial(full_recompute, analysis), runs)
            e[people] = median_seconds(partial(take_snapshot, plan), runs)

    large, small = SIZES[-1], SIZES[0]
    summary_ratio = b[large] / a[large]
    move_scaling = c[large] / c[small]
    incremental = d[large] / c[large]
    rows = [
        Row("(a) json.load of the plan file", tuple(milliseconds(a[n]) for n in SIZES)),
        Row("(b) open + full analysis: load_plan, analysis, totals, diagnose, warnings",
            tuple(milliseconds(b[n]) for n in SIZES)),
        Row("    (b) ÷ (a)", tuple(f"{b[n] / a[n]:.1f}×" for n in SIZES),
            f"≤ {SUMMARY_GOAL:g}× at {large:,}", verdict(summary_ratio <= SUMMARY_GOAL)),
        Row(f"(c) one move: Assign + apply + totals (mean of {args.moves})",
            tuple(milliseconds(c[n]) for n in SIZES)),
        Row(f"    (c) ÷ (c at {small:,})", tuple(f"{c[n] / c[small]:.2f}×" for n in SIZES),
            f"≤ {MOVE_SCALING_GOAL:g}× at {large:,}", verdict(move_scaling <= MOVE_SCALING_GOAL)),
        Row("(d) full recompute + totals", tuple(milliseconds(d[n]) for n in SIZES)),
        Row("    (d) ÷ (c)", tuple(f"{d[n] / c[n]:,.0f}×" for n in SIZES),
            f"≥ {INCREMENTAL_GOAL:g}× at {large:,}", verdict(incremental >= INCREMENTAL_GOAL)),
        Row("(e) snapshot for autosave and export (UI thread)", tuple(milliseconds(e[n]) for n in SIZES),
            f"≤ {SNAPSHOT_GOAL * 1e3:g} ms at {large:,}", verdict(e[large] <= SNAPSHOT_GOAL)),
    ]
    heading = [f"Sales Planner core benchmark — median of {runs} runs, gc.collect() before each",
               f"Python {platform.python_version()} on {platform.machine()} {platform.system()}; "
               f"seed {SEED}, {PEOPLE_PER_TEAM} people per team; files "
               + ", ".join(f"{file_sizes[n] / 2**20:.2f} MB" for n in SIZES)]
    return report(heading, rows, SIZES)


if __name__ == "__main__":
    sys.exit(main())
