"""Hostile input against the core and the command line (issue 11): every case is refused with one sentence
that names the place, or handled — no traceback, no hang, bounded memory, nothing lost.

Limits are those documented in docs/plan-format.md ("Limits") and the README ("Roster import").
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from datetime import date
from io import StringIO
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from salesplanner.cli import main, terminal_safe
from salesplanner.commands import AddPerson, AddScenario, AddTeam, EditPerson, EditPlan, RenameScenario, copy_scenario
from salesplanner.files import STALE_AFTER_SECONDS, remove_stale_temporaries, write_atomically
from salesplanner.model import (
    MAX_DATE,
    MAX_ID_LENGTH,
    MIN_DATE,
    Person,
    PersonId,
    PlanError,
    ScenarioId,
    Team,
    TeamId,
)
from salesplanner.planfile.read import PlanFileError, load_plan, loads_plan
from salesplanner.planfile.write import plan_to_dict, save_plan
from salesplanner.roster.build import build_plan_from_roster
from salesplanner.roster.files import MAX_COLUMNS, MAX_RECORD_CHARS, read_roster
from salesplanner.timeline import month_date
from salesplanner.workbook.export import export_workbook
from salesplanner.workbook.sheets import ROSTER_HEADERS
from tests.plans import sample_plan

ROOT = Path(__file__).resolve().parents[1]
ANA = PersonId("p-ana")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def plan_text(change: object) -> str:
    """The sample plan as a file, after ``change(data)`` edits its JSON data (ASCII, so a lone surrogate is
    written as the escape a hostile file would hold)."""
    data = plan_to_dict(sample_plan())
    change(data)  # type: ignore[operator]
    return json.dumps(data)


def refusal(text: str) -> str:
    with pytest.raises(PlanFileError) as caught:
        loads_plan(text)
    return str(caught.value)


def peak_memory_mb(script: str, *args: str, timeout: float = 120) -> tuple[str, int]:
    """Run ``script`` in a fresh Python (so the peak is its own) and return what it printed before its
    peak resident memory, and that peak in MB."""
    code = script + ("\nimport re\nstatus = open('/proc/self/status').read()\n"
                     "print(int(re.search(r'VmHWM:\\s+(\\d+) kB', status)[1]) // 1024)\n")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                            check=True, cwd=ROOT)
    *printed, peak = result.stdout.strip().splitlines()
    return "\n".join(printed), int(peak)


# --- text rules: lone surrogates and control characters, in ids as in names ------------------------

def test_a_lone_surrogate_in_an_id_is_refused_on_load_naming_its_place() -> None:
    def person_id(data: dict) -> None:
        data["people"][0]["id"] = "p-x\ud800"
        data["scenarios"][0]["assignments"][0]["person"] = "p-x\ud800"

    assert refusal(plan_text(person_id)).startswith(
        'Person "Ana Berg": id contains a character that is not valid Unicode (people[0].id)')


@pytest.mark.parametrize("where", ["team", "opening", "scenario"])
def test_ids_of_teams_openings_and_scenarios_follow_the_same_rule(where: str) -> None:
    def change(data: dict) -> None:
        scenario = data["scenarios"][0]
        if where == "scenario":
            scenario["id"] = "s-\x1b[2J"
        elif where == "team":
            scenario["teams"][0]["id"] = "t-\x07"
            scenario["assignments"] = [a for a in scenario["assignments"] if a["team"] != "t-nordic-ent"]
        else:
            scenario["openings"][0]["id"] = "o-\x00"
            scenario["assignments"] = [a for a in scenario["assignments"] if a["person"] != "o-ae-1"]

    expected = {"scenario": 'Scenario "Today": id must not contain control characters (it holds U+001B) '
                            "(scenarios[0].id)",
                "team": 'Scenario "Today", team "Nordic Enterprise": id must not contain control characters '
                        "(it holds U+0007) (scenarios[0].teams[0].id)",
                "opening": 'Scenario "Today", opening "AE (new hire)": id must not contain control characters '
                           "(it holds U+0000) (scenarios[0].openings[0].id)"}
    assert refusal(plan_text(change)).startswith(expected[where])


@pytest.mark.parametrize(("character", "code"), [("\x00", "0000"), ("\x07", "0007"), ("\x1b", "001B"),
                                                 ("\x01", "0001"), ("\x7f", "007F"), ("\x9b", "009B")])
def test_control_characters_in_names_are_refused_everywhere(character: str, code: str) -> None:
    reason = f"must not contain control characters (it holds U+{code})"

    def name(data: dict) -> None:
        data["people"][1]["name"] = f"Bo{character}Dahl"

    # The sentence names the person with the character written as its code, so it cannot steer a terminal.
    assert refusal(plan_text(name)) == f'Person "Bo\\u{code.lower()}Dahl": name {reason} (people[1].name)'
    plan = sample_plan()
    with pytest.raises(PlanError, match=r"^person name: must not contain control characters"):
        EditPerson(replace(plan.people[ANA], name=f"Ana{character}")).do(plan)
    with pytest.raises(PlanError, match=r"^team name: must not contain control characters"):
        AddTeam(plan.baseline, Team(TeamId("t-new"), f"Team{character}")).do(plan)
    with pytest.raises(PlanError, match=r"^scenario name: must not contain control characters"):
        RenameScenario(plan.baseline, f"Today{character}").do(plan)
    assert plan_to_dict(plan) == plan_to_dict(sample_plan())


def test_tab_line_feed_and_carriage_return_stay_allowed_in_names() -> None:
    plan = sample_plan()
    EditPerson(replace(plan.people[ANA], name="\t=1+1", location="Aarhus\nDenmark\r")).do(plan)
    assert loads_plan(json.dumps(plan_to_dict(plan))).people[ANA].name == "\t=1+1"


def test_an_id_with_a_tab_or_a_lone_surrogate_is_refused_by_the_commands() -> None:
    plan = sample_plan()
    with pytest.raises(PlanError, match=r"^id: must not contain control characters \(it holds U\+0009\)"):
        AddPerson(Person(PersonId("p-\tx"), "X")).do(plan)
    with pytest.raises(PlanError, match=r"^id: contains a character that is not valid Unicode"):
        AddPerson(Person(PersonId("p-\udc80"), "X")).do(plan)


def test_saving_a_plan_holding_a_lone_surrogate_is_one_sentence_and_the_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "plan.salesplan"
    save_plan(sample_plan(), target)
    before = target.read_bytes()
    plan = sample_plan()
    plan.people[ANA] = replace(plan.people[ANA], name="Ana\ud800")  # past every rule, as a bug might
    with pytest.raises(PlanFileError) as caught:
        save_plan(plan, target)
    assert str(caught.value) == ("plan.salesplan: could not be saved: people[0].name: holds a character that is "
                                 "not valid Unicode")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.salesplan"]


@pytest.mark.parametrize("command", ["summary", "compare", "export"])
def test_the_command_line_refuses_a_plan_with_a_lone_surrogate_in_an_id(tmp_path: Path, command: str) -> None:
    def person_id(data: dict) -> None:
        for scenario in data["scenarios"]:
            for assignment in scenario["assignments"]:
                if assignment["person"] == "p-ana":
                    assignment["person"] = "p-x\ud800"
        data["people"][0]["id"] = "p-x\ud800"

    path = tmp_path / "plan.salesplan"
    path.write_text(plan_text(person_id), encoding="ascii")
    extra = {"summary": ["--json"], "compare": ["--to", "Growth"], "export": ["-o", str(tmp_path / "out.xlsx")]}
    code, out, err = run(command, str(path), *extra[command])
    assert (code, out) == (1, "")
    assert err.startswith('salesplanner: plan.salesplan: Person "Ana Berg": id contains a character that is not '
                          "valid Unicode (people[0].id)") and err.count("\n") == 1


# --- terminal output -----------------------------------------------------------------------------

def test_terminal_output_escapes_control_sequences() -> None:
    assert terminal_safe("Ana\x1b]0;pwned\x07 Berg\r\n") == "Ana\\u001b]0;pwned\\u0007 Berg\\u000d\n"
    assert terminal_safe("tab\tand æøå stay") == "tab\tand æøå stay"
    assert terminal_safe("\x9b2J \ud800") == "\\u009b2J \\ud800"


def test_a_file_name_cannot_clear_the_screen(tmp_path: Path) -> None:
    code, out, err = run("summary", str(tmp_path / "\x1b[2J\x1b]0;title\x07.salesplan"))
    assert out == "" and code == 1 and "\x1b" not in err and "\x07" not in err
    assert "\\u001b[2J\\u001b]0;title\\u0007.salesplan" in err


def test_an_import_report_escapes_column_names_and_summarises_ignored_columns(tmp_path: Path) -> None:
    headers = ["Name", "\x1b[31mred"] + [f"extra {i}" for i in range(697)] + ["h" * 100_000]
    roster = tmp_path / "roster.csv"
    roster.write_text(",".join(headers) + "\n" + ",".join(["Ana"] + ["x"] * 699) + "\n", encoding="utf-8")
    code, out, err = run("import", str(roster), "-o", str(tmp_path / "plan.salesplan"))
    assert (code, err) == (0, "")
    ignored = out.splitlines()[-1]
    assert ignored == ("Ignored columns: \\u001b[31mred, extra 0, extra 1, extra 2, extra 3, extra 4, extra 5, "
                       "extra 6, extra 7, extra 8 and 689 more")
    assert read_roster(roster).headers[-1] == "h" * 199 + "…"  # a column name is at most 200 characters


# --- length limits -------------------------------------------------------------------------------

def test_ids_and_texts_have_documented_length_limits() -> None:
    plan = sample_plan()
    AddPerson(Person(PersonId("p-" + "x" * (MAX_ID_LENGTH - 2)), "Long id")).do(plan)
    with pytest.raises(PlanError, match=r"^id: must be at most 100 characters$"):
        AddPerson(Person(PersonId("p-" + "x" * (MAX_ID_LENGTH - 1)), "Too long")).do(plan)
    with pytest.raises(PlanError, match=r"^person name: must be at most 1,000 characters$"):
        EditPerson(replace(plan.people[ANA], name="A" * 1001)).do(plan)

    def long_team_id(data: dict) -> None:
        data["scenarios"][0]["teams"][0]["id"] = "t" * 101

    assert refusal(plan_text(long_team_id)).startswith(
        'Scenario "Today", team "Nordic Enterprise": id must be at most 100 characters (scenarios[0].teams[0].id)')


def test_the_longest_ids_and_names_fit_the_workbooks_cells_and_formulas(tmp_path: Path) -> None:
    """Excel holds 32,767 characters in a cell, 8,192 in a formula and 255 in a text literal inside one;
    a team id of 100 wildcards and quotes (each escaped as two characters) stays inside all three."""
    plan = sample_plan()
    today = plan.scenarios[plan.baseline]
    worst = '*?~"' * 25
    old = TeamId("t-nordic-ent")
    new = TeamId(worst)
    today.teams = {(new if key == old else key): (replace(team, id=new, name="N" * 1000) if key == old else team)
                   for key, team in today.teams.items()}
    today.assignments = {member: (placement._replace(team=new) if placement.team == old else placement)
                         for member, placement in today.assignments.items()}
    plan.people[ANA] = replace(plan.people[ANA], name="=" + "A" * 999)
    export_workbook(plan, tmp_path / "long.xlsx", scenario_id=today.id)
    book = openpyxl.load_workbook(tmp_path / "long.xlsx")
    longest_formula = longest_literal = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith("=") and cell.data_type == "f":
                    longest_formula = max(longest_formula, len(value))
                    literals = value.split('"')[1::2]  # what lies between quotes ("" doubles a quote)
                    longest_literal = max([longest_literal, *(len(literal) for literal in literals)])
                elif isinstance(value, str):
                    assert len(value) <= 32_767
    assert 0 < longest_formula <= 8_192
    assert longest_literal <= 255
    name, member_id = ROSTER_HEADERS.index("Name"), ROSTER_HEADERS.index("ID")
    roster = {row[member_id].value: row[name].value for row in book["Roster"].iter_rows(min_row=2)}
    assert roster[ANA] == "=" + "A" * 999  # text, never a formula


# --- export → import keeps every name exactly ----------------------------------------------------

def test_export_then_import_keeps_names_exactly(tmp_path: Path) -> None:
    plan = sample_plan()
    names = {ANA: "\t=1+1", PersonId("p-bo"): " Bo Dahl ", PersonId("p-cia"): "Cia\nLund",
             PersonId("p-dan"): "@SUM(A1)"}
    for person_id, name in names.items():
        plan.people[person_id] = replace(plan.people[person_id], name=name, location=" Aarhus\t")
    export_workbook(plan, tmp_path / "plan.xlsx", scenario_id=plan.baseline)
    imported = build_plan_from_roster(read_roster(tmp_path / "plan.xlsx")).plan
    for person_id, name in names.items():
        assert imported.people[person_id].name == name
        assert imported.people[person_id].location == " Aarhus\t"


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "value", "where"), [
    ("as_of", "9999-12-31", "As-of date"),
    ("as_of", "1899-12-31", "As-of date"),
    ("start_date", "2200-01-01", 'Person "Ana Berg": start date'),
    ("leave_date", "0001-01-01", 'Person "Ana Berg": leave date'),
])
def test_dates_outside_1900_to_2199_are_refused_on_load(key: str, value: str, where: str) -> None:
    def change(data: dict) -> None:
        if key == "as_of":
            data["as_of"] = value
        else:
            data["people"][0][key] = value
            data["people"][0]["status"] = "leaving" if key == "leave_date" else "active"

    assert refusal(plan_text(change)).startswith(f"{where} must be between 01/01/1900 and 31/12/2199")


def test_the_last_date_a_plan_holds_runs_through_every_command(tmp_path: Path) -> None:
    """As of 2199-12-31 with a 120-month horizon: the timeline reaches 3,650 days on — ten years of 365
    days plus the leap days of 2204 and 2208 (2200 is not one) would be 3,652, so two days short of
    2209-12-31, 2209-12-29 — nothing overflows, and compare and export work."""
    plan = sample_plan()
    EditPlan(as_of=MAX_DATE, horizon_months=120).do(plan)
    assert month_date(plan.as_of, 120) == date(2209, 12, 29)
    save_plan(plan, tmp_path / "late.salesplan")
    for argv in (["summary", "--json"], ["compare", "--to", "Growth", "--json"],
                 ["export", "-o", str(tmp_path / "late.xlsx"), "--baseline", "Today"]):
        code, _, err = run(argv[0], str(tmp_path / "late.salesplan"), *argv[1:])
        assert (code, err) == (0, "")
    with pytest.raises(PlanError, match=r"^plan as_of: must be between 01/01/1900 and 31/12/2199$"):
        EditPlan(as_of=date(9999, 12, 31)).do(plan)
    assert plan.as_of == MAX_DATE


def test_timeline_arithmetic_past_the_calendar_is_a_sentence() -> None:
    with pytest.raises(PlanError, match=r"^month 12 after 01/12/9999 is past the last date a calendar holds$"):
        month_date(date(9999, 12, 1), 12)
    assert month_date(MIN_DATE, 1) == date(1900, 2, 1)  # ⌈365/12⌉ = 31 days


def test_roster_dates_outside_the_range_are_row_problems(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Start date\nAna,9999-12-31\nBo,2027-01-01\n", encoding="utf-8")
    result = build_plan_from_roster(read_roster(roster))
    assert [str(problem) for problem in result.problems] == [
        "row 2, column Start date: must be between 01/01/1900 and 31/12/2199"]
    assert [p.name for p in result.plan.people.values()] == ["Bo"]


# --- scenario names ------------------------------------------------------------------------------

def test_two_scenarios_with_one_name_are_refused_on_load_and_by_the_commands() -> None:
    def same_name(data: dict) -> None:
        data["scenarios"][1]["name"] = "Today"

    assert refusal(plan_text(same_name)) == 'Scenario "Today": name is already used by scenario 1 (scenarios[1].name)'
    plan = sample_plan()
    growth = next(s for s in plan.scenarios.values() if s.name == "Growth")
    with pytest.raises(PlanError, match=r'^scenario name: another scenario is already named "Today"$'):
        RenameScenario(growth.id, "Today").do(plan)
    with pytest.raises(PlanError, match=r'^scenario name: another scenario is already named "Growth"$'):
        AddScenario(copy_scenario(growth, new_id=ScenarioId("s-copy"), name="Growth")).do(plan)
    RenameScenario(growth.id, "Growth").do(plan)  # its own name is fine
    assert [s.name for s in plan.scenarios.values()] == ["Today", "Growth"]


# --- only regular files are read -----------------------------------------------------------------

def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.salesplan"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(PlanFileError, match=r"^plan\.salesplan: is a named pipe, not a plan file$"):
        load_plan(fifo)
    roster = tmp_path / "roster.csv"
    os.mkfifo(roster)
    with pytest.raises(PlanError, match=r"^roster\.csv is a named pipe, not a roster file$"):
        read_roster(roster)
    code, out, err = run("summary", str(fifo))
    assert (code, out, err) == (1, "", "salesplanner: plan.salesplan: is a named pipe, not a plan file\n")
    code, out, err = run("import", str(roster), "-o", str(tmp_path / "out.salesplan"))
    assert (code, out, err) == (1, "", "salesplanner: roster.csv is a named pipe, not a roster file\n")
    assert time.monotonic() - started < 10


def test_a_link_to_a_device_and_a_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "zero.salesplan").symlink_to("/dev/zero")
    with pytest.raises(PlanFileError, match=r"^zero\.salesplan: is a device, not a plan file$"):
        load_plan(tmp_path / "zero.salesplan")
    (tmp_path / "zero.csv").symlink_to("/dev/zero")
    with pytest.raises(PlanError, match=r"^zero\.csv is a device, not a roster file$"):
        read_roster(tmp_path / "zero.csv")
    (tmp_path / "folder.xlsx").mkdir()
    with pytest.raises(PlanError, match=r"^folder\.xlsx is a folder, not a roster file$"):
        read_roster(tmp_path / "folder.xlsx")


# --- numbers on the command line -----------------------------------------------------------------

@pytest.mark.parametrize(("argv", "message"), [
    (["render", "PLAN", "-o", "OUT.png", "--scale", "nan"], "--scale must be above 0 and at most 8"),
    (["render", "PLAN", "-o", "OUT.png", "--scale", "inf"], "--scale must be above 0 and at most 8"),
    (["render", "PLAN", "-o", "OUT.png", "--scale", "-1"], "--scale must be above 0 and at most 8"),
    (["render", "PLAN", "-o", "OUT.png", "--scale", "0"], "--scale must be above 0 and at most 8"),
    (["demo", "-o", "OUT.salesplan", "--people", "-1"], "--people must be between 0 and 200,000"),
    (["demo", "-o", "OUT.salesplan", "--people", "100000000"], "--people must be between 0 and 200,000"),
    (["demo", "-o", "OUT.salesplan", "--people", "10", "--teams", "0"], "--teams must be between 1 and 10,000"),
    (["demo", "-o", "OUT.salesplan", "--people", "10", "--teams", "20000"], "--teams must be between 1 and 10,000"),
])
def test_numeric_arguments_are_checked_for_range_and_nan(tmp_path: Path, argv: list[str], message: str) -> None:
    save_plan(sample_plan(), tmp_path / "plan.salesplan")
    names = {"PLAN": str(tmp_path / "plan.salesplan"), "OUT.png": str(tmp_path / "out.png"),
             "OUT.salesplan": str(tmp_path / "out.salesplan")}
    code, out, err = run(*(names.get(arg, arg) for arg in argv))
    assert (code, out, err) == (1, "", f"salesplanner: {message}\n")
    assert not (tmp_path / "out.png").exists() and not (tmp_path / "out.salesplan").exists()


# --- temporaries of interrupted saves ------------------------------------------------------------

def _aged(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_stale_temporaries_of_the_same_plan_go_and_nothing_else(tmp_path: Path) -> None:
    old = STALE_AFTER_SECONDS + 5
    stale = tmp_path / ".plan.salesplan.a1b2c3d4.tmp"
    stale.write_bytes(b"half a plan")
    _aged(stale, old)
    fresh = tmp_path / ".plan.salesplan.e5f6g7h8.tmp"  # a save in progress, just begun
    fresh.write_bytes(b"")
    others = [tmp_path / ".other.salesplan.a1b2c3d4.tmp", tmp_path / ".plan.salesplan.short.tmp",
              tmp_path / "plan.salesplan.a1b2c3d4.tmp", tmp_path / ".plan.salesplan.a1b2c3d4.tmp.keep"]
    for other in others:
        other.write_bytes(b"not ours")
        _aged(other, old)
    link = tmp_path / ".plan.salesplan.zzzzzzzz.tmp"
    link.symlink_to(others[0])
    save_plan(sample_plan(), tmp_path / "plan.salesplan")
    assert not stale.exists()
    assert fresh.exists() and link.is_symlink() and all(other.exists() for other in others)


HOLD_A_TEMPORARY = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(descriptor, fcntl.LOCK_EX)
then = time.time() - 3600
os.utime(sys.argv[1], (then, then))
print("locked", flush=True)
sys.stdin.readline()
"""


