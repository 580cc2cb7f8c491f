"""The teams of an imported roster: named by a team column, or formed from its market columns when it
has none, and — only when the user asks — matched to the open plan's teams by name (README, "Roster
import").

A new plan holds the teams its roster names, each with the default market profile; the open plan's
teams (``candidates``) are used only for names the roster has, so an import never brings in an empty
team it does not mention, nor another plan's market figures unless chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from salesplanner.i18n import Text, msg
from salesplanner.model import Team, TeamId, team_problems
from salesplanner.roster.columns import MARKET_FIELDS, ColumnMapping, Field
from salesplanner.roster.files import RosterTable

NAME_SEPARATOR = " · "
"""Between the market values of a formed team's name: "SMB · Nordics"."""

Problem = Callable[[Field, Text], object]
"""Records a problem (or a warning) of the current row in a column."""


class RosterTeams:
    """The plan's teams as the rows name them, created (or taken from ``candidates``) on first use."""

    def __init__(self, candidates: Iterable[Team], fresh_id: Callable[[], str], taken: set[str]) -> None:
        self.candidates = {team.id: team for team in candidates}
        self.candidate_names = {team.name.casefold(): team.id for team in self.candidates.values()}
        self.teams: dict[TeamId, Team] = {}
        self.names: dict[str, TeamId] = {}
        self.matched: set[TeamId] = set()
        """Candidates the roster used: kept with their markets."""
        self.formed: dict[tuple[str | None, ...], TeamId] = {}
        self._fresh_id = fresh_id
        self._taken = taken

    def _adopt(self, team_id: TeamId) -> Team:
        team = self.teams[team_id] = self.candidates[team_id]
        self.names.setdefault(team.name.casefold(), team.id)
        self.matched.add(team_id)
        self._taken.add(team_id)
        return team

    def _create(self, team: Team, problem: Problem) -> Team | None:
        checks = team_problems(team)
        if checks:
            field_name, reason = checks[0]
            problem({"name": Field.TEAM, "id": Field.TEAM_ID}.get(field_name) or Field(field_name), reason)
            return None
        self.teams[team.id] = team
        self.names.setdefault(team.name.casefold(), team.id)
        self._taken.add(team.id)
        return team

    def named(self, name: str | None, team_id: str | None, market: Sequence[str | None],
              problem: Problem, warn: Problem) -> Team | None:
        """The team a row names by id or name (case-insensitively); its market from the row's market
        columns, the first row's value winning (a later different one is a warning)."""
        known: TeamId | None = None
        if team_id is not None:
            if team_id in self.teams:
                known = TeamId(team_id)
            elif team_id in self.candidates:
                known = self._adopt(TeamId(team_id)).id
        elif name is not None:
            key = name.casefold()
            known = self.names.get(key)
            if known is None and key in self.candidate_names:
                known = self._adopt(self.candidate_names[key]).id
        segment, product_line, geography = market
        if known is None:
            if team_id is not None and team_id in self._taken:
                problem(Field.TEAM_ID, f'"{team_id}" is already used by a person or opening')
                return None
            new_id = TeamId(team_id or self._fresh_id())
            return self._create(Team(new_id, name or new_id, segment=segment, product_line=product_line,
                                     geography=geography), problem)
        team = self.teams[known]
        if (segment, product_line, geography) == (team.segment, team.product_line, team.geography):
            return team  # the common case: the row repeats what the team's first row said
        kept = []
        for field, value in zip(MARKET_FIELDS, market, strict=True):
            current = getattr(team, field.value)
            if value is not None and current is not None and value != current:
                warn(field, f'{team.name} is already "{current}"; "{value}" is ignored')
            kept.append(value if current is None else current)
        if kept != [team.segment, team.product_line, team.geography]:
            team = self.teams[known] = replace(team, segment=kept[0], product_line=kept[1], geography=kept[2])
        return team

    def of_market(self, market: Sequence[str | None], problem: Problem) -> Team | None:
        """The team formed for a market (segment × product line × geography), created on first use and
        named after it ("SMB · Nordics"); None when the row names no market."""
        if not any(market):
            return None
        key = tuple(value.casefold() if value else None for value in market)
        if key in self.formed:
            return self.teams[self.formed[key]]
        name = NAME_SEPARATOR.join(value for value in market if value)
        if name.casefold() in self.candidate_names:
            team = self._adopt(self.candidate_names[name.casefold()])
        else:
            segment, product_line, geography = market
            created = self._create(Team(TeamId(self._fresh_id()), name, segment=segment, product_line=product_line,
                                        geography=geography), problem)
            if created is None:
                return None
            team = created
        self.formed[key] = team.id
        return team


def market_differs_within_teams(table: RosterTable, mapping: ColumnMapping,
                                texts: Callable[[int], list[str | None]]) -> list[tuple[int, Text]]:
    """Market columns whose values differ between rows of one team — a person's own region, say, not
    the team's market — each with an example for the sentence that says so ("Nordic Enterprise: Sweden
    and Norway"). ``texts(column)`` gives a column's cells as text."""
    team_column = mapping.column_of(Field.TEAM_ID)
    if team_column is None:
        team_column = mapping.column_of(Field.TEAM)
    if team_column is None:
        return []
    team_cells = texts(team_column)
    differing: list[tuple[int, Text]] = []
    for field in MARKET_FIELDS:
        column = mapping.column_of(field)
        if column is None:
            continue
        seen: dict[str, tuple[str, str]] = {}
        for team, value in zip(team_cells, texts(column), strict=True):
            if team is None or value is None:
                continue
            first = seen.setdefault(team.casefold(), (team, value))
            if first[1].casefold() != value.casefold():
                differing.append((column, msg("{team}: {one} and {other}", team=first[0], one=first[1],
                                                  other=value)))
                break
    return differing


def market_labels(table: RosterTable, mapping: ColumnMapping) -> list[str]:
    """The headers of the market columns in use, in market order ("Segment", "Region")."""
    return [table.headers[column] for field in MARKET_FIELDS
            if (column := mapping.column_of(field)) is not None]


def join_words(words: Sequence[str], conjunction: str = "and") -> Text:
    """"Segment", "Segment and Region", "Segment, Product or Region", in the language in force."""
    if len(words) <= 1:
        return "".join(words)
    first, last = ", ".join(words[:-1]), words[-1]
    if conjunction == "or":
        return msg("{first} or {last}", first=first, last=last)
    return msg("{first} and {last}", first=first, last=last)
