"""The real main window in Danish: menus, the summary strip, a team card's badge, pills and lanes, the
stage's reasons and the inspector speak Danish, numbers and dates are written the Danish way, and no
English text the catalogue translates shows beside the Danish."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from salesplanner import i18n
from salesplanner.capacity import Verdict
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, two_team_plan, without_unsaved_changes
from tests.ui.test_board import pill_labels
from ui.document import PlanDocument
from ui.translator import install_language
from ui.window.main_window import MainWindow


@pytest.fixture
def danish(qapp: QApplication, qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    install_language(qapp, "da", locale="da_DK")
    plan = two_team_plan()
    plan.currency = "DKK"
    window = MainWindow(PlanDocument(plan))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    window.resize(1700, 950)
    window.show()
    qtbot.waitExposed(window)
    yield window


def test_the_menus_are_danish(danish: MainWindow) -> None:
    assert [action.text() for action in danish.menuBar().actions()] == [
        "&Filer", "&Rediger", "&Scenarie", "&Vis", "&Indstillinger", "&Hjælp"]
    file_menu = danish.menuBar().actions()[0].menu()
    assert [action.text() for action in file_menu.actions() if action.text()][:4] == [  # type: ignore[union-attr]
        "&Ny", "&Åbn…", "Åbn &seneste", "&Gem"]
    # Qt's own words stay Qt's: a shortcut keeps its Ctrl (our catalogue does not answer for them).
    assert danish.actions_.save.shortcut().toString(QKeySequence.SequenceFormat.NativeText) == "Ctrl+S"


def test_the_summary_strip_is_danish_with_danish_money(danish: MainWindow) -> None:
    strip = danish.summary
    # Both teams: an AE closing 20 / 2 = 10 opportunities a month at a 25 % win rate, 40,000 kr. a deal:
    # 2 × 10 × 0.25 × 40,000 × 12 = 2,400,000 kr. a year. Cost: 2 AEs 360 k, 3 SDRs 270 k, 2 AMs 240 k.
    assert [strip.stage.caption.text(), strip.bookings.caption.text(), strip.cost.caption.text(),
            strip.balanced.caption.text(), strip.warnings.caption.text()] == [
        "Fase", "Ordreindgang / år", "Årlig omkostning", "Teams i balance", "Advarsler"]
    assert strip.stage.value.text() == "Market Teams"
    assert strip.bookings.value.text() == "2,40 mio. kr."
    assert strip.cost.value.text() == "870 t.kr."
    assert strip.balanced.value.text() == "0 / 2"


def test_the_stage_reasons_are_danish(danish: MainWindow) -> None:
    reasons = danish.summary.stage.toolTip()
    # Two complete teams in different segments; 3 SDRs + 2 AEs + 2 AMs = 7 specialists.
    assert "2 markeder dækkes hver af et komplet team (closer, SDR og AM i teamet)." in reasons
    assert "7 specialister mod 0 full-cycle-sælgere." in reasons
    assert "Næste:" in reasons


def test_a_team_cards_badge_pills_and_lanes_are_danish(danish: MainWindow) -> None:
    # SMB: two SDRs source 24 opportunities a month against one AE's 10 → 2.40, 14 not worked.
    label, verdict = pill_labels(danish, SMB)["sdr_to_closer"]
    assert verdict is Verdict.OVERLOADED
    assert label == "SDR → closer  2,40 ▲  14 muligh./md. ubearbejdet"
    # Enterprise: 30 accounts after 12 months (2.5 wins a month) for one AM's 40 → 0.75, a quarter idle.
    label, verdict = pill_labels(danish, ENTERPRISE)["closer_to_am"]
    assert (label, verdict) == ("Closer → AM  0,75 ▼  AM 25 % ledig", Verdict.UNDERUSED)
    assert danish.board.card(ENTERPRISE).badge == "Flaskehals: closere"
    lane = danish.board.lane(ENTERPRISE, Role.SDR_OUTBOUND)
    assert lane is not None and lane.capacity == "1,0 FTE · 12,0 muligh./md."


def test_dates_are_shown_and_typed_the_danish_way(danish: MainWindow) -> None:
    danish.details.show_plan()
    as_of = next(field for field in danish.details.findChildren(QLineEdit) if field.text() == "01.01.2027")
    as_of.setText("31.12.2027")
    as_of.editingFinished.emit()
    assert danish.document.plan.as_of.isoformat() == "2027-12-31"
    assert as_of.text() == "31.12.2027"


def _english_the_catalogue_translates() -> tuple[set[str], list[str]]:
    """English texts whose Danish differs: whole texts, and the phrases of several words among them."""
    with (i18n.TRANSLATIONS / "da.po").open("rb") as file:
        catalogue = read_po(file)
    whole, phrases = set(), []
    for message in catalogue:
        english = message.id if isinstance(message.id, str) else message.id[0]
        danish = message.string if isinstance(message.string, str) else message.string[0]
        if not english or english == danish or not re.search(r"[A-Za-z]{3}", english):
            continue
        bare = english.replace("&", "")
        whole.add(bare)
        if not re.search(r"\{|%\d", bare) and len(bare.split()) >= 3:
            phrases.append(bare)
    return whole, phrases


def test_no_english_shows_beside_the_danish(danish: MainWindow) -> None:
    danish.details.show_plan()
    QApplication.processEvents()
    shown = [widget.text() for widget in danish.findChildren(QLabel) if widget.isVisible()]
    shown += [widget.text() for widget in danish.findChildren(QAbstractButton) if widget.isVisible()]
    shown += [action.text() for menu in danish.menuBar().actions() if menu.menu() is not None
              for action in menu.menu().actions()]  # type: ignore[union-attr]
    shown += [danish.board.card(team).badge for team in (ENTERPRISE, SMB)]
    shown += [label for team in (ENTERPRISE, SMB) for label, _ in pill_labels(danish, team).values()]
    whole, phrases = _english_the_catalogue_translates()
    texts = [re.sub(r"<[^>]+>", " ", text).replace("&", "").strip() for text in shown]
    assert [text for text in texts if text in whole] == []
    assert [(text, phrase) for text in texts for phrase in phrases if phrase in text] == []
