"""Licence notices for what a bundle ships besides Python distributions: the Python interpreter, the
bundler's bootloader and, on Debian-based Linux, each system library the bundler copied in (found
through dpkg, with the package's copyright file).

Written to ``resources/licenses/`` of the bundle: salesplanner.about reads ``bundle.json`` and lists
these beside the distributions, so the About dialog names everything the bundle carries.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sysconfig
from importlib import metadata
from pathlib import Path

PYTHON_LICENCE = "Python-LICENSE.txt"
"""Where salesplanner.about looks for the interpreter's licence in a bundle."""


def write_notices(folder: Path, libraries: list[Path]) -> list[Path]:
    """Write the notices for a bundle that copies ``libraries`` (absolute paths on this machine) into
    ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(sysconfig.get_path("stdlib")) / "LICENSE.txt", folder / PYTHON_LICENCE)
    pyinstaller = metadata.distribution("pyinstaller")
    bootloader = folder / "PyInstaller-COPYING.txt"
    bootloader.write_text(pyinstaller.read_text("licenses/COPYING.txt") or pyinstaller.read_text("COPYING.txt") or "",
                          encoding="utf-8")
    entries = [{"name": "PyInstaller bootloader", "version": pyinstaller.version,
                "licence": "GPL-2.0-or-later WITH Bootloader-exception", "file": bootloader.name,
                "note": "The bootloader that starts the app; its exception allows any licence for the program."}]
    entries += _debian_packages(folder, libraries)
    (folder / "bundle.json").write_text(json.dumps(entries, indent=1), encoding="utf-8")
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _debian_packages(folder: Path, libraries: list[Path]) -> list[dict[str, str]]:
    """One entry per Debian package that owns any of ``libraries`` (none where there is no dpkg)."""
    if shutil.which("dpkg-query") is None:
        return []
    owners: dict[str, list[str]] = {}
    for library in libraries:
        real = library.resolve()
        # Merged /usr: dpkg may have recorded the file under /lib rather than /usr/lib, or the reverse.
        for candidate in dict.fromkeys([str(library), str(real), re.sub(r"^/usr/lib/", "/lib/", str(real)),
                                        re.sub(r"^/lib/", "/usr/lib/", str(real))]):
            found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                package = found.stdout.split(":", 1)[0].strip()
                owners.setdefault(package, []).append(library.name)
                break
    entries = []
    for package, names in sorted(owners.items()):
        version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                                 capture_output=True, text=True).stdout.strip()
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        text = copyright_file.read_text(encoding="utf-8", errors="replace") if copyright_file.is_file() else ""
        target = folder / "debian" / f"{package}.txt"
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
        entries.append({"name": f"{package} (Debian package)", "version": version,
                        "licence": _dep5_licences(text), "file": f"debian/{target.name}",
                        "note": "Shared libraries copied into the app: " + ", ".join(sorted(names))})
    return entries


def _dep5_licences(text: str) -> str:
    """The licence names of a machine-readable Debian copyright file, each once; else a pointer."""
    if not text.startswith("Format:"):
        return "see the text"
    names = dict.fromkeys(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("License:"))
    return ", ".join(name for name in names if name) or "see the text"
