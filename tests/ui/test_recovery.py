"""Autosave and crash recovery: nothing is lost when the app is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from salesplanner.commands import copy_scenario
from salesplanner.model import MemberId, Placement, ScenarioId
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import dumps_plan, plan_to_dict, save_plan
from salesplanner.roles import Role
from tests.ui.conftest import ENTERPRISE, SMB, DialogAnswers, click, two_team_plan, without_unsaved_changes
from ui.app import create_application, offer_recovery
from ui.document import PlanDocument
from ui.window.autosave import autosave_folder, find_recoverable
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DITA = MemberId("p-dita")


def move_dita(window: MainWindow) -> None:
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))


def leave_autosave_behind(source: Path | None, *, with_proposal: bool = False) -> Path:
    """What a killed session leaves: an autosaved plan and its note, and no live lock (with a proposal on
    screen when asked)."""
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    plan = two_team_plan()
    plan.scenarios[plan.baseline].assignments[DITA] = Placement(ENTERPRISE, Role.AE)
    note = {"source": str(source) if source else None, "name": plan.name, "saved_at": "2026-11-28T09:15:00+00:00"}
    if with_proposal:
        proposal = copy_scenario(plan.scenarios[plan.baseline], new_id=ScenarioId("s-proposal"), name="Proposal")
        plan.scenarios[proposal.id] = proposal
        note["scenario"] = proposal.id
    (folder / "crashed.salesplan").write_text(dumps_plan(plan), encoding="utf-8")
    (folder / "crashed.json").write_text(json.dumps(note), encoding="utf-8")
    return folder / "crashed.salesplan"


def test_the_autosave_folder_names_the_app_once() -> None:
    create_application()
    assert autosave_folder().parts[-2:] == ("Sales Planner", "autosave")
    assert "Sales Planner/Sales Planner" not in autosave_folder().as_posix()


def test_the_autosave_note_remembers_the_scenario_on_screen(qtbot, window: MainWindow) -> None:
    window.actions_.duplicate_scenario.trigger()
    with qtbot.waitSignal(window.autosaver.written, timeout=5000):
        move_dita(window)
    note = json.loads(window.autosaver.plan_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert note["scenario"] == window.document.scenario.id != window.document.plan.baseline


def test_recovery_says_when_without_a_time_zone_and_reopens_the_scenario_you_were_on(
        qtbot, dialogs: DialogAnswers) -> None:
    leave_autosave_behind(None, with_proposal=True)
    window = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    dialogs.queue(click("Recover"))
    offer_recovery(window)
    local = datetime.fromisoformat("2026-11-28T09:15:00+00:00").astimezone()
    said = dialogs.seen[0]
    assert f"{local.day} November 2026 at {local:%H:%M}?" in said  # the long date, the time, no zone
    assert "Coordinated Universal Time" not in said and "UTC" not in said
    assert window.document.scenario.id == "s-proposal"
    assert window.scenario_box.currentText() == "Proposal"


def test_a_change_is_autosaved_and_saving_removes_the_autosave(qtbot, window: MainWindow, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with qtbot.waitSignal(window.autosaver.written, timeout=5000):
        move_dita(window)
    autosaved = load_plan(window.autosaver.plan_path)
    assert plan_to_dict(autosaved) == plan_to_dict(window.document.plan)
    note = json.loads(window.autosaver.plan_path.with_suffix(".json").read_text(encoding="utf-8"))
    assert note["name"] == "Test plan" and datetime.fromisoformat(note["saved_at"])
    monkeypatch.setattr(window.files, "ask_save_path", lambda suggested: tmp_path / "saved.salesplan")
    window.actions_.save.trigger()
    assert not window.autosaver.plan_path.exists()


def test_undoing_back_to_the_saved_state_removes_the_autosave(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.autosaver.written, timeout=5000):
        move_dita(window)
    window.document.undo_stack.undo()
    assert not window.document.modified
    assert not window.autosaver.plan_path.exists()


def test_a_running_sessions_autosave_is_not_offered_for_recovery(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.autosaver.written, timeout=5000):
        move_dita(window)
    assert find_recoverable() == []


def test_after_a_crash_the_next_start_offers_the_autosave_and_restores_the_exact_plan(
        qtbot, tmp_path: Path, dialogs: DialogAnswers) -> None:
    source = tmp_path / "nordic.salesplan"
    save_plan(two_team_plan(), source)
    leftover = leave_autosave_behind(source)
    expected = plan_to_dict(load_plan(leftover))
    window = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    dialogs.queue(click("Recover"))
    offer_recovery(window)
    assert dialogs.seen[0].startswith("Sales Planner closed without saving your changes to “nordic.salesplan”. "
                                      "Recover the copy saved automatically on")
    assert plan_to_dict(window.document.plan) == expected
    assert window.document.path == source and window.document.modified
    assert window.isWindowModified()
    assert not leftover.exists() and find_recoverable() == []


def test_discarding_the_recovery_removes_the_autosave_and_keeps_the_plan_on_screen(
        qtbot, dialogs: DialogAnswers) -> None:
    leftover = leave_autosave_behind(None)
    window = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(window, before_close_func=without_unsaved_changes)
    dialogs.queue(click("Discard"))
    offer_recovery(window)
    assert window.document.scenario.assignments[DITA] == Placement(SMB, Role.SDR_OUTBOUND)
    assert not leftover.exists()


EDIT_THEN_WAIT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QStandardPaths, QTimer
    QStandardPaths.setTestModeEnabled(True)
    from salesplanner.model import MemberId, Placement, TeamId
    from salesplanner.planfile.read import load_plan
    from salesplanner.roles import Role
    from ui.app import create_application
    from ui.document import PlanDocument
    from ui.window.main_window import MainWindow

    app = create_application()
    path = Path(sys.argv[1])
    window = MainWindow(PlanDocument(load_plan(path), path))
    window.show()
    window.autosaver.written.connect(lambda: print("autosaved", flush=True))
    QTimer.singleShot(50, lambda: window.board.handle_drop([MemberId("p-dita")],
                                                           Placement(TeamId("t-ent"), Role.AE)))
    app.exec()
""")

