"""The board: team cards in swimlanes, rebuilt card by card from the document's change records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TypeVar

from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from salesplanner.board_layout import Spacing, arrange
from salesplanner.capacity import has_left, ramp
from salesplanner.layout import CARD_SLOTS, LANE_ORDER
from salesplanner.model import (
    MemberId,
    Opening,
    Person,
    Placement,
    PlanError,
    ScenarioId,
    Status,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.roles import RAMP_MONTHS, Role
from ui import text
from ui.board.chips import ChipData
from ui.board.items import (
    CARD_WIDTH,
    CHIP_GAP,
    CHIP_HEIGHT,
    GAP,
    HEADER_HEIGHT,
    PADDING,
    PILL_HEIGHT,
    TAG_HEIGHT,
    CardItem,
    ChipItem,
    GroupHeaderItem,
    LaneItem,
    PillItem,
    TargetItem,
)
from ui.board.labels import (
    badge_text,
    baseline_seat,
    group_title,
    lane_capacity,
    market_line,
    member_summary,
    target_line,
    target_tooltip,
    tile_data,
)
from ui.board.style import Style
from ui.document import DocumentChange, PlanDocument, Subscription
from ui.theme import Theme, current_theme

ItemT = TypeVar("ItemT", bound=QGraphicsItem)
GROUPINGS: tuple[str | None, ...] = ("segment", "product_line", "geography", None)
MARGIN = 16.0
COLUMN_GAP = 20.0
ROW_GAP = 20.0
GROUP_GAP = 18.0


def spacing(*, headers: bool) -> Spacing:
    """The board's measures for ``salesplanner.board_layout``."""
    return Spacing(card_width=CARD_WIDTH, column_gap=COLUMN_GAP, row_gap=ROW_GAP, shelf_gap=GROUP_GAP,
                   margin=MARGIN, header_height=GroupHeaderItem.HEIGHT if headers else 0.0)


@dataclass(frozen=True)
class Preview:
    """Suggested changes drawn over the scenario on screen without changing it (the advisor's answer):
    people who would move keep their chip, with the moved badge; where they would go and the suggested
    hires appear as faint dashed chips."""

    moves: dict[MemberId, Placement | None]
    hires: tuple[tuple[Placement, str], ...]
    """(where, the opening's title)."""
    scenario_id: ScenarioId


@dataclass(frozen=True)
class GroupLayout:
    key: str | None
    title: str
    rect: QRectF
    """The group's header and cards, in scene coordinates."""
    rows: list[QRectF]
    team_ids: tuple[TeamId, ...]


