"""The Linux bundle, as a user gets it: built by packaging/build.py into a temporary folder, unpacked from
its tarball, and run with nothing but an empty PATH — no Python, no virtual environment, no source tree
that could stand in for a module the bundle forgot. The command line, the window (offscreen, through
SALESPLANNER_SMOKE_TEST), install.sh, the desktop entry's Exec line and the .salesplan file type.

The build happens once per test session (docs/packaging.md has its cost). With SALESPLANNER_TEST_BUNDLE
naming a tarball, that tarball is tested instead: the release workflow tests the artefact it publishes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
DEMO = ROOT / "resources" / "nordlys.salesplan"


@dataclass(frozen=True)
class Bundle:
    tarball: Path
    folder: Path
    scratch: Path

    @property
    def program(self) -> Path:
        return self.folder / "salesplanner"

    def env(self, **extra: str) -> dict[str, str]:
        """A bare environment: PATH is an empty folder, HOME is private, Qt draws offscreen."""
        empty = self.scratch / "empty-path"
        empty.mkdir(exist_ok=True)
        home = self.scratch / "home"
        home.mkdir(exist_ok=True)
        return {"PATH": str(empty), "HOME": str(home), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}

    def run(self, *args: str | Path, command: list[str] | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        argv = command if command is not None else [str(self.program), *map(str, args)]
        return subprocess.run(argv, env=self.env(**env), capture_output=True, text=True, timeout=120,
                              cwd=self.scratch)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """Build the bundle from this checkout and unpack it under a path with spaces and non-ASCII letters."""
    scratch = tmp_path_factory.mktemp("bundle")
    name = f"SalesPlanner-{VERSION}-linux-x86_64"
    if os.environ.get("SALESPLANNER_TEST_BUNDLE"):
        tarball = Path(os.environ["SALESPLANNER_TEST_BUNDLE"]).resolve()
    else:
        build = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(scratch / "dist"),
                                "--work", str(scratch / "work")], cwd=ROOT, capture_output=True, text=True,
                               timeout=1200)
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-6000:]
        shutil.rmtree(scratch / "work")  # nothing the build left behind can stand in for the bundle
        tarball = scratch / "dist" / f"{name}.tar.gz"
    assert tarball.name == f"{name}.tar.gz" and tarball.is_file(), tarball
    unpacked = scratch / "Downloads from Åsa Ørsted"
    with tarfile.open(tarball) as archive:
        archive.extractall(unpacked, filter="data")
    return Bundle(tarball, unpacked / name, scratch)


def test_the_tarball_holds_the_app_and_its_installer(bundle: Bundle) -> None:
    names = {path.name for path in bundle.folder.iterdir()}
    assert {"salesplanner", "_internal", "install.sh", "uninstall.sh", "LICENSE", "share"} <= names
    assert os.access(bundle.program, os.X_OK) and os.access(bundle.folder / "install.sh", os.X_OK)
    internal = bundle.folder / "_internal"
    assert (internal / "resources" / "licenses" / "LGPL-3.0.txt").is_file()
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6").is_file(), "Qt ships as shared libraries"
    assert not list(internal.glob("PySide6/Qt/plugins/platforms/libqvnc.so")), "unused Qt plugins are left out"
    assert not (internal / "pandas").exists() and not (internal / "PySide6" / "QtNetwork.abi3.so").exists()


def test_version(bundle: Bundle) -> None:
    result = bundle.run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"salesplanner {VERSION}\n", "")


def test_summary_of_the_demo_plan_is_the_source_trees(bundle: Bundle, tmp_path: Path) -> None:
    plan = tmp_path / "demo.salesplan"
    assert bundle.run("demo", "-o", plan).returncode == 0
    result = bundle.run("summary", plan)
    assert result.returncode == 0, result.stderr
    assert "Nordlys Software 2027 — scenario \"Today\" (baseline)" in result.stdout
    assert "Stage: Specialists" in result.stdout
    bundled_json = json.loads(bundle.run("summary", plan, "--json").stdout)
    source_json = subprocess.run([sys.executable, "-m", "ui.launch", "summary", str(DEMO), "--json"], cwd=ROOT,
                                 capture_output=True, text=True, check=True).stdout
    assert bundled_json == json.loads(source_json)


@pytest.mark.parametrize(("suffix", "magic"), [
    ("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml"), ("pdf", b"%PDF-"), ("pptx", b"PK\x03\x04")])
def test_render_says_what_the_source_tree_says(bundle: Bundle, tmp_path: Path, suffix: str, magic: bytes) -> None:
    """Qt's drawing offscreen (PNG, SVG, PDF) and python-pptx's templates (PPTX) must be in the bundle;
    what the drawings hold is tested on the source tree (tests/ui/test_present_export.py)."""
    out = tmp_path / f"out.{suffix}"
    result = bundle.run("render", DEMO, "-o", out, "--scenario", "Market teams")
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)
    source = subprocess.run([sys.executable, "-m", "ui.launch", "render", str(DEMO), "-o",
                             str(tmp_path / f"source.{suffix}"), "--scenario", "Market teams"], cwd=ROOT,
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout == source.stdout.replace("source.", "out.")


def test_excel_out_and_back_in(bundle: Bundle, tmp_path: Path) -> None:
    workbook = tmp_path / "plan.xlsx"
    result = bundle.run("export", DEMO, "-o", workbook)
    assert result.returncode == 0, result.stderr
    imported = bundle.run("import", workbook, "-o", tmp_path / "roster.salesplan")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("roster.salesplan: 43 people imported into 2 teams (3 on the bench)")


def test_a_sparse_roster_is_streamed_by_the_bundle(bundle: Bundle, tmp_path: Path) -> None:
    """A sheet whose grid would be too big to build is read row by row with openpyxl: the bundle must carry it."""
    import xlsxwriter  # type: ignore[import-untyped]

    roster = tmp_path / "sparse.xlsx"
    book = xlsxwriter.Workbook(str(roster))
    sheet = book.add_worksheet("Roster")
    sheet.write_string(0, 0, "Name")
    sheet.write_string(1, 0, "Ana Berg")
    sheet.write_string(20_000, 700, "far away")  # 20,001 rows × 701 columns: 14 million cells as a grid
    book.close()
    imported = bundle.run("import", roster, "-o", tmp_path / "sparse.salesplan")
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("sparse.salesplan: 1 person imported into 0 teams (1 on the bench)")


def test_bad_input_is_one_sentence(bundle: Bundle, tmp_path: Path) -> None:
    broken = tmp_path / "broken.salesplan"
    broken.write_text("{}", encoding="utf-8")
    result = bundle.run("summary", broken)
    assert result.returncode == 1
    assert result.stderr.startswith("salesplanner: broken.salesplan: ") and "Traceback" not in result.stderr


def test_the_window_starts_and_quits(bundle: Bundle) -> None:
    result = bundle.run(SALESPLANNER_SMOKE_TEST="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ('window "Nordlys Software 2027 — Sales Planner" shown\n'
                             'plan "Nordlys Software 2027" (43 people) from the demo plan\n'
                             "speaks en (en_GB): File · Edit · Cancel\n")


def test_the_window_speaks_danish_on_a_danish_computer(bundle: Bundle) -> None:
    """The compiled catalogue and Qt's own Danish ship in the bundle; no .po source does."""
    result = bundle.run(SALESPLANNER_SMOKE_TEST="1", LANG="da_DK.UTF-8")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "speaks da (da_DK): Filer · Rediger · Annuller"
    translations = bundle.folder / "_internal" / "resources" / "translations"
    assert sorted(path.name for path in translations.iterdir()) == ["da.mo"]


