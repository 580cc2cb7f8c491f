"""The record a command returns: what it touched, so the analysis and the views refresh only that.

It lives apart from ``commands`` so that what reads changes (the analysis, the views) does not depend
on what makes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from salesplanner.model import MemberId, ScenarioId, TeamId


@dataclass(frozen=True, slots=True)
class Change:
    """What a command touched, so views and the analysis refresh only that."""

    members: frozenset[MemberId] = frozenset()
    """People and openings whose data or placement changed."""
    teams: frozenset[tuple[ScenarioId, TeamId]] = frozenset()
    """Teams whose own data (name, market, overrides) changed."""
    scenarios: frozenset[ScenarioId] = frozenset()
    """Scenarios whose structure changed (teams added, removed or reordered): refresh them whole."""
    everything: bool = False
    """Assumptions, as-of date, horizon or currency changed: every number (or amount in a sentence) may differ."""
    scenario_list: bool = False
    """Scenarios were added, removed, renamed or re-based."""
    plan_fields: bool = False
    """The plan's own fields (name, currency, as-of date, horizon) changed."""

    def __or__(self, other: Change) -> Change:
        return Change(
            members=self.members | other.members,
            teams=self.teams | other.teams,
            scenarios=self.scenarios | other.scenarios,
            everything=self.everything or other.everything,
            scenario_list=self.scenario_list or other.scenario_list,
            plan_fields=self.plan_fields or other.plan_fields,
        )
