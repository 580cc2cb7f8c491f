"""Colours of the balance states, target verdicts and roles: one table for the board, the Excel export and slides.

Hex strings, so the core stays Qt-free; ``ui.theme`` turns them into QColors and adapts them to a dark
palette. Each state has a strong colour (text, borders) and a light fill for backgrounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from salesplanner.capacity import Verdict
from salesplanner.roles import Role
from salesplanner.targets import TargetVerdict


class Swatch(NamedTuple):
    strong: str
    fill: str


VERDICT_COLOURS: Mapping[Verdict, Swatch] = MappingProxyType({
    Verdict.BALANCED: Swatch("#2E7D32", "#E3F1E4"),
    Verdict.OVERLOADED: Swatch("#C62828", "#FBE4E4"),
    Verdict.UNDERUSED: Swatch("#B26A00", "#FDF0DC"),
})

TARGET_COLOURS: Mapping[TargetVerdict, Swatch] = MappingProxyType({
    TargetVerdict.ON_TARGET: VERDICT_COLOURS[Verdict.BALANCED],
    TargetVerdict.AHEAD: Swatch("#1565C0", "#E3EEFB"),
    TargetVerdict.SHORT: VERDICT_COLOURS[Verdict.OVERLOADED],
})
"""A target's coverage (docs/model.md §9): on target green, ahead blue, short red."""

NO_VERDICT = Swatch("#6B7280", "#F1F2F4")
"""A handoff that does not exist in the team, or a team with nothing to judge."""

ROLE_COLOURS: Mapping[Role, str] = MappingProxyType({
    Role.FOUNDER: "#8E24AA",
    Role.FULL_CYCLE: "#3949AB",
    Role.SDR_OUTBOUND: "#7B4FE0",
    Role.SDR_INBOUND: "#3F83E6",
    Role.AE: "#0E9384",
    Role.AM: "#E0701A",
    Role.MANAGER: "#5F6B7A",
})
