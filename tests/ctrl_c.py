"""Children that a test stops with Ctrl-C (SIGINT) must get it, however the test run was started."""

from __future__ import annotations

import signal
from collections.abc import Callable


def interruptible(then: Callable[[], None] | None = None) -> Callable[[], None]:
    """A `preexec_fn` that sets SIGINT back to its default in the child (then runs `then`). A test run started as a
    background job of a non-interactive shell (`pytest &`) has SIGINT ignored, every child inherits that, and a
    Python child then never raises KeyboardInterrupt."""

    def arrange() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if then is not None:
            then()

    return arrange
