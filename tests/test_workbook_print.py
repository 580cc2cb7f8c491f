"""The workbook as finance prints it (README, "Excel"): LibreOffice saves an export of a 57-person plan
as PDF, and the pages are read back. Summary is one landscape page; no sheet is wider than a page (every
page of a table holds its first and its last column, the header row repeated); every page is landscape.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pypdf
import pytest

from salesplanner.commands import copy_scenario
from salesplanner.model import MemberId, Placement, Plan, ScenarioId
from salesplanner.roles import Role
from salesplanner.roster.build import build_plan_from_roster
from salesplanner.roster.files import read_roster
from salesplanner.workbook.export import export_workbook
from tests.hr_roster import write_hr_export
from tests.spreadsheet_engine import ensure_calc, to_pdf

FOOTER = re.compile(r"(Summary|Teams|Roster|Assumptions|Changes|Timeline)\s*Page (\d+) of (\d+)")
Pages = list[tuple[str, str, pypdf.PageObject]]
FIRST_AND_LAST = {"Teams": ("Team", "Team id"), "Roster": ("Name", "Team id"), "Timeline": ("Month", "Bookings")}
"""A table's first and last column headers, which every one of its printed pages must show."""


def nordvik_plan(tmp_path: Path) -> Plan:
    """The HR export imported, plus a proposal in which two AEs move and one AM is benched: a Changes sheet."""
    plan = build_plan_from_roster(read_roster(write_hr_export(tmp_path / "roster_nordvik_v2.csv")),
                                  as_of=date(2027, 1, 1)).plan
    today = plan.scenarios[plan.baseline]
    proposal = copy_scenario(today, new_id=ScenarioId("s-proposal"), name="Proposal")
    plan.scenarios[proposal.id] = proposal
    teams = list(proposal.teams)
    aes = [member for member, placement in proposal.assignments.items() if placement.role is Role.AE]
    proposal.assignments[aes[0]] = Placement(teams[-1], Role.AE)
    proposal.assignments[aes[1]] = Placement(teams[-2], Role.AE)
    am = next(member for member, placement in proposal.assignments.items() if placement.role is Role.AM)
    del proposal.assignments[MemberId(am)]
    return plan


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """(sheet, text, page) of every page of the printed workbook."""
    folder = tmp_path_factory.mktemp("print")
    plan = nordvik_plan(folder)
    workbook = folder / "nordvik.xlsx"
    assert export_workbook(plan, workbook, scenario_id=ScenarioId("s-proposal"), baseline_id=plan.baseline)
    (pdf,) = to_pdf(ensure_calc(), [workbook], folder)
    printed = []
    for page in pypdf.PdfReader(pdf).pages:
        text = page.extract_text()
        footer = FOOTER.search(text)
        assert footer is not None, text[:200]
        printed.append((footer[1], text, page))
    return printed


def test_summary_is_one_landscape_page_and_every_sheet_is_printed(pages: Pages) -> None:
    sheets = [sheet for sheet, _, _ in pages]
    assert sheets.count("Summary") == 1
    assert list(dict.fromkeys(sheets)) == ["Summary", "Teams", "Roster", "Assumptions", "Changes", "Timeline"]
    summary = next(text for sheet, text, _ in pages if sheet == "Summary")
    assert "Opportunity supply vs closing capacity" in summary  # the chart is on that one page
    assert "Nordvik sales plan — Proposal" in summary  # the footer names the plan, not the file
    for _, _, page in pages:
        assert page.mediabox.width > page.mediabox.height  # landscape


def test_no_sheet_is_wider_than_a_page(pages: Pages) -> None:
    # 57 people fit the Roster on one page and the Teams on one; no sheet needs a page beside another.
    assert sum(1 for sheet, _, _ in pages if sheet == "Roster") == 1
    assert sum(1 for sheet, _, _ in pages if sheet == "Teams") == 1
    for sheet, text, _ in pages:
        if sheet in FIRST_AND_LAST:
            first, last = FIRST_AND_LAST[sheet]
            assert first in text and last in text, f"a {sheet} page lacks a column: {text[:300]}"


def test_the_timeline_repeats_its_header_on_every_page(pages: Pages) -> None:
    timeline = [text for sheet, text, _ in pages if sheet == "Timeline"]
    assert len(timeline) >= 2  # 6 teams and two organisation lines over 13 months: 104 rows
    assert all("Closing" in text and "Effective" in text for text in timeline)


def test_print_settings_in_the_file(tmp_path: Path) -> None:
    """What Excel reads: landscape, fit to one page wide (Summary also high), header rows to repeat, and
    the detail columns hidden in a collapsed group."""
    plan = nordvik_plan(tmp_path)
    path = tmp_path / "plan.xlsx"
    assert export_workbook(plan, path, scenario_id=plan.baseline)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert sheet.page_setup.fitToWidth in (1, None), sheet.title  # None: the default, 1
        assert sheet.page_setup.fitToHeight == (None if sheet.title == "Summary" else 0), sheet.title
    assert book["Teams"].print_title_rows == "$1:$1" and book["Roster"].print_title_rows == "$1:$1"
    teams = book["Teams"]
    hidden = {column for dimension in teams.column_dimensions.values() if dimension.hidden
              for column in range(dimension.min, dimension.max + 1)}
    headers = {cell.column: cell.value for cell in teams[1]}
    assert {headers[column] for column in hidden} >= {"Win rate", "Average deal", "Opps worked", "FTE: AE"}
    assert not {headers[column] for column in hidden} & {"Team", "Status", "Bookings / month", "Team id"}


def test_a_long_plan_name_is_cut_in_the_footer(tmp_path: Path) -> None:
    """Excel refuses a footer over 255 characters; a plan's name may have 1,000 (and an "&" is doubled)."""
    plan = nordvik_plan(tmp_path)
    plan.name = "R&D " * 250
    path = tmp_path / "long.xlsx"
    assert export_workbook(plan, path, scenario_id=plan.baseline)
    footer = openpyxl.load_workbook(path)["Roster"].oddFooter
    shown = footer.left.text.replace("&&", "&")
    assert len(shown) == 100 and shown.startswith("R&D R&D ") and shown.endswith("…")  # 99 characters and …
    assert footer.center.text == "&A"
