"""Shared test builders: a hand-made sample plan and hypothesis strategies for plans and commands.

``sample_plan()`` is a small, readable organisation (example data). ``plans()`` draws random
valid plans in the canonical form the plan file writes (so save → load is the identity on them).
``commands(plan)`` draws one command for the plan *as it is now* — mostly valid, sometimes one that
must be refused with a ``PlanError`` (a refused command must leave the plan untouched).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from hypothesis import strategies as st

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
    SetScenarioTarget,
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
    Scenario,
    ScenarioId,
    Status,
    Team,
    TeamId,
    combined_parameter_problems,
)
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, ROLE_ORDER, SHARE_PARAMETERS, Role

AS_OF = date(2027, 1, 1)


def default_role_parameters() -> dict[Role, dict[str, float]]:
    """A plain, mutable copy of the §3 role defaults (what the loader builds)."""
    return {role: dict(DEFAULT_ROLE_PARAMETERS[role]) for role in ROLE_ORDER}


# ---------------------------------------------------------------------------------------------------
# The sample plan


def sample_plan() -> Plan:
    """Nordlys Software 2027: two scenarios, three teams, twelve people and one opening.

    Baseline "Today": Nordic Enterprise (with an AM book-size override) holds Ana (AE), Gry (AE, half
    time), Cia (inbound SDR), Dan (AM), Eva (manager) and the opening o-ae-1 (AE); DACH Mid-Market
    holds Bo (outbound SDR), Hans (outbound SDR, starts 2026-12-01), Finn (AE, leaving 2027-06-30) and
    Jon (full-cycle); SMB holds Ida (founder). Kim and Lea are on the bench.
    Proposal "Growth" is a copy in which Ana moves to DACH Mid-Market, Kim joins SMB as an AM and
    a second opening o-sdr-1 is added to Nordic Enterprise.
    """
    people = [
        Person(PersonId("p-ana"), "Ana Berg", email="ana@example.com", location="Aarhus",
               start_date=date(2024, 9, 1), title="Senior Account Executive"),
        Person(PersonId("p-bo"), "Bo Dahl", location="Hamburg"),
        Person(PersonId("p-cia"), "Cia Holm", location="Aarhus", productivity=1.2),
        Person(PersonId("p-dan"), "Dan Lund", annual_cost=110_000),
        Person(PersonId("p-eva"), "Eva Moe", email="eva@example.com"),
        Person(PersonId("p-finn"), "Finn Ask", status=Status.LEAVING, leave_date=date(2027, 6, 30)),
        Person(PersonId("p-gry"), "Gry Skov", fte=0.5),
        Person(PersonId("p-hans"), "Hans Kurz", start_date=date(2026, 12, 1)),
        Person(PersonId("p-ida"), "Ida Falk", productivity=1.5),
        Person(PersonId("p-jon"), "Jon Ruud", fte=0.8, annual_cost=150_000.5),
        Person(PersonId("p-kim"), "Kim Vang"),
        Person(PersonId("p-lea"), "Lea Berg", start_date=date(2027, 3, 1)),
    ]
    enterprise = Team(
        TeamId("t-nordic-ent"), "Nordic Enterprise", segment="Enterprise", geography="Nordics",
        market=MarketProfile(inbound_leads_per_month=120, lead_to_opp_rate=0.15, sales_cycle_days=120,
                             win_rate=0.2, avg_deal_size=80_000, existing_customers=35,
                             monthly_churn=0.005),
        roles={Role.AM: {"accounts_per_am": 12}})
    dach = Team(
        TeamId("t-dach-mm"), "DACH Mid-Market", segment="Mid-Market", geography="DACH",
        market=MarketProfile(inbound_leads_per_month=40, sales_cycle_days=75, avg_deal_size=30_000,
                             existing_customers=60))
    smb = Team(TeamId("t-smb"), "SMB", segment="SMB",
               market=MarketProfile(inbound_leads_per_month=300, sales_cycle_days=30, avg_deal_size=6_000))
    opening = Opening(OpeningId("o-ae-1"), "AE (new hire)", start_date=date(2027, 3, 1),
                      annual_cost=175_000)
    ae, sdr_out, sdr_in, am = Role.AE, Role.SDR_OUTBOUND, Role.SDR_INBOUND, Role.AM
    today = Scenario(
        ScenarioId("s-today"), "Today",
        teams={t.id: t for t in (enterprise, dach, smb)},
        openings={opening.id: opening},
        assignments={MemberId(m): Placement(t, r) for m, t, r in [
            ("p-ana", enterprise.id, ae), ("p-gry", enterprise.id, ae), ("p-cia", enterprise.id, sdr_in),
            ("p-dan", enterprise.id, am), ("p-eva", enterprise.id, Role.MANAGER),
            ("o-ae-1", enterprise.id, ae),
            ("p-bo", dach.id, sdr_out), ("p-hans", dach.id, sdr_out), ("p-finn", dach.id, ae),
            ("p-jon", dach.id, Role.FULL_CYCLE),
            ("p-ida", smb.id, Role.FOUNDER),
        ]})
    growth = copy_scenario(today, new_id=ScenarioId("s-growth"), name="Growth")
    growth.assignments[MemberId("p-ana")] = Placement(dach.id, ae)
    growth.assignments[MemberId("p-kim")] = Placement(smb.id, am)
    sdr_opening = Opening(OpeningId("o-sdr-1"), "Outbound SDR (new hire)", start_date=date(2027, 4, 1),
                          fte=1.0)
    growth.openings[sdr_opening.id] = sdr_opening
    growth.assignments[sdr_opening.id] = Placement(enterprise.id, sdr_out)
    return Plan(
        name="Nordlys Software 2027", currency="EUR", as_of=AS_OF, horizon_months=12,
        assumptions=Assumptions(tolerance=0.15, roles=default_role_parameters()),
        people={p.id: p for p in people},
        scenarios={today.id: today, growth.id: growth},
        baseline=today.id)


# ---------------------------------------------------------------------------------------------------
# Value strategies (always valid)

_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZæøåÆØÅéüß -'·"


def names() -> st.SearchStrategy[str]:
    return st.text(_LETTERS, min_size=1, max_size=14).filter(lambda s: bool(s.strip()))


def optional_texts() -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(["Enterprise", "SMB", "Mid-Market", "Nordics", "DACH", "Core"])


def dates() -> st.SearchStrategy[date]:
    return st.dates(min_value=date(2020, 1, 1), max_value=date(2034, 12, 31))


def fractions(low: float = 0.0, high: float = 1.0) -> st.SearchStrategy[float]:
    """Values in [low, high]: a few round ones and arbitrary floats (sums of those are not exact)."""
    nice = [v for v in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.5, 0.75, 1.0) if low <= v <= high]
    return st.sampled_from(nice) | st.floats(min_value=low, max_value=high, allow_subnormal=False)


def amounts(high: float = 1e6) -> st.SearchStrategy[float]:
    nice: list[float] = [0, 1, 12, 40, 150, 25_000, 90_000]
    return (st.sampled_from([v for v in nice if v <= high])
            | st.integers(0, int(high)).map(float)
            | st.floats(min_value=0, max_value=high, allow_subnormal=False))


def ftes() -> st.SearchStrategy[float]:
    return st.sampled_from([1.0, 0.5, 0.8, 0.25]) | st.floats(min_value=0.01, max_value=1.0)


@st.composite
def people(draw: st.DrawFn, person_id: str) -> Person:
    start = draw(st.none() | dates())
    leaving = draw(st.booleans())
    leave = None
    if leaving:
        leave = draw(dates())
        if start is not None and leave < start:
            start, leave = leave, start
    return Person(
        id=PersonId(person_id), name=draw(names()),
        email=draw(st.none() | st.just(f"{person_id}@example.com")),
        location=draw(optional_texts()),
        status=Status.LEAVING if leaving else Status.ACTIVE,
        fte=draw(ftes()), productivity=draw(fractions(0.0, 3.0)),
        start_date=start, leave_date=leave,
        annual_cost=draw(st.none() | amounts(400_000)), title=draw(optional_texts()), locked=draw(st.booleans()))


@st.composite
def openings(draw: st.DrawFn, opening_id: str) -> Opening:
    return Opening(id=OpeningId(opening_id), title=draw(names()), start_date=draw(st.none() | dates()),
                   fte=draw(ftes()), annual_cost=draw(st.none() | amounts(400_000)))


@st.composite
def markets(draw: st.DrawFn) -> MarketProfile:
    return MarketProfile(
        inbound_leads_per_month=draw(amounts(2_000)),
        lead_to_opp_rate=draw(fractions()),
        sales_cycle_days=draw(st.sampled_from([30.0, 60.0, 90.0, 120.0])
                              | st.floats(min_value=1, max_value=3650)),
        win_rate=draw(fractions()),
        avg_deal_size=draw(amounts(500_000)),
        existing_customers=draw(amounts(500)),
        monthly_churn=draw(fractions(0.0, 0.2)))


def parameter_values(name: str) -> st.SearchStrategy[float]:
    """Valid values of one role parameter (§3)."""
    if name in SHARE_PARAMETERS:
        return fractions()
    if name == "ramp_months":
        return st.integers(0, 12).map(float) | st.floats(min_value=0, max_value=120)
    if name in ("span_min", "span_max"):
        return st.integers(1, 15).map(float)
    if name == "annual_cost":
        return amounts(300_000)
    if name == "annual_quota":
        return amounts(2_000_000) | st.just(800_000.0)
    return amounts(300) | st.just(20.0)


@st.composite
def role_overrides(draw: st.DrawFn) -> dict[Role, dict[str, float]]:
    """A team's partial role overrides: some roles, each with at least one parameter."""
    overrides: dict[Role, dict[str, float]] = {}
    for role in draw(st.lists(st.sampled_from(ROLE_ORDER), max_size=2, unique=True)):
        known = list(DEFAULT_ROLE_PARAMETERS[role])
        chosen = draw(st.lists(st.sampled_from(known), min_size=1, max_size=2, unique=True))
        values = {name: draw(parameter_values(name)) for name in known if name in chosen}
        if "span_min" in values and "span_max" in values and values["span_min"] > values["span_max"]:
            values["span_min"], values["span_max"] = values["span_max"], values["span_min"]
        overrides[role] = values
    return overrides


