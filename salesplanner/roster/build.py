"""Roster import (README, "Roster import"): a CSV or XLSX of people becomes a new plan.

``read_roster`` (in ``roster.files``) reads the file into a ``RosterTable``; ``ColumnMapping.guess``
matches its columns to fields through ``COLUMN_ALIASES`` (``roster.columns``; the UI lets the user
change the result); ``build_plan_from_roster`` turns the rows into people, openings and teams.

Good rows import; a row with a bad value is left out and reported with its spreadsheet row number,
column and reason (``row 7, column FTE: must be greater than 0``); a row imported with a caveat (an
unknown job title lands on the bench) is reported as a warning; what the import decided for the whole
file ("formed 6 teams from Segment and Region") is a note. Nothing is dropped silently. The value
rules are the model's own (``person_problems`` …), so an imported plan always saves and loads.

Roles come from the Role column, else from the job title, through ``roles.role_from_title`` unless the
user chose a title's role (``titles``); the job title itself is kept on the person. Teams come from the
Team column, else are formed from the market columns (``roster.teams``).

The app's own export reads back: its Roster sheet has ``ID`` and ``Team id`` columns, which the import
honours, and ``open position`` rows become openings — same people, same ids, same assignments.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from types import MappingProxyType
from typing import TypeVar

from salesplanner.i18n import Message, Text, msg, msg_n
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
    opening_problems,
    person_problems,
)
from salesplanner.roles import DISPLAY_NAMES, Role, role_from_title, role_names, title_key
from salesplanner.roster.cells import DateColumn, NumberColumn, text
from salesplanner.roster.columns import (
    COLUMN_ALIASES,
    DATE_FIELDS,
    FIELD_LABELS,
    MARKET_FIELDS,
    NUMBER_FIELDS,
    SMALL_NUMBER_FIELDS,
    TEXT_FIELDS,
    ColumnMapping,
    Field,
)
from salesplanner.roster.files import MAX_ROWS, Cell, RosterTable, read_roster
from salesplanner.roster.naming import suggest_plan_name
from salesplanner.roster.teams import RosterTeams, join_words, market_differs_within_teams, market_labels
from salesplanner.roster.titles import TitleChoices

__all__ = ["COLUMN_ALIASES", "FIELD_LABELS", "MAX_ROWS", "ColumnMapping", "ColumnReader", "Field", "RosterImport",
           "RosterTable", "RowProblem", "build_plan_from_roster", "read_roster"]

STATUS_ALIASES: Mapping[str, str] = MappingProxyType({
    "active": "active", "employed": "active", "current": "active",
    "leaving": "leaving", "leaver": "leaving", "left": "leaving", "notice": "leaving", "resigned": "leaving",
    "open position": "opening", "opening": "opening", "open": "opening", "to hire": "opening",
    "hire": "opening", "vacancy": "opening", "tbh": "opening",
    # Danish, and the status words a Danish workbook of the app writes.
    "aktiv": "active", "ansat": "active", "fratræder": "leaving", "fratrædende": "leaving", "fratrådt": "leaving",
    "opsagt": "leaving", "åben stilling": "opening", "ledig stilling": "opening", "ny stilling": "opening",
    "stilling": "opening", "vakant": "opening",
})

SMALL_AMOUNT = 1_000
"""An annual cost below this, in any currency, is a misread number (``185.000`` read as 185) or a
monthly or thousands figure: the import says so once for the column."""

ROLE_NAMES = frozenset({title_key(name) for name in role_names()} | {role.value for role in Role})
"""Role-column texts that say no more than the role ("AE"): not kept as the person's job title."""

T = TypeVar("T", float, None)
ColumnReader = NumberColumn | DateColumn


