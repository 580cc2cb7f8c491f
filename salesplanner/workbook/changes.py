"""The Changes sheet: exactly what ``compare.compare`` reports, from the baseline to the exported scenario.

One row per person or opening that changes (with from → to as ``Team · Role``), then the cost and
capacity of every team before, after and the difference, then the organisation's. Values, not
formulas: the comparison is between two scenarios, and the workbook holds the formulas of one.
"""

from __future__ import annotations

from salesplanner.compare import CHANGE_LABELS, FIGURE_FIELDS, Figures, compare
from salesplanner.diagnosis import STAGE_NAMES
from salesplanner.i18n import Message, Text, mark, msg, msg_n
from salesplanner.model import Plan, ScenarioId
from salesplanner.workbook.book import Sheet, readable, verdict_word

FIGURE_LABELS: dict[str, tuple[Message, str]] = {
    "headcount": (msg("People"), "int"),
    "openings": (msg("Open positions"), "int"),
    "fte": (msg("FTE"), "fte"),
    "effective_fte": (msg("Effective FTE"), "fte"),
    "annual_cost": (msg("Annual cost"), "money"),
    "supply": (msg("Opportunity supply"), "number"),
    "close_cap": (msg("Closing capacity"), "number"),
    "wins": (msg("Wins / month"), "number"),
    "bookings_year": (msg("Bookings / year"), "money"),
}
"""Header and format of each compared figure, in ``compare.FIGURE_FIELDS`` order."""

MEMBER_HEADERS = [mark("Name"), mark("Kind"), mark("Change"), mark("From"), mark("To"), mark("Start date"),
                  mark("Leave date"), mark("Annual cost before"), mark("Annual cost after"),
                  mark("Annual cost change"), mark("Effective FTE before"), mark("Effective FTE after"),
                  mark("Effective FTE change"), mark("ID")]
MEMBER_FORMATS: list[str | None] = [None, None, None, None, None, "date", "date",
                                    "money", "money", "money", "fte", "fte", "fte", None]


SHOWN_FIGURES = ("headcount", "openings", "annual_cost", "bookings_year")
TEAM_FIGURES = (*SHOWN_FIGURES, *(name for name in FIGURE_FIELDS if name not in SHOWN_FIGURES))
"""The team table's figures: people, openings, cost and bookings in view; FTE and capacity in a collapsed
column group, which starts right of the member table's columns (hiding it hides none of theirs)."""


def _figures(sheet: Sheet, row: int, column: int, before: Figures, after: Figures) -> None:
    delta = after.minus(before)
    for offset, name in enumerate(TEAM_FIGURES):
        fmt = FIGURE_LABELS[name][1]
        for side, figures in enumerate((before, after, delta)):
            sheet.number(row, column + 3 * offset + side, getattr(figures, name), fmt)


