"""Child processes that end when their parent ends, however the parent ends (issue 17: no orphans).

Every place that starts a long-lived child (the Oxigraph server of `calckg serve`, the article workers, the
reasoner's worker, the benchmark's track processes and its Oxigraph server, the test suite's servers) ties it to
its parent with this one mechanism: Linux's `prctl(PR_SET_PDEATHSIG)`, asked for in the child, makes the kernel
send the child a signal the moment its parent dies, SIGKILL included, where no `finally` or `atexit` runs.

- A program that is not Python (oxigraph): `subprocess.Popen(..., preexec_fn=die_with_parent())`.
- A Python child that runs calckg code (a multiprocessing worker, `python -m bench.worker`): it calls
  `tie_to_parent(expected_parent_pid)` first thing, which needs no `preexec_fn`.

Linux delivers the signal when the *thread* that started the child ends, so start children from a thread that
outlives them (the main thread, or the thread that waits for them), as every caller here does. If the parent died
before the request took effect, the child exits at once. Elsewhere than Linux nothing is arranged (the callers'
own cleanup, temp folders owned by pid, still runs).
"""

from __future__ import annotations

import ctypes
import os
import signal
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
"""From <linux/prctl.h>."""


def _prctl() -> Callable[..., int] | None:
    """libc's prctl, looked up in the parent (no dynamic loading between fork and exec), or None off Linux."""
    try:
        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def tie_to_parent(parent: int, signum: int = signal.SIGKILL) -> bool:
    """In the child: ask the kernel for `signum` when the parent dies; exit at once if `parent` is already gone
    (the child was reparented before it could ask). True when the request was made (Linux)."""
    prctl = _prctl()
    return _arrange(prctl, parent, signum)


def _arrange(prctl: Callable[..., int] | None, parent: int, signum: int) -> bool:
    if prctl is None or prctl(PR_SET_PDEATHSIG, int(signum), 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:
        os._exit(1)
    return True


def die_with_parent(signum: int = signal.SIGKILL) -> Callable[[], None]:
    """A `preexec_fn` for `subprocess.Popen`: the child (any program) gets `signum` when this process dies."""
    parent = os.getpid()
    prctl = _prctl()

    def arrange() -> None:
        _arrange(prctl, parent, signum)

    return arrange
