"""Time the month-by-month timeline on synthetic plans of 100, 1,000 and 10,000 people over 24 months.

Run from the project folder: ``uv run python benchmarks/bench_timeline.py [--runs 7]``. Each figure is
the median of ``--runs`` runs, with a garbage collection before each run; numpy is imported (and
warmed up) before timing. See ``benchmarks/README.md`` for what each row measures and why.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
from functools import partial

from measure import Row, median_seconds, milliseconds, report, verdict

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.model import Plan
from salesplanner.roles import ROLE_ORDER
from salesplanner.synthetic import synthetic_plan
from salesplanner.timeline import SERIES_FLOWS, Timeline, timeline, timeline_by_loop

SIZES = (100, 1_000, 10_000)
PEOPLE_PER_TEAM = 20
SEED = 7
HORIZON = 24
SPEEDUP_GOAL = 5.0  # (a) ÷ (b) on the largest plan, at least
ANALYSIS_GOAL = 2.0  # (b) ÷ (c) on the largest plan, at most


def largest_difference(fast: Timeline, loop: Timeline) -> float:
    """The largest relative difference between the two timelines' figures (0 when identical)."""
    worst = 0.0
    for a, b in [*zip(fast.teams.values(), loop.teams.values(), strict=True), (fast.total, loop.total)]:
        columns = [*(getattr(a, n) for n in SERIES_FLOWS), *(a.effective_fte[r] for r in ROLE_ORDER)]
        references = [*(getattr(b, n) for n in SERIES_FLOWS), *(b.effective_fte[r] for r in ROLE_ORDER)]
        for column, reference in zip(columns, references, strict=True):
            for x, y in zip(column, reference, strict=True):
                if x != y:
                    worst = max(worst, abs(x - y) / max(abs(x), abs(y)))
    return worst


def numpy_import_seconds() -> float:
    """What the first timeline in a fresh process pays once for ``import numpy``."""
    code = "import time; t = time.perf_counter(); import numpy; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
             for _ in range(3)]
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median taken; at least 3)")
    args = parser.parse_args()
    runs = max(3, args.runs)

    loop: dict[int, float] = {}
    fast: dict[int, float] = {}
    analysis: dict[int, float] = {}
    difference: dict[int, float] = {}
    for people in SIZES:
        plan: Plan = synthetic_plan(people=people, teams=people // PEOPLE_PER_TEAM, seed=SEED)
        plan.horizon_months = HORIZON
        timeline(plan, plan.baseline)  # imports numpy
        loop[people] = median_seconds(partial(timeline_by_loop, plan, plan.baseline), runs)
        fast[people] = median_seconds(partial(timeline, plan, plan.baseline), runs)
        analysis[people] = median_seconds(partial(ScenarioAnalysis, plan, plan.baseline), runs)
        difference[people] = largest_difference(timeline(plan, plan.baseline), timeline_by_loop(plan, plan.baseline))

    large = SIZES[-1]
    speedup, versus_analysis = loop[large] / fast[large], fast[large] / analysis[large]
    rows = [
        Row("(a) timeline_by_loop: compute_team per team per month", tuple(milliseconds(loop[n]) for n in SIZES)),
        Row("(b) timeline: vectorised", tuple(milliseconds(fast[n]) for n in SIZES)),
        Row("    (a) ÷ (b)", tuple(f"{loop[n] / fast[n]:.1f}×" for n in SIZES), f"≥ {SPEEDUP_GOAL:g}× at {large:,}",
            verdict(speedup >= SPEEDUP_GOAL)),
        Row("(c) ScenarioAnalysis: today and the target year", tuple(milliseconds(analysis[n]) for n in SIZES)),
        Row("    (b) ÷ (c)", tuple(f"{fast[n] / analysis[n]:.2f}×" for n in SIZES),
            f"≤ {ANALYSIS_GOAL:g}× at {large:,}", verdict(versus_analysis <= ANALYSIS_GOAL)),
        Row("largest relative difference (b) vs (a)", tuple(f"{difference[n]:.1e}" for n in SIZES), "0 (identical)",
            verdict(max(difference.values()) == 0)),
    ]
    heading = [f"Sales Planner timeline benchmark — {HORIZON + 1} months (0 … {HORIZON}), median of {runs} runs",
               f"Python {platform.python_version()} on {platform.machine()} {platform.system()}; seed {SEED}, "
               f"{PEOPLE_PER_TEAM} people per team; `import numpy` in a fresh process: "
               f"{milliseconds(numpy_import_seconds())} (paid once, by the first timeline)"]
    return report(heading, rows, SIZES)


if __name__ == "__main__":
    sys.exit(main())
