"""File names suggested for exports and saves (``salesplanner.files.safe_file_name``)."""

from __future__ import annotations

import pytest

from salesplanner.files import safe_file_name


@pytest.mark.parametrize(("name", "expected"), [
    ("Nordlys Software 2027 — Market teams", "Nordlys Software 2027 — Market teams"),
    ("Plan: Q3/Q4 (draft?)", "Plan- Q3-Q4 (draft-)"),
    ('EMEA <"new"> | 2027*', "EMEA -new- - 2027"),
    ("tabs\tand\nnewlines", "tabs-and-newlines"),
    ("ends with dots...", "ends with dots"),
    ("CON", "CON plan"),
    ("nul.txt", "nul.txt plan"),
    (":::", "Sales plan"),
    ("", "Sales plan"),
])
def test_a_suggested_file_name_is_valid_on_every_system(name: str, expected: str) -> None:
    """Windows refuses <>:"/\\|?* and control characters, trailing dots and spaces, and device names."""
    assert safe_file_name(name) == expected


def test_a_very_long_name_is_cut() -> None:
    assert len(safe_file_name("x" * 300)) == 120
