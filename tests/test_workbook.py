"""The exported workbook (README, "Excel"): sheets, tables, formats, text safety, progress, and — with
LibreOffice recalculating — live formulas that give the application's numbers.

The plan is the sample plan plus a team whose id, ``t-*``, is a spreadsheet wildcard (unescaped,
``SUMIFS(…, "t-*")`` would add up every team) and whose texts look like formulas, with overrides of an
AE's ramp and cost and of an outbound SDR's opportunities.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.escape import unescape

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import HANDOFF_LABELS, TeamResult, effective_fte, has_left, member_cost, ramp
from salesplanner.model import (
    Assumptions,
    MarketProfile,
    MemberId,
    Opening,
    Person,
    PersonId,
    Placement,
    Plan,
    PlanError,
    ScenarioId,
    Team,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.palette import VERDICT_COLOURS
from salesplanner.roles import RAMP_MONTHS, Role
from salesplanner.targets import VERDICT_WORDS, member_quota, target_verdict
from salesplanner.workbook.book import readable, verdict_word
from salesplanner.workbook.changes import MEMBER_HEADERS
from salesplanner.workbook.export import export_workbook
from salesplanner.workbook.sheets import OPEN_POSITION, ROSTER_HEADERS
from salesplanner.workbook.teams import TEAM_COLUMNS, TEAM_HEADERS
from salesplanner.workbook.timeline import CHART_ROWS
from tests.plans import sample_plan
from tests.spreadsheet_engine import ensure_calc, recalculate

HEADERS = {key: str(header) for key, header in TEAM_HEADERS.items()}
"""Teams headers as an English export writes them."""
ODD = TeamId("t-*")
INJECTIONS = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tTab first", "\rCR first", "=1+1"]


def workbook_plan() -> Plan:
    plan = sample_plan()
    today = plan.scenarios[plan.baseline]
    odd = Team(ODD, INJECTIONS[0], segment=INJECTIONS[1], product_line=INJECTIONS[6], geography=INJECTIONS[3],
               market=MarketProfile(inbound_leads_per_month=50, existing_customers=10, sales_cycle_days=45),
               roles={Role.AE: {"ramp_months": 2, "annual_cost": 150_000}, Role.SDR_OUTBOUND: {"opps_per_month": 9}})
    today.teams[odd.id] = odd
    # a target on Nordic Enterprise (coverage and its verdict as formulas); 0 on the odd team (no coverage)
    enterprise = today.teams[TeamId("t-nordic-ent")]
    today.teams[enterprise.id] = dataclasses.replace(enterprise, target_bookings=2_000_000)
    today.teams[odd.id] = dataclasses.replace(odd, target_bookings=0)
    today.assignments[MemberId("p-lea")] = Placement(ODD, Role.AE)  # starts 2027-03-01: not yet ramping
    today.assignments[MemberId("p-kim")] = Placement(ODD, Role.SDR_OUTBOUND)
    for number, name in enumerate(INJECTIONS[2:], start=1):
        person = Person(PersonId(f"p-x{number}"), name, email=INJECTIONS[4], location=INJECTIONS[5],
                        start_date=date(2026, 12, 1))
        plan.people[person.id] = person
        today.assignments[person.id] = Placement(ODD, Role.AE if number % 2 else Role.AM)
    return plan


def export(plan: Plan, path: Path, **options: Any) -> Path:
    assert export_workbook(plan, path, scenario_id=options.pop("scenario_id", plan.baseline), **options)
    return path


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Plan, Path]:
    plan = workbook_plan()
    return plan, export(plan, tmp_path / "plan.xlsx")


def rows_by_key(sheet: Any, key_header: str) -> dict[str, dict[str, Any]]:
    """A table sheet (header in row 1) as {key column value: {header: value}}."""
    rows = sheet.iter_rows(values_only=True)
    headers = list(next(rows))
    column = headers.index(key_header)
    return {row[column]: dict(zip(headers, row, strict=False)) for row in rows if row[column] is not None}


def label_values(sheet: Any) -> dict[str, Any]:
    """Column A label → column B value, for the label/value blocks of Summary and Assumptions."""
    return {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if isinstance(row[0], str)}


# --- what the engine says, per team and per member ------------------------------------------------------

def team_expectations(plan: Plan, result: TeamResult, expected_year: float) -> dict[str, Any]:
    """Every Teams column the workbook computes, keyed by its header, from the engine's result.
    ``expected_year`` is the team's expected bookings at export time: a value, it does not follow edits."""
    parameters = resolved_role_parameters(plan.assumptions, result.team)
    scenario = plan.scenarios[plan.baseline]
    seats = [(member, placement.role) for member_id, placement in sorted(scenario.assignments.items())
             if placement.team == result.team.id and (member := plan.member(scenario, member_id)) is not None]
    goal = result.team.target_bookings
    coverage = expected_year / goal if goal else None
    values: dict[str, Any] = {
        "opps_per_month": parameters[Role.SDR_OUTBOUND]["opps_per_month"],
        "leads_per_month": parameters[Role.SDR_INBOUND]["leads_per_month"],
        "max_open_opps": parameters[Role.AE]["max_open_opps"],
        "prospecting_share": parameters[Role.FULL_CYCLE]["prospecting_share"],
        "selling_share": parameters[Role.FOUNDER]["selling_share"],
        "accounts_per_am": parameters[Role.AM]["accounts_per_am"],
        "headcount": result.headcount, "openings": sum(result.openings.values()),
        "bottleneck": str(HANDOFF_LABELS[result.bottleneck]) if result.bottleneck else None,
        "status": verdict_word(result.status), "annual_cost": result.annual_cost,
        "manager_span": result.manager_span,
        "target_bookings": goal, "expected_bookings_year": expected_year, "target_coverage": coverage,
        "quota_capacity": sum(member_quota(member, role, parameters, plan.as_of) for member, role in seats),
        "target_verdict": None if coverage is None else
        readable(VERDICT_WORDS[target_verdict(coverage, plan.assumptions.tolerance)]),  # type: ignore[index]
    }
    for role in Role:
        values[f"people.{role.value}"] = result.members[role]
        values[f"fte.{role.value}"] = result.fte[role]
        values[f"effective_fte.{role.value}"] = result.effective_fte[role]
    for key in ("cycle_months", "intake", "cap_in", "leads_worked", "opps_in", "opps_out", "supply", "close_cap",
                "worked", "wins", "bookings", "accounts_H", "am_cap"):
        values[key] = getattr(result, key)
    for item in result.balances:
        values[item.handoff.value] = item.ratio
        values[f"{item.handoff.value}.verdict"] = verdict_word(item.verdict) if item.verdict else None
    return {HEADERS[key]: value for key, value in values.items()}


