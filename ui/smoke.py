"""A start-up check for built bundles: with SALESPLANNER_SMOKE_TEST set, the app starts as usual, then,
once the event loop runs, checks that the main window is on screen with the plan it was asked to open,
reports what it shows and quits.

tests/test_bundle.py and the release workflow run the bundled app this way (offscreen, no display), so
a missing module, Qt plugin or resource fails the build instead of a user's first start. Any dialog that
comes up (a plan that would not open, a recovery offer) is a failure: it is reported and dismissed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from salesplanner import i18n
from ui.window.main_window import MainWindow

TIMEOUT_S = 20.0
"""How long the window may take to be exposed before the check gives up."""


class SmokeTest(QObject):
    def __init__(self, window: MainWindow, plan_path: str | None, report_to: str) -> None:
        super().__init__(window)
        self._window = window
        self._plan_path = Path(plan_path).resolve() if plan_path is not None else None
        self._report_to = report_to
        self._started = time.monotonic()
        self.problems: list[str] = []
        self.exit_code = 1
        self._timer = QTimer(self)
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        """Runs in whichever event loop is turning: a modal dialog's, then the application's."""
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            text = f"{dialog.text()} {dialog.informativeText()}" if isinstance(dialog, QMessageBox) else ""
            self.problems.append(f"a dialog came up: {dialog.windowTitle()}: {text.strip()}")
            dialog.close()
            return
        handle = self._window.windowHandle()
        if not (self._window.isVisible() and handle is not None and handle.isExposed()):
            if time.monotonic() - self._started < TIMEOUT_S:
                return
            self.problems.append(f"the main window was not shown within {TIMEOUT_S:.0f} s")
        self._timer.stop()
        self._finish()

    def _finish(self) -> None:
        document = self._window.document
        if self._plan_path is not None and document.path != self._plan_path:
            self.problems.append(f"the plan on screen is {document.path}, not {self._plan_path}")
        plan = document.plan
        source = str(document.path) if document.path is not None else "the demo plan"
        menus = [action.text().replace("&", "") for action in self._window.menuBar().actions()]
        # Qt's own texts (a standard dialog button) come from Qt's catalogue, shipped for each language.
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        report = [f'window "{self._window.windowTitle().replace("[*]", "")}" shown',
                  f'plan "{plan.name}" ({len(plan.people)} people) from {source}',
                  f"speaks {i18n.current().code} ({i18n.current().locale}): {' · '.join(menus[:2])} · {cancel}",
                  *(f"problem: {problem}" for problem in self.problems)]
        text = "\n".join(report) + "\n"
        if self._report_to == "1":
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            Path(self._report_to).write_text(text, encoding="utf-8")
        self.exit_code = 1 if self.problems else 0
        self._window.document.undo_stack.setClean()  # never ask to save: nothing was changed by hand
        QApplication.quit()
