"""The plan file format's names, defined once: what identifies a plan file and which fields each object holds.

The reference is ``docs/plan-format.md``; the readers and the writer take every name from here.
"""

from __future__ import annotations

FORMAT = "salesplanner-plan"
VERSION = 1
SUFFIX = ".salesplan"

# Each object's fields in the order the writer puts them; a reader refuses any other key.
PLAN_FIELDS = ("format", "version", "name", "currency", "as_of", "horizon_months", "assumptions", "people",
               "scenarios")
# A person's "title" (the job title) is written only when set: files that never had one stay unchanged.
PERSON_FIELDS = ("id", "name", "title", "email", "location", "status", "fte", "productivity", "start_date",
                 "leave_date", "annual_cost")
OPENING_FIELDS = ("id", "title", "start_date", "fte", "annual_cost")
SCENARIO_FIELDS = ("id", "name", "baseline", "target_bookings", "teams", "openings", "assignments")
TEAM_FIELDS = ("id", "name", "segment", "product_line", "geography", "market", "target_bookings", "roles")
ASSUMPTIONS_FIELDS = ("tolerance", "quota_to_cost_min", "quota_to_cost_max", "attainment_min", "roles")
OPTIONAL_FIELDS = frozenset({"target_bookings"})
"""Fields the writer leaves out while they are unset (null), so files that never used them stay as they were."""
ASSIGNMENT_FIELDS = ("person", "team", "role")
