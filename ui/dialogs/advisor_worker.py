"""The advisor's search on a background thread, so the window stays responsive and Stop works.

The search runs on a plain Python thread (HiGHS releases the GIL while it solves) and reports through
the signals of an object that lives in the GUI thread: a signal emitted from another thread reaches its
slots queued, in the GUI thread. No QObject ever lives in the search thread, so nothing of Qt's has to
be torn down there. The worker searches a snapshot of the plan (``snapshot``): the user may go on editing
while it runs, and the dialog marks an answer stale when the plan changes under it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from salesplanner.advisor import AdviceOptions, AdvisorError, SearchCancelledError, advise
from salesplanner.commands import copy_scenario
from salesplanner.model import Plan, PlanError, ScenarioId


def snapshot(plan: Plan) -> Plan:
    """A copy of the plan's containers (people, scenarios); the values in them are frozen and shared."""
    return Plan(name=plan.name, scenarios={sid: copy_scenario(s, new_id=sid, name=s.name)
                                           for sid, s in plan.scenarios.items()},
                baseline=plan.baseline, currency=plan.currency, as_of=plan.as_of, horizon_months=plan.horizon_months,
                assumptions=plan.assumptions, people=dict(plan.people))


class AdviceRun(QObject):
    """One search. ``start`` begins it; ``stop`` asks it to end; ``wait`` joins its thread."""

    progressed = Signal(str)
    finished = Signal(object)
    """The ``Advice``."""
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, plan: Plan, scenario_id: ScenarioId, options: AdviceOptions,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plan, self._scenario_id, self._options = plan, scenario_id, options
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="advisor", daemon=True)

    def _run(self) -> None:
        try:
            advice = advise(self._plan, self._scenario_id, self._options, should_stop=self._stop.is_set,
                            progress=self.progressed.emit)
        except SearchCancelledError:
            self.cancelled.emit()
        except (PlanError, AdvisorError) as error:
            self.failed.emit(str(error))
        else:
            self.finished.emit(advice)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def wait(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()
