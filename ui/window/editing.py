"""Adding and deleting people, openings and teams, and managing scenarios: each one undoable command,
pushed through the document. Deletions ask first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from salesplanner.commands import (
    AddOpening,
    AddPerson,
    AddScenario,
    AddTeam,
    Assign,
    Batch,
    Command,
    RemoveOpening,
    RemovePerson,
    RemoveScenario,
    RemoveTeam,
    RenameScenario,
    SetBaseline,
    copy_scenario,
    new_id,
)
from salesplanner.layout import role_to_hire
from salesplanner.model import MemberId, Opening, Person, Placement, PlanError, ScenarioId, Team, TeamId
from ui import text
from ui.board.items import CardItem, ChipItem, LaneItem

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


class Editing(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def push(self, command: Command) -> bool:
        try:
            self._window.document.push(command)
        except PlanError as error:
            self._window.show_message(str(error))
            return False
        return True

    def _new_id(self, prefix: str) -> str:
        return new_id(prefix, self._window.document.plan.ids_in_use())

    # --- people, openings, teams ---------------------------------------------------------------------

    def add_person(self, placement: Placement | None = None) -> MemberId | None:
        document = self._window.document
        person = Person(MemberId(self._new_id("p")), self.tr("New person"))
        commands: list[Command] = [AddPerson(person)]
        if placement is not None:
            commands.append(Assign(document.scenario.id, {person.id: placement}))
        if not self.push(Batch(self.tr("Add %1").replace("%1", person.name), commands)):
            return None
        self._window.board.select_members([person.id])
        return person.id

    def add_opening(self, placement: Placement | None = None) -> MemberId | None:
        document = self._window.document
        title = self.tr("New opening") if placement is None else \
            self.tr("%1 (new hire)").replace("%1", text.role_name(placement.role))
        opening = Opening(MemberId(self._new_id("o")), title, start_date=document.plan.as_of)
        if not self.push(AddOpening(document.scenario.id, opening, placement)):
            return None
        self._window.board.select_members([opening.id])
        return opening.id

    def add_opening_to_selection(self) -> MemberId | None:
        """Edit → Add opening: into the team selected on the board — in the role of the selected chips when
        they share one, else the role the team's bottleneck needs (an AE when it has none) — or onto the
        bench when no team is selected."""
        window = self._window
        document = window.document
        scenario = document.scenario
        placements = {scenario.assignments.get(member_id) for member_id in window.board.selected_member_ids()}
        team_id = window.board.focus_team
        if len(placements) == 1 and (placement := next(iter(placements))) is not None:
            target: Placement | None = placement
        elif team_id is not None and team_id in scenario.teams:
            target = Placement(team_id, role_to_hire(document.analysis.team(team_id)))
        else:
            target = None
        added = self.add_opening(target)
        if added is not None and target is not None:
            window.show_message(self.tr("Added an open %1 position to %2 — drag it to another lane to change "
                                        "its role.").replace("%1", text.role_name(target.role))
                                .replace("%2", scenario.teams[target.team].name))
        return added

    def add_team(self) -> TeamId | None:
        document = self._window.document
        focused = document.scenario.teams.get(self._window.board.focus_team) if self._window.board.focus_team else None
        team = Team(TeamId(self._new_id("t")), self.tr("New team"),
                    segment=focused.segment if focused else None,
                    geography=focused.geography if focused else None,
                    product_line=focused.product_line if focused else None)
        if not self.push(AddTeam(document.scenario.id, team)):
            return None
        self._window.board.set_focus_team(team.id)
        self._window.view.ensureVisible(self._window.board.card(team.id).sceneBoundingRect(), 20, 20)
        return team.id

    def delete_selection(self) -> None:
        """Delete the selected people and openings from the plan, or else the focused team."""
        document = self._window.document
        plan, scenario = document.plan, document.scenario
        ids = self._window.selection()
        if ids:
            names = [member.name for member_id in ids if (member := plan.member(scenario, member_id))]
            question = self.tr("Delete %1 from the plan? People leave every scenario.").replace(
                "%1", names[0] if len(names) == 1 else self.tr("%1 people").replace("%1", str(len(names))))
            if not self.confirm(self.tr("Delete"), question):
                return
            commands: list[Command] = [RemovePerson(member_id) if member_id in plan.people
                                       else RemoveOpening(scenario.id, member_id) for member_id in ids]
            label = self.tr("Delete %1").replace("%1", names[0] if len(names) == 1 else
                                                  self.tr("%1 people").replace("%1", str(len(names))))
            self.push(Batch(label, commands))
            return
        team_id = self._window.board.focus_team
        if team_id is not None and team_id in scenario.teams:
            self.delete_team(team_id)

    def delete_team(self, team_id: TeamId) -> None:
        document = self._window.document
        team = document.scenario.teams[team_id]
        members = len(document.analysis.members_of(team_id))
        question = self.tr("Delete the team “%1”? Its %2 members go to the bench.").replace(
            "%1", team.name).replace("%2", str(members))
        if self.confirm(self.tr("Delete team"), question):
            self.push(RemoveTeam(document.scenario.id, team_id))

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self._window, title, question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    # --- scenarios ------------------------------------------------------------------------------------

    def duplicate_scenario(self) -> None:
        """A new proposal that starts as a copy of the scenario on screen, shown at once."""
        document = self._window.document
        source = document.scenario
        names = {s.name for s in document.plan.scenarios.values()}
        name = self.tr("%1 (copy)").replace("%1", source.name)
        suffix = 2
        while name in names:
            name = self.tr("%1 (copy %2)").replace("%1", source.name).replace("%2", str(suffix))
            suffix += 1
        scenario = copy_scenario(source, new_id=ScenarioId(self._new_id("s")), name=name)
        if self.push(AddScenario(scenario)):
            document.set_scenario(scenario.id)

    def rename_scenario(self) -> None:
        document = self._window.document
        name, accepted = QInputDialog.getText(self._window, self.tr("Rename scenario"), self.tr("Name:"),
                                              text=document.scenario.name)
        if accepted and name != document.scenario.name:
            self.push(RenameScenario(document.scenario.id, name))

    def delete_scenario(self) -> None:
        document = self._window.document
        if len(document.plan.scenarios) == 1:
            self._window.show_message(self.tr("A plan needs at least one scenario."))
            return
        question = self.tr("Delete the scenario “%1”?").replace("%1", document.scenario.name)
        if self.confirm(self.tr("Delete scenario"), question):
            self.push(RemoveScenario(document.scenario.id))

    def make_baseline(self) -> None:
        document = self._window.document
        if document.plan.baseline != document.scenario.id:
            self.push(SetBaseline(document.scenario.id))

    # --- the board's context menu ----------------------------------------------------------------------

    def board_menu(self, scene_position: object, screen_position: QPoint) -> None:
        window = self._window
        board = window.board
        lane = board.lane_at(scene_position)  # type: ignore[arg-type]
        card = board.card_at(scene_position)  # type: ignore[arg-type]
        chip = next((item for item in board.items(scene_position) if isinstance(item, ChipItem)), None)  # type: ignore[call-overload]
        menu = QMenu(window)
        if chip is not None:
            if not chip.isSelected():
                board.select_members([chip.member_id])
            menu.addActions([window.actions_.move_to, window.actions_.send_to_bench, window.actions_.delete])
            menu.addSeparator()
        if isinstance(lane, LaneItem):
            role = text.role_name(lane.placement.role)
            menu.addAction(self.tr("Add person as %1").replace("%1", role),
                           lambda: self.add_person(lane.placement))
            menu.addAction(self.tr("Add opening for %1").replace("%1", role),
                           lambda: self.add_opening(lane.placement))
        if isinstance(card, CardItem):
            board.set_focus_team(card.team_id)
            team_id = card.team_id
            menu.addAction(self.tr("Delete team…"), lambda: self.delete_team(team_id))
            menu.addSeparator()
        menu.addAction(window.actions_.add_team)
        menu.exec(screen_position)
