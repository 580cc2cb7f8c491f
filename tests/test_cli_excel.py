"""``salesplanner export`` and ``salesplanner import`` (README, "Command line"): reports, and one sentence on errors."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import openpyxl

from salesplanner.cli import SUBCOMMANDS, main
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import save_plan
from tests.hr_roster import write_hr_export
from tests.plans import sample_plan


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_export_writes_the_workbook_of_the_named_scenario_with_changes(tmp_path: Path) -> None:
    save_plan(sample_plan(), tmp_path / "plan.salesplan")
    code, out, err = run("export", str(tmp_path / "plan.salesplan"), "-o", str(tmp_path / "out.xlsx"),
                         "--scenario", "Growth", "--baseline", "Today")
    assert (code, err) == (0, "")
    assert out == ('out.xlsx: scenario "Growth" — Summary, Teams, Roster, Assumptions, Changes, Timeline (changes from '
                   '"Today")\n')
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["Summary", "Teams", "Roster", "Assumptions", "Changes", "Timeline"]
    assert book["Summary"]["B2"].value == "Growth"


def test_export_errors_are_one_sentence(tmp_path: Path) -> None:
    save_plan(sample_plan(), tmp_path / "plan.salesplan")
    plan = str(tmp_path / "plan.salesplan")
    for argv, message in [
        ((plan, "-o", str(tmp_path / "out.csv")), "salesplanner: out.csv: the workbook must be written as .xlsx\n"),
        ((plan, "-o", str(tmp_path / "out.xlsx"), "--scenario", "Nope"),
         'salesplanner: there is no scenario named "Nope" (the plan has "Today", "Growth")\n'),
        ((plan, "-o", str(tmp_path / "no folder" / "out.xlsx")), None),
        ((str(tmp_path / "missing.salesplan"), "-o", str(tmp_path / "out.xlsx")), None),
    ]:
        code, out, err = run("export", *argv)
        assert code == 1 and out == ""
        assert err.startswith("salesplanner: ") and err.count("\n") == 1 and "Traceback" not in err
        if message:
            assert err == message


def test_import_reports_people_problems_warnings_and_ignored_columns(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("Full name;Title;Team;Region;FTE;Department\nAna Berg;AE;Nordics;Nordics;1;Sales\n"
                      "Bo;Wizard;Nordics;;0,5;x\nCia;BDR;DACH;DACH;0;y\nDan;AE;;;1;z\n", encoding="utf-8")
    code, out, err = run("import", str(roster), "-o", str(tmp_path / "plan.salesplan"))
    assert (code, err) == (0, "")
    assert out == ("plan.salesplan: 3 people imported into 1 team (2 on the bench)\n"
                   'Plan name: "Sales plan"\n'
                   "Job titles and the role each is read as (choose others with --titles FILE):\n"
                   "  AE (2) → AE\n"
                   "  BDR (1) → Outbound SDR\n"
                   "  Wizard (1) → bench\n"
                   "1 row with problems, not imported:\n"
                   "  row 4, column FTE: must be greater than 0\n"
                   "2 warnings:\n"
                   '  row 3, column Title: "Wizard" is not a known role; imported on the bench\n'
                   "  row 5, column Team: no team; imported on the bench instead of as AE\n"
                   "Ignored columns: Department\n")
    plan = load_plan(tmp_path / "plan.salesplan")
    assert sorted(p.name for p in plan.people.values()) == ["Ana Berg", "Bo", "Dan"]


def test_import_of_an_exported_workbook(tmp_path: Path) -> None:
    plan = sample_plan()
    save_plan(plan, tmp_path / "plan.salesplan")
    assert run("export", str(tmp_path / "plan.salesplan"), "-o", str(tmp_path / "plan.xlsx"))[0] == 0
    code, out, _ = run("import", str(tmp_path / "plan.xlsx"), "-o", str(tmp_path / "back.salesplan"))
    assert code == 0
    assert out.startswith("back.salesplan: 12 people and 1 open position imported into 3 teams (2 on the bench)\n")
    assert load_plan(tmp_path / "back.salesplan").people == plan.people


def test_import_of_the_hr_export_with_a_name_and_chosen_titles(tmp_path: Path) -> None:
    roster = write_hr_export(tmp_path / "roster_nordvik_v2.csv")
    titles = tmp_path / "titles.csv"
    titles.write_text("title,role\nPartner Manager,bench\nSolutions Engineer,bench\nVP Sales,manager\n",
                      encoding="utf-8")
    code, out, err = run("import", str(roster), "-o", str(tmp_path / "plan.salesplan"), "--name", "Nordvik 2027",
                         "--titles", str(titles))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == ["plan.salesplan: 57 people imported into 6 teams (9 on the bench)",
                         'Plan name: "Nordvik 2027"', "Formed 6 teams from Segment and Region."]
    assert "  Key Account Manager (6) → AM" in lines
    assert "  Partner Manager (6) → bench (from titles.csv)" in lines
    assert "  Sales Operations Analyst (1) → bench" in lines
    plan = load_plan(tmp_path / "plan.salesplan")
    assert plan.name == "Nordvik 2027"
    partners = [p for p in plan.people.values() if p.title == "Partner Manager"]
    assert len(partners) == 6 and not any(p.id in plan.scenarios[plan.baseline].assignments for p in partners)
    # Benched on purpose: no warning; the analyst, whose title names no role, still has one.
    assert '"Partner Manager"' not in out and 'row 57, column Job title: "Sales Operations Analyst"' in out

    titles.write_text("title,role\nPartner Manager,partner\n", encoding="utf-8")
    code, out, err = run("import", str(roster), "-o", str(tmp_path / "other.salesplan"), "--titles", str(titles))
    assert (code, out) == (1, "")
    assert err == ('salesplanner: titles.csv, row 2: "partner" is not a role (founder, full_cycle, sdr_outbound, '
                   "sdr_inbound, ae, am, manager or bench)\n")
    assert not (tmp_path / "other.salesplan").exists()


def test_import_errors_are_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "text.xlsx").write_text("Name\nAna\n")
    (tmp_path / "empty.csv").write_bytes(b"")
    for name in ("text.xlsx", "empty.csv", "missing.csv"):
        code, out, err = run("import", str(tmp_path / name), "-o", str(tmp_path / "plan.salesplan"))
        assert code == 1 and out == "" and err.count("\n") == 1 and err.startswith(f"salesplanner: {name}")
    assert not (tmp_path / "plan.salesplan").exists()


def test_subcommands_are_listed_for_the_launcher() -> None:
    assert {"import", "export"} <= set(SUBCOMMANDS)
