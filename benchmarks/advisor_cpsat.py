"""The advisor's program solved with OR-Tools CP-SAT instead of HiGHS, for the comparison in
benchmarks/README.md ("The advisor"). OR-Tools is not a dependency of Sales Planner; run this in a
throwaway environment:

    uv run --with ortools python benchmarks/advisor_cpsat.py [--sizes 100 1000 10000]

It builds exactly the program ``advise`` builds (``formulation.formulate``) and solves it the same way —
hires' cost first, then moves with that cost kept — on the same plans, options and time limits as
bench_advisor.py. CP-SAT takes only integer coefficients, so every row is multiplied by ROW_SCALE and
rounded (with room for the rounding), and the continuous columns (leads worked, opportunities
worked) are counted in 1/CONTINUOUS_SCALE units: an approximation of the program HiGHS solves exactly.
"""

from __future__ import annotations

import argparse
import math
import sys
import time

from bench_advisor import GOALS, SEED, drifted  # beside this script
from ortools.sat.python import cp_model

from salesplanner.advisor import AdviceOptions
from salesplanner.advisor.formulation import FOCUS_BUDGET, Formulation, LinearModel, focus, formulate
from salesplanner.advisor.problem import build_problem
from salesplanner.synthetic import synthetic_plan

ROW_SCALE = 1_000_000
CONTINUOUS_SCALE = 100
COST_SCALE = 100


def _solve(model: LinearModel, cost: dict[int, float], seconds: float,
           keep: tuple[dict[int, float], float] | None = None) -> tuple[str, list[float] | None, float | None]:
    cp = cp_model.CpModel()
    columns = []
    for column in range(model.columns):
        low, high = model.lower[column], model.upper[column]
        if model.integer[column]:
            columns.append(cp.new_int_var(math.ceil(low - 1e-9), math.floor(high + 1e-9), f"x{column}"))
        else:
            top = high if high < 1e15 else 1e7
            columns.append(cp.new_int_var(math.floor(low * CONTINUOUS_SCALE), math.ceil(top * CONTINUOUS_SCALE),
                                          f"c{column}"))
    for terms, low, high in zip(model.rows, model.row_lower, model.row_upper, strict=True):
        scaled = [(round(value * ROW_SCALE / (1 if model.integer[column] else CONTINUOUS_SCALE)), columns[column])
                  for column, value in terms.items()]
        expression = sum(coefficient * variable for coefficient, variable in scaled)
        # Room for the rounding: one unit per coefficient, half a unit of each continuous column.
        room = len(scaled) + sum(abs(coefficient) for (coefficient, _), column in zip(scaled, terms, strict=True)
                                 if not model.integer[column]) // 2
        if low > -1e30:
            cp.add(expression >= math.floor(low * ROW_SCALE) - room)
        if high < 1e30:
            cp.add(expression <= math.ceil(high * ROW_SCALE) + room)
    if keep is not None:
        terms, bound = keep
        cp.add(sum(round(value) * columns[column] for column, value in terms.items()) <= round(bound))
    cp.minimize(sum(round(value * COST_SCALE) * columns[column] for column, value in cost.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = 2
    status = solver.solve(cp)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.status_name(status), None, None
    values = [float(solver.value(variable)) if model.integer[column] else solver.value(variable) / CONTINUOUS_SCALE
              for column, variable in enumerate(columns)]
    gap = abs(solver.objective_value - solver.best_objective_bound) / max(1e-9, abs(solver.objective_value))
    return solver.status_name(status), values, gap


def solve_lexicographic(formulation: Formulation, seconds: float) -> str:
    started = time.perf_counter()
    model = formulation.model
    if formulation.hires:
        status, values, gap = _solve(model, formulation.hire_cost, seconds * 0.6)
        if values is None:
            return status
        cost = sum(values[column] * value for column, value in formulation.hire_cost.items())
        left = seconds - (time.perf_counter() - started)
        status, second, gap = _solve(model, formulation.move_cost, left, keep=(formulation.hire_cost, cost + 0.5))
        values = second or values
    else:
        status, values, gap = _solve(model, formulation.move_cost, seconds)
        if values is None:
            return status
    moves = sum(values[column] for column in formulation.move_cost if values[column] > 0.5)
    hires = sum(values[column] for column in formulation.hire_cost if values[column] > 0.5)
    return f"{status.lower()} gap {100 * (gap or 0):.1f} % · {moves:.0f} moves, {hires:.0f} hires"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=list(GOALS), choices=list(GOALS))
    args = parser.parse_args()
    print(f"{'plan':34} {'month':>5}  {'limit':>6}  {'time':>7}  answer (CP-SAT)")
    for people in args.sizes:
        limit, _ = GOALS[people]
        teams = max(1, people // 20)
        plans = {"synthetic": (synthetic_plan(people=people, teams=teams, seed=SEED), 0),
                 "drifted": drifted(synthetic_plan(people=people, teams=teams, seed=SEED), SEED)}
        for name, (plan, moved) in plans.items():
            label = f"{name} {people:,} / {teams}" + (f" ({moved} moved)" if name == "drifted" else "")
            for month in (0, 6):
                started = time.perf_counter()
                problem = build_problem(plan, plan.scenarios[plan.baseline], AdviceOptions(at_month=month))
                formulation = formulate(problem, kept=focus(problem, FOCUS_BUDGET))
                answer = solve_lexicographic(formulation, limit - (time.perf_counter() - started))
                seconds = time.perf_counter() - started
                print(f"{label:34} {month:>5}  {limit:>5.0f}s  {seconds:>6.2f}s  {answer}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
