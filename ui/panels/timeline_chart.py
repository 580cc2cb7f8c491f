"""A line chart of months × scenarios, painted with QPainter: PySide6-Essentials has no QtCharts.

The chart knows nothing of plans. The timeline panel hands it the months, one ``ChartLine`` per scenario
and a ``ValueFormat``; the chart owns the drawing — round axis ticks, month labels thinned to fit, a
legend, each line's last value at its end (a screenshot in a meeting has no hover) and a hover read-out.
Geometry is recomputed from the widget size on every paint and mouse move, so nothing goes stale on a
resize, and colours are read from the palette at paint time, so light and dark palettes both work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import text
from ui.theme import Theme, current_theme, font

SCENARIO_COLOURS = ("#D9641E", "#8E44AD", "#12897A", "#C0392B", "#6B8E23", "#8D5B2E", "#D81B60")
"""Proposals other than the one on screen, by their place in the plan; none is blue or grey, which
belong to the scenario on screen (the palette's selection colour) and the baseline."""
BASELINE_COLOUR = "#8A9099"

_PAD = 12.0
_LEGEND_SWATCH = 22.0
_GAP = 8.0


def month_label(on: date) -> str:
    """A month as the chart and the hiring plan name it: the locale's short month and year. The chart is
    given each timeline month's calendar month (``Timeline.calendar_months``), not the day the model
    evaluates, so no month is named twice."""
    return QLocale().toString(QDate(on.year, on.month, on.day), "MMM yy")


def nice_ticks(low: float, high: float, intervals: int) -> list[float]:
    """Round ticks covering ``low`` … ``high``: the finest 1-2-5 × 10ⁿ step that needs at most
    ``intervals`` intervals, from a multiple of the step at or below ``low`` to one at or above ``high``."""
    if high <= low:
        high = low + (abs(low) or 1.0)
    intervals = max(1, intervals)
    magnitude = 10.0 ** math.floor(math.log10((high - low) / intervals))
    for step in (m * magnitude * 10**k for k in range(3) for m in (1, 2, 5)):
        first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
        if last - first <= intervals:
            # Multiples of the step, rounded so that 3 × 0.1 is 0.3 and a label reads as expected.
            return [round(index * step, 10) for index in range(first, last + 1)]
    raise AssertionError("unreachable: a step of 100 × the span's share always fits")


def _decimals(step: float) -> int:
    return max(0, math.ceil(-math.log10(step) - 1e-9)) if step > 0 else 0


@dataclass(frozen=True)
class ValueFormat:
    """How the chart writes a value: money (compact, in the plan's currency) or a plain number."""

    currency: str | None = None
    decimals: int = 1

    def value(self, value: float) -> str:
        if self.currency is not None:
            return text.money(value, self.currency, compact=True)
        return text.number(value, self.decimals)

    def tick(self, value: float, step: float, top: float) -> str:
        """An axis label: every label of an axis in the same unit and with the decimals its step needs."""
        if self.currency is None:
            return text.number(value, _decimals(step))
        if value == 0:
            return text.money(0, self.currency)
        if top >= 1_000_000:
            return text.money_in(value, self.currency, "M", _decimals(step / 1e6))
        if top >= 10_000:
            return text.money_in(value, self.currency, "k", _decimals(step / 1e3))
        return text.money(value, self.currency)


@dataclass(frozen=True)
class ChartLine:
    name: str
    values: tuple[float, ...]
    colour: QColor
    dashed: bool = False
    """The baseline: a reference, drawn dashed so it reads as 'where we are today'."""
    emphasis: bool = False
    """The scenario on screen: thicker, with month markers, drawn on top."""


@dataclass(frozen=True)
class Reference:
    """A level the lines are read against (a bookings target): a dashed rule across the plot, labelled."""

    label: str
    value: float
    colour: QColor


@dataclass
class _Geometry:
    plot: QRectF
    ticks: list[float]
    title_rect: QRectF
    legend: list[tuple[QRectF, ChartLine]] = field(default_factory=list)
    label_months: list[int] = field(default_factory=list)

    def x(self, month: int, months: int) -> float:
        if months <= 1:
            return self.plot.center().x()
        return self.plot.left() + self.plot.width() * month / (months - 1)

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return self.plot.bottom() - self.plot.height() * (value - low) / (high - low)


def _blend(colour: QColor, other: QColor, amount: float) -> QColor:
    """``colour`` moved ``amount`` of the way towards ``other``: grid and axis tones derived from the
    palette's card and text colours, so they suit light and dark palettes alike."""
    def mix(a: float, b: float) -> float:
        return a + (b - a) * amount
    return QColor.fromRgbF(mix(colour.redF(), other.redF()), mix(colour.greenF(), other.greenF()),
                           mix(colour.blueF(), other.blueF()))


class TimelineChart(QWidget):
    """Lines over months 0 … horizon; hover a month for every line's value there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._months: list[date] = []
        self._lines: list[ChartLine] = []
        self._format = ValueFormat()
        self._title = ""
        self._note = ""
        self._empty_text = ""
        self._reference: Reference | None = None
        self.hover_month: int | None = None
        """The month under the mouse, whose values the read-out shows."""

    # --- data --------------------------------------------------------------------------------------

    def set_data(self, months: Sequence[date], lines: Sequence[ChartLine], *, value_format: ValueFormat,
                 title: str = "", note: str = "", empty_text: str = "", reference: Reference | None = None) -> None:
        self._reference = reference
        self._months = list(months)
        self._lines = list(lines)
        self._format = value_format
        self._title = title
        self._note = note
        self._empty_text = empty_text
        if self.hover_month is not None and self.hover_month >= len(self._months):
            self.hover_month = None
        self.update()

    @property
    def months(self) -> list[date]:
        return list(self._months)

    @property
    def series(self) -> dict[str, list[float]]:
        """Each line's values by its name (the scenario's)."""
        return {line.name: list(line.values) for line in self._lines}

    @property
    def lines(self) -> list[ChartLine]:
        return list(self._lines)

    @property
    def title(self) -> str:
        return self._title

    @property
    def reference(self) -> Reference | None:
        return self._reference

    def readout(self, month: int) -> list[tuple[str, str]]:
        """What hovering ``month`` shows: its label, then each line's name and value there."""
        rows = [(month_label(self._months[month]), "")]
        rows += [(line.name, self._format.value(line.values[month])) for line in self._lines]
        if self._reference is not None:
            rows.append((self._reference.label, self._format.value(self._reference.value)))
        return rows

    def labelled_months(self) -> list[int]:
        """The months whose label fits on the x axis at the current width."""
        return self._geometry().label_months if self._months else []

    # --- geometry ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 320)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, 200)

    def _top(self) -> float:
        values = [value for line in self._lines for value in line.values]
        if self._reference is not None:
            values.append(self._reference.value)
        return max(values, default=0.0)

    def _geometry(self) -> _Geometry:
        small, title_font = QFontMetricsF(font(8.5)), QFontMetricsF(font(10.5, bold=True))
        legend_font = QFontMetricsF(font(9))
        bounds = QRectF(self.rect()).adjusted(_PAD, _PAD * 0.75, -_PAD, -_PAD * 0.6)

        # Title on the first row, the legend right-aligned beside it, or on rows of its own below.
        title_width = title_font.horizontalAdvance(self._title) if self._title else 0.0
        if self._note:
            title_width += _GAP + legend_font.horizontalAdvance(self._note)
        row_height = max(title_font.height(), legend_font.height())
        items = [(_LEGEND_SWATCH + 6 + legend_font.horizontalAdvance(line.name), line) for line in self._lines]
        legend_width = sum(width for width, _ in items) + 2 * _GAP * max(0, len(items) - 1)
        legend: list[tuple[QRectF, ChartLine]] = []
        top = bounds.top()
        if title_width + 3 * _GAP + legend_width <= bounds.width():
            x = bounds.right() - legend_width
        else:
            x, top = bounds.left(), top + (row_height + 2 if self._title else 0)
        for width, line in items:
            if x + width > bounds.right() + 0.5 and x > bounds.left():
                x, top = bounds.left(), top + row_height + 2
            legend.append((QRectF(x, top, width, row_height), line))
            x += width + 2 * _GAP
        header_bottom = (top + row_height) if items else bounds.top() + (row_height if self._title else 0)

        plot_height = max(40.0, bounds.bottom() - small.height() - 6 - header_bottom - 2 * _GAP)
        ticks = nice_ticks(0.0, self._top(), max(2, int(plot_height // 34)))
        step = ticks[1] - ticks[0]
        tick_width = max(small.horizontalAdvance(self._format.tick(t, step, ticks[-1])) for t in ticks)
        end_font = QFontMetricsF(font(8.5, bold=True))
        end_width = max((end_font.horizontalAdvance(self._format.value(line.values[-1]))
                         for line in self._lines if line.values), default=0.0)
        plot = QRectF(bounds.left() + tick_width + _GAP, header_bottom + 2 * _GAP, 0, 0)
        plot.setRight(bounds.right() - (end_width + _GAP if end_width else small.averageCharWidth() * 2))
        plot.setBottom(bounds.bottom() - small.height() - 6)
        geometry = _Geometry(plot, ticks, QRectF(bounds.left(), bounds.top(), title_width, row_height), legend)

        # Month labels: the smallest stride in whole months (1, 2, 3, 4, 6, 12, …) at which they fit.
        count = len(self._months)
        widest = max((small.horizontalAdvance(month_label(on)) for on in self._months), default=0.0)
        spacing = plot.width() / max(1, count - 1)
        strides = [1, 2, 3, 4, 6, 12] + [12 * n for n in range(2, 1 + max(2, count // 12 + 1))]
        stride = next((s for s in strides if s * spacing >= widest + 2 * _GAP), strides[-1])
        geometry.label_months = list(range(0, count, stride))
        return geometry

    # --- painting ----------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        theme = current_theme()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(self.rect(), theme.card)
        if not self._months or not self._lines:
            painter.setPen(theme.muted)
            painter.setFont(font(10))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        geometry = self._geometry()
        self._paint_header(painter, geometry, theme)
        self._paint_axes(painter, geometry, theme)
        painter.save()
        painter.setClipRect(geometry.plot.adjusted(-4, -4, 4, 4))
        self._paint_gap(painter, geometry, theme)
        for line in sorted(self._lines, key=lambda line: (line.emphasis, not line.dashed)):
            self._paint_line(painter, geometry, line, theme)
        painter.restore()
        if self._reference is not None:
            self._paint_reference(painter, geometry, self._reference, theme)
        self._paint_end_values(painter, geometry, theme)
        if self.hover_month is not None:
            self._paint_readout(painter, geometry, theme, self.hover_month)
        painter.end()

    def _pen(self, line: ChartLine, theme: Theme) -> QPen:
        pen = QPen(self._shade(line.colour, theme), 2.8 if line.emphasis else 1.9)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        if line.dashed:
            pen.setDashPattern([3.0, 2.2])
        return pen

    @staticmethod
    def _shade(colour: QColor, theme: Theme) -> QColor:
        """Line colours are chosen for a light card; on a dark card they are lifted towards white."""
        return _blend(colour, QColor("white"), 0.3) if theme.dark else colour

    def _paint_header(self, painter: QPainter, geometry: _Geometry, theme: Theme) -> None:
        painter.setFont(font(10.5, bold=True))
        painter.setPen(theme.text)
        painter.drawText(geometry.title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._title)
        painter.setFont(font(9))
        if self._note:
            painter.setPen(theme.muted)
            painter.drawText(geometry.title_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             self._note)
        for rect, line in geometry.legend:
            middle = round(rect.center().y()) + 0.5
            painter.setPen(self._pen(line, theme))
            painter.drawLine(QPointF(rect.left() + 2, middle), QPointF(rect.left() + _LEGEND_SWATCH - 2, middle))
            painter.setPen(theme.text if line.emphasis else theme.muted)
            painter.drawText(rect.adjusted(_LEGEND_SWATCH + 6, 0, 0, 0),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line.name)

    def _paint_axes(self, painter: QPainter, geometry: _Geometry, theme: Theme) -> None:
        plot, ticks = geometry.plot, geometry.ticks
        grid = _blend(theme.card, theme.text, 0.09)
        axis = _blend(theme.card, theme.text, 0.35)
        painter.setFont(font(8.5))
        metrics = QFontMetricsF(painter.font())
        step = ticks[1] - ticks[0]
        # Hairlines on half pixels stay one device pixel wide and sharp at 1×; at 2× they are still thin.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for tick in ticks:
            y = round(geometry.y(tick)) + 0.5
            painter.setPen(QPen(axis if tick == ticks[0] else grid, 0))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        count = len(self._months)
        for month in geometry.label_months:
            x = round(geometry.x(month, count)) + 0.5
            painter.setPen(QPen(grid, 0))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(QPen(axis, 0))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(theme.muted)
        for tick in ticks:
            label = self._format.tick(tick, step, ticks[-1])
            rect = QRectF(0, geometry.y(tick) - metrics.height() / 2, plot.left() - _GAP, metrics.height())
            painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
        for month in geometry.label_months:
            label = month_label(self._months[month])
            width = metrics.horizontalAdvance(label)
            left = min(max(0.0, geometry.x(month, count) - width / 2), self.width() - width)
            painter.drawText(QRectF(left, plot.bottom() + 6, width + 1, metrics.height()),
                             Qt.AlignmentFlag.AlignCenter, label)

    def _points(self, geometry: _Geometry, line: ChartLine) -> list[QPointF]:
        count = len(self._months)
        return [QPointF(geometry.x(month, count), geometry.y(value)) for month, value in enumerate(line.values)]

    def _paint_gap(self, painter: QPainter, geometry: _Geometry, theme: Theme) -> None:
        """A light wash between the baseline and the scenario on screen: the gain (or loss) at a glance."""
        baseline = next((line for line in self._lines if line.dashed), None)
        shown = next((line for line in self._lines if line.emphasis), None)
        if baseline is None or shown is None:
            return
        points = self._points(geometry, shown) + self._points(geometry, baseline)[::-1]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        path.closeSubpath()
        wash = QColor(self._shade(shown.colour, theme))
        wash.setAlphaF(0.16 if theme.dark else 0.09)
        painter.fillPath(path, wash)

    def _paint_line(self, painter: QPainter, geometry: _Geometry, line: ChartLine, theme: Theme) -> None:
        points = self._points(geometry, line)
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setPen(self._pen(line, theme))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        if line.emphasis and (len(points) == 1 or points[1].x() - points[0].x() >= 14):
            painter.setBrush(theme.card)
            painter.setPen(QPen(self._shade(line.colour, theme), 1.8))
            for point in points:
                painter.drawEllipse(point, 2.8, 2.8)

    def _paint_reference(self, painter: QPainter, geometry: _Geometry, reference: Reference, theme: Theme) -> None:
        """The target: a dashed rule across the plot with its label just above, at the left."""
        colour = self._shade(reference.colour, theme)
        y = geometry.y(reference.value)
        pen = QPen(colour, 1.4)
        pen.setDashPattern([6.0, 4.0])
        painter.setPen(pen)
        painter.drawLine(QPointF(geometry.plot.left(), y), QPointF(geometry.plot.right(), y))
        painter.setFont(font(8.5, bold=True))
        label = f"{reference.label} {self._format.value(reference.value)}"
        height = QFontMetricsF(painter.font()).height()
        painter.drawText(QRectF(geometry.plot.left() + 6, y - height - 2, geometry.plot.width() - 12, height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, label)

    def _paint_end_values(self, painter: QPainter, geometry: _Geometry, theme: Theme) -> None:
        """Each line's last value beside its end, nudged apart where lines end close together."""
        painter.setFont(font(8.5, bold=True))
        metrics = QFontMetricsF(painter.font())
        height = metrics.height()
        ends = sorted(((geometry.y(line.values[-1]), line) for line in self._lines if line.values),
                      key=lambda end: end[0])
        placed: list[float] = []
        for y, _line in ends:
            placed.append(max(y, placed[-1] + height) if placed else y)
        overflow = placed[-1] + height / 2 - (geometry.plot.bottom() + height / 2) if placed else 0
        if overflow > 0:
            placed = [y - overflow for y in placed]
        for y, (_, line) in zip(placed, ends, strict=True):
            painter.setPen(self._shade(line.colour, theme))
            rect = QRectF(geometry.plot.right() + 6, y - height / 2, self.width() - geometry.plot.right(), height)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self._format.value(line.values[-1]))

    def _paint_readout(self, painter: QPainter, geometry: _Geometry, theme: Theme, month: int) -> None:
        x = geometry.x(month, len(self._months))
        painter.setPen(QPen(_blend(theme.card, theme.text, 0.45), 1, Qt.PenStyle.DotLine))
        painter.drawLine(QPointF(x, geometry.plot.top()), QPointF(x, geometry.plot.bottom()))
        for line in self._lines:
            painter.setPen(QPen(theme.card, 1.5))
            painter.setBrush(self._shade(line.colour, theme))
            painter.drawEllipse(QPointF(x, geometry.y(line.values[month])), 4, 4)

        rows = self.readout(month)
        bold, regular = font(9, bold=True), font(9)
        bold_metrics, metrics = QFontMetricsF(bold), QFontMetricsF(regular)
        line_height = metrics.height() + 3
        name_width = max(metrics.horizontalAdvance(name) for name, _ in rows[1:])
        value_width = max(bold_metrics.horizontalAdvance(value) for _, value in rows[1:])
        width = max(bold_metrics.horizontalAdvance(rows[0][0]), 14 + name_width + 16 + value_width) + 20
        height = line_height * len(rows) + 12
        # Beside the hover line, on the side where it hides neither the line ends' values nor the axes.
        left = x + 14 if x + 14 + width <= geometry.plot.right() else x - 14 - width
        top = max(4.0, min(geometry.plot.top() + 4, geometry.plot.bottom() - height))
        box = QRectF(max(4.0, left), top, width, height)
        painter.setPen(QPen(theme.card_border, 1))
        painter.setBrush(_blend(theme.card, theme.canvas, 0.5))
        painter.drawRoundedRect(box, 6, 6)
        painter.setFont(bold)
        painter.setPen(theme.text)
        top = box.top() + 6
        painter.drawText(QRectF(box.left() + 10, top, width - 20, line_height),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, rows[0][0])
        colours = [line.colour for line in self._lines]
        if self._reference is not None:
            colours.append(self._reference.colour)
        for index, ((name, value), colour) in enumerate(zip(rows[1:], colours, strict=True), start=1):
            row = QRectF(box.left() + 10, top + index * line_height, width - 20, line_height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._shade(colour, theme))
            painter.drawEllipse(QPointF(row.left() + 4, row.center().y()), 4, 4)
            painter.setFont(regular)
            painter.setPen(theme.text)
            painter.drawText(row.adjusted(14, 0, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             name)
            painter.setFont(bold)
            painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, value)

    # --- hover ---------------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        month = self.month_at(event.position().x()) if self._months and self._lines else None
        if month != self.hover_month:
            self.hover_month = month
            self.update()
        super().mouseMoveEvent(event)

    def month_at(self, x: float) -> int | None:
        """The month nearest to ``x``, or None left or right of the plot."""
        plot = self._geometry().plot
        if not plot.left() - 10 <= x <= plot.right() + 10:
            return None
        count = len(self._months)
        if count <= 1:
            return 0
        return min(count - 1, max(0, round((x - plot.left()) / plot.width() * (count - 1))))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        if self.hover_month is not None:
            self.hover_month = None
            self.update()
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self.update()
        super().changeEvent(event)
