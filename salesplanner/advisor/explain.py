"""Why no answer exists, in sentences a VP understands (docs/model.md §10).

Two steps. First the *elastic* program — every balance and target row given a slack, the slacks
minimised (each relative to its team's demand) — says which teams still fall short under the limits,
and by how much: "DACH: 450 inbound leads a month and no inbound SDR can be moved or hired under these
limits". Then the plain program is tried again with one limit relaxed at a time (hires, role changes,
moves across geographies, …), to name the limit whose relaxation makes an answer possible.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from salesplanner.advisor.formulation import (
    FOCUS_BUDGET,
    ORGANISATION,
    Focus,
    Formulation,
    current_bookings,
    focus,
    formulate,
    most_of,
    value_of,
)
from salesplanner.advisor.problem import Problem, build_problem
from salesplanner.advisor.solve import Outcome, StopAsked, minimise
from salesplanner.advisor.types import AdviceOptions
from salesplanner.roles import Role

SHORTFALL = 1e-6
"""A slack below this share of its team's demand is rounding, not a shortfall."""
MOST_TEAMS_NAMED = 3
RELAXED_MONTH = 6
"""The month tried when balancing today is impossible but hires, once ramped, would do."""


def _amount(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.1f}"


LIMITS = "under these limits"
FIT = (f"no combination of the people who can be moved or hired {LIMITS} gives that while every other team "
       "stays balanced")


def _need(name: str, demand: str, role: str, low: float, high: float, most: float) -> str:
    """"{team}: {demand} need {low}–{high} {role}s …": why the receiving role cannot be staffed."""
    if most < 0.05:
        return f"{name}: {demand} and no {role} can be moved or hired {LIMITS}"
    if most < low:
        return (f"{name}: {demand} need at least {low:.1f} {role}s (full-time, fully productive); at most "
                f"{most:.1f} can be in place {LIMITS}")
    return f"{name}: {demand} need {low:.1f} to {high:.1f} {role}s (full-time, fully productive), and {FIT}"


def _sentence(problem: Problem, team_index: int, what: str, fte: dict[Role, float], most: dict[Role, float]) -> str:
    """The sentence for one team's largest shortfall: ``fte`` is each role's effective FTE in the answer
    that comes closest, ``most`` the most each role could reach."""
    team = problem.teams[team_index]
    low, high = 1 - problem.tolerance, 1 + problem.tolerance
    name = team.name

    def flows(amounts: dict[Role, float]) -> tuple[float, float, float, float]:
        """cap_in, supply, close_cap and am_cap for these effective FTEs (§4, the min()s included)."""
        cap_in = sum(value * amounts[role] for role, value in team.cap_in.items())
        supply = team.lead_to_opp * min(team.inbound, cap_in) + \
            sum(value * amounts[role] for role, value in team.sourcing.items())
        close_cap = sum(value * amounts[role] for role, value in team.closing.items())
        return cap_in, supply, close_cap, sum(value * amounts[role] for role, value in team.am_cap.items())

    cap_in, supply, close_cap, am_cap = flows(fte)
    accounts = team.accounts_base + team.accounts_per_win * team.win_rate * min(supply, close_cap)
    _, most_supply, most_closing, _ = flows(most)
    per_sdr, per_am = team.cap_in[Role.SDR_INBOUND], team.am_cap[Role.AM]
    months = problem.plan.horizon_months
    if what == "inbound_short":
        return _need(name, f"{_amount(team.inbound)} inbound leads a month", "inbound SDR",
                     team.inbound / high / per_sdr, team.inbound / low / per_sdr, most[Role.SDR_INBOUND])
    if what == "am_short":
        return _need(name, f"{_amount(accounts)} customer accounts after {months} months", "account manager",
                     accounts / high / per_am, accounts / low / per_am, most[Role.AM])
    if what == "inbound_idle":
        leads = f"only {_amount(team.inbound)} come in" if team.inbound else "no inbound leads come in"
        return f"{name}: inbound SDRs can work {_amount(cap_in)} leads a month, {leads}, and {FIT}"
    if what == "am_idle":
        return (f"{name}: account managers can look after {_amount(am_cap)} accounts, only {_amount(accounts)} "
                f"are expected after {months} months, and {FIT}")
    if what == "closers_short":
        if most_closing < 0.05:
            return f"{name}: {_amount(supply)} opportunities a month and no closer can be moved or hired {LIMITS}"
        if most_closing < supply / high:
            return (f"{name}: {_amount(supply)} opportunities a month need closers for at least "
                    f"{_amount(supply / high)} of them; {LIMITS}, closers for at most {_amount(most_closing)} can "
                    "be in place")
        return (f"{name}: {_amount(supply)} opportunities a month need closers for {_amount(supply / high)} to "
                f"{_amount(supply / low)} of them, and {FIT}")
    if what == "closers_idle":
        if most_supply < low * close_cap:
            return (f"{name}: closers can take {_amount(close_cap)} opportunities a month and at most "
                    f"{_amount(most_supply)} can be sourced {LIMITS}")
        return f"{name}: closers can take {_amount(close_cap)} opportunities a month, and {FIT}"
    assert what == "target_short" and team.target_month is not None
    currency = problem.plan.currency
    # The answer closest to the target, with every team balanced: the most bookings the limits allow.
    possible = team.win_rate * team.deal_size * min(supply, close_cap)
    return (f"{name}: the target of {currency} {12 * team.target_month:,.0f} a year needs {currency} "
            f"{team.target_month:,.0f} of bookings a month; at most {currency} {possible:,.0f} are possible {LIMITS}")


