"""Editors of a person and of an open position (docs/model.md §2), each field one EditPerson / EditOpening."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from salesplanner.capacity import member_cost
from salesplanner.commands import Command, EditOpening, EditPerson
from salesplanner.model import (
    Member,
    MemberId,
    Opening,
    Person,
    Problems,
    Status,
    opening_problems,
    person_problems,
    resolved_role_parameters,
)
from ui import text
from ui.inspector.fields import ChoiceField, FieldEdit
from ui.inspector.kinds import DateKind, NumberKind, TextKind, editable_number
from ui.inspector.labels import field_label, lock_choices
from ui.inspector.section import EditSection
from ui.text import translate

PERSON_MERGE_ID = 0x5101
OPENING_MERGE_ID = 0x5102


class _MemberSection(EditSection):
    """What people and openings share: the cost placeholder says what an empty cost means for them."""

    def cost_placeholder(self, member: Member) -> str:
        """"AE default: € 180,000", or "AE default: 0.8 × € 180,000" part time — the cost an empty field
        stands for, from the role (with the team's override) and the fte; just "Role default" on the
        bench."""
        assert self.document is not None
        plan, scenario = self.document.plan, self.document.scenario
        placement = scenario.assignments.get(member.id)
        if placement is None or placement.team not in scenario.teams:
            return translate("Inspector", "Role default")
        parameters = resolved_role_parameters(plan.assumptions, scenario.teams[placement.team])
        full_time = member_cost(replace(member, annual_cost=None, fte=1.0), placement.role, parameters)
        cost = text.money(full_time, plan.currency)
        if member.fte != 1:
            cost = translate("Inspector", "%1 × %2").replace("%1", editable_number(member.fte)).replace("%2", cost)
        return translate("Inspector", "%1 default: %2").replace("%1", text.role_name(placement.role)).replace(
            "%2", cost)


class PersonSection(_MemberSection):
    kind = "person"
    merge_id = PERSON_MERGE_ID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Person"), parent)
        form = self.new_form()
        for key, kind in (("name", TextKind()), ("title", TextKind(optional=True)), ("email", TextKind(optional=True)),
                          ("location", TextKind(optional=True)), ("fte", NumberKind()),
                          ("productivity", NumberKind()), ("start_date", DateKind(optional=True))):
            # A person's title is the job title as HR wrote it (an opening's title is its name).
            label = translate("Inspector", "Job title") if key == "title" else field_label(key)
            self.add_row(form, label, self.bind_attribute(key, FieldEdit(kind)))
        status = ChoiceField(status_choices())
        self.add_row(form, field_label("status"), self.bind("status", status, _status, with_status))
        self.add_row(form, field_label("leave_date"),
                     self.bind("leave_date", FieldEdit(DateKind(optional=True)), _leave_date, with_leave_date))
        self.add_row(form, field_label("annual_cost"),
                     self.bind_attribute("annual_cost", FieldEdit(NumberKind(optional=True)),
                                         placeholder=self.cost_placeholder))
        self.add_row(form, field_label("locked"), self.bind_attribute("locked", ChoiceField(lock_choices())))

    def current(self) -> Person | None:
        assert self.document is not None
        return self.document.plan.people.get(MemberId(self.subject_id or ""))

    def problems(self, candidate: Any) -> Problems:
        return person_problems(candidate)

    def command(self, candidate: Any, key: str) -> Command:
        return EditPerson(candidate)


def _status(person: Person) -> object:
    return person.status


def _leave_date(person: Person) -> object:
    return person.leave_date


# The core wants a leave date exactly when the status is "leaving", so editing one field at a time could
# never get from one state to the other. A leave date therefore carries the status with it, and
# "active" drops the leave date; "leaving" without a date is left to the core to refuse, with its reason.
def status_choices() -> list[tuple[str, object]]:
    return [(translate("Inspector", "Active"), Status.ACTIVE), (translate("Inspector", "Leaving"), Status.LEAVING)]


def with_leave_date(person: Person, value: object) -> Person:
    leave_date = value if isinstance(value, date) else None
    return replace(person, leave_date=leave_date, status=Status.ACTIVE if leave_date is None else Status.LEAVING)


def with_status(person: Person, value: object) -> Person:
    status = Status(value)  # type: ignore[arg-type]
    return replace(person, status=status, leave_date=None if status is Status.ACTIVE else person.leave_date)


class OpeningSection(_MemberSection):
    kind = "opening"
    merge_id = OPENING_MERGE_ID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Open position"), parent)
        form = self.new_form()
        for key, kind in (("title", TextKind()), ("start_date", DateKind(optional=True)), ("fte", NumberKind()),
                          ("annual_cost", NumberKind(optional=True))):
            field = self.bind_attribute(key, FieldEdit(kind),
                                        placeholder=self.cost_placeholder if key == "annual_cost" else None)
            self.add_row(form, field_label(key), field)

    def current(self) -> Opening | None:
        assert self.document is not None
        return self.document.scenario.openings.get(MemberId(self.subject_id or ""))

    def problems(self, candidate: Any) -> Problems:
        return opening_problems(candidate)

    def command(self, candidate: Any, key: str) -> Command:
        assert self.document is not None
        return EditOpening(self.document.scenario.id, candidate)

    def object_key(self) -> object:
        assert self.document is not None
        return (self.document.scenario.id, self.subject_id)
