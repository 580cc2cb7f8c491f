"""The open plan as the UI sees it: the plan, the scenario on screen, the undo stack and the analyses.

Every change goes through ``push``: the core command runs first (so a refused command raises before
anything is recorded), then it lands on the QUndoStack. After every do, undo and redo the document
applies the command's change record to the analyses and emits ``changed`` with the teams recomputed
in the scenario on screen, so views refresh only those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.changes import Change
from salesplanner.commands import Assign, Command
from salesplanner.model import MemberId, Placement, Plan, Scenario, ScenarioId, TeamId


@dataclass(frozen=True)
class DocumentChange:
    """A core change record, plus what it means for the scenario on screen."""

    change: Change
    teams: frozenset[TeamId]
    """Teams of the scenario on screen whose numbers were recomputed."""
    structure: bool
    """The scenario on screen changed shape (teams added or removed, another scenario shown)."""


class _UndoCommand(QUndoCommand):
    """Puts a core command on the QUndoStack; redo and undo only call the core."""

    def __init__(self, document: PlanDocument, command: Command, *, merge_id: int = -1,
                 merge_key: object = None) -> None:
        super().__init__(str(command.text))
        self._document = document
        self.commands = [command]
        self._merge_id = merge_id
        self._merge_key = merge_key
        self._done = True  # push() has already run it

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        change = Change()
        for command in self.commands:
            change |= command.do(self._document.plan)
        self._document.after(change)

    def undo(self) -> None:
        change = Change()
        for command in reversed(self.commands):
            change |= command.undo(self._document.plan)
        self._document.after(change)

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 — Qt's name
        """Typing into one field merges into one step (Qt's undo framework idiom)."""
        if not isinstance(other, _UndoCommand) or other._merge_key != self._merge_key:
            return False
        self.commands.extend(other.commands)
        return True


class Subscription:
    """A view's slots connected to the document on screen: ``follow`` moves them to another document, so
    a view never keeps listening to a plan that was closed."""

    def __init__(self, *, changed: Callable[[DocumentChange], object],
                 switched: Callable[[], object] | None = None) -> None:
        self._changed = changed
        self._switched = switched
        self.document: PlanDocument | None = None

    def follow(self, document: PlanDocument) -> None:
        if self.document is not None:
            self.document.changed.disconnect(self._changed)
            if self._switched is not None:
                self.document.scenario_switched.disconnect(self._switched)
        self.document = document
        document.changed.connect(self._changed)
        if self._switched is not None:
            document.scenario_switched.connect(self._switched)


class PlanDocument(QObject):
    changed = Signal(object)
    """A ``DocumentChange`` after every do, undo and redo."""
    scenario_switched = Signal()

    def __init__(self, plan: Plan, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.path = path
        """The file the plan was opened from or last saved to; None for a new or demo plan."""
        self.undo_stack = QUndoStack(self)
        self._scenario_id = plan.baseline
        self._analyses: dict[ScenarioId, ScenarioAnalysis] = {}

    @property
    def modified(self) -> bool:
        """Changed since it was opened or last saved."""
        return not self.undo_stack.isClean()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """A recovered plan differs from its file although nothing has been undone or redone yet."""
        self.undo_stack.resetClean()

    @property
    def scenario(self) -> Scenario:
        return self.plan.scenarios[self._scenario_id]

    @property
    def analysis(self) -> ScenarioAnalysis:
        """The analysis of the scenario on screen."""
        return self.analysis_of(self._scenario_id)

    def analysis_of(self, scenario_id: ScenarioId) -> ScenarioAnalysis:
        analysis = self._analyses.get(scenario_id)
        if analysis is None:
            analysis = self._analyses[scenario_id] = ScenarioAnalysis(self.plan, scenario_id)
        return analysis

    def set_scenario(self, scenario_id: ScenarioId) -> None:
        if scenario_id != self._scenario_id:
            self._scenario_id = scenario_id
            self.scenario_switched.emit()

    def push(self, command: Command, *, merge_id: int = -1, merge_key: object = None) -> None:
        """Run ``command`` and record it for undo. A refused command raises ``PlanError`` and records
        nothing."""
        change = command.do(self.plan)
        self.undo_stack.push(_UndoCommand(self, command, merge_id=merge_id, merge_key=merge_key))
        self.after(change)

    def move(self, member_ids: Iterable[MemberId], target: Placement | None) -> frozenset[MemberId]:
        """Put members in ``target`` (a team and role) or on the bench (None) in the scenario on screen, as
        one undo step: what a drop, the Move to… picker and Delete all do. Returns who moved; a refused
        move raises ``PlanError`` and changes nothing."""
        plan, scenario = self.plan, self.scenario
        moves = {member_id: target for member_id in member_ids
                 if plan.member(scenario, member_id) is not None and scenario.assignments.get(member_id) != target}
        if moves:
            self.push(Assign(scenario.id, moves))
        return frozenset(moves)

    def after(self, change: Change) -> None:
        """Bring the analyses up to date and tell the views."""
        for scenario_id in list(self._analyses):
            if scenario_id not in self.plan.scenarios:
                del self._analyses[scenario_id]
        if self._scenario_id not in self.plan.scenarios:
            self._scenario_id = self.plan.baseline
            self.scenario_switched.emit()
        touched = frozenset[TeamId]()
        for scenario_id, analysis in self._analyses.items():
            teams = analysis.apply(change)
            if scenario_id == self._scenario_id:
                touched = teams
        structure = change.everything or self._scenario_id in change.scenarios
        self.changed.emit(DocumentChange(change, touched, structure))
