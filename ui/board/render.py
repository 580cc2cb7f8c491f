"""The board as an image or a document: PNG, SVG, PDF, and printing — offscreen, no window needed.

Exports are drawn from a board scene of their own (no selection, no hover, the light palette) laid out
for paper: more columns than the screen, one group per PDF page, long groups split between rows. PNGs
are capped (a 10,000-person board at 2× would need gigabytes): past the cap the user gets one sentence
suggesting a PDF or a lower resolution.

Every file is drawn into a temporary file beside the target, checked (the painter began, the writer
finished the file), and only then renamed over the target: a missing or read-only folder or a full disk
is one sentence, and the previous export stays as it was.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from salesplanner.files import replacing
from salesplanner.model import Plan, PlanError, ScenarioId
from ui import text
from ui.board.items import CARD_WIDTH, ChipItem
from ui.board.scene import COLUMN_GAP, MARGIN, BoardScene
from ui.document import PlanDocument
from ui.text import translate
from ui.theme import board_font, print_theme

MAX_IMAGE_PIXELS = 50_000_000
"""50 megapixels (200 MB in memory): larger boards go to PDF, which pages them."""
MAX_IMAGE_SIDE = 32_000
FORMATS = (".png", ".svg", ".pdf")
PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MIN_PAGE_SCALE = 0.45
"""Below this a page's content would be too small to read: the group is split between rows instead."""


def export_columns(team_count: int) -> int:
    """Columns that give a board roughly the shape of a slide."""
    return max(1, min(6, math.ceil(math.sqrt(max(team_count, 1) * 0.9))))


@dataclass
class ExportBoard:
    """A board scene built for export, and the document it reads."""

    document: PlanDocument
    scene: BoardScene

    @classmethod
    def build(cls, plan: Plan, scenario_id: ScenarioId, *, group_by: str | None = "segment",
              group: str | None = None, only_group: bool = False, columns: int | None = None) -> ExportBoard:
        document = PlanDocument(plan)
        document.set_scenario(scenario_id)
        scene = BoardScene(theme=print_theme())
        scene.group_by = group_by
        scene.shown_group, scene.only_group = group, only_group
        scene.editing_aids = False
        team_count = len(plan.scenarios[scenario_id].teams)
        scene.columns = columns or export_columns(team_count)
        scene.set_document(document)
        return cls(document, scene)

    @property
    def rect(self) -> QRectF:
        return self.scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)

    @property
    def legend(self) -> str:
        """What the moved badges mean, when the board has any (a reader of the export has no tooltip)."""
        plan = self.document.plan
        moved = any(isinstance(item, ChipItem) and item.data_.moved_from for item in self.scene.items())
        if not moved:
            return ""
        return translate("Render", "↗  sits elsewhere in %1").replace("%1", plan.scenarios[plan.baseline].name)

    def add_legend(self) -> None:
        """Write the legend under the board, for images (a PDF has it in its footer)."""
        if legend := self.legend:
            item = self.scene.addSimpleText(legend, board_font(9))
            item.setBrush(self.scene.style_.theme.muted)
            item.setPos(MARGIN, self.scene.itemsBoundingRect().bottom() + 10)


@dataclass(frozen=True)
class Page:
    """The part of the board one page shows; a group continued from the page before says so on top."""

    source: QRectF
    heading: str = ""


def render_png(board: ExportBoard, path: Path, *, scale: float = 2.0) -> QSize:
    """Write the board as a PNG at ``scale`` × its size; refuses sizes an image cannot hold."""
    rect = board.rect
    width, height = math.ceil(rect.width() * scale), math.ceil(rect.height() * scale)
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
        raise PlanError(translate("Render", "The board would be %1 × %2 pixels at %3×, more than an image can "
                                            "hold; export a PDF (one page per group) or a smaller scale.")
                        .replace("%1", f"{width:,}").replace("%2", f"{height:,}").replace("%3", f"{scale:g}"))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise PlanError(translate("Render", "%1: there is not enough memory for an image of %2 × %3 pixels; export a "
                                            "PDF or a smaller scale.").replace("%1", path.name)
                        .replace("%2", f"{width:,}").replace("%3", f"{height:,}"))
    image.fill(board.scene.backgroundBrush().color())
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    board.scene.render(painter, QRectF(0, 0, width, height), rect)
    painter.end()
    # Encoded in memory, so a full disk is an OSError of our own write (libpng would print its own error).
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11 takes the format as str at run time; its stubs say bytes.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise PlanError(_unwritten(path, translate("Render", "the image could not be encoded")))
    buffer.close()
    with _writing(path) as temporary:
        temporary.write_bytes(data.data())
    return image.size()


