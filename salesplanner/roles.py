"""The fixed set of roles, their display names, aliases and default parameters (docs/model.md §2–§3).

This module is the single table every other part reads: the engine takes parameters from it, the
plan file validates against it, the roster import maps titles through its aliases and the UI shows its
display names.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    """A role, in the order of the conversion chain (founder first, manager last)."""

    FOUNDER = "founder"
    FULL_CYCLE = "full_cycle"
    SDR_OUTBOUND = "sdr_outbound"
    SDR_INBOUND = "sdr_inbound"
    AE = "ae"
    AM = "am"
    MANAGER = "manager"


ROLE_ORDER: tuple[Role, ...] = tuple(Role)

DISPLAY_NAMES: Mapping[Role, str] = MappingProxyType({
    Role.FOUNDER: "Founder",
    Role.FULL_CYCLE: "Full-cycle rep",
    Role.SDR_OUTBOUND: "Outbound SDR",
    Role.SDR_INBOUND: "Inbound SDR",
    Role.AE: "AE",
    Role.AM: "AM",
    Role.MANAGER: "Manager",
})

CLOSERS: frozenset[Role] = frozenset({Role.AE, Role.FULL_CYCLE, Role.FOUNDER})
"""Roles that close deals (§2: a closer is an ae, full_cycle or founder)."""

SPECIALISTS: frozenset[Role] = frozenset({Role.SDR_OUTBOUND, Role.SDR_INBOUND, Role.AE, Role.AM})
SDRS: frozenset[Role] = frozenset({Role.SDR_OUTBOUND, Role.SDR_INBOUND})
SELLERS: frozenset[Role] = frozenset(set(Role) - {Role.MANAGER})

# Job titles as they appear in CRM and HR exports, lower-cased, mapped to a role.
ALIASES: Mapping[str, Role] = MappingProxyType({
    "founder": Role.FOUNDER,
    "co-founder": Role.FOUNDER,
    "cofounder": Role.FOUNDER,
    "ceo": Role.FOUNDER,
    "full_cycle": Role.FULL_CYCLE,
    "full cycle": Role.FULL_CYCLE,
    "full-cycle": Role.FULL_CYCLE,
    "full-cycle rep": Role.FULL_CYCLE,
    "full cycle rep": Role.FULL_CYCLE,
    "sales rep": Role.FULL_CYCLE,
    "sales representative": Role.FULL_CYCLE,
    "sales executive": Role.FULL_CYCLE,
    "one-man band": Role.FULL_CYCLE,
    "sdr_outbound": Role.SDR_OUTBOUND,
    "sdr": Role.SDR_OUTBOUND,
    "bdr": Role.SDR_OUTBOUND,
    "outbound sdr": Role.SDR_OUTBOUND,
    "outbound": Role.SDR_OUTBOUND,
    "business development representative": Role.SDR_OUTBOUND,
    "sales development representative": Role.SDR_OUTBOUND,
    "sdr_inbound": Role.SDR_INBOUND,
    "inbound sdr": Role.SDR_INBOUND,
    "inbound bdr": Role.SDR_INBOUND,
    "inbound": Role.SDR_INBOUND,
    "inbound sales development representative": Role.SDR_INBOUND,
    "ae": Role.AE,
    "account executive": Role.AE,
    "closer": Role.AE,
    "am": Role.AM,
    "account manager": Role.AM,
    "csm": Role.AM,
    "customer success manager": Role.AM,
    "customer success": Role.AM,
    "manager": Role.MANAGER,
    "sales manager": Role.MANAGER,
    "team lead": Role.MANAGER,
    "team leader": Role.MANAGER,
    "head of sales": Role.MANAGER,
    "vp of sales": Role.MANAGER,
    "vp sales": Role.MANAGER,
    "sales director": Role.MANAGER,
})


def role_from_title(title: str) -> Role | None:
    """The role a job title stands for, or None when the title is not in the alias table."""
    return ALIASES.get(" ".join(title.strip().lower().split()))


# Parameters every role has. The capacity parameters below are per role.
RAMP_MONTHS = "ramp_months"
ANNUAL_COST = "annual_cost"
ANNUAL_ATTRITION = "annual_attrition"
"""Expected share of a role's people who leave in a year, voluntary and involuntary. Only the timeline
(and so the expected bookings of docs/model.md §9) uses it (``capacity.survival``); today's figures count
the people the plan names. SDRs default to 0.30: the Bridge Group's SaaS SDR studies report 30–34 % a
year. Every other role defaults to 0.15: the Alexander Group puts average annual B2B sales-rep turnover
across industries at 13.9 % ("Why your sales rep turnover is high"). Founders default to 0: a founder
leaving is a decision the plan models with a leave date, not a statistical expectation."""
ANNUAL_QUOTA = "annual_quota"
"""The bookings a closer is asked for in a full year at full time (docs/model.md §9). Only closer roles
have it; quota is what the company asks, so ramp, productivity and attrition do not discount it."""

DEFAULT_ROLE_PARAMETERS: Mapping[Role, Mapping[str, float]] = MappingProxyType({
    Role.SDR_OUTBOUND: MappingProxyType({"opps_per_month": 12, RAMP_MONTHS: 3, ANNUAL_COST: 90_000,
                                         ANNUAL_ATTRITION: 0.30}),
    Role.SDR_INBOUND: MappingProxyType({"leads_per_month": 150, RAMP_MONTHS: 3, ANNUAL_COST: 85_000,
                                        ANNUAL_ATTRITION: 0.30}),
    Role.AE: MappingProxyType({"max_open_opps": 20, RAMP_MONTHS: 5, ANNUAL_COST: 180_000, ANNUAL_ATTRITION: 0.15,
                               ANNUAL_QUOTA: 800_000}),
    Role.FULL_CYCLE: MappingProxyType({"prospecting_share": 0.4, RAMP_MONTHS: 5, ANNUAL_COST: 160_000,
                                       ANNUAL_ATTRITION: 0.15, ANNUAL_QUOTA: 600_000}),
    Role.FOUNDER: MappingProxyType({"selling_share": 0.3, RAMP_MONTHS: 0, ANNUAL_COST: 0, ANNUAL_ATTRITION: 0,
                                    ANNUAL_QUOTA: 0}),
    Role.AM: MappingProxyType({"accounts_per_am": 40, RAMP_MONTHS: 3, ANNUAL_COST: 120_000, ANNUAL_ATTRITION: 0.15}),
    Role.MANAGER: MappingProxyType({"span_min": 5, "span_max": 10, RAMP_MONTHS: 0, ANNUAL_COST: 220_000,
                                    ANNUAL_ATTRITION: 0.15}),
})

SHARE_PARAMETERS: frozenset[str] = frozenset({"prospecting_share", "selling_share", ANNUAL_ATTRITION})
"""Parameters that are fractions (of a person's time, of a role's people) and so must lie between 0 and 1."""

PARAMETER_LABELS: Mapping[str, str] = MappingProxyType({
    "opps_per_month": "Opportunities sourced / month",
    "leads_per_month": "Inbound leads worked / month",
    "max_open_opps": "Open opportunities worked at once",
    "prospecting_share": "Time spent prospecting",
    "selling_share": "Selling share of a full-cycle rep",
    "accounts_per_am": "Accounts per AM",
    "span_min": "Healthy span, minimum",
    "span_max": "Healthy span, maximum",
    RAMP_MONTHS: "Ramp (months)",
    ANNUAL_COST: "Default annual cost",
    ANNUAL_ATTRITION: "Expected attrition / year",
    ANNUAL_QUOTA: "Annual quota",
})
