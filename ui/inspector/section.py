"""A titled block of the inspector, and the editing one: fields bound to a value of the plan.

``EditSection`` is where a typed value meets the core. For each commit it builds the candidate object
(``dataclasses.replace`` on the current one), asks the core's ``*_problems`` rule, and only pushes the
Edit command when the rule has nothing to say. The merge key names the kind, the object and the field,
so commits to one field in a row become one undo step and a different field starts a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from salesplanner.commands import Command
from salesplanner.model import PlanError, Problems
from ui.document import PlanDocument
from ui.inspector.fields import Field
from ui.inspector.labels import field_label
from ui.text import translate
from ui.theme import font


class Section(QWidget):
    """A heading over the section's own layout (``self.body``)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(title, self)
        self.heading.setFont(font(9.5, bold=True))
        self.heading.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 10, 0, 4)
        self.body.setSpacing(6)
        self.body.addWidget(self.heading)

    def new_form(self) -> QFormLayout:
        """A compact form: labels left, fields right and growing with the panel."""
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(5)
        self.body.addLayout(form)
        return form


@dataclass(eq=False)
class Binding:
    """One field and the value it edits: ``read`` it from the current object, ``build`` a candidate."""

    key: str
    """The field's name as the core's ``*_problems`` report it (``fte``, ``market.win_rate``)."""
    field: Field
    read: Callable[[Any], object]
    build: Callable[[Any, object], Any]
    placeholder: Callable[[Any], str] | None = None
    """Text for an empty field, from the current object (the plan value a team override replaces)."""


class EditSection(Section):
    """Fields editing one object of the plan through one kind of Edit command.

    Subclasses say what the object is (``current``), which rule judges it (``problems``) and which
    command replaces it (``command``)."""

    kind: ClassVar[str]
    merge_id: ClassVar[int]
    """Distinct per kind, so only edits of one kind are ever offered to merge."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.document: PlanDocument | None = None
        self.subject_id: str | None = None
        self.bindings: dict[str, Binding] = {}
        self.row_labels: list[QLabel] = []
        """The form's labels, so the panel can give every form of a page one label column."""
        self._refreshing = False

    # --- what a subclass provides ---------------------------------------------------------------------

    def current(self) -> Any | None:
        """The object shown, as the plan holds it now; None when it is gone."""
        raise NotImplementedError

    def problems(self, candidate: Any) -> Problems:
        raise NotImplementedError

    def command(self, candidate: Any, key: str) -> Command:
        raise NotImplementedError

    def object_key(self) -> object:
        """Which object an edit is to, for merging: its id (a team or opening adds its scenario, since a
        duplicated scenario keeps the ids)."""
        return self.subject_id

    # --- building -------------------------------------------------------------------------------------

    def bind(self, key: str, field: Field, read: Callable[[Any], object], build: Callable[[Any, object], Any],
             *, placeholder: Callable[[Any], str] | None = None) -> Field:
        binding = Binding(key, field, read, build, placeholder)
        self.bindings[key] = binding
        field.commit = lambda value: self._push_field(binding, value)
        return field

    def bind_attribute(self, key: str, field: Field, *, placeholder: Callable[[Any], str] | None = None) -> Field:
        """Bind a field to a plain attribute of the (frozen dataclass) object."""
        def read(current: Any) -> object:
            return getattr(current, key)

        def build(current: Any, value: object) -> Any:
            return replace(current, **{key: value})

        return self.bind(key, field, read, build, placeholder=placeholder)

    def add_row(self, form: QFormLayout, label: str, field: Field) -> None:
        caption = QLabel(label, self)
        caption.setBuddy(field)
        self.row_labels.append(caption)
        form.addRow(caption, field)
        # The reason gets a row of its own under the field (a hidden row takes no space); inside the
        # field's cell a wrapped reason would be cut to the height the form gave the cell.
        form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, field.problem)

    # --- model → view ---------------------------------------------------------------------------------

    def set_subject(self, document: PlanDocument, subject_id: str | None) -> None:
        """Show another object (or the same one of another document): every field is rewritten."""
        self.document = document
        self.subject_id = subject_id
        self.refresh(force=True)

    def refresh(self, *, force: bool = False) -> None:
        """Rewrite the fields from the plan; a field the user is typing in is left alone (see
        ``FieldEdit.show_value``) unless ``force``."""
        current = self.current() if self.document is not None else None
        if current is None:
            return
        self._refreshing = True
        try:
            for binding in self.bindings.values():
                if binding.placeholder is not None:
                    binding.field.setPlaceholderText(binding.placeholder(current))
                binding.field.show_value(binding.read(current), force=force)
        finally:
            self._refreshing = False

    # --- view → model ---------------------------------------------------------------------------------

    def _push_field(self, binding: Binding, value: object) -> str | None:
        """Try ``value`` in the plan: the reason it was refused, or None once the command is pushed."""
        if self._refreshing or self.document is None:
            return None  # a refresh never pushes
        current = self.current()
        if current is None:
            return translate("Inspector", "is no longer in the plan")
        candidate = binding.build(current, value)
        problems = self.problems(candidate)
        if problems:
            return self._reason(binding.key, problems)
        try:
            self.document.push(self.command(candidate, binding.key), merge_id=self.merge_id,
                               merge_key=(self.kind, self.object_key(), binding.key))
        except PlanError as error:
            return str(error)
        return None

    def _reason(self, key: str, problems: Problems) -> str:
        """The field's own problem as the core words it; another field's problem (a leave date the new
        status needs) prefixed with that field's label."""
        for name, reason in problems:
            if name == key:
                return str(reason)
        name, reason = problems[0]
        return translate("Inspector", "%1 %2").replace("%1", field_label(name)).replace("%2", str(reason))
