"""The spreadsheet formulas of the exported workbook: docs/model.md §4–§5 written once more, for Excel.

``capacity.py`` stays the source of truth: every formula here is written with the value the engine
computed as its cached result, and the tests recalculate the workbook in LibreOffice to prove the two
agree. The formulas only use functions LibreOffice 7.4 and Excel 2010 share (SUMIFS, COUNTIFS,
INDEX/MATCH, MIN, IF) — no XLOOKUP, nothing that needs an ``_xlfn.`` prefix.

How the sheets refer to each other:

- **Assumptions** holds the plan's scalars under defined names (``AsOf``, ``HorizonMonths``,
  ``Tolerance``, ``MonthDays``), the plan's role parameters as the table ``RoleTable`` (one row per
  role, one column per parameter key) and the teams' overrides as ``OverrideTable`` (one row per team
  and role that overrides something, the same parameter columns, blank = the plan's value).
- **Roster** is the table ``RosterTable``: one row per person or opening with its inputs (team id,
  role, FTE, productivity, dates, own cost) and formula columns for what the engine derives per
  member (counted or left, ramp months in force, ramp-up, effective FTE, run-rate cost).
- **Teams** sums ``RosterTable`` with SUMIFS by team id and role, looks up the parameters in force,
  and computes §4's flows and balances in its own row.

Structured references (``RosterTable[Effective FTE]``) rather than A1 ranges: a row added to a table in
Excel is then part of every sum, as a what-if edit expects.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from salesplanner.capacity import Verdict
from salesplanner.i18n import Text, tr
from salesplanner.targets import TargetVerdict
from salesplanner.workbook.book import target_word, verdict_word

ROSTER_TABLE = "RosterTable"
ROLE_TABLE = "RoleTable"
OVERRIDE_TABLE = "OverrideTable"

AS_OF = "AsOf"
HORIZON = "HorizonMonths"
TOLERANCE = "Tolerance"
MONTH_DAYS = "MonthDays"

_SPECIAL = set("*?~")


@cache
def column_name(index: int) -> str:
    """Spreadsheet column letters of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell(row: int, column: int, *, absolute: bool = False) -> str:
    """A1 reference of a 0-based (row, column); absolute gives ``$A$1``."""
    dollar = "$" if absolute else ""
    return f"{dollar}{column_name(column)}{dollar}{row + 1}"


def text_literal(value: Text) -> str:
    """A string constant inside a formula (a message in the language in force): quotes doubled."""
    return '"' + str(value).replace('"', '""') + '"'


def needs_escape(value: str) -> bool:
    """Whether ``value`` used as a SUMIFS/COUNTIFS criterion would act as a pattern or a comparison."""
    return bool(_SPECIAL.intersection(value)) or value[:1] in ("<", ">", "=")


def exact_criterion(value: str) -> str:
    """A criterion that matches exactly ``value``: ``=`` and ``~`` escapes keep ``*``, ``?``, ``<`` literal."""
    escaped = value.replace("~", "~~").replace("*", "~*").replace("?", "~?")
    return text_literal("=" + escaped)


def cell_criterion(reference: str, *, escape: bool) -> str:
    """A criterion taken from a cell; ``escape`` when some key in the workbook holds a wildcard."""
    if not escape:
        return reference
    return f'"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE({reference},"~","~~"),"*","~*"),"?","~?")'


def column(table: str, name: str) -> str:
    """A structured reference to a whole table column, by the English key of its header (``Sheet.table``
    writes the header in the language in force, so the reference names it the same way)."""
    header = tr(name).replace("'", "''").replace("[", "'[").replace("]", "']").replace("#", "'#")
    return f"{table}[{header}]"


def parameter(team: str, role: str, name: str) -> str:
    """The role parameter ``name`` in force for ``role`` in ``team``: the team's override, else the plan's.

    ``team`` and ``role`` are criteria (a literal from ``exact_criterion`` or a cell reference).
    """
    overrides = column(OVERRIDE_TABLE, name)
    keys = f"{column(OVERRIDE_TABLE, 'Team id')},{team},{column(OVERRIDE_TABLE, 'Role')},{role}"
    plan_value = f"INDEX({column(ROLE_TABLE, name)},MATCH({role},{column(ROLE_TABLE, 'Role')},0))"
    return f'IF(COUNTIFS({keys},{overrides},"<>")>0,SUMIFS({overrides},{keys}),{plan_value})'


def roster_sum(value_column: str, criteria: Iterable[tuple[str, str]]) -> str:
    """SUMIFS over ``RosterTable[value_column]`` with (column, criterion) pairs."""
    parts = [column(ROSTER_TABLE, value_column)]
    for name, criterion in criteria:
        parts += [column(ROSTER_TABLE, name), criterion]
    return f"SUMIFS({','.join(parts)})"


def balance_ratio(demand: str, capacity: str) -> str:
    """§5: demand ÷ capacity, blank when there is no capacity (undefined)."""
    return f'IF({capacity}>0,{demand}/{capacity},"")'


def verdict_literal(verdict: Verdict) -> str:
    """A verdict as formulas write it ("Overloaded", in the language in force); comparisons ignore case."""
    return text_literal(verdict_word(verdict))


def balance_verdict(demand: str, capacity: str, ratio: str) -> str:
    """§5: outside 1 ± τ overloaded or underused; demand without capacity overloaded; nothing, blank."""
    overloaded = verdict_literal(Verdict.OVERLOADED)
    judged = (f'IF({ratio}>1+{TOLERANCE},{overloaded},'
              f'IF({ratio}<1-{TOLERANCE},{verdict_literal(Verdict.UNDERUSED)},{verdict_literal(Verdict.BALANCED)}))')
    return f'IF({capacity}>0,{judged},IF({demand}>0,{overloaded},""))'


def target_year_days(start: str, leave: str) -> str:
    """docs/model.md §9: days of the target year [AsOf, AsOf + 365) from the start date (inclusive; blank:
    the as-of date) to the leave date (exclusive)."""
    end = f"{AS_OF}+365"
    return (f'MAX(0,MIN({end},IF({leave}="",{end},{leave}))-MAX({AS_OF},IF({start}="",{AS_OF},{start})))')


def target_verdict(coverage: str) -> str:
    """docs/model.md §9: coverage within 1 ± τ on target, above ahead, below short; blank without a target."""
    ahead, short, on_target = (text_literal(target_word(verdict))
                               for verdict in (TargetVerdict.AHEAD, TargetVerdict.SHORT, TargetVerdict.ON_TARGET))
    return (f'IF({coverage}="","",IF({coverage}>1+{TOLERANCE},{ahead},'
            f'IF({coverage}<1-{TOLERANCE},{short},{on_target})))')


def accounts_after_horizon(existing: str, churn: str, wins: str) -> str:
    """§4's A(t+1) = A(t)(1 − churn) + wins after ``HorizonMonths`` months, in closed form."""
    kept = f"(1-{churn})^{HORIZON}"
    return f"IF({churn}=0,{existing}+{HORIZON}*{wins},{existing}*{kept}+{wins}*(1-{kept})/{churn})"
