"""Settings → Language: the system's language, or one the app speaks, remembered for the next start.

Every text of an open window was written when it was built, so a new language takes effect when the app
starts again; the dialog offers to restart now (after the usual Save / Discard / Cancel).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QProcess
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox

from salesplanner import i18n
from ui.translator import chosen_language, remember_language

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow


def language_menu(window: MainWindow) -> QMenu:
    """Settings → Language: "System language (Dansk)", then every language in its own name."""
    menu = QMenu(window.tr("&Language"), window)
    group = QActionGroup(menu)
    chosen = chosen_language()
    system = i18n.language_name(i18n.make_language(None).code)
    choices: list[tuple[str | None, str]] = [(None, window.tr("System language (%1)").replace("%1", system))]
    choices += [(code, i18n.language_name(code)) for code in i18n.available_languages()]
    for code, name in choices:
        action = QAction(name, group)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: choose_language(window, c))
        menu.addAction(action)
    return menu


def choose_language(window: MainWindow, code: str | None) -> None:
    """Remember ``code`` (None: the system's) and offer to restart in it."""
    if code == chosen_language():
        return
    remember_language(code)
    name = i18n.language_name(code or i18n.make_language(None).code)
    box = QMessageBox(QMessageBox.Icon.Information, window.tr("Language"),
                      window.tr("Sales Planner speaks %1 from its next start.").replace("%1", name),
                      QMessageBox.StandardButton.NoButton, window)
    restart = box.addButton(window.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(window.tr("Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restart)
    box.exec()
    if box.clickedButton() is restart and window.close():
        program, arguments = sys.executable, sys.argv if not getattr(sys, "frozen", False) else sys.argv[1:]
        QProcess.startDetached(program, list(arguments))
        QCoreApplication.quit()
