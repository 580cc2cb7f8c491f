"""The Teams and Summary sheets: §4 per team as live formulas, and the scenario at a glance.

Each Teams row sums its members from ``RosterTable`` (SUMIFS by team id and role), looks up the role
parameters in force (the team's override, else the plan's), then computes the flows and balances of
§4 from cells of the same row. Every formula caches the engine's number (``ScenarioAnalysis``).
Summary's totals and team table are formulas over Teams; the stage, its reasons and the warnings are
the app's sentences at export time (text cannot follow a what-if edit). Of the target year (§9), quota
capacity, coverage and its verdict are formulas; expected bookings are the engine's values (they need
the month-by-month timeline with attrition, which the Timeline sheet shows as values too).
"""

from __future__ import annotations

from dataclasses import dataclass

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import HANDOFF_LABELS, Handoff, TeamResult, Verdict
from salesplanner.i18n import Text, mark, msg
from salesplanner.model import Plan, resolved_role_parameters
from salesplanner.roles import DISPLAY_NAMES, ROLE_ORDER, Role
from salesplanner.targets import TeamTarget
from salesplanner.workbook.book import Sheet, sheet_ref, target_word, verdict_word
from salesplanner.workbook.formulas import (
    MONTH_DAYS,
    accounts_after_horizon,
    balance_ratio,
    balance_verdict,
    cell,
    column_name,
    exact_criterion,
    parameter,
    roster_sum,
    target_verdict,
    text_literal,
    verdict_literal,
)
from salesplanner.workbook.sheets import OPEN_POSITION

MARKET_COLUMNS = (
    ("inbound_leads_per_month", mark("Inbound leads / month"), "number"),
    ("lead_to_opp_rate", mark("Lead → opp rate"), "percent"),
    ("sales_cycle_days", mark("Sales cycle (days)"), "number"),
    ("win_rate", mark("Win rate"), "percent"),
    ("avg_deal_size", mark("Average deal"), "money"),
    ("existing_customers", mark("Existing customers"), "number"),
    ("monthly_churn", mark("Monthly churn"), "percent"),
)
PARAMETER_COLUMNS = (
    (Role.SDR_OUTBOUND, "opps_per_month", mark("Opps per outbound SDR / month"), "number"),
    (Role.SDR_INBOUND, "leads_per_month", mark("Leads per inbound SDR / month"), "number"),
    (Role.AE, "max_open_opps", mark("Open opps per AE"), "number"),
    (Role.FULL_CYCLE, "prospecting_share", mark("Prospecting share"), "percent"),
    (Role.FOUNDER, "selling_share", mark("Selling share"), "percent"),
    (Role.AM, "accounts_per_am", mark("Accounts per AM"), "number"),
)
FLOW_COLUMNS = (
    ("cycle_months", mark("Cycle (months)")),
    ("intake", mark("Intake per AE / month")),
    ("cap_in", mark("Inbound capacity (leads)")),
    ("leads_worked", mark("Leads worked")),
    ("opps_in", mark("Opps from inbound")),
    ("opps_out", mark("Opps from outbound")),
    ("supply", mark("Opportunity supply")),
    ("close_cap", mark("Closing capacity")),
    ("worked", mark("Opps worked")),
    ("wins", mark("Wins / month")),
    ("bookings", mark("Bookings / month")),
    ("accounts_H", mark("Accounts after horizon")),
    ("am_cap", mark("AM capacity (accounts)")),
)
NO_HANDOFFS = msg("No handoffs yet")
"""A team's status when no handoff exists in it: no verdict, not counted as balanced (docs/model.md §5)."""
HANDOFF_COLUMNS = tuple((handoff.value, HANDOFF_LABELS[handoff]) for handoff in Handoff)


RESULT_FLOWS = ("supply", "close_cap", "wins", "bookings")
"""The flows a reader of Teams wants beside each team; the others are its working (detail columns)."""


