"""Roster import (README, "Roster import"): CSV and XLSX in their everyday variants, the mapping, per-row problems,
the round trip through the exported workbook, and hostile files refused in bounded memory."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from salesplanner.model import MemberId, Placement, PlanError, Status, Team, TeamId
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import save_plan
from salesplanner.roles import Role
from salesplanner.roster.build import ColumnMapping, Field, build_plan_from_roster, read_roster
from salesplanner.roster.cells import DateColumn, number
from salesplanner.roster.files import MAX_ROWS
from salesplanner.workbook.export import export_workbook
from tests.plans import sample_plan

AS_OF = date(2027, 1, 1)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    book = xlsxwriter.Workbook(str(path))
    worksheet = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                worksheet.write_datetime(r, c, value, book.add_format({"num_format": "yyyy-mm-dd"}))
            elif isinstance(value, str):
                worksheet.write_string(r, c, value)
            elif value is not None:
                worksheet.write_number(r, c, value)
    book.close()
    return path


def imported(path: Path) -> object:
    return build_plan_from_roster(read_roster(path), as_of=AS_OF)


# --- reading files -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"),
                                                     ("latin-1", "\t"), ("utf-8", ";")])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    rows = [["Full name", "Title", "Team", "Territory", "FTE"], ["Søren Ærø", "AE", "Nordics", "Nordics", "0,5"],
            ["Zoë Müller", "BDR", "DACH", "DACH", "1"]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)  # quotes "0,5" where the delimiter is a comma
    path = write_csv(tmp_path / "roster.csv", buffer.getvalue(), encoding)
    table = read_roster(path)
    assert table.headers == ("Full name", "Title", "Team", "Territory", "FTE")  # no BOM left in the first one
    assert [row[0] for row in table.rows] == ["Søren Ærø", "Zoë Müller"]
    result = build_plan_from_roster(table, as_of=AS_OF)
    fte = {person.name: person.fte for person in result.plan.people.values()}
    assert fte == {"Søren Ærø": 0.5, "Zoë Müller": 1.0}
    assert not result.problems


def test_aliases_are_matched_case_insensitively_and_unknown_columns_reported(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "FULL NAME,E-Mail,Job Title,Team,Segment,Product,Geo,Start Date,"
                                         "Annual cost (EUR),Department,Productivity\n"
                                         "Ana,ana@x.com,Account Executive,Nordic Ent,Enterprise,Core,Nordics,"
                                         "2026-09-01,\"175,000\",Sales,1.5\n")
    table = read_roster(path)
    mapping = ColumnMapping.guess(table.headers)
    assert mapping.fields == (Field.NAME, Field.EMAIL, Field.TITLE, Field.TEAM, Field.SEGMENT, Field.PRODUCT_LINE,
                              Field.GEOGRAPHY, Field.START_DATE, Field.ANNUAL_COST, None, Field.PRODUCTIVITY)
    result = build_plan_from_roster(table, mapping, as_of=AS_OF)
    assert result.ignored_columns == ("Department",)
    (ana,) = result.plan.people.values()
    assert (ana.email, ana.start_date, ana.annual_cost, ana.productivity, ana.title) == \
        ("ana@x.com", date(2026, 9, 1), 175_000, 1.5, "Account Executive")
    (team,) = result.plan.scenarios[result.plan.baseline].teams.values()
    assert (team.name, team.segment, team.product_line, team.geography) == \
        ("Nordic Ent", "Enterprise", "Core", "Nordics")
    assert result.plan.scenarios[result.plan.baseline].assignments[ana.id] == Placement(team.id, Role.AE)


def test_the_mapping_can_be_changed(tmp_path: Path) -> None:
    table = read_roster(write_csv(tmp_path / "r.csv", "Employee,Job,Squad\nAna,AE,North\n"))
    mapping = ColumnMapping.guess(table.headers)
    assert mapping.fields == (Field.NAME, Field.TITLE, None)
    mapping = mapping.with_field(2, Field.TEAM)
    assert mapping.fields == (Field.NAME, Field.TITLE, Field.TEAM)
    assert mapping.with_field(1, Field.NAME).fields == (None, Field.NAME, Field.TEAM)  # one column per field
    result = build_plan_from_roster(table, mapping, as_of=AS_OF)
    assert [t.name for t in result.plan.scenarios[result.plan.baseline].teams.values()] == ["North"]
    with pytest.raises(PlanError, match="no column holds the name"):
        build_plan_from_roster(table, mapping.with_field(0, None), as_of=AS_OF)


def test_bad_rows_are_listed_with_row_column_and_reason_and_good_rows_import(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "\n".join([
        "Name,Role,Team,FTE,Start date,Status,ID",
        "Ana,AE,North,1,2026-09-01,,p-ana",      # row 2: fine
        ",AE,North,1,,,",                         # row 3: no name
        "Bo,SDR,North,0,,,",                      # row 4: FTE 0
        "Cy,AE,North,abc,31.02.2026,,",           # row 5: two bad values
        "",                                       # row 6: blank, skipped
        "Dag,Wizard,North,1,,,",                  # row 7: unknown title: bench, with a warning
        "Eli,AE,north,1,,,p-ana",                 # row 8: id already used
        "Fay,CSM,north,1,,leaving,",              # row 9: leaving without a leave date
        "Gus,Customer Success Manager,NORTH,0.5,,,",  # row 10: fine, same team
    ]) + "\n")
    result = imported(path)
    assert [str(problem) for problem in result.problems] == [
        "row 3, column Name: must not be empty",
        "row 4, column FTE: must be greater than 0",
        "row 5, column FTE: is not a number",
        'row 5, column Start date: "31.02.2026" is not a date: February has no day 31',
        'row 8, column ID: "p-ana" is already used by another row or team',
        "row 9, column Leave date: is required when status is leaving",
    ]
    assert result.rows_with_problems == 5
    assert [str(w) for w in result.warnings] == [
        'row 7, column Role: "Wizard" is not a known role; imported on the bench']
    plan = result.plan
    assert sorted(p.name for p in plan.people.values()) == ["Ana", "Dag", "Gus"]
    scenario = plan.scenarios[plan.baseline]
    assert len(scenario.teams) == 1  # North, north and NORTH are one team
    by_name = {p.name: p.id for p in plan.people.values()}
    assert by_name["Dag"] not in scenario.assignments
    assert scenario.assignments[by_name["Gus"]].role is Role.AM
    assert (result.people, result.on_bench, result.teams) == (3, 1, 1)
    save_plan(plan, tmp_path / "out.salesplan")  # an imported plan always saves and loads
    assert load_plan(tmp_path / "out.salesplan").people == plan.people


def test_titles_of_the_issue_map_to_roles(tmp_path: Path) -> None:
    titles = {"BDR": Role.SDR_OUTBOUND, "SDR": Role.SDR_OUTBOUND, "Inbound SDR": Role.SDR_INBOUND,
              "Account Executive": Role.AE, "AE": Role.AE, "Closer": Role.AE, "Account Manager": Role.AM,
              "CSM": Role.AM, "Customer Success Manager": Role.AM, "Sales Manager": Role.MANAGER,
              "Team Lead": Role.MANAGER, "Founder": Role.FOUNDER, "CEO": Role.FOUNDER,
              "Full-cycle rep": Role.FULL_CYCLE}
    lines = ["Name,Title,Team"] + [f"P{i},{title},T" for i, title in enumerate(titles)]
    result = imported(write_csv(tmp_path / "r.csv", "\n".join(lines)))
    scenario = result.plan.scenarios[result.plan.baseline]
    roles = {result.plan.people[MemberId(m)].name: p.role for m, p in scenario.assignments.items()}
    assert roles == {f"P{i}": role for i, role in enumerate(titles.values())}


def test_dates_iso_dotted_slashes_and_the_month_first_column() -> None:
    european = DateColumn(["03/04/2027", "31/12/2026"])
    assert european.parse("03/04/2027") == date(2027, 4, 3)
    american = DateColumn(["03/04/2027", "12/31/2026"])
    assert american.parse("03/04/2027") == date(2027, 3, 4)
    assert DateColumn([]).parse("2027-01-31") == date(2027, 1, 31)
    assert DateColumn([]).parse("2027-01-31 00:00:00") == date(2027, 1, 31)
    assert DateColumn([]).parse("31.01.2027") == date(2027, 1, 31)
    assert DateColumn([]).parse("31.01.27") == date(2027, 1, 31)
    assert DateColumn([]).parse(46388) == date(2027, 1, 1)  # an Excel serial number
    mixed = DateColumn(["13/01/2027", "01/13/2027"])  # both kinds: neither reading is safe for the other
    assert mixed.parse("13/01/2027") == date(2027, 1, 13)
    with pytest.raises(ValueError, match="is not a date"):
        mixed.parse("01/13/2027")


@pytest.mark.parametrize(("text", "value"), [("1.5", 1.5), ("1,5", 1.5), ("90,000", 90_000), ("90.000,50", 90_000.5),
                                            ("90 000", 90_000), ("€ 90,000", 90_000), ("90000 EUR", 90_000),
                                            ("80 %", 0.8), ("1,234.5", 1234.5), ("-2", -2.0)])
def test_numbers_as_exports_write_them(text: str, value: float) -> None:
    assert number(text) == pytest.approx(value)


def test_xlsx_with_real_dates_numbers_and_a_numeric_id(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [["Employee ID", "Name", "Role", "FTE", "Start date", "Salary"],
                                             [1042, "Ana", "AE", 0.8, date(2026, 9, 1), 150000],
                                             [None, None, None, None, None, None],
                                             [1043, "Bo", "SDR", 1, "15.10.2026", None]])
    result = imported(path)
    assert not result.problems
    ana, bo = result.plan.people.values()
    assert (ana.id, ana.fte, ana.start_date, ana.annual_cost) == ("1042", 0.8, date(2026, 9, 1), 150_000)
    assert (bo.id, bo.start_date) == ("1043", date(2026, 10, 15))


def test_row_numbers_count_the_header_as_row_one_in_xlsx(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "r.xlsx", [["Name", "FTE"], ["Ana", 1], [None, None], ["Bo", -1]])
    assert [str(p) for p in imported(path).problems] == ["row 4, column FTE: must be greater than 0"]


def test_round_trip_through_the_exported_workbook_keeps_people_ids_and_assignments(tmp_path: Path) -> None:
    plan = sample_plan()
    for scenario in plan.scenarios.values():
        path = tmp_path / f"{scenario.id}.xlsx"
        export_workbook(plan, path, scenario_id=scenario.id)
        table = read_roster(path)
        assert table.sheet == "Roster"
        result = build_plan_from_roster(table, as_of=plan.as_of)
        assert not result.problems and not result.warnings
        assert result.ignored_columns == ("Counted", "Ramp months", "Ramp-up", "Effective FTE", "Run-rate cost",
                                          "Quota (target year)")
        back = result.plan
        assert back.people == plan.people
        imported_scenario = back.scenarios[back.baseline]
        assert imported_scenario.openings == scenario.openings
        assert imported_scenario.assignments == scenario.assignments
        assert {t.id: (t.name, t.segment, t.product_line, t.geography) for t in imported_scenario.teams.values()} == \
            {t.id: (t.name, t.segment, t.product_line, t.geography) for t in scenario.teams.values()}


def test_existing_teams_are_matched_by_name_and_keep_their_market(tmp_path: Path) -> None:
    plan = sample_plan()
    enterprise = plan.scenarios[plan.baseline].teams[TeamId("t-nordic-ent")]
    path = write_csv(tmp_path / "r.csv", "Name,Role,Team,Segment\nNew AE,AE,nordic enterprise,Enterprise\n"
                                         "Other,AE,Nordic Enterprise,SMB\n")
    result = build_plan_from_roster(read_roster(path), as_of=AS_OF, teams=[enterprise])
    scenario = result.plan.scenarios[result.plan.baseline]
    assert list(scenario.teams.values()) == [enterprise]
    assert set(placement.team for placement in scenario.assignments.values()) == {enterprise.id}
    assert result.warnings == ()  # the second row's different segment is said once, as a note
    notes = tuple(map(str, result.notes))
    assert notes == ("Segment differs within teams (nordic enterprise: Enterprise and SMB); each team keeps "
                            "its first row's segment",)
    assert isinstance(enterprise, Team)


def test_status_leave_date_and_open_positions(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", "Name,Status,Leave date,Start date,Role,Team\n"
                                         "Ana,leaving,2027-06-30,,AE,North\nBo,,2027-03-31,,AE,North\n"
                                         "AE (new hire),open position,,2027-03-01,AE,North\nCy,retired,,,AE,North\n")
    result = imported(path)
    people = {p.name: p for p in result.plan.people.values()}
    assert people["Ana"].status is Status.LEAVING and people["Bo"].status is Status.LEAVING
    (opening,) = result.plan.scenarios[result.plan.baseline].openings.values()
    assert (opening.title, opening.start_date) == ("AE (new hire)", date(2027, 3, 1))
    assert [str(p) for p in result.problems] == [
        'row 5, column Status: "retired" is not a status (active, leaving or open position)']


# --- hostile and broken files ------------------------------------------------------------------------

def test_empty_files(tmp_path: Path) -> None:
    for name, content in [("empty.csv", b""), ("blank.csv", b"\n\n  \n"), ("empty.xlsx", b"")]:
        (tmp_path / name).write_bytes(content)
        with pytest.raises(PlanError, match=rf"^{name} is empty$"):
            read_roster(tmp_path / name)
    header_only = read_roster(write_csv(tmp_path / "header.csv", "Name,Role\n"))
    assert header_only.rows == ()
    assert build_plan_from_roster(header_only).people == 0


def test_a_text_file_named_xlsx_is_not_a_workbook(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.xlsx", "Name,Role\nAna,AE\n")
    with pytest.raises(PlanError, match=r"^roster\.xlsx is not an Excel workbook \(it is not a zip archive\)"):
        read_roster(path)


def test_a_password_protected_workbook_is_refused_by_name(tmp_path: Path) -> None:
    # Excel stores an encrypted workbook as an OLE compound file: its signature, then sectors.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    with pytest.raises(PlanError, match=r"^secret\.xlsx is a password-protected workbook"):
        read_roster(path)


def test_a_broken_zip_is_one_sentence(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["Name"], ["Ana"]])
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[:200])
    with pytest.raises(PlanError, match=r"^broken\.xlsx is not a readable Excel workbook"):
        read_roster(broken)


BOMB = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                   for i in range(1, 10))
        + b"]>\n")


def _with_part(source: Path, target: Path, part: str, content: bytes) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, content if item.filename == part else old.read(item.filename))
    return target


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml"])
def test_an_xml_bomb_is_refused(tmp_path: Path, part: str) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["Name"], ["Ana"]])
    with zipfile.ZipFile(good) as archive:
        original = archive.read(part)
    root = original[original.index(b"?>") + 2:] if original.startswith(b"<?xml") else original
    bomb = _with_part(good, tmp_path / "bomb.xlsx", part,
                      BOMB + root.replace(b"Ana", b"&lol9;") if b"Ana" in root else BOMB + root)
    with pytest.raises(PlanError, match=r"^bomb\.xlsx: .* declares a DTD.*unsafe"):
        read_roster(bomb)


def _huge_sheet(path: Path, rows: int, *, dimension: bool) -> Path:
    """A workbook whose only sheet has ``rows`` rows, streamed into the zip (a few MB compressed)."""
    good = write_xlsx(path.with_name("small.xlsx"), [["Name"], ["Ana"]])
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                new.writestr(item, old.read(item.filename))
        with new.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                sheet.write(b'<dimension ref="A1:A%d"/>' % rows)
            sheet.write(b"<sheetData>")
            chunk = []
            for row in range(1, rows + 1):
                chunk.append(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (row, row, row))
                if len(chunk) == 10_000:
                    sheet.write(b"".join(chunk))
                    chunk = []
            sheet.write(b"".join(chunk) + b"</sheetData></worksheet>")
    return path


@pytest.mark.parametrize("dimension", [True, False], ids=["with-dimension", "without-dimension"])
def test_a_million_row_sheet_is_refused_in_bounded_memory(tmp_path: Path, dimension: bool) -> None:
    path = _huge_sheet(tmp_path / "huge.xlsx", 1_000_000, dimension=dimension)
    # In a fresh process, so its peak memory is this read's alone. VmHWM, not ru_maxrss: the latter
    # starts from the forking parent's (pytest with Qt loaded) on Linux.
    script = ("import re, sys\nfrom salesplanner.roster.build import read_roster\n"
              "from salesplanner.model import PlanError\n"
              "try:\n    read_roster(sys.argv[1])\nexcept PlanError as error:\n    print(error)\n"
              "status = open('/proc/self/status').read()\n"
              "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', status)[1]) // 1024)\n")
    result = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120,
                            check=True)
    message, peak_mb = result.stdout.strip().splitlines()
    assert message == f"huge.xlsx has more than {MAX_ROWS:,} rows; split it or remove unused rows"
    assert int(peak_mb) < 200, f"peak memory {peak_mb} MB"


def test_a_sheet_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = _huge_sheet(tmp_path / "big.xlsx", 2_000, dimension=False)
    table = read_roster(path)
    assert len(table.rows) == 1_999 and table.row_numbers[-1] == 2_000


def test_the_roster_sheet_is_preferred_and_a_sheet_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for sheet, name in (("Notes", "Not a person"), ("Roster", "Ana")):
        worksheet = book.add_worksheet(sheet)
        worksheet.write_string(0, 0, "Name")
        worksheet.write_string(1, 0, name)
    book.close()
    assert read_roster(path).rows == (("Ana",),)
    assert read_roster(path, sheet="Notes").rows == (("Not a person",),)
    with pytest.raises(PlanError, match='has no sheet named "Missing"'):
        read_roster(path, sheet="Missing")


@pytest.mark.parametrize("reference", ["XFD1048576", "A500000", "AAA2"])
def test_a_cell_far_away_is_refused_before_a_reader_sizes_its_grid_by_it(tmp_path: Path, reference: str) -> None:
    # Two cells, A1 and one at the far corner, would make a reader allocate every cell in between.
    good = write_xlsx(tmp_path / "good.xlsx", [["Name"], ["Ana"]])
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    far = sheet.replace(b"</sheetData>", b'<row r="%s"><c r="%s"><v>1</v></c></row></sheetData>'
                        % (reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ").encode(), reference.encode()))
    path = _with_part(good, tmp_path / "far.xlsx", "xl/worksheets/sheet1.xml", far)
    with pytest.raises(PlanError, match=r"^far\.xlsx reaches beyond row 200,001 or column ZZ"):
        read_roster(path)
