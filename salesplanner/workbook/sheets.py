"""The Assumptions and Roster sheets of the exported workbook: the inputs the Teams formulas read.

Row by row the same values the engine uses, so that the formulas of ``workbook.formulas`` recalculate
to the engine's numbers. Teams and Summary are in ``workbook.teams``, Changes in ``workbook.changes``.
"""

from __future__ import annotations

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import effective_fte, has_left, member_cost, ramp
from salesplanner.i18n import Message, mark, msg
from salesplanner.model import Opening, Plan, RoleParameters, Scenario, Status, TeamId, resolved_role_parameters
from salesplanner.roles import (
    ANNUAL_COST,
    ANNUAL_QUOTA,
    DISPLAY_NAMES,
    PARAMETER_LABELS,
    RAMP_MONTHS,
    ROLE_ORDER,
    SHARE_PARAMETERS,
)
from salesplanner.targets import member_quota
from salesplanner.workbook.book import Sheet, sheet_ref
from salesplanner.workbook.formulas import (
    AS_OF,
    HORIZON,
    MONTH_DAYS,
    OVERRIDE_TABLE,
    ROLE_TABLE,
    ROSTER_TABLE,
    TOLERANCE,
    cell,
    cell_criterion,
    column_name,
    needs_escape,
    parameter,
    target_year_days,
)

PARAMETERS: tuple[str, ...] = tuple(PARAMETER_LABELS)
"""Every role parameter key, in the order of docs/model.md §3's table: the columns of RoleTable and OverrideTable."""

OPEN_POSITION = msg("Open position")
"""Roster status of an opening (people are Active or Leaving); the import reads it back."""
STATUS_WORDS = {Status.ACTIVE: msg("Active"), Status.LEAVING: msg("Leaving")}
"""A person's status as the Roster sheet writes it (the import reads these words back, in any language)."""

ROSTER_HEADERS = [
    mark("Name"), mark("Job title"), mark("Status"), mark("Role"), mark("Team"), mark("Segment"),
    mark("Product line"), mark("Geography"), mark("Email"), mark("Location"), mark("FTE"), mark("Productivity"),
    mark("Start date"), mark("Leave date"), mark("Annual cost"), mark("Counted"), mark("Ramp months"),
    mark("Ramp-up"), mark("Effective FTE"), mark("Run-rate cost"), mark("Quota (target year)"), mark("ID"),
    mark("Team id"),
]
"""Inputs first (what the roster import reads back), then the columns the workbook derives, then the ids
(the import matches people and teams by them; a reader looks for names)."""
_R = {header: index for index, header in enumerate(ROSTER_HEADERS)}
_REFERENCED = {name: column_name(_R[name]) for name in (
    "Leave date", "Role", "Team id", "Ramp months", "Start date", "Ramp-up", "FTE", "Productivity", "Annual cost")}
"""The roster columns its formulas refer to, by their letters."""
ROSTER_FORMATS: list[str | None] = [
    None, None, None, None, None, None, None, None, None, None, "fte", "ratio", "date", "date", "money",
    "int", "ratio", "percent", "fte", "money", "money", None, None,
]


def _parameter_format(name: str) -> str:
    if name in SHARE_PARAMETERS:
        return "percent"
    return "money" if name in (ANNUAL_COST, ANNUAL_QUOTA) else "plain"


def write_assumptions(sheet: Sheet, plan: Plan, scenario: Scenario) -> None:
    """Plan scalars under defined names, then RoleTable, OverrideTable and a legend of the parameters."""
    workbook = sheet.book.workbook
    sheet.text(0, 0, sheet.name, "title")
    scalars: list[tuple[Message, str | None]] = [
        (msg("Plan"), None), (msg("Currency"), None), (msg("As-of date"), AS_OF), (msg("Horizon (months)"), HORIZON),
        (msg("Balance tolerance τ"), TOLERANCE), (msg("Days per month"), MONTH_DAYS)]
    for offset, (label, name) in enumerate(scalars):
        sheet.text(2 + offset, 0, label, "label")
        if name is not None:
            workbook.define_name(name, f"={sheet_ref('Assumptions')}{cell(2 + offset, 1, absolute=True)}")
    sheet.text(2, 1, plan.name)
    sheet.text(3, 1, plan.currency)
    sheet.date(4, 1, plan.as_of)
    sheet.number(5, 1, plan.horizon_months, "int")
    sheet.number(6, 1, plan.assumptions.tolerance, "percent")
    sheet.formula(7, 1, "=365/12", 365 / 12, "ratio")

    formats: list[str | None] = [None, *(_parameter_format(name) for name in PARAMETERS)]
    row = 9
    sheet.text(row, 0, msg("Role parameters (the plan's values)"), "heading")
    first = row + 1
    for offset, role in enumerate(ROLE_ORDER, start=1):
        sheet.text(first + offset, 0, DISPLAY_NAMES[role])
        values = plan.assumptions.roles[role]
        for column, name in enumerate(PARAMETERS, start=1):
            sheet.number(first + offset, column, values.get(name), formats[column])
    last = first + len(ROLE_ORDER)
    sheet.table(first, last, [mark("Role"), *PARAMETERS], ROLE_TABLE, formats)

    row = last + 2
    sheet.text(row, 0, msg("Team overrides (a blank cell takes the plan's value)"), "heading")
    first = row + 1
    overrides = [(team, role, values) for team in scenario.teams.values()
                 for role, values in sorted(team.roles.items(), key=lambda item: ROLE_ORDER.index(item[0]))
                 if values]
    for offset, (team, role, values) in enumerate(overrides, start=1):
        sheet.text(first + offset, 0, team.name)
        sheet.text(first + offset, 1, DISPLAY_NAMES[role])
        for column, name in enumerate(PARAMETERS, start=2):
            sheet.number(first + offset, column, values.get(name), formats[column - 1])
        sheet.text(first + offset, 2 + len(PARAMETERS), team.id)
    last = first + len(overrides)
    sheet.table(first, last, [mark("Team"), mark("Role"), *PARAMETERS, mark("Team id")], OVERRIDE_TABLE,
                [None, *formats, None])

    row = max(last, first + 1) + 2
    sheet.text(row, 0, msg("What the parameters mean"), "heading")
    first = row + 1
    for offset, name in enumerate(PARAMETERS, start=1):
        sheet.text(first + offset, 0, name)
        sheet.text(first + offset, 1, PARAMETER_LABELS[name])
    sheet.table(first, first + len(PARAMETERS), [mark("Parameter"), mark("Meaning")], "ParameterTable")
    sheet.fit_columns()
    sheet.book.advance()


