"""The advisor's mixed-integer program: docs/model.md §4–§5 for a whole scenario (docs/model.md §10).

Variables (all counts are integers):

- ``out[lot, destination]``: how many of a lot leave their seat — for a role in another team (through a
  *pool*), for another role in their own team (when moves between teams are off), or for the bench;
- ``in[team, kind, role]``: how many members of a kind arrive in a team's role from the pool of that kind
  and role (per geography when moves stay within one). What leaves a pool arrives from it;
- ``hire[team, role]``: suggested hires, each a full-time opening starting after the hiring lead time;
- per team, ``leads_worked`` and ``worked`` with one binary each, so §4's two ``min()``s are exact.

Each team's effective FTE per role, E_r, is what stays plus what arrives plus hires. The pools make the
model as small as the number of distinct *kinds* of member, not of members: every member of a kind adds
the same effective FTE to any seat. Leaving and arriving in the same seat would be a move that changes
nothing; it only costs, so a best answer never does it, and ``decode`` cancels any such pair in an
answer that is not proven best.

A handoff is balanced when (1 − τ) × capacity ≤ demand ≤ (1 + τ) × capacity (§5; with both sides 0 the
handoff does not exist, which the same two inequalities allow). Lower bounds on a ``min()`` are linear
(min(a, b) ≥ x ⟺ a ≥ x and b ≥ x); only the upper bounds need the binary, whose big-M comes from the
balance bands themselves: with the inbound band, |inbound − cap_in| ≤ τ/(1 − τ) × inbound, and with the
SDR → closer band, |supply − close_cap| ≤ τ × the largest closing capacity the team could reach.
``margin`` narrows every band by that much, for a solver answer that crosses a band's edge by its
feasibility tolerance: ``advise`` checks each answer with the engine and, if it fails, solves again with
a wider margin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from salesplanner.advisor.problem import SPECIALIST_ROLES, Problem, TeamTerms
from salesplanner.roles import ROLE_ORDER, Role

INFINITY = float("inf")
BIG_M_ROOM = 1.01
"""Big-M values are bounds the data proves; 1 % more keeps a solver's rounding from making them bind."""

Terms = dict[int, float]


class Affine(NamedTuple):
    terms: Terms
    constant: float


@dataclass(slots=True)
class LinearModel:
    """A mixed-integer linear program in the plain form every solver takes."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    rows: list[Terms] = field(default_factory=list)

    def variable(self, lower: float, upper: float, *, integer: bool) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.lower) - 1

    def constrain(self, expression: Affine, lower: float = -INFINITY, upper: float = INFINITY) -> int:
        """lower ≤ expression ≤ upper."""
        terms = {column: value for column, value in expression.terms.items() if value != 0}
        self.rows.append(terms)
        self.row_lower.append(lower - expression.constant)
        self.row_upper.append(upper - expression.constant)
        return len(self.rows) - 1

    @property
    def columns(self) -> int:
        return len(self.lower)


class Destination(NamedTuple):
    """Where members of a lot go: a pool (role, geography) for another team, their own team in another
    role (``team`` set), or the bench (``role`` None)."""

    role: Role | None
    geography: str | None = None
    team: int | None = None


@dataclass(slots=True)
class Formulation:
    model: LinearModel
    move_cost: Terms
    hire_cost: Terms
    outs: list[tuple[int, Destination, int]]
    """(lot, destination, column)."""
    ins: list[tuple[int, int, Role, int]]
    """(team, kind, role, column)."""
    hires: list[tuple[int, Role, int]]
    """(team, role, column)."""
    fte: list[dict[Role, Affine]]
    """Each team's effective FTE per role, as an expression of the columns."""
    shortfalls: list[tuple[int, str, int, float]] = field(default_factory=list)
    """Elastic formulations only: (team, what falls short, slack column, its scale)."""


def _add(terms: Terms, column: int, value: float) -> None:
    terms[column] = terms.get(column, 0.0) + value


def _scaled(expression: Affine, factor: float) -> Affine:
    return Affine({column: value * factor for column, value in expression.terms.items()},
                  expression.constant * factor)