def _organisation_sentence(problem: Problem, formulation: Formulation, values: Sequence[float]) -> str:
    """The organisation's target, and the most bookings the answer closest to it reaches."""
    assert problem.organisation_target is not None
    currency = problem.plan.currency
    reached = 0.0
    for team_index, team in enumerate(problem.teams):
        fte = {role: value_of(expression, values) for role, expression in formulation.fte[team_index].items()}
        reached += current_bookings(replace(team, current=fte))
    return (f"The organisation: its target of {currency} {problem.organisation_target:,.0f} a year needs "
            f"{currency} {problem.organisation_target / 12:,.0f} of bookings a month; at most {currency} "
            f"{reached:,.0f} are possible {LIMITS}")


def shortfalls(problem: Problem, *, time_limit: float, should_stop: StopAsked | None = None,
               kept: Focus | None = None) -> list[str]:
    """One sentence per team that falls short under the limits (the largest shortfalls first)."""
    formulation = formulate(problem, elastic=True, kept=kept)
    cost = {column: 1 / scale for _, _, column, scale in formulation.shortfalls}
    solution = minimise(formulation.model, cost, time_limit=time_limit, should_stop=should_stop)
    if not solution.values:
        return []
    worst: dict[int, tuple[float, str]] = {}
    for team_index, what, column, scale in formulation.shortfalls:
        share = solution.values[column] / scale
        if share > SHORTFALL and share > worst.get(team_index, (0.0, ""))[0]:
            worst[team_index] = (share, what)
    ranked = sorted(worst.items(), key=lambda item: -item[1][0])[:MOST_TEAMS_NAMED]
    sentences = []
    for team_index, (_, what) in ranked:
        if team_index == ORGANISATION:
            sentences.append(_organisation_sentence(problem, formulation, solution.values))
            continue
        expressions = formulation.fte[team_index]
        fte = {role: value_of(expression, solution.values) for role, expression in expressions.items()}
        most = {role: most_of(expression, formulation.model) for role, expression in expressions.items()}
        sentences.append(_sentence(problem, team_index, what, fte, most))
    return sentences