def test_the_command_line_speaks_danish(bundle: Bundle, tmp_path: Path) -> None:
    plan = tmp_path / "demo.salesplan"
    assert bundle.run("demo", "-o", plan).returncode == 0
    result = bundle.run("summary", plan, LANG="da_DK.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "Fase: Specialister" in result.stdout and "pr. 01.01.2027" in result.stdout
    assert "Stage: Specialists" in bundle.run("--lang", "en", "summary", plan, LANG="da_DK.UTF-8").stdout


def test_it_opens_a_plan_given_on_the_command_line(bundle: Bundle, tmp_path: Path) -> None:
    plan = _plan_in_awkward_place(tmp_path)
    result = bundle.run(plan, SALESPLANNER_SMOKE_TEST="1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (f'window "{plan.name} — Sales Planner" shown\n'
                             f'plan "Nordlys Software 2027" (43 people) from {plan}\n'
                             "speaks en (en_GB): File · Edit · Cancel\n")


def test_install_adds_the_menu_entry_file_type_and_icons_and_its_exec_line_opens_a_plan(
        bundle: Bundle, tmp_path: Path) -> None:
    home = tmp_path / "home of Åsa Öberg"
    installed = subprocess.run(["sh", str(bundle.folder / "install.sh")], capture_output=True, text=True,
                               env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert installed.returncode == 0, installed.stderr
    data = home / ".local" / "share"
    entry = data / "applications" / "salesplanner.desktop"
    assert entry.is_file()
    validate = subprocess.run([_desktop_file_validate(), str(entry)], capture_output=True, text=True)
    assert validate.returncode == 0 and not validate.stdout.strip(), validate.stdout + validate.stderr
    keys = _desktop_entry(entry)
    assert keys["Name"] == "Sales Planner"
    assert (keys["Icon"], keys["MimeType"]) == ("salesplanner", "application/x-salesplanner;")
    for icon in ("scalable/apps/salesplanner.svg", "48x48/apps/salesplanner.png",
                 "scalable/mimetypes/application-x-salesplanner.svg", "48x48/mimetypes/application-x-salesplanner.png"):
        assert (data / "icons" / "hicolor" / icon).is_file(), icon

    plan = _plan_in_awkward_place(tmp_path)
    assert _mime_type_of(plan, data) == ("application/x-salesplanner", "application-x-salesplanner",
                                         "Sales Planner plan")

    command = _exec_command(keys["Exec"], plan)
    assert command[0] == str(data / "salesplanner" / "salesplanner")
    assert command[1:] == [str(plan)]
    opened = bundle.run(command=command, SALESPLANNER_SMOKE_TEST="1")
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert f'plan "Nordlys Software 2027" (43 people) from {plan}\n' in opened.stdout

    linked = bundle.run(command=[str(home / ".local" / "bin" / "salesplanner"), "--version"])
    assert linked.stdout == f"salesplanner {VERSION}\n"

    removed = subprocess.run(["sh", str(data / "salesplanner" / "uninstall.sh")],
                             env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert removed.returncode == 0, removed.stderr
    assert not entry.exists() and not (data / "salesplanner").exists()
    assert not (home / ".local" / "bin" / "salesplanner").exists()
    assert not list((data / "icons").rglob("*salesplanner*"))


# --- helpers ---------------------------------------------------------------------------------------------

def _plan_in_awkward_place(tmp_path: Path) -> Path:
    plan = tmp_path / "Plans 2027 – Malmö & Ærø" / "Q3 plan (Åsa's draft).salesplan"
    plan.parent.mkdir(exist_ok=True)
    shutil.copyfile(DEMO, plan)
    return plan


def _desktop_entry(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group's keys, values unescaped as the specification's string type says."""
    keys: dict[str, str] = {}
    group = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            group = line
        elif group == "[Desktop Entry]" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            keys[key.strip()] = _unescape_string(value.strip())
    return keys


def _unescape_string(value: str) -> str:
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in escapes:
            out.append(escapes[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _exec_command(exec_line: str, file: Path) -> list[str]:
    """The argument vector of an Exec value for one file, by the Desktop Entry specification's rules:
    arguments split on spaces, double quotes group, and inside them \\ escapes " ` $ and \\; %f is the
    file as one argument, %% a percent sign, and other field codes are dropped."""
    arguments: list[str] = []
    current: list[str] = []
    started = quoted = False
    i = 0
    while i < len(exec_line):
        char = exec_line[i]
        if quoted:
            if char == "\\" and i + 1 < len(exec_line) and exec_line[i + 1] in '"`$\\':
                current.append(exec_line[i + 1])
                i += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char == " ":
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        i += 1
    assert not quoted, f"unterminated quote in Exec={exec_line}"
    if started:
        arguments.append("".join(current))
    expanded = []
    for argument in arguments:
        if argument == "%f":
            expanded.append(str(file))
        elif argument.startswith("%") and len(argument) == 2 and argument != "%%":
            continue
        else:
            expanded.append(argument.replace("%%", "%"))
    return expanded


def _mime_type_of(file: Path, data_home: Path) -> tuple[str, str, str]:
    """What the desktop (Qt's reader of the shared MIME database) makes of ``file`` with the install's data."""
    script = ("import sys; from PySide6.QtCore import QMimeDatabase; "
              "t = QMimeDatabase().mimeTypeForFile(sys.argv[1]); print(t.name(), t.iconName(), t.comment(), sep='|')")
    env = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_DATA_DIRS": "/usr/local/share:/usr/share"}
    result = subprocess.run([sys.executable, "-c", script, str(file)], env=env, capture_output=True, text=True,
                            check=True)
    name, icon, comment = result.stdout.strip().split("|")
    return name, icon, comment


def _desktop_file_validate() -> str:
    """desktop-file-validate from Debian's desktop-file-utils (.ci/run installs it; so does this, if missing)."""
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "desktop-file-utils"],
                       check=True, capture_output=True, timeout=600)
        tool = shutil.which("desktop-file-validate")
    assert tool is not None, "desktop-file-utils did not install"
    return tool
