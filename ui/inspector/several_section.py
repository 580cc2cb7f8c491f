"""Several people or openings selected: the fields they share, each edit applied to all of them as one
undo step. A field whose value differs between them is empty with "mixed" in grey; typing a value sets
it for everyone selected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from salesplanner.commands import Batch, Command, EditOpening, EditPerson
from salesplanner.model import FIELD_LABELS, Member, MemberId, Opening, Person, opening_problems, person_problems
from ui.document import PlanDocument
from ui.inspector.fields import ChoiceField, Field, FieldEdit
from ui.inspector.kinds import DateKind, NumberKind, TextKind
from ui.inspector.labels import field_label
from ui.inspector.member_sections import status_choices, with_leave_date, with_status
from ui.inspector.section import Section
from ui.text import translate

SEVERAL_MERGE_ID = 0x5106
PEOPLE_ONLY = ("location", "productivity", "status", "leave_date")
"""Fields an opening does not have: shown only when everyone selected is a person."""
FIELDS: tuple[tuple[str, Callable[[], Field]], ...] = (
    ("location", lambda: FieldEdit(TextKind(optional=True))),
    ("fte", lambda: FieldEdit(NumberKind())),
    ("productivity", lambda: FieldEdit(NumberKind())),
    ("start_date", lambda: FieldEdit(DateKind(optional=True))),
    ("status", lambda: ChoiceField(status_choices())),
    ("leave_date", lambda: FieldEdit(DateKind(optional=True))),
    ("annual_cost", lambda: FieldEdit(NumberKind(optional=True))),
)


def _with(member: Member, key: str, value: object) -> Member:
    """``member`` with one field set; status and leave date keep each other consistent as one person's do."""
    if key == "leave_date" and isinstance(member, Person):
        return with_leave_date(member, value)
    if key == "status" and isinstance(member, Person):
        return with_status(member, value)
    changes: dict[str, object] = {key: value}
    return replace(member, **changes)  # type: ignore[arg-type]


class SeveralSection(Section):
    """The shared fields of the selected members."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Inspector", "Edit them all"), parent)
        self.document: PlanDocument | None = None
        self.member_ids: tuple[MemberId, ...] = ()
        self.form: QFormLayout = self.new_form()
        self.fields: dict[str, Field] = {}
        self.row_labels: list[QLabel] = []
        self._people_only: bool | None = None
        """Whether the people-only rows are shown (None before the first selection)."""
        for key, make in FIELDS:
            field = make()
            field.commit = lambda value, key=key: self._push(key, value)
            caption = QLabel(field_label(key), self)
            self.row_labels.append(caption)
            self.form.addRow(caption, field)
            self.form.addRow(field.problem)
            self.fields[key] = field

    def members(self) -> list[Member]:
        assert self.document is not None
        plan, scenario = self.document.plan, self.document.scenario
        return [member for member_id in self.member_ids if (member := plan.member(scenario, member_id))]

    def set_members(self, document: PlanDocument, member_ids: Sequence[MemberId]) -> None:
        """Edit these members, people then openings, each by name, whatever order they were selected in."""
        self.document = document
        plan, scenario = document.plan, document.scenario

        def order(member_id: MemberId) -> tuple[bool, str, str]:
            member = plan.member(scenario, member_id)
            return (isinstance(member, Opening), member.name.casefold() if member else "", member_id)

        self.member_ids = tuple(sorted(member_ids, key=order))
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> None:
        members = self.members()
        people_only = all(isinstance(member, Person) for member in members)
        if people_only != self._people_only:
            self._people_only = people_only
            for row, (key, _) in enumerate(FIELDS):
                shown = people_only or key not in PEOPLE_ONLY
                self.form.setRowVisible(2 * row, shown)
                self.form.setRowVisible(2 * row + 1, shown)
                problem = self.fields[key].problem
                problem.setVisible(shown and bool(problem.text()))
        for key, _ in FIELDS:
            if not members or not (people_only or key not in PEOPLE_ONLY):
                continue
            values = {getattr(member, key) for member in members}
            field = self.fields[key]
            shared = next(iter(values)) if len(values) == 1 else None
            if isinstance(field, FieldEdit):
                field.setPlaceholderText(translate("Inspector", "mixed") if len(values) > 1
                                         else field.kind.placeholder)
            field.show_value(shared, force=force)

    def _push(self, key: str, value: object) -> str | None:
        """Set ``key`` to ``value`` on everyone selected, as one undo step; the first refusal, named."""
        assert self.document is not None
        scenario_id = self.document.scenario.id
        commands: list[Command] = []
        for member in self.members():
            candidate = _with(member, key, value)
            if candidate == member:
                continue
            problems = person_problems(candidate) if isinstance(candidate, Person) else \
                opening_problems(candidate)
            if problems:
                name, reason = next(((n, r) for n, r in problems if n == key), problems[0])
                return f"{member.name}: {field_label(name)} {reason}"
            commands.append(EditPerson(candidate) if isinstance(candidate, Person)
                            else EditOpening(scenario_id, candidate))
        if not commands:
            return None
        what = translate("Inspector", "Edit %1 selected: %2").replace("%1", str(len(self.member_ids))).replace(
            "%2", str(FIELD_LABELS.get(key, key)))
        self.document.push(Batch(what, commands), merge_id=SEVERAL_MERGE_ID,
                           merge_key=("several", scenario_id, self.member_ids, key))
        return None


def describe(members: Sequence[Member]) -> str:
    """"2 people, 1 open position" and the first names."""
    people = sum(1 for member in members if not isinstance(member, Opening))
    openings = len(members) - people
    parts = []
    if people:
        parts.append(translate("Inspector", "1 person") if people == 1
                     else translate("Inspector", "%1 people").replace("%1", str(people)))
    if openings:
        parts.append(translate("Inspector", "1 open position") if openings == 1
                     else translate("Inspector", "%1 open positions").replace("%1", str(openings)))
    names = ", ".join(member.name for member in members[:4]) + (", …" if len(members) > 4 else "")
    return f"{', '.join(parts)}: {names}"
