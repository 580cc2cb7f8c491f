"""Files shipped with the app (resources/, found by ``files.RESOURCES``): the demo plan, the style sheet,
translations."""

from __future__ import annotations

from salesplanner.locations import RESOURCES
from salesplanner.model import Plan
from salesplanner.planfile.read import load_plan

__all__ = ["DEMO_PLAN_PATH", "RESOURCES", "load_demo_plan"]

DEMO_PLAN_PATH = RESOURCES / "nordlys.salesplan"


def load_demo_plan() -> Plan:
    """The bundled demo plan: Nordlys Software, a Nordic B2B software company."""
    return load_plan(DEMO_PLAN_PATH)