def _parse_column(reader: ColumnReader, cells: list[Cell], *, ready: type) -> list[float | date | ValueError | None]:
    """A column's values parsed, a cell that does not parse kept as its ValueError (the row's problem).
    Cells of type ``ready`` (a spreadsheet's own numbers or dates) need no parsing: the common case."""
    parse = reader.parse
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


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row (or one of its values) did not import as it is."""

    row: int
    column: Text | None
    reason: Text

    def __str__(self) -> str:
        if self.column:
            return str(msg("row {row}, column {column}: {reason}", row=self.row, column=self.column,
                           reason=self.reason))
        return str(msg("row {row}: {reason}", row=self.row, reason=self.reason))


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
    notes: tuple[Message, ...] = ()
    """What the import decided for the whole file, said once ("formed 6 teams from Segment and Region")."""
    matched_teams: int = 0
    """Teams of the open plan that the roster's team names matched (kept with their markets)."""
    readers: Mapping[int, ColumnReader] = dataclass_field(default_factory=dict)
    """How each number and date column was read, by column index: a preview shows the values it gives."""

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

    def header(self, field: Field) -> Text:
        return self.headers.get(field) or FIELD_LABELS[field]

    def problem(self, field: Field | None, reason: Text) -> None:
        self.problems.append(RowProblem(self.row_number, self.header(field) if field else None, reason))

    def text(self, field: Field) -> str | None:
        column = self.texts.get(field)
        return None if column is None else column[self.index]

    def value(self, field: Field, default: T) -> float | date | T:
        """A number or date field's value (``default`` when blank); a bad one becomes a problem."""
        column = self.parsed.get(field)
        value = None if column is None else column[self.index]
        if isinstance(value, ValueError):
            reason = value.args[0] if value.args else ""
            self.problem(field, reason if isinstance(reason, Message) else str(value))
            return default
        return default if value is None else value


_PERSON_FIELDS = {"id": Field.ID, "name": Field.NAME, "email": Field.EMAIL, "location": Field.LOCATION,
                  "fte": Field.FTE,
                  "productivity": Field.PRODUCTIVITY, "annual_cost": Field.ANNUAL_COST,
                  "start_date": Field.START_DATE, "leave_date": Field.LEAVE_DATE, "status": Field.STATUS}


