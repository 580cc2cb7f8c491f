"""Reading a roster file (CSV or XLSX) into a plain table, safely (README, "Roster import").

A roster comes from outside — an HR or CRM export, or a file someone mailed — so reading it must fail
with one clear sentence, never hang or exhaust memory:

- **Any file**: a regular file only (a named pipe would hang the reader, ``/dev/zero`` never ends).
- **CSV**: UTF-16 or UTF-8 when a byte-order mark says so (spreadsheets export "Unicode text" as UTF-16
  with one), UTF-16 without one when its zero bytes show it, else UTF-8, else Windows-1252, else
  Latin-1 (which decodes anything). A file that is not text (zero bytes, control characters, an image
  or PDF signature) is named as such. The delimiter is the one of ``,`` ``;`` tab that the header row
  uses most. At most ``MAX_CSV_BYTES``, ``MAX_COLUMNS`` columns and ``MAX_RECORD_CHARS`` characters a
  row, so one endless row cannot fill memory.
- **XLSX**: the archive is checked with the standard library first: a zip at all (a password-protected
  workbook is an OLE file, not a zip), no part larger than ``MAX_PART_BYTES`` unpacked and no shared
  strings or styles larger than ``MAX_SHARED_STRINGS_BYTES``, no DTD in any XML part we read (an XML
  bomb needs one; defusedxml parses the workbook's own index), and at most ``MAX_ROWS`` rows and
  ``MAX_CELLS`` cells in the sheet, counted by streaming its XML — so a 1,000,000-row sheet is refused
  before anything is loaded, even when its ``<dimension>`` lies. python-calamine then reads the sheet
  fast, into a grid as large as the farthest cell; a sheet whose grid could pass ``MAX_GRID_CELLS``
  (columns beyond Z and rows beyond 9,999 — a few cells far apart) is streamed row by row with
  openpyxl instead, keeping only the cells there are.

Whatever the format, the table kept is at most ``MAX_CELLS`` cells. The header is row 1; every data row
keeps the row number a spreadsheet shows for it.
"""

from __future__ import annotations

import csv
import io
import os
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, TypeAlias, cast

from salesplanner.files import NotARegularFileError, open_regular
from salesplanner.i18n import msg
from salesplanner.model import PlanError

Cell: TypeAlias = str | float | int | bool | date | datetime | time | timedelta | None

