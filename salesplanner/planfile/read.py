"""Plan files (docs/plan-format.md): version-1 JSON, validated on load.

``load_plan`` either returns a complete, valid plan or raises ``PlanFileError`` whose message names the
first problem by its place in the file, in words and as a path (``Scenario "Today", team "SMB": win rate
must be between 0 and 1 (scenarios[0].teams[2].market.win_rate)``); nothing is half-loaded.

Two readers: ``fast.read_fast`` takes files as Sales Planner writes them (complete, valid, each key once)
in about the time it takes to parse them; everything else comes here, to the careful reader, which
accepts what the format allows (missing fields take their defaults) and names every problem it finds.
Both build the same plan from the same file — a property test mutates files to hold them to it.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Collection, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from salesplanner.files import NotARegularFileError, open_regular
from salesplanner.i18n import Text, msg
from salesplanner.model import (
    MARKET_FIELDS,
    Assumptions,
    MarketProfile,
    MemberId,
    Opening,
    OpeningId,
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
    date_problem,
    id_problem,
    market_problems,
    opening_problems,
    person_problems,
    plan_field_problems,
    role_parameter_problems,
    target_problems,
    team_problems,
    text_problem,
)
from salesplanner.planfile.fast import read_fast
from salesplanner.planfile.format import (
    ASSIGNMENT_FIELDS,
    ASSUMPTIONS_FIELDS,
    FORMAT,
    OPENING_FIELDS,
    PERSON_FIELDS,
    PLAN_FIELDS,
    SCENARIO_FIELDS,
    TEAM_FIELDS,
    VERSION,
)
from salesplanner.planfile.problems import PlanFileError, Problem, describe
from salesplanner.roles import DEFAULT_ROLE_PARAMETERS, ROLE_ORDER, Role

__all__ = ["MAX_FILE_BYTES", "PlanFileError", "load_plan", "loads_plan"]

MAX_FILE_BYTES = 100 * 1024 * 1024
"""About 160,000 people; a 10,000-person plan is 6 MB."""
MAX_PARSE_BYTES = 2 * 1024**3
"""What the careful reader's parse may take in memory. It builds a Python object for every JSON value, and
a file of nothing but ``{}`` needs about 25 times its size; estimated before parsing (``_parse``)."""
MAX_REPORTED_PROBLEMS = 10
MAX_COUNTED_PROBLEMS = 1000
"""The reader counts problems up to here, then stops and says "at least"."""

ROLES_BY_NAME: dict[str, Role] = {role.value: role for role in Role}

T = TypeVar("T")


class _TooManyProblemsError(Exception):
    pass


class _Object(dict[str, Any]):
    """A JSON object that had a key more than once (the last value kept, as every JSON reader does)."""

    repeated: tuple[str, ...] = ()


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    marked = _Object(result)
    seen: set[str] = set()
    marked.repeated = tuple(dict.fromkeys(key for key, _ in pairs if key in seen or seen.add(key)))  # type: ignore[func-returns-value]
    return marked


def _field_path(path: str, key: str) -> str:
    """``path.key``, or ``path["odd key"]`` for a key that is not a plain name (so a message stays one line)."""
    if key.isidentifier() and len(key) <= 60:
        return f"{path}.{key}" if path else key
    import json  # the careful reader's: a file the fast reader takes never needs it

    return f"{path}[{json.dumps(key[:60] + ('…' if len(key) > 60 else ''))}]"


class _Reader:
    """Reads raw JSON values with their path, collecting problems instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.count = 0

    def problem(self, path: str, reason: Text) -> None:
        self.count += 1
        if len(self.problems) < MAX_REPORTED_PROBLEMS:
            self.problems.append(Problem(path, reason))
        if self.count >= MAX_COUNTED_PROBLEMS:
            raise _TooManyProblemsError

    def add(self, path: str, problems: Problems) -> None:
        for name, reason in problems:
            self.problem(f"{path}.{name}" if path else name, reason)

    def object(self, value: Any, path: str, fields: Collection[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(path, msg("must be an object"))
            return None
        for key in getattr(value, "repeated", ()):
            self.problem(_field_path(path, key), msg("appears more than once in this object"))
        if not value.keys() <= set(fields):
            for key in sorted(value.keys() - set(fields)):
                self.problem(_field_path(path, key), msg("unknown field"))
        return value

    def list(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            self.problem(path, msg("must be a list"))
            return []
        return value

    def text(self, data: Mapping[str, Any], key: str, path: str, *, default: str | None = None,
             required: bool = False) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(f"{path}.{key}" if path else key, msg("is required"))
            return default
        if not isinstance(value, str):
            self.problem(f"{path}.{key}" if path else key, msg("must be text"))
            return default
        return value

    def number(self, data: Mapping[str, Any], key: str, path: str, default: T) -> float | T:
        value = data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(f"{path}.{key}" if path else key, msg("must be a number"))
            return default
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(f"{path}.{key}" if path else key, msg("must be a finite number"))
            return default
        return value

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{path}.{key}", "must be true or false")
            return False
        return value

    def date(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> date | None:
        value = data.get(key)
        where = f"{path}.{key}" if path else key
        if value is None:
            if required:
                self.problem(where, msg("is required"))
            return None
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(where, msg("must be a date written YYYY-MM-DD"))
        return None

    def id(self, data: Mapping[str, Any], key: str, path: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{path}.{key}", msg("must be a non-empty id"))
            return ""
        return value


_ROLE_NAMES = ", ".join(role.value for role in ROLE_ORDER)


def _read_role(reader: _Reader, value: Any, path: str) -> Role | None:
    role = ROLES_BY_NAME.get(value) if isinstance(value, str) else None
    if role is None:
        import json

        shown = json.dumps(value)[:40]
        reader.problem(path, msg("unknown role {role} (roles are {roles})", role=shown, roles=_ROLE_NAMES))
    return role


def _read_role_parameters(reader: _Reader, value: Any, path: str, *,
                          fill_defaults: bool) -> dict[Role, dict[str, float]]:
    roles = reader.object(value, path, frozenset(ROLE_ORDER)) or {}
    result: dict[Role, dict[str, float]] = {}
    for role in ROLE_ORDER:
        raw = roles.get(role.value)
        where = f"{path}.{role.value}"
        values: dict[str, float] = dict(DEFAULT_ROLE_PARAMETERS[role]) if fill_defaults else {}
        if raw is not None:
            entries = reader.object(raw, where, frozenset(DEFAULT_ROLE_PARAMETERS[role])) or {}
            for name in DEFAULT_ROLE_PARAMETERS[role]:
                if name in entries:
                    number = reader.number(entries, name, where, None)
                    if number is not None:
                        values[name] = number
            reader.add(where, role_parameter_problems(role, values))
        if values:
            result[role] = values
    return result


def _read_person(reader: _Reader, raw: Any, path: str) -> Person | None:
    data = reader.object(raw, path, PERSON_FIELDS)
    if data is None:
        return None
    status_text = reader.text(data, "status", path, default="active")
    if status_text not in ("active", "leaving"):
        reader.problem(f"{path}.status", msg("must be active or leaving"))
        status_text = "active"
    person = Person(
        id=PersonId(reader.id(data, "id", path)),
        name=reader.text(data, "name", path, default="", required=True) or "",
        email=reader.text(data, "email", path),
        location=reader.text(data, "location", path),
        status=Status(status_text),
        fte=reader.number(data, "fte", path, 1.0),
        productivity=reader.number(data, "productivity", path, 1.0),
        start_date=reader.date(data, "start_date", path),
        leave_date=reader.date(data, "leave_date", path),
        annual_cost=reader.number(data, "annual_cost", path, None),
        title=reader.text(data, "title", path),
        locked=reader.flag(data, "locked", path),
    )
    reader.add(path, person_problems(person))
    return person


def _read_opening(reader: _Reader, raw: Any, path: str) -> Opening | None:
    data = reader.object(raw, path, OPENING_FIELDS)
    if data is None:
        return None
    opening = Opening(
        id=OpeningId(reader.id(data, "id", path)),
        title=reader.text(data, "title", path, default="", required=True) or "",
        start_date=reader.date(data, "start_date", path),
        fte=reader.number(data, "fte", path, 1.0),
        annual_cost=reader.number(data, "annual_cost", path, None),
    )
    reader.add(path, opening_problems(opening))
    return opening


def _read_team(reader: _Reader, raw: Any, path: str) -> Team | None:
    data = reader.object(raw, path, TEAM_FIELDS)
    if data is None:
        return None
    market_path = f"{path}.market"
    market_data = reader.object(data.get("market", {}), market_path, MARKET_FIELDS) or {}
    defaults = MarketProfile()
    market = MarketProfile(**{name: reader.number(market_data, name, market_path, getattr(defaults, name))
                              for name in MARKET_FIELDS})
    reader.add(market_path, market_problems(market))
    team = Team(
        id=TeamId(reader.id(data, "id", path)),
        name=reader.text(data, "name", path, default="", required=True) or "",
        segment=reader.text(data, "segment", path),
        product_line=reader.text(data, "product_line", path),
        geography=reader.text(data, "geography", path),
        market=market,
        roles=_read_role_parameters(reader, data.get("roles", {}), f"{path}.roles", fill_defaults=False),
        target_bookings=reader.number(data, "target_bookings", path, None),
        locked=reader.flag(data, "locked", path),
    )
    # The id, text and target rules (market and roles were checked above, where they were read).
    reader.add(path, [(name, reason) for name, reason in team_problems(team)
                      if not name.startswith(("market.", "roles.")) and (name != "name" or "name" in data)])
    return team


def _read_unique(reader: _Reader, raw: Any, path: str, read: Callable[[_Reader, Any, str], T | None],
                 seen: dict[str, tuple[str, int]]) -> dict[Any, T]:
    """Read a list of items with ids, refusing an id already in ``seen`` (id → the list and index where it
    first appeared)."""
    items: dict[Any, T] = {}
    for index, entry in enumerate(reader.list(raw, path)):
        item = read(reader, entry, f"{path}[{index}]")
        if item is None:
            continue
        item_id: str = item.id  # type: ignore[attr-defined]
        if not item_id:
            continue
        if item_id in seen:
            first_path, first_index = seen[item_id]
            first = f"{first_path}[{first_index}]"
            reader.problem(f"{path}[{index}].id", msg("duplicate id {id} (also {place})", id=item_id, place=first))
            continue
        seen[item_id] = (path, index)
        items[item_id] = item
    return items


def _read_scenario(reader: _Reader, raw: Any, path: str, people: dict[PersonId, Person],
                   person_paths: dict[str, tuple[str, int]]) -> tuple[Scenario, bool] | None:
    data = reader.object(raw, path, SCENARIO_FIELDS)
    if data is None:
        return None
    baseline = data.get("baseline", False)
    if not isinstance(baseline, bool):
        reader.problem(f"{path}.baseline", msg("must be true or false"))
        baseline = False
    teams: dict[TeamId, Team] = _read_unique(reader, data.get("teams", []), f"{path}.teams",
                                             _read_team, {})
    openings: dict[OpeningId, Opening] = _read_unique(reader, data.get("openings", []),
                                                      f"{path}.openings", _read_opening,
                                                      dict(person_paths))
    assignments: dict[MemberId, Placement] = {}
    assigned_at: dict[str, int] = {}
    roles_by_name = ROLES_BY_NAME
    for index, entry in enumerate(reader.list(data.get("assignments", []), f"{path}.assignments")):
        if type(entry) is dict and len(entry) == 3:  # the common case: a plain, valid, first assignment
            member_id, team_id, role_name = entry.get("person"), entry.get("team"), entry.get("role")
            role = roles_by_name.get(role_name) if type(role_name) is str else None
            if role is not None and type(member_id) is str and type(team_id) is str and team_id in teams \
                    and member_id not in assignments \
                    and (member_id in people or member_id in openings):
                assigned_at[member_id] = index
                assignments[MemberId(member_id)] = Placement(TeamId(team_id), role)
                continue
        where = f"{path}.assignments[{index}]"
        item = reader.object(entry, where, ASSIGNMENT_FIELDS)
        if item is None:
            continue
        member_id, team_id = reader.id(item, "person", where), reader.id(item, "team", where)
        role = _read_role(reader, item.get("role"), f"{where}.role")
        if member_id and member_id not in people and member_id not in openings:
            reader.problem(f"{where}.person", msg("no person or opening has id {id}", id=member_id))
            continue
        if team_id and team_id not in teams:
            reader.problem(f"{where}.team", msg("this scenario has no team with id {id}", id=team_id))
            continue
        if member_id in assigned_at:
            first = f"{path}.assignments[{assigned_at[member_id]}]"
            reader.problem(f"{where}.person", msg("{id} is already assigned ({place})", id=member_id, place=first))
            continue
        if member_id and team_id and role is not None:
            assigned_at[member_id] = index
            assignments[MemberId(member_id)] = Placement(TeamId(team_id), role)
    name = reader.text(data, "name", path, default="", required=True)
    if name is not None and (reason := text_problem(name, required=True)):
        reader.problem(f"{path}.name", reason)
    scenario_id = reader.id(data, "id", path)
    if scenario_id and (reason := id_problem(scenario_id)):
        reader.problem(f"{path}.id", reason)
    target = reader.number(data, "target_bookings", path, None)
    reader.add(path, target_problems(target))
    scenario = Scenario(id=ScenarioId(scenario_id), name=name or "", teams=teams,
                        openings=openings, assignments=assignments, target_bookings=target)
    return scenario, baseline


def _read_plan(reader: _Reader, raw: Any) -> Plan | None:
    if not isinstance(raw, dict):
        reader.problem("", msg("is not a Sales Planner plan (the file is not a JSON object)"))
        return None
    if raw.get("format") != FORMAT:
        reader.problem("", msg('is not a Sales Planner plan ("format" is not "{format}")', format=FORMAT))
        return None
    version = raw.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        reader.problem("version", msg("must be a whole number"))
        return None
    if version > VERSION:
        shown = str(version) if version < 10**6 else "newer"
        reader.problem("", msg("was written by a newer Sales Planner (plan format version {newer}); this version "
                               "reads plan format version {version}", newer=shown, version=str(VERSION)))
        return None
    if version < 1:
        reader.problem("version", msg("must be {version}", version=str(VERSION)))
        return None
    data = reader.object(raw, "", PLAN_FIELDS) or {}

    horizon = reader.number(data, "horizon_months", "", 12)
    if horizon != int(horizon):
        reader.problem("horizon_months", msg("must be a whole number of months between 1 and 120"))
    name = reader.text(data, "name", "", default="Untitled plan") or ""
    currency = reader.text(data, "currency", "", default="EUR") or ""
    reader.add("", plan_field_problems(name=name, currency=currency, horizon_months=int(horizon)))
    as_of = reader.date(data, "as_of", "", required=True)
    if as_of is not None and (reason := date_problem(as_of)):
        reader.problem("as_of", reason)

    assumptions_data = reader.object(data.get("assumptions", {}), "assumptions", ASSUMPTIONS_FIELDS) or {}
    defaults = Assumptions()
    lead_days = reader.number(assumptions_data, "hiring_lead_days", "assumptions", defaults.hiring_lead_days)
    assumptions = Assumptions(
        roles=_read_role_parameters(reader, assumptions_data.get("roles", {}), "assumptions.roles",
                                    fill_defaults=True),
        # A whole number of days; anything else is -1, refused below by the model's own rule.
        hiring_lead_days=int(lead_days) if lead_days == int(lead_days) else -1,
        **{name: reader.number(assumptions_data, name, "assumptions", getattr(defaults, name))
           for name in ASSUMPTIONS_FIELDS if name not in ("roles", "hiring_lead_days")})
    reader.add("assumptions", [(n, r) for n, r in assumptions_problems(assumptions) if not n.startswith("roles.")])

    person_paths: dict[str, tuple[str, int]] = {}
    people: dict[PersonId, Person] = _read_unique(reader, data.get("people", []), "people",
                                                  _read_person, person_paths)

    scenarios: dict[ScenarioId, Scenario] = {}
    baselines: list[tuple[ScenarioId, str]] = []
    scenario_paths: dict[str, str] = {}
    name_paths: dict[str, int] = {}
    raw_scenarios = reader.list(data.get("scenarios"), "scenarios")
    for index, entry in enumerate(raw_scenarios):
        where = f"scenarios[{index}]"
        read = _read_scenario(reader, entry, where, people, person_paths)
        if read is None:
            continue
        scenario, is_baseline = read
        if scenario.id in scenario_paths:
            reader.problem(f"{where}.id", msg("duplicate id {id} (also {place})", id=scenario.id,
                                              place=scenario_paths[scenario.id]))
            continue
        if scenario.name in name_paths:  # names are how people and --scenario address scenarios
            reader.problem(f"{where}.name", msg("is already used by scenario {n}", n=name_paths[scenario.name] + 1))
        elif scenario.name:
            name_paths[scenario.name] = index
        for team_index, team in enumerate(scenario.teams.values()):
            reader.add(f"{where}.teams[{team_index}]", combined_parameter_problems(assumptions, team))
        if scenario.id:
            scenario_paths[scenario.id] = where
            scenarios[scenario.id] = scenario
            if is_baseline:
                baselines.append((scenario.id, where))
    if not raw_scenarios and isinstance(data.get("scenarios"), list):
        reader.problem("scenarios", msg("a plan needs at least one scenario"))
    elif scenarios and not baselines:
        reader.problem("scenarios", msg('one scenario must be the baseline ("baseline": true)'))
    elif len(baselines) > 1:
        reader.problem(f"{baselines[1][1]}.baseline",
                       msg("only one scenario can be the baseline ({place} is too)", place=baselines[0][1]))
    if reader.problems or as_of is None:
        return None
    return Plan(name=name, currency=currency, as_of=as_of, horizon_months=int(horizon),
                assumptions=assumptions, people=people, scenarios=scenarios, baseline=baselines[0][0])


def _refuse_if_too_many_values(content: str | bytes) -> None:
    """Refuse a file whose parsed values would need more than ``MAX_PARSE_BYTES`` (about 120 bytes an object
    or list, 60 a value; a plan file holds one object in a hundred bytes or so), before any parser tries."""
    if 120 * len(content) <= MAX_PARSE_BYTES:
        return  # even a file of nothing but brackets stays within the bound: no need to count them
    if isinstance(content, bytes):
        containers, values = content.count(b"{") + content.count(b"["), content.count(b",")
    else:
        containers, values = content.count("{") + content.count("["), content.count(",")
    if 120 * containers + 60 * values > MAX_PARSE_BYTES:
        raise PlanFileError([msg("is not a Sales Planner plan (its {n} JSON values would need more memory than any "
                                 "plan of its size)", n=containers + values)])


def _parse(text: str) -> Any:
    """Parse with the standard library: it reports JSON errors by line and column, reads NaN and Infinity
    (so the reader can name the field that holds them) and lets ``_object_from_pairs`` mark a repeated key."""
    import json  # here, not at the top: a file the fast reader takes never needs it

    try:
        return json.loads(text, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as error:
        reason = msg("ends too early") if error.pos >= len(text.rstrip()) else error.msg
        raise PlanFileError([msg("is not valid JSON (line {line}, column {column}: {reason})", line=error.lineno,
                                 column=error.colno, reason=reason)]) from None
    except RecursionError:
        raise PlanFileError([msg("is nested too deeply to be a plan")]) from None
    except ValueError:
        raise PlanFileError([msg("contains a number too long to read")]) from None


_NOT_UTF8 = msg("is not a Sales Planner plan (it is not UTF-8 text)")


def _read_carefully(content: str | bytes) -> Plan:
    if isinstance(content, bytes):
        if not content.strip():
            raise PlanFileError([msg("is empty")])
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanFileError([_NOT_UTF8]) from None
    if not content.strip():
        raise PlanFileError([msg("is empty")])
    if "\x00" in content:  # UTF-16 or UTF-32 without a byte-order mark decodes as UTF-8 full of NULs
        raise PlanFileError([_NOT_UTF8])
    raw = _parse(content)
    reader = _Reader()
    complete = True
    try:
        plan = _read_plan(reader, raw)
    except _TooManyProblemsError:
        plan, complete = None, False
    except RecursionError:
        raise PlanFileError([msg("is nested too deeply to be a plan")]) from None
    if plan is None:
        raise PlanFileError([describe(problem, raw) for problem in reader.problems],
                            places=[problem.path for problem in reader.problems], total=reader.count,
                            complete=complete)
    return plan


def loads_plan(content: str | bytes) -> Plan:
    """Parse and validate a plan; raises ``PlanFileError`` naming the first problem."""
    _refuse_if_too_many_values(content)
    try:
        plan = read_fast(content[3:] if isinstance(content, bytes) and content.startswith(b"\xef\xbb\xbf") else
                         content)
        return plan if plan is not None else _read_carefully(content)
    except MemoryError:
        raise PlanFileError([msg("is too large to read with the memory this computer has free")]) from None


def load_plan(path: str | os.PathLike[str]) -> Plan:
    """Read a plan file. Errors name the file, the place and the reason in one sentence.

    Only a regular file is read (a named pipe or a device would hang the reader or never end)."""
    path = Path(path)
    limit = MAX_FILE_BYTES // 2**20
    try:
        with open_regular(path) as stream:
            content = stream.read(MAX_FILE_BYTES + 1)
    except NotARegularFileError as error:
        raise PlanFileError([msg("{file}: is {kind}, not a plan file", file=path.name, kind=error.kind)]) from None
    except FileNotFoundError:
        raise PlanFileError([msg("{file}: no such file", file=str(path))]) from None
    except MemoryError:
        raise PlanFileError([msg("{file}: is too large to read with the memory this computer has free",
                                 file=path.name)]) from None
    except OSError as error:
        raise PlanFileError([msg("{file}: cannot be read ({reason})", file=path.name,
                                 reason=error.strerror or str(error))]) from None
    if len(content) > MAX_FILE_BYTES:
        raise PlanFileError([msg("{file}: is larger than {limit} MB, too large for a plan", file=path.name,
                                 limit=limit)])
    try:
        return loads_plan(content)
    except PlanFileError as error:
        raise error.in_file(path.name) from None
