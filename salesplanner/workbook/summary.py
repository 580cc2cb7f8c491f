"""The Summary sheet: plan, scenario, stage with its reasons, organisation figures, warnings, the team
table with colour-coded verdicts, and the chart of opportunity supply against closing capacity.

Totals and the team table are formulas over Teams (so a what-if edit reaches them); the stage, its
reasons, top-closer share, spans and warnings are the app's results at export time, written as values:
they are rules over the whole organisation that a spreadsheet formula would only duplicate badly.
"""

from __future__ import annotations

from collections.abc import Callable

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import HANDOFF_LABELS, Verdict
from salesplanner.diagnosis import STAGE_NAMES, diagnose
from salesplanner.i18n import Text, mark, msg, msg_n, tr
from salesplanner.model import Plan
from salesplanner.palette import ROLE_COLOURS
from salesplanner.roles import CLOSERS, ROLE_ORDER, SDRS, Role
from salesplanner.targets import TeamTarget
from salesplanner.workbook.book import Sheet, sheet_name, sheet_ref, target_word, verdict_word
from salesplanner.workbook.formulas import column_name, target_verdict, verdict_literal
from salesplanner.workbook.teams import NO_HANDOFFS, TEAM_COLUMN_INDEX, TEAM_HEADERS, TeamRows

SUMMARY_TEAM_COLUMNS = (
    ("headcount", "int"), ("openings", "int"), ("supply", "number"), ("close_cap", "number"),
    ("wins", "number"), ("bookings", "money"), ("annual_cost", "money"), ("bottleneck", None),
    ("status", None), ("target_bookings", "money"), ("expected_bookings_year", "money"),
    ("target_coverage", "percent"), ("target_verdict", None),
)
"""Teams columns repeated in Summary's team table (bookings per year there, per month in Teams)."""


def _sum_of(rows: TeamRows, roles: frozenset[Role] | set[Role]) -> str:
    return "+".join(f"SUM({rows.range(f'people.{role.value}')})" for role in ROLE_ORDER if role in roles)