@st.composite
def teams(draw: st.DrawFn, team_id: str) -> Team:
    return Team(id=TeamId(team_id), name=draw(names()), segment=draw(optional_texts()),
                product_line=draw(st.none() | st.sampled_from(["Core", "Add-ons"])),
                geography=draw(optional_texts()), market=draw(markets()), roles=draw(role_overrides()),
                target_bookings=draw(targets()), locked=draw(st.booleans()))


def targets() -> st.SearchStrategy[float | None]:
    """A bookings target (docs/model.md §9), or none."""
    return st.none() | amounts(5_000_000) | st.just(1_500_000.0)


@st.composite
def assumptions(draw: st.DrawFn) -> Assumptions:
    roles = default_role_parameters()
    for _ in range(draw(st.integers(0, 3))):
        role = draw(st.sampled_from(ROLE_ORDER))
        name = draw(st.sampled_from(sorted(roles[role])))
        roles[role][name] = draw(parameter_values(name))
    manager = roles[Role.MANAGER]
    if manager["span_min"] > manager["span_max"]:
        manager["span_min"], manager["span_max"] = manager["span_max"], manager["span_min"]
    low, high = sorted((draw(st.sampled_from([4.0, 6.0, 0.0, 3.5])), draw(st.sampled_from([6.0, 4.0, 10.0]))))
    return Assumptions(tolerance=draw(fractions(0.0, 0.99)), roles=roles, quota_to_cost_min=low,
                       quota_to_cost_max=high, attainment_min=draw(fractions()),
                       hiring_lead_days=draw(st.integers(0, 730)))