def _team_columns() -> tuple[list[tuple[str, Text, str | None]], list[tuple[str, Text, str | None]]]:
    """(key, header, format) of the Teams columns in view and of the detail columns; keys are §4's names
    where §4 has one. In view: the team, its people, results, balances, status and cost; the details are
    its inputs and working (a collapsed column group, ``Sheet.details``)."""
    shown: list[tuple[str, Text, str | None]] = [
        ("name", mark("Team"), None), ("segment", mark("Segment"), None),
        ("product_line", mark("Product line"), None), ("geography", mark("Geography"), None),
        ("headcount", mark("Headcount"), "int"), ("openings", mark("Open positions"), "int")]
    flows = dict(FLOW_COLUMNS)
    shown += [(key, flows[key], "number") for key in RESULT_FLOWS]
    for key, header in HANDOFF_COLUMNS:
        shown += [(key, header, "ratio"), (f"{key}.verdict", msg("{handoff} verdict", handoff=header), None)]
    shown += [("bottleneck", mark("Bottleneck"), None), ("status", mark("Status"), None),
              ("annual_cost", mark("Annual cost"), "money"), ("manager_span", mark("Manager span"), "ratio")]
    shown += [("target_bookings", mark("Target"), "money"), ("quota_capacity", mark("Quota capacity"), "money"),
              ("expected_bookings_year", mark("Expected bookings (target year)"), "money"),
              ("target_coverage", mark("Target coverage"), "percent"), ("target_verdict", mark("Target verdict"), None)]
    details: list[tuple[str, Text, str | None]] = [(key, header, fmt) for key, header, fmt in MARKET_COLUMNS]
    details += [(name, header, fmt) for _, name, header, fmt in PARAMETER_COLUMNS]
    details += [(f"people.{r.value}", msg("People: {role}", role=DISPLAY_NAMES[r]), "int") for r in ROLE_ORDER]
    details += [(f"fte.{r.value}", msg("FTE: {role}", role=DISPLAY_NAMES[r]), "fte") for r in ROLE_ORDER]
    details += [(f"effective_fte.{r.value}", msg("Effective FTE: {role}", role=DISPLAY_NAMES[r]), "fte")
                for r in ROLE_ORDER]
    details += [(key, header, "number") for key, header in FLOW_COLUMNS if key not in RESULT_FLOWS]
    return shown, details


_SHOWN, _DETAILS = _team_columns()
TEAM_COLUMNS = [*_SHOWN, *_DETAILS, ("id", mark("Team id"), None)]
"""Every Teams column: the team and its results first, its working next, the id (for re-import) last."""
TEAM_HEADERS = {key: header for key, header, _ in TEAM_COLUMNS}
"""Header of each Teams column by key: what a reader (or a test) looks a figure up by."""
TEAM_COLUMN_INDEX = {key: index for index, (key, _, _) in enumerate(TEAM_COLUMNS)}
DETAIL_KEYS = frozenset(key for key, _, _ in _DETAILS)
"""Inputs and intermediate figures: a collapsed column group (``Sheet.details``)."""


@dataclass(frozen=True, slots=True)
class TeamRows:
    """Where Teams put its rows, for the Summary formulas and the chart."""

    first: int
    last: int

    def range(self, key: str) -> str:
        """Absolute A1 range of one Teams column over all team rows."""
        letter = column_name(TEAM_COLUMN_INDEX[key])
        return f"{sheet_ref('Teams')}${letter}${self.first + 1}:${letter}${max(self.last, self.first) + 1}"


