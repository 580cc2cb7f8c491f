"""Roster import (README, "Roster import"): a CSV or XLSX of people becomes a new plan.

``read_roster`` (in ``roster.files``) reads the file into a ``RosterTable``; ``ColumnMapping.guess``
matches its columns to fields through ``COLUMN_ALIASES`` (case-insensitively; the UI lets the user
change the result); ``build_plan_from_roster`` turns the rows into people, openings and teams.

Good rows import; a row with a bad value is left out and reported with its spreadsheet row number,
column and reason (``row 7, column FTE: must be greater than 0``); a row imported with a caveat (an
unknown job title lands on the bench) is reported as a warning. Nothing is dropped silently. The value
rules are the model's own (``person_problems`` …), so an imported plan always saves and loads.

The app's own export reads back: its Roster sheet has ``ID`` and ``Team id`` columns, which the import
honours, and ``open position`` rows become openings — same people, same ids, same assignments.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from salesplanner.model import (
    MemberId,
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
    opening_problems,
    person_problems,
    team_problems,
)
from salesplanner.roles import DISPLAY_NAMES, Role, role_from_title
from salesplanner.roster.cells import DateColumn, number, text
from salesplanner.roster.files import MAX_ROWS, Cell, RosterTable, read_roster

__all__ = ["COLUMN_ALIASES", "MAX_ROWS", "ColumnMapping", "Field", "RosterImport", "RosterTable", "RowProblem",
           "build_plan_from_roster", "read_roster"]


class Field(StrEnum):
    """What a roster column can hold."""

    ID = "id"
    NAME = "name"
    EMAIL = "email"
    LOCATION = "location"
    ROLE = "role"
    TEAM = "team"
    TEAM_ID = "team_id"
    SEGMENT = "segment"
    PRODUCT_LINE = "product_line"
    GEOGRAPHY = "geography"
    FTE = "fte"
    PRODUCTIVITY = "productivity"
    START_DATE = "start_date"
    LEAVE_DATE = "leave_date"
    ANNUAL_COST = "annual_cost"
    STATUS = "status"


FIELD_LABELS: Mapping[Field, str] = MappingProxyType({
    Field.ID: "ID", Field.NAME: "Name", Field.EMAIL: "Email", Field.LOCATION: "Location",
    Field.ROLE: "Role", Field.TEAM: "Team", Field.TEAM_ID: "Team id", Field.SEGMENT: "Segment",
    Field.PRODUCT_LINE: "Product line", Field.GEOGRAPHY: "Geography", Field.FTE: "FTE",
    Field.PRODUCTIVITY: "Productivity", Field.START_DATE: "Start date", Field.LEAVE_DATE: "Leave date",
    Field.ANNUAL_COST: "Annual cost", Field.STATUS: "Status",
})

COLUMN_ALIASES: Mapping[Field, tuple[str, ...]] = MappingProxyType({
    Field.ID: ("id", "person id", "employee id", "employee number", "member id"),
    Field.NAME: ("name", "full name", "employee", "employee name", "person", "rep", "rep name"),
    Field.EMAIL: ("email", "e-mail", "email address", "e-mail address", "mail", "work email"),
    Field.LOCATION: ("location", "office", "city", "home location"),
    Field.ROLE: ("role", "title", "job title", "position", "job", "sales role"),
    Field.TEAM: ("team", "team name", "sales team"),
    Field.TEAM_ID: ("team id",),
    Field.SEGMENT: ("segment", "market segment", "customer segment"),
    Field.PRODUCT_LINE: ("product line", "product", "products"),
    Field.GEOGRAPHY: ("geography", "geo", "region", "territory", "market"),
    Field.FTE: ("fte", "ftes", "full-time equivalent", "full time equivalent"),
    Field.PRODUCTIVITY: ("productivity", "productivity factor", "multiplier"),
    Field.START_DATE: ("start date", "start", "hire date", "started", "joined", "date joined", "start day"),
    Field.LEAVE_DATE: ("leave date", "end date", "leaving date", "exit date", "last day", "termination date"),
    Field.ANNUAL_COST: ("annual cost", "cost", "salary", "annual salary", "yearly cost", "total cost"),
    Field.STATUS: ("status", "employment status"),
})
"""Column names (normalised by ``normalise_header``) that mean each field: the one alias table."""

STATUS_ALIASES: Mapping[str, str] = MappingProxyType({
    "active": "active", "employed": "active", "current": "active",
    "leaving": "leaving", "leaver": "leaving", "left": "leaving", "notice": "leaving", "resigned": "leaving",
    "open position": "opening", "opening": "opening", "open": "opening", "to hire": "opening",
    "hire": "opening", "vacancy": "opening", "tbh": "opening",
})

NUMBER_FIELDS = frozenset({Field.FTE, Field.PRODUCTIVITY, Field.ANNUAL_COST})
DATE_FIELDS = frozenset({Field.START_DATE, Field.LEAVE_DATE})
T = TypeVar("T", float, None)


def _parse_column(parse: Callable[[Cell], float | date | None], cells: list[Cell], *,
                  ready: type) -> list[float | date | ValueError | None]:
    """A column's values parsed, a cell that does not parse kept as its ValueError (the row's problem).
    Cells of type ``ready`` (a spreadsheet's own numbers or dates) need no parsing: the common case."""
    parsed: list[float | date | ValueError | None] = []
    append = parsed.append
    for cell in cells:
        if cell is None or type(cell) is ready:
            append(cell)  # type: ignore[arg-type]  # ready is float or date
            continue
        try:
            append(parse(cell))
        except ValueError as error:
            append(error)
    return parsed


_MARKET_FIELDS = (Field.SEGMENT, Field.PRODUCT_LINE, Field.GEOGRAPHY)
TEXT_FIELDS = frozenset({Field.ID, Field.NAME, Field.EMAIL, Field.LOCATION, Field.ROLE, Field.TEAM, Field.TEAM_ID,
                         Field.SEGMENT, Field.PRODUCT_LINE, Field.GEOGRAPHY, Field.STATUS})

_UNITS = re.compile(r"\s*\([^)]*\)\s*$")


def normalise_header(header: str) -> str:
    """Lower case, ``_`` and ``-`` as spaces, a trailing unit such as ``(EUR)`` dropped."""
    cleaned = _UNITS.sub("", header).replace("_", " ").replace("-", " ").lower()
    return " ".join(cleaned.split())


_ALIAS_FIELD = {normalise_header(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in aliases}


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which field each column of a table holds (None: ignored). Each field is held by at most one column."""

    fields: tuple[Field | None, ...]

    @classmethod
    def guess(cls, headers: Sequence[str]) -> ColumnMapping:
        """Match the headers through the alias table; a second column for the same field is ignored."""
        taken: set[Field] = set()
        fields: list[Field | None] = []
        for header in headers:
            field = _ALIAS_FIELD.get(normalise_header(header))
            if field in taken:
                field = None
            if field is not None:
                taken.add(field)
            fields.append(field)
        return cls(tuple(fields))

    def with_field(self, column: int, field: Field | None) -> ColumnMapping:
        """This mapping with ``column`` holding ``field`` (and no other column holding it)."""
        fields = [None if field is not None and current is field else current for current in self.fields]
        fields[column] = field
        return ColumnMapping(tuple(fields))

    def column_of(self, field: Field) -> int | None:
        return self.fields.index(field) if field in self.fields else None

    def ignored(self) -> tuple[int, ...]:
        return tuple(index for index, field in enumerate(self.fields) if field is None)


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row (or one of its values) did not import as it is."""

    row: int
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RosterImport:
    plan: Plan
    problems: tuple[RowProblem, ...]
    """Rows that were not imported, with every reason."""
    warnings: tuple[RowProblem, ...]
    """Rows that were imported with a caveat (for instance on the bench for an unknown role)."""
    ignored_columns: tuple[str, ...]
    people: int
    openings: int
    teams: int
    on_bench: int

    @property
    def rows_with_problems(self) -> int:
        return len({problem.row for problem in self.problems})


class _Row:
    """One data row, read field by field; every bad value is collected as a problem of the row."""

    __slots__ = ("headers", "index", "parsed", "problems", "row_number", "texts")

    def __init__(self, builder: _Builder, index: int) -> None:
        self.index = index
        self.row_number = builder.table.row_numbers[index]
        self.texts = builder.texts
        self.parsed = builder.parsed
        self.headers = builder.headers
        self.problems: list[RowProblem] = []

    def header(self, field: Field) -> str:
        return self.headers.get(field) or FIELD_LABELS[field]

    def problem(self, field: Field | None, reason: str) -> None:
        self.problems.append(RowProblem(self.row_number, self.header(field) if field else None, reason))

    def text(self, field: Field) -> str | None:
        column = self.texts.get(field)
        return None if column is None else column[self.index]

    def value(self, field: Field, default: T) -> float | date | T:
        """A number or date field's value (``default`` when blank); a bad one becomes a problem."""
        column = self.parsed.get(field)
        value = None if column is None else column[self.index]
        if isinstance(value, ValueError):
            self.problem(field, str(value))
            return default
        return default if value is None else value


_PERSON_FIELDS = {"id": Field.ID, "name": Field.NAME, "email": Field.EMAIL, "location": Field.LOCATION,
                  "fte": Field.FTE,
                  "productivity": Field.PRODUCTIVITY, "annual_cost": Field.ANNUAL_COST,
                  "start_date": Field.START_DATE, "leave_date": Field.LEAVE_DATE, "status": Field.STATUS,
                  "title": Field.NAME}


class _Builder:
    def __init__(self, table: RosterTable, mapping: ColumnMapping, teams: Iterable[Team]) -> None:
        self.table = table
        self.columns = {field: index for index, field in enumerate(mapping.fields) if field is not None}
        self.headers = {field: table.headers[index] for field, index in self.columns.items()}
        # Text fields converted column by column up front: a third of the time of a row by row pass.
        self.texts = {field: [(value if value.strip() else None) if type(value) is str else text(value)
                              for value in (row[index] for row in table.rows)]
                      for field, index in self.columns.items() if field in TEXT_FIELDS}
        self.parsed: dict[Field, list[float | date | ValueError | None]] = {}
        for field, index in self.columns.items():
            if field in NUMBER_FIELDS:
                self.parsed[field] = _parse_column(number, [row[index] for row in table.rows], ready=float)
            elif field in DATE_FIELDS:
                cells = [row[index] for row in table.rows]
                self.parsed[field] = _parse_column(DateColumn(cells).parse, cells, ready=date)
        self.roles: dict[str, Role | None] = {}
        """Titles already looked up: a roster repeats a handful of titles thousands of times."""
        self.teams: dict[TeamId, Team] = {team.id: team for team in teams}
        self.team_names = {team.name.casefold(): team.id for team in self.teams.values()}
        self.people: dict[PersonId, Person] = {}
        self.openings: dict[OpeningId, Opening] = {}
        self.assignments: dict[MemberId, Placement] = {}
        self.problems: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        self.has_team_column = Field.TEAM in mapping.fields or Field.TEAM_ID in mapping.fields
        self.taken: set[str] = {"s-today", *self.teams}
        if Field.ID in self.columns:  # ids the file gives are reserved before any is generated
            self.reserved = {t for row in table.rows if (t := text(row[self.columns[Field.ID]]))}
        else:
            self.reserved = set()

    def fresh_id(self, prefix: str) -> str:
        """A random id like the app's own (``p-7f3a9c21``), not used in the plan nor in the file."""
        while True:
            candidate = f"{prefix}-{secrets.token_hex(4)}"
            if candidate not in self.taken and candidate not in self.reserved:
                return candidate

    def add(self, index: int) -> None:
        """Import row ``index`` of the table, or record why not. Its team is created only once the row is good."""
        row = _Row(self, index)
        member = self.member(row)
        placement = self.placement(row) if member is not None and not row.problems else None
        if member is None or row.problems:
            self.problems += row.problems
            return
        self.taken.add(member.id)
        if isinstance(member, Opening):
            self.openings[member.id] = member
        else:
            self.people[member.id] = member
        if placement is not None:
            self.assignments[member.id] = placement

    def member(self, row: _Row) -> Person | Opening | None:
        """The row's person or opening, checked by the model's own rules; None when a value is bad."""
        status = self.status(row)
        member_id = row.text(Field.ID)
        if member_id is not None and member_id in self.taken:
            row.problem(Field.ID, f'"{member_id}" is already used by another row or team')
        fte = row.value(Field.FTE, 1.0)
        productivity = row.value(Field.PRODUCTIVITY, 1.0)
        cost = row.value(Field.ANNUAL_COST, None)
        start = row.value(Field.START_DATE, None)
        leave = row.value(Field.LEAVE_DATE, None)
        name = row.text(Field.NAME) or ""
        if row.problems:
            return None
        assert isinstance(fte, float) and isinstance(productivity, float)
        assert (cost is None or isinstance(cost, float)) and not isinstance(start, float | int)
        assert not isinstance(leave, float | int)
        member: Person | Opening
        if status == "opening":
            member = Opening(OpeningId(member_id or self.fresh_id("o")), name, start_date=start, fte=fte,
                             annual_cost=cost)
            checks = opening_problems(member)
        else:
            if status is None:  # no status given: a leave date says the person is leaving
                status = "leaving" if leave is not None else "active"
            member = Person(PersonId(member_id or self.fresh_id("p")), name, email=row.text(Field.EMAIL),
                            location=row.text(Field.LOCATION), status=Status(status), fte=fte,
                            productivity=productivity, start_date=start, leave_date=leave, annual_cost=cost)
            checks = person_problems(member)
        for field_name, reason in checks:
            row.problem(_PERSON_FIELDS.get(field_name), reason)
        return None if row.problems else member

    def status(self, row: _Row) -> str | None:
        raw = row.text(Field.STATUS)
        if raw is None:
            return None
        status = STATUS_ALIASES.get(raw) or STATUS_ALIASES.get(" ".join(raw.lower().split()))
        if status is None:
            row.problem(Field.STATUS, f'"{raw}" is not a status (active, leaving or open position)')
        return status

    def placement(self, row: _Row) -> Placement | None:
        """The (team, role) the row asks for; None for the bench. Creates the team when it is new."""
        title = row.text(Field.ROLE)
        team_name, team_id = row.text(Field.TEAM), row.text(Field.TEAM_ID)
        role: Role | None = None
        if title is not None:
            if title not in self.roles:
                self.roles[title] = role_from_title(title)
            role = self.roles[title]
            if role is None:
                self.warn(row, Field.ROLE, f'"{title}" is not a known role; imported on the bench')
        if team_name is None and team_id is None:
            if role is not None and self.has_team_column:
                self.warn(row, Field.TEAM, f"no team; imported on the bench instead of as {DISPLAY_NAMES[role]}")
            return None
        team = self.team(row, team_name, team_id)
        if team is None:
            return None
        if role is None:
            if title is None:
                self.warn(row, Field.ROLE, f"no role; imported on the bench instead of in {team.name}")
            return None
        return Placement(team.id, role)

    def warn(self, row: _Row, field: Field, reason: str) -> None:
        self.warnings.append(RowProblem(row.row_number, row.header(field), reason))

    def team(self, row: _Row, name: str | None, team_id: str | None) -> Team | None:
        known = TeamId(team_id) if team_id is not None and team_id in self.teams else None
        if known is None and team_id is None and name is not None:
            known = self.team_names.get(name.casefold())
        segment, product_line, geography = (row.text(field) for field in _MARKET_FIELDS)
        if known is None:
            new_id = team_id or self.fresh_id("t")
            if team_id is not None and (team_id in self.taken or team_id in self.people):
                row.problem(Field.TEAM_ID, f'"{team_id}" is already used by a person or opening')
                return None
            team = Team(TeamId(new_id), name or new_id, segment=segment, product_line=product_line,
                        geography=geography)
            checks = team_problems(team)
            if checks:
                field_name, reason = checks[0]
                row.problem({"name": Field.TEAM, "id": Field.TEAM_ID}.get(field_name) or Field(field_name), reason)
                return None
            self.teams[team.id] = team
            self.team_names.setdefault(team.name.casefold(), team.id)
            self.taken.add(team.id)
            return team
        team = self.teams[known]
        if (segment, product_line, geography) == (team.segment, team.product_line, team.geography):
            return team  # the common case: the row repeats what the team's first row said
        updates: dict[str, str] = {}
        for key, value in (("segment", segment), ("product_line", product_line), ("geography", geography)):
            current = getattr(team, key)
            if value is None or value == current:
                continue
            if current is None:
                updates[key] = value
            else:
                self.warn(row, Field(key), f'{team.name} is already "{current}"; "{value}" is ignored')
        if updates:
            team = self.teams[known] = replace(
                team, segment=updates.get("segment", team.segment),
                product_line=updates.get("product_line", team.product_line),
                geography=updates.get("geography", team.geography))
        return team


def build_plan_from_roster(table: RosterTable, mapping: ColumnMapping | None = None, *,
                           name: str | None = None, as_of: date | None = None, currency: str = "EUR",
                           teams: Iterable[Team] = ()) -> RosterImport:
    """A new plan with one baseline scenario, "Today", holding the roster's people, openings and teams.

    ``teams`` are matched first (by id, or by name case-insensitively) and kept with their markets;
    other team names create teams with the default market profile. Raises ``PlanError`` only when no
    column holds the name; everything else is reported per row.
    """
    mapping = mapping or ColumnMapping.guess(table.headers)
    if len(mapping.fields) != len(table.headers):
        raise PlanError("the column mapping does not fit the table (different number of columns)")
    if Field.NAME not in mapping.fields:
        raise PlanError(f"{table.source}: no column holds the name (expected one such as "
                        f"{', '.join(repr(a.title()) for a in COLUMN_ALIASES[Field.NAME][:2])})")
    builder = _Builder(table, mapping, teams)
    if not builder.has_team_column and table.rows:
        # Said once, on the header row, rather than on every row.
        dropped = [FIELD_LABELS[field] for field in (Field.SEGMENT, Field.PRODUCT_LINE, Field.GEOGRAPHY)
                   if field in mapping.fields]
        unused = f"; {', '.join(dropped)} {'is' if len(dropped) == 1 else 'are'} not used without a team" \
            if dropped else ""
        builder.warnings.append(RowProblem(1, None, "no column holds the team, so everyone is imported on the bench"
                                           + unused))
    for index in range(len(table.rows)):
        builder.add(index)
    scenario = Scenario(ScenarioId("s-today"), "Today", teams=builder.teams, openings=builder.openings,
                        assignments=builder.assignments)
    plan = Plan(name=name or Path(table.source).stem or "Imported roster", scenarios={scenario.id: scenario},
                baseline=scenario.id, currency=currency, as_of=as_of or date.today(), people=builder.people)
    placed = len(builder.assignments)
    return RosterImport(
        plan=plan, problems=tuple(builder.problems), warnings=tuple(builder.warnings),
        ignored_columns=tuple(table.headers[index] for index in mapping.ignored()),
        people=len(builder.people), openings=len(builder.openings), teams=len(builder.teams),
        on_bench=len(builder.people) + len(builder.openings) - placed)

