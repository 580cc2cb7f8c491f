"""The plan document: people, openings, teams, scenarios and assumptions (docs/model.md §2).

Leaf values (people, openings, teams, market profiles, assumptions) are frozen: an edit replaces the
value, so a command only has to remember the old one to undo. Containers (the plan's people, a
scenario's teams, openings and assignments) are ordered dicts keyed by stable ids; commands are the
only code that mutates them.

The value rules (ranges, required pairs) live here once, as the ``*_problems`` functions: the plan
file loader and the UI's editors both ask them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple, NewType, TypeAlias

from salesplanner.i18n import Message, Text, msg
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, SHARE_PARAMETERS, Role

MemberId = NewType("MemberId", str)
"""Anyone who can hold a role: a person or an open position. One namespace (docs/plan-format.md: ids are unique
across people and openings), so an assignment or a drag payload needs no tag saying which."""
PersonId: TypeAlias = MemberId
OpeningId: TypeAlias = MemberId
TeamId = NewType("TeamId", str)
ScenarioId = NewType("ScenarioId", str)

DEFAULT_HIRING_LEAD_DAYS = 60
"""Two months from opening a position to the new hire's first day: a common time-to-hire for sales roles."""
MAX_HIRING_LEAD_DAYS = 730

MAX_AMOUNT = 1e12
"""Upper bound for any count or amount: larger values are typos, and would overflow the sums."""


class PlanError(ValueError):
    """A plan, a value or an operation breaks a rule; the message is one sentence for the user (a
    ``Message``, rendered in the language in force when shown, or text as it is)."""

    def __init__(self, message: Text, *args: object) -> None:
        super().__init__(message, *args)

    @property
    def message(self) -> Text:
        return self.args[0]  # type: ignore[no-any-return]

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class Status(StrEnum):
    ACTIVE = "active"
    LEAVING = "leaving"


@dataclass(frozen=True, slots=True)
class Person:
    id: PersonId
    name: str
    email: str | None = None
    location: str | None = None
    status: Status = Status.ACTIVE
    fte: float = 1.0
    productivity: float = 1.0
    start_date: date | None = None
    leave_date: date | None = None
    annual_cost: float | None = None
    title: str | None = None
    """The job title as HR writes it ("Key Account Manager"); the role is the plan's reading of it."""
    locked: bool = False
    """The advisor keeps this person where they are (docs/model.md §10)."""


@dataclass(frozen=True, slots=True)
class Opening:
    """An open position: counts like a person who starts on ``start_date`` (docs/model.md §2)."""

    id: OpeningId
    title: str
    start_date: date | None = None
    fte: float = 1.0
    annual_cost: float | None = None

    @property
    def name(self) -> str:
        return self.title

    @property
    def productivity(self) -> float:
        return 1.0

    @property
    def leave_date(self) -> date | None:
        return None


Member: TypeAlias = Person | Opening


@dataclass(frozen=True, slots=True)
class MarketProfile:
    """What a team's market brings and needs per month (docs/model.md §2, defaults from §3)."""

    inbound_leads_per_month: float = 0
    lead_to_opp_rate: float = 0.15
    sales_cycle_days: float = 60
    win_rate: float = 0.25
    avg_deal_size: float = 25_000
    existing_customers: float = 0
    monthly_churn: float = 0.01


MARKET_FIELDS: tuple[str, ...] = tuple(MarketProfile.__dataclass_fields__)
MARKET_RATES: frozenset[str] = frozenset({"lead_to_opp_rate", "win_rate", "monthly_churn"})

FIELD_LABELS: Mapping[str, Message] = {
    "name": msg("name"), "title": msg("title"), "email": msg("email"), "location": msg("location"),
    "status": msg("status"), "fte": msg("FTE"), "productivity": msg("productivity"), "start_date": msg("start date"),
    "leave_date": msg("leave date"), "annual_cost": msg("annual cost"), "segment": msg("segment"),
    "product_line": msg("product line"), "geography": msg("geography"),
    "inbound_leads_per_month": msg("inbound leads / month"), "lead_to_opp_rate": msg("lead → opportunity rate"),
    "sales_cycle_days": msg("sales cycle"), "win_rate": msg("win rate"), "avg_deal_size": msg("average deal"),
    "existing_customers": msg("existing customers"), "monthly_churn": msg("monthly churn"),
    "tolerance": msg("balance tolerance"), "currency": msg("currency"), "as_of": msg("as-of date"),
    "horizon_months": msg("horizon"),
}
"""Fields as a sentence names them ("Edit Ana Berg: FTE")."""

