"""Commands (docs/model.md §2): every change is reversible exactly, refused ones change nothing, and the
``Change`` records name exactly what was touched."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.changes import Change
from salesplanner.commands import (
    AddOpening,
    AddPerson,
    AddScenario,
    AddTeam,
    Assign,
    Batch,
    Command,
    EditAssumptions,
    EditOpening,
    EditPerson,
    EditPlan,
    EditTeam,
    RemoveOpening,
    RemovePerson,
    RemoveScenario,
    RemoveTeam,
    RenameScenario,
    SetBaseline,
    copy_scenario,
)
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
    ScenarioId,
    Team,
    TeamId,
)
from salesplanner.planfile.read import PlanFileError, loads_plan
from salesplanner.planfile.write import dumps_plan, plan_to_dict
from salesplanner.roles import Role
from tests.plans import commands, plans_and_sample, sample_plan

TODAY, GROWTH = ScenarioId("s-today"), ScenarioId("s-growth")
ENT, DACH, SMB = TeamId("t-nordic-ent"), TeamId("t-dach-mm"), TeamId("t-smb")
ANA, BO, KIM, LEA = MemberId("p-ana"), MemberId("p-bo"), MemberId("p-kim"), MemberId("p-lea")


def run_sequence(plan: Plan, data: st.DataObject, steps: int) -> list[tuple[Command, Change]]:
    """Draw and run ``steps`` commands; a refused one must leave the plan exactly as it was."""
    done: list[tuple[Command, Change]] = []
    for _ in range(steps):
        command = data.draw(commands(plan), label="command")
        before = plan_to_dict(plan)
        try:
            change = command.do(plan)
        except PlanError:
            assert plan_to_dict(plan) == before, f"refused {type(command).__name__} changed the plan"
            continue
        done.append((command, change))
    return done


# --- (a) undo all → original; redo all → the same state again -----------------------------------

@given(plan=plans_and_sample(), data=st.data(), steps=st.integers(1, 15))
def test_undo_all_restores_the_original_and_redo_all_the_result(plan: Plan, data: st.DataObject,
                                                                steps: int) -> None:
    original = plan_to_dict(plan)
    done = run_sequence(plan, data, steps)
    after = plan_to_dict(plan)

    for command, change in reversed(done):
        assert command.undo(plan) == change, f"undo of {type(command).__name__} reports another change"
    assert plan_to_dict(plan) == original

    for command, change in done:
        assert command.do(plan) == change, f"redo of {type(command).__name__} reports another change"
    assert plan_to_dict(plan) == after


@given(plan=plans_and_sample(), data=st.data(), steps=st.integers(1, 12))
def test_each_undo_steps_back_exactly_one_state(plan: Plan, data: st.DataObject, steps: int) -> None:
    states = [plan_to_dict(plan)]
    done: list[Command] = []
    for _ in range(steps):
        command = data.draw(commands(plan), label="command")
        try:
            command.do(plan)
        except PlanError:
            continue
        done.append(command)
        states.append(plan_to_dict(plan))
    for command in reversed(done):
        states.pop()
        command.undo(plan)
        assert plan_to_dict(plan) == states[-1]


@given(plan=plans_and_sample(), data=st.data(), steps=st.integers(1, 12))
def test_every_plan_commands_reach_saves_and_loads_back(plan: Plan, data: st.DataObject, steps: int) -> None:
    """Commands only build plans the plan file accepts (the loader and the commands share the rules)."""
    run_sequence(plan, data, steps)
    assert plan_to_dict(loads_plan(dumps_plan(plan))) == plan_to_dict(plan)


# --- (b) refused commands change nothing ----------------------------------------------------------

@given(plan=plans_and_sample(), data=st.data())
def test_a_refused_command_leaves_the_plan_unchanged(plan: Plan, data: st.DataObject) -> None:
    """Commands are drawn until 25 have run; every refused one is checked (about one in five is)."""
    for _ in range(25):
        command = data.draw(commands(plan), label="command")
        before = plan_to_dict(plan)
        people, scenarios = list(plan.people), list(plan.scenarios)
        try:
            command.do(plan)
        except PlanError as error:
            assert plan_to_dict(plan) == before
            assert (list(plan.people), list(plan.scenarios)) == (people, scenarios)
            assert str(error) and "\n" not in str(error)


REFUSED: list[tuple[str, Any]] = [
    ("assign-unknown-scenario", lambda: Assign(ScenarioId("s-x"), {ANA: None})),
    ("assign-unknown-member", lambda: Assign(TODAY, {ANA: Placement(DACH, Role.AE),
                                                       MemberId("p-x"): None})),
    ("assign-unknown-team", lambda: Assign(TODAY, {BO: None, ANA: Placement(TeamId("t-x"), Role.AE)})),
    ("assign-opening-of-other-scenario", lambda: Assign(TODAY, {MemberId("o-sdr-1"): None})),
    ("add-person-existing-id", lambda: AddPerson(Person(PersonId("p-bo"), "Bo Two"))),
    ("add-person-opening-id", lambda: AddPerson(Person(PersonId("o-ae-1"), "Otto"))),
    ("add-person-empty-id", lambda: AddPerson(Person(PersonId(""), "Nobody"))),
    ("add-person-fte-zero", lambda: AddPerson(Person(PersonId("p-new"), "New", fte=0))),
    ("add-person-fte-above-one", lambda: AddPerson(Person(PersonId("p-new"), "New", fte=1.2))),
    ("edit-person-unknown", lambda: EditPerson(Person(PersonId("p-x"), "X"))),
    ("edit-person-blank-name", lambda: EditPerson(Person(PersonId("p-ana"), "  "))),
    ("remove-person-unknown", lambda: RemovePerson(PersonId("p-x"))),
    ("add-opening-person-id", lambda: AddOpening(TODAY, Opening(OpeningId("p-ana"), "AE"))),
    ("add-opening-existing-id", lambda: AddOpening(TODAY, Opening(OpeningId("o-ae-1"), "AE"))),
    ("add-opening-unknown-team", lambda: AddOpening(TODAY, Opening(OpeningId("o-new"), "AE"),
                                                    Placement(TeamId("t-x"), Role.AE))),
    ("edit-opening-other-scenario", lambda: EditOpening(TODAY, Opening(OpeningId("o-sdr-1"), "SDR"))),
    ("remove-opening-unknown", lambda: RemoveOpening(GROWTH, OpeningId("o-x"))),
    ("add-team-existing-id", lambda: AddTeam(TODAY, Team(ENT, "Again"))),
    ("add-team-bad-rate", lambda: AddTeam(TODAY, Team(TeamId("t-new"), "New",
                                                      market=MarketProfile(win_rate=1.1)))),
    ("edit-team-unknown", lambda: EditTeam(TODAY, Team(TeamId("t-x"), "X"))),
    ("edit-team-zero-cycle", lambda: EditTeam(TODAY, Team(SMB, "SMB",
                                                           market=MarketProfile(sales_cycle_days=0)))),
    ("remove-team-unknown", lambda: RemoveTeam(GROWTH, TeamId("t-x"))),
    ("add-scenario-existing-id", lambda: AddScenario(copy_scenario(sample_plan().scenarios[TODAY],
                                                                   new_id=GROWTH, name="Again"))),
    ("add-scenario-person-id", lambda: AddScenario(copy_scenario(sample_plan().scenarios[TODAY],
                                                                 new_id=ScenarioId("p-ana"), name="A"))),
    ("add-scenario-blank-name", lambda: AddScenario(copy_scenario(sample_plan().scenarios[TODAY],
                                                                  new_id=ScenarioId("s-new"), name=" "))),
    ("rename-scenario-blank", lambda: RenameScenario(TODAY, "")),
    ("set-baseline-unknown", lambda: SetBaseline(ScenarioId("s-x"))),
    ("edit-assumptions-tolerance-one", lambda: EditAssumptions(Assumptions(tolerance=1.0))),
    ("edit-plan-horizon-zero", lambda: EditPlan(horizon_months=0, as_of=date(2030, 1, 1))),
    ("edit-plan-currency", lambda: EditPlan(currency="Euro")),
    ("batch-second-refused", lambda: Batch("Two", [Assign(TODAY, {KIM: Placement(SMB, Role.AM)}),
                                                   RemovePerson(PersonId("p-x"))])),
]


@pytest.mark.parametrize("make", [m for _, m in REFUSED], ids=[name for name, _ in REFUSED])
def test_refused_unit_commands_leave_the_sample_plan_unchanged(make: Any) -> None:
    plan = sample_plan()
    before = plan_to_dict(plan)
    people_order, scenario_order = list(plan.people), list(plan.scenarios)
    with pytest.raises(PlanError):
        make().do(plan)
    assert plan_to_dict(plan) == before
    assert list(plan.people) == people_order and list(plan.scenarios) == scenario_order


def test_remove_the_only_scenario_is_refused() -> None:
    plan = sample_plan()
    RemoveScenario(GROWTH).do(plan)
    before = plan_to_dict(plan)
    with pytest.raises(PlanError, match="at least one scenario"):
        RemoveScenario(TODAY).do(plan)
    assert plan_to_dict(plan) == before


# --- (c) unit tests -----------------------------------------------------------------------------

def test_assign_one_person_text_names_person_team_and_role() -> None:
    plan = sample_plan()
    command = Assign(GROWTH, {ANA: Placement(ENT, Role.AE)})
    command.do(plan)
    assert str(command.text) == "Move Ana Berg to Nordic Enterprise · AE"


def test_assign_several_people_is_one_command_undone_at_once() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    command = Assign(TODAY, {ANA: Placement(SMB, Role.AE), BO: Placement(SMB, Role.AE),
                             KIM: Placement(SMB, Role.AE)})
    change = command.do(plan)
    assert str(command.text) == "Move 3 people to SMB · AE"
    assert change == Change(members=frozenset({ANA, BO, KIM}))
    assert all(plan.scenarios[TODAY].assignments[m] == Placement(SMB, Role.AE) for m in (ANA, BO, KIM))
    command.undo(plan)
    assert plan_to_dict(plan) == original


def test_assign_to_the_bench_text() -> None:
    plan = sample_plan()
    one = Assign(TODAY, {ANA: None})
    one.do(plan)
    assert str(one.text) == "Move Ana Berg to the bench"
    many = Assign(TODAY, {BO: None, MemberId("p-hans"): None})
    many.do(plan)
    assert str(many.text) == "Move 2 people to the bench"
    assert ANA not in plan.scenarios[TODAY].assignments and BO not in plan.scenarios[TODAY].assignments


def test_assign_to_different_places_text() -> None:
    plan = sample_plan()
    command = Assign(TODAY, {ANA: None, BO: Placement(SMB, Role.SDR_OUTBOUND)})
    command.do(plan)
    assert str(command.text) == "Move 2 people"


def test_assign_an_opening_uses_its_title() -> None:
    plan = sample_plan()
    command = Assign(TODAY, {MemberId("o-ae-1"): Placement(DACH, Role.AE)})
    command.do(plan)
    assert str(command.text) == "Move AE (new hire) to DACH Mid-Market · AE"


def test_assign_with_no_members_is_refused() -> None:
    with pytest.raises(PlanError):
        Assign(TODAY, {})


def test_remove_person_undo_restores_order_and_every_assignment() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    order = list(plan.people)
    assert plan.scenarios[TODAY].assignments[ANA] == Placement(ENT, Role.AE)
    assert plan.scenarios[GROWTH].assignments[ANA] == Placement(DACH, Role.AE)
    command = RemovePerson(ANA)
    change = command.do(plan)
    assert change == Change(members=frozenset({ANA}))
    assert str(command.text) == "Remove Ana Berg"
    assert ANA not in plan.people
    assert all(ANA not in s.assignments for s in plan.scenarios.values())
    command.undo(plan)
    assert list(plan.people) == order
    assert plan.scenarios[TODAY].assignments[ANA] == Placement(ENT, Role.AE)
    assert plan.scenarios[GROWTH].assignments[ANA] == Placement(DACH, Role.AE)
    assert plan_to_dict(plan) == original


def test_remove_person_from_the_middle_then_bench_person_undo_in_reverse() -> None:
    plan = sample_plan()
    original = list(plan.people)
    first, second = RemovePerson(PersonId("p-finn")), RemovePerson(LEA)
    first.do(plan)
    second.do(plan)
    second.undo(plan)
    first.undo(plan)
    assert list(plan.people) == original


def test_add_person_at_index_and_undo() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    command = AddPerson(Person(PersonId("p-new"), "New Person"), index=1)
    assert command.do(plan) == Change(members=frozenset({"p-new"}))
    assert list(plan.people)[1] == "p-new"
    assert all("p-new" not in s.assignments for s in plan.scenarios.values())
    command.undo(plan)
    assert plan_to_dict(plan) == original


def test_remove_team_benches_its_members_and_undo_brings_them_back() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    team_order = list(plan.scenarios[TODAY].teams)
    members = {m for m, p in plan.scenarios[TODAY].assignments.items() if p.team == DACH}
    assert members == {"p-bo", "p-hans", "p-finn", "p-jon"}
    command = RemoveTeam(TODAY, DACH)
    change = command.do(plan)
    assert str(command.text) == "Remove team DACH Mid-Market"
    assert change == Change(members=frozenset(members), scenarios=frozenset({TODAY}))
    assert DACH not in plan.scenarios[TODAY].teams
    assert not members & set(plan.scenarios[TODAY].assignments)
    # The other scenario keeps its own copy of the team and its placements.
    assert DACH in plan.scenarios[GROWTH].teams
    assert plan.scenarios[GROWTH].assignments[BO] == Placement(DACH, Role.SDR_OUTBOUND)
    command.undo(plan)
    assert list(plan.scenarios[TODAY].teams) == team_order
    assert plan_to_dict(plan) == original


def test_remove_scenario_moves_the_baseline_and_undo_restores_it() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    assert plan.baseline == TODAY
    command = RemoveScenario(TODAY)
    change = command.do(plan)
    assert plan.baseline == GROWTH
    assert list(plan.scenarios) == [GROWTH]
    assert change == Change(scenarios=frozenset({TODAY}), scenario_list=True)
    command.undo(plan)
    assert plan.baseline == TODAY
    assert list(plan.scenarios) == [TODAY, GROWTH]
    assert plan_to_dict(plan) == original


def test_remove_a_proposal_keeps_the_baseline() -> None:
    plan = sample_plan()
    RemoveScenario(GROWTH).do(plan)
    assert plan.baseline == TODAY


def test_add_scenario_copy_is_independent_of_its_source() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    copy = copy_scenario(plan.scenarios[GROWTH], new_id=ScenarioId("s-plan-b"), name="Plan B")
    command = AddScenario(copy, index=1)
    change = command.do(plan)
    assert change == Change(scenarios=frozenset({"s-plan-b"}), scenario_list=True)
    assert list(plan.scenarios) == [TODAY, "s-plan-b", GROWTH]
    Assign(ScenarioId("s-plan-b"), {ANA: None}).do(plan)
    assert plan.scenarios[GROWTH].assignments[ANA] == Placement(DACH, Role.AE)
    assert plan_to_dict(loads_plan(dumps_plan(plan)))["scenarios"][1]["name"] == "Plan B"
    Assign(ScenarioId("s-plan-b"), {ANA: Placement(DACH, Role.AE)}).do(plan)
    command.undo(plan)
    assert plan_to_dict(plan) == original


def test_set_baseline_and_rename_report_the_scenario_list() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    baseline, rename = SetBaseline(GROWTH), RenameScenario(GROWTH, "Growth 2027")
    assert baseline.do(plan) == Change(scenario_list=True)
    assert rename.do(plan) == Change(scenario_list=True)
    assert plan.baseline == GROWTH and plan.scenarios[GROWTH].name == "Growth 2027"
    assert str(rename.text) == "Rename scenario Growth to Growth 2027"
    rename.undo(plan)
    baseline.undo(plan)
    assert plan_to_dict(plan) == original


def test_edit_plan_reports_numbers_only_when_they_can_change() -> None:
    plan = sample_plan()
    assert EditPlan(name="Renamed").do(plan) == Change(plan_fields=True)
    # warnings name amounts in the plan's currency (docs/model.md §9), so they are rewritten
    assert EditPlan(currency="DKK").do(plan) == Change(everything=True, plan_fields=True)
    assert EditPlan(as_of=date(2027, 6, 1)).do(plan) == Change(everything=True, plan_fields=True)
    assert EditPlan(horizon_months=24).do(plan) == Change(everything=True, plan_fields=True)


def test_edit_assumptions_reports_everything() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    roles = {role: dict(values) for role, values in plan.assumptions.roles.items()}
    roles[Role.AE]["max_open_opps"] = 25
    command = EditAssumptions(Assumptions(tolerance=0.1, roles=roles))
    assert command.do(plan) == Change(everything=True)
    assert plan_to_dict(plan)["assumptions"]["roles"]["ae"]["max_open_opps"] == 25
    command.undo(plan)
    assert plan_to_dict(plan) == original


# --- Change records and the analysis ---------------------------------------------------------------

def test_moving_a_person_between_teams_names_that_member_and_recomputes_both_teams() -> None:
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, TODAY)
    other = ScenarioAnalysis(plan, GROWTH)
    change = Assign(TODAY, {ANA: Placement(DACH, Role.AE)}).do(plan)
    assert change == Change(members=frozenset({ANA}))
    assert analysis.apply(change) == frozenset({ENT, DACH})
    # In the other scenario Ana did not move: only her own team there is recomputed.
    assert other.apply(change) == frozenset({DACH})


def test_moving_within_a_team_recomputes_that_team_only() -> None:
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, TODAY)
    change = Assign(TODAY, {ANA: Placement(ENT, Role.AM)}).do(plan)
    assert analysis.apply(change) == frozenset({ENT})


def test_bench_to_bench_recomputes_no_team() -> None:
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, TODAY)
    change = Assign(TODAY, {KIM: None}).do(plan)
    assert change == Change(members=frozenset({KIM}))
    assert analysis.apply(change) == frozenset()


def test_moving_several_people_recomputes_their_old_and_new_teams() -> None:
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, TODAY)
    change = Assign(TODAY, {ANA: Placement(SMB, Role.AE), KIM: Placement(SMB, Role.AM)}).do(plan)
    assert change == Change(members=frozenset({ANA, KIM}))
    assert analysis.apply(change) == frozenset({ENT, SMB})


def test_edit_person_names_the_person_and_recomputes_their_team_in_each_scenario() -> None:
    plan = sample_plan()
    today, growth = ScenarioAnalysis(plan, TODAY), ScenarioAnalysis(plan, GROWTH)
    command = EditPerson(Person(ANA, "Ana Berg-Holm", fte=0.6))
    change = command.do(plan)
    assert str(command.text) == "Edit Ana Berg: email, FTE, location, name, start date, title"
    assert change == Change(members=frozenset({ANA}))
    assert today.apply(change) == frozenset({ENT})
    assert growth.apply(change) == frozenset({DACH})


def test_edit_team_names_that_team_of_that_scenario() -> None:
    plan = sample_plan()
    today, growth = ScenarioAnalysis(plan, TODAY), ScenarioAnalysis(plan, GROWTH)
    team = plan.scenarios[GROWTH].teams[SMB]
    change = EditTeam(GROWTH, Team(SMB, "SMB North", segment="SMB", market=team.market)).do(plan)
    assert change == Change(teams=frozenset({(GROWTH, SMB)}))
    assert growth.apply(change) == frozenset({SMB})
    assert today.apply(change) == frozenset()
    assert growth.team(SMB).team.name == "SMB North"
    assert today.team(SMB).team.name == "SMB"


def test_edit_texts_name_fields_as_a_person_reads_them() -> None:
    """Undo and status texts say "inbound leads / month" and "AE ramp (months)", never a field's code name."""
    plan = sample_plan()
    team = plan.scenarios[TODAY].teams[SMB]
    market = EditTeam(TODAY, replace(team, market=replace(team.market, inbound_leads_per_month=40, win_rate=0.3)))
    market.do(plan)
    assert str(market.text) == "Edit team SMB: inbound leads / month, win rate"
    roles = {**plan.assumptions.roles, Role.AE: {**plan.assumptions.roles[Role.AE], "ramp_months": 4}}
    assumptions = EditAssumptions(replace(plan.assumptions, roles=roles, tolerance=0.2))
    assumptions.do(plan)
    assert str(assumptions.text) == "Edit assumptions: AE ramp (months), balance tolerance"
    horizon = EditPlan(horizon_months=18)
    horizon.do(plan)
    assert str(horizon.text) == "Edit plan: horizon"


