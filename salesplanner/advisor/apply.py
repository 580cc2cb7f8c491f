"""Turning a suggestion into commands — one undo step — and into JSON (docs/model.md §10)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salesplanner.advisor.answer import hire_opening
from salesplanner.advisor.types import Advice, Move, SuggestedHire
from salesplanner.commands import AddOpening, AddScenario, Assign, Batch, Command, copy_scenario, new_id
from salesplanner.i18n import Message, msg, msg_n, tr
from salesplanner.model import Placement, Plan, Scenario, ScenarioId


def _changes(scenario_id: ScenarioId, moves: Sequence[Move], hires: Sequence[SuggestedHire]) -> list[Command]:
    commands: list[Command] = []
    if moves:
        commands.append(Assign(scenario_id, {move.member: move.after for move in moves}))
    commands += [AddOpening(scenario_id, hire_opening(hire), Placement(hire.team, hire.role)) for hire in hires]
    return commands


def _counted(moves: Sequence[Move], hires: Sequence[SuggestedHire]) -> Message:
    counted_moves = msg_n("{n} move", "{n} moves", n=len(moves))
    counted_hires = msg_n("{n} hire", "{n} hires", n=len(hires))
    if moves and hires:
        return msg("{moves} and {hires}", moves=counted_moves, hires=counted_hires)
    return counted_moves if moves else counted_hires if hires else msg("nothing")


def apply_command(scenario_id: ScenarioId, moves: Sequence[Move], hires: Sequence[SuggestedHire]) -> Batch:
    """The suggested moves and hires in the scenario itself, as one step."""
    return Batch(msg("Apply suggested changes ({changes})", changes=_counted(moves, hires)),
                 _changes(scenario_id, moves, hires))


def proposal_name(plan: Plan, source: Scenario) -> str:
    """"Today (suggested)", or "Today (suggested 2)" when that name is taken (in the language in force: the
    user names it)."""
    names = {scenario.name for scenario in plan.scenarios.values()}
    name, number = tr("{scenario} (suggested)", scenario=source.name), 2
    while name in names:
        name, number = tr("{scenario} (suggested {n})", scenario=source.name, n=number), number + 1
    return name


def proposal_command(plan: Plan, source_id: ScenarioId, moves: Sequence[Move], hires: Sequence[SuggestedHire],
                     name: str | None = None) -> tuple[Batch, ScenarioId]:
    """A new scenario, a copy of the source with the suggested moves and hires, as one step; and its id."""
    source = plan.scenarios[source_id]
    scenario_id = ScenarioId(new_id("s", plan.ids_in_use() | {hire.opening_id for hire in hires}))
    name = name or proposal_name(plan, source)
    commands: list[Command] = [AddScenario(copy_scenario(source, new_id=scenario_id, name=name))]
    commands += _changes(scenario_id, moves, hires)
    return Batch(msg("Create proposal {name} ({changes})", name=name, changes=_counted(moves, hires)),
                 commands), scenario_id


def _side(placement: Placement | None) -> dict[str, str | None]:
    if placement is None:
        return {"team": None, "role": None}
    return {"team": placement.team, "role": placement.role.value}


def advice_to_dict(advice: Advice) -> dict[str, Any]:
    """The answer as ``salesplanner advise --json`` prints it (README, "The advisor")."""
    return {
        "status": advice.status.value,
        "moves": [{"person": move.member, "from": _side(move.before), "to": _side(move.after)}
                  for move in advice.moves],
        "hires": [{"id": hire.opening_id, "team": hire.team, "role": hire.role.value,
                   "start_date": hire.start_date.isoformat(), "annual_cost": hire.annual_cost}
                  for hire in advice.hires],
        "gap": advice.gap,
        "reason": advice.reason,
        "month": advice.month,
        "date": advice.on.isoformat() if advice.on else None,
        "hire_cost": advice.hire_cost,
        "notes": list(advice.notes),
        "teams": [{"id": outcome.after.team.id, "name": outcome.after.team.name, "locked": outcome.locked,
                   "status": {"before": _verdict(outcome.before.status), "after": _verdict(outcome.after.status)},
                   "balances": {item.handoff.value: {"before": before.ratio, "after": item.ratio,
                                                     "verdict_before": _verdict(before.verdict),
                                                     "verdict_after": _verdict(item.verdict)}
                                for before, item in zip(outcome.before.balances, outcome.after.balances, strict=True)},
                   "bookings_year": {"before": 12 * outcome.before.bookings, "after": 12 * outcome.after.bookings},
                   "annual_cost": {"before": outcome.before.annual_cost, "after": outcome.after.annual_cost},
                   "target": outcome.target}
                  for outcome in advice.teams],
    }


def _verdict(verdict: object) -> str | None:
    return None if verdict is None else str(verdict)