RESTART_AND_RECOVER = textwrap.dedent("""
    from PySide6.QtCore import QStandardPaths, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    QStandardPaths.setTestModeEnabled(True)
    from salesplanner.resources import load_demo_plan
    from ui.app import create_application, offer_recovery
    from ui.document import PlanDocument
    from ui.window.main_window import MainWindow

    app = create_application()
    window = MainWindow(PlanDocument(load_demo_plan()))
    window.show()

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            print("asked:", box.text(), flush=True)
            next(b for b in box.buttons() if b.text() == "Recover").click()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    offer_recovery(window)
    placement = window.document.scenario.assignments.get("p-dita")
    print("dita:", placement.team, placement.role.value, flush=True)
    print("path:", window.document.path, "modified:", window.document.modified, flush=True)
    window.document.undo_stack.setClean()
    window.close()
""")


def test_killing_the_running_app_after_an_edit_loses_nothing(tmp_path: Path) -> None:
    """End to end: a real app process is edited, autosaves, and is killed with SIGKILL; the next start
    offers the autosave and recovers the edit."""
    plan_path = tmp_path / "plan.salesplan"
    save_plan(two_team_plan(), plan_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home"),
           "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, "-c", EDIT_THEN_WAIT, str(plan_path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert app.stdout is not None
        assert app.stdout.readline().strip() == "autosaved"
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=30)
    assert app.returncode == -signal.SIGKILL
    restarted = subprocess.run([sys.executable, "-c", RESTART_AND_RECOVER], capture_output=True, text=True,
                               env=env, cwd=ROOT, timeout=120)
    assert restarted.returncode == 0, restarted.stderr[-2000:]
    lines = restarted.stdout.splitlines()
    assert lines[0] == "asked: Sales Planner closed without saving your changes to “plan.salesplan”."
    assert lines[1] == "dita: t-ent ae"
    assert lines[2] == f"path: {plan_path} modified: True"
    assert load_plan(plan_path).scenarios[next(iter(load_plan(plan_path).scenarios))].assignments[
        MemberId("p-dita")] == Placement(SMB, Role.SDR_OUTBOUND)  # the file itself was never touched
