"""``salesplanner advise`` (README, "The advisor") and the plan file's advisor fields (docs/plan-format.md)."""

from __future__ import annotations

import json
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest

from salesplanner.cli import SUBCOMMANDS, main
from salesplanner.model import PersonId, TeamId
from salesplanner.planfile.read import PlanFileError, load_plan, loads_plan
from salesplanner.planfile.write import dumps_plan, save_plan
from salesplanner.resources import load_demo_plan
from salesplanner.roles import Role

DEMO = str(Path(__file__).parent.parent / "resources" / "nordlys.salesplan")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_advise_json_has_the_documented_shape_and_o_writes_a_balanced_scenario(tmp_path: Path) -> None:
    output = tmp_path / "advised.salesplan"
    code, out, err = run("advise", DEMO, "--scenario", "Market teams", "--role-changes", "--json", "-o", str(output))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["status"] == "optimal" and data["gap"] == 0 and data["reason"] is None
    assert data["moves"] and data["hires"] == []  # hires cannot count today (month 0)
    plan = load_demo_plan()
    market_teams = plan.scenario_named("Market teams")
    for move in data["moves"]:
        assert set(move) == {"person", "from", "to"}
        before = market_teams.assignments.get(move["person"])
        assert move["from"] == ({"team": None, "role": None} if before is None
                                else {"team": before.team, "role": before.role.value})
        assert move["to"]["team"] in market_teams.teams
    assert data["written_scenario"] == "Market teams (suggested)"

    load_plan(output)  # loads and validates
    code, out, err = run("summary", str(output), "--scenario", "Market teams (suggested)", "--json")
    assert (code, err) == (0, "")
    teams = json.loads(out)["teams"]
    assert {verdict for team in teams for verdict in team["verdicts"].values()} <= {"balanced", None}
    assert all(12 * team["bookings"] >= team["target_bookings"] for team in teams if team["target_bookings"])


def small_plan(tmp_path: Path, *, dach: bool = False) -> str:
    """North: an outbound SDR and two AEs; South: an SDR alone (a cycle at which an AE takes 12 a month, no
    wins). With ``dach``, also a DACH team with 450 inbound leads and nobody to work them."""
    from tests.test_advisor import NO_WINS, plan_of, team, two_ae_one_sdr

    plan = two_ae_one_sdr()
    if dach:
        plan = plan_of([team("nordics"), replace(team("dach", replace(NO_WINS, inbound_leads_per_month=450,
                                                                          lead_to_opp_rate=0)), name="DACH")],
                       {"s": ("nordics", Role.SDR_OUTBOUND), "a": ("nordics", Role.AE)})
    path = tmp_path / "small.salesplan"
    save_plan(plan, path)
    return str(path)


def test_advise_text_lists_hires_moves_and_changed_teams(tmp_path: Path) -> None:
    code, out, err = run("advise", small_plan(tmp_path), "--no-hires")
    assert (code, err) == (0, "")
    assert out.startswith('Test — scenario "Today" · every team balanced today\n\n')
    assert "Status: optimal — the fewest hires and moves under these limits\n" in out
    assert "\nHires (0, € 0 a year)\n  none\n" in out
    assert "\nMoves (1)\n  A-AE (a-ae): North · AE → South · AE\n" in out
    rows = {line.split()[0]: " ".join(line.split()) for line in out.splitlines()[-2:]}
    assert rows == {"North": "North — → — 0.50 underused → 1.00 balanced — → — € 0 → € 0",
                    "South": "South — → — — overloaded → 1.00 balanced — → — € 0 → € 0"}


def test_advise_explains_an_infeasible_plan_and_writes_nothing(tmp_path: Path) -> None:
    output = tmp_path / "advised.salesplan"
    code, out, err = run("advise", small_plan(tmp_path, dach=True), "--no-hires", "--json", "-o", str(output))
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["status"] == "infeasible" and data["moves"] == [] and data["written_scenario"] is None
    assert data["reason"] == ("DACH: 450 inbound leads a month and no inbound SDR can be moved or hired under these "
                              "limits. To find an answer, balance at month 6 instead, when hires have ramped.")
    assert not output.exists()


def test_advise_locks_by_id_and_refuses_unknown_ones() -> None:
    code, out, _ = run("advise", DEMO, "--role-changes", "--json", "--lock", "t-dach", "p-maja")
    data = json.loads(out)
    assert code == 0 and data["status"] in ("optimal", "infeasible")
    assert all("t-dach" not in (move["from"]["team"], move["to"]["team"]) for move in data["moves"])
    assert all(move["person"] != "p-maja" for move in data["moves"])
    code, out, err = run("advise", DEMO, "--lock", "p-nobody")
    assert (code, out) == (1, "")
    assert err == 'salesplanner: --lock: scenario "Today" has no person, opening or team with id p-nobody\n'
    code, out, err = run("advise", DEMO, "--at-month", "13")
    assert code == 1 and err == "salesplanner: the month to balance at must be between 0 and the plan's horizon (12)\n"
    assert "advise" in SUBCOMMANDS


def test_locks_and_the_hiring_lead_time_round_trip_and_locks_stay_out_of_files_that_do_not_use_them() -> None:
    plan = load_demo_plan()
    text = dumps_plan(plan)
    assert '"locked"' not in text and '"hiring_lead_days": 60' in text  # an assumption, written like the others
    plan.people[PersonId("p-maja")] = replace(plan.people[PersonId("p-maja")], locked=True)
    today = plan.scenarios[plan.baseline]
    today.teams[TeamId("t-dach")] = replace(today.teams[TeamId("t-dach")], locked=True)
    plan.assumptions = replace(plan.assumptions, hiring_lead_days=45)
    again = loads_plan(dumps_plan(plan))
    assert again.people[PersonId("p-maja")].locked and again.scenarios[plan.baseline].teams[TeamId("t-dach")].locked
    assert again.assumptions.hiring_lead_days == 45
    assert dumps_plan(again) == dumps_plan(plan)


LEAD_DAYS = ("Assumptions: hiring lead days must be a whole number of days between 0 and 730 "
             "(assumptions.hiring_lead_days)")


@pytest.mark.parametrize(("change", "message"), [
    (("people", 0, "locked", "yes"), 'Person "Henrik Dahl": locked must be true or false (people[0].locked)'),
    (("scenarios", 0, "teams", 0, "locked", 1),
     'Scenario "Today", team "Nordic Sales": locked must be true or false (scenarios[0].teams[0].locked)'),
    (("assumptions", "hiring_lead_days", 30.5), LEAD_DAYS),
    (("assumptions", "hiring_lead_days", -1), LEAD_DAYS),
])
def test_bad_advisor_fields_are_refused_by_place(tmp_path: Path, change: tuple[object, ...], message: str) -> None:
    data = json.loads(dumps_plan(load_demo_plan()))
    target = data
    *path, key, value = change
    for step in path:
        target = target[step]  # type: ignore[index]
    target[key] = value  # type: ignore[index]
    with pytest.raises(PlanFileError) as error:
        loads_plan(json.dumps(data))
    assert str(error.value) == message
    save_plan(load_demo_plan(), tmp_path / "ok.salesplan")  # the good plan still saves


def test_a_file_from_before_the_advisor_still_takes_the_fast_path() -> None:
    from salesplanner.planfile.fast import read_fast

    data = json.loads(dumps_plan(load_demo_plan()))
    del data["assumptions"]["hiring_lead_days"]
    plan = read_fast(json.dumps(data, indent=2, ensure_ascii=False))
    assert plan is not None and plan.assumptions.hiring_lead_days == 60
    assert not any(person.locked for person in plan.people.values())
