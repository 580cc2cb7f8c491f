"""The Timeline sheet: the exported scenario month by month over the horizon, as openings start and ramp,
leavers leave and expected attrition thins capacity — the numbers of ``timeline.timeline``, computed without
numpy (``figures.timeline_in_python``, the same numbers to the last bit): its import alone costs an export
from the command line more than the whole timeline does.

One row per month for the organisation (and the baseline's, when the export compares with one), then
one row per team and month, in an Excel table so it filters by team; a line chart of bookings capacity
per year. Values, not formulas: the monthly model (ramp curves, attrition) lives in the engine.
"""

from __future__ import annotations

from datetime import date

from salesplanner.figures import timeline_in_python
from salesplanner.i18n import Text, mark, msg, tr
from salesplanner.model import Plan, ScenarioId
from salesplanner.roles import DISPLAY_NAMES, ROLE_ORDER
from salesplanner.timeline import Series
from salesplanner.workbook.book import Sheet

FLOW_HEADERS = [(mark("Opportunity supply / month"), "supply"), (mark("Closing capacity / month"), "close_cap"),
                (mark("Wins / month"), "wins"), (mark("Bookings capacity / year"), "bookings_year")]
HEADERS: list[Text] = [mark("Month"), mark("Month of"), mark("Scenario"), mark("Team"),
                       *(msg("Effective FTE {role}", role=DISPLAY_NAMES[r]) for r in ROLE_ORDER),
                       *(header for header, _ in FLOW_HEADERS)]
FORMATS: list[str | None] = ["int", "month", None, None, *(["fte"] * len(ROLE_ORDER)), "number", "number",
                             "number", "money"]
TOTAL = msg("All teams")
CHART_ROWS = 17
"""Rows of the default height (20 pixels) the chart covers."""


def _write_series(sheet: Sheet, row: int, month: int, series: Series, *, when: date, scenario: str,
                  team: Text) -> None:
    sheet.number(row, 0, month, "int")
    sheet.date(row, 1, when, "month")
    sheet.text(row, 2, scenario)
    sheet.text(row, 3, team)
    for offset, role in enumerate(ROLE_ORDER):
        sheet.number(row, 4 + offset, series.effective_fte[role][month], "fte")
    column = 4 + len(ROLE_ORDER)
    for offset, (_, name) in enumerate(FLOW_HEADERS):
        values = series.bookings_year if name == "bookings_year" else getattr(series, name)
        sheet.number(row, column + offset, values[month], FORMATS[column + offset])


def write_timeline(sheet: Sheet, plan: Plan, scenario_id: ScenarioId, baseline_id: ScenarioId | None) -> None:
    months = timeline_in_python(plan, scenario_id)
    compared = timeline_in_python(plan, baseline_id) if baseline_id is not None else None
    scenario = plan.scenarios[scenario_id]
    sheet.text(0, 0, msg("{scenario} month by month", scenario=scenario.name), "title")
    sheet.text(1, 0, msg("Openings start and ramp, leavers leave, and each role's expected annual attrition thins "
                         "capacity as (1 − attrition)^(months / 12)."), fit=False)
    first = CHART_ROWS + 3  # the chart above the table: on the first printed page, never cut
    row = first + 1
    lines = [(months, scenario.name)] + ([(compared, plan.scenarios[baseline_id].name)]
                                         if compared is not None and baseline_id is not None else [])
    total_rows: list[tuple[str, int, int]] = []
    for line, name in lines:
        start = row
        for month, when in enumerate(line.calendar_months):
            _write_series(sheet, row, month, line.total, when=when, scenario=name, team=TOTAL)
            row += 1
        total_rows.append((name, start, row - 1))
    for team_id, series in months.teams.items():
        team = scenario.teams[team_id].name
        for month, when in enumerate(months.calendar_months):
            _write_series(sheet, row, month, series, when=when, scenario=scenario.name, team=team)
            row += 1
        sheet.book.advance()
    sheet.table(first, row - 1, HEADERS, "TimelineTable", FORMATS)
    sheet.worksheet.freeze_panes(first + 1, 4)
    sheet.fit_columns()

    chart = sheet.book.workbook.add_chart({"type": "line"})
    bookings = HEADERS.index(FLOW_HEADERS[-1][0])
    for index, (name, start, end) in enumerate(total_rows):
        chart.add_series({
            "name": name, "categories": [sheet.name, start, 1, end, 1],
            "values": [sheet.name, start, bookings, end, bookings],
            "line": {"width": 2.5 if index == 0 else 1.5, "dash_type": "solid" if index == 0 else "dash",
                     "color": "#2563EB" if index == 0 else "#6B7280"},
            "marker": {"type": "circle", "size": 4} if index == 0 else {"type": "none"}})
    chart.set_title({"name": tr("Bookings capacity per year, month by month")})
    # One label per calendar month (the model's 365/12-day steps would name some month twice).
    chart.set_x_axis({"num_format": "mmm yy", "text_axis": True})
    chart.set_y_axis({"num_format": f'#,##0 "{plan.currency}"', "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": CHART_ROWS * 20})
    sheet.worksheet.insert_chart(2, 0, chart)

