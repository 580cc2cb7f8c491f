"""Reading a roster file (CSV or XLSX) into a plain table, safely (README, "Roster import").

A roster comes from outside — an HR or CRM export, or a file someone mailed — so reading it must fail
with one clear sentence, never hang or exhaust memory:

- **CSV**: UTF-8 (with or without BOM), else Windows-1252, else Latin-1 (which decodes anything);
  the delimiter is the one of ``,`` ``;`` tab that the header row uses most. At most ``MAX_CSV_BYTES``.
- **XLSX**: read with python-calamine, but only after the archive has been checked with the standard
  library: a zip at all (a password-protected workbook is an OLE file, not a zip), no part larger
  than ``MAX_PART_BYTES`` unpacked, no DTD in any XML part we read (an XML bomb needs one; defusedxml
  parses the workbook's own index), and at most ``MAX_ROWS`` rows and ``MAX_CELLS`` cells in the sheet,
  counted by streaming its XML — so a 1,000,000-row sheet is refused before anything is loaded, even
  when its ``<dimension>`` lies.

The header is row 1; every data row keeps the row number a spreadsheet shows for it.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, TypeAlias

from salesplanner.model import PlanError

Cell: TypeAlias = str | float | int | bool | date | datetime | time | timedelta | None

MAX_ROWS = 200_000
"""Data rows a roster may have: 20 times the largest sales organisation the app is built for."""
MAX_CELLS = 10_000_000
MAX_CSV_BYTES = 100 * 2**20
MAX_PART_BYTES = 512 * 2**20
"""Largest unpacked XML part of a workbook (a 200,000-row sheet of 20 columns is about 150 MB)."""
_SCAN_CHUNK = 1 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Tag starts counted with bytes.count (a regular expression is 20 times slower on a big sheet). A
# prefixed tag (``<x:row``) is counted at its start and its end, and ``<rowBreaks`` as a row: counts
# only err upwards, which is the safe side of a limit.
_ROW_TAGS = (b"<row", b":row")
_CELL_TAGS = (b"<c", b":c ")
MAX_COLUMN_LETTERS = 2
"""Columns up to ZZ (702). A reader sizes its grid by the largest reference, so a sheet with one cell
at XFD1048576 would ask for 17 billion cells: references beyond ZZ or row ``MAX_ROWS + 1`` are refused."""
_FAR_REFERENCE = re.compile(rb'r="(?:[A-Z]{%d,}|[A-Z]{0,%d}(\d{6,}))' % (MAX_COLUMN_LETTERS + 1, MAX_COLUMN_LETTERS))
_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
PREFERRED_SHEET = "Roster"
"""The sheet read from a workbook that has one of this name (the app's own export); else the first."""


@dataclass(frozen=True, slots=True)
class RosterTable:
    """The cells of a roster: a header row and data rows, each with its spreadsheet row number."""

    source: str
    """The file's name, for messages."""
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    """Each row padded or cut to the header's width; wholly blank rows are left out."""
    row_numbers: tuple[int, ...]
    """The spreadsheet row number of each row (the header is row 1)."""
    sheet: str | None = None


def read_roster(path: str | Path, *, sheet: str | None = None) -> RosterTable:
    """Read a CSV or XLSX roster; raises ``PlanError`` with one sentence for a file it cannot read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            magic = stream.read(8)
    except OSError as error:
        raise PlanError(f"{path.name}: could not be read ({error.strerror or error})") from None
    if size == 0:
        raise PlanError(f"{path.name} is empty")
    if magic.startswith(_OLE_MAGIC):
        raise PlanError(f"{path.name} is a password-protected workbook or an old .xls file: save it "
                        "unprotected as .xlsx (or as CSV) and import that")
    if magic.startswith(_ZIP_MAGIC):
        return _read_xlsx(path, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise PlanError(f"{path.name} is not an Excel workbook (it is not a zip archive); if it is a CSV "
                        "file, give it the .csv extension")
    return _read_csv(path, size)


def _table(source: str, raw_rows: Iterator[tuple[int, list[Cell]]], sheet: str | None) -> RosterTable:
    """Header from the first row, then the data rows cut to its width, blank rows left out."""
    first = next(raw_rows, None)
    if first is None or _blank(first[1]):
        raise PlanError(f"{source}: row 1 must hold the column names, but it is empty")
    header_cells = first[1]
    while header_cells and not _filled(header_cells[-1]):
        header_cells = header_cells[:-1]
    width = len(header_cells)
    headers = tuple(_header_text(value, index) for index, value in enumerate(header_cells))
    rows: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    for number, cells in raw_rows:
        if _blank(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise PlanError(f"{source} has more than {MAX_ROWS:,} rows; split it or remove unused rows")
        if len(cells) > width and any(_filled(value) for value in cells[width:]):
            # Data beyond the last named column: keep it in an unnamed column so it is reported.
            extra = len(cells) - width
            headers += tuple(_header_text(None, width + index) for index in range(extra))
            rows = [row + (None,) * extra for row in rows]
            width = len(cells)
        rows.append(tuple(cells) if len(cells) == width else tuple(cells[:width]) + (None,) * (width - len(cells)))
        numbers.append(number)
    return RosterTable(source, headers, tuple(rows), tuple(numbers), sheet)


def _filled(value: Cell) -> bool:
    return value is not None and not (type(value) is str and not value.strip())


def _blank(cells: list[Cell]) -> bool:
    return all(value is None or (type(value) is str and not value.strip()) for value in cells)


def _header_text(value: Cell, index: int) -> str:
    text = "" if value is None else str(value).strip()
    return text or f"Column {_letters(index)}"


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# --- CSV --------------------------------------------------------------------------------------------

def _read_csv(path: Path, size: int) -> RosterTable:
    if size > MAX_CSV_BYTES:
        raise PlanError(f"{path.name} is larger than {MAX_CSV_BYTES // 2**20} MB; split it")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            with path.open("rb") as raw:
                return _parse_csv(path.name, io.TextIOWrapper(raw, encoding=encoding, newline=""))
        except UnicodeDecodeError:
            continue  # the next encoding reads the whole file again; only the first few fail here
        except csv.Error as error:
            raise PlanError(f"{path.name} is not a readable CSV file ({error})") from None
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def _parse_csv(source: str, text: IO[str]) -> RosterTable:
    header_line = text.readline(1 << 20)
    if not header_line.strip():
        if not text.read(1 << 16).strip():
            raise PlanError(f"{source} is empty")
        raise PlanError(f"{source}: row 1 must hold the column names, but it is empty")
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    lines = _chain(header_line, text)
    reader = csv.reader(lines, delimiter=delimiter)
    # Record numbers are the rows a spreadsheet shows (a quoted field may span several lines).
    return _table(source, ((number, list(cells)) for number, cells in enumerate(reader, start=1)), None)


def _chain(first: str, rest: IO[str]) -> Iterator[str]:
    yield first
    yield from rest


# --- XLSX -------------------------------------------------------------------------------------------

def _read_xlsx(path: Path, wanted: str | None) -> RosterTable:
    name = _check_xlsx(path, wanted)
    try:
        from python_calamine import CalamineWorkbook

        workbook = CalamineWorkbook.from_path(str(path))
        values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except PlanError:
        raise
    except Exception as error:  # a parser error on a malformed file: the user needs one sentence
        raise PlanError(f"{path.name} could not be read as a workbook ({error})") from None
    return _table(path.name, ((number, list(cells)) for number, cells in enumerate(values, start=1)), name)


def _check_xlsx(path: Path, wanted: str | None) -> str:
    """The name of the sheet to read, once the archive has passed the safety checks."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise PlanError(f"{path.name}: part {info.filename} unpacks to more than "
                                    f"{MAX_PART_BYTES // 2**20} MB; refusing it")
            sheets = _sheets(archive, path.name)
            if not sheets:
                raise PlanError(f"{path.name} has no worksheet")
            if wanted is not None:
                chosen = next(((n, p) for n, p in sheets if n == wanted), None)
                if chosen is None:
                    raise PlanError(f'{path.name} has no sheet named "{wanted}"')
            else:
                chosen = next(((n, p) for n, p in sheets if n.lower() == PREFERRED_SHEET.lower()), sheets[0])
            _scan_sheet(archive, chosen[1], path.name)
            if "xl/sharedStrings.xml" in archive.namelist():
                _refuse_dtd(archive, "xl/sharedStrings.xml", path.name)
            return chosen[0]
    except zipfile.BadZipFile as error:
        raise PlanError(f"{path.name} is not a readable Excel workbook ({error})") from None
    except OSError as error:
        raise PlanError(f"{path.name}: could not be read ({error.strerror or error})") from None


