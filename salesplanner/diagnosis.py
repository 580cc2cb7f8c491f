"""Which of the four stages (docs/model.md §1) a scenario is in, why, and what the next stage needs (§6)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from salesplanner.analysis import OrgTotals
from salesplanner.roles import SPECIALISTS, Role


class Stage(StrEnum):
    HUNTER_FOUNDER = "Hunter Founder"
    ONE_MAN_BANDS = "One-Man Bands"
    SPECIALISTS = "Specialists"
    MARKET_TEAMS = "Market Teams"

    @property
    def number(self) -> int:
        return list(Stage).index(self) + 1


FOUNDER_SHARE_LIMIT = 0.5


@dataclass(frozen=True, slots=True)
class Diagnosis:
    stage: Stage
    reasons: tuple[str, ...]
    next_stage: str
    """What it takes to reach the next stage (or to stay healthy in the last one)."""


def _people(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural or singular + 's')}"


def diagnose(totals: OrgTotals) -> Diagnosis:
    """Try §6's rules in order: Hunter Founder, One-Man Bands, Market Teams, else Specialists."""
    by_role = totals.members_by_role
    founders = by_role[Role.FOUNDER]
    other_sellers = totals.sellers - founders
    full_cycle = by_role[Role.FULL_CYCLE]
    specialists = sum(by_role[role] for role in SPECIALISTS)
    founder_share = totals.founder_close_cap / totals.close_cap if totals.close_cap > 0 else None

    if totals.empty:
        return Diagnosis(Stage.HUNTER_FOUNDER, ("Nobody is in a team yet.",),
                         "Import a roster or add a team, then drag people into it.")

    reasons: list[str] = []
    if founder_share is not None and founder_share >= FOUNDER_SHARE_LIMIT:
        reasons.append(f"Founders hold {founder_share * 100:.0f} % of closing capacity.")
    if other_sellers <= 1:
        reasons.append(f"Besides the founders there {'is' if other_sellers == 1 else 'are'} "
                       f"{_people(other_sellers, 'seller')}.")
    if reasons:
        return Diagnosis(Stage.HUNTER_FOUNDER, tuple(reasons),
                         "Hire full-cycle reps who carry most of the closing capacity, so sales no "
                         "longer depends on the founders' own network.")

    if full_cycle >= specialists:
        return Diagnosis(
            Stage.ONE_MAN_BANDS,
            (f"{_people(full_cycle, 'full-cycle rep')} against {_people(specialists, 'specialist')} "
             "(SDRs, AEs and AMs).",),
            f"Split the conversion chain into specialists — outbound and inbound SDRs, AEs and AMs — "
            f"until they outnumber the full-cycle reps (now {specialists} against {full_cycle}).")

    markets = totals.complete_markets
    if markets >= 2:
        return Diagnosis(
            Stage.MARKET_TEAMS,
            (f"{_people(markets, 'market')} each served by a complete team "
             "(closer, SDR and AM inside the team).",
             f"{_people(specialists, 'specialist')} against {_people(full_cycle, 'full-cycle rep')}."),
            "The last stage: keep each team's mix matched to its market and its handoffs balanced.")

    reasons = [f"{_people(specialists, 'specialist')} against {_people(full_cycle, 'full-cycle rep')}."]
    if markets == 1:
        reasons.append("Complete teams (closer, SDR and AM) serve only one market.")
    elif not totals.complete_without_market:
        reasons.append("No team holds the whole chain (closer, SDR and AM) with capacity today.")
    if totals.complete_without_market:
        reasons.append(f"{_people(totals.complete_without_market, 'complete team')} "
                       f"{'has' if totals.complete_without_market == 1 else 'have'} no segment, product line "
                       "or geography set, so serve no distinct market.")
    return Diagnosis(
        Stage.SPECIALISTS, tuple(reasons),
        "Form at least two complete market teams — each with a closer, an SDR and an AM — that differ "
        "in segment, product line or geography.")
