"""Where the file dialogs start: the open plan's folder, else the folder last used for that kind of file,
else the home folder. Every Open, Save, Import and Export dialog asks here and tells here what was
chosen, so the next one starts where the user works (kept in QSettings, like the recent files)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QSettings


class Folder(StrEnum):
    """The kinds of file a dialog picks, each remembering its own last folder."""

    PLANS = "plans"
    ROSTERS = "rosters"
    EXPORTS = "exports"


def _key(kind: Folder) -> str:
    return f"folders/{kind.value}"


def start_folder(kind: Folder, plan_path: Path | None = None) -> Path:
    """The folder a dialog for ``kind`` opens in: the plan's own folder when it has been saved, else the
    last folder used for ``kind`` (if it still exists), else home."""
    if plan_path is not None and plan_path.parent.is_dir():
        return plan_path.parent
    last = QSettings().value(_key(kind), "")
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return Path.home()


def remember_folder(kind: Folder, chosen: Path) -> None:
    """Remember the folder of a file the user chose for ``kind``."""
    QSettings().setValue(_key(kind), str(chosen.resolve().parent))
