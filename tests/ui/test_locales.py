"""Locales: what a user in Germany or Denmark sees is written their way, and the UI tests pass on a computer
set to either (tests/ui/conftest.py pins the English formats the tests read; without the pin a German
locale failed 34 of them — "2,40" where a test read "2.40")."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, two_team_plan, without_unsaved_changes
from tests.ui.test_board import pill_labels
from ui.app import create_application
from ui.document import PlanDocument
from ui.translator import install_language
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SHARE = ["tests/ui/test_board.py", "tests/ui/test_targets.py"]
"""UI tests that read numbers, money, ratios and verdicts off the board, the strip and the inspector."""


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """A computer set to German: the app has no German catalogue, so it speaks English, with German
    conventions (CLDR's English in Germany: decimal commas)."""
    create_application()  # its first call speaks the system's language: before ours
    install_language(qapp, None, locale="de_DE")
    yield
    install_language(qapp, "en", locale="en_GB")


def test_a_german_user_reads_decimal_commas_on_the_board_and_the_strip(german: None, qtbot) -> None:
    create_application()
    window = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    window.resize(1700, 950)
    window.show()
    qtbot.waitExposed(window)
    # SMB: supply 2 × 12 = 24 against closing capacity 10: 2.40, written 2,40 in German.
    assert "2,40" in pill_labels(window, SMB)["sdr_to_closer"][0]
    lane = window.board.lane(ENTERPRISE, Role.SDR_OUTBOUND)
    assert lane is not None and lane.capacity == "1,0 FTE · 12,0 opps/mo"
    # Bookings 2,400,000 a year: € 2,40 M.
    assert window.summary.bookings.value.text() == "€ 2,40 M"


@pytest.mark.parametrize("locale", ["de_DE", "da_DK"])
def test_the_ui_tests_pass_on_a_computer_set_to_german_or_danish(locale: str) -> None:
    # Qt takes the locale from these variables even where the C library has no such locale installed.
    env = {**os.environ, "LANG": f"{locale}.UTF-8", "LC_ALL": f"{locale}.UTF-8", "LANGUAGE": locale,
           "QT_QPA_PLATFORM": "offscreen", "SALESPLANNER_TEST_LOCALE": f"{locale}.UTF-8"}
    seen = subprocess.run([sys.executable, "-c", "from PySide6.QtCore import QLocale; print(QLocale().name())"],
                          env=env, capture_output=True, text=True, timeout=60, check=True)
    assert seen.stdout.split()[-1] == locale  # the run below really is under that locale
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SHARE], env=env,
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-4000:]
