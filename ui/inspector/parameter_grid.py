"""Every parameter of every role as one compact table: a row per role, its capacity figure(s), ramp
and annual cost side by side. The plan's assumptions and a team's overrides both use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from salesplanner.roles import (
    ANNUAL_ATTRITION,
    ANNUAL_COST,
    ANNUAL_QUOTA,
    DEFAULT_ROLE_PARAMETERS,
    RAMP_MONTHS,
    ROLE_ORDER,
    SHARE_PARAMETERS,
    Role,
)
from ui import text
from ui.inspector.fields import FieldEdit
from ui.inspector.kinds import FieldKind, NumberKind, PercentKind
from ui.inspector.labels import parameter_label, parameter_unit
from ui.text import translate
from ui.theme import current_theme, font

MIN_WIDTHS = {RAMP_MONTHS: 30, ANNUAL_COST: 56, ANNUAL_ATTRITION: 38, ANNUAL_QUOTA: 56}
"""Pixels a field needs to show its usual values (ramp "5", cost "180,000", attrition "15 %") whole."""
PER_ROLE = (RAMP_MONTHS, ANNUAL_COST, ANNUAL_ATTRITION)
"""Parameters every role has: one column each, on the role's first row."""


def parameter_kind(name: str, *, optional: bool) -> FieldKind:
    """Shares are percentages; everything else a plain number."""
    return PercentKind(optional=optional) if name in SHARE_PARAMETERS else NumberKind(optional=optional)


def parameter_key(role: Role, name: str) -> str:
    """The name the core's rules use for a role parameter (``roles.ae.max_open_opps``)."""
    return f"roles.{role.value}.{name}"


class RoleParameterGrid(QWidget):
    """The fields, keyed by (role, parameter name); the owner binds them to the plan."""

    def __init__(self, *, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[tuple[Role, str], FieldEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        muted = current_theme().muted.name()
        # Short column headers (the full label is each one's tooltip): the dock is 340 pixels wide.
        captions = ((translate("Inspector", "Capacity", "column header"), ""),
                    (translate("Inspector", "Ramp", "column header"), parameter_label(RAMP_MONTHS)),
                    (translate("Inspector", "Annual cost", "column header"), parameter_label(ANNUAL_COST)),
                    (translate("Inspector", "Attrition", "column header"), parameter_label(ANNUAL_ATTRITION)))
        for column, (caption, tooltip) in enumerate(captions, start=1):
            header = QLabel(caption, self)
            header.setToolTip(tooltip)
            header.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            header.setWordWrap(True)  # the columns are as narrow as their fields, not their captions
            header.setFont(font(8.5))
            header.setStyleSheet(f"color: {muted};")
            grid.addWidget(header, 0, column)
        row = 1
        for role in ROLE_ORDER:
            names = list(DEFAULT_ROLE_PARAMETERS[role])
            capacity = [name for name in names if name not in PER_ROLE]
            # A row per capacity figure (a manager has two), ramp and cost on the role's first row: the
            # table stays four narrow columns wide, so it fits the panel's usual width.
            for index, name in enumerate(capacity):
                role_text = text.role_name(role) if index == 0 else ""
                label = QLabel(f"{role_text}<br><span style='color:{muted}; font-size:small'>"
                               f"{parameter_unit(name)}</span>", self)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setWordWrap(True)  # a long role name ("Full-cycle-sælger") breaks after its hyphen
                label.setToolTip(parameter_label(name))
                grid.addWidget(label, row, 0)
                grid.addWidget(self._field(role, name, optional), row, 1)
                if index == 0:
                    for column, shared in enumerate(PER_ROLE, start=2):
                        grid.addWidget(self._field(role, shared, optional), row, column)
                row += 1
            problems = QVBoxLayout()
            problems.setSpacing(0)
            for name in names:
                problems.addWidget(self.fields[role, name].problem)
            grid.addLayout(problems, row, 0, 1, 5)
            row += 1
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 4)
        grid.setColumnStretch(4, 2)

    def _field(self, role: Role, name: str, optional: bool) -> FieldEdit:
        field = FieldEdit(parameter_kind(name, optional=optional), self)
        field.setMinimumWidth(MIN_WIDTHS.get(name, 36))
        field.setToolTip(f"{text.role_name(role)} · {parameter_label(name)}")
        field.setAccessibleName(field.toolTip())
        self.fields[role, name] = field
        return field