def member_expectations(plan: Plan) -> dict[str, dict[str, Any]]:
    """Roster's formula columns for each member, from the engine's own functions."""
    scenario = plan.scenarios[plan.baseline]
    expected = {}
    for member in plan.members(scenario):
        placement = scenario.assignments.get(member.id)
        row: dict[str, Any] = {"Counted": 0 if has_left(member, plan.as_of) else 1, "Ramp months": None,
                               "Ramp-up": None, "Effective FTE": None, "Run-rate cost": member.annual_cost,
                               "Quota (target year)": None}
        if placement is not None:
            parameters = resolved_role_parameters(plan.assumptions, scenario.teams[placement.team])
            months = parameters[placement.role][RAMP_MONTHS]
            row.update({"Ramp months": months,
                        "Ramp-up": ramp(member.start_date, member.leave_date, months, plan.as_of),
                        "Effective FTE": effective_fte(member, ramp_months=months, on=plan.as_of),
                        "Run-rate cost": member_cost(member, placement.role, parameters),
                        "Quota (target year)": member_quota(member, placement.role, parameters, plan.as_of)})
        expected[member.id] = row
    return expected


def assert_same(actual: Any, expected: Any, where: str) -> None:
    if expected is None:
        assert actual in (None, ""), where
    elif isinstance(expected, str):
        assert actual == expected, where
    else:
        assert isinstance(actual, int | float), f"{where}: {actual!r}"
        assert actual == pytest.approx(expected, rel=1e-9, abs=1e-9), where


