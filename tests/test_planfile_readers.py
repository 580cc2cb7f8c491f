"""The plan file's two readers agree: whatever the fast reader accepts, the careful one accepts too and
builds the same plan, value for value and type for type (planfile/read.py docstring). Files are mutated
the way hands and other tools break them: values of the wrong type or out of range, text the model's rules
refuse, fields removed or added, keys twice, colons in names."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from salesplanner.memory import instances
from salesplanner.model import Person, Status, people_valid, person_problems
from salesplanner.planfile.fast import read_fast
from salesplanner.planfile.format import PERSON_FIELDS
from salesplanner.planfile.read import PlanFileError, _read_carefully, loads_plan
from salesplanner.planfile.write import dumps_plan, plan_to_dict
from salesplanner.synthetic import synthetic_plan
from tests.plans import plans_and_sample, sample_plan
from tests.test_planfile import _at, _paths, json_values

ODD_TEXTS = ["", " ", "\t", "a" * 1001, "ok: colon", "tab\there", "bell\x07", "nul\x00", "\ud800", "\u202e", "é",
             "2027-01-01", "2027-02-30", "2027-W01-1", "20270101", "+2027-01-01", "٢٠٢٧-٠١-٠١", "2027-1-1"]
ODD_VALUES = [None, True, False, 0, -0.0, 1, 1.0, 0.5, -1, 1e12, 1e13, 10**20, [], {}, *ODD_TEXTS]


def careful(content: str | bytes) -> tuple[str, str | None]:
    """What the careful reader makes of a file: the plan written back, or its first problem."""
    try:
        return "plan", dumps_plan(_read_carefully(content))
    except PlanFileError as error:
        return "refused", error.problems[0]


@st.composite
def mutated_files(draw: st.DrawFn) -> str:
    data: Any = plan_to_dict(draw(plans_and_sample()))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(data)[1:]))
        parent, key = _at(data, path[:-1]), path[-1]
        operation = draw(st.sampled_from(["odd", "odd", "any", "delete", "add"]))
        if operation == "odd":
            parent[key] = draw(st.sampled_from(ODD_VALUES))
        elif operation == "any":
            parent[key] = draw(json_values())
        elif operation == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["id", "name", "fte", "extra", "role", "ae"]))] = draw(json_values())
    text = json.dumps(data, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
    if draw(st.integers(0, 3)) == 0:  # a key twice: repeat one "key": value pair in place
        pairs = [part for part in text.split(", ") if part.startswith('"') and '": ' in part and "{" not in part]
        if pairs:
            pair = draw(st.sampled_from(pairs)).rstrip("}]\n ")
            text = text.replace(pair, f"{pair}, {pair}", 1)
    return text


@given(content=mutated_files())
def test_the_fast_reader_builds_what_the_careful_one_builds(content: str) -> None:
    fast = read_fast(content)
    verdict, result = careful(content)
    if fast is not None:
        assert verdict == "plan", f"the fast reader accepted a file the careful one refuses: {result}"
        assert dumps_plan(fast) == result  # same values, ints staying ints and floats floats
    assert dumps_plan(loads_plan(content)) == result if verdict == "plan" else True


@given(plan=plans_and_sample())
def test_files_as_sales_planner_writes_them_take_the_fast_path(plan: Any) -> None:
    content = dumps_plan(plan)
    fast = read_fast(content)
    assert fast is not None
    assert dumps_plan(fast) == content == careful(content)[1]


def test_the_big_synthetic_plan_takes_the_fast_path() -> None:
    content = dumps_plan(synthetic_plan(people=2000, teams=100, seed=7)).encode("utf-8")
    assert read_fast(content) is not None
    assert dumps_plan(read_fast(content)) == careful(content)[1]  # type: ignore[arg-type]


def test_a_file_without_optional_fields_is_read_carefully() -> None:
    data = json.loads(dumps_plan(sample_plan()))
    del data["people"][0]["email"]
    content = json.dumps(data)
    assert read_fast(content) is None
    assert loads_plan(content).people["p-ana"].email is None


# --- the fast reader's shortcuts: people's rules a column at a time, objects built a field at a time ------

PERSON_VALUES = {
    "id": ["p-1", "", " ", "p\t1", "p" * 101, "p\x1b", "p\ud800"],
    "name": ["Ana", "", "  ", "Tab\there", "a" * 1001, "Bell\x07", "\u00a0Nbsp"],
    "email": [None, "a@b.c", "", "x" * 1001, "e\x00"],
    "location": [None, "Aarhus", "Line\nbreak", "\x9b"],
    "status": list(Status),
    "fte": [1, 1.0, 0.5, 0, -0.5, 1.5, float("nan"), float("inf")],
    "productivity": [1.0, 0, 10, 10.5, -1, float("nan")],
    "start_date": [None, date(2026, 1, 1), date(1899, 12, 31), date(2200, 1, 1)],
    "leave_date": [None, date(2027, 6, 30), date(2025, 1, 1), date(2200, 1, 1)],
    "annual_cost": [None, 0, 90_000, -1, 1e13, float("inf")],
}


@st.composite
def any_people(draw: st.DrawFn) -> list[Person]:
    return [Person(**{name: draw(st.sampled_from(values)) for name, values in PERSON_VALUES.items()})
            for _ in range(draw(st.integers(1, 4)))]


@given(people=any_people())
def test_people_pass_a_column_at_a_time_only_when_each_passes_the_rules(people: list[Person]) -> None:
    columns = {name: [getattr(person, name) for person in people] for name in PERSON_FIELDS}
    if people_valid(columns):
        assert not any(map(person_problems, people))


def test_plain_people_pass_a_column_at_a_time() -> None:
    people = list(sample_plan().people.values())
    assert people_valid({name: [getattr(person, name) for person in people] for name in PERSON_FIELDS})


def test_objects_built_a_field_at_a_time_are_the_dataclasses_own() -> None:
    people = list(sample_plan().people.values())
    columns = {name: [getattr(person, name) for person in people] for name in reversed(PERSON_FIELDS)}
    built = instances(Person, columns)  # by field name, in any order
    assert built == people and all(type(person) is Person for person in built)
    assert instances(Person, {name: [] for name in PERSON_FIELDS}) == []


def test_job_titles_set_on_some_people_take_the_fast_path() -> None:
    plan = sample_plan()
    ana = next(iter(plan.people.values()))
    plan.people[ana.id] = replace(ana, title="Key Account Manager")
    content = dumps_plan(plan)
    fast = read_fast(content)
    assert fast is not None and fast.people[ana.id].title == "Key Account Manager"
    assert dumps_plan(fast) == content == careful(content)[1]
