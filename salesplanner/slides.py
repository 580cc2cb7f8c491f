"""The organisation as a PowerPoint deck of native, editable shapes (python-pptx; no Qt needed).

A title slide with the stage, the organisation figures and the target year, then one slide per market team with its
lanes, person chips and handoff balances, laid out like the board; scenario name and date in every
footer. Colours come from ``palette``, the same table the board and the workbook use.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from salesplanner.analysis import ScenarioAnalysis
from salesplanner.capacity import HANDOFF_LABELS, VERDICT_NAMES, Balance, TeamResult, Verdict, has_left
from salesplanner.compare import CHANGE_LABELS, compare
from salesplanner.diagnosis import STAGE_NAMES, diagnose
from salesplanner.files import write_atomically
from salesplanner.i18n import NO_VALUE, Message, Money, Text, date_text, msg, msg_n, number, signed, signed_money, tr
from salesplanner.layout import CARD_SLOTS, lane_capacity, team_badge
from salesplanner.model import Opening, Person, Plan, PlanError, ScenarioId, Status, TeamId
from salesplanner.palette import NO_VERDICT, ROLE_COLOURS, TARGET_COLOURS, VERDICT_COLOURS
from salesplanner.roles import DISPLAY_NAMES, Role
from salesplanner.targets import VERDICT_WORDS, TargetVerdict

SLIDE_WIDTH, SLIDE_HEIGHT = 13.333, 7.5  # inches, 16:9
MARGIN = 0.5
TEXT = "111827"
MUTED = "4B5563"
MARKS = {Verdict.BALANCED: "✓", Verdict.OVERLOADED: "▲", Verdict.UNDERUSED: "▼"}


@dataclass(frozen=True)
class _Chip:
    name: str
    opening: bool
    struck: bool


def _fitting_size(value: str, width: float, size: float) -> float:
    """The largest font size up to ``size`` points at which ``value`` fits ``width`` inches on one line
    (average glyph ≈ 0.6 em for digits and capitals): "10.08 M EUR" must not wrap on the title slide."""
    return min(size, width * 72 / (max(len(value), 1) * 0.6))


def _elide(value: str, width: float, size: float) -> str:
    """Cut text that would overflow a chip ``width`` inches wide at ``size`` points (average glyph ≈ 0.55 em)."""
    fits = int((width - 0.16) * 72 / (size * 0.55))
    return value if len(value) <= fits else value[: max(1, fits - 1)].rstrip() + "…"


def _hex(colour: str) -> str:
    return colour.lstrip("#").upper()


class _Deck:
    """A thin layer over python-pptx: shapes in inches, colours as hex."""

    def __init__(self, footer: str) -> None:
        from pptx import Presentation
        from pptx.util import Inches

        self.presentation = Presentation()
        self.presentation.slide_width = Inches(SLIDE_WIDTH)
        self.presentation.slide_height = Inches(SLIDE_HEIGHT)
        self.footer = footer

    def slide(self) -> Any:
        slide = self.presentation.slides.add_slide(self.presentation.slide_layouts[6])  # blank
        number = len(self.presentation.slides)
        self.text(slide, self.footer, MARGIN, SLIDE_HEIGHT - 0.45, 9, 0.3, size=10, colour=MUTED)
        self.text(slide, str(number), SLIDE_WIDTH - MARGIN - 1, SLIDE_HEIGHT - 0.45, 1, 0.3, size=10,
                  colour=MUTED, align="right")
        return slide

    def text(self, slide: Any, value: Text, left: float, top: float, width: float, height: float, *,
             size: float, colour: str = TEXT, bold: bool = False, align: str = "left", wrap: bool = True) -> Any:
        from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
        from pptx.util import Inches

        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = box.text_frame
        frame.word_wrap = wrap
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        for margin in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(frame, margin, 0)
        self._style(frame.paragraphs[0], value, size=size, colour=colour, bold=bold)
        frame.paragraphs[0].alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT,
                                         "center": PP_ALIGN.CENTER}[align]
        return box

    def box(self, slide: Any, value: Text, left: float, top: float, width: float, height: float, *,
            fill: str, line: str, text_colour: str, size: float, bold: bool = False, dashed: bool = False,
            struck: bool = False, rounded: float = 0.5, line_width: float = 1.25) -> Any:
        from pptx.dml.color import RGBColor
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Inches, Pt

        shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, Inches(left), Inches(top), Inches(width),
                                       Inches(height))
        shape.adjustments[0] = rounded
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(_hex(fill))
        shape.line.color.rgb = RGBColor.from_string(_hex(line))
        shape.line.width = Pt(line_width)
        if dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        shape.shadow.inherit = False
        frame = shape.text_frame
        frame.word_wrap = False
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = Inches(0.08)
        frame.margin_top = frame.margin_bottom = 0
        self._style(frame.paragraphs[0], value, size=size, colour=text_colour, bold=bold, struck=struck)
        return shape

    @staticmethod
    def _style(paragraph: Any, value: Text, *, size: float, colour: str, bold: bool = False,
               struck: bool = False) -> None:
        from pptx.dml.color import RGBColor
        from pptx.util import Pt

        run = paragraph.add_run()
        run.text = str(value)
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(_hex(colour))
        if struck:
            run.font._rPr.set("strike", "sngStrike")  # python-pptx has no strike property yet


def _pill_text(item: Balance) -> str:
    assert item.verdict is not None
    ratio = NO_VALUE if item.ratio is None else number(item.ratio, 2)
    note = VERDICT_NAMES[Verdict.BALANCED] if item.verdict is Verdict.BALANCED else item.sentence
    return f"{HANDOFF_LABELS[item.handoff]}  {ratio} {MARKS[item.verdict]}  {note}"


def _lanes(plan: Plan, analysis: ScenarioAnalysis, team_id: Any) -> dict[Role, list[_Chip]]:
    scenario = analysis.scenario
    lanes: dict[Role, list[tuple[bool, str, _Chip]]] = {}
    for member_id in analysis.members_of(team_id):
        member = plan.member(scenario, member_id)
        assert member is not None
        role = scenario.assignments[member_id].role
        opening = isinstance(member, Opening)
        leaving = isinstance(member, Person) and member.status is Status.LEAVING
        name = member.name + (f" ({member.fte:g})" if member.fte < 1 else "")
        chip = _Chip(name, opening, leaving or has_left(member, plan.as_of))
        lanes.setdefault(role, []).append((opening, member.name.casefold(), chip))
    return {role: [chip for *_, chip in sorted(chips, key=lambda c: (c[0], c[1]))] for role, chips in lanes.items()}


def _team_slide(deck: _Deck, plan: Plan, analysis: ScenarioAnalysis, result: TeamResult) -> None:
    team = result.team
    slide = deck.slide()
    deck.text(slide, team.name, MARGIN, 0.35, 9, 0.6, size=28, bold=True)
    market = " · ".join(p for p in (team.segment, team.geography, team.product_line) if p)
    deck.text(slide, market or msg("No market set"), MARGIN, 0.95, 9, 0.35, size=14, colour=MUTED)
    badge = team_badge(result)
    swatch = VERDICT_COLOURS[badge.verdict] if badge.verdict is not None else NO_VERDICT
    deck.box(slide, badge.text, SLIDE_WIDTH - MARGIN - 3.2, 0.45, 3.2, 0.42, fill=swatch.fill, line=swatch.strong,
             text_colour=swatch.strong, size=13, bold=True)

    lanes = _lanes(plan, analysis, team.id)
    pills = [b for b in result.balances if b.verdict is not None]
    top, bottom, width = 1.5, SLIDE_HEIGHT - 0.65, SLIDE_WIDTH - 2 * MARGIN
    scale = 1.0
    while True:  # shrink chips until the whole team fits on the slide
        chip_w, chip_h, gap, header = 2.3 * scale, 0.36 * scale, 0.1 * scale, 0.32 * scale
        columns = max(1, int((width + gap) // (chip_w + gap)))
        needed = sum(header + math.ceil(len(chips) / columns) * (chip_h + gap) for chips in lanes.values())
        needed += len(pills) * (0.36 * scale + gap)
        if top + needed <= bottom or scale <= 0.45:
            break
        scale -= 0.05
    y = top
    for slot in CARD_SLOTS:
        if isinstance(slot, Role):
            chips = lanes.get(slot)
            if not chips:
                continue
            colour = ROLE_COLOURS[slot]
            deck.text(slide, DISPLAY_NAMES[slot], MARGIN, y, 2.5, header, size=13 * scale, colour=colour, bold=True)
            deck.text(slide, lane_capacity(result, slot) or "", MARGIN + 2.2 * scale, y, 8, header, size=11 * scale,
                      colour=MUTED)
            y += header
            for index, chip in enumerate(chips):
                row, column = divmod(index, columns)
                deck.box(slide, _elide(chip.name, chip_w, 11 * scale), MARGIN + column * (chip_w + gap),
                         y + row * (chip_h + gap), chip_w, chip_h, fill="FFFFFF",
                         line=NO_VERDICT.strong if chip.opening else colour,
                         text_colour=MUTED if chip.opening or chip.struck else TEXT, size=11 * scale,
                         dashed=chip.opening, struck=chip.struck)
            y += math.ceil(len(chips) / columns) * (chip_h + gap)
        else:
            item = next((b for b in pills if b.handoff is slot), None)
            if item is not None:
                assert item.verdict is not None
                swatch = VERDICT_COLOURS[item.verdict]
                deck.box(slide, _pill_text(item), MARGIN + 0.3, y, width - 0.3, 0.36 * scale, fill=swatch.fill,
                         line=swatch.strong, text_colour=swatch.strong, size=12 * scale, bold=True, rounded=0.2)
                y += 0.36 * scale + gap
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [tr("Supply {supply:.1f} opportunities/month, closing capacity {close_cap:.1f}, wins {wins:.1f}/month, "
            "bookings {bookings}/month.", supply=result.supply, close_cap=result.close_cap, wins=result.wins,
            bookings=Money(result.bookings, plan.currency))]
        + [f"{HANDOFF_LABELS[b.handoff]}: {b.sentence}" for b in pills])


def _title_slide(deck: _Deck, plan: Plan, analysis: ScenarioAnalysis) -> None:
    totals = analysis.totals
    diagnosis = diagnose(totals)
    scenario = analysis.scenario
    slide = deck.slide()
    deck.text(slide, plan.name, MARGIN, 1.2, SLIDE_WIDTH - 2 * MARGIN, 0.9, size=40, bold=True)
    kind = msg("{scenario} — today", scenario=scenario.name) if scenario.id == plan.baseline else \
        msg("{scenario} — proposal", scenario=scenario.name)
    deck.text(slide, kind, MARGIN, 2.1, SLIDE_WIDTH - 2 * MARGIN, 0.5, size=22, colour=MUTED)
    deck.text(slide, msg("Stage: {stage}", stage=STAGE_NAMES[diagnosis.stage]), MARGIN, 2.9,
              SLIDE_WIDTH - 2 * MARGIN, 0.5, size=20, bold=True)
    deck.text(slide, " ".join(map(str, diagnosis.reasons)), MARGIN, 3.4, SLIDE_WIDTH - 2 * MARGIN, 0.5, size=14,
              colour=MUTED)
    cost_of_sales = NO_VALUE if totals.cost_of_sales is None else number(totals.cost_of_sales, 2)
    figures = [(tr("Bookings / year"), Money(totals.bookings_year, plan.currency).compact()),
               (tr("Annual cost"), Money(totals.annual_cost, plan.currency).compact()),
               (tr("Cost of sales"), cost_of_sales),
               (tr("Headcount"), tr("{people} + {openings} open", people=totals.headcount, openings=totals.openings)),
               (tr("Balanced teams"), f"{totals.teams_balanced} / {totals.teams_judged}")]
    width = (SLIDE_WIDTH - 2 * MARGIN - 0.2 * (len(figures) - 1)) / len(figures)
    for index, (caption, value) in enumerate(figures):
        left = MARGIN + index * (width + 0.2)
        deck.box(slide, "", left, 4.4, width, 1.3, fill="F3F4F6", line="E5E7EB", text_colour=TEXT, size=12,
                 rounded=0.12)
        deck.text(slide, caption, left + 0.2, 4.5, width - 0.4, 0.4, size=12, colour=MUTED)
        deck.text(slide, value, left + 0.2, 4.9, width - 0.4, 0.6, size=_fitting_size(value, width - 0.4, 20),
                  bold=True, wrap=False)
    if totals.teams_without_handoffs:
        without = totals.teams_without_handoffs
        deck.text(slide, msg_n("{n} team has no handoffs yet and is left out of the balanced teams.",
                               "{n} teams have no handoffs yet and are left out of the balanced teams.", n=without),
                  MARGIN, 5.71, SLIDE_WIDTH - 2 * MARGIN, 0.22, size=11, colour=MUTED)
    swatch = TARGET_COLOURS[totals.target_verdict] if totals.target_verdict else NO_VERDICT
    deck.box(slide, target_line(totals.target_bookings, totals.expected_bookings_year, totals.target_coverage,
                                totals.target_verdict, plan.currency),
             MARGIN, 5.95, SLIDE_WIDTH - 2 * MARGIN, 0.65, fill=swatch.fill, line=swatch.strong,
             text_colour=swatch.strong, size=18, bold=True, rounded=0.12)


def target_line(target: float | None, expected: float, coverage: float | None, verdict: TargetVerdict | None,
                currency: str) -> Message:
    """'Target € 6.60 M · expected € 5.46 M (83 %, short by € 1.14 M)' (docs/model.md §9)."""
    expected_money = Money(expected, currency)
    if target is None:
        return msg("Expected bookings over the next 12 months {expected:compact} · no target set",
                   expected=expected_money)
    if coverage is None or verdict is None:  # a target of 0
        return msg("Target {target:compact} · expected {expected:compact}", target=Money(target, currency),
                   expected=expected_money)
    how = msg("short by {amount:compact}", amount=Money(target - expected, currency)) \
        if verdict is TargetVerdict.SHORT else VERDICT_WORDS[verdict]
    return msg("Target {target:compact} · expected {expected:compact} ({coverage:%}, {verdict})",
               target=Money(target, currency), expected=expected_money, coverage=coverage, verdict=how)


CHANGE_ROWS_PER_SLIDE = 14


def _signed(value: float) -> str:
    return signed(value, 0 if abs(value) >= 1 or value == 0 else 2)


def _changes_slides(deck: _Deck, plan: Plan, baseline_id: ScenarioId, scenario_id: ScenarioId) -> None:
    """What the proposal changes from the baseline: the totals, then every person and opening that
    changes, as a native table (continued on further slides when long); then, apart, who leaves within
    the horizon (a leave date is the person's, in every scenario: not a change, but a seat to cover)."""
    comparison = compare(plan, baseline_id, scenario_id)
    delta = comparison.totals.delta
    before, after = (str(STAGE_NAMES[diagnosis.stage]) for diagnosis in (comparison.diagnosis_before,
                                                                         comparison.diagnosis_after))
    headcount = tr("{change}  (+{openings} open)", change=_signed(delta.headcount), openings=delta.openings) \
        if delta.openings > 0 else _signed(delta.headcount)
    figures = [(tr("Stage"), before if before == after else f"{before} → {after}"),
               (tr("Headcount"), headcount),
               (tr("Annual cost"), signed_money(delta.annual_cost, plan.currency)),
               (tr("Bookings / year"), signed_money(delta.bookings_year, plan.currency)),
               (tr("Balanced teams"), f"{comparison.teams_balanced_before} → {comparison.teams_balanced_after}")]
    rows = [[change.name, ", ".join(str(CHANGE_LABELS[kind]) for kind in change.kinds), str(change.before.label),
             str(change.after.label)] for change in comparison.members]
    _table_slides(deck, tr("Changes from {scenario}", scenario=comparison.source_name),
                  [tr("Who"), tr("Change"), tr("From"), tr("To")], (3.0, 2.6, 3.3, 3.4), rows, figures=figures,
                  empty=tr("Nobody moves: the two scenarios place everyone alike."))
    if comparison.leavers:
        leavers = [[leaver.name, date_text(leaver.leave_date), str(leaver.after.label)]
                   for leaver in comparison.leavers]
        _table_slides(deck, tr("{n} leave by {end}", n=len(leavers), end=comparison.horizon_end),
                      [tr("Who"), tr("Leave date"), tr("Seat in {scenario}", scenario=comparison.target_name)],
                      (4.0, 2.6, 5.7), leavers)


def _table_slides(deck: _Deck, title: str, headings: list[str], widths: tuple[float, ...], rows: list[list[str]],
                  *, figures: list[tuple[str, str]] | None = None, empty: str = "") -> None:
    """A native table over as many slides as it needs, figures boxed above it on each."""
    from pptx.util import Inches, Pt

    pages = max(1, math.ceil(len(rows) / CHANGE_ROWS_PER_SLIDE))
    top = 2.25 if figures else 1.2
    for page in range(pages):
        slide = deck.slide()
        deck.text(slide, title + (f" ({page + 1}/{pages})" if pages > 1 else ""), MARGIN, 0.35, 12, 0.6, size=28,
                  bold=True)
        if figures:
            width = (SLIDE_WIDTH - 2 * MARGIN - 0.2 * (len(figures) - 1)) / len(figures)
            for index, (caption, value) in enumerate(figures):
                left = MARGIN + index * (width + 0.2)
                deck.box(slide, "", left, 1.05, width, 0.95, fill="F3F4F6", line="E5E7EB", text_colour=TEXT,
                         size=12, rounded=0.12)
                deck.text(slide, caption, left + 0.15, 1.1, width - 0.3, 0.35, size=11, colour=MUTED)
                deck.text(slide, value, left + 0.15, 1.45, width - 0.3, 0.45,
                          size=_fitting_size(value, width - 0.3, 16), bold=True, wrap=False)
        chunk = rows[page * CHANGE_ROWS_PER_SLIDE:(page + 1) * CHANGE_ROWS_PER_SLIDE]
        if not chunk:
            deck.text(slide, empty, MARGIN, top + 0.15, 10, 0.5, size=16, colour=MUTED)
            continue
        shape = slide.shapes.add_table(len(chunk) + 1, len(headings), Inches(MARGIN), Inches(top),
                                       Inches(SLIDE_WIDTH - 2 * MARGIN), Inches(0.32 * (len(chunk) + 1)))
        table = shape.table
        for column, width_in in enumerate(widths):
            table.columns[column].width = Inches(width_in)
        for column, heading in enumerate(headings):
            table.cell(0, column).text = heading
        for row, values in enumerate(chunk, start=1):
            for column, value in enumerate(values):
                table.cell(row, column).text = value
        for row in range(len(chunk) + 1):
            for column in range(len(headings)):
                for paragraph in table.cell(row, column).text_frame.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(12)


def export_slides(plan: Plan, path: Path, *, scenario_id: ScenarioId, team_ids: Iterable[TeamId] | None = None,
                  baseline_id: ScenarioId | None = None) -> int:
    """Write the deck atomically (a slide for each team, or for ``team_ids``; with ``baseline_id`` also
    what changes from that scenario); returns the number of slides."""
    if scenario_id not in plan.scenarios:
        raise PlanError(msg("there is no scenario with id {id}", id=scenario_id))
    analysis = ScenarioAnalysis(plan, scenario_id)
    deck = _Deck(f"{plan.name} · {plan.scenarios[scenario_id].name} · {date_text(date.today())}")
    _title_slide(deck, plan, analysis)
    if baseline_id is not None and baseline_id != scenario_id:
        if baseline_id not in plan.scenarios:
            raise PlanError(msg("there is no scenario with id {id}", id=baseline_id))
        _changes_slides(deck, plan, baseline_id, scenario_id)
    chosen = None if team_ids is None else set(team_ids)
    for result in analysis.teams():
        if chosen is None or result.team.id in chosen:
            _team_slide(deck, plan, analysis, result)
    import io

    buffer = io.BytesIO()
    deck.presentation.save(buffer)
    try:
        write_atomically(path, buffer.getvalue())
    except OSError as error:
        raise PlanError(msg("{file}: could not be written ({reason})", file=path.name,
                            reason=error.strerror or str(error))) from None
    return len(deck.presentation.slides)