def assert_workbook_matches(path: Path, plan: Plan) -> None:
    """Every computed cell of Teams, Roster and Summary equals what the engine says for ``plan``; expected
    bookings over the target year are the exported plan's (values, not formulas)."""
    book = openpyxl.load_workbook(path, data_only=True)
    analysis = ScenarioAnalysis(plan, plan.baseline)
    exported = ScenarioAnalysis(workbook_plan(), plan.baseline)
    teams = rows_by_key(book["Teams"], "Team id")
    assert list(teams) == list(plan.scenarios[plan.baseline].teams)
    for result in analysis.teams():
        expected_year = exported.target(result.team.id).expected_bookings_year
        for header, value in team_expectations(plan, result, expected_year).items():
            assert_same(teams[result.team.id][header], value, f"Teams {result.team.id} {header}")
    roster = rows_by_key(book["Roster"], "ID")
    for member_id, expected in member_expectations(plan).items():
        for header, value in expected.items():
            assert_same(roster[member_id][header], value, f"Roster {member_id} {header}")
    totals = analysis.totals
    summary = label_values(book["Summary"])
    for label, value in [("People in teams", totals.headcount), ("Open positions", totals.openings),
                         ("Opportunity supply / month", totals.supply), ("Closing capacity / month", totals.close_cap),
                         ("Wins / month", totals.wins), ("Bookings / year", totals.bookings_year),
                         ("Annual cost", totals.annual_cost), ("Cost of sales", totals.cost_of_sales),
                         ("SDRs per closer", totals.sdr_per_closer), ("Balanced teams", totals.teams_balanced),
                         ("Target", 2_000_000), ("Quota capacity", totals.quota_capacity),
                         ("Expected bookings (target year)", exported.totals.expected_bookings_year),
                         ("Target coverage", exported.totals.expected_bookings_year / 2_000_000)]:
        assert_same(summary[label], value, f"Summary {label}")


# --- a spreadsheet engine recalculates the formulas ----------------------------------------------------

def zero_cached_values(source: Path, target: Path) -> int:
    """Copy the workbook with every cached formula value replaced by 0; returns how many there were."""
    count = 0

    def zero(match: re.Match[bytes]) -> bytes:
        nonlocal count
        count += 1
        return match[1] + match[2] + b"<v>0</v>"

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'(<c r="[A-Z]+\d+"(?: s="\d+")?)(?: t="str")?(><f>[^<]*</f>)<v>[^<]*</v>', zero, data)
            new.writestr(item, data)
    return count


def what_if(path: Path, target: Path) -> None:
    """Edit inputs in the exported file as a user would in Excel (openpyxl keeps the formulas and drops
    every cached value, so the engine has to compute all of them)."""
    book = openpyxl.load_workbook(path)

    def set_cell(sheet: Any, key_header: str, key: str, header: str, value: Any, header_row: int = 1) -> None:
        headers = [cell.value for cell in sheet[header_row]]
        for row in sheet.iter_rows(min_row=header_row + 1):
            if row[headers.index(key_header)].value == key:
                row[headers.index(header)].value = value
                return
        raise AssertionError(f"no {key} in {sheet.title}")

    set_cell(book["Roster"], "ID", "p-gry", "FTE", 0.75)
    set_cell(book["Roster"], "ID", "p-bo", "Team id", "t-smb")  # Bo moves to SMB, still an outbound SDR
    set_cell(book["Teams"], "Team id", "t-dach-mm", HEADERS["win_rate"], 0.3)
    assumptions = book["Assumptions"]
    override_header = next(row[0].row for row in assumptions.iter_rows() if row[0].value == "Team")
    set_cell(assumptions, "Team id", "t-nordic-ent", "accounts_per_am", 15, header_row=override_header)
    role_header = next(row[0].row for row in assumptions.iter_rows() if row[0].value == "Role")
    set_cell(assumptions, "Role", "AE", "max_open_opps", 24, header_row=role_header)
    for row in assumptions.iter_rows():
        if row[0].value == "Balance tolerance τ":
            row[1].value = 0.3
        if row[0].value == "As-of date":
            row[1].value = datetime(2027, 4, 15)
    book.save(target)


