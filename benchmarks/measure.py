"""What the benchmark scripts share: medians of runs, and a table of figures by plan size beside their goals.

Imported by the scripts in this folder (``python benchmarks/bench_core.py`` puts the folder on the path).
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def median_seconds(run: Callable[[], object], runs: int) -> float:
    """Median wall time of ``run`` over ``runs`` runs, with a garbage collection before each."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_measured(measure: Callable[[], float], runs: int) -> float:
    """Median over ``runs`` runs of the seconds ``measure`` reports itself: the mean of many small operations
    whose set-up (an undo between moves) is left out of the timing."""
    times = []
    for _ in range(runs):
        gc.collect()
        times.append(measure())
    return statistics.median(times)


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1e3:,.3f} ms" if seconds < 0.01 else f"{seconds * 1e3:,.1f} ms"


def verdict(met: bool) -> str:
    return "yes" if met else "NO"


@dataclass(frozen=True, slots=True)
class Row:
    """One measure: its figure for each plan size, and the goal it is held to, if any."""

    label: str
    cells: tuple[str, ...]
    goal: str = ""
    met: str = ""


def report(heading: Sequence[str], rows: Sequence[Row], sizes: Sequence[int]) -> int:
    """Print ``heading`` and the table; when any row has a goal, say whether all were met.
    Returns the script's exit status: 1 when a goal is missed."""
    headers = Row("measure", tuple(f"{n:,} people" for n in sizes), "goal", "met")
    table = [headers, *rows]
    widths = [max(len(r.label) for r in table), *(max(len(r.cells[i]) for r in table) for i in range(len(sizes))),
              max(len(r.goal) for r in table), 3]

    def line(row: Row) -> str:
        cells = [row.label.ljust(widths[0]), *(cell.rjust(widths[i + 1]) for i, cell in enumerate(row.cells)),
                 row.goal.ljust(widths[-2]), row.met]
        return "  ".join(cells).rstrip()

    for text in heading:
        print(text)
    print()
    print(line(headers))
    print("  ".join("-" * width for width in widths))
    for row in rows:
        print(line(row))
    if not any(row.goal for row in rows):
        return 0
    missed = [row.label.strip() for row in rows if row.met == verdict(False)]
    print()
    print("All goals met." if not missed else f"Goals missed: {len(missed)} (see benchmarks/README.md).")
    return 1 if missed else 0