def test_a_temporary_another_live_process_is_writing_is_left_alone(tmp_path: Path) -> None:
    """Two windows saving one plan: the second never removes the first one's temporary, however old."""
    theirs = tmp_path / ".plan.salesplan.livewrit.tmp"
    writer = subprocess.Popen([sys.executable, "-c", HOLD_A_TEMPORARY, str(theirs)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "locked\n"
        assert remove_stale_temporaries(tmp_path / "plan.salesplan") == 0
        save_plan(sample_plan(), tmp_path / "plan.salesplan")
        assert theirs.exists()
    finally:
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.close()
        writer.wait(timeout=30)
    assert remove_stale_temporaries(tmp_path / "plan.salesplan") == 1  # its writer is gone now
    assert not theirs.exists()


KILLED_MID_SAVE = """
import os, sys
import salesplanner.files as files
real_fsync = os.fsync
def hang(descriptor):
    print("writing", flush=True)
    sys.stdin.readline()  # killed here, half-way through the save
files.os.fsync = hang
from salesplanner.planfile.write import save_plan
from tests.plans import sample_plan
save_plan(sample_plan(), sys.argv[1])
"""


def test_saves_killed_mid_write_leave_temporaries_the_next_save_removes(tmp_path: Path) -> None:
    target = tmp_path / "plan.salesplan"
    for _ in range(3):
        save = subprocess.Popen([sys.executable, "-c", KILLED_MID_SAVE, str(target)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert save.stdout is not None and save.stdout.readline() == "writing\n"
        save.kill()
        save.wait(timeout=30)
    left = sorted(tmp_path.glob(".plan.salesplan.*.tmp"))
    assert len(left) == 3 and not target.exists()
    for temporary in left:
        _aged(temporary, STALE_AFTER_SECONDS + 1)
    save_plan(sample_plan(), target)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.salesplan"]
    assert plan_to_dict(load_plan(target)) == plan_to_dict(sample_plan())


def test_write_atomically_holds_a_lock_on_its_temporary_while_writing(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real_fsync = os.fsync

    def check(descriptor: int) -> None:
        temporaries = list(tmp_path.glob(".out.bin.*.tmp"))  # none left when the folder is synced
        if not temporaries:
            real_fsync(descriptor)
            return
        probe = os.open(temporaries[0], os.O_RDWR)
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            seen.append(True)
        finally:
            os.close(probe)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", check)
    write_atomically(tmp_path / "out.bin", b"content")
    assert seen and (tmp_path / "out.bin").read_bytes() == b"content"


# --- roster files: what the file is, wide rows, sparse sheets, shared strings --------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le-bom", "utf-16-le"])
def test_utf16_rosters_are_read(tmp_path: Path, encoding: str) -> None:
    text = "Name\tRole\nÆsa Øberg\tAE\n"
    data = {"utf-16": text.encode("utf-16"), "utf-16-be": b"\xfe\xff" + text.encode("utf-16-be"),
            "utf-16-le-bom": b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le": text.encode("utf-16-le")}[encoding]
    (tmp_path / "roster.csv").write_bytes(data)
    table = read_roster(tmp_path / "roster.csv")
    assert table.headers == ("Name", "Role") and table.rows == (("Æsa Øberg", "AE"),)


@pytest.mark.parametrize(("content", "message"), [
    (bytes(range(256)) * 8, "roster.csv is not a text file (it holds binary data), so not a CSV roster: import a "
                            "CSV or XLSX file"),
    (b"Name,Role\nAna\x00\x00,AE\n", "roster.csv is not a text file (it holds binary data), so not a CSV roster: "
                                     "import a CSV or XLSX file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "roster.csv is a PNG image, not a roster: import a CSV or XLSX file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "roster.csv is a PDF document, not a roster: import a CSV or XLSX file"),
    (b"\xff\xfeN\x00a\x00\x00\xd8", "roster.csv is not readable UTF-16 text although it starts like it; save it "
                                    "again as CSV (UTF-8)"),
])
def test_files_that_are_not_text_say_what_they_are(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "roster.csv").write_bytes(content)
    with pytest.raises(PlanError) as caught:
        read_roster(tmp_path / "roster.csv")
    assert str(caught.value) == message


def test_random_bytes_named_csv_are_not_text(tmp_path: Path) -> None:
    (tmp_path / "roster.csv").write_bytes(os.urandom(4096))
    with pytest.raises(PlanError, match=r"^roster\.csv (is not a text file \(it holds binary data\)|is a .*, not a "
                                        r"roster)"):
        read_roster(tmp_path / "roster.csv")


WIDE_CSV = """
import sys
from salesplanner.model import PlanError
from salesplanner.roster.files import read_roster
try:
    read_roster(sys.argv[1])
except PlanError as error:
    print(error)
"""


@pytest.mark.parametrize(("shape", "message"), [
    ("header", f"wide.csv: row 1 has data in more than {MAX_COLUMNS} columns (beyond column ZZ); remove unused "
               "columns"),
    ("data", f"wide.csv: row 2 is longer than {MAX_RECORD_CHARS:,} characters; this is not a roster a "
             "spreadsheet wrote"),
    ("quoted", f"wide.csv: row 2 is longer than {MAX_RECORD_CHARS:,} characters; this is not a roster a "
               "spreadsheet wrote"),
    ("columns", f"wide.csv: row 2 has data in more than {MAX_COLUMNS} columns (beyond column ZZ); remove unused "
                "columns"),
])
def test_a_10_mb_row_is_refused_in_bounded_memory(tmp_path: Path, shape: str, message: str) -> None:
    path = tmp_path / "wide.csv"
    cells = ",".join(["a"] * 5_000_000)  # 10 MB: five million columns
    if shape == "header":
        path.write_text(cells + "\n", encoding="utf-8")
    elif shape == "data":
        path.write_text("Name\n" + cells + "\n", encoding="utf-8")
    elif shape == "quoted":  # one record over two million short lines: quoted fields holding line breaks
        path.write_text("Name\n" + ",".join(['"a\nb"'] * 2_000_000) + "\n", encoding="utf-8")
    else:  # short, but one column more than ZZ
        path.write_text("Name\n" + ",".join(["a"] * (MAX_COLUMNS + 1)) + "\n", encoding="utf-8")
    printed, peak = peak_memory_mb(WIDE_CSV, str(path))
    assert printed == message
    assert peak < 150, f"peak memory {peak} MB"


SPARSE = """
import sys, time
from salesplanner.roster.files import read_roster
started = time.monotonic()
table = read_roster(sys.argv[1])
print(len(table.headers), table.row_numbers, table.rows[-1][-1], round(time.monotonic() - started) < 60)
"""


def test_a_sparse_sheet_is_read_without_building_its_empty_grid(tmp_path: Path) -> None:
    """Cells at A1 and ZZ200001: a grid would be 702 × 200,001 cells (5.4 GB in calamine); streamed, the
    table is the two rows there are, 702 columns wide."""
    good = tmp_path / "good.xlsx"
    book = xlsxwriter.Workbook(str(good))
    book.add_worksheet("Roster").write_string(0, 0, "Name")
    book.close()
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    far = sheet.replace(b"</sheetData>", b'<row r="200001"><c r="ZZ200001" t="inlineStr"><is><t>far</t></is>'
                                         b"</c></row></sheetData>")
    sparse = tmp_path / "sparse.xlsx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(sparse, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, far if item.filename == "xl/worksheets/sheet1.xml" else old.read(item.filename))
    assert sparse.stat().st_size < 10_000
    printed, peak = peak_memory_mb(SPARSE, str(sparse))
    assert printed == "702 (200001,) far True"
    assert peak < 200, f"peak memory {peak} MB"


def test_shared_strings_are_bounded(tmp_path: Path) -> None:
    """A 400 MB shared-strings part compresses to about 1 MB; it is refused before anything reads it."""
    good = tmp_path / "good.xlsx"
    book = xlsxwriter.Workbook(str(good))
    sheet = book.add_worksheet("Roster")
    sheet.write_string(0, 0, "Name")
    sheet.write_string(1, 0, "Ana")
    book.close()
    bomb = tmp_path / "strings.xlsx"
    with zipfile.ZipFile(good) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if item.filename != "xl/sharedStrings.xml":
                new.writestr(item, old.read(item.filename))
        with new.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                          b"<si><t>Name</t></si><si><t>Ana</t></si>")
            block = b"<si><t>" + b"x" * 1000 + b"</t></si>" * 1
            for _ in range(70_000):  # 70 MB
                strings.write(block)
            strings.write(b"</sst>")
    with pytest.raises(PlanError, match=r"^strings\.xlsx: part xl/sharedStrings\.xml unpacks to more than 64 MB; "
                                        r"refusing it$"):
        read_roster(bomb)
