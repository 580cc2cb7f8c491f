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
from salesplanner.advisor.solve import LARGE_MODEL, Outcome, StopAsked, minimise
from salesplanner.advisor.types import AdviceOptions
from salesplanner.i18n import Message, Money, joined, msg, number
from salesplanner.roles import Role

SHORTFALL = 1e-6
"""A slack below this share of its team's demand is rounding, not a shortfall."""
MOST_TEAMS_NAMED = 3
RELAXED_MONTH = 6
"""The month tried when balancing today is impossible but hires, once ramped, would do."""


def _amount(value: float) -> str:
    """A count for a sentence, in the language in force: whole from ten up, else one decimal."""
    return number(value, 0 if abs(value) >= 10 else 1)


LIMITS = msg("under these limits")
FIT = msg("no combination of the people who can be moved or hired {limits} gives that while every other team "
          "stays balanced", limits=LIMITS)


def _need(name: str, demand: Message, role: Message, roles: Message, low: float, high: float,
          most: float) -> Message:
    """"{team}: {demand} need {low}–{high} {roles} …": why the receiving role cannot be staffed."""
    if most < 0.05:
        return msg("{team}: {demand} and no {role} can be moved or hired {limits}", team=name, demand=demand,
                   role=role, limits=LIMITS)
    if most < low:
        return msg("{team}: {demand} need at least {low:.1f} {roles} (full-time, fully productive); at most "
                   "{most:.1f} can be in place {limits}", team=name, demand=demand, low=low, roles=roles, most=most,
                   limits=LIMITS)
    return msg("{team}: {demand} need {low:.1f} to {high:.1f} {roles} (full-time, fully productive), and {fit}",
               team=name, demand=demand, low=low, high=high, roles=roles, fit=FIT)


def _sentence(problem: Problem, team_index: int, what: str, fte: dict[Role, float],
              most: dict[Role, float]) -> Message:
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
        return _need(name, msg("{leads} inbound leads a month", leads=_amount(team.inbound)), msg("inbound SDR"),
                     msg("inbound SDRs"), team.inbound / high / per_sdr, team.inbound / low / per_sdr,
                     most[Role.SDR_INBOUND])
    if what == "am_short":
        return _need(name, msg("{accounts} customer accounts after {months} months", accounts=_amount(accounts),
                               months=months), msg("account manager"), msg("account managers"),
                     accounts / high / per_am, accounts / low / per_am, most[Role.AM])
    if what == "inbound_idle":
        leads = msg("only {leads} come in", leads=_amount(team.inbound)) if team.inbound else \
            msg("no inbound leads come in")
        return msg("{team}: inbound SDRs can work {capacity} leads a month, {leads}, and {fit}", team=name,
                   capacity=_amount(cap_in), leads=leads, fit=FIT)
    if what == "am_idle":
        return msg("{team}: account managers can look after {capacity} accounts, only {accounts} are expected after "
                   "{months} months, and {fit}", team=name, capacity=_amount(am_cap), accounts=_amount(accounts),
                   months=months, fit=FIT)
    if what == "closers_short":
        if most_closing < 0.05:
            return msg("{team}: {supply} opportunities a month and no closer can be moved or hired {limits}",
                       team=name, supply=_amount(supply), limits=LIMITS)
        if most_closing < supply / high:
            return msg("{team}: {supply} opportunities a month need closers for at least {least} of them; {limits}, "
                       "closers for at most {most} can be in place", team=name, supply=_amount(supply),
                       least=_amount(supply / high), limits=LIMITS, most=_amount(most_closing))
        return msg("{team}: {supply} opportunities a month need closers for {least} to {most} of them, and {fit}",
                   team=name, supply=_amount(supply), least=_amount(supply / high), most=_amount(supply / low),
                   fit=FIT)
    if what == "closers_idle":
        if most_supply < low * close_cap:
            return msg("{team}: closers can take {capacity} opportunities a month and at most {most} can be sourced "
                       "{limits}", team=name, capacity=_amount(close_cap), most=_amount(most_supply), limits=LIMITS)
        return msg("{team}: closers can take {capacity} opportunities a month, and {fit}", team=name,
                   capacity=_amount(close_cap), fit=FIT)
    assert what == "target_short" and team.target_month is not None
    currency = problem.plan.currency
    # The answer closest to the target, with every team balanced: the most bookings the limits allow.
    possible = team.win_rate * team.deal_size * min(supply, close_cap)
    return msg("{team}: the target of {target} a year needs {month} of bookings a month; at most {possible} are "
               "possible {limits}", team=name, target=Money(12 * team.target_month, currency),
               month=Money(team.target_month, currency), possible=Money(possible, currency), limits=LIMITS)


def _organisation_sentence(problem: Problem, formulation: Formulation, values: Sequence[float]) -> Message:
    """The organisation's target, and the most bookings the answer closest to it reaches."""
    assert problem.organisation_target is not None
    currency = problem.plan.currency
    reached = 0.0
    for team_index, team in enumerate(problem.teams):
        fte = {role: value_of(expression, values) for role, expression in formulation.fte[team_index].items()}
        reached += current_bookings(replace(team, current=fte))
    return msg("The organisation: its target of {target} a year needs {month} of bookings a month; at most "
               "{possible} are possible {limits}", target=Money(problem.organisation_target, currency),
               month=Money(problem.organisation_target / 12, currency), possible=Money(reached, currency),
               limits=LIMITS)


