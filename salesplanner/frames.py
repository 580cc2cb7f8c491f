"""A plan as pandas DataFrames, for the sales-ops analyst who works in a notebook.

    from salesplanner import frames

    plan = frames.load("nordlys.salesplan")
    frames.roster(plan)                      # a row per person and opening: team and role in a scenario
    frames.teams(plan, "Growth")             # a row per team: §4 flows, loads, verdicts, the target year
    frames.timeline(plan)                    # a row per team and month of the horizon
    frames.compare(plan, "Today", "Growth")  # a row per team of either scenario: before, after, change

Scenarios are named as on the command line (``--scenario NAME``); without a name, the baseline. Every
number is the one the app, ``summary --json`` and the workbook show (the same ``ScenarioAnalysis``,
``timeline`` and ``compare``), unrounded; flows are per month as in docs/model.md §4, ``bookings_year`` is
12 × the monthly run rate, ``expected_bookings_year`` the target year of §9. Dates are ``datetime.date``;
what a plan leaves unset (a bench member's team, a team without a target) is missing, as pandas has it.

pandas is imported by these functions only: nothing else in Sales Planner loads it, so ``summary`` and the
app's start do not pay for it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import member_cost
from salesplanner.compare import FIGURE_FIELDS
from salesplanner.compare import compare as compare_scenarios
from salesplanner.model import Opening, Plan, Scenario, resolved_role_parameters
from salesplanner.planfile.read import load_plan
from salesplanner.roles import ROLE_ORDER
from salesplanner.timeline import SERIES_FLOWS
from salesplanner.timeline import timeline as scenario_timeline

if TYPE_CHECKING:
    from pandas import DataFrame

__all__ = ["compare", "load", "roster", "teams", "timeline"]


def load(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file (``PlanFileError``, with one sentence per problem, when it cannot be read)."""
    return load_plan(path)


def _scenario(plan: Plan, name: str | None) -> Scenario:
    return plan.scenario_named(name) if name is not None else plan.scenarios[plan.baseline]


def _frame(rows: list[dict[str, Any]], columns: list[str], index: str | list[str]) -> DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=columns).set_index(index)


ROSTER_COLUMNS = ["id", "name", "kind", "email", "location", "status", "fte", "productivity", "start_date",
                  "leave_date", "annual_cost", "team_id", "team", "role"]


def roster(plan: Plan, scenario: str | None = None) -> DataFrame:
    """Everyone who can be placed in the scenario — people in plan order, then its openings — indexed by
    id: ``kind`` is ``person`` or ``opening``; ``team_id``, ``team`` and ``role`` are missing on the bench;
    ``annual_cost`` is the member's own, else their role's default × fte (missing on the bench without one
    of their own)."""
    chosen = _scenario(plan, scenario)
    rows = []
    for member in plan.members(chosen):
        placement = chosen.assignments.get(member.id)
        team = chosen.teams[placement.team] if placement else None
        person, opening = (None, member) if isinstance(member, Opening) else (member, None)
        cost = member_cost(member, placement.role, resolved_role_parameters(plan.assumptions, team)) \
            if placement and team else member.annual_cost
        rows.append({
            "id": member.id, "name": opening.title if opening else member.name,
            "kind": "person" if person else "opening", "email": person.email if person else None,
            "location": person.location if person else None, "status": person.status.value if person else None,
            "fte": member.fte, "productivity": person.productivity if person else 1.0,
            "start_date": member.start_date, "leave_date": person.leave_date if person else None,
            "annual_cost": cost, "team_id": team.id if team else None, "team": team.name if team else None,
            "role": placement.role.value if placement else None})
    return _frame(rows, ROSTER_COLUMNS, "id")


TEAM_COLUMNS = ["id", "name", "segment", "product_line", "geography", "headcount", "openings",
                *(f"{role.value}" for role in ROLE_ORDER), "fte", "effective_fte", "cap_in", "opps_in", "opps_out",
                "supply", "close_cap", "wins", "bookings", "bookings_year", "accounts_H", "am_cap", "annual_cost",
                "inbound_load", "sdr_to_closer", "closer_to_am", "status", "bottleneck", "target_bookings",
                "expected_bookings_year", "target_coverage", "target_verdict", "quota_capacity"]


