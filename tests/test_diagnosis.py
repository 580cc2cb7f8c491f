"""Hand-computed stage diagnosis cases (docs/model.md §6; stages from §1).

Rules, tried in order: 1 Hunter Founder (founders ≥ 50 % of closing capacity, or at most one
non-founder seller); 2 One-Man Bands (full-cycle ≥ specialists); 3 Market Teams (two complete teams
that differ in market); 4 otherwise Specialists. Teams run on a two-month cycle, so an ae closes
``intake = 20 / 2 = 10`` a month, a full-cycle rep ``0.6 × 10 = 6`` and a founder
``0.3 × 0.6 × 10 = 1.8``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.diagnosis import Diagnosis, Stage, diagnose
from salesplanner.model import (
    MarketProfile,
    Member,
    MemberId,
    Opening,
    Person,
    Placement,
    Plan,
    Scenario,
    ScenarioId,
    Status,
    Team,
    TeamId,
)
from salesplanner.roles import Role

MONTH = 365 / 12
AS_OF = date(2027, 1, 1)

Seat = tuple[Member, Placement]

_ids = itertools.count(1)


def person(**fields: Any) -> Person:
    number = next(_ids)
    return Person(id=MemberId(f"p{number}"), name=f"Person {number}", **fields)


def opening(**fields: Any) -> Opening:
    number = next(_ids)
    return Opening(id=MemberId(f"o{number}"), title=f"Opening {number}", **fields)


def team(name: str, *, segment: str | None = None, product_line: str | None = None,
         geography: str | None = None) -> Team:
    return Team(TeamId(f"t-{name.lower()}"), name, segment=segment, product_line=product_line,
                geography=geography, market=MarketProfile(sales_cycle_days=2 * MONTH, monthly_churn=0.0))


def seats(where: Team, role: Role, count: int = 1, **fields: Any) -> list[Seat]:
    return [(person(**fields), Placement(where.id, role)) for _ in range(count)]


def complete(where: Team, **fields: Any) -> list[Seat]:
    """One outbound SDR, one AE and one AM: the whole chain (§6 'complete')."""
    return [*seats(where, Role.SDR_OUTBOUND), *seats(where, Role.AE), *seats(where, Role.AM, **fields)]


def diagnosis_of(teams: Sequence[Team], placed: Sequence[Seat]) -> Diagnosis:
    scenario = Scenario(ScenarioId("s-plan"), "Plan", teams={t.id: t for t in teams})
    plan = Plan(name="Test plan", scenarios={scenario.id: scenario}, baseline=scenario.id, as_of=AS_OF)
    for member, placement in placed:
        if isinstance(member, Opening):
            scenario.openings[member.id] = member
        else:
            plan.people[member.id] = member
        scenario.assignments[member.id] = placement
    return diagnose(ScenarioAnalysis(plan, scenario.id).totals)


def assert_sentences(diagnosis: Diagnosis) -> None:
    """Reasons are non-empty sentences; the next stage is said too."""
    assert diagnosis.reasons
    for message in diagnosis.reasons:
        reason = str(message)
        # a sentence: starts with a capital or a number, ends with a full stop
        assert reason.strip() and (reason[0].isupper() or reason[0].isdigit()) and reason.endswith(".")
    assert str(diagnosis.next_stage).strip()


def mentions(diagnosis: Diagnosis, pattern: str) -> bool:
    return any(re.search(pattern, str(reason)) for reason in diagnosis.reasons)


NORTH = team("North", segment="SMB", geography="Nordics")
SOUTH = team("South", segment="Enterprise", geography="Nordics")


# --- 1 Hunter Founder ----------------------------------------------------------------------------------


def test_founder_holding_most_closing_capacity_is_hunter_founder_despite_other_sellers() -> None:
    """§6 rule 1: founders ≥ 50 % of closing capacity → Hunter Founder, with three other sellers."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FOUNDER), *seats(NORTH, Role.AE, fte=0.1),
                                    *seats(NORTH, Role.SDR_OUTBOUND, 2)])
    # close_cap = founder 1.8 + AE 0.1 × 10 = 1 → 2.8; founder share = 1.8 / 2.8 = 64.29 % ≥ 50 %
    # other sellers = 3 (would not trigger the second clause)
    assert result.stage is Stage.HUNTER_FOUNDER
    assert_sentences(result)
    assert mentions(result, r"\b64 %")


