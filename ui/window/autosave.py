"""Autosave and crash recovery.

While a plan has unsaved changes, a copy is written (debounced, atomically, on a worker thread) to
the app-data folder, with a small JSON note saying where it came from and when. Each running session
holds a QLockFile, so at the next start an autosave whose session's lock is stale (the process was
killed or crashed) is offered for recovery. Saving, discarding and recovering remove the copy.

A failed autosave (a full disk, a folder gone read-only) never replaces the last good copy — each write is
atomic — and is said once, visibly (``AutosaveNotice``: a warning in the status bar and a non-modal
notice), then retried every ``AUTOSAVE_RETRY_MS`` until a write succeeds.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import orjson
from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from salesplanner.files import write_atomically
from salesplanner.model import Plan, PlanError
from salesplanner.planfile.format import SUFFIX
from salesplanner.planfile.write import encode_plan
from ui.document import PlanDocument

AUTOSAVE_DELAY_MS = 1500
AUTOSAVE_RETRY_MS = 30_000


def autosave_folder() -> Path:
    """``…/Sales Planner/autosave`` in the user's data folder. Not AppDataLocation: it nests the
    application's name in the organisation's, and both are "Sales Planner"."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(base) / QCoreApplication.applicationName() / "autosave"


@dataclass(frozen=True)
class Recovery:
    """An autosave left behind by a session that did not end normally."""

    plan_path: Path
    source: Path | None
    name: str
    saved_at: datetime
    scenario: str | None = None
    """The scenario on screen when it was saved: recovering shows that one again."""

    def remove(self) -> None:
        for path in (self.plan_path, self.plan_path.with_suffix(".json")):
            path.unlink(missing_ok=True)


def find_recoverable() -> list[Recovery]:
    """Autosaves of sessions that are no longer running, newest first."""
    folder = autosave_folder()
    found = []
    for note_path in folder.glob("*.json"):
        lock = QLockFile(str(note_path.with_suffix(".lock")))
        lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        if not lock.tryLock(0):
            continue  # another running session owns it
        lock.unlock()
        plan_path = note_path.with_suffix(SUFFIX)
        try:
            note = json.loads(note_path.read_text(encoding="utf-8"))
            saved_at = datetime.fromisoformat(note["saved_at"])
        except (OSError, ValueError, KeyError, TypeError):
            note_path.unlink(missing_ok=True)
            continue
        if not plan_path.exists():
            note_path.unlink(missing_ok=True)
            continue
        source = note.get("source")
        scenario = note.get("scenario")
        found.append(Recovery(plan_path, Path(source) if source else None, str(note.get("name", "")), saved_at,
                              scenario if isinstance(scenario, str) else None))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


