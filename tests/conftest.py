"""Test set-up shared by every test: Qt runs offscreen, so the suite needs no display; Hypothesis runs a
quick profile by default and a thorough one in CI (``HYPOTHESIS_PROFILE=ci``, set by ``.ci/run``)."""

import os

from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_SHARED = {"deadline": None, "derandomize": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("default", max_examples=40, **_SHARED)
"""A developer's run: every property sees forty examples, the suite stays a couple of minutes."""
settings.register_profile("ci", max_examples=200, **_SHARED)
"""CI's run, from a clean clone, on two cores: five times the examples, still well inside ten minutes."""
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
os.environ["LC_ALL"] = os.environ.get("SALESPLANNER_TEST_LOCALE", "C.UTF-8")
"""Every test reads English with British conventions unless it asks for another language; a test that
runs a command line or the app in a subprocess inherits it."""
