"""The scenario summary as plain data: what ``summary --json`` prints, unrounded."""

from __future__ import annotations

from typing import Any

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import Handoff, TeamResult
from salesplanner.diagnosis import diagnose
from salesplanner.model import Plan, Scenario
from salesplanner.roles import ROLE_ORDER
from salesplanner.targets import TargetVerdict, TeamTarget

TEAM_FLOWS = ("cap_in", "leads_worked", "opps_in", "opps_out", "supply", "close_cap", "worked", "wins",
              "bookings", "accounts_H", "am_cap")


def _verdict(verdict: TargetVerdict | None) -> str | None:
    return verdict.value if verdict else None


def team_summary(result: TeamResult, target: TeamTarget) -> dict[str, Any]:
    """One team under §4's names: flows per month, the three load ratios, verdicts and bottleneck; and
    its target, expected bookings over the target year, coverage and quota capacity (§9)."""
    team = result.team
    data: dict[str, Any] = {
        "id": team.id, "name": team.name, "segment": team.segment, "product_line": team.product_line,
        "geography": team.geography,
        "members": {role.value: result.members[role] for role in ROLE_ORDER if result.members[role]},
    }
    data.update({name: getattr(result, name) for name in TEAM_FLOWS})
    for item in result.balances:
        data[item.handoff.value] = item.ratio
    data["verdicts"] = {item.handoff.value: item.verdict.value if item.verdict else None
                        for item in result.balances}
    data["sentences"] = [item.sentence for item in result.balances if item.sentence]
    bottleneck: Handoff | None = result.bottleneck
    data["bottleneck"] = bottleneck.value if bottleneck else None
    data["status"] = result.status.value if result.status else None  # None: no handoffs yet
    data["annual_cost"] = result.annual_cost
    data["manager_span"] = result.manager_span
    data.update(target_bookings=target.target_bookings, expected_bookings_year=target.expected_bookings_year,
                target_coverage=target.coverage, target_verdict=_verdict(target.verdict),
                quota_capacity=target.quota_capacity)
    return data


def scenario_summary(plan: Plan, scenario: Scenario,
                     analysis: ScenarioAnalysis | None = None) -> dict[str, Any]:
    """The ``summary --json`` object: stage, reasons, organisation totals, warnings and every team."""
    analysis = analysis or ScenarioAnalysis(plan, scenario.id)
    totals = analysis.totals
    diagnosis = diagnose(totals)
    return {
        "plan": plan.name,
        "scenario": scenario.name,
        "baseline": scenario.id == plan.baseline,
        "as_of": plan.as_of.isoformat(),
        "horizon_months": plan.horizon_months,
        "currency": plan.currency,
        "stage": diagnosis.stage.value,
        "stage_reasons": list(diagnosis.reasons),
        "next_stage": diagnosis.next_stage,
        "totals": {
            "headcount": totals.headcount,
            "openings": totals.openings,
            "members_by_role": {r.value: totals.members_by_role[r] for r in ROLE_ORDER},
            "fte_by_role": {r.value: totals.fte_by_role[r] for r in ROLE_ORDER},
            "effective_fte_by_role": {r.value: totals.effective_fte_by_role[r] for r in ROLE_ORDER},
            "supply": totals.supply,
            "close_cap": totals.close_cap,
            "wins": totals.wins,
            "bookings_month": totals.bookings_month,
            "bookings_year": totals.bookings_year,
            "annual_cost": totals.annual_cost,
            "cost_of_sales": totals.cost_of_sales,
            "sdr_per_closer": totals.sdr_per_closer,
            "top_closer_count": totals.top_closer_count,
            "top_closer_share": totals.top_closer_share,
            "vp_span": totals.vp_span,
            "teams": totals.teams,
            "teams_balanced": totals.teams_balanced,
            "teams_without_handoffs": totals.teams_without_handoffs,
            "bench_people": totals.bench_people,
            "bench_openings": totals.bench_openings,
            "bench_annual_cost": totals.bench_annual_cost,
            "target_bookings": totals.target_bookings,
            "target_source": None if totals.target_bookings is None
            else "scenario" if scenario.target_bookings is not None else "teams",
            "expected_bookings_year": totals.expected_bookings_year,
            "target_coverage": totals.target_coverage,
            "target_verdict": _verdict(totals.target_verdict),
            "quota_capacity": totals.quota_capacity,
        },
        "warnings": [warning.text for warning in analysis.warnings()],
        "teams": [team_summary(result, analysis.target(result.team.id)) for result in analysis.teams()],
    }