def test_founder_share_of_exactly_half_is_hunter_founder() -> None:
    """§6 rule 1: founders ≥ 50 % — exactly 50 % counts."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FOUNDER), *seats(NORTH, Role.AE, fte=0.18),
                                    *seats(NORTH, Role.SDR_OUTBOUND, 2)])
    # founder 1.8; AE 0.18 × 10 = 1.8; share = 1.8 / 3.6 = 50 %
    assert result.stage is Stage.HUNTER_FOUNDER
    assert mentions(result, r"\b50 %")


def test_founder_share_below_half_with_several_sellers_is_not_hunter_founder() -> None:
    """§6 rule 1 does not apply: founder share < 50 % and more than one other seller."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FOUNDER), *seats(NORTH, Role.AE, fte=0.2),
                                    *seats(NORTH, Role.SDR_OUTBOUND, 2)])
    # founder 1.8; AE 0.2 × 10 = 2; share = 1.8 / 3.8 = 47.4 % < 50 %; 3 other sellers
    # rule 2: full-cycle 0 < specialists 3; rule 3: no AM, no complete team → Specialists
    assert result.stage is Stage.SPECIALISTS


def test_a_single_seller_without_founder_is_hunter_founder() -> None:
    """§6 rule 1: at most one non-founder seller (managers are not sellers)."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.AE), *seats(NORTH, Role.MANAGER, 2)])
    # sellers = 1 AE; founders 0, so founder share = 0 / 10 = 0 %, but 1 other seller ≤ 1
    assert result.stage is Stage.HUNTER_FOUNDER
    assert_sentences(result)
    assert mentions(result, r"\b1 seller\b")


def test_founder_with_one_strong_rep_is_hunter_founder() -> None:
    """§6 rule 1, second clause: founder share below half but only one other seller."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FOUNDER), *seats(NORTH, Role.FULL_CYCLE)])
    # founder 1.8 / (1.8 + 6) = 23 % < 50 %; one non-founder seller → Hunter Founder
    assert result.stage is Stage.HUNTER_FOUNDER
    assert mentions(result, r"\b1 seller\b")
    assert not mentions(result, r"\b23 %")


# --- 2 One-Man Bands ------------------------------------------------------------------------------------


def test_full_cycle_reps_outnumbering_specialists_are_one_man_bands() -> None:
    """§6 rule 2: full-cycle sellers ≥ specialists (sdr_*, ae, am)."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FULL_CYCLE, 3), *seats(NORTH, Role.AE, 2)])
    # founders none, 5 sellers; full-cycle 3 ≥ specialists 2
    assert result.stage is Stage.ONE_MAN_BANDS
    assert_sentences(result)
    assert mentions(result, r"\b3 full-cycle reps\b") and mentions(result, r"\b2 specialists\b")


def test_a_tie_between_full_cycle_and_specialists_is_one_man_bands() -> None:
    """§6 rule 2: "at least as many" — a tie counts."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FULL_CYCLE, 2), *seats(NORTH, Role.SDR_OUTBOUND),
                                    *seats(NORTH, Role.AE)])
    # full-cycle 2 = specialists 2 (1 SDR + 1 AE)
    assert result.stage is Stage.ONE_MAN_BANDS
    assert mentions(result, r"\b2 full-cycle reps\b") and mentions(result, r"\b2 specialists\b")


def test_one_more_specialist_than_full_cycle_is_not_one_man_bands() -> None:
    """§6 rule 2 does not apply: full-cycle 2 < specialists 3."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FULL_CYCLE, 2), *seats(NORTH, Role.SDR_OUTBOUND),
                                    *seats(NORTH, Role.AE), *seats(NORTH, Role.AM)])
    # one complete team only → not Market Teams → Specialists
    assert result.stage is Stage.SPECIALISTS
    assert mentions(result, r"\b3 specialists\b")


def test_a_founder_among_full_cycle_reps_is_one_man_bands() -> None:
    """§6 rules 1 then 2: a founder with three full-cycle reps holds little closing capacity."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FOUNDER), *seats(NORTH, Role.FULL_CYCLE, 3)])
    # founder 1.8 / (1.8 + 3 × 6) = 1.8 / 19.8 = 9 %; 3 other sellers; full-cycle 3 ≥ specialists 0
    assert result.stage is Stage.ONE_MAN_BANDS