def test_opening_changes_name_the_opening() -> None:
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, TODAY)
    opening = Opening(OpeningId("o-am-1"), "AM (new hire)", start_date=date(2027, 2, 1))
    add = AddOpening(TODAY, opening, Placement(SMB, Role.AM))
    change = add.do(plan)
    assert str(add.text) == "Add opening AM (new hire)"
    assert change == Change(members=frozenset({"o-am-1"}))
    assert analysis.apply(change) == frozenset({SMB})
    edit = EditOpening(TODAY, Opening(OpeningId("o-am-1"), "AM (senior)", fte=0.5))
    assert edit.do(plan) == Change(members=frozenset({"o-am-1"}))
    remove = RemoveOpening(TODAY, OpeningId("o-ae-1"))
    change = remove.do(plan)
    assert change == Change(members=frozenset({"o-ae-1"}))
    assert analysis.apply(change) == frozenset({ENT})
    assert "o-ae-1" not in plan.scenarios[TODAY].assignments
    remove.undo(plan)
    assert plan.scenarios[TODAY].assignments["o-ae-1"] == Placement(ENT, Role.AE)


def test_team_structure_changes_name_the_scenario() -> None:
    plan = sample_plan()
    analysis = ScenarioAnalysis(plan, GROWTH)
    change = AddTeam(GROWTH, Team(TeamId("t-uk"), "UK"), index=0).do(plan)
    assert change == Change(scenarios=frozenset({GROWTH}))
    assert next(iter(plan.scenarios[GROWTH].teams)) == "t-uk"
    assert analysis.apply(change) == frozenset(plan.scenarios[GROWTH].teams)


