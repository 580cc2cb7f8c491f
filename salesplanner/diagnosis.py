"""Which of the four stages (docs/model.md §1) a scenario is in, why, and what the next stage needs (§6)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from salesplanner.analysis import OrgTotals
from salesplanner.i18n import Message, msg, msg_n
from salesplanner.roles import SPECIALISTS, Role


class Stage(StrEnum):
    HUNTER_FOUNDER = "Hunter Founder"
    ONE_MAN_BANDS = "One-Man Bands"
    SPECIALISTS = "Specialists"
    MARKET_TEAMS = "Market Teams"

    @property
    def number(self) -> int:
        return list(Stage).index(self) + 1


STAGE_NAMES: dict[Stage, Message] = {
    Stage.HUNTER_FOUNDER: msg("Hunter Founder"), Stage.ONE_MAN_BANDS: msg("One-Man Bands"),
    Stage.SPECIALISTS: msg("Specialists"), Stage.MARKET_TEAMS: msg("Market Teams")}
"""The stages as a reader sees them (the enum's values are the names scripts read, always English)."""

FOUNDER_SHARE_LIMIT = 0.5


@dataclass(frozen=True, slots=True)
class Diagnosis:
    stage: Stage
    reasons: tuple[Message, ...]
    next_stage: Message
    """What it takes to reach the next stage (or to stay healthy in the last one)."""


def _specialists_against_full_cycle(specialists: int, full_cycle: int) -> Message:
    return msg("{specialists} against {full_cycle}.",
               specialists=msg_n("{n} specialist", "{n} specialists", n=specialists),
               full_cycle=msg_n("{n} full-cycle rep", "{n} full-cycle reps", n=full_cycle))


def diagnose(totals: OrgTotals) -> Diagnosis:
    """Try §6's rules in order: Hunter Founder, One-Man Bands, Market Teams, else Specialists."""
    by_role = totals.members_by_role
    founders = by_role[Role.FOUNDER]
    other_sellers = totals.sellers - founders
    full_cycle = by_role[Role.FULL_CYCLE]
    specialists = sum(by_role[role] for role in SPECIALISTS)
    founder_share = totals.founder_close_cap / totals.close_cap if totals.close_cap > 0 else None

    if totals.empty:
        return Diagnosis(Stage.HUNTER_FOUNDER, (msg("Nobody is in a team yet."),),
                         msg("Import a roster or add a team, then drag people into it."))

    reasons: list[Message] = []
    if founder_share is not None and founder_share >= FOUNDER_SHARE_LIMIT:
        reasons.append(msg("Founders hold {share:%} of closing capacity.", share=founder_share))
    if other_sellers <= 1:
        reasons.append(msg_n("Besides the founders there is {n} seller.", "Besides the founders there are {n} sellers.",
                             n=other_sellers))
    if reasons:
        return Diagnosis(Stage.HUNTER_FOUNDER, tuple(reasons),
                         msg("Hire full-cycle reps who carry most of the closing capacity, so sales no "
                             "longer depends on the founders' own network."))

    if full_cycle >= specialists:
        return Diagnosis(
            Stage.ONE_MAN_BANDS,
            (msg("{full_cycle} against {specialists} (SDRs, AEs and AMs).",
                 full_cycle=msg_n("{n} full-cycle rep", "{n} full-cycle reps", n=full_cycle),
                 specialists=msg_n("{n} specialist", "{n} specialists", n=specialists)),),
            msg("Split the conversion chain into specialists — outbound and inbound SDRs, AEs and AMs — "
                "until they outnumber the full-cycle reps (now {specialists} against {full_cycle}).",
                specialists=specialists, full_cycle=full_cycle))

    markets = totals.complete_markets
    if markets >= 2:
        return Diagnosis(
            Stage.MARKET_TEAMS,
            (msg_n("{n} market each served by a complete team (closer, SDR and AM inside the team).",
                   "{n} markets each served by a complete team (closer, SDR and AM inside the team).", n=markets),
             _specialists_against_full_cycle(specialists, full_cycle)),
            msg("The last stage: keep each team's mix matched to its market and its handoffs balanced."))

    reasons = [_specialists_against_full_cycle(specialists, full_cycle)]
    if markets == 1:
        reasons.append(msg("Complete teams (closer, SDR and AM) serve only one market."))
    elif not totals.complete_without_market:
        reasons.append(msg("No team holds the whole chain (closer, SDR and AM) with capacity today."))
    if totals.complete_without_market:
        reasons.append(msg_n("{n} complete team has no segment, product line or geography set, so serve no "
                             "distinct market.",
                             "{n} complete teams have no segment, product line or geography set, so serve no "
                             "distinct market.", n=totals.complete_without_market))
    return Diagnosis(
        Stage.SPECIALISTS, tuple(reasons),
        msg("Form at least two complete market teams — each with a closer, an SDR and an AM — that differ "
            "in segment, product line or geography."))
