"""Plan files: the fast way to read the plain objects.

A big plan is almost all people, assignments and teams whose fields have their plain JSON types. For
those, ``planfile.read`` builds the objects directly here and checks them with the model's own rules;
anything else (a wrong type, a bad value) makes a function here return None and goes through
``planfile.read``'s careful reader, which names the problem. So the messages come from one place and the
rules from another (``model``), and this module only decides what is plain.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from salesplanner.model import (
    MARKET_FIELDS,
    MarketProfile,
    Opening,
    OpeningId,
    Person,
    PersonId,
    Status,
    Team,
    TeamId,
    opening_problems,
    person_problems,
    team_problems,
)
from salesplanner.planfile.format import OPENING_FIELDS, PERSON_FIELDS, TEAM_FIELDS
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, ROLE_ORDER, Role

MARKET_KEYS = frozenset(MARKET_FIELDS)
_PERSON_KEYS = frozenset(PERSON_FIELDS)
_OPENING_KEYS = frozenset(OPENING_FIELDS)
_TEAM_KEYS = frozenset(TEAM_FIELDS)


ROLES_BY_NAME: dict[str, Role] = {role.value: role for role in Role}
STATUSES_BY_NAME: dict[str, Status] = {status.value: status for status in Status}
_NUMBER_TYPES = (int, float)  # exact types: a JSON true/false is a bool, never a number here


_TEXT_OR_NONE = frozenset({str, type(None)})
_NUMBER = frozenset({int, float})
_NUMBER_OR_NONE = frozenset({int, float, type(None)})


def _plain_text(value: Any) -> bool:
    return type(value) in _TEXT_OR_NONE


def _plain_number(value: Any) -> bool:
    return type(value) in _NUMBER_OR_NONE


def plain_date(value: Any) -> date | None:
    """A YYYY-MM-DD date or None; raises ValueError for anything else."""
    if value is None:
        return None
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return date.fromisoformat(value)
    raise ValueError(value)


def fast_person(raw: Any) -> Person | None:
    try:
        if type(raw) is not dict or not _PERSON_KEYS.issuperset(raw):
            return None
        get = raw.get
        person_id, name, email, location = raw["id"], raw["name"], get("email"), get("location")
        fte, productivity, cost = get("fte", 1.0), get("productivity", 1.0), get("annual_cost")
        start, leave, title = get("start_date"), get("leave_date"), get("title")
        if not (type(person_id) is str and person_id.strip() and type(name) is str
                and type(email) in _TEXT_OR_NONE and type(location) in _TEXT_OR_NONE
                and type(fte) in _NUMBER and type(productivity) in _NUMBER and type(cost) in _NUMBER_OR_NONE
                and type(title) in _TEXT_OR_NONE):
            return None
        person = Person(PersonId(person_id), name, email, location, STATUSES_BY_NAME[get("status", "active")], fte,
                        productivity, None if start is None else plain_date(start),
                        None if leave is None else plain_date(leave), cost, title)
    except (KeyError, TypeError, ValueError):
        return None
    return None if person_problems(person) else person


def fast_opening(raw: Any) -> Opening | None:
    try:
        if type(raw) is not dict or not _OPENING_KEYS.issuperset(raw):
            return None
        opening_id, title = raw["id"], raw["title"]
        fte, cost = raw.get("fte", 1.0), raw.get("annual_cost")
        if not (type(opening_id) is str and opening_id.strip() and type(title) is str and fte is not None
                and _plain_number(fte) and _plain_number(cost)):
            return None
        opening = Opening(id=OpeningId(opening_id), title=title, start_date=plain_date(raw.get("start_date")),
                          fte=fte, annual_cost=cost)
    except (KeyError, TypeError, ValueError):
        return None
    return None if opening_problems(opening) else opening


def fast_team(raw: Any) -> Team | None:
    try:
        if type(raw) is not dict or not _TEAM_KEYS.issuperset(raw):
            return None
        team_id, name, market_data = raw["id"], raw["name"], raw.get("market", {})
        roles_data = raw.get("roles", {})
        if not (type(team_id) is str and team_id.strip() and type(name) is str and type(market_data) is dict
                and MARKET_KEYS.issuperset(market_data) and type(roles_data) is dict
                and all(_plain_text(raw.get(key)) for key in ("segment", "product_line", "geography"))
                and all(v is not None and _plain_number(v) for v in market_data.values())):
            return None
        roles: dict[Role, dict[str, float]] = {}
        for role_name, values in roles_data.items():
            role = ROLES_BY_NAME[role_name]
            if type(values) is not dict or not DEFAULT_ROLE_PARAMETERS[role].keys() >= values.keys() or \
                    not all(v is not None and _plain_number(v) for v in values.values()):
                return None
            if values:
                roles[role] = {name: values[name] for name in DEFAULT_ROLE_PARAMETERS[role] if name in values}
        target = raw.get("target_bookings")
        if not _plain_number(target):
            return None
        team = Team(id=TeamId(team_id), name=name, segment=raw.get("segment"), product_line=raw.get("product_line"),
                    geography=raw.get("geography"), market=MarketProfile(**market_data),
                    roles={role: roles[role] for role in ROLE_ORDER if role in roles}, target_bookings=target)
    except (KeyError, TypeError, ValueError):
        return None
    return None if team_problems(team) else team