def placements(team_ids: Sequence[TeamId]) -> st.SearchStrategy[Placement | None]:
    if not team_ids:
        return st.none()
    return st.none() | st.builds(Placement, st.sampled_from(list(team_ids)), st.sampled_from(ROLE_ORDER))


# ---------------------------------------------------------------------------------------------------
# Random plans


@st.composite
def plans(draw: st.DrawFn, max_people: int = 7, max_scenarios: int = 3, max_teams: int = 3) -> Plan:
    """A small random valid plan, in the canonical form (defaults filled in, no empty overrides)."""
    person_list = [draw(people(f"p-{i}")) for i in range(draw(st.integers(0, max_people)))]
    scenarios: dict[ScenarioId, Scenario] = {}
    shared_teams: list[Team] = []
    for s in range(draw(st.integers(1, max_scenarios))):
        team_list: list[Team] = []
        for t in range(draw(st.integers(0, max_teams))):
            # Scenarios copied from one another share team ids (and often the very same team).
            if t < len(shared_teams) and draw(st.booleans()):
                team_list.append(shared_teams[t])
            else:
                team_list.append(draw(teams(f"t-{s}-{t}" if s and draw(st.booleans()) else f"t-{t}")))
        team_list = list({team.id: team for team in team_list}.values())
        if s == 0:
            shared_teams = team_list
        opening_list = [draw(openings(f"o-{s}-{i}" if draw(st.booleans()) else f"o-{i}"))
                        for i in range(draw(st.integers(0, 2)))]
        opening_list = list({o.id: o for o in opening_list}.values())
        team_ids = [team.id for team in team_list]
        assignments: dict[MemberId, Placement] = {}
        for member in [*person_list, *opening_list]:
            placement = draw(placements(team_ids))
            if placement is not None:
                assignments[member.id] = placement
        taken = {other.name for other in scenarios.values()}  # scenario names are unique (docs/plan-format.md)
        name = draw(names().filter(lambda n, taken=taken: n not in taken))  # type: ignore[misc]
        scenario = Scenario(ScenarioId(f"s-{s}"), name, teams={t.id: t for t in team_list},
                            openings={o.id: o for o in opening_list}, assignments=assignments,
                            target_bookings=draw(targets()))
        scenarios[scenario.id] = scenario
    plan_assumptions = draw(assumptions())
    for scenario in scenarios.values():  # a team's span override must agree with the plan's (combined rule)
        for team_id, team in list(scenario.teams.items()):
            if combined_parameter_problems(plan_assumptions, team):
                roles = {role: values for role, values in team.roles.items() if role is not Role.MANAGER}
                scenario.teams[team_id] = replace(team, roles=roles)
    return Plan(
        name=draw(names()), currency=draw(st.sampled_from(["EUR", "DKK", "USD"])), as_of=draw(dates()),
        horizon_months=draw(st.sampled_from([12, 1, 24, 120]) | st.integers(1, 120)),
        assumptions=plan_assumptions, people={p.id: p for p in person_list}, scenarios=scenarios,
        baseline=draw(st.sampled_from(list(scenarios))))


