"""The plan file format's names, defined once: what identifies a plan file and which fields each object holds.

The reference is ``docs/plan-format.md``. Each table maps a field to the JSON value it holds, in the order
the writer puts them; the careful reader (``read``) refuses any other key, the fast reader (``fast``) decodes
exactly these types, and the writer (``write``) writes every field (an unset one of ``OPTIONAL_FIELDS`` left
out). Adding a field to the format is one line
in a table here, plus how ``read`` checks it and ``write`` writes it.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias

from salesplanner.model import Status
from salesplanner.roles import Role

FORMAT = "salesplanner-plan"
VERSION = 1
SUFFIX = ".salesplan"

Number: TypeAlias = int | float
"""A JSON number. Whole numbers stay ``int``, so a plan saves as it was read."""
RoleTable: TypeAlias = dict[Role, dict[str, Number]]
"""Role parameters by role (``assumptions.roles``, a team's ``roles``)."""

# A nested table is an object of that kind; a table in a list, a list of them.
PERSON_FIELDS: dict[str, Any] = {
    "id": str, "name": str, "title": str | None, "email": str | None, "location": str | None, "status": Status,
    "fte": Number, "productivity": Number, "start_date": date | None, "leave_date": date | None,
    "annual_cost": Number | None, "locked": bool | None,
}
OPENING_FIELDS: dict[str, Any] = {
    "id": str, "title": str, "start_date": date | None, "fte": Number, "annual_cost": Number | None,
}
MARKET_FIELDS: dict[str, Any] = {
    "inbound_leads_per_month": Number, "lead_to_opp_rate": Number, "sales_cycle_days": Number, "win_rate": Number,
    "avg_deal_size": Number, "existing_customers": Number, "monthly_churn": Number,
}
TEAM_FIELDS: dict[str, Any] = {
    "id": str, "name": str, "segment": str | None, "product_line": str | None, "geography": str | None,
    "market": MARKET_FIELDS, "target_bookings": Number | None, "roles": RoleTable, "locked": bool | None,
}
ASSIGNMENT_FIELDS: dict[str, Any] = {"person": str, "team": str, "role": Role}
SCENARIO_FIELDS: dict[str, Any] = {
    "id": str, "name": str, "baseline": bool, "target_bookings": Number | None, "teams": [TEAM_FIELDS],
    "openings": [OPENING_FIELDS], "assignments": [ASSIGNMENT_FIELDS],
}
ASSUMPTIONS_FIELDS: dict[str, Any] = {
    "tolerance": Number, "quota_to_cost_min": Number, "quota_to_cost_max": Number, "attainment_min": Number,
    "hiring_lead_days": int | None, "roles": RoleTable,
}
PLAN_FIELDS: dict[str, Any] = {
    "format": str, "version": int, "name": str, "currency": str, "as_of": date, "horizon_months": int,
    "assumptions": ASSUMPTIONS_FIELDS, "people": [PERSON_FIELDS], "scenarios": [SCENARIO_FIELDS],
}
OPTIONAL_FIELDS = frozenset({"target_bookings", "title", "locked", "hiring_lead_days"})
"""Fields the writer leaves out while they are unset (null), so files that never used them stay as they were —
a person's job title, a team's and a scenario's target (an opening's title is required), the advisor's locks
(written only when true); a reader takes a missing one as unset. The hiring lead time is always written, but
a file from before it existed has none, and takes the default (docs/model.md §10)."""
