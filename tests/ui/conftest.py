"""GUI test set-up: hermetic Qt (test-mode paths, a private settings scope), a small plan whose numbers
are easy to work out by hand, the main window on it, and drags replaced by synthesized drop events."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMimeData,
    QPoint,
    QPointF,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import ui.drag
from salesplanner import i18n
from salesplanner.model import (
    MarketProfile,
    MemberId,
    Person,
    Placement,
    Plan,
    Scenario,
    ScenarioId,
    Team,
    TeamId,
)
from salesplanner.roles import Role
from ui.app import create_application
from ui.document import PlanDocument
from ui.translator import install_language
from ui.window.main_window import MainWindow

MONTH = 365 / 12
ENTERPRISE, SMB = TeamId("t-ent"), TeamId("t-smb")


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    return QApplication


@pytest.fixture(scope="session", autouse=True)
def english_formats() -> None:
    """The tests read numbers, money and dates as the app writes them in English (2.40, 1,234, € 2.64 M):
    pin that locale, so the suite passes on a computer set to German or Danish, where the app rightly writes
    2,40 and 1.234 (tests/ui/test_locales.py runs part of the suite under both to hold this)."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture(autouse=True)
def hermetic_qt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never touch the user's settings or app-data folders: test-mode paths under a home of this test's
    own (so no autosave or recent file leaks from one test into another)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("Sales Planner Tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def collect_garbage_between_tests() -> Iterator[None]:
    """Delete each test's widgets, scenes and models when the test is over, all at once. Left to the
    garbage collector, a cycle of them can be collected in the middle of a later test's event handling
    (say while an import builds in a worker thread), and deleting a board item or a model that Qt still
    uses there aborts the process ("pure virtual method called"). What survives is frozen, so the next
    collection only looks at the next test's objects (a full collection of the whole heap after every
    test would add a fifth to the run)."""
    yield
    QApplication.processEvents()
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def english_unless_asked(qapp: QApplication) -> Iterator[None]:
    """Every test starts in English with British conventions, whatever a test before it chose and whatever
    the computer's locale (the app's set-up, which speaks the system's language, comes first)."""
    create_application()
    if (i18n.current().code, i18n.current().locale) != ("en", "en_GB"):
        install_language(qapp, "en", locale="en_GB")
    yield
    if (i18n.current().code, i18n.current().locale) != ("en", "en_GB"):
        install_language(qapp, "en", locale="en_GB")


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a visible top-level window behind (napari's check)."""
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    for widget in leaked:
        widget.close()
    assert not leaked, f"windows left open: {[type(w).__name__ for w in leaked]}"


def two_team_plan() -> Plan:
    """Two teams with a two-month sales cycle, so a ramped AE takes on 20 / 2 = 10 opportunities a month.

    Nordic Enterprise: Ana Berg (AE), Bo Dahl (outbound SDR), Gus Holm (AM).
    Nordic SMB: Cai Lund (AE), Dita Moe (outbound SDR), Eva Toft (outbound SDR), Hal Vik (AM).
    Bench: Finn Aas.
    """
    market = MarketProfile(inbound_leads_per_month=0, sales_cycle_days=2 * MONTH, win_rate=0.25,
                           avg_deal_size=40_000, existing_customers=0, monthly_churn=0)
    teams = {
        ENTERPRISE: Team(ENTERPRISE, "Nordic Enterprise", segment="Enterprise", geography="Nordics",
                         product_line="Core", market=market),
        SMB: Team(SMB, "Nordic SMB", segment="SMB", geography="Nordics", product_line="Analytics", market=market),
    }
    names = {"ana": "Ana Berg", "bo": "Bo Dahl", "cai": "Cai Lund", "dita": "Dita Moe", "eva": "Eva Toft",
             "finn": "Finn Aas", "gus": "Gus Holm", "hal": "Hal Vik"}
    people = {MemberId(f"p-{key}"): Person(MemberId(f"p-{key}"), name) for key, name in names.items()}
    assignments = {
        MemberId("p-ana"): Placement(ENTERPRISE, Role.AE),
        MemberId("p-bo"): Placement(ENTERPRISE, Role.SDR_OUTBOUND),
        MemberId("p-gus"): Placement(ENTERPRISE, Role.AM),
        MemberId("p-cai"): Placement(SMB, Role.AE),
        MemberId("p-dita"): Placement(SMB, Role.SDR_OUTBOUND),
        MemberId("p-eva"): Placement(SMB, Role.SDR_OUTBOUND),
        MemberId("p-hal"): Placement(SMB, Role.AM),
    }
    today = Scenario(ScenarioId("s-today"), "Today", teams=teams, assignments=assignments)
    return Plan(name="Test plan", scenarios={today.id: today}, baseline=today.id, as_of=date(2027, 1, 1),
                people=people)


def without_unsaved_changes(window: MainWindow) -> None:
    """pytest-qt closes test windows at teardown; a window with unsaved changes would ask to save."""
    window.document.undo_stack.setClean()


@pytest.fixture
def window(qtbot) -> MainWindow:
    create_application()
    main = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(main, before_close_func=without_unsaved_changes)
    main.resize(1700, 950)
    main.show()
    qtbot.waitExposed(main)
    return main


def send_drop(target: QWidget, position: QPoint, mime: QMimeData, *, moves: list[QPoint] | None = None) -> bool:
    """Deliver a drag to ``target`` as Qt would: enter, moves, drop. Returns whether the drop was accepted."""
    actions = Qt.DropAction.MoveAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(target, QDragEnterEvent(position, actions, mime, buttons, modifiers))
    for step in [*(moves or []), position]:
        QApplication.sendEvent(target, QDragMoveEvent(step, actions, mime, buttons, modifiers))
    drop = QDropEvent(QPointF(position), actions, mime, buttons, modifiers)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


@pytest.fixture
def drag_to(monkeypatch: pytest.MonkeyPatch) -> Callable[[QWidget, QPoint], list[QMimeData]]:
    """Make the next drags land on ``target`` at ``position`` (the view's or bench's viewport).

    A real QDrag.exec() returns at once offscreen, so ui.drag.exec_drag — the one place drags start — is
    replaced by synthesized enter/move/drop events carrying the real MIME data."""
    started: list[QMimeData] = []

    def aim(target: QWidget, position: QPoint) -> list[QMimeData]:
        def fake_exec(source: QWidget, mime: QMimeData, pixmap: object = None) -> None:
            started.append(mime)
            send_drop(target, position, mime)

        monkeypatch.setattr(ui.drag, "exec_drag", fake_exec)
        return started

    return aim


class DialogAnswers:
    """Answers the modal dialogs a test action opens, in order, and records what each one said.

    Each answer is a function given the dialog; it reads what it needs and closes the dialog (by clicking
    a button, as a user would). Dialogs are polled for, since each runs its own event loop."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._answers: list[Callable[[QWidget], None]] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)

    def queue(self, *answers: Callable[[QWidget], None]) -> DialogAnswers:
        self._answers.extend(answers)
        self._timer.start()
        return self

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not self._answers:
            return
        if isinstance(dialog, QMessageBox):
            self.seen.append(f"{dialog.text()} {dialog.informativeText()}".strip())
        self._answers.pop(0)(dialog)
        if not self._answers:
            self._timer.stop()

    @property
    def pending(self) -> int:
        return len(self._answers)


def click(button: QMessageBox.StandardButton | str) -> Callable[[QWidget], None]:
    """An answer that clicks a standard button, or a custom button by its text."""
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        if isinstance(button, str):
            target = next(b for b in dialog.buttons() if b.text() == button)
        else:
            target = dialog.button(button)
        target.click()
    return answer


@pytest.fixture
def dialogs() -> Iterator[DialogAnswers]:
    answers = DialogAnswers()
    yield answers
    answers._timer.stop()
    assert answers.pending == 0, "a dialog the test expected never appeared"
