"""User-visible text goes through Qt's translation mechanism: Qt's own tools find it, and a compiled
translation changes what the board shows without touching a widget."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, two_team_plan
from ui.document import PlanDocument
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent
DANISH = {
    ("Board", "Bottleneck: %1"): "Flaskehals: %1",
    ("Handoffs", "closers"): "lukkere",
    ("Roles", "Outbound SDR"): "Udgående SDR",
    ("SummaryStrip", "Bookings / year"): "Ordrer / år",
}


def _ts_file(path: Path) -> None:
    contexts: dict[str, list[tuple[str, str]]] = {}
    for (context, source), translation in DANISH.items():
        contexts.setdefault(context, []).append((source, translation))
    root = ElementTree.Element("TS", version="2.1", language="da_DK")
    for name, messages in contexts.items():
        context = ElementTree.SubElement(root, "context")
        ElementTree.SubElement(context, "name").text = name
        for source, translation in messages:
            message = ElementTree.SubElement(context, "message")
            ElementTree.SubElement(message, "source").text = source
            ElementTree.SubElement(message, "translation").text = translation
    ElementTree.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def test_lupdate_finds_the_boards_texts(tmp_path: Path) -> None:
    """pyside6-lupdate, which a translator runs, extracts the strings the board shows."""
    output = tmp_path / "salesplanner_da.ts"
    sources = [str(p) for p in sorted((ROOT / "ui").rglob("*.py"))]
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *sources, "-ts", str(output)], check=True,
                   capture_output=True, timeout=120)
    found = {(context.findtext("name"), message.findtext("source"))
             for context in ElementTree.parse(output).getroot().iter("context")
             for message in context.iter("message")}
    assert set(DANISH) <= found
    assert ("Board", "Underused: %1") in found
    assert ("Handoffs", "%1 inbound leads/month are not worked") in found


@pytest.fixture
def danish(tmp_path: Path, qapp) -> QTranslator:
    source, compiled = tmp_path / "salesplanner_da.ts", tmp_path / "salesplanner_da.qm"
    _ts_file(source)
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(source), "-qm", str(compiled)], check=True,
                   capture_output=True, timeout=120)
    translator = QTranslator()
    assert translator.load(str(compiled))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_a_translation_changes_the_board_without_touching_widgets(danish: QTranslator, qtbot) -> None:
    window = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(window)
    assert window.board.card(ENTERPRISE).badge == "Flaskehals: lukkere"
    lane = window.board.lane(SMB, Role.SDR_OUTBOUND)
    assert lane is not None and lane.title == "Udgående SDR"
    assert window.summary.bookings.caption.text() == "Ordrer / år"
