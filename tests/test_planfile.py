"""Plan files (docs/plan-format.md): the round trip is the identity, every malformed input is refused with one
PlanFileError naming its place, nothing else ever escapes the loader, and saving is atomic."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from salesplanner.model import Plan
from salesplanner.planfile import read as planfile_read
from salesplanner.planfile.read import PlanFileError, load_plan, loads_plan
from salesplanner.planfile.write import dumps_plan, plan_to_dict, save_plan
from tests.plans import plans, plans_and_sample, sample_plan

TOP_KEYS = ["format", "version", "name", "currency", "as_of", "horizon_months", "assumptions", "people",
            "scenarios"]


def one_sentence(message: str) -> bool:
    """One line, and no full stop followed by another sentence."""
    return "\n" not in message and ". " not in message.rstrip(".")


# --- (a) save → load is the identity ---------------------------------------------------------------

@given(plan=plans_and_sample())
def test_save_then_load_is_the_identity(plan: Plan) -> None:
    text = dumps_plan(plan)
    loaded = loads_plan(text)
    assert plan_to_dict(loaded) == plan_to_dict(plan)
    assert dumps_plan(loaded) == text
    assert loaded.baseline == plan.baseline
    assert list(loaded.people) == list(plan.people)
    assert list(loaded.scenarios) == list(plan.scenarios)
    for sid, scenario in plan.scenarios.items():
        assert list(loaded.scenarios[sid].teams) == list(scenario.teams)
        assert list(loaded.scenarios[sid].openings) == list(scenario.openings)
        assert loaded.scenarios[sid].assignments == scenario.assignments


@given(plan=plans())
def test_a_second_round_is_byte_identical_and_bytes_load_too(plan: Plan) -> None:
    first = dumps_plan(plan)
    second = dumps_plan(loads_plan(first.encode("utf-8")))
    assert second == first
    assert dumps_plan(loads_plan(second)) == second


def test_key_order_is_stable() -> None:
    data = json.loads(dumps_plan(sample_plan()))
    assert list(data) == TOP_KEYS
    assert list(data["people"][0]) == ["id", "name", "title", "email", "location", "status", "fte", "productivity",
                                       "start_date", "leave_date", "annual_cost"]
    assert "title" not in data["people"][1]  # written only when set: files without titles stay as they were
    scenario = data["scenarios"][0]
    assert list(scenario) == ["id", "name", "baseline", "teams", "openings", "assignments"]
    assert list(scenario["teams"][0]) == ["id", "name", "segment", "product_line", "geography", "market",
                                          "roles"]
    assert list(scenario["teams"][0]["market"]) == [
        "inbound_leads_per_month", "lead_to_opp_rate", "sales_cycle_days", "win_rate", "avg_deal_size",
        "existing_customers", "monthly_churn"]
    assert list(data["assumptions"]["roles"]) == ["founder", "full_cycle", "sdr_outbound", "sdr_inbound",
                                                  "ae", "am", "manager"]
    assert list(scenario["assignments"][0]) == ["person", "team", "role"]
    # Assignments follow the member order: people in plan order, then the scenario's openings.
    assert [a["person"] for a in scenario["assignments"]] == [
        "p-ana", "p-bo", "p-cia", "p-dan", "p-eva", "p-finn", "p-gry", "p-hans", "p-ida", "p-jon", "o-ae-1"]
    text = dumps_plan(sample_plan())
    assert text.startswith('{\n  "format": "salesplanner-plan",\n  "version": 1,\n  "name": ')
    assert text.endswith("}\n")


def test_the_file_is_utf8_and_keeps_non_ascii_readable() -> None:
    plan = sample_plan()
    plan.name = "Nordlys Søfteware — Ærø"
    text = dumps_plan(plan)
    assert "Nordlys Søfteware — Ærø" in text
    assert loads_plan(text.encode("utf-8")).name == plan.name
    assert loads_plan(b"\xef\xbb\xbf" + text.encode("utf-8")).name == plan.name  # a BOM is tolerated


def test_assignment_order_in_memory_does_not_change_the_file() -> None:
    plan = sample_plan()
    before = dumps_plan(plan)
    scenario = plan.scenarios[next(iter(plan.scenarios))]
    scenario.assignments = dict(reversed(list(scenario.assignments.items())))
    assert dumps_plan(plan) == before


def test_missing_fields_take_the_defaults() -> None:
    plan = loads_plan(json.dumps({
        "format": "salesplanner-plan", "version": 1, "as_of": "2027-01-01",
        "people": [{"id": "p-1", "name": "Ana"}],
        "scenarios": [{"id": "s-1", "name": "Today", "baseline": True,
                       "teams": [{"id": "t-1", "name": "T"}]}]}))
    assert plan.horizon_months == 12 and plan.currency == "EUR"
    assert plan.assumptions.tolerance == 0.15
    assert plan.assumptions.roles["ae"]["max_open_opps"] == 20
    person = plan.people["p-1"]
    assert (person.fte, person.productivity, person.status.value) == (1.0, 1.0, "active")
    market = plan.scenarios["s-1"].teams["t-1"].market
    assert (market.inbound_leads_per_month, market.lead_to_opp_rate, market.sales_cycle_days,
            market.win_rate, market.avg_deal_size, market.existing_customers, market.monthly_churn) == (
        0, 0.15, 60, 0.25, 25_000, 0, 0.01)


def test_targets_are_written_only_when_set() -> None:
    """docs/plan-format.md: target_bookings beside the team's market and in the scenario; left out while
    unset, so a file that never had one stays as it was."""
    plan = sample_plan()
    assert "target_bookings" not in dumps_plan(plan)
    today = plan.scenarios[next(iter(plan.scenarios))]
    today.target_bookings = 6_600_000
    team_id = next(iter(today.teams))
    today.teams[team_id] = replace(today.teams[team_id], target_bookings=2_000_000)
    data = json.loads(dumps_plan(plan))
    scenario = data["scenarios"][0]
    assert list(scenario) == ["id", "name", "baseline", "target_bookings", "teams", "openings", "assignments"]
    assert scenario["target_bookings"] == 6_600_000
    assert list(scenario["teams"][0]) == ["id", "name", "segment", "product_line", "geography", "market",
                                          "target_bookings", "roles"]
    assert "target_bookings" not in scenario["teams"][1] and "target_bookings" not in data["scenarios"][1]
    loaded = loads_plan(json.dumps(data))
    assert loaded.scenarios[today.id].target_bookings == 6_600_000
    assert loaded.scenarios[today.id].teams[team_id].target_bookings == 2_000_000


def test_a_file_from_before_targets_opens_with_the_defaults() -> None:
    """No targets, no quotas, no thresholds: none of them, annual_quota defaults, the 4–6× norm and 60 %."""
    data = json.loads(dumps_plan(sample_plan()))
    for name in ("quota_to_cost_min", "quota_to_cost_max", "attainment_min"):
        del data["assumptions"][name]
    for role in ("ae", "full_cycle", "founder"):
        del data["assumptions"]["roles"][role]["annual_quota"]
    plan = loads_plan(json.dumps(data))
    assert (plan.assumptions.quota_to_cost_min, plan.assumptions.quota_to_cost_max,
            plan.assumptions.attainment_min) == (4, 6, 0.6)
    assert [plan.assumptions.roles[role]["annual_quota"] for role in ("ae", "full_cycle", "founder")] == [
        800_000, 600_000, 0]
    assert all(scenario.target_bookings is None for scenario in plan.scenarios.values())
    assert '"quota_to_cost_min": 4.0' in dumps_plan(plan)  # assumptions are written in full, like tolerance


# --- (b) malformed inputs --------------------------------------------------------------------------

def base() -> dict[str, Any]:
    """The sample plan as file data. people: 0 ana, 1 bo, 2 cia, 3 dan, 4 eva, 5 finn (leaving), 6 gry,
    7 hans, 8 ida, 9 jon, 10 kim, 11 lea. scenarios[0] teams: 0 nordic-ent, 1 dach-mm, 2 smb; openings:
    0 o-ae-1; assignments: 0 ana … 9 jon, 10 o-ae-1."""
    return json.loads(dumps_plan(sample_plan()))


def mutated(change: Callable[[dict[str, Any]], object]) -> Callable[[], str]:
    def make() -> str:
        data = base()
        change(data)
        return json.dumps(data)
    return make


def replaced(old: str, new: str) -> Callable[[], str]:
    """The sample file with one piece of raw text replaced (for JSON that json.dumps cannot write)."""
    def make() -> str:
        text = dumps_plan(sample_plan())
        assert old in text
        return text.replace(old, new, 1)
    return make


def raw(content: str | bytes) -> Callable[[], str | bytes]:
    return lambda: content


def person0(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["people"][0].update(values)


def market0(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["scenarios"][0]["teams"][0]["market"].update(values)


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


def _delete(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return change


PLACE_AND_REASON = re.compile(r"([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): (.*)", re.DOTALL)
"""An expected message written ``path: reason``."""

A0 = "scenarios[0].assignments[0]"
T0 = "scenarios[0].teams[0]"

MALFORMED: list[tuple[str, Callable[[], str | bytes], str]] = [
    ("not-json", raw("this is not a plan"), "is not valid JSON (line 1, column 1: Expecting value)"),
    ("truncated-json", lambda: dumps_plan(sample_plan())[:200], "is not valid JSON (line "),
    ("truncated-json-ends-early", lambda: dumps_plan(sample_plan())[:200], "ends too early)"),
    ("empty-file", raw(b""), "is empty"),
    ("empty-text", raw(""), "is empty"),
    ("whitespace-only", raw(b" \n\t\r\n  "), "is empty"),
    ("binary-garbage", raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\xfd"),
     "is not a Sales Planner plan (it is not UTF-8 text)"),
    ("latin1-bytes", raw('{"name": "Søren"}'.encode("latin-1")),
     "is not a Sales Planner plan (it is not UTF-8 text)"),
    ("deeply-nested-open", raw("[" * 100_000), "is nested too deeply to be a plan"),
    ("deeply-nested-closed", raw("[" * 100_000 + "]" * 100_000), "is nested too deeply to be a plan"),
    ("deeply-nested-inside-a-field", replaced('"name": "Nordlys Software 2027"',
                                              '"name": ' + "[" * 50_000 + "]" * 50_000),
     "is nested too deeply to be a plan"),
    ("array-at-top", raw("[1, 2, 3]"), "is not a Sales Planner plan (the file is not a JSON object)"),
    ("string-at-top", raw('"salesplanner-plan"'),
     "is not a Sales Planner plan (the file is not a JSON object)"),
    ("wrong-format", mutated(_set(["format"], "excel")),
     'is not a Sales Planner plan ("format" is not "salesplanner-plan")'),
    ("no-format", mutated(_delete(["format"])),
     'is not a Sales Planner plan ("format" is not "salesplanner-plan")'),
    ("newer-version", mutated(_set(["version"], 2)),
     "was written by a newer Sales Planner (plan format version 2); "
     "this version reads plan format version 1"),
    ("version-as-string", mutated(_set(["version"], "1")), "version: must be a whole number"),
    ("version-as-float", mutated(_set(["version"], 1.0)), "version: must be a whole number"),
    ("version-zero", mutated(_set(["version"], 0)), "version: must be 1"),
    ("fte-as-string", mutated(person0(fte="1.0")), "people[0].fte: must be a number"),
    ("fte-as-bool", mutated(person0(fte=True)), "people[0].fte: must be a number"),
    ("plan-name-as-number", mutated(_set(["name"], 2027)), "name: must be text"),
    ("person-name-as-number", mutated(person0(name=42)), "people[0].name: must be text"),
    ("job-title-as-number", mutated(person0(title=7)), "people[0].title: must be text"),
    ("person-without-name", mutated(_delete(["people", 3, "name"])), "people[3].name: is required"),
    ("teams-as-object", mutated(_set(["scenarios", 0, "teams"], {"t-x": {"name": "X"}})),
     "scenarios[0].teams: must be a list"),
    ("people-as-object", mutated(_set(["people"], {})), "people: must be a list"),
    ("person-as-list", mutated(_set(["people", 2], ["p-cia"])), "people[2]: must be an object"),
    ("market-as-list", mutated(_set(["scenarios", 0, "teams", 1, "market"], [])),
     "scenarios[0].teams[1].market: must be an object"),
    ("unknown-role", mutated(_set(["scenarios", 0, "assignments", 0, "role"], "cto")),
     f'{A0}.role: unknown role "cto" (roles are founder, full_cycle, sdr_outbound, sdr_inbound, ae, am, '
     f"manager)"),
    ("role-as-alias", mutated(_set(["scenarios", 0, "assignments", 0, "role"], "Account Executive")),
     f'{A0}.role: unknown role "Account Executive"'),
    ("unknown-role-in-team-overrides", mutated(_set(["scenarios", 0, "teams", 0, "roles", "cto"], {})),
     f"{T0}.roles.cto: unknown field"),
    ("unknown-role-parameter", mutated(_set(["assumptions", "roles", "ae", "quota"], 5)),
     "assumptions.roles.ae.quota: unknown field"),
    ("dangling-person-id", mutated(_set(["scenarios", 0, "assignments", 0, "person"], "p-ghost")),
     f"{A0}.person: no person or opening has id p-ghost"),
    ("opening-of-another-scenario", mutated(_set(["scenarios", 0, "assignments", 0, "person"], "o-sdr-1")),
     f"{A0}.person: no person or opening has id o-sdr-1"),
    ("dangling-team-id", mutated(_set(["scenarios", 0, "assignments", 0, "team"], "t-ghost")),
     f"{A0}.team: this scenario has no team with id t-ghost"),
    ("assignment-team-as-list", mutated(_set(["scenarios", 0, "assignments", 0, "team"], [])),
     f"{A0}.team: must be a non-empty id"),
    ("assignment-team-as-object", mutated(_set(["scenarios", 0, "assignments", 0, "team"], {"id": "t-smb"})),
     f"{A0}.team: must be a non-empty id"),
    ("assignment-person-as-list", mutated(_set(["scenarios", 0, "assignments", 0, "person"], ["p-ana"])),
     f"{A0}.person: must be a non-empty id"),
    ("assignment-team-as-number", mutated(_set(["scenarios", 0, "assignments", 0, "team"], 7)),
     f"{A0}.team: must be a non-empty id"),
    ("empty-person-id", mutated(person0(id="")), "people[0].id: must be a non-empty id"),
    ("duplicate-person-ids", mutated(_set(["people", 1, "id"], "p-ana")),
     "people[1].id: duplicate id p-ana (also people[0])"),
    ("duplicate-team-ids", mutated(_set(["scenarios", 0, "teams", 2, "id"], "t-nordic-ent")),
     "scenarios[0].teams[2].id: duplicate id t-nordic-ent (also scenarios[0].teams[0])"),
    ("duplicate-opening-ids", mutated(lambda d: d["scenarios"][1]["openings"].append(
        dict(d["scenarios"][1]["openings"][0]))),
     "scenarios[1].openings[2].id: duplicate id o-ae-1 (also scenarios[1].openings[0])"),
    ("duplicate-scenario-ids", mutated(_set(["scenarios", 1, "id"], "s-today")),
     "scenarios[1].id: duplicate id s-today (also scenarios[0])"),
    ("opening-id-equal-to-a-person-id", mutated(_set(["scenarios", 0, "openings", 0, "id"], "p-kim")),
     "scenarios[0].openings[0].id: duplicate id p-kim (also people[10])"),
    ("member-assigned-twice", mutated(lambda d: d["scenarios"][0]["assignments"].append(
        {"person": "p-ana", "team": "t-smb", "role": "am"})),
     "scenarios[0].assignments[11].person: p-ana is already assigned (scenarios[0].assignments[0])"),
    ("nan-literal", replaced('"fte": 0.5', '"fte": NaN'), "people[6].fte: must be a finite number"),
    ("infinity-literal", replaced('"avg_deal_size": 80000', '"avg_deal_size": Infinity'),
     f"{T0}.market.avg_deal_size: must be a finite number"),
    ("minus-infinity-literal", replaced('"tolerance": 0.15', '"tolerance": -Infinity'),
     "assumptions.tolerance: must be a finite number"),
    ("huge-float-1e400", replaced('"win_rate": 0.2', '"win_rate": 1e400'),
     f"{T0}.market.win_rate: must be a finite number"),
    ("5000-digit-integer", replaced('"existing_customers": 35', '"existing_customers": ' + "9" * 5000),
     "contains a number too long to read"),
    ("400-digit-integer", replaced('"existing_customers": 35', '"existing_customers": 1' + "0" * 400),
     f"{T0}.market.existing_customers: "),
    ("400-digit-integer-fte", replaced('"fte": 0.5', '"fte": 1' + "0" * 400),
     "people[6].fte: "),
    ("amount-above-the-limit", mutated(person0(annual_cost=1e13)),
     "people[0].annual_cost: must be at most 1,000,000,000,000"),
    ("negative-fte", mutated(person0(fte=-0.5)), "people[0].fte: must be greater than 0"),
    ("fte-zero", mutated(person0(fte=0)), "people[0].fte: must be greater than 0"),
    ("fte-above-one", mutated(person0(fte=1.5)), "people[0].fte: must be at most 1"),
    ("negative-annual-cost", mutated(person0(annual_cost=-1)), "people[0].annual_cost: must not be negative"),
    ("negative-inbound-leads", mutated(market0(inbound_leads_per_month=-5)),
     f"{T0}.market.inbound_leads_per_month: must not be negative"),
    ("win-rate-above-one", mutated(market0(win_rate=1.2)), f"{T0}.market.win_rate: must be between 0 and 1"),
    ("churn-above-one", mutated(market0(monthly_churn=2)), f"{T0}.market.monthly_churn: must be between 0 and 1"),
    ("team-2-rate-above-one", mutated(lambda d: d["scenarios"][0]["teams"][2]["market"].update(
        lead_to_opp_rate=1.5)), "scenarios[0].teams[2].market.lead_to_opp_rate: must be between 0 and 1"),
    ("share-above-one", mutated(_set(["assumptions", "roles", "full_cycle", "prospecting_share"], 1.1)),
     "assumptions.roles.full_cycle.prospecting_share: must be between 0 and 1"),
    ("negative-team-override", mutated(_set(["scenarios", 0, "teams", 0, "roles", "am", "accounts_per_am"],
                                            -12)),
     f"{T0}.roles.am.accounts_per_am: must not be negative"),
    ("span-min-above-span-max", mutated(_set(["assumptions", "roles", "manager", "span_min"], 11)),
     "assumptions.roles.manager.span_max: must not be below span_min"),
    ("tolerance-one", mutated(_set(["assumptions", "tolerance"], 1)),
     "assumptions.tolerance: must be at most 0.99"),
    ("sales-cycle-zero", mutated(market0(sales_cycle_days=0)),
     f"{T0}.market.sales_cycle_days: must be greater than 0"),
    ("sales-cycle-negative", mutated(market0(sales_cycle_days=-30)),
     f"{T0}.market.sales_cycle_days: must be greater than 0"),
    ("horizon-zero", mutated(_set(["horizon_months"], 0)),
     "horizon_months: must be a whole number of months between 1 and 120"),
    ("horizon-fraction", mutated(_set(["horizon_months"], 6.5)),
     "horizon_months: must be a whole number of months between 1 and 120"),
    ("currency-lowercase", mutated(_set(["currency"], "eur")),
     "currency: must be a three-letter currency code such as EUR"),
    ("malformed-date-month-13", mutated(_set(["as_of"], "2027-13-01")), "as_of: must be a date written YYYY-MM-DD"),
    ("malformed-date-slashes", mutated(person0(start_date="01/02/2027")),
     "people[0].start_date: must be a date written YYYY-MM-DD"),
    ("malformed-date-february-30", mutated(_set(["scenarios", 0, "openings", 0, "start_date"], "2027-02-30")),
     "scenarios[0].openings[0].start_date: must be a date written YYYY-MM-DD"),
    ("date-with-time", mutated(_set(["as_of"], "2027-01-01T00:00:00")), "as_of: must be a date written YYYY-MM-DD"),
    ("date-compact", mutated(_set(["as_of"], "20270101")), "as_of: must be a date written YYYY-MM-DD"),
    ("date-as-number", mutated(_set(["as_of"], 20270101)), "as_of: must be a date written YYYY-MM-DD"),
    ("missing-as-of", mutated(_delete(["as_of"])), "as_of: is required"),
    ("no-scenarios", mutated(_set(["scenarios"], [])), "scenarios: a plan needs at least one scenario"),
    ("scenarios-missing", mutated(_delete(["scenarios"])), "scenarios: must be a list"),
    ("two-baselines", mutated(_set(["scenarios", 1, "baseline"], True)),
     "scenarios[1].baseline: only one scenario can be the baseline (scenarios[0] is too)"),
    ("no-baseline", mutated(_set(["scenarios", 0, "baseline"], False)),
     'scenarios: one scenario must be the baseline ("baseline": true)'),
    ("baseline-as-string", mutated(_set(["scenarios", 0, "baseline"], "yes")),
     "scenarios[0].baseline: must be true or false"),
    ("unknown-top-level-field", mutated(_set(["owner"], "Ana")), "owner: unknown field"),
    ("unknown-person-field", mutated(person0(nickname="Anna")), "people[0].nickname: unknown field"),
    ("unknown-field-name-with-newline", mutated(person0(**{"nick\nname": 1})), "people[0]"),
    ("unknown-market-field", mutated(market0(quota=1)), f"{T0}.market.quota: unknown field"),
    ("leaving-without-leave-date", mutated(_set(["people", 5, "leave_date"], None)),
     "people[5].leave_date: is required when status is leaving"),
    ("leave-date-while-active", mutated(person0(leave_date="2027-05-01")),
     "people[0].status: must be leaving when a leave_date is set"),
    ("leave-before-start", mutated(person0(status="leaving", leave_date="2024-01-01")),
     "people[0].leave_date: must not be before start_date"),
    ("unknown-status", mutated(person0(status="retired")), "people[0].status: must be active or leaving"),
    ("blank-plan-name", mutated(_set(["name"], "   ")), "name: must not be empty"),
    ("negative-team-target", mutated(_set(["scenarios", 0, "teams", 0, "target_bookings"], -1)),
     f"{T0}.target_bookings: must not be negative"),
    ("team-target-as-text", mutated(_set(["scenarios", 0, "teams", 1, "target_bookings"], "2 M")),
     "scenarios[0].teams[1].target_bookings: must be a number"),
    ("scenario-target-above-the-limit", mutated(_set(["scenarios", 1, "target_bookings"], 1e13)),
     "scenarios[1].target_bookings: must be at most 1,000,000,000,000"),
    ("quota-for-an-am", mutated(_set(["assumptions", "roles", "am", "annual_quota"], 5)),
     "assumptions.roles.am.annual_quota: unknown field"),
    ("negative-quota", mutated(_set(["scenarios", 0, "teams", 0, "roles", "ae"], {"annual_quota": -1})),
     f"{T0}.roles.ae.annual_quota: must not be negative"),
    ("quota-norm-upside-down", mutated(_set(["assumptions", "quota_to_cost_min"], 7)),
     "assumptions.quota_to_cost_max: must not be below quota_to_cost_min"),
    ("attainment-above-one", mutated(_set(["assumptions", "attainment_min"], 60)),
     "assumptions.attainment_min: must be between 0 and 1"),
]


@pytest.mark.parametrize(("make", "expected"), [(m, e) for _, m, e in MALFORMED],
                         ids=[name for name, _, _ in MALFORMED])
def test_malformed_input_is_refused_naming_its_place(make: Callable[[], str | bytes], expected: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        loads_plan(make())
    error = caught.value
    message = str(error)
    at_place = PLACE_AND_REASON.fullmatch(expected)
    if at_place:  # the place is named in words; the path follows the sentence and is kept in ``places``
        path, reason = at_place.groups()
        assert error.places[0] == path, f"expected the place {path!r}, got {error.places[0]!r}"
        assert reason.lower() in message.lower() and f"({path})" in message, message
    else:
        assert expected in message, f"expected {expected!r} in {message!r}"
    assert error.problems and error.problems[0] in message
    assert message.startswith(error.problems[0])
    assert one_sentence(message), message


def test_the_message_counts_further_problems() -> None:
    data = base()
    data["people"][0]["fte"] = 0
    data["people"][1]["fte"] = 2
    data["people"][2]["productivity"] = -1
    with pytest.raises(PlanFileError) as caught:
        loads_plan(json.dumps(data))
    assert caught.value.problems == [
        'Person "Ana Berg": FTE must be greater than 0 (people[0].fte)',
        'Person "Bo Dahl": FTE must be at most 1 (people[1].fte)',
        'Person "Cia Holm": productivity must not be negative (people[2].productivity)']
    assert caught.value.places == ["people[0].fte", "people[1].fte", "people[2].productivity"]
    assert str(caught.value) == 'Person "Ana Berg": FTE must be greater than 0 (people[0].fte) (and 2 more problems)'


def test_every_problem_is_counted_though_ten_are_listed() -> None:
    data = base()
    for person in data["people"]:  # 12 people
        person["fte"] = 7
    with pytest.raises(PlanFileError) as caught:
        loads_plan(json.dumps(data))
    assert len(caught.value.problems) == planfile_read.MAX_REPORTED_PROBLEMS == 10
    assert caught.value.total == 12 and caught.value.complete
    assert str(caught.value).endswith("(and 11 more problems)")


def test_past_the_counting_limit_the_message_says_at_least() -> None:
    data = base()
    person = data["people"][0]
    data["people"] = [{**person, "id": f"p-{index}", "fte": 7} for index in range(1500)]
    with pytest.raises(PlanFileError) as caught:
        loads_plan(json.dumps(data))
    error = caught.value
    assert not error.complete and error.total == planfile_read.MAX_COUNTED_PROBLEMS == 1000
    assert str(error).endswith("(and at least 999 more problems)")


def test_problems_name_the_scenario_and_team_in_words() -> None:
    data = base()
    data["scenarios"][1]["teams"][2]["market"]["win_rate"] = 3
    with pytest.raises(PlanFileError) as caught:
        loads_plan(json.dumps(data))
    assert str(caught.value) == ('Scenario "Growth", team "SMB": win rate must be between 0 and 1 '
                                 "(scenarios[1].teams[2].market.win_rate)")


@pytest.mark.parametrize(("change", "expected"), [
    (_set(["assumptions", "roles", "ae", "max_open_opps"], -1),
     "Assumptions: AE open opportunities worked at once must not be negative (assumptions.roles.ae.max_open_opps)"),
    (_set(["scenarios", 0, "teams", 0, "roles", "am", "accounts_per_am"], -1),
     'Scenario "Today", team "Nordic Enterprise": AM accounts per AM must not be negative '
     "(scenarios[0].teams[0].roles.am.accounts_per_am)"),
    (_set(["scenarios", 0, "assignments", 0, "person"], "p-x"),
     'Scenario "Today", assignment 1: person: no person or opening has id p-x (scenarios[0].assignments[0].person)'),
    (person0(nickname="Ana"), 'Person "Ana Berg": unknown field "nickname" (people[0].nickname)'),
    (_set(["horizon_months"], 0),
     "Horizon (months) must be a whole number of months between 1 and 120 (horizon_months)"),
    (_set(["people", 1, "id"], "p-ana"), 'Person "Bo Dahl": duplicate id p-ana (also people[0]) (people[1].id)'),
    (_set(["people", 2], []), "Person 3 must be an object (people[2])"),
], ids=["plan-parameter", "team-override", "assignment", "unknown-field", "plan-field", "duplicate-id", "no-name"])
def test_each_kind_of_place_reads_as_words(change: Callable[[dict[str, Any]], None], expected: str) -> None:
    data = base()
    change(data)
    with pytest.raises(PlanFileError) as caught:
        loads_plan(json.dumps(data))
    assert caught.value.problems[0] == expected


@pytest.mark.parametrize(("old", "new", "place"), [
    ('"fte": 1.0', '"fte": 1.0, "fte": 0.5', "people[0].fte"),
    ('"win_rate": 0.2', '"win_rate": 0.2, "win_rate": 0.2', "scenarios[0].teams[0].market.win_rate"),
    ('"format": "salesplanner-plan"', '"format": "salesplanner-plan", "format": "salesplanner-plan"', "format"),
    ('"ramp_months": 5', '"ramp_months": 5, "ramp_months": 5', "assumptions.roles.full_cycle.ramp_months"),
], ids=["person", "market", "top-level", "role-parameter"])
def test_a_key_twice_in_one_object_is_refused(old: str, new: str, place: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        loads_plan(replaced(old, new)())
    error = caught.value
    assert error.places == [place]
    assert "appears more than once in this object" in str(error) and one_sentence(str(error))


def test_colons_inside_names_do_not_hide_a_key_twice() -> None:
    """The fast reader counts colons; text holding colons (one escaped) must not make a repeated key pass."""
    text = dumps_plan(sample_plan()).replace('"Nordlys Software 2027"', '"Plan: 2027 \\u003a draft"', 1)
    assert loads_plan(text).name == "Plan: 2027 : draft"
    text = text.replace('"Nordic Enterprise"', '"EMEA: Enterprise"').replace('"fte": 1.0', '"fte": 1.0, "fte": 1.0', 1)
    with pytest.raises(PlanFileError) as caught:
        loads_plan(text)
    assert caught.value.places == ["people[0].fte"]


def test_utf16_without_a_byte_order_mark_is_not_utf8_text() -> None:
    content = dumps_plan(sample_plan()).encode("utf-16-le")
    for data in (content, dumps_plan(sample_plan()).encode("utf-16-be"), "\ufeff".encode("utf-16-le") + content):
        with pytest.raises(PlanFileError) as caught:
            loads_plan(data)
        assert str(caught.value) == "is not a Sales Planner plan (it is not UTF-8 text)"


def test_a_file_of_empty_objects_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """200 MB of ``{}`` once took 4.7 GB and ended in a traceback: the careful reader estimates first."""
    content = b"[" + b"{}," * (planfile_read.MAX_PARSE_BYTES // 120) + b"{}]"
    with pytest.raises(PlanFileError) as caught:
        loads_plan(content)
    assert "would need more memory than any plan of its size" in str(caught.value)
    assert one_sentence(str(caught.value))


def test_a_file_above_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    target = tmp_path / "huge.salesplan"
    with target.open("wb") as stream:
        stream.truncate(planfile_read.MAX_FILE_BYTES + 1)
    with pytest.raises(PlanFileError) as caught:
        load_plan(target)
    assert str(caught.value) == "huge.salesplan: is larger than 100 MB, too large for a plan"


def test_running_out_of_memory_while_loading_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(planfile_read, "read_fast", exhausted)
    with pytest.raises(PlanFileError) as caught:
        loads_plan(dumps_plan(sample_plan()))
    assert str(caught.value) == "is too large to read with the memory this computer has free"


def test_a_plan_that_loads_can_be_saved(tmp_path: Path) -> None:
    """A lone surrogate escape (valid JSON, e.g. written by another tool) must be refused on load or
    saved fine — never a plan that loads but cannot be written back (at 400e909 it loaded, then
    save_plan raised UnicodeEncodeError)."""
    text = dumps_plan(sample_plan()).replace('"Nordlys Software 2027"', '"Nordlys \\ud800 Software"')
    try:
        plan = loads_plan(text)
    except PlanFileError:
        return
    target = tmp_path / "surrogate.salesplan"
    try:
        save_plan(plan, target)
    except PlanFileError:
        pass
    else:
        assert plan_to_dict(load_plan(target)) == plan_to_dict(plan)
    assert [p.name for p in tmp_path.iterdir()] in ([], ["surrogate.salesplan"])


# --- (c) load_plan from files ----------------------------------------------------------------------

def test_load_plan_reads_a_saved_file(tmp_path: Path) -> None:
    target = tmp_path / "nordlys.salesplan"
    save_plan(sample_plan(), target)
    assert plan_to_dict(load_plan(target)) == plan_to_dict(sample_plan())
    assert plan_to_dict(load_plan(str(target))) == plan_to_dict(sample_plan())


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "broken.salesplan: is empty"),
    (b"{", "broken.salesplan: is not valid JSON (line 1, column 2: ends too early)"),
    (b"\xff\xfe\x00", "broken.salesplan: is not a Sales Planner plan (it is not UTF-8 text)"),
    (json.dumps({"format": "salesplanner-plan", "version": 3}).encode(),
     "broken.salesplan: was written by a newer Sales Planner (plan format version 3)"),
], ids=["empty", "truncated", "binary", "newer"])
def test_load_plan_messages_start_with_the_file_name(tmp_path: Path, content: bytes, expected: str) -> None:
    target = tmp_path / "broken.salesplan"
    target.write_bytes(content)
    with pytest.raises(PlanFileError) as caught:
        load_plan(target)
    assert str(caught.value).startswith(expected)
    assert all(p.startswith("broken.salesplan: ") for p in caught.value.problems)
    assert one_sentence(str(caught.value))


def test_load_plan_place_after_the_file_name(tmp_path: Path) -> None:
    data = base()
    data["scenarios"][0]["teams"][2]["market"]["win_rate"] = 3
    target = tmp_path / "plan.salesplan"
    target.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(target)
    assert str(caught.value) == ('plan.salesplan: Scenario "Today", team "SMB": win rate must be between 0 and 1 '
                                 "(scenarios[0].teams[2].market.win_rate)")
    assert caught.value.places == ["scenarios[0].teams[2].market.win_rate"]


def test_load_plan_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError) as caught:
        load_plan(tmp_path / "nowhere.salesplan")
    message = str(caught.value)
    assert "nowhere.salesplan" in message and "no such file" in message
    assert one_sentence(message) and len(caught.value.problems) == 1


def test_load_plan_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.salesplan"
    folder.mkdir()
    with pytest.raises(PlanFileError) as caught:
        load_plan(folder)
    assert str(caught.value) == "folder.salesplan: is a folder, not a plan file"


# --- (d) fuzz: nothing but PlanFileError ever escapes ---------------------------------------------

def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(),
        st.integers(-10, 10), st.integers(), st.integers(min_value=-(10**400), max_value=10**400),
        st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([-1.0, 0.0, 1.5, 1e12, 1e13, 1e308]),
        st.text(max_size=12),
        st.sampled_from(["", " ", "p-ana", "o-ae-1", "t-smb", "s-today", "ae", "am", "cto", "leaving", "active",
                         "2027-01-01", "2027-13-01", "01/02/2027", "salesplanner-plan", "EUR"]),
    )
    keys = st.sampled_from(["id", "name", "fte", "team", "person", "role", "market", "roles", "baseline",
                            "teams", "people", "scenarios", "ae", "win_rate", "annual_cost"]) | st.text(max_size=6)
    return st.recursive(scalars, lambda children: st.lists(children, max_size=3)
                        | st.dictionaries(keys, children, max_size=3), max_leaves=8)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        node = node[key]
    return node


@st.composite
def mutated_plans(draw: st.DrawFn) -> str:
    data: Any = plan_to_dict(draw(plans_and_sample()))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        operation = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if not path:
            if operation == "replace" and draw(st.integers(0, 9)) == 0:
                data = draw(json_values())
            continue
        parent, key = _at(data, path[:-1]), path[-1]
        if operation == "replace":
            parent[key] = draw(json_values())
        elif operation == "delete":
            del parent[key]
        else:
            target = _at(data, path)
            if isinstance(target, dict):
                target[draw(st.text(max_size=8) | st.sampled_from(["id", "fte", "role", "baseline"]))] = \
                    draw(json_values())
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(json_values()))
            else:
                parent[key] = draw(json_values())
    return json.dumps(data)


def loads_or_refuses(content: str | bytes) -> None:
    try:
        plan = loads_plan(content)
    except PlanFileError as error:
        assert error.problems and str(error).startswith(error.problems[0])
        return
    # What loads saves and loads back unchanged.
    again = loads_plan(dumps_plan(plan).encode("utf-8"))
    assert plan_to_dict(again) == plan_to_dict(plan)


# No shrinking: a whole-plan document shrinks for minutes; the MALFORMED table holds minimal cases.
@settings(phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(content=mutated_plans())
def test_fuzz_mutated_plan_files_load_or_raise_plan_file_error(content: str) -> None:
    loads_or_refuses(content)


@given(content=st.binary(max_size=200))
def test_fuzz_random_bytes(content: bytes) -> None:
    loads_or_refuses(content)


@given(data=st.data())
def test_fuzz_flipped_bytes_of_a_valid_file(data: st.DataObject) -> None:
    content = bytearray(dumps_plan(sample_plan()).encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 6))):
        content[data.draw(st.integers(0, len(content) - 1))] = data.draw(st.integers(0, 255))
    loads_or_refuses(bytes(content))


@given(value=json_values())
def test_fuzz_any_json_document(value: Any) -> None:
    loads_or_refuses(json.dumps(value))


# --- (e) atomic save ------------------------------------------------------------------------------

def test_save_plan_writes_a_file_that_loads_back(tmp_path: Path) -> None:
    target = tmp_path / "plan.salesplan"
    save_plan(sample_plan(), target)
    assert target.read_text(encoding="utf-8") == dumps_plan(sample_plan())
    assert plan_to_dict(load_plan(target)) == plan_to_dict(sample_plan())
    assert [p.name for p in tmp_path.iterdir()] == ["plan.salesplan"]


def test_saving_over_a_file_replaces_it(tmp_path: Path) -> None:
    target = tmp_path / "plan.salesplan"
    save_plan(sample_plan(), target)
    plan = sample_plan()
    plan.name = "Second version"
    save_plan(plan, target)
    assert load_plan(target).name == "Second version"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.salesplan"]


def _fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("step", ["replace", "fsync"])
def test_a_failed_save_keeps_the_previous_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    target = tmp_path / "plan.salesplan"
    save_plan(sample_plan(), target)
    previous = target.read_bytes()
    changed = sample_plan()
    changed.name = "Never written"
    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(PlanFileError) as caught:
        save_plan(changed, target)
    monkeypatch.undo()
    assert str(caught.value) == "plan.salesplan: could not be saved (No space left on device)"
    assert target.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["plan.salesplan"]


def test_a_failed_first_save_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(PlanFileError):
        save_plan(sample_plan(), tmp_path / "new.salesplan")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_saving_into_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError) as caught:
        save_plan(sample_plan(), tmp_path / "missing" / "plan.salesplan")
    message = str(caught.value)
    assert message.startswith("plan.salesplan: could not be saved (")
    assert one_sentence(message) and len(caught.value.problems) == 1
    assert not (tmp_path / "missing").exists()


def test_saving_onto_a_folder_is_refused_and_leaves_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "plan.salesplan"
    folder.mkdir()
    with pytest.raises(PlanFileError) as caught:
        save_plan(sample_plan(), folder)
    assert str(caught.value).startswith("plan.salesplan: could not be saved (")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.salesplan"]
    assert list(folder.iterdir()) == []


def test_a_failed_save_does_not_touch_the_open_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = sample_plan()
    before = plan_to_dict(plan)
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(PlanFileError):
        save_plan(plan, tmp_path / "plan.salesplan")
    assert plan_to_dict(plan) == before