def value_of(expression: Affine, values: Sequence[float]) -> float:
    return expression.constant + sum(value * values[column] for column, value in expression.terms.items())


def _sum(parts: Iterable[Affine]) -> Affine:
    terms: Terms = {}
    constant = 0.0
    for part in parts:
        for column, value in part.terms.items():
            _add(terms, column, value)
        constant += part.constant
    return Affine(terms, constant)


FOCUS_BUDGET = 12_000
"""Most arrival columns (one per team for each pool of a kind and role) a search takes whole. Beyond it, the
search is focused (``focus``) and says so: its answer then balances every team, its gap measured within
that search."""
FOCUS_COMMON = 2
"""In a focused search, the most common kinds of each role may arrive in any team."""

Focus = frozenset[tuple[int, int, Role]]
"""The arrivals a focused search allows: (team, kind, role)."""


def _wants(problem: Problem, team: TeamTerms) -> set[Role]:
    """The roles whose arrival could fix one of the team's handoffs as it is now (§5's verdicts from the
    team's linear terms): more inbound SDRs for unworked leads, more closers for unworked opportunities,
    more sourcing for idle closers, more AMs for too many accounts, more selling for idle AMs."""
    def total(coefficients: Mapping[Role, float]) -> float:
        return sum(value * team.current[role] for role, value in coefficients.items())

    high, low = 1 + problem.tolerance, 1 - problem.tolerance
    cap_in, close_cap, am_cap = total(team.cap_in), total(team.closing), total(team.am_cap)
    supply = team.lead_to_opp * min(team.inbound, cap_in) + total(team.sourcing)
    accounts = team.accounts_base + team.accounts_per_win * team.win_rate * min(supply, close_cap)
    wants: set[Role] = set()
    if team.inbound > high * cap_in:
        wants.add(Role.SDR_INBOUND)
    if supply > high * close_cap:
        wants |= {Role.AE, Role.FULL_CYCLE}
    if supply < low * close_cap:
        wants |= {Role.SDR_OUTBOUND, Role.FULL_CYCLE}
    if accounts > high * am_cap:
        wants.add(Role.AM)
    if accounts < low * am_cap:
        wants |= {Role.AE, Role.SDR_OUTBOUND, Role.FULL_CYCLE}
    return wants