def what_if_plan() -> Plan:
    """The same edits made to the plan."""
    plan = workbook_plan()
    today = plan.scenarios[plan.baseline]
    plan.people[PersonId("p-gry")] = dataclasses.replace(plan.people[PersonId("p-gry")], fte=0.75)
    today.assignments[MemberId("p-bo")] = Placement(TeamId("t-smb"), Role.SDR_OUTBOUND)
    dach = today.teams[TeamId("t-dach-mm")]
    today.teams[dach.id] = dataclasses.replace(dach, market=dataclasses.replace(dach.market, win_rate=0.3))
    nordic = today.teams[TeamId("t-nordic-ent")]
    today.teams[nordic.id] = dataclasses.replace(nordic, roles={Role.AM: {"accounts_per_am": 15}})
    roles = {role: dict(values) for role, values in plan.assumptions.roles.items()}
    roles[Role.AE]["max_open_opps"] = 24
    plan.assumptions = Assumptions(tolerance=0.3, roles=roles)
    plan.as_of = date(2027, 4, 15)
    return plan


@pytest.fixture(scope="session")
def soffice() -> str:
    return ensure_calc()


def test_libreoffice_recalculates_the_exported_formulas_to_the_apps_numbers(
        soffice: str, exported: tuple[Plan, Path], tmp_path: Path) -> None:
    plan, path = exported
    zeroed, edited = tmp_path / "zeroed.xlsx", tmp_path / "edited.xlsx"
    assert zero_cached_values(path, zeroed) > 300  # every formula's cached value is now wrong
    what_if(path, edited)
    recalculated_zeroed, recalculated_edited = recalculate(soffice, [zeroed, edited], tmp_path)

    assert_workbook_matches(recalculated_zeroed, plan)
    edited_plan = what_if_plan()
    assert_workbook_matches(recalculated_edited, edited_plan)
    # The edits did change numbers (worked out by hand): Dan is Nordic Enterprise's only AM, fully
    # ramped, with the override raised to 15 accounts; SMB now has Bo as its one outbound SDR.
    teams = rows_by_key(openpyxl.load_workbook(recalculated_edited, data_only=True)["Teams"], "Team id")
    assert teams["t-nordic-ent"][HEADERS["am_cap"]] == pytest.approx(15)
    assert teams["t-smb"][HEADERS["people.sdr_outbound"]] == 1
    assert teams["t-smb"][HEADERS["opps_out"]] == pytest.approx(12 + 1.5 * 0.3 * 0.4 * 12)
    # Ana (AE since 2024) at 24 open opps on a 120-day cycle: 24 / (120 / (365/12)) per month.
    assert teams["t-nordic-ent"][HEADERS["intake"]] == pytest.approx(24 / (120 / (365 / 12)))
    # The AE opening starts 2027-03-01: 306 days of the target year from 2027-01-01 (800,000 × 306 / 365),
    # the whole year once the as-of date moves to 2027-04-15.
    roster = [rows_by_key(openpyxl.load_workbook(path, data_only=True)["Roster"], "ID")
              for path in (recalculated_zeroed, recalculated_edited)]
    assert roster[0]["o-ae-1"]["Quota (target year)"] == pytest.approx(800_000 * 306 / 365)
    assert roster[1]["o-ae-1"]["Quota (target year)"] == pytest.approx(800_000)


def test_the_wildcard_team_id_is_matched_exactly() -> None:
    # Without escaping, "t-*" as a SUMIFS criterion would count every team's people.
    plan = workbook_plan()
    result = ScenarioAnalysis(plan, plan.baseline).team(ODD)
    assert result.headcount == 7  # Lea, Kim and five people named like formulas


# --- the workbook as a file ----------------------------------------------------------------------------