# --- 3 Market Teams and 4 Specialists --------------------------------------------------------------------


def test_two_complete_teams_in_different_segments_are_market_teams() -> None:
    """§6 rule 3: two complete teams that differ in segment."""
    result = diagnosis_of([NORTH, SOUTH], [*complete(NORTH), *complete(SOUTH)])
    # specialists 6, full-cycle 0; North (SMB) and South (Enterprise) each complete
    assert result.stage is Stage.MARKET_TEAMS
    assert_sentences(result)
    assert mentions(result, r"\b2 markets\b")


@pytest.mark.parametrize("field", ["segment", "product_line", "geography"])
def test_teams_differing_in_any_one_market_field_are_market_teams(field: str) -> None:
    """§6 rule 3: they differ in segment, product line or geography — any one suffices."""
    base = {"segment": "SMB", "product_line": "Core", "geography": "Nordics"}
    east = team("East", **base)
    west = team("West", **{**base, field: "Other"})
    result = diagnosis_of([east, west], [*complete(east), *complete(west)])
    assert result.stage is Stage.MARKET_TEAMS


def test_two_complete_teams_in_the_same_market_are_specialists() -> None:
    """§6 rule 4: complete teams with identical segment, product line and geography → Specialists."""
    east = team("East", segment="SMB", product_line="Core", geography="Nordics")
    west = team("West", segment="SMB", product_line="Core", geography="Nordics")
    result = diagnosis_of([east, west], [*complete(east), *complete(west)])
    # 6 specialists against 0 full-cycle; one market served
    assert result.stage is Stage.SPECIALISTS
    assert_sentences(result)
    assert mentions(result, r"\b6 specialists\b")


def test_three_complete_teams_two_alike_are_market_teams() -> None:
    """§6 rule 3: at least two complete teams differing in market — a third duplicate does not hurt."""
    twin = team("Twin", segment="SMB", geography="Nordics")
    result = diagnosis_of([NORTH, twin, SOUTH], [*complete(NORTH), *complete(twin), *complete(SOUTH)])
    assert result.stage is Stage.MARKET_TEAMS


def test_teams_missing_an_am_are_not_complete() -> None:
    """§6 complete = ≥ 1 closer, ≥ 1 SDR and ≥ 1 AM."""
    result = diagnosis_of([NORTH, SOUTH], [*complete(NORTH), *seats(SOUTH, Role.SDR_INBOUND),
                                           *seats(SOUTH, Role.AE)])
    assert result.stage is Stage.SPECIALISTS


# --- who counts ---------------------------------------------------------------------------------------


def test_a_leaver_is_left_out_of_completeness() -> None:
    """§6 counts leave out anyone whose leave date is on or before the as-of date."""
    gone = diagnosis_of([NORTH, SOUTH], [*complete(NORTH),
                                         *complete(SOUTH, status=Status.LEAVING, leave_date=AS_OF)])
    # South's only AM leaves on the as-of date → South incomplete → Specialists
    assert gone.stage is Stage.SPECIALISTS
    staying = diagnosis_of([NORTH, SOUTH], [*complete(NORTH),
                                            *complete(SOUTH, status=Status.LEAVING,
                                                      leave_date=AS_OF + timedelta(days=1))])
    # leaving tomorrow still counts today → two complete teams → Market Teams
    assert staying.stage is Stage.MARKET_TEAMS


