"""Where cards go on the board (``salesplanner.board_layout``), worked out by hand.

Measures: cards 100 wide, 10 between columns and rows, 5 more between shelves, a margin of 5, group
titles 20 high with 6 under them. So a shelf's cards start 5 + 20 + 6 = 31 below its top, and column k
starts at 5 + 110 k.
"""

from __future__ import annotations

import pytest

from salesplanner.board_layout import Rect, Spacing, arrange, best_columns, extent

SPACING = Spacing(card_width=100, column_gap=10, row_gap=10, shelf_gap=5, margin=5, header_height=20)
GROUPS = [[50], [60], [40, 30]]
"""Two one-team groups and a two-team group (e.g. Enterprise, SMB, Mid-Market)."""


def test_small_groups_share_a_shelf_each_under_its_own_title() -> None:
    layout = arrange(GROUPS, 4, SPACING)
    first, second, third = layout.groups
    assert first.header == Rect(5, 5, 100, 20) and first.cards == (Rect(5, 31, 100, 50),)
    assert second.header == Rect(115, 5, 100, 20) and second.cards == (Rect(115, 31, 100, 60),)
    assert third.header == Rect(225, 5, 210, 20)
    assert third.cards == (Rect(225, 31, 100, 40), Rect(335, 31, 100, 30))
    # 4 × 100 + 3 × 10 + 2 × 5 wide; the tallest card ends at 31 + 60 = 91, then the margin.
    assert (layout.width, layout.height) == (440, 96)


def test_a_group_that_does_not_fit_the_rest_of_a_shelf_starts_the_next() -> None:
    layout = arrange(GROUPS, 2, SPACING)
    third = layout.groups[2]
    # Shelf 1 is 20 + 6 + 60 = 86 high; the next starts 10 + 5 below it: 5 + 86 + 15 = 106.
    assert third.header == Rect(5, 106, 210, 20)
    assert third.cards == (Rect(5, 132, 100, 40), Rect(115, 132, 100, 30))
    assert (layout.width, layout.height) == (220, 177)


def test_a_group_wider_than_the_board_takes_rows_of_its_own() -> None:
    layout = arrange(GROUPS, 1, SPACING)
    third = layout.groups[2]
    # Shelves start at 5, 5 + (26 + 50) + 15 = 96 and 96 + (26 + 60) + 15 = 197: the Mid-Market cards at
    # 197 + 26 = 223 and 223 + 40 + 10 = 273.
    assert [group.header.y for group in layout.groups if group.header] == [5, 96, 197]
    assert third.cards == (Rect(5, 223, 100, 40), Rect(5, 273, 100, 30))
    assert third.rows == (Rect(5, 223, 100, 40), Rect(5, 273, 100, 30))
    assert third.rect == Rect(5, 197, 100, 106)


def test_an_ungrouped_board_has_no_titles() -> None:
    plain = Spacing(card_width=100, column_gap=10, row_gap=10, shelf_gap=5, margin=5, header_height=0)
    layout = arrange([[50, 60, 40]], 2, plain)
    (group,) = layout.groups
    assert group.header is None
    assert group.cards == (Rect(5, 5, 100, 50), Rect(115, 5, 100, 60), Rect(5, 75, 100, 40))


@pytest.mark.parametrize(("view", "columns"), [((880, 200), 4), ((330, 200), 2), ((110, 700), 1)])
def test_fit_chooses_the_columns_that_show_the_board_largest(view: tuple[int, int], columns: int) -> None:
    """Boards: 4 columns 440 × 96, 2 columns 220 × 177, 1 column 110 × 308. In 330 × 200 they scale to
    0.75, 1.13 and 0.65: two columns show it largest."""
    chosen, scale = best_columns(GROUPS, SPACING, *view)
    assert chosen == columns
    layout = arrange(GROUPS, columns, SPACING)
    assert scale == pytest.approx(min(view[0] / layout.width, view[1] / layout.height))


def test_when_the_board_fits_at_full_size_fit_takes_the_shortest_layout() -> None:
    """In a huge view every layout reaches the 100 % cap; the one-shelf layout (96 high) wins."""
    assert best_columns(GROUPS, SPACING, 5000, 5000, max_scale=1.0) == (4, 1.0)


@pytest.mark.parametrize("columns", [1, 2, 3, 4, 7])
def test_the_quick_extent_is_the_arranged_boards(columns: int) -> None:
    groups = [[50], [60, 20, 90], [40, 30], [], [10] * 9]
    layout = arrange(groups, columns, SPACING)
    assert extent(groups, columns, SPACING) == (layout.width, layout.height)