class BoardScene(QGraphicsScene):
    """Cards for the scenario on screen. ``handle_drop`` is the one way the board changes the plan."""

    add_opening_requested = Signal(object)
    """A lane's "+ opening" button was clicked: the Placement to add an opening to."""
    focus_team_changed = Signal(object)
    """The team whose card was last clicked (a TeamId), or None."""
    problem = Signal(str)
    """A refused change, as one sentence for the status bar."""
    members_selected = Signal()
    """The selected chips changed — once per gesture: a rebuild or a multi-select that touches many chips
    emits it once, not once per chip (the inspector follows it)."""

    def __init__(self, parent: QObject | None = None, *, theme: Theme | None = None) -> None:
        super().__init__(parent)
        self.style_ = Style.create(theme or current_theme())
        self.setBackgroundBrush(QBrush(self.style_.theme.canvas))
        self.document: PlanDocument | None = None
        self._subscription = Subscription(changed=self._on_changed, switched=self.rebuild)
        self.group_by: str | None = "segment"
        self.columns = 2
        self.focus_team: TeamId | None = None
        self._cards: dict[TeamId, CardItem] = {}
        self._chips: dict[MemberId, ChipItem] = {}
        self._headers: list[GroupHeaderItem] = []
        self._card_groups: dict[TeamId, str | None] = {}
        self._reselect: set[MemberId] = set()
        self.shown_group: str | None = None
        """Show only this group's teams (presenting one swimlane); None shows the whole board."""
        self.only_group = False
        self.editing_aids = True
        """The "+ role" drop targets and "+ opening" buttons; exports and presentations leave them out."""
        self.show_ghosts = False
        """Also draw, faintly, where people who moved sat in the baseline."""
        self.preview: Preview | None = None
        self.group_layout: list[GroupLayout] = []
        """Where each group and each of its rows landed in the last layout (for paging exports)."""
        self.overview = False
        """Cards drawn as overview tiles (zoomed out past reading); see ``set_overview``."""
        self._batches = 0
        self._batch_selection: frozenset[MemberId] = frozenset()
        self.selectionChanged.connect(self._on_selection_changed)

    # --- wiring -------------------------------------------------------------------------------------

    def set_document(self, document: PlanDocument) -> None:
        self.document = document
        self._subscription.follow(document)
        self.rebuild()

    def set_group_by(self, dimension: str | None) -> None:
        if dimension != self.group_by:
            self.group_by = dimension
            if self.only_group:
                self.rebuild()
            else:
                self._layout(regroup=True)

    def group_keys(self) -> list[str | None]:
        """The groups of the scenario on screen under the current grouping, in board order."""
        assert self.document is not None
        return list(dict.fromkeys(self.group_key(team_id) for team_id in self.document.scenario.teams))

    def show_group(self, key: str | None, *, only: bool) -> None:
        """Show one group's teams (``only``), or the whole board."""
        self.shown_group, self.only_group = key, only
        self.rebuild()

    def set_columns(self, columns: int) -> None:
        columns = max(1, columns)
        if columns != self.columns:
            self.columns = columns
            self._layout(regroup=False)

    def set_overview(self, on: bool) -> None:
        """Draw every card as a tile (name, headcount by role, handoff colours, badge) and hide its lanes,
        chips and pills — or bring them back."""
        if on == self.overview:
            return
        self.overview = on
        if on:
            self.clearSelection()
        for card in self._cards.values():
            self._show_overview(card)

    def _show_overview(self, card: CardItem) -> None:
        card.overview = self.overview
        for child in card.childItems():
            child.setVisible(not self.overview)
        card.update()

    def grouped_card_heights(self) -> list[list[float]]:
        """Each group's cards' heights in board order: what ``board_layout.arrange`` places."""
        return [[self._cards[team_id].boundingRect().height() for team_id in team_ids]
                for team_ids in self._groups().values()]

    def spacing(self) -> Spacing:
        return spacing(headers=self._has_headers(self._groups()))

    # --- reading --------------------------------------------------------------------------------------

    def card(self, team_id: TeamId) -> CardItem:
        return self._cards[team_id]

    def cards(self) -> dict[TeamId, CardItem]:
        return dict(self._cards)

    def chip(self, member_id: MemberId) -> ChipItem | None:
        return self._chips.get(member_id)

    def lanes(self, team_id: TeamId) -> list[LaneItem]:
        return [item for item in self._cards[team_id].childItems() if isinstance(item, LaneItem)]

    def lane(self, team_id: TeamId, role: Role) -> LaneItem | None:
        """The team's lane for ``role``, or None when nobody holds that role there."""
        for lane in self.lanes(team_id):
            if lane.placement.role is role and not lane.tag:
                return lane
        return None

    def lane_at(self, position: QPointF) -> LaneItem | None:
        return self._item_at(position, LaneItem)

    def card_at(self, position: QPointF) -> CardItem | None:
        return self._item_at(position, CardItem)

    def _item_at(self, position: QPointF, kind: type[ItemT]) -> ItemT | None:
        """The topmost ``kind`` under ``position``, or holding what is under it (a chip's lane)."""
        for item in self.items(position):
            while item is not None and not isinstance(item, kind):
                item = item.parentItem()
            if isinstance(item, kind):
                return item
        return None

    def selected_member_ids(self) -> list[MemberId]:
        return [item.member_id for item in self.selectedItems() if isinstance(item, ChipItem)]

    def select_members(self, member_ids: Iterable[MemberId]) -> None:
        with self._one_selection_signal():
            self.clearSelection()
            for member_id in member_ids:
                chip = self._chips.get(member_id)
                if chip is not None:
                    chip.setSelected(True)

    @contextmanager
    def _one_selection_signal(self) -> Iterator[None]:
        """Emit ``members_selected`` once for everything done inside, and only if the selection changed."""
        if self._batches == 0:
            self._batch_selection = frozenset(self.selected_member_ids())
        self._batches += 1
        try:
            yield
        finally:
            self._batches -= 1
        if self._batches == 0 and frozenset(self.selected_member_ids()) != self._batch_selection:
            self.members_selected.emit()

    def _on_selection_changed(self) -> None:
        if self._batches == 0:
            self.members_selected.emit()

    def chip_tooltip(self, member_id: MemberId) -> str:
        """Who this is and what they count for today (built when the tooltip is asked for)."""
        assert self.document is not None
        return member_summary(self.document, member_id)

    def set_drop_highlight(self, lane: LaneItem | None) -> None:
        for card in self._cards.values():
            for item in card.childItems():
                if isinstance(item, LaneItem) and item is not lane:
                    item.set_highlighted(False)
        if lane is not None:
            lane.set_highlighted(True)

    def set_focus_team(self, team_id: TeamId | None) -> None:
        if team_id == self.focus_team:
            return
        if self.focus_team in self._cards:
            self._cards[self.focus_team].set_team_selected(False)
        self.focus_team = team_id
        if team_id in self._cards:
            self._cards[team_id].set_team_selected(True)
        self.focus_team_changed.emit(team_id)

    def set_preview(self, preview: Preview | None) -> None:
        """Draw suggested changes over the board (None: stop)."""
        if preview != self.preview:
            self.preview = preview
            if self.document is not None:
                self.rebuild()

    # --- changing the plan ---------------------------------------------------------------------------

    def handle_drop(self, member_ids: Iterable[MemberId], target: Placement | None) -> bool:
        """Put the dropped members in ``target`` (a team and role) or on the bench (None): one undo step.
        Returns whether anything moved."""
        assert self.document is not None
        ids = list(member_ids)
        self._reselect = set(ids)  # the document's change repaints the cards; keep the moved chips selected
        try:
            moved = self.document.move(ids, target)
        except PlanError as error:
            moved = frozenset()
            self.problem.emit(str(error))
        if not moved:
            self._reselect = set()
        return bool(moved)

    # --- building ----------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Build every card for the scenario on screen."""
        with self._one_selection_signal():
            self._rebuild()

    def _rebuild(self) -> None:
        assert self.document is not None
        selected = set(self.selected_member_ids())
        self.clear()
        self._cards, self._chips, self._headers, self._card_groups = {}, {}, [], {}
        for team_id in self.document.scenario.teams:
            if self.only_group and self.group_key(team_id) != self.shown_group:
                continue
            card = CardItem(team_id, self.style_)
            self.addItem(card)
            self._cards[team_id] = card
            self._fill_card(card)
        self.select_members(selected)
        if self.focus_team not in self._cards:
            self.set_focus_team(None)
        else:
            self._cards[self.focus_team].set_team_selected(True)
        self._layout(regroup=True)

    def _on_changed(self, change: DocumentChange) -> None:
        with self._one_selection_signal():
            self._refresh(change)

    def _refresh(self, change: DocumentChange) -> None:
        """Rebuild the cards a change touched (or all of them), keeping the selection."""
        assert self.document is not None
        if change.structure or change.change.scenario_list:  # the baseline behind the badges may differ
            self._rebuild()
            return
        selected = set(self.selected_member_ids()) | self._reselect
        self._reselect = set()
        if self.only_group and any((team_id in self._cards) != (self.group_key(team_id) == self.shown_group)
                                   for team_id in change.teams if team_id in self.document.scenario.teams):
            self._rebuild()  # a team joined or left the group on show
            return
        regroup = resized = False
        for team_id in change.teams:
            card = self._cards.get(team_id)
            if card is not None:
                height = card.boundingRect().height()
                self._fill_card(card)
                resized |= card.boundingRect().height() != height
                regroup |= self.group_key(team_id) != self._card_groups.get(team_id)
        self.select_members(selected)
        if resized or regroup:
            self._layout(regroup=regroup)

    def group_key(self, team_id: TeamId) -> str | None:
        return self.group_key_by(self.group_by, team_id)

    def group_key_by(self, dimension: str | None, team_id: TeamId) -> str | None:
        """The group a team falls in under ``dimension`` (segment, product_line, geography or None)."""
        assert self.document is not None
        team = self.document.scenario.teams[team_id]
        return getattr(team, dimension) if dimension else None

    def _fill_card(self, card: CardItem) -> None:
        """Recreate a card's lanes, chips and pills from the team's current result."""
        assert self.document is not None
        plan, scenario, analysis = self.document.plan, self.document.scenario, self.document.analysis
        team = scenario.teams[card.team_id]
        result = analysis.team(card.team_id)
        for child in card.childItems():
            if isinstance(child, LaneItem):
                for chip in child.childItems():
                    if isinstance(chip, ChipItem) and self._chips.get(chip.member_id) is chip:
                        del self._chips[chip.member_id]
            self.removeItem(child)
        card.rebuild_count += 1

        by_role: dict[Role, list[ChipData]] = {}
        parameters = resolved_role_parameters(plan.assumptions, team)
        baseline = plan.scenarios[plan.baseline] if plan.baseline != scenario.id else None
        for member_id in analysis.members_of(card.team_id):
            member = plan.member(scenario, member_id)
            assert member is not None
            role = scenario.assignments[member_id].role
            by_role.setdefault(role, []).append(ChipData(
                member_id=member_id, name=member.name, role=role, opening=isinstance(member, Opening),
                fte=member.fte,
                ramp=ramp(start=member.start_date, leave=member.leave_date,
                          ramp_months=parameters[role][RAMP_MONTHS], on=plan.as_of),
                left=has_left(member, plan.as_of),
                leaving=isinstance(member, Person) and member.status is Status.LEAVING,
                moved_from=baseline_seat(baseline, member, scenario.assignments[member_id])))
        if baseline is not None and self.show_ghosts and card.team_id in baseline.teams:
            for member_id in self.document.analysis_of(baseline.id).members_of(card.team_id):
                now = scenario.assignments.get(member_id)
                member = plan.member(scenario, member_id)
                if member is not None and (now is None or now.team != card.team_id):
                    role = baseline.assignments[member_id].role
                    by_role.setdefault(role, []).append(ChipData(member_id=member_id, name=member.name, role=role,
                                                                 opening=isinstance(member, Opening), ghost=True))

        preview = self.preview if self.preview and self.preview.scenario_id == scenario.id else None
        if preview is not None:
            for member_id, target in preview.moves.items():
                member = plan.member(scenario, member_id)
                if member is not None and target is not None and target.team == card.team_id:
                    by_role.setdefault(target.role, []).append(ChipData(
                        member_id=member_id, name=member.name, role=target.role, opening=isinstance(member, Opening),
                        ghost=True))
            for index, (target, title) in enumerate(preview.hires):
                if target.team == card.team_id:
                    by_role.setdefault(target.role, []).append(ChipData(
                        member_id=MemberId(f"~hire-{index}"), name=title, role=target.role, opening=True, ghost=True))
            for planned in by_role.values():
                for position, data in enumerate(planned):
                    if not data.ghost and data.member_id in preview.moves:
                        goes = preview.moves[data.member_id]
                        where = text.translate("Board", "the bench") if goes is None else \
                            f"{scenario.teams[goes.team].name} · {text.role_name(goes.role)}"
                        planned[position] = replace(data, moved_from=where)

        badge = badge_text(result)
        card.set_header(title=team.name, subtitle=market_line(team), badge=badge.text, badge_verdict=badge.verdict,
                        badge_tooltip="\n".join(f"{text.handoff_name(b.handoff)}: {text.balance_sentence(b)}"
                                                for b in result.balances if b.verdict is not None)
                        or badge.tooltip)
        card.tile = tile_data(team.name, result, badge)
        y = HEADER_HEIGHT
        team_target = analysis.target(card.team_id)
        line = target_line(team_target, plan.currency)
        if line is not None:
            item = TargetItem(line[0], line[1], target_tooltip(team_target, plan.currency), self.style_, parent=card)
            item.setPos(PADDING, y)
            y += PILL_HEIGHT + GAP
        for slot in CARD_SLOTS:
            if isinstance(slot, Role):
                lane_chips = by_role.get(slot)
                if not lane_chips:
                    continue
                lane_chips.sort(key=lambda c: (c.ghost, c.opening, c.name.casefold(), c.member_id))
                lane = LaneItem(Placement(card.team_id, slot), self.style_, title=text.role_name(slot),
                                capacity=lane_capacity(result, slot) if result.members[slot] else "",
                                chip_count=len(lane_chips), parent=card,
                                add_label=text.translate("Board", "+ opening") if self.editing_aids else "")
                lane.setPos(PADDING - 4, y)
                for index, data in enumerate(lane_chips):
                    chip = ChipItem(data, self.style_, parent=lane)
                    chip.setPos(lane.chip_position(index))
                    if not data.ghost:
                        self._chips[data.member_id] = chip
                y += lane.boundingRect().height() + GAP
            else:
                balance = next(b for b in result.balances if b.handoff is slot)
                if balance.verdict is not None:
                    pill = PillItem(balance, self.style_, parent=card)
                    pill.setPos(PADDING, y)
                    y += PILL_HEIGHT + GAP
        if self.editing_aids:
            y = self._add_role_tags(card, [role for role in LANE_ORDER if role not in by_role], y)
        card.set_height(y + PADDING - GAP)
        if self.overview:  # new lanes, chips and pills start visible; tiles hide them
            self._show_overview(card)
        else:
            card.update()

    def _add_role_tags(self, card: CardItem, roles: list[Role], y: float) -> float:
        """Compact drop targets for the roles a team does not use yet."""
        if not roles:
            return y
        y += 2
        x = PADDING
        for role in roles:
            tag = LaneItem(Placement(card.team_id, role), self.style_, title=text.role_name(role), tag=True,
                           parent=card)
            width = tag.boundingRect().width()
            if x + width > CARD_WIDTH - PADDING:
                x, y = PADDING, y + TAG_HEIGHT + 5
            tag.setPos(x, y)
            x += width + 5
        return y + TAG_HEIGHT + GAP

    def _groups(self) -> dict[str | None, list[TeamId]]:
        assert self.document is not None
        groups: dict[str | None, list[TeamId]] = {}
        for team_id in self.document.scenario.teams:
            if team_id in self._cards:
                key = self._card_groups[team_id] if team_id in self._card_groups else self.group_key(team_id)
                groups.setdefault(key, []).append(team_id)
        return groups

    def _has_headers(self, groups: dict[str | None, list[TeamId]]) -> bool:
        """Group titles, unless the board is not grouped, or every team falls in the one "no segment"
        group (a heading that only says the grouping does not apply)."""
        return self.group_by is not None and list(groups) != [None]

    def _layout(self, *, regroup: bool) -> None:
        """Place group headers and cards (``board_layout.arrange``: each group's cards in rows of
        ``columns``, small groups side by side)."""
        assert self.document is not None
        if regroup:
            self._card_groups = {team_id: self.group_key(team_id) for team_id in self._cards}
            for header in self._headers:
                self.removeItem(header)
            self._headers = []
        groups = self._groups()
        headers = self._has_headers(groups)
        team_lists = list(groups.values())
        layout = arrange([[self._cards[t].boundingRect().height() for t in team_ids] for team_ids in team_lists],
                         self.columns, spacing(headers=headers))
        if headers and len(self._headers) != len(groups):
            for header in self._headers:
                self.removeItem(header)
            self._headers = []
            for key in groups:
                header = GroupHeaderItem(group_title(self.group_by, key), self.style_)
                self.addItem(header)
                self._headers.append(header)
        self.group_layout = []
        for index, ((key, team_ids), placed) in enumerate(zip(groups.items(), layout.groups, strict=True)):
            if headers and placed.header is not None:
                header = self._headers[index]
                header.set_width(placed.header.width)
                header.setPos(placed.header.x, placed.header.y)
            for team_id, rect in zip(team_ids, placed.cards, strict=True):
                self._cards[team_id].setPos(rect.x, rect.y)
            group_rect = placed.rect
            self.group_layout.append(GroupLayout(
                key, group_title(self.group_by, key) if self.group_by else "",
                QRectF(group_rect.x, group_rect.y, group_rect.width, group_rect.height),
                [QRectF(row.x, row.y, row.width, row.height) for row in placed.rows], tuple(team_ids)))
        self.setSceneRect(QRectF(0, 0, layout.width, max(layout.height, CHIP_HEIGHT + CHIP_GAP + 2 * MARGIN)))
