"""Columns of numbers with element-by-element arithmetic, in plain Python: what a numpy array does for
``capacity.team_flows``, without numpy's import, which a one-shot command such as ``summary`` pays in full
(several times what it takes to read a big plan).

Each operation applies Python's float arithmetic to each element, which is the IEEE arithmetic numpy
applies to each element of a float64 array, so the two give the same numbers to the last bit (the tests
hold ``timeline.bookings_by_month`` equal to the numpy timeline). The elements are floats: numbers from a
plan go in through ``float`` as numpy's ``float64`` arrays take them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import repeat
from operator import add, mul, sub, truediv


class Column:
    """A column of floats; +, −, × and ÷ with another column (of the same length) or a number work on
    each element."""

    __slots__ = ("values",)

    def __init__(self, values: list[float]) -> None:
        self.values = values

    def _with(self, other: Column | float, operation: Callable[[float, float], float]) -> Column:
        right: Iterable[float] = other.values if isinstance(other, Column) else repeat(other)
        return Column(list(map(operation, self.values, right)))

    def _onto(self, other: float, operation: Callable[[float, float], float]) -> Column:
        return Column(list(map(operation, repeat(other), self.values)))

    def __add__(self, other: Column | float) -> Column:
        return self._with(other, add)

    def __radd__(self, other: float) -> Column:
        return self._onto(other, add)

    def __sub__(self, other: Column | float) -> Column:
        return self._with(other, sub)

    def __rsub__(self, other: float) -> Column:
        return self._onto(other, sub)

    def __mul__(self, other: Column | float) -> Column:
        return self._with(other, mul)

    def __rmul__(self, other: float) -> Column:
        return self._onto(other, mul)

    def __truediv__(self, other: Column | float) -> Column:
        return self._with(other, truediv)

    def __rtruediv__(self, other: float) -> Column:
        return self._onto(other, truediv)


def minimum(first: Column, second: Column) -> Column:
    """The smaller of each pair of elements (``numpy.minimum`` for columns)."""
    return Column(list(map(min, first.values, second.values)))