def _team_row(sheet: Sheet, row: int, result: TeamResult, target: TeamTarget, plan: Plan) -> None:
    team = result.team
    col = TEAM_COLUMN_INDEX
    resolved = resolved_role_parameters(plan.assumptions, team)
    ref = {key: cell(row, index) for key, index in col.items()}
    write = sheet.formula
    team_key = exact_criterion(team.id)
    for key in ("id", "name", "segment", "product_line", "geography"):
        sheet.text(row, col[key], getattr(team, key))
    for key, _, fmt in MARKET_COLUMNS:
        sheet.number(row, col[key], getattr(team.market, key), fmt)
    parameters = {}
    for role, name, _, fmt in PARAMETER_COLUMNS:
        write(row, col[name], "=" + parameter(team_key, text_literal(DISPLAY_NAMES[role]), name),
              resolved[role][name], fmt)
        parameters[name] = ref[name]
    for role in ROLE_ORDER:
        by_team_role = [("Team id", team_key), ("Role", text_literal(DISPLAY_NAMES[role]))]
        write(row, col[f"people.{role.value}"], "=" + roster_sum("Counted", by_team_role), result.members[role], "int")
        write(row, col[f"fte.{role.value}"], "=" + roster_sum("FTE", [*by_team_role, ("Counted", "1")]),
              result.fte[role], "fte")
        write(row, col[f"effective_fte.{role.value}"], "=" + roster_sum("Effective FTE", by_team_role),
              result.effective_fte[role], "fte")
    people = [ref[f"people.{role.value}"] for role in ROLE_ORDER]
    write(row, col["headcount"], f"=SUM({people[0]}:{people[-1]})", result.headcount, "int")
    openings = [("Team id", team_key), ("Status", text_literal(OPEN_POSITION))]
    write(row, col["openings"], "=" + roster_sum("Counted", openings),
          sum(result.openings.values()), "int")

    e = {role: ref[f"effective_fte.{role.value}"] for role in ROLE_ORDER}
    m = {key: ref[key] for key, _, _ in MARKET_COLUMNS}
    opm, prospect, sell = parameters["opps_per_month"], parameters["prospecting_share"], parameters["selling_share"]
    flows = {
        "cycle_months": f"={m['sales_cycle_days']}/{MONTH_DAYS}",
        "intake": f"={parameters['max_open_opps']}/{ref['cycle_months']}",
        "cap_in": f"={e[Role.SDR_INBOUND]}*{parameters['leads_per_month']}",
        "leads_worked": f"=MIN({m['inbound_leads_per_month']},{ref['cap_in']})",
        "opps_in": f"={ref['leads_worked']}*{m['lead_to_opp_rate']}",
        # Parenthesised as capacity.py multiplies, so both round the same way.
        "opps_out": f"={e[Role.SDR_OUTBOUND]}*{opm}+{e[Role.FULL_CYCLE]}*{prospect}*{opm}"
                    f"+{e[Role.FOUNDER]}*({sell}*{prospect})*{opm}",
        "supply": f"={ref['opps_in']}+{ref['opps_out']}",
        "close_cap": f"={e[Role.AE]}*{ref['intake']}+{e[Role.FULL_CYCLE]}*(1-{prospect})*{ref['intake']}"
                     f"+{e[Role.FOUNDER]}*({sell}*(1-{prospect}))*{ref['intake']}",
        "worked": f"=MIN({ref['supply']},{ref['close_cap']})",
        "wins": f"={ref['worked']}*{m['win_rate']}",
        "bookings": f"={ref['wins']}*{m['avg_deal_size']}",
        "accounts_H": "=" + accounts_after_horizon(m["existing_customers"], m["monthly_churn"], ref["wins"]),
        "am_cap": f"={e[Role.AM]}*{parameters['accounts_per_am']}",
    }
    for key, formula in flows.items():
        write(row, col[key], formula, getattr(result, key), "number")

    demands = {Handoff.INBOUND_LOAD: (m["inbound_leads_per_month"], ref["cap_in"]),
               Handoff.SDR_TO_CLOSER: (ref["supply"], ref["close_cap"]),
               Handoff.CLOSER_TO_AM: (ref["accounts_H"], ref["am_cap"])}
    for item in result.balances:
        demand, capacity = demands[item.handoff]
        key = item.handoff.value
        write(row, col[key], "=" + balance_ratio(demand, capacity), item.ratio, "ratio")
        write(row, col[f"{key}.verdict"], "=" + balance_verdict(demand, capacity, ref[key]),
              verdict_word(item.verdict) if item.verdict else None)
    verdicts = [ref[f"{handoff.value}.verdict"] for handoff in Handoff]
    labels = [text_literal(HANDOFF_LABELS[handoff]) for handoff in Handoff]
    bottleneck = '""'
    for verdict, label in reversed(list(zip(verdicts, labels, strict=True))):
        bottleneck = f'IF({verdict}={verdict_literal(Verdict.OVERLOADED)},{label},{bottleneck})'
    write(row, col["bottleneck"], "=" + bottleneck,
          HANDOFF_LABELS[result.bottleneck] if result.bottleneck else None)
    overloaded, underused_word, balanced = (verdict_literal(verdict) for verdict in
                                            (Verdict.OVERLOADED, Verdict.UNDERUSED, Verdict.BALANCED))
    underused = ",".join(f"{verdict}={underused_word}" for verdict in verdicts)
    none = ",".join(f'{verdict}=""' for verdict in verdicts)
    write(row, col["status"],
          f"=IF(AND({none}),{text_literal(NO_HANDOFFS)},"
          f'IF({ref["bottleneck"]}<>"",{overloaded},IF(OR({underused}),{underused_word},{balanced})))',
          verdict_word(result.status) if result.status else NO_HANDOFFS)
    write(row, col["annual_cost"], "=" + roster_sum("Run-rate cost", [("Team id", team_key), ("Counted", "1")]),
          result.annual_cost, "money")
    managers = ref[f"people.{Role.MANAGER.value}"]
    write(row, col["manager_span"], f'=IF({managers}>0,({ref["headcount"]}-{managers})/{managers},"")',
          result.manager_span, "ratio")
    # The target year (docs/model.md §9): the target is an input; quota capacity sums Roster's quotas; the
    # expected bookings come from the engine's month-by-month timeline, so they are a value (the Timeline
    # sheet shows the months), and coverage and its verdict are formulas over both.
    sheet.number(row, col["target_bookings"], target.target_bookings, "money")
    write(row, col["quota_capacity"], "=" + roster_sum("Quota (target year)", [("Team id", team_key)]),
          target.quota_capacity, "money")
    sheet.number(row, col["expected_bookings_year"], target.expected_bookings_year, "money")
    goal = ref["target_bookings"]
    write(row, col["target_coverage"], f'=IF(AND({goal}<>"",{goal}>0),{ref["expected_bookings_year"]}/{goal},"")',
          target.coverage, "percent")
    write(row, col["target_verdict"], "=" + target_verdict(ref["target_coverage"]),
          target_word(target.verdict) if target.verdict else None)


def write_teams(sheet: Sheet, plan: Plan, analysis: ScenarioAnalysis) -> TeamRows:
    """One row per team in the scenario's order; returns where the rows are."""
    row = 0
    for row, result in enumerate(analysis.teams(), start=1):
        _team_row(sheet, row, result, analysis.target(result.team.id), plan)
        sheet.book.advance()
    sheet.table(0, row, [header for _, header, _ in TEAM_COLUMNS], "TeamTable", [fmt for _, _, fmt in TEAM_COLUMNS])
    for handoff in Handoff:
        sheet.book.colour_verdicts(sheet.worksheet, 1, row, TEAM_COLUMN_INDEX[f"{handoff.value}.verdict"])
    sheet.book.colour_verdicts(sheet.worksheet, 1, row, TEAM_COLUMN_INDEX["status"])
    sheet.book.colour_target_verdicts(sheet.worksheet, 1, row, TEAM_COLUMN_INDEX["target_verdict"])
    sheet.worksheet.freeze_panes(1, 1)
    sheet.details(TEAM_COLUMN_INDEX[key] for key in DETAIL_KEYS)
    sheet.fit_columns()
    return TeamRows(1, row)