def test_sheets_tables_and_headers(exported: tuple[Plan, Path]) -> None:
    _, path = exported
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Teams", "Roster", "Assumptions", "Timeline"]
    tables = {table.name: table for sheet in book.worksheets for table in sheet.tables.values()}
    assert set(tables) == {"TeamSummary", "TeamTable", "RosterTable", "RoleTable", "OverrideTable", "ParameterTable",
                           "TimelineTable"}
    assert tables["RosterTable"].ref == f"A1:W{1 + 12 + 5 + 1}"  # 17 people and one opening
    assert [cell.value for cell in book["Roster"][1]] == ROSTER_HEADERS
    assert [cell.value for cell in book["Teams"][1]] == [str(header) for _, header, _ in TEAM_COLUMNS]
    assert all(tables[name].autoFilter is not None for name in tables)
    assert book["Teams"].freeze_panes == "B2" and book["Roster"].freeze_panes == "B2"  # the names stay in view
    names = set(book.defined_names)
    assert {"AsOf", "HorizonMonths", "Tolerance", "MonthDays"} <= names


def test_numbers_dates_and_money_have_formats(exported: tuple[Plan, Path]) -> None:
    _, path = exported
    book = openpyxl.load_workbook(path)
    roster, teams = book["Roster"], book["Teams"]
    ana = next(row for row in roster.iter_rows(min_row=2) if row[0].value == "Ana Berg")
    by_header = dict(zip(ROSTER_HEADERS, ana, strict=True))
    assert by_header["FTE"].number_format == "0.00"
    assert by_header["Start date"].number_format == "yyyy-mm-dd"
    assert by_header["Start date"].value == datetime(2024, 9, 1)
    assert by_header["Run-rate cost"].number_format == '#,##0 "EUR";-#,##0 "EUR"'
    assert by_header["Ramp-up"].number_format == "0.0%"
    headers = [cell.value for cell in teams[1]]
    assert teams.cell(2, headers.index(HEADERS["win_rate"]) + 1).number_format == "0.0%"
    assert teams.cell(2, headers.index(HEADERS["supply"]) + 1).number_format == "#,##0.0"
    assert teams.column_dimensions["A"].width >= len("Nordic Enterprise")


def test_verdict_cells_are_coloured_with_the_boards_palette(exported: tuple[Plan, Path]) -> None:
    _, path = exported
    teams = openpyxl.load_workbook(path)["Teams"]
    headers = [cell.value for cell in teams[1]]
    status_letter = openpyxl.utils.get_column_letter(headers.index("Status") + 1)
    fills: dict[str, str] = {}
    for cells, rules in teams.conditional_formatting._cf_rules.items():
        if str(cells.sqref).startswith(status_letter):
            for rule in rules:
                fills[rule.formula[0].strip('"')] = rule.dxf.fill.bgColor.rgb[-6:]
    assert fills == {verdict_word(verdict): swatch.fill.lstrip("#").upper()
                     for verdict, swatch in VERDICT_COLOURS.items()}


def test_every_text_cell_stays_text(exported: tuple[Plan, Path]) -> None:
    _, path = exported
    book = openpyxl.load_workbook(path)
    texts = {unescape(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
             if cell.data_type == "s"}
    assert set(INJECTIONS) <= texts
    formulas = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                if cell.data_type == "f"]
    assert not set(INJECTIONS) & set(formulas)
    # calamine reads the strings exactly (openpyxl needs unescape for a leading CR).
    frame = pd.read_excel(path, sheet_name="Roster", engine="calamine")
    assert set(INJECTIONS[2:]) <= set(frame["Name"])
    assert set(frame["Email"].dropna()) == {INJECTIONS[4], "ana@example.com", "eva@example.com"}


def test_formulas_use_only_functions_every_spreadsheet_knows(exported: tuple[Plan, Path]) -> None:
    # LibreOffice 7.4 has no XLOOKUP, and newer functions would need an _xlfn. prefix we do not write.
    _, path = exported
    book = openpyxl.load_workbook(path)
    used = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    used |= set(re.findall(r"([A-Z][A-Z0-9.]*)\(", re.sub(r'"[^"]*"', "", cell.value)))
    assert used <= {"SUMIFS", "COUNTIFS", "COUNTIF", "COUNT", "INDEX", "MATCH", "IF", "MIN", "MAX", "SUM", "AND", "OR",
                    "SUBSTITUTE"}
    assert "SUMIFS" in used and "INDEX" in used and "MATCH" in used