def _unwritten(path: Path, reason: str | None = None) -> str:
    if reason:
        return translate("Render", "%1 could not be written (%2).").replace("%1", path.name).replace("%2", reason)
    return translate("Render", "%1 could not be written (is the disk full?).").replace("%1", path.name)


@contextmanager
def _writing(path: Path) -> Iterator[Path]:
    """A temporary file to draw into, renamed over ``path`` once the block has finished it; any failure
    is one sentence (``PlanError``) and leaves ``path`` as it was."""
    try:
        with replacing(path) as temporary:
            yield temporary
    except FileNotFoundError:
        raise PlanError(_unwritten(path, translate("Render", "the folder %1 does not exist")
                                   .replace("%1", str(path.parent)))) from None
    except OSError as error:
        raise PlanError(_unwritten(path, error.strerror or str(error))) from None


def _finished(temporary: Path, ending: bytes) -> bool:
    """Whether a file a Qt writer wrote ends as a complete file of its kind does (Qt reports no write errors)."""
    try:
        with open(temporary, "rb") as stream:
            stream.seek(max(0, temporary.stat().st_size - 64))
            return ending in stream.read()
    except OSError:
        return False


def _begin(painter: QPainter, path: Path) -> None:
    if not painter.isActive():
        raise PlanError(_unwritten(path, translate("Render", "the file could not be opened")))


