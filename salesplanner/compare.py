"""What changes between two scenarios of a plan (docs/model.md §8): who moves, who is hired,
what it costs and what it does to capacity.

``compare(plan, from_id, to_id)`` returns a ``Comparison``: plain, frozen data that the Changes view,
the Excel Changes sheet and ``salesplanner compare`` all read, so the three always show the same thing.
The numbers come from ``ScenarioAnalysis`` (the §4 engine at the as-of date); nothing here computes a
flow.

How members are matched. People are shared by all scenarios, so a person is in both; what can differ is
the placement (team and role, or the bench). Openings belong to one scenario: an opening id found only
in the target is a position *to be filled*; one found only in the source was *dropped*. Teams are
matched by id, so a team renamed in the proposal is the same team (``TeamChange.renamed``).

Leavers are not changes. Leave dates belong to the person, so a leaver leaves in every scenario: it is
not something one scenario does differently from another. They are listed apart (``leavers``): anyone
whose ``leave_date`` falls on or before the end of the horizon (``as_of`` + ``horizon_months``, see
``timeline.month_date``) and who holds a seat in a team in either scenario — the organisation loses them
within the plan's view, and the target has to cover that seat. Someone on the bench in both scenarios is
part of neither organisation and is not listed; a leave date after the horizon is not seen by the plan.
A scenario compared with itself (or with an identical copy) therefore has no changes, only its leavers.

Members whose placement did not change (same team id and role, or the bench in both) are not changes.
Order is stable: people in plan order, then the target's openings in its order, then openings
only the source has; teams in the target's order, then teams only the source has.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from salesplanner.analysis import OrgTotals, ScenarioAnalysis
from salesplanner.capacity import Balance, Handoff, TeamResult, Verdict, effective_fte, member_cost
from salesplanner.diagnosis import Diagnosis, diagnose
from salesplanner.i18n import Message, msg
from salesplanner.model import (
    Member,
    MemberId,
    Opening,
    Placement,
    Plan,
    PlanError,
    Scenario,
    ScenarioId,
    TeamId,
    resolved_role_parameters,
)
from salesplanner.roles import DISPLAY_NAMES, RAMP_MONTHS
from salesplanner.targets import TargetVerdict, TeamTarget
from salesplanner.timeline import month_date


class ChangeKind(StrEnum):
    """One way a member's placement differs between the two scenarios. A member may have two (moved and
    changed role)."""

    MOVED = "moved"
    """In a team in both scenarios, but not the same team (matched by id)."""
    ROLE_CHANGED = "role_changed"
    """In a team in both scenarios, in another role (alone when the team is the same)."""
    FROM_BENCH = "from_bench"
    """On the bench in the source, in a team in the target."""
    TO_BENCH = "to_bench"
    """In a team in the source, on the bench in the target."""
    NEW_OPENING = "new_opening"
    """An opening only the target has: a position to be filled (placed in a team or on its bench)."""
    OPENING_DROPPED = "opening_dropped"
    """An opening only the source has."""


CHANGE_LABELS: dict[ChangeKind, Message] = {
    ChangeKind.MOVED: msg("moves team"),
    ChangeKind.ROLE_CHANGED: msg("changes role"),
    ChangeKind.FROM_BENCH: msg("joins from the bench"),
    ChangeKind.TO_BENCH: msg("goes to the bench"),
    ChangeKind.NEW_OPENING: msg("opening to fill"),
    ChangeKind.OPENING_DROPPED: msg("opening dropped"),
}
"""How each kind of change reads, in the app, on the command line and on the Excel sheet."""


@dataclass(frozen=True, slots=True)
class Side:
    """Where a member is in one of the two scenarios."""

    present: bool
    """False only for an opening that does not exist in this scenario."""
    placement: Placement | None
    """Team id and role, or None on the bench (or when not present)."""
    team_name: str | None
    """The team's name *in this scenario* (a renamed team shows its old name on the source side)."""

    @property
    def on_bench(self) -> bool:
        return self.present and self.placement is None

    @property
    def label(self) -> Message:
        """``Team · Role``, ``bench``, or ``—`` when not present."""
        if not self.present:
            return msg("—")
        if self.placement is None:
            return msg("bench")
        return msg("{team} · {role}", team=self.team_name, role=DISPLAY_NAMES[self.placement.role])


