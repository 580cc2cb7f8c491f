"""Job titles of a roster and the roles they map to: the distinct titles the import dialog's Titles step
lists, and the explicit title → role file of ``salesplanner import --titles`` (README, "Roster import").

The matcher itself is ``roles.role_from_title`` (words, not exact names), shared by the dialog, the
command line and the import; an explicit choice, keyed by ``roles.title_key``, overrides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from salesplanner.i18n import msg
from salesplanner.model import PlanError
from salesplanner.roles import ALIASES, ROLE_ORDER, Role, role_from_title, role_names, title_key
from salesplanner.roster.cells import text
from salesplanner.roster.columns import ColumnMapping, normalise_header
from salesplanner.roster.files import RosterTable, read_roster

BENCH = "bench"
"""How a titles file says "no role: on the bench"."""

TitleChoices = Mapping[str, Role | None]
"""Explicit roles by ``title_key``; None puts the title's people on the bench."""


@dataclass(frozen=True, slots=True)
class TitleCount:
    """One distinct job title of a roster: as first written, how many rows have it, the matcher's role."""

    title: str
    count: int
    matched: Role | None

    @property
    def key(self) -> str:
        return title_key(self.title)


def title_counts(table: RosterTable, mapping: ColumnMapping) -> list[TitleCount]:
    """The distinct titles of the column roles are read from, most common first (then alphabetically)."""
    column = mapping.role_column()
    if column is None:
        return []
    counts: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for row in table.rows:
        title = text(row[column])
        if title is None:
            continue
        key = title_key(title)
        counts[key] = counts.get(key, 0) + 1
        spelling.setdefault(key, title)
    order = sorted(counts, key=lambda key: (-counts[key], key))
    return [TitleCount(spelling[key], counts[key], role_from_title(spelling[key])) for key in order]


_ROLE_NAMES = {**{title_key(name): role for name, role in role_names().items()},
               **{role.value: role for role in Role}, **ALIASES}


def role_choice(value: str) -> Role | None:
    """A role as a titles file names it: its key (``ae``), display name (``Outbound SDR``), an alias
    (``Account Executive``) or ``bench``. Raises ValueError for anything else."""
    key = title_key(value)
    if key == BENCH:
        return None
    if key in _ROLE_NAMES:
        return _ROLE_NAMES[key]
    names = ", ".join(role.value for role in ROLE_ORDER)
    raise ValueError(msg('"{value}" is not a role ({names} or {bench})', value=value, names=names, bench=BENCH))


def read_titles(path: str | Path) -> dict[str, Role | None]:
    """A titles file: CSV (or XLSX) with the columns ``title`` and ``role``, one job title per row.
    Raises ``PlanError`` with one sentence naming the row of a role it does not know."""
    table = read_roster(path)
    headers = [normalise_header(header) for header in table.headers]
    try:
        title_column = next(i for i, h in enumerate(headers) if h in ("title", "job title"))
        role_column = headers.index("role")
    except (StopIteration, ValueError):
        raise PlanError(msg('{file}: row 1 must name the columns "title" and "role"', file=table.source)) from None
    choices: dict[str, Role | None] = {}
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        title, role = text(row[title_column]), text(row[role_column])
        if title is None:
            continue
        try:
            choices[title_key(title)] = role_choice(role or BENCH)
        except ValueError as error:
            raise PlanError(msg(
                "{file}, row {number}: {reason}",
                file=table.source, number=number, reason=str(error))) from None
    return choices
