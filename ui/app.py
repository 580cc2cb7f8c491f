"""Start the desktop application."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from salesplanner.model import PlanError
from salesplanner.planfile import load_plan
from salesplanner.resources import RESOURCES, load_demo_plan
from ui.document import PlanDocument
from ui.main_window import MainWindow


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names, translations (when one exists for the locale) and style sheet."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("Sales Planner")
    QCoreApplication.setApplicationName("Sales Planner")
    if QLocale().language() == QLocale.Language.C:
        # A bare POSIX locale prints 4700821; show a VP grouped digits (English conventions) instead.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    translator = QTranslator(app)
    if translator.load(QLocale(), "salesplanner", "_", str(RESOURCES / "translations")):
        app.installTranslator(translator)
    app.setStyleSheet((RESOURCES / "style.qss").read_text(encoding="utf-8"))
    return app


def run(plan_path: str | None = None) -> int:
    app = create_application()
    plan = load_demo_plan()
    problem = None
    if plan_path is not None:
        try:
            plan = load_plan(plan_path)
        except PlanError as error:
            problem = str(error)
    window = MainWindow(PlanDocument(plan))
    window.resize(1560, 960)
    window.show()
    if problem is not None:
        QMessageBox.warning(window, window.tr("Could not open the plan"),
                            window.tr("%1\n\nShowing the demo plan instead.").replace("%1", problem))
    return app.exec()
