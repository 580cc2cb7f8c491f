"""Realistic synthetic plans of any size, for tests and benchmarks.

``synthetic_plan`` draws every value from one ``random.Random(seed)`` in a fixed order and numbers
every id, so the same arguments always give a byte-identical plan file. The proportions (role mix,
part-timers, ramping, leavers, bench, openings) follow the shape of a European B2B sales organisation;
the market of each team is drawn for its segment and sized to the team's own people, so some
handoffs come out balanced, some overloaded, some underused.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from itertools import product

from salesplanner.capacity import TeamResult, compute_team
from salesplanner.commands import copy_scenario
from salesplanner.i18n import msg
from salesplanner.model import (
    Assumptions,
    MarketProfile,
    Member,
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
    resolved_role_parameters,
)
from salesplanner.roles import ANNUAL_COST, DEFAULT_ROLE_PARAMETERS, DISPLAY_NAMES, Role

FIRST_NAMES = (
    "Anna", "Lars", "Mette", "Søren", "Freja", "Mikkel", "Ida", "Rasmus", "Sofie", "Jonas", "Emma",
    "Magnus", "Astrid", "Oskar", "Ingrid", "Erik", "Sigrid", "Henrik", "Karin", "Nils", "Maja",
    "Anders", "Linnea", "Johan", "Elin", "Mats", "Saga", "Gustav", "Liv", "Olav", "Silje", "Kristian",
    "Aino", "Mikko", "Elina", "Jukka", "Laura", "Matti", "Hanna", "Lukas", "Lena", "Felix", "Julia",
    "Maximilian", "Clara", "Jan", "Sanne", "Daan", "Femke", "Pieter", "Charlotte", "Thomas", "Chloé",
    "Louis", "Marie", "Pierre", "Giulia", "Marco", "Lucía", "Pablo",
)
LAST_NAMES = (
    "Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Johansson", "Andersson", "Karlsson", "Nilsson",
    "Eriksson", "Larsson", "Olsson", "Persson", "Lindqvist", "Berg", "Haugen", "Johansen", "Bakken",
    "Solberg", "Dahl", "Lund", "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Lehtonen", "Müller",
    "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "de Vries",
    "Jansen", "van Dijk", "Bakker", "Visser", "Smith", "Jones", "Taylor", "Brown", "Wilson", "Martin",
    "Bernard", "Dubois", "Rossi", "Bianchi", "García", "Fernández", "Costa",
)
# Offices per geography: most people sit in an office of their team's market.
OFFICES: dict[str, tuple[str, ...]] = {
    "Nordics": ("Copenhagen", "Aarhus", "Stockholm", "Oslo", "Helsinki"),
    "DACH": ("Berlin", "Hamburg", "Munich", "Zurich", "Vienna"),
    "Benelux": ("Amsterdam", "Rotterdam", "Brussels"),
    "UK & Ireland": ("London", "Manchester", "Dublin"),
    "France": ("Paris", "Lyon"),
    "Southern Europe": ("Madrid", "Barcelona", "Milan", "Lisbon"),
}
ALL_OFFICES = tuple(city for cities in OFFICES.values() for city in cities)
SEGMENTS = ("SMB", "Mid-Market", "Enterprise")
PRODUCT_LINES = ("Core", "Analytics", "Payments")
GEOGRAPHIES = tuple(OFFICES)

# A seller's share of a team's non-manager seats, in chain order; systematic sampling over these
# intervals gives every team the mix within one seat of the shares. A founder-led team is mostly
# one-man bands.
ROLE_SHARES = ((Role.FULL_CYCLE, 0.10), (Role.SDR_OUTBOUND, 0.20), (Role.SDR_INBOUND, 0.15),
               (Role.AE, 0.30), (Role.AM, 0.25))
FOUNDER_TEAM_SHARES = ((Role.FULL_CYCLE, 0.6), (Role.SDR_OUTBOUND, 0.2), (Role.AE, 0.2))
MANAGED_TEAM_SIZE = 6
TINY_PLAN = 20
"""Plans up to this many people still have a selling founder in their first team."""

# Per segment: sales cycle (days), average deal, win rate, monthly churn — each a (low, high) range.
SEGMENT_MARKETS: dict[str, tuple[tuple[float, float], ...]] = {
    "SMB": ((20, 45), (5_000, 15_000), (0.25, 0.35), (0.015, 0.03)),
    "Mid-Market": ((45, 90), (15_000, 50_000), (0.20, 0.30), (0.008, 0.015)),
    "Enterprise": ((90, 180), (50_000, 150_000), (0.15, 0.25), (0.003, 0.008)),
}
# Per segment: how often a team overrides the plan's role parameters, and with what (ranges). Longer
# cycles mean fewer, bigger opportunities per SDR, more open deals per AE and smaller books per AM.
SEGMENT_OVERRIDES: dict[str, tuple[float, dict[Role, dict[str, tuple[int, int]]]]] = {
    "SMB": (0.8, {Role.AM: {"accounts_per_am": (100, 200)}}),
    "Mid-Market": (0.8, {Role.SDR_OUTBOUND: {"opps_per_month": (7, 9)},
                         Role.SDR_INBOUND: {"leads_per_month": (80, 110)},
                         Role.AE: {"max_open_opps": (22, 30)}}),
    "Enterprise": (1.0, {Role.SDR_OUTBOUND: {"opps_per_month": (3, 5)},
                         Role.SDR_INBOUND: {"leads_per_month": (25, 40)},
                         Role.AE: {"max_open_opps": (15, 25), "ramp_months": (6, 9)},
                         Role.AM: {"accounts_per_am": (12, 20)}}),
}
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e",
                        "í": "i", "á": "a", " ": ""})


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` uneven sizes (largest remainder, so they add up exactly)."""
    if parts == 0:
        return []
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    shares = [total * w / sum(weights) for w in weights]
    sizes = [int(s) for s in shares]
    by_remainder = sorted(range(parts), key=lambda i: (sizes[i] - shares[i], i))
    for i in by_remainder[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def _team_roles(rng: random.Random, size: int, *, founder: bool) -> list[Role]:
    roles = [Role.MANAGER] if size >= MANAGED_TEAM_SIZE else []
    if founder and size > len(roles):
        roles.append(Role.FOUNDER)
    shares = FOUNDER_TEAM_SHARES if founder else ROLE_SHARES
    sellers = size - len(roles)
    offset = rng.random()
    for seat in range(sellers):
        point, bound = (seat + offset) / sellers, 0.0
        for role, share in shares:
            bound += share
            if point < bound or role is shares[-1][0]:
                roles.append(role)
                break
    return roles


def _load(rng: random.Random) -> float:
    """A demand ÷ capacity factor: mostly inside the balance band, a fifth well over, a fifth under."""
    roll = rng.random()
    if roll < 0.2:
        return rng.uniform(1.25, 1.8)
    return rng.uniform(0.5, 0.8) if roll < 0.4 else rng.uniform(0.9, 1.1)


def _with_market(rng: random.Random, team: Team, placed: list[tuple[Member, Role]], *,
                 assumptions: Assumptions, as_of: date, horizon_months: int) -> Team:
    """``team`` with a market drawn for its segment and sized to its own people."""
    segment = team.segment or "SMB"
    chance, options = SEGMENT_OVERRIDES[segment]
    roles: dict[Role, dict[str, float]] = {}
    if rng.random() < chance:
        roles = {role: {name: rng.randint(*bounds) for name, bounds in values.items()}
                 for role, values in options.items()}
    cycle, deal, win, churn = SEGMENT_MARKETS[segment]
    market = MarketProfile(lead_to_opp_rate=round(rng.uniform(0.10, 0.20), 3),
                           sales_cycle_days=rng.randint(int(cycle[0]), int(cycle[1])),
                           win_rate=round(rng.uniform(*win), 3),
                           avg_deal_size=round(rng.uniform(*deal) / 500) * 500,
                           monthly_churn=round(rng.uniform(*churn), 4))
    team = replace(team, market=market, roles=roles)

    def result(team: Team) -> TeamResult:
        return compute_team(team, placed, parameters=resolved_role_parameters(assumptions, team),
                            tolerance=assumptions.tolerance, on=as_of, horizon_months=horizon_months)

    # Leads around what the inbound SDRs can work (some teams short of leads, some flooded); a team
    # without inbound SDRs mostly gets none, sometimes a trickle nobody works.
    cap_in, leads = result(team).cap_in, 0
    if cap_in:
        leads = round(cap_in * _load(rng))
    elif rng.random() < 0.3:
        leads = rng.randint(20, 80)
    team = replace(team, market=replace(market, inbound_leads_per_month=leads))
    # An installed base that, with the horizon's new customers, about fills the AMs' books.
    figures = result(team)
    missing = max(0.0, figures.am_cap * _load(rng) - figures.accounts_H)
    existing = round(missing / (1 - market.monthly_churn) ** horizon_months)
    return replace(team, market=replace(team.market, existing_customers=existing))


def _person(rng: random.Random, number: int, seat: tuple[int, Role] | None, *, geography: str | None,
            emails: dict[str, int], as_of: date, horizon_days: int) -> Person:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    handle = f"{first}.{last}".lower().translate(_ASCII)
    emails[handle] = emails.get(handle, 0) + 1
    suffix = str(emails[handle]) if emails[handle] > 1 else ""
    location = rng.choice(OFFICES[geography] if geography and rng.random() < 0.9 else ALL_OFFICES)
    fte = rng.choice((0.5, 0.6, 0.8)) if rng.random() < 0.08 else 1.0
    productivity = round(rng.uniform(0.8, 1.5), 2) if rng.random() < 0.06 else 1.0
    when = rng.random()
    if when < 0.03:  # signed, starts within six months
        start = as_of + timedelta(days=rng.randint(1, 180))
    elif when < 0.13:  # started in the last five months: still ramping
        start = as_of - timedelta(days=rng.randint(0, 150))
    else:
        start = as_of - timedelta(days=rng.randint(151, 4 * 365))
    leave = None
    if start <= as_of and rng.random() < 0.03:
        leave = as_of + timedelta(days=rng.randint(1, horizon_days))
    cost = None
    if seat is not None and rng.random() < 0.15:
        base = DEFAULT_ROLE_PARAMETERS[seat[1]][ANNUAL_COST] * fte
        cost = float(round(base * rng.uniform(0.85, 1.25), -3))
    return Person(id=PersonId(f"p-{number:05d}"), name=f"{first} {last}",
                  email=f"{handle}{suffix}@nordlys.example", location=location,
                  status=Status.LEAVING if leave else Status.ACTIVE, fte=fte, productivity=productivity,
                  start_date=start, leave_date=leave, annual_cost=cost)


def _add_openings(rng: random.Random, scenario: Scenario, count: int, as_of: date) -> None:
    """Open positions starting on the 1st in one to nine months, each placed in a random team with a
    seller role drawn by the role mix."""
    team_ids = list(scenario.teams)
    roles, weights = [role for role, _ in ROLE_SHARES], [share for _, share in ROLE_SHARES]
    for _ in range(count):
        role = rng.choices(roles, weights)[0]
        months = as_of.month - 1 + rng.randint(1, 9)
        cost = float(DEFAULT_ROLE_PARAMETERS[role][ANNUAL_COST]) if rng.random() < 0.3 else None
        opening = Opening(id=OpeningId(f"o-{len(scenario.openings) + 1:04d}"),
                          title=f"{DISPLAY_NAMES[role]} (new hire)",
                          start_date=date(as_of.year + months // 12, months % 12 + 1, 1), annual_cost=cost)
        scenario.openings[opening.id] = opening
        if team_ids:
            scenario.assignments[opening.id] = Placement(rng.choice(team_ids), role)


def _proposal(rng: random.Random, today: Scenario, people: int, as_of: date) -> Scenario:
    """A copy of ``today`` where ~5 % of the placed people change team or role, plus a few openings."""
    proposal = copy_scenario(today, new_id=ScenarioId("s-proposal"), name="Proposal")
    team_ids = list(proposal.teams)
    sellers = [role for role, _ in ROLE_SHARES]
    placed = [member for member, (_, role) in proposal.assignments.items()
              if member.startswith("p-") and role in sellers]
    for member_id in rng.sample(placed, round(0.05 * len(placed))):
        team, role = proposal.assignments[member_id]
        if len(team_ids) > 1 and rng.random() < 0.5:
            team = rng.choice([t for t in team_ids if t != team])
        else:
            role = rng.choice([r for r in sellers if r is not role])
        proposal.assignments[member_id] = Placement(team, role)
    _add_openings(rng, proposal, 2 + people // 250, as_of)
    return proposal


def synthetic_plan(*, people: int, teams: int, seed: int, as_of: date = date(2027, 1, 1)) -> Plan:
    """A valid plan with exactly ``people`` people and ``teams`` teams, the same for the same seed.

    Scenario "Today" (the baseline) and "Proposal" (a variation of it). ``people=0`` gives empty
    teams; a negative count raises ``PlanError``. With no teams everyone is on the bench.
    """
    if people < 0 or teams < 0:
        raise PlanError(msg(
            "a synthetic plan needs zero or more people and teams (got {people} and {teams})",
            people=people, teams=teams))
    rng = random.Random(seed)
    horizon_months, assumptions = 12, Assumptions()
    markets = list(product(GEOGRAPHIES, SEGMENTS, PRODUCT_LINES))
    rng.shuffle(markets)
    bench = round(0.05 * people) if teams else people
    seats: list[tuple[int, Role] | None] = [None] * bench
    for index, size in enumerate(_split(rng, people - bench, teams)):
        founder = people <= TINY_PLAN and index == 0
        seats += [(index, role) for role in _team_roles(rng, size, founder=founder)]
    rng.shuffle(seats)  # ids say nothing about teams, as in a real HR export

    today = Scenario(id=ScenarioId("s-today"), name="Today")
    team_ids = [TeamId(f"t-{index + 1:04d}") for index in range(teams)]
    placed: list[list[tuple[Member, Role]]] = [[] for _ in range(teams)]
    roster: dict[PersonId, Person] = {}
    emails: dict[str, int] = {}
    for number, seat in enumerate(seats, start=1):
        region = markets[seat[0] % len(markets)][0] if seat else None
        person = _person(rng, number, seat, geography=region, emails=emails, as_of=as_of,
                         horizon_days=horizon_months * 30)
        roster[person.id] = person
        if seat is not None:
            today.assignments[person.id] = Placement(team_ids[seat[0]], seat[1])
            placed[seat[0]].append((person, seat[1]))
    for index, (team_id, members) in enumerate(zip(team_ids, placed, strict=True)):
        geography, segment, product_line = markets[index % len(markets)]
        lap = index // len(markets)  # more teams than markets: "Nordics SMB · Core 2"
        name = f"{geography} {segment} · {product_line}" + (f" {lap + 1}" if lap else "")
        team = Team(id=team_id, name=name, segment=segment, product_line=product_line, geography=geography)
        today.teams[team_id] = _with_market(rng, team, members, assumptions=assumptions, as_of=as_of,
                                            horizon_months=horizon_months)
    _add_openings(rng, today, round(0.05 * people), as_of)
    proposal = _proposal(rng, today, people, as_of)
    return Plan(name=f"Synthetic sales organisation ({people:,} people, seed {seed})",
                scenarios={today.id: today, proposal.id: proposal}, baseline=today.id, currency="EUR",
                as_of=as_of, horizon_months=horizon_months, assumptions=assumptions, people=roster)