RoleParameters: TypeAlias = Mapping[Role, Mapping[str, float]]


@dataclass(frozen=True, slots=True)
class Team:
    id: TeamId
    name: str
    segment: str | None = None
    product_line: str | None = None
    geography: str | None = None
    market: MarketProfile = field(default_factory=MarketProfile)
    roles: RoleParameters = field(default_factory=dict)
    """Per-team overrides of the plan's role parameters; only the overridden ones are present."""
    target_bookings: float | None = None
    """The team's bookings target for the target year, in the plan's currency (docs/model.md §9)."""
    locked: bool = False
    """The advisor neither moves anyone into or out of this team nor hires for it (docs/model.md §10)."""

    @property
    def market_key(self) -> tuple[str | None, str | None, str | None]:
        return (self.segment, self.product_line, self.geography)

    @property
    def has_market(self) -> bool:
        """A segment, product line or geography is set: without any, a team serves no distinct market."""
        return any(self.market_key)


class Placement(NamedTuple):
    team: TeamId
    role: Role


@dataclass(frozen=True, slots=True)
class Assumptions:
    tolerance: float = 0.15
    roles: RoleParameters = field(default_factory=lambda: DEFAULT_ROLE_PARAMETERS)
    """Every parameter of every role, defaults filled in."""
    quota_to_cost_min: float = 4.0
    quota_to_cost_max: float = 6.0
    """A closer's annual quota ÷ annual cost outside [min, max] is flagged (docs/model.md §9: the common
    quota-to-OTE norm is 4–6×)."""
    attainment_min: float = 0.6
    """Expected bookings below this share of quota capacity are flagged (docs/model.md §9)."""
    hiring_lead_days: int = DEFAULT_HIRING_LEAD_DAYS
    """Days from today until a hire the advisor suggests can start (docs/model.md §10)."""

    def parameter(self, role: Role, name: str) -> float:
        return self.roles[role][name]


@dataclass(slots=True)
class Scenario:
    """One version of the organisation. A member without an assignment is on the bench."""

    id: ScenarioId
    name: str
    teams: dict[TeamId, Team] = field(default_factory=dict)
    openings: dict[OpeningId, Opening] = field(default_factory=dict)
    assignments: dict[MemberId, Placement] = field(default_factory=dict)
    target_bookings: float | None = None
    """The organisation's bookings target; None: the sum of the teams' targets (docs/model.md §9)."""


@dataclass(slots=True)
class Plan:
    name: str
    scenarios: dict[ScenarioId, Scenario]
    baseline: ScenarioId
    currency: str = "EUR"
    as_of: date = field(default_factory=date.today)
    horizon_months: int = 12
    assumptions: Assumptions = field(default_factory=Assumptions)
    people: dict[PersonId, Person] = field(default_factory=dict)

    def member(self, scenario: Scenario, member_id: MemberId) -> Member | None:
        """The person or the scenario's opening with this id."""
        person = self.people.get(member_id)
        if person is not None:
            return person
        return scenario.openings.get(member_id)

    def members(self, scenario: Scenario) -> Iterator[Member]:
        """Everyone who can be placed in this scenario: people in plan order, then its openings."""
        yield from self.people.values()
        yield from scenario.openings.values()

    def scenario_named(self, name: str) -> Scenario:
        for scenario in self.scenarios.values():
            if scenario.name == name:
                return scenario
        names = ", ".join(f'"{s.name}"' for s in self.scenarios.values())
        raise PlanError(msg('there is no scenario named "{name}" (the plan has {names})', name=name, names=names))

    def snapshot(self) -> Plan:
        """A copy that later edits do not reach, for work done while the user goes on editing (autosave,
        export). Only the containers are copied: the values in them are frozen and an edit replaces them,
        so they are shared — a few milliseconds on a 10,000-person plan."""
        return replace(self, people=dict(self.people), scenarios={
            scenario_id: replace(scenario, teams=dict(scenario.teams), openings=dict(scenario.openings),
                                 assignments=dict(scenario.assignments))
            for scenario_id, scenario in self.scenarios.items()})

    def ids_in_use(self) -> set[str]:
        used: set[str] = set(self.people) | set(self.scenarios)
        for scenario in self.scenarios.values():
            used.update(scenario.teams)
            used.update(scenario.openings)
        return used


