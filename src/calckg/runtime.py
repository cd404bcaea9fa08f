"""Process-wide settings calckg relies on, applied explicitly by each entry point, never on import.

`configure()` is called by the `calckg` command group, by worker processes when they start, and by the test
suite's conftest. A program that uses calckg as a library calls it once before building or querying.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from calckg import netguard


def configure() -> None:
    """Refuse outbound network requests to hosts nobody named, and stop rdflib from fetching `FROM <url>` graphs
    (docs/reliability.md rows 1–4). Idempotent."""
    netguard.install()


@contextmanager
def rare_garbage_collection() -> Iterator[None]:
    """The cyclic garbage collector runs rarely inside the block: building graphs allocates many long-lived terms
    and index entries, and every full collection walks all of them (bench/README.md)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