class Autosaver(QObject):
    """Keeps an autosave of the document on screen while it has unsaved changes."""

    _worker_failed = Signal(str)
    _worker_written = Signal()

    written = Signal()
    """An autosave reached the disk."""
    failed = Signal(str)
    """An autosave could not be written (the reason); the last good copy is still in place."""
    recovered = Signal()
    """Autosaves work again after a failure, or there is nothing left to autosave."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        folder = autosave_folder()
        folder.mkdir(parents=True, exist_ok=True)
        session = uuid.uuid4().hex
        self.plan_path = folder / f"{session}{SUFFIX}"
        self._note_path = folder / f"{session}.json"
        self._lock = QLockFile(str(folder / f"{session}.lock"))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.write_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(AUTOSAVE_RETRY_MS)
        self._retry.timeout.connect(self.write_now)
        self.failing = False
        """The last autosave failed (and no success or discard since)."""
        # The worker thread reports here; these run in the UI thread (queued connections).
        self._worker_failed.connect(self._on_failed)
        self._worker_written.connect(self._on_written)
        self._document: PlanDocument | None = None
        self._disk = threading.Lock()
        self._generation = 0
        """Bumped by discard(), so a write already in flight does not bring a discarded copy back."""

    def set_document(self, document: PlanDocument) -> None:
        if self._document is not None:
            self._document.changed.disconnect(self._schedule)
            self._document.scenario_switched.disconnect(self._schedule)
            self._document.undo_stack.cleanChanged.disconnect(self._on_clean_changed)
        self.discard()
        self._document = document
        document.changed.connect(self._schedule)
        document.scenario_switched.connect(self._schedule)  # the note says which scenario was on screen
        document.undo_stack.cleanChanged.connect(self._on_clean_changed)
        if document.modified:
            self._schedule()

    def _schedule(self, *_: object) -> None:
        if self._document is not None and self._document.modified:
            self._timer.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()  # saved, or undone back to what is on disk
        else:
            self._schedule()

    def write_now(self) -> None:
        """Take a snapshot of the plan here (it is only consistent on the UI thread: a few milliseconds),
        then turn it into JSON and write it on a worker, so an autosave never freezes the window."""
        document = self._document
        if document is None or not document.modified:
            return
        snapshot = document.plan.snapshot()
        note = {"source": str(document.path) if document.path else None, "name": snapshot.name,
                "scenario": document.scenario.id,
                "saved_at": datetime.now().astimezone().isoformat(timespec="seconds")}
        generation = self._generation
        threading.Thread(target=self._write, args=(snapshot, note, generation), daemon=True).start()

    def _write(self, snapshot: Plan, note: dict[str, str | None], generation: int) -> None:
        try:
            content = encode_plan(snapshot)
        except PlanError as error:
            self._worker_failed.emit(str(error))
            return
        with self._disk:
            if generation != self._generation:
                return
            try:
                write_atomically(self.plan_path, content)
                write_atomically(self._note_path, orjson.dumps(note))
            except OSError as error:
                self._worker_failed.emit(error.strerror or str(error))
                return
        self._worker_written.emit()

    def _on_failed(self, reason: str) -> None:
        self.failing = True
        self.failed.emit(reason)
        if self._document is not None and self._document.modified:
            self._retry.start()

    def _on_written(self) -> None:
        self._retry.stop()
        if self.failing:
            self.failing = False
            self.recovered.emit()
        self.written.emit()

    def discard(self) -> None:
        """Remove this session's autosave (after a save, a discard or a clean close)."""
        self._timer.stop()
        self._retry.stop()
        if self.failing:  # nothing left to protect
            self.failing = False
            self.recovered.emit()
        with self._disk:
            self._generation += 1
            self.plan_path.unlink(missing_ok=True)
            self._note_path.unlink(missing_ok=True)

    def close(self) -> None:
        """End of a normal session: no autosave left, lock released."""
        self.discard()
        self._lock.unlock()


class AutosaveNotice(QObject):
    """Says once, visibly, that autosaving fails: a warning that stays in the status bar until an
    autosave succeeds again, and a non-modal notice (work goes on; nothing is blocked)."""

    def __init__(self, autosaver: Autosaver, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.label = QLabel(window)
        self.label.setObjectName("autosave-warning")
        self.label.setStyleSheet("color: #B42318; font-weight: 600;")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)  # never covered by a passing message
        self.notice: QMessageBox | None = None
        autosaver.failed.connect(self._on_failed)
        autosaver.recovered.connect(self._on_recovered)

    def _on_failed(self, reason: str) -> None:
        if self.label.isVisible():
            return  # said once per run of failures
        self.label.setText(self.tr("⚠ Autosave failed (%1) — retrying").replace("%1", reason))
        self.label.setToolTip(self.tr("Your last autosaved copy is kept; changes since are not protected "
                                      "against a crash until an autosave succeeds."))
        self.label.show()
        self.notice = QMessageBox(QMessageBox.Icon.Warning, self.tr("Autosave failed"),
                                  self.tr("Your changes could not be saved automatically: %1.").replace("%1", reason),
                                  QMessageBox.StandardButton.Ok, self._window)
        self.notice.setInformativeText(self.tr(
            "Until an autosave succeeds, a crash would lose the changes since the last one. Sales Planner keeps "
            "trying; to be safe, save the plan now (File → Save As… to another disk if this one is full)."))
        self.notice.setWindowModality(Qt.WindowModality.NonModal)
        self.notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice.show()

    def _on_recovered(self) -> None:
        self.label.hide()
        self._window.statusBar().showMessage(self.tr("Autosave works again."), 8000)