def _relaxations(problem: Problem) -> list[tuple[str, Callable[[AdviceOptions], AdviceOptions]]]:
    """Each limit that is set, with how to relax it, in the order a VP would reach for them."""
    options = problem.options
    found: list[tuple[str, Callable[[AdviceOptions], AdviceOptions]]] = []
    if not options.hires:
        found.append(("allow hires", lambda o: replace(o, hires=True, max_hires=None, hire_budget=None)))
    elif options.max_hires is not None or options.hire_budget is not None:
        found.append(("raise the limit on hires", lambda o: replace(o, max_hires=None, hire_budget=None)))
    if not options.role_changes:
        found.append(("allow role changes", lambda o: replace(o, role_changes=True)))
    if options.same_geography:
        found.append(("allow moves across geographies", lambda o: replace(o, same_geography=False)))
    if not options.moves:
        found.append(("allow moves between teams", lambda o: replace(o, moves=True)))
    if not (options.from_bench and options.to_bench):
        found.append(("allow the bench", lambda o: replace(o, from_bench=True, to_bench=True)))
    if options.locked_members or options.locked_teams or problem.locked_members or any(t.locked for t in problem.teams):
        found.append(("unlock people and teams", _unlocked))
    if options.forbidden_hires:
        found.append(("allow the hires you unticked", lambda o: replace(o, forbidden_hires=frozenset())))
    if problem.organisation_target is not None or any(team.target_month is not None for team in problem.teams):
        found.append(("leave the bookings targets out", lambda o: replace(o, reach_targets=False, targets={})))
    month = min(problem.plan.horizon_months, RELAXED_MONTH)
    if problem.month < month:
        found.append((f"balance at month {month} instead, when hires have ramped",
                      lambda o: replace(o, at_month=month, hires=True, max_hires=None, hire_budget=None)))
    return found


def _unlocked(options: AdviceOptions) -> AdviceOptions:
    return replace(options, locked_members=frozenset(), locked_teams=frozenset(), plan_locks=False)


def _possible(problem: Problem, options: AdviceOptions, time_limit: float, should_stop: StopAsked | None) -> bool:
    relaxed = build_problem(problem.plan, problem.scenario, options)
    formulation = formulate(relaxed, kept=focus(relaxed, FOCUS_BUDGET))
    solution = minimise(formulation.model, {}, time_limit=time_limit, should_stop=should_stop)
    return solution.outcome in (Outcome.OPTIMAL, Outcome.FEASIBLE)


EXPLAIN_SHARE = 0.5
"""Share of the time limit an explanation may take on top of the search (the elastic program and each
relaxed one get a slice of it; what does not fit in it is left unsaid)."""


def explain(problem: Problem, *, should_stop: StopAsked | None = None,
            kept: Focus | None = None) -> str:
    """Which teams cannot be balanced, what they lack, and which limit to relax."""
    deadline = time.monotonic() + max(2.0, problem.options.time_limit * EXPLAIN_SHARE)
    relaxations = _relaxations(problem)
    slice_ = (deadline - time.monotonic()) / (len(relaxations) + 2)
    sentences = shortfalls(problem, time_limit=slice_, should_stop=should_stop, kept=kept)
    text = ". ".join(sentences) + "." if sentences else \
        "No combination of the allowed moves and hires balances every team at once."
    for advice, relax in relaxations:
        if time.monotonic() > deadline - slice_:
            return text
        if _possible(problem, relax(problem.options), slice_, should_stop):
            return f"{text} To find an answer, {advice}."
    everything = problem.options
    for _, relax in relaxations:
        everything = relax(everything)
    if not relaxations or time.monotonic() > deadline - slice_:
        return text
    if _possible(problem, everything, slice_, should_stop):
        names = [advice for advice, _ in relaxations]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        return f"{text} No single limit is enough: {listed} together would find one."
    if kept is not None:
        return f"{text} Relaxing the limits did not find one either, within the search this large plan allows."
    return f"{text} No limit the advisor can relax is enough: the teams' markets ask for more than people can give."
