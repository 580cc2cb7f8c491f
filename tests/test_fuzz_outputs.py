"""Fuzz the ways text gets in (commands, plan files, rosters) and every writer of the core (plan JSON,
XLSX, PPTX, ``summary --json``) with random Unicode: control characters, lone surrogates, non-characters,
random lengths around the limits. Every input is either refused with one sentence or accepted; whatever is
accepted is written into files that parse back — the plan loads, the workbook opens in openpyxl and gives
back the same names, the deck opens in python-pptx, the JSON parses. (SVG and PDF: tests/ui.)

Example counts stay small: each example writes a workbook and a deck.
"""

from __future__ import annotations

import csv
import json
import tempfile
from dataclasses import replace
from io import StringIO
from pathlib import Path

import openpyxl
import pptx
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from salesplanner.cli import main
from salesplanner.commands import AddPerson, EditPerson, EditTeam, RenameScenario
from salesplanner.model import MAX_ID_LENGTH, MAX_TEXT_LENGTH, Person, PersonId, PlanError, person_problems
from salesplanner.planfile.read import PlanFileError, load_plan, loads_plan
from salesplanner.planfile.write import plan_to_dict, save_plan
from salesplanner.roster.build import build_plan_from_roster
from salesplanner.roster.files import read_roster
from salesplanner.slides import export_slides
from salesplanner.workbook.export import export_workbook
from salesplanner.workbook.sheets import ROSTER_HEADERS
from tests.plans import sample_plan

FUZZ = settings(max_examples=12, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

HOSTILE = "\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x9b\ud800\udfff\ufffe\uffff\u202e\u200b\U0001f600"


def characters() -> st.SearchStrategy[str]:
    return st.one_of(st.characters(), st.sampled_from(HOSTILE), st.sampled_from("=+-@ \"'*?~<>&;,"))


def texts() -> st.SearchStrategy[str]:
    """Short random text, or one character repeated to just under, at or over a length limit."""
    limits = (MAX_ID_LENGTH - 1, MAX_ID_LENGTH, MAX_ID_LENGTH + 1, MAX_TEXT_LENGTH, MAX_TEXT_LENGTH + 1)
    return st.one_of(st.text(characters(), max_size=24),
                     st.builds(lambda c, n: c * n, characters(), st.sampled_from(limits)))


def one_sentence(error: Exception) -> None:
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message


def written_files_parse_back(plan_path: Path, folder: Path) -> None:
    plan = load_plan(plan_path)
    baseline = plan.baseline
    export_workbook(plan, folder / "plan.xlsx", scenario_id=baseline)
    book = openpyxl.load_workbook(folder / "plan.xlsx")
    names = [row[ROSTER_HEADERS.index("Name")].value for row in book["Roster"].iter_rows(min_row=2)]
    members = list(plan.members(plan.scenarios[baseline]))
    assert names == [member.name for member in members]
    imported = build_plan_from_roster(read_roster(folder / "plan.xlsx")).plan
    assert [p.name for p in imported.people.values()] == [p.name for p in plan.people.values()]
    export_slides(plan, folder / "plan.pptx", scenario_id=baseline)
    assert len(pptx.Presentation(str(folder / "plan.pptx")).slides) >= 1
    out, err = StringIO(), StringIO()
    assert main(["summary", str(plan_path), "--json"], out=out, err=err) == 0, err.getvalue()
    assert json.loads(out.getvalue())["plan"] == plan.name


@FUZZ
@given(person_id=texts(), name=texts(), team_name=texts(), scenario_name=texts())
def test_commands_refuse_or_every_writer_writes_files_that_parse_back(person_id: str, name: str, team_name: str,
                                                                      scenario_name: str) -> None:
    plan = sample_plan()
    today = plan.scenarios[plan.baseline]
    team = next(iter(today.teams.values()))
    for command in (AddPerson(Person(PersonId(person_id), name)),
                    EditPerson(replace(plan.people[PersonId("p-ana")], name=name, location=team_name)),
                    EditTeam(today.id, replace(team, name=team_name, segment=scenario_name)),
                    RenameScenario(today.id, scenario_name)):
        before = plan_to_dict(plan)
        try:
            command.do(plan)
        except PlanError as error:
            one_sentence(error)
            assert plan_to_dict(plan) == before
    with tempfile.TemporaryDirectory() as folder:
        save_plan(plan, Path(folder) / "plan.salesplan")
        assert plan_to_dict(load_plan(Path(folder) / "plan.salesplan")) == plan_to_dict(plan)
        written_files_parse_back(Path(folder) / "plan.salesplan", Path(folder))


def _set_person_id(data: dict, value: str) -> None:
    data["people"][0]["id"] = value
    for scenario in data["scenarios"]:
        for assignment in scenario["assignments"]:
            if assignment["person"] == "p-ana":
                assignment["person"] = value


def _set_team_id(data: dict, value: str) -> None:
    for scenario in data["scenarios"]:
        for team in scenario["teams"]:
            if team["id"] == "t-nordic-ent":
                team["id"] = value
        for assignment in scenario["assignments"]:
            if assignment["team"] == "t-nordic-ent":
                assignment["team"] = value


PLACES = {
    "person id": _set_person_id,
    "team id": _set_team_id,
    "person name": lambda data, value: data["people"][0].update(name=value),
    "location": lambda data, value: data["people"][1].update(location=value),
    "team name": lambda data, value: data["scenarios"][0]["teams"][0].update(name=value),
    "scenario name": lambda data, value: data["scenarios"][1].update(name=value),
    "opening title": lambda data, value: data["scenarios"][0]["openings"][0].update(title=value),
    "plan name": lambda data, value: data.update(name=value),
}


@settings(FUZZ, max_examples=24)
@given(place=st.sampled_from(sorted(PLACES)), value=texts())
def test_plan_files_with_random_texts_load_or_are_refused_with_a_sentence(place: str, value: str) -> None:
    data = plan_to_dict(sample_plan())
    PLACES[place](data, value)
    text = json.dumps(data)  # ASCII with escapes: a lone surrogate arrives as "\ud800", as a hostile file has it
    try:
        plan = loads_plan(text)
    except PlanFileError as error:
        one_sentence(error)
        return
    with tempfile.TemporaryDirectory() as folder:
        save_plan(plan, Path(folder) / "plan.salesplan")
        written_files_parse_back(Path(folder) / "plan.salesplan", Path(folder))


@FUZZ
@given(cells=st.lists(st.tuples(texts(), texts()), min_size=1, max_size=4), as_xlsx=st.booleans())
def test_rosters_with_random_texts_import_only_what_the_model_accepts(cells: list[tuple[str, str]],
                                                                     as_xlsx: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("roster.xlsx" if as_xlsx else "roster.csv")
        rows = [("Name", "Location"), *cells]
        if as_xlsx:
            book = xlsxwriter.Workbook(str(path))
            sheet = book.add_worksheet("Roster")
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    sheet.write_string(r, c, value.encode("utf-8", "replace").decode("utf-8"))
            book.close()
        else:
            buffer = StringIO()
            csv.writer(buffer).writerows(rows)
            path.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
        try:
            result = build_plan_from_roster(read_roster(path))
        except PlanError as error:
            one_sentence(error)
            return
        for problem in result.problems:
            one_sentence(Exception(str(problem)))
        for person in result.plan.people.values():
            assert person_problems(person) == []
        save_plan(result.plan, Path(folder) / "plan.salesplan")
        written_files_parse_back(Path(folder) / "plan.salesplan", Path(folder))
