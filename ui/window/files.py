"""Files: New, Open, Open Recent, Save, Save As, and the Save / Discard / Cancel prompt.

Opening reads the whole file with the core's loader first; only a plan that loaded replaces the one on
screen, so a bad file leaves the open plan untouched (the loader's sentence is shown in a dialog).
Saving uses the core's atomic save.

Another program — often a second Sales Planner window — may save the same file. The controller remembers
what the file was when it was opened or last saved (``DiskStamp``: identity, size and modification
time), watches it while it is open, and checks it again before every save: when it changed, the user
chooses to Reload it, Save As… elsewhere or Overwrite it, so one window never silently replaces what
another saved.
"""

from __future__ import annotations

import os
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from salesplanner.files import remove_stale_temporaries, safe_file_name
from salesplanner.model import Plan, PlanError, Scenario, ScenarioId
from salesplanner.planfile.format import SUFFIX
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import save_plan
from ui.document import PlanDocument
from ui.folders import Folder, remember_folder, start_folder

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

RECENT_KEY = "files/recent"
MAX_RECENT = 10
WATCH_SETTLE_MS = 200
"""A save elsewhere may arrive as several file events: look once they have settled."""


class DiskStamp(NamedTuple):
    """What a file on disk was: an atomic save by anyone gives it a new identity and time."""

    device: int
    inode: int
    size: int
    modified_ns: int

    @classmethod
    def of(cls, path: Path) -> DiskStamp | None:
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


class Conflict(Enum):
    """What to do with a plan whose file changed on disk since it was opened or saved."""

    RELOAD = "reload"
    SAVE_AS = "save_as"
    OVERWRITE = "overwrite"
    CANCEL = "cancel"


def blank_plan() -> Plan:
    """A new plan: one empty baseline scenario, as of today."""
    today = Scenario(ScenarioId("s-today"), "Today")
    return Plan(name="Untitled plan", scenarios={today.id: today}, baseline=today.id, as_of=date.today())


