"""Build Sales Planner for the platform this runs on: ``uv run --group build python packaging/build.py``.

Linux: dist/SalesPlanner-VERSION-linux-ARCH.tar.gz, a one-folder bundle with install.sh (menu entry,
file type, icons) — the artefact tests/test_bundle.py unpacks and runs. macOS: a .app in a .dmg
(hdiutil). Windows: the folder, and an installer when Inno Setup's ``iscc`` is on PATH. PyInstaller does
the bundling; docs/packaging.md says why, and what each step leaves out.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "salesplanner.spec"
ICONS = ROOT / "resources" / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICON_NAMES = {"salesplanner": "apps", "application-x-salesplanner": "mimetypes"}
"""Each SVG in resources/icons and its icon-theme context: the app's icon, and the one .salesplan files get."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the artefact goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder (default build/)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from salesplanner.about import version

    started = time.perf_counter()
    if sys.platform.startswith("linux"):
        _check_x11_libraries()
    # The bundle ships compiled catalogues: a catalogue with an unfinished or obsolete text stops the build.
    sys.path.insert(0, str(ROOT / "packaging"))
    import translations

    if translations.compile_all() != 0:
        raise SystemExit("build: the translations are not complete (see above)")
    work, dist = args.work.resolve(), args.dist.resolve()
    generated = work / "generated"
    shutil.rmtree(generated, ignore_errors=True)
    render_icons(generated / "icons" / "hicolor")
    app_icon = generated / "icons" / "hicolor" / "512x512" / "apps" / "salesplanner.png"
    file_icon = generated / "icons" / "hicolor" / "256x256" / "mimetypes" / "application-x-salesplanner.png"
    if sys.platform == "darwin":
        _convert_icon(file_icon, generated / "salesplan.icns")
    elif sys.platform == "win32":
        _convert_icon(file_icon, generated / "salesplan.ico")
    env = {**os.environ, "SALESPLANNER_BUILD": str(generated), "SALESPLANNER_ICON": str(app_icon)}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(work / "pyinstaller-dist"), "--workpath", str(work / "pyinstaller"), str(SPEC)],
                   check=True, env=env, cwd=ROOT)
    bundled = time.perf_counter()
    dist.mkdir(parents=True, exist_ok=True)
    name = f"SalesPlanner-{version()}-{_platform_tag()}"
    if sys.platform.startswith("linux"):
        artefact = linux_tarball(work / "pyinstaller-dist" / "salesplanner", generated / "icons", dist, name)
    elif sys.platform == "darwin":
        artefact = macos_dmg(work / "pyinstaller-dist" / "Sales Planner.app", dist, name)
    else:
        artefact = windows_installer(work / "pyinstaller-dist" / "salesplanner", dist, name, version())
    finished = time.perf_counter()
    print(f"{artefact}: {artefact.stat().st_size / 1e6:.1f} MB "
          f"(PyInstaller {bundled - started:.0f} s, packing {finished - bundled:.0f} s)")
    return 0


X11_PACKAGES = "libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0"
"""Debian's names for the xcb-util libraries Qt's X11 plugin links to (the bundle carries them)."""


def _check_x11_libraries() -> None:
    """Refuse to build a bundle that would not start on a desktop lacking Qt's xcb-util libraries: the
    bundle can only carry the ones this machine has."""
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    linked = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    missing = sorted({line.split()[0] for line in linked.splitlines() if "not found" in line})
    if missing:
        raise SystemExit(f"build: Qt's X11 plugin needs {', '.join(missing)}, which this machine lacks, so the "
                         f"bundle would not start on desktops without them. Install them (Debian and Ubuntu: "
                         f"apt-get install {X11_PACKAGES}) and build again.")


def render_icons(theme: Path) -> None:
    """PNGs of every size desktops look for, drawn from the SVGs with Qt; the SVGs go in as scalable."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    for name, context in ICON_NAMES.items():
        svg = ICONS / f"{name}.svg"
        renderer = QSvgRenderer(str(svg))
        if not renderer.isValid():
            raise SystemExit(f"build: {svg} is not a valid SVG")
        (theme / "scalable" / context).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(svg, theme / "scalable" / context / svg.name)
        for size in ICON_SIZES:
            image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(painter)
            painter.end()
            folder = theme / f"{size}x{size}" / context
            folder.mkdir(parents=True, exist_ok=True)
            image.save(str(folder / f"{name}.png"))


def linux_tarball(bundle: Path, icons: Path, dist: Path, name: str) -> Path:
    """The bundle with install.sh, uninstall.sh, the desktop entry, the file type and the icons, as
    NAME/ in NAME.tar.gz."""
    staging = bundle.parent / name
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(bundle, staging, symlinks=True)
    _strip_python(staging / "_internal")
    linux = ROOT / "packaging" / "linux"
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(linux / script, staging / script)
    shutil.copyfile(ROOT / "LICENSE", staging / "LICENSE")
    share = staging / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copyfile(linux / "salesplanner.desktop", share / "applications" / "salesplanner.desktop")
    (share / "mime" / "packages").mkdir(parents=True)
    shutil.copyfile(linux / "salesplanner-mime.xml", share / "mime" / "packages" / "salesplanner.xml")
    shutil.copytree(icons, share / "icons")
    archive = dist / f"{name}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(staging, arcname=name)
    shutil.rmtree(staging)
    return archive


def _strip_python(internal: Path) -> None:
    """Drop the debugging symbols of the interpreter and its standard extension modules (a Python built
    from source keeps them: 23 of its 34 MB here). Wheels' libraries are left alone: they come
    stripped, and some are patched in ways ``strip`` can break."""
    strip = shutil.which("strip")
    if strip is None:
        return
    targets = [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    targets = [path for path in targets if path.is_file() and not path.is_symlink()]
    if targets:
        subprocess.run([strip, "--strip-debug", *map(str, targets)], check=True)


def macos_dmg(app: Path, dist: Path, name: str) -> Path:
    """The .app beside a link to /Applications, in a compressed disk image (drag to install)."""
    staging = app.parent / "dmg"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    image = dist / f"{name}.dmg"
    image.unlink(missing_ok=True)
    subprocess.run(["hdiutil", "create", "-volname", "Sales Planner", "-srcfolder", str(staging), "-ov",
                    "-format", "UDZO", str(image)], check=True)
    return image


def windows_installer(bundle: Path, dist: Path, name: str, version: str) -> Path:
    """Inno Setup's installer of the folder (Start menu, .salesplan association, uninstaller), or the
    folder zipped where Inno Setup is not installed."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        return Path(shutil.make_archive(str(dist / name), "zip", bundle.parent, bundle.name))
    subprocess.run([iscc, f"/DAppVersion={version}", f"/DSourceDir={bundle}", f"/DOutputDir={dist}",
                    f"/DOutputName={name}-setup", str(ROOT / "packaging" / "windows" / "salesplanner.iss")],
                   check=True)
    return dist / f"{name}-setup.exe"


def _convert_icon(png: Path, target: Path) -> None:
    """The .salesplan file icon as .icns (macOS) or .ico (Windows); PyInstaller converts the app's own."""
    from PIL import Image  # Pillow comes with python-pptx

    with Image.open(png) as image:
        image.save(target, sizes=[(16, 16), (32, 32), (48, 48), (128, 128), (256, 256)])


def _platform_tag() -> str:
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(sys.platform, sys.platform)
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


if __name__ == "__main__":
    sys.exit(main())
