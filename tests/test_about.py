"""The version, our licence and the third-party list: what `salesplanner --version` and Help → About say."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from salesplanner import about
from ui.launch import main as launch

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
DEV_TOOLS = {"pytest", "pytest-qt", "hypothesis", "mypy", "ruff", "import-linter", "pypdf", "pyinstaller"}


def test_the_version_is_pyprojects(capsys: pytest.CaptureFixture[str]) -> None:
    assert about.version() == PYPROJECT_VERSION
    with pytest.raises(SystemExit) as exit_:
        launch(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"salesplanner {PYPROJECT_VERSION}\n"


def test_our_licence_is_the_license_file() -> None:
    text = about.licence_text()
    assert text == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The Sales Planner authors")


def test_third_party_software_is_what_the_app_runs_with_not_the_dev_tools() -> None:
    components = {c.name.lower().replace("_", "-"): c for c in about.third_party_components()}
    assert {"python", "pyside6-essentials", "shiboken6", "orjson", "xlsxwriter", "python-pptx", "python-calamine",
            "defusedxml", "numpy", "lxml", "pillow"} <= components.keys()
    assert not DEV_TOOLS & components.keys()
    assert about.third_party_components()[0].name == "Python"
    for component in components.values():
        assert component.texts or component.note, f"{component.name} has neither a licence text nor a note"


def test_qt_comes_with_the_lgpl_and_gpl_texts_and_where_its_source_is() -> None:
    pyside = next(c for c in about.third_party_components() if c.name.lower().startswith("pyside6"))
    assert "LGPL-3.0-only" in pyside.licence
    names = [name for name, _text in pyside.texts]
    assert names == ["LGPL-3.0.txt", "GPL-3.0.txt"]
    assert pyside.texts[0][1].lstrip().startswith("GNU LESSER GENERAL PUBLIC LICENSE")
    assert pyside.texts[1][1].lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "shared libraries" in pyside.note
    assert "https://download.qt.io/official_releases/qt/" in pyside.note


def test_a_distribution_without_a_licence_text_says_so() -> None:
    defusedxml = next(c for c in about.third_party_components() if c.name == "defusedxml")
    assert defusedxml.texts == ()
    assert defusedxml.note.startswith("The distribution carries no licence text; its licence is PSFL.")


def test_a_bundle_adds_what_its_bundler_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "debian").mkdir()
    (tmp_path / "debian" / "zlib1g.txt").write_text("Format: …\nLicense: Zlib\n", encoding="utf-8")
    (tmp_path / "bundle.json").write_text(json.dumps([
        {"name": "zlib1g (Debian package)", "version": "1:1.2.13", "licence": "Zlib", "file": "debian/zlib1g.txt",
         "note": "Shared libraries copied into the app: libz.so.1"}]), encoding="utf-8")
    monkeypatch.setattr(about, "BUNDLE_NOTICES", tmp_path / "bundle.json")
    last = about.third_party_components()[-1]
    assert (last.name, last.version, last.licence) == ("zlib1g (Debian package)", "1:1.2.13", "Zlib")
    assert last.texts == (("zlib1g.txt", "Format: …\nLicense: Zlib\n"),)
    assert last.note == "Shared libraries copied into the app: libz.so.1"