@dataclass(frozen=True, slots=True)
class MemberChange:
    """One person or opening that differs between the scenarios, with from → to.

    Cost and effective FTE are the member's own in each scenario at the as-of date, None where the
    member holds no seat in a team (the bench has no role, so no role default cost)."""

    member_id: MemberId
    name: str
    """The person's name, or the opening's title (the target's, when both scenarios have it)."""
    is_opening: bool
    kinds: tuple[ChangeKind, ...]
    before: Side
    after: Side
    start_date: date | None
    leave_date: date | None
    annual_cost_before: float | None
    annual_cost_after: float | None
    effective_fte_before: float | None
    effective_fte_after: float | None

    @property
    def annual_cost_delta(self) -> float:
        return (self.annual_cost_after or 0.0) - (self.annual_cost_before or 0.0)

    @property
    def effective_fte_delta(self) -> float:
        return (self.effective_fte_after or 0.0) - (self.effective_fte_before or 0.0)


@dataclass(frozen=True, slots=True)
class Leaver:
    """Someone in a team in either scenario whose leave date falls within the horizon."""

    member_id: MemberId
    name: str
    leave_date: date
    before: Side
    after: Side


@dataclass(frozen=True, slots=True)
class Figures:
    """The compared §4 figures of one team or of the organisation (per month unless named otherwise).

    ``headcount`` counts people; openings are counted apart, as in ``OrgTotals``; ``fte`` and
    ``effective_fte`` include openings; anyone gone by the as-of date is left out."""

    headcount: int
    openings: int
    fte: float
    effective_fte: float
    annual_cost: float
    supply: float
    close_cap: float
    wins: float
    bookings_year: float

    def minus(self, other: Figures) -> Figures:
        """``self − other``, field by field (a delta is itself a ``Figures``)."""
        return Figures(*(getattr(self, name) - getattr(other, name) for name in FIGURE_FIELDS))