def test_pandas_reads_the_apps_numbers_from_teams(exported: tuple[Plan, Path]) -> None:
    plan, path = exported
    frame = pd.read_excel(path, sheet_name="Teams", engine="calamine").set_index("Team id")
    analysis = ScenarioAnalysis(plan, plan.baseline)
    for result in analysis.teams():
        row = frame.loc[result.team.id]
        expected_year = analysis.target(result.team.id).expected_bookings_year
        for header, value in team_expectations(plan, result, expected_year).items():
            if value is None:
                assert pd.isna(row[header]) or row[header] == "", header
            elif isinstance(value, str):
                assert row[header] == value
            else:
                assert row[header] == pytest.approx(value, rel=1e-12), header


def test_the_chart_shows_supply_against_closing_capacity(exported: tuple[Plan, Path]) -> None:
    _, path = exported
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "Opportunity supply" in chart and "Closing capacity" in chart
    supply = openpyxl.utils.get_column_letter(1 + [k for k, _, _ in TEAM_COLUMNS].index("supply"))
    assert f"Teams!${supply}$2:${supply}$5" in chart
    assert "barChart" in chart


def test_changes_sheet_only_with_a_baseline(tmp_path: Path) -> None:
    plan = sample_plan()
    without = export(plan, tmp_path / "a.xlsx", scenario_id=ScenarioId("s-growth"))
    assert "Changes" not in openpyxl.load_workbook(without).sheetnames
    with_baseline = export(plan, tmp_path / "b.xlsx", scenario_id=ScenarioId("s-growth"), baseline_id=plan.baseline)
    book = openpyxl.load_workbook(with_baseline)
    assert book.sheetnames[-2:] == ["Changes", "Timeline"]
    changes = {row[MEMBER_HEADERS.index("ID")]: dict(zip(MEMBER_HEADERS, row, strict=False))
               for row in book["Changes"].iter_rows(min_row=5, values_only=True) if row[0]}
    # The sample's Growth proposal: Ana moves to DACH, Kim joins SMB as an AM, an SDR opening is added.
    assert changes["p-ana"]["Change"] == "Moves team"
    assert (changes["p-ana"]["From"], changes["p-ana"]["To"]) == ("Nordic Enterprise · AE", "DACH Mid-Market · AE")
    assert changes["p-kim"]["Change"] == "Joins from the bench" and changes["p-kim"]["To"] == "SMB · AM"
    assert changes["p-kim"]["Annual cost change"] == 120_000  # an AM's default cost, full time
    assert changes["o-sdr-1"]["Change"] == "Opening to fill" and changes["o-sdr-1"]["Kind"] == "Open position"


def test_progress_reaches_the_total_and_cancelling_leaves_no_file(tmp_path: Path) -> None:
    plan = workbook_plan()
    reports: list[tuple[int, int]] = []
    path = tmp_path / "plan.xlsx"
    assert export_workbook(plan, path, scenario_id=plan.baseline,
                           progress=lambda done, total: reports.append((done, total)) is None)
    assert reports[0][0] == 0 and reports[-1][0] == reports[-1][1]
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(reports))

    path.write_bytes(b"the old file")
    assert not export_workbook(plan, path, scenario_id=plan.baseline, progress=lambda done, total: done == 0)
    assert path.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]
    cancelled = tmp_path / "never.xlsx"
    assert not export_workbook(plan, cancelled, scenario_id=plan.baseline, progress=lambda done, total: False)
    assert not cancelled.exists()


def test_an_unwritable_target_and_an_unknown_scenario_are_one_sentence(tmp_path: Path) -> None:
    plan = workbook_plan()
    with pytest.raises(PlanError, match=r"^plan\.xlsx: could not be written"):
        export_workbook(plan, tmp_path / "missing folder" / "plan.xlsx", scenario_id=plan.baseline)
    with pytest.raises(PlanError, match="no scenario"):
        export_workbook(plan, tmp_path / "plan.xlsx", scenario_id=ScenarioId("s-ghost"))


