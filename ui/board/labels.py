"""What the board says: group titles, team badges, lane capacities, a chip's tooltip — translated,
numbers through QLocale; the figures themselves come from the core."""

from __future__ import annotations

from dataclasses import dataclass

from salesplanner.capacity import TeamResult, Verdict, effective_fte, member_cost
from salesplanner.layout import LANE_ORDER, LaneFigures, team_badge
from salesplanner.layout import lane_capacity as core_lane_capacity
from salesplanner.layout import span_text as core_span_text
from salesplanner.model import Member, MemberId, Opening, Placement, Scenario, Team, resolved_role_parameters
from salesplanner.roles import RAMP_MONTHS, Role
from salesplanner.targets import TargetVerdict, TeamTarget
from ui import text
from ui.board.overview import TileData
from ui.document import PlanDocument


def group_title(dimension: str | None, value: str | None) -> str:
    if value:
        return value
    return {
        "segment": text.translate("Board", "No segment"),
        "product_line": text.translate("Board", "No product line"),
        "geography": text.translate("Board", "No geography"),
    }.get(dimension or "", "")


@dataclass(frozen=True)
class BadgeText:
    text: str
    verdict: Verdict | None
    tooltip: str = ""


def badge_text(result: TeamResult) -> BadgeText:
    """The card's badge: the core's ``layout.team_badge``, as the board shows it."""
    badge = team_badge(result)
    return BadgeText(str(badge.text), badge.verdict, text.shown(badge.tooltip))


def tile_data(name: str, result: TeamResult, badge: BadgeText) -> TileData:
    """What the team's overview tile shows."""
    return TileData(name=name, members=tuple((role, result.members[role]) for role in LANE_ORDER
                                             if result.members[role]),
                    verdicts=(result.inbound_load.verdict, result.sdr_to_closer.verdict,
                              result.closer_to_am.verdict),
                    badge=badge.text, badge_verdict=badge.verdict)


def lane_capacity(result: TeamResult, role: Role) -> str:
    """The capacity a lane shows next to its role name (the core's ``layout.lane_capacity``)."""
    return text.shown(core_lane_capacity(result, role))


def span_text(figures: LaneFigures) -> str:
    """A manager lane's figure (the core's ``layout.span_text``): never a fractional span."""
    return text.shown(core_span_text(figures))


def baseline_seat(baseline: Scenario | None, member: Member, now: Placement) -> str | None:
    """Where the member sits in the baseline when that differs from ``now``; None when it does not,
    when the scenario on screen is the baseline, or for an opening the baseline does not have (a new
    hire is already drawn dashed)."""
    if baseline is None or (isinstance(member, Opening) and member.id not in baseline.openings):
        return None
    before = baseline.assignments.get(member.id)
    if before == now:
        return None
    if before is None:
        return text.translate("Board", "the bench")
    return f"{baseline.teams[before.team].name} · {text.role_name(before.role)}"


def member_summary(document: PlanDocument, member_id: MemberId) -> str:
    """A few lines about a person or opening: role and team, FTE, productivity, dates, cost."""
    plan, scenario = document.plan, document.scenario
    member = plan.member(scenario, member_id)
    if member is None:
        return ""
    placement = scenario.assignments.get(member_id)
    lines = [member.name]
    if placement is None:
        lines.append(text.translate("Board", "On the bench"))
    else:
        team = scenario.teams[placement.team]
        lines.append(f"{text.role_name(placement.role)} · {team.name}")
        parameters = resolved_role_parameters(plan.assumptions, team)
        effective = effective_fte(member, ramp_months=parameters[placement.role][RAMP_MONTHS], on=plan.as_of)
        lines.append(text.translate("Board", "%1 FTE, %2 effective today").replace(
            "%1", text.number(member.fte, 2)).replace("%2", text.number(effective, 2)))
        lines.append(text.translate("Board", "Annual cost %1").replace(
            "%1", text.money(member_cost(member, placement.role, parameters), plan.currency)))
    if isinstance(member, Opening):
        lines.append(text.translate("Board", "Open position"))
    elif member.productivity != 1:
        lines.append(text.translate("Board", "Productivity ×%1").replace("%1", text.number(member.productivity, 2)))
    if member.start_date is not None:
        lines.append(text.translate("Board", "Starts %1").replace("%1", text.date_text(member.start_date))
                     if member.start_date > plan.as_of else
                     text.translate("Board", "Started %1").replace("%1", text.date_text(member.start_date)))
    if member.leave_date is not None:
        lines.append(text.translate("Board", "Leaves %1").replace("%1", text.date_text(member.leave_date)))
    if placement is not None and plan.baseline != scenario.id:
        was = baseline_seat(plan.scenarios[plan.baseline], member, placement)
        if was is not None:
            lines.append(text.translate("Board", "In %1: %2").replace(
                "%1", plan.scenarios[plan.baseline].name).replace("%2", was))
    return "\n".join(lines)


def market_line(team: Team) -> str:
    parts = [part for part in (team.segment, team.geography, team.product_line) if part]
    return " · ".join(parts) if parts else text.translate("Board", "No market set")


def target_line(target: TeamTarget, currency: str) -> tuple[str, TargetVerdict | None] | None:
    """'Target € 2.00 M · expected € 1.70 M (85 %)' for a team with a target (docs/model.md §9), with the
    verdict it is coloured by; None without a target."""
    if target.target_bookings is None:
        return None
    line = text.translate("Board", "Target %1 · expected %2").replace(
        "%1", text.money(target.target_bookings, currency, compact=True)).replace(
        "%2", text.money(target.expected_bookings_year, currency, compact=True))
    if target.coverage is not None:
        line += f" ({text.percent(target.coverage)})"
    return line, target.verdict


def target_tooltip(target: TeamTarget, currency: str) -> str:
    """What the target line means: how expected bookings are counted, the verdict and the quotas."""
    lines = [text.translate("Board", "Expected bookings over the next 12 months, with ramp, starts, leaves and "
                                     "attrition: %1").replace(
        "%1", text.money(target.expected_bookings_year, currency))]
    if target.target_bookings is not None:
        lines.append(text.translate("Board", "Target: %1").replace("%1", text.money(target.target_bookings, currency)))
    if target.verdict is TargetVerdict.SHORT:
        lines.append(text.translate("Board", "Short by %1").replace("%1", text.money(target.shortfall, currency)))
    elif target.verdict is not None:
        lines.append(text.target_verdict_name(target.verdict).capitalize())
    lines.append(text.translate("Board", "Quota capacity: %1").replace(
        "%1", text.money(target.quota_capacity, currency)))
    return "\n".join(lines)