FIGURE_FIELDS: tuple[str, ...] = tuple(Figures.__dataclass_fields__)
NO_FIGURES = Figures(0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
"""A team absent from one scenario counts as zero there."""


@dataclass(frozen=True, slots=True)
class FiguresChange:
    before: Figures
    after: Figures

    @property
    def delta(self) -> Figures:
        return self.after.minus(self.before)

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class TargetFigures:
    """A team's or the organisation's target year (docs/model.md §9) in one scenario."""

    target_bookings: float | None
    expected_bookings_year: float
    target_coverage: float | None
    target_verdict: TargetVerdict | None
    quota_capacity: float


@dataclass(frozen=True, slots=True)
class TargetChange:
    """The target year before → after; a side is None when the team is absent from that scenario."""

    before: TargetFigures | None
    after: TargetFigures | None

    @property
    def expected_delta(self) -> float:
        return (self.after.expected_bookings_year if self.after else 0.0) - \
            (self.before.expected_bookings_year if self.before else 0.0)


@dataclass(frozen=True, slots=True)
class BalanceChange:
    """One handoff before → after. A side is None when the team is absent from that scenario."""

    handoff: Handoff
    before: Balance | None
    after: Balance | None

    @property
    def ratio_before(self) -> float | None:
        return self.before.ratio if self.before else None

    @property
    def ratio_after(self) -> float | None:
        return self.after.ratio if self.after else None

    @property
    def verdict_before(self) -> Verdict | None:
        return self.before.verdict if self.before else None

    @property
    def verdict_after(self) -> Verdict | None:
        return self.after.verdict if self.after else None

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_before != self.verdict_after


@dataclass(frozen=True, slots=True)
class TeamChange:
    """One team of either scenario (matched by id) before → after."""

    team_id: TeamId
    before_name: str | None
    """None: the team is new in the target."""
    after_name: str | None
    """None: the target has removed the team."""
    figures: FiguresChange
    balances: tuple[BalanceChange, BalanceChange, BalanceChange]
    """Inbound load, SDR → closer, closer → AM (chain order)."""
    status_before: Verdict | None
    status_after: Verdict | None
    targets: TargetChange

    @property
    def name(self) -> str:
        name = self.after_name if self.after_name is not None else self.before_name
        assert name is not None
        return name

    @property
    def added(self) -> bool:
        return self.before_name is None

    @property
    def removed(self) -> bool:
        return self.after_name is None

    @property
    def renamed(self) -> bool:
        return not (self.added or self.removed) and self.before_name != self.after_name

    @property
    def verdict_changed(self) -> bool:
        return any(item.verdict_changed for item in self.balances)

    @property
    def changed(self) -> bool:
        return self.added or self.removed or self.renamed or self.figures.changed or self.verdict_changed


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything that differs from the source scenario (``before``) to the target (``after``)."""

    source_id: ScenarioId
    target_id: ScenarioId
    source_name: str
    target_name: str
    as_of: date
    horizon_end: date
    """Leave dates up to and including this day count as leaving (see the module docstring)."""
    members: tuple[MemberChange, ...]
    """Placement changes: who moves, changes role, joins from or goes to the bench, openings to fill or
    dropped."""
    leavers: tuple[Leaver, ...]
    """Who leaves within the horizon (not changes: see the module docstring)."""
    teams: tuple[TeamChange, ...]
    totals: FiguresChange
    teams_balanced_before: int
    teams_balanced_after: int
    diagnosis_before: Diagnosis
    diagnosis_after: Diagnosis
    targets: TargetChange

    @property
    def stage_changed(self) -> bool:
        return self.diagnosis_before.stage is not self.diagnosis_after.stage

    def of_kind(self, kind: ChangeKind) -> tuple[MemberChange, ...]:
        return tuple(change for change in self.members if kind in change.kinds)


# --- building it ------------------------------------------------------------------------------------

def team_figures(result: TeamResult) -> Figures:
    openings = sum(result.openings.values())
    return Figures(
        headcount=result.headcount - openings, openings=openings, fte=sum(result.fte.values()),
        effective_fte=sum(result.effective_fte.values()), annual_cost=result.annual_cost,
        supply=result.supply, close_cap=result.close_cap, wins=result.wins, bookings_year=12 * result.bookings)


def org_figures(totals: OrgTotals) -> Figures:
    return Figures(
        headcount=totals.headcount, openings=totals.openings, fte=sum(totals.fte_by_role.values()),
        effective_fte=sum(totals.effective_fte_by_role.values()), annual_cost=totals.annual_cost,
        supply=totals.supply, close_cap=totals.close_cap, wins=totals.wins, bookings_year=totals.bookings_year)


def team_target_figures(target: TeamTarget) -> TargetFigures:
    return TargetFigures(target.target_bookings, target.expected_bookings_year, target.coverage, target.verdict,
                         target.quota_capacity)


def org_target_figures(totals: OrgTotals) -> TargetFigures:
    return TargetFigures(totals.target_bookings, totals.expected_bookings_year, totals.target_coverage,
                         totals.target_verdict, totals.quota_capacity)


def _side(scenario: Scenario, present: bool, member_id: MemberId) -> Side:
    placement = scenario.assignments.get(member_id) if present else None
    return Side(present, placement, scenario.teams[placement.team].name if placement else None)


def _seat_figures(plan: Plan, scenario: Scenario, member: Member, side: Side) -> tuple[float | None, float | None]:
    """The member's annual cost and effective FTE in this seat (None on the bench or absent)."""
    if side.placement is None:
        return None, None
    parameters = resolved_role_parameters(plan.assumptions, scenario.teams[side.placement.team])
    role = side.placement.role
    return (member_cost(member, role, parameters),
            effective_fte(member, ramp_months=parameters[role][RAMP_MONTHS], on=plan.as_of))


def _placement_kinds(before: Side, after: Side) -> list[ChangeKind]:
    if not after.present:
        return [ChangeKind.OPENING_DROPPED]
    if not before.present:
        return [ChangeKind.NEW_OPENING]
    old, new = before.placement, after.placement
    if old is None:
        return [] if new is None else [ChangeKind.FROM_BENCH]
    if new is None:
        return [ChangeKind.TO_BENCH]
    kinds = []
    if old.team != new.team:
        kinds.append(ChangeKind.MOVED)
    if old.role != new.role:
        kinds.append(ChangeKind.ROLE_CHANGED)
    return kinds


def _candidates(plan: Plan, source: Scenario, target: Scenario) -> Iterator[tuple[Member, bool, bool]]:
    """Every member of either scenario in the stable order, with whether each scenario has it."""
    for person in plan.people.values():
        yield person, True, True
    for opening in target.openings.values():
        yield opening, opening.id in source.openings, True
    for opening in source.openings.values():
        if opening.id not in target.openings:
            yield opening, True, False


def _member_changes(plan: Plan, source: Scenario, target: Scenario) -> Iterator[MemberChange]:
    for member, in_source, in_target in _candidates(plan, source, target):
        before, after = _side(source, in_source, member.id), _side(target, in_target, member.id)
        kinds = _placement_kinds(before, after)
        if not kinds:
            continue
        cost_before, fte_before = _seat_figures(plan, source, member, before)
        cost_after, fte_after = _seat_figures(plan, target, member, after)
        yield MemberChange(
            member_id=member.id, name=member.name, is_opening=isinstance(member, Opening), kinds=tuple(kinds),
            before=before, after=after, start_date=member.start_date, leave_date=member.leave_date,
            annual_cost_before=cost_before, annual_cost_after=cost_after,
            effective_fte_before=fte_before, effective_fte_after=fte_after)


def _leavers(plan: Plan, source: Scenario, target: Scenario, horizon_end: date) -> Iterator[Leaver]:
    """People in a team in either scenario who leave by the end of the horizon, in plan order (openings
    have no leave date)."""
    for person in plan.people.values():
        if person.leave_date is None or person.leave_date > horizon_end:
            continue
        before, after = _side(source, True, person.id), _side(target, True, person.id)
        if before.placement is not None or after.placement is not None:
            yield Leaver(person.id, person.name, person.leave_date, before, after)


def _team_change(team_id: TeamId, old: ScenarioAnalysis, new: ScenarioAnalysis) -> TeamChange:
    before = old.team(team_id) if team_id in old.scenario.teams else None
    after = new.team(team_id) if team_id in new.scenario.teams else None
    balances = tuple(BalanceChange(handoff, before.balances[index] if before else None,
                                   after.balances[index] if after else None)
                     for index, handoff in enumerate(Handoff))
    assert len(balances) == 3
    return TeamChange(
        team_id=team_id,
        before_name=before.team.name if before else None,
        after_name=after.team.name if after else None,
        figures=FiguresChange(team_figures(before) if before else NO_FIGURES,
                              team_figures(after) if after else NO_FIGURES),
        balances=(balances[0], balances[1], balances[2]),
        status_before=before.status if before else None,
        status_after=after.status if after else None,
        targets=TargetChange(team_target_figures(old.target(team_id)) if before else None,
                             team_target_figures(new.target(team_id)) if after else None))


def compare(plan: Plan, from_id: ScenarioId, to_id: ScenarioId, *,
            analyses: tuple[ScenarioAnalysis, ScenarioAnalysis] | None = None) -> Comparison:
    """The changes from scenario ``from_id`` (before) to ``to_id`` (after).

    ``analyses`` lets a caller that keeps both scenarios' analyses current (the app) pass them in
    instead of having them recomputed; they must be of ``from_id`` and ``to_id``, in that order."""
    for scenario_id in (from_id, to_id):
        if scenario_id not in plan.scenarios:
            raise PlanError(msg("the plan has no scenario with id {scenario_id}", scenario_id=scenario_id))
    source, target = plan.scenarios[from_id], plan.scenarios[to_id]
    old, new = analyses or (ScenarioAnalysis(plan, from_id), ScenarioAnalysis(plan, to_id))
    if (old.scenario_id, new.scenario_id) != (from_id, to_id):
        raise ValueError(msg("analyses must be of the compared scenarios, source first"))
    horizon_end = month_date(plan.as_of, plan.horizon_months)
    team_ids = [*target.teams, *(team_id for team_id in source.teams if team_id not in target.teams)]
    return Comparison(
        source_id=from_id, target_id=to_id, source_name=source.name, target_name=target.name,
        as_of=plan.as_of, horizon_end=horizon_end,
        members=tuple(_member_changes(plan, source, target)),
        leavers=tuple(_leavers(plan, source, target, horizon_end)),
        teams=tuple(_team_change(team_id, old, new) for team_id in team_ids),
        totals=FiguresChange(org_figures(old.totals), org_figures(new.totals)),
        teams_balanced_before=old.totals.teams_balanced, teams_balanced_after=new.totals.teams_balanced,
        diagnosis_before=diagnose(old.totals), diagnosis_after=diagnose(new.totals),
        targets=TargetChange(org_target_figures(old.totals), org_target_figures(new.totals)))


# --- as JSON data (salesplanner compare --json) ------------------------------------------------------

def _side_data(side: Side) -> dict[str, Any] | None:
    if not side.present:
        return None
    placement = side.placement
    return {"bench": placement is None,
            "team": {"id": placement.team, "name": side.team_name} if placement else None,
            "role": placement.role.value if placement else None, "label": side.label}


def _figures_data(figures: Figures) -> dict[str, float]:
    return {name: getattr(figures, name) for name in FIGURE_FIELDS}


def _change_data(change: FiguresChange) -> dict[str, dict[str, float]]:
    return {"before": _figures_data(change.before), "after": _figures_data(change.after),
            "delta": _figures_data(change.delta)}


def _verdict(verdict: Verdict | TargetVerdict | None) -> str | None:
    return verdict.value if verdict else None


def _target_data(figures: TargetFigures | None) -> dict[str, Any] | None:
    if figures is None:
        return None
    return {"target_bookings": figures.target_bookings, "expected_bookings_year": figures.expected_bookings_year,
            "target_coverage": figures.target_coverage, "target_verdict": _verdict(figures.target_verdict),
            "quota_capacity": figures.quota_capacity}


def _targets_data(change: TargetChange) -> dict[str, Any]:
    return {"before": _target_data(change.before), "after": _target_data(change.after),
            "expected_delta": change.expected_delta}


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as JSON data: every member and team named by id and by name, numbers unrounded."""
    return {
        "from": {"id": comparison.source_id, "name": comparison.source_name},
        "to": {"id": comparison.target_id, "name": comparison.target_name},
        "as_of": comparison.as_of.isoformat(),
        "horizon_end": comparison.horizon_end.isoformat(),
        "stage": {"before": comparison.diagnosis_before.stage.value,
                  "after": comparison.diagnosis_after.stage.value, "changed": comparison.stage_changed},
        "changes": [
            {"id": c.member_id, "name": c.name, "kind": "opening" if c.is_opening else "person",
             "changes": [kind.value for kind in c.kinds], "from": _side_data(c.before), "to": _side_data(c.after),
             "start_date": c.start_date.isoformat() if c.start_date else None,
             "leave_date": c.leave_date.isoformat() if c.leave_date else None,
             "annual_cost_before": c.annual_cost_before, "annual_cost_after": c.annual_cost_after,
             "annual_cost_delta": c.annual_cost_delta,
             "effective_fte_before": c.effective_fte_before, "effective_fte_after": c.effective_fte_after}
            for c in comparison.members],
        "leavers": [
            {"id": leaver.member_id, "name": leaver.name, "leave_date": leaver.leave_date.isoformat(),
             "from": _side_data(leaver.before), "to": _side_data(leaver.after)}
            for leaver in comparison.leavers],
        "teams": [
            {"id": t.team_id, "name": t.name, "name_before": t.before_name, "name_after": t.after_name,
             "added": t.added, "removed": t.removed, "renamed": t.renamed, "changed": t.changed,
             **_change_data(t.figures),
             "status_before": _verdict(t.status_before), "status_after": _verdict(t.status_after),
             "balances": {b.handoff.value: {"before": b.ratio_before, "after": b.ratio_after,
                                            "verdict_before": _verdict(b.verdict_before),
                                            "verdict_after": _verdict(b.verdict_after),
                                            "verdict_changed": b.verdict_changed}
                          for b in t.balances},
             "targets": _targets_data(t.targets)}
            for t in comparison.teams],
        "totals": {**_change_data(comparison.totals),
                   "teams_balanced": {"before": comparison.teams_balanced_before,
                                      "after": comparison.teams_balanced_after},
                   "targets": _targets_data(comparison.targets)},
    }