def plans_and_sample() -> st.SearchStrategy[Plan]:
    """Random plans, and now and then the sample plan (a realistic, well-populated starting point)."""
    return st.one_of(st.builds(sample_plan), plans())


# ---------------------------------------------------------------------------------------------------
# Random commands for the plan as it is now

COMMAND_KINDS = (
    "assign", "assign", "assign", "assign_many", "add_person", "edit_person", "remove_person",
    "add_opening", "edit_opening", "remove_opening", "add_team", "edit_team", "remove_team",
    "add_scenario", "rename_scenario", "remove_scenario", "set_baseline", "edit_assumptions",
    "edit_plan", "set_target", "batch", "invalid",
)

_INVALID_FTES = (0.0, -0.5, 1.5, math.nan, math.inf)


def _fresh_id(draw: st.DrawFn, plan: Plan, prefix: str) -> str:
    """An id not in use anywhere in the plan; one time in ten, one that is (to be refused)."""
    used = plan.ids_in_use()
    if used and draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(sorted(used)))
    number = draw(st.integers(0, 40))
    while f"{prefix}-n{number}" in used:
        number += 1
    return f"{prefix}-n{number}"


def _broken(draw: st.DrawFn) -> bool:
    """One draw in eight asks for an invalid value."""
    return draw(st.integers(0, 7)) == 0


