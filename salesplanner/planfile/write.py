"""Writing plan files: version-1 JSON in the documented key order, saved atomically."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from salesplanner.files import write_atomically
from salesplanner.i18n import msg
from salesplanner.model import MARKET_FIELDS, Plan, Scenario
from salesplanner.planfile.format import ASSUMPTIONS_FIELDS, FORMAT, OPTIONAL_FIELDS, VERSION
from salesplanner.planfile.problems import PlanFileError
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, ROLE_ORDER, Role


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _role_parameters_to_dict(roles: Mapping[Role, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    return {role.value: {name: roles[role][name] for name in DEFAULT_ROLE_PARAMETERS[role]
                         if name in roles[role]}
            for role in ROLE_ORDER if role in roles}


def _unless_default(key: str, value: object, default: object) -> dict[str, object]:
    """An optional field, written only when it is not its default (docs/plan-format.md)."""
    return {} if value == default else {key: value}


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as version-1 JSON data, keys in the documented order, assignments in member order."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": plan.name,
        "currency": plan.currency,
        "as_of": plan.as_of.isoformat(),
        "horizon_months": plan.horizon_months,
        "assumptions": {name: _role_parameters_to_dict(plan.assumptions.roles) if name == "roles"
                        else getattr(plan.assumptions, name) for name in ASSUMPTIONS_FIELDS},
        "people": [
            {"id": p.id, "name": p.name, **({"title": p.title} if p.title is not None else {}), "email": p.email,
             "location": p.location, "status": p.status.value, "fte": p.fte, "productivity": p.productivity,
             "start_date": _iso(p.start_date), "leave_date": _iso(p.leave_date), "annual_cost": p.annual_cost,
             **_unless_default("locked", p.locked, False)}
            for p in plan.people.values()],
        "scenarios": [_scenario_to_dict(plan, s) for s in plan.scenarios.values()],
    }


def _scenario_to_dict(plan: Plan, scenario: Scenario) -> dict[str, Any]:
    assignments = []
    for member in plan.members(scenario):
        placement = scenario.assignments.get(member.id)
        if placement is not None:
            assignments.append({"person": member.id, "team": placement.team, "role": placement.role.value})
    return _without_unset({
        "id": scenario.id,
        "name": scenario.name,
        "baseline": scenario.id == plan.baseline,
        "target_bookings": scenario.target_bookings,
        "teams": [
            _without_unset({"id": t.id, "name": t.name, "segment": t.segment, "product_line": t.product_line,
                            "geography": t.geography,
                            "market": {name: getattr(t.market, name) for name in MARKET_FIELDS},
                            "target_bookings": t.target_bookings,
                            "roles": _role_parameters_to_dict(t.roles), **_unless_default("locked", t.locked, False)})
            for t in scenario.teams.values()],
        "openings": [
            {"id": o.id, "title": o.title, "start_date": _iso(o.start_date), "fte": o.fte,
             "annual_cost": o.annual_cost}
            for o in scenario.openings.values()],
        "assignments": assignments,
    })


def _without_unset(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without the optional fields that are unset (docs/plan-format.md)."""
    return {key: value for key, value in data.items() if value is not None or key not in OPTIONAL_FIELDS}


def encode_plan(plan: Plan) -> bytes:
    """The plan file's bytes: UTF-8 JSON, two-space indentation, a final newline. orjson writes a 10,000-person
    plan in about a tenth of the standard library's time (see benchmarks/README.md).

    Raises ``PlanFileError`` with one sentence naming the place when the plan holds something no plan file
    can (a lone surrogate, a number that is not finite), so no plan is ever unsaveable by a traceback. The
    model's rules refuse those on every way in; this is the last line."""
    data = plan_to_dict(plan)
    try:
        content = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:  # text no file can hold, or a whole number beyond 64 bits
        where = _first(data, lambda value: isinstance(value, str) and not _encodable(value))
        if where:
            raise PlanFileError([msg("{place}: holds a character that is not valid Unicode", place=where)]) from None
        where = _first(data, lambda value: type(value) is int and not -2**63 <= value < 2**64)
        place = where or msg("the plan")
        raise PlanFileError([msg("{place}: holds a number too large for a plan file", place=place)]) from None
    if not _all_finite(data):  # orjson would have written NaN or infinity as null
        where = _first(data, _not_finite)
        raise PlanFileError([msg("{place}: holds a number that is not finite", place=where)])
    return content


def _all_finite(data: dict[str, Any]) -> bool:
    """Whether every number in plan data is finite: one sum over the people (most of a big plan; a sum
    holding NaN or infinity is not finite, and finite amounts never add up to infinity), a walk over the rest."""
    people = sum([person["fte"] + person["productivity"] + (person["annual_cost"] or 0) for person in data["people"]])
    rest = {key: value for key, value in data.items() if key not in ("people", "scenarios")}
    scenarios = [{key: value for key, value in scenario.items() if key != "assignments"}
                 for scenario in data["scenarios"]]
    return math.isfinite(people) and not _first([rest, scenarios], _not_finite)


def _not_finite(value: Any) -> bool:
    return isinstance(value, float) and not math.isfinite(value)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _first(value: Any, bad: Callable[[Any], bool], path: str = "") -> str:
    """The place (``people[0].name``) of the first value, or key, in plan data that ``bad`` picks."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if bad(key) or (found := _first(item, bad, where)):
                return where if bad(key) else found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if found := _first(item, bad, f"{path}[{index}]"):
                return found
    elif bad(value):
        return path or "the plan"
    return ""


def dumps_plan(plan: Plan) -> str:
    return encode_plan(plan).decode("utf-8")


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Save atomically; raises ``PlanFileError`` with one sentence when the file cannot be written."""
    name = Path(path).name
    try:
        content = encode_plan(plan)
    except PlanFileError as error:
        raise PlanFileError([msg("{file}: could not be saved: {reason}", file=name, reason=error)]) from None
    try:
        write_atomically(path, content)
    except OSError as error:
        raise PlanFileError([msg("{file}: could not be saved ({reason})", file=name,
                                 reason=error.strerror or str(error))]) from None
