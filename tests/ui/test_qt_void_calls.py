"""Guard for the PySide6 6.12.0 bug on Python 3.11: each void-returning call dropped a reference to
None, and after ~5,000 calls the process aborted (none_dealloc). A version bump that brings it back
must fail here, in a child process, rather than crash the whole test run."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
holder = QObject()
for index in range(20_000):
    holder.setObjectName("x")        # void
    widget.setVisible(index % 2 == 0)  # void
    widget.resize(10, 10)           # void
print("done")
"""


def test_twenty_thousand_void_qt_calls_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
