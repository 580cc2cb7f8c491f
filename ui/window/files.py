"""Files: New, Open, Open Recent, Save, Save As, and the Save / Discard / Cancel prompt.

Opening reads the whole file with the core's loader first; only a plan that loaded replaces the one on
screen, so a bad file leaves the open plan untouched (the loader's sentence is shown in a dialog).
Saving uses the core's atomic save.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from salesplanner.model import Plan, PlanError, Scenario, ScenarioId
from salesplanner.planfile.format import SUFFIX
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import save_plan
from ui.document import PlanDocument

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

RECENT_KEY = "files/recent"
MAX_RECENT = 10


def blank_plan() -> Plan:
    """A new plan: one empty baseline scenario, as of today."""
    today = Scenario(ScenarioId("s-today"), "Today")
    return Plan(name="Untitled plan", scenarios={today.id: today}, baseline=today.id, as_of=date.today())


class FileController(QObject):
    recent_changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._last_folder = str(Path.home())

    # --- what the user can ask for -----------------------------------------------------------------

    def new(self) -> None:
        if self.maybe_save():
            self._window.set_document(PlanDocument(blank_plan()))

    def open(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_open_path()
        if path is not None:
            self.open_path(path, ask=False)

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path`` (after the unsaved-changes prompt when ``ask``). A file that fails to load is
        reported and changes nothing."""
        if ask and not self.maybe_save():
            return False
        try:
            plan = load_plan(path)
        except PlanError as error:
            self.show_problem(self.tr("Could not open the plan"), str(error))
            self._forget_missing(path)
            return False
        self._window.set_document(PlanDocument(plan, path.resolve()))
        self.remember(path)
        return True

    def import_roster(self) -> bool:
        """File → Import roster: a CSV or XLSX roster becomes a new, unsaved plan (teams named like the
        scenario's on screen keep their markets)."""
        from salesplanner.roster.files import read_roster
        from ui.dialogs.import_dialog import RosterImportDialog, ask_roster_path

        if not self.maybe_save():
            return False
        path = ask_roster_path(self._window)
        if path is None:
            return False
        try:
            table = read_roster(path)
        except PlanError as error:
            self.show_problem(self.tr("Could not import the roster"), str(error))
            return False
        document = self._window.document
        dialog = RosterImportDialog(table, document.plan.currency, document.scenario.teams.values(),
                                    parent=self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted or (imported := dialog.result()) is None:
            return False
        new = PlanDocument(imported.plan)
        self._window.set_document(new)
        new.mark_unsaved()  # a roster is not a plan file yet: closing asks to save it
        self._window.show_message(self.tr("Imported %1 people from %2").replace("%1", str(imported.people))
                                  .replace("%2", path.name))
        return True

    def save(self) -> bool:
        document = self._window.document
        if document.path is None:
            return self.save_as()
        return self._save_to(document.path)

    def save_as(self) -> bool:
        document = self._window.document
        suggested = document.path or Path(self._last_folder) / f"{document.plan.name}{SUFFIX}"
        path = self.ask_save_path(suggested)
        return path is not None and self._save_to(path)

    def maybe_save(self) -> bool:
        """Before the plan on screen goes away: True when it may (saved, discarded or unchanged)."""
        document = self._window.document
        if not document.modified:
            return True
        answer = self.ask_save_changes(document)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- recent files ------------------------------------------------------------------------------

    def recent(self) -> list[Path]:
        value = QSettings().value(RECENT_KEY, [])
        entries = [value] if isinstance(value, str) else list(value or [])
        return [Path(entry) for entry in entries if entry]

    def remember(self, path: Path) -> None:
        resolved = str(path.resolve())
        entries = [resolved, *(str(p) for p in self.recent() if str(p) != resolved)][:MAX_RECENT]
        QSettings().setValue(RECENT_KEY, entries)
        self._last_folder = str(path.resolve().parent)
        self.recent_changed.emit()

    def _forget_missing(self, path: Path) -> None:
        if not path.exists() and path.resolve() in self.recent():
            QSettings().setValue(RECENT_KEY, [str(p) for p in self.recent() if p != path.resolve()])
            self.recent_changed.emit()

    # --- dialogs (tests drive the message boxes; they replace the file pickers) ---------------------

    def ask_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open plan"), self._last_folder,
                                              self.tr("Sales plans (*%1);;All files (*)").replace("%1", SUFFIX))
        return Path(name) if name else None

    def ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save plan"), str(suggested),
                                              self.tr("Sales plans (*%1)").replace("%1", SUFFIX))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(SUFFIX)

    def ask_save_changes(self, document: PlanDocument) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("Save the changes to “%1”?").replace("%1", self.display_name(document)),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self._window)
        box.setInformativeText(self.tr("Your changes will be lost if you don't save them."))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def show_problem(self, title: str, message: str) -> None:
        QMessageBox.warning(self._window, title, message)

    @staticmethod
    def display_name(document: PlanDocument) -> str:
        return document.path.name if document.path is not None else document.plan.name

    def _save_to(self, path: Path) -> bool:
        document = self._window.document
        try:
            save_plan(document.plan, path)
        except PlanError as error:
            self.show_problem(self.tr("Could not save the plan"), str(error))
            return False
        document.mark_saved(path.resolve())
        self.remember(path)
        return True
