"""Building large structures without the cyclic garbage collector walking them again and again."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large tree of new objects is built.

    Every few hundred new objects the collector runs, and as the tree grows it re-walks everything built
    so far: on a 10,000-person plan that is about a fifth of computing its figures. Plans, their figures
    and decoded files hold no reference cycles (reference counting frees them), so nothing waits on
    the collector meanwhile; it runs again as usual afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
