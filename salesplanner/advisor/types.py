"""What the advisor is asked and what it answers (docs/model.md §10): plain values, no solver."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from salesplanner.capacity import TeamResult
from salesplanner.i18n import Text
from salesplanner.model import MemberId, OpeningId, Placement, TeamId
from salesplanner.roles import Role

ROLE_CHANGE_WEIGHT = 3.0
"""A role change counts as this many moves: retraining an SDR as an AE is a bigger step than a desk move."""
MOVE_WEIGHT = 1.0
DEFAULT_TIME_LIMIT = 30.0


@dataclass(frozen=True, slots=True)
class AdviceOptions:
    """What may change, and when the teams must be balanced."""

    at_month: int = 0
    """0: balanced today (the engine's figures on the as-of date); m: balanced at timeline month m."""
    moves: bool = True
    """Move people between teams (keeping their role)."""
    same_geography: bool = False
    """Only between teams of the same geography (bench members may go anywhere)."""
    role_changes: bool = False
    from_bench: bool = True
    """Place people and open positions from the bench."""
    to_bench: bool = False
    """Take people out of teams onto the bench (a move). Off by default: a VP balancing teams wants the
    people placed, not set aside."""
    hires: bool = True
    max_hires: int | None = None
    hire_budget: float | None = None
    """Most annual cost the hires may add together, in the plan's currency."""
    plan_locks: bool = True
    """Keep the people and teams the plan marks as locked where they are."""
    locked_members: frozenset[MemberId] = frozenset()
    locked_teams: frozenset[TeamId] = frozenset()
    forbidden_hires: frozenset[Placement] = frozenset()
    """(team, role) pairs where no hire may be suggested (a hire the user unticked)."""
    reach_targets: bool = True
    """Each team with a bookings target (``Team.target_bookings``), and the organisation when the scenario
    has its own target, must reach it: run-rate bookings at the month × 12 (docs/model.md §10)."""
    targets: Mapping[TeamId, float] = field(default_factory=dict)
    """Annual bookings targets that replace the plan's for this run, by team."""
    time_limit: float = DEFAULT_TIME_LIMIT
    move_weight: float = MOVE_WEIGHT
    role_change_weight: float = ROLE_CHANGE_WEIGHT


class Status(StrEnum):
    OPTIMAL = "optimal"
    """Proven best under the options."""
    FEASIBLE = "feasible"
    """Balances every team, but the time limit came before the proof that nothing better exists."""
    INFEASIBLE = "infeasible"


@dataclass(frozen=True, slots=True)
class Move:
    member: MemberId
    before: Placement | None
    """None: from the bench."""
    after: Placement | None
    """None: to the bench."""

    @property
    def role_change(self) -> bool:
        return self.before is not None and self.after is not None and self.before.role is not self.after.role


@dataclass(frozen=True, slots=True)
class SuggestedHire:
    opening_id: OpeningId
    """The id the open position gets when the suggestion is applied (the check used it too)."""
    team: TeamId
    role: Role
    start_date: date
    annual_cost: float


@dataclass(frozen=True, slots=True)
class TeamOutcome:
    """One team at the month, before and after the suggestion, as the engine computes it."""

    before: TeamResult
    after: TeamResult
    locked: bool
    target: float | None
    """Annual bookings the team must reach, if any."""


@dataclass(frozen=True, slots=True)
class Advice:
    status: Status
    moves: tuple[Move, ...] = ()
    hires: tuple[SuggestedHire, ...] = ()
    gap: float | None = None
    """The solver's relative gap on the objective still being minimised (0 when proven optimal)."""
    reason: Text | None = None
    """Why there is no answer, for a VP; or, for an unproven answer, why it may not be the best."""
    month: int = 0
    on: date | None = None
    """The date of the month the teams are balanced at."""
    teams: tuple[TeamOutcome, ...] = ()
    """Every team of the scenario, in order (empty when infeasible)."""
    notes: tuple[Text, ...] = ()
    """Things to know about the answer (a locked team left unbalanced, a restricted search)."""
    organisation_target: float | None = None
    """The scenario's own bookings target the answer reaches, if it has one (and targets count)."""

    @property
    def hire_cost(self) -> float:
        return sum(hire.annual_cost for hire in self.hires)

    def move_weight(self, options: AdviceOptions) -> float:
        return sum(options.role_change_weight if move.role_change else options.move_weight for move in self.moves)
