"""Whole-process timings of the command line against the bare libraries, with the goals of issue 13.

Run from the project folder: ``uv run python benchmarks/bench_process.py [--runs 7]``. Each command runs as
its own process (``sys.executable``, as a user's shell would start it), after one warm-up run, ``--runs``
times, the pairs interleaved (A B A B …) so drift hits both; the figure is the median CPU time
(user + system, from ``os.wait4``), which a busy machine disturbs far less than wall time. Python's own
start (``python -c pass``) is subtracted where a goal says so. Bytecode caches are written and used as on
any installed copy (``PYTHONDONTWRITEBYTECODE`` is dropped for the runs: with it, every run compiles every
module it imports, numpy's and pandas' included). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

PEOPLE, TEAMS, SEED = 10_000, 500, 7
SUMMARY_GOAL = 3.0  # (summary --json − start) ÷ (json.load − start), at most
EXPORT_GOAL = 1.5  # export ÷ a bare XlsxWriter process writing as many cells, at most


ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def cpu_seconds(command: list[str]) -> float:
    """Run ``command`` to the end, its output thrown away; its CPU time (user + system)."""
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=ENVIRONMENT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        error = process.stderr.read() if process.stderr else b""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {error.decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime


def medians(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    for command in commands.values():
        cpu_seconds(command)  # warm-up: the file cache, the .pyc files
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(cpu_seconds(command))
    return {name: statistics.median(values) for name, values in times.items()}


BARE_WRITER = textwrap.dedent("""
    import sys, xlsxwriter
    cells = int(sys.argv[2])
    book = xlsxwriter.Workbook(sys.argv[1])
    sheet = book.add_worksheet("Cells")
    for index in range(cells):
        row, column = divmod(index, 20)
        if column % 2:
            sheet.write_number(row, column, index * 0.5)
        else:
            sheet.write_string(row, column, f"text {index}")
    book.close()
""")


def exported_cells(path: Path) -> int:
    """How many cells the exported workbook holds (values and formulas), counted in its sheets' XML."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as book:
        return sum(len(re.findall(rb"<c ", book.read(name))) for name in book.namelist()
                   if name.startswith("xl/worksheets/sheet"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per command (median taken)")
    args = parser.parse_args()
    python = sys.executable
    salesplanner = [python, "-m", "ui.launch"]
    with tempfile.TemporaryDirectory(prefix="salesplanner-process-") as folder:
        plan = Path(folder) / "big.salesplan"
        subprocess.run([*salesplanner, "demo", "--people", str(PEOPLE), "--teams", str(TEAMS), "--seed", str(SEED),
                        "-o", str(plan)], check=True)
        workbook = Path(folder) / "big.xlsx"
        subprocess.run([*salesplanner, "export", str(plan), "-o", str(workbook)], check=True, stdout=subprocess.DEVNULL)
        cells = exported_cells(workbook)
        script = Path(folder) / "bare_writer.py"
        script.write_text(BARE_WRITER, encoding="utf-8")
        figures = medians({
            "start": [python, "-c", "pass"],
            "json.load": [python, "-c", f"import json; json.load(open({str(plan)!r}, encoding='utf-8'))"],
            "summary --json": [*salesplanner, "summary", str(plan), "--json"],
            "export": [*salesplanner, "export", str(plan), "-o", str(Path(folder) / "again.xlsx")],
            "bare XlsxWriter": [python, str(script), str(Path(folder) / "bare.xlsx"), str(cells)],
        }, args.runs)

    start = figures["start"]
    summary_ratio = (figures["summary --json"] - start) / (figures["json.load"] - start)
    export_ratio = figures["export"] / figures["bare XlsxWriter"]
    print(f"Whole processes, median CPU seconds of {args.runs} runs; plan of {PEOPLE:,} people in {TEAMS} teams "
          f"(seed {SEED}), {cells:,} cells in its workbook")
    for name, seconds in figures.items():
        print(f"  {name:<18} {seconds * 1e3:8.0f} ms")
    print()
    goals = [
        (f"summary --json ÷ json.load, Python's start subtracted: {summary_ratio:.2f}×", f"≤ {SUMMARY_GOAL:g}×",
         summary_ratio <= SUMMARY_GOAL),
        (f"export ÷ bare XlsxWriter writing {cells:,} cells: {export_ratio:.2f}×", f"≤ {EXPORT_GOAL:g}×",
         export_ratio <= EXPORT_GOAL),
    ]
    for label, goal, met in goals:
        print(f"  {label:<70} goal {goal:<6} met: {'yes' if met else 'no'}")
    return 0 if all(met for _, _, met in goals) else 1


if __name__ == "__main__":
    sys.exit(main())