def _index(draw: st.DrawFn, mapping: Mapping[str, object]) -> int | None:
    return draw(st.none() | st.integers(0, len(mapping)))


def _scenario(draw: st.DrawFn, plan: Plan) -> Scenario:
    return draw(st.sampled_from(list(plan.scenarios.values())))


def _assign(draw: st.DrawFn, plan: Plan, *, many: bool) -> Command:
    scenario = _scenario(draw, plan)
    member_ids = [m.id for m in plan.members(scenario)]
    if not member_ids or _broken(draw):
        member_ids = [*member_ids, MemberId("p-ghost")]
    team_ids = list(scenario.teams)
    if _broken(draw):
        team_ids.append(TeamId("t-ghost"))
    chosen = draw(st.lists(st.sampled_from(member_ids), min_size=1, max_size=4 if many else 1, unique=True))
    if draw(st.booleans()):
        target = draw(placements(team_ids))
        return Assign(scenario.id, dict.fromkeys(chosen, target))
    return Assign(scenario.id, {m: draw(placements(team_ids)) for m in chosen})


def _edit_person(draw: st.DrawFn, plan: Plan) -> Command:
    if not plan.people:
        return EditPerson(draw(people("p-ghost")))
    old = draw(st.sampled_from(list(plan.people.values())))
    match draw(st.integers(0, 3)):
        case 0:
            new = draw(people(old.id))
        case 1:
            new = dataclasses.replace(old, fte=draw(ftes()))
        case 2:
            new = dataclasses.replace(old, name=draw(names()), productivity=draw(fractions(0.0, 3.0)))
        case _:
            new = dataclasses.replace(old, annual_cost=draw(st.none() | amounts(400_000)))
    if _broken(draw):
        new = draw(st.sampled_from([
            dataclasses.replace(new, fte=draw(st.sampled_from(_INVALID_FTES))),
            dataclasses.replace(new, status=Status.LEAVING, leave_date=None),
            dataclasses.replace(new, name="  "),
            dataclasses.replace(new, productivity=-1.0),
        ]))
    return EditPerson(new)


def _add_opening(draw: st.DrawFn, plan: Plan) -> Command:
    scenario = _scenario(draw, plan)
    opening = draw(openings(_fresh_id(draw, plan, "o")))
    if _broken(draw):
        opening = dataclasses.replace(opening, fte=draw(st.sampled_from(_INVALID_FTES)))
    team_ids = list(scenario.teams)
    if _broken(draw):
        team_ids.append(TeamId("t-ghost"))
    return AddOpening(scenario.id, opening, draw(placements(team_ids)), _index(draw, scenario.openings))


def _edit_opening(draw: st.DrawFn, plan: Plan) -> Command:
    scenario = _scenario(draw, plan)
    if not scenario.openings:
        return EditOpening(scenario.id, draw(openings("o-ghost")))
    old = draw(st.sampled_from(list(scenario.openings.values())))
    new = draw(openings(old.id)) if draw(st.booleans()) else dataclasses.replace(old, fte=draw(ftes()))
    if _broken(draw):
        new = dataclasses.replace(new, title=" ") if draw(st.booleans()) else \
            dataclasses.replace(new, annual_cost=-1.0)
    return EditOpening(scenario.id, new)


def _remove_opening(draw: st.DrawFn, plan: Plan) -> Command:
    scenario = _scenario(draw, plan)
    ids = [*scenario.openings, OpeningId("o-ghost")] if _broken(draw) or not scenario.openings \
        else list(scenario.openings)
    return RemoveOpening(scenario.id, draw(st.sampled_from(ids)))


