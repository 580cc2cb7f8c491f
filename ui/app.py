"""Start the desktop application."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QObject, QTime
from PySide6.QtGui import QFileOpenEvent, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from salesplanner import about
from salesplanner.model import PlanError, ScenarioId
from salesplanner.planfile.read import load_plan
from salesplanner.resources import RESOURCES, load_demo_plan
from ui.document import PlanDocument
from ui.translator import install_language
from ui.window.autosave import find_recoverable
from ui.window.geometry import default_size, fit_on_screen
from ui.window.main_window import MainWindow

APP_ICON = RESOURCES / "icons" / "salesplanner.svg"
SMOKE_TEST_VARIABLE = "SALESPLANNER_SMOKE_TEST"
"""Set (to 1, or to a file for the report) to start the window, check it and quit: see ui/smoke.py."""


def create_application(argv: list[str] | None = None, *, language: str | None = None) -> QApplication:
    """The QApplication with our names, language (``language``, else the one chosen in Settings, else the
    system's) and style sheet; set up once (a style sheet set again would re-polish every widget alive)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication) and existing.property("salesplanner"):
        return existing
    app = existing or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setProperty("salesplanner", True)
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName("Sales Planner")
    QCoreApplication.setApplicationName(about.APP_NAME)
    QCoreApplication.setApplicationVersion(about.version())
    # The task bar and dock find our desktop entry (and so its name and icon) by this id on Wayland, and
    # by the window class ("Sales Planner", the application name) on X11.
    QGuiApplication.setDesktopFileName(about.DESKTOP_ID)
    app.setWindowIcon(QIcon(str(APP_ICON)))
    # A bare POSIX locale prints 4700821: it speaks English with British conventions (salesplanner.i18n).
    install_language(app, language)
    app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    return app


def saved_when(moment: datetime) -> str:
    """"12 March 2027 at 14:05": the locale's long date and short time, without a time-zone name."""
    locale = QLocale()
    local = moment.astimezone() if moment.tzinfo is not None else moment
    day = locale.toString(QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat)
    time = locale.toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)
    return QCoreApplication.translate("Recovery", "%1 at %2").replace("%1", day).replace("%2", time)


def offer_recovery(window: MainWindow) -> None:
    """After a crash or a kill: offer each autosave left behind; recovering shows it as unsaved work."""
    for recovery in find_recoverable():
        when = saved_when(recovery.saved_at)
        name = recovery.source.name if recovery.source else recovery.name
        box = QMessageBox(QMessageBox.Icon.Question, window.tr("Recover unsaved changes"),
                          window.tr("Sales Planner closed without saving your changes to “%1”.").replace("%1", name),
                          QMessageBox.StandardButton.NoButton, window)
        box.setInformativeText(window.tr("Recover the copy saved automatically on %1?").replace("%1", when))
        recover = box.addButton(window.tr("Recover"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(window.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        box.exec()
        if box.clickedButton() is recover and window.files.maybe_save():
            try:
                plan = load_plan(recovery.plan_path)
            except PlanError as error:
                window.files.show_problem(window.tr("Could not recover the plan"), str(error))
            else:
                document = PlanDocument(plan, recovery.source)
                if recovery.scenario is not None and recovery.scenario in plan.scenarios:
                    document.set_scenario(ScenarioId(recovery.scenario))
                window.set_document(document)
                document.mark_unsaved()
        recovery.remove()


class FileOpenHandler(QObject):
    """Opens the plans the system hands over while the app runs: on macOS, double-clicking a .salesplan
    file (or dropping it on the dock icon) sends a FileOpen event instead of a command-line argument."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self._window.files.open_path(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def run(plan_path: str | None = None, *, language: str | None = None) -> int:
    app = create_application(language=language)
    window = MainWindow(PlanDocument(load_demo_plan()))
    window.resize(default_size(window))
    window.restore_settings()
    app.installEventFilter(FileOpenHandler(window))
    smoke_test = None
    if os.environ.get(SMOKE_TEST_VARIABLE):
        from ui.smoke import SmokeTest

        smoke_test = SmokeTest(window, plan_path, os.environ[SMOKE_TEST_VARIABLE])
    window.show()
    fit_on_screen(window)  # again, now that the window manager has drawn a frame of its own size
    if plan_path is not None:
        window.files.open_path(Path(plan_path), ask=False)
    offer_recovery(window)
    code = app.exec()
    return smoke_test.exit_code if smoke_test is not None else code

