"""Hand-computed comparisons of two scenarios (docs/model.md §8) and ``salesplanner compare``.

The plan below is small enough to work out on paper. Every team runs on a two-month cycle (2 × 365/12
days) with no churn, a win rate of 0.25 and an average deal of 10,000, so an ae's ``intake = 20 / 2 =
10``, an outbound SDR sources 12 opportunities a month and ``accounts_H = 12 × wins``. Role parameters
are the §3 defaults (costs: ae 180,000, sdr_outbound 90,000, am 120,000, manager 220,000).

"Today" (the baseline)                      "Proposal"
  North      Ana ae, Bo sdr_out, o-1 ae,      North Enterprise (same id, renamed)
             Ivy manager                                 Bo ae, o-1 ae, Ivy manager
  South      Dag am, Eli ae, Gus sdr_out,     South     Ana ae, Cy am, Eli ae, Gus sdr_out
             o-3 ae
  Legacy     Fay ae                           East (new) Fay ae, o-2 sdr_out (starts 2027-03-01,
                                                         75,000), Jo am
  bench      Cy, Hal, Jo, Kit                 bench      Dag, Hal, Kit

Eli leaves on 2027-06-30 and Kit (on the bench in both) on 2027-03-31, inside the horizon (as of
2027-01-01 + 12 months = 2028-01-01); Ivy leaves on 2028-06-30, after it. o-1 is in both scenarios,
o-2 only in the proposal, o-3 only today.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from salesplanner.capacity import Handoff, Verdict
from salesplanner.cli import main
from salesplanner.commands import copy_scenario
from salesplanner.compare import ChangeKind, Comparison, Figures, MemberChange, compare, comparison_to_dict
from salesplanner.diagnosis import Stage
from salesplanner.model import (
    Assumptions,
    MarketProfile,
    MemberId,
    Opening,
    OpeningId,
    Person,
    PersonId,
    Placement,
    Plan,
    PlanError,
    Scenario,
    ScenarioId,
    Status,
    Team,
    TeamId,
)
from salesplanner.planfile.write import save_plan
from salesplanner.report import format_comparison
from salesplanner.roles import Role
from salesplanner.targets import TargetVerdict
from tests import test_targets as targets_test

MONTH = 365 / 12
AS_OF = date(2027, 1, 1)
TODAY, PROPOSAL = ScenarioId("s-today"), ScenarioId("s-proposal")
NORTH, SOUTH, EAST, LEGACY = TeamId("t-north"), TeamId("t-south"), TeamId("t-east"), TeamId("t-legacy")
AE, SDR, AM, MANAGER = Role.AE, Role.SDR_OUTBOUND, Role.AM, Role.MANAGER


def _team(team_id: TeamId, name: str, segment: str | None) -> Team:
    market = MarketProfile(sales_cycle_days=2 * MONTH, monthly_churn=0.0, win_rate=0.25, avg_deal_size=10_000)
    return Team(team_id, name, segment=segment, market=market)


def _person(key: str, **fields: Any) -> Person:
    return Person(PersonId(f"p-{key}"), key.capitalize(), **fields)


def build_plan() -> Plan:
    people = [_person("ana"), _person("bo"), _person("cy"), _person("dag"),
              _person("eli", status=Status.LEAVING, leave_date=date(2027, 6, 30)), _person("fay"), _person("gus"),
              _person("hal"), _person("ivy", status=Status.LEAVING, leave_date=date(2028, 6, 30)), _person("jo"),
              _person("kit", status=Status.LEAVING, leave_date=date(2027, 3, 31))]
    o1 = Opening(OpeningId("o-1"), "AE North")
    o2 = Opening(OpeningId("o-2"), "SDR East", start_date=date(2027, 3, 1), annual_cost=75_000)
    o3 = Opening(OpeningId("o-3"), "AE South")

    def seats(pairs: dict[str, tuple[TeamId, Role]]) -> dict[MemberId, Placement]:
        return {MemberId(key if key.startswith("o-") else f"p-{key}"): Placement(*where)
                for key, where in pairs.items()}

    today = Scenario(TODAY, "Today",
                     teams={t.id: t for t in (_team(NORTH, "North", "Enterprise"), _team(SOUTH, "South", "SMB"),
                                              _team(LEGACY, "Legacy", None))},
                     openings={o1.id: o1, o3.id: o3},
                     assignments=seats({"ana": (NORTH, AE), "bo": (NORTH, SDR), "o-1": (NORTH, AE),
                                        "ivy": (NORTH, MANAGER), "dag": (SOUTH, AM), "eli": (SOUTH, AE),
                                        "gus": (SOUTH, SDR), "o-3": (SOUTH, AE), "fay": (LEGACY, AE)}))
    proposal = Scenario(PROPOSAL, "Proposal",
                        teams={t.id: t for t in (_team(NORTH, "North Enterprise", "Enterprise"),
                                                 _team(SOUTH, "South", "SMB"), _team(EAST, "East", "Mid-Market"))},
                        openings={o1.id: o1, o2.id: o2},
                        assignments=seats({"bo": (NORTH, AE), "o-1": (NORTH, AE), "ivy": (NORTH, MANAGER),
                                           "ana": (SOUTH, AE), "cy": (SOUTH, AM), "eli": (SOUTH, AE),
                                           "gus": (SOUTH, SDR), "fay": (EAST, AE), "o-2": (EAST, SDR),
                                           "jo": (EAST, AM)}))
    return Plan(name="Compare test", scenarios={TODAY: today, PROPOSAL: proposal}, baseline=TODAY, as_of=AS_OF,
                horizon_months=12, assumptions=Assumptions(), people={p.id: p for p in people})


@pytest.fixture
def plan() -> Plan:
    return build_plan()


@pytest.fixture
def comparison(plan: Plan) -> Comparison:
    return compare(plan, TODAY, PROPOSAL)


def _change(comparison: Comparison, member_id: str) -> MemberChange:
    return next(change for change in comparison.members if change.member_id == member_id)


# --- who changes -------------------------------------------------------------------------------------

def test_only_changed_members_are_listed_people_in_plan_order_then_openings(comparison: Comparison) -> None:
    # Eli (same seat; leaving is not a change), Gus (same seat), Hal (bench in both), Ivy, Kit and o-1 (same
    # seat in both) did not change. Openings: the proposal's (o-2), then today's only (o-3).
    assert [c.member_id for c in comparison.members] == [
        "p-ana", "p-bo", "p-cy", "p-dag", "p-fay", "p-jo", "o-2", "o-3"]


def test_a_move_to_another_team(comparison: Comparison) -> None:
    ana = _change(comparison, "p-ana")
    assert ana.kinds == (ChangeKind.MOVED,)
    assert (ana.before.placement, ana.after.placement) == (Placement(NORTH, AE), Placement(SOUTH, AE))
    assert (str(ana.before.label), str(ana.after.label)) == ("North · AE", "South · AE")


def test_a_role_change_in_a_renamed_team_is_not_a_move(comparison: Comparison) -> None:
    bo = _change(comparison, "p-bo")
    assert bo.kinds == (ChangeKind.ROLE_CHANGED,)  # t-north in both: the rename does not make it a move
    assert (bo.before.team_name, bo.after.team_name) == ("North", "North Enterprise")
    assert (str(bo.before.label), str(bo.after.label)) == ("North · Outbound SDR", "North Enterprise · AE")


def test_a_move_and_a_role_change_at_once(plan: Plan) -> None:
    plan.scenarios[PROPOSAL].assignments[MemberId("p-gus")] = Placement(EAST, AE)
    assert _change(compare(plan, TODAY, PROPOSAL), "p-gus").kinds == (ChangeKind.MOVED, ChangeKind.ROLE_CHANGED)


def test_people_on_the_bench_in_one_scenario_only(comparison: Comparison) -> None:
    cy, dag, jo = (_change(comparison, key) for key in ("p-cy", "p-dag", "p-jo"))
    assert cy.kinds == (ChangeKind.FROM_BENCH,) and cy.before.on_bench and cy.after.placement == Placement(SOUTH, AM)
    assert jo.kinds == (ChangeKind.FROM_BENCH,) and str(jo.after.label) == "East · AM"
    assert dag.kinds == (ChangeKind.TO_BENCH,) and dag.after.on_bench and str(dag.after.label) == "bench"


def test_leavers_are_their_own_list_not_changes(comparison: Comparison) -> None:
    """Eli keeps the same seat and leaves within the horizon: a leaver, not a change. Ivy leaves after the
    horizon, Kit sits on the bench in both: neither is listed."""
    assert [(leaver.member_id, leaver.leave_date) for leaver in comparison.leavers] == [
        ("p-eli", date(2027, 6, 30))]
    eli = comparison.leavers[0]
    assert eli.before.placement == eli.after.placement == Placement(SOUTH, AE)
    assert str(eli.after.label) == "South · AE"
    # horizon end = 2027-01-01 + ⌈12 × 365/12⌉ = 365 days = 2028-01-01
    assert comparison.horizon_end == date(2028, 1, 1)


@pytest.mark.parametrize(("leave", "listed"), [(date(2028, 1, 1), True), (date(2028, 1, 2), False)])
def test_the_horizon_end_is_the_last_leave_date_that_counts(plan: Plan, leave: date, listed: bool) -> None:
    plan.people[PersonId("p-gus")] = _person("gus", status=Status.LEAVING, leave_date=leave)
    comparison = compare(plan, TODAY, PROPOSAL)
    assert any(leaver.member_id == "p-gus" for leaver in comparison.leavers) is listed
    assert not any(change.member_id == "p-gus" for change in comparison.members)


def test_a_leaver_who_also_moves_is_a_change_and_a_leaver(plan: Plan) -> None:
    plan.scenarios[PROPOSAL].assignments.pop(MemberId("p-eli"))
    comparison = compare(plan, TODAY, PROPOSAL)
    assert _change(comparison, "p-eli").kinds == (ChangeKind.TO_BENCH,)
    assert [leaver.member_id for leaver in comparison.leavers] == ["p-eli"]
    assert comparison.leavers[0].after.on_bench


def test_openings_to_fill_and_dropped(comparison: Comparison) -> None:
    o2, o3 = _change(comparison, "o-2"), _change(comparison, "o-3")
    assert o2.kinds == (ChangeKind.NEW_OPENING,) and o2.is_opening and o2.name == "SDR East"
    assert not o2.before.present and str(o2.before.label) == "—" and str(o2.after.label) == "East · Outbound SDR"
    assert o3.kinds == (ChangeKind.OPENING_DROPPED,)
    assert str(o3.before.label) == "South · AE" and not o3.after.present
    assert comparison.of_kind(ChangeKind.NEW_OPENING) == (o2,)


def test_each_members_own_cost_before_and_after(comparison: Comparison) -> None:
    deltas = {c.member_id: c.annual_cost_delta for c in comparison.members}
    assert deltas == {
        "p-ana": 0.0,  # ae → ae: 180,000 − 180,000
        "p-bo": 90_000,  # sdr_outbound 90,000 → ae 180,000
        "p-cy": 120_000,  # bench (no role, no cost) → am 120,000
        "p-dag": -120_000,  # am 120,000 → bench
        "p-fay": 0.0,
        "p-jo": 120_000,  # bench → am
        "o-2": 75_000,  # its own cost
        "o-3": -180_000,  # ae default, dropped
    }
    o2 = _change(comparison, "o-2")
    assert (o2.annual_cost_before, o2.annual_cost_after) == (None, 75_000)
    assert o2.effective_fte_after == 0.0  # starts 2027-03-01, after the as-of date


# --- teams -------------------------------------------------------------------------------------------

def test_teams_are_the_union_by_id_target_order_then_removed(comparison: Comparison) -> None:
    teams = comparison.teams
    assert [t.team_id for t in teams] == [NORTH, SOUTH, EAST, LEGACY]
    north, south, east, legacy = teams
    assert north.renamed and (north.before_name, north.after_name, north.name) == ("North", "North Enterprise",
                                                                                   "North Enterprise")
    assert not (south.renamed or south.added or south.removed)
    assert east.added and east.before_name is None
    assert legacy.removed and legacy.name == "Legacy"


def test_team_deltas_worked_out_by_hand(comparison: Comparison) -> None:
    north, south, east, legacy = comparison.teams
    # North today: Ana ae, Bo sdr, o-1 ae, Ivy manager → 3 people + 1 opening, fte 4;
    #   cost 180 + 90 + 180 + 220 = 670k; supply 12; close_cap 2 × 10 = 20; wins min(12, 20) × 0.25 = 3;
    #   bookings/year 3 × 10,000 × 12 = 360,000.
    assert north.figures.before == Figures(3, 1, 4.0, 4.0, 670_000, 12, 20, 3, 360_000)
    # North Enterprise: Bo ae, o-1 ae, Ivy manager → 2 + 1, fte 3; cost 180 + 180 + 220 = 580k;
    #   no SDR: supply 0, close_cap 20, wins 0.
    assert north.figures.after == Figures(2, 1, 3.0, 3.0, 580_000, 0, 20, 0, 0)
    assert north.figures.delta == Figures(-1, 0, -1.0, -1.0, -90_000, -12, 0, -3, -360_000)
    # South: Dag am, Eli ae, Gus sdr, o-3 ae (570k) → Ana ae, Cy am, Eli ae, Gus sdr (180+120+180+90 = 570k);
    #   supply 12 and close_cap 20 both sides.
    assert south.figures.delta == Figures(1, -1, 0.0, 0.0, 0.0, 0, 0, 0, 0)
    assert south.changed
    # East (new): Fay ae, o-2 sdr (not started: e = 0), Jo am → 2 + 1, fte 3, effective 2;
    #   cost 180 + 75 + 120 = 375k; supply 0; close_cap 10.
    assert east.figures.before == Figures(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    assert east.figures.delta == Figures(2, 1, 3.0, 2.0, 375_000, 0, 10, 0, 0)
    # Legacy (removed): Fay ae, 180k, close_cap 10.
    assert legacy.figures.delta == Figures(-1, 0, -1.0, -1.0, -180_000, 0, -10, 0, 0)


def test_total_deltas_worked_out_by_hand(comparison: Comparison) -> None:
    totals = comparison.totals
    # Today: 3 + 3 + 1 = 7 people, 2 openings, fte 9; cost 670 + 570 + 180 = 1,420k; supply 12 + 12 = 24;
    #   close_cap 20 + 20 + 10 = 50; wins 3 + 3 = 6; bookings/year 6 × 10,000 × 12 = 720,000.
    assert totals.before == Figures(7, 2, 9.0, 9.0, 1_420_000, 24, 50, 6, 720_000)
    # Proposal: 2 + 4 + 2 = 8 people, 2 openings, fte 10, effective 9 (o-2 not started);
    #   cost 580 + 570 + 375 = 1,525k; supply 12; close_cap 20 + 20 + 10 = 50; wins 3; bookings 360,000.
    assert totals.after == Figures(8, 2, 10.0, 9.0, 1_525_000, 12, 50, 3, 360_000)
    assert totals.delta == Figures(1, 0, 1.0, 0.0, 105_000, -12, 0, -3, -360_000)
    # The members' own cost deltas add up to the same +105,000: 90 + 120 − 120 + 120 + 75 − 180.
    assert sum(c.annual_cost_delta for c in comparison.members) == pytest.approx(105_000)


def test_balances_before_and_after_with_verdict_changes(comparison: Comparison) -> None:
    north, south, east, legacy = comparison.teams
    inbound, sdr_closer, closer_am = north.balances
    assert [b.handoff for b in north.balances] == list(Handoff)
    assert inbound.verdict_before is None and not inbound.verdict_changed  # no inbound on either side
    # SDR → closer: 12 / 20 = 0.6 (below 0.85, underused) → 0 / 20 = 0 (underused): same verdict.
    assert (sdr_closer.ratio_before, sdr_closer.ratio_after) == (pytest.approx(0.6), 0.0)
    assert sdr_closer.verdict_before is sdr_closer.verdict_after is Verdict.UNDERUSED
    assert not sdr_closer.verdict_changed
    # Closer → AM: 36 accounts (12 × 3 wins) and no AM → overloaded, ratio undefined; then no wins and no AM
    # → the handoff does not exist.
    assert (closer_am.ratio_before, closer_am.verdict_before) == (None, Verdict.OVERLOADED)
    assert (closer_am.ratio_after, closer_am.verdict_after) == (None, None)
    assert closer_am.verdict_changed and north.verdict_changed
    assert (north.status_before, north.status_after) == (Verdict.OVERLOADED, Verdict.UNDERUSED)
    # South: closer → AM 36 / 40 = 0.9 balanced on both sides.
    assert south.balances[2].ratio_before == pytest.approx(0.9) and not south.verdict_changed
    # East is new: every side "before" is absent; after, SDR → closer 0 / 10 and closer → AM 0 / 40 are underused.
    assert [b.verdict_after for b in east.balances] == [None, Verdict.UNDERUSED, Verdict.UNDERUSED]
    assert east.balances[1].before is None and east.balances[1].verdict_changed
    # Legacy is gone: SDR → closer 0 / 10 underused → absent.
    assert legacy.balances[1].verdict_before is Verdict.UNDERUSED and legacy.balances[1].after is None


def test_stage_before_and_after(comparison: Comparison, plan: Plan) -> None:
    # Today only South is complete (closer, SDR, AM): Specialists. The proposal adds East (Fay ae, o-2 sdr,
    # Jo am) in another segment, but its SDR is an opening that starts on 2027-03-01: no SDR capacity
    # today, so East is not complete yet (docs/model.md §6) and the stage stays Specialists.
    assert comparison.diagnosis_before.stage is Stage.SPECIALISTS
    assert comparison.diagnosis_after.stage is Stage.SPECIALISTS
    assert not comparison.stage_changed
    # Once the opening has started, East is complete: two complete teams in different markets.
    plan.scenarios[PROPOSAL].openings[OpeningId("o-2")] = Opening(OpeningId("o-2"), "SDR East",
                                                                  start_date=date(2026, 12, 1))
    started = compare(plan, TODAY, PROPOSAL)
    assert started.diagnosis_after.stage is Stage.MARKET_TEAMS and started.stage_changed


def test_a_scenario_against_itself_has_no_changes_only_its_leavers(plan: Plan) -> None:
    same = compare(plan, TODAY, TODAY)
    assert same.members == ()
    assert [leaver.member_id for leaver in same.leavers] == ["p-eli"]
    assert not any(t.changed for t in same.teams) and not same.stage_changed


def test_an_unknown_scenario_id_is_a_plan_error(plan: Plan) -> None:
    with pytest.raises(PlanError, match="no scenario with id s-nowhere"):
        compare(plan, TODAY, ScenarioId("s-nowhere"))


# --- salesplanner compare ----------------------------------------------------------------------------

def _run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def plan_file(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "compare.salesplan"
    save_plan(plan, path)
    return path


def test_cli_compare_prints_changes_and_deltas_as_tables(plan_file: Path) -> None:
    code, out, err = _run("compare", str(plan_file), "--from", "Today", "--to", "Proposal")
    assert (code, err) == (0, "")
    assert 'Compare test — "Today" → "Proposal"' in out
    assert "Stage: Specialists → Specialists\n" in out
    assert "Changes (8)" in out and "Leaving within the horizon (1)" in out
    lines = out.splitlines()
    ana = next(line for line in lines if line.startswith("Ana "))
    assert ana.split() == ["Ana", "p-ana", "moves", "team", "North", "·", "AE", "South", "·", "AE", "0"]
    bo = next(line for line in lines if line.startswith("Bo "))
    assert "changes role" in bo and "North Enterprise · AE" in bo and "+90,000" in bo
    eli = next(line for line in lines if line.startswith("Eli "))
    assert eli.split() == ["Eli", "p-eli", "30/06/2027", "South", "·", "AE", "South", "·", "AE"]
    for unchanged in ("Gus ", "Hal ", "Ivy ", "Kit ", "AE North "):
        assert not any(line.startswith(unchanged) for line in lines)
    cost = next(line for line in lines if line.startswith("Annual cost (EUR)"))
    assert cost.split()[-3:] == ["1,420,000", "1,525,000", "+105,000"]
    assert any(line.startswith("North Enterprise") and "renamed from North" in line for line in lines)
    assert any(line.startswith("Legacy") and "removed" in line for line in lines)
    north_balance = [line for line in lines if line.startswith("North Enterprise")][-1]
    assert "0.60 underused → 0.00 underused" in north_balance and "— overloaded → — *" in north_balance


def test_cli_compare_json_names_members_and_teams_by_id_and_name(plan_file: Path) -> None:
    code, out, _ = _run("compare", str(plan_file), "--from", "Today", "--to", "Proposal", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["from"] == {"id": "s-today", "name": "Today"} and data["to"] == {"id": "s-proposal",
                                                                                "name": "Proposal"}
    changes = {c["id"]: c for c in data["changes"]}
    assert list(changes) == ["p-ana", "p-bo", "p-cy", "p-dag", "p-fay", "p-jo", "o-2", "o-3"]
    assert changes["p-bo"]["name"] == "Bo" and changes["p-bo"]["changes"] == ["role_changed"]
    assert changes["p-bo"]["from"] == {"bench": False, "team": {"id": "t-north", "name": "North"},
                                       "role": "sdr_outbound", "label": "North · Outbound SDR"}
    assert changes["p-bo"]["to"]["team"] == {"id": "t-north", "name": "North Enterprise"}
    assert changes["p-cy"]["from"] == {"bench": True, "team": None, "role": None, "label": "bench"}
    assert changes["o-2"]["kind"] == "opening" and changes["o-2"]["from"] is None
    assert [(leaver["id"], leaver["leave_date"], leaver["to"]["label"]) for leaver in data["leavers"]] == [
        ("p-eli", "2027-06-30", "South · AE")]
    assert [(t["id"], t["name"]) for t in data["teams"]] == [
        ("t-north", "North Enterprise"), ("t-south", "South"), ("t-east", "East"), ("t-legacy", "Legacy")]
    north = data["teams"][0]
    assert north["name_before"] == "North" and north["renamed"]
    assert north["balances"]["closer_to_am"] == {"before": None, "after": None, "verdict_before": "overloaded",
                                                 "verdict_after": None, "verdict_changed": True}
    assert data["totals"]["delta"]["annual_cost"] == 105_000
    assert data["stage"] == {"before": "Specialists", "after": "Specialists", "changed": False}


def test_cli_compare_defaults_to_the_baseline(plan_file: Path) -> None:
    assert _run("compare", str(plan_file), "--to", "Proposal") == _run(
        "compare", str(plan_file), "--from", "Today", "--to", "Proposal")


def test_cli_compare_unknown_scenario_is_one_sentence(plan_file: Path) -> None:
    code, out, err = _run("compare", str(plan_file), "--to", "Tomorrow")
    assert (code, out) == (1, "")
    assert err == 'salesplanner: there is no scenario named "Tomorrow" (the plan has "Today", "Proposal")\n'


def test_cli_compare_missing_file_is_one_sentence(tmp_path: Path) -> None:
    code, _, err = _run("compare", str(tmp_path / "nope.salesplan"), "--to", "Proposal")
    assert code == 1 and err.count("\n") == 1 and "no such file" in err


# --- the target year before → after (docs/model.md §9) ---------------------------------------------------

def test_targets_expected_bookings_and_coverage_before_and_after() -> None:
    """Today North (target 400,000) has a ramped ae and an SDR: 300,000 over the year, 75 % short. The
    proposal adds a second ae and SDR (600,000, 150 % ahead) and sets the organisation's own target
    of 500,000 (120 %, ahead). Attrition 0, so a ramped ae with supply books 25,000 a month."""
    north = dataclasses.replace(targets_test.make_team(), target_bookings=400_000)
    bo, sdr = targets_test.person("bo"), targets_test.sdrs(2)[1][0]
    plan = targets_test.make_plan([(targets_test.person("ana"), NORTH, AE), *targets_test.sdrs(1)], teams=(north,))
    today = targets_test.SCENARIO
    plan.people.update({bo.id: bo, sdr.id: sdr})
    proposal = copy_scenario(plan.scenarios[today], new_id=PROPOSAL, name="Proposal")
    proposal.assignments.update({bo.id: Placement(NORTH, AE), sdr.id: Placement(NORTH, SDR)})
    proposal.target_bookings = 500_000
    plan.scenarios[PROPOSAL] = proposal

    result = compare(plan, today, PROPOSAL)
    (team,) = result.teams
    assert team.targets.before is not None and team.targets.after is not None
    assert (team.targets.before.target_bookings, team.targets.before.expected_bookings_year,
            team.targets.before.target_coverage, team.targets.before.target_verdict) == (
        400_000, 300_000, 0.75, TargetVerdict.SHORT)
    assert (team.targets.after.expected_bookings_year, team.targets.after.target_coverage,
            team.targets.after.target_verdict) == (600_000, 1.5, TargetVerdict.AHEAD)
    assert team.targets.before.quota_capacity == 800_000 and team.targets.after.quota_capacity == 1_600_000
    assert team.targets.expected_delta == 300_000
    totals = result.targets
    assert totals.before is not None and totals.after is not None
    assert (totals.before.target_bookings, totals.after.target_bookings) == (400_000, 500_000)
    assert totals.after.target_coverage == 1.2 and totals.after.target_verdict is TargetVerdict.AHEAD

    data = json.loads(json.dumps(comparison_to_dict(result), default=str))
    assert data["totals"]["targets"]["after"] == {
        "target_bookings": 500_000, "expected_bookings_year": 600_000, "target_coverage": 1.2,
        "target_verdict": "ahead", "quota_capacity": 1_600_000}
    assert data["teams"][0]["targets"]["before"]["target_verdict"] == "short"
    assert data["teams"][0]["targets"]["expected_delta"] == 300_000

    text = format_comparison({"plan": plan.name, "currency": "EUR", **data})
    assert ("Organisation  € 400,000 → € 500,000  € 300,000 → € 600,000  +300,000  "
            "75 % short → 120 % ahead") in text