def _add_team(draw: st.DrawFn, plan: Plan) -> Command:
    scenario = _scenario(draw, plan)
    existing = sorted(scenario.teams)
    team_id = draw(st.sampled_from(existing)) if existing and _broken(draw) else _fresh_id(draw, plan, "t")
    team = draw(teams(team_id))
    if _broken(draw):
        team = dataclasses.replace(team, market=dataclasses.replace(team.market, win_rate=1.5))
    return AddTeam(scenario.id, team, _index(draw, scenario.teams))


def _edit_team(draw: st.DrawFn, plan: Plan) -> Command:
    scenario = _scenario(draw, plan)
    if not scenario.teams:
        return EditTeam(scenario.id, draw(teams("t-ghost")))
    old = draw(st.sampled_from(list(scenario.teams.values())))
    match draw(st.integers(0, 4)):
        case 0:
            new = draw(teams(old.id))
        case 1:
            new = dataclasses.replace(old, market=draw(markets()))
        case 2:
            new = dataclasses.replace(old, roles=draw(role_overrides()))
        case 3:
            new = dataclasses.replace(old, target_bookings=draw(targets()))
        case _:
            new = dataclasses.replace(old, name=draw(names()), segment=draw(optional_texts()))
    if _broken(draw):
        new = draw(st.sampled_from([
            dataclasses.replace(new, target_bookings=-1.0),
            dataclasses.replace(new, market=dataclasses.replace(new.market, sales_cycle_days=0)),
            dataclasses.replace(new, market=dataclasses.replace(new.market, lead_to_opp_rate=1.01)),
            dataclasses.replace(new, roles={Role.FULL_CYCLE: {"prospecting_share": 2.0}}),
            dataclasses.replace(new, name=""),
        ]))
    return EditTeam(scenario.id, new)


def _remove_team(draw: st.DrawFn, plan: Plan) -> Command:
    scenario = _scenario(draw, plan)
    ids = list(scenario.teams)
    if not ids or _broken(draw):
        ids.append(TeamId("t-ghost"))
    return RemoveTeam(scenario.id, draw(st.sampled_from(ids)))


def _add_scenario(draw: st.DrawFn, plan: Plan) -> Command:
    source = _scenario(draw, plan)
    name = draw(names()) if not _broken(draw) else "   "
    copy = copy_scenario(source, new_id=ScenarioId(_fresh_id(draw, plan, "s")), name=name)
    return AddScenario(copy, _index(draw, plan.scenarios))


def _edit_assumptions(draw: st.DrawFn, plan: Plan) -> Command:
    roles = {role: dict(values) for role, values in plan.assumptions.roles.items()}
    tolerance = plan.assumptions.tolerance
    if draw(st.booleans()):
        tolerance = draw(fractions(0.0, 0.99))
    else:
        role = draw(st.sampled_from(ROLE_ORDER))
        name = draw(st.sampled_from(sorted(roles[role])))
        roles[role][name] = draw(parameter_values(name))
        manager = roles[Role.MANAGER]
        if manager["span_min"] > manager["span_max"]:
            manager["span_min"], manager["span_max"] = manager["span_max"], manager["span_min"]
    if _broken(draw):
        match draw(st.integers(0, 3)):
            case 0:
                tolerance = draw(st.sampled_from([1.0, -0.1, math.nan]))
            case 1:
                roles[Role.FULL_CYCLE]["prospecting_share"] = 1.5
            case 2:
                roles[Role.MANAGER]["span_min"] = roles[Role.MANAGER]["span_max"] + 1
            case _:
                roles[Role.AE]["max_open_opps"] = -3.0
    attainment = plan.assumptions.attainment_min if draw(st.booleans()) else draw(fractions())
    return EditAssumptions(dataclasses.replace(plan.assumptions, tolerance=tolerance, roles=roles,
                                               attainment_min=attainment))


