"""Field editors: one line of text per value, committed on Enter or when focus leaves, reverted by Escape.

A field knows how to show a value and read typed text (its ``FieldKind``); it does not know the plan.
Its owner sets ``commit``, a callable that tries the value on the plan and returns the reason it was
refused (or None). A refused or unreadable entry stays in the field with the reason underneath, so the
user can correct it; the plan keeps its old value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from salesplanner.capacity import Verdict
from ui.inspector.calendar_popup import attach_calendar
from ui.inspector.kinds import DateKind, FieldKind, ParseError
from ui.theme import current_theme, font

Commit = Callable[[object], str | None]
"""Try a value on the plan; the reason it was refused, or None when it was pushed."""


class ProblemLabel(QLabel):
    """The reason under a field, in the 'overloaded' colour; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setFont(font(8.5))
        self.setStyleSheet(f"color: {current_theme().verdict(Verdict.OVERLOADED)[0].name()};")
        self.setVisible(False)

    def set_reason(self, reason: str | None) -> None:
        self.setText(reason or "")
        self.setVisible(bool(reason))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # A form row sizes a wrapped label for some width before it knows the real one, and cuts the
        # text; asking for the height the real width needs makes the form give it that.
        super().resizeEvent(event)
        needed = self.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class FieldEdit(QLineEdit):
    """A QLineEdit for one value of one kind."""

    def __init__(self, kind: FieldKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.problem = ProblemLabel()
        """Placed by the owner's layout, under the field."""
        self.commit: Commit | None = None
        self._value: object = None
        self._reason: str | None = None
        self.setPlaceholderText(kind.placeholder)
        self.editingFinished.connect(self._push_text)
        if isinstance(kind, DateKind):
            attach_calendar(self, lambda: self._value, self.choose)

    def choose(self, value: object) -> None:
        """Commit ``value`` as if it had been typed (a day picked in the calendar)."""
        self.setText(self.kind.format(value))
        self.setModified(True)
        self._push_text()

    @property
    def value(self) -> object:
        """The value the plan holds (what Escape goes back to), not what is typed."""
        return self._value

    @property
    def reason(self) -> str | None:
        """Why the typed entry was refused, or None."""
        return self._reason

    def show_value(self, value: object, *, force: bool = False) -> None:
        """Show the plan's value. Without ``force`` it leaves alone what the user is typing (focused and
        edited) and a refused entry that still faces the same value, so a refresh caused by another
        change never eats keystrokes."""
        previous, self._value = self._value, value
        if not force:
            if self.hasFocus() and self.isModified():
                return
            if self._reason is not None and value == previous:
                return
        self._show_text()
        self.show_problem(None)

    def show_problem(self, reason: str | None) -> None:
        self._reason = reason
        self.problem.set_reason(reason)

    def _show_text(self) -> None:
        self.blockSignals(True)  # setText must never look like typing to anything listening
        self.setText(self.kind.format(self._value))
        if not self.hasFocus():
            self.setCursorPosition(0)  # a long value shows its start, not its end
        self.blockSignals(False)

    def _push_text(self) -> None:
        typed = self.text()
        if typed == self.kind.format(self._value):
            self.show_problem(None)
            return
        try:
            value = self.kind.parse(typed)
        except ParseError as error:
            self.show_problem(str(error))
            return
        if value != self._value:
            reason = self.commit(value) if self.commit is not None else None
            if reason is not None:
                self.show_problem(reason)
                return
            self._value = value
        self._show_text()  # "15" becomes "15 %", "1,50" becomes "1,5"
        self.show_problem(None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and (self.isModified() or self._reason is not None):
            self._show_text()
            self.show_problem(None)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)  # emits editingFinished when the text was edited
        if not self.isModified() and self._reason is None:
            self._show_text()  # the plan may have changed while the field had focus

    def event(self, event: QEvent) -> bool:
        # With nothing typed, Ctrl+Z belongs to the document, not to the line edit's own text history:
        # leave the shortcut unaccepted so the window's Undo/Redo actions run.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and not self.isModified() and (event.matches(QKeySequence.StandardKey.Undo)
                                               or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return super().event(event)


class ChoiceField(QComboBox):
    """One of a few values (a person's status); a choice commits at once, a refused one snaps back."""

    def __init__(self, choices: Sequence[tuple[str, object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = ProblemLabel()
        self.commit: Commit | None = None
        self._values = [value for _, value in choices]
        self._value: object = None
        for label, _ in choices:
            self.addItem(label)
        self.activated.connect(self._push_choice)

    @property
    def value(self) -> object:
        return self._value

    @property
    def reason(self) -> str | None:
        return self.problem.text() or None

    def show_value(self, value: object, *, force: bool = False) -> None:
        changed = value != self._value
        self._value = value
        self.blockSignals(True)
        self.setCurrentIndex(self._values.index(value) if value in self._values else -1)
        self.blockSignals(False)
        if changed or force:
            self.show_problem(None)

    def show_problem(self, reason: str | None) -> None:
        self.problem.set_reason(reason)

    def _push_choice(self, index: int) -> None:
        value = self._values[index]
        if value == self._value:
            self.show_problem(None)
            return
        reason = self.commit(value) if self.commit is not None else None
        if reason is not None:
            self.show_value(self._value)
        else:
            self._value = value
        self.show_problem(reason)


Field = FieldEdit | ChoiceField

