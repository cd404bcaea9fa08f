"""Independent work items run in a pool of spawned worker processes, two per 2-core machine.

Used where items never look at each other (articles: their graphs, their article-local shapes). Processes are
spawned, not forked: the build runs HermiT in a thread of the parent, and a fork would copy its state. Each worker
sets itself up once (`initializer`) and then receives batches; at most a few batches are in flight, so the parent
never holds every item's input at once.

A worker that dies (killed by the system, usually for lack of memory) stops the run with a WorkersFailed error
rather than a silent rerun of everything in the parent, which would most likely run out of memory in turn.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from calckg import resources, runtime
from calckg.errors import CalckgError
from calckg.lifeline import tie_to_parent

Item = TypeVar("Item")
Result = TypeVar("Result")

WORKERS = min(2, os.cpu_count() or 1)
"""Worker processes (the development machine has two cores; the parent mostly waits meanwhile)."""
MIN_ITEMS = 8
"""Fewer items than this run in-process: starting workers costs about a second."""


class WorkersFailed(CalckgError):
    """A worker process stopped before finishing its batch (exit 2): nothing was written."""


def batched(items: Sequence[Item], size: int) -> list[list[Item]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _start_worker(folders: resources.Overrides, initializer: Callable[..., None], *initargs: Any) -> None:
    """A spawned worker is a new entry point: the same process settings and data folders as its parent; it dies
    with its parent (:mod:`calckg.lifeline`), so a killed build or benchmark leaves no worker behind."""
    parent = multiprocessing.parent_process()
    if parent is not None and parent.pid is not None:
        tie_to_parent(parent.pid)
    runtime.configure()
    resources.configure(shapes=folders.shapes, queries=folders.queries, packs=folders.packs)
    initializer(*initargs)


def run_in_workers(
    task: Callable[[list[Item]], list[Result]],
    batches: Iterable[list[Item]],
    *,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
) -> list[Result]:
    """`task(batch)` for every batch in worker processes, results in batch order. `task` and `initializer` must be
    module-level functions (and a script that calls this needs the `if __name__ == "__main__":` guard that spawned
    processes require)."""
    results: list[Result] = []
    try:
        with ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_start_worker,
                                 initargs=(resources.overrides(), initializer, *initargs)) as pool:  # fmt: skip
            pending: list[Future[list[Result]]] = []
            for batch in batches:
                pending.append(pool.submit(task, batch))
                if len(pending) > 2 * WORKERS:
                    results.extend(pending.pop(0).result())
            for future in pending:
                results.extend(future.result())
    except BrokenProcessPool:
        raise WorkersFailed(
            f"a worker process stopped before finishing (killed by the system, often for lack of memory; "
            f"{WORKERS} workers were running); nothing was written"
        ) from None
    return results
