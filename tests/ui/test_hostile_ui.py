"""Hostile input against the app (issue 11): two windows on one file, a failing autosave, pipes opened
as plans, stale temporaries, bad text and dates typed into the inspector, board renders that cannot be
written, and a fuzz of SVG and PDF renders with random Unicode."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

import ui.window.autosave
from salesplanner.commands import EditPerson, EditPlan, EditTeam
from salesplanner.files import STALE_AFTER_SECONDS
from salesplanner.model import MAX_DATE, MemberId, Placement, PlanError
from salesplanner.planfile.read import load_plan
from salesplanner.planfile.write import plan_to_dict, save_plan
from salesplanner.roles import Role
from tests.plans import sample_plan
from tests.test_fuzz_outputs import texts
from tests.ui.conftest import ENTERPRISE, SMB, DialogAnswers, click, two_team_plan, without_unsaved_changes
from ui.board.render import render_file
from ui.document import PlanDocument
from ui.inspector import InspectorPanel
from ui.inspector.fields import FieldEdit
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
DITA, FINN = MemberId("p-dita"), MemberId("p-finn")
CHANGED = "“plan.salesplan” was changed on disk by another program or another Sales Planner window since you " \
          "opened or saved it."


def saved_plan(folder: Path) -> Path:
    path = folder / "plan.salesplan"
    save_plan(two_team_plan(), path)
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of the test's own files (tmp_path also holds the hermetic home and settings)."""
    path = tmp_path / "files"
    path.mkdir()
    return path


@pytest.fixture
def second(qtbot) -> MainWindow:
    """A second window (its own FileController), as a second Sales Planner would have."""
    other = MainWindow(PlanDocument(two_team_plan()))
    qtbot.addWidget(other, before_close_func=without_unsaved_changes)
    return other


def placement(path: Path, member: MemberId) -> Placement | None:
    plan = load_plan(path)
    return plan.scenarios[plan.baseline].assignments.get(member)


# --- two windows, one file -----------------------------------------------------------------------

def both_open(window: MainWindow, second: MainWindow, path: Path) -> None:
    assert window.files.open_path(path, ask=False) and second.files.open_path(path, ask=False)
    window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))  # A's change
    second.board.handle_drop([FINN], Placement(SMB, Role.AE))  # B's change
    assert window.files.save()


def test_saving_over_a_file_another_window_saved_asks_and_save_as_keeps_both(
        window: MainWindow, second: MainWindow, folder: Path, dialogs: DialogAnswers,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_plan(folder)
    both_open(window, second, path)
    monkeypatch.setattr(second.files, "ask_save_path", lambda suggested: folder / "mine.salesplan")
    dialogs.queue(click("Save As…"))
    assert second.files.save()
    assert dialogs.seen == [f"{CHANGED} Reload it and lose your changes, save yours as another file, or overwrite "
                            "it with yours and lose the other changes?"]
    assert placement(path, DITA) == Placement(ENTERPRISE, Role.AE) and placement(path, FINN) is None  # A's, kept
    assert placement(folder / "mine.salesplan", FINN) == Placement(SMB, Role.AE)  # B's, beside it
    assert second.document.path == (folder / "mine.salesplan").resolve() and not second.document.modified


def test_overwrite_replaces_the_file_and_the_other_window_is_offered_a_reload(
        qtbot, window: MainWindow, second: MainWindow, folder: Path, dialogs: DialogAnswers) -> None:
    path = saved_plan(folder)
    both_open(window, second, path)
    dialogs.queue(click("Overwrite"), click("Reload"))
    assert second.files.save()
    assert placement(path, FINN) == Placement(SMB, Role.AE) and placement(path, DITA) != Placement(ENTERPRISE, Role.AE)
    # The first window watches its file: B's save reaches it, and it offers to reload.
    qtbot.waitUntil(lambda: len(dialogs.seen) == 2, timeout=10_000)
    assert dialogs.seen[1] == f"{CHANGED} Reload it to see the other changes?"
    assert window.document.scenario.assignments[FINN] == Placement(SMB, Role.AE)
    assert not window.document.modified


def test_reload_takes_the_other_windows_plan_and_cancel_saves_nothing(
        window: MainWindow, second: MainWindow, folder: Path, dialogs: DialogAnswers) -> None:
    path = saved_plan(folder)
    both_open(window, second, path)
    saved = path.read_bytes()
    dialogs.queue(click(QMessageBox.StandardButton.Cancel))
    assert not second.files.save()
    assert path.read_bytes() == saved and second.document.modified
    dialogs.queue(click("Reload"))
    assert not second.files.save()
    assert second.document.scenario.assignments[DITA] == Placement(ENTERPRISE, Role.AE)
    assert FINN not in second.document.scenario.assignments and not second.document.modified
    assert path.read_bytes() == saved


def test_a_window_saving_its_own_file_is_not_asked(qtbot, window: MainWindow, folder: Path,
                                                   dialogs: DialogAnswers) -> None:
    path = saved_plan(folder)
    assert window.files.open_path(path, ask=False)
    for member in (DITA, FINN):
        window.board.handle_drop([member], Placement(ENTERPRISE, Role.AE))
        assert window.files.save()
        qtbot.wait(400)  # the watcher's events for this window's own save settle and are ignored
    assert dialogs.seen == [] and placement(path, FINN) == Placement(ENTERPRISE, Role.AE)


# --- autosave failures ---------------------------------------------------------------------------

def _no_space(path: object, content: bytes) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def notices() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == "Autosave failed"]


