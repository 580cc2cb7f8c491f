"""Layout renders of synthetic plans: time and peak memory of `salesplanner render` per format.

    uv run python benchmarks/bench_render.py [--people 10000]

Each render runs in its own process (as a user's command would), so its peak RSS is its own. A PNG of a
board too large for an image is expected to be refused with one sentence; that refusal is timed too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = (".png", ".svg", ".pdf", ".pptx")


CHILD = """
import resource, sys
from ui.launch import main
code = main(sys.argv[1:])
print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run(plan: Path, output: Path) -> tuple[float, float, str]:
    """Seconds, the process's own peak RSS in MB, and its one-line report (or its error)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", CHILD, "render", str(plan), "-o", str(output)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    lines = (result.stdout + result.stderr).strip().splitlines()
    peak = next(int(line.split()[1]) for line in lines if line.startswith("PEAK"))
    report = next((line for line in lines if not line.startswith("PEAK")), "")
    return seconds, peak / 1024, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=10_000)
    args = parser.parse_args()
    from salesplanner.planfile.write import save_plan
    from salesplanner.synthetic import synthetic_plan

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.salesplan"
        save_plan(synthetic_plan(people=args.people, teams=max(1, args.people // 20), seed=7), plan)
        rows = [("format", "seconds", "peak RSS", "result")]
        for suffix in FORMATS:
            seconds, megabytes, report = run(plan, Path(folder) / f"out{suffix}")
            rows.append((suffix, f"{seconds:.1f}", f"{megabytes:,.0f} MB", report[:90]))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for number, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
