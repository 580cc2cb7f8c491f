"""The Linux bundle against the source tree: size, and start-up time to `--version` and to a window.

    uv run python benchmarks/bench_bundle.py                 # builds a bundle first (and times the build)
    uv run python benchmarks/bench_bundle.py --tarball dist/SalesPlanner-0.1.0-linux-x86_64.tar.gz --runs 9

Each start is its own process, timed from launch to exit: the median wall-clock and CPU time of --runs
starts, after a first one reported on its own (for the bundle, the first after unpacking). "Window"
is SALESPLANNER_SMOKE_TEST=1: the main window built on the demo plan, shown offscreen, exposed, then
closed — what a user waits for before the board appears, plus the quit.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run. On a machine shared with other work the
    CPU time is the steadier figure: waiting for a core inflates only the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def start_times(command: list[str], env: dict[str, str], runs: int) -> str:
    """The median wall and CPU time of ``runs`` starts, and the wall time of one start before them."""
    first, _ = timed(command, env)
    walls, cpus = zip(*(timed(command, env) for _ in range(runs)), strict=True)
    return (f"{statistics.median(walls) * 1000:,.0f} ms, CPU {statistics.median(cpus) * 1000:,.0f} ms "
            f"(first {first * 1000:,.0f})")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def runtime_environment_size() -> int:
    """What `uv sync --no-dev` would install for the app: the files of every runtime distribution."""
    from salesplanner.about import runtime_distributions

    total = 0
    for name in runtime_distributions():
        for file in metadata.distribution(name).files or []:
            path = Path(str(file.locate()))
            if path.is_file():
                total += path.stat().st_size
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tarball", type=Path, help="a built bundle (default: build one now)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        build_seconds = None
        tarball = args.tarball
        if tarball is None:
            started = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(scratch / "dist"),
                            "--work", str(scratch / "work")], check=True, cwd=ROOT)
            build_seconds = time.perf_counter() - started
            tarball = next((scratch / "dist").glob("*.tar.gz"))
        with tarfile.open(tarball) as archive:
            archive.extractall(scratch / "unpacked", filter="data")
        folder = next((scratch / "unpacked").iterdir())
        program = str(folder / "salesplanner")
        home = scratch / "home"
        home.mkdir()
        (scratch / "empty").mkdir()
        bare = {"PATH": str(scratch / "empty"), "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}
        source = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        window = {"SALESPLANNER_SMOKE_TEST": "1"}
        venv_program = str(Path(sys.executable).parent / "salesplanner")
        uv = ["uv", "run", "--quiet", "salesplanner"]

        rows = [("", "bundle", "uv run salesplanner", ".venv/bin/salesplanner")]
        for label, extra_args, extra_env in (("--version", ["--version"], {}), ("window", [], window)):
            cells = []
            for command, env in (([program, *extra_args], bare), ([*uv, *extra_args], source),
                                 ([venv_program, *extra_args], source)):
                cells.append(start_times(command, {**env, **extra_env}, args.runs))
            rows.append((label, *cells))

        unpacked, files = folder_size(folder)
        rows.append(("size", f"{tarball.stat().st_size / 1e6:,.1f} MB download, {unpacked / 1e6:,.0f} MB "
                             f"unpacked, {files:,} files",
                     f"{runtime_environment_size() / 1e6:,.0f} MB of runtime packages", "(+ Python, + uv)"))
    if build_seconds is not None:
        rows.append(("build", f"{build_seconds:.0f} s (packaging/build.py, tarball included)", "", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for number, row in enumerate(rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
