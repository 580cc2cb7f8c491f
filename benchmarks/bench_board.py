"""Board timings on synthetic plans, offscreen: first painted board, a drag-move to repainted numbers,
and the memory of the app with the plan open.

    uv run python benchmarks/bench_board.py [--runs N] [--moves N]

Each size runs in its own process so memory figures do not mix. A move is what a drop does:
``BoardScene.handle_drop`` (the command, the incremental recompute, the rebuilt cards, bench, details and
summary strip), then the event loop's own repaint of what changed on screen, then a hit test (which
pays for any scene re-indexing Qt deferred). Chips move between the first two teams, which are on
screen, so the repaint is really done.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (100, 1_000, 10_000)
FRAME_MS = 1000 / 60


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(plan_path: str, moves: int) -> dict[str, float]:
    """Runs in a child process: open the plan in the real window, then move chips between teams."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    from salesplanner.model import Placement
    from salesplanner.planfile.read import load_plan
    from ui.app import create_application
    from ui.document import PlanDocument
    from ui.window.main_window import MainWindow

    app = create_application()
    start = time.perf_counter()
    window = MainWindow(PlanDocument(load_plan(plan_path)))
    window.resize(1600, 1000)
    window.show()
    QApplication.processEvents()
    window.view.viewport().repaint()
    first_paint = time.perf_counter() - start
    app.processEvents()
    # A plan opens fitted to the window (a big one as overview tiles); drags happen at reading size.
    window.view.reset_zoom()
    app.processEvents()

    document = window.document
    scenario = document.scenario
    first, second = list(scenario.teams)[:2]
    movable = [m for m, p in scenario.assignments.items() if p.team == first][:moves]
    timings = []
    corner = QPointF(1, 1)
    for member_id in movable:
        placement = scenario.assignments[member_id]
        began = time.perf_counter()
        window.board.handle_drop([member_id], Placement(second, placement.role))
        app.processEvents()
        window.board.items(corner)
        timings.append(time.perf_counter() - began)
        document.undo_stack.undo()
        app.processEvents()
    return {"first_paint": first_paint, "move": statistics.median(timings), "rss_mb": _rss_mb()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--child", nargs=2, metavar=("PLAN", "MOVES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], int(args.child[1]))))
        return 0

    from salesplanner.planfile.write import save_plan
    from salesplanner.synthetic import synthetic_plan

    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            path = Path(folder) / f"plan-{size}.salesplan"
            save_plan(synthetic_plan(people=size, teams=max(1, size // 20), seed=7), path)
            runs = []
            for _ in range(args.runs):
                output = subprocess.run([sys.executable, __file__, "--child", str(path), str(args.moves)],
                                        capture_output=True, text=True, check=True).stdout
                runs.append(json.loads(output.strip().splitlines()[-1]))
            results[size] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}

    base, big = results[SIZES[0]], results[SIZES[-1]]
    ratio = big["move"] / base["move"]
    rows = [
        ("first painted board", [f"{results[s]['first_paint'] * 1000:,.0f} ms" for s in SIZES], "", ""),
        ("drop → repainted numbers", [f"{results[s]['move'] * 1000:,.2f} ms" for s in SIZES],
         f"< {FRAME_MS:.1f} ms", "yes" if big["move"] * 1000 < FRAME_MS else "NO"),
        ("   ÷ the same on 100 people", [f"{results[s]['move'] / base['move']:.2f}×" for s in SIZES], "≤ 2×",
         "yes" if ratio <= 2 else "NO"),
        ("memory (RSS)", [f"{results[s]['rss_mb']:,.0f} MB" for s in SIZES], "< 500 MB",
         "yes" if big["rss_mb"] < 500 else "NO"),
    ]
    header = ["measure", *(f"{s:,} people" for s in SIZES), "goal (10,000)", "met"]
    table = [header, *[[label, *cells, goal, met] for label, cells, goal, met in rows]]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for number, row in enumerate(table):
        cells = zip(row, widths, strict=True)
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(cells)))
        if number == 0:
            print("  ".join("-" * w for w in widths))
    return 0 if all(met != "NO" for *_, met in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
