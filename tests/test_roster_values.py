"""Roster values as exports write them (README, "Roster import"): number conventions decided per column,
a property that any number written in a supported convention reads back exactly, and dates that say
what is impossible about them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesplanner.roster.cells import DateColumn, NumberColumn

CONVENTIONS = [(".", ""), (".", ","), (".", " "), (".", "'"), (",", ""), (",", "."), (",", " "), (",", "\u00a0"),
               (",", "\u202f")]
"""(decimal separator, thousands separator) of the conventions exports use: 1,234.5 · 1.234,5 · 1 234,5 …"""


def written(cents: int, decimal: str, thousands: str, places: str) -> str:
    """``cents`` / 100 as a spreadsheet in that convention writes it: whole, two places or as few as needed."""
    sign, cents = ("-" if cents < 0 else ""), abs(cents)
    whole, fraction = divmod(cents, 100)
    digits = str(whole)
    groups = [digits[max(0, end - 3):end] for end in range(len(digits), 0, -3)][::-1]
    text = sign + thousands.join(groups)
    if places == "two":
        return f"{text}{decimal}{fraction:02d}"
    if places == "minimal" and fraction:
        return f"{text}{decimal}{f'{fraction:02d}'.rstrip('0')}"
    return text


@st.composite
def columns(draw: st.DrawFn, *, high: int, whole_only: bool = False) -> tuple[list[str], list[float]]:
    """A column written in one convention, and the numbers it means."""
    decimal, thousands = draw(st.sampled_from(CONVENTIONS))
    places = "whole" if whole_only else draw(st.sampled_from(["whole", "two", "minimal"]))
    cents = draw(st.lists(st.integers(-high, high), min_size=1, max_size=8))
    if places == "whole":
        cents = [value - value % 100 if value >= 0 else value + (-value) % 100 for value in cents]
    decoration = draw(st.sampled_from(["", "€ ", " EUR"]))
    texts = [written(value, decimal, thousands, places) for value in cents]
    if decoration.strip():
        texts = [f"{decoration}{text}" if decoration.endswith(" ") else f"{text}{decoration}" for text in texts]
    return texts, [value / 100 for value in cents]


@settings(max_examples=300, deadline=None)
@given(column=columns(high=10**11))
def test_any_amount_written_in_a_supported_convention_reads_back_exactly(column: tuple[list[str], list[float]]) -> None:
    texts, values = column
    reader = NumberColumn(texts)
    assert [reader.parse(text) for text in texts] == values, texts


@settings(max_examples=200, deadline=None)
@given(decimal=st.sampled_from(CONVENTIONS), thousandths=st.lists(st.integers(1, 10_000), min_size=1, max_size=6))
def test_small_numbers_with_three_decimals_read_as_decimals(decimal: tuple[str, str],
                                                           thousandths: list[int]) -> None:
    """FTE and productivity: ``1.250`` (or ``1,250``) is one and a quarter, in either convention."""
    separator = decimal[0]
    texts = [f"{value // 1000}{separator}{value % 1000:03d}" for value in thousandths]
    reader = NumberColumn(texts, small=True)
    assert [reader.parse(text) for text in texts] == [value / 1000 for value in thousandths]


@pytest.mark.parametrize(("cells", "expected"), [
    (["185.000", "92.500", "1.250.000"], [185_000, 92_500, 1_250_000]),   # thousands dots, nothing else
    (["185.000", "0,8", "1"], [185_000, 0.8, 1]),                         # a decimal comma settles it
    (["185.000", "1.234,50"], [185_000, 1234.5]),
    (["85.5", "185.000"], [85.5, 185]),                                   # a decimal point settles it too
    (["90,000", "1.5"], [90_000, 1.5]),
    (["0.125", "0,125"], [0.125, 0.125]),                                 # a group starting with 0 is a decimal
    (["€ 90.000", "90.000 EUR", "EUR 1.000.000"], [90_000, 90_000, 1_000_000]),
])
def test_a_column_decides_what_a_lone_separator_means(cells: list[str], expected: list[float]) -> None:
    reader = NumberColumn(cells)
    assert [reader.parse(cell) for cell in cells] == expected


def test_small_number_columns_read_an_ambiguous_group_as_decimals() -> None:
    assert NumberColumn(["1.250"], small=True).parse("1.250") == 1.25
    assert NumberColumn(["1.250"]).parse("1.250") == 1250
    assert NumberColumn(["0,8", "1"], small=True).parse("0,8") == 0.8


@pytest.mark.parametrize("text", ["abc", "1.2.3", "1,23,4", "nan", "inf", "--1"])
def test_what_is_not_a_number_says_so(text: str) -> None:
    with pytest.raises(ValueError, match=r"^is not a number$"):
        NumberColumn([text]).parse(text)


@pytest.mark.parametrize(("cells", "text", "reason"), [
    ([], "31.02.2025", '"31.02.2025" is not a date: February has no day 31'),
    ([], "29.02.2025", '"29.02.2025" is not a date: February 2025 has no day 29'),
    ([], "2025-04-31", '"2025-04-31" is not a date: April has no day 31'),
    ([], "2025-13-01", '"2025-13-01" is not a date: there is no month 13'),
    ([], "00.01.2025", '"00.01.2025" is not a date: January has no day 0'),
    (["12/31/2025"], "02/30/2025", '"02/30/2025" is not a date: February has no day 30'),  # a month-first column
    ([], "soon", "is not a date (yyyy-mm-dd, dd.mm.yyyy or dd/mm/yyyy)"),
])
def test_an_impossible_date_says_what_is_impossible(cells: list[str], text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        DateColumn(cells).parse(text)
    assert str(caught.value) == reason


def test_a_leap_day_is_a_date() -> None:
    assert DateColumn([]).parse("29.02.2028") == date(2028, 2, 29)