def write_roster(sheet: Sheet, plan: Plan, analysis: ScenarioAnalysis) -> None:
    """One row per person, then per opening: the inputs, and the per-member figures as formulas."""
    scenario = analysis.scenario
    as_of = plan.as_of
    escape = any(needs_escape(team_id) for team_id in scenario.teams)
    parameters: dict[TeamId, RoleParameters] = {}
    col = _R
    row = 0
    for row, member in enumerate(plan.members(scenario), start=1):
        placement = scenario.assignments.get(member.id)
        team = scenario.teams[placement.team] if placement else None
        sheet.text(row, col["ID"], member.id)
        sheet.text(row, col["Name"], member.name)
        if isinstance(member, Opening):
            sheet.text(row, col["Status"], OPEN_POSITION)
        else:
            sheet.text(row, col["Job title"], member.title)
            sheet.text(row, col["Status"], STATUS_WORDS[member.status])
            sheet.text(row, col["Email"], member.email)
            sheet.text(row, col["Location"], member.location)
        if placement is not None and team is not None:
            sheet.text(row, col["Role"], DISPLAY_NAMES[placement.role])
            sheet.text(row, col["Team id"], team.id)
            sheet.text(row, col["Team"], team.name)
            sheet.text(row, col["Segment"], team.segment)
            sheet.text(row, col["Product line"], team.product_line)
            sheet.text(row, col["Geography"], team.geography)
        sheet.number(row, col["FTE"], member.fte, "fte")
        sheet.number(row, col["Productivity"], member.productivity, "ratio")
        sheet.date(row, col["Start date"], member.start_date)
        sheet.date(row, col["Leave date"], member.leave_date)
        sheet.number(row, col["Annual cost"], member.annual_cost, "money")

        refs = {name: f"{letter}{row + 1}" for name, letter in _REFERENCED.items()}  # cell(row, col[name])
        leave = refs["Leave date"]
        sheet.formula(row, col["Counted"], f'=IF({leave}="",1,IF({leave}<={AS_OF},0,1))',
                      0 if has_left(member, as_of) else 1, "int")
        role_ref, team_ref = refs["Role"], refs["Team id"]
        team_criterion = cell_criterion(team_ref, escape=escape)
        seated = f'OR({role_ref}="",{team_ref}="")'
        ramp_months = ramp_up = effective = cost = quota = None
        if placement is not None and team is not None:
            resolved = parameters.get(team.id)
            if resolved is None:
                resolved = parameters[team.id] = resolved_role_parameters(plan.assumptions, team)
            ramp_months = resolved[placement.role][RAMP_MONTHS]
            ramp_up = ramp(member.start_date, member.leave_date, ramp_months, as_of)
            effective = effective_fte(member, ramp_months=ramp_months, on=as_of)
            cost = member_cost(member, placement.role, resolved)
            quota = member_quota(member, placement.role, resolved, as_of)
        elif member.annual_cost is not None:
            cost = member.annual_cost
        sheet.formula(row, col["Ramp months"],
                      f'=IF({seated},"",{parameter(team_criterion, role_ref, RAMP_MONTHS)})', ramp_months, "ratio")
        months, start = refs["Ramp months"], refs["Start date"]
        sheet.formula(row, col["Ramp-up"],
                      f'=IF({months}="","",IF(AND({leave}<>"",{AS_OF}>={leave}),0,IF({start}="",1,'
                      f'IF({AS_OF}<{start},0,IF({months}<=0,1,MIN(1,({AS_OF}-{start})/{MONTH_DAYS}/{months}))))))',
                      ramp_up, "percent")
        share = refs["Ramp-up"]
        sheet.formula(row, col["Effective FTE"],
                      f'=IF({share}="","",{refs["FTE"]}*{refs["Productivity"]}*{share})', effective, "fte")
        own = refs["Annual cost"]
        sheet.formula(row, col["Run-rate cost"],
                      f'=IF({own}<>"",{own},IF({seated},"",'
                      f'{parameter(team_criterion, role_ref, ANNUAL_COST)}*{refs["FTE"]}))', cost, "money")
        # Roles without a quota have a blank annual_quota in RoleTable, which counts as 0.
        sheet.formula(row, col["Quota (target year)"],
                      f'=IF({seated},"",{parameter(team_criterion, role_ref, ANNUAL_QUOTA)}*{refs["FTE"]}'
                      f'*{target_year_days(start, leave)}/365)', quota, "money")
        sheet.book.advance()
    sheet.table(0, row, ROSTER_HEADERS, ROSTER_TABLE, ROSTER_FORMATS)
    sheet.worksheet.freeze_panes(1, 1)
    sheet.details((col["Counted"], col["Ramp months"]))  # helpers of the formulas beside them
    sheet.fit_columns()