def focus(problem: Problem, budget: int) -> Focus | None:
    """For a plan too large to search whole (more than ``budget`` arrival columns), the arrivals a focused
    search keeps: the ``FOCUS_COMMON`` most common kinds of each role into any team, and into each team the
    most common kinds of each role it wants (``_wants``), as many as fit the budget. None when the whole
    search fits. On a large plan the common kinds — fully ramped, full time — are where the answers are."""
    members: dict[tuple[int, Role], int] = defaultdict(int)
    for lot in problem.lots:
        for role in lot.roles:
            members[(lot.kind, role)] += len(lot.members)
    open_teams = [index for index, team in enumerate(problem.teams) if not team.locked]
    if len(members) * max(1, len(open_teams)) <= budget:
        return None
    by_role: dict[Role, list[int]] = defaultdict(list)
    for kind, role in sorted(members, key=lambda pool: (-members[pool], pool)):
        by_role[role].append(kind)
    kept = {(team, kind, role) for role, kinds in by_role.items() for kind in kinds[:FOCUS_COMMON]
            for team in open_teams}
    wants = [(team, role) for team in open_teams for role in sorted(_wants(problem, problem.teams[team]))
             if role in by_role]
    depth = max(0, (budget - len(kept)) // max(1, len(wants)))
    kept |= {(team, kind, role) for team, role in wants for kind in by_role[role][:depth]}
    return frozenset(kept)


def formulate(problem: Problem, *, margin: float = 0.0, elastic: bool = False,
              kept: Focus | None = None) -> Formulation:
    """The program for ``problem``. ``elastic`` adds a slack to every balance and target row (what each
    team would still lack), for explaining an infeasible one. ``kept`` (from ``focus``) limits arrivals to
    those teams, kinds and roles."""
    pools_kept = None if kept is None else {(kind, role) for _, kind, role in kept}
    options = problem.options
    model = LinearModel()
    move_cost: Terms = {}
    hire_cost: Terms = {}
    geographies = sorted({team.geography or "" for team in problem.teams if not team.locked}) \
        if options.same_geography else [None]
    # E_r of each team as an affine expression: what is there now, less who leaves, plus who arrives.
    fte: list[dict[Role, Affine]] = [{role: Affine({}, team.current[role]) for role in ROLE_ORDER}
                                     for team in problem.teams]
    headcount: list[Terms] = [{} for _ in problem.teams]
    """Each team's change in headcount, per column."""
    outs: list[tuple[int, Destination, int]] = []
    lot_of: dict[int, int] = {}
    pools: dict[tuple[int, Role, str | None], Terms] = defaultdict(dict)
    for lot_index, lot in enumerate(problem.lots):
        size = len(lot.members)
        destinations: list[Destination] = []
        for role in lot.roles:
            if pools_kept is not None and (lot.kind, role) not in pools_kept:
                continue
            if kept is not None and lot.seat is not None and not options.moves and role is not lot.seat.role \
                    and (problem.team_index[lot.seat.team], lot.kind, role) not in kept:
                continue
            if lot.seat is None or role is lot.seat.role or options.moves:
                if lot.seat is None or not options.same_geography:
                    destinations += [Destination(role, geography) for geography in geographies]
                else:
                    destinations.append(Destination(role, lot.geography or ""))
            else:
                destinations.append(Destination(role, team=problem.team_index[lot.seat.team]))
        if lot.seat is not None and options.to_bench:
            destinations.append(Destination(None))
        leaving: Terms = {}
        for destination in destinations:
            column = model.variable(0, size, integer=True)
            outs.append((lot_index, destination, column))
            lot_of[column] = lot_index
            leaving[column] = 1.0
            changes_role = lot.seat is not None and destination.role not in (None, lot.seat.role)
            move_cost[column] = options.role_change_weight if changes_role else options.move_weight
            if destination.team is not None:
                assert destination.role is not None
                headcount[destination.team][column] = \
                    float(problem.kind_fte(lot.kind, destination.team, destination.role) > 0)
                fte[destination.team][destination.role].terms[column] = \
                    problem.kind_fte(lot.kind, destination.team, destination.role)
            elif destination.role is not None:
                pools[(lot.kind, destination.role, destination.geography)][column] = 1.0
        if len(destinations) > 1:
            model.constrain(Affine(leaving, 0.0), upper=size)
        if lot.seat is not None:
            seat_team = problem.team_index[lot.seat.team]
            here = problem.kind_fte(lot.kind, seat_team, lot.seat.role)
            terms = fte[seat_team][lot.seat.role].terms
            for column in leaving:
                _add(terms, column, -here)
                _add(headcount[seat_team], column, -float(here > 0))

    ins: list[tuple[int, int, Role, int]] = []
    for (kind, role, geography), leavers in pools.items():
        arrivals: Terms = {}
        # A team takes at most everyone who leaves the pool from elsewhere: from its own seat would be
        # a round trip.
        everyone = sum(model.upper[column] for column in leavers)
        own: dict[int, float] = defaultdict(float)
        for column in leavers:
            seat = problem.lots[lot_of[column]].seat
            if seat is not None and seat.role is role:
                own[problem.team_index[seat.team]] += model.upper[column]
        for team_index, team in enumerate(problem.teams):
            if team.locked or (geography is not None and (team.geography or "") != geography):
                continue
            most = everyone - own[team_index]
            if most <= 0 or (kept is not None and (team_index, kind, role) not in kept):
                continue
            column = model.variable(0, most, integer=True)
            ins.append((team_index, kind, role, column))
            arrivals[column] = -1.0
            headcount[team_index][column] = float(problem.kind_fte(kind, team_index, role) > 0)
            fte[team_index][role].terms[column] = problem.kind_fte(kind, team_index, role)
        model.constrain(Affine({**leavers, **arrivals}, 0.0), 0.0, 0.0)

    hires: list[tuple[int, Role, int]] = []
    for team_index, team in enumerate(problem.teams):
        if team.locked:
            continue
        for role in SPECIALIST_ROLES:
            cap = team.hire_cap[role]
            if cap <= 0 or team.hire_fte[role] <= 0 or (team.id, role) in _forbidden(problem):
                continue
            column = model.variable(0, cap, integer=True)
            hires.append((team_index, role, column))
            hire_cost[column] = team.hire_cost[role]
            headcount[team_index][column] = 1.0
            fte[team_index][role].terms[column] = team.hire_fte[role]
    if hires:
        if options.max_hires is not None:
            model.constrain(Affine({column: 1.0 for _, _, column in hires}, 0.0), upper=options.max_hires)
        if options.hire_budget is not None:
            model.constrain(Affine({column: hire_cost[column] for _, _, column in hires}, 0.0),
                            upper=options.hire_budget)

    # A team with people working at the month keeps at least one: dissolving a market team is a decision,
    # not a balancing move (and an empty team, having no handoff, would otherwise count as balanced).
    for team_index, team in enumerate(problem.teams):
        if team.headcount and headcount[team_index]:
            model.constrain(Affine(headcount[team_index], float(team.headcount)), lower=1)
    formulation = Formulation(model, move_cost, hire_cost, outs, ins, hires, fte)
    bookings: list[Affine] = []
    for team_index, team in enumerate(problem.teams):
        if team.locked:
            bookings.append(Affine({}, current_bookings(team)))
        else:
            bookings.append(_team_rows(problem, formulation, team_index, fte[team_index], margin, elastic))
    if problem.organisation_target is not None:
        # The organisation's own target: every team's run-rate bookings together (a lower bound: linear).
        need = problem.organisation_target / 12
        total = _sum(bookings)
        if elastic:
            column = model.variable(0, INFINITY, integer=False)
            formulation.shortfalls.append((ORGANISATION, "target_short", column, max(need, 1e-9)))
            total = _sum([total, Affine({column: 1.0}, 0.0)])
        model.constrain(total, lower=need)
    return formulation


ORGANISATION = -1
"""The "team" of a shortfall that is the organisation's (its own bookings target)."""


def current_bookings(team: TeamTerms) -> float:
    """§4's bookings a month of the team as it is (the two min()s on numbers)."""
    def total(coefficients: Mapping[Role, float]) -> float:
        return sum(value * team.current[role] for role, value in coefficients.items())

    supply = team.lead_to_opp * min(team.inbound, total(team.cap_in)) + total(team.sourcing)
    return team.deal_size * team.win_rate * min(supply, total(team.closing))


def _forbidden(problem: Problem) -> frozenset[tuple[str, Role]]:
    return frozenset((placement.team, placement.role) for placement in problem.options.forbidden_hires)


def _linear(fte: dict[Role, Affine], coefficients: Mapping[Role, float]) -> Affine:
    return _sum(_scaled(fte[role], value) for role, value in coefficients.items() if value)


def most_of(expression: Affine, model: LinearModel) -> float:
    """The largest value ``expression`` can take within its variables' bounds (non-negative variables)."""
    return expression.constant + sum(value * model.upper[column] for column, value in expression.terms.items()
                                     if value > 0)


def _team_rows(problem: Problem, formulation: Formulation, team_index: int, fte: dict[Role, Affine],
               margin: float, elastic: bool) -> Affine:
    """One team's balance rows (docs/model.md §5) and target row; returns its bookings a month."""
    model = formulation.model
    team = problem.teams[team_index]
    low, high = 1 - problem.tolerance + margin, 1 + problem.tolerance - margin
    tau = problem.tolerance

    def slack(what: str, scale: float) -> Terms:
        if not elastic:
            return {}
        column = model.variable(0, INFINITY, integer=False)
        formulation.shortfalls.append((team_index, what, column, max(scale, 1e-9)))
        return {column: 1.0}

    def relaxed(expression: Affine, extra: Terms, sign: float) -> Affine:
        terms = dict(expression.terms)
        for column in extra:
            _add(terms, column, sign)
        return Affine(terms, expression.constant)

    cap_in = _linear(fte, team.cap_in)
    inbound = team.inbound
    # Inbound: inbound ÷ cap_in within the band; no leads means no inbound capacity.
    model.constrain(relaxed(_scaled(cap_in, high), slack("inbound_short", inbound), +1), lower=inbound)
    model.constrain(relaxed(_scaled(cap_in, low), slack("inbound_idle", inbound), -1), upper=inbound)

    # leads_worked = min(inbound, cap_in): exact with one binary. Within the band (an elastic
    # formulation has none), inbound − cap_in ≤ τ/(1+τ) × inbound and cap_in − inbound ≤ τ/(1−τ) × inbound.
    if inbound > 0 and team.lead_to_opp > 0:
        worked_leads = model.variable(0, inbound, integer=False)
        chosen = model.variable(0, 1, integer=True)  # 1: cap_in is the smaller
        if elastic:
            below, above = inbound, max(0.0, most_of(cap_in, model) - inbound)
        else:
            below, above = inbound * tau / (1 + tau), inbound * tau / (1 - tau)
        below, above = below * BIG_M_ROOM + 1e-6, above * BIG_M_ROOM + 1e-6
        model.constrain(_sum([Affine({worked_leads: 1.0}, 0.0), _scaled(cap_in, -1)]), upper=0)
        model.constrain(Affine({worked_leads: 1.0, chosen: below}, 0.0), lower=inbound)
        model.constrain(_sum([Affine({worked_leads: 1.0, chosen: -above}, 0.0), _scaled(cap_in, -1)]), lower=-above)
        opps_in = Affine({worked_leads: team.lead_to_opp}, 0.0)
    else:
        opps_in = Affine({}, 0.0)
    supply = _sum([opps_in, _linear(fte, team.sourcing)])
    close_cap = _linear(fte, team.closing)
    scale = max(1.0, supply.constant, close_cap.constant)
    # SDR → closer: supply ÷ close_cap within the band.
    model.constrain(relaxed(_sum([supply, _scaled(close_cap, -high)]), slack("closers_short", scale), -1), upper=0)
    model.constrain(relaxed(_sum([supply, _scaled(close_cap, -low)]), slack("closers_idle", scale), +1), lower=0)

    am_cap = _linear(fte, team.am_cap)
    if team.win_rate > 0:
        # worked = min(supply, close_cap): within the band, |supply − close_cap| ≤ τ × close_cap.
        most_closing = most_of(close_cap, model)
        big = max(most_of(supply, model), most_closing) if elastic else tau * most_closing
        big = big * BIG_M_ROOM + 1e-6
        worked = model.variable(0, INFINITY, integer=False)
        chosen = model.variable(0, 1, integer=True)  # 1: close_cap is the smaller
        model.constrain(_sum([Affine({worked: 1.0}, 0.0), _scaled(supply, -1)]), upper=0)
        model.constrain(_sum([Affine({worked: 1.0}, 0.0), _scaled(close_cap, -1)]), upper=0)
        model.constrain(_sum([Affine({worked: 1.0, chosen: big}, 0.0), _scaled(supply, -1)]), lower=0)
        model.constrain(_sum([Affine({worked: 1.0, chosen: -big}, 0.0), _scaled(close_cap, -1)]), lower=-big)
        wins = Affine({worked: team.win_rate}, 0.0)
    else:
        wins = Affine({}, 0.0)
    accounts = _sum([Affine({}, team.accounts_base), _scaled(wins, team.accounts_per_win)])
    am_scale = max(1.0, team.accounts_base, am_cap.constant)
    # Closer → AM: accounts_H ÷ am_cap within the band.
    model.constrain(relaxed(_sum([accounts, _scaled(am_cap, -high)]), slack("am_short", am_scale), -1), upper=0)
    model.constrain(relaxed(_sum([accounts, _scaled(am_cap, -low)]), slack("am_idle", am_scale), +1), lower=0)
    bookings = _scaled(wins, team.deal_size)
    if team.target_month is not None:
        model.constrain(relaxed(bookings, slack("target_short", team.target_month), +1), lower=team.target_month)
    return bookings