def test_a_failing_autosave_is_said_once_keeps_the_last_good_copy_and_retries(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    autosaver = window.autosaver
    autosaver._timer.setInterval(50)  # not the user's 1.5 s: the test waits for three autosaves
    with qtbot.waitSignal(autosaver.written, timeout=5000):
        window.board.handle_drop([DITA], Placement(ENTERPRISE, Role.AE))
    good = autosaver.plan_path.read_bytes()
    monkeypatch.setattr(ui.window.autosave, "write_atomically", _no_space)
    autosaver._retry.setInterval(100)
    with qtbot.waitSignal(autosaver.failed, timeout=5000):
        window.board.handle_drop([FINN], Placement(SMB, Role.AE))
    label = window.autosave_notice.label
    assert label.isVisible() and label.text() == "⚠ Autosave failed (No space left on device) — retrying"
    (notice,) = notices()
    assert notice.text() == "Your changes could not be saved automatically: No space left on device."
    assert not notice.isModal()
    with qtbot.waitSignal(autosaver.failed, timeout=5000):
        pass  # the retry fails too: still one notice
    assert len(notices()) == 1
    assert autosaver.plan_path.read_bytes() == good  # the last good autosave, not replaced
    monkeypatch.undo()
    with qtbot.waitSignal(autosaver.recovered, timeout=5000):
        pass
    assert not label.isVisible()
    assert plan_to_dict(load_plan(autosaver.plan_path)) == plan_to_dict(window.document.plan)
    notice.close()


# --- files that are not plans, and stale temporaries ---------------------------------------------

def test_opening_a_named_pipe_explains_and_does_not_hang(window: MainWindow, folder: Path,
                                                         dialogs: DialogAnswers) -> None:
    fifo = folder / "plan.salesplan"
    os.mkfifo(fifo)
    before = window.document
    dialogs.queue(click(QMessageBox.StandardButton.Ok))
    started = time.monotonic()
    assert not window.files.open_path(fifo, ask=False)
    assert time.monotonic() - started < 10
    assert dialogs.seen == ["plan.salesplan: is a named pipe, not a plan file"]
    assert window.document is before


def test_opening_a_plan_removes_temporaries_killed_saves_left(window: MainWindow, folder: Path) -> None:
    path = saved_plan(folder)
    stale = folder / ".plan.salesplan.k1ll3d00.tmp"
    stale.write_bytes(b'{"format": "salesplanner-plan", "ver')
    then = time.time() - STALE_AFTER_SECONDS - 1
    os.utime(stale, (then, then))
    assert window.files.open_path(path, ask=False)
    assert sorted(p.name for p in folder.iterdir()) == ["plan.salesplan"]


# --- the inspector -------------------------------------------------------------------------------

@pytest.fixture
def inspector(window: MainWindow) -> InspectorPanel:
    return window.details


def commit(panel: InspectorPanel, key: str, text: str) -> FieldEdit:
    field = panel.field(key)
    assert isinstance(field, FieldEdit)
    field.setFocus(Qt.FocusReason.MouseFocusReason)
    field.setText(text)  # pasted: a control character cannot be typed
    QTest.keyClick(field, Qt.Key.Key_Return)
    return field


@pytest.mark.parametrize(("subject", "key", "text", "reason"), [
    ("dita", "name", "Dita\x1b[2J", "must not contain control characters (it holds U+001B)"),
    ("dita", "email", "dita\x00@example.com", "must not contain control characters (it holds U+0000)"),
    ("dita", "start_date", "1850-01-01", "must be between 01/01/1900 and 31/12/2199"),
    ("plan", "as_of", "9999-12-31", "must be between 01/01/1900 and 31/12/2199"),
    ("plan", "name", "Plan\x07", "must not contain control characters (it holds U+0007)"),
    ("smb", "name", "x" * 1001, "must be at most 1,000 characters"),
])
def test_the_inspector_refuses_control_characters_long_texts_and_far_dates(
        window: MainWindow, inspector: InspectorPanel, subject: str, key: str, text: str, reason: str) -> None:
    {"dita": lambda: inspector.show_member(DITA), "smb": lambda: inspector.show_team(SMB),
     "plan": inspector.show_plan}[subject]()
    before = plan_to_dict(window.document.plan)
    field = commit(inspector, key, text)
    assert field.problem.text() == reason and field.problem.isVisibleTo(inspector)
    assert window.document.undo_stack.count() == 0
    assert plan_to_dict(window.document.plan) == before


# --- renders that cannot be written --------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_a_render_into_a_missing_folder_is_one_sentence(qapp, folder: Path, suffix: str) -> None:
    plan = two_team_plan()
    target = folder / "missing" / f"board{suffix}"
    with pytest.raises(PlanError) as caught:
        render_file(plan, plan.baseline, target)
    assert str(caught.value) == f"board{suffix} could not be written (the folder {target.parent} does not exist)."


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_a_render_that_fails_keeps_the_previous_file_and_leaves_no_temporary(
        qapp, folder: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    plan = two_team_plan()
    target = folder / f"board{suffix}"
    render_file(plan, plan.baseline, target)
    previous = target.read_bytes()
    monkeypatch.setattr(os, "replace", lambda *_: _no_space(None, b""))
    with pytest.raises(PlanError) as caught:
        render_file(plan, plan.baseline, target)
    assert str(caught.value) == f"board{suffix} could not be written (No space left on device)."
    assert target.read_bytes() == previous
    assert [p.name for p in folder.iterdir()] == [target.name]


def _small_files() -> None:
    """A full disk, as a child process sees it: no file may grow past 20 KB (Python ignores SIGXFSZ)."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png", ".pptx", ".xlsx"])
def test_on_a_full_disk_every_export_says_so_and_the_previous_file_stays(folder: Path, suffix: str) -> None:
    plan = folder / "plan.salesplan"
    save_plan(sample_plan(), plan)
    target = folder / f"out{suffix}"
    target.write_bytes(b"the previous export")
    command = ["export", str(plan), "-o", str(target)] if suffix == ".xlsx" else \
        ["render", str(plan), "-o", str(target)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "ui.launch", *command], capture_output=True, text=True,
                            preexec_fn=_small_files, env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"salesplanner: out{suffix}") and result.stderr.count("\n") == 1
    assert "could not be written" in result.stderr
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in folder.iterdir()) == sorted(["plan.salesplan", target.name])


# --- fuzz: SVG and PDF of random Unicode ---------------------------------------------------------

@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(name=texts(), team=texts())
def test_svg_and_pdf_of_random_names_parse_back(qapp, folder: Path, name: str, team: str) -> None:
    plan = sample_plan()
    today = plan.scenarios[plan.baseline]
    first = next(iter(today.teams.values()))
    for command in (EditPerson(replace(plan.people[MemberId("p-ana")], name=name)),
                    EditTeam(today.id, replace(first, name=team))):
        try:
            command.do(plan)
        except PlanError as error:
            assert "\n" not in str(error)
    render_file(plan, today.id, folder / "board.svg")
    ElementTree.parse(folder / "board.svg")  # well-formed XML
    render_file(plan, today.id, folder / "board.pdf")
    assert len(pypdf.PdfReader(folder / "board.pdf").pages) >= 1


# --- scenario names ------------------------------------------------------------------------------

def test_renaming_a_scenario_to_a_name_in_use_is_refused_with_a_sentence(window: MainWindow,
                                                                          dialogs: DialogAnswers) -> None:
    window.actions_.duplicate_scenario.trigger()
    assert window.scenario_box.currentText() == "Today (copy)"

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Today")
        dialog.accept()

    dialogs.queue(rename)
    window.actions_.rename_scenario.trigger()
    assert window.statusBar().currentMessage() == 'scenario name: another scenario is already named "Today"'
    assert [s.name for s in window.document.plan.scenarios.values()] == ["Today", "Today (copy)"]
    assert window.document.undo_stack.undoText() == "Add scenario Today (copy)"


# --- the last date a plan holds, on screen -------------------------------------------------------

def test_timeline_changes_and_hiring_plan_show_a_plan_as_of_the_last_date(qtbot, window: MainWindow) -> None:
    """As of 2199-12-31 over 120 months (as of 9999-12-31, the app crashed here; now the model refuses it):
    the timeline's last month is 3,650 days on, 2209-12-29, and every panel paints."""
    window.actions_.duplicate_scenario.trigger()
    window.board.handle_drop([FINN], Placement(SMB, Role.AE))
    window.document.push(EditPlan(as_of=MAX_DATE, horizon_months=120))
    window.show_timeline()
    qtbot.waitUntil(lambda: not window.timeline.dirty, timeout=5000)
    assert window.timeline.timeline_of(window.document.scenario.id).dates[-1] == date(2209, 12, 29)
    window.show_changes()
    window.hiring_dock.show()
    for dock in (window.timeline_dock, window.compare_dock, window.hiring_dock):
        dock.raise_()
        assert not dock.grab().isNull()  # paints
    assert window.document.plan.as_of == MAX_DATE