MAX_ROWS = 200_000
"""Data rows a roster may have: 20 times the largest sales organisation the app is built for."""
MAX_CELLS = 10_000_000
MAX_CSV_BYTES = 100 * 2**20
MAX_PART_BYTES = 512 * 2**20
"""Largest unpacked XML part of a workbook (a 200,000-row sheet of 20 columns is about 150 MB)."""
MAX_SHARED_STRINGS_BYTES = 64 * 2**20
"""Largest unpacked shared-strings or styles part: a reader holds all of it in memory at about three
times its size. 200,000 rows with a unique name, email and location each take about 25 MB."""
MAX_GRID_CELLS = 8_000_000
"""The largest grid python-calamine may build (about 250 MB); a sparser sheet is streamed instead."""
MAX_COLUMNS = 702
"""Columns a roster may have (A to ZZ), in a CSV as in a workbook."""
MAX_RECORD_CHARS = 2**20
"""Characters one CSV row may have: 702 columns of 1,000 characters fit."""
MAX_HEADER_CHARS = 200
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
# What could make calamine's grid large: a column beyond Z together with a row beyond 9,999 (702 × 9,999
# cells is below MAX_GRID_CELLS; 26 columns × MAX_ROWS is too). A reference written in any other way than
# r="A1" (other quotes, spaces) is not seen by these patterns, so it sends the sheet to the streaming reader.
_WIDE_REFERENCE = re.compile(rb' r="[A-Z]{2}\d')
_LONG_REFERENCE = re.compile(rb' r="[A-Z]{1,2}\d{5}')
_UNUSUAL_REFERENCES = (b" r='", b" r =", b" r= ", b" r=\t", b" r=\n", b" r=\r")
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
        with open_regular(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            head = stream.read(_SNIFF_BYTES)
            if size == 0:
                raise PlanError(msg("{file} is empty", file=path.name))
            if head.startswith(_OLE_MAGIC):
                raise PlanError(msg(
                    "{file} is a password-protected workbook or an old .xls file: save it unprotected as .xlsx (or as "
                    "CSV) and import that",
                    file=path.name))
            if head.startswith(_ZIP_MAGIC):
                return _read_xlsx(path, stream, sheet)
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                raise PlanError(msg(
                    "{file} is not an Excel workbook (it is not a zip archive); if it is a CSV file, give it the .csv "
                    "extension",
                    file=path.name))
            if size > MAX_CSV_BYTES:
                raise PlanError(msg(
                    "{file} is larger than {limit} MB; split it",
                    file=path.name, limit=MAX_CSV_BYTES // 2**20))
            return _read_csv(path.name, stream, head)
    except NotARegularFileError as error:
        raise PlanError(msg("{file} is {kind}, not a roster file", file=path.name, kind=error.kind)) from None
    except OSError as error:
        raise PlanError(msg(
            "{file}: could not be read ({reason})",
            file=path.name, reason=str(error.strerror or error))) from None


def _table(source: str, raw_rows: Iterator[tuple[int, list[Cell]]], sheet: str | None) -> RosterTable:
    """Header from the first row, then the data rows cut to its width, blank rows left out."""
    first = next(raw_rows, None)
    if first is None or _blank(first[1]):
        raise PlanError(msg("{file}: row 1 must hold the column names, but it is empty", file=source))
    header_cells = first[1]
    while header_cells and not _filled(header_cells[-1]):
        header_cells = header_cells[:-1]
    _check_width(source, 1, len(header_cells))
    width = len(header_cells)
    headers = tuple(_header_text(value, index) for index, value in enumerate(header_cells))
    rows: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    for number, cells in raw_rows:
        if _blank(cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise PlanError(msg(
                "{file} has more than {limit} rows; split it or remove unused rows",
                file=source, limit=MAX_ROWS))
        if len(cells) > width and any(_filled(value) for value in cells[width:]):
            # Data beyond the last named column: keep it in an unnamed column so it is reported.
            while not _filled(cells[-1]):
                cells = cells[:-1]
            _check_width(source, number, len(cells))
            extra = len(cells) - width
            headers += tuple(_header_text(None, width + index) for index in range(extra))
            rows = [row + (None,) * extra for row in rows]
            width = len(cells)
        if (len(rows) + 1) * width > MAX_CELLS:
            raise PlanError(msg(
                "{file} has more than {limit} cells ({width} columns); remove unused rows and columns",
                file=source, limit=MAX_CELLS, width=width))
        rows.append(tuple(cells) if len(cells) == width else tuple(cells[:width]) + (None,) * (width - len(cells)))
        numbers.append(number)
    return RosterTable(source, headers, tuple(rows), tuple(numbers), sheet)


def _check_width(source: str, number: int, width: int) -> None:
    if width > MAX_COLUMNS:
        raise PlanError(msg(
            "{file}: row {number} has data in more than {limit} columns (beyond column {max_columns}); remove unused "
            "columns",
            file=source, number=number, limit=MAX_COLUMNS, max_columns=_letters(MAX_COLUMNS - 1)))


def _filled(value: Cell) -> bool:
    return value is not None and not (type(value) is str and not value.strip())


def _blank(cells: list[Cell]) -> bool:
    return all(value is None or (type(value) is str and not value.strip()) for value in cells)


def _header_text(value: Cell, index: int) -> str:
    """A column's name; a name longer than ``MAX_HEADER_CHARS`` is cut (no alias is that long, and every
    report and the import dialog list the columns they ignore)."""
    text = "" if value is None else str(value).strip()
    if len(text) > MAX_HEADER_CHARS:
        text = text[:MAX_HEADER_CHARS - 1] + "…"
    return text or f"Column {_letters(index)}"


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# --- CSV ---------------------------------------------------------------------------------------------

_SNIFF_BYTES = 1 << 16
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_SIGNATURES = ((b"%PDF", msg("a PDF document")), (b"\x89PNG", msg("a PNG image")),
               (b"\xff\xd8\xff", msg("a JPEG image")), (b"GIF8", msg("a GIF image")),
               (b"\x1f\x8b", msg("a gzip archive")), (b"7z\xbc\xaf", msg("a 7-Zip archive")),
               (b"Rar!", msg("a RAR archive")), (b"{\\rtf", msg("an RTF document")))
# Bytes that text never holds (tab, line feed, form feed and carriage return aside).
_BINARY_BYTES = bytes(range(0, 9)) + b"\x0b" + bytes(range(14, 32))


def _encodings(source: str, head: bytes) -> tuple[str, ...]:
    """The encodings to try, in order, from the file's first bytes; refuses a file that is not text."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return (encoding,)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            raise PlanError(msg("{file} is {kind}, not a roster: import a CSV or XLSX file", file=source, kind=kind))
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
            return ("utf-16-le",)  # UTF-16 without a byte-order mark: every other byte of Latin text is zero
        if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
            return ("utf-16-be",)
    if len(head.translate(None, _BINARY_BYTES)) < len(head) * 0.99 or b"\x00" in head:
        raise PlanError(msg(
            "{file} is not a text file (it holds binary data), so not a CSV roster: import a CSV or XLSX file",
            file=source))
    return ("utf-8-sig", "cp1252", "latin-1")


def _read_csv(source: str, stream: IO[bytes], head: bytes) -> RosterTable:
    encodings = _encodings(source, head)
    for encoding in encodings:
        stream.seek(0)
        wrapper = io.TextIOWrapper(stream, encoding=encoding, newline="")
        try:
            return _parse_csv(source, wrapper)
        except UnicodeDecodeError:
            if len(encodings) == 1:
                raise PlanError(msg(
                    "{file} is not readable {sig} text although it starts like it; save it again as CSV (UTF-8)",
                    file=source, sig=encoding.upper().removesuffix('-SIG'))) from None
            continue  # the next encoding reads the whole file again; only the first few fail here
        except csv.Error as error:
            raise PlanError(msg(
                "{file} is not a readable CSV file ({reason})",
                file=source, reason=str(error))) from None
        finally:
            wrapper.detach()  # the stream stays open for the next encoding
            stream.seek(0)
    raise AssertionError("latin-1 decodes any byte")  # pragma: no cover


def _parse_csv(source: str, text: IO[str]) -> RosterTable:
    header_line = text.readline(MAX_RECORD_CHARS)
    if not header_line.strip():
        if not text.read(1 << 16).strip():
            raise PlanError(msg("{file} is empty", file=source))
        raise PlanError(msg("{file}: row 1 must hold the column names, but it is empty", file=source))
    counts = {delimiter: header_line.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    lines = _BoundedLines(source, header_line, text)
    # Spaces after a delimiter ("Ana, AE, Nordics") are layout; anything else in a cell is kept as written.
    reader = csv.reader(lines, delimiter=delimiter, skipinitialspace=True)
    # Record numbers are the rows a spreadsheet shows (a quoted field may span several lines).
    return _table(source, ((number, lines.record_read(cells)) for number, cells in enumerate(reader, start=1)),
                  None)


class _BoundedLines:
    """The lines of a CSV file for ``csv.reader``, refusing a row (record) longer than ``MAX_RECORD_CHARS``:
    the csv module would otherwise build a list of millions of fields from one endless row."""

    def __init__(self, source: str, first: str, rest: IO[str]) -> None:
        self._source = source
        self._pending: str | None = first
        self._rest = rest
        self._record = 0
        self._records = 1

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        if self._pending is not None:
            line, self._pending = self._pending, None
        else:
            line = self._rest.readline(MAX_RECORD_CHARS + 1)
            if not line:
                raise StopIteration
        self._record += len(line)
        if self._record > MAX_RECORD_CHARS:
            raise PlanError(msg(
                "{file}: row {records} is longer than {limit} characters; this is not a roster a spreadsheet wrote",
                file=self._source, records=self._records, limit=MAX_RECORD_CHARS))
        return line

    def record_read(self, cells: list[str]) -> list[Cell]:
        """The reader returned a record: the next one starts counting afresh."""
        self._record = 0
        self._records += 1
        return cast("list[Cell]", cells)


# --- XLSX -------------------------------------------------------------------------------------------

def _read_xlsx(path: Path, stream: IO[bytes], wanted: str | None) -> RosterTable:
    name, sparse = _check_xlsx(path.name, stream, wanted)
    stream.seek(0)
    if sparse:
        return _table(path.name, _stream_rows(path.name, stream, name), name)
    try:
        from python_calamine import CalamineWorkbook

        # By path, not from the stream: calamine reads a file-like object whole into memory first.
        workbook = CalamineWorkbook.from_path(str(path))
        values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except PlanError:
        raise
    except Exception as error:  # a parser error on a malformed file: the user needs one sentence
        raise PlanError(msg(
            "{file} could not be read as a workbook ({reason})",
            file=path.name, reason=str(error))) from None
    return _table(path.name, ((number, list(cells)) for number, cells in enumerate(values, start=1)), name)


def _stream_rows(source: str, stream: IO[bytes], sheet: str) -> Iterator[tuple[int, list[Cell]]]:
    """The sheet's rows as openpyxl streams them, each only as wide as its last cell, so a sheet with a
    few cells far apart costs what its cells cost. Rows past ``MAX_ROWS + 1`` are refused as they come."""
    try:
        import openpyxl  # type: ignore[import-untyped]

        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        try:
            worksheet = workbook[sheet]
            worksheet.reset_dimensions()  # ignore <dimension>: rows are as wide as their own cells
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS + 1:
                    raise PlanError(msg(
                        "{file} reaches beyond row {limit}; remove unused rows",
                        file=source, limit=MAX_ROWS + 1))
                if len(cells) > MAX_COLUMNS and any(_filled(value) for value in cells[MAX_COLUMNS:]):
                    _check_width(source, number, len(cells))
                yield number, list(cells)
        finally:
            workbook.close()
    except PlanError:
        raise
    except Exception as error:  # a parser error on a malformed file: the user needs one sentence
        raise PlanError(msg(
            "{file} could not be read as a workbook ({reason})",
            file=source, reason=str(error))) from None


def _check_xlsx(source: str, stream: IO[bytes], wanted: str | None) -> tuple[str, bool]:
    """The name of the sheet to read and whether to stream it, once the archive has passed the checks."""
    try:
        with zipfile.ZipFile(stream) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_PART_BYTES:
                    raise PlanError(msg(
                        "{file}: part {filename} unpacks to more than {limit} MB; refusing it",
                        file=source, filename=info.filename, limit=MAX_PART_BYTES // 2**20))
            sheets, held = _sheets(archive, source)
            for info in archive.infolist():
                if info.filename in held and info.file_size > MAX_SHARED_STRINGS_BYTES:
                    raise PlanError(msg(
                        "{file}: part {filename} unpacks to more than {limit} MB; refusing it",
                        file=source, filename=info.filename, limit=MAX_SHARED_STRINGS_BYTES // 2**20))
            if not sheets:
                raise PlanError(msg("{file} has no worksheet", file=source))
            if wanted is not None:
                chosen = next(((n, p) for n, p in sheets if n == wanted), None)
                if chosen is None:
                    raise PlanError(msg('{file} has no sheet named "{wanted}"', file=source, wanted=wanted))
            else:
                chosen = next(((n, p) for n, p in sheets if n.lower() == PREFERRED_SHEET.lower()), sheets[0])
            sparse = _scan_sheet(archive, chosen[1], source)
            for part in sorted(held & set(archive.namelist())):
                _refuse_dtd(archive, part, source)
            return chosen[0], sparse
    except zipfile.BadZipFile as error:
        raise PlanError(msg(
            "{file} is not a readable Excel workbook ({reason})",
            file=source, reason=str(error))) from None


def _xml(archive: zipfile.ZipFile, part: str, source: str) -> bytes:
    try:
        data = archive.read(part)
    except KeyError:
        raise PlanError(msg("{file} is not an Excel workbook (it has no {part})", file=source, part=part)) from None
    if _DTD.search(data[:65536]):
        raise PlanError(msg(
            "{file}: {part} declares a DTD, which a workbook never needs; refusing it as unsafe",
            file=source, part=part))
    return data


_HELD_WHOLE = ("/sharedStrings", "/styles")
"""Relationship types of the parts a reader holds whole in memory: bounded by MAX_SHARED_STRINGS_BYTES."""


def _sheets(archive: zipfile.ZipFile, source: str) -> tuple[list[tuple[str, str]], set[str]]:
    """(name, part path) of each worksheet in workbook order, from xl/workbook.xml and its relations, and
    the parts a reader holds whole (shared strings, styles), wherever the relations put them."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    try:
        workbook = ElementTree.fromstring(_xml(archive, "xl/workbook.xml", source))
        relations = ElementTree.fromstring(_xml(archive, "xl/_rels/workbook.xml.rels", source))
    except PlanError:
        raise
    except ElementTree.ParseError as error:
        raise PlanError(msg(
            "{file} is not a readable Excel workbook ({reason})",
            file=source, reason=str(error))) from None
    except Exception as error:  # defusedxml refuses entities and external references with its own errors
        raise PlanError(msg(
            "{file}: refusing an unsafe workbook ({kind})",
            file=source, kind=type(error).__name__)) from None
    targets: dict[str | None, str] = {}
    held = {"xl/sharedStrings.xml", "xl/styles.xml"}
    for item in relations.iter(f"{{{_PACKAGE_NS}}}Relationship"):
        target = _part(item.get("Target", ""))
        targets[item.get("Id")] = target
        if str(item.get("Type", "")).endswith(_HELD_WHOLE):
            held.add(target)
    sheets = []
    for item in workbook.iter(f"{{{_MAIN_NS}}}sheet"):
        sheet_part = targets.get(item.get(f"{{{_RELATIONSHIP_NS}}}id"))
        if sheet_part:
            sheets.append((str(item.get("name", "")), sheet_part))
    return sheets, held


def _part(target: str) -> str:
    """A relationship's target as a part name in the archive."""
    if not target:
        return ""
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _refuse_dtd(archive: zipfile.ZipFile, part: str, source: str) -> None:
    with archive.open(part) as stream:
        if _DTD.search(stream.read(65536)):
            raise PlanError(msg(
                "{file}: {part} declares a DTD, which a workbook never needs; refusing it as unsafe",
                file=source, part=part))


def _count(data: bytes, tags: tuple[bytes, ...]) -> int:
    return sum(data.count(tag) for tag in tags)


def _scan_sheet(archive: zipfile.ZipFile, part: str, source: str) -> bool:
    """Count the sheet's rows and cells by streaming its XML and refuse it above the limits; True when
    its cells may lie so far apart that calamine's grid would pass ``MAX_GRID_CELLS``."""
    try:
        stream = archive.open(part)
    except KeyError:
        raise PlanError(msg(
            "{file} is not a readable Excel workbook (it has no {part})",
            file=source, part=part)) from None
    rows = cells = 0
    tail = b""
    wide = long = unusual = False
    with stream:
        first = True
        while chunk := stream.read(_SCAN_CHUNK):
            if first and _DTD.search(chunk[:65536]):
                raise PlanError(msg(
                    "{file}: {part} declares a DTD, which a workbook never needs; refusing it as unsafe",
                    file=source, part=part))
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
                raise PlanError(msg(
                    "{file} has more than {limit} rows; split it or remove unused rows",
                    file=source, limit=MAX_ROWS))
            if cells > MAX_CELLS:
                raise PlanError(msg(
                    "{file} has more than {limit} cells; remove unused columns",
                    file=source, limit=MAX_CELLS))
            for far in _FAR_REFERENCE.finditer(head):
                if far[1] is None or int(far[1]) > MAX_ROWS + 1:
                    raise PlanError(msg(
                        "{file} reaches beyond row {limit} or column ZZ; remove unused rows and columns",
                        file=source, limit=MAX_ROWS + 1))
            wide = wide or _WIDE_REFERENCE.search(head) is not None
            long = long or _LONG_REFERENCE.search(head) is not None
            unusual = unusual or any(marker in head for marker in _UNUSUAL_REFERENCES)
    return unusual or (wide and long)