# ---------------------------------------------------------------------------------------------------
# Value rules. Each returns (field, reason) pairs; an empty list means the value is acceptable.

Problems: TypeAlias = list[tuple[str, Message]]


def range_problem(value: float, low: float = 0, high: float = MAX_AMOUNT, low_open: bool = False) -> Message | None:
    """Why ``value`` is outside [low, high] (or (low, high] when ``low_open``), or None."""
    if (low < value <= high) if low_open else (low <= value <= high):
        return None  # the common case first: loading a big plan asks this a hundred thousand times
    if isinstance(value, float) and not math.isfinite(value):  # a huge int is finite; float() would overflow
        return msg("must be a finite number")
    if low == 0 and high == 1 and not low_open:
        return msg("must be between 0 and 1")
    if (value <= low) if low_open else (value < low):
        if low_open:
            return msg("must be greater than {low}", low=low)
        if low == 0:
            return msg("must not be negative")
        return msg("must be at least {low}", low=low)
    return msg("must be at most {high}", high=high)


def _check(problems: Problems, name: str, value: float | None, low: float = 0, high: float = MAX_AMOUNT,
           low_open: bool = False) -> None:
    if value is not None and (reason := range_problem(value, low, high, low_open)):
        problems.append((name, reason))


MAX_TEXT_LENGTH = 1000
"""Longest name, title, email, location or market label: far beyond any real one, and well inside a
spreadsheet cell (32,767 characters)."""
MAX_ID_LENGTH = 100
"""Longest id. The workbook writes a team's id inside its formulas as a SUMIFS criterion, and a spreadsheet
refuses text literals longer than 255 characters in a formula: 100 characters stay below that even when
every one of them has to be escaped."""
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2199, 12, 31)
"""Dates a plan holds (as-of, start and leave dates): spreadsheets count days from 1900, and a plan's
timeline runs at most 120 months past the as-of date."""

# Characters no text may hold: C0 and C1 control characters (tab, line feed and carriage return aside,
# which XML and spreadsheets keep), DEL, lone surrogates (a JSON "\ud800" escape: never encodable as
# UTF-8) and the two non-characters XML forbids. Control characters break the XML inside SVG and XLSX
# files and let a name drive a terminal (ESC sequences).
_FORBIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_FORBIDDEN_IN_ID = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _character_problem(value: str, forbidden: re.Pattern[str]) -> Message | None:
    if value.isprintable():  # the common case, checked in C
        return None
    found = forbidden.search(value)
    if found is None:
        return None
    code = ord(found[0])
    if 0xD800 <= code <= 0xDFFF:
        return msg("contains a character that is not valid Unicode")
    shown = f"{code:04X}"
    return msg("must not contain control characters (it holds U+{code})", code=shown)


def text_problem(value: str | None, *, required: bool) -> Message | None:
    """Why a text field's value is not acceptable, or None."""
    if value is None:
        return msg("is required") if required else None
    if required and not value.strip():
        return msg("must not be empty")
    if len(value) > MAX_TEXT_LENGTH:
        return msg("must be at most {n} characters", n=MAX_TEXT_LENGTH)
    return _character_problem(value, _FORBIDDEN_IN_TEXT)


def id_problem(value: str) -> Message | None:
    """Why an id is not acceptable, or None: not blank, at most ``MAX_ID_LENGTH`` characters, no control
    characters (not even tab or line feed)."""
    if not value.strip():
        return msg("must not be empty")
    if len(value) > MAX_ID_LENGTH:
        return msg("must be at most {n} characters", n=MAX_ID_LENGTH)
    return _character_problem(value, _FORBIDDEN_IN_ID)


def date_problem(value: date) -> Message | None:
    """Why a date is outside the range a plan holds (``MIN_DATE`` to ``MAX_DATE``), or None."""
    if MIN_DATE <= value <= MAX_DATE:
        return None
    return msg("must be between {low} and {high}", low=MIN_DATE, high=MAX_DATE)


def _check_text(problems: Problems, name: str, value: str | None, *, required: bool) -> None:
    if value is not None or required:
        reason = text_problem(value, required=required)
        if reason:
            problems.append((name, reason))


def _check_id(problems: Problems, value: str) -> None:
    """A blank id is left to the caller, which names it in its own words (a missing key, an empty cell)."""
    if len(value) <= MAX_ID_LENGTH and value.isprintable():
        return  # the common case, in C: loading a big plan asks this for every person
    if value.strip() and (reason := id_problem(value)):
        problems.append(("id", reason))


