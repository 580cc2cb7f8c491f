"""Plan files: the fast reader, for files as Sales Planner writes them.

orjson parses the file; then each list of objects is checked a column at a time against ``format``'s
tables — every field present (an unset optional one may be left out), every value of its JSON type — and
the model's objects are built from the columns, a field at a time (``memory.instances``). What types cannot say
(ranges, required pairs, text rules, ids that must match) is asked of the model's own rules, the same
``*_problems`` functions the careful reader and the editors use. Anything this reader does not accept — a
missing field (the default applies), a wrong type, a bad value, a key that may appear twice — makes
``read_fast`` return None, and ``read``'s careful reader reads the file again and names each problem. So
this module never explains anything; it only decides that nothing needs explaining.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any

import orjson

from salesplanner.memory import collector_paused, instances
from salesplanner.model import (
    DEFAULT_HIRING_LEAD_DAYS,
    Assumptions,
    MarketProfile,
    MemberId,
    Opening,
    Person,
    PersonId,
    Placement,
    Plan,
    Problems,
    Scenario,
    ScenarioId,
    Status,
    Team,
    TeamId,
    assumptions_problems,
    combined_parameter_problems,
    id_problem,
    opening_problems,
    people_valid,
    person_problems,
    plan_field_problems,
    target_problems,
    team_problems,
    text_problem,
)
from salesplanner.planfile.format import (
    ASSIGNMENT_FIELDS,
    ASSUMPTIONS_FIELDS,
    FORMAT,
    MARKET_FIELDS,
    OPENING_FIELDS,
    OPTIONAL_FIELDS,
    PERSON_FIELDS,
    PLAN_FIELDS,
    SCENARIO_FIELDS,
    TEAM_FIELDS,
    VERSION,
    Number,
)
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, ROLE_ORDER, Role


class _RefusedError(Exception):
    """Something the careful reader has to look at."""


_ROLES = {role.value: role for role in Role}
_STATUSES = {status.value: status for status in Status}
_NONE = type(None)


_DATES = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2})*")


def _dates(column: list[Any], *, optional: bool) -> list[date | None]:
    """``YYYY-MM-DD`` texts as dates (None stays None where ``optional``): the form checked on the column
    at once, then ``date.fromisoformat`` (which refuses a month 13 or a 30 February with ValueError)."""
    given = [value for value in column if value is not None] if optional else column
    if not {str}.issuperset(map(type, given)) or not _DATES.fullmatch("".join(given)) or \
            not {10}.issuperset(map(len, given)):
        raise _RefusedError
    # Each distinct date parsed once (many people share a start date), then shared.
    parsed: dict[str | None, date | None] = {text: date.fromisoformat(text) for text in set(given)}
    parsed[None] = None
    return list(map(parsed.__getitem__, column))


def _of_types(*types: type) -> Callable[[list[Any]], list[Any]]:
    allowed = frozenset(types)

    def check(column: list[Any]) -> list[Any]:
        if not allowed.issuperset(map(type, column)):
            raise _RefusedError
        return column
    return check


def _lookup(table: Mapping[str, Any]) -> Callable[[list[Any]], list[Any]]:
    def check(column: list[Any]) -> list[Any]:
        return list(map(table.__getitem__, _of_types(str)(column)))  # KeyError → refused
    return check


_COLUMN_CHECKS: dict[Any, Callable[[list[Any]], list[Any]]] = {
    str: _of_types(str), str | None: _of_types(str, _NONE), bool: _of_types(bool), int: _of_types(int),
    bool | None: lambda column: [value is True for value in _of_types(bool, _NONE)(column)],  # unset: false
    int | None: _of_types(int, _NONE),
    Number: _of_types(int, float), Number | None: _of_types(int, float, _NONE),
    date: lambda column: _dates(column, optional=False), date | None: lambda column: _dates(column, optional=True),
    Status: _lookup(_STATUSES), Role: _lookup(_ROLES),
}
"""How a column of each type in ``format``'s tables is checked and turned into the model's values. orjson
never yields NaN or infinity, and a JSON true is a ``bool``, never an ``int``, for ``type()``."""


def _columns(items: Any, table: Mapping[str, Any], optional: frozenset[str] = frozenset()) -> list[list[Any]]:
    """The items' fields as columns, in the table's order, checked and converted; every item an object
    with the table's fields and no other, an unset optional one perhaps left out (then None). Nested
    tables and role tables are returned raw."""
    if type(items) is not list:
        raise _RefusedError
    if not items:
        return [[] for _ in table]
    if not {dict}.issuperset(map(type, items)):
        raise _RefusedError
    names = tuple(table)
    present = tuple(name for name in names if name not in optional)
    shapes = set(map(tuple, items))
    rows: Iterable[Sequence[Any]]
    if shapes == {names} or shapes == {present}:  # the keys in the writer's order: take the values as they are
        rows = map(dict.values, items)  # type: ignore[arg-type]
    elif not all(map(frozenset(names).issuperset, items)):
        raise _RefusedError
    elif {len(table)}.issuperset(map(len, items)):
        rows = map(itemgetter(*names), items) if len(names) > 1 else ([item[name] for name in names] for item in items)
    else:  # a required field missing raises KeyError: the careful reader applies its default
        rows = ([item.get(name) if name in optional else item[name] for name in names] for item in items)
    columns = list(map(list, zip(*rows, strict=True)))
    if len(columns) < len(names):  # every object left the optional fields out: they are unset
        given = dict(zip(present, columns, strict=True))
        columns = [given[name] if name in given else [None] * len(items) for name in names]
    for index, kind in enumerate(table.values()):
        check = None if isinstance(kind, dict | list) else _COLUMN_CHECKS.get(kind)
        if check is not None:
            columns[index] = check(columns[index])
    return columns


def _unique(items: list[Any], problems: Callable[[Any], Problems], taken: Mapping[Any, object]
            ) -> dict[Any, Any]:
    """Items by id, if every id is a non-empty id used once (and not in ``taken``) and no item has a problem."""
    by_id = {item.id: item for item in items}
    if len(by_id) != len(items) or not all(map(str.strip, by_id)) or any(map(problems, items)) or \
            (taken and not by_id.keys().isdisjoint(taken)):
        raise _RefusedError
    return by_id


def read_fast(content: bytes | str) -> Plan | None:
    """The plan in ``content`` if it is complete and valid and has no key twice, else None."""
    try:
        raw = orjson.loads(content)
    except orjson.JSONDecodeError:
        return None
    try:
        with collector_paused():
            counter = _KeyCounter()
            plan = _plan(raw, counter)
    except (_RefusedError, KeyError, TypeError, ValueError, AttributeError):
        return None
    return plan if counter.appear_once(content, raw) else None


def _plan(raw: Any, keys: _KeyCounter) -> Plan:
    if type(raw) is not dict or raw.get("format") != FORMAT or raw.get("version") != VERSION:
        raise _RefusedError
    _, _, name, currency, as_of, horizon, assumptions_data, people_data, scenarios_data = \
        _columns([raw], PLAN_FIELDS)
    horizon_months = horizon[0]
    if type(horizon_months) is not int or type(as_of[0]) is not date or \
            plan_field_problems(name=name[0], currency=currency[0], horizon_months=horizon_months, as_of=as_of[0]):
        raise _RefusedError
    values = dict(zip(ASSUMPTIONS_FIELDS, (column[0] for column in _columns(assumptions_data, ASSUMPTIONS_FIELDS,
                                                                               OPTIONAL_FIELDS)), strict=True))
    roles = values.pop("roles")
    if values["hiring_lead_days"] is None:  # a file from before the advisor
        values["hiring_lead_days"] = DEFAULT_HIRING_LEAD_DAYS
    assumptions = Assumptions(roles=_role_table(roles, fill_defaults=True), **values)
    if assumptions_problems(assumptions):
        raise _RefusedError
    columns = dict(zip(PERSON_FIELDS, _columns(people_data[0], PERSON_FIELDS, OPTIONAL_FIELDS), strict=True))
    people = _unique(instances(Person, columns), _no_problems if people_valid(columns) else person_problems, {})
    keys.keys += len(PLAN_FIELDS) + len(assumptions_data[0]) + sum(map(len, people_data[0])) + _table_keys(roles)
    scenarios: dict[ScenarioId, Scenario] = {}
    names: set[str] = set()
    baselines = []
    for scenario_data in _listed(scenarios_data[0]):
        scenario, baseline = _scenario(scenario_data, people, assumptions, keys)
        if scenario.id in scenarios or scenario.name in names:
            raise _RefusedError
        names.add(scenario.name)
        scenarios[scenario.id] = scenario
        if baseline:
            baselines.append(scenario.id)
    if len(baselines) != 1:
        raise _RefusedError
    return Plan(name=name[0], currency=currency[0], as_of=as_of[0], horizon_months=horizon_months,
                assumptions=assumptions, people=people, scenarios=scenarios, baseline=baselines[0])


def _listed(value: Any) -> list[Any]:
    if type(value) is not list or not value:
        raise _RefusedError
    return value


_ROLE_PARAMETERS = [(role, role.value, DEFAULT_ROLE_PARAMETERS[role]) for role in ROLE_ORDER]
_ROLE_POSITION = {role.value: index for index, role in enumerate(ROLE_ORDER)}


def _no_problems(_: object) -> Problems:
    return []


def _role_table(table: Any, *, fill_defaults: bool) -> dict[Role, dict[str, float]]:
    """Role parameters in the documented order (roles, then each role's parameters), as ``read`` builds them:
    the plan's in full (defaults filled in), a team's overrides only."""
    if type(table) is not dict or not _ROLES.keys() >= table.keys():
        raise _RefusedError
    result: dict[Role, dict[str, float]] = {}
    for role, name, known in _ROLE_PARAMETERS if fill_defaults else \
            [_ROLE_PARAMETERS[_ROLE_POSITION[name]] for name in sorted(table, key=_ROLE_POSITION.__getitem__)]:
        given = table.get(name, {})
        if type(given) is not dict or not known.keys() >= given.keys():
            raise _RefusedError
        _COLUMN_CHECKS[Number](list(given.values()))
        values = dict(known) if fill_defaults else {}
        # (one parameter, the usual override, is in order already)
        values.update(given if len(given) < 2 else {name: given[name] for name in known if name in given})
        if values:
            result[role] = values
    return result


def _table_keys(table: dict[str, dict[str, Any]]) -> int:
    return len(table) + sum(map(len, table.values()))


def _scenario(raw: Any, people: dict[PersonId, Person], assumptions: Assumptions, keys: _KeyCounter
              ) -> tuple[Scenario, bool]:
    scenario_id, name, baseline, target, teams_data, openings_data, assignments_data = \
        (column[0] for column in _columns([raw], SCENARIO_FIELDS, OPTIONAL_FIELDS))
    if id_problem(scenario_id) or text_problem(name, required=True) or target_problems(target):
        raise _RefusedError
    team_columns = _columns(teams_data, TEAM_FIELDS, OPTIONAL_FIELDS)
    market_index = list(TEAM_FIELDS).index("market")
    team_columns[market_index] = instances(
        MarketProfile, dict(zip(MARKET_FIELDS, _columns(team_columns[market_index], MARKET_FIELDS), strict=True)))
    names = dict(zip(TEAM_FIELDS, team_columns, strict=True))
    names["id"] = list(map(TeamId, names["id"]))
    names["roles"] = [_role_table(roles, fill_defaults=False) for roles in names["roles"]]
    teams = _unique(instances(Team, names), team_problems, {})
    # The plan's own span_min ≤ span_max holds (assumptions_problems): only a team's manager overrides can break it.
    if any(combined_parameter_problems(assumptions, team) for team in teams.values() if Role.MANAGER in team.roles):
        raise _RefusedError
    opening_columns = dict(zip(OPENING_FIELDS, _columns(openings_data, OPENING_FIELDS), strict=True))
    openings = _unique(instances(Opening, opening_columns), opening_problems, people)
    members, team_ids, roles = _columns(assignments_data, ASSIGNMENT_FIELDS)
    # A team has a few roles: each (team, role) pair becomes one Placement, shared by everyone who holds it.
    # Placement is a named tuple: tuple.__new__ builds one in C, as its own _make does.
    pairs = list(zip(team_ids, roles, strict=True))
    placements = {pair: tuple.__new__(Placement, pair) for pair in dict.fromkeys(pairs)}
    assignments: dict[MemberId, Placement] = dict(zip(members, map(placements.__getitem__, pairs), strict=True))
    if len(assignments) != len(members) or not teams.keys() >= {team_id for team_id, _ in placements} or \
            not assignments.keys() - people.keys() <= openings.keys():
        raise _RefusedError
    role_tables = team_columns[list(TEAM_FIELDS).index("roles")]
    keys.keys += (len(raw) + sum(map(len, teams_data)) + len(MARKET_FIELDS) * len(teams)
                  + sum(map(_table_keys, role_tables)) + len(OPENING_FIELDS) * len(openings)
                  + len(ASSIGNMENT_FIELDS) * len(assignments))
    return Scenario(id=ScenarioId(scenario_id), name=name, teams=teams, openings=openings,
                    assignments=assignments, target_bookings=target), baseline


# --- every key once ---------------------------------------------------------------------------------
# JSON allows a key twice in one object and orjson, like every fast parser, keeps the last value silently;
# a plan with "fte" twice has been edited by hand or broken by a tool, and the user should hear about it.
# Every key is followed by exactly one colon, and outside strings a colon follows nothing else. The parsed
# objects hold ``keys`` keys; the file's colons, less those inside its strings, are the keys it really has.

class _KeyCounter:
    def __init__(self) -> None:
        self.keys = 0

    def appear_once(self, content: bytes | str, raw: Any) -> bool:
        data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
        colons = data.count(b":")
        if colons == self.keys:
            return True
        if b"\\u003a" in data or b"\\u003A" in data:
            return False  # an escaped colon counts in the strings but not in the file: let the careful reader decide
        return colons - sum(text.count(":") for text in _texts(raw)) == self.keys


def _texts(node: Any) -> Iterator[str]:
    """Every string value and key in the parsed file."""
    if type(node) is str:
        yield node
    elif type(node) is dict:
        yield from node.keys()
        for value in node.values():
            yield from _texts(value)
    elif type(node) is list:
        for value in node:
            yield from _texts(value)
