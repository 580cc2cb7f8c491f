"""Several chips selected: the inspector says how many, shows what they share and edits all of them in one
undo step. And dates typed the way people write them, or picked from a calendar. On conftest's plan (see
test_inspector's docstring for its numbers)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCalendarWidget, QTableView

from salesplanner.commands import AddOpening
from salesplanner.model import MemberId, Opening, Placement, Status
from salesplanner.roles import Role
from tests.ui.conftest import SMB
from tests.ui.test_inspector import edit, type_into
from ui.inspector import SubjectKind
from ui.inspector.fields import ChoiceField
from ui.inspector.kinds import DateKind, ParseError
from ui.window.main_window import MainWindow

DITA, EVA, CAI = MemberId("p-dita"), MemberId("p-eva"), MemberId("p-cai")


def test_three_selected_chips_are_edited_together_in_one_undo_step(window: MainWindow) -> None:
    """Dita, Eva (SMB's outbound SDRs) and Cai (its AE) to half time: SDRs 2 × 0.5 × 12 = 12 opps a month,
    closing 0.5 × 10 = 5, so SDR → closer 12 / 5 = 2.40 as before; cost 870 k − 45 − 45 − 90 = 690 k."""
    inspector = window.details
    window.board.select_members([DITA, EVA, CAI])
    assert inspector.subject.kind is SubjectKind.SEVERAL
    assert inspector.title.text() == "3 selected"
    assert inspector.subtitle.text() == "3 people: Cai Lund, Dita Moe, Eva Toft"  # in the plan's order
    assert edit(inspector, "fte").text() == "1"  # all full time: the shared value is shown
    assert inspector.field("location").isVisible() and inspector.field("leave_date").isVisible()
    type_into(edit(inspector, "fte"), "0.5")
    plan = window.document.plan
    assert [plan.people[m].fte for m in (DITA, EVA, CAI)] == [0.5, 0.5, 0.5]
    assert window.summary.cost.value.text() == "€ 690 k"
    stack = window.document.undo_stack
    assert stack.count() == 1 and stack.text(0) == "Edit 3 selected: FTE"
    stack.undo()
    assert [plan.people[m].fte for m in (DITA, EVA, CAI)] == [1.0, 1.0, 1.0]
    assert edit(inspector, "fte").text() == "1"


def test_values_that_differ_are_shown_as_mixed_and_a_refusal_names_the_person(window: MainWindow) -> None:
    inspector = window.details
    window.board.select_members([DITA])
    type_into(edit(inspector, "fte"), "0.5")
    window.board.select_members([DITA, EVA])
    fte = edit(inspector, "fte")
    assert fte.text() == "" and fte.placeholderText() == "mixed"
    type_into(edit(inspector, "productivity"), "12")
    assert fte.reason is None
    assert edit(inspector, "productivity").reason == "Dita Moe: Productivity must be at most 10"
    assert window.document.plan.people[DITA].productivity == 1.0  # nothing changed for anyone


def test_people_and_openings_share_only_the_fields_both_have(window: MainWindow) -> None:
    opening = Opening(MemberId("o-ae"), "AE (new hire)", start_date=date(2027, 3, 1))
    window.document.push(AddOpening(window.document.scenario.id, opening, Placement(SMB, Role.AE)))
    inspector = window.details
    window.board.select_members([DITA, opening.id])
    assert inspector.title.text() == "2 selected"
    assert inspector.subtitle.text() == "1 person, 1 open position: Dita Moe, AE (new hire)"
    assert not inspector.field("productivity").isVisible() and not inspector.field("status").isVisible()
    assert inspector.field("start_date").isVisible()
    type_into(edit(inspector, "start_date"), "2027-04-01")
    assert window.document.plan.people[DITA].start_date == date(2027, 4, 1)
    assert window.document.scenario.openings[opening.id].start_date == date(2027, 4, 1)
    assert window.document.undo_stack.count() == 2  # the opening, then one step for both start dates


def test_a_leave_date_for_several_people_marks_them_leaving(window: MainWindow) -> None:
    window.board.select_members([DITA, EVA])
    type_into(edit(window.details, "leave_date"), "2027-06-30")
    for member in (DITA, EVA):
        person = window.document.plan.people[member]
        assert (person.status, person.leave_date) == (Status.LEAVING, date(2027, 6, 30))
    status = window.details.field("status")
    assert isinstance(status, ChoiceField) and status.value is Status.LEAVING


@pytest.mark.parametrize("typed", ["2027-12-31", "31.12.2027", "31-12-2027"])
def test_a_date_is_read_as_iso_or_as_the_roster_import_reads_it(typed: str) -> None:
    assert DateKind().parse(typed) == date(2027, 12, 31)


def test_a_date_in_the_locales_own_short_format_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    for locale, typed in ((QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "12/31/27"),
                          (QLocale(QLocale.Language.German, QLocale.Country.Germany), "31.12.27"),
                          (QLocale(QLocale.Language.Danish, QLocale.Country.Denmark), "31.12.2027")):
        QLocale.setDefault(locale)
        try:
            assert DateKind().parse(typed) == date(2027, 12, 31), locale.name()
        finally:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def test_a_date_that_is_not_one_says_what_to_type() -> None:
    with pytest.raises(ParseError, match=r"^not a date \(use 2027-12-31 or 31/12/2027\)$"):
        DateKind().parse("next spring")
    assert DateKind(optional=True).placeholder == "e.g. 2027-12-31 or 31/12/2027"


def test_a_date_picked_in_the_calendar_is_committed(window: MainWindow) -> None:
    inspector = window.details
    inspector.show_member(DITA)
    field = edit(inspector, "start_date")
    calendar_button = next(action for action in field.actions() if action.toolTip() == "Pick a date")
    calendar_button.trigger()
    calendar = field.calendar_menu.findChild(QCalendarWidget)  # type: ignore[attr-defined]
    assert calendar is not None and calendar.isVisible()
    calendar.setSelectedDate(QDate(2027, 2, 15))
    QTest.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)  # the day grid, as a keyboard user picks
    assert window.document.plan.people[DITA].start_date == date(2027, 2, 15)
    assert field.text() == "15/02/2027" and not field.calendar_menu.isVisible()  # type: ignore[attr-defined]