def test_a_leaver_is_left_out_of_the_seller_count() -> None:
    """§6 counts leave out leavers: two AEs, one gone → one seller → Hunter Founder."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.AE),
                                    *seats(NORTH, Role.AE, status=Status.LEAVING, leave_date=AS_OF)])
    assert result.stage is Stage.HUNTER_FOUNDER
    assert mentions(result, r"\b1 seller\b")


def test_a_leaver_who_left_earlier_is_left_out_of_full_cycle_count() -> None:
    """§6 counts: a full-cycle rep who left last month no longer tips the balance to One-Man Bands."""
    gone = AS_OF - timedelta(days=30)
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FULL_CYCLE, 2),
                                    *seats(NORTH, Role.FULL_CYCLE, status=Status.LEAVING, leave_date=gone),
                                    *seats(NORTH, Role.SDR_OUTBOUND, 2), *seats(NORTH, Role.AE)])
    # full-cycle 2 (not 3) < specialists 3 → Specialists
    assert result.stage is Stage.SPECIALISTS


def test_openings_count_as_sellers() -> None:
    """§6 counts include openings: an AE and an AE opening are two sellers, not one."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.AE),
                                    (opening(start_date=AS_OF + timedelta(days=60)),
                                     Placement(NORTH.id, Role.AE))])
    # 2 sellers; full-cycle 0 < specialists 2; no complete team → Specialists
    assert result.stage is Stage.SPECIALISTS


def test_an_opening_completes_a_team_once_it_has_started() -> None:
    """§6 complete teams are counted on effective capacity: an AM opening that starts in 90 days brings no
    AM capacity today, so South is not complete; one that started last month (ramping) is."""
    def with_am_opening(start: date) -> Diagnosis:
        return diagnosis_of([NORTH, SOUTH], [*complete(NORTH), *seats(SOUTH, Role.SDR_OUTBOUND),
                                             *seats(SOUTH, Role.AE),
                                             (opening(start_date=start), Placement(SOUTH.id, Role.AM))])

    assert with_am_opening(AS_OF + timedelta(days=90)).stage is Stage.SPECIALISTS
    assert with_am_opening(AS_OF - timedelta(days=30)).stage is Stage.MARKET_TEAMS


def test_a_zero_capacity_seat_does_not_complete_a_team() -> None:
    """§6 on effective capacity: an AE who starts next month holds the closer seat but closes nothing
    today, so the team is not complete."""
    result = diagnosis_of([NORTH, SOUTH], [*complete(NORTH), *seats(SOUTH, Role.SDR_OUTBOUND),
                                           *seats(SOUTH, Role.AE, start_date=AS_OF + timedelta(days=31)),
                                           *seats(SOUTH, Role.AM)])
    assert result.stage is Stage.SPECIALISTS


def test_a_complete_team_with_no_market_set_is_not_a_distinct_market() -> None:
    """§6: a team with no segment, product line or geography serves no distinct market — with North it
    does not make two markets, and the reasons say why."""
    unset = team("Unset")
    result = diagnosis_of([NORTH, unset], [*complete(NORTH), *complete(unset)])
    assert result.stage is Stage.SPECIALISTS
    assert_sentences(result)
    assert mentions(result, r"1 complete team has no segment, product line or geography set")
    # Two complete teams with no market at all are not two markets either.
    other = team("Other")
    assert diagnosis_of([unset, other], [*complete(unset), *complete(other)]).stage is Stage.SPECIALISTS


def test_an_empty_plan_says_so() -> None:
    """Nobody in a team: the rules give Hunter Founder, and the reason says there is no one to judge."""
    result = diagnosis_of([NORTH], [])
    assert result.stage is Stage.HUNTER_FOUNDER
    assert [str(reason) for reason in result.reasons] == ["Nobody is in a team yet."]
    assert "Import a roster" in str(result.next_stage)


def test_openings_count_among_full_cycle_reps() -> None:
    """§6 counts include openings: one full-cycle rep plus one full-cycle opening ties two specialists."""
    result = diagnosis_of([NORTH], [*seats(NORTH, Role.FULL_CYCLE),
                                    (opening(), Placement(NORTH.id, Role.FULL_CYCLE)),
                                    *seats(NORTH, Role.SDR_OUTBOUND), *seats(NORTH, Role.AE)])
    # full-cycle 2 ≥ specialists 2
    assert result.stage is Stage.ONE_MAN_BANDS
