"""A roster a VP can trust (README, "Roster import"): real HR exports written by the test — Windows-1252 with
semicolons and European numbers, UTF-8 with a BOM, XLSX — imported with the numbers, roles, teams and
messages worked out by hand from what the files say."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import xlsxwriter

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.model import MarketProfile, PlanError, Team, TeamId
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import save_plan
from salesplanner.roles import Role
from salesplanner.roster.build import build_plan_from_roster
from salesplanner.roster.columns import ColumnMapping, Field
from salesplanner.roster.files import read_roster
from salesplanner.roster.naming import company_from_domain, company_from_file, suggest_plan_name
from salesplanner.roster.titles import read_titles, title_counts
from tests.hr_roster import ENTERPRISE_AE, TEAM_TITLES, employees, euros, role_of, write_hr_export

AS_OF = date(2027, 1, 1)
FORMED = ["SMB · Nordics", "SMB · DACH", "SMB · Benelux", "Enterprise · Nordics", "Enterprise · DACH",
          "Enterprise · Benelux"]


def roles_by_name(result: object) -> dict[str, Role | None]:
    plan = result.plan  # type: ignore[attr-defined]
    scenario = plan.scenarios[plan.baseline]
    placed = {member: placement.role for member, placement in scenario.assignments.items()}
    return {person.name: placed.get(person.id) for person in plan.people.values()}


@pytest.fixture
def hr_export(tmp_path: Path) -> Path:
    return write_hr_export(tmp_path / "roster_nordvik_v2.csv")


def test_the_hr_export_imports_as_the_vps_organisation(hr_export: Path) -> None:
    table = read_roster(hr_export)
    assert table.headers[1] == "Full name" and table.rows[0][1] == "Søren Ågård"  # Windows-1252, semicolons
    result = build_plan_from_roster(table, as_of=AS_OF)
    plan = result.plan
    assert plan.name == "Nordvik sales plan"  # the company of the e-mail addresses, not "roster_nordvik_v2"
    assert result.problems == ()
    assert (result.people, result.openings, result.teams, result.on_bench) == (57, 0, 6, 3)
    notes = tuple(map(str, result.notes))
    assert notes == ("formed 6 teams from Segment and Region",)
    assert result.ignored_columns == ("Department",)
    assert [str(w) for w in result.warnings] == [
        "row 56, column Segment: no Segment or Region; imported on the bench instead of as Manager",
        'row 57, column Job title: "Sales Operations Analyst" is not a known role; imported on the bench',
        'row 58, column Job title: "Solutions Engineer" is not a known role; imported on the bench']

    scenario = plan.scenarios[plan.baseline]
    assert [team.name for team in scenario.teams.values()] == FORMED
    assert all(team.market == MarketProfile() for team in scenario.teams.values())  # the default profile
    smb_dach = next(team for team in scenario.teams.values() if team.name == "SMB · DACH")
    assert (smb_dach.segment, smb_dach.product_line, smb_dach.geography) == ("SMB", None, "DACH")
    members = [m for m, placement in scenario.assignments.items() if placement.team == smb_dach.id]
    assert len(members) == len(TEAM_TITLES) == 9

    # Every title lands where the VP means it, the original title kept on the person.
    rows = employees()
    people = {person.name: person for person in plan.people.values()}
    sales_rows = [row for row in rows if row.segment]
    assert roles_by_name(result) == {row.name: role_of(row) if row.segment else None for row in rows}
    assert all(people[row.name].title == row.title for row in rows)
    assert people["Ana Berg"].title == "Sales Development Representative"

    # Numbers as a European writes them: 185.000 is a hundred and eighty-five thousand, 0,8 is 0.8.
    assert {people[row.name].annual_cost for row in rows if row.title == "Enterprise AE"
            and row.segment == "Enterprise"} == {euros(ENTERPRISE_AE)} == {185_000}
    assert all(people[row.name].fte == float(row.fte.replace(",", ".")) for row in rows)
    assert sum(1 for row in rows if row.fte == "0,8") == sum(1 for p in people.values() if p.fte == 0.8) == 7
    cost_in_teams = sum(euros(row.salary) * 1 for row in sales_rows)
    assert ScenarioAnalysis(plan, plan.baseline).totals.annual_cost == pytest.approx(cost_in_teams)
    assert cost_in_teams > 5_000_000  # the import read 57 people as costing € 5,146

    assert people["Søren Ågård"].start_date == date(2019, 1, 1)  # 01.01.2019
    save_plan(plan, hr_export.with_suffix(".salesplan"))
    assert load_plan(hr_export.with_suffix(".salesplan")).people == plan.people  # titles saved and read back


def test_a_utf8_bom_csv_with_english_numbers(tmp_path: Path) -> None:
    path = tmp_path / "crm users.csv"
    path.write_bytes("\ufeffName,Title,Team,Salary,FTE,Start date\n"
                     'Zoë Ward,Account Executive,West,"185,000",0.8,03/31/2026\n'
                     "Liam Cho,SDR,West,\"62,500.50\",1,04/01/2026\n".encode("utf-8"))
    result = build_plan_from_roster(read_roster(path), as_of=AS_OF)
    people = {p.name: p for p in result.plan.people.values()}
    assert (people["Zoë Ward"].annual_cost, people["Zoë Ward"].fte) == (185_000, 0.8)
    assert people["Liam Cho"].annual_cost == 62_500.5
    assert people["Zoë Ward"].start_date == date(2026, 3, 31)  # 03/31 can only be month first
    assert people["Liam Cho"].start_date == date(2026, 4, 1)   # … so the whole column is
    assert roles_by_name(result) == {"Zoë Ward": Role.AE, "Liam Cho": Role.SDR_OUTBOUND}
    assert result.plan.name == "Sales plan"  # no e-mail, and "crm users" names no company
    assert not result.problems and not result.warnings


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Employees")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    book.close()
    return path


def test_an_xlsx_whose_region_is_the_persons_location(tmp_path: Path) -> None:
    """A Team column, and a Region that differs within a team: it describes people, so it becomes their
    location — said once, not as a warning on every row."""
    path = write_xlsx(tmp_path / "hr.xlsx", [
        ["Name", "Position", "Team", "Region", "Salary", "FTE"],
        ["Ana Berg", "Key Account Manager", "Nordic Enterprise", "Sweden", "98.500", 1],
        ["Bo Dahl", "Enterprise AE", "Nordic Enterprise", "Norway", "185.000", 0.8],
        ["Cai Lund", "Partner Manager", "Nordic Enterprise", "Denmark", 91000, 1],
        ["Dita Moe", "BDR", "DACH", "Germany", "61.000", "0,5"],
    ])
    result = build_plan_from_roster(read_roster(path), as_of=AS_OF)
    notes = tuple(map(str, result.notes))
    assert notes == ("Region differs within teams (Nordic Enterprise: Sweden and Norway), so it is read "
                            "as each person's location",)
    assert result.warnings == () and result.problems == ()
    people = {p.name: p for p in result.plan.people.values()}
    assert [people[n].location for n in ("Ana Berg", "Bo Dahl", "Cai Lund", "Dita Moe")] == \
        ["Sweden", "Norway", "Denmark", "Germany"]
    assert [people[n].annual_cost for n in ("Ana Berg", "Bo Dahl", "Cai Lund", "Dita Moe")] == \
        [98_500, 185_000, 91_000, 61_000]
    assert people["Dita Moe"].fte == 0.5
    teams = result.plan.scenarios[result.plan.baseline].teams.values()
    assert [(team.name, team.geography) for team in teams] == [("Nordic Enterprise", None), ("DACH", None)]
    assert roles_by_name(result) == {"Ana Berg": Role.AM, "Bo Dahl": Role.AE, "Cai Lund": Role.AM,
                                     "Dita Moe": Role.SDR_OUTBOUND}


def test_a_region_that_differs_within_teams_is_left_out_when_a_column_holds_the_location(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name;Title;Team;Region;Office\nAna;AE;North;Sweden;Malmö\nBo;AE;North;Norway;Oslo\n",
                    encoding="utf-8")
    result = build_plan_from_roster(read_roster(path), as_of=AS_OF)
    notes = tuple(map(str, result.notes))
    assert notes == ("Region differs within teams (North: Sweden and Norway), so it is not used as the "
                            "teams' geography",)
    assert {p.location for p in result.plan.people.values()} == {"Malmö", "Oslo"}


def test_annual_costs_too_small_to_be_annual_are_said_once(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name;Title;Team;Salary\nAna;AE;North;85.5\nBo;SDR;North;92.3\nCy;AM;North;120000\n",
                    encoding="utf-8")
    result = build_plan_from_roster(read_roster(path), as_of=AS_OF)
    assert [str(w) for w in result.warnings] == [
        'row 2, column Salary: 2 of 3 amounts are below 1,000 ("85.5" reads as 85.5), small for annual costs; '
        "check that the column holds whole yearly amounts"]


def test_a_new_plan_holds_only_the_rosters_teams_unless_asked_to_match(tmp_path: Path) -> None:
    """The open plan's teams: not brought in by default (no empty "Nordic Sales", no borrowed markets);
    when the user asks to match, a roster team of the same name takes that team with its market."""
    demo_market = MarketProfile(inbound_leads_per_month=120, avg_deal_size=80_000)
    open_teams = [Team(TeamId("t-nordic"), "Nordic Sales", market=demo_market),
                  Team(TeamId("t-dach"), "DACH", geography="DACH", market=demo_market)]
    path = tmp_path / "r.csv"
    path.write_text("Name;Title;Team\nAna;AE;DACH\nBo;SDR;dach\nCy;AM;Benelux\n", encoding="utf-8")
    table = read_roster(path)

    fresh = build_plan_from_roster(table, as_of=AS_OF)
    teams = fresh.plan.scenarios[fresh.plan.baseline].teams
    assert [(t.name, t.market) for t in teams.values()] == [("DACH", MarketProfile()), ("Benelux", MarketProfile())]
    assert (fresh.teams, fresh.matched_teams) == (2, 0)

    matched = build_plan_from_roster(table, as_of=AS_OF, teams=open_teams)
    teams = matched.plan.scenarios[matched.plan.baseline].teams
    assert teams[TeamId("t-dach")] == open_teams[1]  # its market kept; Nordic Sales not brought in
    assert [t.name for t in teams.values()] == ["DACH", "Benelux"]
    assert (matched.teams, matched.matched_teams) == (2, 1)


def test_titles_chosen_by_the_user_override_the_matcher(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("Name;Title;Team\nAna;Wizard;North\nBo;Account Executive;North\nCy;Key Account Manager;North\n",
                    encoding="utf-8")
    table = read_roster(path)
    result = build_plan_from_roster(table, as_of=AS_OF, titles={"wizard": Role.AE, "account executive": None})
    assert roles_by_name(result) == {"Ana": Role.AE, "Bo": None, "Cy": Role.AM}
    assert result.warnings == ()  # benching a title on purpose is no caveat
    counts = title_counts(table, ColumnMapping.guess(table.headers))
    assert [(c.title, c.count, c.matched) for c in counts] == [
        ("Account Executive", 1, Role.AE), ("Key Account Manager", 1, Role.AM), ("Wizard", 1, None)]


def test_a_titles_file(tmp_path: Path) -> None:
    path = tmp_path / "titles.csv"
    path.write_text("title,role\nWizard,Outbound SDR\nPartner Manager,bench\n Key account manager ,am\n"
                    "Closer,Account Executive\n", encoding="utf-8")
    assert read_titles(path) == {"wizard": Role.SDR_OUTBOUND, "partner manager": None,
                                 "key account manager": Role.AM, "closer": Role.AE}
    path.write_text("title;role\nWizard;sorcerer\n", encoding="utf-8")
    with pytest.raises(PlanError, match=r'^titles\.csv, row 2: "sorcerer" is not a role \(founder, full_cycle, '
                                        r"sdr_outbound, sdr_inbound, ae, am, manager or bench\)$"):
        read_titles(path)
    path.write_text("job,what\nWizard,ae\n", encoding="utf-8")
    with pytest.raises(PlanError, match='row 1 must name the columns "title" and "role"'):
        read_titles(path)


def test_the_role_column_says_the_role_and_the_title_column_the_title(tmp_path: Path) -> None:
    """The exported workbook has both: Role decides, Job title is kept. A Role column alone that holds HR
    titles is kept as the title too; one that only names roles ("AE") adds no title."""
    path = tmp_path / "r.csv"
    path.write_text("Name;Role;Job title;Team\nAna;AM;Key Account Manager;North\n", encoding="utf-8")
    (ana,) = build_plan_from_roster(read_roster(path), as_of=AS_OF).plan.people.values()
    assert ana.title == "Key Account Manager"
    path.write_text("Name;Role;Team\nAna;AE;North\nBo;Enterprise AE;North\n", encoding="utf-8")
    result = build_plan_from_roster(read_roster(path), as_of=AS_OF)
    assert {p.name: p.title for p in result.plan.people.values()} == {"Ana": None, "Bo": "Enterprise AE"}
    assert ColumnMapping.guess(["Name", "Role", "Job title"]).fields == (Field.NAME, Field.ROLE, Field.TITLE)


def test_remembered_column_choices_come_before_the_alias_table() -> None:
    headers = ["Employee", "Squad", "Job Title"]
    guessed = ColumnMapping.guess(headers)
    assert guessed.fields == (Field.NAME, None, Field.TITLE)
    chosen = guessed.with_field(1, Field.TEAM).with_field(2, Field.ROLE)
    remembered = chosen.choices(headers)
    assert remembered == {"squad": Field.TEAM, "job title": Field.ROLE}
    assert ColumnMapping.guess(["EMPLOYEE", "squad", "Job title"], remembered).fields == \
        (Field.NAME, Field.TEAM, Field.ROLE)


@pytest.mark.parametrize(("domain", "company"), [
    ("nordvik.no", "Nordvik"), ("mail.nordvik-software.com", "Nordvik Software"), ("acme.co.uk", "Acme"),
    ("gmail.com", None), ("localhost", None)])
def test_the_company_of_an_email_domain(domain: str, company: str | None) -> None:
    assert company_from_domain(domain) == company


@pytest.mark.parametrize(("source", "company"), [
    ("roster_nordvik_v2.csv", "Nordvik"), ("HR export 2026-05.xlsx", None), ("Nordlys Software roster.csv",
                                                                               "Nordlys Software"),
    ("employees (3).csv", None), ("ACME_staff_final.xlsx", "ACME")])
def test_the_company_of_a_file_name(source: str, company: str | None) -> None:
    assert company_from_file(source) == company


def test_a_plan_name_for_a_roster_without_company_hints(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Name,Email\nAna,ana@gmail.com\n", encoding="utf-8")
    table = read_roster(path)
    assert suggest_plan_name(table, ColumnMapping.guess(table.headers)) == "Sales plan"
