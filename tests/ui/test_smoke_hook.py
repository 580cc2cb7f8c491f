"""SALESPLANNER_SMOKE_TEST, the start-up check the bundle tests rely on, run from the source tree: it must
pass only when the window really shows the plan asked for, and fail loudly otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from salesplanner.planfile.write import save_plan
from tests.ui.conftest import two_team_plan

ROOT = Path(__file__).resolve().parent.parent.parent


def start(tmp_path: Path, *args: str, report_to: str = "1") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "SALESPLANNER_SMOKE_TEST": report_to}
    return subprocess.run([sys.executable, "-m", "ui.launch", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_window_shows_the_plan_given_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "Plans for Åsa" / "Q3 – Malmö.salesplan"
    path.parent.mkdir()
    plan = two_team_plan()
    plan.name = "Nordic reorganisation"
    save_plan(plan, path)
    result = start(tmp_path, str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ('window "Q3 – Malmö.salesplan — Sales Planner" shown\n'
                             f'plan "Nordic reorganisation" (8 people) from {path}\n'
                             "speaks en (en_GB): File · Edit · Cancel\n")


def test_without_a_plan_it_shows_the_demo_plan_and_can_report_to_a_file(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    result = start(tmp_path, report_to=str(report))
    assert result.returncode == 0, result.stdout + result.stderr
    assert report.read_text(encoding="utf-8") == ('window "Nordlys Software 2027 — Sales Planner" shown\n'
                                                  'plan "Nordlys Software 2027" (43 people) from the demo plan\n'
                                                  "speaks en (en_GB): File · Edit · Cancel\n")


def test_a_plan_that_does_not_open_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / "broken.salesplan"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    result = start(tmp_path, str(path))
    assert result.returncode == 1
    assert "problem: a dialog came up: Could not open the plan: broken.salesplan: " in result.stdout
    assert f"problem: the plan on screen is None, not {path}" in result.stdout