def _edit_plan(draw: st.DrawFn, plan: Plan) -> Command:
    if _broken(draw):
        return draw(st.sampled_from([EditPlan(horizon_months=0), EditPlan(horizon_months=121),
                                     EditPlan(currency="eur"), EditPlan(name=" ")]))
    field = draw(st.sampled_from(["as_of", "horizon_months", "name", "currency", "several"]))
    if field == "as_of":
        return EditPlan(as_of=draw(dates()))
    if field == "horizon_months":
        return EditPlan(horizon_months=draw(st.integers(1, 120)))
    if field == "name":
        return EditPlan(name=draw(names()))
    if field == "currency":
        return EditPlan(currency=draw(st.sampled_from(["EUR", "DKK", "SEK", "USD"])))
    return EditPlan(as_of=draw(dates()), horizon_months=draw(st.integers(1, 120)), name=draw(names()))


def _invalid(draw: st.DrawFn, plan: Plan) -> Command:
    """A command that names something that does not exist, or removes the last scenario."""
    ghost = ScenarioId("s-ghost")
    scenario = _scenario(draw, plan)
    options: list[Command] = [
        Assign(ghost, {MemberId("p-ghost"): None}),
        RemovePerson(PersonId("p-ghost")),
        RemoveTeam(scenario.id, TeamId("t-ghost")),
        RemoveOpening(ghost, OpeningId("o-ghost")),
        RenameScenario(ghost, "Nowhere"),
        RenameScenario(scenario.id, ""),
        SetBaseline(ghost),
        RemoveScenario(ghost),
        AddTeam(ghost, Team(TeamId("t-x"), "X")),
        EditTeam(scenario.id, Team(TeamId("t-ghost"), "Ghost")),
    ]
    if len(plan.scenarios) == 1:
        options.append(RemoveScenario(scenario.id))
    return draw(st.sampled_from(options))


@st.composite
def commands(draw: st.DrawFn, plan: Plan, *, allow_batch: bool = True) -> Command:
    """One command for ``plan`` in its current state (it may be one the plan must refuse)."""
    kinds = COMMAND_KINDS if allow_batch else tuple(k for k in COMMAND_KINDS if k != "batch")
    kind = draw(st.sampled_from(kinds))
    match kind:
        case "assign" | "assign_many":
            return _assign(draw, plan, many=kind == "assign_many")
        case "add_person":
            person = draw(people(_fresh_id(draw, plan, "p")))
            if _broken(draw):
                person = dataclasses.replace(person, fte=draw(st.sampled_from(_INVALID_FTES)))
            return AddPerson(person, _index(draw, plan.people))
        case "edit_person":
            return _edit_person(draw, plan)
        case "remove_person":
            ids = list(plan.people)
            if not ids or _broken(draw):
                ids.append(PersonId("p-ghost"))
            return RemovePerson(draw(st.sampled_from(ids)))
        case "add_opening":
            return _add_opening(draw, plan)
        case "edit_opening":
            return _edit_opening(draw, plan)
        case "remove_opening":
            return _remove_opening(draw, plan)
        case "add_team":
            return _add_team(draw, plan)
        case "edit_team":
            return _edit_team(draw, plan)
        case "remove_team":
            return _remove_team(draw, plan)
        case "add_scenario":
            return _add_scenario(draw, plan)
        case "rename_scenario":
            return RenameScenario(_scenario(draw, plan).id, draw(names()) if not _broken(draw) else " ")
        case "remove_scenario":
            return RemoveScenario(_scenario(draw, plan).id)
        case "set_baseline":
            return SetBaseline(_scenario(draw, plan).id)
        case "edit_assumptions":
            return _edit_assumptions(draw, plan)
        case "edit_plan":
            return _edit_plan(draw, plan)
        case "set_target":
            target = draw(targets()) if not _broken(draw) else draw(st.sampled_from([-5.0, math.nan]))
            return SetScenarioTarget(_scenario(draw, plan).id, target)
        case "batch":
            parts = draw(st.lists(commands(plan, allow_batch=False), min_size=1, max_size=3))
            return Batch("Several changes", parts)
        case _:
            return _invalid(draw, plan)
