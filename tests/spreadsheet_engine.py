"""LibreOffice Calc, headless, as the spreadsheet engine that recalculates exported workbooks in tests.

Why LibreOffice and not a Python formula evaluator: the point is that a real spreadsheet, reading the
file as Excel would, gets the app's numbers — structured references, defined names, SUMIFS criteria
and all. A Python evaluator would test its own reading of the formulas.

LibreOffice keeps a file's cached formula values unless told otherwise, so each run gets a private
profile whose ``OOXMLRecalcMode`` is 0 ("always recalculate"); the private profile also keeps
parallel runs apart. When Calc is missing the fixture installs it from Debian's packages (as
``.ci/run`` does) rather than skipping: a skipped test would hide a broken formula.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CALC_LIBRARY = Path("/usr/lib/libreoffice/program/libsclo.so")
"""Part of the libreoffice-calc package: ``soffice`` alone may be Impress or Draw."""

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def ensure_calc() -> str:
    """Path of ``soffice`` with Calc installed; installs libreoffice-calc with apt-get if needed."""
    soffice = shutil.which("soffice")
    if soffice is None or not CALC_LIBRARY.exists():
        subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libreoffice-calc"],
                       check=True, capture_output=True, timeout=900)
        soffice = shutil.which("soffice")
    assert soffice is not None and CALC_LIBRARY.exists(), "libreoffice-calc did not install"
    return soffice


def recalculate(soffice: str, workbooks: list[Path], folder: Path) -> list[Path]:
    """Open each workbook in Calc, recalculate every formula, save it as .xlsx in ``folder``."""
    return convert(soffice, workbooks, folder, "xlsx")


def to_pdf(soffice: str, workbooks: list[Path], folder: Path) -> list[Path]:
    """Print each workbook to PDF as Calc does (File → Export as PDF), into ``folder``."""
    return convert(soffice, workbooks, folder, "pdf")


def convert(soffice: str, workbooks: list[Path], folder: Path, suffix: str) -> list[Path]:
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    out = folder / ("recalculated" if suffix == "xlsx" else suffix)
    out.mkdir(exist_ok=True)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", suffix, "--outdir", str(out), *map(str, workbooks)],
        capture_output=True, text=True, timeout=300)
    converted = [out / workbook.with_suffix(f".{suffix}").name for workbook in workbooks]
    missing = [path.name for path in converted if not path.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stdout} {result.stderr}"
    return converted
