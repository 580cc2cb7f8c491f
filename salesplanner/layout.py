"""How a team is laid out top to bottom, on the board and on slides: the leader, then the conversion
chain, with each handoff between the lanes it joins."""

from __future__ import annotations

from salesplanner.capacity import Handoff
from salesplanner.roles import Role

CARD_SLOTS: tuple[Role | Handoff, ...] = (
    Role.MANAGER, Role.SDR_INBOUND, Handoff.INBOUND_LOAD, Role.SDR_OUTBOUND, Handoff.SDR_TO_CLOSER,
    Role.FOUNDER, Role.FULL_CYCLE, Role.AE, Handoff.CLOSER_TO_AM, Role.AM)
LANE_ORDER: tuple[Role, ...] = tuple(slot for slot in CARD_SLOTS if isinstance(slot, Role))