def _check_date(problems: Problems, name: str, value: date | None) -> None:
    if value is not None and (reason := date_problem(value)):
        problems.append((name, reason))


def scenario_name_problem(scenarios: Iterable[Scenario], name: str,
                          scenario_id: ScenarioId | None = None) -> Message | None:
    """Why ``name`` cannot name scenario ``scenario_id`` (None: a new one) among ``scenarios``, or None.

    Names are how people and the command line (``--scenario NAME``) tell scenarios apart, so two
    scenarios never share one."""
    if reason := text_problem(name, required=True):
        return reason
    for other in scenarios:
        if other.name == name and other.id != scenario_id:
            return msg('another scenario is already named "{name}"', name=name)
    return None


PERSON_RANGES: Mapping[str, tuple[float, float, bool]] = {
    "fte": (0, 1, True), "productivity": (0, 10, False), "annual_cost": (0, MAX_AMOUNT, False)}
"""A person's numbers: (low, high, low excluded)."""


def person_problems(person: Person) -> Problems:
    problems: Problems = []
    _check_id(problems, person.id)
    _check_text(problems, "name", person.name, required=True)
    _check_text(problems, "email", person.email, required=False)
    _check_text(problems, "location", person.location, required=False)
    _check_text(problems, "title", person.title, required=False)
    for name, (low, high, low_open) in PERSON_RANGES.items():
        _check(problems, name, getattr(person, name), low, high, low_open)
    _check_date(problems, "start_date", person.start_date)
    _check_date(problems, "leave_date", person.leave_date)
    if person.status is Status.LEAVING and person.leave_date is None:
        problems.append(("leave_date", msg("is required when status is leaving")))
    if person.status is Status.ACTIVE and person.leave_date is not None:
        problems.append(("status", msg("must be leaving when a leave_date is set")))
    if person.start_date and person.leave_date and person.leave_date < person.start_date:
        problems.append(("leave_date", msg("must not be before start_date")))
    return problems


def people_valid(columns: Mapping[str, Sequence[Any]]) -> bool:
    """Whether ``person_problems`` finds nothing in any of the people whose fields these columns hold (by
    field name, values of their JSON types), decided a column at a time — mostly in C — for loading a big
    plan. False means "ask ``person_problems`` of each": a tab in a name, say, is allowed but not decided here."""
    ids, starts, leaves = columns["id"], columns["start_date"], columns["leave_date"]
    if not all(map(str.isprintable, ids)) or max(map(len, ids), default=0) > MAX_ID_LENGTH:
        return False
    for name, required in (("name", True), ("email", False), ("location", False), ("title", False)):
        texts = columns[name] if required else [value for value in columns[name] if value is not None]
        if not all(map(str.isprintable, texts)) or max(map(len, texts), default=0) > MAX_TEXT_LENGTH or \
                (required and not all(map(str.strip, texts))):
            return False
    for name, (low, high, low_open) in PERSON_RANGES.items():
        numbers = [value for value in columns[name] if value is not None]
        lowest, highest = min(numbers, default=high), max(numbers, default=low)
        if not math.isfinite(sum(numbers)) or (lowest <= low if low_open else lowest < low) or highest > high:
            return False  # NaN would slip through min and max: any NaN or infinity makes the sum not finite
    dates = [value for value in (*starts, *leaves) if value is not None]
    if dates and (min(dates) < MIN_DATE or max(dates) > MAX_DATE):
        return False
    leaving = [status is Status.LEAVING for status in columns["status"]]
    return leaving == [leave is not None for leave in leaves] and \
        all(leave >= start for start, leave in zip(starts, leaves, strict=True) if leave and start)


def opening_problems(opening: Opening) -> Problems:
    problems: Problems = []
    _check_id(problems, opening.id)
    _check_text(problems, "title", opening.title, required=True)
    _check(problems, "fte", opening.fte, 0, 1, True)
    _check(problems, "annual_cost", opening.annual_cost)
    _check_date(problems, "start_date", opening.start_date)
    return problems


def market_problems(market: MarketProfile) -> Problems:
    problems: Problems = []
    for name in MARKET_FIELDS:
        value = getattr(market, name)
        if name in MARKET_RATES:
            _check(problems, name, value, 0, 1)
        elif name == "sales_cycle_days":
            _check(problems, name, value, 0, 3650, True)
        else:
            _check(problems, name, value)
    return problems