def render_svg(board: ExportBoard, path: Path, *, title: str) -> None:
    """Write the board as SVG: vector shapes with real text, editable in any drawing program."""
    rect = board.rect
    with _writing(path) as temporary:
        generator = QSvgGenerator()
        generator.setFileName(str(temporary))
        generator.setSize(QSize(math.ceil(rect.width()), math.ceil(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        generator.setTitle(title)
        generator.setDescription(translate("Render", "Made with Sales Planner"))
        painter = QPainter(generator)
        _begin(painter, path)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), board.scene.backgroundBrush())
        board.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        del painter, generator  # closes the file
        if not _finished(temporary, b"</svg>"):
            raise PlanError(_unwritten(path))


def page_sources(board: ExportBoard, *, per_group: bool, page_aspect: float, page_width: float) -> list[Page]:
    """The part of the board each page shows: one group per page, a long group split between its rows so
    nothing is drawn smaller than ``MIN_PAGE_SCALE`` (its later pages headed "… (continued)"); or the
    whole board on one page."""
    if not per_group:
        return [Page(board.rect)]
    pages: list[Page] = []
    for group in board.scene.group_layout:
        width = group.rect.width() + 2 * MARGIN
        scale = min(1.0, page_width / width)
        max_height = page_width / page_aspect / max(scale, MIN_PAGE_SCALE)
        top = group.rect.top() - MARGIN
        bottom = top
        heading = ""
        continued = translate("Render", "%1 (continued)").replace("%1", group.title) if group.title else \
            translate("Render", "(continued)")
        for row in group.rows:
            if row.bottom() - top > max_height and bottom > top:
                pages.append(Page(QRectF(group.rect.left() - MARGIN, top, width, bottom - top + MARGIN), heading))
                top, heading = row.top() - MARGIN, continued
            bottom = row.bottom()
        pages.append(Page(QRectF(group.rect.left() - MARGIN, top, width, bottom - top + MARGIN), heading))
    return pages or [Page(board.rect)]


def paint_pages(device: QPagedPaintDevice, board: ExportBoard, pages: list[Page], *, footer: str) -> bool:
    """Draw each page's part of the board, fitted and centred, under its heading and over a footer line;
    False when the device could not be painted on (nothing is drawn then)."""
    painter = QPainter(device)
    if not painter.isActive():
        return False
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    page = QRectF(painter.viewport())
    footer_height = page.height() * 0.04
    legend = board.legend
    footer = f"{footer}     {legend}" if legend else footer
    for number, sheet in enumerate(pages, start=1):
        if number > 1:
            device.newPage()
        area = page.adjusted(0, 0, 0, -footer_height)
        if sheet.heading:
            heading_font = board_font(9, bold=True)
            heading_font.setPixelSize(max(8, round(footer_height * 0.55)))
            painter.setFont(heading_font)
            painter.setPen(QColor("#4B5563"))
            painter.drawText(QRectF(page.left(), page.top(), page.width(), footer_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, sheet.heading.upper())
            area.setTop(area.top() + footer_height)
        source = sheet.source
        scale = min(area.width() / source.width(), area.height() / source.height())
        target = QRectF(0, 0, source.width() * scale, source.height() * scale)
        target.moveCenter(QPointF(area.center().x(), area.top() + target.height() / 2))
        board.scene.render(painter, target, source)
        painter.setPen(QColor("#6B7280"))
        font = painter.font()
        font.setPixelSize(max(8, round(footer_height * 0.45)))
        painter.setFont(font)
        painter.drawText(QRectF(page.left(), area.bottom(), page.width(), footer_height),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, footer)
        painter.drawText(QRectF(page.left(), area.bottom(), page.width(), footer_height),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                         translate("Render", "%1 / %2").replace("%1", str(number)).replace("%2", str(len(pages))))
    return painter.end()


def render_pdf(board: ExportBoard, path: Path, *, page_size: str = "a4", per_group: bool = True,
               footer: str = "") -> int:
    """Write a vector PDF, landscape; returns the number of pages."""
    with _writing(path) as temporary:
        writer = QPdfWriter(str(temporary))
        writer.setPageSize(QPageSize(PAGE_SIZES[page_size]))
        writer.setPageOrientation(QPageLayout.Orientation.Landscape)
        writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
        writer.setResolution(300)
        writer.setTitle(footer)
        writer.setCreator("Sales Planner")
        paint_area = writer.pageLayout().paintRectPixels(writer.resolution())
        sources = page_sources(board, per_group=per_group, page_aspect=paint_area.width() / paint_area.height(),
                               page_width=CARD_WIDTH * 3 + COLUMN_GAP * 2 + 2 * MARGIN)
        if not paint_pages(writer, board, sources, footer=footer):
            raise PlanError(_unwritten(path, translate("Render", "the file could not be opened")))
        del writer  # closes the file
        if not _finished(temporary, b"%%EOF"):
            raise PlanError(_unwritten(path))
    return len(sources)


def footer_text(plan: Plan, scenario_id: ScenarioId) -> str:
    return f"{plan.name} · {plan.scenarios[scenario_id].name} · {text.date_text(date.today())}"


def render_file(plan: Plan, scenario_id: ScenarioId, path: Path, *, group_by: str | None = "segment",
                scale: float = 2.0, page_size: str = "a4", per_group: bool = True, only_group: bool = False,
                group: str | None = None) -> str:
    """Render the board (or with ``only_group`` one group of it) to ``path``, the format chosen by its
    suffix; returns a one-line report."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise PlanError(translate("Render", "%1: the layout can be written as PNG, SVG or PDF (or PPTX).")
                        .replace("%1", path.name))
    board = ExportBoard.build(plan, scenario_id, group_by=group_by, group=group, only_group=only_group)
    if suffix in (".png", ".svg"):
        board.add_legend()
    if suffix == ".png":
        size = render_png(board, path, scale=scale)
        return f"{path.name}: {size.width():,} × {size.height():,} pixels"
    if suffix == ".svg":
        render_svg(board, path, title=footer_text(plan, scenario_id))
        return f"{path.name}: SVG"
    pages = render_pdf(board, path, page_size=page_size, per_group=per_group, footer=footer_text(plan, scenario_id))
    return f"{path.name}: {pages} page{'s' if pages != 1 else ''}"

