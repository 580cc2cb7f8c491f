"""The project's own rules, checked on every run: lint, strict types in the core and the UI, a Qt-free core."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("command", [
    pytest.param([sys.executable, "-m", "ruff", "check", "."], id="ruff"),
    pytest.param([sys.executable, "-m", "mypy"], id="mypy-strict"),
    pytest.param(["lint-imports", "--no-cache"], id="core-never-imports-qt"),
])
def test_tool_passes(command: list[str]) -> None:
    bin_dir = Path(sys.executable).parent
    if command[0] == "lint-imports":
        command = [str(bin_dir / "lint-imports"), *command[1:]]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