def role_parameter_problems(role: Role, values: Mapping[str, float]) -> Problems:
    """Problems with some parameters of one role (a full set, or a team's partial overrides)."""
    problems: Problems = []
    known = DEFAULT_ROLE_PARAMETERS[role]
    for name, value in values.items():
        if name not in known:
            problems.append((name, msg("is not a parameter of {role} (it has {known})", role=role.value,
                                       known=", ".join(known))))
        elif name in SHARE_PARAMETERS:
            _check(problems, name, value, 0, 1)
        elif name == "ramp_months":
            _check(problems, name, value, 0, 120)
        else:
            _check(problems, name, value)
    low, high = values.get("span_min"), values.get("span_max")
    if low is not None and high is not None and low > high:
        problems.append(("span_max", msg("must not be below span_min")))
    return problems


def team_problems(team: Team) -> Problems:
    problems: Problems = []
    _check_id(problems, team.id)
    _check_text(problems, "name", team.name, required=True)
    for name in ("segment", "product_line", "geography"):
        _check_text(problems, name, getattr(team, name), required=False)
    problems += [(f"market.{name}", reason) for name, reason in market_problems(team.market)]
    _check(problems, "target_bookings", team.target_bookings)
    for role, values in team.roles.items():
        problems += [(f"roles.{role.value}.{name}", reason)
                     for name, reason in role_parameter_problems(role, values)]
    return problems


def combined_parameter_problems(assumptions: Assumptions, team: Team) -> Problems:
    """Rules between values that may come from the plan or from the team (a team's span_max override
    must not fall below the plan's span_min, and the other way round)."""
    manager = resolved_role_parameters(assumptions, team)[Role.MANAGER]
    if manager["span_min"] > manager["span_max"]:
        return [("roles.manager.span_max", msg("must not be below span_min ({low}, with the plan's values and the "
                                               "team's overrides together)", low=manager["span_min"]))]
    return []


def target_problems(target: float | None) -> Problems:
    """A bookings target is an amount, or None for no target."""
    problems: Problems = []
    _check(problems, "target_bookings", target)
    return problems


def assumptions_problems(assumptions: Assumptions) -> Problems:
    problems: Problems = []
    _check(problems, "tolerance", assumptions.tolerance, 0, 0.99)
    _check(problems, "quota_to_cost_min", assumptions.quota_to_cost_min, 0, 1000)
    _check(problems, "quota_to_cost_max", assumptions.quota_to_cost_max, 0, 1000)
    if assumptions.quota_to_cost_min > assumptions.quota_to_cost_max:
        problems.append(("quota_to_cost_max", msg("must not be below quota_to_cost_min")))
    _check(problems, "attainment_min", assumptions.attainment_min, 0, 1)
    if assumptions.hiring_lead_days != int(assumptions.hiring_lead_days) or \
            not 0 <= assumptions.hiring_lead_days <= MAX_HIRING_LEAD_DAYS:
        problems.append(("hiring_lead_days", msg("must be a whole number of days between 0 and {most}",
                                                 most=MAX_HIRING_LEAD_DAYS)))
    for role, values in assumptions.roles.items():
        problems += [(f"roles.{role.value}.{name}", reason)
                     for name, reason in role_parameter_problems(role, values)]
    return problems


CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def plan_field_problems(*, name: str, currency: str, horizon_months: int, as_of: date | None = None) -> Problems:
    problems: Problems = []
    _check_text(problems, "name", name, required=True)
    _check_date(problems, "as_of", as_of)
    if not CURRENCY_CODE.fullmatch(currency):
        problems.append(("currency", msg("must be a three-letter currency code such as EUR")))
    if not 1 <= horizon_months <= 120:
        problems.append(("horizon_months", msg("must be a whole number of months between 1 and 120")))
    return problems


def require_valid(problems: Problems, what: Text) -> None:
    """Raise the first problem as a PlanError that names ``what`` and the field."""
    if problems:
        name, reason = problems[0]
        raise PlanError(msg("{what} {field}: {reason}", what=what, field=name, reason=reason))


def resolved_role_parameters(assumptions: Assumptions, team: Team) -> RoleParameters:
    """The plan's role parameters with the team's overrides applied."""
    if not team.roles:
        return assumptions.roles
    merged = dict(assumptions.roles)
    for role, overrides in team.roles.items():
        merged[role] = {**assumptions.roles[role], **overrides}
    return merged
