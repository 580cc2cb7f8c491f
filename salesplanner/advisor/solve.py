"""Solving the advisor's program with HiGHS, lexicographically (docs/model.md §10).

Phase 1 minimises the hires' annual cost; phase 2 keeps that cost (≤ the phase-1 answer) and minimises
the weighted moves, starting from the phase-1 answer. Two exact solves, rather than one objective with
the cost multiplied by a large weight: such a weight would have to outweigh every possible move count,
and an objective spanning that many orders of magnitude is where a solver's tolerances start deciding. On
a program under ``LARGE_MODEL`` columns, phase 2 is first tried with the cost held at 0 (no paid hire):
when that has an answer, it is the least cost there is, and phase 1 is not needed.

HiGHS (``highspy``) was chosen over OR-Tools CP-SAT (benchmarks/README.md, "The advisor"): the program
has real-valued coefficients (effective FTE, rates), which CP-SAT could only take scaled to integers
(rounding the model it proves things about); HiGHS is a small, MIT-licensed wheel; and it was faster on
every benchmark plan.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from salesplanner.advisor.formulation import Formulation, LinearModel, Terms
from salesplanner.i18n import tr

if TYPE_CHECKING:
    import highspy

Progress = Callable[[str], None]
"""Told what the solver is doing, in a short sentence (from the solver's thread)."""
StopAsked = Callable[[], bool]

REL_GAP = 1e-6
"""Relative gap at which HiGHS stops and calls an answer optimal. Costs and move counts are whole
numbers in practice, so this is tighter than any real difference."""
COST_ROOM = 1e-7
"""Relative room on the phase-1 cost when phase 2 keeps it (solver rounding)."""
PHASE_ONE_SHARE = 0.8
"""Share of the time limit phase 1 may use when it needs it; phase 2 gets the rest. An answer matters
more than its moves being minimised, so phase 1 gets most of it."""
FIRST_ANSWER_SHARE = 0.3
"""Share of a search's time after which, with no answer yet, a small program (``solve``) looks for
any answer first (``_search``)."""
NO_HIRES_SHARE = 0.4
"""Share of the time limit a small program's search without paid hires (``solve``) may take to find its
first answer before the two phases take over. Larger programs do not try it: at 1,000 people an answer
without hires exists but takes most of the 10 s to find (benchmarks/README.md, "The advisor")."""


class Outcome(Enum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    NO_ANSWER = "no answer"
    """The time ran out before any answer was found (nothing proven)."""


class SearchCancelledError(Exception):
    """The user stopped the search."""


@dataclass(frozen=True, slots=True)
class Solution:
    outcome: Outcome
    values: tuple[float, ...] = ()
    gap: float | None = None
    seconds: float = 0.0


LARGE_MODEL = 3_000
"""From this many columns on, HiGHS keeps a smaller cut pool (``mip_pool_soft_limit`` 100, LP age limit 2):
on the advisor's large programs its default pool spends the whole time limit at the root; the smaller
one reaches answers (measured in benchmarks/README.md, "The advisor")."""


def _highs(model: LinearModel, cost: Terms) -> highspy.Highs:
    import highspy
    import numpy as np

    class QuietHighs(highspy.Highs):
        def enableCallbacks(self) -> None:  # noqa: N802 — highspy's name
            # Highs() calls this first; HiGHS prints its banner on stdout unless output is off before it.
            self.setOptionValue("output_flag", False)
            super().enableCallbacks()  # type: ignore[no-untyped-call]

    highs = QuietHighs()  # type: ignore[no-untyped-call]
    highs.setOptionValue("mip_rel_gap", REL_GAP)
    lp = highspy.HighsLp()
    lp.num_col_ = model.columns
    lp.num_row_ = len(model.rows)
    costs = np.zeros(model.columns)
    for column, value in cost.items():
        costs[column] = value
    lp.col_cost_ = costs
    lp.col_lower_ = np.array(model.lower, dtype=np.float64)
    lp.col_upper_ = np.array(model.upper, dtype=np.float64)
    lp.row_lower_ = np.array(model.row_lower, dtype=np.float64)
    lp.row_upper_ = np.array(model.row_upper, dtype=np.float64)
    starts: list[int] = [0]
    indices: list[int] = []
    values: list[float] = []
    for row in model.rows:
        indices.extend(row.keys())
        values.extend(row.values())
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=np.float64)
    lp.integrality_ = [highspy.HighsVarType.kInteger if integer else highspy.HighsVarType.kContinuous
                       for integer in model.integer]
    highs.passModel(lp)
    if model.columns >= LARGE_MODEL:
        highs.setOptionValue("mip_pool_soft_limit", 100)
        highs.setOptionValue("mip_lp_age_limit", 2)
    return highs


def _run(highs: highspy.Highs, seconds: float, should_stop: StopAsked | None) -> Solution:
    import highspy

    highs.setOptionValue("time_limit", max(0.01, seconds))
    started = time.monotonic()
    highs.run()
    elapsed = time.monotonic() - started
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInterrupt and should_stop is not None and should_stop():
        raise SearchCancelledError
    info = highs.getInfo()
    has_answer = info.primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    values = tuple(highs.getSolution().col_value) if has_answer else ()
    if status == highspy.HighsModelStatus.kOptimal:
        return Solution(Outcome.OPTIMAL, values, 0.0, elapsed)
    if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return Solution(Outcome.INFEASIBLE, seconds=elapsed)
    if has_answer:
        return Solution(Outcome.FEASIBLE, values, float(info.mip_gap), elapsed)
    return Solution(Outcome.NO_ANSWER, seconds=elapsed)


def _unanswered_after(highs: highspy.Highs, seconds: float) -> Callable[[], None]:
    """Interrupt HiGHS when it still has no answer ``seconds`` from now; returns what ends that."""
    import highspy

    until = time.monotonic() + seconds

    def unanswered(event: highspy.HighsCallbackEvent) -> None:
        if time.monotonic() > until and event.data_out.mip_primal_bound == highspy.kHighsInf:
            event.interrupt()

    highs.cbMipInterrupt.subscribe(unanswered)
    return lambda: highs.cbMipInterrupt.unsubscribe(unanswered)


def _search(highs: highspy.Highs, model: LinearModel, seconds: float, should_stop: StopAsked | None, *,
            small: bool) -> Solution:
    """``_run`` on ``highs`` (built from ``model``, no rows added); but a ``small`` program (``solve``) with no
    answer after ``FIRST_ANSWER_SHARE`` of the time looks for an answer to its rows alone (no objective, so
    HiGHS stops at the first), then minimises from it. On synthetic 100 / 5 today the
    objective's first answer comes after 2–5 s, the rows' alone in 0.3–0.5 s (benchmarks/README.md, "The
    advisor"); on larger programs the rows alone take as long."""
    import numpy as np

    if not small:
        return _run(highs, seconds, should_stop)
    deadline = time.monotonic() + seconds
    stop_giving_up = _unanswered_after(highs, seconds * FIRST_ANSWER_SHARE)
    found = _run(highs, seconds, should_stop)
    stop_giving_up()
    if found.outcome is not Outcome.NO_ANSWER or time.monotonic() >= deadline:
        return found
    rows_alone = minimise(model, {}, time_limit=deadline - time.monotonic(), should_stop=should_stop)
    if not rows_alone.values:
        return rows_alone
    highs.setSolution(model.columns, np.arange(model.columns, dtype=np.int32),
                      np.array(rows_alone.values, dtype=np.float64))
    best = _run(highs, max(0.01, deadline - time.monotonic()), should_stop)
    return best if best.values else Solution(Outcome.FEASIBLE, rows_alone.values, None, rows_alone.seconds)


def minimise(model: LinearModel, cost: Terms, *, time_limit: float, should_stop: StopAsked | None = None,
             relaxation: bool = False) -> Solution:
    """One plain solve: ``cost`` minimised (an empty cost asks only whether an answer exists); with
    ``relaxation``, its linear relaxation (whole numbers not asked for)."""
    if model.columns == 0:
        return solve(Formulation(model, {}, {}, [], [], [], []), time_limit=time_limit)
    highs = _highs(model, cost)
    highs.setOptionValue("solve_relaxation", relaxation)
    if should_stop is not None:
        _listen(highs, should_stop)
    return _run(highs, time_limit, should_stop)


def _listen(highs: highspy.Highs, should_stop: StopAsked) -> None:
    """Interrupt HiGHS as soon as ``should_stop`` says so."""
    def interrupt(event: highspy.HighsCallbackEvent) -> None:
        if should_stop():
            event.interrupt()

    for callback in (highs.cbMipInterrupt, highs.cbSimplexInterrupt, highs.cbIpmInterrupt):
        callback.subscribe(interrupt)


def _tell_answers(highs: highspy.Highs, progress: Progress) -> None:
    def improved(event: highspy.HighsCallbackEvent) -> None:
        progress(tr("Found an answer (objective {value:.0f})", value=event.data_out.objective_function_value))

    highs.cbMipImprovingSolution.subscribe(improved)


def _objective(values: tuple[float, ...], cost: Terms) -> float:
    return sum(values[column] * value for column, value in cost.items())


def solve(formulation: Formulation, *, time_limit: float, should_stop: StopAsked | None = None,
          progress: Progress | None = None, start: Sequence[tuple[int, float]] = (),
          shortcuts: bool = True) -> Solution:
    """Fewest hires by annual cost, then fewest weighted moves, within ``time_limit`` seconds in all.
    ``start`` gives some columns' values of an answer to start from (HiGHS completes the rest). With
    ``shortcuts``, a program under ``LARGE_MODEL`` columns is *small*: it tries no paid hires first and looks
    for any answer when it has none (``_search``). A warm start's focused program is small by choice and
    goes without them: its answer is a start, and at 1,000 people the plain one was the better start."""
    import highspy

    model = formulation.model
    if model.columns == 0:  # nothing may change: the rows hold or they do not
        holds = all(low <= 1e-9 and high >= -1e-9 for low, high in zip(model.row_lower, model.row_upper, strict=True))
        return Solution(Outcome.OPTIMAL if holds else Outcome.INFEASIBLE, (), 0.0 if holds else None)
    deadline = time.monotonic() + time_limit
    small = shortcuts and model.columns < LARGE_MODEL
    highs = _highs(model, formulation.hire_cost if formulation.hires else formulation.move_cost)
    if should_stop is not None:
        _listen(highs, should_stop)
    if start:
        highs.setSolution(len(start), [column for column, _ in start], [float(value) for _, value in start])
    if progress is not None:
        _tell_answers(highs, progress)

    if not formulation.hires:
        if progress is not None:
            progress(tr("Looking for the fewest moves"))
        return _search(highs, model, time_limit, should_stop, small=small)

    spent = 0.0
    if small:
        # A plan's annual costs are never negative, so an answer without paid hires has the least hires' cost
        # there is: phase 1 is proven without being run, and this search is phase 2. Where hires are needed,
        # it is proven impossible (at once, on every plan measured) or given up at NO_HIRES_SHARE of the time.
        unpaid = _without_paid_hires(formulation, time_limit, time_limit * NO_HIRES_SHARE, should_stop, progress,
                                     start)
        if unpaid.outcome in (Outcome.OPTIMAL, Outcome.FEASIBLE):
            return unpaid
        spent = unpaid.seconds
        time_limit = max(0.5, deadline - time.monotonic())
    if progress is not None:
        progress(tr("Looking for the least costly hires"))
    first = _search(highs, model, time_limit * PHASE_ONE_SHARE, should_stop, small=small)
    if first.outcome in (Outcome.INFEASIBLE, Outcome.NO_ANSWER):
        return first
    cost = _objective(first.values, formulation.hire_cost)
    # Phase 2: keep the hires' cost, minimise moves from the phase-1 answer.
    row = dict(formulation.hire_cost)
    highs.addRow(-highspy.kHighsInf, cost * (1 + COST_ROOM) + 1e-6, len(row), list(row), list(row.values()))
    import numpy as np

    costs = np.zeros(model.columns)
    for column, value in formulation.move_cost.items():
        costs[column] = value
    highs.changeColsCost(model.columns, np.arange(model.columns, dtype=np.int32), costs)
    answer = highspy.HighsSolution()
    answer.col_value = list(first.values)
    answer.value_valid = True
    highs.setSolution(answer)
    if progress is not None:
        progress(tr("Looking for the fewest moves with those hires"))
    second = _run(highs, max(0.5, deadline - time.monotonic()), should_stop)
    seconds = spent + first.seconds + second.seconds
    if second.outcome in (Outcome.OPTIMAL, Outcome.FEASIBLE):
        proven = first.outcome is Outcome.OPTIMAL and second.outcome is Outcome.OPTIMAL
        # The gap of the objective still open: the hires' cost if phase 1 was cut short, else the moves.
        gap = second.gap if first.outcome is Outcome.OPTIMAL else first.gap
        return Solution(Outcome.OPTIMAL if proven else Outcome.FEASIBLE, second.values, gap, seconds)
    # Phase 2 found nothing in its time: the phase-1 answer stands, its moves not minimised.
    return Solution(Outcome.FEASIBLE, first.values, first.gap if first.outcome is Outcome.FEASIBLE else None,
                    seconds)


def _without_paid_hires(formulation: Formulation, seconds: float, give_up: float, should_stop: StopAsked | None,
                        progress: Progress | None, start: Sequence[tuple[int, float]]) -> Solution:
    """The fewest weighted moves with hires that cost nothing at most (phase 2 after a phase 1 that found
    cost 0), within the whole time limit once it has an answer; ``NO_ANSWER`` when it has none after
    ``give_up`` seconds."""
    import highspy

    model = formulation.model
    highs = _highs(model, formulation.move_cost)
    row = dict(formulation.hire_cost)
    highs.addRow(-highspy.kHighsInf, 1e-6, len(row), list(row), list(row.values()))
    if should_stop is not None:
        _listen(highs, should_stop)
    if start:
        highs.setSolution(len(start), [column for column, _ in start], [float(value) for _, value in start])

    _unanswered_after(highs, give_up)
    if progress is not None:
        _tell_answers(highs, progress)
        progress(tr("Looking for the fewest moves"))
    return _run(highs, seconds, should_stop)
