"""The advisor: the fewest hires and moves that balance every team (docs/model.md §10)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from salesplanner.advisor.answer import decode, is_balanced, organisation_reached, outcomes, passes
from salesplanner.advisor.explain import explain
from salesplanner.advisor.formulation import FOCUS_BUDGET, Formulation, focus, formulate
from salesplanner.advisor.problem import build_problem
from salesplanner.advisor.solve import Outcome, Progress, StopAsked, solve
from salesplanner.advisor.types import Advice, AdviceOptions, Move, Status, SuggestedHire, TeamOutcome
from salesplanner.capacity import VERDICT_NAMES
from salesplanner.i18n import Message, msg
from salesplanner.model import Plan, PlanError, ScenarioId

MARGINS = (0.0, 1e-7, 1e-5, 1e-3)
"""How much each balance band is narrowed, tried in turn until the engine agrees with the solver's
answer. 0 first, so an answer exactly on a band's (inclusive) edge is found; the engine settles it."""


class AdvisorError(RuntimeError):
    """The solver's answer did not pass the engine's check at any margin: a bug, never shown as an answer."""


def _check_options(options: AdviceOptions) -> None:
    if options.max_hires is not None and options.max_hires < 0:
        raise PlanError(msg("the most hires must be 0 or more"))
    if options.hire_budget is not None and options.hire_budget < 0:
        raise PlanError(msg("the hiring budget must be 0 or more"))
    if not options.time_limit > 0:
        raise PlanError(msg("the time limit must be more than 0 seconds"))
    if options.move_weight <= 0 or options.role_change_weight <= 0:
        raise PlanError(msg("the weights of a move and of a role change must be more than 0"))


WARM_START_COLUMNS = 3_000
"""From this many columns on, a focused search (``WARM_START_BUDGET``) first finds an answer to start from."""
WARM_START_BUDGET = 800
WARM_START_SHARE = 0.4
"""Share of the time limit the warm start may use."""


def _keys(formulation: Formulation) -> dict[object, int]:
    """Each move, arrival and hire column by what it means, so an answer carries over between formulations."""
    keys: dict[object, int] = {("out", lot, destination): column for lot, destination, column in formulation.outs}
    keys.update({("in", team, kind, role): column for team, kind, role, column in formulation.ins})
    keys.update({("hire", team, role): column for team, role, column in formulation.hires})
    return keys


def _carried(source: Formulation, values: Sequence[float], target: Formulation) -> list[tuple[int, float]]:
    columns = _keys(target)
    return [(columns[key], round(values[column])) for key, column in _keys(source).items() if key in columns]


def advise(plan: Plan, scenario_id: ScenarioId, options: AdviceOptions | None = None, *,
           should_stop: StopAsked | None = None, progress: Progress | None = None) -> Advice:
    """The best changes to the scenario under ``options``, checked by the engine. Raises ``SearchCancelledError``
    when ``should_stop`` says so, ``PlanError`` for options that make no sense."""
    options = options or AdviceOptions()
    _check_options(options)
    scenario = plan.scenarios.get(scenario_id)
    if scenario is None:
        raise PlanError(msg("the plan has no scenario with id {scenario_id}", scenario_id=scenario_id))
    deadline = time.monotonic() + options.time_limit
    problem = build_problem(plan, scenario, options)
    notes: list[Message] = []
    for outcome in outcomes(problem, (), ()):
        status = outcome.before.status
        if outcome.locked and not is_balanced(outcome.before) and status is not None:
            notes.append(msg("{team} is locked and stays {verdict}.", team=outcome.before.team.name,
                             verdict=VERDICT_NAMES[status]))
    kept = focus(problem, FOCUS_BUDGET)
    answered, unanswered = notes, notes
    if kept is not None:
        answered = [*notes, msg("This plan is large: the search let only the most common kinds of people (the same "
                                "role and effective FTE) arrive in each team, most of them where a team's handoffs "
                                "ask for that role, so the answer balances every team but is not proven best.")]
        unanswered = [*notes, msg("This plan is large: the search let only the most common kinds of people (the "
                                  "same role and effective FTE) arrive in each team, most of them where a team's "
                                  "handoffs ask for that role, so finding no answer there does not prove there is "
                                  "none.")]
    for margin in MARGINS:
        formulation = formulate(problem, margin=margin, kept=kept)
        start: list[tuple[int, float]] = []
        warm = focus(problem, WARM_START_BUDGET) if formulation.model.columns >= WARM_START_COLUMNS else None
        if kept is None and warm is not None:
            small = formulate(problem, margin=margin, kept=warm)
            first = solve(small, time_limit=options.time_limit * WARM_START_SHARE, should_stop=should_stop,
                          progress=progress, shortcuts=False)
            if first.values:
                start = _carried(small, first.values, formulation)
        solution = solve(formulation, time_limit=max(1.0, deadline - time.monotonic()), should_stop=should_stop,
                         progress=progress, start=start)
        if solution.outcome is Outcome.INFEASIBLE:
            return Advice(Status.INFEASIBLE, month=problem.month, on=problem.on, notes=tuple(unanswered),
                          reason=explain(problem, should_stop=should_stop, kept=kept))
        if solution.outcome is Outcome.NO_ANSWER:
            return Advice(Status.INFEASIBLE, month=problem.month, on=problem.on, notes=tuple(unanswered),
                          reason=msg("No answer was found within the time limit of {seconds} s, and none was "
                                     "proven impossible either: allow more time.", seconds=options.time_limit))
        moves, hires = decode(problem, formulation, solution.values)
        teams = outcomes(problem, moves, hires)
        if all(passes(team) for team in teams) and organisation_reached(problem, teams):
            optimal = solution.outcome is Outcome.OPTIMAL and kept is None
            return Advice(Status.OPTIMAL if optimal else Status.FEASIBLE, tuple(moves), tuple(hires),
                          gap=0.0 if optimal else solution.gap, month=problem.month, on=problem.on, teams=teams,
                          notes=tuple(answered), organisation_target=problem.organisation_target)
    failing = [team.after.team.name for team in teams if not passes(team)]
    if not organisation_reached(problem, teams):
        failing.append("the organisation's target")
    raise AdvisorError(f"the advisor's answer leaves {', '.join(failing)} unbalanced by the engine's own figures")


def evaluate(plan: Plan, scenario_id: ScenarioId, options: AdviceOptions, moves: Sequence[Move],
             hires: Sequence[SuggestedHire]) -> tuple[TeamOutcome, ...]:
    """Every team at the options' month with these moves and hires (say, part of an answer), by the engine."""
    return outcomes(build_problem(plan, plan.scenarios[scenario_id], options), moves, hires)


def unbalanced(teams: Sequence[TeamOutcome]) -> list[str]:
    """The names of the teams an outcome leaves unbalanced (or short of target); locked ones aside."""
    return [team.after.team.name for team in teams if not passes(team)]