class FileController(QObject):
    recent_changed = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._watched: Path | None = None
        self._stamp: DiskStamp | None = None
        """The watched file as this window last read or wrote it."""
        self._asking = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_file_event)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(WATCH_SETTLE_MS)
        self._settle.timeout.connect(self._on_file_changed)
        self.set_document(window.document)

    # --- the file on disk --------------------------------------------------------------------------

    def set_document(self, document: PlanDocument) -> None:
        """Follow the document's file: what it is now on disk is what this window knows."""
        self._track(document.path)

    def _track(self, path: Path | None) -> None:
        if self._watched is not None:
            self._watcher.removePath(str(self._watched))
        self._watched = path
        self._stamp = DiskStamp.of(path) if path is not None else None
        if path is not None and path.exists():
            self._watcher.addPath(str(path))

    def changed_on_disk(self) -> bool:
        """Whether the document's file is no longer what this window opened or saved (a deleted file is
        not a conflict: saving simply writes it again)."""
        path = self._window.document.path
        if path is None or path != self._watched or self._stamp is None:
            return False
        now = DiskStamp.of(path)
        return now is not None and now != self._stamp

    def _on_file_event(self, name: str) -> None:
        # An atomic save replaces the file, and the watch goes with the old one: watch the name again.
        if self._watched is not None and str(self._watched) == name and Path(name).exists():
            self._watcher.addPath(name)
        self._settle.start()

    def _on_file_changed(self) -> None:
        if self._asking or not self.changed_on_disk():
            return
        document = self._window.document
        assert document.path is not None
        choice = self.ask_disk_conflict(document)
        if choice is Conflict.RELOAD:
            self.reload()
        elif choice is Conflict.SAVE_AS:
            self.save_as()
        elif choice is Conflict.OVERWRITE:
            self._save_to(document.path, checked=True)

    def reload(self) -> bool:
        """Read the document's file again, dropping the changes on screen (the user chose to)."""
        path = self._window.document.path
        if path is None:
            return False
        try:
            plan = load_plan(path)
        except PlanError as error:
            self.show_problem(self.tr("Could not reload the plan"), str(error))
            return False
        self._window.set_document(PlanDocument(plan, path))
        self._window.show_message(self.tr("Reloaded %1 as it is on disk.").replace("%1", path.name))
        return True

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
        remove_stale_temporaries(path)  # left by saves that were killed half-way, here or elsewhere
        return True

    def import_roster(self) -> bool:
        """File → Import roster: a CSV or XLSX roster becomes a new, unsaved plan of its own teams (or, if
        the user ticks it, teams matched by name to the scenario on screen, keeping their markets)."""
        from salesplanner.roster.files import read_roster
        from ui.dialogs.import_dialog import RosterImportDialog, ask_roster_path

        if not self.maybe_save():
            return False
        document = self._window.document
        path = ask_roster_path(self._window, document.path)
        if path is None:
            return False
        try:
            table = read_roster(path)
        except PlanError as error:
            self.show_problem(self.tr("Could not import the roster"), str(error))
            return False
        dialog = RosterImportDialog(table, document.plan.currency, document.scenario.teams.values(),
                                    open_plan=document.plan.name, parent=self._window)
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
        suggested = document.path or start_folder(Folder.PLANS) / (safe_file_name(document.plan.name) + SUFFIX)
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
        entries = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        return [Path(entry) for entry in entries if entry]

    def remember(self, path: Path) -> None:
        resolved = str(path.resolve())
        entries = [resolved, *(str(p) for p in self.recent() if str(p) != resolved)][:MAX_RECENT]
        QSettings().setValue(RECENT_KEY, entries)
        remember_folder(Folder.PLANS, path)
        self.recent_changed.emit()

    def _forget_missing(self, path: Path) -> None:
        if not path.exists() and path.resolve() in self.recent():
            QSettings().setValue(RECENT_KEY, [str(p) for p in self.recent() if p != path.resolve()])
            self.recent_changed.emit()

    # --- dialogs (tests drive the message boxes; they replace the file pickers) ---------------------

    def ask_open_path(self) -> Path | None:
        folder = str(start_folder(Folder.PLANS, self._window.document.path))
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open plan"), folder,
                                              self.tr("Sales plans (*%1);;All files (*)").replace("%1", SUFFIX))
        return Path(name) if name else None

    def ask_save_path(self, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save plan"), str(suggested),
                                              self.tr("Sales plans (*%1)").replace("%1", SUFFIX))
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(SUFFIX)

    def ask_disk_conflict(self, document: PlanDocument) -> Conflict:
        """The file changed on disk: Reload it, Save As… elsewhere, Overwrite it, or (Cancel) not now."""
        name = self.display_name(document)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("File changed on disk"),
                          self.tr("“%1” was changed on disk by another program or another Sales Planner "
                                  "window since you opened or saved it.").replace("%1", name),
                          QMessageBox.StandardButton.NoButton, self._window)
        if document.modified:
            box.setInformativeText(self.tr("Reload it and lose your changes, save yours as another file, or "
                                           "overwrite it with yours and lose the other changes?"))
        else:
            box.setInformativeText(self.tr("Reload it to see the other changes?"))
        reload = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(self.tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as if document.modified else reload)
        self._asking = True
        try:
            box.exec()
        finally:
            self._asking = False
        answers: dict[object, Conflict] = {reload: Conflict.RELOAD, save_as: Conflict.SAVE_AS,
                                           overwrite: Conflict.OVERWRITE}
        return answers.get(box.clickedButton(), Conflict.CANCEL)

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

    def _save_to(self, path: Path, *, checked: bool = False) -> bool:
        """Save to ``path``; when that is the document's own file and it changed on disk (unless the user
        already chose to overwrite it), ask first. True once the plan on screen is saved somewhere."""
        document = self._window.document
        if not checked and path == document.path and self.changed_on_disk():
            choice = self.ask_disk_conflict(document)
            if choice is Conflict.RELOAD:
                self.reload()
                return False
            if choice is Conflict.SAVE_AS:
                return self.save_as()
            if choice is Conflict.CANCEL:
                return False
        try:
            save_plan(document.plan, path)
        except PlanError as error:
            self.show_problem(self.tr("Could not save the plan"), str(error))
            return False
        document.mark_saved(path.resolve())
        self._track(path.resolve())
        self.remember(path)
        return True
