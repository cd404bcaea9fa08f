"""Independent work items run in a pool of spawned worker processes, two per 2-core machine.

Used where items never look at each other (articles: their graphs, their article-local shapes). Processes are
spawned, not forked: the build runs HermiT in a thread of the parent, and a fork would copy its state. Each worker
sets itself up once (`initializer`) and then receives batches; at most a few batches are in flight, so the parent
never holds every item's input at once.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

WORKERS = min(2, os.cpu_count() or 1)
"""Worker processes (the development machine has two cores; the parent mostly waits meanwhile)."""
MIN_ITEMS = 8
"""Fewer items than this run in-process: starting workers costs about a second."""


def batched(items: Sequence[Item], size: int) -> list[list[Item]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def run_in_workers(
    task: Callable[[list[Item]], list[Result]],
    batches: Iterable[list[Item]],
    *,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
) -> list[Result] | None:
    """`task(batch)` for every batch in worker processes, results in batch order; None if the pool cannot run
    (a `__main__` script without the `if __name__ == "__main__":` guard that spawned processes need): the
    caller then does the work in-process. `task` and `initializer` must be module-level functions."""
    results: list[Result] = []
    try:
        with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=initializer, initargs=initargs) as pool:  # fmt: skip
            pending: list[Future[list[Result]]] = []
            for batch in batches:
                pending.append(pool.submit(task, batch))
                if len(pending) > 2 * WORKERS:
                    results.extend(pending.pop(0).result())
            for future in pending:
                results.extend(future.result())
    except BrokenProcessPool:
        return None
    return results