class _Builder:
    def __init__(self, table: RosterTable, mapping: ColumnMapping, teams: Iterable[Team],
                 titles: TitleChoices, quiet: set[Field]) -> None:
        self.table = table
        self.columns = {field: index for index, field in enumerate(mapping.fields) if field is not None}
        self.headers = {field: table.headers[index] for field, index in self.columns.items()}
        # Text fields converted column by column up front: a third of the time of a row by row pass.
        self.texts = {field: column_texts(table, index)
                      for field, index in self.columns.items() if field in TEXT_FIELDS}
        self.parsed: dict[Field, list[float | date | ValueError | None]] = {}
        self.readers: dict[int, ColumnReader] = {}
        for field, index in self.columns.items():
            if field in NUMBER_FIELDS or field in DATE_FIELDS:
                cells = [row[index] for row in table.rows]
                reader: ColumnReader = DateColumn(cells) if field in DATE_FIELDS else \
                    NumberColumn(cells, small=field in SMALL_NUMBER_FIELDS)
                self.readers[index] = reader
                self.parsed[field] = _parse_column(reader, cells, ready=date if field in DATE_FIELDS else float)
        self.role_field = Field.ROLE if Field.ROLE in self.columns else Field.TITLE
        self.title_field = Field.TITLE if Field.TITLE in self.columns else Field.ROLE
        self.titles = titles
        self.roles: dict[str, tuple[Role | None, bool]] = {}
        """Titles already looked up, with whether the user chose the role: a roster repeats a handful of
        titles thousands of times."""
        self.people: dict[PersonId, Person] = {}
        self.openings: dict[OpeningId, Opening] = {}
        self.assignments: dict[MemberId, Placement] = {}
        self.problems: list[RowProblem] = []
        self.warnings: list[RowProblem] = []
        self.has_team_column = Field.TEAM in mapping.fields or Field.TEAM_ID in mapping.fields
        self.market_teams = not self.has_team_column and any(field in self.columns for field in MARKET_FIELDS)
        self.market_words = join_words(market_labels(table, mapping), "or")
        self.taken: set[str] = {"s-today"}
        if Field.ID in self.columns:  # ids the file gives are reserved before any is generated
            self.reserved = {t for row in table.rows if (t := text(row[self.columns[Field.ID]]))}
        else:
            self.reserved = set()
        self.teams = RosterTeams(teams, lambda: self.fresh_id("t"), self.taken)
        self.quiet = quiet
        """Market fields whose differences within a team are said once, not on each row."""

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
            row.problem(Field.ID, msg('"{id}" is already used by another row or team', id=member_id))
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
            fields = {**_PERSON_FIELDS, "title": Field.NAME}  # an opening's title is its name
            checks = opening_problems(member)
        else:
            if status is None:  # no status given: a leave date says the person is leaving
                status = "leaving" if leave is not None else "active"
            member = Person(PersonId(member_id or self.fresh_id("p")), name, email=row.text(Field.EMAIL),
                            location=row.text(Field.LOCATION), status=Status(status), fte=fte,
                            productivity=productivity, start_date=start, leave_date=leave, annual_cost=cost,
                            title=self.job_title(row))
            fields = {**_PERSON_FIELDS, "title": self.title_field}
            checks = person_problems(member)
        for field_name, reason in checks:
            row.problem(fields.get(field_name), reason)
        return None if row.problems else member

    def job_title(self, row: _Row) -> str | None:
        """The job title as written; a Role column's text only when it says more than a role ("AE")."""
        title = row.text(self.title_field)
        if title is None or (self.title_field is Field.ROLE and title_key(title) in ROLE_NAMES):
            return None
        return title

    def status(self, row: _Row) -> str | None:
        raw = row.text(Field.STATUS)
        if raw is None:
            return None
        status = STATUS_ALIASES.get(raw) or STATUS_ALIASES.get(" ".join(raw.lower().split()))
        if status is None:
            row.problem(Field.STATUS, msg('"{status}" is not a status (active, leaving or open position)', status=raw))
        return status

    def role(self, title: str) -> tuple[Role | None, bool]:
        """The title's role and whether the user chose it (``titles``), else the matcher's."""
        found = self.roles.get(title)
        if found is None:
            key = title_key(title)
            found = self.roles[title] = (self.titles[key], True) if key in self.titles else \
                (role_from_title(title), False)
        return found

    def placement(self, row: _Row) -> Placement | None:
        """The (team, role) the row asks for; None for the bench. Creates the team when it is new."""
        title = row.text(self.role_field)
        role: Role | None = None
        if title is not None:
            role, chosen = self.role(title)
            if role is None and not chosen:
                self.warn(row, self.role_field, msg('"{title}" is not a known role; imported on the bench',
                                                    title=title))
        market = [row.text(field) for field in MARKET_FIELDS]
        team: Team | None
        if self.market_teams:
            team = self.teams.of_market(market, row.problem)
            if team is None:
                if role is not None:
                    self.warn(row, next(f for f in MARKET_FIELDS if f in self.columns),
                              msg("no {market}; imported on the bench instead of as {role}", market=self.market_words,
                                  role=DISPLAY_NAMES[role]))
                return None
        else:
            team_name, team_id = row.text(Field.TEAM), row.text(Field.TEAM_ID)
            if team_name is None and team_id is None:
                if role is not None and self.has_team_column:
                    self.warn(row, Field.TEAM, msg("no team; imported on the bench instead of as {role}",
                                                   role=DISPLAY_NAMES[role]))
                return None
            team = self.teams.named(team_name, team_id, market, row.problem, lambda field, reason: (
                None if field in self.quiet else self.warn(row, field, reason)))
        if team is None:
            return None
        if role is None:
            if title is None:
                self.warn(row, self.role_field, msg("no role; imported on the bench instead of in {team}",
                                                    team=team.name))
            return None
        return Placement(team.id, role)

    def warn(self, row: _Row, field: Field, reason: Text) -> None:
        self.warnings.append(RowProblem(row.row_number, row.header(field), reason))

    def small_amounts(self) -> RowProblem | None:
        """One warning for a cost column whose amounts are too small to be annual costs."""
        column = self.parsed.get(Field.ANNUAL_COST)
        if column is None:
            return None
        small = [index for index, value in enumerate(column) if type(value) is float and 0 < value < SMALL_AMOUNT]
        if not small:
            return None
        amounts = sum(1 for value in column if type(value) is float and value > 0)
        first = small[0]
        raw = self.table.rows[first][self.columns[Field.ANNUAL_COST]]
        value = column[first]
        assert isinstance(value, float)
        shown = msg('"{raw}" reads as {value}', raw=raw, value=value) if isinstance(raw, str) else msg("{value}",
                                                                                                      value=value)
        return RowProblem(self.table.row_numbers[first], self.headers[Field.ANNUAL_COST],
                          msg("{n} of {amounts} amounts are below {limit} ({shown}), small for annual costs; check "
                              "that the column holds whole yearly amounts", n=len(small), amounts=amounts,
                              limit=SMALL_AMOUNT, shown=shown))


def column_texts(table: RosterTable, column: int) -> list[str | None]:
    """A column's cells as text, exactly as written (``cells.text``), None for a blank."""
    return [(value if value.strip() else None) if type(value) is str else text(value)
            for value in (row[column] for row in table.rows)]


