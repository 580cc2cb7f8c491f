"""Files shipped with the app (resources/): the demo plan, the style sheet, translations.

In a source checkout they sit beside the packages; a wheel carries them inside the package
(pyproject's force-include), so both places are looked at.
"""

from __future__ import annotations

from pathlib import Path

from salesplanner.model import Plan
from salesplanner.planfile.read import load_plan

_PACKAGE = Path(__file__).resolve().parent
RESOURCES = next((p for p in (_PACKAGE / "resources", _PACKAGE.parent / "resources") if p.is_dir()),
                 _PACKAGE.parent / "resources")
DEMO_PLAN_PATH = RESOURCES / "nordlys.salesplan"


def load_demo_plan() -> Plan:
    """The bundled demo plan: Nordlys Software, a Nordic B2B software company."""
    return load_plan(DEMO_PLAN_PATH)
