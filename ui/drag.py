"""Drag payloads: member ids under our own MIME type (UTF-8 JSON), plus their names as plain text.

Every drag in the app starts through ``exec_drag``. Offscreen (the tests), a real ``QDrag.exec()``
returns at once without dropping, so tests replace this one function with synthesized
enter/move/drop events carrying the same MIME data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDrag, QPixmap
from PySide6.QtWidgets import QWidget

from salesplanner.model import MemberId

MIME_TYPE = "application/x-salesplanner-people"


def encode(ids: Sequence[MemberId], names: Sequence[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, json.dumps(list(ids)).encode("utf-8"))
    mime.setText("\n".join(names))
    return mime


def decode(mime: QMimeData) -> list[MemberId]:
    """The ids in a drag, or [] for anything that is not ours (or is malformed)."""
    if not mime.hasFormat(MIME_TYPE):
        return []
    try:
        ids = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return []
    if not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
        return []
    return [MemberId(item) for item in ids]


def exec_drag(source: QWidget, mime: QMimeData, pixmap: QPixmap | None = None) -> None:
    """Run a drag from ``source``; the drop target does the work."""
    drag = QDrag(source)
    drag.setMimeData(mime)
    if pixmap is not None and not pixmap.isNull():
        drag.setPixmap(pixmap)
        drag.setHotSpot(QPoint(12, pixmap.height() // 2))
    drag.exec(Qt.DropAction.MoveAction)
