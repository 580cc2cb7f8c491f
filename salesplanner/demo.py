"""The bundled demo plan: Nordlys Software, a Nordic B2B software company (resources/)."""

from __future__ import annotations

from pathlib import Path

from salesplanner.model import Plan
from salesplanner.planfile import load_plan

DEMO_PLAN_PATH = Path(__file__).resolve().parent.parent / "resources" / "nordlys.salesplan"


def load_demo_plan() -> Plan:
    return load_plan(DEMO_PLAN_PATH)