def test_batch_reports_the_union_and_undoes_in_reverse() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    batch = Batch("Hire and place", [
        AddPerson(Person(PersonId("p-new"), "Nils Ny")),
        Assign(TODAY, {MemberId("p-new"): Placement(SMB, Role.SDR_INBOUND)}),
        EditTeam(TODAY, Team(SMB, "SMB", segment="SMB")),
    ])
    change = batch.do(plan)
    assert change == Change(members=frozenset({"p-new"}), teams=frozenset({(TODAY, SMB)}))
    assert str(batch.text) == "Hire and place"
    batch.undo(plan)
    assert plan_to_dict(plan) == original


def test_a_refused_batch_rolls_back_what_it_had_done() -> None:
    plan = sample_plan()
    original = plan_to_dict(plan)
    batch = Batch("Half", [AddPerson(Person(PersonId("p-new"), "Nils")),
                           RemoveTeam(TODAY, DACH),
                           Assign(TODAY, {MemberId("p-new"): Placement(DACH, Role.AE)})])
    with pytest.raises(PlanError):
        batch.do(plan)
    assert plan_to_dict(plan) == original
    assert list(plan.scenarios[TODAY].teams) == [ENT, DACH, SMB]


# --- ids the plan file refuses -----------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: AddPerson(Person(PersonId(" "), "Blank Id")),
    lambda: AddOpening(TODAY, Opening(OpeningId(""), "No id")),
    lambda: AddOpening(TODAY, Opening(OpeningId("  "), "Blank id")),
    lambda: AddTeam(TODAY, Team(TeamId(" "), "Blank id")),
    lambda: AddScenario(copy_scenario(sample_plan().scenarios[TODAY], new_id=ScenarioId(" "), name="X")),
], ids=["person-blank-id", "opening-empty-id", "opening-blank-id", "team-blank-id", "scenario-blank-id"])
def test_commands_refuse_ids_the_plan_file_refuses(make: Any) -> None:
    """A plan built by commands must save and load back: the loader requires non-blank ids."""
    plan = sample_plan()
    try:
        make().do(plan)
    except PlanError:
        return
    try:
        loads_plan(dumps_plan(plan))
    except PlanFileError as error:
        pytest.fail(f"the command accepted an id the plan file refuses on load: {error}")
