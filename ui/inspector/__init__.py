"""The inspector panel: edit the selected person, opening, team or the plan in place (README, "Inspector")."""

from ui.inspector.panel import InspectorPanel, Subject, SubjectKind

__all__ = ["InspectorPanel", "Subject", "SubjectKind"]
