"""A wall-clock limit for the read commands (`query`, `answer`, `related`: `--timeout`, default 30 s) on every
backend (issue 17 item 9, docs/reliability.md).

Neither rdflib nor pyoxigraph can cancel a running query, so the work runs in a daemon thread and, past the limit,
the process prints one line and ends with exit 4 (`os._exit`: nothing is left to flush, the commands write nothing
before their result). Ending the process is what releases the store: an embedded Oxigraph directory's lock, an
HTTP connection, the memory of the in-memory store. pyoxigraph releases the GIL while it evaluates, rdflib
yields it every few milliseconds, so the waiting thread wakes up on time with either.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from calckg.errors import EXIT_STORE

T = TypeVar("T")


def within(seconds: float, what: str, work: Callable[[], T]) -> T:
    """`work()`'s result, or exit 4 with "<what> timed out" once `seconds` have passed."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # noqa: BLE001 - handed to the calling thread as it is
            outcome["error"] = error

    worker = threading.Thread(target=run, name="calckg-deadline", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        sys.stdout.flush()
        sys.stderr.write(f"calckg: error: {what} timed out after {seconds:g} s and was stopped "
                         "(raise --timeout, or narrow the query)\n")
        sys.stderr.flush()
        os._exit(EXIT_STORE)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