def write_summary(sheet: Sheet, plan: Plan, analysis: ScenarioAnalysis, rows: TeamRows) -> int:
    """Writes the sheet; returns its last row (whether it fits one printed page depends on it)."""
    scenario = analysis.scenario
    totals = analysis.totals
    diagnosis = diagnose(totals)
    write, text = sheet.formula, sheet.text
    text(0, 0, plan.name, "title")
    text(1, 0, msg("Scenario"), "label")
    text(1, 1, msg("{scenario} (baseline)", scenario=scenario.name) if scenario.id == plan.baseline else scenario.name)
    text(2, 0, msg("As of"), "label")
    sheet.date(2, 1, plan.as_of)
    text(3, 0, msg("Horizon (months)"), "label")
    sheet.number(3, 1, plan.horizon_months, "int")
    text(4, 0, msg("Currency"), "label")
    text(4, 1, plan.currency)

    text(6, 0, msg("Stage"), "label")
    text(6, 1, f"{diagnosis.stage.number}. {STAGE_NAMES[diagnosis.stage]}", "heading")
    row = 7
    for reason in diagnosis.reasons:
        text(row, 1, reason, fit=False)
        row += 1
    text(row, 0, msg("Next stage"), "label")
    text(row, 1, diagnosis.next_stage, fit=False)

    row += 2
    text(row, 0, msg("Organisation"), "heading")
    text(row, 2, msg("Totals are formulas over {teams}; stage, shares, spans and warnings are as exported.",
                     teams=sheet_name("Teams")), fit=False)
    row += 1
    kpi: dict[str, int] = {}

    def figure(key: str, label: Text, formula: str | None, value: float | Text | None, fmt: str,
               note: Text = "") -> None:
        nonlocal row
        text(row, 0, label, "label")
        if formula is None:
            assert value is None or isinstance(value, int | float)
            sheet.number(row, 1, value, fmt)
        else:
            write(row, 1, formula, value, fmt)
        text(row, 2, note, fit=False)
        kpi[key] = row
        row += 1

    def b(key: str) -> str:
        return f"$B${kpi[key] + 1}"

    figure("headcount", msg("People in teams"), f"=SUM({rows.range('headcount')})-SUM({rows.range('openings')})",
           totals.headcount, "int", msg("leaving out anyone gone by the as-of date"))
    figure("openings", msg("Open positions"), f"=SUM({rows.range('openings')})", totals.openings, "int")
    figure("supply", msg("Opportunity supply / month"), f"=SUM({rows.range('supply')})", totals.supply, "number")
    figure("close_cap", msg("Closing capacity / month"), f"=SUM({rows.range('close_cap')})", totals.close_cap, "number")
    figure("wins", msg("Wins / month"), f"=SUM({rows.range('wins')})", totals.wins, "number", msg("new customers"))
    figure("bookings_year", msg("Bookings / year"), f"=12*SUM({rows.range('bookings')})", totals.bookings_year, "money")
    figure("annual_cost", msg("Annual cost"), f"=SUM({rows.range('annual_cost')})", totals.annual_cost, "money",
           msg("run-rate of people in teams and open positions"))
    figure("cost_of_sales", msg("Cost of sales"),
           f'=IF({b("bookings_year")}>0,{b("annual_cost")}/{b("bookings_year")},"")',
           totals.cost_of_sales, "ratio", msg("annual cost ÷ bookings per year, as in the app"))
    closers = _sum_of(rows, CLOSERS)
    figure("sdr_per_closer", msg("SDRs per closer"), f'=IF({closers}>0,({_sum_of(rows, SDRS)})/({closers}),"")',
           totals.sdr_per_closer, "ratio")
    figure("top_closer_share", msg("Top closers' share"), None, totals.top_closer_share, "percent",
           msg("closing capacity held by the top {n} (20 %) of closers", n=totals.top_closer_count))
    figure("vp_span", msg("VP direct reports"), None, totals.vp_span, "int",
           msg("managers + people in teams without one"))
    without = totals.teams_without_handoffs
    judged = msg("of {judged} teams with handoffs", judged=totals.teams_judged)
    if without:
        judged = msg_n("of {judged} teams with handoffs; {n} team has no handoffs yet",
                       "of {judged} teams with handoffs; {n} teams have no handoffs yet", n=without,
                       judged=totals.teams_judged)
    figure("teams_balanced", msg("Balanced teams"),
           f'=COUNTIF({rows.range("status")},{verdict_literal(Verdict.BALANCED)})', totals.teams_balanced, "int",
           judged)
    _target_figures(figure, b, rows, analysis)
    figure("bench_people", msg("Bench: people"), None, totals.bench_people, "int")
    figure("bench_openings", msg("Bench: open positions"), None, totals.bench_openings, "int")
    figure("bench_annual_cost", msg("Bench: known cost"), None, totals.bench_annual_cost, "money",
           msg("bench members who carry their own annual cost"))
    chart_row = kpi["headcount"]

    warnings = analysis.warnings()
    row += 1
    text(row, 0, msg("Warnings ({n})", n=len(warnings)), "heading")
    row += 1
    for warning in warnings:
        text(row, 0, warning.text, fit=False)
        row += 1
    if not warnings:
        text(row, 0, msg("none"))
        row += 1

    row += 1
    text(row, 0, sheet_name("Teams"), "heading")
    first = row + 1
    headers: list[Text] = [mark("Team"), *(TEAM_HEADERS[key] for key, _ in SUMMARY_TEAM_COLUMNS)]
    headers[headers.index(TEAM_HEADERS["bookings"])] = mark("Bookings / year")
    for offset, result in enumerate(analysis.teams(), start=1):
        teams_row = rows.first + offset  # 1-based row number on Teams
        text(first + offset, 0, result.team.name)
        values: dict[str, float | Text | None] = {
            "headcount": result.headcount, "openings": sum(result.openings.values()), "supply": result.supply,
            "close_cap": result.close_cap, "wins": result.wins, "bookings": 12 * result.bookings,
            "annual_cost": result.annual_cost,
            "bottleneck": HANDOFF_LABELS[result.bottleneck] if result.bottleneck else None,
            "status": verdict_word(result.status) if result.status else NO_HANDOFFS,
            **_target_values(analysis.target(result.team.id))}
        for column, (key, fmt) in enumerate(SUMMARY_TEAM_COLUMNS, start=1):
            reference = f"{sheet_ref('Teams')}${column_name(TEAM_COLUMN_INDEX[key])}${teams_row}"
            write(first + offset, column, f"=12*{reference}" if key == "bookings" else f"={reference}",
                  values[key], fmt)
        sheet.book.advance()
    last = first + len(scenario.teams)
    sheet.table(first, last, headers, "TeamSummary", [None, *(fmt for _, fmt in SUMMARY_TEAM_COLUMNS)])
    status = [key for key, _ in SUMMARY_TEAM_COLUMNS].index("status") + 1
    sheet.book.colour_verdicts(sheet.worksheet, first + 1, last, status)
    sheet.book.colour_target_verdicts(sheet.worksheet, first + 1, last, len(SUMMARY_TEAM_COLUMNS))
    if scenario.teams:
        _chart(sheet, rows, chart_row, len(scenario.teams))
    sheet.fit_columns({0: 30.0, 1: 16.0})
    return last


