"""Where the files shipped with the app are: the demo plan, style sheet, icons, translations, licences."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
RESOURCES = next((p for p in (_PACKAGE / "resources", _PACKAGE.parent / "resources") if p.is_dir()),
                 _PACKAGE.parent / "resources")
"""resources/: in a source checkout (and the bundle) beside the packages; a wheel carries it inside the
package (pyproject's force-include), so both places are looked at."""