def write_changes(sheet: Sheet, plan: Plan, baseline_id: ScenarioId, scenario_id: ScenarioId) -> None:
    comparison = compare(plan, baseline_id, scenario_id)
    text = sheet.text
    text(0, 0, msg("Changes from {before} to {after}", before=comparison.source_name, after=comparison.target_name),
         "title")
    text(1, 0, msg("As of {as_of}: {changes}; {leavers} leave by {end}, the end of the horizon.",
                   as_of=comparison.as_of, changes=msg_n("{n} change", "{n} changes", n=len(comparison.members)),
                   leavers=len(comparison.leavers), end=comparison.horizon_end), fit=False)

    first = 3
    for row, change in enumerate(comparison.members, start=first + 1):
        text(row, 0, change.name)
        text(row, 1, msg("Open position") if change.is_opening else msg("Person"))
        text(row, 2, readable("; ".join(str(CHANGE_LABELS[kind]) for kind in change.kinds)))
        text(row, 3, change.before.label)
        text(row, 4, change.after.label)
        sheet.date(row, 5, change.start_date)
        sheet.date(row, 6, change.leave_date)
        sheet.number(row, 7, change.annual_cost_before, "money")
        sheet.number(row, 8, change.annual_cost_after, "money")
        sheet.number(row, 9, change.annual_cost_delta, "money")
        sheet.number(row, 10, change.effective_fte_before, "fte")
        sheet.number(row, 11, change.effective_fte_after, "fte")
        sheet.number(row, 12, change.effective_fte_delta, "fte")
        text(row, 13, change.member_id)
    last = first + len(comparison.members)
    sheet.table(first, last, MEMBER_HEADERS, "ChangeTable", MEMBER_FORMATS)

    # Leavers are not changes (a leave date is the person's, in every scenario): a table of their own.
    first = max(last, first + 1) + 2
    text(first - 1, 0, msg("Leaving by {end} ({n})", end=comparison.horizon_end, n=len(comparison.leavers)),
         "heading")
    for row, leaver in enumerate(comparison.leavers, start=first + 1):
        text(row, 0, leaver.name)
        sheet.date(row, 1, leaver.leave_date)
        text(row, 2, leaver.before.label)
        text(row, 3, leaver.after.label)
        text(row, 4, leaver.member_id)
    last = first + len(comparison.leavers)
    sheet.table(first, last, [mark("Name"), mark("Leave date"), mark("From"), mark("To"), mark("ID")], "LeaverTable",
                [None, "date", None, None, None])

    first = max(last, first + 1) + 2
    headers: list[Text] = [mark("Team"), mark("Change"), mark("Status before"), mark("Status after")]
    formats: list[str | None] = [None] * len(headers)
    for name in TEAM_FIGURES:
        label, fmt = FIGURE_LABELS[name]
        headers += [msg("{figure} before", figure=label), msg("{figure} after", figure=label),
                    msg("{figure} change", figure=label)]
        formats += [fmt, fmt, fmt]
    headers.append(mark("Team id"))
    formats.append(None)
    for row, team in enumerate(comparison.teams, start=first + 1):
        text(row, 0, team.name)
        what = msg("Added") if team.added else msg("Removed") if team.removed else \
            msg("Renamed from {name}", name=team.before_name) if team.renamed else \
            msg("Changed") if team.changed else msg("Unchanged")
        text(row, 1, what)
        text(row, 2, verdict_word(team.status_before) if team.status_before else None)
        text(row, 3, verdict_word(team.status_after) if team.status_after else None)
        _figures(sheet, row, 4, team.figures.before, team.figures.after)
        text(row, len(headers) - 1, team.team_id)
    last = first + len(comparison.teams)
    sheet.table(first, last, headers, "TeamChangeTable", formats)
    for column in (2, 3):
        sheet.book.colour_verdicts(sheet.worksheet, first + 1, last, column)
    sheet.details(range(4 + 3 * len(SHOWN_FIGURES), len(headers) - 1))

    first = max(last, first + 1) + 2
    totals = comparison.totals
    rows: list[tuple[Text, float | Text, float | Text, float | None, str]] = [
        (FIGURE_LABELS[name][0], getattr(totals.before, name), getattr(totals.after, name),
         getattr(totals.delta, name), FIGURE_LABELS[name][1]) for name in FIGURE_FIELDS]
    rows.append((msg("Balanced teams"), comparison.teams_balanced_before, comparison.teams_balanced_after,
                 comparison.teams_balanced_after - comparison.teams_balanced_before, "int"))
    rows.append((msg("Stage"), STAGE_NAMES[comparison.diagnosis_before.stage],
                 STAGE_NAMES[comparison.diagnosis_after.stage], None, ""))
    for row, (caption, before, after, delta, fmt) in enumerate(rows, start=first + 1):
        text(row, 0, caption)
        for column, value in ((1, before), (2, after), (3, delta)):
            if isinstance(value, str | Message):
                text(row, column, value)
            else:
                sheet.number(row, column, value, fmt or None)
    sheet.table(first, first + len(rows), [mark("Organisation"), mark("Before"), mark("After"), mark("Change")],
                "TotalChangeTable")
    sheet.fit_columns()
    sheet.book.advance()