def _target_values(target: TeamTarget) -> dict[str, float | Text | None]:
    return {"target_bookings": target.target_bookings, "expected_bookings_year": target.expected_bookings_year,
            "target_coverage": target.coverage,
            "target_verdict": target_word(target.verdict) if target.verdict else None}


def _target_figures(figure: Callable[..., None], b: Callable[[str], str], rows: TeamRows,
                    analysis: ScenarioAnalysis) -> None:
    """The target year (docs/model.md §9): the scenario's own target is an input; without one it is the sum of
    the teams' targets, as a formula."""
    totals = analysis.totals
    own = analysis.scenario.target_bookings
    targets = rows.range("target_bookings")
    figure("target_bookings", msg("Target"),
           None if own is not None else f'=IF(COUNT({targets})>0,SUM({targets}),"")', totals.target_bookings, "money",
           msg("the scenario's target") if own is not None else msg("the sum of the teams' targets"))
    figure("expected_bookings_year", msg("Expected bookings (target year)"),
           f"=SUM({rows.range('expected_bookings_year')})", totals.expected_bookings_year, "money",
           msg("months 0 … 12 of the timeline: ramp, starts, leaves, attrition"))
    goal = b("target_bookings")
    figure("target_coverage", msg("Target coverage"),
           f'=IF(AND({goal}<>"",{goal}>0),{b("expected_bookings_year")}/{goal},"")', totals.target_coverage, "percent",
           msg("expected ÷ target"))
    figure("target_verdict", msg("Target verdict"), "=" + target_verdict(b("target_coverage")),
           target_word(totals.target_verdict) if totals.target_verdict else None, "plain",
           msg("within 1 ± τ on target, above ahead, below short"))
    figure("quota_capacity", msg("Quota capacity"), f"=SUM({rows.range('quota_capacity')})", totals.quota_capacity,
           "money", msg("closers' quotas for the target year"))


def _chart(sheet: Sheet, rows: TeamRows, at_row: int, count: int) -> None:
    """Opportunity supply against closing capacity per team, coloured as the board's SDR and AE lanes."""
    chart = sheet.book.workbook.add_chart({"type": "column"})
    teams = sheet_name("Teams")
    names = [teams, rows.first, TEAM_COLUMN_INDEX["name"], rows.last, TEAM_COLUMN_INDEX["name"]]
    for key, label, role in (("supply", msg("Opportunity supply"), Role.SDR_OUTBOUND),
                             ("close_cap", msg("Closing capacity"), Role.AE)):
        chart.add_series({
            "name": str(label), "categories": names,
            "values": [teams, rows.first, TEAM_COLUMN_INDEX[key], rows.last, TEAM_COLUMN_INDEX[key]],
            "fill": {"color": ROLE_COLOURS[role]}, "border": {"none": True}})
    chart.set_title({"name": tr("Opportunity supply vs closing capacity per team")})
    chart.set_y_axis({"name": tr("Opportunities / month"), "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": max(560, min(60 * count, 2400)), "height": 360})
    # Right of the team table's columns: beside the figures and their notes, never over them.
    sheet.worksheet.insert_chart(at_row, len(SUMMARY_TEAM_COLUMNS) + 1, chart, {"x_offset": 12})
