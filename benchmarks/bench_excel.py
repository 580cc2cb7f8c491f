"""Time the Excel export and the roster import against the bare libraries, and check the goals.

Run from the project folder: ``uv run python benchmarks/bench_excel.py [--runs 5] [--people 10000]``.
Each figure is the median of ``--runs`` runs with a garbage collection before each. See
``benchmarks/README.md`` for what each row measures.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import median_seconds

from salesplanner.model import Opening, Plan
from salesplanner.roles import DISPLAY_NAMES
from salesplanner.roster.build import build_plan_from_roster, read_roster
from salesplanner.synthetic import synthetic_plan
from salesplanner.workbook.export import export_workbook

SEED = 7
EXPORT_GOAL = 1.5  # export ÷ bare XlsxWriter writing the same cells, at most
IMPORT_GOAL = 1.5  # import ÷ pandas.read_excel(engine="calamine") of the same file, at most


def exported_cells(path: Path) -> list[tuple[str, list[tuple[int, int, Any, Any]]]]:
    """Every non-empty cell of the exported workbook: (row, column, value or formula, cached value)."""
    import openpyxl

    formulas = openpyxl.load_workbook(path, read_only=True)
    values = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = []
    for name in formulas.sheetnames:
        cells = []
        for formula_row, value_row in zip(formulas[name].iter_rows(), values[name].iter_rows(), strict=False):
            for formula_cell, value_cell in zip(formula_row, value_row, strict=False):
                if formula_cell.value is not None:
                    cells.append((formula_cell.row - 1, formula_cell.column - 1, formula_cell.value,
                                  value_cell.value))
        sheets.append((name, cells))
    return sheets


def bare_write(sheets: list[tuple[str, list[tuple[int, int, Any, Any]]]], path: Path, *,
               skip_formula_rewriting: bool = False) -> None:
    """The same cells with bare XlsxWriter: no formats, tables, widths, conditional formats or chart."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    for name, cells in sheets:
        sheet = book.add_worksheet(name)
        if skip_formula_rewriting:  # what the export does (workbook._skip_formula_rewriting)
            sheet._prepare_formula = lambda formula, expand=False: formula.lstrip("=")
        for row, column, value, cached in cells:
            if isinstance(value, str) and value.startswith("="):
                sheet.write_formula(row, column, value, None, "" if cached is None else cached)
            elif isinstance(value, str):
                sheet.write_string(row, column, value)
            elif isinstance(value, datetime.datetime):
                sheet.write_datetime(row, column, value)
            else:
                sheet.write_number(row, column, value)
    book.close()


ROSTER_COLUMNS = ("ID", "Name", "Email", "Location", "Role", "Team", "Segment", "Product line", "Geography", "FTE",
                  "Productivity", "Start date", "Leave date", "Annual cost", "Status")


def write_roster_file(plan: Plan, path: Path) -> int:
    """An HR-style roster of the plan's baseline: 15 columns, one row per person or opening."""
    import xlsxwriter

    scenario = plan.scenarios[plan.baseline]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Export")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for column, header in enumerate(ROSTER_COLUMNS):
        sheet.write_string(0, column, header)
    row = 0
    for row, member in enumerate(plan.members(scenario), start=1):
        placement = scenario.assignments.get(member.id)
        team = scenario.teams[placement.team] if placement else None
        opening = isinstance(member, Opening)
        texts = [member.id, member.name, None if opening else member.email, None if opening else member.location,
                 str(DISPLAY_NAMES[placement.role]) if placement else None, team.name if team else None,
                 team.segment if team else None, team.product_line if team else None,
                 team.geography if team else None]
        for column, text in enumerate(texts):
            if text:
                sheet.write_string(row, column, text)
        sheet.write_number(row, 9, member.fte)
        sheet.write_number(row, 10, member.productivity)
        for column, day in ((11, member.start_date), (12, member.leave_date)):
            if day:
                sheet.write_datetime(row, column, day, dates)
        if member.annual_cost is not None:
            sheet.write_number(row, 13, member.annual_cost)
        sheet.write_string(row, 14, "open position" if opening else member.status.value)
    book.close()
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=500)
    args = parser.parse_args(argv)
    import pandas as pd

    plan = synthetic_plan(people=args.people, teams=args.teams, seed=SEED)
    print(f"Python {platform.python_version()} on {platform.machine()}; {args.people:,} people, {args.teams:,} teams, "
          f"median of {args.runs} runs\n")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        workbook = work / "plan.xlsx"
        export = median_seconds(lambda: export_workbook(plan, workbook, scenario_id=plan.baseline), args.runs)
        sheets = exported_cells(workbook)
        cells = sum(len(c) for _, c in sheets)
        bare = median_seconds(lambda: bare_write(sheets, work / "bare.xlsx"), args.runs)
        floor = median_seconds(lambda: bare_write(sheets, work / "floor.xlsx", skip_formula_rewriting=True), args.runs)

        roster = work / "roster.xlsx"
        rows = write_roster_file(plan, roster)
        imported = median_seconds(lambda: build_plan_from_roster(read_roster(roster)), args.runs)
        pandas = median_seconds(lambda: pd.read_excel(roster, engine="calamine"), args.runs)
        result = build_plan_from_roster(read_roster(roster))
        assert not result.problems and result.people + result.openings == rows

    export_ratio, import_ratio = export / bare, imported / pandas
    table = [
        ("export_workbook (Summary, Teams, Roster, Assumptions)", export, f"{cells:,} cells", ""),
        ("bare XlsxWriter, same cells, no formatting", bare, "", ""),
        ("  … and without XlsxWriter's formula rewriting", floor, "the floor", f"export ÷ floor {export / floor:.2f}×"),
        ("export ÷ bare XlsxWriter", None, f"{export_ratio:.2f}×", f"goal ≤ {EXPORT_GOAL}×"),
        (f"read_roster + build_plan_from_roster ({rows:,} rows × 15)", imported, "", ""),
        ('pandas.read_excel(engine="calamine"), same file', pandas, "", ""),
        ("import ÷ pandas", None, f"{import_ratio:.2f}×", f"goal ≤ {IMPORT_GOAL}×"),
    ]
    for label, seconds, note, goal in table:
        timing = f"{seconds * 1000:9.0f} ms" if seconds is not None else " " * 12
        print(f"{label:<58} {timing}  {note:<16} {goal}")
    missed = [name for name, ratio, goal in (("export", export_ratio, EXPORT_GOAL),
                                             ("import", import_ratio, IMPORT_GOAL))
              if ratio > goal]
    if missed:
        print(f"\nGoal missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
