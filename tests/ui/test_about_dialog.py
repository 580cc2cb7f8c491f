"""Help → About, the app's name, icon and desktop id, and plans handed over by the system (macOS)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QColor, QFileOpenEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from salesplanner.planfile.write import save_plan
from tests.ui.conftest import two_team_plan
from ui.app import FileOpenHandler, create_application
from ui.dialogs.about import AboutDialog
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    top = next(a for a in window.menuBar().actions() if a.text() == menu)
    return next(a for a in top.menu().actions() if a.text() == text)


def test_help_about_shows_the_version_the_licence_and_qts_lgpl(window: MainWindow, qtbot) -> None:
    _menu_action(window, "&Help", "&About Sales Planner").trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "About Sales Planner"
    assert f"Version {VERSION}" in dialog.heading.text()
    assert dialog.tabs.tabText(0) == "Licence"
    assert dialog.licence.toPlainText().startswith("MIT License")

    dialog.tabs.setCurrentIndex(1)
    assert dialog.tabs.tabText(1) == "Third-party software"
    rows = [dialog.components.topLevelItem(i) for i in range(dialog.components.topLevelItemCount())]
    assert rows[0].text(0) == "Python"
    pyside: QTreeWidgetItem = next(row for row in rows if row.text(0).startswith("PySide6"))
    assert pyside.text(1) == PySide6.__version__
    assert "LGPL-3.0-only" in pyside.text(2)
    dialog.components.setCurrentItem(pyside)
    shown = dialog.component_text.toPlainText()
    assert "used under the GNU LGPL v3 as unmodified shared libraries" in shown
    assert "── LGPL-3.0.txt ──\n\nGNU LESSER GENERAL PUBLIC LICENSE" in shown

    _menu_action(window, "&Help", "&About Sales Planner").trigger()
    assert len(window.findChildren(AboutDialog)) == 1, "a second click raises the open dialog"
    dialog.close()
    qtbot.waitUntil(lambda: not window.findChildren(AboutDialog))


def test_the_app_is_named_versioned_and_has_its_icon() -> None:
    app = create_application()
    assert QCoreApplication.applicationName() == "Sales Planner"
    assert QCoreApplication.applicationVersion() == VERSION
    assert QGuiApplication.desktopFileName() == "salesplanner"
    image = app.windowIcon().pixmap(256, 256).toImage()
    assert not image.isNull()
    # resources/icons/salesplanner.svg: the account manager's chip, orange, at (195, 128); a white lane
    # around it at (195, 60); transparent outside the rounded square.
    assert _close(image.pixelColor(195, 128), QColor("#E0701A"))
    assert _close(image.pixelColor(195, 60), QColor("#FFFFFF"))
    assert image.pixelColor(2, 2).alpha() == 0


def test_a_plan_handed_over_by_the_system_opens(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "Ærø plan.salesplan"
    plan = two_team_plan()
    plan.name = "Handed over"
    save_plan(plan, path)
    handler = FileOpenHandler(window)
    QApplication.instance().installEventFilter(handler)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(path)))
    finally:
        QApplication.instance().removeEventFilter(handler)
    assert window.document.path == path.resolve()
    assert window.document.plan.name == "Handed over"
    assert window.windowTitle() == "Ærø plan.salesplan[*] — Sales Planner"


def _close(actual: QColor, expected: QColor, tolerance: int = 8) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(actual.getRgb()[:3], expected.getRgb()[:3], strict=True))