def test_openings_and_leavers_in_the_roster(exported: tuple[Plan, Path]) -> None:
    plan, path = exported
    roster = rows_by_key(openpyxl.load_workbook(path, data_only=True)["Roster"], "ID")
    assert roster["o-ae-1"]["Status"] == str(OPEN_POSITION) and roster["o-ae-1"]["Annual cost"] == 175_000
    assert roster["p-finn"]["Status"] == "Leaving" and roster["p-finn"]["Leave date"] == datetime(2027, 6, 30)
    assert roster["p-ana"]["Status"] == "Active" and roster["p-ana"]["Job title"] == "Senior Account Executive"
    assert roster["p-lea"]["Team id"] == ODD and roster["p-lea"]["Ramp-up"] == 0  # not started yet
    # Hans started 2026-12-01 as an outbound SDR (3 months' ramp): 31 days in by the as-of date.
    assert roster["p-hans"]["Effective FTE"] == pytest.approx(31 / (365 / 12) / 3)
    assert isinstance(plan.scenarios[plan.baseline].openings["o-ae-1"], Opening)
    assert not math.isnan(roster["p-ana"]["Effective FTE"])


@pytest.mark.parametrize(("people", "teams"), [(0, 0), (0, 2), (5, 0)])
def test_empty_plans_export_too(tmp_path: Path, people: int, teams: int) -> None:
    from salesplanner.synthetic import synthetic_plan

    plan = synthetic_plan(people=people, teams=teams, seed=1)
    path = export(plan, tmp_path / "plan.xlsx", baseline_id=ScenarioId("s-proposal"))
    book = openpyxl.load_workbook(path, data_only=True)
    assert book.sheetnames == ["Summary", "Teams", "Roster", "Assumptions", "Changes", "Timeline"]
    assert label_values(book["Summary"])["Opportunity supply / month"] == 0


def test_timeline_sheet_holds_the_engines_months_per_team_and_the_baselines_line(tmp_path: Path) -> None:
    from salesplanner.timeline import timeline

    plan = sample_plan()
    growth = ScenarioId("s-growth")
    path = export(plan, tmp_path / "t.xlsx", scenario_id=growth, baseline_id=plan.baseline)
    frame = pd.read_excel(path, sheet_name="Timeline", header=CHART_ROWS + 3, engine="calamine")
    expected = timeline(plan, growth)
    months = len(expected.dates)
    assert len(frame) == months * (2 + len(plan.scenarios[growth].teams))  # two organisation lines, then teams
    growth_total = frame[(frame["Team"] == "All teams") & (frame["Scenario"] == "Growth")]
    assert list(growth_total["Month"]) == list(range(months))
    # Labelled by calendar month, one each (the model's 365/12-day steps would name some month twice).
    assert [stamp.date() for stamp in growth_total["Month of"]] == list(expected.calendar_months)
    assert len(set(growth_total["Month of"])) == months
    assert list(growth_total["Bookings capacity / year"]) == pytest.approx(list(expected.total.bookings_year))
    assert list(growth_total["Closing capacity / month"]) == pytest.approx(list(expected.total.close_cap))
    # Month 0 is today's figures: the same number as the analysis (and the Summary sheet).
    assert growth_total["Bookings capacity / year"].iloc[0] == pytest.approx(
        ScenarioAnalysis(plan, growth).totals.bookings_year)
    today = frame[(frame["Team"] == "All teams") & (frame["Scenario"] == "Today")]
    baseline_line = timeline(plan, plan.baseline).total.bookings_year
    assert list(today["Bookings capacity / year"]) == pytest.approx(list(baseline_line))
    for team_id, series in expected.teams.items():
        rows = frame[frame["Team"] == plan.scenarios[growth].teams[team_id].name]
        assert list(rows["Wins / month"]) == pytest.approx(list(series.wins))
