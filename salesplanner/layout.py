"""How a team is laid out top to bottom, on the board and on slides: the leader, then the conversion
chain, with each handoff between the lanes it joins."""

from __future__ import annotations

from dataclasses import dataclass

from salesplanner.capacity import Handoff, TeamResult
from salesplanner.roles import Role

CARD_SLOTS: tuple[Role | Handoff, ...] = (
    Role.MANAGER, Role.SDR_INBOUND, Handoff.INBOUND_LOAD, Role.SDR_OUTBOUND, Handoff.SDR_TO_CLOSER,
    Role.FOUNDER, Role.FULL_CYCLE, Role.AE, Handoff.CLOSER_TO_AM, Role.AM)
LANE_ORDER: tuple[Role, ...] = tuple(slot for slot in CARD_SLOTS if isinstance(slot, Role))


@dataclass(frozen=True, slots=True)
class LaneFigures:
    """What a lane shows beside its role name: the role's effective FTE and the capacity it brings."""

    effective_fte: float
    leads: float | None = None
    """Inbound leads the inbound SDRs can work per month."""
    sourced: float | None = None
    """Opportunities sourced per month (outbound SDRs, full-cycle reps, founders)."""
    closes: float | None = None
    """Opportunities the role can take on per month (AEs, full-cycle reps, founders)."""
    accounts: float | None = None
    """Accounts the AMs can look after."""
    span: float | None = None
    """Non-managers per manager."""


def lane_figures(result: TeamResult, role: Role) -> LaneFigures:
    fte = result.effective_fte[role]
    if role is Role.SDR_INBOUND:
        return LaneFigures(fte, leads=result.cap_in)
    if role is Role.SDR_OUTBOUND:
        return LaneFigures(fte, sourced=result.sourced_by_role[role])
    if role is Role.AE:
        return LaneFigures(fte, closes=result.closing_by_role[role])
    if role in (Role.FULL_CYCLE, Role.FOUNDER):
        return LaneFigures(fte, sourced=result.sourced_by_role[role], closes=result.closing_by_role[role])
    if role is Role.AM:
        return LaneFigures(fte, accounts=result.am_cap)
    return LaneFigures(fte, span=result.manager_span)