def shortfalls(problem: Problem, *, time_limit: float, should_stop: StopAsked | None = None,
               kept: Focus | None = None) -> list[Message]:
    """One sentence per team that falls short under the limits (the largest shortfalls first)."""
    formulation = formulate(problem, elastic=True, kept=kept)
    cost = {column: 1 / scale for _, _, column, scale in formulation.shortfalls}
    # On a large program, the relaxation (fractions of people): HiGHS's first round of cuts on the whole one
    # does not look at the clock (it ran 50 s past a 4 s limit on 10,000 people). A team short even with
    # fractions of people is short; some that only whole people leave short may go unnamed.
    solution = minimise(formulation.model, cost, time_limit=time_limit, should_stop=should_stop,
                        relaxation=formulation.model.columns >= LARGE_MODEL)
    if not solution.values:
        return []
    worst: dict[int, tuple[float, str]] = {}
    for team_index, what, column, scale in formulation.shortfalls:
        share = solution.values[column] / scale
        if share > SHORTFALL and share > worst.get(team_index, (0.0, ""))[0]:
            worst[team_index] = (share, what)
    ranked = sorted(worst.items(), key=lambda item: -item[1][0])[:MOST_TEAMS_NAMED]
    sentences: list[Message] = []
    for team_index, (_, what) in ranked:
        if team_index == ORGANISATION:
            sentences.append(_organisation_sentence(problem, formulation, solution.values))
            continue
        expressions = formulation.fte[team_index]
        fte = {role: value_of(expression, solution.values) for role, expression in expressions.items()}
        most = {role: most_of(expression, formulation.model) for role, expression in expressions.items()}
        sentences.append(_sentence(problem, team_index, what, fte, most))
    return sentences


def _relaxations(problem: Problem) -> list[tuple[Message, Callable[[AdviceOptions], AdviceOptions]]]:
    """Each limit that is set, with how to relax it, in the order a VP would reach for them."""
    options = problem.options
    found: list[tuple[Message, Callable[[AdviceOptions], AdviceOptions]]] = []
    if not options.hires:
        found.append((msg("allow hires"), lambda o: replace(o, hires=True, max_hires=None, hire_budget=None)))
    elif options.max_hires is not None or options.hire_budget is not None:
        found.append((msg("raise the limit on hires"), lambda o: replace(o, max_hires=None, hire_budget=None)))
    if not options.role_changes:
        found.append((msg("allow role changes"), lambda o: replace(o, role_changes=True)))
    if options.same_geography:
        found.append((msg("allow moves across geographies"), lambda o: replace(o, same_geography=False)))
    if not options.moves:
        found.append((msg("allow moves between teams"), lambda o: replace(o, moves=True)))
    if not (options.from_bench and options.to_bench):
        found.append((msg("allow the bench"), lambda o: replace(o, from_bench=True, to_bench=True)))
    if options.locked_members or options.locked_teams or problem.locked_members or any(t.locked for t in problem.teams):
        found.append((msg("unlock people and teams"), _unlocked))
    if options.forbidden_hires:
        found.append((msg("allow the hires you unticked"), lambda o: replace(o, forbidden_hires=frozenset())))
    if problem.organisation_target is not None or any(team.target_month is not None for team in problem.teams):
        found.append((msg("leave the bookings targets out"), lambda o: replace(o, reach_targets=False, targets={})))
    month = min(problem.plan.horizon_months, RELAXED_MONTH)
    if problem.month < month:
        found.append((msg("balance at month {month} instead, when hires have ramped", month=month),
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
            kept: Focus | None = None) -> Message:
    """Which teams cannot be balanced, what they lack, and which limit to relax."""
    deadline = time.monotonic() + max(2.0, problem.options.time_limit * EXPLAIN_SHARE)
    relaxations = _relaxations(problem)
    slice_ = (deadline - time.monotonic()) / (len(relaxations) + 2)
    sentences = shortfalls(problem, time_limit=slice_, should_stop=should_stop, kept=kept)
    text = msg("{sentences}.", sentences=joined(sentences, ". ")) if sentences else \
        msg("No combination of the allowed moves and hires balances every team at once.")
    for advice, relax in relaxations:
        if time.monotonic() > deadline - slice_:
            return text
        if _possible(problem, relax(problem.options), slice_, should_stop):
            return msg("{text} To find an answer, {advice}.", text=text, advice=advice)
    everything = problem.options
    for _, relax in relaxations:
        everything = relax(everything)
    if not relaxations or time.monotonic() > deadline - slice_:
        return text
    if _possible(problem, everything, slice_, should_stop):
        names = [advice for advice, _ in relaxations]
        listed = msg("{first} and {last}", first=joined(names[:-1], ", "), last=names[-1]) if len(names) > 1 \
            else names[0]
        return msg("{text} No single limit is enough: {listed} together would find one.", text=text, listed=listed)
    if kept is not None:
        return msg("{text} Relaxing the limits did not find one either, within the search this large plan allows.",
                   text=text)
    return msg("{text} No limit the advisor can relax is enough: the teams' markets ask for more than people can "
               "give.", text=text)
