"""Which field of the plan each roster column holds: the fields, their one alias table, and the mapping the
import dialog edits (README, "Roster import")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from salesplanner.i18n import Message, msg


class Field(StrEnum):
    """What a roster column can hold."""

    ID = "id"
    NAME = "name"
    TITLE = "title"
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


FIELD_LABELS: Mapping[Field, Message] = MappingProxyType({
    Field.ID: msg("ID"), Field.NAME: msg("Name"), Field.TITLE: msg("Job title"), Field.EMAIL: msg("Email"),
    Field.LOCATION: msg("Location"), Field.ROLE: msg("Role"), Field.TEAM: msg("Team"), Field.TEAM_ID: msg("Team id"),
    Field.SEGMENT: msg("Segment"), Field.PRODUCT_LINE: msg("Product line"), Field.GEOGRAPHY: msg("Geography"),
    Field.FTE: msg("FTE"), Field.PRODUCTIVITY: msg("Productivity"), Field.START_DATE: msg("Start date"),
    Field.LEAVE_DATE: msg("Leave date"), Field.ANNUAL_COST: msg("Annual cost"), Field.STATUS: msg("Status"),
})

COLUMN_ALIASES: Mapping[Field, tuple[str, ...]] = MappingProxyType({
    Field.ID: ("id", "person id", "employee id", "employee number", "member id", "personnel number",
               "medarbejder id", "medarbejdernummer", "medarbejdernr", "personalenummer", "lønnummer"),
    Field.NAME: ("name", "full name", "employee", "employee name", "person", "rep", "rep name",
                 "navn", "fulde navn", "fuldt navn", "medarbejder", "medarbejdernavn"),
    Field.TITLE: ("job title", "title", "position", "job", "position title", "job name", "designation",
                  "stilling", "titel", "stillingsbetegnelse", "jobtitel", "stillingstitel"),
    Field.EMAIL: ("email", "e-mail", "email address", "e-mail address", "mail", "work email",
                  "e-mailadresse", "mailadresse", "arbejdsmail"),
    Field.LOCATION: ("location", "office", "city", "home location", "work location", "country",
                     "lokation", "kontor", "by", "arbejdssted", "land"),
    Field.ROLE: ("role", "sales role", "plan role", "rolle", "salgsrolle"),
    Field.TEAM: ("team", "team name", "sales team", "teamnavn", "salgsteam"),
    Field.TEAM_ID: ("team id",),
    Field.SEGMENT: ("segment", "market segment", "customer segment", "markedssegment", "kundesegment"),
    Field.PRODUCT_LINE: ("product line", "product", "products", "produktlinje", "produkt", "produkter"),
    Field.GEOGRAPHY: ("geography", "geo", "region", "territory", "market", "sales region",
                      "geografi", "område", "salgsområde", "marked"),
    Field.FTE: ("fte", "ftes", "full-time equivalent", "full time equivalent", "årsværk", "heltidsækvivalent"),
    Field.PRODUCTIVITY: ("productivity", "productivity factor", "multiplier", "produktivitet",
                         "produktivitetsfaktor"),
    Field.START_DATE: ("start date", "start", "hire date", "started", "joined", "date joined", "start day",
                       "entry date", "ansat", "ansættelsesdato", "startdato", "tiltrådt", "tiltrædelsesdato"),
    Field.LEAVE_DATE: ("leave date", "end date", "leaving date", "exit date", "last day", "termination date",
                       "fratrådt", "fratrædelsesdato", "fratræder", "slutdato", "sidste arbejdsdag"),
    Field.ANNUAL_COST: ("annual cost", "cost", "salary", "annual salary", "yearly cost", "total cost",
                        "base salary", "yearly salary", "løn", "årsløn", "omkostning", "årlig omkostning",
                        "lønomkostning", "grundløn", "samlet omkostning"),
    Field.STATUS: ("status", "employment status", "ansættelsesstatus"),
})
"""Column names (normalised by ``normalise_header``) that mean each field: the one alias table. A job
title column is the person's ``title`` and, when no column holds the plan's role, where the role is
read from (``roles.role_from_title``); the exported workbook has both, Role and Job title."""

MARKET_FIELDS = (Field.SEGMENT, Field.PRODUCT_LINE, Field.GEOGRAPHY)
"""The team's market, in the order a formed team's name lists them ("SMB · Nordics")."""
NUMBER_FIELDS = frozenset({Field.FTE, Field.PRODUCTIVITY, Field.ANNUAL_COST})
SMALL_NUMBER_FIELDS = frozenset({Field.FTE, Field.PRODUCTIVITY})
"""Numbers around 1: an ambiguous ``1.250`` in these is one and a quarter, not 1,250 (``cells.NumberColumn``)."""
DATE_FIELDS = frozenset({Field.START_DATE, Field.LEAVE_DATE})
TEXT_FIELDS = frozenset(Field) - NUMBER_FIELDS - DATE_FIELDS

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
    def guess(cls, headers: Sequence[str], remembered: Mapping[str, Field | None] | None = None) -> ColumnMapping:
        """Match the headers through the alias table — or ``remembered``, the user's earlier choice for a
        header (by ``normalise_header``) — a second column for the same field is ignored."""
        taken: set[Field] = set()
        fields: list[Field | None] = []
        for header in headers:
            key = normalise_header(header)
            field = remembered[key] if remembered is not None and key in remembered else _ALIAS_FIELD.get(key)
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

    def role_column(self) -> int | None:
        """The column roles are read from: the Role column, else the job title."""
        role = self.column_of(Field.ROLE)
        return role if role is not None else self.column_of(Field.TITLE)

    def choices(self, headers: Sequence[str]) -> dict[str, Field | None]:
        """The choices of this mapping that differ from the alias table's, by normalised header: what is
        worth remembering for the next import."""
        guessed = ColumnMapping.guess(headers).fields
        return {normalise_header(header): field
                for header, field, guess in zip(headers, self.fields, guessed, strict=True) if field is not guess}
