"""What ``salesplanner --version`` and the About dialog say: the version, our licence, and the
third-party software this copy of the app runs with, each with its licence texts.

Everything comes from package metadata, so there is one source for each fact: the version is
pyproject.toml's (installed as the distribution's metadata), and the third-party list is the installed
closure of our requirements. A bundle built by packaging/build.py carries the metadata of exactly the
distributions it ships, plus ``resources/licenses/bundle.json`` for what the bundler itself added (its
bootloader, system libraries); docs/packaging.md explains the layout.
"""

from __future__ import annotations

import json
import platform
import re
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from salesplanner.resources import RESOURCES

DISTRIBUTION = "salesplanner"
APP_NAME = "Sales Planner"
DESKTOP_ID = "salesplanner"
"""The desktop entry's file name without ``.desktop``: what Wayland and the task bar match windows by."""
PLAN_MIME_TYPE = "application/x-salesplanner"

LICENCES = RESOURCES / "licenses"
BUNDLE_NOTICES = LICENCES / "bundle.json"
"""Written into a bundle at build time (packaging/notices.py); absent in a source checkout."""

LICENCE_TEXT_FILES = {"LGPL-3.0-only": ("LGPL-3.0.txt", "GPL-3.0.txt"), "GPL-3.0-only": ("GPL-3.0.txt",)}
"""Licence texts we ship for distributions that carry none (PySide6 and shiboken6: Qt's LGPL v3, which
is a set of permissions added to the GPL v3, so both texts go together)."""

QT_SOURCE = ("Qt and Qt for Python are used under the GNU LGPL v3 as unmodified shared libraries, which "
             "you may replace with your own build. Their source code is at "
             "https://download.qt.io/official_releases/qt/ and "
             "https://download.qt.io/official_releases/QtForPython/.")


@dataclass(frozen=True)
class Component:
    """One piece of third-party software: its name, version, licence (an SPDX expression where the
    project gives one) and the licence texts that come with it, as (file name, text) pairs."""

    name: str
    version: str
    licence: str
    texts: tuple[tuple[str, str], ...]
    note: str = ""


def version() -> str:
    """The installed version: pyproject.toml's ``version``, the one the bundle's file name carries."""
    return metadata.version(DISTRIBUTION)


def licence_text() -> str:
    """Sales Planner's own licence (the LICENSE file, installed with the metadata)."""
    texts = _licence_files(metadata.distribution(DISTRIBUTION))
    return texts[0][1] if texts else ""


def third_party_components() -> list[Component]:
    """Python itself, every distribution our requirements pull in that is present, then whatever the
    bundler added, in that order (distributions alphabetically)."""
    components = [_python()]
    for name in sorted(runtime_distributions(), key=str.lower):
        components.append(_component(metadata.distribution(name)))
    if BUNDLE_NOTICES.is_file():
        components += [_bundled(entry) for entry in json.loads(BUNDLE_NOTICES.read_text(encoding="utf-8"))]
    return components


def runtime_distributions() -> set[str]:
    """Names of the installed distributions the app may import: the closure of our requirements
    (extras left out). packaging/salesplanner.spec copies the metadata of those it ships."""
    return _requirement_closure(DISTRIBUTION)


_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _requirement_closure(root: str) -> set[str]:
    """Installed distributions reachable from ``root`` through Requires-Dist, by canonical metadata
    name; a requirement that is not installed (an optional platform dependency, or one a bundle left
    out) ends its branch."""
    seen: set[str] = set()
    pending = [root]
    while pending:
        try:
            requires = metadata.distribution(pending.pop()).requires or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            match = _NAME.match(requirement)
            if match is None or "extra ==" in requirement.partition(";")[2]:
                continue
            try:
                name = _field(metadata.distribution(match.group(1)), "Name")
            except metadata.PackageNotFoundError:
                continue
            if name not in seen:
                seen.add(name)
                pending.append(name)
    return seen


def _component(dist: metadata.Distribution) -> Component:
    name = _field(dist, "Name")
    licence = (_field(dist, "License-Expression") or _short_licence(_field(dist, "License"))
               or _classifier_licence(dist))
    texts = _licence_files(dist)
    if not texts:  # PySide6 and shiboken6 name Qt's licences but ship no text
        files = dict.fromkeys(file for spdx, names in LICENCE_TEXT_FILES.items() if spdx in licence for file in names)
        texts = tuple((file, (LICENCES / file).read_text(encoding="utf-8")) for file in files)
    note = ""
    if name.lower().replace("_", "-") in ("pyside6-essentials", "shiboken6"):
        note = QT_SOURCE
    elif not texts:
        home = _field(dist, "Home-page") or next(
            (url.partition(", ")[2] for url in dist.metadata.get_all("Project-URL") or []), "")
        note = f"The distribution carries no licence text; its licence is {licence or 'not stated'}. {home}".strip()
    return Component(name, dist.version, licence or "see the text", texts, note)


def _field(dist: metadata.Distribution, key: str) -> str:
    values: list[str] = dist.metadata.get_all(key) or []
    return values[0] if values else ""


def _licence_files(dist: metadata.Distribution) -> tuple[tuple[str, str], ...]:
    """The texts named by License-File: under ``licenses/`` since PEP 639, beside METADATA before."""
    texts: list[tuple[str, str]] = []
    for name in dist.metadata.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name)
        if text:
            texts.append((name, text))
    return tuple(texts)


def _short_licence(value: str) -> str:
    """A License field that is a name, not a whole licence text pasted in (some projects do that)."""
    return value if value and "\n" not in value.strip() and len(value) < 80 else ""


def _classifier_licence(dist: metadata.Distribution) -> str:
    names = [c.rpartition(" :: ")[2] for c in dist.metadata.get_all("Classifier") or []
             if c.startswith("License :: ")]
    return ", ".join(names)


def _python() -> Component:
    """The interpreter: a bundle carries its licence among ours, an installed Python in its stdlib."""
    path = next((p for p in (LICENCES / "Python-LICENSE.txt", Path(sysconfig.get_path("stdlib")) / "LICENSE.txt")
                 if p.is_file()), None)
    texts = (("LICENSE.txt", path.read_text(encoding="utf-8")),) if path is not None else ()
    return Component("Python", platform.python_version(), "PSF-2.0", texts)


def _bundled(entry: dict[str, str]) -> Component:
    path = BUNDLE_NOTICES.parent / entry["file"]
    return Component(entry["name"], entry["version"], entry["licence"],
                     ((path.name, path.read_text(encoding="utf-8", errors="replace")),), entry.get("note", ""))
