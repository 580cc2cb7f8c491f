"""The analysis kept current change by change equals a fresh one, exactly (analysis module docstring:
"A full recompute and any sequence of incremental ones give identical numbers")."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.changes import Change
from salesplanner.commands import Assign, Command, EditPerson
from salesplanner.model import MemberId, PersonId, Placement, Plan, PlanError, ScenarioId, TeamId
from salesplanner.roles import Role
from tests.plans import commands, plans_and_sample, sample_plan


class KeptAnalyses:
    """One ScenarioAnalysis per scenario, kept current the way the UI keeps them."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.analyses = {sid: ScenarioAnalysis(plan, sid) for sid in plan.scenarios}

    def apply(self, change: Change) -> None:
        for sid in list(self.analyses):
            if sid not in self.plan.scenarios:
                del self.analyses[sid]  # removed scenario: drop its analysis
        for sid in self.plan.scenarios:
            if sid in self.analyses:
                self.analyses[sid].apply(change)
            else:
                self.analyses[sid] = ScenarioAnalysis(self.plan, sid)  # added (or restored) scenario

    def assert_current(self, context: str) -> None:
        assert set(self.analyses) == set(self.plan.scenarios)
        for sid, kept in self.analyses.items():
            assert_same_analysis(kept, ScenarioAnalysis(self.plan, sid), f"{context}, scenario {sid}")


def assert_same_analysis(kept: ScenarioAnalysis, fresh: ScenarioAnalysis, context: str) -> None:
    kept_teams, fresh_teams = list(kept.teams()), list(fresh.teams())
    assert [r.team.id for r in kept_teams] == [r.team.id for r in fresh_teams], context
    for k, f in zip(kept_teams, fresh_teams, strict=True):
        assert k == f, f"{context}: team {k.team.id} differs from a fresh computation"
        # target, expected bookings over the target year, coverage and quotas (docs/model.md §9)
        assert kept.target(k.team.id) == fresh.target(k.team.id), f"{context}: team {k.team.id}'s target"
    assert kept.bench() == fresh.bench(), context
    for team_id in fresh.scenario.teams:
        assert kept.members_of(team_id) == fresh.members_of(team_id), context
    kept_totals, fresh_totals = kept.totals, fresh.totals
    differing = {f.name: (getattr(kept_totals, f.name), getattr(fresh_totals, f.name))
                 for f in dataclasses.fields(kept_totals)
                 if getattr(kept_totals, f.name) != getattr(fresh_totals, f.name)}
    assert not differing, f"{context}: totals differ (kept, fresh): {differing}"
    assert kept.warnings() == fresh.warnings(), context


def run_and_check(plan: Plan, data: st.DataObject, steps: int) -> None:
    kept = KeptAnalyses(plan)
    done: list[Command] = []
    for step in range(steps):
        command = data.draw(commands(plan), label="command")
        try:
            change = command.do(plan)
        except PlanError:
            continue
        done.append(command)
        kept.apply(change)
        kept.assert_current(f"after step {step} ({type(command).__name__})")
    # Undo and redo are changes like any other.
    for command in reversed(done):
        kept.apply(command.undo(plan))
        kept.assert_current(f"after undo of {type(command).__name__}")
    for command in done:
        kept.apply(command.do(plan))
        kept.assert_current(f"after redo of {type(command).__name__}")


@given(plan=plans_and_sample(), data=st.data(), steps=st.integers(1, 20))
def test_incremental_analysis_equals_a_fresh_one_after_every_command(plan: Plan, data: st.DataObject,
                                                                     steps: int) -> None:
    """Every TeamResult and TeamTarget, the bench, the warnings and every OrgTotals field (coverage
    and the organisation's target included), floats exactly."""
    run_and_check(plan, data, steps)


# --- hand-picked cases the random walk may rarely hit ----------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
TODAY = ScenarioId("s-today")
ENT, DACH, SMB = TeamId("t-nordic-ent"), TeamId("t-dach-mm"), TeamId("t-smb")


BENCH_SCRIPT = """
from datetime import date
from salesplanner.analysis import ScenarioAnalysis
from salesplanner.commands import Assign
from salesplanner.model import MemberId, Person, PersonId, Placement, Plan, Scenario, ScenarioId, Team, TeamId
from salesplanner.roles import Role
sid, team = ScenarioId("s-1"), Team(TeamId("t-1"), "Team")
plan = Plan(name="P", as_of=date(2027, 1, 1), baseline=sid,
            scenarios={sid: Scenario(sid, "S", teams={team.id: team})})
for i in range(40):  # 40 people on the bench, annual costs 0.1 … 0.7
    plan.people[PersonId(f"p-{i}")] = Person(PersonId(f"p-{i}"), f"P{i}", annual_cost=0.1 * (i % 7 + 1))
kept = ScenarioAnalysis(plan, sid)
kept.apply(Assign(sid, {MemberId(f"p-{i}"): Placement(team.id, Role.AE) for i in range(5, 40)}).do(plan))
print(repr(kept.totals.bench_annual_cost), repr(ScenarioAnalysis(plan, sid).totals.bench_annual_cost))
"""


def test_bench_cost_does_not_depend_on_set_order() -> None:
    """Five people stay on the bench (costs 0.1 … 0.5) after 35 of 40 move into a team. The bench is a
    set, whose iteration order depends on the string hash seed and on the set's history; a plain float
    sum over it differed in the last digit (found by the property test). Run the same steps under
    several fixed PYTHONHASHSEEDs: kept must equal fresh, and the figure must be the same in every run."""
    results = []
    for seed in range(8):
        output = subprocess.run([sys.executable, "-c", BENCH_SCRIPT], capture_output=True, text=True,
                                check=True, cwd=ROOT,
                                env={**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)},
                                ).stdout.split()
        results.append((seed, float(output[0]), float(output[1])))
    differing = [(seed, kept, fresh) for seed, kept, fresh in results if kept != fresh]
    assert not differing, f"incremental bench_annual_cost differs from fresh (seed, kept, fresh): {differing}"
    assert len({fresh for _, _, fresh in results}) == 1, f"fresh bench cost varies with the hash seed: {results}"


def test_leaving_date_edit_changes_counts_incrementally() -> None:
    plan = sample_plan()
    kept = KeptAnalyses(plan)
    finn = plan.people[PersonId("p-finn")]
    kept.apply(EditPerson(dataclasses.replace(finn, leave_date=date(2026, 12, 31))).do(plan))
    kept.assert_current("Finn gone by the as-of date")
    kept.apply(Assign(TODAY, {MemberId("p-finn"): None}).do(plan))
    kept.assert_current("Finn on the bench")


def test_moving_a_team_member_to_another_team_matches_fresh() -> None:
    plan = sample_plan()
    kept = KeptAnalyses(plan)
    for member, target in [("p-ana", DACH), ("p-gry", SMB), ("p-dan", DACH), ("p-ida", ENT)]:
        kept.apply(Assign(TODAY, {MemberId(member): Placement(target, Role.AE)}).do(plan))
        kept.assert_current(f"after moving {member}")
