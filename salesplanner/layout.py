"""How a team is shown, on the board and on slides: its badge, then top to bottom the leader and the
conversion chain, with each handoff between the lanes it joins."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from salesplanner.capacity import BOTTLENECK_NAMES, RECEIVING_NAMES, Handoff, TeamResult, Verdict
from salesplanner.i18n import Message, joined, msg, msg_n
from salesplanner.roles import Role

CARD_SLOTS: tuple[Role | Handoff, ...] = (
    Role.MANAGER, Role.SDR_INBOUND, Handoff.INBOUND_LOAD, Role.SDR_OUTBOUND, Handoff.SDR_TO_CLOSER,
    Role.FOUNDER, Role.FULL_CYCLE, Role.AE, Handoff.CLOSER_TO_AM, Role.AM)
LANE_ORDER: tuple[Role, ...] = tuple(slot for slot in CARD_SLOTS if isinstance(slot, Role))


class BadgeKind(StrEnum):
    EMPTY = "empty"
    NO_HANDOFFS = "no_handoffs"
    BOTTLENECK = "bottleneck"
    UNDERUSED = "underused"
    BALANCED = "balanced"


@dataclass(frozen=True, slots=True)
class Badge:
    """A team's verdict in one word or two, for its card's corner (docs/model.md §5)."""

    kind: BadgeKind
    handoff: Handoff | None = None
    """The bottleneck, or the first underused handoff."""

    @property
    def verdict(self) -> Verdict | None:
        """The colour: None (neutral) for a team that has no verdict."""
        return {BadgeKind.BOTTLENECK: Verdict.OVERLOADED, BadgeKind.UNDERUSED: Verdict.UNDERUSED,
                BadgeKind.BALANCED: Verdict.BALANCED}.get(self.kind)

    @property
    def text(self) -> Message:
        """What the badge says, on the board and on slides."""
        if self.kind is BadgeKind.BOTTLENECK:
            assert self.handoff is not None
            return msg("Bottleneck: {handoff}", handoff=BOTTLENECK_NAMES[self.handoff])
        if self.kind is BadgeKind.UNDERUSED:
            assert self.handoff is not None
            return msg("Underused: {role}", role=RECEIVING_NAMES[self.handoff])
        return {BadgeKind.EMPTY: msg("Empty"), BadgeKind.NO_HANDOFFS: msg("No handoffs yet"),
                BadgeKind.BALANCED: msg("Balanced")}[self.kind]

    @property
    def tooltip(self) -> Message | None:
        """Why a team without a verdict has none."""
        if self.kind in (BadgeKind.EMPTY, BadgeKind.NO_HANDOFFS):
            return msg("No handoff to judge yet: it needs people on both sides of one (SDRs and closers, or "
                       "closers and AMs). Not counted among the balanced teams.")
        return None


RECEIVING_ROLES: dict[Handoff, Role] = {Handoff.INBOUND_LOAD: Role.SDR_INBOUND, Handoff.SDR_TO_CLOSER: Role.AE,
                                        Handoff.CLOSER_TO_AM: Role.AM}
"""The role that takes each handoff's work: who to hire when it is the bottleneck."""


def role_to_hire(result: TeamResult) -> Role:
    """The role an opening added to a team should have: the one its bottleneck needs, else an AE."""
    bottleneck = result.bottleneck
    return RECEIVING_ROLES[bottleneck] if bottleneck is not None else Role.AE


def team_badge(result: TeamResult) -> Badge:
    """Empty; no handoffs yet (nobody on either side of any handoff: no verdict, left out of the
    balanced count); else its bottleneck, its first underused handoff, or balanced."""
    if result.headcount == 0:
        return Badge(BadgeKind.EMPTY)
    status = result.status
    if status is None:
        return Badge(BadgeKind.NO_HANDOFFS)
    if status is Verdict.OVERLOADED:
        return Badge(BadgeKind.BOTTLENECK, result.bottleneck)
    if status is Verdict.UNDERUSED:
        return Badge(BadgeKind.UNDERUSED, next(b.handoff for b in result.balances if b.verdict is Verdict.UNDERUSED))
    return Badge(BadgeKind.BALANCED)


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
    managers: int = 0
    reports: int = 0
    """Non-managers in the team (a manager's lane)."""


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
    return LaneFigures(fte, span=result.manager_span, managers=result.managers, reports=result.non_managers)


def span_text(figures: LaneFigures) -> Message | None:
    """A manager lane's figure: "span 7"; "span 7 each" for several managers; "35 reports for 2 managers"
    when the reports do not share out evenly — a span of 17.5 people reads as a typo."""
    if figures.span is None:
        return None
    if figures.span.is_integer():
        return msg("span {span} each", span=int(figures.span)) if figures.managers > 1 else \
            msg("span {span}", span=int(figures.span))
    return msg_n("{reports} reports for {n} managers", "{reports} reports for {n} managers", n=figures.managers,
                 reports=figures.reports)


def lane_capacity(result: TeamResult, role: Role) -> Message | None:
    """What a lane shows beside its role name: its FTE and the capacity it brings ("2.0 FTE · closes 20.0
    opps/mo"), on the board and on slides."""
    figures = lane_figures(result, role)
    if role is Role.MANAGER:
        return span_text(figures)
    parts: list[Message] = [msg("{fte:.1f} FTE", fte=figures.effective_fte)]
    if figures.leads is not None:
        parts.append(msg("{leads:.0f} leads/mo", leads=figures.leads))
    if figures.sourced is not None and figures.closes is not None:
        parts.append(msg("sources {sourced:.1f} · closes {closes:.1f} opps/mo", sourced=figures.sourced,
                         closes=figures.closes))
    elif figures.sourced is not None:
        parts.append(msg("{sourced:.1f} opps/mo", sourced=figures.sourced))
    elif figures.closes is not None:
        parts.append(msg("closes {closes:.1f} opps/mo", closes=figures.closes))
    if figures.accounts is not None:
        parts.append(msg("{accounts:.0f} accounts", accounts=figures.accounts))
    return joined(parts)

