"""Key bindings and the toolbar, as a real desktop sees them: one binding per key sequence in each window
(Qt runs neither of two actions on one sequence, so Redo did nothing on X11), Undo/Redo buttons that keep
their width, and Redo reached by its keys."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolBar

from salesplanner.model import MemberId, Placement
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB
from ui.window.main_window import MainWindow
from ui.window.shortcuts import MAIN_WINDOW, PRESENTATION, key_sequences_of

DITA = MemberId("p-dita")


def clashes(bound: list[str]) -> dict[str, int]:
    return {key: count for key, count in Counter(bound).items() if count > 1}


def test_no_key_sequence_is_bound_twice_in_the_main_window(window: MainWindow) -> None:
    bound = key_sequences_of(window)
    assert clashes(bound) == {}
    # Every sequence of the table is bound (the table is what the test trusts), and nothing else is.
    assert sorted(bound) == sorted(QKeySequence(key).toString() for keys in MAIN_WINDOW.values() for key in keys)
    assert "Ctrl+Shift+Z" in bound and "Ctrl+D" in bound and "Del" in bound


def test_no_key_sequence_is_bound_twice_in_presentation_mode(window: MainWindow) -> None:
    presentation = window.present()
    try:
        bound = key_sequences_of(presentation)
        assert clashes(bound) == {}
        assert sorted(bound) == sorted(QKeySequence(key).toString() for keys in PRESENTATION.values()
                                       for key in keys)
    finally:
        presentation.close()


def test_redo_runs_from_its_keys(window: MainWindow) -> None:
    window.activateWindow()
    window.view.setFocus()
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))
    for redo in ((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
                 (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)):
        QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.document.scenario.assignments[DITA] == Placement(SMB, Role.SDR_OUTBOUND)
        QTest.keyClick(window.view, *redo)
        assert window.document.scenario.assignments[DITA] == Placement(ENTERPRISE, Role.AE)


def test_undo_and_redo_buttons_keep_their_width_and_say_the_step_in_the_tooltip(window: MainWindow) -> None:
    toolbar = window.findChild(QToolBar, "board-toolbar")
    undo, redo = (toolbar.widgetForAction(action) for action in (window.actions_.undo, window.actions_.redo))
    widths = (undo.width(), redo.width())
    fit = toolbar.widgetForAction(window.actions_.fit).geometry()
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))
    assert (undo.text(), redo.text()) == ("Undo", "Redo")
    assert (undo.width(), redo.width()) == widths == (undo.width(), undo.width())
    assert toolbar.widgetForAction(window.actions_.fit).geometry() == fit  # Fit stays under the cursor
    assert window.actions_.undo.toolTip() == "Undo Move Dita Moe to Nordic Enterprise · AE"
    assert window.actions_.undo.text() == "&Undo Move Dita Moe to Nordic Enterprise · AE"  # the Edit menu
