"""Excel export (docs/model.md, "The workbook"): a working planning workbook for finance and HR.

``export_workbook`` writes Summary, Teams, Roster, Assumptions, Changes when a baseline is given, and
Timeline (the scenario month by month).
The capacity columns of Teams are live formulas over Roster and Assumptions (``workbook.formulas``
says how they refer to each other), and each formula carries the engine's own number as its cached
value, so viewers that do not recalculate, and ``pandas.read_excel``, see the app's figures.

XlsxWriter writes it: it stores cached formula values (openpyxl cannot) and writes fast. It is
imported inside the functions that need it, so the rest of the core does not pay for it. Every text
cell goes through ``write_string``: a name such as ``=HYPERLINK(…)`` or ``+1`` stays text.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from salesplanner.i18n import msg
from salesplanner.model import Plan, PlanError, ScenarioId
from salesplanner.workbook.book import SUMMARY_ONE_PAGE_ROWS, Book, ExportCancelled, Progress, Sheet


def export_workbook(plan: Plan, path: str | os.PathLike[str], *, scenario_id: ScenarioId,
                    baseline_id: ScenarioId | None = None, progress: Progress | None = None) -> bool:
    """Write the planning workbook of ``scenario_id`` to ``path``, atomically.

    With ``baseline_id`` a Changes sheet compares that scenario with the exported one (and the Timeline
    sheet shows its organisation line too). ``progress``
    is called now and then with (rows written, rows in all); if it returns False the export stops,
    nothing is written and the function returns False. Returns True once the file is in place.
    Raises ``PlanError`` with one sentence when the scenario is unknown or the file cannot be written.
    """
    import xlsxwriter  # type: ignore[import-untyped]

    from salesplanner.analysis import ScenarioAnalysis
    from salesplanner.files import write_atomically
    from salesplanner.workbook.sheets import write_assumptions, write_roster
    from salesplanner.workbook.summary import write_summary
    from salesplanner.workbook.teams import write_teams

    for wanted in (scenario_id, baseline_id):
        if wanted is not None and wanted not in plan.scenarios:
            raise PlanError(msg('the plan has no scenario with id "{id}"', id=wanted))
    target = Path(path)
    analysis = ScenarioAnalysis(plan, scenario_id)
    scenario = analysis.scenario
    members = len(plan.people) + len(scenario.openings)
    total = members + 3 * len(scenario.teams) + 4
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "default_date_format": "yyyy-mm-dd"})
    book = Book(workbook, plan.currency, total=total, progress=progress, footer=f"{plan.name} — {scenario.name}")
    try:
        book.report()
        # Written in dependency order, shown in reading order: Summary first.
        summary = Sheet(book, "Summary")
        teams = Sheet(book, "Teams")
        roster = Sheet(book, "Roster")
        assumptions = Sheet(book, "Assumptions")
        sheets = [teams, roster, assumptions]
        write_assumptions(assumptions, plan, scenario)
        write_roster(roster, plan, analysis)
        team_rows = write_teams(teams, plan, analysis)
        summary_rows = write_summary(summary, plan, analysis, team_rows)
        summary.print_layout(one_page=summary_rows <= SUMMARY_ONE_PAGE_ROWS)
        if baseline_id is not None:
            from salesplanner.workbook.changes import write_changes

            sheets.append(Sheet(book, "Changes"))
            write_changes(sheets[-1], plan, baseline_id, scenario_id)
        from salesplanner.workbook.timeline import write_timeline

        sheets.append(Sheet(book, "Timeline"))
        write_timeline(sheets[-1], plan, scenario_id, baseline_id)
        for sheet in sheets:
            sheet.print_layout()
        book.report()
        workbook.close()
    except ExportCancelled:
        return False
    try:
        write_atomically(target, buffer.getvalue())
    except OSError as error:
        raise PlanError(msg("{file}: could not be written ({reason})", file=target.name,
                            reason=error.strerror or str(error))) from None
    if progress is not None:
        progress(total, total)
    return True