def teams(plan: Plan, scenario: str | None = None) -> DataFrame:
    """The scenario's teams in its order, indexed by id: market, headcount (people) and openings, members
    per role (one column per role, people and openings), FTE and effective FTE, §4's flows a month, the three
    loads (missing where a handoff does not exist), the status and bottleneck, and the target year (§9)."""
    chosen = _scenario(plan, scenario)
    analysis = ScenarioAnalysis(plan, chosen.id)
    rows = []
    for result in analysis.teams():
        team, target = result.team, analysis.target(result.team.id)
        openings = sum(result.openings.values())
        rows.append({
            "id": team.id, "name": team.name, "segment": team.segment, "product_line": team.product_line,
            "geography": team.geography, "headcount": result.headcount - openings, "openings": openings,
            **{role.value: result.members[role] for role in ROLE_ORDER},
            "fte": sum(result.fte.values()), "effective_fte": sum(result.effective_fte.values()),
            "cap_in": result.cap_in, "opps_in": result.opps_in, "opps_out": result.opps_out,
            "supply": result.supply, "close_cap": result.close_cap, "wins": result.wins,
            "bookings": result.bookings, "bookings_year": 12 * result.bookings, "accounts_H": result.accounts_H,
            "am_cap": result.am_cap, "annual_cost": result.annual_cost,
            **{item.handoff.value: item.ratio for item in result.balances},
            "status": result.status.value if result.status else None,
            "bottleneck": result.bottleneck.value if result.bottleneck else None,
            "target_bookings": target.target_bookings, "expected_bookings_year": target.expected_bookings_year,
            "target_coverage": target.coverage, "target_verdict": target.verdict.value if target.verdict else None,
            "quota_capacity": target.quota_capacity})
    return _frame(rows, TEAM_COLUMNS, "id")


TIMELINE_COLUMNS = ["team_id", "month", "team", "date", *SERIES_FLOWS, "bookings_year",
                    *(f"effective_fte_{role.value}" for role in ROLE_ORDER)]


def timeline(plan: Plan, scenario: str | None = None) -> DataFrame:
    """The scenario month by month (months 0 … horizon, docs/model.md §7), a row per team and month
    indexed by (team id, month): the month's date, supply, closing capacity, wins and bookings a month,
    bookings a year (12 × the run rate) and each role's effective FTE, with ramps, starts, leaves and
    attrition. The organisation's line is ``frame.groupby("month").sum(numeric_only=True)``."""
    chosen = _scenario(plan, scenario)
    months = scenario_timeline(plan, chosen.id)
    rows = []
    for team_id, series in months.teams.items():
        name = chosen.teams[team_id].name
        for month, on in enumerate(months.dates):
            rows.append({
                "team_id": team_id, "month": month, "team": name, "date": on,
                **{flow: getattr(series, flow)[month] for flow in SERIES_FLOWS},
                "bookings_year": series.bookings_year[month],
                **{f"effective_fte_{role.value}": series.effective_fte[role][month] for role in ROLE_ORDER}})
    return _frame(rows, TIMELINE_COLUMNS, ["team_id", "month"])


def compare(plan: Plan, before: str | None, after: str) -> DataFrame:
    """Every team of either scenario, matched by id, indexed by id: ``added``/``removed``, each compared
    figure before, after and its change (``headcount_before``, ``headcount_after``, ``headcount_change``,
    …: headcount, openings, fte, effective_fte, annual_cost, supply, close_cap, wins, bookings_year — a team
    absent from a scenario counts 0 there), the status on each side, and the expected bookings over the
    target year on each side and their change. ``before`` None is the baseline."""
    source, target = _scenario(plan, before), plan.scenario_named(after)
    comparison = compare_scenarios(plan, source.id, target.id)
    rows = []
    for team in comparison.teams:
        figures = team.figures
        row: dict[str, Any] = {"id": team.team_id, "name": team.name, "added": team.added, "removed": team.removed}
        for name in FIGURE_FIELDS:
            row[f"{name}_before"] = getattr(figures.before, name)
            row[f"{name}_after"] = getattr(figures.after, name)
            row[f"{name}_change"] = getattr(figures.delta, name)
        row["status_before"] = team.status_before.value if team.status_before else None
        row["status_after"] = team.status_after.value if team.status_after else None
        targets = team.targets
        row["expected_bookings_year_before"] = targets.before.expected_bookings_year if targets.before else None
        row["expected_bookings_year_after"] = targets.after.expected_bookings_year if targets.after else None
        row["expected_bookings_year_change"] = targets.expected_delta
        rows.append(row)
    columns = ["id", "name", "added", "removed",
               *(f"{name}_{side}" for name in FIGURE_FIELDS for side in ("before", "after", "change")),
               "status_before", "status_after", "expected_bookings_year_before", "expected_bookings_year_after",
               "expected_bookings_year_change"]
    return _frame(rows, columns, "id")