def _xml(archive: zipfile.ZipFile, part: str, source: str) -> bytes:
    try:
        data = archive.read(part)
    except KeyError:
        raise PlanError(f"{source} is not an Excel workbook (it has no {part})") from None
    if _DTD.search(data[:65536]):
        raise PlanError(f"{source}: {part} declares a DTD, which a workbook never needs; refusing it as unsafe")
    return data


def _sheets(archive: zipfile.ZipFile, source: str) -> list[tuple[str, str]]:
    """(name, part path) of each worksheet in workbook order, from xl/workbook.xml and its relations."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    try:
        workbook = ElementTree.fromstring(_xml(archive, "xl/workbook.xml", source))
        relations = ElementTree.fromstring(_xml(archive, "xl/_rels/workbook.xml.rels", source))
    except PlanError:
        raise
    except ElementTree.ParseError as error:
        raise PlanError(f"{source} is not a readable Excel workbook ({error})") from None
    except Exception as error:  # defusedxml refuses entities and external references with its own errors
        raise PlanError(f"{source}: refusing an unsafe workbook ({type(error).__name__})") from None
    targets = {item.get("Id"): item.get("Target", "") for item in relations.iter(f"{{{_PACKAGE_NS}}}Relationship")}
    sheets = []
    for item in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(item.get(f"{{{_RELATIONSHIP_NS}}}id"))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        sheets.append((str(item.get("name", "")), part))
    return sheets


def _refuse_dtd(archive: zipfile.ZipFile, part: str, source: str) -> None:
    with archive.open(part) as stream:
        if _DTD.search(stream.read(65536)):
            raise PlanError(f"{source}: {part} declares a DTD, which a workbook never needs; refusing it as unsafe")


def _count(data: bytes, tags: tuple[bytes, ...]) -> int:
    return sum(data.count(tag) for tag in tags)


def _scan_sheet(archive: zipfile.ZipFile, part: str, source: str) -> None:
    """Count the sheet's rows and cells by streaming its XML; refuse it above the limits."""
    try:
        stream = archive.open(part)
    except KeyError:
        raise PlanError(f"{source} is not a readable Excel workbook (it has no {part})") from None
    rows = cells = 0
    tail = b""
    with stream:
        first = True
        while chunk := stream.read(_SCAN_CHUNK):
            if first and _DTD.search(chunk[:65536]):
                raise PlanError(f"{source}: {part} declares a DTD, which a workbook never needs; "
                                "refusing it as unsafe")
            first = False
            # A tag start cut by the chunk boundary waits for the next chunk: counted once, whole.
            window = tail + chunk
            cut = window.rfind(b"<")
            if cut < 0 or b">" in window[cut:] or len(window) - cut > 1024:
                cut = len(window)
            head, tail = window[:cut], window[cut:]
            rows += _count(head, _ROW_TAGS)
            cells += _count(head, _CELL_TAGS)
            if rows > MAX_ROWS + 1:
                raise PlanError(f"{source} has more than {MAX_ROWS:,} rows; split it or remove unused rows")
            if cells > MAX_CELLS:
                raise PlanError(f"{source} has more than {MAX_CELLS:,} cells; remove unused columns")
            for far in _FAR_REFERENCE.finditer(head):
                if far[1] is None or int(far[1]) > MAX_ROWS + 1:
                    raise PlanError(f"{source} reaches beyond row {MAX_ROWS + 1:,} or column ZZ; "
                                    "remove unused rows and columns")
