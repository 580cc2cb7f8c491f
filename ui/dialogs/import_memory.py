"""What File → Import roster remembers for the next import (QSettings): the field the user chose for a
column, by its header, and the role the user chose for a job title.

Only choices that differ from what the core would pick are kept — from the alias table
(``ColumnMapping.guess``) or the title matcher (``roles.role_from_title``) — so a later improvement of
either still reaches every column and title the user left alone, and choosing the default again forgets
the choice. Stored as JSON text, which reads back the same on every platform's settings format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QSettings

from salesplanner.roles import Role
from salesplanner.roster.columns import Field

COLUMNS_KEY = "import/columns"
TITLES_KEY = "import/titles"
BENCH = "bench"


def _load(key: str) -> dict[str, Any]:
    try:
        value = json.loads(str(QSettings().value(key, "{}")))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _store(key: str, updates: Mapping[str, str | None], forget: Iterable[str]) -> None:
    stored = _load(key)
    for name in forget:
        stored.pop(name, None)
    stored.update(updates)
    QSettings().setValue(key, json.dumps(stored, ensure_ascii=False, sort_keys=True))


def remembered_columns() -> dict[str, Field | None]:
    """The user's fields by normalised header; None: the user chose to ignore that column."""
    fields = {field.value: field for field in Field}
    return {header: fields.get(value) for header, value in _load(COLUMNS_KEY).items()
            if value is None or value in fields}


def remember_columns(choices: Mapping[str, Field | None], headers: Iterable[str]) -> None:
    """Keep ``choices`` (from ``ColumnMapping.choices``); forget earlier choices for the other ``headers``
    of this file, which the user has set back to the alias table's field."""
    _store(COLUMNS_KEY, {header: None if field is None else field.value for header, field in choices.items()},
           headers)


def remembered_titles() -> dict[str, Role | None]:
    """The user's roles by ``roles.title_key``; None: the title's people go to the bench."""
    roles = {role.value: role for role in Role}
    return {title: roles.get(value) for title, value in _load(TITLES_KEY).items()
            if value == BENCH or value in roles}


def remember_titles(choices: Mapping[str, Role | None], titles: Iterable[str]) -> None:
    """Keep ``choices`` (titles whose role differs from the matcher's); forget earlier choices for the
    other ``titles`` of this file, which the user has set back to the matcher's role."""
    _store(TITLES_KEY, {title: BENCH if role is None else role.value for title, role in choices.items()}, titles)
