"""Every key sequence of the app in one table: one binding per sequence, in each window.

Key sequences are written out rather than taken from ``QKeySequence.StandardKey``: a standard key expands
differently on every platform, and on X11 it collides with ours — its Redo is also Ctrl+Shift+Z (Qt then
finds an "ambiguous shortcut overload" and runs neither), its Delete also Ctrl+D (Duplicate). Written out,
what a test sees offscreen is what a user gets everywhere (on macOS Qt reads Ctrl as ⌘).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

MAIN_WINDOW: dict[str, tuple[str, ...]] = {
    "new": ("Ctrl+N",),
    "open": ("Ctrl+O",),
    "save": ("Ctrl+S",),
    "save_as": ("Ctrl+Shift+S",),
    "import_roster": ("Ctrl+I",),
    "export_excel": ("Ctrl+Shift+E",),
    "export_layout": ("Ctrl+E",),
    "print": ("Ctrl+P",),
    "quit": ("Ctrl+Q",),
    "undo": ("Ctrl+Z",),
    "redo": ("Ctrl+Shift+Z", "Ctrl+Y"),
    "history": ("Ctrl+H",),
    "find": ("Ctrl+F",),
    "move_to": ("M",),
    "send_to_bench": ("Del", "Backspace"),
    "delete": ("Shift+Del",),
    "select_all": ("Ctrl+A",),
    "add_person": ("Ctrl+Shift+P",),
    "add_opening": ("Ctrl+Shift+O",),
    "add_team": ("Ctrl+T",),
    "duplicate_scenario": ("Ctrl+D",),
    "suggest": ("Ctrl+Shift+A",),
    "present": ("F5",),
    "zoom_in": ("Ctrl++", "Ctrl+="),
    "zoom_out": ("Ctrl+-",),
    "actual_size": ("Ctrl+0",),
    "fit": ("Ctrl+9",),
    "show_ghosts": ("Ctrl+G",),
    "show_changes": ("Ctrl+K",),
    "show_timeline": ("Ctrl+L",),
}

PRESENTATION: dict[str, tuple[str, ...]] = {
    "next": ("Right", "Down", "PgDown", "Space"),
    "previous": ("Left", "Up", "PgUp", "Backspace"),
    "first": ("Home",),
    "last": ("End",),
    "leave": ("Esc",),
    "undo": MAIN_WINDOW["undo"],
    "redo": MAIN_WINDOW["redo"],
}


def sequences(keys: Iterable[str]) -> list[QKeySequence]:
    return [QKeySequence(key) for key in keys]


def key_sequences_of(window: QWidget) -> list[str]:
    """Every key sequence bound in ``window`` (its actions and shortcuts), one entry per binding, in
    portable text: the same sequence twice in this list is a clash."""
    bound: list[str] = []
    for action in window.findChildren(QAction):
        bound += [sequence.toString() for sequence in action.shortcuts()]
    for shortcut in window.findChildren(QShortcut):
        bound += [sequence.toString() for sequence in shortcut.keys()]  # noqa: SIM118 — a Qt method
    return [key for key in bound if key]