def _markets_within_teams(table: RosterTable,
                          mapping: ColumnMapping) -> tuple[ColumnMapping, list[Message], set[Field]]:
    """Market columns whose values differ within a team, each said once rather than on every row. A
    region that differs describes people, not the team: it is read as their location (or, when a column
    already holds the location, left out). A segment or product line keeps the team's first row's value.
    Returns the mapping to build with, the sentences, and the fields whose row-by-row differences to
    leave unsaid."""
    notes: list[Message] = []
    quiet: set[Field] = set()
    for column, example in market_differs_within_teams(table, mapping, lambda index: column_texts(table, index)):
        header, field = table.headers[column], mapping.fields[column]
        assert field is not None
        if field is not Field.GEOGRAPHY:
            quiet.add(field)
            notes.append(msg("{header} differs within teams ({example}); each team keeps its first row's "
                             "{field:lower}", header=header, example=example, field=FIELD_LABELS[field]))
        elif Field.LOCATION in mapping.fields:
            mapping = mapping.with_field(column, None)
            notes.append(msg("{header} differs within teams ({example}), so it is not used as the teams' geography",
                             header=header, example=example))
        else:
            mapping = mapping.with_field(column, Field.LOCATION)
            notes.append(msg("{header} differs within teams ({example}), so it is read as each person's location",
                             header=header, example=example))
    return mapping, notes, quiet


def build_plan_from_roster(table: RosterTable, mapping: ColumnMapping | None = None, *,
                           name: str | None = None, as_of: date | None = None, currency: str = "EUR",
                           teams: Iterable[Team] = (), titles: TitleChoices | None = None) -> RosterImport:
    """A new plan with one baseline scenario, "Today", holding the roster's people, openings and teams.

    Its teams are the ones the roster names (or forms from its market columns), each with the default
    market profile — except that a name matching one of ``teams`` (by id, or by name case-insensitively)
    takes that team, with its market: the user's choice to match the open plan. ``titles`` are the
    user's roles for job titles (by ``roles.title_key``), over the matcher's. ``name`` defaults to the
    company the roster belongs to (``naming.suggest_plan_name``). Raises ``PlanError`` only when no
    column holds the name; everything else is reported per row.
    """
    mapping = mapping or ColumnMapping.guess(table.headers)
    if len(mapping.fields) != len(table.headers):
        raise PlanError(msg("the column mapping does not fit the table (different number of columns)"))
    if Field.NAME not in mapping.fields:
        raise PlanError(msg(
            "{file}: no column holds the name (expected one such as {name})",
            file=table.source, name=', '.join(repr(a.title()) for a in COLUMN_ALIASES[Field.NAME][:2])))
    ignored = tuple(table.headers[index] for index in mapping.ignored())
    mapping, notes, quiet = _markets_within_teams(table, mapping)
    builder = _Builder(table, mapping, teams, titles or {}, quiet)
    if not builder.has_team_column and not builder.market_teams and table.rows:
        # Said once, on the header row, rather than on every row.
        builder.warnings.append(RowProblem(1, None, msg("no column holds the team or its market (segment, product "
                                                        "line or geography), so everyone is imported on the bench")))
    small = builder.small_amounts()
    if small is not None:
        builder.warnings.append(small)
    for index in range(len(table.rows)):
        builder.add(index)
    plan_teams = builder.teams.teams
    if builder.market_teams:
        count = len(builder.teams.formed)
        notes.insert(0, msg_n("formed {n} team from {columns}", "formed {n} teams from {columns}", n=count,
                              columns=join_words(market_labels(table, mapping))))
    scenario = Scenario(ScenarioId("s-today"), "Today", teams=plan_teams, openings=builder.openings,
                        assignments=builder.assignments)
    plan = Plan(name=name or suggest_plan_name(table, mapping), scenarios={scenario.id: scenario},
                baseline=scenario.id, currency=currency, as_of=as_of or date.today(), people=builder.people)
    placed = len(builder.assignments)
    return RosterImport(
        plan=plan, problems=tuple(builder.problems), warnings=tuple(builder.warnings), ignored_columns=ignored,
        people=len(builder.people), openings=len(builder.openings), teams=len(plan_teams),
        on_bench=len(builder.people) + len(builder.openings) - placed, notes=tuple(notes),
        matched_teams=len(builder.teams.matched), readers=builder.readers)
