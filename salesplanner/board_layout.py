"""Where the team cards go on the board: groups (swimlanes) on a grid of columns, small groups side by side.

Pure geometry in scene units, shared by the board on screen, its exports and presentation mode, and
testable without Qt. Each group's cards flow left to right in rows of at most ``columns``. A group no
wider than the room left on the current *shelf* (a band of the board) sits beside the groups already
there, its header over its own columns — so a segment with one team does not leave the rest of the
row empty. A group wider than the board starts a shelf of its own and ends it. Given the same cards
and columns the layout is always the same: nothing depends on the zoom or the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True, slots=True)
class Spacing:
    """The board's measures: card width, gaps, the margin around everything, a group header's height."""

    card_width: float
    column_gap: float
    row_gap: float
    shelf_gap: float
    margin: float
    header_height: float
    """Room above a group's cards for its title; 0 when the board is not grouped."""


@dataclass(frozen=True, slots=True)
class PlacedGroup:
    header: Rect | None
    """Where the group's title goes (None on an ungrouped board)."""
    cards: tuple[Rect, ...]
    """One per card, in the order given."""
    rows: tuple[Rect, ...]
    """Each row of the group's cards, as wide as the group (exports page long groups by rows)."""

    @property
    def rect(self) -> Rect:
        """The header and the cards."""
        top = self.header.y if self.header is not None else self.rows[0].y
        left = self.rows[0].x
        width = max(row.width for row in self.rows)
        return Rect(left, top, width, self.rows[-1].bottom - top)


@dataclass(frozen=True, slots=True)
class BoardLayout:
    groups: tuple[PlacedGroup, ...]
    width: float
    height: float
    """The whole board, margins included."""


def arrange(groups: Sequence[Sequence[float]], columns: int, spacing: Spacing) -> BoardLayout:
    """Place groups of cards (each given as its cards' heights, in board order) on ``columns`` columns."""
    columns = max(1, columns)
    step = spacing.card_width + spacing.column_gap
    header = spacing.header_height + (6 if spacing.header_height else 0)
    placed: list[PlacedGroup] = []
    shelf_top, shelf_used, shelf_height = spacing.margin, 0, 0.0
    widest = 1

    def close_shelf() -> None:
        nonlocal shelf_top, shelf_used, shelf_height
        if shelf_used:
            shelf_top += shelf_height + spacing.row_gap + spacing.shelf_gap
        shelf_used, shelf_height = 0, 0.0

    for heights in groups:
        count = max(1, len(heights))
        span = min(count, columns)
        if shelf_used and (shelf_used + span > columns or count > columns):
            close_shelf()
        widest = max(widest, shelf_used + span)
        left = spacing.margin + shelf_used * step
        width = span * spacing.card_width + (span - 1) * spacing.column_gap
        y = shelf_top + header
        cards: list[Rect] = []
        rows: list[Rect] = []
        for start in range(0, len(heights), columns):
            row = heights[start:start + columns]
            cards += [Rect(left + index * step, y, spacing.card_width, height) for index, height in enumerate(row)]
            rows.append(Rect(left, y, width, max(row)))
            y += max(row) + spacing.row_gap
        if not rows:  # a group with no cards (never on the board) still has a place
            rows.append(Rect(left, y, width, 0.0))
            y += spacing.row_gap
        title = Rect(left, shelf_top, width, spacing.header_height) if spacing.header_height else None
        placed.append(PlacedGroup(title, tuple(cards), tuple(rows)))
        shelf_height = max(shelf_height, y - spacing.row_gap - shelf_top)
        shelf_used += span
        if count > columns:
            close_shelf()
    close_shelf()
    width = widest * spacing.card_width + (widest - 1) * spacing.column_gap + 2 * spacing.margin
    height = (max((group.rect.bottom for group in placed), default=0.0)) + spacing.margin
    return BoardLayout(tuple(placed), width, height)


def extent(groups: Sequence[Sequence[float]], columns: int, spacing: Spacing) -> tuple[float, float]:
    """The board's width and height under ``arrange``, without placing each card (Fit tries every column
    count on boards of hundreds of teams)."""
    columns = max(1, columns)
    header = spacing.header_height + (6 if spacing.header_height else 0)
    shelf_top, shelf_used, shelf_height, widest, bottom = spacing.margin, 0, 0.0, 1, 0.0
    for heights in groups:
        count = max(1, len(heights))
        span = min(count, columns)
        if shelf_used and (shelf_used + span > columns or count > columns):
            shelf_top += shelf_height + spacing.row_gap + spacing.shelf_gap
            shelf_used, shelf_height = 0, 0.0
        widest = max(widest, shelf_used + span)
        rows = [max(heights[start:start + columns]) for start in range(0, len(heights), columns)] or [0.0]
        height = header + sum(rows) + spacing.row_gap * (len(rows) - 1)
        bottom = max(bottom, shelf_top + height)
        shelf_height = max(shelf_height, height)
        shelf_used += span
        if count > columns:
            shelf_top += shelf_height + spacing.row_gap + spacing.shelf_gap
            shelf_used, shelf_height = 0, 0.0
    width = widest * spacing.card_width + (widest - 1) * spacing.column_gap + 2 * spacing.margin
    return width, bottom + spacing.margin


def best_columns(groups: Sequence[Sequence[float]], spacing: Spacing, view_width: float, view_height: float,
                 *, max_columns: int = 60, max_scale: float = float("inf")) -> tuple[int, float]:
    """The number of columns that shows the whole board largest in a view of this size (never above
    ``max_scale``), and that scale: fitting re-flows the cards to the window's shape, then zooms. When
    several fit at the largest scale (a small board at ``max_scale``), the shortest wins — the board uses
    the window's width rather than a column down its left side — and of equal ones the fewest columns."""
    cards = sum(len(group) for group in groups)
    best, best_key = 1, (0.0, 0.0)
    for columns in range(1, max(1, min(max_columns, cards)) + 1):
        width, height = extent(groups, columns, spacing)
        scale = min(view_width / width, view_height / height, max_scale)
        key = (round(scale, 9), -height)
        if key > best_key:
            best, best_key = columns, key
    return best, best_key[0]
